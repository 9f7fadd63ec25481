/*
 * access.h — object access for handovers and cases: the route table's access
 * functions (need to know, DESIGN.md §4).
 *
 * Each answers ACCESS_NOT_FOUND both for an object that does not exist and for
 * one the user may not reach, so that a 404 never tells the two apart, and fills
 * rq->audit (object type, id, household) for the router's audit record, also
 * when refusing. Who may reach what:
 *   vt            the handovers its own organisation wrote (never a case page);
 *   teamleider    submitted handovers addressed to the own team, or to the joint
 *                 triage while no team took them (local teams only), or taken by
 *                 the own team; once returned, only the team that took or
 *                 returned it; the cases of the own team;
 *   professional, partner  inside a case: the parts case_parts_of() (case_parts.h)
 *                 gives; a professional reads a case's handovers only with the
 *                 part PART_OVERDRACHT (own team, regisseur), a partner never.
 * A user holding several roles gets the union of what the route's roles allow.
 */
#ifndef KR_ACCESS_H
#define KR_ACCESS_H

#include "server/router.h"
#include "store/handover.h"

/* Read access to handover rq->ids[0]. */
access_result access_handover_view(request *rq);
/* The writing VT organisation, while the handover is a concept. */
access_result access_handover_concept(request *rq);
/* The writing VT organisation, once submitted (addenda). */
access_result access_handover_sent(request *rq);
/* A team leader who may decide on the handover (take, warm handover, accept, return). */
access_result access_handover_team(request *rq);

/* Read access to case rq->ids[0]: the user sees PART_BASIS (case_parts.h). */
access_result access_case_view(request *rq);
/* Generic: ACCESS_OK when the user sees at least one of `any_of_parts` of case
 * rq->ids[0] (case_parts_of), else ACCESS_NOT_FOUND; fills rq->audit like every
 * case access function. Build part routes' access functions on this one. */
access_result access_case_part(request *rq, unsigned any_of_parts);
/* The case's current regisseur (conditions, feedback). */
access_result access_case_director(request *rq);
/* A team leader of the case's team (change of regisseur). */
access_result access_case_team(request *rq);

/* The case team (issue 7): the case's team leader or its regisseur invites. */
access_result access_case_team_manage(request *rq);
/* … and ends involvement rq->ids[1], an invited ('betrokken') one of the case. */
access_result access_case_involvement_end(request *rq);
/* The journal: the author adds an addendum to his/her own entry rq->ids[1] of the
 * case while he/she sees its part; the regisseur pins entries. */
access_result access_journal_addendum(request *rq);
access_result access_journal_pin(request *rq);

/* Shared with the pages: may a team leader of org (kind) see/decide handover h? */
bool access_team_sees_handover(const handover_rec *h, int64_t org_id, const char *org_kind);

#endif
