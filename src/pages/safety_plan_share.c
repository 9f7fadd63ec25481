/*
 * safety_plan_share.c — sharing an agreed safety plan (issue 7 item 5):
 *   - "nieuw veiligheidsplan" on the start page of every involved person who may
 *     see (part of) the agreed version, until he or she opened it;
 *   - Veilig Thuis's written feedback on its handover page: the agreed plan's
 *     conditions with their current status, and its agreements. Not the journal,
 *     not the rest of the plan. VT has no access to the case: the handover page's
 *     access function (access_handover_view) admitted the user, and this file
 *     shows only these two parts of the case that handover led to.
 */
#include "pages/home_list.h"
#include "pages/safety_plan.h"
#include "pages/safety_plan_int.h"

#include "auth/audit.h"
#include "auth/case_parts.h"
#include "store/roles.h"
#include "pages/handovers.h"
#include "store/case.h"
#include "store/involvement.h"
#include "store/safety_plan.h"

#include <string.h>

bool sp_shares_with(unsigned mask, int64_t version_id, int64_t org_id)
{
	return (mask & (PART_PLAN_ALL | PART_VOORWAARDEN)) ||
	       ((mask & PART_BASIS) && safety_plan_has_agreement_of(version_id, org_id));
}

void sp_unread_put(request *rq, tv *ctx, int64_t case_id, int64_t version_id, const sp_reader *readers,
                   size_t nreaders)
{
	arena *a = rq->a;
	size_t n;
	involved_user *people = involvement_active_users(a, case_id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			if (people[j].user_id == people[i].user_id)
				seen = true; /* one line per person */
		for (size_t j = 0; j < nreaders && !seen; j++)
			if (readers[j].user_id == people[i].user_id)
				seen = true;
		if (seen)
			continue;
		unsigned mask = case_parts_of_user(case_id, people[i].user_id, people[i].org_id, people[i].org_kind,
		                                   people[i].roles);
		if (!sp_shares_with(mask, version_id, people[i].org_id))
			continue;
		tv *o = tv_obj(a);
		tv_set_str(o, "name", people[i].user_name);
		tv_set_str(o, "org", people[i].org_name);
		tv_push(list, o);
	}
	tv_set(ctx, "unread_by", list);
}

bool safety_plan_home_panel(request *rq, tv *ctx)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	size_t n;
	bool more;
	keyset after;
	if (!home_list_wants(rq, "nieuwe-veiligheidsplannen", &after))
		return false;
	sp_unread *list = safety_plan_unread_for(a, u->id, u->org_id, (u->roles & ROLE_TEAMLEIDER) != 0, after,
	                                         HOME_LIST_PAGE, &n, &more);
	tv *items = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		/* the facts came with the row: the same rule as case_parts_of, no query per row */
		unsigned mask = case_parts_of_listed(rq, list[i].case_id, &list[i].facts);
		if (!sp_shares_with(mask, list[i].version_id, u->org_id))
			continue;
		tv *o = tv_obj(a);
		tv_set_int(o, "case_id", list[i].case_id);
		audit_note_household(rq, list[i].household_id);
		tv_set_str(o, "household_name", list[i].household_name);
		tv_set_str(o, "agreed_on", hv_date(a, list[i].agreed_on));
		tv_set_int(o, "n", list[i].n);
		tv_push(items, o);
	}
	tv_set(ctx, "new_safety_plans", items);
	tv_set_bool(ctx, "has_new_safety_plans", tv_list_len(items) > 0 || more);
	/* the next page starts after the last row read, also when the reader may not see it */
	if (n)
		home_list_next(rq, ctx, "new_safety_plans", "nieuwe-veiligheidsplannen", more, list[n - 1].agreed_on,
		               list[n - 1].case_id);
	return tv_list_len(items) > 0;
}

void safety_plan_handover_put(request *rq, tv *ctx, int64_t case_id)
{
	arena *a = rq->a;
	sp_plan p;
	if (case_id <= 0 || !safety_plan_get(a, case_id, -1, &p))
		return;
	tv *o = tv_obj(a);
	tv_set_int(o, "n", p.n);
	tv_set_str(o, "agreed_on", hv_date(a, p.agreed_on));
	tv_set_str(o, "evaluation_date", hv_date(a, p.evaluation_date));
	/* conditions of the agreed version, each with its status now */
	size_t nk;
	case_condition *k = case_conditions(a, case_id, &nk);
	tv *conds = tv_list(a);
	for (size_t i = 0; i < p.nitems[SP_VOORWAARDE]; i++) {
		const sp_item *it = &p.items[SP_VOORWAARDE][i];
		tv *x = tv_obj(a);
		tv_set_str(x, "text", it->f[0]);
		for (size_t j = 0; j < nk; j++)
			if (k[j].id == it->condition_id) {
				tv_set_str(x, "status_label", case_condition_status_label(k[j].status));
				tv_set_bool(x, "broken", strcmp(k[j].status, "niet_nageleefd") == 0);
				tv_set_str(x, "changed_at", hv_datetime(a, k[j].changed_at));
			}
		tv_push(conds, x);
	}
	tv_set(o, "conditions", conds);
	tv_set_bool(o, "has_conditions", tv_list_len(conds) > 0);
	tv *agr = tv_list(a);
	const sp_column *status_col = &safety_plan_lists[SP_AFSPRAAK].cols[4];
	for (size_t i = 0; i < p.nitems[SP_AFSPRAAK]; i++) {
		const sp_item *it = &p.items[SP_AFSPRAAK][i];
		tv *x = tv_obj(a);
		const char *owner = sp_owner_label(a, it);
		tv_set_str(x, "who", *it->f[1] && *owner ? arena_printf(a, "%s — %s", it->f[1], owner)
		                                       : *it->f[1] ? it->f[1] : owner);
		tv_set_str(x, "what", it->f[2]);
		tv_set_str(x, "when", it->f[3]);
		tv_set_str(x, "status", sp_choice_label(status_col, it->f[4]));
		tv_push(agr, x);
	}
	tv_set(o, "agreements", agr);
	tv_set_bool(o, "has_agreements", tv_list_len(agr) > 0);
	tv_set(ctx, "vt_plan", o);
}
