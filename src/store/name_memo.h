/*
 * name_memo.h — names looked up by id once per page: a list that names the same
 * few organisations or users on many rows reads each name once, after its rows,
 * instead of joining the name into every row (issue 11, docs/performance.md).
 */
#ifndef KR_STORE_NAME_MEMO_H
#define KR_STORE_NAME_MEMO_H

#include "util/arena.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* Open addressing over at most cap / 2 ids, cap a power of two; arena-owned. */
typedef struct name_memo {
	sqlite3_stmt *st; /* "SELECT name … WHERE id = ?1" */
	int64_t *ids;     /* 0: a free slot */
	const char **names;
	size_t cap;
} name_memo;

/* A memo for up to n distinct ids, answered by st (one bound id, one name column). */
void name_memo_init(arena *a, name_memo *m, sqlite3_stmt *st, size_t n);

/* The name behind id, "" when there is none (or id ≤ 0: nobody, no organisation). */
const char *name_memo_get(arena *a, name_memo *m, int64_t id);

#endif
