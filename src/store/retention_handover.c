/*
 * retention_handover.c — the retention term for a handover that never became a
 * case (withdrawn, returned, or a draft never submitted): which are past the
 * term, and the emptying of one (see retention.h and 0020_retention_handovers).
 *
 * Emptied as a case's handover is: members, conditions, addenda, warm-handover
 * records and hermelding marks deleted, names and free text emptied; dates,
 * organisations, status and return category stay for /cijfers. The household
 * made for it at submission goes with its members when no case and no other
 * handover names it. Called by the retention run inside its write transaction.
 */
#include "store/retention.h"

#include "store/db.h"

retention_handover *retention_handover_due_list(arena *a, const char *before_utc, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT id, coalesce(vt_org_id, 0), coalesce(household_id, 0), status,"
		" coalesce(ended_at, decided_at, updated_at, created_at) AS ended"
		" FROM handover INDEXED BY handover_retention_due"
		" WHERE case_id IS NULL AND anonymised_on IS NULL AND status IN ('concept', 'teruggelegd', 'ingetrokken')"
		" AND coalesce(ended_at, decided_at, updated_at, created_at) < ?1"
		" ORDER BY coalesce(ended_at, decided_at, updated_at, created_at), id");
	sqlite3_bind_text(st, 1, before_utc, -1, SQLITE_TRANSIENT);
	size_t cap = 0, k = 0;
	retention_handover *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		retention_handover *h = &list[k++];
		h->handover_id = sqlite3_column_int64(st, 0);
		h->vt_org_id = sqlite3_column_int64(st, 1);
		h->household_id = sqlite3_column_int64(st, 2);
		h->status = db_text(a, st, 3);
		h->ended_at = db_text(a, st, 4);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* One statement of the emptying: ?1 the handover, ?2 its household (0: none). */
#define PURGE(SQL)                                                                                         \
	do {                                                                                                   \
		sqlite3_stmt *st_ = db_stmt(SQL);                                                                  \
		sqlite3_bind_int64(st_, 1, h->handover_id);                                                        \
		if (sqlite3_bind_parameter_count(st_) >= 2)                                                        \
			sqlite3_bind_int64(st_, 2, h->household_id);                                                   \
		if (!db_done(st_))                                                                                 \
			return false;                                                                                  \
	} while (0)

bool retention_empty_handover(const retention_handover *h, const char *today_iso, bool *household_deleted)
{
	*household_deleted = false;
	PURGE("INSERT INTO retention_purge_handover (handover_id) VALUES (?1)");
	PURGE("DELETE FROM case_re_report WHERE handover_id = ?1");
	PURGE("DELETE FROM handover_feedback WHERE handover_id = ?1");
	PURGE("DELETE FROM handover_member WHERE handover_id = ?1");
	PURGE("DELETE FROM handover_condition WHERE handover_id = ?1");
	PURGE("DELETE FROM handover_addendum WHERE handover_id = ?1");
	PURGE("DELETE FROM handover_warm_record WHERE handover_id = ?1");
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET household_name = 'Verwijderd na de bewaartermijn', address = '', reason = '',"
		" investigation_outcome = '', risk_assessment = '', providers = '', agreements = '',"
		" family_informed_reason = '', contact = '', taken_reason = NULL, return_reason = NULL,"
		" warm_present = NULL, warm_family_reason = NULL, warm_outcome = NULL, end_reason = NULL,"
		" parallel_reason = NULL, form_key = NULL, household_id = NULL, anonymised_on = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, h->handover_id);
	sqlite3_bind_text(st, 2, today_iso, -1, SQLITE_TRANSIENT);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	if (h->household_id) {
		/* the household goes when nothing else names it any more */
		st = db_stmt("SELECT EXISTS (SELECT 1 FROM casefile WHERE household_id = ?1)"
		             " OR EXISTS (SELECT 1 FROM handover WHERE household_id = ?1)");
		sqlite3_bind_int64(st, 1, h->household_id);
		int named = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
		sqlite3_reset(st);
		if (named < 0)
			return false;
		if (!named) {
			PURGE("DELETE FROM person WHERE household_id = ?2 AND ?1 > 0");
			PURGE("DELETE FROM household WHERE id = ?2 AND ?1 > 0");
			*household_deleted = true;
		}
	}
	st = db_stmt("INSERT INTO retention_handover_log (handover_id, vt_org_id, status, ended_on, household_deleted)"
	             " VALUES (?1, nullif(?2, 0), ?3, substr(?4, 1, 10), ?5)");
	sqlite3_bind_int64(st, 1, h->handover_id);
	sqlite3_bind_int64(st, 2, h->vt_org_id);
	sqlite3_bind_text(st, 3, h->status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, h->ended_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, *household_deleted);
	if (!db_done(st))
		return false;
	PURGE("DELETE FROM retention_purge_handover WHERE handover_id = ?1");
	return true;
}
