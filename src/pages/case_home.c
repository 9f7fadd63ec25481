/*
 * case_home.c — the start-page panel of the work on cases (issue 8): for a team
 * leader the team's open escalations (he/she decides or brings them to
 * management or the board) and its stagnating cases; for a regisseur the outward
 * escalations waiting for an answer and his/her stagnating cases.
 *
 * Called by home.c only for the roles its panel table names; every list is read
 * through an index from the user's team or own cases and capped (never a scan
 * that grows with history). Returns whether it showed client data (audited).
 */
#include "pages/case_course.h"

#include "auth/roles.h"
#include "pages/handovers.h"
#include "store/case_escalation.h"
#include "util/date.h"

#define HOME_LIMIT 20

static tv *escalation_list(arena *a, const case_escalation_brief *b, size_t n)
{
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "case_id", b[i].case_id);
		tv_set_str(o, "household_name", b[i].household_name);
		tv_set_str(o, "level", case_escalation_level_label(b[i].level));
		tv_set_str(o, "on", hv_date(a, b[i].escalated_on));
		tv_set_str(o, "director", b[i].director_name);
		tv_push(list, o);
	}
	return list;
}

static tv *stagnating_list(arena *a, const case_stagnating *s, size_t n)
{
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "case_id", s[i].case_id);
		tv_set_str(o, "household_name", s[i].household_name);
		tv_set_str(o, "director", s[i].director_name);
		tv_set_str(o, "since", hv_date(a, s[i].activity_on));
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
	if (u->roles & ROLE_TEAMLEIDER) {
		case_escalation_brief *e = case_escalations_open_for_team(a, u->org_id, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_team_escalations", escalation_list(a, e, n));
		tv_set_bool(ctx, "has_home_team_escalations", n > 0);
		tv_set_bool(ctx, "home_team_escalations_more", more);
		shown = shown || n > 0;
		case_stagnating *s = case_stagnating_list(a, u->org_id, 0, before, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_team_stagnating", stagnating_list(a, s, n));
		tv_set_bool(ctx, "has_home_team_stagnating", n > 0);
		tv_set_bool(ctx, "home_team_stagnating_more", more);
		shown = shown || n > 0;
	}
	if (u->roles & ROLE_PROFESSIONAL) {
		case_escalation_brief *e = case_escalations_open_for_director(a, u->id, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_my_escalations", escalation_list(a, e, n));
		tv_set_bool(ctx, "has_home_my_escalations", n > 0);
		shown = shown || n > 0;
		case_stagnating *s = case_stagnating_list(a, 0, u->id, before, HOME_LIMIT, &n, &more);
		tv_set(ctx, "home_my_stagnating", stagnating_list(a, s, n));
		tv_set_bool(ctx, "has_home_my_stagnating", n > 0);
		tv_set_bool(ctx, "home_my_stagnating_more", more);
		shown = shown || n > 0;
	}
	return shown;
}
