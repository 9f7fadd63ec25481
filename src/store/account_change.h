/*
 * account_change.h — account changes that wait for a second person (four-eyes
 * principle, issue 10 item 6): giving an account a client-data role (a new
 * account, more roles, another organisation), and resetting the password or the
 * second factor of such an account. Who may confirm is decided in
 * auth/account_change_access.c, what a confirmation does in
 * pages/account_confirm.c; this file is the SQL only.
 *
 * Functions that change data must be called inside db_begin()/db_commit().
 */
#ifndef KR_ACCOUNT_CHANGE_H
#define KR_ACCOUNT_CHANGE_H

#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum { ACH_CREATE, ACH_ROLES, ACH_PASSWORD, ACH_SECOND_FACTOR } ach_kind;

typedef struct account_change {
	int64_t id;
	ach_kind kind;
	int64_t user_id;
	const char *username, *name;
	int64_t org_id;          /* the organisation the account has now */
	const char *org_name;
	unsigned roles;          /* the roles the account has now */
	int64_t new_org_id;      /* ACH_CREATE, ACH_ROLES: after confirmation (else = org_id) */
	const char *new_org_name;
	unsigned new_roles;      /* ACH_CREATE, ACH_ROLES: after confirmation (else = roles) */
	int64_t requested_by;
	const char *requested_by_name;
	int64_t requested_at;
} account_change;

const char *ach_kind_name(ach_kind k);   /* "create", … as stored */
const char *ach_kind_label(ach_kind k);  /* Dutch */

/* Ask for a change; an open request of the same kind for the account is withdrawn.
 * Returns the new id, or 0 on failure. */
int64_t ach_request(int64_t user_id, ach_kind kind, int64_t new_org_id, unsigned new_roles, int64_t requested_by,
                    int64_t now);

/* An open request; false when it does not exist or was decided. */
bool ach_get_open(arena *a, int64_t id, account_change *out);

/* How a decided request ended: "confirmed", "refused" or "withdrawn" (a newer
 * request of the same kind replaced it), by whom and when (Unix seconds). */
typedef struct ach_decision {
	const char *outcome;
	const char *decided_by_name;
	int64_t decided_at;
} ach_decision;

/* A decided request and its decision; false when it does not exist or is open. */
bool ach_get_decided(arena *a, int64_t id, account_change *out, ach_decision *d);

/* All open requests, oldest first (the caller filters by who may confirm). */
account_change *ach_list_open(arena *a, size_t *n);

/* Open requests for one account. */
account_change *ach_list_open_for(arena *a, int64_t user_id, size_t *n);

/* Record the decision ("confirmed" or "refused"); false when it was decided already. */
bool ach_decide(int64_t id, int64_t decided_by, bool confirmed, int64_t now);

/* Does an active team leader other than except_user work at the organisation? */
bool ach_org_has_team_leader(int64_t org_id, int64_t except_user);

#endif
