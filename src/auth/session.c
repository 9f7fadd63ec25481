/*
 * session.c — server-side sessions (see session.h): the session table, the user
 * a session token names, and its timeouts.
 *
 * Never stores or logs a raw token, and never writes the response: the cookie
 * that carries the token is set by server/cookie.c.
 */
#include "auth/session.h"

#include "store/roles.h"
#include "server/config.h"
#include "store/db.h"
#include "util/token.h"

#include <string.h>
#include <time.h>

int64_t session_touch_interval(unsigned idle_timeout_s)
{
	int64_t every = (int64_t)idle_timeout_s / 10;
	return every < 1 ? 1 : every > 60 ? 60 : every;
}

static void delete_by_hash(const unsigned char *hash)
{
	if (!db_begin())
		return;
	sqlite3_stmt *st = db_stmt("DELETE FROM session WHERE token_hash = ?1");
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	db_done(st);
	db_commit();
}

void session_load(request *rq)
{
	rq->user = NULL;
	rq->csrf = NULL;
	rq->session_hash = NULL;
	if (!token_shape_ok(rq->cookie_session))
		return;
	unsigned char *hash = arena_alloc(rq->a, 32);
	token_hash(rq->cookie_session, hash);
	sqlite3_stmt *st = db_stmt(
		"SELECT s.user_id, s.csrf, s.created_at, s.last_seen, u.username, u.name, o.id, o.name, o.kind,"
		" (SELECT group_concat(role) FROM user_role r WHERE r.user_id = u.id)"
		" FROM session s JOIN app_user u ON u.id = s.user_id JOIN organisation o ON o.id = u.organisation_id"
		" WHERE s.token_hash = ?1 AND u.active = 1 AND o.active = 1");
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return;
	}
	int64_t now = (int64_t)time(NULL);
	int64_t created = sqlite3_column_int64(st, 2);
	int64_t last_seen = sqlite3_column_int64(st, 3);
	if (now - last_seen > (int64_t)config.idle_timeout_s || now - created > (int64_t)config.session_max_s) {
		sqlite3_reset(st);
		delete_by_hash(hash);
		return;
	}
	auth_user *u = arena_alloc(rq->a, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	rq->csrf = db_text(rq->a, st, 1);
	u->username = db_text(rq->a, st, 4);
	u->name = db_text(rq->a, st, 5);
	u->org_id = sqlite3_column_int64(st, 6);
	u->org_name = db_text(rq->a, st, 7);
	u->org_kind = db_text(rq->a, st, 8);
	const char *roles = db_text(rq->a, st, 9);
	sqlite3_reset(st);
	u->roles = 0;
	char *list = arena_strdup(rq->a, roles), *save = NULL;
	for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
		u->roles |= role_from_name(t);
	rq->user = u;
	rq->session_hash = hash;
	/* last_seen slides with use; written at most every idle/10 seconds (1..60), so a
	 * session ends after between 90 % and 100 % of the idle timeout without use. */
	if (now - last_seen >= session_touch_interval(config.idle_timeout_s) && db_begin()) {
		sqlite3_stmt *up = db_stmt("UPDATE session SET last_seen = ?2 WHERE token_hash = ?1");
		sqlite3_bind_blob(up, 1, hash, 32, SQLITE_STATIC);
		sqlite3_bind_int64(up, 2, now);
		db_done(up);
		db_commit();
	}
}

char *session_create(request *rq, int64_t user_id)
{
	char *token = token_random_hex(rq->a);
	char *csrf = token_random_hex(rq->a);
	unsigned char hash[32];
	token_hash(token, hash);
	int64_t now = (int64_t)time(NULL);
	if (!db_begin())
		return NULL;
	if (rq->session_hash) {
		/* Logging in again (another user at a shared workstation): the old
		 * session ends here, not when it times out. */
		sqlite3_stmt *old = db_stmt("DELETE FROM session WHERE token_hash = ?1");
		sqlite3_bind_blob(old, 1, rq->session_hash, 32, SQLITE_STATIC);
		db_done(old);
	}
	/* Housekeeping: sessions past their absolute lifetime or idle timeout. */
	sqlite3_stmt *gc = db_stmt("DELETE FROM session WHERE created_at < ?1 OR last_seen < ?2");
	sqlite3_bind_int64(gc, 1, now - (int64_t)config.session_max_s);
	sqlite3_bind_int64(gc, 2, now - (int64_t)config.idle_timeout_s);
	db_done(gc);
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO session (token_hash, user_id, csrf, created_at, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)");
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	bool ok = db_done(st);
	if (!ok) {
		db_rollback();
		return NULL;
	}
	if (!db_commit())
		return NULL;
	rq->csrf = csrf; /* forms in this very answer carry the new session's token */
	return token;
}

void session_delete(request *rq)
{
	if (rq->session_hash)
		delete_by_hash(rq->session_hash);
}

void session_end_all_for_user(int64_t user_id)
{
	sqlite3_stmt *st = db_stmt("DELETE FROM session WHERE user_id = ?1");
	sqlite3_bind_int64(st, 1, user_id);
	db_done(st);
}
