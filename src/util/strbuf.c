/*
 * strbuf.c — arena-backed growable buffer (see strbuf.h). Growth doubles the
 * capacity; old storage stays in the arena until the request ends.
 */
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sb_init(strbuf *sb, arena *a)
{
	sb->a = a;
	sb->cap = 256;
	sb->len = 0;
	sb->data = arena_alloc_raw(a, sb->cap);
	sb->data[0] = '\0';
}

void sb_reserve(strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	char *d = arena_alloc_raw(sb->a, cap);
	memcpy(d, sb->data, sb->len + 1);
	sb->data = d;
	sb->cap = cap;
}

void sb_append(strbuf *sb, const char *s, size_t n)
{
	sb_reserve(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void sb_puts(strbuf *sb, const char *s)
{
	sb_append(sb, s, strlen(s));
}

void sb_putc(strbuf *sb, char c)
{
	sb_append(sb, &c, 1);
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char probe[1];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(probe, sizeof probe, fmt, ap2);
	va_end(ap2);
	if (n > 0) {
		sb_reserve(sb, (size_t)n);
		vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
		sb->len += (size_t)n;
	}
	va_end(ap);
}
