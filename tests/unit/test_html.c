/*
 * test_html.c — unit tests for the context escapers (view/html.c).
 *
 * Checks every special byte in both escapers and that safe text passes
 * unchanged. Must never depend on anything but view/html.h and the arena.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "view/html.h"

#include <string.h>

static const char *esc(arena *a, void (*fn)(strbuf *, const char *, size_t), const char *s, size_t n)
{
	strbuf sb;
	sb_init(&sb, a);
	fn(&sb, s, n);
	return sb.data;
}

static void test_html_escape(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *s = "&<>\"'`=";
	assert_string_equal(esc(a, html_escape, s, strlen(s)),
			    "&amp;&lt;&gt;&quot;&#39;&#96;&#61;");
	s = "<script>alert(\"x\")</script>";
	assert_string_equal(esc(a, html_escape, s, strlen(s)),
			    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
	s = "x\" onclick=alert(1) y='";
	assert_string_equal(esc(a, html_escape, s, strlen(s)),
			    "x&quot; onclick&#61;alert(1) y&#61;&#39;");
	s = "Gewoon tekst, met é en 日本 — en /slash\\";
	assert_string_equal(esc(a, html_escape, s, strlen(s)), s);
	assert_string_equal(esc(a, html_escape, "", 0), "");
	assert_string_equal(esc(a, html_escape, NULL, 0), "");
	/* Only n bytes are read. */
	assert_string_equal(esc(a, html_escape, "ab<cd", 3), "ab&lt;");
	/* Appends to what is already there. */
	strbuf sb;
	sb_init(&sb, a);
	sb_puts(&sb, "<p>");
	html_escape(&sb, "&", 1);
	assert_string_equal(sb.data, "<p>&amp;");
	/* No special byte survives, for every byte value. */
	char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (char)(i == 0 ? 1 : i);
	const char *out = esc(a, html_escape, all, sizeof all);
	for (const char *p = "<>\"'`="; *p; p++)
		assert_null(strchr(out, *p));
	/* A long input crosses strbuf growth. */
	char big[5000];
	memset(big, '<', sizeof big);
	out = esc(a, html_escape, big, sizeof big);
	assert_int_equal(strlen(out), 4 * sizeof big);
	arena_free(a);
}

/* The escaper against a byte-by-byte reference: every byte value alone, and
 * mixed runs appended to text already in the buffer, across its growth (the
 * escaper sizes its output first and writes it in one go). */
static const char *reference_entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '`': return "&#96;";
	case '=': return "&#61;";
	default: return NULL;
	}
}

static void reference_escape(strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *e = reference_entity((unsigned char)s[i]);
		if (e)
			sb_puts(out, e);
		else
			sb_putc(out, s[i]);
	}
}

static void test_html_escape_matches_reference(void **state)
{
	(void)state;
	arena *a = arena_new();
	for (int c = 1; c < 256; c++) {
		char one = (char)c;
		assert_string_equal(esc(a, html_escape, &one, 1), esc(a, reference_escape, &one, 1));
	}
	strbuf got, want;
	sb_init(&got, a);
	sb_init(&want, a);
	unsigned seed = 7;
	for (int round = 0; round < 400; round++) {
		char piece[97];
		size_t n = (size_t)(round % 97);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			piece[i] = "ab<>&\"'`= \xc3\xa9x"[(seed >> 16) % 13];
		}
		sb_puts(&got, "|");
		sb_puts(&want, "|");
		html_escape(&got, piece, n);
		reference_escape(&want, piece, n);
		assert_int_equal(got.len, want.len);
		assert_int_equal(strlen(got.data), got.len);
	}
	assert_memory_equal(got.data, want.data, want.len);
	arena_free(a);
}

static void test_url_encode(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *s = "AZaz09-._~";
	assert_string_equal(esc(a, url_encode, s, strlen(s)), s);
	s = "a b&c=d/e?f#g+h%";
	assert_string_equal(esc(a, url_encode, s, strlen(s)), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
	s = "é\"<>'";
	assert_string_equal(esc(a, url_encode, s, strlen(s)), "%C3%A9%22%3C%3E%27");
	assert_string_equal(esc(a, url_encode, "\x01\xff", 2), "%01%FF");
	assert_string_equal(esc(a, url_encode, "", 0), "");
	assert_string_equal(esc(a, url_encode, "ab cd", 3), "ab%20");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_html_escape_matches_reference),
		cmocka_unit_test(test_url_encode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
