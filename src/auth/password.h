/*
 * password.h — password hashing (Argon2id through libsodium) and policy.
 *
 * Hashing costs ~50 ms and 64 MiB (INTERACTIVE limits), so at most
 * PASSWORD_MAX_CONCURRENT hashes run at once; other callers wait their turn
 * (blocking: the pages call these from an offload thread, server/offload.h).
 * Which passwords are accepted: password_policy.h.
 */
#ifndef KR_PASSWORD_H
#define KR_PASSWORD_H

#include "auth/password_policy.h"

#include <sodium.h>
#include <stdbool.h>

#define PASSWORD_MAX_CONCURRENT 2 /* password.c's helper table has as many */
/* Logins that may wait for a slot at once. A login beyond PASSWORD_MAX_CONCURRENT
 * + PASSWORD_MAX_WAITING in flight is answered "try again" at once
 * (password_login_admit), so that a flood of logins (a busy morning, or guesses
 * from many addresses) queues no longer than a few hashes. The hashes themselves
 * run on threads of their own (server/offload.h, as many as
 * PASSWORD_MAX_CONCURRENT), never on a worker thread that serves other pages. */
#define PASSWORD_MAX_WAITING 2

typedef enum { PASSWORD_WRONG, PASSWORD_OK, PASSWORD_BUSY } password_result;

/* Call once at start-up (after sodium_init); loads the policy's common list too.
 * False if that list is missing. */
bool password_init(void);

/* Fork PASSWORD_MAX_CONCURRENT helper processes (auth/password_helper.h) before
 * the daemon serves; false when one could not be started. */
bool password_helpers_start(void);
/* The calling thread hashes in helper i from now on (one thread per helper:
 * the offload threads of server/offload.h). */
void password_attach_helper(unsigned i);

/* Hash into out (crypto_pwhash_STRBYTES). False only when out of memory. */
bool password_hash(const char *pw, char out[crypto_pwhash_STRBYTES]);

/* Verify pw against hash. A NULL/empty hash verifies against a dummy so that an
 * unknown user costs the same time as a wrong password; it never succeeds. */
bool password_verify(const char *hash, const char *pw);

/* A login's place among the PASSWORD_MAX_CONCURRENT + PASSWORD_MAX_WAITING that
 * may be checked or wait for a check at once: false when none is free (answer
 * "try again", nothing checked). Give a place back with password_login_release. */
bool password_login_admit(void);
void password_login_release(void);

/* password_verify for a login: PASSWORD_BUSY, without checking anything, when
 * password_login_admit finds no place; the place is given back after the check. */
password_result password_verify_login(const char *hash, const char *pw);

/* True when hash was made with weaker parameters than today's. */
bool password_needs_rehash(const char *hash);

#endif
