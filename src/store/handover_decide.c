/*
 * handover_decide.c — what the receiving team does with a submitted handover:
 * take it (from the joint triage), plan and record the warm handover (every
 * recording kept), accept it (opening the family's case or reusing its open one,
 * adding the members and conditions), return it with a category and a reason,
 * and give feedback to Veilig Thuis.
 *
 * Every change checks the state in its WHERE clause (false when the handover is
 * no longer in it) and must run inside db_begin()/db_commit().
 */
#include "store/handover.h"
#include "store/handover_int.h"

#include "store/case.h"
#include "store/db.h"
#include "store/household.h"

/* ---- triage, warm handover, decision --------------------------------------- */

bool handover_take(int64_t id, int64_t org_id, int64_t user_id, const char *reason)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'in_behandeling', taken_org_id = ?2, taken_by = ?3, taken_at = datetime('now'),"
		" taken_reason = ?4, updated_at = datetime('now') WHERE id = ?1 AND status = 'ingediend'");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_int64(st, 3, user_id);
	bind_text(st, 4, reason);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

bool handover_record_warm(int64_t id, int64_t user_id, const handover_warm *w)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET warm_planned_date = ?2, warm_held_date = ?3, warm_present = ?4,"
		" warm_family_present = ?5, warm_family_reason = ?6, warm_outcome = ?7, warm_recorded_by = ?8,"
		" warm_recorded_at = coalesce(?9, datetime('now')), updated_at = datetime('now')"
		" WHERE id = ?1 AND status IN ('in_behandeling', 'geaccepteerd')");
	sqlite3_bind_int64(st, 1, id);
	bind_opt_text(st, 2, w->planned_date);
	bind_opt_text(st, 3, w->held_date);
	bind_opt_text(st, 4, w->present);
	bind_opt_text(st, 5, w->family_present);
	bind_opt_text(st, 6, w->family_reason);
	bind_opt_text(st, 7, w->outcome);
	sqlite3_bind_int64(st, 8, user_id);
	bind_opt_text(st, 9, w->recorded_at);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("INSERT INTO handover_warm_record (handover_id, planned_date, held_date, present, family_present,"
	             " family_reason, outcome, recorded_by, recorded_at)"
	             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(?9, datetime('now')))");
	sqlite3_bind_int64(st, 1, id);
	bind_opt_text(st, 2, w->planned_date);
	bind_opt_text(st, 3, w->held_date);
	bind_opt_text(st, 4, w->present);
	bind_opt_text(st, 5, w->family_present);
	bind_opt_text(st, 6, w->family_reason);
	bind_opt_text(st, 7, w->outcome);
	sqlite3_bind_int64(st, 8, user_id);
	bind_opt_text(st, 9, w->recorded_at);
	return db_done(st);
}

handover_warm_entry *handover_warm_history(arena *a, int64_t id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT coalesce(r.planned_date, ''), coalesce(r.held_date, ''), coalesce(r.present, ''),"
		" coalesce(r.family_present, ''), coalesce(r.family_reason, ''), coalesce(r.outcome, ''), u.name,"
		" r.recorded_at FROM handover_warm_record r JOIN app_user u ON u.id = r.recorded_by"
		" WHERE r.handover_id = ?1 ORDER BY r.id");
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0, k = 0;
	handover_warm_entry *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		handover_warm_entry *e = &list[k++];
		e->planned_date = db_text(a, st, 0);
		e->held_date = db_text(a, st, 1);
		e->present = db_text(a, st, 2);
		e->family_present = db_text(a, st, 3);
		e->family_reason = db_text(a, st, 4);
		e->outcome = db_text(a, st, 5);
		e->recorded_by_name = db_text(a, st, 6);
		e->recorded_at = db_text(a, st, 7);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool handover_accept(int64_t id, int64_t org_id, int64_t user_id, int64_t case_id, int64_t household_id,
                     const char *take_reason)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'geaccepteerd', decided_at = datetime('now'), decided_by = ?3,"
		" decided_org_id = ?2,"
		" case_id = ?4, household_id = ?5, taken_org_id = coalesce(taken_org_id, ?2),"
		" taken_by = coalesce(taken_by, ?3), taken_at = coalesce(taken_at, datetime('now')),"
		" taken_reason = coalesce(taken_reason, ?6),"
		" updated_at = datetime('now') WHERE id = ?1 AND status IN ('ingediend', 'in_behandeling')");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_int64(st, 4, case_id);
	sqlite3_bind_int64(st, 5, household_id);
	bind_opt_text(st, 6, take_reason && *take_reason ? take_reason : "Rechtstreeks aan dit team overgedragen.");
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

bool handover_add_members_to_household(arena *a, int64_t handover_id, int64_t household_id)
{
	size_t n;
	handover_member *m = handover_members(a, handover_id, &n);
	for (size_t i = 0; i < n; i++) {
		if (!*m[i].name || !*m[i].birthdate || !*m[i].role)
			continue;
		if (household_has_person(household_id, household_name_key(a, m[i].name), m[i].birthdate))
			continue;
		if (!household_add_person(household_id, m[i].name, m[i].birthdate, m[i].role))
			return false;
	}
	return true;
}

bool handover_open_case(arena *a, const handover_rec *h, int64_t org_id, const handover_acceptance *acc,
                        int64_t by, int64_t *case_id_out, int64_t *household_id_out)
{
	bool open = false;
	int64_t case_id = case_known_for_handover(h->id, org_id, 0, &open);
	int64_t household_id = 0;
	bool ok = true;
	if (case_id && open) {
		case_rec c;
		ok = case_get(a, case_id, &c);
		household_id = ok ? c.household_id : 0;
		if (ok && c.director_id != acc->director) {
			/* a change of regisseur is never a side effect of accepting a handover */
			ok = acc->change_reason && *acc->change_reason &&
			     case_set_director(case_id, acc->director, by, acc->change_reason) &&
			     (!acc->keep_previous || case_involve(case_id, c.team_org_id, c.director_id, "betrokken"));
		}
	} else {
		/* the household the handover named since its submission (assign_household) */
		household_id = h->household_id ? h->household_id : household_create(h->household_name, h->address);
		case_id = household_id ? case_create(household_id, org_id, acc->director, by) : 0;
		ok = case_id > 0;
	}
	ok = ok && handover_add_members_to_household(a, h->id, household_id);
	size_t nc = 0;
	const char **conds = ok ? handover_conditions(a, h->id, &nc) : NULL;
	for (size_t i = 0; ok && i < nc; i++)
		ok = case_condition_add(case_id, h->id, conds[i]);
	ok = ok && case_involve(case_id, h->vt_org_id, 0, "overdragend");
	ok = ok && handover_accept(h->id, org_id, by, case_id, household_id, acc->take_reason);
	*case_id_out = case_id;
	*household_id_out = household_id;
	return ok;
}

bool handover_return(int64_t id, int64_t user_id, const char *category, const char *reason)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'teruggelegd', decided_at = datetime('now'), decided_by = ?2,"
		" decided_org_id = (SELECT organisation_id FROM app_user WHERE id = ?2),"
		" return_category = ?3, return_reason = ?4, updated_at = datetime('now')"
		" WHERE id = ?1 AND status IN ('ingediend', 'in_behandeling')");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	bind_text(st, 3, category);
	bind_text(st, 4, reason);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

/* ---- feedback ------------------------------------------------------------------ */

bool handover_feedback_add(int64_t id, int64_t case_id, int64_t user_id, const char *agreements,
                           const char *with_family, const char *agreed_on)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO handover_feedback (handover_id, case_id, author_id, agreements, with_family, agreed_on)"
		" SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM handover WHERE id = ?1 AND case_id = ?2"
		" AND status = 'geaccepteerd')");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	sqlite3_bind_int64(st, 3, user_id);
	bind_text(st, 4, agreements);
	bind_text(st, 5, with_family);
	bind_text(st, 6, agreed_on);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("UPDATE handover SET feedback_first_at = coalesce(feedback_first_at, datetime('now')) WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	return db_done(st);
}

