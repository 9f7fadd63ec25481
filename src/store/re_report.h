/*
 * re_report.h — hermeldingen (migration 0018): handovers Veilig Thuis submitted
 * about a household with an open or recently closed case, marked (by a trigger at
 * submission) for the team of that case, wherever the handover was sent. Reads
 * start from the team's or the regisseur's own marks (indexes), never from all
 * handovers. Names a team and a household only to those who hold the case.
 */
#ifndef KR_RE_REPORT_H
#define KR_RE_REPORT_H

#include "store/keyset.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct re_report {
	int64_t handover_id, case_id;
	int64_t household_id;       /* named in the audit record of the list that shows it */
	const char *household_name; /* the case's household */
	const char *reported_at;    /* submission, UTC */
	const char *sent_to;        /* the receiving team's name, "" for the joint triage */
	const char *status;         /* the handover's status */
	const char *urgency;
	bool case_open, undecided;
} re_report;

/* The hermeldingen of the cases of team_org_id (> 0) or, with team_org_id 0, of
 * the cases directed by director_id: those still waiting for a decision and those
 * submitted at or after since_utc; newest first, before the keyset (key:
 * reported_at, id: handover; {"", 0} from the newest), at most limit. */
re_report *re_report_list(arena *a, int64_t team_org_id, int64_t director_id, const char *since_utc, keyset after,
                          size_t limit, size_t *n, bool *more);

/* The hermeldingen of one case, newest first, at most limit (a case has few). */
re_report *re_report_of_case(arena *a, int64_t case_id, size_t limit, size_t *n, bool *more);


#endif
