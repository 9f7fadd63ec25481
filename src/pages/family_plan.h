/*
 * family_plan.h — page handlers of the family plan area (issue 8, items 1 and 4):
 * the gezinsplan (versions, conflicts, ZRM scores, goals, services, the safety plan
 * on top) and the evaluations with the family (chart, overdue evaluations on the
 * start page). Access functions: auth/family_plan_access.h.
 */
#ifndef KR_PAGES_FAMILY_PLAN_H
#define KR_PAGES_FAMILY_PLAN_H

#include "server/request.h"
#include "view/tmpl.h"

/* family_plan.c */
void page_family_plan_show(request *rq);
void page_family_plan_save(request *rq);
/* evaluation.c */
void page_evaluations_show(request *rq);
void page_evaluation_create(request *rq);
void page_evaluation_show(request *rq);
/* "evaluatie te laat" on the start page of the regisseur and the team leader (home.c
 * decides the roles); true when it names households (then audited by home.c). */
bool evaluation_home_panel(request *rq, tv *ctx);

#endif
