/*
 * safety_plan_access.c — access to the safety plan (see safety_plan_access.h).
 * Must never grant what case_parts_of() does not give, and never look at a role
 * the route did not admit.
 */
#include "auth/safety_plan_access.h"

#include "auth/access.h"
#include "auth/case_parts.h"
#include "store/roles.h"
#include "store/case.h"

#include <string.h>

#define PLAN_EDIT_PARTS (PART_PLAN_ALL | PART_VOORWAARDEN)

access_result access_safety_plan_view(request *rq)
{
	return access_case_part(rq, PART_BASIS);
}

bool safety_plan_may_edit(const request *rq, unsigned mask)
{
	return rq->user && (rq->user->roles & ROLE_PROFESSIONAL) && (mask & PLAN_EDIT_PARTS) == PLAN_EDIT_PARTS;
}

bool safety_plan_may_agree(const request *rq, int64_t case_id)
{
	case_rec c;
	/* the regisseur, while he or she works in the case's team (as access_case_director) */
	return rq->user && (rq->user->roles & ROLE_PROFESSIONAL) && case_get(rq->a, case_id, &c) &&
	       c.director_id == rq->user->id && c.team_org_id == rq->user->org_id;
}

bool safety_plan_may_print_family(unsigned mask)
{
	return (mask & PLAN_EDIT_PARTS) == PLAN_EDIT_PARTS;
}

access_result access_safety_plan_edit(request *rq)
{
	access_result r = access_case_part(rq, PART_BASIS);
	if (r != ACCESS_OK)
		return r;
	unsigned roles = rq->user->roles & rq->route->roles;
	if (!(roles & ROLE_PROFESSIONAL) || !safety_plan_may_edit(rq, case_parts_of(rq, rq->ids[0])))
		return ACCESS_NOT_FOUND;
	return ACCESS_OK;
}

access_result access_safety_plan_print(request *rq)
{
	access_result r = access_case_part(rq, PART_BASIS);
	if (r != ACCESS_OK)
		return r;
	if (form_get(&rq->form, "voor"))
		return ACCESS_OK; /* the page prints the intersection of both masks */
	return safety_plan_may_print_family(case_parts_of(rq, rq->ids[0])) ? ACCESS_OK : ACCESS_NOT_FOUND;
}

unsigned safety_plan_parts_of_org(const request *rq, int64_t case_id, int64_t org_id)
{
	return case_parts_of_org(rq->a, case_id, org_id);
}
