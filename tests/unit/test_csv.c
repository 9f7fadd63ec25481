/*
 * test_csv.c — unit tests for util/csv: BOM, separators, CRLF, RFC 4180
 * quoting and formula-injection defusing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"
#include "util/csv.h"
#include "util/strbuf.h"

#define BOM "\xEF\xBB\xBF"

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

/* One cell as a complete one-row document, without BOM and CRLF. */
static const char *one_cell(arena *a, const char *s)
{
	strbuf sb;
	sb_init(&sb, a);
	csv_cell(&sb, s);
	csv_end_row(&sb);
	assert_true(sb.len >= 2);
	assert_memory_equal(sb.data + sb.len - 2, "\r\n", 2);
	return arena_strndup(a, sb.data, sb.len - 2);
}

static void test_document(void **state)
{
	strbuf sb;
	sb_init(&sb, *state);
	csv_begin(&sb);
	csv_cell(&sb, "Naam");
	csv_cell(&sb, "Aantal");
	csv_end_row(&sb);
	csv_cell(&sb, "Amsterdam");
	csv_cell_int(&sb, 42);
	csv_end_row(&sb);
	csv_cell(&sb, "Zaanstad");
	csv_cell_int(&sb, -3);
	csv_end_row(&sb);
	assert_string_equal(sb.data, BOM "Naam;Aantal\r\nAmsterdam;42\r\nZaanstad;-3\r\n");
	assert_int_equal(sb.len, strlen(sb.data));
}

static void test_empty_cells_and_rows(void **state)
{
	strbuf sb;
	sb_init(&sb, *state);
	csv_begin(&sb);
	csv_end_row(&sb); /* a row without cells */
	csv_cell(&sb, "");
	csv_cell(&sb, NULL);
	csv_cell(&sb, "c");
	csv_end_row(&sb);
	csv_cell(&sb, "a");
	csv_cell(&sb, "");
	csv_end_row(&sb);
	csv_cell(&sb, "");
	csv_end_row(&sb);
	csv_end_row(&sb);
	assert_string_equal(sb.data, BOM "\r\n;;c\r\na;\r\n\r\n\r\n");
}

static void test_quoting(void **state)
{
	arena *a = *state;
	assert_string_equal(one_cell(a, "gewoon"), "gewoon");
	assert_string_equal(one_cell(a, "a;b"), "\"a;b\"");
	assert_string_equal(one_cell(a, "zei \"ja\""), "\"zei \"\"ja\"\"\"");
	assert_string_equal(one_cell(a, "\""), "\"\"\"\"");
	assert_string_equal(one_cell(a, "regel1\nregel2"), "\"regel1\nregel2\"");
	assert_string_equal(one_cell(a, "regel1\r\nregel2"), "\"regel1\r\nregel2\"");
	assert_string_equal(one_cell(a, " voor"), "\" voor\"");
	assert_string_equal(one_cell(a, "achter "), "\"achter \"");
	assert_string_equal(one_cell(a, "in het midden"), "in het midden");
	assert_string_equal(one_cell(a, "komma, blijft"), "komma, blijft");
	assert_string_equal(one_cell(a, "café – Zoë"), "café – Zoë");
	assert_string_equal(one_cell(a, "a;"), "\"a;\"");
}

static void test_formula_injection(void **state)
{
	arena *a = *state;
	assert_string_equal(one_cell(a, "=1+1"), "'=1+1");
	assert_string_equal(one_cell(a, "+31 6 12345678"), "'+31 6 12345678");
	assert_string_equal(one_cell(a, "-5"), "'-5");
	assert_string_equal(one_cell(a, "@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(one_cell(a, "=HYPERLINK(\"http://x\";\"y\")"),
	                    "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
	/* TAB and CR starts: prefixed; a leading TAB is also quoted. */
	assert_string_equal(one_cell(a, "\tx"), "\"'\tx\"");
	assert_string_equal(one_cell(a, "\rx"), "\"'\rx\"");
	/* Leading spaces do not hide a formula. */
	assert_string_equal(one_cell(a, "  =1"), "\"'  =1\"");
	/* Harmless: formula characters later in the text. */
	assert_string_equal(one_cell(a, "a=b"), "a=b");
	assert_string_equal(one_cell(a, "2-3"), "2-3");
	assert_string_equal(one_cell(a, "'al"), "'al");
}

static void test_int_cells(void **state)
{
	strbuf sb;
	sb_init(&sb, *state);
	csv_cell_int(&sb, 0);
	csv_cell_int(&sb, -9223372036854775807LL - 1);
	csv_cell_int(&sb, 9223372036854775807LL);
	csv_end_row(&sb);
	assert_string_equal(sb.data, "0;-9223372036854775808;9223372036854775807\r\n");
}

static void test_many_rows(void **state)
{
	strbuf sb;
	sb_init(&sb, *state);
	csv_begin(&sb);
	for (int i = 0; i < 1000; i++) {
		csv_cell(&sb, "x;y");
		csv_cell_int(&sb, i);
		csv_end_row(&sb);
	}
	size_t rows = 0;
	for (size_t i = 0; i + 1 < sb.len; i++)
		if (sb.data[i] == '\r' && sb.data[i + 1] == '\n')
			rows++;
	assert_int_equal(rows, 1000);
	assert_memory_equal(sb.data, BOM "\"x;y\";0\r\n", 12);
	assert_memory_equal(sb.data + sb.len - 11, "\"x;y\";999\r\n", 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_document, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_cells_and_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_formula_injection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_rows, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
