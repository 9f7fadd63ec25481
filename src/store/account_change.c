/*
 * account_change.c — SQL for account changes that wait for confirmation (see
 * account_change.h). Decided rows stay: they are the record of who asked and who
 * confirmed (the audit log has it too).
 */
#include "store/account_change.h"

#include "store/roles.h"
#include "store/db.h"

#include <string.h>

static const char *const kind_names[] = {"create", "roles", "password", "second_factor"};
static const char *const kind_labels[] = {"Nieuw account", "Andere rollen of organisatie",
                                          "Nieuwe link voor het wachtwoord", "Tweestapsverificatie opnieuw instellen"};

const char *ach_kind_name(ach_kind k)
{
	return kind_names[k];
}

const char *ach_kind_label(ach_kind k)
{
	return kind_labels[k];
}

static ach_kind kind_of(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, kind_names[i]) == 0)
			return (ach_kind)i;
	return ACH_PASSWORD;
}

static unsigned roles_of(const char *list)
{
	unsigned roles = 0;
	for (int i = 0; i < ROLE_COUNT && list; i++) {
		const char *name = role_name(role_at(i));
		size_t n = strlen(name);
		for (const char *p = list; (p = strstr(p, name)); p += n)
			if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
				roles |= role_at(i);
	}
	return roles;
}

static const char *roles_text(arena *a, unsigned roles)
{
	const char *out = "";
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles & role_at(i))
			out = arena_printf(a, "%s%s%s", out, *out ? "," : "", role_name(role_at(i)));
	return out;
}

int64_t ach_request(int64_t user_id, ach_kind kind, int64_t new_org_id, unsigned new_roles, int64_t requested_by,
                    int64_t now)
{
	sqlite3_stmt *old = db_stmt(
		"UPDATE account_change SET decided_at = ?3, decided_by = ?4, outcome = 'withdrawn'"
		" WHERE user_id = ?1 AND kind = ?2 AND decided_at IS NULL");
	sqlite3_bind_int64(old, 1, user_id);
	sqlite3_bind_text(old, 2, kind_names[kind], -1, SQLITE_STATIC);
	sqlite3_bind_int64(old, 3, now);
	sqlite3_bind_int64(old, 4, requested_by);
	if (!db_done(old))
		return 0;
	arena *a = arena_new();
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO account_change (user_id, kind, new_org_id, new_roles, requested_by, requested_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, kind_names[kind], -1, SQLITE_STATIC);
	if (kind == ACH_CREATE || kind == ACH_ROLES) {
		sqlite3_bind_int64(st, 3, new_org_id);
		sqlite3_bind_text(st, 4, roles_text(a, new_roles), -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(st, 3);
		sqlite3_bind_null(st, 4);
	}
	sqlite3_bind_int64(st, 5, requested_by);
	sqlite3_bind_int64(st, 6, now);
	bool ok = db_done(st);
	arena_free(a);
	return ok ? db_last_id() : 0;
}

#define ACH_COLUMNS                                                                                            \
	"SELECT c.id, c.kind, c.user_id, u.username, u.name, u.organisation_id, o.name,"                       \
	" (SELECT group_concat(role) FROM user_role r WHERE r.user_id = u.id),"                                \
	" coalesce(c.new_org_id, u.organisation_id), coalesce(no.name, o.name), c.new_roles,"                   \
	" c.requested_by, rb.name, c.requested_at"                                                             \
	" FROM account_change c JOIN app_user u ON u.id = c.user_id JOIN organisation o ON o.id = u.organisation_id" \
	" LEFT JOIN organisation no ON no.id = c.new_org_id JOIN app_user rb ON rb.id = c.requested_by"

static void read_row(arena *a, sqlite3_stmt *st, account_change *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->kind = kind_of((const char *)sqlite3_column_text(st, 1));
	c->user_id = sqlite3_column_int64(st, 2);
	c->username = db_text(a, st, 3);
	c->name = db_text(a, st, 4);
	c->org_id = sqlite3_column_int64(st, 5);
	c->org_name = db_text(a, st, 6);
	c->roles = roles_of((const char *)sqlite3_column_text(st, 7));
	c->new_org_id = sqlite3_column_int64(st, 8);
	c->new_org_name = db_text(a, st, 9);
	c->new_roles = sqlite3_column_type(st, 10) == SQLITE_NULL ? c->roles
	                                                           : roles_of((const char *)sqlite3_column_text(st, 10));
	c->requested_by = sqlite3_column_int64(st, 11);
	c->requested_by_name = db_text(a, st, 12);
	c->requested_at = sqlite3_column_int64(st, 13);
}

static account_change *collect(arena *a, sqlite3_stmt *st, size_t *n)
{
	size_t cap = 0, k = 0;
	account_change *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_row(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool ach_get_open(arena *a, int64_t id, account_change *out)
{
	sqlite3_stmt *st = db_stmt(ACH_COLUMNS " WHERE c.id = ?1 AND c.decided_at IS NULL");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

bool ach_get_decided(arena *a, int64_t id, account_change *out, ach_decision *d)
{
	sqlite3_stmt *st = db_stmt("SELECT c.outcome, coalesce(u.name, ''), c.decided_at FROM account_change c"
	                           " LEFT JOIN app_user u ON u.id = c.decided_by WHERE c.id = ?1 AND c.decided_at IS NOT NULL");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		d->outcome = db_text(a, st, 0);
		d->decided_by_name = db_text(a, st, 1);
		d->decided_at = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (!found)
		return false;
	st = db_stmt(ACH_COLUMNS " WHERE c.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

account_change *ach_list_open(arena *a, size_t *n)
{
	sqlite3_stmt *st = db_stmt(ACH_COLUMNS " WHERE c.decided_at IS NULL ORDER BY c.id LIMIT 200");
	return collect(a, st, n);
}

account_change *ach_list_open_for(arena *a, int64_t user_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(ACH_COLUMNS " WHERE c.user_id = ?1 AND c.decided_at IS NULL ORDER BY c.id");
	sqlite3_bind_int64(st, 1, user_id);
	return collect(a, st, n);
}

bool ach_decide(int64_t id, int64_t decided_by, bool confirmed, int64_t now)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE account_change SET decided_by = ?2, decided_at = ?3, outcome = ?4 WHERE id = ?1 AND decided_at IS NULL");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, decided_by);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_text(st, 4, confirmed ? "confirmed" : "refused", -1, SQLITE_STATIC);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

bool ach_org_has_team_leader(int64_t org_id, int64_t except_user)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT 1 FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'teamleider'"
		" WHERE u.organisation_id = ?1 AND u.active = 1 AND u.id <> ?2 LIMIT 1");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, except_user);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}
