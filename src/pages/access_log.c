/*
 * access_log.c — the access log of a household as its regisseur shows it to the
 * family (/casussen/{id}/toegang, and on A4: …/afdrukken), and the rendering the
 * privacy officer's reports share (filters, rows, pager, CSV).
 *
 * What the family sees: when, which organisation, which role, what kind of access
 * (lezen, wijzigen, afdrukken, exporteren, in een lijst, zoeken) and whether it was
 * allowed — not the names of the professionals. The privacy officer also sees who.
 * Rows are read by store/access_log.c through indexes only (never a scan).
 */
#include "pages/privacy.h"

#include "store/roles.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/org.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "view/html.h"

#include <string.h>

enum { REPORT_PAGE = 50 };

void access_log_filter_of(request *rq, access_log_filter *f)
{
	const form *fm = &rq->form;
	memset(f, 0, sizeof *f);
	f->from = form_error(fm, "van") ? "" : form_str(fm, "van");
	f->to = form_error(fm, "tot") ? "" : form_str(fm, "tot");
	f->kind = form_error(fm, "actie") ? "" : form_str(fm, "actie");
	if (form_error(fm, "organisatie") || !form_int(fm, "organisatie", &f->org_id))
		f->org_id = 0;
	if (form_error(fm, "voor") || !form_int(fm, "voor", &f->before))
		f->before = 0;
	if (form_error(fm, "voor_lees") || !form_int(fm, "voor_lees", &f->before_read))
		f->before_read = 0;
}

int access_log_filter_check(request *rq)
{
	form *fm = &rq->form;
	if (form_error(fm, "voor") || form_error(fm, "voor_lees"))
		return 400;
	const char *from = form_str(fm, "van"), *to = form_str(fm, "tot");
	if (*from && *to && !form_error(fm, "van") && !form_error(fm, "tot") && strcmp(to, from) < 0)
		form_add_error(fm, "tot", "Deze datum ligt vóór ‘Vanaf’. Kies een latere datum of laat het veld leeg.");
	int64_t org_id;
	org o;
	if (!form_error(fm, "organisatie") && form_int(fm, "organisatie", &org_id) && !org_get(rq->a, org_id, &o))
		form_add_error(fm, "organisatie", "Kies een organisatie uit de lijst.");
	return form_has_errors(fm) ? 422 : 200;
}

/* "van=…&tot=…&organisatie=…&actie=…" of the current filter (no keyset), URL-encoded. */
static const char *filter_query(arena *a, const access_log_filter *f)
{
	strbuf q;
	sb_init(&q, a);
	sb_putc(&q, '\0');
	q.len = 0;
	const char *keys[] = {"van", "tot", "actie"};
	const char *vals[] = {f->from, f->to, f->kind};
	for (size_t i = 0; i < 3; i++) {
		if (!vals[i] || !*vals[i])
			continue;
		sb_printf(&q, "%s%s=", q.len ? "&" : "", keys[i]);
		url_encode(&q, vals[i], strlen(vals[i]));
	}
	if (f->org_id)
		sb_printf(&q, "%sorganisatie=%lld", q.len ? "&" : "", (long long)f->org_id);
	return q.data;
}

static const char *outcome_label(const char *outcome)
{
	return strcmp(outcome, "allowed") == 0 ? "toegestaan" : "geweigerd";
}

static const char *role_label_of(const char *role)
{
	unsigned bit = role_from_name(role);
	return bit ? role_label(bit) : role;
}

static const char *object_of(arena *a, const access_log_row *r)
{
	const char *label = access_log_object_label(r->object_type);
	if (!*r->object_type)
		return "—";
	return r->object_id ? arena_str_int(a, label, " ", r->object_id) : label;
}

int access_log_filter_read(request *rq, bool download, access_log_filter *f)
{
	int status = access_log_filter_check(rq);
	if (status == 400 || (status != 200 && download)) {
		respond_error(rq, 400); /* a download or print never silently holds more than was asked */
		return 0;
	}
	access_log_filter_of(rq, f);
	return status;
}

void access_log_put(request *rq, tv *ctx, const char *base, const access_log_row *rows, size_t n, bool more,
                    bool show_person)
{
	arena *a = rq->a;
	access_log_filter f;
	access_log_filter_of(rq, &f);
	page_add_form(ctx, &rq->form);
	const char *fq = filter_query(a, &f);
	tv_set_str(ctx, "base", base);
	tv_set_str(ctx, "filter_query", fq);
	tv_set_bool(ctx, "filtered", *fq != '\0');
	tv_set_bool(ctx, "show_person", show_person);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		const access_log_row *r = &rows[i];
		tv *o = tv_obj(a);
		tv_put_str(o, "at", hv_datetime(a, r->at));
		tv_put_str(o, "org", *r->org_name ? r->org_name : "—");
		tv_put_str(o, "role", *r->role ? role_label_of(r->role) : "—");
		if (show_person) {
			tv_put_str(o, "username", r->username);
			tv_put_str(o, "user_name", r->user_name);
		}
		tv_put_str(o, "kind", access_log_kind_label(r->kind));
		tv_put_str(o, "object", object_of(a, r));
		tv_put_str(o, "outcome", outcome_label(r->outcome));
		tv_put_bool(o, "refused", strcmp(r->outcome, "allowed") != 0);
		tv_push(list, o);
	}
	tv_set(ctx, "rows", list);
	tv_set_bool(ctx, "any", n > 0);
	tv_set_bool(ctx, "more", more);
	tv_set_bool(ctx, "paged", f.before > 0 || f.before_read > 0);
	if (more && n) {
		/* a keyset per log (store/access_log.h); a log this page showed nothing of keeps its own */
		int64_t before, before_read;
		access_log_next_page(rows, n, &f, &before, &before_read);
		const char *next = before > 0 && before_read > 0
		                       ? arena_printf(a, "voor=%lld&voor_lees=%lld", (long long)before, (long long)before_read)
		                   : before > 0 ? arena_printf(a, "voor=%lld", (long long)before)
		                                : arena_printf(a, "voor_lees=%lld", (long long)before_read);
		tv_set_str(ctx, "next_query", next);
	}
	/* the filter's choices: organisations and kinds */
	size_t no;
	org *orgs = org_choices(a, &no);
	tv *ol = tv_list(a);
	for (size_t i = 0; i < no; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", orgs[i].id);
		tv_set_str(o, "name", orgs[i].name);
		tv_set_bool(o, "selected", orgs[i].id == f.org_id);
		tv_push(ol, o);
	}
	tv_set(ctx, "orgs", ol);
	tv *kl = tv_list(a);
	for (size_t i = 0; access_log_kinds[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", access_log_kinds[i]);
		tv_set_str(o, "label", access_log_kind_label(access_log_kinds[i]));
		tv_set_bool(o, "selected", strcmp(access_log_kinds[i], f.kind) == 0);
		tv_push(kl, o);
	}
	tv_set(ctx, "kinds", kl);
}

void access_log_csv(request *rq, const char *filename, const access_log_row *rows, size_t n, bool show_person)
{
	arena *a = rq->a;
	strbuf sb;
	sb_init(&sb, a);
	csv_begin(&sb);
	csv_cell(&sb, "Tijdstip (UTC)");
	csv_cell(&sb, "Organisatie");
	csv_cell(&sb, "Rol");
	if (show_person) {
		csv_cell(&sb, "Gebruikersnaam");
		csv_cell(&sb, "Naam");
	}
	csv_cell(&sb, "Soort toegang");
	csv_cell(&sb, "Onderwerp");
	csv_cell(&sb, "Uitkomst");
	csv_end_row(&sb);
	for (size_t i = 0; i < n; i++) {
		const access_log_row *r = &rows[i];
		csv_cell(&sb, r->at);
		csv_cell(&sb, r->org_name);
		csv_cell(&sb, *r->role ? role_label_of(r->role) : "");
		if (show_person) {
			csv_cell(&sb, r->username);
			csv_cell(&sb, r->user_name);
		}
		csv_cell(&sb, access_log_kind_label(r->kind));
		csv_cell(&sb, object_of(a, r));
		csv_cell(&sb, outcome_label(r->outcome));
		csv_end_row(&sb);
	}
	respond_csv(rq, filename, &sb);
}

/* The family's access log as its regisseur shows it (print: the A4 layout). */
static void case_access_log(request *rq, bool print)
{
	arena *a = rq->a;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	access_log_filter f;
	int status = access_log_filter_read(rq, print, &f);
	if (!status)
		return;
	tv *ctx = page_ctx(rq, print ? "Toegangslog (afdruk)" : "Wie heeft het dossier ingezien");
	rq->audit.object_type = "access_log";
	rq->audit.object_id = c.household_id;
	size_t n;
	bool more;
	access_log_row *rows = access_log_of_household(a, c.household_id, &f, print ? 1000 : REPORT_PAGE, false, &n, &more);
	access_log_put(rq, ctx, arena_printf(a, "/casussen/%lld/toegang", (long long)c.id), rows, n, more, false);
	tv_set_int(ctx, "case_id", c.id);
	tv_set_str(ctx, "household_name", c.household_name);
	tv_set_bool(ctx, "print", print);
	char today[KR_DATE_BUF];
	kr_date_format(kr_date_today_nl(), today);
	tv_set_str(ctx, "today", today);
	respond_page(rq, status, "access_log", ctx);
}

void page_case_access_log(request *rq)
{
	case_access_log(rq, false);
}

void page_case_access_log_print(request *rq)
{
	case_access_log(rq, true);
}
