/*
 * safety_plan_access.h — the route table's access functions for the safety plan
 * (issue 7), all built on case_parts_of() (the one place need-to-know inside a
 * case is decided) and the case's regisseur. Each answers ACCESS_NOT_FOUND for a
 * case the user may not reach this way and fills rq->audit like access.c does.
 */
#ifndef KR_SAFETY_PLAN_ACCESS_H
#define KR_SAFETY_PLAN_ACCESS_H

#include "server/router.h"

/* Read the plan page and its versions: anyone who sees the case (what of it is
 * shown follows case_parts_of()). */
access_result access_safety_plan_view(request *rq);
/* Save a version: a professional who sees the whole plan and the conditions
 * (the case's own team: regisseur and involved local-team professionals). */
access_result access_safety_plan_edit(request *rq);
/* Print: the family version (?voor absent) needs the whole plan; the version for
 * a partner (?voor=org) needs the case: it holds only what both that partner and
 * the printing user may see. */
access_result access_safety_plan_print(request *rq);

/* The same rules for showing links and forms on pages (never a second rule):
 * may this user save the plan / record it as agreed / print the family version? */
bool safety_plan_may_edit(const request *rq, unsigned mask);
bool safety_plan_may_agree(const request *rq, int64_t case_id);
bool safety_plan_may_print_family(unsigned mask);
/* The parts a printed version for organisation org_id may hold: case_parts_of_org(),
 * the union of what its actively involved people see of this case (0: none). */
unsigned safety_plan_parts_of_org(const request *rq, int64_t case_id, int64_t org_id);

#endif
