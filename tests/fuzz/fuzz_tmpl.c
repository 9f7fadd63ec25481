/*
 * fuzz_tmpl.c — libFuzzer target for the template engine.
 *
 * Loads the input as template "fuzz" next to a fixed partial that includes it
 * again (so the partial depth limit is exercised) and renders it against a
 * fixed context holding hostile strings. Checks that a template without '<'
 * can never produce "<script" from values. Must never leak: everything is
 * freed each run.
 */
#include "view/markdown.h"
#include "view/tmpl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char partial[] =
	"{{#items}}[{{name}}|{{{name}}}|{{.}}]{{/items}}"
	"{{^empty}}leeg{{/empty}}{{#obj}}{{obj.x}}{{> fuzz}}{{/obj}}";

static tv *context(arena *a)
{
	tv *ctx = tv_obj(a);
	tv_set_str(ctx, "s", "<script>alert('x')</script>");
	tv_set_str(ctx, "q", "\"'`=&");
	tv_set_str(ctx, "empty", "");
	tv_set_int(ctx, "n", 42);
	tv_set_bool(ctx, "yes", true);
	tv_set_bool(ctx, "no", false);
	tv_set(ctx, "md", markdown_render(a, "*nadruk* <script>x</script> [a](javascript:x)"));
	tv *items = tv_list(a);
	for (int i = 0; i < 3; i++) {
		tv *it = tv_push(items, tv_obj(a));
		tv_set_str(it, "name", i == 1 ? "<script>" : "x");
		tv_set_int(it, "i", i);
	}
	tv_push(items, tv_str(a, "<script>"));
	tv_set(ctx, "items", items);
	tv_set(ctx, "none", tv_list(a));
	tv *obj = tv_obj(a);
	tv_set_str(obj, "x", "<script>");
	tv_set(obj, "self", obj);
	tv_set(ctx, "obj", obj);
	return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tmpl_source src[2] = {
		{ "fuzz", (const char *)data, size },
		{ "p", partial, sizeof partial - 1 },
	};
	char err[256];
	tmpl_set *set = tmpl_load(src, 2, err, sizeof err);
	if (!set) {
		if (strncmp(err, "fuzz:", 5) != 0)
			abort();
		return 0;
	}
	if (!tmpl_exists(set, "fuzz") || !tmpl_exists(set, "p"))
		abort();
	arena *a = arena_new();
	strbuf out;
	sb_init(&out, a);
	bool ok = tmpl_render_limited(set, "fuzz", context(a), &out, 100000, 1 << 20);
	if (!ok && out.len != 0)
		abort();
	if (ok && !memchr(data, '<', size) && strstr(out.data, "<script"))
		abort();
	strbuf out2;
	sb_init(&out2, a);
	(void)tmpl_render_limited(set, "p", context(a), &out2, 100000, 1 << 20);
	arena_free(a);
	tmpl_set_free(set);
	return 0;
}
