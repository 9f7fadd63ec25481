/*
 * throttle.h — login throttling per account and per client address.
 *
 * Rule (same for both keys): counting failures in the last hour (for the account,
 * only those after its last successful login), the first 5 cost nothing; after
 * that each further attempt must wait 2^(failures-5) seconds after the last
 * failure (capped at 15 minutes); at 100 failures in an hour no attempt is taken
 * until the hour has passed. A refused attempt is not counted as a failure.
 */
#ifndef KR_THROTTLE_H
#define KR_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>

#define THROTTLE_FREE_FAILURES 5
#define THROTTLE_MAX_PER_HOUR 100
#define THROTTLE_MAX_DELAY_S (15 * 60)

/* Pure rule: seconds to wait given failures and seconds since the last one. */
int64_t throttle_delay(int64_t failures, int64_t since_last_failure);

/* Seconds this attempt must still wait (0 = go ahead). */
int64_t throttle_wait(const char *username, const char *address, int64_t now);

/* Record an attempt (own transaction). */
void throttle_record(const char *username, const char *address, bool success, int64_t now);

#endif
