/*
 * html.c — context-named escapers (see html.h).
 *
 * html_escape makes any byte string safe inside HTML text and inside quoted
 * attribute values; url_encode makes it safe as one URL query component.
 * Neither may ever pass a byte through that is special in its context, and
 * neither allocates anything except through the caller's strbuf.
 */
#include "view/html.h"

#include <stdbool.h>
#include <string.h>

/* Replacement for each byte that html_escape must not emit as-is; NULL (and
 * length 0) when the byte is safe. Indexed by the byte, so a value is scanned
 * with one load per byte. */
static const char *const entity[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
	['\''] = "&#39;", ['`'] = "&#96;", ['='] = "&#61;",
};
static const unsigned char entity_len[256] = {
	['&'] = 5, ['<'] = 4, ['>'] = 4, ['"'] = 6, ['\''] = 5, ['`'] = 5, ['='] = 5,
};

void html_escape(strbuf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	/* first the length of the escaped text, so that the buffer grows at most once
	 * and the bytes are written without a call per run */
	size_t grow = 0;
	for (size_t i = 0; i < n; i++)
		grow += entity_len[u[i]];
	sb_reserve(out, n + grow);
	char *w = out->data + out->len;
	if (grow == 0) {
		if (n)
			memcpy(w, s, n);
		w += n;
	} else {
		for (size_t i = 0; i < n; i++) {
			unsigned char c = u[i];
			if (!entity_len[c]) {
				*w++ = (char)c;
				continue;
			}
			memcpy(w, entity[c], entity_len[c]);
			w += entity_len[c];
		}
	}
	*w = '\0';
	out->len = (size_t)(w - out->data);
}

static bool url_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

void url_encode(strbuf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (url_unreserved(c))
			continue;
		if (i > run)
			sb_append(out, s + run, i - run);
		char esc[3] = { '%', hex[c >> 4], hex[c & 0xF] };
		sb_append(out, esc, sizeof esc);
		run = i + 1;
	}
	if (n > run)
		sb_append(out, s + run, n - run);
}
