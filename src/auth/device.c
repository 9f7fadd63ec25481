/*
 * device.c — signed device cookies (see device.h). Never logs a cookie value and
 * never trusts one whose MAC, account, password or age does not match.
 */
#include "auth/device.h"

#include "store/db.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static unsigned char server_key[crypto_auth_KEYBYTES];
static bool key_loaded;

bool device_key_init(void)
{
	sqlite3_stmt *get = db_stmt("SELECT value FROM setting WHERE key = 'device_cookie_key'");
	bool found = false;
	if (sqlite3_step(get) == SQLITE_ROW) {
		const char *hex = (const char *)sqlite3_column_text(get, 0);
		size_t len = 0;
		found = hex && sodium_hex2bin(server_key, sizeof server_key, hex, strlen(hex), NULL, &len, NULL) == 0 &&
		        len == sizeof server_key;
	}
	sqlite3_reset(get);
	if (found) {
		key_loaded = true;
		return true;
	}
	crypto_auth_keygen(server_key);
	char hex[2 * crypto_auth_KEYBYTES + 1];
	sodium_bin2hex(hex, sizeof hex, server_key, sizeof server_key);
	if (!db_begin())
		return false;
	sqlite3_stmt *put = db_stmt("INSERT OR REPLACE INTO setting (key, value) VALUES ('device_cookie_key', ?1)");
	sqlite3_bind_text(put, 1, hex, -1, SQLITE_TRANSIENT);
	sodium_memzero(hex, sizeof hex);
	if (!db_done(put)) {
		db_rollback();
		return false;
	}
	key_loaded = db_commit();
	return key_loaded;
}

/* MAC over "kr-device-v1|uid|issued|device|" followed by the password hash, hex. */
static void mac_hex(const unsigned char key[crypto_auth_KEYBYTES], int64_t user_id, const char *password_hash,
                    const char *device_id, int64_t issued, char out[2 * crypto_auth_BYTES + 1])
{
	crypto_auth_hmacsha512256_state st;
	crypto_auth_hmacsha512256_init(&st, key, crypto_auth_KEYBYTES);
	char head[128];
	int n = snprintf(head, sizeof head, "kr-device-v1|%" PRId64 "|%" PRId64 "|%s|", user_id, issued, device_id);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)head, (unsigned long long)n);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)password_hash, strlen(password_hash));
	unsigned char mac[crypto_auth_BYTES];
	crypto_auth_hmacsha512256_final(&st, mac);
	sodium_bin2hex(out, 2 * crypto_auth_BYTES + 1, mac, sizeof mac);
}

char *device_token_make(arena *a, const unsigned char key[crypto_auth_KEYBYTES], int64_t user_id,
                        const char *password_hash, const char *device_id, int64_t issued)
{
	char mac[2 * crypto_auth_BYTES + 1];
	mac_hex(key, user_id, password_hash, device_id, issued, mac);
	return arena_printf(a, "v1.%" PRId64 ".%" PRId64 ".%s.%s", user_id, issued, device_id, mac);
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* A decimal number of 1..19 digits ending at `end`; false otherwise. */
static bool parse_number(const char *s, const char *end, int64_t *out)
{
	size_t n = (size_t)(end - s);
	if (n == 0 || n > 18)
		return false;
	int64_t v = 0;
	for (const char *p = s; p < end; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return true;
}

bool device_token_check(const unsigned char key[crypto_auth_KEYBYTES], const char *value, int64_t user_id,
                        const char *password_hash, int64_t now, char device_id[DEVICE_ID_HEX + 1])
{
	if (!value || !password_hash || !*password_hash || strncmp(value, "v1.", 3) != 0 || strlen(value) > 200)
		return false;
	const char *p = value + 3;
	const char *dot1 = strchr(p, '.');
	const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	const char *dot3 = dot2 ? strchr(dot2 + 1, '.') : NULL;
	int64_t uid, issued;
	if (!dot3 || !parse_number(p, dot1, &uid) || !parse_number(dot1 + 1, dot2, &issued))
		return false;
	const char *dev = dot2 + 1, *mac = dot3 + 1;
	if ((size_t)(dot3 - dev) != DEVICE_ID_HEX || !is_hex(dev, DEVICE_ID_HEX) ||
	    strlen(mac) != 2 * crypto_auth_BYTES || !is_hex(mac, 2 * crypto_auth_BYTES))
		return false;
	if (uid != user_id || issued > now + 300 || now - issued > (int64_t)DEVICE_COOKIE_DAYS * 86400)
		return false;
	char id[DEVICE_ID_HEX + 1];
	memcpy(id, dev, DEVICE_ID_HEX);
	id[DEVICE_ID_HEX] = '\0';
	char expect[2 * crypto_auth_BYTES + 1];
	mac_hex(key, user_id, password_hash, id, issued, expect);
	if (sodium_memcmp(expect, mac, 2 * crypto_auth_BYTES) != 0)
		return false;
	memcpy(device_id, id, sizeof id);
	return true;
}

const char *device_of_request(request *rq, int64_t user_id, const char *password_hash, int64_t now)
{
	if (!key_loaded || !rq->cookie_device)
		return NULL;
	char *id = arena_alloc(rq->a, DEVICE_ID_HEX + 1);
	return device_token_check(server_key, rq->cookie_device, user_id, password_hash, now, id) ? id : NULL;
}

const char *device_cookie_value(arena *a, int64_t user_id, const char *password_hash, const char *device_id,
                                int64_t now)
{
	if (!key_loaded || !password_hash || !*password_hash)
		return NULL;
	if (!device_id) {
		unsigned char raw[DEVICE_ID_HEX / 2];
		randombytes_buf(raw, sizeof raw);
		char *hex = arena_alloc(a, DEVICE_ID_HEX + 1);
		sodium_bin2hex(hex, DEVICE_ID_HEX + 1, raw, sizeof raw);
		device_id = hex;
	}
	return device_token_make(a, server_key, user_id, password_hash, device_id, now);
}
