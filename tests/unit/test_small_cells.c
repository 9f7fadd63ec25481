/*
 * test_small_cells.c — unit tests for util/small_cells: every count under 5 is
 * suppressed, and no sum is left with a single suppressed cell that its shown
 * total would reveal (complementary suppression), in rows and in columns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/small_cells.h"

/* A table of R rows × C columns whose last row holds the column totals and whose
 * last column holds the row totals, as the figures page has. */
enum { R = 4, C = 4 };

static size_t sums_of_grid(small_cell_sum *sums, size_t parts[][R])
{
	size_t k = 0;
	for (size_t r = 0; r < R; r++) { /* row r: cells 0..C-2 add up to column C-1 */
		for (size_t c = 0; c + 1 < C; c++)
			parts[k][c] = r * C + c;
		sums[k] = (small_cell_sum){.total = r * C + C - 1, .parts = parts[k], .nparts = C - 1};
		k++;
	}
	for (size_t c = 0; c < C; c++) { /* column c: rows 0..R-2 add up to row R-1 */
		for (size_t r = 0; r + 1 < R; r++)
			parts[k][r] = r * C + c;
		sums[k] = (small_cell_sum){.total = (R - 1) * C + c, .parts = parts[k], .nparts = R - 1};
		k++;
	}
	return k;
}

static void assert_no_sum_with_one(const small_cell_state *st, const small_cell_sum *sums, size_t nsums)
{
	for (size_t j = 0; j < nsums; j++) {
		size_t hidden = st[sums[j].total] != CELL_SHOWN;
		for (size_t k = 0; k < sums[j].nparts; k++)
			hidden += st[sums[j].parts[k]] != CELL_SHOWN;
		assert_true(hidden != 1);
	}
}

static void test_small_counts_are_suppressed(void **state)
{
	(void)state;
	int v[] = {0, 1, 4, 5, 6, 100};
	small_cell_state st[6];
	small_cells_suppress(v, st, 6, NULL, 0);
	assert_int_equal(st[0], CELL_SMALL); /* zero is under five too */
	assert_int_equal(st[1], CELL_SMALL);
	assert_int_equal(st[2], CELL_SMALL);
	assert_int_equal(st[3], CELL_SHOWN);
	assert_int_equal(st[5], CELL_SHOWN);
	char buf[16];
	assert_string_equal(small_cell_text(3, CELL_SMALL, buf, sizeof buf), "<5");
	assert_string_equal(small_cell_text(9, CELL_HIDDEN, buf, sizeof buf), "x");
	assert_string_equal(small_cell_text(12, CELL_SHOWN, buf, sizeof buf), "12");
}

/* Without complementary suppression, 20 - 9 - 8 gives the hidden 3 away. */
static void test_a_total_does_not_reveal_the_one_small_cell(void **state)
{
	(void)state;
	int v[] = {9, 3, 8, 20};
	size_t parts[] = {0, 1, 2};
	small_cell_sum s = {.total = 3, .parts = parts, .nparts = 3};
	small_cell_state st[4];
	small_cells_suppress(v, st, 4, &s, 1);
	assert_int_equal(st[1], CELL_SMALL);
	assert_int_equal(st[2], CELL_HIDDEN); /* the smallest other part, not the total */
	assert_int_equal(st[0], CELL_SHOWN);
	assert_int_equal(st[3], CELL_SHOWN);
}

static void test_two_small_cells_need_nothing_more(void **state)
{
	(void)state;
	int v[] = {9, 3, 2, 14};
	size_t parts[] = {0, 1, 2};
	small_cell_sum s = {.total = 3, .parts = parts, .nparts = 3};
	small_cell_state st[4];
	small_cells_suppress(v, st, 4, &s, 1);
	assert_int_equal(st[0], CELL_SHOWN);
	assert_int_equal(st[3], CELL_SHOWN);
}

/* A small total: its parts are all small, nothing more is needed; a single part
 * equal to its total is suppressed with it. */
static void test_small_total(void **state)
{
	(void)state;
	int v[] = {3, 3};
	size_t parts[] = {0};
	small_cell_sum s = {.total = 1, .parts = parts, .nparts = 1};
	small_cell_state st[2];
	small_cells_suppress(v, st, 2, &s, 1);
	assert_int_equal(st[0], CELL_SMALL);
	assert_int_equal(st[1], CELL_SMALL);
}

/* In a grid, hiding a second cell in a row can leave its column with one hidden
 * cell: that column gets its second too, and so on until every row and column sum
 * has none or at least two. */
static void test_grid_rows_and_columns(void **state)
{
	(void)state;
	/*  10  2 20 | 32
	 *  12 30 40 | 82
	 *  15 25  9 | 49
	 *  --------------
	 *  37 57 69 | 163 */
	int v[R * C] = {10, 2, 20, 32, 12, 30, 40, 82, 15, 25, 9, 49, 37, 57, 69, 163};
	small_cell_sum sums[R + C];
	size_t parts[R + C][R];
	size_t nsums = sums_of_grid(sums, parts);
	small_cell_state st[R * C];
	small_cells_suppress(v, st, R * C, sums, nsums);
	assert_int_equal(st[1], CELL_SMALL);
	assert_no_sum_with_one(st, sums, nsums);
	size_t hidden = 0;
	for (size_t i = 0; i < R * C; i++)
		hidden += st[i] == CELL_HIDDEN;
	assert_true(hidden >= 3); /* at least a rectangle: 2 in the row, 1 more in a column */
	for (size_t i = 0; i < R * C; i++) /* the grand total and the column totals stay when parts can be hidden */
		if (i >= (R - 1) * C)
			assert_int_equal(st[i], CELL_SHOWN);
}

static void test_nothing_small_nothing_hidden(void **state)
{
	(void)state;
	int v[R * C] = {10, 12, 20, 42, 12, 30, 40, 82, 15, 25, 9, 49, 37, 67, 69, 173};
	small_cell_sum sums[R + C];
	size_t parts[R + C][R];
	size_t nsums = sums_of_grid(sums, parts);
	small_cell_state st[R * C];
	small_cells_suppress(v, st, R * C, sums, nsums);
	for (size_t i = 0; i < R * C; i++)
		assert_int_equal(st[i], CELL_SHOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_counts_are_suppressed),
		cmocka_unit_test(test_a_total_does_not_reveal_the_one_small_cell),
		cmocka_unit_test(test_two_small_cells_need_nothing_more),
		cmocka_unit_test(test_small_total),
		cmocka_unit_test(test_grid_rows_and_columns),
		cmocka_unit_test(test_nothing_small_nothing_hidden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
