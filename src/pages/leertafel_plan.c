/*
 * leertafel_plan.c — the yearly action plan (actieplan) grouped by actielijn,
 * its adoption by the bestuurlijk overleg, the traffic-light report
 * (stoplichtenrapportage: SVG chart with the same numbers in tables, partner ×
 * action matrix, CSV) and the configurable lists (actielijnen, werkgroepen).
 *
 * Never shows or queries client data. The chart's SVG is written by a template
 * from numbers computed in leertafel_chart.c; no markup is built here.
 */
#include "pages/leertafel.h"
#include "pages/leertafel_int.h"

#include "server/flash.h"
#include "server/respond.h"
#include "store/action.h"
#include "store/action_plan.h"
#include "store/actielijn.h"
#include "store/db.h"
#include "util/csv.h"
#include "util/date.h"
#include "pages/leertafel_chart.h"

#include <stdlib.h>
#include <string.h>

/* ---- plans ------------------------------------------------------------------------ */

static void show_plan_form(request *rq, int status)
{
	tv *ctx = page_ctx(rq, "Nieuw actieplan");
	lt_add_form(ctx, rq);
	tv *v = tv_obj(rq->a);
	if (rq->form.count) {
		tv_set_str(v, "year", form_str(&rq->form, "year"));
		tv_set_str(v, "title", form_str(&rq->form, "title"));
	} else {
		int y = kr_date_today_nl().y + 1;
		tv_set_int(v, "year", y);
		tv_set_str(v, "title", arena_printf(rq->a, "Actieplan leertafel %d", y));
	}
	tv_set(ctx, "v", v);
	respond_page(rq, status, "leertafel_plan_form", ctx);
}

void page_leertafel_plan_new(request *rq)
{
	rq->form.count = 0;
	show_plan_form(rq, 200);
}

void page_leertafel_plan_create(request *rq)
{
	form *f = &rq->form;
	int64_t year = 0;
	action_plan existing;
	if (!form_error(f, "year") && (!form_int(f, "year", &year) || year < 2000 || year > 2100))
		form_add_error(f, "year", "Vul een jaartal in tussen 2000 en 2100.");
	else if (!form_error(f, "year") && action_plan_for_year(rq->a, (int)year, &existing))
		form_add_error(f, "year", "Voor dit jaar bestaat al een actieplan.");
	if (form_has_errors(f) || !db_begin()) {
		show_plan_form(rq, 422);
		return;
	}
	int64_t id = action_plan_create((int)year, form_str(f, "title"));
	if (!id) {
		db_rollback();
		form_add_error(f, "year", "Voor dit jaar bestaat al een actieplan.");
		show_plan_form(rq, 422);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "Het actieplan is aangemaakt.");
	respond_redirect(rq, arena_printf(rq->a, "/leertafel/actieplannen/%lld", (long long)id));
}

static void show_plan(request *rq, int status, const action_plan *p)
{
	arena *a = rq->a;
	const char *today = lt_today(a);
	tv *ctx = page_ctx(rq, p->title);
	lt_add_form(ctx, rq);
	tv_set_bool(ctx, "secretaris", lt_is_secretaris(rq));
	tv_set_int(ctx, "id", p->id);
	tv_set_int(ctx, "year", p->year);
	tv_set_str(ctx, "adopted_on", lt_date(a, p->adopted_on));
	tv_set_str(ctx, "adopted_by", p->adopted_by_name);
	tv *v = tv_obj(a);
	tv_set_str(v, "adopted_on", rq->form.count ? form_str(&rq->form, "adopted_on") : today);
	tv_set(ctx, "v", v);
	size_t n;
	action *xs = action_list_plan(a, p->id, &n);
	tv *groups = tv_list(a);
	tv *cur = NULL;
	int64_t cur_lijn = -1;
	size_t changed = 0;
	for (size_t i = 0; i < n; i++) {
		if (xs[i].actielijn_id != cur_lijn) {
			cur = tv_obj(a);
			cur_lijn = xs[i].actielijn_id;
			tv_set_str(cur, "name", xs[i].actielijn);
			tv_set(cur, "actions", tv_list(a));
			tv_push(groups, cur);
		}
		tv_push(tv_get(cur, "actions"), lt_action_tv(rq, &xs[i], today));
		if (xs[i].after_adoption)
			changed++;
	}
	tv_set(ctx, "groups", groups);
	tv_set_bool(ctx, "has_actions", n > 0);
	tv_set_bool(ctx, "has_changed", changed > 0);
	tv_set_int(ctx, "changed", (int64_t)changed);
	tv_set_str(ctx, "changed_text",
	           changed == 1 ? "1 actie is" : arena_printf(a, "%zu acties zijn", changed));
	respond_page(rq, status, "leertafel_plan", ctx);
}

void page_leertafel_plan_show(request *rq)
{
	action_plan p;
	if (!action_plan_get(rq->a, rq->ids[0], &p)) {
		respond_error(rq, 404);
		return;
	}
	rq->form.count = 0;
	show_plan(rq, 200, &p);
}

void page_leertafel_plan_adopt(request *rq)
{
	action_plan p;
	if (!action_plan_get(rq->a, rq->ids[0], &p)) {
		respond_error(rq, 404);
		return;
	}
	form *f = &rq->form;
	const char *on = form_str(f, "adopted_on");
	if (*p.adopted_on)
		form_add_error(f, "adopted_on", "Dit actieplan is al vastgesteld.");
	else if (!form_error(f, "adopted_on") && *on && strcmp(on, lt_today(rq->a)) > 0)
		form_add_error(f, "adopted_on", "De datum van vaststelling mag niet in de toekomst liggen.");
	if (form_has_errors(f) || !db_begin()) {
		show_plan(rq, 422, &p);
		return;
	}
	if (!action_plan_adopt(p.id, on, rq->user->id)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "Het actieplan is vastgesteld.");
	respond_redirect(rq, arena_printf(rq->a, "/leertafel/actieplannen/%lld", (long long)p.id));
}

/* ---- the traffic-light report ------------------------------------------------------- */

typedef struct report {
	action_plan plan;
	action *xs; /* sorted: overdue first, then rood, oranje, groen, afgerond, then due date */
	size_t n;
	bool *overdue;
	svg_bar_row *rows; /* per actielijn (in plan order), then the total */
	size_t nrows;
	action_org *orgs;
	size_t norgs;
	action_cell *cells;
	size_t ncells;
} report;

/* Sort key of the report: the action with its overdue flag computed once (qsort has no
 * context argument, and a static "today" would be shared between worker threads). */
typedef struct sort_item {
	action x;
	bool overdue;
} sort_item;

static int severity(const action *x)
{
	static const int order[LT_NSTATUS] = {2, 1, 0, 3}; /* rood, oranje, groen, afgerond */
	int i = action_status_index(x->status);
	return i < 0 ? 4 : order[i];
}

static int cmp_report(const void *pa, const void *pb)
{
	const sort_item *ia = pa, *ib = pb;
	const action *a = &ia->x, *b = &ib->x;
	bool oa = ia->overdue, ob = ib->overdue;
	if (oa != ob)
		return oa ? -1 : 1;
	if (severity(a) != severity(b))
		return severity(a) - severity(b);
	const char *da = *a->due_on ? a->due_on : "9999-12-31", *db = *b->due_on ? b->due_on : "9999-12-31";
	int c = strcmp(da, db);
	if (c)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

static bool load_report(request *rq, report *r)
{
	arena *a = rq->a;
	memset(r, 0, sizeof *r);
	if (!action_plan_get(a, rq->ids[0], &r->plan))
		return false;
	const char *today = lt_today(a);
	r->xs = action_list_plan(a, r->plan.id, &r->n);
	/* per actielijn, in the plan's order (list is sorted by actielijn position) */
	r->rows = arena_alloc(a, (r->n + 1) * sizeof *r->rows);
	int64_t cur = -1;
	for (size_t i = 0; i < r->n; i++) {
		if (r->xs[i].actielijn_id != cur) {
			cur = r->xs[i].actielijn_id;
			r->rows[r->nrows++].label = r->xs[i].actielijn;
		}
		bool od = action_is_overdue(r->xs[i].due_on, r->xs[i].status, today);
		traffic_counts_add(&r->rows[r->nrows - 1].counts, r->xs[i].status, od);
	}
	svg_bar_row *total = &r->rows[r->nrows++];
	total->label = "Totaal";
	for (size_t i = 0; i < r->n; i++)
		traffic_counts_add(&total->counts, r->xs[i].status,
		                   action_is_overdue(r->xs[i].due_on, r->xs[i].status, today));
	sort_item *items = arena_alloc(a, (r->n + 1) * sizeof *items);
	for (size_t i = 0; i < r->n; i++) {
		items[i].x = r->xs[i];
		items[i].overdue = action_is_overdue(r->xs[i].due_on, r->xs[i].status, today);
	}
	qsort(items, r->n, sizeof *items, cmp_report);
	r->overdue = arena_alloc(a, (r->n + 1) * sizeof *r->overdue);
	for (size_t i = 0; i < r->n; i++) {
		r->xs[i] = items[i].x;
		r->overdue[i] = items[i].overdue;
	}
	r->orgs = action_plan_orgs(a, r->plan.id, &r->norgs);
	r->cells = action_plan_cells(a, r->plan.id, &r->ncells);
	return true;
}

/* 0 = not involved, 1 = takes part, 2 = owner */
static int cell_of(const report *r, int64_t action_id, int64_t org_id)
{
	for (size_t i = 0; i < r->ncells; i++)
		if (r->cells[i].action_id == action_id && r->cells[i].org_id == org_id)
			return r->cells[i].owner ? 2 : 1;
	return 0;
}

static tv *counts_tv(arena *a, const svg_bar_row *row)
{
	tv *o = tv_obj(a);
	tv_set_str(o, "label", row->label);
	tv_set_int(o, "groen", row->counts.n[LT_GROEN]);
	tv_set_int(o, "oranje", row->counts.n[LT_ORANJE]);
	tv_set_int(o, "rood", row->counts.n[LT_ROOD]);
	tv_set_int(o, "afgerond", row->counts.n[LT_AFGEROND]);
	tv_set_int(o, "total", row->counts.total);
	tv_set_int(o, "overdue", row->counts.overdue);
	return o;
}

void page_leertafel_report(request *rq)
{
	arena *a = rq->a;
	report r;
	if (!load_report(rq, &r)) {
		respond_error(rq, 404);
		return;
	}
	const char *today = lt_today(a);
	tv *ctx = page_ctx(rq, arena_printf(a, "Stoplichtenrapportage %d", r.plan.year));
	tv_set_int(ctx, "id", r.plan.id);
	tv_set_str(ctx, "plan_title", r.plan.title);
	tv_set_str(ctx, "adopted_on", lt_date(a, r.plan.adopted_on));
	tv_set_str(ctx, "printed_on", lt_date(a, today));
	tv_set_bool(ctx, "has_actions", r.n > 0);
	const svg_bar_row *total = &r.rows[r.nrows - 1];
	tv_set(ctx, "total", counts_tv(a, total));
	tv_set_str(ctx, "summary",
	           arena_printf(a, "Stoplichten van %s: %d groen (op schema), %d oranje (risico), %d rood "
	                           "(vastgelopen), %d afgerond; %d te laat. De tabel hiernaast geeft dezelfde "
	                           "aantallen per actielijn.",
	                        action_count_text(a, total->counts.total), total->counts.n[LT_GROEN], total->counts.n[LT_ORANJE],
	                        total->counts.n[LT_ROOD], total->counts.n[LT_AFGEROND], total->counts.overdue));
	tv *lines = tv_list(a);
	for (size_t i = 0; i + 1 < r.nrows; i++)
		tv_push(lines, counts_tv(a, &r.rows[i]));
	tv_set(ctx, "lines", lines);
	tv_set(ctx, "chart", leertafel_chart(a, r.rows, r.nrows));
	tv *cols = tv_list(a);
	for (size_t j = 0; j < r.norgs; j++) {
		tv *c = tv_obj(a);
		tv_set_str(c, "name", r.orgs[j].name);
		tv_push(cols, c);
	}
	tv_set(ctx, "orgs", cols);
	tv *al = tv_list(a);
	for (size_t i = 0; i < r.n; i++) {
		tv *o = lt_action_tv(rq, &r.xs[i], today);
		tv *cells = tv_list(a);
		for (size_t j = 0; j < r.norgs; j++) {
			int c = cell_of(&r, r.xs[i].id, r.orgs[j].org_id);
			tv *cell = tv_obj(a);
			tv_set_bool(cell, "owner", c == 2);
			tv_set_bool(cell, "part", c == 1);
			tv_set_str(cell, "org", r.orgs[j].name);
			tv_push(cells, cell);
		}
		tv_set(o, "cells", cells);
		tv_push(al, o);
	}
	tv_set(ctx, "actions", al);

	/* On paper the matrix comes in parts of at most LT_PRINT_ORGS partners (as even as
	 * possible), so that every partner column fits on A4 portrait. */
	enum { LT_PRINT_ORGS = 4 };
	size_t nparts = (r.norgs + LT_PRINT_ORGS - 1) / LT_PRINT_ORGS;
	size_t per = nparts ? (r.norgs + nparts - 1) / nparts : 0;
	tv *parts = tv_list(a);
	for (size_t p = 0; p < nparts; p++) {
		size_t from = p * per, to = from + per < r.norgs ? from + per : r.norgs;
		tv *part = tv_obj(a);
		tv_set_int(part, "part", (int64_t)p + 1);
		tv_set_int(part, "parts", (int64_t)nparts);
		tv *pc = tv_list(a);
		for (size_t j = from; j < to; j++) {
			tv *c = tv_obj(a);
			tv_set_str(c, "name", r.orgs[j].name);
			tv_push(pc, c);
		}
		tv_set(part, "orgs", pc);
		tv *pa = tv_list(a);
		for (size_t i = 0; i < r.n; i++) {
			tv *o = tv_obj(a);
			tv_set_int(o, "id", r.xs[i].id);
			tv_set_str(o, "wat", r.xs[i].wat);
			tv_set_str(o, "status", r.xs[i].status);
			tv_set_str(o, "wanneer", lt_when(a, &r.xs[i]));
			tv_set_bool(o, "overdue", r.overdue[i]);
			tv *cells = tv_list(a);
			for (size_t j = from; j < to; j++) {
				int c = cell_of(&r, r.xs[i].id, r.orgs[j].org_id);
				tv *cell = tv_obj(a);
				tv_set_bool(cell, "owner", c == 2);
				tv_set_bool(cell, "part", c == 1);
				tv_push(cells, cell);
			}
			tv_set(o, "cells", cells);
			tv_push(pa, o);
		}
		tv_set(part, "actions", pa);
		tv_push(parts, part);
	}
	tv_set(ctx, "print_parts", parts);
	respond_page(rq, 200, "leertafel_report", ctx);
}

void page_leertafel_report_csv(request *rq)
{
	arena *a = rq->a;
	report r;
	if (!load_report(rq, &r)) {
		respond_error(rq, 404);
		return;
	}
	strbuf sb;
	sb_init(&sb, a);
	csv_begin(&sb);
	static const char *const head1[] = {"Actielijn", "Groen (op schema)", "Oranje (risico)", "Rood (vastgelopen)",
	                                    "Afgerond", "Totaal", "Te laat"};
	for (size_t i = 0; i < sizeof head1 / sizeof head1[0]; i++)
		csv_cell(&sb, head1[i]);
	csv_end_row(&sb);
	for (size_t i = 0; i < r.nrows; i++) {
		csv_cell(&sb, r.rows[i].label);
		for (int s = 0; s < LT_NSTATUS; s++)
			csv_cell_int(&sb, r.rows[i].counts.n[s]);
		csv_cell_int(&sb, r.rows[i].counts.total);
		csv_cell_int(&sb, r.rows[i].counts.overdue);
		csv_end_row(&sb);
	}
	csv_end_row(&sb);
	static const char *const head2[] = {"Nr", "Wat", "Hoe", "Actielijn", "Doen/delen/leren", "Werkgroep",
	                                    "Wanneer", "Status", "Te laat", "Toelichting status", "Statusdatum",
	                                    "Gewijzigd na vaststelling"};
	for (size_t i = 0; i < sizeof head2 / sizeof head2[0]; i++)
		csv_cell(&sb, head2[i]);
	for (size_t j = 0; j < r.norgs; j++)
		csv_cell(&sb, r.orgs[j].name);
	csv_end_row(&sb);
	for (size_t i = 0; i < r.n; i++) {
		const action *x = &r.xs[i];
		csv_cell_int(&sb, x->id);
		csv_cell(&sb, x->wat);
		csv_cell(&sb, x->hoe);
		csv_cell(&sb, x->actielijn);
		csv_cell(&sb, x->tag);
		csv_cell(&sb, x->werkgroep);
		csv_cell(&sb, lt_when(a, x));
		csv_cell(&sb, x->status);
		csv_cell(&sb, r.overdue[i] ? "ja" : "nee");
		csv_cell(&sb, x->status_note);
		csv_cell(&sb, lt_date(a, x->status_on));
		csv_cell(&sb, x->after_adoption ? "ja" : "nee");
		for (size_t j = 0; j < r.norgs; j++) {
			int c = cell_of(&r, x->id, r.orgs[j].org_id);
			csv_cell(&sb, c == 2 ? "eigenaar" : c == 1 ? "doet mee" : "");
		}
		csv_end_row(&sb);
	}
	respond_csv(rq, arena_printf(a, "stoplichtenrapportage-%d.csv", r.plan.year), &sb);
}

/* ---- lists: actielijnen, tags, werkgroepen --------------------------------------------- */

static tv *items_tv(request *rq, const lt_item *items, size_t n, const char *kind)
{
	tv *l = tv_list(rq->a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(rq->a);
		tv_set_int(o, "id", items[i].id);
		tv_set_str(o, "name", items[i].name);
		tv_set_str(o, "kind", kind);
		tv_set_bool(o, "active", items[i].active);
		tv_push(l, o);
	}
	return l;
}

static void show_settings(request *rq, int status)
{
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, "Actielijnen en werkgroepen");
	lt_add_form(ctx, rq);
	size_t n;
	lt_item *items = actielijn_list(a, "lijn", true, &n);
	tv_set(ctx, "lijnen", items_tv(rq, items, n, "lijn"));
	items = actielijn_list(a, "tag", true, &n);
	tv_set(ctx, "tags", items_tv(rq, items, n, "tag"));
	items = werkgroep_list(a, true, &n);
	tv_set(ctx, "werkgroepen", items_tv(rq, items, n, "werkgroep"));
	tv *v = tv_obj(a);
	tv_set_str(v, "name", form_str(&rq->form, "name"));
	const char *kind = form_str(&rq->form, "kind");
	tv_set_bool(v, "kind_lijn", !*kind || strcmp(kind, "lijn") == 0);
	tv_set_bool(v, "kind_tag", strcmp(kind, "tag") == 0);
	tv_set_bool(v, "kind_werkgroep", strcmp(kind, "werkgroep") == 0);
	tv_set(ctx, "v", v);
	respond_page(rq, status, "leertafel_settings", ctx);
}

void page_leertafel_settings(request *rq)
{
	show_settings(rq, 200);
}

void page_leertafel_settings_add(request *rq)
{
	form *f = &rq->form;
	const char *kind = form_str(f, "kind");
	const char *name = form_str(f, "name");
	if (form_has_errors(f) || !db_begin()) {
		show_settings(rq, 422);
		return;
	}
	int64_t id = strcmp(kind, "werkgroep") == 0 ? werkgroep_create(name) : actielijn_create(name, kind);
	if (!id) {
		db_rollback();
		form_add_error(f, "name", "Deze naam staat al in de lijst.");
		show_settings(rq, 422);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "Toegevoegd aan de lijst.");
	respond_redirect(rq, "/leertafel/instellingen");
}

void page_leertafel_settings_toggle(request *rq)
{
	form *f = &rq->form;
	const char *kind = form_str(f, "kind");
	int64_t id;
	if (form_has_errors(f) || !form_int(f, "id", &id)) {
		respond_error(rq, 400);
		return;
	}
	bool active = strcmp(form_str(f, "active"), "ja") == 0;
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	lt_item it;
	bool ok = strcmp(kind, "werkgroep") == 0
	                  ? werkgroep_get(rq->a, id, &it) && werkgroep_set_active(id, active)
	                  : actielijn_get(rq->a, id, &it) && strcmp(it.kind, kind) == 0 && actielijn_set_active(id, active);
	if (!ok) {
		db_rollback();
		respond_error(rq, 404);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, active ? "Weer actief gemaakt." : "Op niet actief gezet; bestaande acties houden de naam.");
	respond_redirect(rq, "/leertafel/instellingen");
}
