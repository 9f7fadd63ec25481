/*
 * tmpl_value.h — PRIVATE to the template engine (tmpl.c, tmpl_value.c): the
 * representation of template values and the keyed lookup rendering uses.
 */
#ifndef KR_TMPL_VALUE_H
#define KR_TMPL_VALUE_H

#include "view/tmpl.h"

#include <stdint.h>

typedef struct tv_ent {
	const char *key; /* NULL for list items */
	uint32_t hash;   /* key_hash(key): a lookup compares it before the key */
	tv *val;
	struct tv_ent *next;
} tv_ent;

struct tv {
	tv_kind kind;
	bool b;          /* TV_BOOL */
	const char *s;   /* TV_STR, TV_HTML: NUL-terminated, never NULL */
	size_t len;      /* strlen(s), or number of entries of a list/object */
	arena *a;        /* TV_LIST, TV_OBJ: where entries are allocated */
	tv_ent *head, *tail;
	tv_ent **index;  /* TV_OBJ with INDEX_FROM entries or more: open addressing by hash */
	size_t index_cap; /* a power of two, at least twice len */
};

enum { INDEX_FROM = 8 };

/* A TV_STR or TV_HTML value holding a copy of s (NULL becomes ""). */
tv *tv_text_new(arena *a, tv_kind kind, const char *s);
/* The hash every key is stored and looked up with. */
uint32_t key_hash(const char *key);
/* The entry of obj named key (whose key_hash is hash), or NULL. */
tv_ent *obj_find_hashed(const tv *obj, const char *key, uint32_t hash);

#endif
