/*
 * re_report.c — the start-page panel "Hermeldingen": new handovers from Veilig
 * Thuis about households of the team's cases (team leader) or of the cases the
 * user directs (regisseur), also when Veilig Thuis sent them to another team or
 * to the joint triage; those still waiting for a decision and those of the last
 * 30 days. The team can then say in the triage that it knows the family, and the
 * regisseur can take the case back to phase 1.
 *
 * Called by home.c only for the roles its panel table names; reads only the
 * user's own marks (store/re_report.c). Returns whether it showed client data.
 */
#include "pages/re_report.h"

#include "auth/roles.h"
#include "pages/handovers.h"
#include "store/re_report.h"
#include "util/date.h"

#define RE_REPORT_HOME_LIMIT 20

static void put_list(request *rq, tv *ctx, const char *key, const re_report *r, size_t n, bool more)
{
	arena *a = rq->a;
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "case_id", r[i].case_id);
		tv_set_str(o, "household_name", r[i].household_name);
		tv_set_str(o, "reported", hv_datetime(a, r[i].reported_at));
		tv_set_str(o, "sent_to", *r[i].sent_to ? r[i].sent_to : "de gezamenlijke triage");
		tv_set_bool(o, "case_open", r[i].case_open);
		tv_set_bool(o, "undecided", r[i].undecided);
		tv_set_bool(o, "urgent", r[i].urgency[0] == 'h');
		tv_set_int(o, "handover_id", r[i].handover_id);
		tv_push(list, o);
	}
	tv_set(ctx, key, list);
	tv_set_bool(ctx, arena_printf(a, "has_%s", key), n > 0);
	tv_set_bool(ctx, arena_printf(a, "%s_more", key), more);
}

bool re_report_home_panel(request *rq, tv *ctx)
{
	arena *a = rq->a;
	char since[KR_DATE_BUF];
	kr_date_format_iso(kr_date_add_days(kr_date_today_nl(), -30), since);
	const char *since_utc = arena_printf(a, "%s 00:00:00", since);
	bool shown = false;
	size_t n;
	bool more;
	if (rq->user->roles & ROLE_TEAMLEIDER) {
		re_report *r = re_report_list(a, rq->user->org_id, 0, since_utc, RE_REPORT_HOME_LIMIT, &n, &more);
		put_list(rq, ctx, "home_re_reports_team", r, n, more);
		shown = shown || n > 0;
	}
	if (rq->user->roles & ROLE_PROFESSIONAL) {
		re_report *r = re_report_list(a, 0, rq->user->id, since_utc, RE_REPORT_HOME_LIMIT, &n, &more);
		put_list(rq, ctx, "home_re_reports_mine", r, n, more);
		shown = shown || n > 0;
	}
	return shown;
}
