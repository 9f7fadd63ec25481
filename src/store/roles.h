/*
 * roles.h — the nine roles of DESIGN.md §1 as bit flags, and their names.
 * The vocabulary lives in the store because the store keeps it (user_role holds
 * the names, user_rec.roles the bits) and may not include auth; what a role may
 * do is decided in auth (access.c, case_parts.c) and the route table.
 *
 * ROLE_PUBLIC is not a role a user can hold: a route lists it to say, explicitly,
 * that it needs no session (login, health check, static files, licences).
 * CLIENT_DATA_ROLES are the only roles that may ever reach a route flagged as
 * showing client data; the router refuses to start with a table that breaks this.
 */
#ifndef KR_ROLES_H
#define KR_ROLES_H

#include <stdbool.h>

enum {
	ROLE_VT = 1u << 0,
	ROLE_TEAMLEIDER = 1u << 1,
	ROLE_PROFESSIONAL = 1u << 2,
	ROLE_PARTNER = 1u << 3,
	ROLE_SECRETARIS = 1u << 4,
	ROLE_LEERTAFELLID = 1u << 5,
	ROLE_BELEID = 1u << 6,
	ROLE_BEHEERDER = 1u << 7,
	ROLE_PRIVACY = 1u << 8, /* privacy officer: the audit trail, never the file's contents */
	ROLE_PUBLIC = 1u << 30,
};

#define ROLES_ALL (ROLE_VT | ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER | ROLE_SECRETARIS | \
                   ROLE_LEERTAFELLID | ROLE_BELEID | ROLE_BEHEERDER | ROLE_PRIVACY)
#define CLIENT_DATA_ROLES (ROLE_VT | ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER)
#define ROLE_COUNT 9

/* Separation of duties: functioneel beheer never on the same account as a role
 * that sees client data (the administrator would otherwise grant himself access);
 * the privacy officer checks access and so holds no role that has any. */
bool role_combination_allowed(unsigned roles);

/* Code names of all roles, NULL-terminated (for declared choice fields). */
extern const char *const role_names[];

/* Code name ("teamleider") of a single role bit; NULL if not exactly one role. */
const char *role_name(unsigned role);
/* Dutch label for display ("Teamleider"). */
const char *role_label(unsigned role);
/* Bit for a code name; 0 when unknown. */
unsigned role_from_name(const char *name);
/* The i-th role bit, 0 <= i < ROLE_COUNT. */
unsigned role_at(int i);

#endif
