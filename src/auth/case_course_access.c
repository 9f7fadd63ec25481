/*
 * case_course_access.c — who decides on and who de-escalates an escalation of a
 * case (see case_course_access.h). Built on access_case_team_manage (the case's
 * team leader or its regisseur), which also fills rq->audit. Must never look at
 * a role the route did not admit.
 */
#include "auth/case_course_access.h"

#include "auth/access.h"
#include "store/roles.h"
#include "store/case.h"
#include "store/case_escalation.h"
#include "store/case_meeting.h"

static bool load(request *rq, case_rec *c, case_escalation *e)
{
	if (access_case_team_manage(rq) != ACCESS_OK || rq->nids < 2)
		return false;
	return case_get(rq->a, rq->ids[0], c) && case_escalation_get(rq->a, c->id, rq->ids[1], e);
}

access_result access_case_escalation_decide(request *rq)
{
	case_rec c;
	case_escalation e;
	if (!load(rq, &c, &e))
		return ACCESS_NOT_FOUND;
	if (case_escalation_level_external(e.level))
		return ACCESS_OK;
	unsigned roles = rq->user->roles & rq->route->roles;
	return (roles & ROLE_TEAMLEIDER) && c.team_org_id == rq->user->org_id ? ACCESS_OK : ACCESS_NOT_FOUND;
}

access_result access_case_escalation_manage(request *rq)
{
	case_rec c;
	case_escalation e;
	return load(rq, &c, &e) ? ACCESS_OK : ACCESS_NOT_FOUND;
}

static bool meeting_of_case(request *rq)
{
	case_meeting m;
	return rq->nids >= 2 && case_meeting_get(rq->a, rq->ids[0], rq->ids[1], &m);
}

access_result access_case_meeting_view(request *rq)
{
	return access_case_view(rq) == ACCESS_OK && meeting_of_case(rq) ? ACCESS_OK : ACCESS_NOT_FOUND;
}

access_result access_case_meeting_manage(request *rq)
{
	return access_case_team_manage(rq) == ACCESS_OK && meeting_of_case(rq) ? ACCESS_OK : ACCESS_NOT_FOUND;
}
