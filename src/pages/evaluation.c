/*
 * evaluation.c — /casussen/{id}/evaluaties: evaluations of the family plan held by
 * the regisseur with the family (issue 8, item 4). Each evaluation stores what it
 * evaluated: per member and ZRM domain the score at the start (the first score in
 * any plan version) and now (the latest version), each safety condition's status,
 * the safety-scale trend, per goal achieved or not, the family's view, the
 * conclusion and the next evaluation date (default: the norm under /beheer/normen).
 * The evaluation page shows a server-side SVG chart with the same numbers in a table.
 * Also the start page's "evaluatie te laat" panel.
 *
 * The conclusion is recorded here; the phase change, escalation and closure
 * themselves are the case page's forms (casework), linked from the evaluation.
 */
#include "pages/home_list.h"
#include "pages/family_plan.h"
#include "pages/family_plan_int.h"

#include "auth/audit.h"
#include "auth/case_parts.h"
#include "store/roles.h"
#include "auth/safety_plan_access.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/db.h"
#include "store/safety_plan.h"
#include "util/date.h"
#include "view/svg_zrm.h"

#include <string.h>

static const char *person_name(const person *m, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].id == id)
			return m[i].name;
	return "";
}

/* Start and now per member and domain from the family plan's versions. */
static ev_domain *domains_now(arena *a, int64_t case_id, const person *m, size_t nm, size_t *n)
{
	fp_plan p;
	*n = 0;
	if (!family_plan_get(a, case_id, 0, &p))
		return NULL;
	ev_domain *list = arena_alloc(a, (p.nscores + 1) * sizeof *list);
	size_t k = 0;
	for (size_t i = 0; i < p.nscores; i++) {
		if (!p.scores[i].score)
			continue;
		ev_domain *d = &list[k++];
		d->person_id = p.scores[i].person_id;
		d->person_name = person_name(m, nm, d->person_id);
		d->domain = p.scores[i].domain;
		d->now_score = p.scores[i].score;
		d->start_score = family_plan_first_score(case_id, d->person_id, d->domain);
	}
	*n = k;
	return list;
}

/* The safety-scale scores of every safety plan version, oldest first, one line. */
static const char *scale_trend(arena *a, int64_t case_id)
{
	size_t nv;
	sp_version_row *v = safety_plan_versions(a, case_id, &nv);
	strbuf sb;
	sb_init(&sb, a);
	const char *last = "";
	for (size_t i = nv; i-- > 0;) {
		sp_plan p;
		if (!safety_plan_get(a, case_id, v[i].n, &p))
			continue;
		for (size_t k = 0; k < p.nitems[SP_SCHAAL]; k++) {
			const sp_item *it = &p.items[SP_SCHAAL][k];
			const char *line = arena_printf(a, "%s: %s gaf %s", hv_date(a, it->f[2]), it->f[0], it->f[1]);
			if (strstr(last, line) || (sb.len && strstr(sb.data, line)))
				continue;
			if (sb.len)
				sb_puts(&sb, "; ");
			sb_puts(&sb, line);
		}
		last = sb.len ? sb.data : "";
	}
	return sb.len ? sb.data : "";
}

static tv *domain_rows(arena *a, const ev_domain *d, size_t n)
{
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "person", d[i].person_name);
		tv_set_str(o, "domain", zrm_domain_label(d[i].domain));
		if (d[i].start_score)
			tv_set_int(o, "start", d[i].start_score);
		if (d[i].now_score)
			tv_set_int(o, "now", d[i].now_score);
		int diff = d[i].start_score && d[i].now_score ? d[i].now_score - d[i].start_score : 0;
		tv_set_str(o, "change", diff > 0 ? arena_printf(a, "+%d", diff) : diff < 0 ? arena_printf(a, "%d", diff) : "0");
		tv_push(list, o);
	}
	return list;
}

static tv *chart_of(arena *a, const ev_domain *d, size_t n)
{
	svg_zrm_row *rows = arena_alloc(a, (n + 1) * sizeof *rows);
	for (size_t i = 0; i < n; i++)
		rows[i] = (svg_zrm_row){.label = arena_printf(a, "%s — %s", d[i].person_name, zrm_domain_label(d[i].domain)),
		                        .start = d[i].start_score, .now = d[i].now_score};
	return svg_zrm_chart(a, rows, n);
}

static tv *choice_options(arena *a, const char *const *codes, const char *(*label)(const char *), const char *chosen)
{
	tv *list = tv_list(a);
	for (size_t i = 0; codes[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", codes[i]);
		tv_set_str(o, "label", label(codes[i]));
		tv_set_bool(o, "selected", chosen && strcmp(chosen, codes[i]) == 0);
		tv_push(list, o);
	}
	return list;
}

static const char *const achieved_codes[] = {"behaald", "niet_behaald", NULL};
static const char *achieved_label(const char *c)
{
	return strcmp(c, "behaald") == 0 ? "behaald" : "niet behaald";
}

static void show_list(request *rq, int status)
{
	arena *a = rq->a;
	form *f = &rq->form;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	unsigned mask = case_parts_of(rq, c.id);
	tv *ctx = page_ctx(rq, arena_printf(a, "Evaluaties — %s", c.household_name));
	page_add_form(ctx, f);
	tv_set_int(ctx, "case_id", c.id);
	tv_set_str(ctx, "household_name", c.household_name);
	tv_set_str(ctx, "next_evaluation", hv_date(a, evaluation_due_of(a, c.id)));
	size_t n;
	evaluation_rec *ev = evaluation_list(a, c.id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", ev[i].id);
		tv_set_str(o, "held_on", hv_date(a, ev[i].held_on));
		tv_set_str(o, "conclusion", evaluation_conclusion_label(ev[i].conclusion));
		tv_set_str(o, "next_on", hv_date(a, ev[i].next_on));
		tv_set_str(o, "by", ev[i].created_by_name);
		tv_push(list, o);
	}
	tv_set(ctx, "evaluations", list);
	bool may_record = safety_plan_may_agree(rq, c.id) && strcmp(c.status, "open") == 0;
	tv_set_bool(ctx, "may_record", may_record);
	if (may_record) {
		bool from_form = status != 200;
		size_t nm, nd;
		person *m = household_members(a, c.household_id, &nm);
		ev_domain *d = domains_now(a, c.id, m, nm, &nd);
		tv_set(ctx, "domains", domain_rows(a, d, nd));
		tv_set_bool(ctx, "has_domains", nd > 0);
		if (mask & PART_PLAN_SCHAAL)
			tv_set_str(ctx, "scale_trend", scale_trend(a, c.id));
		/* conditions: current status preselected (or what was submitted) */
		const char **cids, **cst;
		size_t ncid = form_all(f, "cond_id", &cids), ncst = form_all(f, "cond_status", &cst);
		size_t nk = 0;
		case_condition *k = (mask & PART_VOORWAARDEN) ? case_conditions(a, c.id, &nk) : NULL;
		tv *conds = tv_list(a);
		for (size_t i = 0; i < nk; i++) {
			const char *chosen = k[i].status;
			const char *ids = arena_printf(a, "%lld", (long long)k[i].id);
			for (size_t j = 0; from_form && j < ncid && j < ncst; j++)
				if (strcmp(cids[j], ids) == 0)
					chosen = cst[j];
			tv *o = tv_obj(a);
			tv_set_int(o, "id", k[i].id);
			tv_set_int(o, "n", (int64_t)i + 1);
			tv_set_str(o, "text", k[i].text);
			tv_set(o, "options", choice_options(a, case_condition_statuses, case_condition_status_label, chosen));
			tv_push(conds, o);
		}
		tv_set(ctx, "conditions", conds);
		/* goals of the latest plan version that are not vervallen */
		fp_plan p;
		tv *goals = tv_list(a);
		const char **gach;
		size_t ngach = form_all(f, "goal_achieved", &gach), gi = 0;
		if (family_plan_get(a, c.id, 0, &p))
			for (size_t i = 0; i < p.ngoals; i++) {
				if (strcmp(p.goals[i].status, "vervallen") == 0)
					continue;
				tv *o = tv_obj(a);
				tv_set_int(o, "n", (int64_t)gi + 1);
				const char *text = arena_printf(a, "%s (%s): %s", zrm_domain_label(p.goals[i].domain),
				                                p.goals[i].person_id ? person_name(m, nm, p.goals[i].person_id) : "het hele gezin",
				                                p.goals[i].what);
				tv_set_str(o, "text", text);
				const char *chosen = from_form && gi < ngach ? gach[gi] :
				                     strcmp(p.goals[i].status, "behaald") == 0 ? "behaald" : "niet_behaald";
				tv_set(o, "options", choice_options(a, achieved_codes, achieved_label, chosen));
				tv_push(goals, o);
				gi++;
			}
		tv_set(ctx, "goals", goals);
		tv_set(ctx, "conclusion_options",
		       choice_options(a, evaluation_conclusions, evaluation_conclusion_label, form_str(f, "conclusion")));
		kr_date today = kr_date_today_nl();
		char iso[KR_DATE_BUF], next[KR_DATE_BUF];
		kr_date_format_iso(today, iso);
		int weeks = evaluation_norm_weeks();
		kr_date_format_iso(kr_date_add_days(today, 7 * weeks), next);
		tv_set_str(ctx, "held_on", from_form ? form_str(f, "held_on") : iso);
		tv_set_str(ctx, "next_on", from_form ? form_str(f, "next_on") : next);
		tv_set_int(ctx, "norm_weeks", weeks);
	}
	respond_page(rq, status, "evaluations", ctx);
}

void page_evaluations_show(request *rq)
{
	bool begun = db_read_begin();
	rq->audit.detail = "evaluaties";
	show_list(rq, 200);
	db_read_end(begun);
}

void page_evaluation_create(request *rq)
{
	arena *a = rq->a;
	form *f = &rq->form;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	if (strcmp(c.status, "open") != 0) {
		tv *ctx = page_ctx(rq, "Casus gesloten");
		tv_set_str(ctx, "href", arena_printf(a, "/casussen/%lld/evaluaties", (long long)c.id));
		tv_set_str(ctx, "what", "de evaluaties (de casus is gesloten)");
		respond_page(rq, 409, "handover_conflict", ctx);
		return;
	}
	unsigned mask = case_parts_of(rq, c.id);
	evaluation_rec e = {.case_id = c.id, .held_on = form_str(f, "held_on"), .family_view = form_str(f, "family_view"),
	                    .conclusion = form_str(f, "conclusion"), .conclusion_note = form_str(f, "conclusion_note"),
	                    .next_on = form_str(f, "next_on"), .scale_trend = ""};
	kr_date held, next, today = kr_date_today_nl();
	bool have_held = !form_error(f, "held_on") && kr_date_parse_iso(e.held_on, &held);
	if (have_held && kr_date_cmp(held, today) > 0)
		form_add_error(f, "held_on", "Een evaluatie wordt vastgelegd nadat hij gehouden is: de datum kan niet in de toekomst liggen.");
	if (!*e.next_on && have_held) {
		char buf[KR_DATE_BUF];
		kr_date_format_iso(kr_date_add_days(held, 7 * evaluation_norm_weeks()), buf);
		e.next_on = arena_strdup(a, buf);
	}
	if (!form_error(f, "next_on") && have_held && kr_date_parse_iso(e.next_on, &next) && kr_date_cmp(next, held) <= 0)
		form_add_error(f, "next_on", "De volgende evaluatie ligt na de datum van deze evaluatie.");
	const char **cids, **cst, **gach;
	size_t ncid = form_all(f, "cond_id", &cids), ncst = form_all(f, "cond_status", &cst);
	size_t ngach = form_all(f, "goal_achieved", &gach);
	if (ncid != ncst)
		form_add_error(f, "cond_status", "Kies bij elke voorwaarde de status.");
	if (form_has_errors(f)) {
		show_list(rq, 422);
		return;
	}
	size_t nm;
	person *m = household_members(a, c.household_id, &nm);
	e.domains = domains_now(a, c.id, m, nm, &e.ndomains);
	if (mask & PART_PLAN_SCHAAL)
		e.scale_trend = scale_trend(a, c.id);
	/* only the case's own conditions */
	size_t nk = 0;
	case_condition *k = (mask & PART_VOORWAARDEN) ? case_conditions(a, c.id, &nk) : NULL;
	e.conditions = arena_alloc(a, (nk + 1) * sizeof *e.conditions);
	for (size_t i = 0; i < ncid; i++) {
		int64_t id;
		if (!parse_id(cids[i], &id))
			continue;
		for (size_t j = 0; j < nk; j++)
			if (k[j].id == id)
				e.conditions[e.nconditions++] = (ev_condition){.condition_id = id, .status = cst[i]};
	}
	fp_plan p;
	if (family_plan_get(a, c.id, 0, &p)) {
		e.goals = arena_alloc(a, (p.ngoals + 1) * sizeof *e.goals);
		size_t gi = 0;
		for (size_t i = 0; i < p.ngoals; i++) {
			if (strcmp(p.goals[i].status, "vervallen") == 0)
				continue;
			const char *ach = gi < ngach ? gach[gi] : "niet_behaald";
			gi++;
			e.goals[e.ngoals++] = (ev_goal){
				.goal = arena_printf(a, "%s (%s): %s", zrm_domain_label(p.goals[i].domain),
				                     p.goals[i].person_id ? person_name(m, nm, p.goals[i].person_id) : "het hele gezin",
				                     p.goals[i].what),
				.achieved = ach};
		}
	}
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	int64_t id = evaluation_add(&e, rq->user->id);
	if (!id) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = arena_printf(a, "evaluatie %lld: %s", (long long)id, e.conclusion);
	respond_redirect(rq, arena_printf(a, "/casussen/%lld/evaluaties/%lld", (long long)c.id, (long long)id));
}

void page_evaluation_show(request *rq)
{
	arena *a = rq->a;
	bool begun = db_read_begin();
	case_rec c;
	evaluation_rec e;
	if (!case_get(a, rq->ids[0], &c) || !evaluation_get(a, c.id, rq->ids[1], &e)) {
		db_read_end(begun);
		respond_error(rq, 404);
		return;
	}
	unsigned mask = case_parts_of(rq, c.id);
	rq->audit.detail = arena_printf(a, "evaluatie %lld", (long long)e.id);
	tv *ctx = page_ctx(rq, arena_printf(a, "Evaluatie %s — %s", hv_date(a, e.held_on), c.household_name));
	tv_set_int(ctx, "case_id", c.id);
	tv_set_str(ctx, "household_name", c.household_name);
	tv_set_str(ctx, "held_on", hv_date(a, e.held_on));
	tv_set_str(ctx, "by", e.created_by_name);
	tv_set_str(ctx, "family_view", e.family_view);
	tv_set_str(ctx, "conclusion", evaluation_conclusion_label(e.conclusion));
	tv_set_bool(ctx, "conclusion_phase", strcmp(e.conclusion, "volgende_fase") == 0);
	tv_set_bool(ctx, "conclusion_escalate", strcmp(e.conclusion, "opschalen") == 0);
	tv_set_bool(ctx, "conclusion_close", strcmp(e.conclusion, "afsluiten") == 0);
	tv_set_str(ctx, "conclusion_note", e.conclusion_note);
	tv_set_str(ctx, "next_on", hv_date(a, e.next_on));
	if (mask & PART_PLAN_SCHAAL)
		tv_set_str(ctx, "scale_trend", e.scale_trend);
	tv_set(ctx, "domains", domain_rows(a, e.domains, e.ndomains));
	tv_set_bool(ctx, "has_domains", e.ndomains > 0);
	tv_set(ctx, "chart", chart_of(a, e.domains, e.ndomains));
	tv *conds = tv_list(a);
	for (size_t i = 0; (mask & PART_VOORWAARDEN) && i < e.nconditions; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "text", e.conditions[i].text);
		tv_set_str(o, "status", case_condition_status_label(e.conditions[i].status));
		tv_push(conds, o);
	}
	tv_set(ctx, "conditions", conds);
	tv *goals = tv_list(a);
	for (size_t i = 0; i < e.ngoals; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "goal", e.goals[i].goal);
		tv_set_str(o, "achieved", achieved_label(e.goals[i].achieved));
		tv_push(goals, o);
	}
	tv_set(ctx, "goals", goals);
	respond_page(rq, 200, "evaluation", ctx);
	db_read_end(begun);
}

/* ---- start page ---- */

bool evaluation_home_panel(request *rq, tv *ctx)
{
	arena *a = rq->a;
	char today[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), today);
	unsigned roles = rq->user->roles;
	int64_t team = (roles & ROLE_TEAMLEIDER) ? rq->user->org_id : 0;
	int64_t director = (roles & ROLE_PROFESSIONAL) ? rq->user->id : 0;
	size_t n = 0;
	bool more = false;
	keyset after;
	if (!home_list_wants(rq, "evaluatie-te-laat", &after))
		return false;
	ev_overdue *list = evaluation_overdue_for(a, director, team, today, after, HOME_LIST_PAGE, &n, &more);
	tv *items = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "case_id", list[i].case_id);
		audit_note_household(rq, list[i].household_id);
		tv_set_str(o, "household", list[i].household_name);
		tv_set_str(o, "due_on", hv_date(a, list[i].due_on));
		tv_set_str(o, "director", list[i].director_name);
		tv_push(items, o);
	}
	tv_set(ctx, "overdue_evaluations", items);
	tv_set_bool(ctx, "has_overdue_evaluations", n > 0);
	if (n)
		home_list_next(rq, ctx, "overdue_evaluations", "evaluatie-te-laat", more, list[n - 1].due_on, list[n - 1].case_id);
	tv_set_bool(ctx, "show_evaluation_panel", true);
	return n > 0;
}
