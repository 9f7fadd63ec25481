/*
 * leertafel_int.h — helpers shared by the leertafel page files (leertafel.c,
 * leertafel_action.c, leertafel_plan.c). Not for other areas.
 */
#ifndef KR_LEERTAFEL_INT_H
#define KR_LEERTAFEL_INT_H

#include "server/request.h"
#include "store/action.h"
#include "view/tmpl.h"

#include <stdbool.h>

/* Today (UTC) as ISO text, arena-owned. */
const char *lt_today(arena *a);
/* ISO date → "dd-mm-jjjj" / "5 maart 2026"; "" for "" or invalid. */
const char *lt_date(arena *a, const char *iso);
const char *lt_date_long(arena *a, const char *iso);
/* "Q1 2027" or the formatted due date; "" when none. */
const char *lt_when(arena *a, const action *x);

/* Does the user hold the secretaris role? */
bool lt_is_secretaris(const request *rq);
/* THE rule for changing an action's status: a secretaris always; a leertafellid only
 * when his/her organisation owns or takes part in the action. */
bool leertafel_may_update_action(const request *rq, int64_t action_id);

/* An action as a template object (id, wat, hoe, wie, wanneer, status, …). */
tv *lt_action_tv(request *rq, const action *x, const char *today);

/* Warn when one of the named text fields holds something shaped like a BSN or a date
 * of birth, unless the user ticked "toch opslaan" (field toch_opslaan = ja). Adds a
 * field error per such field; returns true when it warned. fields is NULL-terminated. */
bool lt_check_client_data(request *rq, const char *const *fields);

/* page_add_form plus: client_warning (a warning was given), confirm_checked. */
void lt_add_form(tv *ctx, request *rq);

/* Options of a <select>/checkbox list of active organisations (value, label, selected). */
tv *lt_org_options(request *rq, const int64_t *selected, size_t nselected);

#endif
