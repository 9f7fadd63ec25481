/*
 * journal.c — SQL for the case journal (see journal.h). Never decides access.
 */
#include "store/journal.h"

#include "store/db.h"

#define JOURNAL_COLUMNS                                                                                    \
	"SELECT j.id, j.case_id, j.author_id, u.name, o.name, j.part, j.entry_date, j.body,"               \
	" coalesce(j.addendum_of, 0), j.created_at, j.pinned_at IS NOT NULL, coalesce(j.pinned_at, ''),"    \
	" coalesce(p.name, '')"                                                                             \
	" FROM journal_entry j JOIN app_user u ON u.id = j.author_id"                                       \
	" JOIN organisation o ON o.id = j.author_org_id LEFT JOIN app_user p ON p.id = j.pinned_by"

static void read_entry(arena *a, sqlite3_stmt *st, journal_entry *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->case_id = sqlite3_column_int64(st, 1);
	e->author_id = sqlite3_column_int64(st, 2);
	e->author_name = db_text(a, st, 3);
	e->author_org = db_text(a, st, 4);
	e->part = (unsigned)sqlite3_column_int64(st, 5);
	e->entry_date = db_text(a, st, 6);
	e->body = db_text(a, st, 7);
	e->addendum_of = sqlite3_column_int64(st, 8);
	e->created_at = db_text(a, st, 9);
	e->pinned = sqlite3_column_int(st, 10) != 0;
	e->pinned_at = db_text(a, st, 11);
	e->pinned_by_name = db_text(a, st, 12);
}

journal_entry *journal_list(arena *a, int64_t case_id, unsigned parts, size_t *n)
{
	/* k: the entry itself, or the entry an addendum belongs to, for the order */
	sqlite3_stmt *st = db_stmt(
		JOURNAL_COLUMNS " LEFT JOIN journal_entry k ON k.id = coalesce(j.addendum_of, j.id)"
		" WHERE j.case_id = ?1 AND (j.part & ?2) <> 0"
		" ORDER BY k.pinned_at IS NULL, k.pinned_at DESC, k.entry_date DESC, k.id DESC,"
		" j.addendum_of IS NOT NULL, j.created_at, j.id");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, parts);
	size_t cap = 0, k = 0;
	journal_entry *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_entry(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool journal_get(arena *a, int64_t case_id, int64_t id, journal_entry *out)
{
	sqlite3_stmt *st = db_stmt(JOURNAL_COLUMNS " WHERE j.case_id = ?1 AND j.id = ?2");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_entry(a, st, out);
	sqlite3_reset(st);
	return found;
}

int64_t journal_add(int64_t case_id, int64_t author_id, int64_t author_org_id, unsigned part,
                    const char *entry_date, const char *body, int64_t addendum_of)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO journal_entry (case_id, author_id, author_org_id, part, entry_date, body, addendum_of)"
		" VALUES (?1, ?2, ?3, coalesce((SELECT part FROM journal_entry WHERE id = ?7 AND case_id = ?1), ?4),"
		" ?5, ?6, ?7)");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, author_id);
	sqlite3_bind_int64(st, 3, author_org_id);
	sqlite3_bind_int64(st, 4, part);
	sqlite3_bind_text(st, 5, entry_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, body, -1, SQLITE_TRANSIENT);
	if (addendum_of > 0)
		sqlite3_bind_int64(st, 7, addendum_of);
	else
		sqlite3_bind_null(st, 7);
	return db_done(st) ? db_last_id() : 0;
}

bool journal_pin(int64_t case_id, int64_t id, bool pinned, int64_t by)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE journal_entry SET pinned_at = CASE WHEN ?3 THEN datetime('now') END,"
		" pinned_by = CASE WHEN ?3 THEN ?4 END"
		" WHERE id = ?2 AND case_id = ?1 AND addendum_of IS NULL");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, pinned);
	sqlite3_bind_int64(st, 4, by);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}
