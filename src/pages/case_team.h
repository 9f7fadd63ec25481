/*
 * case_team.h — the case team and the journal (issue 7): page handlers of
 * case_team.c and journal.c, the case page's team section, and the hook through
 * which the safety plan fills the case page's plan summary.
 *
 * Access is decided by the route table and auth/access.c + auth/case_parts.c;
 * these files receive the user's mask of parts and render from it only.
 */
#ifndef KR_PAGES_CASE_TEAM_H
#define KR_PAGES_CASE_TEAM_H

#include "server/request.h"
#include "store/case.h"
#include "store/involvement.h"
#include "view/tmpl.h"

/* case_team.c */
void page_case_team_invite(request *rq);
void page_case_team_end(request *rq);
/* The case page's team section: sets ctx.team (active involvements with basis,
 * informed status and parts, only for users who see the whole case: see
 * case_team_sees_all), ctx.team_history (ended ones), ctx.own_involvement (the
 * user's own involvement, for partners), ctx.director_contact, and, when
 * `manages` (team leader, regisseur), the invite form's choices. `failed` names
 * the form that failed ("invite", "end") or is NULL. `inv`: the case's
 * involvements (involvement_list), read once for the page. */
void case_team_to_view(request *rq, tv *ctx, const case_rec *c, const involvement *inv, size_t ninv, unsigned parts,
                       bool manages, const char *failed);
/* Does a user with this mask see the whole case team? (every part but perhaps the
 * handover: the case's team, the regisseur, involved local-team professionals,
 * or a partner given every part) */
bool case_team_sees_all(unsigned parts);

/* A closed case is a record, no longer a workplace: true when case rq->ids[0] is
 * open, else answers 409 with the way back. */
bool case_team_case_open(request *rq);

/* journal.c */
void page_journal_show(request *rq);
void page_journal_create(request *rq);
void page_journal_addendum(request *rq);
void page_journal_pin(request *rq);

/* case_plan_hook.c — filled by the safety plan: on ctx, the lists
 * `own_agreements` (agreements assigned to the user's organisation; items with
 * what, who, when, status) when PART_BASIS is in parts, and `signals` (items with
 * text, what_to_do) when PART_PLAN_SIGNALEN is, with the booleans has_own_agreements
 * and has_signals; the partial
 * templates/case_plan_summary.html renders them. Nothing when the mask sees the
 * whole case (case_team_sees_all): the page then shows no summary. */
void case_plan_summary_fill(request *rq, tv *ctx, int64_t case_id, unsigned parts);

/* cases.c: the case page with status (422 after a failed form named `failed`). */
void case_show_again(request *rq, int status, const char *failed);

#endif
