/*
 * family_plan.h — the family plan (gezinsplan) of a case as stored versions, and the
 * evaluations held with the family (DESIGN.md §8, issue 8). Versions work like the
 * safety plan's (store/safety_plan.h): append-only, (case_id, n) unique, a save
 * against an older version is refused so the page can show the conflict.
 *
 * ZRM 2017: 13 life domains (1..13, zrm_domain_label) scored 1..5 (zrm_score_label).
 * Never decides who may see what (callers hold PART_GEZINSPLAN from case_parts_of()).
 * Functions that change data must be called inside db_begin()/db_commit().
 * Returned records and strings live in the caller's arena.
 */
#ifndef KR_FAMILY_PLAN_H
#define KR_FAMILY_PLAN_H

#include "store/keyset.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { ZRM_DOMAINS = 13, ZRM_MIN_AGE = 12, ZRM_STALE_DAYS = 30 };

const char *zrm_domain_label(int domain);  /* 1..13; "" otherwise */
const char *zrm_score_label(int score);    /* 1..5: "acute problematiek" … */

/* Goal statuses (NULL-terminated) and their Dutch labels. */
extern const char *const fp_goal_statuses[];
const char *fp_goal_status_label(const char *status);

typedef struct fp_score {
	int64_t person_id;
	int domain;
	int score;                 /* 0: none */
	const char *reason;        /* niet beoordeeld: why (score 0) */
	const char *scored_on;     /* YYYY-MM-DD or "" */
	const char *source;
	const char *note;          /* members under 12: notes per domain */
} fp_score;

typedef struct fp_goal {
	int domain;
	int64_t person_id; /* 0: the family as a whole */
	const char *what, *who, *due_on, *status;
	int target;        /* 0: none */
} fp_goal;

typedef struct fp_service {
	const char *provider, *what, *from_on, *to_on;
} fp_service;

typedef struct fp_plan {
	int64_t id; /* 0: no plan yet */
	int64_t case_id, n;
	const char *family_goals, *strengths, *worries;
	const char *saved_by_name, *saved_at;
	fp_score *scores;
	size_t nscores;
	fp_goal *goals;
	size_t ngoals;
	fp_service *services;
	size_t nservices;
} fp_plan;

int64_t family_plan_latest_n(int64_t case_id);
/* Version n (0 = the latest) with its scores, goals and services. False when absent. */
bool family_plan_get(arena *a, int64_t case_id, int64_t n, fp_plan *out);
/* Store p as version expected_n + 1. Returns the new number, 0 on conflict, -1 on failure. */
int64_t family_plan_save(const fp_plan *p, int64_t expected_n, int64_t user_id);
/* The first score ever given to (person, domain) in the case's plan versions; 0: none. */
int family_plan_first_score(int64_t case_id, int64_t person_id, int domain);

/* ---- evaluations ---- */
extern const char *const evaluation_conclusions[];
const char *evaluation_conclusion_label(const char *code);

typedef struct ev_domain {
	int64_t person_id;
	const char *person_name;
	int domain, start_score, now_score; /* 0: none */
} ev_domain;
typedef struct ev_condition {
	int64_t condition_id;
	const char *text, *status;
} ev_condition;
typedef struct ev_goal {
	const char *goal, *achieved;
} ev_goal;

typedef struct evaluation_rec {
	int64_t id, case_id;
	const char *held_on, *family_view, *scale_trend, *conclusion, *conclusion_note, *next_on;
	const char *created_by_name, *created_at;
	ev_domain *domains;
	size_t ndomains;
	ev_condition *conditions;
	size_t nconditions;
	ev_goal *goals;
	size_t ngoals;
} evaluation_rec;

/* Record e (with its lists); also sets the case's next evaluation date. New id or 0. */
int64_t evaluation_add(const evaluation_rec *e, int64_t user_id);
/* The case's evaluations, newest first, without their lists. */
evaluation_rec *evaluation_list(arena *a, int64_t case_id, size_t *n);
bool evaluation_get(arena *a, int64_t case_id, int64_t id, evaluation_rec *out);
/* The one rule for a case's next evaluation date, as an SQL expression over
 * `casefile c LEFT JOIN case_evaluation_due d ON d.case_id = c.id` that binds ?9
 * to evaluation_norm_weeks(): after an evaluation the date it set; a case never
 * evaluated is due the norm's weeks after it was opened (the handover's
 * acceptance), so it too becomes overdue. */
#define EVALUATION_DUE_SQL "coalesce(d.due_on, date(c.opened_at, '+' || (7 * ?9) || ' days'))"

/* The open case's next evaluation date ("" when closed or unknown). */
const char *evaluation_due_of(arena *a, int64_t case_id);

typedef struct ev_overdue {
	int64_t case_id, household_id;
	const char *household_name, *due_on, *director_name;
} ev_overdue;
/* Open cases directed by user_id (and, when team_org_id > 0, open cases of that
 * team) whose next evaluation date lies before today_iso, by date, after the
 * keyset (key: due date, id: case), at most limit (*more when there are more).
 * Index-backed. */
ev_overdue *evaluation_overdue_for(arena *a, int64_t user_id, int64_t team_org_id, const char *today_iso,
                                   keyset after, size_t limit, size_t *n, bool *more);

/* The evaluation norm in weeks (setting norm_evaluatie_weken, default 6). */
int evaluation_norm_weeks(void);
bool evaluation_norm_set(int weeks);

#endif
