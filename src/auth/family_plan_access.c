/*
 * family_plan_access.c — access to the family plan and evaluations (see
 * family_plan_access.h). Never grants what case_parts_of() does not give.
 */
#include "auth/family_plan_access.h"

#include "auth/access.h"
#include "auth/case_parts.h"
#include "store/roles.h"
#include "auth/safety_plan_access.h"

access_result access_family_plan_view(request *rq)
{
	return access_case_part(rq, PART_GEZINSPLAN);
}

bool family_plan_may_edit(const request *rq, unsigned mask)
{
	return (mask & PART_GEZINSPLAN) && safety_plan_may_edit(rq, mask);
}

access_result access_family_plan_edit(request *rq)
{
	access_result r = access_case_part(rq, PART_GEZINSPLAN);
	if (r != ACCESS_OK)
		return r;
	unsigned roles = rq->user->roles & rq->route->roles;
	if (!(roles & ROLE_PROFESSIONAL) || !family_plan_may_edit(rq, case_parts_of(rq, rq->ids[0])))
		return ACCESS_NOT_FOUND;
	return ACCESS_OK;
}

access_result access_evaluation_record(request *rq)
{
	access_result r = access_case_part(rq, PART_GEZINSPLAN);
	if (r != ACCESS_OK)
		return r;
	return access_case_director(rq);
}

access_result access_evaluation_view(request *rq)
{
	return access_case_part(rq, PART_GEZINSPLAN);
}
