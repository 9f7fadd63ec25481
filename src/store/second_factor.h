/*
 * second_factor.h — SQL for the second login factor: each account's TOTP secret
 * and last accepted time step, its hashed one-time recovery codes, and logins that
 * passed the password and wait for the code (login_pending).
 *
 * Functions that change data must be called inside db_begin()/db_commit() unless
 * they say otherwise. Never logs or returns a recovery code after it was made.
 */
#ifndef KR_SECOND_FACTOR_H
#define KR_SECOND_FACTOR_H

#include "util/totp.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define SF_RECOVERY_CODES 10
#define SF_RECOVERY_LEN 19       /* "ABCD-EFGH-IJKL-MNOP" */
#define SF_PENDING_TTL_S 600     /* a password step counts for ten minutes */
#define SF_PENDING_MAX_FAILURES 5

typedef struct sf_state {
	bool enrolled;
	bool exempt;       /* demo account (honoured only while the demo region is loaded) */
	int64_t asked_at;  /* first time asked to enrol; 0 = never */
} sf_state;

/* The account's second-factor state (read only). */
bool sf_state_of(int64_t user_id, sf_state *out);

/* Note the first time the account was asked to enrol (own transaction); returns the
 * moment (the earlier one when already noted). */
int64_t sf_note_asked(int64_t user_id, int64_t now);

/* Read the secret (20 bytes) and last accepted step; false when not enrolled. */
bool sf_totp_get(int64_t user_id, unsigned char secret[TOTP_SECRET_BYTES], int64_t *last_step);

/* Accept `step` for the account: true only when it is later than the last accepted
 * one (a code is accepted once; two requests racing with the same code: one wins). */
bool sf_totp_use_step(int64_t user_id, int64_t step);

/* Store a confirmed secret, accept `step`, and replace the recovery codes with ten
 * new ones, written as text into codes[i] (SF_RECOVERY_LEN+1 each, arena-owned). */
bool sf_enrol(arena *a, int64_t user_id, const unsigned char secret[TOTP_SECRET_BYTES], int64_t step, int64_t now,
              char **codes);

/* Use a recovery code (case, spaces and dashes ignored): true once per code. */
bool sf_recovery_use(int64_t user_id, const char *typed, int64_t now);

/* Unused recovery codes left. */
int sf_recovery_left(int64_t user_id);

/* Forget the second factor (reset): secret and codes go, next login enrols anew. */
bool sf_reset(int64_t user_id);

/* Does the text look like a recovery code rather than a six-digit code? */
bool sf_is_recovery_shape(const char *typed);

/* ---- logins waiting for the second factor ---- */

typedef struct sf_pending {
	int64_t user_id;
	int64_t created_at;
	const char *device;   /* NULL unless the password step went through the device door */
	bool has_new_secret;  /* enrolment */
	unsigned char new_secret[TOTP_SECRET_BYTES];
	int failures;
	const char *resume_to, *resume; /* a form carried along from an expired session, or NULL */
} sf_pending;

/* Start one (own transaction): returns the raw token for the cookie (arena-owned),
 * NULL on failure. Earlier waiting logins of the account end. new_secret, resume_to
 * and resume may be NULL. */
char *sf_pending_start(arena *a, int64_t user_id, const char *device, const unsigned char *new_secret,
                       const char *resume_to, const char *resume, int64_t now);

/* Look a cookie token up (not expired); false otherwise. */
bool sf_pending_get(arena *a, const char *token, int64_t now, sf_pending *out);

/* Count a wrong code (own transaction); returns true when the login may go on,
 * false when it has ended (too many wrong codes). */
bool sf_pending_fail(const char *token);

/* End it (inside the caller's transaction). */
bool sf_pending_end(const char *token);

#endif
