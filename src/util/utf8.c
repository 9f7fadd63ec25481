/*
 * utf8.c — strict UTF-8 (see utf8.h). A single decoder defines validity,
 * counting and cut points, so the three can never disagree. Bounds-checked
 * byte reads only; no allocation, no state.
 */
#include "util/utf8.h"

/* utf8_decode() that also says whether the sequence was valid. */
static size_t decode(const char *s, size_t n, uint32_t *cp, bool *ok)
{
	const unsigned char *u = (const unsigned char *)s;
	*ok = false;
	if (n == 0)
		return 0;

	unsigned char b0 = u[0];
	if (b0 < 0x80) {
		*cp = b0;
		*ok = true;
		return 1;
	}

	size_t len;
	uint32_t c;
	/* Allowed range of the second byte (excludes overlongs, surrogates,
	 * and code points above U+10FFFF); later bytes are 80..BF. */
	unsigned char lo = 0x80, hi = 0xBF;
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		len = 2;
		c = b0 & 0x1Fu;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		len = 3;
		c = b0 & 0x0Fu;
		if (b0 == 0xE0)
			lo = 0xA0;
		else if (b0 == 0xED)
			hi = 0x9F;
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		len = 4;
		c = b0 & 0x07u;
		if (b0 == 0xF0)
			lo = 0x90;
		else if (b0 == 0xF4)
			hi = 0x8F;
	} else {
		/* 80..C1 (continuation or overlong lead) and F5..FF. */
		*cp = 0xFFFD;
		return 1;
	}

	for (size_t i = 1; i < len; i++) {
		if (i >= n) {
			*cp = 0xFFFD;
			return i;
		}
		unsigned char b = u[i];
		unsigned char min = i == 1 ? lo : 0x80;
		unsigned char max = i == 1 ? hi : 0xBF;
		if (b < min || b > max) {
			*cp = 0xFFFD;
			return i;
		}
		c = (c << 6) | (b & 0x3Fu);
	}
	*cp = c;
	*ok = true;
	return len;
}

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	bool ok;
	return decode(s, n, cp, &ok);
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		bool ok;
		i += decode(s + i, n - i, &cp, &ok);
		if (!ok)
			return false;
	}
	return true;
}

size_t utf8_chars(const char *s, size_t n)
{
	size_t count = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		count++;
	}
	return count;
}

size_t utf8_cut(const char *s, size_t n, size_t max_bytes)
{
	if (n <= max_bytes)
		return n;
	size_t i = 0;
	while (i < max_bytes) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (i + k > max_bytes)
			break;
		i += k;
	}
	return i;
}
