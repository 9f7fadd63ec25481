/*
 * case_course.c — SQL for a case's phases, closures and reopening (see
 * case_course.h). Never decides access.
 */
#include "store/case_course.h"

#include "store/db.h"

#include <string.h>

static const char *const phase_labels[CASE_PHASES] = {
	"1 Directe veiligheid", "2 Stabiele veiligheid", "3 Herstel van de ontwikkeling",
	"4 Stabilisatie", "5 Leren omgaan met terugval",
};
static const char *const phase_plans[CASE_PHASES] = {
	"veiligheidsplan", "hulpverleningsplan voor risicogestuurde zorg",
	"herstelplannen (trauma-geïnformeerd) per gezinslid", "evalueren en bijstellen van eerder gestelde doelen",
	"toekomstplan",
};

const char *case_phase_label(int phase)
{
	return phase >= 1 && phase <= CASE_PHASES ? phase_labels[phase - 1] : "";
}

const char *case_phase_plan(int phase)
{
	return phase >= 1 && phase <= CASE_PHASES ? phase_plans[phase - 1] : "";
}

int case_phase_of(int64_t case_id)
{
	sqlite3_stmt *st = db_stmt("SELECT phase FROM casefile WHERE id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	int phase = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
	sqlite3_reset(st);
	return phase;
}

bool case_phase_set(int64_t case_id, int to_phase, const char *changed_on, const char *reason, bool incident,
                    int64_t by)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO case_phase_change (case_id, from_phase, to_phase, changed_on, reason, incident, changed_by)"
		" SELECT id, phase, ?2, ?3, ?4, ?5, ?6 FROM casefile WHERE id = ?1 AND status = 'open'");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, to_phase);
	sqlite3_bind_text(st, 3, changed_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, incident);
	sqlite3_bind_int64(st, 6, by);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("UPDATE casefile SET phase = ?2 WHERE id = ?1 AND status = 'open'");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, to_phase);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

case_phase_change *case_phase_history(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT p.from_phase, p.to_phase, p.changed_on, p.reason, p.incident, u.name, p.created_at"
		" FROM case_phase_change p JOIN app_user u ON u.id = p.changed_by"
		" WHERE p.case_id = ?1 ORDER BY p.id DESC");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	case_phase_change *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_phase_change *p = &list[k++];
		p->from_phase = sqlite3_column_int(st, 0);
		p->to_phase = sqlite3_column_int(st, 1);
		p->changed_on = db_text(a, st, 2);
		p->reason = db_text(a, st, 3);
		p->incident = sqlite3_column_int(st, 4) != 0;
		p->by_name = db_text(a, st, 5);
		p->created_at = db_text(a, st, 6);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

static void bind_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

bool case_close(int64_t case_id, const case_closure_in *in, int from_phase, int64_t by)
{
	sqlite3_stmt *st = db_stmt("UPDATE casefile SET status = 'gesloten', closed_at = datetime('now'),"
	                           " close_reason = ?2 WHERE id = ?1 AND status = 'open'");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, in->reason, -1, SQLITE_STATIC);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("INSERT INTO case_closure (case_id, closed_on, reason, from_phase, closed_by, relapse_signals,"
	             " family_calls, watch_org_id, watch_what, watch_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, in->closed_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, from_phase);
	sqlite3_bind_int64(st, 5, by);
	sqlite3_bind_text(st, 6, in->relapse_signals ? in->relapse_signals : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, in->family_calls ? in->family_calls : "", -1, SQLITE_STATIC);
	if (in->watch_org_id > 0)
		sqlite3_bind_int64(st, 8, in->watch_org_id);
	else
		sqlite3_bind_null(st, 8);
	sqlite3_bind_text(st, 9, in->watch_what ? in->watch_what : "", -1, SQLITE_STATIC);
	bind_or_null(st, 10, in->watch_until);
	if (!db_done(st))
		return false;
	int64_t closure_id = db_last_id();
	for (size_t i = 0; i < sizeof in->checks / sizeof in->checks[0]; i++) {
		if (!in->checks[i] || !*in->checks[i])
			continue;
		st = db_stmt("INSERT INTO case_followup_check (closure_id, check_on) VALUES (?1, ?2)");
		sqlite3_bind_int64(st, 1, closure_id);
		sqlite3_bind_text(st, 2, in->checks[i], -1, SQLITE_STATIC);
		if (!db_done(st))
			return false;
	}
	return true;
}

bool case_reopen(int64_t case_id, const char *reason, int64_t by)
{
	sqlite3_stmt *st = db_stmt("UPDATE casefile SET status = 'open', closed_at = NULL, close_reason = NULL"
	                           " WHERE id = ?1 AND status = 'gesloten'");
	sqlite3_bind_int64(st, 1, case_id);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("UPDATE case_closure SET reopened_at = datetime('now'), reopened_by = ?2, reopen_reason = ?3"
	             " WHERE id = (SELECT max(id) FROM case_closure WHERE case_id = ?1) AND reopened_at IS NULL");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	return db_done(st);
}

case_closure *case_closures(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT k.id, k.closed_on, k.reason, u.name, k.created_at, k.from_phase, k.relapse_signals, k.family_calls,"
		" coalesce(o.name, ''), k.watch_what, coalesce(k.watch_until, ''),"
		" coalesce((SELECT group_concat(check_on, ' ') FROM (SELECT check_on FROM case_followup_check"
		"   WHERE closure_id = k.id ORDER BY check_on)), ''),"
		" k.reopened_at IS NOT NULL, coalesce(k.reopened_at, ''), coalesce(r.name, ''), k.reopen_reason"
		" FROM case_closure k JOIN app_user u ON u.id = k.closed_by"
		" LEFT JOIN organisation o ON o.id = k.watch_org_id LEFT JOIN app_user r ON r.id = k.reopened_by"
		" WHERE k.case_id = ?1 ORDER BY k.id DESC");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	case_closure *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_closure *c = &list[k++];
		c->id = sqlite3_column_int64(st, 0);
		c->closed_on = db_text(a, st, 1);
		c->reason = db_text(a, st, 2);
		c->by_name = db_text(a, st, 3);
		c->created_at = db_text(a, st, 4);
		c->from_phase = sqlite3_column_int(st, 5);
		c->relapse_signals = db_text(a, st, 6);
		c->family_calls = db_text(a, st, 7);
		c->watch_org_name = db_text(a, st, 8);
		c->watch_what = db_text(a, st, 9);
		c->watch_until = db_text(a, st, 10);
		c->checks = db_text(a, st, 11);
		c->reopened = sqlite3_column_int(st, 12) != 0;
		c->reopened_at = db_text(a, st, 13);
		c->reopened_by_name = db_text(a, st, 14);
		c->reopen_reason = db_text(a, st, 15);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
