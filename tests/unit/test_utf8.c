/*
 * test_utf8.c — unit tests for util/utf8: strict validation (overlongs,
 * surrogates, range), code-point counting and cutting without splitting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/utf8.h"

#define VALID(lit) assert_true(utf8_valid(lit, sizeof(lit) - 1))
#define INVALID(lit) assert_false(utf8_valid(lit, sizeof(lit) - 1))
#define CHARS(lit) utf8_chars(lit, sizeof(lit) - 1)

/* Reference encoder for the exhaustive test. */
static size_t encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid(NULL, 0));
	VALID("gewone tekst");
	VALID("\xC3\xA9");             /* é */
	VALID("\xE2\x82\xAC");         /* € */
	VALID("\xF0\x9D\x84\x9E");     /* U+1D11E */
	VALID("\xF4\x8F\xBF\xBF");     /* U+10FFFF */
	VALID("\xEF\xBF\xBD");         /* U+FFFD itself is valid */
	VALID("\xED\x9F\xBF");         /* U+D7FF */
	VALID("\xEE\x80\x80");         /* U+E000 */
	VALID("\xC2\x80");             /* U+0080 */
	VALID("\xE0\xA0\x80");         /* U+0800 */
	VALID("\xF0\x90\x80\x80");     /* U+10000 */
	VALID("\xEF\xBB\xBF" "abc");   /* BOM */
	assert_true(utf8_valid("a\0b", 3)); /* NUL is valid UTF-8 */
}

static void test_invalid(void **state)
{
	(void)state;
	INVALID("\xC0\x80");             /* overlong NUL */
	INVALID("\xC1\xBF");             /* overlong */
	INVALID("\xE0\x80\x80");         /* overlong */
	INVALID("\xE0\x9F\xBF");         /* overlong U+07FF */
	INVALID("\xF0\x80\x80\x80");     /* overlong */
	INVALID("\xF0\x8F\xBF\xBF");     /* overlong U+FFFF */
	INVALID("\xED\xA0\x80");         /* U+D800 */
	INVALID("\xED\xBF\xBF");         /* U+DFFF */
	INVALID("\xED\xA0\xBD\xED\xB2\xA9"); /* CESU-8 surrogate pair */
	INVALID("\xF4\x90\x80\x80");     /* U+110000 */
	INVALID("\xF5\x80\x80\x80");
	INVALID("\xF8\x88\x80\x80\x80"); /* five-byte form */
	INVALID("\xFE");
	INVALID("\xFF");
	INVALID("\x80");                 /* lone continuation */
	INVALID("a\xBF" "b");
	INVALID("\xC3");                 /* truncated */
	INVALID("\xE2\x82");
	INVALID("\xF0\x9D\x84");
	INVALID("\xC3" "a");             /* continuation missing */
	INVALID("\xE2\x82\xACx\xE2");
	/* The length bounds reading: the é is cut off by n. */
	assert_false(utf8_valid("\xC3\xA9", 1));
}

static void test_exhaustive(void **state)
{
	(void)state;
	char buf[4];
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		size_t n = encode(cp, buf);
		bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
		assert_int_equal(utf8_valid(buf, n), !surrogate);
		uint32_t got = 0;
		size_t k = utf8_decode(buf, n, &got);
		if (!surrogate) {
			assert_int_equal(k, n);
			assert_int_equal(got, cp);
			assert_int_equal(utf8_chars(buf, n), 1);
		} else {
			assert_int_equal(got, 0xFFFD);
		}
	}
	/* All two-byte combinations: valid exactly when they encode U+0080..U+07FF
	 * or are two ASCII bytes. */
	for (int a = 0; a < 256; a++) {
		for (int b = 0; b < 256; b++) {
			char s[2] = { (char)a, (char)b };
			bool want = (a < 0x80 && b < 0x80) ||
			            (a >= 0xC2 && a <= 0xDF && b >= 0x80 && b <= 0xBF);
			assert_int_equal(utf8_valid(s, 2), want);
		}
	}
}

static void test_decode(void **state)
{
	(void)state;
	uint32_t cp = 1;
	assert_int_equal(utf8_decode("", 0, &cp), 0);
	assert_int_equal(utf8_decode("\xE2\x82\xAC", 3, &cp), 3);
	assert_int_equal(cp, 0x20AC);
	/* Maximal subparts. */
	assert_int_equal(utf8_decode("\xE2\x82" "A", 3, &cp), 2);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xF0\x80\x80", 3, &cp), 1);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(utf8_decode("\xF4\x8F\xBF", 3, &cp), 3);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xC3\xA9", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

static void test_chars(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars("", 0), 0);
	assert_int_equal(CHARS("abc"), 3);
	assert_int_equal(CHARS("a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E"), 4);
	assert_int_equal(CHARS("Zo\xC3\xAB"), 3);
	assert_int_equal(CHARS("\xE2\x82" "a"), 2);
	assert_int_equal(CHARS("\xF0\x80\x80"), 3);
	assert_int_equal(CHARS("\xED\xA0\x80"), 3);
	assert_int_equal(CHARS("\x80\x80"), 2);
	assert_int_equal(utf8_chars("a\0b", 3), 3);
}

static void test_cut(void **state)
{
	(void)state;
	const char *s = "a\xC3\xA9"; /* "aé", 3 bytes */
	assert_int_equal(utf8_cut(s, 3, 10), 3);
	assert_int_equal(utf8_cut(s, 3, 3), 3);
	assert_int_equal(utf8_cut(s, 3, 2), 1);
	assert_int_equal(utf8_cut(s, 3, 1), 1);
	assert_int_equal(utf8_cut(s, 3, 0), 0);

	const char *euro2 = "\xE2\x82\xAC\xE2\x82\xAC";
	assert_int_equal(utf8_cut(euro2, 6, 5), 3);
	assert_int_equal(utf8_cut(euro2, 6, 4), 3);
	assert_int_equal(utf8_cut(euro2, 6, 3), 3);
	assert_int_equal(utf8_cut(euro2, 6, 2), 0);
	assert_int_equal(utf8_cut("\xF0\x9D\x84\x9E", 4, 3), 0);
	assert_int_equal(utf8_cut("\xE2\x82" "A", 3, 1), 0);
	assert_int_equal(utf8_cut("\xE2\x82" "A", 3, 2), 2);

	/* Every cut of a mixed string is valid UTF-8 and as long as possible. */
	const char *mix = "Zo\xC3\xAB \xE2\x82\xAC 5 \xF0\x9F\x98\x80!";
	size_t n = strlen(mix);
	size_t prev = 0;
	for (size_t max = 0; max <= n + 2; max++) {
		size_t c = utf8_cut(mix, n, max);
		assert_true(c <= max && c <= n);
		assert_true(c >= prev);
		assert_true(utf8_valid(mix, c));
		assert_true(c + 3 >= (max < n ? max : n));
		prev = c;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_exhaustive),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_chars),
		cmocka_unit_test(test_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
