/*
 * arena.c — per-request bump allocator (see arena.h).
 *
 * Memory comes in blocks chained in a list; small allocations bump a pointer in
 * the current block, large ones get a block of their own. Nothing is freed
 * individually. Must never return NULL: allocation failure aborts.
 */
#include "util/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 16 * 1024, ARENA_ALIGN = 16 };

typedef struct block {
	struct block *next;
	size_t size; /* usable bytes in data */
	size_t used;
	_Alignas(16) unsigned char data[];
} block;

struct arena {
	block *head;
	size_t total;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fputs("ketenregie: out of memory\n", stderr);
		abort();
	}
	return p;
}

static block *block_new(size_t size)
{
	block *b = xmalloc(sizeof(block) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

arena *arena_new(void)
{
	arena *a = xmalloc(sizeof *a);
	a->head = block_new(ARENA_BLOCK);
	a->total = 0;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	block *b = a->head;
	while (b) {
		block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

/* n bytes, not zeroed (arena_alloc_raw and arena_alloc share this). */
static void *alloc_raw(arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ARENA_ALIGN) {
		fputs("ketenregie: allocation too large\n", stderr);
		abort();
	}
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	block *b = a->head;
	if (b->size - b->used < need) {
		if (need > ARENA_BLOCK / 4) {
			/* Large allocation: own block, kept behind the current one. */
			block *big = block_new(need);
			big->used = need;
			big->next = b->next;
			b->next = big;
			a->total += need;
			return big->data;
		}
		b = block_new(ARENA_BLOCK);
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->total += need;
	return p;
}

void *arena_alloc(arena *a, size_t n)
{
	void *p = alloc_raw(a, n);
	memset(p, 0, n ? n : 1);
	return p;
}

void *arena_alloc_raw(arena *a, size_t n)
{
	return alloc_raw(a, n);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *d = arena_alloc_raw(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	char probe[1];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(probe, sizeof probe, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	char *d = arena_alloc(a, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *arena_str_int(arena *a, const char *prefix, const char *sep, int64_t n)
{
	char digits[24];
	char *p = digits + sizeof digits;
	uint64_t u = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		*--p = '-';
	size_t nd = (size_t)(digits + sizeof digits - p), np = strlen(prefix), ns = strlen(sep);
	char *out = arena_alloc_raw(a, np + ns + nd + 1);
	memcpy(out, prefix, np);
	memcpy(out + np, sep, ns);
	memcpy(out + np + ns, p, nd);
	out[np + ns + nd] = '\0';
	return out;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *d = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

void *arena_grow(arena *a, void *list, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return list;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *bigger = arena_alloc(a, ncap * elem);
	if (n)
		memcpy(bigger, list, n * elem);
	*cap = ncap;
	return bigger;
}

size_t arena_used(const arena *a)
{
	return a->total;
}
