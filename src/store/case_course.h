/*
 * case_course.h — the course of a case after acceptance (issue 8): its current
 * phase of "gefaseerd samenwerken aan veiligheid" with every change, its closures
 * with the toekomstplan, and reopening (migration 0014).
 *
 * History is kept: phase changes and closures are never edited (the database
 * refuses); reopening fills in the reopen columns of the last closure.
 * Never decides who may do what (auth/access.c, the route table).
 * Functions that change data must be called inside db_begin()/db_commit().
 * Returned records and strings live in the caller's arena.
 */
#ifndef KR_CASE_COURSE_H
#define KR_CASE_COURSE_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CASE_PHASES 5
/* "1 Directe veiligheid", and the plan that belongs to the phase (DESIGN.md §8). */
const char *case_phase_label(int phase);
const char *case_phase_plan(int phase);

typedef struct case_phase_change {
	int from_phase, to_phase;
	const char *changed_on; /* YYYY-MM-DD */
	const char *reason;
	bool incident;          /* back to phase 1 after an incident or hermelding */
	const char *by_name;
	const char *created_at;
} case_phase_change;

/* The current phase of a case (1 when unknown). */
int case_phase_of(int64_t case_id);
/* Record a change of phase (from the current one) and set it; false when the
 * case is not open or on failure. */
bool case_phase_set(int64_t case_id, int to_phase, const char *changed_on, const char *reason, bool incident,
                    int64_t by);
/* Every change of a case, newest first. */
case_phase_change *case_phase_history(arena *a, int64_t case_id, size_t *n);

typedef struct case_closure_in {
	const char *closed_on, *reason;
	/* toekomstplan (all "" / 0 when the case is closed without one) */
	const char *relapse_signals, *family_calls, *watch_what, *watch_until;
	int64_t watch_org_id;
	const char *checks[3]; /* follow-up check dates, NULL or "" for none */
} case_closure_in;

typedef struct case_closure {
	int64_t id;
	const char *closed_on, *reason, *by_name, *created_at;
	int from_phase;
	const char *relapse_signals, *family_calls, *watch_org_name, *watch_what, *watch_until;
	const char *checks; /* the follow-up dates, "YYYY-MM-DD YYYY-MM-DD" */
	bool reopened;
	const char *reopened_at, *reopened_by_name, *reopen_reason;
} case_closure;

/* Close an open case; false when it was not open (a second click) or on failure. */
bool case_close(int64_t case_id, const case_closure_in *in, int from_phase, int64_t by);
/* Reopen a closed case with a reason; false when it was not closed or on failure. */
bool case_reopen(int64_t case_id, const char *reason, int64_t by);
/* Closures of a case, newest first, each with its toekomstplan and follow-up dates. */
case_closure *case_closures(arena *a, int64_t case_id, size_t *n);

#endif
