/*
 * system.c — public plumbing pages: health check, static files (ours and the
 * pinned NL Design System CSS, served unmodified from the binary), and the page
 * that shows the licences of what we ship.
 */
#include "pages/pages.h"

#include "server/config.h"
#include "server/respond.h"
#include "store/db.h"
#include "util/embedded.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void page_system_health(request *rq)
{
	sqlite3_stmt *st = db_stmt("SELECT 1");
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (ok)
		respond_bytes(rq, 200, "text/plain; charset=utf-8", "ok\n", 3);
	else
		respond_bytes(rq, 503, "text/plain; charset=utf-8", "database unavailable\n", 21);
}

static const char *mime_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	if (strcmp(dot, ".md") == 0 || strcmp(dot, ".txt") == 0)
		return "text/plain; charset=utf-8";
	return "application/octet-stream";
}

static char *theme_data;
static size_t theme_len;
static pthread_once_t theme_once = PTHREAD_ONCE_INIT;

static void load_theme(void)
{
	FILE *f = fopen(config.theme_css, "rb");
	if (!f) {
		fprintf(stderr, "ketenregie: cannot read theme %s; using the built-in theme\n", config.theme_css);
		return;
	}
	char *d = NULL;
	size_t len = 0, cap = 0;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n > cap) {
			cap = (len + n) * 2;
			char *bigger = realloc(d, cap);
			if (!bigger)
				abort();
			d = bigger;
		}
		memcpy(d + len, chunk, n);
		len += n;
	}
	fclose(f);
	theme_data = d;
	theme_len = len;
}

/* The theme a municipality chose (--theme-css), read once and kept for the life
 * of the process; NULL when none is set or it cannot be read. */
static const char *custom_theme(size_t *len)
{
	if (!config.theme_css)
		return NULL;
	pthread_once(&theme_once, load_theme);
	*len = theme_len;
	return theme_data;
}

static void serve_file(request *rq, const embedded_file *f, const char *name)
{
	rq->res.status = 200;
	rq->res.content_type = mime_type(name);
	rq->res.static_body = f->data;
	rq->res.static_len = f->len;
	rq->res.cache_forever = true;
}

void page_system_static(request *rq)
{
	const char *name = rq->path + strlen("/static/");
	const embedded_file *f = NULL;
	if (strcmp(name, "theme.css") == 0) {
		size_t len;
		const char *custom = custom_theme(&len);
		if (custom) {
			respond_bytes(rq, 200, "text/css; charset=utf-8", custom, len);
			rq->res.cache_forever = true;
			return;
		}
		f = embedded_find(&embedded_vendor, "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css");
	} else if (strncmp(name, "vendor/", 7) == 0) {
		f = embedded_find(&embedded_vendor, name + 7);
	} else {
		f = embedded_find(&embedded_static, name);
	}
	if (!f) {
		respond_error(rq, 404);
		return;
	}
	serve_file(rq, f, name);
}

void page_system_licences(request *rq)
{
	tv *ctx = page_ctx(rq, "Licenties");
	tv *list = tv_list(rq->a);
	for (size_t i = 0; i < embedded_vendor.count; i++) {
		const embedded_file *f = &embedded_vendor.files[i];
		if (!strstr(f->name, "/LICENSE"))
			continue;
		tv *item = tv_obj(rq->a);
		/* "@scope/name/LICENSE.md" → "@scope/name" */
		const char *slash = strstr(f->name, "/LICENSE");
		tv_set(item, "package", tv_str(rq->a, arena_strndup(rq->a, f->name, (size_t)(slash - f->name))));
		tv_set_str(item, "href", arena_printf(rq->a, "/static/vendor/%s", f->name));
		tv_push(list, item);
	}
	tv_set(ctx, "packages", list);
	respond_page(rq, 200, "licences", ctx);
}
