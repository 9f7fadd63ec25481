/*
 * tmpl_value.c — template values (see tmpl.h): strings, bools, lists and
 * objects built by page code in the request's arena. Object keys carry a hash
 * and an object of INDEX_FROM keys or more keeps an open-addressing index, so
 * that rendering and tv_set find a key without walking every entry.
 */
#include "view/tmpl_value.h"

#include <assert.h>
#include <inttypes.h>
#include <string.h>

/* Fixed-size nodes are initialised by assignment, not by arena_alloc's memset
 * call: a page makes about a thousand of them. */
static tv *tv_new(arena *a, tv_kind kind)
{
	tv *v = arena_alloc_raw(a, sizeof *v);
	*v = (tv){.kind = kind, .a = a};
	return v;
}

tv *tv_text_new(arena *a, tv_kind kind, const char *s)
{
	tv *v = tv_new(a, kind);
	if (!s)
		s = "";
	v->len = strlen(s);
	v->s = arena_strndup(a, s, v->len);
	return v;
}

tv *tv_obj(arena *a) { return tv_new(a, TV_OBJ); }
tv *tv_list(arena *a) { return tv_new(a, TV_LIST); }
tv *tv_str(arena *a, const char *s) { return tv_text_new(a, TV_STR, s); }

/* The two booleans, shared: a TV_BOOL is never changed once made (only objects
 * and lists take entries), and a page sets a few hundred of them. */
static tv tv_true = {.kind = TV_BOOL, .b = true, .s = ""};
static tv tv_false = {.kind = TV_BOOL, .b = false, .s = ""};

tv *tv_bool(arena *a, bool b)
{
	(void)a;
	return b ? &tv_true : &tv_false;
}

tv *tv_int(arena *a, int64_t n)
{
	tv *v = tv_new(a, TV_STR);
	v->s = arena_str_int(a, "", "", n);
	v->len = strlen(v->s);
	return v;
}

/* FNV-1a: a page's context holds a few hundred keys, and rendering looks
 * names up through every enclosing object; comparing hashes first keeps those
 * walks from calling strcmp on every key. */
uint32_t key_hash(const char *key)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static void index_put(tv_ent **index, size_t cap, tv_ent *e)
{
	size_t i = e->hash & (cap - 1);
	while (index[i])
		i = (i + 1) & (cap - 1);
	index[i] = e;
}

/* (Re)build obj's index with room for twice its entries (arena memory). */
static void index_build(tv *obj)
{
	size_t cap = 16;
	while (cap < 2 * (obj->len + 1))
		cap *= 2;
	obj->index = arena_alloc(obj->a, cap * sizeof *obj->index);
	obj->index_cap = cap;
	for (tv_ent *e = obj->head; e; e = e->next)
		index_put(obj->index, cap, e);
}

tv_ent *obj_find_hashed(const tv *obj, const char *key, uint32_t hash)
{
	if (obj->index) {
		for (size_t i = hash & (obj->index_cap - 1); obj->index[i]; i = (i + 1) & (obj->index_cap - 1)) {
			tv_ent *e = obj->index[i];
			if (e->hash == hash && strcmp(e->key, key) == 0)
				return e;
		}
		return NULL;
	}
	for (tv_ent *e = obj->head; e; e = e->next)
		if (e->hash == hash && strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static tv_ent *obj_find(const tv *obj, const char *key)
{
	return obj_find_hashed(obj, key, key_hash(key));
}

static void ent_append(tv *c, const char *key, uint32_t hash, tv *val)
{
	tv_ent *e = arena_alloc_raw(c->a, sizeof *e);
	*e = (tv_ent){.key = key, .hash = hash, .val = val};
	if (c->tail)
		c->tail->next = e;
	else
		c->head = e;
	c->tail = e;
	c->len++;
	if (key && c->index && 2 * (c->len + 1) <= c->index_cap)
		index_put(c->index, c->index_cap, e);
	else if (key && c->len >= INDEX_FROM)
		index_build(c);
}

tv *tv_set(tv *obj, const char *key, tv *val)
{
	assert(obj && obj->kind == TV_OBJ && key && val);
	uint32_t hash = key_hash(key);
	tv_ent *e = obj_find_hashed(obj, key, hash);
	if (e)
		e->val = val;
	else
		ent_append(obj, arena_strdup(obj->a, key), hash, val);
	return obj;
}

tv *tv_set_static_key(tv *obj, const char *key, tv *val)
{
	assert(obj && obj->kind == TV_OBJ && key && val);
	uint32_t hash = key_hash(key);
	tv_ent *e = obj_find_hashed(obj, key, hash);
	if (e)
		e->val = val;
	else
		ent_append(obj, key, hash, val);
	return obj;
}

tv *tv_set_static_key_str(tv *obj, const char *key, const char *s)
{
	return tv_set_static_key(obj, key, tv_str(obj->a, s));
}

tv *tv_set_static_key_int(tv *obj, const char *key, int64_t n)
{
	return tv_set_static_key(obj, key, tv_int(obj->a, n));
}

tv *tv_set_static_key_bool(tv *obj, const char *key, bool b)
{
	return tv_set_static_key(obj, key, tv_bool(obj->a, b));
}

tv *tv_set_str(tv *obj, const char *key, const char *s)
{
	return tv_set(obj, key, tv_str(obj->a, s));
}

tv *tv_set_int(tv *obj, const char *key, int64_t n)
{
	return tv_set(obj, key, tv_int(obj->a, n));
}

tv *tv_set_bool(tv *obj, const char *key, bool b)
{
	return tv_set(obj, key, tv_bool(obj->a, b));
}

tv *tv_push(tv *list, tv *val)
{
	assert(list && list->kind == TV_LIST && val);
	ent_append(list, NULL, 0, val);
	return val;
}

tv *tv_get(const tv *obj, const char *key)
{
	if (!obj || obj->kind != TV_OBJ || !key)
		return NULL;
	tv_ent *e = obj_find(obj, key);
	return e ? e->val : NULL;
}

tv_kind tv_kind_of(const tv *v)
{
	assert(v);
	return v->kind;
}

const char *tv_text(const tv *v)
{
	if (v && (v->kind == TV_STR || v->kind == TV_HTML))
		return v->s;
	return "";
}

size_t tv_list_len(const tv *v)
{
	return v && v->kind == TV_LIST ? v->len : 0;
}
