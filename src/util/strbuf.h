/*
 * strbuf.h — growable byte buffer whose memory belongs to an arena.
 *
 * Used to build response bodies, CSV and SQL-free text. The buffer is always
 * NUL-terminated so that sb.data can be used as a C string.
 */
#ifndef KR_STRBUF_H
#define KR_STRBUF_H

#include "util/arena.h"

#include <stddef.h>

typedef struct strbuf {
	arena *a;
	char *data;
	size_t len;
	size_t cap;
} strbuf;

void sb_init(strbuf *sb, arena *a);
/* Make room for extra more bytes (one allocation for a body of known size). */
void sb_reserve(strbuf *sb, size_t extra);
void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
