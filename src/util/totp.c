/*
 * totp.c — SHA-1, HMAC-SHA1, HOTP and TOTP, base32 (see totp.h).
 *
 * libsodium offers HMAC-SHA-256/512 but no SHA-1, and authenticator apps default
 * to SHA-1, so the hash is written out here from FIPS 180-4 and checked against
 * the FIPS, RFC 2202 and RFC 6238 vectors in tests/unit/test_totp.c.
 * Must never compare codes in variable time or keep key material on the stack.
 */
#include "util/totp.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_block(uint32_t h[5], const unsigned char *p)
{
	uint32_t w[80];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
		       (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999u;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1u;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdcu;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6u;
		}
		uint32_t t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	sodium_memzero(w, sizeof w);
}

void totp_sha1(const unsigned char *msg, size_t len, unsigned char out[20])
{
	uint32_t h[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
	size_t full = len / 64 * 64;
	for (size_t off = 0; off < full; off += 64)
		sha1_block(h, msg + off);
	/* the tail, 0x80, zeros, and the length in bits: one or two blocks */
	unsigned char tail[128] = {0};
	size_t rest = len - full;
	memcpy(tail, msg + full, rest);
	tail[rest] = 0x80;
	size_t tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
	uint64_t bits = (uint64_t)len * 8;
	for (int i = 0; i < 8; i++)
		tail[tail_len - 1 - (size_t)i] = (unsigned char)(bits >> (8 * i));
	for (size_t off = 0; off < tail_len; off += 64)
		sha1_block(h, tail + off);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(h[i] >> 8);
		out[4 * i + 3] = (unsigned char)h[i];
	}
	sodium_memzero(tail, sizeof tail);
	sodium_memzero(h, sizeof h);
}

void totp_hmac_sha1(const unsigned char *key, size_t keylen, const unsigned char *msg, size_t len,
                    unsigned char out[20])
{
	enum { B = 64 };
	unsigned char k0[B] = {0};
	if (keylen > B)
		totp_sha1(key, keylen, k0);
	else
		memcpy(k0, key, keylen);
	/* inner: H((K0 ^ ipad) || msg); msg is small here (8 bytes for HOTP; tests use
	 * up to 73), so one buffer holds the whole inner message */
	unsigned char inner[B + 128];
	unsigned char outer[B + 20];
	unsigned char ih[20];
	for (int i = 0; i < B; i++) {
		inner[i] = k0[i] ^ 0x36;
		outer[i] = k0[i] ^ 0x5c;
	}
	if (len <= 128) {
		memcpy(inner + B, msg, len);
		totp_sha1(inner, B + len, ih);
	} else {
		/* longer messages (not used by HOTP): copy through the heap */
		unsigned char *buf = sodium_malloc(B + len);
		if (!buf)
			abort();
		memcpy(buf, inner, B);
		memcpy(buf + B, msg, len);
		totp_sha1(buf, B + len, ih);
		sodium_free(buf);
	}
	memcpy(outer + B, ih, 20);
	totp_sha1(outer, sizeof outer, out);
	sodium_memzero(k0, sizeof k0);
	sodium_memzero(inner, sizeof inner);
	sodium_memzero(outer, sizeof outer);
	sodium_memzero(ih, sizeof ih);
}

uint32_t totp_hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits)
{
	unsigned char msg[8], mac[20];
	for (int i = 7; i >= 0; i--) {
		msg[i] = (unsigned char)(counter & 0xff);
		counter >>= 8;
	}
	totp_hmac_sha1(key, keylen, msg, sizeof msg, mac);
	/* dynamic truncation, RFC 4226 §5.3 */
	int off = mac[19] & 0x0f;
	uint32_t bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 | (uint32_t)mac[off + 2] << 8 |
	               (uint32_t)mac[off + 3];
	sodium_memzero(mac, sizeof mac);
	uint32_t mod = 1;
	for (int i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

int64_t totp_step_of(int64_t unix_time)
{
	return unix_time < 0 ? -1 : unix_time / TOTP_STEP_S;
}

int64_t totp_verify(const unsigned char *key, size_t keylen, const char *typed, int64_t unix_time,
                    int64_t last_step)
{
	char digits[TOTP_DIGITS + 1];
	size_t n = 0;
	for (const char *p = typed; p && *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || n == TOTP_DIGITS)
			return -1;
		digits[n++] = *p;
	}
	if (n != TOTP_DIGITS)
		return -1;
	digits[n] = '\0';
	int64_t now = totp_step_of(unix_time);
	int64_t found = -1;
	/* every candidate is computed and compared, whichever fits */
	for (int64_t step = now - 1; step <= now + 1; step++) {
		if (step < 0)
			continue;
		char want[TOTP_DIGITS + 1];
		uint32_t v = totp_hotp(key, keylen, (uint64_t)step, TOTP_DIGITS);
		for (int i = TOTP_DIGITS - 1; i >= 0; i--) {
			want[i] = (char)('0' + v % 10);
			v /= 10;
		}
		want[TOTP_DIGITS] = '\0';
		if (sodium_memcmp(want, digits, TOTP_DIGITS) == 0 && step > last_step && found < 0)
			found = step;
		sodium_memzero(want, sizeof want);
	}
	sodium_memzero(digits, sizeof digits);
	return found;
}

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

char *totp_base32(const unsigned char *in, size_t len, char *out)
{
	size_t o = 0;
	uint32_t buf = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32[(buf << (5 - bits)) & 31];
	out[o] = '\0';
	return out;
}

int totp_base32_decode(const char *in, unsigned char *out, size_t outlen)
{
	size_t o = 0;
	uint32_t buf = 0;
	int bits = 0;
	for (const char *p = in; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '=' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		const char *at = strchr(b32, c);
		if (!at || !c)
			return -1;
		buf = (buf << 5) | (uint32_t)(at - b32);
		bits += 5;
		if (bits >= 8) {
			if (o == outlen)
				return -1;
			out[o++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return (int)o;
}
