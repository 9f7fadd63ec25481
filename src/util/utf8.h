/*
 * utf8.h — strict UTF-8 validation, counting and safe truncation.
 *
 * Strict means RFC 3629: no overlong forms, no UTF-16 surrogates
 * (U+D800..U+DFFF), nothing above U+10FFFF. NUL (U+0000) is valid UTF-8;
 * refusing NUL bytes in input is the form layer's job. All functions take a
 * pointer and a byte length, never read past it and never write.
 */
#ifndef KR_UTF8_H
#define KR_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point at s (n > 0 bytes available). Returns the number of
 * bytes it takes (1..4) and stores the code point in *cp. On an invalid
 * sequence stores U+FFFD and returns the length of the maximal invalid
 * subpart (at least 1), as the Unicode standard recommends for replacement.
 * Returns 0 only when n == 0.
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* True when the n bytes at s are entirely valid UTF-8 (n == 0 is valid). */
bool utf8_valid(const char *s, size_t n);

/*
 * Number of code points in the n bytes at s. Invalid input counts one per
 * maximal invalid subpart, i.e. as many characters as a U+FFFD-replacing
 * decoder would produce.
 */
size_t utf8_chars(const char *s, size_t n);

/*
 * The largest length <= max_bytes (and <= n) at which s can be cut without
 * splitting a sequence (an invalid subpart counts as one unit).
 */
size_t utf8_cut(const char *s, size_t n, size_t max_bytes);

#endif
