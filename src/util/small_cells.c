/*
 * small_cells.c — primary and complementary small-cell suppression (see
 * small_cells.h). Terminates: every round hides one more cell, and there are n.
 */
#include "util/small_cells.h"

#include <stdbool.h>
#include <stdio.h>

static bool suppressed(small_cell_state s)
{
	return s != CELL_SHOWN;
}

/* The cell to hide beside the single suppressed cell of sum s: its smallest shown
 * part, else its total. */
static size_t second_cell(const int *values, const small_cell_state *state, const small_cell_sum *s)
{
	size_t best = s->total;
	for (size_t k = 0; k < s->nparts; k++) {
		size_t p = s->parts[k];
		if (!suppressed(state[p]) && (best == s->total || values[p] < values[best]))
			best = p;
	}
	return best;
}

void small_cells_suppress(const int *values, small_cell_state *state, size_t n, const small_cell_sum *sums,
                          size_t nsums)
{
	for (size_t i = 0; i < n; i++)
		state[i] = values[i] < SMALL_CELL_MIN ? CELL_SMALL : CELL_SHOWN;
	bool changed = true;
	while (changed) {
		changed = false;
		for (size_t j = 0; j < nsums; j++) {
			const small_cell_sum *s = &sums[j];
			size_t hidden = suppressed(state[s->total]) ? 1 : 0;
			for (size_t k = 0; k < s->nparts; k++)
				hidden += suppressed(state[s->parts[k]]) ? 1 : 0;
			if (hidden != 1)
				continue;
			size_t c = second_cell(values, state, s);
			if (suppressed(state[c]))
				continue; /* a sum of one part whose total is the part itself */
			state[c] = CELL_HIDDEN;
			changed = true;
		}
	}
}

const char *small_cell_text(int value, small_cell_state state, char *buf, size_t size)
{
	if (state == CELL_SMALL)
		return "<5";
	if (state == CELL_HIDDEN)
		return "x";
	snprintf(buf, size, "%d", value);
	return buf;
}
