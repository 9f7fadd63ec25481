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
 * The account's counter is reset only by a successful login without a device
 * cookie, so that the owner logging in through the device door does not give a
 * guesser five free attempts again.
 *
 * A browser with a valid device cookie for the account (auth/device.h) is let
 * through both the account and the address delay: guessing from elsewhere cannot
 * lock the owner out, nor can guessing from behind the same office NAT. It has a
 * stricter counter of its own instead, so that a stolen device cookie cannot guess
 * freely: counting that device's failures for the account in the last hour (after
 * its last success), 3 are free, then 2^(failures-3) seconds after the last one,
 * and at 10 it waits an hour. Its failures count for the account as well.
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
#define THROTTLE_DEVICE_FREE_FAILURES 3
#define THROTTLE_DEVICE_MAX_PER_HOUR 10

/* Pure rule: seconds to wait given failures, seconds since the last one, and the cap. */
int64_t throttle_delay(int64_t failures, int64_t since_last_failure, int64_t max_delay);

/* Pure device rule: seconds to wait given the device's failures and seconds since
 * the last one. */
int64_t throttle_device_delay(int64_t failures, int64_t since_last_failure);

/* The key under which attempts for `typed` are counted: the account's username
 * when it is one, else "#" and a hash of what was typed (arena-owned). */
const char *throttle_key(arena *a, const char *typed, bool is_account);

/* Seconds this attempt must still wait (0 = go ahead): without a device cookie. */
int64_t throttle_wait(const char *username, const char *address, int64_t now);

/* The same for a browser whose device cookie for `username` is valid (device id). */
int64_t throttle_wait_device(const char *username, const char *device, int64_t now);

/* Record an attempt (own transaction); device is NULL without a valid device cookie. */
void throttle_record(const char *username, const char *address, const char *device, bool success, int64_t now);

#endif
