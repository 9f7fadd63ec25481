/*
 * html.h — context-named escapers. The template engine uses html_escape for
 * every {{value}}; page code needs these only for attributes it builds itself
 * (which it should not) and for tests.
 */
#ifndef KR_HTML_H
#define KR_HTML_H

#include "util/strbuf.h"

#include <stddef.h>

/* Escape & < > " ' ` = for HTML text and quoted attribute values. */
void html_escape(strbuf *out, const char *s, size_t n);

/* Percent-encode for a URL query component (RFC 3986 unreserved kept). */
void url_encode(strbuf *out, const char *s, size_t n);

#endif
