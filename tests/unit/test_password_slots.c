/*
 * test_password_slots.c — logins share PASSWORD_MAX_CONCURRENT hashing slots and
 * PASSWORD_MAX_WAITING places to wait for one: many logins at once get a checked
 * answer up to that number, and the rest PASSWORD_BUSY without any check, so that
 * logins never hold every worker thread (auth/password.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>

#include "auth/password.h"

enum { LOGINS = 12 };

static char stored[crypto_pwhash_STRBYTES];
static pthread_barrier_t start_together;

typedef struct {
	const char *pw;
	password_result result;
} login;

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || !password_init())
		return 1;
	return !password_hash("juist-wachtwoord-42", stored);
}

static void *log_in(void *arg)
{
	login *l = arg;
	pthread_barrier_wait(&start_together);
	l->result = password_verify_login(stored, l->pw);
	return NULL;
}

/* Twelve logins at once (one hash takes far longer than twelve threads take to
 * reach the call): at most cap + waiting are checked, each correctly; the others
 * are told to try again. */
static void many_logins_at_once_are_bounded(void **state)
{
	(void)state;
	pthread_t threads[LOGINS];
	login logins[LOGINS];
	pthread_barrier_init(&start_together, NULL, LOGINS);
	for (int i = 0; i < LOGINS; i++) {
		logins[i].pw = i % 2 ? "juist-wachtwoord-42" : "fout-wachtwoord-42";
		assert_int_equal(pthread_create(&threads[i], NULL, log_in, &logins[i]), 0);
	}
	int checked = 0, busy = 0;
	for (int i = 0; i < LOGINS; i++) {
		pthread_join(threads[i], NULL);
		if (logins[i].result == PASSWORD_BUSY) {
			busy++;
			continue;
		}
		checked++;
		assert_int_equal(logins[i].result, i % 2 ? PASSWORD_OK : PASSWORD_WRONG);
	}
	pthread_barrier_destroy(&start_together);
	assert_true(checked >= PASSWORD_MAX_CONCURRENT);
	assert_true(checked <= PASSWORD_MAX_CONCURRENT + PASSWORD_MAX_WAITING);
	assert_int_equal(busy, LOGINS - checked);
}

/* One login at a time is never told to wait: the slots and places are given back. */
static void one_at_a_time_is_always_checked(void **state)
{
	(void)state;
	for (int i = 0; i < PASSWORD_MAX_CONCURRENT + PASSWORD_MAX_WAITING + 1; i++)
		assert_int_equal(password_verify_login(stored, "juist-wachtwoord-42"), PASSWORD_OK);
	assert_int_equal(password_verify_login(stored, "fout-wachtwoord-42"), PASSWORD_WRONG);
	assert_int_equal(password_verify_login(NULL, "juist-wachtwoord-42"), PASSWORD_WRONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(many_logins_at_once_are_bounded),
		cmocka_unit_test(one_at_a_time_is_always_checked),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
