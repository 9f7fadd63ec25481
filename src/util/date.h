/*
 * date.h — Dutch calendar dates without locales.
 *
 * A kr_date is a plain proleptic-Gregorian calendar date. This module parses
 * strict ISO input, formats the Dutch way ("05-03-2026", "5 maart 2026") with
 * month names of its own, computes Dutch national holidays and working days,
 * and handles quarters ("Q1 2027"). Everything is pure: no locale, no time
 * zone, no global state; "today" is always a parameter, except for the one
 * helper kr_date_today_utc(). It must never read the clock anywhere else.
 * One exception to "no global state": the demo clock shift (kr_date_shift_today),
 * set once at start-up, only for a database holding the demo region, so that
 * tests and demonstrations can see what happens weeks from now.
 *
 * Two notions of validity:
 *   - kr_date_valid(): a real calendar date in the application range
 *     1900–2200. Parsers accept only such dates.
 *   - arithmetic (day numbers, weekdays, adding days, holidays, working days)
 *     is correct for any real calendar date of years 1..9999 and, for other
 *     input, returns an unspecified value without undefined behaviour.
 */
#ifndef KR_DATE_H
#define KR_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct kr_date {
	int y, m, d; /* year, month 1..12, day 1..31 */
} kr_date;

/* A timestamp as SQLite's datetime('now') writes it (UTC, whole seconds). */
typedef struct kr_datetime {
	kr_date date;
	int hh, mi, ss;
} kr_datetime;

typedef struct kr_quarter {
	int year;
	int q; /* 1..4 */
} kr_quarter;

#define KR_DATE_YEAR_MIN 1900
#define KR_DATE_YEAR_MAX 2200

#define KR_DATE_BUF 11       /* "dd-mm-jjjj" or "jjjj-mm-dd" + NUL */
#define KR_DATE_LONG_BUF 24  /* "27 september 2026" + NUL, with room */
#define KR_DATETIME_BUF 17   /* "dd-mm-jjjj HH:MM" + NUL */
#define KR_QUARTER_BUF 8     /* "Q1 2027" + NUL */
#define KR_HOLIDAYS_MAX 11   /* most holidays one year can have */

/* kr_add_working_days() clamps n to plus or minus this many working days. */
#define KR_WORKING_DAYS_MAX 100000

/* One holiday: its date and its Dutch name (a static string). */
typedef struct kr_holiday {
	kr_date date;
	const char *name;
} kr_holiday;

/* True for leap years of the Gregorian calendar. */
bool kr_is_leap_year(int y);

/* Days in month m (1..12) of year y; 0 when m is out of range. */
int kr_days_in_month(int y, int m);

/* True when d is a real calendar date with year 1900..2200. */
bool kr_date_valid(kr_date d);

/* <0, 0, >0 as a is before, equal to, after b (field-wise, no validation). */
int kr_date_cmp(kr_date a, kr_date b);

/*
 * Parse exactly "YYYY-MM-DD" (10 characters, nothing before or after) into
 * *out. Returns false, leaving *out untouched, unless the text is well formed
 * and kr_date_valid() holds. s may be NULL (returns false).
 */
bool kr_date_parse_iso(const char *s, kr_date *out);

/*
 * Parse a date as a person types it in the Netherlands: day, month, year with
 * "-", "/" or "." between them, day and month one or two digits, the year four
 * ("3-4-2016", "03/04/2016", "3.4.2016"). Nothing before or after; false (out
 * untouched) unless kr_date_valid() holds.
 */
bool kr_date_parse_nl(const char *s, kr_date *out);
/* kr_date_parse_iso() or else kr_date_parse_nl(). */
bool kr_date_parse_input(const char *s, kr_date *out);

/*
 * Write "dd-mm-jjjj" (e.g. "05-03-2026") into out, NUL-terminated. A date
 * that is not a real calendar date of years 1..9999 is written as
 * "ongeldig" so that a broken value is visible but never overflows.
 */
void kr_date_format(kr_date d, char out[static KR_DATE_BUF]);

/* As kr_date_format(), but ISO "jjjj-mm-dd" (for <input type=date> and SQL). */
void kr_date_format_iso(kr_date d, char out[static KR_DATE_BUF]);

/*
 * Write the long form "5 maart 2026" into out, NUL-terminated; an invalid
 * date (as for kr_date_format()) gives "ongeldig".
 */
void kr_date_format_long(kr_date d, char out[static KR_DATE_LONG_BUF]);

/* Dutch month name in lower case ("januari") for m 1..12, else "?". Static. */
const char *kr_month_name(int m);

/* Dutch weekday name ("maandag") for ISO weekday 1..7, else "?". Static. */
const char *kr_weekday_name(int iso_weekday);

/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int kr_date_weekday(kr_date d);

/* Day number of d: days since 1970-01-01 (negative before). */
int64_t kr_days_from_civil(kr_date d);

/* Inverse of kr_days_from_civil(). */
kr_date kr_civil_from_days(int64_t days);

/* d plus n days (n may be negative). */
kr_date kr_date_add_days(kr_date d, int64_t n);

/* (to - from) in days. */
int64_t kr_date_diff_days(kr_date from, kr_date to);

/* Today's date in UTC, from time() and gmtime_r(). The only clock reader. */
kr_date kr_date_today_utc(void);

/* Dutch civil time without tzdata: CET (UTC+1), and CEST (UTC+2) from the last
 * Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC (EU rule). */
int kr_nl_utc_offset_hours(int64_t unix_seconds);
/* Today's date in the Netherlands — what "vandaag" means to every user. */
kr_date kr_date_today_nl(void);
/* Demo and test mode only (main.c calls it before serving, and only when the
 * database holds the demo region): kr_date_today_nl() answers `days` later. */
void kr_date_shift_today(int days);
/* The Dutch calendar date of an SQLite UTC timestamp ("2026-03-28 23:30:00" is
 * 29-03-2026 in the Netherlands); false, *out untouched, when utc is not one. */
bool kr_date_of_utc_timestamp_nl(const char *utc, kr_date *out);

/* The UTC instant of 00:00 Dutch time on day d, as "YYYY-MM-DD HH:MM:SS" (sep ' ',
 * the form of SQLite's datetime()) or "YYYY-MM-DDTHH:MM:SS" (sep 'T', the audit
 * log's form): where a period typed as Dutch dates starts, or (for d + 1) ends. */
void kr_nl_midnight_utc(kr_date d, char sep, char out[static 20]);

/* Easter Sunday of year y (anonymous Gregorian algorithm); for y >= 1583. */
kr_date kr_easter(int y);

/*
 * Fill out with the national holidays of year y, sorted by date, each date
 * once (when two holidays coincide, e.g. Hemelvaartsdag and Bevrijdingsdag
 * on 5 May 2005, the first in the list below names the day). Returns the
 * count (at most KR_HOLIDAYS_MAX). Names are static strings.
 *
 * Counted as holidays:
 *   Nieuwjaarsdag (1 January);
 *   Goede Vrijdag (Easter - 2): not a general day off by law, but many
 *     organisations and chain partners close, so deadlines skip it — a
 *     deliberate decision;
 *   Eerste and Tweede Paasdag (Easter, Easter + 1);
 *   Koningsdag 27 April, or 26 April when the 27th is a Sunday (from 2014);
 *     Koninginnedag 30 April, or 29 April when that is a Sunday (1980–2013),
 *     or 1 May when 30 April is a Sunday (1949–1979); 31 August (1891–1948,
 *     no Sunday rule modelled);
 *   Bevrijdingsdag (5 May) only in lustrum years (year % 5 == 0, from 1945):
 *     it is a national holiday every year, but a day off under most
 *     collective agreements only once every five years — we follow that;
 *   Hemelvaartsdag (Easter + 39);
 *   Eerste and Tweede Pinksterdag (Easter + 49, + 50);
 *   Eerste and Tweede Kerstdag (25, 26 December).
 */
size_t kr_holidays_of_year(int y, kr_holiday out[static KR_HOLIDAYS_MAX]);

/* Name of the holiday on d (static string), or NULL when d is none. */
const char *kr_holiday_name(kr_date d);

/* True when d is one of the holidays of kr_holidays_of_year(). */
bool kr_is_holiday(kr_date d);

/* True when d is Monday..Friday and not a holiday. */
bool kr_is_working_day(kr_date d);

/*
 * Number of working days after from, up to and including to; 0 when
 * to <= from. Runs in time proportional to the number of years spanned
 * (years outside 1..9999 are clamped away).
 */
int kr_working_days_between(kr_date from, kr_date to);

/*
 * The n-th working day after from (n > 0) or before from (n < 0); from
 * itself when n == 0, working day or not. n is clamped to
 * ±KR_WORKING_DAYS_MAX. For n > 0:
 * kr_working_days_between(from, kr_add_working_days(from, n)) == n.
 */
kr_date kr_add_working_days(kr_date from, int n);

/*
 * Parse exactly "YYYY-MM-DD HH:MM:SS" (SQLite datetime('now'), UTC) into
 * *out. The date must satisfy kr_date_valid(); HH 00..23, MM and SS 00..59.
 * Returns false, leaving *out untouched, on anything else (or NULL s).
 */
bool kr_datetime_parse(const char *s, kr_datetime *out);

/*
 * Write "dd-mm-jjjj HH:MM" into out. No time-zone conversion happens: the
 * clock time is shown as stored. Invalid values give "ongeldig".
 */
void kr_datetime_format(kr_datetime dt, char out[static KR_DATETIME_BUF]);

/*
 * Convenience for templates: parse an SQLite timestamp and format it as
 * "dd-mm-jjjj HH:MM". Returns false and writes "" when s does not parse.
 */
bool kr_datetime_reformat(const char *s, char out[static KR_DATETIME_BUF]);
/* As kr_datetime_reformat, for a UTC timestamp shown in Dutch time; also takes
 * ISO 8601 "YYYY-MM-DDTHH:MM:SS…" (the audit log's form). */
bool kr_datetime_reformat_nl(const char *utc, char out[static KR_DATETIME_BUF]);

/* True when q.q is 1..4 and q.year is 1900..2200. */
bool kr_quarter_valid(kr_quarter q);

/*
 * Parse a quarter: "Q1 2027", "Q1-2027" or "2027-Q1", with Q or q, quarter
 * 1..4 and a four-digit year 1900..2200. Leading and trailing spaces are
 * ignored; nothing else is. Returns false, leaving *out untouched, otherwise.
 */
bool kr_quarter_parse(const char *s, kr_quarter *out);

/* The quarter d falls in. */
kr_quarter kr_quarter_of(kr_date d);

/* First and last calendar day of q (q.q must be 1..4; else clamped). */
kr_date kr_quarter_first_day(kr_quarter q);
kr_date kr_quarter_last_day(kr_quarter q);

/* q moved by n quarters (n may be negative). */
kr_quarter kr_quarter_add(kr_quarter q, int n);

/* Write "Q1 2027"; a quarter outside 1..4 or year outside 0..9999 gives "Q? ?". */
void kr_quarter_format(kr_quarter q, char out[static KR_QUARTER_BUF]);

#endif
