/*
 * token.c — random secret tokens and their hashes (see token.h). Never stores or
 * logs a token.
 */
#include "util/token.h"

#include <sodium.h>
#include <string.h>

char *token_random_hex(arena *a)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	char *hex = arena_alloc(a, 65);
	sodium_bin2hex(hex, 65, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	return hex;
}

void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

bool token_shape_ok(const char *t)
{
	if (!t || strlen(t) != 64)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}
