/*
 * case_escalation.h — op- en afschalen of a case (issue 8, seed 003): the
 * regisseur escalates to a level (the team leader, management, the board or
 * regiegroep; outward to the Zorg- en Veiligheidshuis / MDA++ or Veilig Thuis)
 * with a reason and what is asked of whom; the decision is recorded with date and
 * who; afschalen with a reason. Also the stagnation norm: a case without journal
 * entry, meeting, phase change or evaluation for that many weeks (casefile.
 * activity_on, kept by triggers of migration 0014) is flagged as stagnating.
 *
 * Never decides who may do what (auth/case_course_access.c, the route table).
 * Functions that change data must be called inside db_begin()/db_commit().
 * Returned records and strings live in the caller's arena.
 */
#ifndef KR_CASE_ESCALATION_H
#define KR_CASE_ESCALATION_H

#include "store/keyset.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Level codes (NULL-terminated) and their Dutch labels. */
extern const char *const case_escalation_levels[];
const char *case_escalation_level_label(const char *level);
/* Outward levels (zvh, veilig_thuis): the regisseur records the answer. */
bool case_escalation_level_external(const char *level);

typedef struct case_escalation {
	int64_t id;
	int64_t case_id;
	const char *level, *reason, *asked, *escalated_on, *by_name;
	const char *decision, *decided_on, *decided_by_name; /* "" while open */
	const char *deescalated_on, *deescalated_by_name, *deescalate_reason;
	bool open;         /* no decision and not afgeschaald */
	bool deescalated;
} case_escalation;

int64_t case_escalation_add(int64_t case_id, const char *level, const char *reason, const char *asked,
                            const char *escalated_on, int64_t by);
/* Record the decision on an open escalation; false when it was decided already. */
bool case_escalation_decide(int64_t case_id, int64_t id, const char *decision, const char *decided_on, int64_t by);
/* Afschalen: end an escalation with a reason; false when already afgeschaald. */
bool case_escalation_deescalate(int64_t case_id, int64_t id, const char *reason, const char *on, int64_t by);
bool case_escalation_get(arena *a, int64_t case_id, int64_t id, case_escalation *out);
/* Escalations of a case, newest first. */
case_escalation *case_escalations(arena *a, int64_t case_id, size_t *n);

/* Open escalations of the open cases of a team (start page of its team leader),
 * oldest first, at most `limit`; *more tells whether there were more. */
typedef struct case_escalation_brief {
	int64_t id, case_id, household_id;
	const char *household_name, *level, *escalated_on, *director_name;
} case_escalation_brief;
case_escalation_brief *case_escalations_open_for_team(arena *a, int64_t team_org_id, keyset after, size_t limit,
                                                      size_t *n, bool *more);
/* Open outward escalations of the open cases a regisseur directs (he/she records
 * the answer), oldest first. */
case_escalation_brief *case_escalations_open_for_director(arena *a, int64_t user_id, keyset after, size_t limit,
                                                          size_t *n, bool *more);

/* The stagnation norm in weeks (setting norm_stagnatie_weken, default 6). */
int case_stagnation_weeks(void);
bool case_stagnation_weeks_set(int weeks);

/* Open cases of a team (team_org_id > 0) or directed by a user (director_id > 0)
 * whose last activity lies before `before` (YYYY-MM-DD): stagnating, oldest first. */
typedef struct case_stagnating {
	int64_t case_id, household_id;
	const char *household_name, *director_name, *activity_on;
} case_stagnating;
case_stagnating *case_stagnating_list(arena *a, int64_t team_org_id, int64_t director_id, const char *before,
                                      keyset after, size_t limit, size_t *n, bool *more);

#endif
