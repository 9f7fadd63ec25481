/*
 * respond.c — page rendering inside the layout, redirects, error pages, CSV
 * (see respond.h). All text reaches the page through the template engine, which
 * escapes it; nothing here writes user input into HTML by hand.
 */
#include "server/respond.h"

#include "store/roles.h"
#include "server/config.h"
#include "server/flash.h"
#include "server/router.h"
#include "view/views.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct nav_item {
	const char *href;
	const char *label;
} nav_item;

/* Shown to a user only when the route table admits one of the user's roles. */
static const nav_item nav_items[] = {
	{"/", "Mijn werk"},
	{"/overdrachten", "Overdrachten"},
	{"/casussen", "Casussen"},
	{"/cijfers", "Procescijfers"},
	{"/leertafel", "Leertafel"},
	{"/beheer", "Beheer"},
	{"/privacy", "Privacy"},
};

enum { NAV_COUNT = sizeof nav_items / sizeof nav_items[0] };

/* Which roles the route table admits to each navigation item: asked of the
 * router once (the table is constant), not on every page (a route-table walk
 * per item and page). nav_public[i]: the item's route is public. */
static unsigned nav_roles[NAV_COUNT];
static bool nav_public[NAV_COUNT];
static pthread_once_t nav_once = PTHREAD_ONCE_INIT;

static void nav_decide(void)
{
	for (size_t i = 0; i < NAV_COUNT; i++) {
		nav_public[i] = router_allows("GET", nav_items[i].href, 0);
		for (int k = 0; k < ROLE_COUNT; k++)
			if (router_allows("GET", nav_items[i].href, role_at(k)))
				nav_roles[i] |= role_at(k);
	}
}

/* router_allows("GET", nav_items[i].href, roles), from the table above */
static bool nav_allows(size_t i, unsigned roles)
{
	pthread_once(&nav_once, nav_decide);
	return nav_public[i] || (nav_roles[i] & roles) != 0;
}

static bool nav_current(const char *href, const char *path)
{
	if (strcmp(href, "/") == 0)
		return strcmp(path, "/") == 0;
	size_t n = strlen(href);
	return strncmp(path, href, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

tv *page_ctx(request *rq, const char *title)
{
	arena *a = rq->a;
	tv *ctx = tv_obj(a);
	tv_put_str(ctx, "title", title);
	tv_put_str(ctx, "asset", views_asset_version());
	tv_put_bool(ctx, "demo", config.demo);
	if (rq->csrf)
		tv_put_str(ctx, "csrf", rq->csrf);
	if (rq->user) {
		tv *u = tv_obj(a);
		tv_put_str(u, "name", rq->user->name);
		tv_put_str(u, "username", rq->user->username);
		tv_put_str(u, "organisation", rq->user->org_name);
		tv *roles = tv_list(a);
		for (int i = 0; i < ROLE_COUNT; i++)
			if (rq->user->roles & role_at(i))
				tv_push(roles, tv_str(a, role_label(role_at(i))));
		tv_put(u, "roles", roles);
		tv_put(ctx, "user", u);
		tv *nav = tv_list(a);
		for (size_t i = 0; i < NAV_COUNT; i++) {
			if (!nav_allows(i, rq->user->roles))
				continue;
			tv *item = tv_obj(a);
			tv_put_str(item, "href", nav_items[i].href);
			tv_put_str(item, "label", nav_items[i].label);
			tv_put_bool(item, "current", nav_current(nav_items[i].href, rq->path));
			tv_push(nav, item);
		}
		tv_put(ctx, "nav", nav);
		/* a POST-redirect-GET's one-time message, shown on the page it lands on */
		flash_message fm;
		if (flash_take(rq, &fm)) {
			tv *f = tv_obj(a);
			tv_put_str(f, "message", fm.message);
			if (fm.code)
				tv_put_str(f, "code", fm.code);
			tv_put(ctx, "flash", f);
		}
	}
	return ctx;
}

/* Fields whose values are never sent back to the browser. */
static bool is_secret_field(const char *name)
{
	return strcmp(name, "csrf") == 0 || strncmp(name, "password", 8) == 0 || strcmp(name, "token") == 0;
}

void page_add_form(tv *ctx, const form *f)
{
	arena *a = f->a;
	tv *values = tv_obj(a);
	for (size_t i = 0; i < f->count; i++)
		if (!is_secret_field(f->fields[i].name) && !tv_get(values, f->fields[i].name))
			tv_set_str(values, f->fields[i].name, f->fields[i].value);
	tv_put(ctx, "form", values);
	tv *errors = tv_obj(a);
	tv *list = tv_list(a);
	for (size_t i = 0; i < f->nerrors; i++) {
		tv_set_str(errors, f->errors[i].name, f->errors[i].message);
		tv *item = tv_obj(a);
		tv_put_str(item, "field", f->errors[i].name);
		tv_put_str(item, "message", f->errors[i].message);
		const char *label = form_label(f, f->errors[i].name);
		if (label)
			tv_put_str(item, "label", label);
		tv_push(list, item);
	}
	tv_put(ctx, "errors", errors);
	tv_put(ctx, "error_list", list);
	tv_put_bool(ctx, "has_errors", f->nerrors > 0);
}

/* Room for a page at once: most pages are 5–45 KB, and a body grown by doubling
 * from sb_init's 256 bytes is copied eight times and leaves each smaller buffer
 * in the request's arena until the answer has left. */
enum { PAGE_BODY_RESERVE = 48 * 1024 };

void respond_page(request *rq, int status, const char *name, tv *ctx)
{
	sb_init(&rq->res.body, rq->a);
	sb_reserve(&rq->res.body, PAGE_BODY_RESERVE);
	if (!tmpl_render(views(), name, ctx, &rq->res.body)) {
		fprintf(stderr, "ketenregie: template %s failed to render\n", name);
		respond_error(rq, 500);
		return;
	}
	rq->res.status = status;
	rq->res.content_type = "text/html; charset=utf-8";
}

void respond_redirect(request *rq, const char *location)
{
	/* Only local paths: an open redirect would help phishing. */
	if (!location || location[0] != '/' || location[1] == '/' || location[1] == '\\')
		location = "/";
	response_add_header(rq, "Location", location);
	rq->res.status = 303;
	rq->res.content_type = "text/plain; charset=utf-8";
	sb_init(&rq->res.body, rq->a);
}

typedef struct error_text {
	int status;
	const char *title;
	const char *message;
} error_text;

static const error_text error_texts[] = {
	{400, "Ongeldig verzoek",
	 "Wat u verstuurde konden we niet verwerken, bijvoorbeeld door ongeldige tekens. Ga terug, controleer "
	 "wat u invulde en probeer het opnieuw."},
	{403, "Geen toegang",
	 "Dit formulier kon niet worden verwerkt: het is verlopen (bijvoorbeeld na opnieuw inloggen) of u heeft "
	 "hier geen toegang. Ga terug, vernieuw de pagina en probeer het opnieuw."},
	{404, "Niet gevonden", "Deze pagina bestaat niet, of u heeft er geen toegang toe."},
	{405, "Niet toegestaan", "Deze pagina kan niet op deze manier worden gebruikt."},
	{409, "Tegelijk gewijzigd",
	 "Iemand anders heeft dit intussen gewijzigd. Uw invoer is niet verloren: ga terug en vergelijk."},
	{413, "Te groot",
	 "Wat u verstuurde is te groot (ten hoogste 1 MB per formulier en een beperkt aantal velden). Maak "
	 "de tekst korter en probeer het opnieuw."},
	{414, "Adres te lang", "Het adres van deze pagina is te lang om te verwerken. Ga terug en probeer het opnieuw."},
	{415, "Onbekend formaat", "Dit formulier is in een formaat verstuurd dat we niet kennen."},
	{429, "Te veel pogingen", "Er zijn te veel pogingen gedaan. Wacht even en probeer het opnieuw."},
	{431, "Te veel gegevens meegestuurd",
	 "Uw browser stuurde te veel gegevens mee, bijvoorbeeld cookies. Verwijder de cookies voor deze site en "
	 "probeer het opnieuw."},
	{500, "Er ging iets mis",
	 "Er ging bij ons iets mis. Uw gegevens zijn niet verloren gegaan. Probeer het over een paar minuten "
	 "opnieuw; blijft het misgaan, neem dan contact op met de functioneel beheerder."},
	{505, "Versie niet ondersteund",
	 "Uw browser gebruikt een versie van HTTP die we niet ondersteunen. Gebruik een actuele browser."},
};

void respond_error(request *rq, int status)
{
	const error_text *et = NULL, *fallback = NULL;
	for (size_t i = 0; i < sizeof error_texts / sizeof error_texts[0]; i++) {
		if (error_texts[i].status == status)
			et = &error_texts[i];
		if (error_texts[i].status == 500)
			fallback = &error_texts[i];
	}
	if (!et)
		et = fallback;
	const char *message = et->message;
	/* a followed link (GET) has no form that could have expired */
	if (status == 403 && rq->method && strcmp(rq->method, "POST") != 0)
		message = "U heeft geen toegang tot deze pagina met uw rol. Denkt u dat dit niet klopt, vraag dan de "
		          "functioneel beheerder om de juiste rol.";
	tv *ctx = page_ctx(rq, et->title);
	tv_put_int(ctx, "status", status);
	tv_put_str(ctx, "message", message);
	sb_init(&rq->res.body, rq->a);
	rq->res.status = status;
	rq->res.content_type = "text/html; charset=utf-8";
	if (!tmpl_render(views(), "error", ctx, &rq->res.body)) {
		sb_init(&rq->res.body, rq->a);
		sb_puts(&rq->res.body, "<!doctype html><html lang=\"nl\"><title>Fout</title><p>Er ging iets mis.</p>");
	}
}

void respond_conflict(request *rq)
{
	tv *ctx = page_ctx(rq, "Iemand anders was u voor");
	tv_put_str(ctx, "message", rq->conflict.message ? rq->conflict.message : "");
	tv_put_str(ctx, "back_href", rq->conflict.back_href ? rq->conflict.back_href : "/");
	tv_put_str(ctx, "back_label", rq->conflict.back_label ? rq->conflict.back_label : "Naar mijn werk");
	respond_page(rq, 409, "conflict", ctx);
}

void respond_bytes(request *rq, int status, const char *content_type, const char *data, size_t len)
{
	sb_init(&rq->res.body, rq->a);
	sb_append(&rq->res.body, data, len);
	rq->res.status = status;
	rq->res.content_type = content_type;
}

void respond_csv(request *rq, const char *filename, const strbuf *csv)
{
	respond_bytes(rq, 200, "text/csv; charset=utf-8", csv->data, csv->len);
	response_add_header(rq, "Content-Disposition",
	                    arena_printf(rq->a, "attachment; filename=\"%s\"", filename));
}
