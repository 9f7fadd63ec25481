/*
 * role_fit.h — roles fit the kind of organisation (see role_fit.c). Role names
 * are the code names of auth/roles.h ("teamleider"); kinds those of org.h.
 */
#ifndef KR_ROLE_FIT_H
#define KR_ROLE_FIT_H

#include "util/arena.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* May a user of organisation org_id hold role? False for an unknown organisation. */
bool role_fits_org(const char *role, int64_t org_id);
/* May a user of an organisation of this kind hold role? */
bool role_fits_kind(const char *role, const char *kind);

/* How many roles of org_id's users would not fit if the organisation were of this kind. */
int64_t role_misfits_if_kind(int64_t org_id, const char *kind);

/* Accounts holding a role that does not fit their organisation's kind, read through db
 * (a read-only connection of `check`, which never opens the database for writing). */
typedef struct role_misfit {
	const char *username, *role, *org_name, *org_kind;
} role_misfit;
role_misfit *role_misfits(sqlite3 *db, arena *a, size_t *n);

#endif
