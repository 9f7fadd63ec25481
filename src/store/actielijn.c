/*
 * actielijn.c — SQL for actielijnen, tags and werkgroepen (see actielijn.h).
 * Names only lt_* tables; never a client table.
 */
#include "store/actielijn.h"

#include "store/db.h"

static lt_item *read_all(arena *a, sqlite3_stmt *st, size_t *n)
{
	lt_item *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].id = sqlite3_column_int64(st, 0);
		list[k].name = db_text(a, st, 1);
		list[k].kind = db_text(a, st, 2);
		list[k].active = sqlite3_column_int(st, 3) != 0;
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

lt_item *actielijn_list(arena *a, const char *kind, bool all, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT id, name, kind, active FROM lt_actielijn WHERE kind = ?1 AND (active = 1 OR ?2)"
		" ORDER BY position, name");
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, all ? 1 : 0);
	return read_all(a, st, n);
}

bool actielijn_get(arena *a, int64_t id, lt_item *out)
{
	sqlite3_stmt *st = db_stmt("SELECT id, name, kind, active FROM lt_actielijn WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	size_t n;
	lt_item *l = read_all(a, st, &n);
	if (n)
		*out = l[0];
	return n == 1;
}

int64_t actielijn_create(const char *name, const char *kind)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT OR IGNORE INTO lt_actielijn (name, kind, position)"
		" VALUES (?1, ?2, (SELECT COALESCE(max(position), 0) + 1 FROM lt_actielijn WHERE kind = ?2))");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return 0;
	return db_last_id();
}

bool actielijn_set_active(int64_t id, bool active)
{
	sqlite3_stmt *st = db_stmt("UPDATE lt_actielijn SET active = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active ? 1 : 0);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

lt_item *werkgroep_list(arena *a, bool all, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT id, name, 'werkgroep', active FROM lt_werkgroep WHERE active = 1 OR ?1 ORDER BY name");
	sqlite3_bind_int(st, 1, all ? 1 : 0);
	return read_all(a, st, n);
}

bool werkgroep_get(arena *a, int64_t id, lt_item *out)
{
	sqlite3_stmt *st = db_stmt("SELECT id, name, 'werkgroep', active FROM lt_werkgroep WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	size_t n;
	lt_item *l = read_all(a, st, &n);
	if (n)
		*out = l[0];
	return n == 1;
}

int64_t werkgroep_create(const char *name)
{
	sqlite3_stmt *st = db_stmt("INSERT OR IGNORE INTO lt_werkgroep (name) VALUES (?1)");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return 0;
	return db_last_id();
}

bool werkgroep_set_active(int64_t id, bool active)
{
	sqlite3_stmt *st = db_stmt("UPDATE lt_werkgroep SET active = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active ? 1 : 0);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}
