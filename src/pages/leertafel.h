/*
 * leertafel.h — the leertafel area: meetings, action lists, the yearly action
 * plan, its traffic-light report, escalations to the bestuurlijk overleg and
 * the lists (actielijnen, werkgroepen). Handlers for the route table, and the
 * start-page panel.
 *
 * Access: the route table admits only `secretaris` and `leertafellid`, and only
 * `secretaris` on every route that changes something except the status update
 * of an action. That one route is open to both roles; which actions a
 * `leertafellid` may update (those his/her organisation owns or takes part in)
 * is decided in exactly one place, leertafel_may_update_action() in
 * leertafel.c, applied by the route's access function
 * access_leertafel_action_update() (the router answers 403, the handler never
 * decides). No route here shows client data, and no
 * file of this area names a client table (tests/unit/test_leertafel.c checks).
 */
#ifndef KR_LEERTAFEL_H
#define KR_LEERTAFEL_H

#include "server/request.h"
#include "server/router.h"
#include "view/tmpl.h"

/* Access function of POST /leertafel/acties/{id}/status: 404 for no such action,
 * 403 for an action the member's organisation neither owns nor takes part in. */
access_result access_leertafel_action_update(request *rq);

/* leertafel.c — start page, meetings, home panel */
void page_leertafel_index(request *rq);
void page_leertafel_meeting_new(request *rq);
void page_leertafel_meeting_create(request *rq);
void page_leertafel_meeting_show(request *rq);
void page_leertafel_meeting_edit(request *rq);
void page_leertafel_meeting_update(request *rq);
void page_leertafel_meeting_csv(request *rq);

/* leertafel_action.c — actions, status, escalations and the board agenda */
void page_leertafel_action_new(request *rq);
void page_leertafel_action_create(request *rq);
void page_leertafel_action_show(request *rq);
void page_leertafel_action_edit(request *rq);
void page_leertafel_action_update(request *rq);
void page_leertafel_action_status(request *rq);
void page_leertafel_board(request *rq);
void page_leertafel_escalation_new(request *rq);
void page_leertafel_escalation_create(request *rq);
void page_leertafel_escalation_edit(request *rq);
void page_leertafel_escalation_decide(request *rq);

/* leertafel_plan.c — plans, adoption, report, lists */
void page_leertafel_plan_new(request *rq);
void page_leertafel_plan_create(request *rq);
void page_leertafel_plan_show(request *rq);
void page_leertafel_plan_adopt(request *rq);
void page_leertafel_report(request *rq);
void page_leertafel_report_csv(request *rq);
void page_leertafel_settings(request *rq);
void page_leertafel_settings_add(request *rq);
void page_leertafel_settings_toggle(request *rq);

/* The start-page panel for secretaris and leertafellid (home.c decides who): the
 * next meeting and the open actions of the user's organisation. Sets
 * ctx.leertafel; returns false (never client data). */
bool leertafel_home_panel(request *rq, tv *ctx);

#endif
