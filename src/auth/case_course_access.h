/*
 * case_course_access.h — object access for op- en afschalen (issue 8): who
 * decides on an escalation of a case and who may de-escalate it. Same contract
 * as access.h: ACCESS_NOT_FOUND for anything the user may not reach, rq->audit
 * filled for the router's audit record.
 */
#ifndef KR_CASE_COURSE_ACCESS_H
#define KR_CASE_COURSE_ACCESS_H

#include "server/router.h"

/* Escalation rq->ids[1] of case rq->ids[0]: for the levels inside the
 * organisation (teamleider, management, bestuurder) the case's team leader
 * records the decision (he/she brings it to management or the board); for the
 * outward levels (Zorg- en Veiligheidshuis, Veilig Thuis) the regisseur or the
 * team leader records the answer. */
access_result access_case_escalation_decide(request *rq);
/* Afschalen: the case's team leader or its regisseur, for an escalation of the case. */
access_result access_case_escalation_manage(request *rq);

/* Meeting rq->ids[1] of case rq->ids[0]: read by whoever sees the case (what of
 * it follows from the parts); its minutes recorded by the team leader or regisseur. */
access_result access_case_meeting_view(request *rq);
access_result access_case_meeting_manage(request *rq);

#endif
