/*
 * family_plan_access.h — route access functions of the family plan and its
 * evaluations (issue 8), all built on case_parts_of() (PART_GEZINSPLAN).
 */
#ifndef KR_FAMILY_PLAN_ACCESS_H
#define KR_FAMILY_PLAN_ACCESS_H

#include "server/router.h"

/* Reading the family plan and the evaluations: the user sees PART_GEZINSPLAN. */
access_result access_family_plan_view(request *rq);
/* Saving a version: a professional who sees the whole plan (the safety plan's
 * editors: safety_plan_may_edit) and PART_GEZINSPLAN. */
access_result access_family_plan_edit(request *rq);
bool family_plan_may_edit(const request *rq, unsigned mask);
/* Recording an evaluation: the case's regisseur (access_case_director) who sees
 * PART_GEZINSPLAN. */
access_result access_evaluation_record(request *rq);
/* One evaluation rq->ids[1] of case rq->ids[0]: as access_family_plan_view. */
access_result access_evaluation_view(request *rq);

#endif
