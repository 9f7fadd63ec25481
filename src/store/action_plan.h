/*
 * action_plan.h — the yearly action plan (actieplan) of the leertafel: one per
 * year, with its adoption (vastgesteld) by the bestuurlijk overleg.
 *
 * Never touches client tables. Writes run inside db_begin()/db_commit().
 */
#ifndef KR_ACTION_PLAN_H
#define KR_ACTION_PLAN_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct action_plan {
	int64_t id;
	int year;
	const char *title;
	const char *adopted_on;      /* ISO date, "" while not adopted */
	const char *adopted_by_name; /* who recorded the adoption */
	int64_t nactions;
} action_plan;

/* All plans, newest year first. */
action_plan *action_plan_list(arena *a, size_t *n);
bool action_plan_get(arena *a, int64_t id, action_plan *out);
bool action_plan_for_year(arena *a, int year, action_plan *out);
/* Create; returns the id, 0 when the year already has a plan. */
int64_t action_plan_create(int year, const char *title);
/* The plan of year, created with a default title when missing; 0 on failure. */
int64_t action_plan_ensure(int year);
/* Record the adoption; false when already adopted or on failure. */
bool action_plan_adopt(int64_t id, const char *adopted_on, int64_t user_id);

#endif
