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
 * reason or a handover id on the page or in the CSV. For beleid (who sees
 * aggregated figures only, never a handover) no count under 5 is published:
 * it reads "<5", and where a shown total would give it away a second
 * cell of that sum reads "x" (util/small_cells.h), on the page, in the trend over
 * the last quarters and in the CSV alike. A median or a percentage is shown only
 * over a shown number of handovers, and a percentage only when it does not give
 * away 1 to 4 handovers in or out of the norm. Veilig Thuis and team leaders,
 * who work with the handovers themselves, see the exact counts for their
 * quarterly evaluation.
 */
#include "pages/handovers.h"

#include "auth/audit.h"
#include "store/roles.h"
#include "server/flash.h"
#include "server/respond.h"
#include "store/case_escalation.h"
#include "store/db.h"
#include "store/family_plan.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/small_cells.h"
#include "view/svg_trend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TEAMS = 64, NCAT = 5, TREND_QUARTERS = 8 };
/* The published counts of a team, in this order: received, accepted, returned,
 * returned per category. */
enum { C_RECEIVED, C_ACCEPTED, C_RETURNED, C_CAT0, NCOUNT = C_CAT0 + NCAT };

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
	bool hide_small;                                /* suppress small counts (small_cells.h) */
	small_cell_state state[MAX_TEAMS + 1][NCOUNT]; /* what of each count may be published */
} figures;

static int count_of(const team_figures *t, int c)
{
	return c == C_RECEIVED ? t->received : c == C_ACCEPTED ? t->accepted : c == C_RETURNED ? t->returned
	                                                                        : t->returned_by[c - C_CAT0];
}

/* Decide what of the counts may be published: every column's teams add up to
 * the total row, and every row's categories add up to its returned count. */
static void suppress(arena *a, figures *f)
{
	size_t nt = f->nteams, ncell = nt * NCOUNT, nsums = NCOUNT + nt, k = 0;
	int *values = arena_alloc(a, ncell * sizeof *values);
	small_cell_state *state = arena_alloc(a, ncell * sizeof *state);
	small_cell_sum *sums = arena_alloc(a, nsums * sizeof *sums);
	for (size_t t = 0; t < nt; t++)
		for (int c = 0; c < NCOUNT; c++)
			values[t * NCOUNT + (size_t)c] = count_of(&f->teams[t], c);
	for (int c = 0; c < NCOUNT; c++) { /* the teams of column c add up to the total row */
		size_t *parts = arena_alloc(a, (nt + 1) * sizeof *parts);
		for (size_t t = 0; t + 1 < nt; t++)
			parts[t] = t * NCOUNT + (size_t)c;
		sums[k++] = (small_cell_sum){.total = (nt - 1) * NCOUNT + (size_t)c, .parts = parts, .nparts = nt - 1};
	}
	for (size_t t = 0; t < nt; t++) { /* the categories of a row add up to its returned count */
		size_t *parts = arena_alloc(a, NCAT * sizeof *parts);
		for (int c = 0; c < NCAT; c++)
			parts[c] = t * NCOUNT + (size_t)(C_CAT0 + c);
		sums[k++] = (small_cell_sum){.total = t * NCOUNT + C_RETURNED, .parts = parts, .nparts = NCAT};
	}
	small_cells_suppress(values, state, ncell, sums, k);
	for (size_t t = 0; t < nt; t++)
		for (int c = 0; c < NCOUNT; c++)
			f->state[t][c] = state[t * NCOUNT + (size_t)c];
}

static const char *count_text(arena *a, const figures *f, size_t t, int c)
{
	char buf[16];
	return arena_strdup(a, small_cell_text(count_of(&f->teams[t], c), f->state[t][c], buf, sizeof buf));
}

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

/* A percentage of a team's accepted handovers may be published when the accepted
 * count is, and when neither the part nor the rest is 1 to 4 handovers. */
static bool percent_publishable(const figures *f, size_t t, int part)
{
	int rest = f->teams[t].accepted - part;
	return f->state[t][C_ACCEPTED] == CELL_SHOWN && !(part > 0 && part < SMALL_CELL_MIN) &&
	       !(rest > 0 && rest < SMALL_CELL_MIN);
}

/* The published median and percentages of team t: "x" where they would give away
 * a suppressed count; csv: without the % sign and empty for "—". */
static const char *median_out(arena *a, const figures *f, size_t t, bool csv)
{
	if (f->state[t][C_ACCEPTED] != CELL_SHOWN)
		return "x";
	team_figures *tf = (team_figures *)&f->teams[t];
	int m2 = median2(tf->decision_wd, tf->ndecision);
	return csv && m2 < 0 ? "" : median_text(a, m2);
}

static const char *percent_out(arena *a, const figures *f, size_t t, int part, bool csv)
{
	if (f->hide_small && f->teams[t].accepted > 0 && !percent_publishable(f, t, part))
		return "x";
	int p = percent(part, f->teams[t].accepted);
	if (csv)
		return p < 0 ? "" : arena_printf(a, "%d", p);
	return percent_text(a, part, f->teams[t].accepted);
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
	char *out = arena_alloc(a, 20);
	kr_nl_midnight_utc(d, ' ', out);
	return out;
}

/* Whether the user's figures are suppressed: everyone but Veilig Thuis and team leaders. */
static bool small_counts_hidden(const request *rq)
{
	return (rq->user->roles & (ROLE_VT | ROLE_TEAMLEIDER)) == 0;
}

static void compute(arena *a, kr_quarter q, bool hide_small, figures *f)
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
	f->hide_small = hide_small;
	if (hide_small)
		suppress(a, f);
}

/* The published figures of team t (the total row when t is the last). */
static tv *row_tv(arena *a, const figures *f, size_t t)
{
	const team_figures *tf = &f->teams[t];
	tv *o = tv_obj(a);
	tv_set_str(o, "team", tf->team);
	tv_set_bool(o, "total", t + 1 == f->nteams);
	tv_set_str(o, "received", count_text(a, f, t, C_RECEIVED));
	tv_set_str(o, "accepted", count_text(a, f, t, C_ACCEPTED));
	tv_set_str(o, "returned", count_text(a, f, t, C_RETURNED));
	tv_set_str(o, "median", median_out(a, f, t, false));
	tv_set_str(o, "warm", percent_out(a, f, t, tf->warm_in_norm, false));
	tv_set_str(o, "feedback", percent_out(a, f, t, tf->feedback_in_norm, false));
	tv *reasons = tv_list(a);
	for (int c = 0; c < NCAT; c++) {
		tv *r = tv_obj(a);
		tv_set_str(r, "count", count_text(a, f, t, C_CAT0 + c));
		tv_set_str(r, "label", handover_return_category_label(handover_return_categories[c]));
		tv_push(reasons, r);
	}
	tv_set(o, "reasons", reasons);
	return o;
}

static const char *const trend_series[TREND_SERIES] = {"Ontvangen", "Geaccepteerd", "Teruggelegd"};

/* The region's totals over the last TREND_QUARTERS quarters up to and including
 * `last`, oldest first: a chart (view/svg_trend.c) and the same numbers as rows. */
static void put_trend(arena *a, tv *ctx, kr_quarter last, bool hide_small)
{
	svg_trend_point pts[TREND_QUARTERS];
	tv *rows = tv_list(a);
	for (int i = 0; i < TREND_QUARTERS; i++) {
		figures *f = arena_alloc(a, sizeof *f);
		compute(a, kr_quarter_add(last, i - (TREND_QUARTERS - 1)), hide_small, f);
		size_t t = f->nteams - 1; /* the total row */
		char qb[KR_QUARTER_BUF];
		kr_quarter_format(f->q, qb);
		svg_trend_point *p = &pts[i];
		p->label = arena_strdup(a, qb);
		static const int col[TREND_SERIES] = {C_RECEIVED, C_ACCEPTED, C_RETURNED};
		for (int s = 0; s < TREND_SERIES; s++) {
			p->value[s] = count_of(&f->teams[t], col[s]);
			p->shown[s] = f->state[t][col[s]] == CELL_SHOWN;
			p->text[s] = count_text(a, f, t, col[s]);
		}
		tv *o = tv_obj(a);
		tv_set_str(o, "quarter", p->label);
		tv_set_str(o, "received", p->text[0]);
		tv_set_str(o, "accepted", p->text[1]);
		tv_set_str(o, "returned", p->text[2]);
		tv_set_str(o, "median", median_out(a, f, t, false));
		tv_set_str(o, "warm", percent_out(a, f, t, f->teams[t].warm_in_norm, false));
		tv_set_str(o, "feedback", percent_out(a, f, t, f->teams[t].feedback_in_norm, false));
		tv_push(rows, o);
	}
	tv_set(ctx, "trend", rows);
	tv_set(ctx, "trend_chart", svg_trend_chart(a, pts, TREND_QUARTERS, trend_series));
	char first[KR_QUARTER_BUF], lastb[KR_QUARTER_BUF];
	kr_quarter_format(kr_quarter_add(last, 1 - TREND_QUARTERS), first);
	kr_quarter_format(last, lastb);
	tv_set_str(ctx, "trend_from", arena_strdup(a, first));
	tv_set_str(ctx, "trend_to", arena_strdup(a, lastb));
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
	compute(a, q, small_counts_hidden(rq), f);
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
		tv_push(rows, row_tv(a, f, i));
	tv_set(ctx, "rows", rows);
	put_trend(a, ctx, kr_quarter_of(kr_date_today_nl()), small_counts_hidden(rq));
	tv_set_bool(ctx, "small_hidden", small_counts_hidden(rq));
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
	compute(a, q, small_counts_hidden(rq), f);
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
		/* the published texts: "<5" and "x" exactly as on the page */
		for (int c = C_RECEIVED; c <= C_RETURNED; c++)
			csv_cell(&sb, count_text(a, f, i, c));
		csv_cell(&sb, median_out(a, f, i, true));
		csv_cell(&sb, percent_out(a, f, i, t->warm_in_norm, true));
		csv_cell(&sb, percent_out(a, f, i, t->feedback_in_norm, true));
		for (int c = 0; c < NCAT; c++)
			csv_cell(&sb, count_text(a, f, i, C_CAT0 + c));
		csv_end_row(&sb);
	}
	if (small_counts_hidden(rq)) {
		csv_end_row(&sb);
		csv_cell(&sb, "<5: minder dan 5 overdrachten; x: niet getoond, omdat het samen met een totaal een aantal onder de 5"
		              " zou verraden");
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
