/*
 * test_date.c — unit tests for util/date: ISO parsing, Dutch formatting,
 * day numbers, Easter, Dutch holidays, working days, SQLite timestamps and
 * quarters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/date.h"

static kr_date D(int y, int m, int d)
{
	return (kr_date){ y, m, d };
}

#define assert_date(got, yy, mm, dd)                                \
	do {                                                        \
		kr_date g_ = (got);                                 \
		assert_int_equal(g_.y, (yy));                       \
		assert_int_equal(g_.m, (mm));                       \
		assert_int_equal(g_.d, (dd));                       \
	} while (0)

static void test_parse_iso(void **state)
{
	(void)state;
	kr_date d = { 0, 0, 0 };
	assert_true(kr_date_parse_iso("2024-02-29", &d));
	assert_date(d, 2024, 2, 29);
	assert_true(kr_date_parse_iso("2000-02-29", &d));
	assert_true(kr_date_parse_iso("1900-01-01", &d));
	assert_true(kr_date_parse_iso("2200-12-31", &d));
	assert_date(d, 2200, 12, 31);

	d = D(1, 2, 3);
	assert_false(kr_date_parse_iso("2023-02-29", &d));
	assert_date(d, 1, 2, 3); /* untouched on failure */
	assert_false(kr_date_parse_iso("1900-02-29", &d));
	assert_false(kr_date_parse_iso("1899-12-31", &d));
	assert_false(kr_date_parse_iso("2201-01-01", &d));
	assert_false(kr_date_parse_iso("2024-04-31", &d));
	assert_false(kr_date_parse_iso("2024-13-01", &d));
	assert_false(kr_date_parse_iso("2024-00-10", &d));
	assert_false(kr_date_parse_iso("2024-01-00", &d));
	assert_false(kr_date_parse_iso("2024-2-29", &d));
	assert_false(kr_date_parse_iso("2024-02-29 ", &d));
	assert_false(kr_date_parse_iso(" 2024-02-29", &d));
	assert_false(kr_date_parse_iso("2024-02-29x", &d));
	assert_false(kr_date_parse_iso("2024/02/29", &d));
	assert_false(kr_date_parse_iso("+024-02-09", &d));
	assert_false(kr_date_parse_iso("29-02-2024", &d));
	assert_false(kr_date_parse_iso("", &d));
	assert_false(kr_date_parse_iso(NULL, &d));
	assert_date(d, 1, 2, 3);
}

static void test_valid_and_leap(void **state)
{
	(void)state;
	assert_true(kr_is_leap_year(2024));
	assert_false(kr_is_leap_year(2023));
	assert_false(kr_is_leap_year(1900));
	assert_true(kr_is_leap_year(2000));
	assert_false(kr_is_leap_year(2100));
	assert_int_equal(kr_days_in_month(2024, 2), 29);
	assert_int_equal(kr_days_in_month(2023, 2), 28);
	assert_int_equal(kr_days_in_month(2023, 4), 30);
	assert_int_equal(kr_days_in_month(2023, 12), 31);
	assert_int_equal(kr_days_in_month(2023, 0), 0);
	assert_int_equal(kr_days_in_month(2023, 13), 0);
	assert_true(kr_date_valid(D(2026, 3, 5)));
	assert_false(kr_date_valid(D(0, 0, 0)));
	assert_false(kr_date_valid(D(2026, 2, 29)));
	assert_true(kr_date_cmp(D(2026, 1, 2), D(2026, 1, 3)) < 0);
	assert_true(kr_date_cmp(D(2026, 2, 1), D(2026, 1, 31)) > 0);
	assert_true(kr_date_cmp(D(2025, 12, 31), D(2026, 1, 1)) < 0);
	assert_int_equal(kr_date_cmp(D(2026, 1, 1), D(2026, 1, 1)), 0);
}

static void test_format(void **state)
{
	(void)state;
	char buf[KR_DATE_BUF];
	char lng[KR_DATE_LONG_BUF];

	kr_date_format(D(2026, 3, 5), buf);
	assert_string_equal(buf, "05-03-2026");
	kr_date_format(D(1900, 12, 31), buf);
	assert_string_equal(buf, "31-12-1900");
	kr_date_format_iso(D(2026, 3, 5), buf);
	assert_string_equal(buf, "2026-03-05");
	kr_date_format(D(2026, 2, 30), buf);
	assert_string_equal(buf, "ongeldig");
	kr_date_format(D(-5, 99, 123456), buf);
	assert_string_equal(buf, "ongeldig");
	kr_date_format_iso(D(0, 0, 0), buf);
	assert_string_equal(buf, "ongeldig");

	kr_date_format_long(D(2026, 3, 5), lng);
	assert_string_equal(lng, "5 maart 2026");
	kr_date_format_long(D(2026, 9, 27), lng);
	assert_string_equal(lng, "27 september 2026");
	kr_date_format_long(D(2027, 1, 1), lng);
	assert_string_equal(lng, "1 januari 2027");
	kr_date_format_long(D(2027, 13, 1), lng);
	assert_string_equal(lng, "ongeldig");

	assert_string_equal(kr_month_name(1), "januari");
	assert_string_equal(kr_month_name(5), "mei");
	assert_string_equal(kr_month_name(12), "december");
	assert_string_equal(kr_month_name(0), "?");
	assert_string_equal(kr_month_name(13), "?");
	assert_string_equal(kr_weekday_name(1), "maandag");
	assert_string_equal(kr_weekday_name(7), "zondag");
	assert_string_equal(kr_weekday_name(0), "?");

	/* Round trip ISO parse -> ISO format. */
	kr_date d;
	assert_true(kr_date_parse_iso("2038-01-19", &d));
	kr_date_format_iso(d, buf);
	assert_string_equal(buf, "2038-01-19");
}

static void test_weekday_and_days(void **state)
{
	(void)state;
	assert_int_equal(kr_days_from_civil(D(1970, 1, 1)), 0);
	assert_int_equal(kr_days_from_civil(D(2000, 3, 1)), 11017);
	assert_int_equal(kr_days_from_civil(D(1900, 1, 1)), -25567);
	assert_int_equal(kr_days_from_civil(D(1969, 12, 31)), -1);
	assert_date(kr_civil_from_days(0), 1970, 1, 1);
	assert_date(kr_civil_from_days(-1), 1969, 12, 31);
	assert_date(kr_civil_from_days(11017), 2000, 3, 1);

	assert_int_equal(kr_date_weekday(D(1970, 1, 1)), 4);  /* Thursday */
	assert_int_equal(kr_date_weekday(D(2026, 3, 5)), 4);  /* Thursday */
	assert_int_equal(kr_date_weekday(D(2025, 4, 27)), 7); /* Sunday */
	assert_int_equal(kr_date_weekday(D(2025, 4, 26)), 6); /* Saturday */
	assert_int_equal(kr_date_weekday(D(1900, 1, 1)), 1);  /* Monday */
	assert_int_equal(kr_date_weekday(D(2026, 12, 25)), 5);

	/* Every day 1900..2200: round trip, consecutive, calendar-valid. */
	int64_t first = kr_days_from_civil(D(1900, 1, 1));
	int64_t last = kr_days_from_civil(D(2200, 12, 31));
	kr_date prev = kr_civil_from_days(first - 1);
	assert_date(prev, 1899, 12, 31);
	for (int64_t z = first; z <= last; z++) {
		kr_date d = kr_civil_from_days(z);
		assert_true(kr_date_valid(d));
		assert_int_equal(kr_days_from_civil(d), z);
		assert_true(kr_date_cmp(prev, d) < 0);
		assert_int_equal(kr_date_weekday(d), (kr_date_weekday(prev) % 7) + 1);
		prev = d;
	}

	assert_date(kr_date_add_days(D(2024, 2, 28), 1), 2024, 2, 29);
	assert_date(kr_date_add_days(D(2023, 2, 28), 1), 2023, 3, 1);
	assert_date(kr_date_add_days(D(2026, 12, 31), 1), 2027, 1, 1);
	assert_date(kr_date_add_days(D(2027, 1, 1), -1), 2026, 12, 31);
	assert_date(kr_date_add_days(D(2026, 3, 5), 0), 2026, 3, 5);
	assert_date(kr_date_add_days(D(2026, 3, 5), 365), 2027, 3, 5);
	assert_int_equal(kr_date_diff_days(D(2026, 1, 1), D(2027, 1, 1)), 365);
	assert_int_equal(kr_date_diff_days(D(2024, 1, 1), D(2025, 1, 1)), 366);
	assert_int_equal(kr_date_diff_days(D(2027, 1, 1), D(2026, 1, 1)), -365);
}

static void test_today_utc(void **state)
{
	(void)state;
	kr_date t = kr_date_today_utc();
	assert_true(kr_date_valid(t));
	assert_true(t.y >= 2024);
}

static void test_easter(void **state)
{
	(void)state;
	assert_date(kr_easter(2024), 2024, 3, 31);
	assert_date(kr_easter(2025), 2025, 4, 20);
	assert_date(kr_easter(2026), 2026, 4, 5);
	assert_date(kr_easter(2027), 2027, 3, 28);
	assert_date(kr_easter(2038), 2038, 4, 25);
	assert_date(kr_easter(2000), 2000, 4, 23);
	assert_date(kr_easter(2019), 2019, 4, 21);
	assert_date(kr_easter(2008), 2008, 3, 23);
	assert_date(kr_easter(1943), 1943, 4, 25);
	assert_date(kr_easter(2285), 2285, 3, 22);
	/* Always a Sunday between 22 March and 25 April. */
	for (int y = 1900; y <= 2200; y++) {
		kr_date e = kr_easter(y);
		assert_int_equal(kr_date_weekday(e), 7);
		assert_true(kr_date_cmp(e, D(y, 3, 22)) >= 0);
		assert_true(kr_date_cmp(e, D(y, 4, 25)) <= 0);
	}
}

static void test_holidays_2026(void **state)
{
	(void)state;
	kr_holiday list[KR_HOLIDAYS_MAX];
	size_t n = kr_holidays_of_year(2026, list);
	assert_int_equal(n, 10); /* no Bevrijdingsdag */
	static const struct {
		int m, d;
		const char *name;
	} want[] = {
		{ 1, 1, "Nieuwjaarsdag" },       { 4, 3, "Goede Vrijdag" },
		{ 4, 5, "Eerste Paasdag" },      { 4, 6, "Tweede Paasdag" },
		{ 4, 27, "Koningsdag" },         { 5, 14, "Hemelvaartsdag" },
		{ 5, 24, "Eerste Pinksterdag" }, { 5, 25, "Tweede Pinksterdag" },
		{ 12, 25, "Eerste Kerstdag" },   { 12, 26, "Tweede Kerstdag" },
	};
	for (size_t i = 0; i < n; i++) {
		assert_date(list[i].date, 2026, want[i].m, want[i].d);
		assert_string_equal(list[i].name, want[i].name);
		assert_true(kr_is_holiday(list[i].date));
		assert_false(kr_is_working_day(list[i].date));
	}
	assert_false(kr_is_holiday(D(2026, 4, 2)));
	assert_true(kr_is_working_day(D(2026, 4, 2)));
	assert_false(kr_is_holiday(D(2026, 12, 24)));
	assert_false(kr_is_holiday(D(2026, 12, 31)));
	assert_null(kr_holiday_name(D(2026, 3, 5)));
	/* Weekends are not holidays but are not working days either. */
	assert_false(kr_is_holiday(D(2026, 3, 7)));
	assert_false(kr_is_working_day(D(2026, 3, 7)));
	assert_false(kr_is_working_day(D(2026, 3, 8)));
}

static void test_holidays_sorted_and_counted(void **state)
{
	(void)state;
	for (int y = 1900; y <= 2200; y++) {
		kr_holiday list[KR_HOLIDAYS_MAX];
		size_t n = kr_holidays_of_year(y, list);
		assert_true(n >= 8 && n <= KR_HOLIDAYS_MAX);
		for (size_t i = 1; i < n; i++)
			assert_true(kr_date_cmp(list[i - 1].date, list[i].date) < 0);
		for (size_t i = 0; i < n; i++)
			assert_true(kr_date_valid(list[i].date));
	}
	/* 2005: Hemelvaartsdag and Bevrijdingsdag both on 5 May, listed once. */
	kr_holiday list[KR_HOLIDAYS_MAX];
	assert_int_equal(kr_holidays_of_year(2005, list), 10);
	assert_string_equal(kr_holiday_name(D(2005, 5, 5)), "Bevrijdingsdag");
	assert_int_equal(kr_holidays_of_year(2025, list), 11);
}

static void test_royal_day(void **state)
{
	(void)state;
	/* 2025: 27 April is a Sunday, so Koningsdag is Saturday 26 April. */
	assert_int_equal(kr_date_weekday(D(2025, 4, 27)), 7);
	assert_string_equal(kr_holiday_name(D(2025, 4, 26)), "Koningsdag");
	assert_null(kr_holiday_name(D(2025, 4, 27)));
	assert_false(kr_is_working_day(D(2025, 4, 26)));
	assert_false(kr_is_holiday(D(2025, 4, 28)));
	/* 2014, the first Koningsdag, also moved to 26 April. */
	assert_string_equal(kr_holiday_name(D(2014, 4, 26)), "Koningsdag");
	assert_null(kr_holiday_name(D(2014, 4, 27)));
	/* 2026: Monday 27 April. */
	assert_string_equal(kr_holiday_name(D(2026, 4, 27)), "Koningsdag");
	assert_false(kr_is_working_day(D(2026, 4, 27)));
	/* Koninginnedag: 2013 on 30 April; 2006 on Saturday 29 April
	 * (30 April a Sunday); 1978 on Monday 1 May (Juliana's rule). */
	assert_string_equal(kr_holiday_name(D(2013, 4, 30)), "Koninginnedag");
	assert_null(kr_holiday_name(D(2013, 4, 27)));
	assert_string_equal(kr_holiday_name(D(2006, 4, 29)), "Koninginnedag");
	assert_null(kr_holiday_name(D(2006, 4, 30)));
	assert_string_equal(kr_holiday_name(D(1989, 4, 29)), "Koninginnedag");
	assert_string_equal(kr_holiday_name(D(1978, 5, 1)), "Koninginnedag");
	assert_null(kr_holiday_name(D(1978, 4, 30)));
	assert_string_equal(kr_holiday_name(D(1979, 4, 30)), "Koninginnedag");
	assert_string_equal(kr_holiday_name(D(1930, 8, 31)), "Koninginnedag");
	assert_null(kr_holiday_name(D(1930, 4, 30)));
}

static void test_bevrijdingsdag(void **state)
{
	(void)state;
	assert_string_equal(kr_holiday_name(D(2025, 5, 5)), "Bevrijdingsdag");
	assert_false(kr_is_working_day(D(2025, 5, 5))); /* Monday */
	assert_null(kr_holiday_name(D(2026, 5, 5)));
	assert_true(kr_is_working_day(D(2026, 5, 5))); /* Tuesday */
	assert_true(kr_is_holiday(D(2030, 5, 5)));
	assert_false(kr_is_holiday(D(2031, 5, 5)));
	assert_false(kr_is_holiday(D(1940, 5, 5)));
	assert_true(kr_is_holiday(D(1945, 5, 5)));
}

static void test_working_days_easter_2026(void **state)
{
	(void)state;
	/* Thu 2 April 2026; Fri 3 Goede Vrijdag, 4-5 weekend, Mon 6 Tweede
	 * Paasdag; Tue 7 and Wed 8 count. */
	assert_int_equal(kr_working_days_between(D(2026, 4, 2), D(2026, 4, 6)), 0);
	assert_int_equal(kr_working_days_between(D(2026, 4, 2), D(2026, 4, 7)), 1);
	assert_int_equal(kr_working_days_between(D(2026, 4, 2), D(2026, 4, 8)), 2);
	assert_date(kr_add_working_days(D(2026, 4, 2), 1), 2026, 4, 7);
	assert_date(kr_add_working_days(D(2026, 4, 2), 2), 2026, 4, 8);
	assert_date(kr_add_working_days(D(2026, 4, 7), -1), 2026, 4, 2);
	/* Starting on a holiday counts from the next working day. */
	assert_date(kr_add_working_days(D(2026, 4, 3), 1), 2026, 4, 7);
	assert_int_equal(kr_working_days_between(D(2026, 4, 3), D(2026, 4, 7)), 1);
	/* Whole of April 2026: 22 weekdays minus Goede Vrijdag, Tweede Paasdag
	 * and Koningsdag. */
	assert_int_equal(kr_working_days_between(D(2026, 3, 31), D(2026, 4, 30)), 19);
}

static void test_working_days_christmas_2026(void **state)
{
	(void)state;
	/* Thu 24 Dec 2026; Fri 25 Kerst, Sat 26, Sun 27; Mon 28 .. Thu 31
	 * count (4); Fri 1 Jan 2027 Nieuwjaarsdag; 2-3 weekend; Mon 4 counts. */
	assert_int_equal(kr_working_days_between(D(2026, 12, 24), D(2026, 12, 27)), 0);
	assert_int_equal(kr_working_days_between(D(2026, 12, 24), D(2026, 12, 31)), 4);
	assert_int_equal(kr_working_days_between(D(2026, 12, 24), D(2027, 1, 3)), 4);
	assert_int_equal(kr_working_days_between(D(2026, 12, 24), D(2027, 1, 4)), 5);
	assert_date(kr_add_working_days(D(2026, 12, 24), 1), 2026, 12, 28);
	assert_date(kr_add_working_days(D(2026, 12, 24), 4), 2026, 12, 31);
	assert_date(kr_add_working_days(D(2026, 12, 24), 5), 2027, 1, 4);
	assert_date(kr_add_working_days(D(2027, 1, 4), -5), 2026, 12, 24);
	assert_date(kr_add_working_days(D(2027, 1, 4), -1), 2026, 12, 31);
	/* Whole year 2026: 261 weekdays minus 8 weekday holidays
	 * (1 Jan, 3 Apr, 6 Apr, 27 Apr, 14 May, 25 May, 25 Dec; 26 Dec is a
	 * Saturday) = 254. */
	assert_int_equal(kr_working_days_between(D(2025, 12, 31), D(2026, 12, 31)), 254);
}

static void test_working_days_edges(void **state)
{
	(void)state;
	assert_int_equal(kr_working_days_between(D(2026, 3, 5), D(2026, 3, 5)), 0);
	assert_int_equal(kr_working_days_between(D(2026, 3, 6), D(2026, 3, 5)), 0);
	assert_int_equal(kr_working_days_between(D(2026, 3, 5), D(2026, 3, 6)), 1);
	/* Fri -> Mon over a weekend. */
	assert_int_equal(kr_working_days_between(D(2026, 3, 6), D(2026, 3, 9)), 1);
	assert_date(kr_add_working_days(D(2026, 3, 6), 1), 2026, 3, 9);
	/* n == 0 returns from, even on a Sunday. */
	assert_date(kr_add_working_days(D(2026, 3, 8), 0), 2026, 3, 8);
	/* Saturday + 1 is Monday; Monday - 1 is Friday. */
	assert_date(kr_add_working_days(D(2026, 3, 7), 1), 2026, 3, 9);
	assert_date(kr_add_working_days(D(2026, 3, 9), -1), 2026, 3, 6);
	/* Huge n is clamped, not looped forever. */
	kr_date far = kr_add_working_days(D(2026, 1, 1), 2000000000);
	assert_int_equal(kr_working_days_between(D(2026, 1, 1), far), KR_WORKING_DAYS_MAX);
	/* Nonsense input terminates. */
	(void)kr_working_days_between(D(-2000000000, 1, 1), D(2000000000, 1, 1));
}

/* A small deterministic generator for property tests. */
static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static int naive_between(kr_date from, kr_date to)
{
	int n = 0;
	for (kr_date d = kr_date_add_days(from, 1); kr_date_cmp(d, to) <= 0; d = kr_date_add_days(d, 1))
		if (kr_is_working_day(d))
			n++;
	return n;
}

static void test_working_days_property(void **state)
{
	(void)state;
	uint32_t seed = 12345;
	int64_t base = kr_days_from_civil(D(1990, 1, 1));
	for (int i = 0; i < 400; i++) {
		kr_date from = kr_civil_from_days(base + (int64_t)(lcg(&seed) % 20000));
		kr_date to = kr_date_add_days(from, (int64_t)(lcg(&seed) % 800) - 100);
		assert_int_equal(kr_working_days_between(from, to), naive_between(from, to));
		int n = (int)(lcg(&seed) % 300);
		kr_date fwd = kr_add_working_days(from, n);
		assert_int_equal(kr_working_days_between(from, fwd), n);
		if (n > 0) {
			assert_true(kr_is_working_day(fwd));
			/* the first such day: one day earlier is one working day short */
			assert_int_equal(kr_working_days_between(from, kr_date_add_days(fwd, -1)), n - 1);
			kr_date back = kr_add_working_days(fwd, -n);
			assert_true(kr_date_cmp(back, from) <= 0);
			assert_int_equal(kr_working_days_between(back, fwd), n);
		}
	}
}

/* The fast holiday table agrees with the per-year lists, day by day. */
static void test_holiday_table(void **state)
{
	(void)state;
	for (kr_date d = D(1990, 1, 1); kr_date_cmp(d, D(2041, 1, 1)) < 0; d = kr_date_add_days(d, 1))
		assert_int_equal(kr_is_holiday(d), kr_holiday_name(d) != NULL);
}

static void test_datetime(void **state)
{
	(void)state;
	kr_datetime dt;
	char buf[KR_DATETIME_BUF];
	assert_true(kr_datetime_parse("2026-03-05 14:07:09", &dt));
	assert_date(dt.date, 2026, 3, 5);
	assert_int_equal(dt.hh, 14);
	assert_int_equal(dt.mi, 7);
	assert_int_equal(dt.ss, 9);
	kr_datetime_format(dt, buf);
	assert_string_equal(buf, "05-03-2026 14:07");
	assert_true(kr_datetime_parse("2024-02-29 00:00:00", &dt));
	assert_true(kr_datetime_parse("2024-12-31 23:59:59", &dt));

	assert_false(kr_datetime_parse("2026-03-05T14:07:09", &dt));
	assert_false(kr_datetime_parse("2026-03-05 24:00:00", &dt));
	assert_false(kr_datetime_parse("2026-03-05 14:60:00", &dt));
	assert_false(kr_datetime_parse("2026-03-05 14:07:60", &dt));
	assert_false(kr_datetime_parse("2026-03-05 14:07", &dt));
	assert_false(kr_datetime_parse("2026-03-05 14:07:09.123", &dt));
	assert_false(kr_datetime_parse("2026-03-05 14:07:09 ", &dt));
	assert_false(kr_datetime_parse("2023-02-29 10:00:00", &dt));
	assert_false(kr_datetime_parse("2026-03-05", &dt));
	assert_false(kr_datetime_parse("", &dt));
	assert_false(kr_datetime_parse(NULL, &dt));

	assert_true(kr_datetime_reformat("2027-01-01 09:05:00", buf));
	assert_string_equal(buf, "01-01-2027 09:05");
	assert_false(kr_datetime_reformat("gisteren", buf));
	assert_string_equal(buf, "");

	kr_datetime bad = { D(2026, 3, 5), 25, 0, 0 };
	kr_datetime_format(bad, buf);
	assert_string_equal(buf, "ongeldig");
}

static void test_quarter_parse(void **state)
{
	(void)state;
	kr_quarter q = { 0, 0 };
	assert_true(kr_quarter_parse("Q1 2027", &q));
	assert_int_equal(q.year, 2027);
	assert_int_equal(q.q, 1);
	assert_true(kr_quarter_parse("q3 2026", &q));
	assert_int_equal(q.year, 2026);
	assert_int_equal(q.q, 3);
	assert_true(kr_quarter_parse("Q4-2027", &q));
	assert_int_equal(q.q, 4);
	assert_true(kr_quarter_parse("2028-Q2", &q));
	assert_int_equal(q.year, 2028);
	assert_int_equal(q.q, 2);
	assert_true(kr_quarter_parse("2028-q1", &q));
	assert_true(kr_quarter_parse("  Q2 2026 ", &q));
	assert_int_equal(q.year, 2026);
	assert_int_equal(q.q, 2);

	q = (kr_quarter){ 1, 1 };
	static const char *const bad[] = {
		"Q5 2027", "Q0 2027", "Q1 27",    "Q1  2027", "Q12027",  "2027Q1",
		"2027 Q1", "1 2027",  "Q1 1899",  "Q1 2201",  "",        "   ",
		"Q1 2027x", "K1 2027", "Q1_2027", "2027-Q5",  "2027-1",  "Q1 20271",
		"Q-1 2027", "Q1\t2027",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(kr_quarter_parse(bad[i], &q));
	assert_false(kr_quarter_parse(NULL, &q));
	assert_int_equal(q.year, 1); /* untouched */
	assert_int_equal(q.q, 1);
}

static void test_quarter_days(void **state)
{
	(void)state;
	kr_quarter q = kr_quarter_of(D(2026, 3, 31));
	assert_int_equal(q.year, 2026);
	assert_int_equal(q.q, 1);
	assert_int_equal(kr_quarter_of(D(2026, 4, 1)).q, 2);
	assert_int_equal(kr_quarter_of(D(2026, 9, 30)).q, 3);
	assert_int_equal(kr_quarter_of(D(2026, 12, 31)).q, 4);

	assert_date(kr_quarter_first_day((kr_quarter){ 2024, 1 }), 2024, 1, 1);
	assert_date(kr_quarter_last_day((kr_quarter){ 2024, 1 }), 2024, 3, 31);
	assert_date(kr_quarter_first_day((kr_quarter){ 2024, 2 }), 2024, 4, 1);
	assert_date(kr_quarter_last_day((kr_quarter){ 2024, 2 }), 2024, 6, 30);
	assert_date(kr_quarter_first_day((kr_quarter){ 2024, 3 }), 2024, 7, 1);
	assert_date(kr_quarter_last_day((kr_quarter){ 2024, 3 }), 2024, 9, 30);
	assert_date(kr_quarter_first_day((kr_quarter){ 2024, 4 }), 2024, 10, 1);
	assert_date(kr_quarter_last_day((kr_quarter){ 2024, 4 }), 2024, 12, 31);

	char buf[KR_QUARTER_BUF];
	kr_quarter_format((kr_quarter){ 2027, 1 }, buf);
	assert_string_equal(buf, "Q1 2027");
	kr_quarter_format((kr_quarter){ 2027, 5 }, buf);
	assert_string_equal(buf, "Q? ?");
	assert_true(kr_quarter_parse("2027-Q1", &q));
	kr_quarter_format(q, buf);
	assert_string_equal(buf, "Q1 2027");

	q = kr_quarter_add((kr_quarter){ 2026, 4 }, 1);
	assert_int_equal(q.year, 2027);
	assert_int_equal(q.q, 1);
	q = kr_quarter_add((kr_quarter){ 2027, 1 }, -1);
	assert_int_equal(q.year, 2026);
	assert_int_equal(q.q, 4);
	q = kr_quarter_add((kr_quarter){ 2027, 2 }, -5);
	assert_int_equal(q.year, 2026);
	assert_int_equal(q.q, 1);
	assert_true(kr_quarter_valid((kr_quarter){ 2027, 4 }));
	assert_false(kr_quarter_valid((kr_quarter){ 2027, 0 }));
	assert_false(kr_quarter_valid((kr_quarter){ 1899, 1 }));
}

static void test_dutch_time(void **state)
{
	(void)state;
	/* 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC */
	int64_t mar29 = kr_days_from_civil((kr_date){ 2026, 3, 29 }) * 86400;
	int64_t oct25 = kr_days_from_civil((kr_date){ 2026, 10, 25 }) * 86400;
	assert_int_equal(kr_nl_utc_offset_hours(mar29 + 3599), 1);
	assert_int_equal(kr_nl_utc_offset_hours(mar29 + 3600), 2);
	assert_int_equal(kr_nl_utc_offset_hours(oct25 + 3599), 2);
	assert_int_equal(kr_nl_utc_offset_hours(oct25 + 3600), 1);
	assert_int_equal(kr_nl_utc_offset_hours(kr_days_from_civil((kr_date){ 2027, 1, 15 }) * 86400), 1);
	/* the year kept between calls: back and forth across years and their edges, each
	 * answer as the calendar says (2025: 30 March to 26 October; 2027: 28 March to 31 October) */
	int64_t y2026 = kr_days_from_civil((kr_date){ 2026, 1, 1 }) * 86400;
	int64_t y2027 = kr_days_from_civil((kr_date){ 2027, 1, 1 }) * 86400;
	int64_t mar30_25 = kr_days_from_civil((kr_date){ 2025, 3, 30 }) * 86400;
	int64_t oct31_27 = kr_days_from_civil((kr_date){ 2027, 10, 31 }) * 86400;
	for (int round = 0; round < 2; round++) {
		assert_int_equal(kr_nl_utc_offset_hours(y2026 - 1), 1);
		assert_int_equal(kr_nl_utc_offset_hours(mar29 + 3600), 2);
		assert_int_equal(kr_nl_utc_offset_hours(mar30_25 + 3599), 1);
		assert_int_equal(kr_nl_utc_offset_hours(mar30_25 + 3600), 2);
		assert_int_equal(kr_nl_utc_offset_hours(y2027 - 1), 1);
		assert_int_equal(kr_nl_utc_offset_hours(oct31_27 + 3599), 2);
		assert_int_equal(kr_nl_utc_offset_hours(y2027), 1);
		assert_int_equal(kr_nl_utc_offset_hours(oct25 + 3599), 2);
		assert_int_equal(kr_nl_utc_offset_hours(oct31_27 + 3600), 1);
		assert_int_equal(kr_nl_utc_offset_hours(-1), 1); /* 1969 */
	}
	char buf[KR_DATETIME_BUF];
	assert_true(kr_datetime_reformat_nl("2026-11-22 23:29:00", buf));
	assert_string_equal(buf, "23-11-2026 00:29"); /* after midnight in the Netherlands */
	assert_true(kr_datetime_reformat_nl("2026-07-01 22:15:00", buf));
	assert_string_equal(buf, "02-07-2026 00:15");
	assert_false(kr_datetime_reformat_nl("gisteren", buf));
	assert_true(kr_datetime_reformat_nl("2026-11-22T13:03:00.123Z", buf));
	assert_string_equal(buf, "22-11-2026 14:03");
}

static void test_nl_midnight_utc(void **state)
{
	(void)state;
	char out[20];
	kr_nl_midnight_utc((kr_date){ 2026, 11, 28 }, ' ', out);
	assert_string_equal(out, "2026-11-27 23:00:00"); /* winter: UTC+1 */
	kr_nl_midnight_utc((kr_date){ 2026, 7, 2 }, 'T', out);
	assert_string_equal(out, "2026-07-01T22:00:00"); /* summer: UTC+2 */
	/* the days the clock changes: midnight is still on the old offset */
	kr_nl_midnight_utc((kr_date){ 2026, 3, 29 }, ' ', out);
	assert_string_equal(out, "2026-03-28 23:00:00");
	kr_nl_midnight_utc((kr_date){ 2026, 10, 25 }, ' ', out);
	assert_string_equal(out, "2026-10-24 22:00:00");
	kr_nl_midnight_utc((kr_date){ 2027, 1, 1 }, ' ', out);
	assert_string_equal(out, "2026-12-31 23:00:00");
}

static void test_parse_nl_as_typed(void **state)
{
	(void)state;
	kr_date d = {0, 0, 0};
	assert_true(kr_date_parse_nl("03-04-2016", &d));
	assert_int_equal(d.y, 2016);
	assert_int_equal(d.m, 4);
	assert_int_equal(d.d, 3);
	assert_true(kr_date_parse_nl("3/4/2016", &d));
	assert_true(kr_date_parse_nl("3.4.2016", &d));
	assert_true(kr_date_parse_nl("29-02-2016", &d));
	assert_false(kr_date_parse_nl("29-02-2015", &d));
	assert_false(kr_date_parse_nl("31-04-2016", &d));
	assert_false(kr_date_parse_nl("3-4-16", &d));
	assert_false(kr_date_parse_nl("3-4/2016", &d));
	assert_false(kr_date_parse_nl("03-04-2016x", &d));
	assert_false(kr_date_parse_nl(" 03-04-2016", &d));
	assert_false(kr_date_parse_nl("2016-04-03", &d));
	assert_false(kr_date_parse_nl("", &d));
	assert_false(kr_date_parse_nl(NULL, &d));
	assert_true(kr_date_parse_input("2016-04-03", &d));
	assert_true(kr_date_parse_input("3-4-2016", &d));
	assert_false(kr_date_parse_input("2016-02-30", &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_nl_as_typed),
		cmocka_unit_test(test_dutch_time),
		cmocka_unit_test(test_nl_midnight_utc),
		cmocka_unit_test(test_holiday_table),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_valid_and_leap),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_weekday_and_days),
		cmocka_unit_test(test_today_utc),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_holidays_2026),
		cmocka_unit_test(test_holidays_sorted_and_counted),
		cmocka_unit_test(test_royal_day),
		cmocka_unit_test(test_bevrijdingsdag),
		cmocka_unit_test(test_working_days_easter_2026),
		cmocka_unit_test(test_working_days_christmas_2026),
		cmocka_unit_test(test_working_days_edges),
		cmocka_unit_test(test_working_days_property),
		cmocka_unit_test(test_datetime),
		cmocka_unit_test(test_quarter_parse),
		cmocka_unit_test(test_quarter_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
