/*
 * session.h — server-side sessions.
 *
 * The cookie carries 32 random bytes (hex); the database stores only their
 * crypto_generichash. A session ends after config.idle_timeout_s without use
 * (the moment of last use is kept to within session_touch_interval),
 * after config.session_max_s in any case, at logout, and when the account or its
 * organisation is deactivated. Each session has its own CSRF token.
 * The cookies are server/cookie.c's part: auth never writes the response.
 */
#ifndef KR_SESSION_H
#define KR_SESSION_H

#include "server/request.h"

#include <stdbool.h>
#include <stdint.h>

/* Resolve rq->cookie_session into rq->user, rq->csrf and rq->session_hash
 * (all NULL when there is no valid session). Expired sessions are deleted. */
void session_load(request *rq);

/* How often last_seen is written for a session in use: idle/10 seconds, at least 1
 * and at most 60 (a write per request would cost an fsync each). */
int64_t session_touch_interval(unsigned idle_timeout_s);

/* Start a new session for user_id (after a successful login): ends the request's
 * old session, stores the new one and sets rq->csrf to its CSRF token. Returns
 * the token for the cookie (arena-owned; server/cookie.c sets it), NULL on a
 * database failure. */
char *session_create(request *rq, int64_t user_id);

/* End the current session server-side (the cookie is server/cookie.c's part). */
void session_delete(request *rq);

/* End every session of a user (deactivation, password reset). Call inside
 * db_begin()/db_commit(): it is part of the caller's change. */
void session_end_all_for_user(int64_t user_id);

#endif
