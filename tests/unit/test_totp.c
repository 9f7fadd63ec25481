/*
 * test_totp.c — SHA-1 (FIPS 180 examples), HMAC-SHA1 (RFC 2202, all seven cases),
 * HOTP (RFC 4226 appendix D), TOTP (RFC 6238 appendix B, SHA-1 rows), the ±1 step
 * window and the once-only rule of totp_verify, base32 (RFC 4648 §10).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/totp.h"

static void hex(const unsigned char *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

static void check_sha1(const char *msg, size_t len, const char *want)
{
	unsigned char h[20];
	char got[41];
	totp_sha1((const unsigned char *)msg, len, h);
	hex(h, 20, got);
	assert_string_equal(got, want);
}

static void test_sha1(void **state)
{
	(void)state;
	check_sha1("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	check_sha1("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	check_sha1(two, strlen(two), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	char *million = malloc(1000000);
	memset(million, 'a', 1000000);
	check_sha1(million, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	free(million);
	/* lengths around the padding boundary (55, 56, 63, 64 bytes) against each other:
	 * the same 64 'a's hashed must differ from 63 */
	unsigned char h1[20], h2[20];
	totp_sha1((const unsigned char *)two, 55, h1);
	totp_sha1((const unsigned char *)two, 56, h2);
	assert_memory_not_equal(h1, h2, 20);
}

static void check_hmac(const unsigned char *key, size_t keylen, const char *data, size_t len, const char *want)
{
	unsigned char mac[20];
	char got[41];
	totp_hmac_sha1(key, keylen, (const unsigned char *)data, len, mac);
	hex(mac, 20, got);
	assert_string_equal(got, want);
}

static void test_hmac_rfc2202(void **state)
{
	(void)state;
	unsigned char k[80];
	char data[80];
	memset(k, 0x0b, 20);
	check_hmac(k, 20, "Hi There", 8, "b617318655057264e28bc0b6fb378c8ef146be00");
	check_hmac((const unsigned char *)"Jefe", 4, "what do ya want for nothing?", 28,
	           "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	memset(k, 0xaa, 20);
	memset(data, 0xdd, 50);
	check_hmac(k, 20, data, 50, "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
	for (int i = 0; i < 25; i++)
		k[i] = (unsigned char)(i + 1);
	memset(data, 0xcd, 50);
	check_hmac(k, 25, data, 50, "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
	memset(k, 0x0c, 20);
	check_hmac(k, 20, "Test With Truncation", 20, "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
	memset(k, 0xaa, 80);
	const char *six = "Test Using Larger Than Block-Size Key - Hash Key First";
	check_hmac(k, 80, six, strlen(six), "aa4ae5e15272d00e95705637ce8a3b55ed402112");
	const char *seven = "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";
	check_hmac(k, 80, seven, strlen(seven), "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

static const unsigned char rfc_key[] = "12345678901234567890";

static void test_hotp_rfc4226(void **state)
{
	(void)state;
	static const uint32_t want[] = {755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489};
	for (uint64_t c = 0; c < 10; c++)
		assert_int_equal(totp_hotp(rfc_key, 20, c, 6), want[c]);
}

static void test_totp_rfc6238(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		uint32_t code;
	} rows[] = {
		{59, 94287082},         {1111111109, 7081804},  {1111111111, 14050471},
		{1234567890, 89005924}, {2000000000, 69279037}, {20000000000, 65353130},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_int_equal(totp_hotp(rfc_key, 20, (uint64_t)totp_step_of(rows[i].t), 8), rows[i].code);
		/* the six-digit code is the last six digits of the eight-digit one */
		char typed[8];
		snprintf(typed, sizeof typed, "%06u", rows[i].code % 1000000);
		assert_int_equal(totp_verify(rfc_key, 20, typed, rows[i].t, -1), totp_step_of(rows[i].t));
	}
}

static void code_at(int64_t step, char out[7])
{
	snprintf(out, 7, "%06u", totp_hotp(rfc_key, 20, (uint64_t)step, 6));
}

static void test_window_and_once(void **state)
{
	(void)state;
	const int64_t t = 1234567890, now = t / 30;
	char prev[7], cur[7], next[7], far[7];
	code_at(now - 1, prev);
	code_at(now, cur);
	code_at(now + 1, next);
	code_at(now + 2, far);
	assert_int_equal(totp_verify(rfc_key, 20, prev, t, -1), now - 1);
	assert_int_equal(totp_verify(rfc_key, 20, cur, t, -1), now);
	assert_int_equal(totp_verify(rfc_key, 20, next, t, -1), now + 1);
	assert_int_equal(totp_verify(rfc_key, 20, far, t, -1), -1);
	/* once: a step at or before the last accepted one is refused */
	assert_int_equal(totp_verify(rfc_key, 20, cur, t, now), -1);
	assert_int_equal(totp_verify(rfc_key, 20, prev, t, now - 1), -1);
	assert_int_equal(totp_verify(rfc_key, 20, next, t, now), now + 1);
	/* shape: spaces allowed, anything else refused */
	char spaced[8] = {cur[0], cur[1], cur[2], ' ', cur[3], cur[4], cur[5], 0};
	assert_int_equal(totp_verify(rfc_key, 20, spaced, t, -1), now);
	assert_int_equal(totp_verify(rfc_key, 20, "12345", t, -1), -1);
	assert_int_equal(totp_verify(rfc_key, 20, "1234567", t, -1), -1);
	assert_int_equal(totp_verify(rfc_key, 20, "12a456", t, -1), -1);
	assert_int_equal(totp_verify(rfc_key, 20, "", t, -1), -1);
	assert_int_equal(totp_verify(rfc_key, 20, NULL, t, -1), -1);
}

static void test_base32(void **state)
{
	(void)state;
	static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const want[] = {"", "MY", "MZXQ", "MZXW6", "MZXW6YQ", "MZXW6YTB", "MZXW6YTBOI"};
	for (size_t i = 0; i < 7; i++) {
		char out[32];
		totp_base32((const unsigned char *)in[i], strlen(in[i]), out);
		assert_string_equal(out, want[i]);
		unsigned char back[16];
		assert_int_equal(totp_base32_decode(want[i], back, sizeof back), (int)strlen(in[i]));
		assert_memory_equal(back, in[i], strlen(in[i]));
	}
	unsigned char b[32];
	char text[TOTP_BASE32_LEN + 1];
	totp_base32(rfc_key, 20, text);
	assert_int_equal(strlen(text), TOTP_BASE32_LEN);
	assert_string_equal(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(totp_base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", b, sizeof b), 20);
	assert_memory_equal(b, rfc_key, 20);
	assert_int_equal(totp_base32_decode("MZ1W", b, sizeof b), -1);
	assert_int_equal(totp_base32_decode("MZXW6YTBOI", b, 3), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1),          cmocka_unit_test(test_hmac_rfc2202),
		cmocka_unit_test(test_hotp_rfc4226),  cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_window_and_once), cmocka_unit_test(test_base32),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
