/*
 * markdown.c — Markdown to HTML through cmark in safe mode (see markdown.h).
 *
 * The only file besides tmpl.c that may create TV_HTML values. It must never
 * pass CMARK_OPT_UNSAFE (raw HTML and javascript:/vbscript:/file:/data: links
 * must stay dropped) and never hand cmark more than MARKDOWN_MAX bytes.
 */
#include "view/markdown.h"
#include "view/tmpl_raw.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Safe mode became cmark's default (and CMARK_OPT_UNSAFE appeared) in 0.29. */
#if !defined(CMARK_VERSION) || CMARK_VERSION < 0x001d00
#error "cmark 0.29 or later is required (safe rendering by default)"
#endif

/* Length of md cut to at most MARKDOWN_MAX bytes, never inside a UTF-8 sequence. */
static size_t markdown_cut(const char *md)
{
	size_t n = strnlen(md, MARKDOWN_MAX + 1);
	if (n <= MARKDOWN_MAX)
		return n;
	n = MARKDOWN_MAX;
	/* md[n] is the first byte dropped; back off while it continues a sequence. */
	size_t k = 0;
	while (n > 0 && k < 3 && ((unsigned char)md[n] & 0xC0) == 0x80) {
		n--;
		k++;
	}
	return n;
}

tv *markdown_render(arena *a, const char *md)
{
	if (!md)
		return tv_html_trusted(a, "");
	size_t n = markdown_cut(md);
	char *html = cmark_markdown_to_html(md, n, CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
	if (!html) {
		fputs("ketenregie: out of memory\n", stderr);
		abort();
	}
	tv *v = tv_html_trusted(a, html);
	free(html);
	return v;
}
