/*
 * case_plan_hook.c — the case page's summary of the safety plan for partners
 * (see case_team.h): the agreements assigned to the user's organisation and the
 * signals to watch for. Until the safety plan exists, both lists are empty and
 * the partial says so. Must only read parts that `parts` holds.
 */
#include "pages/case_team.h"

#include "auth/case_parts.h"

void case_plan_summary_fill(request *rq, tv *ctx, int64_t case_id, unsigned parts)
{
	(void)case_id;
	if (parts & PART_BASIS)
		tv_set(ctx, "own_agreements", tv_list(rq->a));
	if (parts & PART_PLAN_SIGNALEN)
		tv_set(ctx, "signals", tv_list(rq->a));
}
