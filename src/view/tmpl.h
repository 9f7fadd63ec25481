/*
 * tmpl.h — the template engine: a Mustache-like subset that escapes by default.
 *
 * Syntax (templates live in templates/<name>.html and are embedded at build time):
 *   {{name}}         value of name, HTML-escaped (safe in text and in quoted attributes)
 *   {{a.b}}          dotted lookup; {{.}} is the current item of a list
 *   {{#name}}..{{/name}}  section: rendered once if name is a true bool / non-empty
 *                    string / object; once per item if a non-empty list (the item is
 *                    pushed on the context stack)
 *   {{^name}}..{{/name}}  inverted section: rendered when name is missing, false, "",
 *                    or an empty list
 *   {{> partial}}    include another template by name (file name without .html)
 *   {{! comment }}   nothing
 *   {{{name}}}       raw output — ONLY for values of kind TV_HTML (made by the
 *                    Markdown renderer in view/markdown.c). Any other kind is escaped
 *                    as if written {{name}}. There is no other way to emit raw text.
 * Names are looked up from the innermost context outwards.
 *
 * Values are a small tree of tv (template value) nodes allocated in the request
 * arena. Building them never fails (allocation failure aborts).
 */
#ifndef KR_TMPL_H
#define KR_TMPL_H

#include "util/arena.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum { TV_STR, TV_BOOL, TV_LIST, TV_OBJ, TV_HTML } tv_kind;

typedef struct tv tv;

tv *tv_obj(arena *a);
tv *tv_list(arena *a);
tv *tv_str(arena *a, const char *s);   /* copies s; NULL becomes "" */
tv *tv_bool(arena *a, bool b);
tv *tv_int(arena *a, int64_t n);       /* a TV_STR holding the decimal text */

/* Object setters; a later set of the same key replaces the earlier one. Return obj. */
tv *tv_set(tv *obj, const char *key, tv *val);
tv *tv_set_str(tv *obj, const char *key, const char *s);
tv *tv_set_int(tv *obj, const char *key, int64_t n);
tv *tv_set_bool(tv *obj, const char *key, bool b);
/* The same setters for a key that is a string literal: the key is not copied,
 * where tv_set copies it into the arena (a page sets a few hundred keys). Only a
 * string literal compiles as key ("" key ""); the value is treated as by tv_set*. */
#define tv_put(obj, key, val) tv_set_static_key((obj), "" key "", (val))
#define tv_put_str(obj, key, s) tv_set_static_key_str((obj), "" key "", (s))
#define tv_put_int(obj, key, n) tv_set_static_key_int((obj), "" key "", (n))
#define tv_put_bool(obj, key, b) tv_set_static_key_bool((obj), "" key "", (b))
/* What the tv_put macros call; also for a key from a static table. The key must
 * outlive obj (static storage): it is kept, not copied. Return obj. */
tv *tv_set_static_key(tv *obj, const char *key, tv *val);
tv *tv_set_static_key_str(tv *obj, const char *key, const char *s);
tv *tv_set_static_key_int(tv *obj, const char *key, int64_t n);
tv *tv_set_static_key_bool(tv *obj, const char *key, bool b);
/* Append to a list; returns val. */
tv *tv_push(tv *list, tv *val);
/* Lookup a direct key of an object (no dots); NULL when absent. */
tv *tv_get(const tv *obj, const char *key);
tv_kind tv_kind_of(const tv *v);
const char *tv_text(const tv *v); /* text of TV_STR/TV_HTML, "" otherwise */
size_t tv_list_len(const tv *v);

/* A parsed set of templates. Loaded once at start-up, read-only afterwards and
 * therefore safe to share between threads. */
typedef struct tmpl_set tmpl_set;

/* Parse templates from (name, text) pairs; text need not be NUL-terminated.
 * On a syntax error returns NULL and writes "name:line: message" into err. */
typedef struct tmpl_source {
	const char *name;
	const char *text;
	size_t len;
} tmpl_source;
tmpl_set *tmpl_load(const tmpl_source *sources, size_t n, char *err, size_t errlen);
void tmpl_set_free(tmpl_set *set);
bool tmpl_exists(const tmpl_set *set, const char *name);

/* Render template `name` with context ctx, appending to out. Returns false (and
 * appends nothing more) if the template does not exist or partials nest deeper
 * than 16 levels. */
bool tmpl_render(const tmpl_set *set, const char *name, const tv *ctx, strbuf *out);

/* Like tmpl_render, but also fails (appending nothing) once it has visited more
 * than max_steps template nodes or appended more than max_out bytes, or when
 * sections push contexts deeper than 32. tmpl_render uses the limits below; a
 * smaller budget is for fuzzing and tests. */
#define TMPL_STEPS_MAX ((size_t)1 << 24)
#define TMPL_OUT_MAX ((size_t)64 << 20)
bool tmpl_render_limited(const tmpl_set *set, const char *name, const tv *ctx, strbuf *out,
			 size_t max_steps, size_t max_out);

#endif
