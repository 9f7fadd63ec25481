/*
 * test_auth.c — password hashing (the policy: test_password_policy.c), device cookies,
 * the session touch interval, session token helpers, throttling rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "auth/device.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "util/token.h"

static int setup(void **state)
{
	(void)state;
	return sodium_init() < 0 || !password_init();
}

static void test_hash_verify(void **state)
{
	(void)state;
	char hash[crypto_pwhash_STRBYTES];
	assert_true(password_hash("correct paard batterij", hash));
	assert_non_null(strstr(hash, "$argon2id$"));
	assert_true(password_verify(hash, "correct paard batterij"));
	assert_false(password_verify(hash, "correct paard batterijen"));
	assert_false(password_verify(NULL, "correct paard batterij"));
	assert_false(password_verify("", ""));
	assert_false(password_needs_rehash(hash));
	char weak[crypto_pwhash_STRBYTES];
	assert_int_equal(crypto_pwhash_str(weak, "x", 1, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
	assert_true(password_needs_rehash(weak));
}

static void test_tokens(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *t1 = token_random_hex(a), *t2 = token_random_hex(a);
	assert_int_equal(strlen(t1), 64);
	assert_string_not_equal(t1, t2);
	unsigned char h1[32], h2[32];
	token_hash(t1, h1);
	token_hash(t1, h2);
	assert_memory_equal(h1, h2, 32);
	token_hash(t2, h2);
	assert_memory_not_equal(h1, h2, 32);
	arena_free(a);
}

static void test_throttle_rule(void **state)
{
	(void)state;
	const int64_t cap = THROTTLE_MAX_DELAY_S;
	assert_int_equal(throttle_delay(0, 0, cap), 0);
	assert_int_equal(throttle_delay(4, 0, cap), 0);
	assert_int_equal(throttle_delay(5, 0, cap), 1);
	assert_int_equal(throttle_delay(6, 0, cap), 2);
	assert_int_equal(throttle_delay(8, 3, cap), 5);
	assert_int_equal(throttle_delay(8, 100, cap), 0);
	assert_int_equal(throttle_delay(40, 0, cap), THROTTLE_MAX_DELAY_S);
	assert_int_equal(throttle_delay(40, 0, THROTTLE_MAX_ACCOUNT_DELAY_S), 60);
	assert_int_equal(throttle_delay(100, 10, cap), 3590);
	assert_int_equal(throttle_delay(100, 4000, cap), 0);
	arena *a = arena_new();
	assert_string_equal(throttle_key(a, "vt", true), "vt");
	const char *k = throttle_key(a, "mijn geheime wachtwoord", false);
	assert_int_equal(k[0], '#');
	assert_null(strstr(k, "geheim"));
	assert_string_equal(k, throttle_key(a, "mijn geheime wachtwoord", false));
	arena_free(a);
}

static void test_device_token(void **state)
{
	(void)state;
	arena *a = arena_new();
	unsigned char key[crypto_auth_KEYBYTES], other[crypto_auth_KEYBYTES];
	crypto_auth_keygen(key);
	crypto_auth_keygen(other);
	const char *hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
	const char *dev = "0123456789abcdef0123456789abcdef";
	int64_t t0 = 1800000000;
	char *v = device_token_make(a, key, 42, hash, dev, t0);
	char id[DEVICE_ID_HEX + 1];
	assert_true(device_token_check(key, v, 42, hash, t0 + 86400, id));
	assert_string_equal(id, dev);
	assert_false(device_token_check(other, v, 42, hash, t0, id));           /* another server's key */
	assert_false(device_token_check(key, v, 43, hash, t0, id));             /* another account */
	assert_false(device_token_check(key, v, 42, "$argon2id$new", t0, id));  /* password changed */
	assert_false(device_token_check(key, v, 42, hash, t0 + 181 * 86400, id)); /* too old */
	assert_true(device_token_check(key, v, 42, hash, t0 + 179 * 86400, id));
	/* any changed character breaks it */
	for (size_t i = 0; v[i]; i++) {
		char *w = arena_strdup(a, v);
		w[i] = w[i] == '1' ? '2' : '1';
		assert_false(device_token_check(key, w, 42, hash, t0, id));
	}
	assert_false(device_token_check(key, "", 42, hash, t0, id));
	assert_false(device_token_check(key, "v1.42.1800000000", 42, hash, t0, id));
	assert_false(device_token_check(key, NULL, 42, hash, t0, id));
	arena_free(a);
}

static void test_device_rule_and_touch(void **state)
{
	(void)state;
	assert_int_equal(throttle_device_delay(2, 0), 0);
	assert_int_equal(throttle_device_delay(3, 0), 1);
	assert_int_equal(throttle_device_delay(5, 1), 3);
	assert_int_equal(throttle_device_delay(10, 60), 3540);
	/* stricter than the account: fewer free failures */
	assert_true(throttle_device_delay(4, 0) > throttle_delay(4, 0, THROTTLE_MAX_ACCOUNT_DELAY_S));
	/* last_seen written often enough that the idle timeout slides */
	assert_int_equal(session_touch_interval(900), 60);
	assert_int_equal(session_touch_interval(60), 6);
	assert_int_equal(session_touch_interval(4), 1);
	assert_int_equal(session_touch_interval(86400), 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_throttle_rule),
		cmocka_unit_test(test_device_token),
		cmocka_unit_test(test_device_rule_and_touch),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
