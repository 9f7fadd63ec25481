/*
 * privacy.c — the privacy officer's pages (role privacy, DESIGN §1): find a
 * household by a member's exact name and birth date, or a user; read that
 * household's or user's access log with filters; export it as CSV.
 *
 * Must never show the file's contents: a household is "Huishouden N", reached
 * only through the officer's own recorded search (auth/privacy_access.c); no
 * browsing, no partial matches. Every request here is audited by the router
 * (ROUTE_AUDITED): the search names the households it found, a report names its
 * household, so the family's own log shows the privacy officer's look-ups too.
 */
#include "pages/privacy.h"

#include "auth/audit.h"
#include "server/respond.h"
#include "store/access_log.h"
#include "view/html.h"

#include <string.h>

enum { REPORT_PAGE = 50, EXPORT_ROWS = 100000 };

/* The household search: both fields, exact; the households it found. */
static void household_search(request *rq, tv *ctx)
{
	arena *a = rq->a;
	form *f = &rq->form;
	const char *name = form_str(f, "naam"), *birthdate = form_str(f, "geboortedatum");
	if (!*name && !*birthdate)
		return;
	if (!*name)
		form_add_error(f, "naam", "Vul de volledige naam van een gezinslid in.");
	if (!*birthdate && !form_error(f, "geboortedatum"))
		form_add_error(f, "geboortedatum", "Vul de geboortedatum in.");
	if (form_has_errors(f))
		return;
	size_t n;
	int64_t *ids = access_log_households_of_person(a, name, birthdate, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		audit_note_household(rq, ids[i]);
		tv *o = tv_obj(a);
		tv_set_int(o, "id", ids[i]);
		tv_push(list, o);
	}
	tv_set(ctx, "households", list);
	tv_set_bool(ctx, "household_searched", true);
	tv_set_bool(ctx, "households_found", n > 0);
	rq->audit.detail = arena_printf(a, "zoeken op naam en geboortedatum: %zu gevonden", n);
}

static void user_search(request *rq, tv *ctx)
{
	arena *a = rq->a;
	const char *q = form_str(&rq->form, "gebruiker");
	if (!*q)
		return;
	size_t n;
	access_log_user *u = access_log_find_users(a, q, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", u[i].id);
		tv_set_str(o, "username", u[i].username);
		tv_set_str(o, "name", u[i].name);
		tv_set_str(o, "org", u[i].org_name);
		tv_set_bool(o, "inactive", !u[i].active);
		tv_push(list, o);
	}
	tv_set(ctx, "users", list);
	tv_set_bool(ctx, "user_searched", true);
	tv_set_bool(ctx, "users_found", n > 0);
	if (!rq->audit.detail)
		rq->audit.detail = arena_printf(a, "zoeken naar een gebruiker: %zu gevonden", n);
}

void page_privacy_search(request *rq)
{
	tv *ctx = page_ctx(rq, "Privacy: wie heeft wat ingezien");
	rq->audit.object_type = "privacy_search";
	household_search(rq, ctx);
	user_search(rq, ctx);
	page_add_form(ctx, &rq->form);
	if (!rq->audit.detail)
		rq->audit.detail = "zoekformulier";
	respond_page(rq, form_has_errors(&rq->form) ? 422 : 200, "privacy", ctx);
}

static void household_report(request *rq, bool csv)
{
	arena *a = rq->a;
	int64_t id = rq->ids[0];
	access_log_filter f;
	int status = access_log_filter_read(rq, csv, &f);
	if (!status)
		return;
	size_t n;
	bool more;
	if (csv) {
		f.before = 0;
		access_log_row *rows = access_log_of_household(a, id, &f, EXPORT_ROWS, true, &n, &more);
		access_log_csv(rq, arena_printf(a, "toegangslog-huishouden-%lld.csv", (long long)id), rows, n, true);
		return;
	}
	tv *ctx = page_ctx(rq, arena_printf(a, "Toegangslog huishouden %lld", (long long)id));
	access_log_row *rows = access_log_of_household(a, id, &f, REPORT_PAGE, true, &n, &more);
	access_log_put(rq, ctx, arena_printf(a, "/privacy/huishoudens/%lld", (long long)id), rows, n, more, true);
	tv_set_int(ctx, "household_id", id);
	tv_set_bool(ctx, "privacy", true);
	respond_page(rq, status, "access_log", ctx);
}

void page_privacy_household(request *rq)
{
	household_report(rq, false);
}

void page_privacy_household_csv(request *rq)
{
	household_report(rq, true);
}

static void user_report(request *rq, bool csv)
{
	arena *a = rq->a;
	access_log_user u;
	if (!access_log_user_get(a, rq->ids[0], &u)) {
		respond_error(rq, 404);
		return;
	}
	access_log_filter f;
	int status = access_log_filter_read(rq, csv, &f);
	if (!status)
		return;
	size_t n;
	bool more;
	if (csv) {
		f.before = 0;
		access_log_row *rows = access_log_of_user(a, u.id, &f, EXPORT_ROWS, &n, &more);
		access_log_csv(rq, arena_printf(a, "toegangslog-gebruiker-%lld.csv", (long long)u.id), rows, n, true);
		return;
	}
	tv *ctx = page_ctx(rq, arena_printf(a, "Toegangslog van %s", u.name));
	access_log_row *rows = access_log_of_user(a, u.id, &f, REPORT_PAGE, &n, &more);
	access_log_put(rq, ctx, arena_printf(a, "/privacy/gebruikers/%lld", (long long)u.id), rows, n, more, true);
	tv *o = tv_obj(a);
	tv_set_str(o, "username", u.username);
	tv_set_str(o, "name", u.name);
	tv_set_str(o, "org", u.org_name);
	tv_set(ctx, "subject_user", o);
	tv_set_bool(ctx, "privacy", true);
	respond_page(rq, status, "access_log", ctx);
}

void page_privacy_user(request *rq)
{
	user_report(rq, false);
}

void page_privacy_user_csv(request *rq)
{
	user_report(rq, true);
}
