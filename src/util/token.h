/*
 * token.h — random secret tokens and their hashes: the session cookie, the
 * pre-login CSRF token and password reset links all use these. Only the hash of
 * a token is ever stored; never log a token.
 */
#ifndef KR_TOKEN_H
#define KR_TOKEN_H

#include "util/arena.h"

#include <stdbool.h>

/* 32 random bytes as 64 lowercase hex characters, arena-owned. */
char *token_random_hex(arena *a);
/* The 32-byte hash (crypto_generichash) of a token. */
void token_hash(const char *token, unsigned char out[32]);
/* True when t is a token's shape: exactly 64 lowercase hex characters. */
bool token_shape_ok(const char *t);

#endif
