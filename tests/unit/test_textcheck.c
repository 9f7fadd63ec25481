/*
 * test_textcheck.c — unit tests for util/textcheck: the BSN elfproef and
 * the BSN and birth-date detectors for free text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/textcheck.h"

static void test_bsn_valid(void **state)
{
	(void)state;
	assert_true(kr_bsn_valid("111222333"));
	assert_true(kr_bsn_valid("123456782"));
	assert_true(kr_bsn_valid("999999990"));
	assert_false(kr_bsn_valid("123456789"));
	assert_false(kr_bsn_valid("111222334"));
	assert_false(kr_bsn_valid("000000000"));
	assert_false(kr_bsn_valid("12345678"));
	assert_false(kr_bsn_valid("1234567820"));
	assert_false(kr_bsn_valid("12345678x"));
	assert_false(kr_bsn_valid("123.456.782"));
	assert_false(kr_bsn_valid(" 123456782"));
	assert_false(kr_bsn_valid(""));
	assert_false(kr_bsn_valid(NULL));
}

static void test_has_bsn(void **state)
{
	(void)state;
	assert_true(text_has_bsn("123456782"));
	assert_true(text_has_bsn("BSN: 123456782, moeder"));
	assert_true(text_has_bsn("bsn123456782x"));
	assert_true(text_has_bsn("nummer 111222333."));
	assert_true(text_has_bsn("123.456.782"));
	assert_true(text_has_bsn("zie 123.456.782."));
	assert_true(text_has_bsn("eerst 123456789 dan 111222333"));

	assert_false(text_has_bsn("123456789"));    /* fails the elfproef */
	assert_false(text_has_bsn("000000000"));
	assert_false(text_has_bsn("1234567820"));   /* ten digits */
	assert_false(text_has_bsn("0123456782"));
	assert_false(text_has_bsn("12345678"));
	assert_false(text_has_bsn("bel 0612345678"));
	assert_false(text_has_bsn("123.456.789"));
	assert_false(text_has_bsn("1.123.456.782")); /* longer dotted number */
	assert_false(text_has_bsn("123.456.782.5"));
	assert_false(text_has_bsn("1234.456.782"));
	assert_false(text_has_bsn("123.456.7821"));
	assert_false(text_has_bsn("geen nummers hier"));
	assert_false(text_has_bsn(""));
	assert_false(text_has_bsn(NULL));
	assert_false(text_has_bsn("123."));
	assert_false(text_has_bsn("123.456."));
}

/* The forms QA saved without a warning, and the grouped numbers that must stay quiet. */
static void test_has_bsn_grouped(void **state)
{
	(void)state;
	assert_true(text_has_bsn("bsn 1112.22.333"));
	assert_true(text_has_bsn("111 222 333"));
	assert_true(text_has_bsn("111-222-333"));
	assert_true(text_has_bsn("BSN: 123 456 782, moeder"));
	assert_true(text_has_bsn("1234.56.782"));
	assert_true(text_has_bsn("(123-456-782)"));

	assert_false(text_has_bsn("111 222 334"));     /* fails the elfproef */
	assert_false(text_has_bsn("111.222 333"));     /* mixed separators */
	assert_false(text_has_bsn("111  222  333"));   /* two spaces: no grouping */
	assert_false(text_has_bsn("12 111 222 333"));  /* part of a longer grouped number */
	assert_false(text_has_bsn("111 222 333 12"));
	assert_false(text_has_bsn("06-111-222-333"));
	assert_false(text_has_bsn("1112.222.333"));    /* 4-3-3 is ten digits */
	assert_false(text_has_bsn("11.122.233.3"));
	assert_false(text_has_bsn("111 222"));
	assert_false(text_has_bsn("in 2026 en 2027 3 keer"));
}

static void test_has_birthdate(void **state)
{
	(void)state;
	const int y = 2026;
	assert_true(text_has_birthdate_until("geboren 05-03-1990", y));
	assert_true(text_has_birthdate_until("5-3-1990", y));
	assert_true(text_has_birthdate_until("05/03/1990", y));
	assert_true(text_has_birthdate_until("5/3/1990", y));
	assert_true(text_has_birthdate_until("(1990-03-05)", y));
	assert_true(text_has_birthdate_until("29-02-1992", y));
	assert_true(text_has_birthdate_until("01-01-1900", y));
	assert_true(text_has_birthdate_until("x 12-05-03-1990", y));

	assert_false(text_has_birthdate_until("29-02-1991", y));
	assert_false(text_has_birthdate_until("31-04-1990", y));
	assert_false(text_has_birthdate_until("15-13-1990", y));
	assert_false(text_has_birthdate_until("00-01-1990", y));
	assert_false(text_has_birthdate_until("31-12-1899", y));
	assert_false(text_has_birthdate_until("01-01-2027", y));
	assert_false(text_has_birthdate_until("05-03/1990", y));
	assert_false(text_has_birthdate_until("005-03-1990", y));
	assert_false(text_has_birthdate_until("05-03-19901", y));
	assert_false(text_has_birthdate_until("05-03-90", y));
	assert_false(text_has_birthdate_until("1990-3-5", y));
	assert_false(text_has_birthdate_until("1990-02-30", y));
	assert_false(text_has_birthdate_until("11990-03-05", y));
	assert_false(text_has_birthdate_until("1990-03-051", y));
	assert_false(text_has_birthdate_until("versie 1.2.2020", y));
	assert_false(text_has_birthdate_until("overleg om 10-12 uur", y));
	assert_false(text_has_birthdate_until("", y));
	assert_false(text_has_birthdate_until(NULL, y));

	assert_false(text_has_birthdate_until("31-12-2026", y)); /* no birth word, not a year ago */
	assert_true(text_has_birthdate_until("geboren op 31-12-2026", y));

	assert_true(text_has_birthdate("geboren 14-07-1985"));
	assert_false(text_has_birthdate("geboren 14-07-2999"));
	assert_false(text_has_birthdate(NULL));
}

/* More formats (dots, month names) and fewer false alarms: see textcheck.h for the rule. */
static void test_birthdate_forms_and_context(void **state)
{
	(void)state;
	const kr_date today = {2026, 11, 23};
	/* QA's forms that slipped through */
	assert_true(text_has_birthdate_on("geboren 12.03.2015", today));
	assert_true(text_has_birthdate_on("geboren 12 maart 2015", today));
	assert_true(text_has_birthdate_on("Geb. 3 mrt. 2015", today));
	assert_true(text_has_birthdate_on("geboortedatum: 1-2-2026", today)); /* recent, but with a birth word */
	assert_true(text_has_birthdate_on("gebdat 2026-10-01", today));
	assert_true(text_has_birthdate_on("geb:12/03/2015", today));
	assert_true(text_has_birthdate_on("GEBOREN 5 December 2019", today));
	/* without a birth word: dashes, slashes, ISO and month names more than a year ago */
	assert_true(text_has_birthdate_on("kind van 12-03-2015", today));
	assert_true(text_has_birthdate_on("12 maart 2015", today));
	assert_true(text_has_birthdate_on("op 2025-11-22", today));     /* a year and a day */
	assert_true(text_has_birthdate_on("op 22 nov 2025", today));

	/* QA's false alarms */
	assert_false(text_has_birthdate_on("Volgende bijeenkomst op 10-12-2026", today));
	assert_false(text_has_birthdate_on("Besproken op 2026-03-05", today));
	assert_false(text_has_birthdate_on("op 2025-11-23", today));    /* exactly a year: not more */
	assert_false(text_has_birthdate_on("evaluatie 12 maart 2026", today));
	assert_false(text_has_birthdate_on("versie 1.2.2020", today)); /* dotted, no birth word */
	assert_false(text_has_birthdate_on("kind 12.03.2015", today));
	assert_false(text_has_birthdate_on("geboren 12-03-2027", today)); /* after today */
	assert_false(text_has_birthdate_on("geboren 31 februari 2015", today));
	assert_false(text_has_birthdate_on("geboren 12 maartje 2015", today));
	assert_false(text_has_birthdate_on("geboren 12 maart 15", today));
	assert_false(text_has_birthdate_on("gebruik vanaf 1.2.2026", today)); /* "gebruik" is no birth word */
	assert_false(text_has_birthdate_on("in 2015 geboren", today));
	assert_false(text_has_birthdate_on(NULL, today));
	/* the birth word must stand shortly before the date */
	assert_false(text_has_birthdate_on("geboren. Daarna is er heel lang niets gebeurd tot 1.2.2026", today));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bsn_valid),
		cmocka_unit_test(test_has_bsn),
		cmocka_unit_test(test_has_bsn_grouped),
		cmocka_unit_test(test_has_birthdate),
		cmocka_unit_test(test_birthdate_forms_and_context),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
