/*
 * family_plan_int.h — shared inside the family plan pages (family_plan*.c,
 * evaluation.c): reading and showing the plan form, the members' ages.
 */
#ifndef KR_FAMILY_PLAN_INT_H
#define KR_FAMILY_PLAN_INT_H

#include "server/request.h"
#include "store/family_plan.h"
#include "store/household.h"
#include "view/tmpl.h"

enum { FP_EMPTY_ROWS = 2 };

/* Is the member under ZRM_MIN_AGE on today_iso? (unknown birth date: no) */
bool fp_under_age(const person *m, const char *today_iso);

/* Read the plan form into p (case_id set by the caller) and validate it, adding
 * Dutch messages to rq->form at the field (zrm-<person>-<domain>, goal-<row>,
 * svc-<row>) or at the plain fields. */
void fp_plan_from_form(request *rq, fp_plan *p, const person *members, size_t nmembers, const char *today_iso);

/* The edit form's values (ctx.edit): per member the 13 domains, goals and
 * services with empty rows, from p (the submitted plan when from_form). */
void fp_form_put(request *rq, tv *ctx, const fp_plan *p, const person *members, size_t nmembers,
                 const char *today_iso);

/* The plan for reading (ctx.plan): scores per member (stale ones marked), goals, services. */
tv *fp_plan_view(request *rq, const fp_plan *p, const person *members, size_t nmembers, const char *today_iso);

#endif
