/*
 * figures.c — /cijfers: process figures of the handovers for the quarterly
 * evaluation between the local teams, Veilig Thuis and the process facilitator
 * (per quarter and team: received, accepted, returned by reason category,
 * median working days to acceptance, share with the warm handover and the
 * feedback within the norm), as a page and as CSV for Dutch Excel; and
 * /beheer/normen, where the functioneel beheerder sets the deadline norms.
 *
 * Every column counts one cohort: the handovers submitted in the quarter (Dutch
 * time), each with its state of today, under the team that took, accepted or
 * returned it (the addressee while nobody has).
 *
 * Aggregated only: this file must never put a name, a household, a free-text
 * reason or a handover id on the page or in the CSV.
 */
#include "pages/handovers.h"

#include "auth/audit.h"
#include "server/flash.h"
#include "server/respond.h"
#include "store/case_escalation.h"
#include "store/db.h"
#include "store/family_plan.h"
#include "util/csv.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TEAMS = 64, NCAT = 5 };

typedef struct team_figures {
	const char *team;
	int received, accepted, returned;
	int returned_by[NCAT];
	int warm_in_norm, feedback_in_norm;
	int *decision_wd; /* of the accepted ones */
	int ndecision;
} team_figures;

typedef struct figures {
	kr_quarter q;
	team_figures teams[MAX_TEAMS + 1]; /* the last one is the total */
	size_t nteams;
} figures;

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Median ×2 (to stay integral), or -1 without values. */
static int median2(int *v, int n)
{
	if (n == 0)
		return -1;
	qsort(v, (size_t)n, sizeof *v, cmp_int);
	return n % 2 ? 2 * v[n / 2] : v[n / 2 - 1] + v[n / 2];
}

static const char *median_text(arena *a, int m2)
{
	if (m2 < 0)
		return "—";
	return m2 % 2 ? arena_printf(a, "%d,5", m2 / 2) : arena_printf(a, "%d", m2 / 2);
}

static int percent(int part, int whole)
{
	return whole ? (200 * part + whole) / (2 * whole) : -1;
}

static const char *percent_text(arena *a, int part, int whole)
{
	int p = percent(part, whole);
	return p < 0 ? "—" : arena_printf(a, "%d%%", p);
}

static team_figures *team_of(arena *a, figures *f, const char *name, int capacity)
{
	for (size_t i = 0; i < f->nteams; i++)
		if (strcmp(f->teams[i].team, name) == 0)
			return &f->teams[i];
	if (f->nteams == MAX_TEAMS)
		return &f->teams[MAX_TEAMS - 1];
	team_figures *t = &f->teams[f->nteams++];
	memset(t, 0, sizeof *t);
	t->team = name;
	t->decision_wd = arena_alloc(a, (size_t)(capacity + 1) * sizeof(int));
	return t;
}

/* One handover of the quarter's submission cohort: received, and — when decided
 * by today — accepted or returned with its figures. */
static void add(team_figures *t, const handover_rec *h, const handover_deadlines *d)
{
	t->received++;
	if (d->decision_open)
		return;
	if (d->accepted) {
		t->accepted++;
		t->decision_wd[t->ndecision++] = d->decision_wd;
		if (d->warm_in_norm)
			t->warm_in_norm++;
		if (d->feedback_in_norm)
			t->feedback_in_norm++;
	} else {
		t->returned++;
		for (int c = 0; c < NCAT; c++)
			if (strcmp(h->return_category, handover_return_categories[c]) == 0)
				t->returned_by[c]++;
	}
}

/* "YYYY-MM-DD HH:MM:SS" in UTC of 00:00 Dutch time on day d. */
static const char *utc_of_nl_midnight(arena *a, kr_date d)
{
	int64_t t = kr_days_from_civil(d) * 86400;
	t -= 3600 * kr_nl_utc_offset_hours(t - 3600); /* the offset in force just before midnight, UTC */
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t rest = t - days * 86400;
	char iso[KR_DATE_BUF];
	kr_date_format_iso(kr_civil_from_days(days), iso);
	return arena_printf(a, "%s %02d:%02d:%02d", iso, (int)(rest / 3600), (int)(rest / 60 % 60), (int)(rest % 60));
}

static void compute(arena *a, kr_quarter q, figures *f)
{
	memset(f, 0, sizeof *f);
	f->q = q;
	/* submitted_at is UTC: the quarter starts at midnight Dutch time */
	const char *from = utc_of_nl_midnight(a, kr_quarter_first_day(q));
	const char *to = utc_of_nl_midnight(a, kr_quarter_first_day(kr_quarter_add(q, 1)));
	size_t n;
	handover_rec *list = handover_list_between(a, from, to, &n);
	handover_norms norms;
	handover_norms_get(&norms);
	kr_date today = kr_date_today_nl();
	int cap = (int)n;
	team_figures total = {.team = "Totaal", .decision_wd = arena_alloc(a, (n + 1) * sizeof(int))};
	for (size_t i = 0; i < n; i++) {
		const handover_rec *h = &list[i];
		handover_deadlines d;
		handover_deadlines_of(h, &norms, today, &d);
		/* the team that took it, accepted or returned it; else the addressee */
		const char *team = h->taken_org_id ? h->taken_org_name
		                   : h->decided_org_id ? h->decided_org_name
		                   : h->receiving_org_id ? h->receiving_org_name
		                                         : "Gezamenlijke triage (nog niet verdeeld)";
		add(team_of(a, f, team, cap), h, &d);
		add(&total, h, &d);
	}
	f->teams[f->nteams++] = total;
}

static tv *row_tv(arena *a, team_figures *t, bool is_total)
{
	tv *o = tv_obj(a);
	tv_set_str(o, "team", t->team);
	tv_set_bool(o, "total", is_total);
	tv_set_int(o, "received", t->received);
	tv_set_int(o, "accepted", t->accepted);
	tv_set_int(o, "returned", t->returned);
	tv_set_str(o, "median", median_text(a, median2(t->decision_wd, t->ndecision)));
	tv_set_str(o, "warm", percent_text(a, t->warm_in_norm, t->accepted));
	tv_set_str(o, "feedback", percent_text(a, t->feedback_in_norm, t->accepted));
	tv *reasons = tv_list(a);
	for (int c = 0; c < NCAT; c++) {
		tv *r = tv_obj(a);
		tv_set_int(r, "count", t->returned_by[c]);
		tv_push(reasons, r);
	}
	tv_set(o, "reasons", reasons);
	return o;
}

/* The asked quarter, or the current one; false when one was asked that does not exist. */
static bool chosen_quarter(request *rq, kr_quarter *q)
{
	*q = kr_quarter_of(kr_date_today_nl());
	kr_quarter parsed;
	const char *s = form_str(&rq->form, "kwartaal");
	if (!*s)
		return true;
	if (!kr_quarter_parse(s, &parsed))
		return false;
	*q = parsed;
	return true;
}

void page_figures_show(request *rq)
{
	arena *a = rq->a;
	const char *s = form_str(&rq->form, "kwartaal");
	kr_quarter q;
	tv *ctx = page_ctx(rq, "Procescijfers overdrachten");
	bool valid = chosen_quarter(rq, &q);
	if (!valid && !form_error(&rq->form, "kwartaal")) {
		char cur[KR_QUARTER_BUF];
		kr_quarter_format(q, cur);
		form_add_error(&rq->form, "kwartaal", arena_printf(a, "Het kwartaal \"%s\" bestaat niet. Kies een kwartaal"
		                                                     " zoals Q1 2026; hieronder staat het huidige kwartaal,"
		                                                     " %s.", s, cur));
	} else if (form_error(&rq->form, "kwartaal")) {
		valid = false;
	}
	tv_set_bool(ctx, "invalid_quarter", !valid);
	page_add_form(ctx, &rq->form);
	figures *f = arena_alloc(a, sizeof *f);
	compute(a, q, f);
	char qbuf[KR_QUARTER_BUF];
	kr_quarter_format(q, qbuf);
	tv_set_str(ctx, "quarter", qbuf);
	tv *quarters = tv_list(a);
	kr_quarter now = kr_quarter_of(kr_date_today_nl());
	for (int i = 0; i < 8; i++) {
		kr_quarter x = kr_quarter_add(now, -i);
		char b[KR_QUARTER_BUF];
		kr_quarter_format(x, b);
		tv *o = tv_obj(a);
		tv_set_str(o, "value", b);
		tv_set_bool(o, "selected", x.year == q.year && x.q == q.q);
		tv_push(quarters, o);
	}
	tv_set(ctx, "quarters", quarters);
	tv *rows = tv_list(a);
	for (size_t i = 0; i < f->nteams; i++)
		tv_push(rows, row_tv(a, &f->teams[i], i + 1 == f->nteams));
	tv_set(ctx, "rows", rows);
	tv *cats = tv_list(a);
	for (int c = 0; c < NCAT; c++)
		tv_push(cats, tv_str(a, handover_return_category_label(handover_return_categories[c])));
	tv_set(ctx, "categories", cats);
	handover_norms norms;
	handover_norms_get(&norms);
	tv *nt = tv_obj(a);
	tv_set_int(nt, "decision", norms.decision_wd);
	tv_set_int(nt, "warm", norms.warm_wd);
	tv_set_int(nt, "feedback", norms.feedback_wd);
	tv_set(ctx, "norms", nt);
	respond_page(rq, valid ? 200 : 422, "figures", ctx);
}

void page_figures_csv(request *rq)
{
	arena *a = rq->a;
	kr_quarter q;
	if (!chosen_quarter(rq, &q) || form_error(&rq->form, "kwartaal")) {
		respond_error(rq, 400); /* a download never silently holds another quarter */
		return;
	}
	figures *f = arena_alloc(a, sizeof *f);
	compute(a, q, f);
	char qbuf[KR_QUARTER_BUF];
	kr_quarter_format(q, qbuf);
	strbuf sb;
	sb_init(&sb, a);
	csv_begin(&sb);
	static const char *const head[] = {"Kwartaal", "Team", "Ontvangen", "Geaccepteerd", "Teruggelegd",
	                                   "Mediaan werkdagen tot acceptatie",
	                                   "Warme overdracht binnen norm (%)", "Terugkoppeling binnen norm (%)"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_cell(&sb, head[i]);
	for (int c = 0; c < NCAT; c++)
		csv_cell(&sb, arena_printf(a, "Teruggelegd: %s", handover_return_category_label(handover_return_categories[c])));
	csv_end_row(&sb);
	for (size_t i = 0; i < f->nteams; i++) {
		team_figures *t = &f->teams[i];
		csv_cell(&sb, qbuf);
		csv_cell(&sb, t->team);
		csv_cell_int(&sb, t->received);
		csv_cell_int(&sb, t->accepted);
		csv_cell_int(&sb, t->returned);
		int m2 = median2(t->decision_wd, t->ndecision);
		csv_cell(&sb, m2 < 0 ? "" : median_text(a, m2));
		int p = percent(t->warm_in_norm, t->accepted);
		if (p < 0)
			csv_cell(&sb, "");
		else
			csv_cell_int(&sb, p);
		p = percent(t->feedback_in_norm, t->accepted);
		if (p < 0)
			csv_cell(&sb, "");
		else
			csv_cell_int(&sb, p);
		for (int c = 0; c < NCAT; c++)
			csv_cell_int(&sb, t->returned_by[c]);
		csv_end_row(&sb);
	}
	audit_event(rq, rq->user, NULL, "export", "handover_figures", 0, true, qbuf);
	char fname[40];
	snprintf(fname, sizeof fname, "procescijfers-%d-Q%d.csv", q.year, q.q);
	respond_csv(rq, fname, &sb);
}

/* ---- norms ------------------------------------------------------------------- */

static void show_norms(request *rq, int status, const handover_norms *n)
{
	tv *ctx = page_ctx(rq, "Termijnen overdrachten");
	page_add_form(ctx, &rq->form);
	tv *v = tv_obj(rq->a);
	tv_set_int(v, "decision", n->decision_wd);
	tv_set_int(v, "warm", n->warm_wd);
	tv_set_int(v, "feedback", n->feedback_wd);
	tv_set_int(v, "known", n->known_months);
	tv_set_int(v, "evaluation", evaluation_norm_weeks()); /* issue 8: family plan evaluations */
	tv_set_int(v, "stagnation", case_stagnation_weeks()); /* issue 8: stagnating cases */
	tv_set(ctx, "v", v);
	respond_page(rq, status, "handover_norms", ctx);
}

void page_norms_edit(request *rq)
{
	handover_norms n;
	handover_norms_get(&n);
	show_norms(rq, 200, &n);
}

static int norm_field(request *rq, const char *name, int max)
{
	int64_t v = 0;
	if (form_error(&rq->form, name))
		return 0;
	if (!form_int(&rq->form, name, &v) || v < 1 || v > max) {
		form_add_error(&rq->form, name, arena_printf(rq->a, "Vul een geheel getal van 1 tot en met %d in.", max));
		return 0;
	}
	return (int)v;
}

void page_norms_update(request *rq)
{
	handover_norms n = {
		.decision_wd = norm_field(rq, "decision", 100),
		.warm_wd = norm_field(rq, "warm", 100),
		.feedback_wd = norm_field(rq, "feedback", 100),
		.known_months = norm_field(rq, "known", 120),
	};
	/* the family plan's evaluation norm (issue 8); absent: unchanged */
	int evaluation_weeks = form_get(&rq->form, "evaluation") ? norm_field(rq, "evaluation", 52) : evaluation_norm_weeks();
	/* absent (an older form): keep the current value */
	int stagnation = *form_str(&rq->form, "stagnation") ? norm_field(rq, "stagnation", 104) : case_stagnation_weeks();
	if (form_has_errors(&rq->form) || !db_begin()) {
		handover_norms shown;
		handover_norms_get(&shown);
		show_norms(rq, 422, &shown);
		return;
	}
	if (!handover_norms_set(&n) || !evaluation_norm_set(evaluation_weeks) || !case_stagnation_weeks_set(stagnation)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	audit_event(rq, rq->user, NULL, "admin_norms_save", "setting", 0, true,
	            arena_printf(rq->a, "besluit %d, warme overdracht %d, terugkoppeling %d werkdagen; bekend %d maanden;"
	                         " evaluatie gezinsplan elke %d weken; stagnatie %d weken",
	                         n.decision_wd, n.warm_wd, n.feedback_wd, n.known_months, evaluation_weeks, stagnation));
	flash_set(rq, "De termijnen zijn opgeslagen.");
	respond_redirect(rq, "/beheer/normen");
}
