/*
 * safety_plan.h — page handlers of the safety plan area (issue 7: plan, versions,
 * comparison, conflicts, sharing, condition statuses in one form, print), and the
 * pieces other pages show: the start-page panel and Veilig Thuis's view of the
 * agreed plan on its handover. Access functions: auth/safety_plan_access.h.
 */
#ifndef KR_PAGES_SAFETY_PLAN_H
#define KR_PAGES_SAFETY_PLAN_H

#include "server/request.h"
#include "view/tmpl.h"

/* safety_plan.c */
void page_safety_plan_show(request *rq);
void page_safety_plan_save(request *rq);
void page_safety_plan_agree(request *rq);
/* safety_plan_versions.c */
void page_safety_plan_version(request *rq);
/* safety_plan_print.c */
void page_safety_plan_print(request *rq);
/* safety_plan_conditions.c */
void page_safety_conditions_update(request *rq);
/* The case's conditions (status, history, the one form when editable) for the
 * case page: sets ctx.conditions, has_conditions, can_edit_conditions. */
void sp_conditions_put(request *rq, tv *ctx, int64_t case_id, bool editable);

/* safety_plan_share.c */
/* "nieuw veiligheidsplan" on the start page (home.c decides the roles); true when
 * it names households (then audited by home.c). */
bool safety_plan_home_panel(request *rq, tv *ctx);
/* Veilig Thuis's written feedback on its handover: the agreed plan's conditions
 * with their status and its agreements (not the journal, not the rest of the
 * plan). The handover page's access function already admitted the user. Sets
 * ctx.vt_plan when the case has an agreed plan. */
void safety_plan_handover_put(request *rq, tv *ctx, int64_t case_id);

#endif
