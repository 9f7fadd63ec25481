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

/* Replacement for each byte that html_escape must not emit as-is; NULL when
 * the byte is safe. */
static const char *html_entity(unsigned char c)
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

void html_escape(strbuf *out, const char *s, size_t n)
{
	size_t run = 0; /* start of the pending run of safe bytes */
	for (size_t i = 0; i < n; i++) {
		const char *ent = html_entity((unsigned char)s[i]);
		if (!ent)
			continue;
		if (i > run)
			sb_append(out, s + run, i - run);
		sb_puts(out, ent);
		run = i + 1;
	}
	if (n > run)
		sb_append(out, s + run, n - run);
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
