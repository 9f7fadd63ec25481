/*
 * safety_plan_conditions.c — SQL for condition status changes with a note and the
 * history of a case's conditions (see safety_plan_conditions.h).
 */
#include "store/safety_plan_conditions.h"

#include "store/db.h"

bool sp_condition_set(int64_t case_id, int64_t condition_id, const char *status, const char *note, int64_t user_id)
{
	sqlite3_stmt *st = db_stmt("UPDATE case_condition SET status = ?3, changed_by = ?4, changed_at = datetime('now')"
	                           " WHERE id = ?2 AND case_id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, condition_id);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, user_id);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("INSERT INTO case_condition_change (condition_id, status, changed_by, note) VALUES (?1, ?2, ?3, ?4)");
	sqlite3_bind_int64(st, 1, condition_id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_text(st, 4, note ? note : "", -1, SQLITE_TRANSIENT);
	return db_done(st);
}

sp_condition_change *sp_condition_history(arena *a, int64_t case_id, size_t *n)
{
	/* In the order of the two indexes it walks, case_condition_case (case_id,
	 * position, rowid) and case_condition_change_condition (condition_id, id):
	 * no sort. The conditions' own order; within one, oldest first. */
	sqlite3_stmt *st = db_stmt("SELECT x.condition_id, x.status, x.note, u.name, x.changed_at"
	                           " FROM case_condition_change x JOIN case_condition k ON k.id = x.condition_id"
	                           " JOIN app_user u ON u.id = x.changed_by WHERE k.case_id = ?1"
	                           " ORDER BY k.position, k.id, x.id");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	sp_condition_change *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		sp_condition_change *c = &list[k++];
		c->condition_id = sqlite3_column_int64(st, 0);
		c->status = db_text(a, st, 1);
		c->note = db_text(a, st, 2);
		c->by_name = db_text(a, st, 3);
		c->at = db_text(a, st, 4);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
