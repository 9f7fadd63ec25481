/*
 * handovers.c — what the handover pages share: the display helpers (dates, the
 * summary of a handover for lists and panels, the norms, the "already known"
 * flag), the 409 page for a change that came too late, and the small input
 * helpers of the handover forms. The flows live in their own files:
 * handover_form.c (the form: concept, submit), handover_show.c (one handover and
 * its print view), handover_decide.c (addenda, taking, the warm handover,
 * accepting and returning), handover_lists.c (/overdrachten with its search),
 * handover_home.c (the start-page panel), handover_end.c, handover_twin.c and
 * handover_confirm.c.
 *
 * Access is decided by the route table and auth/access.c before any handler
 * runs; nothing here decides who may see what.
 */
#include "pages/handovers.h"
#include "pages/handovers_int.h"

#include "server/respond.h"
#include "util/date.h"

#include <string.h>

/* ---- display helpers ------------------------------------------------------------ */

const char *hv_counted(arena *a, int64_t n, const char *one, const char *more)
{
	return arena_printf(a, "%lld %s", (long long)n, n == 1 ? one : more);
}

const char *hv_date(arena *a, const char *s)
{
	kr_date d;
	if (!handover_date_of(s, &d))
		return "";
	char buf[KR_DATE_BUF];
	kr_date_format(d, buf);
	return arena_strdup(a, buf);
}

const char *hv_datetime(arena *a, const char *s)
{
	char buf[KR_DATETIME_BUF];
	if (!kr_datetime_reformat_nl(s, buf))
		return hv_date(a, s);
	return arena_strdup(a, buf);
}

static const char *fmt_kr_date(arena *a, kr_date d)
{
	char buf[KR_DATE_BUF];
	kr_date_format(d, buf);
	return arena_strdup(a, buf);
}

static const char *team_label(const handover_rec *h)
{
	if (h->taken_org_id)
		return h->taken_org_name;
	if (h->receiving_org_id)
		return h->receiving_org_name;
	if (h->receiving_triage)
		return "Gezamenlijke triage lokale teams";
	return "(nog niet gekozen)";
}

tv *hv_summary(arena *a, const handover_rec *h, const handover_norms *n, kr_date today)
{
	handover_deadlines d;
	handover_deadlines_of(h, n, today, &d);
	tv *o = tv_obj(a);
	tv_set_int(o, "id", h->id);
	tv_set_str(o, "status", h->status);
	tv_set_str(o, "status_label", handover_status_label(h->status));
	tv_set_bool(o, "is_concept", strcmp(h->status, "concept") == 0);
	tv_set_bool(o, "is_returned", strcmp(h->status, "teruggelegd") == 0);
	tv_set_bool(o, "is_open", strcmp(h->status, "ingediend") == 0 || strcmp(h->status, "in_behandeling") == 0);
	tv_set_str(o, "urgency", h->urgency);
	tv_set_bool(o, "urgency_hoog", strcmp(h->urgency, "hoog") == 0);
	tv_set_str(o, "household_name", *h->household_name ? h->household_name : "(naam nog niet ingevuld)");
	tv_set_str(o, "team", team_label(h));
	tv_set_bool(o, "triage", h->receiving_triage);
	tv_set_str(o, "created", hv_date(a, h->created_at));
	tv_set_str(o, "submitted", hv_date(a, h->submitted_at));
	tv_set_str(o, "decided", hv_date(a, h->decided_at));
	tv_set_str(o, "director_name", h->director_name);
	tv_set_str(o, "return_category", handover_return_category_label(h->return_category));
	tv_set_str(o, "return_reason", h->return_reason);
	tv_set_bool(o, "submitted_ok", d.submitted);
	tv_set_int(o, "waiting_wd", d.waiting_wd);
	tv_set_bool(o, "decision_open", d.submitted && d.decision_open);
	tv_set_bool(o, "decision_overdue", d.decision_overdue);
	if (d.submitted)
		tv_set_str(o, "decision_due", fmt_kr_date(a, d.decision_due));
	tv_set_bool(o, "accepted", d.accepted);
	tv_set_bool(o, "warm_held", d.warm_held);
	tv_set_str(o, "warm_held_date", hv_date(a, h->warm_held_date));
	tv_set_str(o, "warm_planned_date", hv_date(a, h->warm_planned_date));
	tv_set_bool(o, "warm_overdue", d.warm_overdue);
	tv_set_bool(o, "feedback_given", d.feedback_given);
	tv_set_str(o, "feedback_date", hv_date(a, h->first_feedback_at));
	tv_set_bool(o, "feedback_overdue", d.feedback_overdue);
	if (d.accepted) {
		tv_set_str(o, "warm_due", fmt_kr_date(a, d.warm_due));
		tv_set_str(o, "feedback_due", fmt_kr_date(a, d.feedback_due));
	}
	tv_set_bool(o, "overdue", d.decision_overdue || d.warm_overdue || d.feedback_overdue);
	tv_set_int(o, "conditions_total", h->conditions_total);
	tv_set_int(o, "conditions_kept", h->conditions_kept);
	tv_set_int(o, "conditions_broken", h->conditions_broken);
	tv_set_bool(o, "has_conditions", h->conditions_total > 0);
	return o;
}

tv *hv_list_row(arena *a, const handover_rec *h, const handover_norms *n, kr_date today, hv_list list)
{
	handover_deadlines d;
	handover_deadlines_of(h, n, today, &d);
	tv *o = tv_obj(a);
	tv_put_int(o, "id", h->id);
	tv_put_str(o, "household_name", *h->household_name ? h->household_name : "(naam nog niet ingevuld)");
	tv_put_str(o, "status_label", handover_status_label(h->status));
	if (list != HV_LIST_INBOX)
		tv_put_bool(o, "overdue", d.decision_overdue || d.warm_overdue || d.feedback_overdue);
	if (list != HV_LIST_DECIDED) {
		tv_put_str(o, "team", team_label(h));
		tv_put_str(o, "submitted", hv_date(a, h->submitted_at));
	}
	switch (list) {
	case HV_LIST_FOUND:
		tv_put_str(o, "status", h->status);
		tv_put_str(o, "decided", hv_date(a, h->decided_at));
		return o;
	case HV_LIST_INBOX:
		tv_put_str(o, "urgency", h->urgency);
		tv_put_int(o, "waiting_wd", d.waiting_wd);
		tv_put_bool(o, "decision_overdue", d.decision_overdue);
		return o;
	case HV_LIST_VT:
		tv_put_str(o, "status", h->status);
		tv_put_bool(o, "urgency_hoog", strcmp(h->urgency, "hoog") == 0);
		tv_put_bool(o, "submitted_ok", d.submitted);
		tv_put_int(o, "waiting_wd", d.waiting_wd);
		tv_put_bool(o, "decision_open", d.submitted && d.decision_open);
		tv_put_bool(o, "decision_overdue", d.decision_overdue);
		tv_put_int(o, "conditions_total", h->conditions_total);
		tv_put_int(o, "conditions_kept", h->conditions_kept);
		tv_put_int(o, "conditions_broken", h->conditions_broken);
		tv_put_bool(o, "has_conditions", h->conditions_total > 0);
		break;
	case HV_LIST_DECIDED:
		tv_put_str(o, "decided", hv_date(a, h->decided_at));
		tv_put_str(o, "director_name", h->director_name);
		break;
	}
	/* the VT list and the decided list: the warm handover and the feedback */
	tv_put_bool(o, "accepted", d.accepted);
	tv_put_bool(o, "warm_held", d.warm_held);
	tv_put_str(o, "warm_held_date", hv_date(a, h->warm_held_date));
	tv_put_bool(o, "warm_overdue", d.warm_overdue);
	tv_put_bool(o, "feedback_given", d.feedback_given);
	tv_put_str(o, "feedback_date", hv_date(a, h->first_feedback_at));
	tv_put_bool(o, "feedback_overdue", d.feedback_overdue);
	return o;
}

tv *hv_norms_tv(arena *a, const handover_norms *n)
{
	tv *o = tv_obj(a);
	tv_set_int(o, "decision", n->decision_wd);
	tv_set_int(o, "warm", n->warm_wd);
	tv_set_int(o, "feedback", n->feedback_wd);
	return o;
}

bool hv_is_local_team(const auth_user *u)
{
	return handover_is_local_team_kind(u->org_kind);
}

void hv_put_known(tv *o, int64_t case_id, bool open)
{
	tv_put_bool(o, "known", case_id > 0);
	tv_put_bool(o, "known_open", case_id > 0 && open);
	if (case_id > 0)
		tv_put_int(o, "known_case", case_id);
}

void hv_conflict(request *rq, const char *href, const char *what)
{
	tv *ctx = page_ctx(rq, "Al verwerkt of tegelijk gewijzigd");
	tv_set_str(ctx, "href", href);
	tv_set_str(ctx, "what", what);
	respond_page(rq, 409, "handover_conflict", ctx);
}

const char *hv_trimmed(arena *a, const char *s)
{
	if (!s)
		return "";
	size_t n = strlen(s), b = 0;
	while (b < n && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n'))
		b++;
	while (n > b && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s + b, n - b);
}

void hv_req_text(form *f, const char *name, const char *value, const char *message)
{
	if (!*value && !form_error(f, name))
		form_add_error(f, name, message);
}
