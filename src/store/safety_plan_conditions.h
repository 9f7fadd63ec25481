/*
 * safety_plan_conditions.h — status changes of a case's safety conditions with a
 * note, and their history (issue 7 item 6). The conditions themselves are the
 * case's checkable items (store/case.h); this file only adds the note and reads
 * the history. Call changes inside db_begin()/db_commit(); results arena-owned.
 */
#ifndef KR_SAFETY_PLAN_CONDITIONS_H
#define KR_SAFETY_PLAN_CONDITIONS_H

#include "store/case.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Set condition_id (of case_id) to status with a note, recording who and when; a
 * note with an unchanged status is recorded too. False when the condition is not
 * part of the case or on failure. */
bool sp_condition_set(int64_t case_id, int64_t condition_id, const char *status, const char *note, int64_t user_id);

typedef struct sp_condition_change {
	int64_t condition_id;
	const char *status, *note, *by_name, *at;
} sp_condition_change;
/* The case's conditions as case_conditions returns them (*n), and with them, from
 * the same statement, every change of every condition (*history, *nh), oldest
 * first per condition, the conditions in that order: one walk of the conditions
 * with their changes joined, for the case page and the conditions form. */
case_condition *sp_conditions_with_history(arena *a, int64_t case_id, size_t *n, sp_condition_change **history,
                                           size_t *nh);

#endif
