/*
 * retention.c — SQL of the retention term (see retention.h for what is deleted
 * and what stays). The history guards of 0017_retention.sql let a row go only
 * while its case stands in retention_purge, which this file fills and empties
 * inside the caller's transaction; nothing else ever writes that table.
 */
#include "store/retention.h"

#include "store/db.h"

#include <stdlib.h>
#include <string.h>

int retention_years(void)
{
	sqlite3_stmt *st = db_stmt("SELECT value FROM setting WHERE key = 'bewaartermijn_jaren'");
	int years = 20;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		char *end = NULL;
		long y = v ? strtol(v, &end, 10) : 0;
		if (v && *v && end && !*end && y >= 1 && y <= 100)
			years = (int)y;
	}
	sqlite3_reset(st);
	return years;
}

retention_case *retention_due_list(arena *a, const char *cutoff_iso, const char *today_iso, size_t *n)
{
	/* the recorded closure date (the last closure), else the day the case was closed */
	sqlite3_stmt *st = db_stmt(
		"SELECT c.id, c.household_id, c.team_org_id, k.closed_on,"
		" coalesce(hl.id, 0), coalesce(hl.until_on, ''), coalesce(hl.held_by, ''), coalesce(hl.reason, '')"
		" FROM (SELECT c.id, coalesce((SELECT closed_on FROM case_closure WHERE case_id = c.id ORDER BY id DESC LIMIT 1),"
		"       date(c.closed_at)) AS closed_on FROM casefile c INDEXED BY casefile_closed"
		"       WHERE c.status = 'gesloten') k"
		" JOIN casefile c ON c.id = k.id"
		" LEFT JOIN case_legal_hold hl ON hl.id = (SELECT id FROM case_legal_hold WHERE case_id = c.id"
		"   AND released_at IS NULL AND until_on >= ?2 ORDER BY until_on DESC LIMIT 1)"
		" WHERE k.closed_on <= ?1 ORDER BY k.closed_on, c.id");
	sqlite3_bind_text(st, 1, cutoff_iso, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, today_iso, -1, SQLITE_TRANSIENT);
	size_t cap = 0, k = 0;
	retention_case *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		retention_case *r = &list[k++];
		memset(r, 0, sizeof *r);
		r->case_id = sqlite3_column_int64(st, 0);
		r->household_id = sqlite3_column_int64(st, 1);
		r->team_org_id = sqlite3_column_int64(st, 2);
		r->closed_on = db_text(a, st, 3);
		r->hold_id = sqlite3_column_int64(st, 4);
		r->held = r->hold_id > 0;
		r->hold_until = db_text(a, st, 5);
		r->hold_by = db_text(a, st, 6);
		r->hold_reason = db_text(a, st, 7);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* One statement of the deletion: ?1 the case, ?2 its household. */
#define PURGE(SQL)                                                                                         \
	do {                                                                                                   \
		sqlite3_stmt *st_ = db_stmt(SQL);                                                                  \
		sqlite3_bind_int64(st_, 1, c->case_id);                                                            \
		if (sqlite3_bind_parameter_count(st_) >= 2)                                                        \
			sqlite3_bind_int64(st_, 2, c->household_id);                                                   \
		if (!db_done(st_))                                                                                 \
			return false;                                                                                  \
	} while (0)

bool retention_delete_case(const retention_case *c, int *handovers, bool *household_deleted)
{
	*handovers = 0;
	*household_deleted = false;
	PURGE("INSERT INTO retention_purge (case_id, household_id) VALUES (?1, ?2)");
	/* closure, follow-up checks, legal holds, hermelding marks */
	PURGE("DELETE FROM case_followup_check WHERE closure_id IN (SELECT id FROM case_closure WHERE case_id = ?1)");
	PURGE("DELETE FROM case_closure WHERE case_id = ?1");
	PURGE("DELETE FROM case_legal_hold WHERE case_id = ?1");
	PURGE("DELETE FROM case_re_report WHERE case_id = ?1 OR handover_id IN (SELECT id FROM handover WHERE case_id = ?1)");
	/* meetings and agreements, escalations, phases */
	PURGE("DELETE FROM case_agreement WHERE case_id = ?1");
	PURGE("DELETE FROM case_meeting_invitee WHERE meeting_id IN (SELECT id FROM case_meeting WHERE case_id = ?1)");
	PURGE("DELETE FROM case_meeting WHERE case_id = ?1");
	PURGE("DELETE FROM case_escalation WHERE case_id = ?1");
	PURGE("DELETE FROM case_phase_change WHERE case_id = ?1");
	/* evaluations and the family plan */
	PURGE("DELETE FROM case_evaluation_domain WHERE evaluation_id IN (SELECT id FROM case_evaluation WHERE case_id = ?1)");
	PURGE("DELETE FROM case_evaluation_condition WHERE evaluation_id IN (SELECT id FROM case_evaluation WHERE case_id = ?1)");
	PURGE("DELETE FROM case_evaluation_goal WHERE evaluation_id IN (SELECT id FROM case_evaluation WHERE case_id = ?1)");
	PURGE("DELETE FROM case_evaluation WHERE case_id = ?1");
	PURGE("DELETE FROM case_evaluation_due WHERE case_id = ?1");
	PURGE("DELETE FROM family_plan_score WHERE version_id IN (SELECT id FROM family_plan_version WHERE case_id = ?1)");
	PURGE("DELETE FROM family_plan_goal WHERE version_id IN (SELECT id FROM family_plan_version WHERE case_id = ?1)");
	PURGE("DELETE FROM family_plan_service WHERE version_id IN (SELECT id FROM family_plan_version WHERE case_id = ?1)");
	PURGE("DELETE FROM family_plan_version WHERE case_id = ?1");
	/* the safety plan, then the conditions its versions point at */
	PURGE("DELETE FROM safety_plan_read WHERE version_id IN (SELECT id FROM safety_plan_version WHERE case_id = ?1)");
	PURGE("DELETE FROM safety_plan_item WHERE version_id IN (SELECT id FROM safety_plan_version WHERE case_id = ?1)");
	PURGE("DELETE FROM safety_plan_version WHERE case_id = ?1");
	PURGE("DELETE FROM case_condition_change WHERE condition_id IN (SELECT id FROM case_condition WHERE case_id = ?1)");
	PURGE("DELETE FROM case_condition WHERE case_id = ?1");
	/* journal, feedback to Veilig Thuis, involvements, regisseur history */
	PURGE("DELETE FROM journal_entry WHERE case_id = ?1");
	PURGE("DELETE FROM handover_feedback WHERE case_id = ?1"
	      " OR handover_id IN (SELECT id FROM handover WHERE case_id = ?1)");
	PURGE("DELETE FROM case_involvement WHERE case_id = ?1");
	PURGE("DELETE FROM case_director WHERE case_id = ?1");
	/* the handovers of the case: personal content goes, the process figures stay */
	PURGE("DELETE FROM handover_member WHERE handover_id IN (SELECT id FROM handover WHERE case_id = ?1)");
	PURGE("DELETE FROM handover_condition WHERE handover_id IN (SELECT id FROM handover WHERE case_id = ?1)");
	PURGE("DELETE FROM handover_addendum WHERE handover_id IN (SELECT id FROM handover WHERE case_id = ?1)");
	PURGE("DELETE FROM handover_warm_record WHERE handover_id IN (SELECT id FROM handover WHERE case_id = ?1)");
	PURGE("UPDATE handover SET household_name = 'Verwijderd na de bewaartermijn', address = '', reason = '',"
	      " investigation_outcome = '', risk_assessment = '', providers = '', agreements = '',"
	      " family_informed_reason = '', contact = '', taken_reason = NULL, return_reason = NULL,"
	      " warm_present = NULL, warm_family_reason = NULL, warm_outcome = NULL, end_reason = NULL,"
	      " parallel_reason = NULL, form_key = NULL, household_id = NULL, case_id = NULL WHERE case_id = ?1");
	*handovers = sqlite3_changes(db_conn());
	PURGE("DELETE FROM casefile WHERE id = ?1");
	/* the household and its members, unless another case of it remains */
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM casefile WHERE household_id = ?1");
	sqlite3_bind_int64(st, 1, c->household_id);
	int64_t others = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (others < 0)
		return false;
	if (others == 0) {
		/* a handover that never became a case keeps its own content (members, reason)
		 * but no longer points at the deleted household: a later acceptance matches
		 * or makes a household anew */
		PURGE("UPDATE handover SET household_id = NULL WHERE household_id = ?2 AND ?1 > 0");
		PURGE("DELETE FROM person WHERE household_id = ?2 AND ?1 > 0");
		PURGE("DELETE FROM household WHERE id = ?2 AND ?1 > 0");
		*household_deleted = true;
	}
	st = db_stmt("INSERT INTO retention_log (case_id, team_org_id, closed_on, household_deleted, handovers_anonymised)"
	             " VALUES (?1, ?2, ?3, ?4, ?5)");
	sqlite3_bind_int64(st, 1, c->case_id);
	sqlite3_bind_int64(st, 2, c->team_org_id);
	sqlite3_bind_text(st, 3, c->closed_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, *household_deleted);
	sqlite3_bind_int(st, 5, *handovers);
	if (!db_done(st))
		return false;
	PURGE("DELETE FROM retention_purge WHERE case_id = ?1");
	return true;
}

bool retention_optimize_indexes(void)
{
	/* 'optimize' merges every segment, so a deleted name is no longer in any of them */
	sqlite3_stmt *st = db_stmt("INSERT INTO household_search (household_search) VALUES ('optimize')");
	if (!db_done(st))
		return false;
	st = db_stmt("INSERT INTO handover_name_fts (handover_name_fts) VALUES ('optimize')");
	if (!db_done(st))
		return false;
	st = db_stmt("INSERT INTO case_name_search (case_name_search) VALUES ('optimize')");
	return db_done(st);
}

int64_t retention_hold_add(int64_t case_id, const char *held_by, const char *reason, const char *until_iso)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO case_legal_hold (case_id, held_by, reason, until_on)"
	                           " SELECT id, ?2, ?3, ?4 FROM casefile WHERE id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, held_by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, until_iso, -1, SQLITE_TRANSIENT);
	if (!db_done(st))
		return -1;
	return sqlite3_changes(db_conn()) == 1 ? db_last_id() : 0;
}
