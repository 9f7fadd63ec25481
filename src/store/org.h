/*
 * org.h — organisations (ketenpartners): name, kind, active flag.
 */
#ifndef KR_ORG_H
#define KR_ORG_H

#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct org {
	int64_t id;
	const char *name;
	const char *kind;
	bool active;
	int64_t users; /* number of active users; -1 from org_choices (not counted) */
} org;

/* NULL-terminated list of kind codes and their Dutch labels. */
extern const char *const org_kinds[];
const char *org_kind_label(const char *kind);

/* All organisations by name; *n receives the count. */
org *org_list(arena *a, size_t *n);
/* The same without counting their users (users is -1): what a form's choice of
 * organisation needs, ~10 times cheaper than org_list. */
org *org_choices(arena *a, size_t *n);
bool org_get(arena *a, int64_t id, org *out);
bool org_find_by_name(arena *a, const char *name, org *out);

/* Create; returns the id, 0 when the name is taken, -1 on other failure.
 * Call inside db_begin()/db_commit(). */
int64_t org_create(const char *name, const char *kind);
/* Update name/kind/active; false when the name is taken by another or on failure.
 * Call inside db_begin()/db_commit(). */
bool org_update(int64_t id, const char *name, const char *kind, bool active);

#endif
