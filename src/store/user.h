/*
 * user.h — user accounts: one organisation, one or more roles, active flag,
 * password hash, and one-time password reset links.
 *
 * Functions that change data must be called inside db_begin()/db_commit().
 */
#ifndef KR_USER_H
#define KR_USER_H

#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct user_rec {
	int64_t id;
	const char *username;
	const char *name;
	int64_t org_id;
	const char *org_name;
	unsigned roles;
	bool active;
	bool has_password;
} user_rec;

user_rec *user_list(arena *a, size_t *n);
bool user_get(arena *a, int64_t id, user_rec *out);
/* Users of an organisation holding `role` (active only), by name: id and name only
 * (username and org_name "", org_id and roles as asked, active true, has_password
 * false), what a choice of a person needs. */
user_rec *user_list_with_role(arena *a, int64_t org_id, unsigned role, size_t *n);

/* For login: id and hash of an active user of an active organisation. */
bool user_credentials(arena *a, const char *username, int64_t *id, const char **hash);

/* Create; returns id, 0 when the username is taken, -1 on failure. hash may be NULL
 * (the user then needs a reset link before a first login). */
int64_t user_create(const char *username, const char *name, int64_t org_id, unsigned roles, const char *hash);
/* Update name, organisation, roles, active. False on failure. Ending the sessions
 * of a deactivated account is the caller's part (auth: session_end_all_for_user). */
bool user_update(int64_t id, const char *name, int64_t org_id, unsigned roles, bool active);
bool user_set_password_hash(int64_t id, const char *hash);
/* How chain partners reach the person (app_user.contact, at most 200 characters;
 * shown with the person in the case team and as the regisseur's "Bereikbaar"). */
const char *user_contact(arena *a, int64_t id);
bool user_set_contact(int64_t id, const char *contact);
/* Forget the password (the account needs a new one-time link before it logs in). */
bool user_clear_password(int64_t id);

/* One-time reset link: returns the raw token (hex, arena-owned); only its hash is
 * stored. Earlier unused links of the user stop working. */
char *user_reset_create(arena *a, int64_t user_id, int64_t created_by, int64_t ttl_seconds);
/* The user a valid (unused, unexpired) token belongs to; false otherwise. */
bool user_reset_lookup(const char *token, int64_t *user_id);
/* Mark the token used; false when it was not valid any more. */
bool user_reset_consume(const char *token);

#endif
