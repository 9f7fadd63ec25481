/*
 * case_parts.c — need-to-know inside a case (see case_parts.h for the rules).
 *
 * Must never widen what a role sees beyond the header's rules, never look at a
 * role the route did not admit, and never give a partner PART_OVERDRACHT.
 */
#include "auth/case_parts.h"

#include "auth/case_memo.h"
#include "store/roles.h"
#include "server/router.h"
#include "store/involvement.h"

#include <string.h>

static const struct {
	unsigned bit;
	const char *code;
	const char *label;
	const char *view_key; /* "part_" code: the template value case_parts_to_view sets */
} parts[PART_COUNT] = {
	{PART_BASIS, "basis", "Basis: dat er een casus is, de regisseur en de eigen afspraken", "part_basis"},
	{PART_GEZIN, "gezin", "Gezin: gezinsleden, geboortedata en adres", "part_gezin"},
	{PART_VOORWAARDEN, "voorwaarden", "Veiligheidsvoorwaarden en hun status", "part_voorwaarden"},
	{PART_PLAN_ZORGEN, "plan_zorgen", "Veiligheidsplan: zorgen", "part_plan_zorgen"},
	{PART_PLAN_GOED, "plan_goed", "Veiligheidsplan: wat gaat goed", "part_plan_goed"},
	{PART_PLAN_DOELEN, "plan_doelen", "Veiligheidsplan: veiligheidsdoelen", "part_plan_doelen"},
	{PART_PLAN_AFSPRAKEN, "plan_afspraken", "Veiligheidsplan: alle afspraken", "part_plan_afspraken"},
	{PART_PLAN_NETWERK, "plan_netwerk", "Veiligheidsplan: veiligheidsnetwerk", "part_plan_netwerk"},
	{PART_PLAN_SIGNALEN, "plan_signalen", "Veiligheidsplan: signalen en wat te doen als het onveilig wordt", "part_plan_signalen"},
	{PART_PLAN_TOEZICHT, "plan_toezicht", "Veiligheidsplan: toezicht", "part_plan_toezicht"},
	{PART_PLAN_SCHAAL, "plan_schaal", "Veiligheidsplan: veiligheidsschaal en evaluatiedatum", "part_plan_schaal"},
	{PART_GEZINSPLAN, "gezinsplan", "Gezinsplan: doelen, ZRM-scores, ingezette hulp en evaluaties", "part_gezinsplan"},
	{PART_JOURNAAL, "journaal", "Journaal (algemeen)", "part_journaal"},
	{PART_OVERDRACHT, "overdracht", "Overdracht van Veilig Thuis", "part_overdracht"},
};

const char *const case_part_codes[] = {"basis", "gezin", "voorwaarden", "plan_zorgen", "plan_goed",
                                       "plan_doelen", "plan_afspraken", "plan_netwerk", "plan_signalen",
                                       "plan_toezicht", "plan_schaal", "gezinsplan", "journaal", "overdracht", NULL};

unsigned case_part_at(int i)
{
	return i >= 0 && i < PART_COUNT ? parts[i].bit : 0;
}

const char *case_part_label(unsigned part)
{
	for (int i = 0; i < PART_COUNT; i++)
		if (parts[i].bit == part)
			return parts[i].label;
	return "";
}

const char *case_part_code(unsigned part)
{
	for (int i = 0; i < PART_COUNT; i++)
		if (parts[i].bit == part)
			return parts[i].code;
	return "";
}

unsigned case_part_from_code(const char *code)
{
	if (!code)
		return 0;
	for (int i = 0; i < PART_COUNT; i++)
		if (strcmp(parts[i].code, code) == 0)
			return parts[i].bit;
	return 0;
}

static bool local_team_kind(const char *kind)
{
	return kind && (strcmp(kind, "wijkteam") == 0 || strcmp(kind, "buurtteam") == 0);
}

/* The rules of case_parts.h over the facts of one user and one existing case. */
static unsigned parts_by_rule(const involvement_facts *fp, int64_t user_id, int64_t org_id, const char *org_kind,
                              unsigned roles)
{
	const involvement_facts f = *fp;
	bool own_team = f.team_org_id == org_id;
	unsigned mask = 0;
	if ((roles & ROLE_TEAMLEIDER) && own_team)
		mask |= PART_ALL;
	if (roles & ROLE_PROFESSIONAL) {
		if (f.director_id == user_id && own_team)
			mask |= PART_ALL;
		else if (f.involved && local_team_kind(org_kind))
			mask |= own_team ? PART_ALL : PART_ALL & ~PART_OVERDRACHT;
		else if (f.involved)
			mask |= PART_BASIS | (f.parts & PART_ALL & ~PART_OVERDRACHT);
	}
	if ((roles & ROLE_PARTNER) && f.involved)
		mask |= PART_BASIS | (f.parts & PART_ALL & ~PART_OVERDRACHT);
	return mask;
}

unsigned case_parts_of_user(int64_t case_id, int64_t user_id, int64_t org_id, const char *org_kind, unsigned roles)
{
	if (!(roles & (ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER)))
		return 0;
	involvement_facts f;
	if (!involvement_facts_of(case_id, user_id, org_id, &f))
		return 0; /* no such case */
	return parts_by_rule(&f, user_id, org_id, org_kind, roles);
}

/* The parts of one case for the request's user, decided once per request: from the
 * facts a list statement read with the case, or (facts NULL) read here. */
static unsigned parts_memoized(const request *rq, int64_t case_id, const involvement_facts *facts)
{
	const auth_user *u = rq->user;
	unsigned roles = u && rq->route ? u->roles & rq->route->roles : 0;
	if (!roles)
		return 0;
	unsigned mask;
	if (case_memo_parts(rq, case_id, &mask))
		return mask; /* decided earlier in this request, nothing written since */
	mask = facts ? parts_by_rule(facts, u->id, u->org_id, u->org_kind, roles)
	             : case_parts_of_user(case_id, u->id, u->org_id, u->org_kind, roles);
	case_memo_keep_parts(rq, case_id, mask);
	return mask;
}

unsigned case_parts_of(const request *rq, int64_t case_id)
{
	return parts_memoized(rq, case_id, NULL);
}

unsigned case_parts_of_listed(const request *rq, int64_t case_id, const involvement_facts *facts)
{
	return parts_memoized(rq, case_id, facts);
}

unsigned case_parts_of_org(arena *a, int64_t case_id, int64_t org_id)
{
	size_t n;
	involved_user *users = involvement_active_users(a, case_id, &n);
	unsigned mask = 0;
	for (size_t i = 0; i < n; i++)
		if (users[i].org_id == org_id)
			mask |= case_parts_of_user(case_id, users[i].user_id, users[i].org_id, users[i].org_kind,
			                           users[i].roles);
	return mask;
}

void case_parts_to_view(tv *obj, unsigned mask)
{
	for (int i = 0; i < PART_COUNT; i++)
		tv_set_static_key_bool(obj, parts[i].view_key, (mask & parts[i].bit) != 0);
	tv_put_bool(obj, "part_plan_any", (mask & PART_PLAN_ALL) != 0);
}
