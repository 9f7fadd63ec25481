/*
 * throttle.h — login throttling per account and per client address.
 *
 * Rule (same for both keys): counting failures in the last hour (for the account,
 * only those after its last successful login), the first 5 cost nothing; after
 * that each further attempt must wait 2^(failures-5) seconds after the last
 * failure, capped at 1 minute for an account (so that nobody can lock a known
 * colleague out for long from elsewhere) and 15 minutes for an address; at 100
 * failures in an hour no attempt is taken until the hour has passed. A refused
 * attempt is not counted as a failure.
 *
 * Usernames that are not accounts are keyed by a hash (throttle_key), so that a
 * password typed into the username field is never stored.
 */
#ifndef KR_THROTTLE_H
#define KR_THROTTLE_H

#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

#define THROTTLE_FREE_FAILURES 5
#define THROTTLE_MAX_PER_HOUR 100
#define THROTTLE_MAX_DELAY_S (15 * 60)
#define THROTTLE_MAX_ACCOUNT_DELAY_S 60

/* Pure rule: seconds to wait given failures, seconds since the last one, and the cap. */
int64_t throttle_delay(int64_t failures, int64_t since_last_failure, int64_t max_delay);

/* The key under which attempts for `typed` are counted: the account's username
 * when it is one, else "#" and a hash of what was typed (arena-owned). */
const char *throttle_key(arena *a, const char *typed, bool is_account);

/* Seconds this attempt must still wait (0 = go ahead). */
int64_t throttle_wait(const char *username, const char *address, int64_t now);

/* Record an attempt (own transaction). */
void throttle_record(const char *username, const char *address, bool success, int64_t now);

#endif
