/*
 * board.c — SQL for escalations to the bestuurlijk overleg (see board.h).
 * Names only lt_* tables and app_user; never a client table.
 */
#include "store/board.h"

#include "store/db.h"

#define ESC_SELECT                                                                                    \
	"SELECT e.id, COALESCE(e.action_id, 0), COALESCE(a.wat, ''), e.subject, e.reason, e.escalated_on," \
	" COALESCE(u.name, ''), COALESCE(e.board_on, ''), e.decision, COALESCE(e.decided_on, '')"      \
	" FROM lt_escalation e LEFT JOIN lt_action a ON a.id = e.action_id"                            \
	" LEFT JOIN app_user u ON u.id = e.escalated_by"

static void read_row(arena *a, sqlite3_stmt *st, escalation *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->action_id = sqlite3_column_int64(st, 1);
	e->action_wat = db_text(a, st, 2);
	e->subject = db_text(a, st, 3);
	e->reason = db_text(a, st, 4);
	e->escalated_on = db_text(a, st, 5);
	e->escalated_by_name = db_text(a, st, 6);
	e->board_on = db_text(a, st, 7);
	e->decision = db_text(a, st, 8);
	e->decided_on = db_text(a, st, 9);
}

static escalation *read_all(arena *a, sqlite3_stmt *st, size_t *n)
{
	escalation *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_row(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

escalation *board_list(arena *a, size_t *n)
{
	sqlite3_stmt *st = db_stmt(ESC_SELECT
		" ORDER BY e.decided_on IS NOT NULL,"
		" CASE WHEN e.decided_on IS NULL THEN e.escalated_on END,"
		" e.decided_on DESC, e.id");
	return read_all(a, st, n);
}

escalation *board_list_action(arena *a, int64_t action_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(ESC_SELECT " WHERE e.action_id = ?1 ORDER BY e.escalated_on DESC, e.id DESC");
	sqlite3_bind_int64(st, 1, action_id);
	return read_all(a, st, n);
}

bool board_get(arena *a, int64_t id, escalation *out)
{
	sqlite3_stmt *st = db_stmt(ESC_SELECT " WHERE e.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

bool board_open_for_action(arena *a, int64_t action_id, escalation *out)
{
	sqlite3_stmt *st = db_stmt(ESC_SELECT " WHERE e.action_id = ?1 AND e.decided_on IS NULL ORDER BY e.id LIMIT 1");
	sqlite3_bind_int64(st, 1, action_id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

int64_t board_escalate(int64_t action_id, const char *subject, const char *reason, const char *escalated_on,
                       int64_t user_id)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO lt_escalation (action_id, subject, reason, escalated_on, escalated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	if (action_id > 0)
		sqlite3_bind_int64(st, 1, action_id);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_text(st, 2, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, escalated_on, -1, SQLITE_STATIC);
	if (user_id > 0)
		sqlite3_bind_int64(st, 5, user_id);
	else
		sqlite3_bind_null(st, 5);
	return db_done(st) ? db_last_id() : 0;
}

bool board_decide(int64_t id, const char *board_on, const char *decision)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE lt_escalation SET board_on = ?2, decision = ?3, decided_on = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, board_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, decision, -1, SQLITE_STATIC);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}
