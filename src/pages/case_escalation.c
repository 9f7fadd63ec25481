/*
 * case_escalation.c — op- en afschalen of a case (issue 8, seed 003):
 * POST /casussen/{id}/opschalen (level, reason, what is asked of whom),
 * POST /casussen/{id}/opschalingen/{id}/besluit (the decision, date, who) and
 * POST /casussen/{id}/opschalingen/{id}/afschalen (with a reason), and the case
 * page's escalations and stagnation flag.
 *
 * Who may do what is decided by the route table and auth/case_course_access.c;
 * the forms shown follow the same rule but are never the guard. A closed case
 * refuses every change with 409. Every change runs in one transaction.
 */
#include "pages/case_course.h"

#include "auth/case_parts.h"
#include "store/roles.h"
#include "pages/case_team.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/case_escalation.h"
#include "store/db.h"
#include "util/date.h"

#include <string.h>

/* Is the case stagnating: open, and nothing happened for the norm's weeks? */
bool case_course_stagnating(const case_rec *c, const char **since)
{
	*since = c->activity_on;
	if (strcmp(c->status, "open") != 0 || !**since)
		return false;
	char before[KR_DATE_BUF];
	kr_date_format_iso(kr_date_add_days(kr_date_today_nl(), -7 * (int64_t)case_stagnation_weeks()), before);
	return strcmp(*since, before) < 0;
}

void case_escalation_to_view(request *rq, tv *ctx, const case_rec *c, bool manages, const char *failed)
{
	arena *a = rq->a;
	const char *since;
	if (case_course_stagnating(c, &since)) {
		tv_set_bool(ctx, "stagnating", true);
		tv_set_str(ctx, "stagnating_since", hv_date(a, since));
		tv_set_int(ctx, "stagnation_weeks", case_stagnation_weeks());
	}
	bool open_case = strcmp(c->status, "open") == 0;
	bool team = (rq->user->roles & ROLE_TEAMLEIDER) && c->team_org_id == rq->user->org_id;
	size_t n;
	case_escalation *e = case_escalations(a, c->id, &n);
	tv *list = tv_list(a);
	int64_t failed_id = 0;
	bool failed_decide = failed && strcmp(failed, "decide") == 0;
	bool failed_down = failed && strcmp(failed, "deescalate") == 0;
	if ((failed_decide || failed_down) && rq->nids >= 2)
		failed_id = rq->ids[1];
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", e[i].id);
		tv_set_str(o, "level", case_escalation_level_label(e[i].level));
		tv_set_str(o, "reason", e[i].reason);
		tv_set_str(o, "asked", e[i].asked);
		tv_set_str(o, "on", hv_date(a, e[i].escalated_on));
		tv_set_str(o, "by", e[i].by_name);
		tv_set_bool(o, "open", e[i].open);
		tv_set_bool(o, "decided", *e[i].decided_on != '\0');
		tv_set_str(o, "decision", e[i].decision);
		tv_set_str(o, "decided_on", hv_date(a, e[i].decided_on));
		tv_set_str(o, "decided_by", e[i].decided_by_name);
		tv_set_bool(o, "deescalated", e[i].deescalated);
		tv_set_str(o, "deescalated_on", hv_date(a, e[i].deescalated_on));
		tv_set_str(o, "deescalated_by", e[i].deescalated_by_name);
		tv_set_str(o, "deescalate_reason", e[i].deescalate_reason);
		bool may_decide = open_case && e[i].open &&
		                  (team || (manages && case_escalation_level_external(e[i].level)));
		tv_set_bool(o, "may_decide", may_decide);
		tv_set_bool(o, "may_deescalate", open_case && manages && !e[i].deescalated);
		tv_set_bool(o, "failed_decide", failed_decide && failed_id == e[i].id);
		tv_set_bool(o, "failed_deescalate", failed_down && failed_id == e[i].id);
		tv_push(list, o);
	}
	tv_set(ctx, "escalations", list);
	tv_set_bool(ctx, "has_escalations", n > 0);
	if (!manages || !open_case)
		return;
	tv_set_bool(ctx, "may_escalate", true);
	const char *chosen = failed && strcmp(failed, "escalate") == 0 ? form_str(&rq->form, "level") : "teamleider";
	tv *levels = tv_list(a);
	for (size_t i = 0; case_escalation_levels[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", case_escalation_levels[i]);
		tv_set_str(o, "label", case_escalation_level_label(case_escalation_levels[i]));
		tv_set_bool(o, "selected", strcmp(chosen, case_escalation_levels[i]) == 0);
		tv_push(levels, o);
	}
	tv_set(ctx, "escalation_levels", levels);
}

static void done(request *rq, bool ok, const char *detail)
{
	if (!ok || !db_commit()) {
		db_rollback();
		tv *ctx = page_ctx(rq, "Al verwerkt of tegelijk gewijzigd");
		tv_set_str(ctx, "href", arena_printf(rq->a, "/casussen/%lld", (long long)rq->ids[0]));
		tv_set_str(ctx, "what", "de opschaling");
		respond_page(rq, 409, "handover_conflict", ctx);
		return;
	}
	rq->audit.detail = detail;
	respond_redirect(rq, arena_printf(rq->a, "/casussen/%lld#opschalen-kop", (long long)rq->ids[0]));
}

void page_case_escalate(request *rq)
{
	form *f = &rq->form;
	if (!case_course_open_or_409(rq))
		return;
	case_course_require(rq, "level", "Kies naar wie u opschaalt.");
	case_course_require(rq, "reason", "Schrijf waarom u opschaalt: stagneert de samenwerking, blijft de veiligheid"
	                                  " onvoldoende, worden doelen niet gehaald of is de casus te complex?");
	case_course_require(rq, "asked", "Schrijf wat u van wie vraagt.");
	case_course_require(rq, "escalated_on", "Vul de datum van opschalen in.");
	case_course_not_future(rq, "escalated_on", "De datum van opschalen kan niet in de toekomst liggen.");
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "escalate");
		return;
	}
	const char *level = form_str(f, "level");
	int64_t id = case_escalation_add(rq->ids[0], level, form_str(f, "reason"), form_str(f, "asked"),
	                                 form_str(f, "escalated_on"), rq->user->id);
	done(rq, id > 0, arena_printf(rq->a, "opgeschaald naar %s", level));
}

void page_case_escalation_decide(request *rq)
{
	form *f = &rq->form;
	if (!case_course_open_or_409(rq))
		return;
	case_course_require(rq, "decision", "Schrijf het besluit.");
	case_course_require(rq, "decided_on", "Vul de datum van het besluit in.");
	case_course_not_future(rq, "decided_on", "De datum van het besluit kan niet in de toekomst liggen.");
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "decide");
		return;
	}
	bool ok = case_escalation_decide(rq->ids[0], rq->ids[1], form_str(f, "decision"), form_str(f, "decided_on"),
	                                 rq->user->id);
	done(rq, ok, arena_printf(rq->a, "besluit op opschaling %lld", (long long)rq->ids[1]));
}

void page_case_deescalate(request *rq)
{
	form *f = &rq->form;
	if (!case_course_open_or_409(rq))
		return;
	case_course_require(rq, "reason", "Schrijf waarom u afschaalt.");
	case_course_require(rq, "deescalated_on", "Vul de datum van afschalen in.");
	case_course_not_future(rq, "deescalated_on", "De datum van afschalen kan niet in de toekomst liggen.");
	if (form_has_errors(f) || !db_begin()) {
		case_show_again(rq, 422, "deescalate");
		return;
	}
	bool ok = case_escalation_deescalate(rq->ids[0], rq->ids[1], form_str(f, "reason"),
	                                     form_str(f, "deescalated_on"), rq->user->id);
	done(rq, ok, arena_printf(rq->a, "afgeschaald: opschaling %lld", (long long)rq->ids[1]));
}
