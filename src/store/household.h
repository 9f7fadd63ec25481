/*
 * household.h — households (gezinnen) and their members (person): the living
 * registry of a family that cases use, and the name key behind the "already
 * known" match between a handover's members and a team's cases.
 *
 * Functions that change data must be called inside db_begin()/db_commit().
 * Returned records and strings live in the caller's arena.
 */
#ifndef KR_HOUSEHOLD_H
#define KR_HOUSEHOLD_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct household {
	int64_t id;
	const char *name;
	const char *address;
} household;

typedef struct person {
	int64_t id;
	int64_t household_id;
	const char *name;
	const char *birthdate; /* YYYY-MM-DD */
	const char *role;      /* ouder, kind, overig */
} person;

/* Member roles (NULL-terminated) and their Dutch labels. */
extern const char *const person_roles[];
const char *person_role_label(const char *role);

/* The matching key of a person's name: trimmed, inner white space collapsed to
 * one space, ASCII lower case, and Latin-1 accented letters (é, ë, ü, ï, …) folded
 * to their base letter, so that "  Noëlle  de  Vries" and "noelle de vries" match.
 * Arena-owned; never NULL. */
const char *household_name_key(arena *a, const char *name);

int64_t household_create(const char *name, const char *address);
bool household_get(arena *a, int64_t id, household *out);
/* Add a member at the end; returns the person id or 0 on failure. */
int64_t household_add_person(int64_t household_id, const char *name, const char *birthdate, const char *role);
/* Is there a member with the same name key and birth date? */
bool household_has_person(int64_t household_id, const char *name_key, const char *birthdate);
person *household_members(arena *a, int64_t household_id, size_t *n);

#endif
