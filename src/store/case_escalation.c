/*
 * case_escalation.c — SQL for op- en afschalen and the stagnation norm (see
 * case_escalation.h). Never decides access.
 */
#include "store/case_escalation.h"

#include "store/db.h"

#include <stdlib.h>
#include <string.h>

const char *const case_escalation_levels[] = {"teamleider", "management", "bestuurder", "zvh", "veilig_thuis", NULL};
static const char *const level_labels[] = {
	"Teamleider", "Management", "Bestuurder / regiegroep", "Zorg- en Veiligheidshuis (MDA++)", "Veilig Thuis",
};

const char *case_escalation_level_label(const char *level)
{
	for (size_t i = 0; level && case_escalation_levels[i]; i++)
		if (strcmp(level, case_escalation_levels[i]) == 0)
			return level_labels[i];
	return "";
}

bool case_escalation_level_external(const char *level)
{
	return level && (strcmp(level, "zvh") == 0 || strcmp(level, "veilig_thuis") == 0);
}

int64_t case_escalation_add(int64_t case_id, const char *level, const char *reason, const char *asked,
                            const char *escalated_on, int64_t by)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO case_escalation (case_id, level, reason, asked, escalated_on, escalated_by)"
	                           " SELECT ?1, ?2, ?3, ?4, ?5, ?6 FROM casefile WHERE id = ?1 AND status = 'open'");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, level, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, asked, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, escalated_on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, by);
	return db_done(st) && sqlite3_changes(db_conn()) == 1 ? db_last_id() : 0;
}

bool case_escalation_decide(int64_t case_id, int64_t id, const char *decision, const char *decided_on, int64_t by)
{
	sqlite3_stmt *st = db_stmt("UPDATE case_escalation SET decision = ?3, decided_on = ?4, decided_by = ?5"
	                           " WHERE case_id = ?1 AND id = ?2 AND decided_on IS NULL AND deescalated_on IS NULL");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, decision, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, decided_on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, by);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

bool case_escalation_deescalate(int64_t case_id, int64_t id, const char *reason, const char *on, int64_t by)
{
	sqlite3_stmt *st = db_stmt("UPDATE case_escalation SET deescalate_reason = ?3, deescalated_on = ?4, deescalated_by = ?5"
	                           " WHERE case_id = ?1 AND id = ?2 AND deescalated_on IS NULL");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, by);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

#define ESCALATION_COLUMNS                                                                                   \
	"SELECT e.id, e.case_id, e.level, e.reason, e.asked, e.escalated_on, u.name, e.decision,"               \
	" coalesce(e.decided_on, ''), coalesce(d.name, ''), coalesce(e.deescalated_on, ''), coalesce(x.name, ''),"\
	" e.deescalate_reason FROM case_escalation e JOIN app_user u ON u.id = e.escalated_by"                  \
	" LEFT JOIN app_user d ON d.id = e.decided_by LEFT JOIN app_user x ON x.id = e.deescalated_by"

static void read_escalation(arena *a, sqlite3_stmt *st, case_escalation *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->case_id = sqlite3_column_int64(st, 1);
	e->level = db_text(a, st, 2);
	e->reason = db_text(a, st, 3);
	e->asked = db_text(a, st, 4);
	e->escalated_on = db_text(a, st, 5);
	e->by_name = db_text(a, st, 6);
	e->decision = db_text(a, st, 7);
	e->decided_on = db_text(a, st, 8);
	e->decided_by_name = db_text(a, st, 9);
	e->deescalated_on = db_text(a, st, 10);
	e->deescalated_by_name = db_text(a, st, 11);
	e->deescalate_reason = db_text(a, st, 12);
	e->deescalated = *e->deescalated_on != '\0';
	e->open = !*e->decided_on && !e->deescalated;
}

bool case_escalation_get(arena *a, int64_t case_id, int64_t id, case_escalation *out)
{
	sqlite3_stmt *st = db_stmt(ESCALATION_COLUMNS " WHERE e.case_id = ?1 AND e.id = ?2");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_escalation(a, st, out);
	sqlite3_reset(st);
	return found;
}

case_escalation *case_escalations(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(ESCALATION_COLUMNS " WHERE e.case_id = ?1 ORDER BY e.id DESC");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	case_escalation *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_escalation(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

static case_escalation_brief *collect_briefs(arena *a, sqlite3_stmt *st, size_t limit, size_t *n, bool *more)
{
	size_t cap = 0, k = 0;
	case_escalation_brief *list = NULL;
	*more = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k == limit) {
			*more = true;
			break;
		}
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_escalation_brief *b = &list[k++];
		b->id = sqlite3_column_int64(st, 0);
		b->case_id = sqlite3_column_int64(st, 1);
		b->household_name = db_text(a, st, 2);
		b->level = db_text(a, st, 3);
		b->escalated_on = db_text(a, st, 4);
		b->director_name = db_text(a, st, 5);
		b->household_id = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* The escalations waiting for a decision, oldest first (partial index
 * case_escalation_pending, whose entries leave when decided or de-escalated), each
 * checked against the team's or regisseur's open cases, stopped at LIMIT: neither the
 * escalation history nor the whole caseload is read. */
case_escalation_brief *case_escalations_open_for_team(arena *a, int64_t team_org_id, keyset after, size_t limit,
                                                      size_t *n, bool *more)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT e.id, c.id, h.name, e.level, e.escalated_on, u.name, c.household_id FROM case_escalation e"
		" INDEXED BY case_escalation_pending"
		" CROSS JOIN casefile c ON c.id = e.case_id"
		" JOIN household h ON h.id = c.household_id JOIN app_user u ON u.id = c.director_id"
		" WHERE e.decided_on IS NULL AND e.deescalated_on IS NULL"
		" AND c.team_org_id = ?1 AND c.status = 'open' AND (e.escalated_on, e.id) > (?20, ?21)"
		" ORDER BY e.escalated_on, e.id LIMIT ?2");
	sqlite3_bind_text(st, 20, after.key ? after.key : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 21, after.id);
	sqlite3_bind_int64(st, 1, team_org_id);
	sqlite3_bind_int64(st, 2, (int64_t)limit + 1);
	return collect_briefs(a, st, limit, n, more);
}

case_escalation_brief *case_escalations_open_for_director(arena *a, int64_t user_id, keyset after, size_t limit,
                                                          size_t *n, bool *more)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT e.id, c.id, h.name, e.level, e.escalated_on, u.name, c.household_id FROM case_escalation e"
		" INDEXED BY case_escalation_pending"
		" CROSS JOIN casefile c ON c.id = e.case_id"
		" JOIN household h ON h.id = c.household_id JOIN app_user u ON u.id = c.director_id"
		" WHERE e.decided_on IS NULL AND e.deescalated_on IS NULL"
		" AND c.director_id = ?1 AND c.status = 'open' AND e.level IN ('zvh', 'veilig_thuis')"
		" AND (e.escalated_on, e.id) > (?20, ?21) ORDER BY e.escalated_on, e.id LIMIT ?2");
	sqlite3_bind_text(st, 20, after.key ? after.key : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 21, after.id);
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, (int64_t)limit + 1);
	return collect_briefs(a, st, limit, n, more);
}

int case_stagnation_weeks(void)
{
	sqlite3_stmt *st = db_stmt("SELECT value FROM setting WHERE key = 'norm_stagnatie_weken'");
	int weeks = 6;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		char *end;
		long x = v ? strtol(v, &end, 10) : 0;
		if (v && *v && !*end && x >= 1 && x <= 104)
			weeks = (int)x;
	}
	sqlite3_reset(st);
	return weeks;
}

bool case_stagnation_weeks_set(int weeks)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO setting (key, value) VALUES ('norm_stagnatie_weken', ?1)"
	                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	sqlite3_bind_int(st, 1, weeks);
	return db_done(st);
}

/* Index casefile_activity (team_org_id, status, activity_on) for a team;
 * casefile_director_open for a regisseur's own cases. */
case_stagnating *case_stagnating_list(arena *a, int64_t team_org_id, int64_t director_id, const char *before,
                                      keyset after, size_t limit, size_t *n, bool *more)
{
	/* two statements, so that each uses its own index */
	sqlite3_stmt *st = team_org_id > 0
		? db_stmt("SELECT c.id, h.name, u.name, c.activity_on, c.household_id FROM casefile c"
		          " JOIN household h ON h.id = c.household_id JOIN app_user u ON u.id = c.director_id"
		          " WHERE c.team_org_id = ?1 AND c.status = 'open' AND c.activity_on < ?3 AND ?2 = ?2"
		          " AND (c.activity_on, c.id) > (?20, ?21) ORDER BY c.activity_on, c.id LIMIT ?4")
		: db_stmt("SELECT c.id, h.name, u.name, c.activity_on, c.household_id FROM casefile c"
		          " JOIN household h ON h.id = c.household_id JOIN app_user u ON u.id = c.director_id"
		          " WHERE c.director_id = ?2 AND c.status = 'open' AND c.activity_on < ?3 AND ?1 = ?1"
		          " AND (c.activity_on, c.id) > (?20, ?21) ORDER BY c.activity_on, c.id LIMIT ?4");
	sqlite3_bind_int64(st, 1, team_org_id);
	sqlite3_bind_int64(st, 2, director_id);
	sqlite3_bind_text(st, 3, before, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (int64_t)limit + 1);
	sqlite3_bind_text(st, 20, after.key ? after.key : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 21, after.id);
	size_t cap = 0, k = 0;
	case_stagnating *list = NULL;
	*more = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k == limit) {
			*more = true;
			break;
		}
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].case_id = sqlite3_column_int64(st, 0);
		list[k].household_name = db_text(a, st, 1);
		list[k].director_name = db_text(a, st, 2);
		list[k].activity_on = db_text(a, st, 3);
		list[k].household_id = sqlite3_column_int64(st, 4);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
