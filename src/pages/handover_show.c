/*
 * handover_show.c — one handover: its content, members, conditions (with their
 * status once a case follows them), addenda, feedback, the warm handover's
 * history, what Veilig Thuis may still do with it, and for the receiving team the
 * local teams that already know the family and the forms to take, record the
 * warm handover, accept or return it; also the print view.
 *
 * A failed form of handover_decide.c is shown here again (handover_show_again)
 * with its input and messages. Shows only what the route table's access
 * function admitted; decides nothing itself.
 */
#include "pages/handovers.h"
#include "pages/handovers_int.h"
#include "pages/safety_plan.h"

#include "auth/access.h"
#include "store/roles.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/household.h"
#include "store/user.h"
#include "util/date.h"

#include <string.h>

static tv *members_tv(arena *a, int64_t id)
{
	size_t n;
	handover_member *m = handover_members(a, id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "name", m[i].name);
		tv_set_str(o, "birthdate", hv_date(a, m[i].birthdate));
		tv_set_str(o, "birthdate_iso", m[i].birthdate);
		tv_set_str(o, "role", person_role_label(m[i].role));
		tv_push(list, o);
	}
	return list;
}

static tv *conditions_tv(arena *a, const handover_rec *h)
{
	tv *list = tv_list(a);
	if (h->case_id) {
		size_t n;
		case_condition *c = case_conditions_of_handover(a, h->id, &n);
		for (size_t i = 0; i < n; i++) {
			tv *o = tv_obj(a);
			tv_set_str(o, "text", c[i].text);
			tv_set_str(o, "status", c[i].status);
			tv_set_str(o, "status_label", case_condition_status_label(c[i].status));
			tv_set_bool(o, "broken", strcmp(c[i].status, "niet_nageleefd") == 0);
			tv_set_str(o, "changed_at", hv_datetime(a, c[i].changed_at));
			tv_set_str(o, "changed_by", c[i].changed_by_name);
			tv_push(list, o);
		}
		return list;
	}
	size_t n;
	const char **c = handover_conditions(a, h->id, &n);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "text", c[i]);
		tv_push(list, o);
	}
	return list;
}

static tv *addenda_tv(arena *a, int64_t id)
{
	size_t n;
	handover_addendum *d = handover_addenda(a, id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "author", d[i].author_name);
		tv_set_str(o, "at", hv_datetime(a, d[i].created_at));
		tv_set_str(o, "text", d[i].text);
		tv_push(list, o);
	}
	return list;
}

static tv *feedback_tv(arena *a, int64_t id)
{
	size_t n;
	handover_feedback *f = handover_feedback_list(a, id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "author", f[i].author_name);
		tv_set_str(o, "at", hv_datetime(a, f[i].created_at));
		tv_set_str(o, "agreements", f[i].agreements);
		tv_set_bool(o, "with_family", strcmp(f[i].with_family, "ja") == 0);
		tv_set_str(o, "agreed_on", hv_date(a, f[i].agreed_on));
		tv_push(list, o);
	}
	return list;
}

static tv *warm_history_tv(arena *a, int64_t id)
{
	size_t n;
	handover_warm_entry *e = handover_warm_history(a, id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; n > 1 && i < n; i++) { /* one recording is simply the current state */
		tv *o = tv_obj(a);
		tv_set_str(o, "at", hv_datetime(a, e[i].recorded_at));
		tv_set_str(o, "by", e[i].recorded_by_name);
		tv_set_str(o, "planned", hv_date(a, e[i].planned_date));
		tv_set_str(o, "held", hv_date(a, e[i].held_date));
		tv_set_bool(o, "family_ja", strcmp(e[i].family_present, "ja") == 0);
		tv_set_bool(o, "family_nee", strcmp(e[i].family_present, "nee") == 0);
		tv_set_str(o, "present", e[i].present);
		tv_set_str(o, "outcome", e[i].outcome);
		tv_push(list, o);
	}
	return list;
}

static tv *director_options(arena *a, int64_t org_id, int64_t selected)
{
	size_t n;
	user_rec *u = user_list_with_role(a, org_id, ROLE_PROFESSIONAL, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "value", u[i].id);
		tv_set_str(o, "label", u[i].name);
		tv_set_bool(o, "selected", u[i].id == selected);
		tv_push(list, o);
	}
	return list;
}

static tv *category_options(arena *a, const char *selected)
{
	tv *list = tv_list(a);
	for (size_t i = 0; handover_return_categories[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", handover_return_categories[i]);
		tv_set_str(o, "label", handover_return_category_label(handover_return_categories[i]));
		tv_set_bool(o, "selected", selected && strcmp(selected, handover_return_categories[i]) == 0);
		tv_push(list, o);
	}
	return list;
}

/* The handover page (or its print view), with the failed form of `failed` (if
 * any) shown again with its input and messages. */
static void show_handover(request *rq, int status, const char *failed, const char *template_name)
{
	arena *a = rq->a;
	handover_rec h;
	if (!handover_get(a, rq->ids[0], &h)) {
		respond_error(rq, 404);
		return;
	}
	const auth_user *u = rq->user;
	handover_norms norms;
	handover_norms_get(&norms);
	kr_date today = kr_date_today_nl();
	tv *ctx = page_ctx(rq, arena_printf(a, "Overdracht %lld", (long long)h.id));
	page_add_form(ctx, &rq->form);
	if (failed)
		tv_set_bool(ctx, arena_printf(a, "failed_%s", failed), true);
	tv *s = hv_summary(a, &h, &norms, today);
	tv_set(ctx, "h", s);
	tv_set(ctx, "norms", hv_norms_tv(a, &norms));
	tv_set_str(s, "address", h.address);
	tv_set_str(s, "reason", h.reason);
	tv_set_str(s, "investigation_outcome", h.investigation_outcome);
	tv_set_str(s, "risk_assessment", h.risk_assessment);
	tv_set_str(s, "providers", h.providers);
	tv_set_str(s, "agreements", h.agreements);
	tv_set_bool(s, "informed_ja", strcmp(h.family_informed, "ja") == 0);
	tv_set_bool(s, "informed_nee", strcmp(h.family_informed, "nee") == 0);
	tv_set_str(s, "family_informed_reason", h.family_informed_reason);
	tv_set_str(s, "contact", h.contact);
	tv_set_str(s, "vt_org", h.vt_org_name);
	tv_set_str(s, "author", h.created_by_name);
	tv_set_str(s, "taken_org", h.taken_org_name);
	tv_set_str(s, "taken_by", h.taken_by_name);
	tv_set_str(s, "taken_at", hv_date(a, h.taken_at));
	tv_set_str(s, "taken_reason", h.taken_reason);
	tv_set_bool(s, "taken", h.taken_org_id > 0);
	tv_set_str(s, "decided_by", h.decided_by_name);
	tv_set_bool(s, "warm_recorded", *h.warm_recorded_at != '\0');
	tv_set_str(s, "warm_present", h.warm_present);
	tv_set_bool(s, "warm_family_ja", strcmp(h.warm_family_present, "ja") == 0);
	tv_set_bool(s, "warm_family_nee", strcmp(h.warm_family_present, "nee") == 0);
	tv_set_str(s, "warm_family_reason", h.warm_family_reason);
	tv_set_str(s, "warm_outcome", h.warm_outcome);
	tv_set_str(s, "warm_recorded_by", h.warm_recorded_by_name);
	tv_set(ctx, "members", members_tv(a, h.id));
	tv_set(ctx, "conditions", conditions_tv(a, &h));
	tv_set(ctx, "addenda", addenda_tv(a, h.id));
	tv_set(ctx, "feedback", feedback_tv(a, h.id));
	safety_plan_handover_put(rq, ctx, h.case_id); /* the agreed plan's conditions and agreements */

	unsigned roles = u->roles;
	bool vt = (roles & ROLE_VT) && h.vt_org_id == u->org_id;
	bool team = (roles & ROLE_TEAMLEIDER) && access_team_sees_handover(&h, u->org_id, u->org_kind);
	bool open = strcmp(h.status, "ingediend") == 0 || strcmp(h.status, "in_behandeling") == 0;
	bool accepted = strcmp(h.status, "geaccepteerd") == 0;
	bool concept = strcmp(h.status, "concept") == 0;
	bool prof = (roles & ROLE_PROFESSIONAL) && h.case_id && case_user_involved(h.case_id, u->id);
	tv_set_bool(ctx, "is_vt", vt);
	tv_set_bool(ctx, "is_team", team);
	tv_set_bool(ctx, "can_edit", vt && concept);
	tv_set_bool(ctx, "can_addendum", vt && !concept);
	tv_set_bool(ctx, "can_take", team && strcmp(h.status, "ingediend") == 0);
	tv_set_bool(ctx, "can_warm", team && (strcmp(h.status, "in_behandeling") == 0 || accepted));
	tv_set_bool(ctx, "can_decide", team && open);
	tv_set_bool(ctx, "show_case_link", h.case_id && (team || prof));
	tv_set_int(ctx, "case_id", h.case_id);
	tv_set_bool(ctx, "can_print", !concept || vt);
	/* Veilig Thuis ends what it sent (handover_end.c) */
	handover_end end;
	handover_end_get(a, h.id, &end);
	bool returned = strcmp(h.status, "teruggelegd") == 0;
	tv_set_bool(ctx, "can_delete", vt && concept);
	tv_set_bool(ctx, "can_withdraw", vt && strcmp(h.status, "ingediend") == 0 && !h.taken_org_id);
	tv_set_bool(ctx, "can_end_returned", vt && returned && !*end.ended_at);
	tv_set_bool(ctx, "is_withdrawn", strcmp(h.status, "ingetrokken") == 0);
	tv_set_bool(ctx, "ended", *end.ended_at != '\0');
	tv_set_str(ctx, "ended_at", hv_datetime(a, end.ended_at));
	tv_set_str(ctx, "ended_by", end.ended_by_name);
	tv_set_str(ctx, "end_reason", end.reason);
	tv_set_bool(ctx, "has_resent_from", end.resent_from > 0 && vt);
	tv_set_int(ctx, "resent_from", end.resent_from);
	tv_set_bool(ctx, "has_resent_as", end.resent_as > 0 && vt);
	tv_set_int(ctx, "resent_as", end.resent_as);
	tv_set_bool(ctx, "failed_take_or_return", failed && (strcmp(failed, "take") == 0 || strcmp(failed, "return") == 0));
	tv *wh = warm_history_tv(a, h.id);
	tv_set(ctx, "warm_history", wh);
	tv_set_bool(ctx, "has_warm_history", tv_list_len(wh) > 0);
	tv_set_str(ctx, "parallel_reason", handover_parallel_reason(a, h.id));
	if (team) {
		/* the joint triage sees every local team that knows this family */
		size_t nk;
		handover_known_team *kt = handover_known_teams(a, h.id, norms.known_months, &nk);
		tv *others = tv_list(a), *others_open = tv_list(a);
		for (size_t i = 0; i < nk; i++) {
			if (kt[i].org_id == u->org_id)
				continue;
			tv *o = tv_obj(a);
			tv_set_str(o, "team", kt[i].org_name);
			tv_set_bool(o, "open", kt[i].open);
			tv_set_str(o, "closed", hv_date(a, kt[i].closed_at));
			tv_set_str(o, "director", kt[i].director_name);
			tv_push(others, o);
			if (kt[i].open)
				tv_push(others_open, tv_str(a, kt[i].org_name));
		}
		tv_set(ctx, "other_known", others);
		tv_set_bool(ctx, "other_known_any", tv_list_len(others) > 0);
		tv_set(ctx, "other_open", others_open);
		tv_set_bool(ctx, "other_open_any", tv_list_len(others_open) > 0);
		bool kopen = false;
		int64_t kcase = case_known_for_handover(h.id, u->org_id, norms.known_months, &kopen);
		hv_put_known(ctx, kcase, kopen);
		/* the open case of this family keeps its regisseur unless the team leader changes it */
		int64_t selected = 0;
		case_rec kc;
		if (kcase && kopen && case_get(a, kcase, &kc)) {
			selected = kc.director_id;
			tv_set_str(ctx, "known_director", kc.director_name);
			tv_set_bool(ctx, "known_has_director", true);
		}
		bool failed_accept = failed && strcmp(failed, "accept") == 0;
		int64_t posted = 0;
		if (failed_accept && form_int(&rq->form, "director", &posted))
			selected = posted;
		tv_set(ctx, "directors", director_options(a, u->org_id, selected));
		tv_set_bool(ctx, "needs_take_reason", h.receiving_triage && !h.taken_org_id);
		const char *prev = failed_accept ? form_str(&rq->form, "previous_director") : "";
		tv_set_bool(ctx, "previous_ja", strcmp(prev, "ja") == 0);
		tv_set_bool(ctx, "previous_nee", strcmp(prev, "nee") == 0);
		tv_set(ctx, "categories", category_options(a, form_str(&rq->form, "reason_category")));
		/* the warm-handover form shows what is recorded unless a failed post is shown */
		tv *w = tv_obj(a);
		bool kept = failed && strcmp(failed, "warm") == 0;
		const form *f = &rq->form;
		tv_set_str(w, "planned_date", kept ? form_str(f, "planned_date") : h.warm_planned_date);
		tv_set_str(w, "held_date", kept ? form_str(f, "held_date") : h.warm_held_date);
		tv_set_str(w, "present", kept ? form_str(f, "present") : h.warm_present);
		const char *fp = kept ? form_str(f, "family_present") : h.warm_family_present;
		tv_set_bool(w, "family_ja", strcmp(fp, "ja") == 0);
		tv_set_bool(w, "family_nee", strcmp(fp, "nee") == 0);
		tv_set_str(w, "family_reason", kept ? form_str(f, "family_reason") : h.warm_family_reason);
		tv_set_str(w, "outcome", kept ? form_str(f, "outcome") : h.warm_outcome);
		tv_set(ctx, "w", w);
	}
	char buf[KR_DATE_BUF];
	kr_date_format(today, buf);
	tv_set_str(ctx, "today", buf);
	respond_page(rq, status, template_name, ctx);
}

void handover_show_again(request *rq, int status, const char *failed)
{
	show_handover(rq, status, failed, "handover_show");
}

void page_handover_show(request *rq)
{
	show_handover(rq, 200, NULL, "handover_show");
}

void page_handover_print(request *rq)
{
	show_handover(rq, 200, NULL, "handover_print");
}
