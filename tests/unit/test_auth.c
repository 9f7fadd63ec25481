/*
 * test_auth.c — password hashing (the policy: test_password_policy.c), session token helpers, throttling rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"

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
	char *t1 = session_random_hex(a), *t2 = session_random_hex(a);
	assert_int_equal(strlen(t1), 64);
	assert_string_not_equal(t1, t2);
	unsigned char h1[32], h2[32];
	session_hash_token(t1, h1);
	session_hash_token(t1, h2);
	assert_memory_equal(h1, h2, 32);
	session_hash_token(t2, h2);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_throttle_rule),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
