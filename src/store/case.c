/*
 * case.c — SQL for cases, regisseur history, involvement and case safety
 * conditions (see case.h). Never decides who may see a case: that is
 * auth/access.c, using case_user_involved() and the case's team.
 */
#include "store/case.h"

#include "store/db.h"

#include <stdio.h>
#include <string.h>

const char *const case_condition_statuses[] = {"nog_niet_besproken", "afgesproken", "nageleefd", "niet_nageleefd",
                                               NULL};

const char *case_condition_status_label(const char *status)
{
	if (!status)
		return "";
	if (strcmp(status, "nog_niet_besproken") == 0)
		return "nog niet besproken";
	if (strcmp(status, "afgesproken") == 0)
		return "afgesproken";
	if (strcmp(status, "nageleefd") == 0)
		return "nageleefd";
	if (strcmp(status, "niet_nageleefd") == 0)
		return "niet nageleefd";
	return "";
}

/* Grow an arena array of `size`-byte items when k == *cap. */
#define CASE_COLUMNS                                                                                           \
	"SELECT c.id, c.household_id, h.name, h.address, c.team_org_id, o.name, c.director_id, u.name, c.status," \
	" c.opened_at, coalesce(c.closed_at, ''), c.phase, coalesce(c.activity_on, '')"                            \
	" FROM casefile c JOIN household h ON h.id = c.household_id"                                             \
	" JOIN organisation o ON o.id = c.team_org_id JOIN app_user u ON u.id = c.director_id"

static void read_case(arena *a, sqlite3_stmt *st, case_rec *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->household_id = sqlite3_column_int64(st, 1);
	c->household_name = db_text(a, st, 2);
	c->address = db_text(a, st, 3);
	c->team_org_id = sqlite3_column_int64(st, 4);
	c->team_name = db_text(a, st, 5);
	c->director_id = sqlite3_column_int64(st, 6);
	c->director_name = db_text(a, st, 7);
	c->status = db_text(a, st, 8);
	c->opened_at = db_text(a, st, 9);
	c->closed_at = db_text(a, st, 10);
	c->phase = sqlite3_column_int(st, 11);
	c->activity_on = db_text(a, st, 12);
}

bool case_get(arena *a, int64_t id, case_rec *out)
{
	sqlite3_stmt *st = db_stmt(CASE_COLUMNS " WHERE c.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_case(a, st, out);
	sqlite3_reset(st);
	return found;
}

bool case_user_involved(int64_t case_id, int64_t user_id)
{
	/* Involvement counts only for the organisation the person is in now: someone
	 * who moved to another organisation takes no case along. */
	sqlite3_stmt *st = db_stmt("SELECT 1 FROM case_involvement WHERE case_id = ?1 AND user_id = ?2"
	                           " AND ended_at IS NULL"
	                           " AND org_id = (SELECT organisation_id FROM app_user WHERE id = ?2)");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, user_id);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

int64_t case_count_directed(int64_t user_id)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM casefile WHERE director_id = ?1 AND status = 'open'");
	sqlite3_bind_int64(st, 1, user_id);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

int64_t case_known_for_handover(int64_t handover_id, int64_t team_org_id, int include_closed_months, bool *open)
{
	int months = include_closed_months > 1200 ? 1200 : include_closed_months;
	char modifier[32]; /* a bound value for datetime(), not SQL: "-12 months" */
	snprintf(modifier, sizeof modifier, "-%d months", months > 0 ? months : 0);
	sqlite3_stmt *st = db_stmt(
		"SELECT c.id, c.status = 'open' FROM casefile c"
		" JOIN person p ON p.household_id = c.household_id"
		" JOIN handover_member m ON m.name_key = p.name_key AND m.birthdate = p.birthdate"
		" WHERE m.handover_id = ?1 AND c.team_org_id = ?2 AND m.name_key <> ''"
		" AND (c.status = 'open' OR (?3 AND c.closed_at >= datetime('now', ?4)))"
		" ORDER BY c.status = 'open' DESC, c.id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, handover_id);
	sqlite3_bind_int64(st, 2, team_org_id);
	sqlite3_bind_int(st, 3, include_closed_months > 0);
	sqlite3_bind_text(st, 4, modifier, -1, SQLITE_TRANSIENT);
	int64_t id = 0;
	bool is_open = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		is_open = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	if (open)
		*open = is_open;
	return id;
}

bool case_involve(int64_t case_id, int64_t org_id, int64_t user_id, const char *role)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO case_involvement (case_id, org_id, user_id, role)"
		" SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM case_involvement WHERE case_id = ?1"
		" AND org_id = ?2 AND user_id IS ?3 AND role = ?4 AND ended_at IS NULL)");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, org_id);
	if (user_id > 0)
		sqlite3_bind_int64(st, 3, user_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
	return db_done(st);
}

static bool director_history_add(int64_t case_id, int64_t director_id, int64_t set_by, const char *reason)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO case_director (case_id, user_id, set_by, reason) VALUES (?1, ?2, ?3, ?4)");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, director_id);
	sqlite3_bind_int64(st, 3, set_by);
	sqlite3_bind_text(st, 4, reason ? reason : "", -1, SQLITE_TRANSIENT);
	return db_done(st);
}

static int64_t user_org(int64_t user_id)
{
	sqlite3_stmt *st = db_stmt("SELECT organisation_id FROM app_user WHERE id = ?1");
	sqlite3_bind_int64(st, 1, user_id);
	int64_t org = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return org;
}

int64_t case_create(int64_t household_id, int64_t team_org_id, int64_t director_id, int64_t set_by)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO casefile (household_id, team_org_id, director_id) VALUES (?1, ?2, ?3)");
	sqlite3_bind_int64(st, 1, household_id);
	sqlite3_bind_int64(st, 2, team_org_id);
	sqlite3_bind_int64(st, 3, director_id);
	if (!db_done(st))
		return 0;
	int64_t id = db_last_id();
	if (!director_history_add(id, director_id, set_by, "Casus geopend") ||
	    !case_involve(id, team_org_id, 0, "team") ||
	    !case_involve(id, user_org(director_id), director_id, "regisseur"))
		return 0;
	return id;
}

bool case_set_director(int64_t case_id, int64_t director_id, int64_t set_by, const char *reason)
{
	sqlite3_stmt *st = db_stmt("SELECT director_id FROM casefile WHERE id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	int64_t current = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (!current)
		return false;
	if (current == director_id)
		return true;
	st = db_stmt("UPDATE casefile SET director_id = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, director_id);
	if (!db_done(st))
		return false;
	st = db_stmt("UPDATE case_involvement SET ended_at = datetime('now')"
	             " WHERE case_id = ?1 AND role = 'regisseur' AND ended_at IS NULL");
	sqlite3_bind_int64(st, 1, case_id);
	if (!db_done(st))
		return false;
	/* The former regisseur stays involved as a co-worker only if he/she was so before. */
	return director_history_add(case_id, director_id, set_by, reason) &&
	       case_involve(case_id, user_org(director_id), director_id, "regisseur");
}

#define CONDITION_COLUMNS                                                                                 \
	"SELECT k.id, coalesce(k.handover_id, 0), k.text, k.status, coalesce(u.name, ''),"                 \
	" coalesce(k.changed_at, '') FROM case_condition k LEFT JOIN app_user u ON u.id = k.changed_by"

static case_condition *collect_conditions(arena *a, sqlite3_stmt *st, size_t *n)
{
	size_t cap = 0, k = 0;
	case_condition *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_condition *c = &list[k++];
		c->id = sqlite3_column_int64(st, 0);
		c->handover_id = sqlite3_column_int64(st, 1);
		c->text = db_text(a, st, 2);
		c->status = db_text(a, st, 3);
		c->changed_by_name = db_text(a, st, 4);
		c->changed_at = db_text(a, st, 5);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

case_condition *case_conditions(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(CONDITION_COLUMNS " WHERE k.case_id = ?1 ORDER BY k.position, k.id");
	sqlite3_bind_int64(st, 1, case_id);
	return collect_conditions(a, st, n);
}

case_condition *case_conditions_of_handover(arena *a, int64_t handover_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(CONDITION_COLUMNS " WHERE k.handover_id = ?1 ORDER BY k.position, k.id");
	sqlite3_bind_int64(st, 1, handover_id);
	return collect_conditions(a, st, n);
}

bool case_condition_add(int64_t case_id, int64_t handover_id, const char *text)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO case_condition (case_id, handover_id, position, text)"
		" VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM case_condition WHERE case_id = ?1), ?3)");
	sqlite3_bind_int64(st, 1, case_id);
	if (handover_id > 0)
		sqlite3_bind_int64(st, 2, handover_id);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	return db_done(st);
}

case_involved *case_involvement(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT o.name, o.kind, coalesce(u.name, ''), i.role, coalesce(i.family_informed, ''), i.since"
		" FROM case_involvement i JOIN organisation o ON o.id = i.org_id"
		" LEFT JOIN app_user u ON u.id = i.user_id"
		" WHERE i.case_id = ?1 AND i.ended_at IS NULL ORDER BY i.role = 'overdragend', o.name, u.name");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	case_involved *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_involved *v = &list[k++];
		v->org_name = db_text(a, st, 0);
		v->org_kind = db_text(a, st, 1);
		v->user_name = db_text(a, st, 2);
		v->role = db_text(a, st, 3);
		v->family_informed = db_text(a, st, 4);
		v->since = db_text(a, st, 5);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

case_director_change *case_director_history(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT u.name, s.name, d.set_at, d.reason FROM case_director d JOIN app_user u ON u.id = d.user_id"
		" JOIN app_user s ON s.id = d.set_by WHERE d.case_id = ?1 ORDER BY d.id");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	case_director_change *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_director_change *d = &list[k++];
		d->user_name = db_text(a, st, 0);
		d->set_by_name = db_text(a, st, 1);
		d->set_at = db_text(a, st, 2);
		d->reason = db_text(a, st, 3);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
