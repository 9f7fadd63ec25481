/*
 * case_course.c — a case's phase of "gefaseerd samenwerken aan veiligheid"
 * (POST /casussen/{id}/fase), its closure with the toekomstplan
 * (POST /casussen/{id}/afsluiten) and reopening (POST /casussen/{id}/heropenen),
 * and the case page's section for the course of the case.
 *
 * Who may do this is decided by the route table (access_case_team_manage: the
 * case's team leader or its regisseur); what the page shows follows from the
 * user's mask of parts. Closing from phase 4 or 5 requires the toekomstplan
 * (DESIGN.md §8: relapse is normal and must stay visible). A closed case refuses
 * every change with 409. Every change runs in one transaction.
 */
#include "pages/case_course.h"

#include "auth/case_parts.h"
#include "pages/case_team.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/re_report.h"
#include "store/case_course.h"
#include "store/db.h"
#include "store/involvement.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

void case_course_require(request *rq, const char *field, const char *message)
{
	if (!*form_str(&rq->form, field) && !form_error(&rq->form, field))
		form_add_error(&rq->form, field, message);
}

void case_course_not_future(request *rq, const char *field, const char *message)
{
	const char *s = form_str(&rq->form, field);
	kr_date d;
	if (*s && !form_error(&rq->form, field) && kr_date_parse_iso(s, &d) && kr_date_cmp(d, kr_date_today_nl()) > 0)
		form_add_error(&rq->form, field, message);
}

bool case_course_open_or_409(request *rq)
{
	return case_team_case_open(rq); /* the one 409 for a closed case (case_team.c) */
}

/* By organisation name as SQLite orders it (organisation.name is COLLATE NOCASE). */
static int org_name_order(const void *pa, const void *pb)
{
	const involvement *const *a = pa, *const *b = pb;
	return sqlite3_stricmp((*a)->org_name, (*b)->org_name);
}

/* Organisations that may keep an eye after closure: those actively involved
 * through a person still in the organisation (as involvement_active_users counts
 * them), each once, by name; from the involvements the page read already. */
static tv *watch_orgs(request *rq, const involvement *inv, size_t ninv, int64_t selected)
{
	arena *a = rq->a;
	const involvement **orgs = arena_alloc(a, (ninv + 1) * sizeof *orgs);
	size_t k = 0;
	for (size_t i = 0; i < ninv; i++) {
		if (inv[i].ended || !inv[i].user_id || !inv[i].in_org)
			continue;
		bool dup = false;
		for (size_t j = 0; j < k; j++)
			dup = dup || orgs[j]->org_id == inv[i].org_id;
		if (!dup)
			orgs[k++] = &inv[i];
	}
	if (k > 1)
		qsort(orgs, k, sizeof *orgs, org_name_order); /* names are unique (NOCASE) */
	tv *list = tv_list(a);
	for (size_t i = 0; i < k; i++) {
		tv *o = tv_obj(a);
		tv_put_int(o, "value", orgs[i]->org_id);
		tv_put_str(o, "label", orgs[i]->org_name);
		tv_put_bool(o, "selected", orgs[i]->org_id == selected);
		tv_push(list, o);
	}
	return list;
}

static bool org_is_involved(request *rq, int64_t case_id, int64_t org_id)
{
	size_t n;
	involved_user *iu = involvement_active_users(rq->a, case_id, &n);
	for (size_t i = 0; i < n; i++)
		if (iu[i].org_id == org_id)
			return true;
	return false;
}

static void put_phases(request *rq, tv *ctx, const case_rec *c, unsigned parts, bool manages, const char *failed)
{
	arena *a = rq->a;
	int phase = c->phase;
	tv_put_int(ctx, "phase", phase);
	tv_put_str(ctx, "phase_label", case_phase_label(phase));
	tv_put_str(ctx, "phase_plan", case_phase_plan(phase));
	size_t n;
	case_phase_change *h = case_phase_history(a, c->id, &n);
	tv *hist = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_put_str(o, "from", case_phase_label(h[i].from_phase));
		tv_put_str(o, "to", case_phase_label(h[i].to_phase));
		tv_put_str(o, "on", hv_date(a, h[i].changed_on));
		tv_put_str(o, "reason", h[i].reason);
		tv_put_str(o, "by", h[i].by_name);
		tv_put_bool(o, "incident", h[i].incident);
		/* going back to phase 1 stands out, with or without an incident */
		tv_put_bool(o, "back_to_1", h[i].to_phase == 1 && h[i].from_phase > 1);
		tv_push(hist, o);
	}
	tv_put(ctx, "phase_history", hist);
	tv_put_bool(ctx, "has_phase_history", n > 0);
	if (n > 0 && h[0].to_phase == 1 && h[0].from_phase > 1) {
		tv_put_bool(ctx, "phase_relapse", true);
		tv_put_str(ctx, "phase_relapse_on", hv_date(a, h[0].changed_on));
		tv_put_str(ctx, "phase_relapse_reason", h[0].reason);
	}
	(void)parts;
	if (!manages)
		return;
	bool kept = failed && strcmp(failed, "phase") == 0;
	int64_t chosen = 0;
	if (kept)
		form_int(&rq->form, "to_phase", &chosen);
	tv *opts = tv_list(a);
	for (int p = 1; p <= CASE_PHASES; p++) {
		tv *o = tv_obj(a);
		tv_put_int(o, "value", p);
		tv_put_str(o, "label", case_phase_label(p));
		tv_put_bool(o, "selected", kept ? chosen == p : p == (phase < CASE_PHASES ? phase + 1 : phase));
		tv_push(opts, o);
	}
	tv_put(ctx, "phase_choices", opts);
	tv_put_bool(ctx, "phase_incident_checked", kept && strcmp(form_str(&rq->form, "incident"), "ja") == 0);
}

static void put_closures(request *rq, tv *ctx, const case_rec *c, const involvement *inv, size_t ninv, unsigned parts,
                         bool manages, const char *failed)
{
	arena *a = rq->a;
	size_t n;
	case_closure *k = case_closures(a, c->id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_put_str(o, "closed_on", hv_date(a, k[i].closed_on));
		tv_put_str(o, "reason", k[i].reason);
		tv_put_str(o, "by", k[i].by_name);
		tv_put_str(o, "from_phase", case_phase_label(k[i].from_phase));
		/* the toekomstplan: signals and whom to call are the plan's "signalen" part */
		bool plan = (parts & PART_PLAN_SIGNALEN) && (*k[i].relapse_signals || *k[i].family_calls || *k[i].checks);
		tv_put_bool(o, "has_future_plan", plan);
		if (plan) {
			tv_put_str(o, "relapse_signals", k[i].relapse_signals);
			tv_put_str(o, "family_calls", k[i].family_calls);
			tv_put_str(o, "watch_org", k[i].watch_org_name);
			tv_put_str(o, "watch_what", k[i].watch_what);
			tv_put_str(o, "watch_until", hv_date(a, k[i].watch_until));
			tv *checks = tv_list(a);
			const char *s = k[i].checks;
			while (*s) {
				char iso[11];
				size_t len = strcspn(s, " ");
				if (len == 10) {
					memcpy(iso, s, 10);
					iso[10] = '\0';
					tv *d = tv_obj(a);
					tv_put_str(d, "on", hv_date(a, iso));
					tv_push(checks, d);
				}
				s += len;
				s += strspn(s, " ");
			}
			tv_put(o, "checks", checks);
		}
		tv_put_bool(o, "reopened", k[i].reopened);
		tv_put_str(o, "reopened_at", hv_datetime(a, k[i].reopened_at));
		tv_put_str(o, "reopened_by", k[i].reopened_by_name);
		tv_put_str(o, "reopen_reason", k[i].reopen_reason);
		tv_push(list, o);
	}
	tv_put(ctx, "closures", list);
	tv_put_bool(ctx, "has_closures", n > 0);
	if (!manages)
		return;
	bool kept = failed && strcmp(failed, "close") == 0;
	int64_t chosen = 0;
	if (kept)
		form_int(&rq->form, "watch_org", &chosen);
	tv_put(ctx, "watch_orgs", watch_orgs(rq, inv, ninv, chosen));
	tv_put_bool(ctx, "future_plan_required", c->phase >= 4);
}

/* Hermeldingen of this case (0018_re_report): new handovers from Veilig Thuis about
 * its household, wherever they were sent; for the case team, next to the phase. */
static void put_re_reports(request *rq, tv *ctx, const case_rec *c)
{
	arena *a = rq->a;
	size_t n;
	bool more;
	re_report *r = re_report_of_case(a, c->id, 10, &n, &more);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_put_str(o, "reported", hv_datetime(a, r[i].reported_at));
		tv_put_str(o, "sent_to", *r[i].sent_to ? r[i].sent_to : "de gezamenlijke triage");
		tv_put_bool(o, "undecided", r[i].undecided);
		tv_put_bool(o, "urgent", r[i].urgency[0] == 'h');
		tv_push(list, o);
	}
	tv_put(ctx, "re_reports", list);
	tv_put_bool(ctx, "has_re_reports", n > 0);
	tv_put_bool(ctx, "re_reports_more", more);
}

void case_course_to_view(request *rq, tv *ctx, const case_rec *c, const involvement *inv, size_t ninv, unsigned parts,
                         bool manages, const char *failed)
{
	bool sees = case_team_sees_all(parts);
	tv_put_bool(ctx, "course_visible", sees);
	tv_put_bool(ctx, "course_manages", manages);
	if (failed)
		tv_set_bool(ctx, arena_printf(rq->a, "course_failed_%s", failed), true);
	if (sees) {
		put_phases(rq, ctx, c, parts, manages && strcmp(c->status, "open") == 0, failed);
		put_re_reports(rq, ctx, c);
		case_escalation_to_view(rq, ctx, c, manages, failed);
	}
	put_closures(rq, ctx, c, inv, ninv, parts, manages && strcmp(c->status, "open") == 0, failed);
}

/* ---- phase -------------------------------------------------------------------- */

void page_case_phase(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	if (!case_course_open_or_409(rq))
		return;
	int64_t to = 0;
	int current = case_phase_of(rq->ids[0]);
	if (!form_error(f, "to_phase") && (!form_int(f, "to_phase", &to) || to < 1 || to > CASE_PHASES))
		form_add_error(f, "to_phase", "Kies een van de vijf fasen.");
	else if (to == current)
		form_add_error(f, "to_phase", arena_printf(a, "De casus is al in fase %s.", case_phase_label(current)));
	bool incident = strcmp(form_str(f, "incident"), "ja") == 0;
	if (incident && to != 1 && !form_error(f, "to_phase"))
		form_add_error(f, "incident", "Na een incident of hermelding gaat de casus terug naar fase 1.");
	case_course_require(rq, "changed_on", "Vul de datum van het besluit in.");
	case_course_not_future(rq, "changed_on", "De datum van het besluit kan niet in de toekomst liggen.");
	case_course_require(rq, "reason", "Schrijf waarom de casus naar deze fase gaat.");
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "phase");
		return;
	}
	if (!case_phase_set(rq->ids[0], (int)to, form_str(f, "changed_on"), form_str(f, "reason"), incident,
	                    rq->user->id) ||
	    !db_commit()) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = arena_printf(a, "fase %d -> %lld%s", current, (long long)to, incident ? " (incident)" : "");
	respond_redirect(rq, arena_printf(a, "/casussen/%lld#fase-kop", (long long)rq->ids[0]));
}

/* ---- closure and reopening ------------------------------------------------------ */

static const char *const check_fields[3] = {"check_on_1", "check_on_2", "check_on_3"};

void page_case_close(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	case_rec c;
	if (!case_course_open_or_409(rq) || !case_get(a, rq->ids[0], &c))
		return;
	int phase = case_phase_of(c.id);
	case_course_require(rq, "closed_on", "Vul de datum van afsluiten in.");
	case_course_not_future(rq, "closed_on", "De datum van afsluiten kan niet in de toekomst liggen.");
	case_course_require(rq, "reason", "Schrijf waarom de casus wordt afgesloten.");
	kr_date closed_on = {0}, d;
	bool have_closed_on = !form_error(f, "closed_on") && kr_date_parse_iso(form_str(f, "closed_on"), &closed_on);
	int64_t watch_org = 0;
	if (*form_str(f, "watch_org") && !form_error(f, "watch_org") &&
	    (!form_int(f, "watch_org", &watch_org) || !org_is_involved(rq, c.id, watch_org)))
		form_add_error(f, "watch_org", "Kies een organisatie die bij de casus betrokken is.");
	size_t nchecks = 0;
	for (size_t i = 0; i < 3; i++) {
		const char *s = form_str(f, check_fields[i]);
		if (!*s || form_error(f, check_fields[i]) || !kr_date_parse_iso(s, &d))
			continue;
		if (have_closed_on && kr_date_cmp(d, closed_on) <= 0)
			form_add_error(f, check_fields[i], "Een vervolgcontrole ligt na de datum van afsluiten.");
		else
			nchecks++;
	}
	const char *until = form_str(f, "watch_until");
	if (*until && !form_error(f, "watch_until") && kr_date_parse_iso(until, &d) && have_closed_on &&
	    kr_date_cmp(d, closed_on) <= 0)
		form_add_error(f, "watch_until", "Tot wanneer de organisatie een oogje in het zeil houdt, ligt na de datum van afsluiten.");
	if (phase >= 4) {
		/* from phase 4 or 5 only with the toekomstplan: relapse is normal (DESIGN.md §8) */
		case_course_require(rq, "relapse_signals", "Vanuit fase 4 of 5 hoort bij afsluiten een toekomstplan: "
		                                            "schrijf de signalen van terugval.");
		case_course_require(rq, "family_calls", "Schrijf wie het gezin belt als het weer onveilig wordt.");
		case_course_require(rq, "watch_org", "Kies welke organisatie een oogje in het zeil houdt.");
		case_course_require(rq, "watch_until", "Vul in tot wanneer die organisatie een oogje in het zeil houdt.");
		if (nchecks == 0 && !form_error(f, "check_on_1"))
			form_add_error(f, "check_on_1", "Vul ten minste één datum voor een vervolgcontrole in.");
	}
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "close");
		return;
	}
	case_closure_in in = {
		.closed_on = form_str(f, "closed_on"), .reason = form_str(f, "reason"),
		.relapse_signals = form_str(f, "relapse_signals"), .family_calls = form_str(f, "family_calls"),
		.watch_what = form_str(f, "watch_what"), .watch_until = until, .watch_org_id = watch_org,
		.checks = {form_str(f, check_fields[0]), form_str(f, check_fields[1]), form_str(f, check_fields[2])},
	};
	if (!case_close(c.id, &in, phase, rq->user->id) || !db_commit()) {
		db_rollback();
		respond_error(rq, 409);
		return;
	}
	rq->audit.detail = arena_printf(a, "afgesloten vanuit fase %d", phase);
	respond_redirect(rq, arena_printf(a, "/casussen/%lld", (long long)c.id));
}

void page_case_reopen(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	if (strcmp(c.status, "gesloten") != 0) {
		tv *ctx = page_ctx(rq, "Casus is open");
		tv_put_str(ctx, "href", arena_printf(a, "/casussen/%lld", (long long)c.id));
		tv_put_str(ctx, "what", "de casus (al open)");
		respond_page(rq, 409, "handover_conflict", ctx);
		return;
	}
	case_course_require(rq, "reason", "Schrijf waarom de casus weer wordt geopend.");
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "reopen");
		return;
	}
	if (!case_reopen(c.id, form_str(f, "reason"), rq->user->id) || !db_commit()) {
		db_rollback();
		respond_error(rq, 409);
		return;
	}
	rq->audit.detail = "heropend";
	respond_redirect(rq, arena_printf(a, "/casussen/%lld", (long long)c.id));
}
