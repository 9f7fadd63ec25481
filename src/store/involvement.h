/*
 * involvement.h — the case team: personal involvements in a case with the role in
 * the case, the legal basis (grondslag), whether the family was informed, the parts
 * of the case the involvement may see, and how it ended (migration 0009).
 *
 * Never decides who may see what: that is auth/case_parts.c, which reads the facts
 * of one user's involvement through involvement_facts_of(). Ended involvements are
 * kept as history (the database refuses to change or delete them).
 * Functions that change data must be called inside db_begin()/db_commit().
 * Returned records and strings live in the caller's arena.
 */
#ifndef KR_INVOLVEMENT_H
#define KR_INVOLVEMENT_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What case_parts_of() needs to know about one user and one case. */
typedef struct involvement_facts {
	int64_t team_org_id;
	int64_t director_id;
	bool involved;  /* an active personal involvement in the organisation org_id */
	unsigned parts; /* union of the parts of those involvements */
} involvement_facts;

/* False when the case does not exist. Only involvements in org_id (the
 * organisation the user is in now) count. */
bool involvement_facts_of(int64_t case_id, int64_t user_id, int64_t org_id, involvement_facts *out);

/* The same facts read by a list statement along with its cases (one statement for the
 * page instead of one per row): the case's team_org_id and director_id, and for
 * `involved`/`parts` the column INVOLVEMENT_PARTS_SQL (case CASE_ID, user ?1, his/her
 * organisation ?7 as case_parts_of() takes it: the request's user's org_id): NULL
 * when there is no active personal involvement in it, else
 * the parts of each such involvement, comma-separated. involvement_facts_of() reads
 * the same rows; involvement_parts_union() turns the column into involved/parts. */
#define INVOLVEMENT_PARTS_SQL(CASE_ID)                                                                     \
	"(SELECT group_concat(fi.parts) FROM case_involvement fi INDEXED BY case_involvement_active"            \
	" WHERE fi.case_id = " CASE_ID " AND fi.user_id = ?1 AND fi.org_id = ?7 AND fi.ended_at IS NULL)"
void involvement_parts_union(const char *column, involvement_facts *out);

/* Legal bases (NULL-terminated codes) and their Dutch labels. */
extern const char *const involvement_bases[];
const char *involvement_basis_label(const char *basis);

/* One involvement row (personal or of an organisation as a whole). */
typedef struct involvement {
	int64_t id;
	int64_t case_id;
	int64_t org_id;
	const char *org_name;
	const char *org_kind;
	int64_t user_id;       /* 0 for the organisation as a whole */
	const char *user_name; /* "" for the organisation as a whole */
	const char *user_contact; /* phone / e-mail of the person ("" when unknown) */
	const char *role;      /* team, regisseur, betrokken, overdragend */
	const char *role_in_case;
	const char *basis;     /* "" when not recorded (rows from before 0009) */
	const char *consent_of;
	const char *consent_on;
	const char *basis_reason;
	const char *family_informed; /* ja, nee or "" */
	const char *informed_on;
	const char *informed_by;
	const char *not_informed_reason;
	unsigned parts;
	const char *since;
	const char *invited_by_name;
	bool ended;
	const char *ended_at;
	const char *ended_on;
	const char *ended_reason;
	const char *ended_by_name;
	bool in_org; /* the person is (still) in the involvement's organisation */
} involvement;

/* What an invitation records. */
typedef struct involvement_invite {
	int64_t case_id;
	int64_t org_id;
	int64_t user_id;
	const char *role_in_case;
	const char *basis;
	const char *consent_of;
	const char *consent_on; /* YYYY-MM-DD or NULL */
	const char *basis_reason;
	const char *family_informed; /* ja / nee */
	const char *informed_on;     /* YYYY-MM-DD or NULL */
	const char *informed_by;
	const char *not_informed_reason;
	unsigned parts;
	int64_t invited_by;
} involvement_invite;

/* Record an invitation; returns the new id, 0 when the person already has an
 * active 'betrokken' involvement in the case, -1 on failure. */
int64_t involvement_invite_add(const involvement_invite *inv);
/* End involvement `id` of case `case_id` now (ended_on: the date given, reason,
 * by). False when it is not an active involvement of that case. */
bool involvement_end(int64_t case_id, int64_t id, const char *ended_on, const char *reason, int64_t by);

/* Every involvement of a case, active first (team, regisseur, others by
 * organisation and name), then the ended ones, most recently ended first. */
involvement *involvement_list(arena *a, int64_t case_id, size_t *n);
/* One involvement of a case; false when it is not one of that case. */
bool involvement_get(arena *a, int64_t case_id, int64_t id, involvement *out);

/* An active personal involvement of a case: the involved users with their
 * organisation and the parts named in their involvement (for local-team
 * professionals the parts column is not what they see: call case_parts_of). */
typedef struct involved_user {
	int64_t user_id;
	const char *user_name;
	int64_t org_id;
	const char *org_name;
	const char *org_kind;
	unsigned roles; /* ROLE_* bits the person holds */
	unsigned parts;
	const char *role;
} involved_user;
involved_user *involvement_active_users(arena *a, int64_t case_id, size_t *n);

/* People who may be invited into a case: active accounts that were activated (a
 * password was set), of active organisations, holding the professional or partner
 * role, and not already actively involved in the case. By organisation, name. */
typedef struct invite_candidate {
	int64_t user_id;
	const char *user_name;
	int64_t org_id;
	const char *org_name;
	const char *org_kind;
	bool partner; /* holds the partner role (and not professional) */
} invite_candidate;
invite_candidate *involvement_candidates(arena *a, int64_t case_id, size_t *n);
/* The same, for a caller that read the case's involvements (involvement_list)
 * already: those actively involved in their organisation are left out. */
invite_candidate *involvement_candidates_except(arena *a, const involvement *inv, size_t ninv, size_t *n);

#endif
