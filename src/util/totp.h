/*
 * totp.h — time-based one-time codes (RFC 6238 over RFC 4226 HOTP with
 * HMAC-SHA1, 30-second steps, 6 digits) and the base32 text of their secrets
 * (RFC 4648, no padding), as authenticator apps expect them.
 *
 * Pure functions: no database, no clock of their own (the caller passes the
 * time), so that they can be tested against the RFC vectors. SHA-1 is here
 * only because the authenticator apps default to it; as an HMAC it is not
 * broken (RFC 6238 §5.1, RFC 2104). Never use totp_sha1 for anything else.
 */
#ifndef KR_TOTP_H
#define KR_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOTP_SECRET_BYTES 20 /* 160 bits, RFC 4226 §4 R6 recommends it */
#define TOTP_STEP_S 30
#define TOTP_DIGITS 6
#define TOTP_BASE32_LEN 32   /* base32 text of a 20-byte secret */

/* SHA-1 of len bytes (FIPS 180-4). */
void totp_sha1(const unsigned char *msg, size_t len, unsigned char out[20]);

/* HMAC-SHA1 (RFC 2104). */
void totp_hmac_sha1(const unsigned char *key, size_t keylen, const unsigned char *msg, size_t len,
                    unsigned char out[20]);

/* HOTP value (RFC 4226) for a counter, as a number below 10^digits (digits 6..8). */
uint32_t totp_hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits);

/* The time step of a unix time. */
int64_t totp_step_of(int64_t unix_time);

/* Check a typed code (exactly TOTP_DIGITS digits, spaces ignored) against the
 * steps now-1, now, now+1 (clock drift), and only steps after last_step (a code is
 * accepted once). Returns the accepted step, or -1 when none fits. */
int64_t totp_verify(const unsigned char *key, size_t keylen, const char *typed, int64_t unix_time,
                    int64_t last_step);

/* Base32 (RFC 4648 alphabet, upper case, no padding) of len bytes into out
 * (room for len*8/5+2 characters); returns out. */
char *totp_base32(const unsigned char *in, size_t len, char *out);

/* Decode base32 (upper or lower case, spaces and '=' ignored); returns the number
 * of bytes written, or -1 on a character outside the alphabet or too long input. */
int totp_base32_decode(const char *in, unsigned char *out, size_t outlen);

#endif
