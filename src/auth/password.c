/*
 * password.c — Argon2id hashing with a cap on concurrent hashes (see
 * password.h). Never logs or keeps a password.
 */
#include "auth/password.h"

#include "auth/password_helper.h"

#include <pthread.h>
#include <stdio.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <string.h>

static sem_t hash_slots;
static atomic_int logins_in_flight; /* admitted logins, checking or waiting to */
static char dummy_hash[crypto_pwhash_STRBYTES];
static int helpers[PASSWORD_MAX_CONCURRENT] = {-1, -1};
static _Thread_local int helper_fd = -1; /* this thread's helper (password_attach_helper) */

bool password_helpers_start(void)
{
	for (int i = 0; i < PASSWORD_MAX_CONCURRENT; i++)
		if ((helpers[i] = password_helper_spawn()) < 0)
			return false;
	return true;
}

void password_attach_helper(unsigned i)
{
	if (i < PASSWORD_MAX_CONCURRENT)
		helper_fd = helpers[i];
}

/* The helper of this thread is gone: hash here from now on (said once). */
static void helper_lost(void)
{
	fprintf(stderr, "ketenregie: a password helper process ended; hashing in the daemon\n");
	helper_fd = -1;
}

bool password_init(void)
{
	sem_init(&hash_slots, 0, PASSWORD_MAX_CONCURRENT);
	if (crypto_pwhash_str(dummy_hash, "ketenregie-dummy-password", 25, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return false;
	return password_policy_init();
}

bool password_hash(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	sem_wait(&hash_slots);
	bool ok = false;
	if (helper_fd >= 0 && !password_helper_hash(helper_fd, pw, out, &ok))
		helper_lost();
	if (helper_fd < 0)
		ok = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		                       crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
	sem_post(&hash_slots);
	return ok;
}

bool password_verify(const char *hash, const char *pw)
{
	bool real = hash && *hash;
	sem_wait(&hash_slots);
	bool ok = false;
	if (helper_fd >= 0 && !password_helper_verify(helper_fd, real ? hash : dummy_hash, pw, &ok))
		helper_lost();
	if (helper_fd < 0)
		ok = crypto_pwhash_str_verify(real ? hash : dummy_hash, pw, strlen(pw)) == 0;
	sem_post(&hash_slots);
	return real && ok;
}

bool password_login_admit(void)
{
	if (atomic_fetch_add(&logins_in_flight, 1) >= PASSWORD_MAX_CONCURRENT + PASSWORD_MAX_WAITING) {
		atomic_fetch_sub(&logins_in_flight, 1);
		return false;
	}
	return true;
}

void password_login_release(void)
{
	atomic_fetch_sub(&logins_in_flight, 1);
}

password_result password_verify_login(const char *hash, const char *pw)
{
	if (!password_login_admit())
		return PASSWORD_BUSY;
	bool ok = password_verify(hash, pw);
	password_login_release();
	return ok ? PASSWORD_OK : PASSWORD_WRONG;
}

bool password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}
