/*
 * handovers.h — page handlers of the handover and case area (handovers.c and
 * handover_*.c, cases.c, figures.c), the start-page panel, and small display helpers shared
 * by those files. Access functions live in auth/access.h.
 */
#ifndef KR_PAGES_HANDOVERS_H
#define KR_PAGES_HANDOVERS_H

#include "server/request.h"
#include "store/handover.h"
#include "view/tmpl.h"

/* handover_lists.c */
void page_handover_index(request *rq);
/* handover_form.c */
void page_handover_new(request *rq);
void page_handover_create(request *rq);
void page_handover_edit(request *rq);
void page_handover_update(request *rq);
/* handover_show.c */
void page_handover_show(request *rq);
void page_handover_print(request *rq);
/* handover_decide.c */
void page_handover_addendum(request *rq);
void page_handover_take(request *rq);
void page_handover_warm(request *rq);
void page_handover_accept(request *rq);
void page_handover_return(request *rq);

/* handover_show.c: the handover page again (status 422 or 200) with the form
 * `failed` filled in. */
void handover_show_again(request *rq, int status, const char *failed);

/* handover_end.c: Veilig Thuis deletes a concept, withdraws, closes or re-sends. */
void page_handover_delete(request *rq);
void page_handover_withdraw(request *rq);
void page_handover_close(request *rq);
void page_handover_resend(request *rq);

/* handover_twin.c: a recent handover of the user's organisation for the same
 * family (see handover_recent_twin), unless the form says the user already
 * confirmed (dubbel_bevestigd=ja); 0 when none. */
int64_t handover_twin_of(request *rq, int64_t exclude_id, const handover_input *in);
/* Answer 409 with the confirmation page that links twin and carries the form. */
void handover_show_twin(request *rq, int64_t twin, const char *form_action, bool submit);

/* handover_confirm.c: the second step of accept and return. The form's
 * bevestigd field: "ja" (confirmed: go on), "wijzigen" (show the form again). */
bool handover_confirmed(request *rq);
bool handover_confirm_back(request *rq);
/* Append {label, value} to the facts list shown on the confirmation page. */
tv *handover_confirm_fact(arena *a, tv *facts, const char *label, const char *value);
/* Answer 200 with the confirmation page: the facts, the form in hidden fields,
 * a button confirm_label (bevestigd=ja) and "Terug, nog wijzigen". */
void handover_show_confirm(request *rq, const char *title, const char *intro, tv *facts, const char *confirm_label);

/* cases.c */
void page_case_index(request *rq);
void page_case_show(request *rq);
void page_case_feedback(request *rq);
void page_case_director(request *rq);

/* figures.c */
void page_figures_show(request *rq);
void page_figures_csv(request *rq);
void page_norms_edit(request *rq);
void page_norms_update(request *rq);

/* The start-page panel ("Mijn werk") for vt, teamleider and professional (home.c
 * decides who): sets ctx.handover_panel; true when it names households (home.c
 * then writes the audit record). */
bool handover_home_panel(request *rq, tv *ctx);

/* Display helpers (handovers.c; arena-owned results). */
/* "dd-mm-jjjj" of an ISO date or SQLite timestamp; "" when s is empty or invalid. */
const char *hv_date(arena *a, const char *s);
/* "dd-mm-jjjj HH:MM" of an SQLite timestamp; "" otherwise. */
const char *hv_datetime(arena *a, const char *s);
/* The handover's summary for lists and panels: id, status, urgency, household,
 * team, dates, working days waiting and the deadline flags. */
tv *hv_summary(arena *a, const handover_rec *h, const handover_norms *n, kr_date today);

#endif
