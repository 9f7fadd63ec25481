/*
 * test_tmpl.c — unit tests for the template engine (view/tmpl.c).
 *
 * Covers escaping, lookups, sections, partials, raw output and syntax errors.
 * Must never include view/tmpl_raw.h: TV_HTML values come from markdown_render,
 * exactly as in real code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "view/markdown.h"
#include "view/tmpl.h"
#include "view/tmpl_value.h" /* the entries, to see which keys were copied */

#include <stdio.h>
#include <string.h>

typedef struct fixture {
	arena *a;
	tv *ctx;
} fixture;

static int setup(void **state)
{
	fixture *f = test_malloc(sizeof *f);
	f->a = arena_new();
	f->ctx = tv_obj(f->a);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	arena_free(f->a);
	test_free(f);
	return 0;
}

/* Load name/text pairs (NULL-terminated list); err receives the message. */
static tmpl_set *load_pairs(const char *const *pairs, char *err, size_t errlen)
{
	tmpl_source src[16];
	size_t n = 0;
	for (; pairs[2 * n]; n++) {
		assert_true(n < 16);
		src[n].name = pairs[2 * n];
		src[n].text = pairs[2 * n + 1];
		src[n].len = strlen(pairs[2 * n + 1]);
	}
	return tmpl_load(src, n, err, errlen);
}

/* Render a single template text against ctx; returns the output or NULL. */
static const char *render1(fixture *f, const char *text)
{
	const char *pairs[] = { "t", text, NULL };
	char err[256];
	tmpl_set *set = load_pairs(pairs, err, sizeof err);
	if (!set)
		fail_msg("load failed: %s", err);
	strbuf sb;
	sb_init(&sb, f->a);
	bool ok = tmpl_render(set, "t", f->ctx, &sb);
	tmpl_set_free(set);
	return ok ? sb.data : NULL;
}

/* Load a single template that must fail; returns the error message. */
static const char *load_err(fixture *f, const char *text)
{
	const char *pairs[] = { "page", text, NULL };
	char err[256] = "";
	tmpl_set *set = load_pairs(pairs, err, sizeof err);
	assert_null(set);
	return arena_strdup(f->a, err);
}

static void test_plain_text(void **state)
{
	fixture *f = *state;
	assert_string_equal(render1(f, "hallo wereld\n"), "hallo wereld\n");
	assert_string_equal(render1(f, ""), "");
	assert_string_equal(render1(f, "a { b } c }} d {"), "a { b } c }} d {");
}

static void test_var_escaped(void **state)
{
	fixture *f = *state;
	tv_set_str(f->ctx, "x", "<script>alert('x')</script>");
	tv_set_str(f->ctx, "q", "\" onmouseover=`a` & b");
	tv_set_int(f->ctx, "n", -42);
	assert_string_equal(render1(f, "<p>{{x}}</p>"),
			    "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
	assert_string_equal(render1(f, "<a title=\"{{q}}\">"),
			    "<a title=\"&quot; onmouseover&#61;&#96;a&#96; &amp; b\">");
	assert_string_equal(render1(f, "<a title='{{ q }}'>"),
			    "<a title='&quot; onmouseover&#61;&#96;a&#96; &amp; b'>");
	assert_string_equal(render1(f, "{{n}}"), "-42");
	assert_string_equal(render1(f, "[{{missing}}]"), "[]");
}

/* tv_put*: a literal key is kept as it is (not copied), replaces and is replaced
 * by tv_set* of the same key, and renders like a copied one, below and above
 * the size at which an object gets its hash index; tv_set still copies a key. */
static void test_static_keys(void **state)
{
	fixture *f = *state;
	static const char table_key[] = "from_table";
	tv_put_str(f->ctx, "s", "<b>");
	tv_put_int(f->ctx, "n", 7);
	tv_put_bool(f->ctx, "yes", true);
	tv_put(f->ctx, "l", tv_list(f->a));
	tv_set_static_key_bool(f->ctx, table_key, true);
	assert_string_equal(render1(f, "{{s}}{{n}}{{#yes}}Y{{/yes}}{{^l}}E{{/l}}{{#from_table}}T{{/from_table}}"),
	                    "&lt;b&gt;7YET");
	/* the same key set both ways: one entry, the later value wins */
	tv_set_str(f->ctx, "s", "copied");
	tv_put_str(f->ctx, "n", "literal");
	assert_string_equal(render1(f, "{{s}} {{n}}"), "copied literal");
	/* past the index: 20 keys, half of each kind, each found and replaced */
	tv *o = tv_obj(f->a);
	char key[16];
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof key, "k%d", i);
		tv_set_int(o, key, i);
	}
	memset(key, 'x', sizeof key - 1); /* tv_set copied every key it kept */
	tv_put_str(o, "a0", "A0");
	tv_put_str(o, "a1", "A1");
	tv_put_str(o, "a2", "A2");
	tv_put_str(o, "a3", "A3");
	tv_put_str(o, "a4", "A4");
	tv_put_str(o, "a5", "A5");
	tv_put_str(o, "a6", "A6");
	tv_put_str(o, "a7", "A7");
	tv_put_str(o, "a8", "A8");
	tv_put_str(o, "a9", "A9");
	tv_put_int(o, "k3", 33);
	tv_set_str(o, "a4", "B4");
	tv_put(f->ctx, "o", o);
	assert_string_equal(render1(f, "{{#o}}{{k0}}{{k3}}{{k9}}{{a0}}{{a4}}{{a9}}{{/o}}"), "0339A0B4A9");
	assert_string_equal(tv_text(tv_get(o, "k3")), "33");
	assert_string_equal(tv_text(tv_get(o, "a9")), "A9");
	assert_null(tv_get(o, "a10"));
	/* kept, not copied: the entry holds the caller's pointer; tv_set's holds a copy */
	assert_ptr_equal(obj_find_hashed(f->ctx, table_key, key_hash(table_key))->key, table_key);
	char stack_key[] = "from_stack";
	tv_set_bool(f->ctx, stack_key, true);
	assert_ptr_not_equal(obj_find_hashed(f->ctx, "from_stack", key_hash("from_stack"))->key, stack_key);
}

static void test_non_text_values(void **state)
{
	fixture *f = *state;
	tv_set_bool(f->ctx, "b", true);
	tv_set(f->ctx, "l", tv_list(f->a));
	tv_set(f->ctx, "o", tv_obj(f->a));
	assert_string_equal(render1(f, "[{{b}}{{l}}{{o}}{{{b}}}]"), "[]");
}

static void test_dotted(void **state)
{
	fixture *f = *state;
	tv *user = tv_obj(f->a);
	tv_set_str(user, "name", "Jan & Piet");
	tv *addr = tv_obj(f->a);
	tv_set_str(addr, "city", "Utrecht");
	tv_set(user, "addr", addr);
	tv_set(f->ctx, "user", user);
	tv_set_str(f->ctx, "city", "outer");
	assert_string_equal(render1(f, "{{user.name}}|{{user.addr.city}}"), "Jan &amp; Piet|Utrecht");
	/* Once the first part resolves, no fallback to outer contexts. */
	assert_string_equal(render1(f, "[{{user.city}}][{{user.name.x}}][{{nope.name}}]"), "[][][]");
	/* The first part resolves through the stack. */
	assert_string_equal(render1(f, "{{#user.addr}}{{user.name}}/{{city}}{{/user.addr}}"),
			    "Jan &amp; Piet/Utrecht");
}

static void test_replace_key(void **state)
{
	fixture *f = *state;
	tv_set_str(f->ctx, "k", "one");
	tv_set_str(f->ctx, "k", "two");
	assert_string_equal(render1(f, "{{k}}"), "two");
	assert_string_equal(tv_text(tv_get(f->ctx, "k")), "two");
	assert_null(tv_get(f->ctx, "nope"));
	assert_int_equal(tv_kind_of(tv_get(f->ctx, "k")), TV_STR);
}

static void test_section_list(void **state)
{
	fixture *f = *state;
	tv *items = tv_list(f->a);
	for (int i = 1; i <= 3; i++) {
		tv *o = tv_push(items, tv_obj(f->a));
		tv_set_int(o, "i", i);
	}
	tv_set(f->ctx, "items", items);
	tv_set_str(f->ctx, "sep", ",");
	assert_int_equal(tv_list_len(items), 3);
	assert_string_equal(render1(f, "{{#items}}{{i}}{{sep}}{{/items}}"), "1,2,3,");

	tv *names = tv_list(f->a);
	tv_push(names, tv_str(f->a, "<a>"));
	tv_push(names, tv_str(f->a, "b"));
	tv_set(f->ctx, "names", names);
	assert_string_equal(render1(f, "{{#names}}({{.}}){{/names}}"), "(&lt;a&gt;)(b)");

	/* Nested lists. */
	tv *rows = tv_list(f->a);
	for (int i = 0; i < 2; i++) {
		tv *row = tv_push(rows, tv_obj(f->a));
		tv *cells = tv_list(f->a);
		tv_push(cells, tv_int(f->a, i * 10 + 1));
		tv_push(cells, tv_int(f->a, i * 10 + 2));
		tv_set(row, "cells", cells);
	}
	tv_set(f->ctx, "rows", rows);
	assert_string_equal(render1(f, "{{#rows}}[{{#cells}}{{.}};{{/cells}}]{{/rows}}"), "[1;2;][11;12;]");
}

static void test_section_kinds(void **state)
{
	fixture *f = *state;
	tv_set_bool(f->ctx, "yes", true);
	tv_set_bool(f->ctx, "no", false);
	tv_set_str(f->ctx, "s", "tekst");
	tv_set_str(f->ctx, "empty", "");
	tv_set(f->ctx, "none", tv_list(f->a));
	tv *o = tv_obj(f->a);
	tv_set_str(o, "v", "inner");
	tv_set(f->ctx, "o", o);
	tv_set_str(f->ctx, "v", "outer");

	assert_string_equal(render1(f, "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}"), "Y");
	assert_string_equal(render1(f, "{{#s}}<{{.}}>{{/s}}{{#empty}}E{{/empty}}"), "<tekst>");
	assert_string_equal(render1(f, "{{#none}}L{{/none}}{{#missing}}M{{/missing}}"), "");
	assert_string_equal(render1(f, "{{v}} {{#o}}{{v}}{{/o}} {{v}}"), "outer inner outer");
	/* An empty object is still truthy. */
	tv_set(f->ctx, "eo", tv_obj(f->a));
	assert_string_equal(render1(f, "{{#eo}}{{v}}{{/eo}}"), "outer");
}

static void test_inverted(void **state)
{
	fixture *f = *state;
	tv_set_bool(f->ctx, "yes", true);
	tv_set_bool(f->ctx, "no", false);
	tv_set_str(f->ctx, "s", "x");
	tv_set_str(f->ctx, "empty", "");
	tv_set(f->ctx, "none", tv_list(f->a));
	tv *one = tv_list(f->a);
	tv_push(one, tv_str(f->a, "a"));
	tv_set(f->ctx, "one", one);
	tv_set(f->ctx, "o", tv_obj(f->a));

	assert_string_equal(render1(f, "{{^missing}}1{{/missing}}{{^no}}2{{/no}}{{^empty}}3{{/empty}}"
				       "{{^none}}4{{/none}}"),
			    "1234");
	assert_string_equal(render1(f, "{{^yes}}1{{/yes}}{{^s}}2{{/s}}{{^one}}3{{/one}}{{^o}}4{{/o}}"), "");
	assert_string_equal(render1(f, "{{#none}}rij{{/none}}{{^none}}Geen rijen.{{/none}}"), "Geen rijen.");
}

static void test_comments(void **state)
{
	fixture *f = *state;
	tv_set_str(f->ctx, "x", "X");
	assert_string_equal(render1(f, "a{{! een opmerking }}b{{!\nmeer\nregels}}c{{x}}"), "abcX");
}

static void test_standalone(void **state)
{
	fixture *f = *state;
	tv *items = tv_list(f->a);
	tv_push(items, tv_str(f->a, "a"));
	tv_push(items, tv_str(f->a, "b"));
	tv_set(f->ctx, "items", items);
	assert_string_equal(render1(f, "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n"),
			    "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
	assert_string_equal(render1(f, "a\n{{! c }}\nb\n"), "a\nb\n");
	assert_string_equal(render1(f, "a\r\n  {{^items}}\r\nx\r\n{{/items}}\r\nb"), "a\r\nb");
	/* Not standalone: other content on the line. */
	assert_string_equal(render1(f, "x {{#items}}{{.}}{{/items}} y\n"), "x ab y\n");
	assert_string_equal(render1(f, "{{#items}}{{.}}{{/items}}\n"), "ab\n");
}

static void test_partials(void **state)
{
	fixture *f = *state;
	tv *items = tv_list(f->a);
	tv_set_str(tv_push(items, tv_obj(f->a)), "name", "<een>");
	tv_set_str(tv_push(items, tv_obj(f->a)), "name", "twee");
	tv_set(f->ctx, "items", items);
	tv_set_str(f->ctx, "title", "Lijst");

	const char *pairs[] = {
		"page", "<h1>{{title}}</h1>\n{{#items}}\n{{> partials/item}}\n{{/items}}\n{{>footer}}",
		"partials/item", "<li>{{name}} ({{title}})</li>\n",
		"footer", "<footer>{{title}}</footer>",
		NULL,
	};
	char err[256];
	tmpl_set *set = load_pairs(pairs, err, sizeof err);
	assert_non_null(set);
	assert_true(tmpl_exists(set, "page"));
	assert_true(tmpl_exists(set, "partials/item"));
	assert_false(tmpl_exists(set, "partials"));
	strbuf sb;
	sb_init(&sb, f->a);
	assert_true(tmpl_render(set, "page", f->ctx, &sb));
	assert_string_equal(sb.data, "<h1>Lijst</h1>\n<li>&lt;een&gt; (Lijst)</li>\n"
				     "<li>twee (Lijst)</li>\n<footer>Lijst</footer>");
	tmpl_set_free(set);
}

static void test_partial_missing(void **state)
{
	fixture *f = *state;
	const char *pairs[] = {
		"page", "voor{{#flag}}{{> ontbreekt}}{{/flag}}na",
		NULL,
	};
	tmpl_set *set = load_pairs(pairs, NULL, 0);
	assert_non_null(set);
	strbuf sb;
	sb_init(&sb, f->a);
	sb_puts(&sb, "prefix:");
	/* Never reached: renders fine. */
	assert_true(tmpl_render(set, "page", f->ctx, &sb));
	assert_string_equal(sb.data, "prefix:voorna");
	/* Reached: fails and appends nothing. */
	tv_set_bool(f->ctx, "flag", true);
	assert_false(tmpl_render(set, "page", f->ctx, &sb));
	assert_string_equal(sb.data, "prefix:voorna");
	assert_int_equal(sb.len, strlen("prefix:voorna"));
	tmpl_set_free(set);
}

static void test_partial_recursion(void **state)
{
	fixture *f = *state;
	/* A tree rendered through a recursive partial, within the limit. */
	tv *root = tv_obj(f->a);
	tv *node = root;
	for (int i = 0; i < 5; i++) {
		tv_set_int(node, "id", i);
		tv *kids = tv_list(f->a);
		tv_set(node, "kids", kids);
		node = tv_push(kids, tv_obj(f->a));
	}
	tv_set_int(node, "id", 5);
	/* A leaf needs its own empty list, or {{#kids}} finds its parent's. */
	tv_set(node, "kids", tv_list(f->a));
	tv_set(f->ctx, "root", root);
	const char *pairs[] = {
		"tree", "{{#root}}{{> node}}{{/root}}",
		"node", "({{id}}{{#kids}}{{> node}}{{/kids}})",
		"loop", "x{{> loop}}",
		"deep16", "{{> d1}}",
		"deep17", "{{> deep16}}",
		NULL,
	};
	/* deep16 includes d1 .. d16: exactly 16 nested partials. */
	tmpl_source src[24];
	char names[17][16], texts[17][32];
	size_t n = 0;
	for (; pairs[2 * n]; n++) {
		src[n].name = pairs[2 * n];
		src[n].text = pairs[2 * n + 1];
		src[n].len = strlen(src[n].text);
	}
	for (int i = 1; i <= 16; i++) {
		snprintf(names[i], sizeof names[i], "d%d", i);
		if (i < 16)
			snprintf(texts[i], sizeof texts[i], "{{> d%d}}", i + 1);
		else
			snprintf(texts[i], sizeof texts[i], "bodem");
		src[n].name = names[i];
		src[n].text = texts[i];
		src[n].len = strlen(texts[i]);
		n++;
	}
	char err[256];
	tmpl_set *set = tmpl_load(src, n, err, sizeof err);
	if (!set)
		fail_msg("%s", err);

	strbuf sb;
	sb_init(&sb, f->a);
	assert_true(tmpl_render(set, "tree", f->ctx, &sb));
	assert_string_equal(sb.data, "(0(1(2(3(4(5))))))");

	sb_init(&sb, f->a);
	assert_true(tmpl_render(set, "deep16", f->ctx, &sb));
	assert_string_equal(sb.data, "bodem");
	sb_init(&sb, f->a);
	assert_false(tmpl_render(set, "deep17", f->ctx, &sb));
	assert_string_equal(sb.data, "");

	sb_init(&sb, f->a);
	sb_puts(&sb, "ok");
	assert_false(tmpl_render(set, "loop", f->ctx, &sb));
	assert_string_equal(sb.data, "ok");

	/* A deeper tree exceeds the partial limit. */
	for (int i = 6; i < 20; i++) {
		tv *kids = tv_list(f->a);
		tv_set(node, "kids", kids);
		node = tv_push(kids, tv_obj(f->a));
		tv_set_int(node, "id", i);
		tv_set(node, "kids", tv_list(f->a));
	}
	sb_init(&sb, f->a);
	assert_false(tmpl_render(set, "tree", f->ctx, &sb));
	assert_string_equal(sb.data, "");
	tmpl_set_free(set);
}

static void test_raw_only_html(void **state)
{
	fixture *f = *state;
	tv_set_str(f->ctx, "s", "<b>vet</b>");
	tv_set(f->ctx, "h", markdown_render(f->a, "**vet**"));
	tv_set(f->ctx, "md", markdown_render(f->a, "*nadruk* <script>x</script>"));
	assert_string_equal(render1(f, "{{{s}}}"), "&lt;b&gt;vet&lt;/b&gt;");
	assert_string_equal(render1(f, "{{{ h }}}"), "<p><strong>vet</strong></p>\n");
	/* {{h}} escapes even HTML values. */
	assert_string_equal(render1(f, "{{h}}"), "&lt;p&gt;&lt;strong&gt;vet&lt;/strong&gt;&lt;/p&gt;\n");
	/* An HTML value is a non-empty text for sections. */
	assert_string_equal(render1(f, "{{#h}}ja{{/h}}{{^h}}nee{{/h}}"), "ja");
	const char *md = render1(f, "{{{md}}}");
	assert_non_null(strstr(md, "<em>nadruk</em>"));
	assert_null(strstr(md, "<script"));
	assert_int_equal(tv_kind_of(tv_get(f->ctx, "md")), TV_HTML);
	/* {{&x}} is not a way around it. */
	assert_null(tmpl_load(&(tmpl_source){ "t", "{{&s}}", 6 }, 1, NULL, 0));
}

static void test_syntax_errors(void **state)
{
	fixture *f = *state;
	assert_string_equal(load_err(f, "a\nb {{x\n"), "page:2: unclosed tag");
	assert_string_equal(load_err(f, "{{{x}}"), "page:1: unclosed tag");
	assert_string_equal(load_err(f, "x\n\n{{#a}}\n{{/b}}"),
			    "page:4: mismatched section close: expected {{/a}}, got {{/b}}");
	assert_string_equal(load_err(f, "ok\n{{/a}}"), "page:2: section close {{/a}} without open");
	assert_string_equal(load_err(f, "{{#a}}\n{{#b}}\n{{/b}}\n"), "page:1: unclosed section 'a'");
	assert_string_equal(load_err(f, "\n\n{{ }}"), "page:3: empty name");
	assert_string_equal(load_err(f, "{{#}}{{/}}"), "page:1: empty name");
	assert_string_equal(load_err(f, "{{>}}"), "page:1: empty name");
	assert_string_equal(load_err(f, "\n{{a b}}"), "page:2: bad character in name");
	assert_string_equal(load_err(f, "{{a<b}}"), "page:1: bad character in name");
	assert_string_equal(load_err(f, "{{a..b}}"), "page:1: empty part in name 'a..b'");
	assert_string_equal(load_err(f, "{{.a}}"), "page:1: empty part in name '.a'");
	assert_string_equal(load_err(f, "{{> a b}}"), "page:1: bad character in partial name");
	assert_string_equal(load_err(f, "{{=<% %>=}}"), "page:1: unsupported tag '{{='");
	assert_string_equal(load_err(f, "{{! nooit dicht"), "page:1: unclosed tag");
	assert_string_equal(load_err(f, "{{"), "page:1: unclosed tag");
	assert_string_equal(load_err(f, "abc{{"), "page:1: unclosed tag");

	char deep[512] = "";
	for (int i = 0; i < 33; i++)
		strncat(deep, "{{#a}}", sizeof deep - strlen(deep) - 1);
	assert_string_equal(load_err(f, deep), "page:1: sections nested too deeply");

	/* The failing template is named, even if an earlier one was fine. */
	const char *pairs[] = { "goed", "{{x}}", "fout", "\n{{#x}}", NULL };
	char err[256];
	assert_null(load_pairs(pairs, err, sizeof err));
	assert_string_equal(err, "fout:2: unclosed section 'x'");

	const char *dups[] = { "a", "1", "b", "2", "a", "3", NULL };
	assert_null(load_pairs(dups, err, sizeof err));
	assert_string_equal(err, "a:1: duplicate template name");

	/* A tiny error buffer is truncated, not overrun. */
	char small[6];
	assert_null(load_pairs((const char *[]){ "page", "{{", NULL }, small, sizeof small));
	assert_string_equal(small, "page:");
}

static void test_missing_template(void **state)
{
	fixture *f = *state;
	const char *pairs[] = { "a", "A", NULL };
	tmpl_set *set = load_pairs(pairs, NULL, 0);
	assert_non_null(set);
	strbuf sb;
	sb_init(&sb, f->a);
	assert_false(tmpl_render(set, "b", f->ctx, &sb));
	assert_false(tmpl_exists(set, "b"));
	assert_int_equal(sb.len, 0);
	assert_true(tmpl_render(set, "a", NULL, &sb));
	assert_string_equal(sb.data, "A");
	tmpl_set_free(set);

	set = tmpl_load(NULL, 0, NULL, 0);
	assert_non_null(set);
	assert_false(tmpl_exists(set, "a"));
	assert_false(tmpl_render(set, "a", f->ctx, &sb));
	tmpl_set_free(set);
	tmpl_set_free(NULL);
}

static void test_not_nul_terminated(void **state)
{
	fixture *f = *state;
	const char text[] = { 'h', 'i', ' ', '{', '{', 'x', '}', '}', '!', '{', '{' };
	tmpl_source src = { "t", text, 9 }; /* the trailing "{{" is not part of it */
	tmpl_set *set = tmpl_load(&src, 1, NULL, 0);
	assert_non_null(set);
	tv_set_str(f->ctx, "x", "jij");
	strbuf sb;
	sb_init(&sb, f->a);
	assert_true(tmpl_render(set, "t", f->ctx, &sb));
	assert_string_equal(sb.data, "hi jij!");
	tmpl_set_free(set);
}

/* Text, escaped and raw values appended after what the buffer held, across many
 * growths of the buffer: the engine writes pieces without a NUL after each and
 * terminates the output once at the end (also after a failed render). */
static void test_output_across_growth(void **state)
{
	fixture *f = *state;
	tv *items = tv_list(f->a);
	for (int i = 0; i < 300; i++) {
		tv *o = tv_obj(f->a);
		tv_set_int(o, "n", i);
		tv_set_str(o, "s", "a<b>&\"c\"");
		tv_push(items, o);
	}
	tv_set(f->ctx, "l", items);
	tv_set(f->ctx, "h", markdown_render(f->a, "*x*"));
	const char *pairs[] = { "t", "{{#l}}<li id=\"{{n}}\">{{s}}{{{h}}}</li>\n{{/l}}", NULL };
	tmpl_set *set = load_pairs(pairs, NULL, 0);
	assert_non_null(set);
	strbuf sb, want;
	sb_init(&sb, f->a);
	sb_init(&want, f->a);
	sb_puts(&sb, "<ul>");
	sb_puts(&want, "<ul>");
	for (int i = 0; i < 300; i++)
		sb_printf(&want, "<li id=\"%d\">a&lt;b&gt;&amp;&quot;c&quot;%s</li>\n", i, tv_text(tv_get(f->ctx, "h")));
	assert_true(tmpl_render(set, "t", f->ctx, &sb));
	assert_int_equal(sb.len, want.len);
	assert_string_equal(sb.data, want.data);
	assert_false(tmpl_render_limited(set, "t", f->ctx, &sb, 10, 1 << 20));
	assert_int_equal(sb.len, want.len); /* a failed render leaves what was there, terminated */
	assert_string_equal(sb.data, want.data);
	tmpl_set_free(set);
}

static void test_limits(void **state)
{
	fixture *f = *state;
	tv *items = tv_list(f->a);
	for (int i = 0; i < 10; i++)
		tv_push(items, tv_int(f->a, i));
	tv_set(f->ctx, "l", items);
	const char *pairs[] = { "t", "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}.{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}", NULL };
	tmpl_set *set = load_pairs(pairs, NULL, 0);
	assert_non_null(set);
	strbuf sb;
	sb_init(&sb, f->a);
	assert_false(tmpl_render_limited(set, "t", f->ctx, &sb, 1000, 1 << 20));
	assert_int_equal(sb.len, 0);
	assert_false(tmpl_render_limited(set, "t", f->ctx, &sb, 1 << 24, 1000));
	assert_int_equal(sb.len, 0);
	assert_true(tmpl_render(set, "t", f->ctx, &sb));
	assert_int_equal(sb.len, 1000000);
	tmpl_set_free(set);

	/* Context stack deeper than 32 fails. */
	tv *o = tv_obj(f->a);
	tv_set(o, "o", o); /* a cycle: each section pushes the same object again */
	tv_set(f->ctx, "o", o);
	char deep[1024] = "", tail[1024] = "";
	for (int i = 0; i < 32; i++) {
		strncat(deep, "{{#o}}", sizeof deep - strlen(deep) - 1);
		strncat(tail, "{{/o}}", sizeof tail - strlen(tail) - 1);
	}
	strncat(deep, "x", sizeof deep - strlen(deep) - 1);
	strncat(deep, tail, sizeof deep - strlen(deep) - 1);
	assert_null(render1(f, deep));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plain_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_var_escaped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_non_text_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dotted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_section_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_section_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inverted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_standalone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_recursion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_only_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_template, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_nul_terminated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_across_growth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_static_keys, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
