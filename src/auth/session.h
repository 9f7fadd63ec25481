/*
 * session.h — server-side sessions.
 *
 * The cookie carries 32 random bytes (hex); the database stores only their
 * crypto_generichash. A session ends after config.idle_timeout_s without use
 * (the moment of last use is kept to within session_touch_interval),
 * after config.session_max_s in any case, at logout, and when the account or its
 * organisation is deactivated. Each session has its own CSRF token.
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

/* Start a new session for user_id (after a successful login) and add its cookie
 * to the response. Returns false on a database failure. */
bool session_start(request *rq, int64_t user_id);

/* End the current session server-side and clear the cookie. */
void session_end(request *rq);

/* End every session of a user (deactivation, password reset). Call inside
 * db_begin()/db_commit(): it is part of the caller's change. */
void session_end_all_for_user(int64_t user_id);

/* Issue the pre-login CSRF cookie if absent; returns the token the login form
 * must carry. */
const char *session_login_token(request *rq);

/* Add a cookie named base (with the __Host- prefix under TLS): Path=/, HttpOnly,
 * SameSite=Strict, Secure under TLS; max_age < 0 makes it end with the browser,
 * 0 deletes it. value must be cookie-safe (hex, dots). */
void session_set_cookie(request *rq, const char *base, const char *value, long max_age);

/* A one-time notice for the next page this browser shows ("uitgelogd" after a
 * logout, "wachtwoord_gewijzigd"): a cookie of two minutes holding one of a fixed
 * set of codes, so it works without a session and without JavaScript. Unknown
 * codes are ignored. session_take_notice returns the code (static) and deletes
 * the cookie, or NULL. */
void session_set_notice(request *rq, const char *code);
const char *session_take_notice(request *rq);

/* Random token as 64 hex characters in the arena; hash of a hex token (32 bytes). */
char *session_random_hex(arena *a);
void session_hash_token(const char *token, unsigned char out[32]);

#endif
