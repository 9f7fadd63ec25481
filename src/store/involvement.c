/*
 * involvement.c — SQL for the case team (see involvement.h). Never decides who
 * may see a case: auth/case_parts.c does, from involvement_facts_of().
 */
#include "store/involvement.h"

#include "store/roles.h"
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

const char *const involvement_bases[] = {"toestemming", "betrokken_hulpverlener", "meldrecht", "wettelijke_taak",
                                         "overig", NULL};

const char *involvement_basis_label(const char *basis)
{
	if (!basis)
		return "";
	if (strcmp(basis, "toestemming") == 0)
		return "toestemming";
	if (strcmp(basis, "betrokken_hulpverlener") == 0)
		return "betrokken hulpverlener (Jeugdwet 7.3.11)";
	if (strcmp(basis, "meldrecht") == 0)
		return "meldrecht (Wmo 2015 5.2.6)";
	if (strcmp(basis, "wettelijke_taak") == 0)
		return "wettelijke taak";
	if (strcmp(basis, "overig") == 0)
		return "overig";
	return "";
}

bool involvement_facts_of(int64_t case_id, int64_t user_id, int64_t org_id, involvement_facts *out)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT c.team_org_id, c.director_id, i.parts FROM casefile c"
		" LEFT JOIN case_involvement i ON i.case_id = c.id AND i.user_id = ?2 AND i.org_id = ?3"
		" AND i.ended_at IS NULL WHERE c.id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, org_id);
	memset(out, 0, sizeof *out);
	bool found = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		found = true;
		out->team_org_id = sqlite3_column_int64(st, 0);
		out->director_id = sqlite3_column_int64(st, 1);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			out->involved = true;
			out->parts |= (unsigned)sqlite3_column_int64(st, 2);
		}
	}
	sqlite3_reset(st);
	return found;
}

void involvement_parts_union(const char *column, involvement_facts *out)
{
	out->involved = column != NULL;
	out->parts = 0;
	for (const char *p = column; p && *p;) {
		out->parts |= (unsigned)strtoull(p, NULL, 10);
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
}

static void bind_text_or_null(sqlite3_stmt *st, int col, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, col);
}

int64_t involvement_invite_add(const involvement_invite *v)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT 1 FROM case_involvement WHERE case_id = ?1 AND user_id = ?2 AND role = 'betrokken'"
		" AND ended_at IS NULL");
	sqlite3_bind_int64(st, 1, v->case_id);
	sqlite3_bind_int64(st, 2, v->user_id);
	bool exists = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (exists)
		return 0;
	st = db_stmt("INSERT INTO case_involvement (case_id, org_id, user_id, role, role_in_case, basis, consent_of,"
	             " consent_on, basis_reason, family_informed, informed_on, informed_by, not_informed_reason,"
	             " parts, invited_by)"
	             " VALUES (?1, ?2, ?3, 'betrokken', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
	sqlite3_bind_int64(st, 1, v->case_id);
	sqlite3_bind_int64(st, 2, v->org_id);
	sqlite3_bind_int64(st, 3, v->user_id);
	sqlite3_bind_text(st, 4, v->role_in_case ? v->role_in_case : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, v->basis, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, v->consent_of ? v->consent_of : "", -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 7, v->consent_on);
	sqlite3_bind_text(st, 8, v->basis_reason ? v->basis_reason : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, v->family_informed, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 10, v->informed_on);
	sqlite3_bind_text(st, 11, v->informed_by ? v->informed_by : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 12, v->not_informed_reason ? v->not_informed_reason : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 13, v->parts);
	sqlite3_bind_int64(st, 14, v->invited_by);
	if (!db_done(st))
		return -1;
	return db_last_id();
}

bool involvement_end(int64_t case_id, int64_t id, const char *ended_on, const char *reason, int64_t by)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE case_involvement SET ended_at = datetime('now'), ended_on = ?3, ended_reason = ?4, ended_by = ?5"
		" WHERE id = ?2 AND case_id = ?1 AND ended_at IS NULL");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, ended_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, reason ? reason : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, by);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

#define INVOLVEMENT_COLUMNS                                                                                      \
	"SELECT i.id, i.case_id, i.org_id, o.name, o.kind, coalesce(i.user_id, 0), coalesce(u.name, ''),"         \
	" coalesce(u.contact, ''), i.role, i.role_in_case, coalesce(i.basis, ''), i.consent_of,"                   \
	" coalesce(i.consent_on, ''), i.basis_reason, coalesce(i.family_informed, ''), coalesce(i.informed_on, ''),"\
	" i.informed_by, i.not_informed_reason, i.parts, i.since, coalesce(iv.name, ''), i.ended_at IS NOT NULL,"  \
	" coalesce(i.ended_at, ''), coalesce(i.ended_on, ''), i.ended_reason, coalesce(eb.name, ''),"              \
	" coalesce(u.organisation_id = i.org_id, 0)"                                                               \
	" FROM case_involvement i JOIN organisation o ON o.id = i.org_id"                                          \
	" LEFT JOIN app_user u ON u.id = i.user_id LEFT JOIN app_user iv ON iv.id = i.invited_by"                  \
	" LEFT JOIN app_user eb ON eb.id = i.ended_by"

static void read_involvement(arena *a, sqlite3_stmt *st, involvement *v)
{
	v->id = sqlite3_column_int64(st, 0);
	v->case_id = sqlite3_column_int64(st, 1);
	v->org_id = sqlite3_column_int64(st, 2);
	v->org_name = db_text(a, st, 3);
	v->org_kind = db_text(a, st, 4);
	v->user_id = sqlite3_column_int64(st, 5);
	v->user_name = db_text(a, st, 6);
	v->user_contact = db_text(a, st, 7);
	v->role = db_text(a, st, 8);
	v->role_in_case = db_text(a, st, 9);
	v->basis = db_text(a, st, 10);
	v->consent_of = db_text(a, st, 11);
	v->consent_on = db_text(a, st, 12);
	v->basis_reason = db_text(a, st, 13);
	v->family_informed = db_text(a, st, 14);
	v->informed_on = db_text(a, st, 15);
	v->informed_by = db_text(a, st, 16);
	v->not_informed_reason = db_text(a, st, 17);
	v->parts = (unsigned)sqlite3_column_int64(st, 18);
	v->since = db_text(a, st, 19);
	v->invited_by_name = db_text(a, st, 20);
	v->ended = sqlite3_column_int(st, 21) != 0;
	v->ended_at = db_text(a, st, 22);
	v->ended_on = db_text(a, st, 23);
	v->ended_reason = db_text(a, st, 24);
	v->ended_by_name = db_text(a, st, 25);
	v->in_org = sqlite3_column_int(st, 26) != 0;
}

/* The order involvement_list promises, as SQLite's ORDER BY said it before:
 * active first; ended ones most recently ended first; then the case's team, the
 * regisseur, the others and the handing-over organisation last; then by
 * organisation (its name's collation is NOCASE), person (BINARY; no person
 * first) and id. ended_at is datetime('now') text, so strcmp orders it. */
static int involvement_order(const void *pa, const void *pb)
{
	const involvement *a = pa, *b = pb;
	if (a->ended != b->ended)
		return a->ended ? 1 : -1;
	int c = strcmp(b->ended_at, a->ended_at); /* DESC; "" for both when active */
	if (c)
		return c;
	int ra = strcmp(a->role, "overdragend") == 0 ? 3 : strcmp(a->role, "team") == 0 ? 0 :
	         strcmp(a->role, "regisseur") == 0 ? 1 : 2;
	int rb = strcmp(b->role, "overdragend") == 0 ? 3 : strcmp(b->role, "team") == 0 ? 0 :
	         strcmp(b->role, "regisseur") == 0 ? 1 : 2;
	if (ra != rb)
		return ra - rb;
	if ((c = sqlite3_stricmp(a->org_name, b->org_name)) != 0)
		return c;
	if ((c = strcmp(a->user_name, b->user_name)) != 0) /* "" (no person, NULL in SQL) first */
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

involvement *involvement_list(arena *a, int64_t case_id, size_t *n)
{
	/* A handful of rows, sorted here: SQLite's sorter (a temporary b-tree per
	 * request) cost more than the rows themselves. */
	sqlite3_stmt *st = db_stmt(INVOLVEMENT_COLUMNS " WHERE i.case_id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	involvement *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_involvement(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	if (k > 1)
		qsort(list, k, sizeof *list, involvement_order);
	*n = k;
	return list;
}

bool involvement_get(arena *a, int64_t case_id, int64_t id, involvement *out)
{
	sqlite3_stmt *st = db_stmt(INVOLVEMENT_COLUMNS " WHERE i.case_id = ?1 AND i.id = ?2");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_involvement(a, st, out);
	sqlite3_reset(st);
	return found;
}

/* ROLE_* bits of a comma-separated list of role names. */
static unsigned roles_of(arena *a, sqlite3_stmt *st, int col)
{
	char *list = arena_strdup(a, db_text(a, st, col));
	unsigned roles = 0;
	char *save = NULL;
	for (char *name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save))
		roles |= role_from_name(name);
	return roles;
}

involved_user *involvement_active_users(arena *a, int64_t case_id, size_t *n)
{
	/* Only involvements in the organisation the person is in now count (as in
	 * case_user_involved): someone who moved takes no case along. */
	sqlite3_stmt *st = db_stmt(
		"SELECT u.id, u.name, o.id, o.name, o.kind, i.parts, i.role,"
		" (SELECT group_concat(r.role) FROM user_role r WHERE r.user_id = u.id) FROM case_involvement i"
		" JOIN app_user u ON u.id = i.user_id AND u.organisation_id = i.org_id"
		" JOIN organisation o ON o.id = i.org_id"
		" WHERE i.case_id = ?1 AND i.ended_at IS NULL ORDER BY o.name, u.name, i.id");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	involved_user *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		involved_user *u = &list[k++];
		u->user_id = sqlite3_column_int64(st, 0);
		u->user_name = db_text(a, st, 1);
		u->org_id = sqlite3_column_int64(st, 2);
		u->org_name = db_text(a, st, 3);
		u->org_kind = db_text(a, st, 4);
		u->parts = (unsigned)sqlite3_column_int64(st, 5);
		u->role = db_text(a, st, 6);
		u->roles = roles_of(a, st, 7);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* By organisation (its name's collation is NOCASE), then name, then id. */
static int candidate_order(const void *pa, const void *pb)
{
	const invite_candidate *a = pa, *b = pb;
	int c = sqlite3_stricmp(a->org_name, b->org_name);
	if (c == 0)
		c = strcmp(a->user_name, b->user_name);
	if (c == 0)
		c = a->user_id < b->user_id ? -1 : a->user_id > b->user_id;
	return c;
}

invite_candidate *involvement_candidates_except(arena *a, const involvement *inv, size_t ninv, size_t *n)
{
	/* Reference tables only, one pass over user_role (a user's rows are adjacent:
	 * its key is (user_id, role)), no subquery per user and no sorter; who is
	 * already involved comes from the case's involvements the caller read (the
	 * case page has them): no temporary index for a NOT IN per request. */
	sqlite3_stmt *st = db_stmt(
		"SELECT u.id, u.name, o.id, o.name, o.kind, r.role = 'professional'"
		" FROM user_role r CROSS JOIN app_user u CROSS JOIN organisation o"
		" WHERE r.role IN ('professional', 'partner') AND u.id = r.user_id AND o.id = u.organisation_id"
		" AND u.active = 1 AND o.active = 1 AND u.password_hash IS NOT NULL");
	size_t cap = 0, k = 0;
	invite_candidate *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t user_id = sqlite3_column_int64(st, 0), org_id = sqlite3_column_int64(st, 2);
		bool professional = sqlite3_column_int(st, 5) != 0;
		if (k > 0 && list[k - 1].user_id == user_id) {
			list[k - 1].partner = list[k - 1].partner && !professional; /* both roles: a professional */
			continue;
		}
		bool involved = false;
		for (size_t i = 0; i < ninv && !involved; i++)
			involved = !inv[i].ended && inv[i].user_id == user_id && inv[i].org_id == org_id;
		if (involved)
			continue;
		list = arena_grow(a, list, k, &cap, sizeof *list);
		invite_candidate *c = &list[k++];
		c->user_id = user_id;
		c->user_name = db_text(a, st, 1);
		c->org_id = org_id;
		c->org_name = db_text(a, st, 3);
		c->org_kind = db_text(a, st, 4);
		c->partner = !professional;
	}
	sqlite3_reset(st);
	if (k > 1)
		qsort(list, k, sizeof *list, candidate_order);
	*n = k;
	return list;
}

invite_candidate *involvement_candidates(arena *a, int64_t case_id, size_t *n)
{
	size_t ninv;
	involvement *inv = involvement_list(a, case_id, &ninv);
	return involvement_candidates_except(a, inv, ninv, n);
}
