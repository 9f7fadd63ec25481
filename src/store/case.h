/*
 * case.h — cases (casussen): one household's trajectory in one local team, with
 * exactly one regisseur (each change recorded), the organisations and people
 * involved (the basis of access), and the safety conditions taken over from
 * handovers as checkable items with their history.
 *
 * Functions that change data must be called inside db_begin()/db_commit().
 * Returned records and strings live in the caller's arena.
 */
#ifndef KR_CASE_H
#define KR_CASE_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct case_rec {
	int64_t id;
	int64_t household_id;
	const char *household_name;
	const char *address;
	int64_t team_org_id;
	const char *team_name;
	int64_t director_id;
	const char *director_name;
	const char *status; /* open, gesloten */
	const char *opened_at;
	const char *closed_at;
	int phase;               /* 1..CASE_PHASES (store/case_course.h) */
	const char *activity_on; /* last activity (YYYY-MM-DD), "" when none */
} case_rec;

typedef struct case_condition {
	int64_t id;
	int64_t handover_id;
	const char *text;
	const char *status;
	const char *changed_by_name; /* "" when never changed */
	const char *changed_at;
} case_condition;

typedef struct case_involved {
	const char *org_name;
	const char *org_kind;
	const char *user_name; /* "" for the organisation as a whole */
	const char *role;      /* team, regisseur, betrokken, overdragend */
	const char *family_informed;
	const char *since;
} case_involved;

typedef struct case_director_change {
	const char *user_name;
	const char *set_by_name;
	const char *set_at;
	const char *reason;
} case_director_change;

/* Condition statuses (NULL-terminated) and their Dutch labels. */
extern const char *const case_condition_statuses[];
const char *case_condition_status_label(const char *status);

bool case_get(arena *a, int64_t id, case_rec *out);
/* Is user_id personally (actively) involved in the case? */
bool case_user_involved(int64_t case_id, int64_t user_id);

/* How many open cases user_id directs. */
int64_t case_count_directed(int64_t user_id);

/* Open case of the same household in team_org_id, found by a member of the
 * handover (same name key and birth date). include_closed_months > 0 also finds
 * a case closed within that many months. Returns the case id or 0; *open tells
 * whether it is open. */
int64_t case_known_for_handover(int64_t handover_id, int64_t team_org_id, int include_closed_months, bool *open);

/* Open a case with its team, regisseur (first history row) and involvement rows.
 * Returns the id or 0. */
int64_t case_create(int64_t household_id, int64_t team_org_id, int64_t director_id, int64_t set_by);
/* Record a new regisseur (no-op when unchanged); false on failure. */
bool case_set_director(int64_t case_id, int64_t director_id, int64_t set_by, const char *reason);
/* Add an involvement row unless the same (org, user, role) is already active. */
bool case_involve(int64_t case_id, int64_t org_id, int64_t user_id, const char *role);

case_condition *case_conditions(arena *a, int64_t case_id, size_t *n);
case_condition *case_conditions_of_handover(arena *a, int64_t handover_id, size_t *n);
bool case_condition_add(int64_t case_id, int64_t handover_id, const char *text);
/* Change one condition's status (recording who and when); false when the
 * condition is not part of the case or on failure. */

case_involved *case_involvement(arena *a, int64_t case_id, size_t *n);
case_director_change *case_director_history(arena *a, int64_t case_id, size_t *n);

#endif
