/*
 * arena.h — per-request bump allocator.
 *
 * Every request owns one arena; everything the request allocates comes from it
 * and is released by a single arena_free() when the request completes. Long-lived
 * objects never live in an arena. Allocation failure aborts the process (there is
 * no sensible recovery from an out-of-memory condition inside a request).
 */
#ifndef KR_ARENA_H
#define KR_ARENA_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct arena arena;

/* Create an arena; never returns NULL. Free it with arena_free(). */
arena *arena_new(void);

/* Release every allocation of the arena and the arena itself. NULL is allowed. */
void arena_free(arena *a);

/* Allocate n zeroed bytes aligned for any type; never returns NULL. */
void *arena_alloc(arena *a, size_t n);
/* The same, not zeroed: for buffers the caller fills at once (strings, strbuf). */
void *arena_alloc_raw(arena *a, size_t n);

/* Copies owned by the arena. arena_strdup(a, NULL) returns NULL. */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);

/* printf into arena memory. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* prefix, sep and n in decimal ("casus", " ", 12: "casus 12"), a copy owned by the
 * arena: what arena_printf(a, "%s%s%lld", …) gives, without printf's machinery
 * (~10 times cheaper; a report row has one). */
char *arena_str_int(arena *a, const char *prefix, const char *sep, int64_t n);
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Make room for element n (0-based) of a growing list of elem-sized items and
 * return the (possibly moved) list; *cap is the capacity in elements. Old copies
 * stay in the arena until it is freed. The one way store files build lists. */
void *arena_grow(arena *a, void *list, size_t n, size_t *cap, size_t elem);

/* Total bytes handed out (for tests and limits). */
size_t arena_used(const arena *a);

#endif
