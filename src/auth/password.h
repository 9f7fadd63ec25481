/*
 * password.h — password hashing (Argon2id through libsodium) and policy.
 *
 * Hashing costs ~50 ms and 64 MiB (INTERACTIVE limits), so at most
 * PASSWORD_MAX_CONCURRENT hashes run at once; other callers wait their turn.
 * Which passwords are accepted: password_policy.h.
 */
#ifndef KR_PASSWORD_H
#define KR_PASSWORD_H

#include "auth/password_policy.h"

#include <sodium.h>
#include <stdbool.h>

#define PASSWORD_MAX_CONCURRENT 2
/* Logins that may wait for a slot at once. A login beyond them is answered "try
 * again" at once (password_verify_login): logins then never hold more than
 * PASSWORD_MAX_CONCURRENT + PASSWORD_MAX_WAITING of the worker threads, and the
 * others keep serving pages while many logins arrive (a busy morning or a flood
 * of guesses from many addresses). */
#define PASSWORD_MAX_WAITING 2

typedef enum { PASSWORD_WRONG, PASSWORD_OK, PASSWORD_BUSY } password_result;

/* Call once at start-up (after sodium_init); loads the policy's common list too.
 * False if that list is missing. */
bool password_init(void);

/* Hash into out (crypto_pwhash_STRBYTES). False only when out of memory. */
bool password_hash(const char *pw, char out[crypto_pwhash_STRBYTES]);

/* Verify pw against hash. A NULL/empty hash verifies against a dummy so that an
 * unknown user costs the same time as a wrong password; it never succeeds. */
bool password_verify(const char *hash, const char *pw);

/* password_verify for a login: PASSWORD_BUSY, without checking anything, when
 * every slot is taken and PASSWORD_MAX_WAITING logins already wait for one. */
password_result password_verify_login(const char *hash, const char *pw);

/* True when hash was made with weaker parameters than today's. */
bool password_needs_rehash(const char *hash);

#endif
