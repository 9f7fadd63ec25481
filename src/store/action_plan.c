/*
 * action_plan.c — SQL for yearly action plans (see action_plan.h).
 * Names only lt_* tables and app_user; never a client table.
 */
#include "store/action_plan.h"

#include "store/db.h"

#include <stdio.h>

#define PLAN_SELECT                                                                                  \
	"SELECT p.id, p.year, p.title, COALESCE(p.adopted_on, ''), COALESCE(u.name, ''),"            \
	" (SELECT count(*) FROM lt_action a WHERE a.plan_id = p.id)"                                 \
	" FROM lt_plan p LEFT JOIN app_user u ON u.id = p.adopted_by"

static void read_row(arena *a, sqlite3_stmt *st, action_plan *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->year = sqlite3_column_int(st, 1);
	p->title = db_text(a, st, 2);
	p->adopted_on = db_text(a, st, 3);
	p->adopted_by_name = db_text(a, st, 4);
	p->nactions = sqlite3_column_int64(st, 5);
}

action_plan *action_plan_list(arena *a, size_t *n)
{
	sqlite3_stmt *st = db_stmt(PLAN_SELECT " ORDER BY p.year DESC");
	action_plan *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_row(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool action_plan_get(arena *a, int64_t id, action_plan *out)
{
	sqlite3_stmt *st = db_stmt(PLAN_SELECT " WHERE p.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

bool action_plan_for_year(arena *a, int year, action_plan *out)
{
	sqlite3_stmt *st = db_stmt(PLAN_SELECT " WHERE p.year = ?1");
	sqlite3_bind_int(st, 1, year);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

int64_t action_plan_create(int year, const char *title)
{
	sqlite3_stmt *st = db_stmt("INSERT OR IGNORE INTO lt_plan (year, title) VALUES (?1, ?2)");
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return 0;
	return db_last_id();
}

int64_t action_plan_ensure(int year)
{
	sqlite3_stmt *st = db_stmt("SELECT id FROM lt_plan WHERE year = ?1");
	sqlite3_bind_int(st, 1, year);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (id)
		return id;
	char title[64];
	snprintf(title, sizeof title, "Actieplan leertafel %d", year);
	return action_plan_create(year, title);
}

bool action_plan_adopt(int64_t id, const char *adopted_on, int64_t user_id)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE lt_plan SET adopted_on = ?2, adopted_by = ?3 WHERE id = ?1 AND adopted_on IS NULL");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, adopted_on, -1, SQLITE_STATIC);
	if (user_id > 0)
		sqlite3_bind_int64(st, 3, user_id);
	else
		sqlite3_bind_null(st, 3);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}
