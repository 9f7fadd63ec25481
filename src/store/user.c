/*
 * user.c — SQL for user accounts, roles and reset links (see user.h).
 * Never stores a password or a raw reset token.
 */
#include "store/user.h"

#include "store/db.h"
#include "store/roles.h"
#include "util/token.h"

#include <string.h>
#include <time.h>

#define USER_COLUMNS                                                                                         \
	"SELECT u.id, u.username, u.name, u.organisation_id, o.name, u.active, u.password_hash IS NOT NULL,"    \
	" (SELECT group_concat(role) FROM user_role r WHERE r.user_id = u.id)"                               \
	" FROM app_user u JOIN organisation o ON o.id = u.organisation_id"

static unsigned parse_roles(const char *list)
{
	unsigned roles = 0;
	const char *p = list;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		char name[32];
		if (n < sizeof name) {
			memcpy(name, p, n);
			name[n] = '\0';
			roles |= role_from_name(name);
		}
		p = comma ? comma + 1 : NULL;
	}
	return roles;
}

static void read_row(arena *a, sqlite3_stmt *st, user_rec *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->username = db_text(a, st, 1);
	u->name = db_text(a, st, 2);
	u->org_id = sqlite3_column_int64(st, 3);
	u->org_name = db_text(a, st, 4);
	u->active = sqlite3_column_int(st, 5) != 0;
	u->has_password = sqlite3_column_int(st, 6) != 0;
	u->roles = parse_roles((const char *)sqlite3_column_text(st, 7));
}

static user_rec *collect(arena *a, sqlite3_stmt *st, size_t *n)
{
	size_t cap = 0, k = 0;
	user_rec *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_row(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

user_rec *user_list(arena *a, size_t *n)
{
	return collect(a, db_stmt(USER_COLUMNS " ORDER BY o.name, u.name"), n);
}

user_rec *user_list_with_role(arena *a, int64_t org_id, unsigned role, size_t *n)
{
	/* id and name only (a choice of a person): no roles list, organisation or
	 * password column per user, ~60 % of this statement on a team leader's case list */
	sqlite3_stmt *st = db_stmt("SELECT u.id, u.name FROM app_user u"
	                           " WHERE u.organisation_id = ?1 AND u.active = 1"
	                           " AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ?2)"
	                           " ORDER BY u.name");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, role_name(role), -1, SQLITE_STATIC);
	size_t cap = 0, k = 0;
	user_rec *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k] = (user_rec){.id = sqlite3_column_int64(st, 0), .name = db_text(a, st, 1), .username = "",
		                     .org_id = org_id, .org_name = "", .roles = role, .active = true};
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool user_get(arena *a, int64_t id, user_rec *out)
{
	sqlite3_stmt *st = db_stmt(USER_COLUMNS " WHERE u.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

bool user_credentials(arena *a, const char *username, int64_t *id, const char **hash)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT u.id, u.password_hash FROM app_user u JOIN organisation o ON o.id = u.organisation_id"
		" WHERE u.username = ?1 AND u.active = 1 AND o.active = 1");
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*id = sqlite3_column_int64(st, 0);
		*hash = db_text(a, st, 1);
	}
	sqlite3_reset(st);
	return found;
}

static bool set_roles(int64_t id, unsigned roles)
{
	sqlite3_stmt *del = db_stmt("DELETE FROM user_role WHERE user_id = ?1");
	sqlite3_bind_int64(del, 1, id);
	if (!db_done(del))
		return false;
	for (int i = 0; i < ROLE_COUNT; i++) {
		if (!(roles & role_at(i)))
			continue;
		sqlite3_stmt *ins = db_stmt("INSERT INTO user_role (user_id, role) VALUES (?1, ?2)");
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, role_name(role_at(i)), -1, SQLITE_STATIC);
		if (!db_done(ins))
			return false;
	}
	return true;
}

int64_t user_create(const char *username, const char *name, int64_t org_id, unsigned roles, const char *hash)
{
	sqlite3_stmt *chk = db_stmt("SELECT 1 FROM app_user WHERE username = ?1");
	sqlite3_bind_text(chk, 1, username, -1, SQLITE_STATIC);
	bool taken = sqlite3_step(chk) == SQLITE_ROW;
	sqlite3_reset(chk);
	if (taken)
		return 0;
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO app_user (username, name, organisation_id, password_hash) VALUES (?1, ?2, ?3, ?4)");
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, org_id);
	if (hash)
		sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	if (!db_done(st))
		return -1;
	int64_t id = db_last_id();
	return set_roles(id, roles) ? id : -1;
}

bool user_update(int64_t id, const char *name, int64_t org_id, unsigned roles, bool active)
{
	sqlite3_stmt *st = db_stmt("UPDATE app_user SET name = ?2, organisation_id = ?3, active = ?4 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, org_id);
	sqlite3_bind_int(st, 4, active ? 1 : 0);
	return db_done(st) && sqlite3_changes(db_conn()) == 1 && set_roles(id, roles);
}

bool user_set_password_hash(int64_t id, const char *hash)
{
	sqlite3_stmt *st = db_stmt("UPDATE app_user SET password_hash = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

const char *user_contact(arena *a, int64_t id)
{
	sqlite3_stmt *st = db_stmt("SELECT contact FROM app_user WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	const char *contact = sqlite3_step(st) == SQLITE_ROW ? db_text(a, st, 0) : "";
	sqlite3_reset(st);
	return contact;
}

bool user_set_contact(int64_t id, const char *contact)
{
	sqlite3_stmt *st = db_stmt("UPDATE app_user SET contact = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, contact, -1, SQLITE_STATIC);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

bool user_clear_password(int64_t id)
{
	sqlite3_stmt *st = db_stmt("UPDATE app_user SET password_hash = NULL WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	return db_done(st);
}

char *user_reset_create(arena *a, int64_t user_id, int64_t created_by, int64_t ttl_seconds)
{
	char *token = token_random_hex(a);
	unsigned char hash[32];
	token_hash(token, hash);
	sqlite3_stmt *old = db_stmt("UPDATE password_reset SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL");
	sqlite3_bind_int64(old, 1, user_id);
	sqlite3_bind_int64(old, 2, (int64_t)time(NULL));
	if (!db_done(old))
		return NULL;
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO password_reset (token_hash, user_id, created_by, expires_at) VALUES (?1, ?2, ?3, ?4)");
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, created_by);
	sqlite3_bind_int64(st, 4, (int64_t)time(NULL) + ttl_seconds);
	return db_done(st) ? token : NULL;
}

bool user_reset_lookup(const char *token, int64_t *user_id)
{
	if (!token || strlen(token) != 64)
		return false;
	unsigned char hash[32];
	token_hash(token, hash);
	sqlite3_stmt *st = db_stmt(
		"SELECT p.user_id FROM password_reset p JOIN app_user u ON u.id = p.user_id"
		" WHERE p.token_hash = ?1 AND p.used_at IS NULL AND p.expires_at > ?2 AND u.active = 1");
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (int64_t)time(NULL));
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*user_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return found;
}

bool user_reset_consume(const char *token)
{
	unsigned char hash[32];
	token_hash(token, hash);
	sqlite3_stmt *st = db_stmt(
		"UPDATE password_reset SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2");
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (int64_t)time(NULL));
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}
