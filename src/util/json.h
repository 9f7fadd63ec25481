/*
 * json.h — a small JSON writer (RFC 8259) into an arena strbuf, for exports.
 *
 * The caller writes the structure (objects, arrays, commas) through these
 * functions; json_str() escapes every string correctly: quote, backslash and
 * every control character, plus <, >, & and U+2028/U+2029 so that the text is
 * also safe inside HTML. Invalid UTF-8 becomes U+FFFD, so the output is always
 * valid JSON. Never writes a value unescaped.
 */
#ifndef KR_JSON_H
#define KR_JSON_H

#include "util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct json_writer {
	strbuf *sb;
	int depth;
	bool need_comma[32]; /* per open level: a value was already written */
} json_writer;

void json_begin(json_writer *w, strbuf *sb);
void json_object_open(json_writer *w);
void json_object_close(json_writer *w);
void json_array_open(json_writer *w);
void json_array_close(json_writer *w);
/* The key of the next value inside an object. */
void json_key(json_writer *w, const char *key);
void json_str(json_writer *w, const char *s); /* NULL writes null */
void json_int(json_writer *w, int64_t v);
void json_double(json_writer *w, double v); /* non-finite values write null */
void json_bool(json_writer *w, bool v);
void json_null(json_writer *w);

/* Append s as a JSON string literal (with quotes) to sb. */
void json_escape(strbuf *sb, const char *s);

#endif
