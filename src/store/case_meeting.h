/*
 * case_meeting.h — round-table meetings (rondetafeloverleg, RTO) of a case and
 * the agreements made in them (issue 8): the meeting (date, time, place or
 * online, invited involved people), attendance (the family is present unless a
 * reason is written down), agenda and notes tagged with one part of the case,
 * and agreements (what, who, by when, part) tracked with a status.
 *
 * Never decides who may read what: the pages pass the reader's mask of parts and
 * organisation. Functions that change data must be called inside
 * db_begin()/db_commit(). Returned records and strings live in the caller's arena.
 */
#ifndef KR_CASE_MEETING_H
#define KR_CASE_MEETING_H

#include "store/keyset.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct case_meeting {
	int64_t id, case_id;
	const char *held_on, *start_time, *location;
	bool online;
	const char *agenda, *notes;
	unsigned notes_part;
	bool family_present;
	const char *family_absent_reason;
	bool minutes_recorded; /* notes or attendance were saved */
	const char *by_name;
} case_meeting;

typedef struct case_invitee {
	int64_t user_id, org_id;
	const char *name, *org_name;
	const char *present; /* "", ja, nee */
} case_invitee;

typedef struct case_agreement {
	int64_t id, case_id, meeting_id;
	const char *meeting_on;
	const char *what;
	int64_t who_org_id, who_user_id;
	const char *who; /* the person, the organisation or the free text */
	const char *due_on;
	unsigned part;
	const char *status; /* open, loopt, gedaan, vervallen */
} case_agreement;

extern const char *const case_agreement_statuses[];
const char *case_agreement_status_label(const char *status);

int64_t case_meeting_add(int64_t case_id, const char *held_on, const char *start_time, const char *location,
                         bool online, const char *agenda, int64_t by, const int64_t *invitees, size_t ninvitees);
bool case_meeting_get(arena *a, int64_t case_id, int64_t id, case_meeting *out);
/* Meetings of a case, newest first. */
case_meeting *case_meetings(arena *a, int64_t case_id, size_t *n);
case_invitee *case_meeting_invitees(arena *a, int64_t meeting_id, size_t *n);
/* Save the minutes: attendance (present: the invitees who were there), the
 * family, agenda and notes with their part; `today` (YYYY-MM-DD) moves the case's
 * activity when the meeting has been held. */
bool case_meeting_record(int64_t case_id, int64_t meeting_id, const int64_t *present, size_t npresent,
                         bool family_present, const char *absent_reason, const char *agenda, const char *notes,
                         unsigned notes_part, const char *today);

int64_t case_agreement_add(int64_t case_id, int64_t meeting_id, const char *what, int64_t who_org_id,
                           int64_t who_user_id, const char *who_text, const char *due_on, unsigned part);
/* Agreements of one meeting, or (meeting_id < 0) the open ones (open, loopt) of
 * the case's meetings before meeting -meeting_id. Only those whose part is in
 * `parts` or that are owned by organisation `org_id` (PART_BASIS: own agreements). */
case_agreement *case_agreements(arena *a, int64_t case_id, int64_t meeting_id, unsigned parts, int64_t org_id,
                                size_t *n);
bool case_agreement_set_status(int64_t case_id, int64_t id, const char *status, int64_t by);

/* Open agreements (open, loopt) of open cases assigned to the user or to the
 * user's organisation in cases he/she is actively involved in (start page),
 * by due date, at most `limit`. */
typedef struct case_agreement_brief {
	int64_t case_id, id, household_id;
	const char *household_name, *what, *due_on, *status;
	bool mine; /* assigned to the user personally */
} case_agreement_brief;
case_agreement_brief *case_agreements_open_for_user(arena *a, int64_t user_id, int64_t org_id, keyset after,
                                                    size_t limit, size_t *n, bool *more);

#endif
