/*
 * case_parts.c — TEMPORARY STAND-IN (see case_parts.h): replaced by the caseteam
 * branch at merge. Approximates the contract's rules with today's involvement rows.
 */
#include "auth/case_parts.h"

#include "auth/roles.h"
#include "store/case.h"

#include <string.h>

unsigned case_parts_of(const request *rq, int64_t case_id)
{
	if (!rq->user)
		return 0;
	unsigned roles = rq->user->roles & rq->route->roles;
	arena *a = rq->a;
	case_rec c;
	if (!case_get(a, case_id, &c))
		return 0;
	if ((roles & ROLE_TEAMLEIDER) && c.team_org_id == rq->user->org_id)
		return PART_ALL;
	if ((roles & ROLE_PROFESSIONAL) && case_user_involved(case_id, rq->user->id))
		return PART_ALL;
	if ((roles & ROLE_PARTNER) && case_user_involved(case_id, rq->user->id))
		return PART_PARTNER_DEFAULT;
	return 0;
}

const char *case_part_label(unsigned part)
{
	(void)part;
	return "";
}

const char *case_part_code(unsigned part)
{
	(void)part;
	return "";
}

unsigned case_part_from_code(const char *code)
{
	(void)code;
	return 0;
}

access_result access_case_part(request *rq, unsigned any_of_parts)
{
	rq->audit.object_type = "case";
	rq->audit.object_id = rq->ids[0];
	case_rec c;
	if (rq->nids < 1 || !case_get(rq->a, rq->ids[0], &c))
		return ACCESS_NOT_FOUND;
	rq->audit.household_id = c.household_id;
	return (case_parts_of(rq, c.id) & any_of_parts) ? ACCESS_OK : ACCESS_NOT_FOUND;
}
