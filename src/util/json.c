/*
 * json.c — the JSON writer (see json.h). Tracks only whether a comma is due at
 * each open level; nesting deeper than the writer's limit is a programming error
 * (assert), never a silently broken document.
 */
#include "util/json.h"

#include "util/utf8.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void json_escape(strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	sb_putc(sb, '"');
	size_t n = strlen(s), i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			uint32_t cp;
			size_t len = utf8_decode(s + i, n - i, &cp);
			bool invalid = cp == 0xFFFD && !(len == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0);
			if (invalid) {
				sb_puts(sb, "\\ufffd");
				i += len;
			} else if (cp == 0x2028 || cp == 0x2029) {
				sb_puts(sb, cp == 0x2028 ? "\\u2028" : "\\u2029");
				i += len;
			} else {
				sb_append(sb, s + i, len);
				i += len;
			}
			continue;
		}
		switch (c) {
		case '"': sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		case '\n': sb_puts(sb, "\\n"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		case '\b': sb_puts(sb, "\\b"); break;
		case '\f': sb_puts(sb, "\\f"); break;
		default:
			if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7f) {
				char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
				sb_puts(sb, u);
			} else {
				sb_putc(sb, (char)c);
			}
		}
		i++;
	}
	sb_putc(sb, '"');
}

void json_begin(json_writer *w, strbuf *sb)
{
	memset(w, 0, sizeof *w);
	w->sb = sb;
}

/* Before a value (or a key): the comma that separates it from the previous one. */
static void before_value(json_writer *w)
{
	if (w->need_comma[w->depth])
		sb_putc(w->sb, ',');
	w->need_comma[w->depth] = true;
}

static void open_level(json_writer *w, char c)
{
	before_value(w);
	sb_putc(w->sb, c);
	assert(w->depth + 1 < (int)(sizeof w->need_comma / sizeof w->need_comma[0]));
	w->depth++;
	w->need_comma[w->depth] = false;
}

static void close_level(json_writer *w, char c)
{
	assert(w->depth > 0);
	w->depth--;
	sb_putc(w->sb, c);
}

void json_object_open(json_writer *w) { open_level(w, '{'); }
void json_object_close(json_writer *w) { close_level(w, '}'); }
void json_array_open(json_writer *w) { open_level(w, '['); }
void json_array_close(json_writer *w) { close_level(w, ']'); }

void json_key(json_writer *w, const char *key)
{
	before_value(w);
	json_escape(w->sb, key);
	sb_putc(w->sb, ':');
	w->need_comma[w->depth] = false; /* the value follows without a comma */
}

void json_str(json_writer *w, const char *s)
{
	before_value(w);
	if (s)
		json_escape(w->sb, s);
	else
		sb_puts(w->sb, "null");
}

void json_int(json_writer *w, int64_t v)
{
	before_value(w);
	sb_printf(w->sb, "%lld", (long long)v);
}

void json_double(json_writer *w, double v)
{
	before_value(w);
	if (isfinite(v))
		sb_printf(w->sb, "%.17g", v);
	else
		sb_puts(w->sb, "null");
}

void json_bool(json_writer *w, bool v)
{
	before_value(w);
	sb_puts(w->sb, v ? "true" : "false");
}

void json_null(json_writer *w)
{
	before_value(w);
	sb_puts(w->sb, "null");
}
