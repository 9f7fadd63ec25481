/*
 * throttle.c — login throttling (see throttle.h). Old attempts (over a day) are
 * pruned when a new one is recorded.
 */
#include "auth/throttle.h"

#include "store/db.h"

#include <sodium.h>
#include <string.h>

const char *throttle_key(arena *a, const char *typed, bool is_account)
{
	if (is_account)
		return typed;
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)typed, strlen(typed), NULL, 0);
	char *key = arena_alloc(a, 2 * sizeof h + 2);
	key[0] = '#';
	sodium_bin2hex(key + 1, 2 * sizeof h + 1, h, sizeof h);
	return key;
}

int64_t throttle_delay(int64_t failures, int64_t since_last_failure, int64_t max_delay)
{
	if (failures < THROTTLE_FREE_FAILURES)
		return 0;
	if (failures >= THROTTLE_MAX_PER_HOUR)
		return 3600 - since_last_failure > 0 ? 3600 - since_last_failure : 0;
	int64_t shift = failures - THROTTLE_FREE_FAILURES;
	int64_t delay = shift >= 20 ? max_delay : ((int64_t)1 << shift);
	if (delay > max_delay)
		delay = max_delay;
	int64_t left = delay - since_last_failure;
	return left > 0 ? left : 0;
}

int64_t throttle_device_delay(int64_t failures, int64_t since_last_failure)
{
	if (failures < THROTTLE_DEVICE_FREE_FAILURES)
		return 0;
	int64_t delay = failures >= THROTTLE_DEVICE_MAX_PER_HOUR
	                    ? 3600
	                    : (int64_t)1 << (failures - THROTTLE_DEVICE_FREE_FAILURES);
	int64_t left = delay - since_last_failure;
	return left > 0 ? left : 0;
}

/* Steps st (count, last failure) and applies the account/address rule, or the
 * device rule when max_delay is 0. */
static int64_t wait_for(sqlite3_stmt *st, int64_t now, int64_t max_delay)
{
	int64_t wait = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t failures = sqlite3_column_int64(st, 0);
		int64_t last = sqlite3_column_int64(st, 1);
		wait = max_delay ? throttle_delay(failures, now - last, max_delay) : throttle_device_delay(failures, now - last);
	}
	sqlite3_reset(st);
	return wait;
}

int64_t throttle_wait(const char *username, const char *address, int64_t now)
{
	sqlite3_stmt *acc = db_stmt(
		"SELECT count(*), coalesce(max(at), 0) FROM login_attempt"
		" WHERE username = ?1 AND success = 0 AND at > ?2"
		" AND at > coalesce((SELECT max(at) FROM login_attempt WHERE username = ?1 AND success = 1"
		"                    AND device IS NULL), 0)");
	sqlite3_bind_text(acc, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_int64(acc, 2, now - 3600);
	int64_t w1 = wait_for(acc, now, THROTTLE_MAX_ACCOUNT_DELAY_S);
	sqlite3_stmt *adr = db_stmt(
		"SELECT count(*), coalesce(max(at), 0) FROM login_attempt WHERE address = ?1 AND success = 0 AND at > ?2");
	sqlite3_bind_text(adr, 1, address, -1, SQLITE_STATIC);
	sqlite3_bind_int64(adr, 2, now - 3600);
	int64_t w2 = wait_for(adr, now, THROTTLE_MAX_DELAY_S);
	return w1 > w2 ? w1 : w2;
}

int64_t throttle_wait_device(const char *username, const char *device, int64_t now)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT count(*), coalesce(max(at), 0) FROM login_attempt"
		" WHERE device = ?2 AND username = ?1 AND success = 0 AND at > ?3"
		" AND at > coalesce((SELECT max(at) FROM login_attempt WHERE device = ?2 AND success = 1), 0)");
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now - 3600);
	return wait_for(st, now, 0);
}

void throttle_record(const char *username, const char *address, const char *device, bool success, int64_t now)
{
	if (!db_begin())
		return;
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO login_attempt (username, address, at, success, device) VALUES (?1, ?2, ?3, ?4, ?5)");
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, address, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int(st, 4, success ? 1 : 0);
	if (device)
		sqlite3_bind_text(st, 5, device, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	db_done(st);
	sqlite3_stmt *prune = db_stmt("DELETE FROM login_attempt WHERE at < ?1");
	sqlite3_bind_int64(prune, 1, now - 86400);
	db_done(prune);
	db_commit();
}
