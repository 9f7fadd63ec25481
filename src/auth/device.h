/*
 * device.h — the signed device cookie: "this browser has logged in to this account
 * before", so that an attacker guessing a colleague's password from elsewhere
 * cannot lock that colleague out (throttle.h has the limits on both doors).
 *
 * The cookie value is "v1.<user id>.<issued>.<device id>.<mac>": a random device
 * id (16 bytes, hex) and an HMAC (libsodium crypto_auth, HMAC-SHA-512-256) under a
 * server key over the user id, the moment of issue, the device id and the user's
 * current password hash — so a password change (or reset) invalidates every device
 * cookie of the account. It lives DEVICE_COOKIE_DAYS days, HttpOnly,
 * SameSite=Strict, and Secure with the __Host- prefix under TLS, like the session
 * cookie. The server key (32 random bytes) is made on first start and kept in the
 * setting table; whoever can read the database could forge one, but could also
 * read everything else.
 */
#ifndef KR_DEVICE_H
#define KR_DEVICE_H

#include "server/request.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>

#define DEVICE_COOKIE_DAYS 180
#define DEVICE_ID_HEX 32

/* Load the server key from the database, making it on first use. Call once at
 * start-up after the migrations; false on a database failure. */
bool device_key_init(void);

/* Pure helpers (unit tests): the cookie value for these inputs, arena-owned; and
 * whether `value` is valid for user_id with password_hash at `now`, copying its
 * device id into device_id (DEVICE_ID_HEX + 1 bytes) when it is. */
char *device_token_make(arena *a, const unsigned char key[crypto_auth_KEYBYTES], int64_t user_id,
                        const char *password_hash, const char *device_id, int64_t issued);
bool device_token_check(const unsigned char key[crypto_auth_KEYBYTES], const char *value, int64_t user_id,
                        const char *password_hash, int64_t now, char device_id[DEVICE_ID_HEX + 1]);

/* The device id of this request's device cookie when it is valid for the account
 * (user_id, password_hash), else NULL (arena-owned). */
const char *device_of_request(request *rq, int64_t user_id, const char *password_hash, int64_t now);

/* The value of a fresh device cookie for the account, keeping device_id when
 * given (NULL: a new device); NULL without a server key or password hash.
 * Arena-owned; server/cookie.c (cookie_device_issue) sets it. */
const char *device_cookie_value(arena *a, int64_t user_id, const char *password_hash, const char *device_id,
                                int64_t now);

#endif
