/*
 * date.c — Dutch calendar dates, holidays, working days and quarters (see
 * date.h). Pure functions over plain values: no locale, no time zone, no
 * global mutable state. Day-number conversion follows Howard Hinnant's
 * days_from_civil / civil_from_days; Easter uses the anonymous Gregorian
 * (Meeus/Jones/Butcher) algorithm. Arithmetic is done in int64_t so that
 * nonsense input gives nonsense output, never undefined behaviour.
 *
 * Working-day arithmetic is on every page with a deadline, so the weekday
 * holidays of 1900–2200 are computed once (pthread_once) into a sorted table of
 * day numbers; counting holidays in a range is then two binary searches. Years
 * outside that range fall back to computing their list on the spot.
 */
#include "util/date.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const month_names[12] = {
	"januari", "februari", "maart", "april", "mei", "juni",
	"juli", "augustus", "september", "oktober", "november", "december",
};

static const char *const weekday_names[7] = {
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
};

bool kr_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int kr_days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && kr_is_leap_year(y))
		return 29;
	return dim[m - 1];
}

/* A real calendar date in the range where arithmetic and formatting hold. */
static bool calendar_ok(kr_date d)
{
	return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= kr_days_in_month(d.y, d.m);
}

bool kr_date_valid(kr_date d)
{
	return d.y >= KR_DATE_YEAR_MIN && d.y <= KR_DATE_YEAR_MAX && calendar_ok(d);
}

int kr_date_cmp(kr_date a, kr_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read exactly n ASCII digits at s into *v. */
static bool digits(const char *s, int n, int *v)
{
	int r = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return false;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	return true;
}

/* Parse "YYYY-MM-DD" at s (no terminator check) into a valid date. */
static bool parse_iso_prefix(const char *s, kr_date *out)
{
	kr_date d;
	if (!digits(s, 4, &d.y) || s[4] != '-' || !digits(s + 5, 2, &d.m) ||
	    s[7] != '-' || !digits(s + 8, 2, &d.d))
		return false;
	if (!kr_date_valid(d))
		return false;
	*out = d;
	return true;
}

bool kr_date_parse_iso(const char *s, kr_date *out)
{
	kr_date d;
	if (s == NULL || strlen(s) != 10 || !parse_iso_prefix(s, &d))
		return false;
	*out = d;
	return true;
}

/* Write v (0..99) as two digits. */
static void put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

/* Write v (0..9999) as four digits. */
static void put4(char *p, int v)
{
	put2(p, v / 100);
	put2(p + 2, v % 100);
}

void kr_date_format(kr_date d, char out[static KR_DATE_BUF])
{
	if (!calendar_ok(d)) {
		memcpy(out, "ongeldig", sizeof "ongeldig");
		return;
	}
	put2(out, d.d);
	out[2] = '-';
	put2(out + 3, d.m);
	out[5] = '-';
	put4(out + 6, d.y);
	out[10] = '\0';
}

void kr_date_format_iso(kr_date d, char out[static KR_DATE_BUF])
{
	if (!calendar_ok(d)) {
		memcpy(out, "ongeldig", sizeof "ongeldig");
		return;
	}
	put4(out, d.y);
	out[4] = '-';
	put2(out + 5, d.m);
	out[7] = '-';
	put2(out + 8, d.d);
	out[10] = '\0';
}

void kr_date_format_long(kr_date d, char out[static KR_DATE_LONG_BUF])
{
	if (!calendar_ok(d)) {
		memcpy(out, "ongeldig", sizeof "ongeldig");
		return;
	}
	snprintf(out, KR_DATE_LONG_BUF, "%d %s %d", d.d, month_names[d.m - 1], d.y);
}

const char *kr_month_name(int m)
{
	if (m < 1 || m > 12)
		return "?";
	return month_names[m - 1];
}

const char *kr_weekday_name(int iso_weekday)
{
	if (iso_weekday < 1 || iso_weekday > 7)
		return "?";
	return weekday_names[iso_weekday - 1];
}

/* Floor division and modulo for a positive divisor. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if (a % b != 0 && a < 0)
		q--;
	return q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

int64_t kr_days_from_civil(kr_date d)
{
	int64_t y = (int64_t)d.y - (d.m <= 2);
	int64_t m = d.m;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + (int64_t)d.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

kr_date kr_civil_from_days(int64_t days)
{
	int64_t z = days + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = yoe + era * 400 + (m <= 2);
	return (kr_date){ .y = (int)y, .m = (int)m, .d = (int)d };
}

/* ISO weekday of a day number; 1970-01-01 (day 0) was a Thursday. */
static int weekday_of_days(int64_t z)
{
	return (int)floor_mod(z + 3, 7) + 1;
}

int kr_date_weekday(kr_date d)
{
	return weekday_of_days(kr_days_from_civil(d));
}

kr_date kr_date_add_days(kr_date d, int64_t n)
{
	return kr_civil_from_days(kr_days_from_civil(d) + n);
}

int64_t kr_date_diff_days(kr_date from, kr_date to)
{
	return kr_days_from_civil(to) - kr_days_from_civil(from);
}

/* Seconds since the epoch of 01:00 UTC on the last Sunday of month m of year y. */
static int64_t last_sunday_0100_utc(int y, int m)
{
	kr_date last = { y, m, kr_days_in_month(y, m) };
	int64_t z = kr_days_from_civil(last);
	z -= kr_date_weekday(last) % 7; /* ISO 7 = Sunday */
	return z * 86400 + 3600;
}

/* The year last asked about, per thread: its bounds and its summer time, in seconds
 * since the epoch. A list formats dozens of dates a row, nearly all of one or two
 * years, so most calls compare t with the bounds and do no calendar arithmetic. */
static _Thread_local struct {
	int64_t year_from, year_to, summer_from, summer_to;
} dst_year = { 1, 0, 0, 0 }; /* an empty year: the first call fills it */

int kr_nl_utc_offset_hours(int64_t t)
{
	if (t < dst_year.year_from || t >= dst_year.year_to) {
		int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
		int y = kr_civil_from_days(days).y;
		dst_year.year_from = kr_days_from_civil((kr_date){ y, 1, 1 }) * 86400;
		dst_year.year_to = kr_days_from_civil((kr_date){ y + 1, 1, 1 }) * 86400;
		dst_year.summer_from = last_sunday_0100_utc(y, 3);
		dst_year.summer_to = last_sunday_0100_utc(y, 10);
	}
	return (t >= dst_year.summer_from && t < dst_year.summer_to) ? 2 : 1;
}

static int today_shift_days; /* set once before the server starts; see date.h */

void kr_date_shift_today(int days)
{
	today_shift_days = days;
}

void kr_nl_midnight_utc(kr_date d, char sep, char out[static 20])
{
	int64_t t = kr_days_from_civil(d) * 86400;
	t -= 3600 * kr_nl_utc_offset_hours(t - 3600); /* the switch is at 01:00 UTC, never near midnight */
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t rest = t - days * 86400;
	kr_date day = kr_civil_from_days(days);
	char buf[64]; /* the compiler cannot see that every field fits */
	snprintf(buf, sizeof buf, "%04d-%02d-%02d%c%02d:%02d:%02d", day.y, day.m, day.d, sep, (int)(rest / 3600),
	         (int)(rest / 60 % 60), (int)(rest % 60));
	memcpy(out, buf, 19);
	out[19] = '\0';
}

kr_date kr_date_today_nl(void)
{
	int64_t t = (int64_t)time(NULL) + (int64_t)today_shift_days * 86400;
	t += 3600 * kr_nl_utc_offset_hours(t);
	return kr_civil_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400);
}

/* A UTC date and time as Dutch civil time. */
static kr_datetime utc_to_nl(kr_datetime dt)
{
	int64_t t = kr_days_from_civil(dt.date) * 86400 + dt.hh * 3600 + dt.mi * 60 + dt.ss;
	t += 3600 * kr_nl_utc_offset_hours(t);
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t rest = t - days * 86400;
	return (kr_datetime){ kr_civil_from_days(days), (int)(rest / 3600), (int)(rest / 60 % 60), (int)(rest % 60) };
}

bool kr_datetime_reformat_nl(const char *utc, char out[static KR_DATETIME_BUF])
{
	kr_datetime dt;
	char sqlite_shape[20];
	if (utc && strlen(utc) >= 19 && utc[10] == 'T') {
		/* ISO 8601 as the audit log writes it: "2026-11-22T14:03:00.123Z" */
		memcpy(sqlite_shape, utc, 19);
		sqlite_shape[10] = ' ';
		sqlite_shape[19] = '\0';
		utc = sqlite_shape;
	}
	if (!kr_datetime_parse(utc, &dt)) {
		out[0] = '\0';
		return false;
	}
	kr_datetime_format(utc_to_nl(dt), out);
	return true;
}

bool kr_date_of_utc_timestamp_nl(const char *utc, kr_date *out)
{
	kr_datetime dt;
	if (!kr_datetime_parse(utc, &dt))
		return false;
	*out = utc_to_nl(dt).date;
	return true;
}

kr_date kr_date_today_utc(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (gmtime_r(&now, &tm) == NULL)
		return (kr_date){ 1970, 1, 1 };
	return (kr_date){ .y = tm.tm_year + 1900, .m = tm.tm_mon + 1, .d = tm.tm_mday };
}

kr_date kr_easter(int y)
{
	int a = y % 19;
	int b = y / 100;
	int c = y % 100;
	int d = b / 4;
	int e = b % 4;
	int f = (b + 8) / 25;
	int g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4;
	int k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int n = h + l - 7 * m + 114;
	return (kr_date){ .y = y, .m = n / 31, .d = n % 31 + 1 };
}

/* The royal holiday of year y; false when the year has none. */
static bool royal_day(int y, kr_holiday *out)
{
	kr_date d;
	const char *name = "Koninginnedag";
	if (y >= 2014) {
		d = (kr_date){ y, 4, 27 };
		if (kr_date_weekday(d) == 7)
			d.d = 26;
		name = "Koningsdag";
	} else if (y >= 1980) {
		d = (kr_date){ y, 4, 30 };
		if (kr_date_weekday(d) == 7)
			d.d = 29;
	} else if (y >= 1949) {
		d = (kr_date){ y, 4, 30 };
		if (kr_date_weekday(d) == 7)
			d = (kr_date){ y, 5, 1 };
	} else if (y >= 1891) {
		d = (kr_date){ y, 8, 31 };
	} else {
		return false;
	}
	*out = (kr_holiday){ d, name };
	return true;
}

/* Append h unless its date is already in the list. */
static void add_holiday(kr_holiday *list, size_t *n, kr_date d, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (kr_date_cmp(list[i].date, d) == 0)
			return;
	list[(*n)++] = (kr_holiday){ d, name };
}

size_t kr_holidays_of_year(int y, kr_holiday out[static KR_HOLIDAYS_MAX])
{
	size_t n = 0;
	kr_date easter = kr_easter(y);
	kr_holiday royal;

	add_holiday(out, &n, (kr_date){ y, 1, 1 }, "Nieuwjaarsdag");
	add_holiday(out, &n, kr_date_add_days(easter, -2), "Goede Vrijdag");
	add_holiday(out, &n, easter, "Eerste Paasdag");
	add_holiday(out, &n, kr_date_add_days(easter, 1), "Tweede Paasdag");
	if (royal_day(y, &royal))
		add_holiday(out, &n, royal.date, royal.name);
	if (y >= 1945 && y % 5 == 0)
		add_holiday(out, &n, (kr_date){ y, 5, 5 }, "Bevrijdingsdag");
	add_holiday(out, &n, kr_date_add_days(easter, 39), "Hemelvaartsdag");
	add_holiday(out, &n, kr_date_add_days(easter, 49), "Eerste Pinksterdag");
	add_holiday(out, &n, kr_date_add_days(easter, 50), "Tweede Pinksterdag");
	add_holiday(out, &n, (kr_date){ y, 12, 25 }, "Eerste Kerstdag");
	add_holiday(out, &n, (kr_date){ y, 12, 26 }, "Tweede Kerstdag");

	/* Insertion sort by date; the list is short and nearly sorted. */
	for (size_t i = 1; i < n; i++) {
		kr_holiday h = out[i];
		size_t j = i;
		while (j > 0 && kr_date_cmp(out[j - 1].date, h.date) > 0) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = h;
	}
	return n;
}

/* Look d up in a year's list. */
static const char *holiday_in(const kr_holiday *list, size_t n, kr_date d)
{
	for (size_t i = 0; i < n; i++)
		if (kr_date_cmp(list[i].date, d) == 0)
			return list[i].name;
	return NULL;
}

const char *kr_holiday_name(kr_date d)
{
	kr_holiday list[KR_HOLIDAYS_MAX];
	size_t n = kr_holidays_of_year(d.y, list);
	return holiday_in(list, n, d);
}

/* Weekday holidays of KR_DATE_YEAR_MIN..MAX as sorted day numbers. */
enum { TABLE_YEARS = KR_DATE_YEAR_MAX - KR_DATE_YEAR_MIN + 1 };
static int64_t weekday_holidays[TABLE_YEARS * KR_HOLIDAYS_MAX];
static size_t weekday_holiday_count;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
	size_t k = 0;
	for (int y = KR_DATE_YEAR_MIN; y <= KR_DATE_YEAR_MAX; y++) {
		kr_holiday list[KR_HOLIDAYS_MAX];
		size_t n = kr_holidays_of_year(y, list); /* sorted, distinct */
		for (size_t i = 0; i < n; i++) {
			int64_t z = kr_days_from_civil(list[i].date);
			if (kr_date_weekday(list[i].date) <= 5)
				weekday_holidays[k++] = z;
		}
	}
	weekday_holiday_count = k;
}

static bool in_table(int64_t z)
{
	pthread_once(&table_once, build_table);
	return weekday_holiday_count > 0 && z >= weekday_holidays[0] && z <= weekday_holidays[weekday_holiday_count - 1];
}

/* Number of table entries <= z. */
static size_t table_rank(int64_t z)
{
	size_t lo = 0, hi = weekday_holiday_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (weekday_holidays[mid] <= z)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Weekday holidays in (f, t]; f < t. */
static int64_t weekday_holidays_between(int64_t f, int64_t t)
{
	if (in_table(f + 1) && in_table(t))
		return (int64_t)(table_rank(t) - table_rank(f));
	int64_t count = 0;
	int y0 = kr_civil_from_days(f + 1).y;
	int y1 = kr_civil_from_days(t).y;
	for (int y = y0; y <= y1; y++) {
		kr_holiday list[KR_HOLIDAYS_MAX];
		size_t n = kr_holidays_of_year(y, list);
		for (size_t i = 0; i < n; i++) {
			int64_t h = kr_days_from_civil(list[i].date);
			if (h > f && h <= t && kr_date_weekday(list[i].date) <= 5)
				count++;
		}
	}
	return count;
}

bool kr_is_holiday(kr_date d)
{
	int64_t z = kr_days_from_civil(d);
	if (kr_date_valid(d) && d.y >= KR_DATE_YEAR_MIN && d.y <= KR_DATE_YEAR_MAX && kr_date_weekday(d) <= 5) {
		pthread_once(&table_once, build_table);
		size_t r = table_rank(z);
		return r > 0 && weekday_holidays[r - 1] == z;
	}
	return kr_holiday_name(d) != NULL;
}

bool kr_is_working_day(kr_date d)
{
	return kr_date_weekday(d) <= 5 && !kr_is_holiday(d);
}

/*
 * Weekdays (Mon..Fri) among the n days starting at a Monday, extended to
 * negative n so that weekdays_before(b) - weekdays_before(a) counts the
 * weekdays in [a, b) for day offsets from that Monday.
 */
static int64_t weekdays_before(int64_t n)
{
	int64_t q = floor_div(n, 7);
	int64_t r = n - q * 7;
	return q * 5 + (r < 5 ? r : 5);
}

int kr_working_days_between(kr_date from, kr_date to)
{
	const int64_t lo = kr_days_from_civil((kr_date){ 1, 1, 1 });
	const int64_t hi = kr_days_from_civil((kr_date){ 9999, 12, 31 });
	const int64_t monday = 4; /* 1970-01-05 */
	int64_t f = kr_days_from_civil(from);
	int64_t t = kr_days_from_civil(to);

	if (f < lo - 1)
		f = lo - 1;
	if (t > hi)
		t = hi;
	if (t <= f)
		return 0;

	/* Weekdays in (f, t] = [f + 1, t + 1). */
	int64_t count = weekdays_before(t + 1 - monday) - weekdays_before(f + 1 - monday);
	return (int)(count - weekday_holidays_between(f, t));
}

/* The day t after z such that (z, t] holds exactly n >= 1 weekdays and t is one. */
static int64_t add_weekdays(int64_t z, int64_t n)
{
	const int64_t monday = 4; /* 1970-01-05 */
	int64_t target = weekdays_before(z + 1 - monday) + n; /* weekdays in [monday, t + 1) */
	int64_t q = floor_div(target, 5);
	int64_t r = target - 5 * q;
	int64_t x = r == 0 ? monday + 7 * (q - 1) + 5 : monday + 7 * q + r; /* first x with that count */
	return x - 1;
}

kr_date kr_add_working_days(kr_date from, int n)
{
	if (n > KR_WORKING_DAYS_MAX)
		n = KR_WORKING_DAYS_MAX;
	if (n < -KR_WORKING_DAYS_MAX)
		n = -KR_WORKING_DAYS_MAX;

	int64_t z = kr_days_from_civil(from);
	if (n > 0) {
		/* Add n weekdays, then as many more as holidays fell in between, until
		 * no new holiday falls in the added stretch. */
		int64_t t = add_weekdays(z, n);
		int64_t extra = weekday_holidays_between(z, t);
		while (extra > 0) {
			int64_t t2 = add_weekdays(t, extra);
			extra = weekday_holidays_between(t, t2);
			t = t2;
		}
		return kr_civil_from_days(t);
	}
	int step = n < 0 ? -1 : 1;
	int left = n < 0 ? -n : n;
	kr_holiday list[KR_HOLIDAYS_MAX];
	size_t nlist = 0;
	int list_year = 0;
	bool have_list = false;

	while (left > 0) {
		z += step;
		kr_date d = kr_civil_from_days(z);
		if (weekday_of_days(z) > 5)
			continue;
		if (!have_list || d.y != list_year) {
			nlist = kr_holidays_of_year(d.y, list);
			list_year = d.y;
			have_list = true;
		}
		if (holiday_in(list, nlist, d) == NULL)
			left--;
	}
	return kr_civil_from_days(z);
}

bool kr_datetime_parse(const char *s, kr_datetime *out)
{
	kr_datetime dt;
	if (s == NULL || strlen(s) != 19 || !parse_iso_prefix(s, &dt.date) || s[10] != ' ' ||
	    !digits(s + 11, 2, &dt.hh) || s[13] != ':' || !digits(s + 14, 2, &dt.mi) ||
	    s[16] != ':' || !digits(s + 17, 2, &dt.ss))
		return false;
	if (dt.hh > 23 || dt.mi > 59 || dt.ss > 59)
		return false;
	*out = dt;
	return true;
}

void kr_datetime_format(kr_datetime dt, char out[static KR_DATETIME_BUF])
{
	if (!calendar_ok(dt.date) || dt.hh < 0 || dt.hh > 23 || dt.mi < 0 || dt.mi > 59) {
		memcpy(out, "ongeldig", sizeof "ongeldig");
		return;
	}
	kr_date_format(dt.date, out);
	out[10] = ' ';
	put2(out + 11, dt.hh);
	out[13] = ':';
	put2(out + 14, dt.mi);
	out[16] = '\0';
}

bool kr_datetime_reformat(const char *s, char out[static KR_DATETIME_BUF])
{
	kr_datetime dt;
	if (!kr_datetime_parse(s, &dt)) {
		out[0] = '\0';
		return false;
	}
	kr_datetime_format(dt, out);
	return true;
}

bool kr_quarter_valid(kr_quarter q)
{
	return q.q >= 1 && q.q <= 4 && q.year >= KR_DATE_YEAR_MIN && q.year <= KR_DATE_YEAR_MAX;
}

/* "Qn" or "qn" at s, n 1..4. */
static bool parse_qn(const char *s, int *q)
{
	if ((s[0] != 'Q' && s[0] != 'q') || s[1] < '1' || s[1] > '4')
		return false;
	*q = s[1] - '0';
	return true;
}

bool kr_quarter_parse(const char *s, kr_quarter *out)
{
	if (s == NULL)
		return false;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n != 7)
		return false;

	kr_quarter q;
	if (s[0] == 'Q' || s[0] == 'q') {
		/* "Q1 2027" or "Q1-2027" */
		if (!parse_qn(s, &q.q) || (s[2] != ' ' && s[2] != '-') || !digits(s + 3, 4, &q.year))
			return false;
	} else {
		/* "2027-Q1" */
		if (!digits(s, 4, &q.year) || s[4] != '-' || !parse_qn(s + 5, &q.q))
			return false;
	}
	if (!kr_quarter_valid(q))
		return false;
	*out = q;
	return true;
}

kr_quarter kr_quarter_of(kr_date d)
{
	return (kr_quarter){ .year = d.y, .q = (d.m - 1) / 3 + 1 };
}

static int clamp_q(int q)
{
	return q < 1 ? 1 : q > 4 ? 4 : q;
}

kr_date kr_quarter_first_day(kr_quarter q)
{
	return (kr_date){ q.year, 3 * (clamp_q(q.q) - 1) + 1, 1 };
}

kr_date kr_quarter_last_day(kr_quarter q)
{
	int m = 3 * clamp_q(q.q);
	return (kr_date){ q.year, m, kr_days_in_month(q.year, m) };
}

kr_quarter kr_quarter_add(kr_quarter q, int n)
{
	int64_t idx = (int64_t)q.year * 4 + (clamp_q(q.q) - 1) + n;
	return (kr_quarter){ .year = (int)floor_div(idx, 4), .q = (int)floor_mod(idx, 4) + 1 };
}

void kr_quarter_format(kr_quarter q, char out[static KR_QUARTER_BUF])
{
	if (q.q < 1 || q.q > 4 || q.year < 0 || q.year > 9999) {
		memcpy(out, "Q? ?", sizeof "Q? ?");
		return;
	}
	out[0] = 'Q';
	out[1] = (char)('0' + q.q);
	out[2] = ' ';
	put4(out + 3, q.year);
	out[7] = '\0';
}

/* 1..max digits at *p as a number; advances *p. -1 when there is no digit. */
static int take_digits(const char **p, int max)
{
	int v = 0, n = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

bool kr_date_parse_nl(const char *s, kr_date *out)
{
	if (!s)
		return false;
	const char *p = s;
	int day = take_digits(&p, 2);
	char sep = *p;
	if (day < 0 || (sep != '-' && sep != '/' && sep != '.'))
		return false;
	p++;
	int month = take_digits(&p, 2);
	if (month < 0 || *p != sep)
		return false;
	p++;
	const char *year_at = p;
	int year = take_digits(&p, 4);
	if (year < 0 || p - year_at != 4 || *p != '\0')
		return false;
	kr_date d = {year, month, day};
	if (!kr_date_valid(d))
		return false;
	*out = d;
	return true;
}

bool kr_date_parse_input(const char *s, kr_date *out)
{
	return kr_date_parse_iso(s, out) || kr_date_parse_nl(s, out);
}
