/*
 * name_memo.c — names looked up by id once per page (see name_memo.h).
 */
#include "store/name_memo.h"

#include "store/db.h"

void name_memo_init(arena *a, name_memo *m, sqlite3_stmt *st, size_t n)
{
	m->st = st;
	m->cap = 16;
	while (m->cap < 2 * (n + 1))
		m->cap *= 2;
	m->ids = arena_alloc(a, m->cap * sizeof *m->ids);
	m->names = arena_alloc(a, m->cap * sizeof *m->names);
}

const char *name_memo_get(arena *a, name_memo *m, int64_t id)
{
	if (id <= 0)
		return "";
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15u >> 32) & (m->cap - 1);
	while (m->ids[i] && m->ids[i] != id)
		i = (i + 1) & (m->cap - 1);
	if (!m->ids[i]) {
		sqlite3_bind_int64(m->st, 1, id);
		m->names[i] = sqlite3_step(m->st) == SQLITE_ROW ? db_text(a, m->st, 0) : "";
		sqlite3_reset(m->st);
		m->ids[i] = id;
	}
	return m->names[i];
}
