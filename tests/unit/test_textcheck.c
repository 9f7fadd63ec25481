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
	assert_false(text_has_bsn("123 456 782")); /* spaced form: not detected */
	assert_false(text_has_bsn("geen nummers hier"));
	assert_false(text_has_bsn(""));
	assert_false(text_has_bsn(NULL));
	assert_false(text_has_bsn("123."));
	assert_false(text_has_bsn("123.456."));
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
	assert_true(text_has_birthdate_until("31-12-2026", y));
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

	assert_true(text_has_birthdate("geboren 14-07-1985"));
	assert_false(text_has_birthdate("geboren 14-07-2999"));
	assert_false(text_has_birthdate(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bsn_valid),
		cmocka_unit_test(test_has_bsn),
		cmocka_unit_test(test_has_birthdate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
