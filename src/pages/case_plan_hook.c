/*
 * case_plan_hook.c — the case page's summary of the safety plan for partners
 * (see case_team.h): the agreements assigned to the user's organisation and the
 * signals to watch for, from the agreed plan (or, before any agreement, the latest
 * version). Must only read parts that `parts` holds. A reader who sees the whole
 * case (case_team_sees_all) gets the whole plan, not this summary: nothing is read.
 */
#include "pages/case_team.h"

#include "auth/case_parts.h"
#include "pages/safety_plan_int.h"
#include "store/safety_plan.h"

void case_plan_summary_fill(request *rq, tv *ctx, int64_t case_id, unsigned parts)
{
	arena *a = rq->a;
	if (case_team_sees_all(parts))
		return; /* case_show.html renders the summary only for {{^team_sees_all}} */
	sp_plan p;
	bool have = safety_plan_get(a, case_id, -1, &p) || safety_plan_get(a, case_id, 0, &p);
	if (parts & PART_BASIS) {
		tv *list = tv_list(a);
		const sp_column *status_col = &safety_plan_lists[SP_AFSPRAAK].cols[4];
		for (size_t i = 0; have && i < p.nitems[SP_AFSPRAAK]; i++) {
			const sp_item *it = &p.items[SP_AFSPRAAK][i];
			if (it->org_id != rq->user->org_id)
				continue;
			tv *o = tv_obj(a);
			tv_set_str(o, "what", it->f[2]);
			tv_set_str(o, "who", it->f[1]);
			tv_set_str(o, "when", it->f[3]);
			tv_set_str(o, "status", sp_choice_label(status_col, it->f[4]));
			tv_push(list, o);
		}
		tv_set(ctx, "own_agreements", list);
		tv_set_bool(ctx, "has_own_agreements", tv_list_len(list) > 0);
	}
	if (parts & PART_PLAN_SIGNALEN) {
		tv *list = tv_list(a);
		for (size_t i = 0; have && i < p.nitems[SP_SIGNAAL]; i++) {
			tv *o = tv_obj(a);
			tv_set_str(o, "text", p.items[SP_SIGNAAL][i].f[0]);
			tv_set_str(o, "what_to_do", p.items[SP_SIGNAAL][i].f[1]);
			tv_push(list, o);
		}
		tv_set(ctx, "signals", list);
		tv_set_bool(ctx, "has_signals", tv_list_len(list) > 0);
	}
}
