/*
 * small_cells.h — small-cell suppression for published counts (issue 9 item 18).
 *
 * A count under SMALL_CELL_MIN could point at a single family, so it is never
 * published: it is shown as "<5" (primary suppression). A shown total would then
 * still give it away when it is the only hidden cell of a sum, so another cell of
 * that sum is hidden too (complementary suppression), until every sum — a row
 * total, a column total — has either no hidden cell or at least two. Hidden
 * complementary cells are shown as "x": they may well be 5 or more.
 *
 * Pure: no database, no I/O, no allocation. Cells are a flat array of counts;
 * a sum names its total cell and its part cells by index.
 */
#ifndef KR_SMALL_CELLS_H
#define KR_SMALL_CELLS_H

#include <stddef.h>

enum { SMALL_CELL_MIN = 5 };

typedef enum small_cell_state {
	CELL_SHOWN = 0,
	CELL_SMALL,  /* under SMALL_CELL_MIN: shown as "<5" */
	CELL_HIDDEN, /* hidden so that a total does not reveal a small cell: shown as "x" */
} small_cell_state;

/* A sum: values[total] = sum of values[parts[0..nparts-1]]. */
typedef struct small_cell_sum {
	size_t total;
	const size_t *parts;
	size_t nparts;
} small_cell_sum;

/* Decide state[i] for every one of the n cells. Every cell under SMALL_CELL_MIN
 * becomes CELL_SMALL; then, while some sum has exactly one suppressed cell, its
 * smallest shown part (the total only when no part is left) becomes CELL_HIDDEN.
 * A part is preferred over a total so that totals, which other tables repeat,
 * stay shown where they can. */
void small_cells_suppress(const int *values, small_cell_state *state, size_t n, const small_cell_sum *sums,
                          size_t nsums);

/* The text of a count as published: the number, "<5" or "x". Static storage for
 * the two markers; the number is written into buf (at least 12 bytes). */
const char *small_cell_text(int value, small_cell_state state, char *buf, size_t size);

#endif
