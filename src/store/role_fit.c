/*
 * role_fit.c — which roles fit which kind of organisation (DESIGN §1): Veilig
 * Thuis for vt; wijkteam and buurtteam for teamleider and professional; the
 * partner kinds for partner; gemeente for beleid and beheerder (secretaris also
 * overig: a hired process guide); any kind for leertafellid. The rule is the
 * table role_org_kind (migration 0013_issue9_findings), enforced there by
 * triggers; these functions ask it in advance (for a clear message) and list the
 * accounts that broke it before the rule existed (`ketenregie check`).
 */
#include "store/role_fit.h"

#include "store/db.h"

bool role_fits_org(const char *role, int64_t org_id)
{
	sqlite3_stmt *st = db_stmt("SELECT 1 FROM role_org_kind r JOIN organisation o ON o.kind = r.kind"
	                           " WHERE o.id = ?1 AND r.role = ?2");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_TRANSIENT);
	bool fits = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return fits;
}

bool role_fits_kind(const char *role, const char *kind)
{
	sqlite3_stmt *st = db_stmt("SELECT 1 FROM role_org_kind WHERE role = ?1 AND kind = ?2");
	sqlite3_bind_text(st, 1, role, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	bool fits = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return fits;
}

/* Collects the rows of the misfit query (sqlite3_exec callback). */
typedef struct misfit_rows {
	arena *a;
	role_misfit *list;
	size_t n, cap;
} misfit_rows;

static int collect_misfit(void *arg, int ncol, char **val, char **names)
{
	(void)names;
	misfit_rows *r = arg;
	if (ncol != 4)
		return 1;
	r->list = arena_grow(r->a, r->list, r->n, &r->cap, sizeof *r->list);
	role_misfit *m = &r->list[r->n++];
	m->username = arena_strdup(r->a, val[0] ? val[0] : "");
	m->role = arena_strdup(r->a, val[1] ? val[1] : "");
	m->org_name = arena_strdup(r->a, val[2] ? val[2] : "");
	m->org_kind = arena_strdup(r->a, val[3] ? val[3] : "");
	return 0;
}

role_misfit *role_misfits(sqlite3 *db, arena *a, size_t *n)
{
	/* static text without values, run on the caller's (read-only) connection */
	misfit_rows r = {.a = a};
	sqlite3_exec(db,
	             "SELECT u.username, ur.role, o.name, o.kind FROM user_role ur JOIN app_user u ON u.id = ur.user_id"
	             " JOIN organisation o ON o.id = u.organisation_id"
	             " WHERE NOT EXISTS (SELECT 1 FROM role_org_kind r WHERE r.role = ur.role AND r.kind = o.kind)"
	             " ORDER BY u.username, ur.role",
	             collect_misfit, &r, NULL);
	*n = r.n;
	return r.list;
}

int64_t role_misfits_if_kind(int64_t org_id, const char *kind)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT count(*) FROM app_user u JOIN user_role ur ON ur.user_id = u.id WHERE u.organisation_id = ?1"
		" AND NOT EXISTS (SELECT 1 FROM role_org_kind r WHERE r.kind = ?2 AND r.role = ur.role)");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}
