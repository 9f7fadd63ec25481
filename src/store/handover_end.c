/*
 * handover_end.c — how Veilig Thuis ends a handover it sent, so that nothing
 * stays a dead end: delete a concept; withdraw a submitted handover that no team
 * took yet (status ingetrokken); close a returned handover with a reason; or
 * send a returned handover again as a new concept that copies its content and
 * links it (resent_from), which also ends the returned one.
 *
 * Every change checks the state in its WHERE clause (false when the handover is
 * no longer in it) and must run inside db_begin()/db_commit().
 */
#include "store/handover.h"

#include "store/db.h"

#include <string.h>

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

bool handover_delete_concept(int64_t id)
{
	sqlite3_stmt *st = db_stmt("DELETE FROM handover WHERE id = ?1 AND status = 'concept'");
	sqlite3_bind_int64(st, 1, id);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

bool handover_withdraw(int64_t id, int64_t user_id, const char *reason)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'ingetrokken', ended_at = datetime('now'), ended_by = ?2, end_reason = ?3,"
		" updated_at = datetime('now') WHERE id = ?1 AND status = 'ingediend' AND taken_org_id IS NULL");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	bind_str(st, 3, reason);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

bool handover_close_returned(int64_t id, int64_t user_id, const char *reason)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET ended_at = datetime('now'), ended_by = ?2, end_reason = ?3,"
		" updated_at = datetime('now') WHERE id = ?1 AND status = 'teruggelegd' AND ended_at IS NULL");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	bind_str(st, 3, reason);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

int64_t handover_resend(arena *a, int64_t id, int64_t user_id)
{
	handover_rec h;
	if (!handover_get(a, id, &h) || strcmp(h.status, "teruggelegd") != 0)
		return 0;
	handover_input in = {
		.urgency = h.urgency,
		.household_name = h.household_name,
		.address = h.address,
		.reason = h.reason,
		.investigation_outcome = h.investigation_outcome,
		.risk_assessment = h.risk_assessment,
		.providers = h.providers,
		.agreements = h.agreements,
		.family_informed = h.family_informed,
		.family_informed_reason = h.family_informed_reason,
		.contact = h.contact,
	};
	/* the receiving team is chosen again: the returned one went to the wrong place, or was early */
	in.members = handover_members(a, id, &in.nmembers);
	in.conditions = handover_conditions(a, id, &in.nconditions);
	int64_t copy = handover_create(h.vt_org_id, user_id, &in);
	if (!copy)
		return 0;
	sqlite3_stmt *st = db_stmt("UPDATE handover SET resent_from = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, copy);
	sqlite3_bind_int64(st, 2, id);
	if (!db_done(st))
		return 0;
	const char *why = arena_printf(a, "Opnieuw verstuurd als overdracht %lld.", (long long)copy);
	return handover_close_returned(id, user_id, why) ? copy : 0;
}

bool handover_end_get(arena *a, int64_t id, handover_end *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(
		"SELECT coalesce(h.ended_at, ''), coalesce(u.name, ''), coalesce(h.end_reason, ''),"
		" coalesce(h.resent_from, 0), coalesce((SELECT min(r.id) FROM handover r WHERE r.resent_from = h.id), 0)"
		" FROM handover h LEFT JOIN app_user u ON u.id = h.ended_by WHERE h.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->ended_at = db_text(a, st, 0);
		out->ended_by_name = db_text(a, st, 1);
		out->reason = db_text(a, st, 2);
		out->resent_from = sqlite3_column_int64(st, 3);
		out->resent_as = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return found;
}
