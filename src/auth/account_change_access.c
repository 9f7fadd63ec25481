/*
 * account_change_access.c — who must confirm an account change, and who may
 * (rules in account_change_access.h). No page checks these itself.
 */
#include "auth/account_change_access.h"

#include "store/roles.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

bool account_change_reset_waits(unsigned roles)
{
	return (roles & FOUR_EYES_ROLES) != 0;
}

bool account_change_grant_waits(int64_t old_org, unsigned old_roles, int64_t new_org, unsigned new_roles)
{
	unsigned sensitive = new_roles & FOUR_EYES_ROLES;
	if (!sensitive)
		return false;
	return old_org != new_org || (sensitive & ~old_roles) != 0;
}

bool account_change_may_confirm(const auth_user *me, const account_change *c)
{
	if (!me || me->id == c->requested_by || me->id == c->user_id)
		return false;
	unsigned target = c->roles | c->new_roles;
	if ((me->roles & ROLE_TEAMLEIDER) && me->org_id == c->new_org_id && !(target & ROLE_BEHEERDER))
		return true;
	if (me->roles & ROLE_BEHEERDER) {
		if (target & (ROLE_TEAMLEIDER | ROLE_BEHEERDER))
			return true;
		if (!ach_org_has_team_leader(c->new_org_id, c->user_id))
			return true;
	}
	return false;
}

static const char *outcome_text(const char *outcome)
{
	if (strcmp(outcome, "confirmed") == 0)
		return "bevestigd";
	if (strcmp(outcome, "refused") == 0)
		return "afgewezen";
	return "ingetrokken: er kwam een nieuwere aanvraag voor in de plaats";
}

access_result access_account_change(request *rq)
{
	account_change *c = arena_alloc(rq->a, sizeof *c);
	if (rq->nids < 1)
		return ACCESS_NOT_FOUND;
	if (ach_get_open(rq->a, rq->ids[0], c))
		return account_change_may_confirm(rq->user, c) ? ACCESS_OK : ACCESS_NOT_FOUND;
	ach_decision d;
	if (!ach_get_decided(rq->a, rq->ids[0], c, &d) || !account_change_may_confirm(rq->user, c))
		return ACCESS_NOT_FOUND;
	time_t t = (time_t)d.decided_at;
	struct tm tm;
	char iso[32], when[KR_DATETIME_BUF];
	gmtime_r(&t, &tm);
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!kr_datetime_reformat_nl(iso, when))
		snprintf(when, sizeof when, "%s", "onbekend");
	rq->conflict.message = arena_printf(rq->a,
	                                    "Over deze wijziging voor %s is al besloten: %s door %s op %s. Uw klik heeft "
	                                    "niets veranderd.",
	                                    c->username, outcome_text(d.outcome), d.decided_by_name, when);
	rq->conflict.back_href = "/";
	rq->conflict.back_label = "Naar mijn werk";
	return ACCESS_CONFLICT;
}
