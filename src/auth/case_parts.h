/*
 * case_parts.h — the named parts of a case and THE one function that decides
 * need-to-know inside a case (DESIGN.md §4 and §8, issue 7).
 *
 * A case consists of parts (enum case_part, bits of a mask). case_parts_of()
 * answers which parts the request's user may see; every route access function
 * (access.c: access_case_view, access_case_part, …) and every template part (via
 * case_parts_to_view) is decided from that one mask, never by an `if` on roles or
 * involvement in a handler. Only roles the request's route admits count.
 *
 * The rules (first match of each role the route admits; the union when a user
 * holds several):
 *   teamleider    of the case's team: PART_ALL.
 *   professional  the case's regisseur (while in the case's team): PART_ALL;
 *                 with an active personal involvement, in a local team
 *                 (wijkteam, buurtteam): PART_ALL, except PART_OVERDRACHT
 *                 unless the person works in the case's own team;
 *                 with an active personal involvement in any other kind of
 *                 organisation: as a partner (below).
 *   partner       with an active personal involvement: PART_BASIS | the parts
 *                 the involvement names (default PART_PARTNER_DEFAULT), never
 *                 PART_OVERDRACHT. PART_GEZINSPLAN (the family plan) like the
 *                 safety plan's parts: only when the involvement names it.
 *   anyone else   (vt, secretaris, leertafellid, beleid, beheerder, a
 *                 professional or partner not involved, an ended involvement,
 *                 an involvement in an organisation the person has left): 0.
 * 0 means the case is not visible at all: answer 404.
 *
 * PART_JOURNAAL covers the journal's general entries; every journal entry is
 * tagged with exactly one part and is seen by whoever sees that part.
 */
#ifndef KR_CASE_PARTS_H
#define KR_CASE_PARTS_H

#include "server/request.h"
#include "view/tmpl.h"

#include <stdint.h>

/* Named parts of a case (DESIGN.md §8, issue 7), as bits of a mask. */
enum case_part {
	PART_BASIS          = 1u << 0,  /* that the case exists, the regisseur and how to reach
	                                   him/her; agreements owned by the user's own organisation.
	                                   Set for everybody who may see the case at all. */
	PART_GEZIN          = 1u << 1,  /* members, birth dates, address */
	PART_VOORWAARDEN    = 1u << 2,  /* veiligheidsvoorwaarden with status and history */
	PART_PLAN_ZORGEN    = 1u << 3,  /* zorgen: what happened, danger statements, both views */
	PART_PLAN_GOED      = 1u << 4,  /* wat gaat goed */
	PART_PLAN_DOELEN    = 1u << 5,  /* veiligheidsdoelen */
	PART_PLAN_AFSPRAKEN = 1u << 6,  /* ALL agreements (own organisation's are in PART_BASIS) */
	PART_PLAN_NETWERK   = 1u << 7,  /* veiligheidsnetwerk */
	PART_PLAN_SIGNALEN  = 1u << 8,  /* signals, what each does when unsafe, crisis contacts */
	PART_PLAN_TOEZICHT  = 1u << 9,  /* who checks the agreements, how often */
	PART_PLAN_SCHAAL    = 1u << 10, /* veiligheidsschaal scores and evaluatiedatum */
	PART_JOURNAAL       = 1u << 11, /* journal entries (each entry carries its own part) */
	PART_OVERDRACHT     = 1u << 12, /* VT's handover text: case team and regisseur only */
	PART_GEZINSPLAN     = 1u << 13, /* gezinsplan: the family's goals, ZRM scores, goals per
	                                   domain, services deployed, evaluations (issue 8) */
};
#define PART_PLAN_ALL (PART_PLAN_ZORGEN | PART_PLAN_GOED | PART_PLAN_DOELEN | \
	PART_PLAN_AFSPRAKEN | PART_PLAN_NETWERK | PART_PLAN_SIGNALEN | PART_PLAN_TOEZICHT | \
	PART_PLAN_SCHAAL)
#define PART_ALL ((1u << 14) - 1)
#define PART_COUNT 14
/* "dat, niet wat": a partner's default — basis + the signals it is asked to watch for. */
#define PART_PARTNER_DEFAULT (PART_BASIS | PART_PLAN_SIGNALEN)

/* The parts of case `case_id` the request's user may see; 0 = the case is not visible
 * (answer 404). The ONLY place need-to-know inside a case is decided. */
unsigned case_parts_of(const request *rq, int64_t case_id);
/* case_parts_of() for a case whose facts (team, regisseur, the user's active personal
 * involvements in his/her organisation) a list statement read with the case
 * (INVOLVEMENT_PARTS_SQL, store/involvement.h): the same rules, no statement per row. */
struct involvement_facts;
unsigned case_parts_of_listed(const request *rq, int64_t case_id, const struct involvement_facts *facts);
/* The same rules for any user (not the request's): user_id in organisation org_id
 * (of kind org_kind) holding `roles` — pass only the roles that count (for a page
 * the route admits; for "who may see this" all of the user's roles). For the
 * safety plan's sharing and "who has read it". */
unsigned case_parts_of_user(int64_t case_id, int64_t user_id, int64_t org_id, const char *org_kind, unsigned roles);
/* The union of what the actively involved people of organisation org_id see of the
 * case (their own parts by their own roles); 0 when none is involved. For the
 * per-partner print (…/afdrukken?voor={organisation id}). */
unsigned case_parts_of_org(arena *a, int64_t case_id, int64_t org_id);
/* Dutch label and the stable code (used in the `parts` form field and the DB) of one part. */
const char *case_part_label(unsigned part);
const char *case_part_code(unsigned part);
unsigned case_part_from_code(const char *code); /* 0 when unknown */
/* The codes of all parts in display order, NULL-terminated (declared choice fields). */
extern const char *const case_part_codes[];
/* The i-th part bit, 0 <= i < PART_COUNT (in display order). */
unsigned case_part_at(int i);

/* Set the booleans part_basis, part_gezin, part_voorwaarden, part_plan_zorgen,
 * part_plan_goed, part_plan_doelen, part_plan_afspraken, part_plan_netwerk,
 * part_plan_signalen, part_plan_toezicht, part_plan_schaal, part_journaal,
 * part_overdracht, part_gezinsplan (one per part, named part_<code>) and part_plan_any on obj, so
 * that templates render a part only when its bit is set and never decide access. */
void case_parts_to_view(tv *obj, unsigned parts);

#endif
