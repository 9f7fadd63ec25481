/*
 * case_course.h — the work on a case after acceptance (issue 8): phases,
 * closure with the toekomstplan and reopening (case_course.c), op- en afschalen
 * (case_escalation.c), round-table meetings (case_meeting.c), and the case page
 * section that shows them (case_course_to_view).
 *
 * Access is decided by the route table and auth/access.c + auth/case_parts.c;
 * these files receive the user's mask of parts and render from it only.
 */
#ifndef KR_PAGES_CASE_COURSE_H
#define KR_PAGES_CASE_COURSE_H

#include "server/request.h"
#include "store/case.h"
#include "store/involvement.h"
#include "view/tmpl.h"

/* case_course.c */
void page_case_phase(request *rq);
void page_case_close(request *rq);
void page_case_reopen(request *rq);
/* The case page's course section: phase and the plan of the phase, the phase
 * history (a return to phase 1 stands out), closures with their toekomstplan,
 * escalations, and — when `manages` (team leader, regisseur) — the forms.
 * Shows only what `parts` allows. `failed` names the form that failed or is NULL.
 * `inv`: the case's involvements (involvement_list), read once for the page. */
void case_course_to_view(request *rq, tv *ctx, const case_rec *c, const involvement *inv, size_t ninv, unsigned parts,
                         bool manages, const char *failed);
/* A closed case is a record, no longer a workplace: true when case rq->ids[0] is
 * open, else answers 409 with the way back. */
bool case_course_open_or_409(request *rq);

/* case_escalation.c */
void page_case_escalate(request *rq);
void page_case_escalation_decide(request *rq);
void page_case_deescalate(request *rq);
/* The case page's escalations (with the forms the user may use) and the
 * stagnation flag; called by case_course_to_view. */
void case_escalation_to_view(request *rq, tv *ctx, const case_rec *c, bool manages, const char *failed);
/* Open and without journal entry, meeting, phase change or evaluation for the
 * norm's weeks; *since: the day of the last activity (YYYY-MM-DD). */
bool case_course_stagnating(const case_rec *c, const char **since);

/* case_meeting.c */
void page_case_meetings(request *rq);
void page_case_meeting_create(request *rq);
void page_case_meeting_show(request *rq);
void page_case_meeting_record(request *rq);

/* case_home.c: the start-page panel (home.c's panel table); true when it showed
 * client data. */
bool case_course_home_panel(request *rq, tv *ctx);

/* shared by the files of this area: a required field, a date not after today */
void case_course_require(request *rq, const char *field, const char *message);
void case_course_not_future(request *rq, const char *field, const char *message);

#endif
