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

case_condition *sp_conditions_with_history(arena *a, int64_t case_id, size_t *n, sp_condition_change **history,
                                           size_t *nh)
{
	/* case_conditions' columns and order, each condition's row repeated for each
	 * of its changes (LEFT JOIN: a condition without changes once, with NULLs). A
	 * change counts when its author is found, as in sp_condition_history's inner
	 * join. Both indexes walked in order: no sort. */
	sqlite3_stmt *st = db_stmt(
		"SELECT k.id, coalesce(k.handover_id, 0), k.text, k.status, coalesce(u.name, ''),"
		" coalesce(k.changed_at, ''), xu.id IS NOT NULL, x.status, x.note, xu.name, x.changed_at"
		" FROM case_condition k LEFT JOIN app_user u ON u.id = k.changed_by"
		" LEFT JOIN case_condition_change x ON x.condition_id = k.id"
		" LEFT JOIN app_user xu ON xu.id = x.changed_by"
		" WHERE k.case_id = ?1 ORDER BY k.position, k.id, x.id");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0, hcap = 0, hk = 0;
	case_condition *list = NULL;
	sp_condition_change *hist = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (k == 0 || list[k - 1].id != id) {
			list = arena_grow(a, list, k, &cap, sizeof *list);
			case_condition *c = &list[k++];
			c->id = id;
			c->handover_id = sqlite3_column_int64(st, 1);
			c->text = db_text(a, st, 2);
			c->status = db_text(a, st, 3);
			c->changed_by_name = db_text(a, st, 4);
			c->changed_at = db_text(a, st, 5);
		}
		if (sqlite3_column_int(st, 6) == 0)
			continue;
		hist = arena_grow(a, hist, hk, &hcap, sizeof *hist);
		sp_condition_change *x = &hist[hk++];
		x->condition_id = id;
		x->status = db_text(a, st, 7);
		x->note = db_text(a, st, 8);
		x->by_name = db_text(a, st, 9);
		x->at = db_text(a, st, 10);
	}
	sqlite3_reset(st);
	*n = k;
	*history = hist;
	*nh = hk;
	return list;
}
