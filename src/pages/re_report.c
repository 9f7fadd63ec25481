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

#include "auth/audit.h"
#include "store/roles.h"
#include "pages/handovers.h"
#include "pages/home_list.h"
#include "store/re_report.h"
#include "util/date.h"

#define RE_REPORT_HOME_LIMIT HOME_LIST_PAGE

static void put_list(request *rq, tv *ctx, const char *key, const char *list_name, const re_report *r, size_t n,
                     bool more)
{
	arena *a = rq->a;
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		audit_note_household(rq, r[i].household_id); /* the record names whom the list showed */
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
	if (n)
		home_list_next(rq, ctx, key, list_name, more, r[n - 1].reported_at, r[n - 1].handover_id);
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
	keyset after;
	if ((rq->user->roles & ROLE_TEAMLEIDER) && home_list_wants(rq, "hermeldingen-team", &after)) {
		re_report *r = re_report_list(a, rq->user->org_id, 0, since_utc, after, RE_REPORT_HOME_LIMIT, &n, &more);
		put_list(rq, ctx, "home_re_reports_team", "hermeldingen-team", r, n, more);
		shown = shown || n > 0;
	}
	if ((rq->user->roles & ROLE_PROFESSIONAL) && home_list_wants(rq, "hermeldingen-mijn", &after)) {
		re_report *r = re_report_list(a, 0, rq->user->id, since_utc, after, RE_REPORT_HOME_LIMIT, &n, &more);
		put_list(rq, ctx, "home_re_reports_mine", "hermeldingen-mijn", r, n, more);
		shown = shown || n > 0;
	}
	return shown;
}
