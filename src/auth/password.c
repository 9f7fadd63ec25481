/*
 * password.c — Argon2id hashing with a cap on concurrent hashes (see
 * password.h). Never logs or keeps a password.
 */
#include "auth/password.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <string.h>

static sem_t hash_slots;
static atomic_int logins_in_flight; /* admitted logins, checking or waiting to */
static char dummy_hash[crypto_pwhash_STRBYTES];

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
	int rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                           crypto_pwhash_MEMLIMIT_INTERACTIVE);
	sem_post(&hash_slots);
	return rc == 0;
}

bool password_verify(const char *hash, const char *pw)
{
	bool real = hash && *hash;
	sem_wait(&hash_slots);
	int rc = crypto_pwhash_str_verify(real ? hash : dummy_hash, pw, strlen(pw));
	sem_post(&hash_slots);
	return real && rc == 0;
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
