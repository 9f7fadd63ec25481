/*
 * cookie.h — the cookies this server sets; the only writer of Set-Cookie. Every
 * cookie is Path=/, HttpOnly, SameSite=Strict, and under TLS Secure with the
 * __Host- prefix. The session cookie and the pre-login CSRF cookie (their
 * database side is auth/session.c), the device cookie (auth/device.c makes its
 * signed value) and the one-time notices.
 *
 * auth decides and stores; this file only carries the result to the browser.
 * Never logs a token.
 */
#ifndef KR_COOKIE_H
#define KR_COOKIE_H

#include "server/request.h"

#include <stdbool.h>
#include <stdint.h>

/* Add a cookie named base (with the __Host- prefix under TLS); max_age < 0 makes
 * it end with the browser, 0 deletes it. value must be cookie-safe (hex, dots). */
void cookie_set(request *rq, const char *base, const char *value, long max_age);

/* Start a new session for user_id (after a successful login; see session_create)
 * and set its cookie, ending the pre-login cookie. False on a database failure. */
bool cookie_session_start(request *rq, int64_t user_id);

/* End the current session server-side and clear its cookie. */
void cookie_session_end(request *rq);

/* Issue the pre-login CSRF cookie if absent; returns the token the login form
 * must carry. */
const char *cookie_login_token(request *rq);

/* Set a fresh device cookie for the account (see device_cookie_value), keeping
 * device_id when given (NULL: a new device); nothing without a device key. */
void cookie_device_issue(request *rq, int64_t user_id, const char *password_hash, const char *device_id,
                         int64_t now);

/* A one-time notice for the next page this browser shows ("uitgelogd" after a
 * logout, "wachtwoord_gewijzigd"): a cookie of two minutes holding one of a fixed
 * set of codes, so it works without a session and without JavaScript. Unknown
 * codes are ignored. cookie_take_notice returns the code (static) and deletes
 * the cookie, or NULL. */
void cookie_set_notice(request *rq, const char *code);
const char *cookie_take_notice(request *rq);

#endif
