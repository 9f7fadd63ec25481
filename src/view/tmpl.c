/*
 * tmpl.c — the template engine (see tmpl.h for the syntax).
 *
 * tmpl_load parses every template once into a flat node array per set: a
 * section node is followed by its children and records the index one past
 * them, so rendering is a walk over index ranges with no parsing. All text and
 * names live in one string pool; names are stored pre-split at their dots.
 * Partials are resolved to template indices at load; a partial that names no
 * template fails the render only when it is reached. {{name}} of a bool, list
 * or object renders nothing; only TV_STR and TV_HTML have text.
 *
 * Rendering keeps its context stack on the C stack, so a loaded tmpl_set is
 * read-only and may be shared by threads. This file must never emit the text of
 * a value unescaped unless the value is of kind TV_HTML and written {{{name}}},
 * and must never hold static mutable state.
 */
#include "view/tmpl.h"
#include "view/html.h"
#include "view/tmpl_raw.h"
#include "view/tmpl_value.h"

#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tv_html_trusted lives here (tmpl_raw.h: only the engine makes raw HTML). */
tv *tv_html_trusted(arena *a, const char *html) { return tv_text_new(a, TV_HTML, html); }

/* ---- parsed templates ------------------------------------------------ */

enum {
	NESTING_MAX = 32,        /* open sections within one template */
	NAME_MAX_LEN = 128,      /* bytes in a tag name */
	PARTIAL_DEPTH_MAX = 16,  /* nested partial inclusions while rendering */
	CTX_MAX = 32,            /* context stack depth while rendering */
};
#define POOL_MAX ((size_t)1 << 30)
#define NO_TMPL UINT32_MAX

typedef enum { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL } node_type;

typedef struct node {
	uint8_t type;
	uint8_t nseg;     /* N_VAR/N_RAW/N_SECTION/N_INVERTED: name segments, 0 = "." */
	uint32_t off;     /* pool offset: text, first name segment, or partial name */
	uint32_t len;     /* N_TEXT: bytes of text */
	uint32_t end;     /* N_SECTION/N_INVERTED: index one past the last child */
	uint32_t partial; /* N_PARTIAL: template index, NO_TMPL when missing */
	uint32_t hash;    /* N_VAR/N_RAW/N_SECTION/N_INVERTED: key_hash of the first segment */
} node;

typedef struct tmpl {
	const char *name; /* into the pool, set once the pool is final */
	uint32_t name_off;
	uint32_t first, end; /* node range */
	const char *src_name; /* caller's name, valid only during tmpl_load */
} tmpl;

struct tmpl_set {
	char *pool;
	size_t pool_len, pool_cap;
	node *nodes;
	size_t nnodes, nodes_cap;
	tmpl *tmpls;
	size_t ntmpls;
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);
	if (!q) {
		fputs("ketenregie: out of memory\n", stderr);
		abort();
	}
	return q;
}

void tmpl_set_free(tmpl_set *set)
{
	if (!set)
		return;
	free(set->pool);
	free(set->nodes);
	free(set->tmpls);
	free(set);
}

/* ---- parser ---------------------------------------------------------- */

typedef struct parser {
	tmpl_set *set;
	const char *name;
	const char *src;
	size_t len;
	size_t pos;          /* start of text not yet emitted */
	bool can_merge;      /* last node is a text node that may be extended */
	size_t nopen;
	uint32_t open[NESTING_MAX];      /* node index of each open section */
	size_t open_at[NESTING_MAX];     /* source offset of its tag */
	const char *open_name[NESTING_MAX];
	size_t open_len[NESTING_MAX];
	char *err;
	size_t errlen;
} parser;

static size_t line_of(const char *src, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		if (src[i] == '\n')
			line++;
	return line;
}

__attribute__((format(printf, 4, 5)))
static void set_err(char *err, size_t errlen, const char *where, const char *fmt, ...)
{
	if (!err || errlen == 0)
		return;
	int n = snprintf(err, errlen, "%s", where);
	if (n < 0 || (size_t)n >= errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Record a syntax error at source offset `at`; always returns false. */
__attribute__((format(printf, 3, 4)))
static bool perr(parser *p, size_t at, const char *fmt, ...)
{
	if (!p->err || p->errlen == 0)
		return false;
	int n = snprintf(p->err, p->errlen, "%s:%zu: ", p->name, line_of(p->src, at));
	if (n < 0 || (size_t)n >= p->errlen)
		return false;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

/* Append n bytes (plus a NUL when nul) to the pool; offset in *off. */
static bool pool_add(parser *p, const char *s, size_t n, bool nul, uint32_t *off)
{
	tmpl_set *set = p->set;
	size_t need = n + (nul ? 1 : 0);
	if (need > POOL_MAX - set->pool_len)
		return perr(p, 0, "templates too large");
	if (set->pool_len + need > set->pool_cap) {
		size_t cap = set->pool_cap ? set->pool_cap : 4096;
		while (cap < set->pool_len + need)
			cap *= 2;
		set->pool = xrealloc(set->pool, cap);
		set->pool_cap = cap;
	}
	*off = (uint32_t)set->pool_len;
	if (n)
		memcpy(set->pool + set->pool_len, s, n);
	set->pool_len += n;
	if (nul)
		set->pool[set->pool_len++] = '\0';
	return true;
}

static node *node_add(parser *p, node_type type)
{
	tmpl_set *set = p->set;
	if (set->nnodes == set->nodes_cap) {
		size_t cap = set->nodes_cap ? set->nodes_cap * 2 : 256;
		set->nodes = xrealloc(set->nodes, cap * sizeof *set->nodes);
		set->nodes_cap = cap;
	}
	node *nd = &set->nodes[set->nnodes++];
	memset(nd, 0, sizeof *nd);
	nd->type = (uint8_t)type;
	nd->partial = NO_TMPL;
	p->can_merge = false;
	return nd;
}

static bool emit_text(parser *p, size_t from, size_t to)
{
	if (to <= from)
		return true;
	uint32_t off;
	if (!pool_add(p, p->src + from, to - from, false, &off))
		return false;
	if (p->can_merge) {
		node *last = &p->set->nodes[p->set->nnodes - 1];
		assert(last->type == N_TEXT && last->off + last->len == off);
		last->len += (uint32_t)(to - from);
		return true;
	}
	node *nd = node_add(p, N_TEXT);
	nd->off = off;
	nd->len = (uint32_t)(to - from);
	p->can_merge = true;
	return true;
}

static bool name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Check a variable/section name; count its dot-separated segments. */
static bool check_name(parser *p, size_t at, const char *s, size_t n, uint8_t *nseg)
{
	if (n == 0)
		return perr(p, at, "empty name");
	if (n > NAME_MAX_LEN)
		return perr(p, at, "name too long");
	if (n == 1 && s[0] == '.') {
		*nseg = 0;
		return true;
	}
	unsigned segs = 1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (i == 0 || i + 1 == n || s[i + 1] == '.')
				return perr(p, at, "empty part in name '%.*s'", (int)n, s);
			segs++;
		} else if (!name_char((unsigned char)s[i])) {
			return perr(p, at, "bad character in name");
		}
	}
	*nseg = (uint8_t)segs;
	return true;
}

static bool check_partial_name(parser *p, size_t at, const char *s, size_t n)
{
	if (n == 0)
		return perr(p, at, "empty name");
	if (n > NAME_MAX_LEN)
		return perr(p, at, "name too long");
	for (size_t i = 0; i < n; i++)
		if (!name_char((unsigned char)s[i]) && s[i] != '.' && s[i] != '/')
			return perr(p, at, "bad character in partial name");
	return true;
}

/* Store a checked name in the pool as NUL-terminated segments. */
static bool pool_add_name(parser *p, const char *s, size_t n, uint8_t nseg, uint32_t *off)
{
	if (nseg == 0)
		return pool_add(p, "", 0, true, off);
	if (!pool_add(p, s, n, true, off))
		return false;
	char *d = p->set->pool + *off;
	for (size_t i = 0; i < n; i++)
		if (d[i] == '.')
			d[i] = '\0';
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Offset of the next "{{" at or after from, or len. */
static size_t find_open(const char *s, size_t from, size_t len)
{
	while (from + 1 < len) {
		const char *q = memchr(s + from, '{', len - from - 1);
		if (!q)
			break;
		size_t i = (size_t)(q - s);
		if (s[i + 1] == '{')
			return i;
		from = i + 1;
	}
	return len;
}

/* Offset of delimiter d (length dn) at or after from, or len. */
static size_t find_close(const char *s, size_t from, size_t len, const char *d, size_t dn)
{
	if (len < dn)
		return len;
	for (size_t i = from; i + dn <= len; i++) {
		const char *q = memchr(s + i, d[0], len - dn + 1 - i);
		if (!q)
			break;
		i = (size_t)(q - s);
		if (memcmp(s + i, d, dn) == 0)
			return i;
	}
	return len;
}

/* Parse one template into the set; fills t->first and t->end. */
static bool parse(parser *p, tmpl *t)
{
	const char *src = p->src;
	size_t len = p->len;
	t->first = (uint32_t)p->set->nnodes;
	p->pos = 0;
	p->nopen = 0;
	p->can_merge = false;

	size_t scan = 0;
	for (;;) {
		size_t tag = find_open(src, scan, len);
		if (tag == len)
			break;
		char sigil = tag + 2 < len ? src[tag + 2] : '\0';
		const char *close = "}}";
		size_t cstart = tag + 3;
		switch (sigil) {
		case '{': close = "}}}"; break;
		case '#': case '^': case '/': case '>': case '!': break;
		case '&': case '=':
			return perr(p, tag, "unsupported tag '{{%c'", sigil);
		default: sigil = '\0'; cstart = tag + 2; break;
		}
		size_t cn = strlen(close);
		size_t cend = cstart <= len ? find_close(src, cstart, len, close, cn) : len;
		if (cend == len)
			return perr(p, tag, "unclosed tag");
		size_t tag_end = cend + cn;

		const char *name = src + cstart;
		size_t nlen = cend - cstart;
		while (nlen && (is_blank(*name) || *name == '\n' || *name == '\r')) {
			name++;
			nlen--;
		}
		while (nlen && (is_blank(name[nlen - 1]) || name[nlen - 1] == '\n' || name[nlen - 1] == '\r'))
			nlen--;

		uint8_t nseg = 0;
		if (sigil == '>') {
			if (!check_partial_name(p, tag, name, nlen))
				return false;
		} else if (sigil != '!') {
			if (!check_name(p, tag, name, nlen, &nseg))
				return false;
		}

		/* Standalone rule: a line holding only this tag and blanks vanishes. */
		size_t text_end = tag, next = tag_end;
		if (sigil && sigil != '{') {
			size_t ls = tag;
			while (ls > p->pos && is_blank(src[ls - 1]))
				ls--;
			size_t e = tag_end;
			while (e < len && is_blank(src[e]))
				e++;
			bool at_bol = ls == 0 || src[ls - 1] == '\n';
			bool at_eol = e == len || src[e] == '\n' ||
				      (src[e] == '\r' && e + 1 < len && src[e + 1] == '\n');
			if (at_bol && at_eol) {
				/* A partial keeps its indentation for its first line. */
				text_end = sigil == '>' ? tag : ls;
				next = e == len ? len : e + (src[e] == '\r' ? 2 : 1);
			}
		}
		if (!emit_text(p, p->pos, text_end))
			return false;
		p->pos = next;
		scan = next;

		switch (sigil) {
		case '!':
			break;
		case '/': {
			if (p->nopen == 0)
				return perr(p, tag, "section close {{/%.*s}} without open", (int)nlen, name);
			size_t k = p->nopen - 1;
			if (p->open_len[k] != nlen || memcmp(p->open_name[k], name, nlen) != 0)
				return perr(p, tag, "mismatched section close: expected {{/%.*s}}, got {{/%.*s}}",
					    (int)p->open_len[k], p->open_name[k], (int)nlen, name);
			p->set->nodes[p->open[k]].end = (uint32_t)p->set->nnodes;
			p->nopen--;
			p->can_merge = false;
			break;
		}
		case '>': {
			uint32_t off;
			if (!pool_add(p, name, nlen, true, &off))
				return false;
			node *nd = node_add(p, N_PARTIAL);
			nd->off = off;
			break;
		}
		default: {
			uint32_t off;
			if ((sigil == '#' || sigil == '^') && p->nopen == NESTING_MAX)
				return perr(p, tag, "sections nested too deeply");
			if (!pool_add_name(p, name, nlen, nseg, &off))
				return false;
			node_type type = sigil == '#' ? N_SECTION : sigil == '^' ? N_INVERTED :
					 sigil == '{' ? N_RAW : N_VAR;
			node *nd = node_add(p, type);
			nd->off = off;
			nd->nseg = nseg;
			nd->hash = nseg ? key_hash(p->set->pool + off) : 0; /* hashed once, not per render */
			if (type == N_SECTION || type == N_INVERTED) {
				p->open[p->nopen] = (uint32_t)(p->set->nnodes - 1);
				p->open_at[p->nopen] = tag;
				p->open_name[p->nopen] = name;
				p->open_len[p->nopen] = nlen;
				p->nopen++;
			}
			break;
		}
		}
		if (p->set->nnodes >= UINT32_MAX / 2)
			return perr(p, tag, "templates too large");
	}
	if (p->nopen > 0) {
		size_t k = p->nopen - 1;
		return perr(p, p->open_at[k], "unclosed section '%.*s'",
			    (int)p->open_len[k], p->open_name[k]);
	}
	if (!emit_text(p, p->pos, len))
		return false;
	t->end = (uint32_t)p->set->nnodes;
	return true;
}

static int tmpl_cmp(const void *a, const void *b)
{
	return strcmp(((const tmpl *)a)->name, ((const tmpl *)b)->name);
}

static const tmpl *tmpl_find(const tmpl_set *set, const char *name)
{
	size_t lo = 0, hi = set->ntmpls;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, set->tmpls[mid].name);
		if (c == 0)
			return &set->tmpls[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

tmpl_set *tmpl_load(const tmpl_source *sources, size_t n, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	tmpl_set *set = xrealloc(NULL, sizeof *set);
	memset(set, 0, sizeof *set);
	set->tmpls = xrealloc(NULL, (n ? n : 1) * sizeof *set->tmpls);
	set->ntmpls = n;

	parser p = { .set = set, .err = err, .errlen = errlen };
	for (size_t i = 0; i < n; i++) {
		const tmpl_source *s = &sources[i];
		const char *name = s->name ? s->name : "";
		tmpl *t = &set->tmpls[i];
		t->src_name = name;
		p.name = name;
		p.src = s->text ? s->text : "";
		p.len = s->text ? s->len : 0;
		if (name[0] == '\0' || strlen(name) > NAME_MAX_LEN) {
			set_err(err, errlen, name, ":1: bad template name");
			goto fail;
		}
		if (!pool_add(&p, name, strlen(name), true, &t->name_off) || !parse(&p, t))
			goto fail;
	}
	/* The pool is final: names can now be pointers. */
	for (size_t i = 0; i < n; i++)
		set->tmpls[i].name = set->pool + set->tmpls[i].name_off;
	if (n > 1)
		qsort(set->tmpls, n, sizeof *set->tmpls, tmpl_cmp);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(set->tmpls[i - 1].name, set->tmpls[i].name) == 0) {
			set_err(err, errlen, set->tmpls[i].src_name, ":1: duplicate template name");
			goto fail;
		}
	}
	for (size_t i = 0; i < n; i++)
		set->tmpls[i].src_name = NULL;
	for (size_t i = 0; i < set->nnodes; i++) {
		node *nd = &set->nodes[i];
		if (nd->type != N_PARTIAL)
			continue;
		const tmpl *t = tmpl_find(set, set->pool + nd->off);
		nd->partial = t ? (uint32_t)(t - set->tmpls) : NO_TMPL;
	}
	return set;
fail:
	tmpl_set_free(set);
	return NULL;
}

bool tmpl_exists(const tmpl_set *set, const char *name)
{
	return set && name && tmpl_find(set, name) != NULL;
}

/* ---- rendering ------------------------------------------------------- */

typedef struct render {
	const tmpl_set *set;
	strbuf *out;
	size_t start;       /* out->len when rendering began */
	size_t steps_left;
	size_t max_out;
	unsigned partials;  /* current partial nesting */
	size_t depth;
	const tv *stack[CTX_MAX];
} render;

/* Resolve a stored name: first segment innermost-out, the rest by descent. */
static const tv *lookup(const render *r, const node *nd)
{
	if (nd->nseg == 0)
		return r->depth ? r->stack[r->depth - 1] : NULL;
	const char *seg = r->set->pool + nd->off;
	const tv *v = NULL;
	uint32_t hash = nd->hash;
	for (size_t i = r->depth; i-- > 0;) {
		const tv *c = r->stack[i];
		if (c->kind != TV_OBJ)
			continue;
		tv_ent *e = obj_find_hashed(c, seg, hash);
		if (e) {
			v = e->val;
			break;
		}
	}
	for (unsigned k = 1; v && k < nd->nseg; k++) {
		seg += strlen(seg) + 1;
		v = tv_get(v, seg);
	}
	return v;
}

static bool push(render *r, const tv *v)
{
	if (r->depth == CTX_MAX)
		return false;
	r->stack[r->depth++] = v;
	return true;
}

static bool render_range(render *r, uint32_t i, uint32_t end);

/* Append n bytes; the buffer grows through sb_reserve only when full. The NUL
 * that strbuf promises is written by sb_reserve/html_escape and at the end of
 * tmpl_render_limited, not after every piece. */
static inline void emit(render *r, const char *s, size_t n)
{
	strbuf *out = r->out;
	if (out->len + n + 1 > out->cap)
		sb_reserve(out, n);
	memcpy(out->data + out->len, s, n);
	out->len += n;
}

/* Render children [first, end) once with v pushed (or nothing pushed if NULL). */
static bool render_with(render *r, const tv *v, uint32_t first, uint32_t end)
{
	if (!v)
		return render_range(r, first, end);
	if (!push(r, v))
		return false;
	bool ok = render_range(r, first, end);
	r->depth--;
	return ok;
}

static bool render_range(render *r, uint32_t i, uint32_t end)
{
	const tmpl_set *set = r->set;
	while (i < end) {
		if (r->steps_left == 0 || r->out->len - r->start > r->max_out)
			return false;
		r->steps_left--;
		const node *nd = &set->nodes[i];
		switch ((node_type)nd->type) {
		case N_TEXT:
			emit(r, set->pool + nd->off, nd->len);
			i++;
			break;
		case N_VAR:
		case N_RAW: {
			const tv *v = lookup(r, nd);
			if (v && v->kind == TV_HTML && nd->type == N_RAW)
				emit(r, v->s, v->len);
			else if (v && (v->kind == TV_STR || v->kind == TV_HTML))
				html_escape(r->out, v->s, v->len);
			i++;
			break;
		}
		case N_SECTION: {
			const tv *v = lookup(r, nd);
			bool ok = true;
			if (!v)
				ok = true;
			else if (v->kind == TV_BOOL)
				ok = !v->b || render_with(r, NULL, i + 1, nd->end);
			else if (v->kind == TV_LIST)
				for (const tv_ent *e = v->head; ok && e; e = e->next)
					ok = render_with(r, e->val, i + 1, nd->end);
			else if (v->kind == TV_OBJ || v->len > 0)
				ok = render_with(r, v, i + 1, nd->end);
			if (!ok)
				return false;
			i = nd->end;
			break;
		}
		case N_INVERTED: {
			const tv *v = lookup(r, nd);
			bool falsy = !v || (v->kind == TV_BOOL && !v->b) ||
				     ((v->kind == TV_STR || v->kind == TV_HTML || v->kind == TV_LIST) &&
				      v->len == 0);
			if (falsy && !render_range(r, i + 1, nd->end))
				return false;
			i = nd->end;
			break;
		}
		case N_PARTIAL: {
			if (nd->partial == NO_TMPL || r->partials == PARTIAL_DEPTH_MAX)
				return false;
			const tmpl *t = &set->tmpls[nd->partial];
			r->partials++;
			bool ok = render_range(r, t->first, t->end);
			r->partials--;
			if (!ok)
				return false;
			i++;
			break;
		}
		}
	}
	return true;
}

bool tmpl_render_limited(const tmpl_set *set, const char *name, const tv *ctx, strbuf *out,
			 size_t max_steps, size_t max_out)
{
	assert(out && out->data);
	const tmpl *t = set && name ? tmpl_find(set, name) : NULL;
	if (!t)
		return false;
	render r = {
		.set = set,
		.out = out,
		.start = out->len,
		.steps_left = max_steps,
		.max_out = max_out,
	};
	if (ctx)
		r.stack[r.depth++] = ctx;
	bool ok = render_range(&r, t->first, t->end) && out->len - r.start <= max_out;
	if (!ok)
		out->len = r.start;
	out->data[out->len] = '\0';
	return ok;
}

bool tmpl_render(const tmpl_set *set, const char *name, const tv *ctx, strbuf *out)
{
	return tmpl_render_limited(set, name, ctx, out, TMPL_STEPS_MAX, TMPL_OUT_MAX);
}
