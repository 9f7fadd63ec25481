/*
 * access.c — need-to-know access to handovers and cases (see access.h).
 *
 * Must never answer anything but ACCESS_NOT_FOUND for an object outside the
 * user's involvement, and must never look at a role the route did not admit.
 * One exception, decided here and nowhere else: a local team leader acting on a
 * joint-triage handover that another team took meanwhile gets ACCESS_CONFLICT
 * (409, which team and when; no family name, no content).
 */
#include "auth/access.h"

#include "auth/case_memo.h"
#include "auth/case_parts.h"
#include "store/roles.h"
#include "server/router.h"
#include "store/case.h"
#include "store/involvement.h"
#include "store/journal.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

/* Roles the user holds that this route admits. */
static unsigned route_roles(const request *rq)
{
	return rq->user ? rq->user->roles & rq->route->roles : 0;
}

bool access_team_sees_handover(const handover_rec *h, int64_t org_id, const char *org_kind)
{
	if (strcmp(h->status, "concept") == 0)
		return false;
	if (strcmp(h->status, "teruggelegd") == 0) /* only the team that handled it: took or returned it */
		return (h->taken_org_id && h->taken_org_id == org_id) || (h->decided_org_id && h->decided_org_id == org_id);
	if (h->taken_org_id)
		return h->taken_org_id == org_id;
	if (h->receiving_org_id)
		return h->receiving_org_id == org_id;
	return handover_is_local_team_kind(org_kind); /* joint triage */
}

static bool load_handover(request *rq, handover_rec *h)
{
	rq->audit.object_type = "handover";
	rq->audit.object_id = rq->ids[0];
	if (rq->nids < 1 || !handover_get(rq->a, rq->ids[0], h))
		return false;
	rq->audit.household_id = h->household_id;
	return true;
}

access_result access_handover_view(request *rq)
{
	handover_rec h;
	if (!load_handover(rq, &h))
		return ACCESS_NOT_FOUND;
	unsigned roles = route_roles(rq);
	const auth_user *u = rq->user;
	if ((roles & ROLE_VT) && h.vt_org_id == u->org_id)
		return ACCESS_OK;
	if ((roles & ROLE_TEAMLEIDER) && access_team_sees_handover(&h, u->org_id, u->org_kind))
		return ACCESS_OK;
	/* the handover text inside a case is the case part "overdracht" */
	if ((roles & ROLE_PROFESSIONAL) && h.case_id && (case_parts_of(rq, h.case_id) & PART_OVERDRACHT))
		return ACCESS_OK;
	return ACCESS_NOT_FOUND;
}

access_result access_handover_concept(request *rq)
{
	handover_rec h;
	if (!load_handover(rq, &h))
		return ACCESS_NOT_FOUND;
	if ((route_roles(rq) & ROLE_VT) && h.vt_org_id == rq->user->org_id && strcmp(h.status, "concept") == 0)
		return ACCESS_OK;
	return ACCESS_NOT_FOUND;
}

access_result access_handover_sent(request *rq)
{
	handover_rec h;
	if (!load_handover(rq, &h))
		return ACCESS_NOT_FOUND;
	if ((route_roles(rq) & ROLE_VT) && h.vt_org_id == rq->user->org_id && strcmp(h.status, "concept") != 0)
		return ACCESS_OK;
	return ACCESS_NOT_FOUND;
}

/* A handover sent to the joint triage that another local team took (or decided
 * on): every local team leader saw it in the inbox until then. */
static bool taken_from_triage_by_other(const handover_rec *h, const auth_user *u)
{
	if (!h->receiving_triage || h->receiving_org_id || strcmp(h->status, "concept") == 0 ||
	    !handover_is_local_team_kind(u->org_kind))
		return false;
	int64_t other = h->taken_org_id ? h->taken_org_id : h->decided_org_id;
	return other && other != u->org_id;
}

access_result access_handover_team(request *rq)
{
	handover_rec h;
	if (!load_handover(rq, &h))
		return ACCESS_NOT_FOUND;
	if (!(route_roles(rq) & ROLE_TEAMLEIDER))
		return ACCESS_NOT_FOUND;
	if (access_team_sees_handover(&h, rq->user->org_id, rq->user->org_kind))
		return ACCESS_OK;
	if (taken_from_triage_by_other(&h, rq->user)) {
		/* who and when only: never the family's name or the handover's content */
		char when[KR_DATETIME_BUF];
		const char *at = h.taken_org_id ? h.taken_at : h.decided_at;
		const char *team = h.taken_org_id ? h.taken_org_name : h.decided_org_name;
		if (!kr_datetime_reformat_nl(at, when))
			snprintf(when, sizeof when, "%s", "onbekend");
		rq->conflict.message = arena_printf(
			rq->a, "%s heeft overdracht %lld uit de gezamenlijke triage al %s op %s. Uw team hoeft hier niets"
			       " meer mee te doen; er is niets opgeslagen.",
			team, (long long)h.id, h.taken_org_id ? "opgepakt" : "teruggelegd", when);
		rq->conflict.back_href = "/overdrachten";
		rq->conflict.back_label = "Terug naar de inbox";
		return ACCESS_CONFLICT;
	}
	return ACCESS_NOT_FOUND;
}

static bool load_case(request *rq, case_rec *c)
{
	rq->audit.object_type = "case";
	rq->audit.object_id = rq->ids[0];
	if (rq->nids < 1 || !case_memo_get(rq, rq->ids[0], c))
		return false;
	rq->audit.household_id = c->household_id;
	return true;
}

access_result access_case_part(request *rq, unsigned any_of_parts)
{
	case_rec c;
	if (!load_case(rq, &c))
		return ACCESS_NOT_FOUND;
	return (case_parts_of(rq, c.id) & any_of_parts) ? ACCESS_OK : ACCESS_NOT_FOUND;
}

access_result access_case_view(request *rq)
{
	return access_case_part(rq, PART_BASIS);
}

access_result access_case_director(request *rq)
{
	case_rec c;
	if (!load_case(rq, &c))
		return ACCESS_NOT_FOUND;
	/* the regisseur, and only while he or she still works in the case's team */
	if ((route_roles(rq) & ROLE_PROFESSIONAL) && c.director_id == rq->user->id &&
	    c.team_org_id == rq->user->org_id)
		return ACCESS_OK;
	return ACCESS_NOT_FOUND;
}

access_result access_case_team(request *rq)
{
	case_rec c;
	if (!load_case(rq, &c))
		return ACCESS_NOT_FOUND;
	if ((route_roles(rq) & ROLE_TEAMLEIDER) && c.team_org_id == rq->user->org_id)
		return ACCESS_OK;
	return ACCESS_NOT_FOUND;
}

/* The case team is managed by the case's team leader and its regisseur (while he
 * or she works in the case's team). */
static bool manages_team(const request *rq, const case_rec *c)
{
	unsigned roles = route_roles(rq);
	if ((roles & ROLE_TEAMLEIDER) && c->team_org_id == rq->user->org_id)
		return true;
	return (roles & ROLE_PROFESSIONAL) && c->director_id == rq->user->id && c->team_org_id == rq->user->org_id;
}

access_result access_case_team_manage(request *rq)
{
	case_rec c;
	if (!load_case(rq, &c))
		return ACCESS_NOT_FOUND;
	return manages_team(rq, &c) ? ACCESS_OK : ACCESS_NOT_FOUND;
}

access_result access_case_involvement_end(request *rq)
{
	case_rec c;
	if (!load_case(rq, &c) || !manages_team(rq, &c))
		return ACCESS_NOT_FOUND;
	involvement v;
	/* only people invited into the case; the team and the regisseur change elsewhere */
	if (rq->nids < 2 || !involvement_get(rq->a, c.id, rq->ids[1], &v) || strcmp(v.role, "betrokken") != 0)
		return ACCESS_NOT_FOUND;
	return ACCESS_OK;
}

access_result access_journal_addendum(request *rq)
{
	case_rec c;
	if (!load_case(rq, &c))
		return ACCESS_NOT_FOUND;
	journal_entry e;
	if (rq->nids < 2 || !journal_get(rq->a, c.id, rq->ids[1], &e) || e.addendum_of)
		return ACCESS_NOT_FOUND;
	/* the author corrects his/her own entry, while he/she still sees its part */
	if (e.author_id != rq->user->id || !(case_parts_of(rq, c.id) & e.part))
		return ACCESS_NOT_FOUND;
	return ACCESS_OK;
}

access_result access_journal_pin(request *rq)
{
	case_rec c;
	if (!load_case(rq, &c))
		return ACCESS_NOT_FOUND;
	journal_entry e;
	if ((route_roles(rq) & ROLE_PROFESSIONAL) && c.director_id == rq->user->id && c.team_org_id == rq->user->org_id &&
	    rq->nids >= 2 && journal_get(rq->a, c.id, rq->ids[1], &e) && !e.addendum_of)
		return ACCESS_OK;
	return ACCESS_NOT_FOUND;
}
