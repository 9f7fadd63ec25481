/*
 * handovers_int.h — shared inside the handover pages (handovers.c,
 * handover_form.c, handover_show.c, handover_decide.c, handover_lists.c): small
 * display and input helpers, defined in handovers.c. Arena-owned results.
 *
 * Nothing here decides access or changes anything stored.
 */
#ifndef KR_PAGES_HANDOVERS_INT_H
#define KR_PAGES_HANDOVERS_INT_H

#include "server/form.h"
#include "server/request.h"
#include "store/handover.h"
#include "view/tmpl.h"

#include <stdbool.h>
#include <stdint.h>

/* The lists of /overdrachten (templates/handover_index.html), one section each. */
typedef enum hv_list { HV_LIST_FOUND, HV_LIST_VT, HV_LIST_INBOX, HV_LIST_DECIDED } hv_list;
/* A row of one of those lists: the values of hv_summary() that its section of
 * handover_index.html shows, each computed as hv_summary() computes it, and no
 * others (issue 11: a list of 100 rows set ~36 values a row, of which a section
 * shows 8 to 23). Every key the section names must be set here: a missing one would
 * be looked up in the page's context instead. A change of the section changes this. */
tv *hv_list_row(arena *a, const handover_rec *h, const handover_norms *n, kr_date today, hv_list list);
/* "1 concept", "3 concepten": Dutch singular or plural with the number. */
const char *hv_counted(arena *a, int64_t n, const char *one, const char *more);
/* The norms in working days as the templates show them (decision, warm, feedback). */
tv *hv_norms_tv(arena *a, const handover_norms *n);
/* True when the user's organisation is a local team (wijkteam, buurtteam). */
bool hv_is_local_team(const auth_user *u);
/* Set known / known_open / known_case on o: the family has a case at the team. */
void hv_put_known(tv *o, int64_t case_id, bool open);
/* Answer 409 for a change that came too late (a second click, or someone else was
 * first), with a link href back to `what`. */
void hv_conflict(request *rq, const char *href, const char *what);
/* s without leading and trailing white space; "" for NULL. */
const char *hv_trimmed(arena *a, const char *s);
/* Add message as the error of field `name` when value is empty (and the field has
 * no error yet). */
void hv_req_text(form *f, const char *name, const char *value, const char *message);

#endif
