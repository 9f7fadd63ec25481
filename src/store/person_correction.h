/*
 * person_correction.h — correcting a family member's name or birth date (AVG
 * art. 16) without losing what was recorded before: every correction keeps the
 * old and the new value, who, when and why (table person_correction; a trigger
 * refuses a change of either field without its history row).
 *
 * Changing functions must be called inside db_begin()/db_commit(); returned
 * records live in the caller's arena.
 */
#ifndef KR_PERSON_CORRECTION_H
#define KR_PERSON_CORRECTION_H

#include "store/household.h"

bool household_person_get(arena *a, int64_t id, person *out);

/* Set name and birthdate of person_id, recording one history row per field that
 * changes (reason required). *changed says whether anything changed. */
bool person_correct(arena *a, int64_t person_id, const char *name, const char *birthdate, const char *reason,
                    int64_t by, bool *changed);

typedef struct person_correction {
	int64_t id, person_id;
	const char *field; /* "name" or "birthdate" */
	const char *old_value, *new_value, *reason, *by_name, *at;
} person_correction;

/* Every correction of the members of household_id, oldest first. */
person_correction *person_corrections_of_household(arena *a, int64_t household_id, size_t *n);

#endif
