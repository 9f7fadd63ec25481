/*
 * password.c — Argon2id hashing with a cap on concurrent hashes, and the
 * password policy (see password.h). Never logs or keeps a password.
 */
#include "auth/password.h"

#include "util/embedded.h"
#include "util/utf8.h"

#include <ctype.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static sem_t hash_slots;
static char dummy_hash[crypto_pwhash_STRBYTES];
static const char **common;
static size_t common_count;

static int cmp_ci(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

bool password_init(void)
{
	sem_init(&hash_slots, 0, PASSWORD_MAX_CONCURRENT);
	if (crypto_pwhash_str(dummy_hash, "ketenregie-dummy-password", 25, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return false;
	const embedded_file *f = embedded_find(&embedded_data, "common-passwords.txt");
	if (!f)
		return false;
	/* One password per line; the embedded data is immutable, so copy it once. */
	char *text = malloc(f->len + 1);
	if (!text)
		abort();
	memcpy(text, f->data, f->len + 1);
	size_t lines = 1;
	for (size_t i = 0; i < f->len; i++)
		lines += text[i] == '\n';
	common = calloc(lines, sizeof *common);
	if (!common)
		abort();
	char *save = NULL;
	for (char *t = strtok_r(text, "\r\n", &save); t; t = strtok_r(NULL, "\r\n", &save))
		if (*t && *t != '#')
			common[common_count++] = t;
	qsort(common, common_count, sizeof *common, cmp_ci);
	return common_count > 0;
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

bool password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

const char *password_policy_error(const char *pw, const char *username)
{
	size_t bytes = strlen(pw);
	if (!utf8_valid(pw, bytes))
		return "Het wachtwoord bevat ongeldige tekens.";
	size_t chars = utf8_chars(pw, bytes);
	if (chars < PASSWORD_MIN_CHARS)
		return "Kies een wachtwoord van minstens 8 tekens.";
	if (chars > PASSWORD_MAX_CHARS)
		return "Kies een wachtwoord van ten hoogste 128 tekens.";
	if (username && strcasecmp(pw, username) == 0)
		return "Het wachtwoord mag niet gelijk zijn aan de gebruikersnaam.";
	if (bsearch(&pw, common, common_count, sizeof *common, cmp_ci))
		return "Dit wachtwoord komt voor in lijsten van veelgebruikte wachtwoorden. Kies een ander.";
	return NULL;
}
