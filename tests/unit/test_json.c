/*
 * test_json.c — unit tests for util/json: string escaping (quotes, backslash,
 * every control character, HTML-significant characters, U+2028/2029, invalid
 * UTF-8 → U+FFFD), and commas in nested objects and arrays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"
#include "util/json.h"
#include "util/strbuf.h"

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static const char *escaped(arena *a, const char *s)
{
	strbuf sb;
	sb_init(&sb, a);
	json_escape(&sb, s);
	sb_putc(&sb, '\0');
	return sb.data;
}

static void test_escape_specials(void **state)
{
	arena *a = *state;
	assert_string_equal(escaped(a, ""), "\"\"");
	assert_string_equal(escaped(a, "plain tekst"), "\"plain tekst\"");
	assert_string_equal(escaped(a, "a\"b\\c"), "\"a\\\"b\\\\c\"");
	assert_string_equal(escaped(a, "r1\nr2\r\t"), "\"r1\\nr2\\r\\t\"");
	assert_string_equal(escaped(a, "\b\f\x01\x1f\x7f"), "\"\\b\\f\\u0001\\u001f\\u007f\"");
	assert_string_equal(escaped(a, "</script>&"), "\"\\u003c/script\\u003e\\u0026\"");
}

static void test_escape_unicode(void **state)
{
	arena *a = *state;
	/* valid UTF-8 passes through; the line separators are escaped */
	assert_string_equal(escaped(a, "Noëlle Müller"), "\"Noëlle Müller\"");
	assert_string_equal(escaped(a, "a\xE2\x80\xA8" "b\xE2\x80\xA9"), "\"a\\u2028b\\u2029\"");
	/* a real U+FFFD stays; invalid bytes become one */
	assert_string_equal(escaped(a, "\xEF\xBF\xBD"), "\"\xEF\xBF\xBD\"");
	assert_string_equal(escaped(a, "x\xC3y"), "\"x\\ufffdy\"");
	assert_string_equal(escaped(a, "\xFF"), "\"\\ufffd\"");
}

static void test_structure(void **state)
{
	strbuf sb;
	sb_init(&sb, *state);
	json_writer w;
	json_begin(&w, &sb);
	json_object_open(&w);
	json_key(&w, "id");
	json_int(&w, -42);
	json_key(&w, "naam");
	json_str(&w, "De \"Vries\"");
	json_key(&w, "leeg");
	json_str(&w, NULL);
	json_key(&w, "lijst");
	json_array_open(&w);
	json_bool(&w, true);
	json_object_open(&w);
	json_object_close(&w);
	json_array_open(&w);
	json_array_close(&w);
	json_double(&w, 1.5);
	json_null(&w);
	json_array_close(&w);
	json_key(&w, "na");
	json_bool(&w, false);
	json_object_close(&w);
	sb_putc(&sb, '\0');
	assert_string_equal(sb.data, "{\"id\":-42,\"naam\":\"De \\\"Vries\\\"\",\"leeg\":null,"
	                             "\"lijst\":[true,{},[],1.5,null],\"na\":false}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escape_specials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escape_unicode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_structure, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
