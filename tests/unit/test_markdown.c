/*
 * test_markdown.c — unit tests for the Markdown wrapper (view/markdown.c).
 *
 * Checks that raw HTML and dangerous links never survive, that ordinary
 * formatting works and that oversized input is cut at a character boundary.
 * Must never pass input through anything but markdown_render.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "view/markdown.h"

#include <stdlib.h>
#include <string.h>

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static const char *md(void **state, const char *text)
{
	tv *v = markdown_render(*state, text);
	assert_non_null(v);
	assert_int_equal(tv_kind_of(v), TV_HTML);
	return tv_text(v);
}

static void test_basic(void **state)
{
	const char *h = md(state, "# Kop\n\n*schuin* en **vet**, `code`\n\n- een\n- twee\n");
	assert_non_null(strstr(h, "<h1>Kop</h1>"));
	assert_non_null(strstr(h, "<em>schuin</em>"));
	assert_non_null(strstr(h, "<strong>vet</strong>"));
	assert_non_null(strstr(h, "<code>code</code>"));
	assert_non_null(strstr(h, "<li>een</li>"));
	/* Smart punctuation. */
	h = md(state, "\"quote\" -- dash");
	assert_non_null(strstr(h, "\xe2\x80\x9c" "quote" "\xe2\x80\x9d"));
	/* Text is escaped. */
	h = md(state, "a < b & c");
	assert_string_equal(h, "<p>a &lt; b &amp; c</p>\n");
	h = md(state, "[link](https://example.org/?a=1&b=2)");
	assert_string_equal(h, "<p><a href=\"https://example.org/?a=1&amp;b=2\">link</a></p>\n");
}

static void test_script_removed(void **state)
{
	const char *h = md(state, "hoi <script>alert(1)</script>\n\n<script>\nalert(2)\n</script>\n");
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "alert(2)"));
	h = md(state, "<img src=x onerror=alert(1)>");
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "onerror"));
	h = md(state, "<div onclick=\"x()\">*a*</div>");
	assert_null(strstr(h, "<div"));
}

static void test_javascript_link(void **state)
{
	const char *h = md(state, "[klik](javascript:alert(1))");
	assert_null(strstr(h, "javascript:"));
	assert_non_null(strstr(h, "href=\"\""));
	h = md(state, "[klik](JaVaScRiPt:alert(1)) [v](vbscript:x) [d](data:text/html,x)");
	assert_null(strstr(h, "alert"));
	assert_null(strstr(h, "vbscript:"));
	assert_null(strstr(h, "data:"));
	h = md(state, "<javascript:alert(1)>");
	assert_null(strstr(h, "href=\"javascript"));
	h = md(state, "[x](\"onmouseover=alert(1))");
	assert_null(strstr(h, "\" onmouseover"));
}

static void test_null_and_empty(void **state)
{
	assert_string_equal(md(state, NULL), "");
	assert_string_equal(md(state, ""), "");
}

static void test_oversized(void **state)
{
	/* "A" then "é" (2 bytes) repeated: byte MARKDOWN_MAX (even) is the
	 * second byte of an "é", so a plain cut would leave a dangling 0xC3. */
	size_t n = MARKDOWN_MAX + 101;
	char *big = malloc(n + 1);
	assert_non_null(big);
	assert_int_equal(MARKDOWN_MAX % 2, 0);
	big[0] = 'A';
	for (size_t i = 1; i + 1 < n; i += 2) {
		big[i] = '\xc3';
		big[i + 1] = '\xa9';
	}
	big[n - 1] = 'Z';
	big[n] = '\0';
	assert_true((unsigned char)big[MARKDOWN_MAX] == 0xa9);
	const char *h = md(state, big);
	free(big);
	assert_null(strstr(h, "Z"));
	assert_non_null(strstr(h, "\xc3\xa9</p>"));
	assert_null(strstr(h, "\xc3</p>"));
	/* cmark passes bytes through: the text is MARKDOWN_MAX - 1 bytes. */
	assert_int_equal(strlen(h), strlen("<p></p>\n") + MARKDOWN_MAX - 1);

	/* Exactly MARKDOWN_MAX bytes is kept whole. */
	big = malloc(MARKDOWN_MAX + 1);
	assert_non_null(big);
	memset(big, 'a', MARKDOWN_MAX);
	big[MARKDOWN_MAX - 1] = 'Z';
	big[MARKDOWN_MAX] = '\0';
	h = md(state, big);
	free(big);
	assert_non_null(strstr(h, "Z</p>"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_script_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_javascript_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_null_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oversized, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
