/*
 * case_home.c — the start-page panel of the work on cases (issue 8): for a team
 * leader the caseload per regisseur, the team's open escalations (he/she decides
 * or brings them to management or the board) and its stagnating cases; for a
 * regisseur his/her cases with their phase, the outward escalations waiting for
 * an answer, stagnating cases and the open (and overdue) agreements assigned to
 * him/her or the organisation; for a partner the cases it is involved in and what
 * is asked of its organisation.
 *
 * Called by home.c only for the roles its panel table names; every list is read
 * through an index from the user's team or own cases and capped (never a scan
 * that grows with history). Returns whether it showed client data (audited).
 */
#include "pages/case_course.h"
#include "pages/home_list.h"

#include "auth/audit.h"
#include "store/roles.h"
#include "pages/handovers.h"
#include "store/case_course.h"
#include "store/case_escalation.h"
#include "store/case_meeting.h"
#include "store/case_search.h"
#include "util/date.h"

#include <string.h>

#define HOME_LIMIT HOME_LIST_PAGE

static tv *escalation_list(request *rq, const case_escalation_brief *b, size_t n)
{
	arena *a = rq->a;
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "case_id", b[i].case_id);
		audit_note_household(rq, b[i].household_id);
		tv_set_str(o, "household_name", b[i].household_name);
		tv_set_str(o, "level", case_escalation_level_label(b[i].level));
		tv_set_str(o, "on", hv_date(a, b[i].escalated_on));
		tv_set_str(o, "director", b[i].director_name);
		tv_push(list, o);
	}
	return list;
}

static tv *stagnating_list(request *rq, const case_stagnating *s, size_t n)
{
	arena *a = rq->a;
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "case_id", s[i].case_id);
		audit_note_household(rq, s[i].household_id);
		tv_set_str(o, "household_name", s[i].household_name);
		tv_set_str(o, "director", s[i].director_name);
		tv_set_str(o, "since", hv_date(a, s[i].activity_on));
		tv_push(list, o);
	}
	return list;
}

static tv *rows_tv(request *rq, const case_row *c, size_t n)
{
	arena *a = rq->a;
	char today[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), today);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "case_id", c[i].id);
		audit_note_household(rq, c[i].household_id);
		tv_set_str(o, "household_name", c[i].household_name);
		tv_set_str(o, "phase", case_phase_label(c[i].phase));
		tv_set_str(o, "director", c[i].director_name);
		tv_set_str(o, "evaluation_due", hv_date(a, c[i].evaluation_due));
		tv_set_bool(o, "evaluation_late", *c[i].evaluation_due && strcmp(c[i].evaluation_due, today) < 0);
		tv_push(list, o);
	}
	return list;
}

bool case_course_home_panel(request *rq, tv *ctx)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	bool shown = false;
	char before[KR_DATE_BUF];
	kr_date_format_iso(kr_date_add_days(kr_date_today_nl(), -7 * (int64_t)case_stagnation_weeks()), before);
	tv_set_int(ctx, "home_stagnation_weeks", case_stagnation_weeks());
	size_t n;
	bool more;
	keyset after;
	tv_set_bool(ctx, "home_search", !home_list_paging(rq));
	if ((u->roles & ROLE_TEAMLEIDER) && home_list_wants(rq, "opschalingen-team", &after)) {
		case_escalation_brief *e = case_escalations_open_for_team(a, u->org_id, after, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_team_escalations", escalation_list(rq, e, n));
		tv_set_bool(ctx, "has_home_team_escalations", n > 0);
		if (n)
			home_list_next(rq, ctx, "home_team_escalations", "opschalingen-team", more, e[n - 1].escalated_on, e[n - 1].id);
		shown = shown || n > 0;
	}
	if ((u->roles & ROLE_TEAMLEIDER) && home_list_wants(rq, "stagnatie-team", &after)) {
		case_stagnating *s = case_stagnating_list(a, u->org_id, 0, before, after, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_team_stagnating", stagnating_list(rq, s, n));
		tv_set_bool(ctx, "has_home_team_stagnating", n > 0);
		if (n)
			home_list_next(rq, ctx, "home_team_stagnating", "stagnatie-team", more, s[n - 1].activity_on, s[n - 1].case_id);
		shown = shown || n > 0;
	}
	if ((u->roles & ROLE_PROFESSIONAL) && home_list_wants(rq, "opschalingen-mijn", &after)) {
		case_escalation_brief *e = case_escalations_open_for_director(a, u->id, after, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_my_escalations", escalation_list(rq, e, n));
		tv_set_bool(ctx, "has_home_my_escalations", n > 0);
		if (n)
			home_list_next(rq, ctx, "home_my_escalations", "opschalingen-mijn", more, e[n - 1].escalated_on, e[n - 1].id);
		shown = shown || n > 0;
	}
	if ((u->roles & ROLE_PROFESSIONAL) && home_list_wants(rq, "stagnatie-mijn", &after)) {
		case_stagnating *s = case_stagnating_list(a, 0, u->id, before, after, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_my_stagnating", stagnating_list(rq, s, n));
		tv_set_bool(ctx, "has_home_my_stagnating", n > 0);
		if (n)
			home_list_next(rq, ctx, "home_my_stagnating", "stagnatie-mijn", more, s[n - 1].activity_on, s[n - 1].case_id);
		shown = shown || n > 0;
	}
	/* my cases (regisseur) and the cases I am involved in (partners, colleagues) */
	if ((u->roles & ROLE_PROFESSIONAL) && home_list_wants(rq, "mijn-casussen", &after)) {
		case_row *c = case_directed_open(a, u->id, after, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_my_cases", rows_tv(rq, c, n));
		tv_set_bool(ctx, "has_home_my_cases", n > 0);
		if (n)
			home_list_next(rq, ctx, "home_my_cases", "mijn-casussen", more, c[n - 1].activity_on, c[n - 1].id);
		shown = shown || n > 0;
	}
	if ((u->roles & (ROLE_PROFESSIONAL | ROLE_PARTNER)) && home_list_wants(rq, "betrokken", &after)) {
		case_row *c = case_involved_open(a, u->id, after, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_involved_cases", rows_tv(rq, c, n));
		tv_set_bool(ctx, "has_home_involved_cases", n > 0);
		if (n)
			home_list_next(rq, ctx, "home_involved_cases", "betrokken", more, "", c[n - 1].id);
		shown = shown || n > 0;
	}
	if ((u->roles & (ROLE_PROFESSIONAL | ROLE_PARTNER)) && home_list_wants(rq, "afspraken", &after)) {
		/* what is asked of me or my organisation: open agreements of round-table meetings */
		char today[KR_DATE_BUF];
		kr_date_format_iso(kr_date_today_nl(), today);
		case_agreement_brief *g = case_agreements_open_for_user(a, u->id, u->org_id, after, HOME_LIMIT, &n, &more);
		tv *list = tv_list(a);
		size_t overdue = 0;
		for (size_t i = 0; i < n; i++) {
			tv *o = tv_obj(a);
			tv_set_int(o, "case_id", g[i].case_id);
			audit_note_household(rq, g[i].household_id);
			tv_set_str(o, "household_name", g[i].household_name);
			tv_set_str(o, "what", g[i].what);
			tv_set_str(o, "due", hv_date(a, g[i].due_on));
			tv_set_str(o, "status", case_agreement_status_label(g[i].status));
			tv_set_bool(o, "mine", g[i].mine);
			bool late = *g[i].due_on && strcmp(g[i].due_on, today) < 0;
			overdue += late;
			tv_set_bool(o, "overdue", late);
			tv_push(list, o);
		}
		tv_set(ctx, "home_agreements", list);
		tv_set_bool(ctx, "has_home_agreements", n > 0);
		if (n)
			home_list_next(rq, ctx, "home_agreements", "afspraken", more,
			               *g[n - 1].due_on ? g[n - 1].due_on : "9999-12-31", g[n - 1].id);
		tv_set_int(ctx, "home_agreements_overdue", (int64_t)overdue);
		tv_set_bool(ctx, "has_home_agreements_overdue", overdue > 0);
		shown = shown || n > 0;
	}
	if ((u->roles & ROLE_TEAMLEIDER) && !home_list_paging(rq)) {
		case_caseload *cl = case_caseload_of_team(a, u->org_id, &n);
		tv *list = tv_list(a);
		for (size_t i = 0; i < n; i++) {
			tv *o = tv_obj(a);
			tv_set_str(o, "name", cl[i].director_name);
			tv_set_int(o, "open_cases", cl[i].open_cases);
			tv_push(list, o);
		}
		tv_set(ctx, "home_caseload", list);
		tv_set_bool(ctx, "has_home_caseload", n > 0);
	}
	return shown;
}
