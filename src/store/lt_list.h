/*
 * lt_list.h — a growable array in arena memory, shared by the leertafel store
 * files (meeting, action, action_plan, board, actielijn). Allocation failure
 * aborts (arena semantics); old memory stays in the arena until it is freed.
 */
#ifndef KR_LT_LIST_H
#define KR_LT_LIST_H

#include "util/arena.h"

#include <string.h>

/* Make room for element n (0-based) of a list of elem-sized items; returns the
 * (possibly moved) list. *cap is the current capacity in elements. */
static inline void *lt_grow(arena *a, void *list, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return list;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *bigger = arena_alloc(a, ncap * elem);
	if (n)
		memcpy(bigger, list, n * elem);
	*cap = ncap;
	return bigger;
}

#endif
