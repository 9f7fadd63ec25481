/*
 * case_search.h — the case list a user may see, a page at a time by keyset
 * (newest case first), optionally narrowed to households whose name matches a
 * search (FTS5 case_name_search, diacritics- and case-insensitive: "muller"
 * finds "Müller"). Only over what the user may see: the cases of the team he/she
 * leads (team_org_id > 0) and those he/she is actively involved in personally.
 * Every page is read by walking indexes in the list's order from the keyset and
 * stopping at the page (see case_search.c), never by collecting and sorting.
 * Returned records and strings live in the caller's arena.
 */
#ifndef KR_CASE_SEARCH_H
#define KR_CASE_SEARCH_H

#include "store/involvement.h"
#include "store/keyset.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct case_row {
	int64_t id, director_id, team_org_id;
	const char *household_name, *team_name, *director_name, *status, *opened_at;
	const char *evaluation_due; /* YYYY-MM-DD of an open case (EVALUATION_DUE_SQL), else "" */
	const char *activity_on;    /* the last day anything happened (stagnation; "" unknown) */
	int phase;
	/* the household (for the audit record): case_search() and the start-page lists;
	 * case_search() only: the facts of the user's access (for case_parts_of_listed) */
	int64_t household_id;
	involvement_facts facts;
} case_row;

/* The FTS5 query for free text typed by a user: each word a quoted prefix term,
 * all required; NULL when the text holds no word. Arena-owned. */
const char *case_search_query(arena *a, const char *text);
/* Up to `limit` cases with id < before_id (0: from the newest); *more when there
 * are older ones. org_id: the user's organisation (the access facts of each row,
 * case_row.facts, are read for it as case_parts_of() would). fts: NULL for all,
 * else a case_search_query() result; director_id: 0 for every regisseur, else only the cases he/she directs. */
case_row *case_search(arena *a, int64_t user_id, int64_t org_id, int64_t team_org_id, const char *fts,
                      int64_t director_id, int64_t before_id, size_t limit, size_t *n, bool *more);

/* Open cases the user directs as regisseur (index casefile_director_open),
 * oldest activity first, after the keyset (key: activity_on, id: case), at most
 * `limit`. */
case_row *case_directed_open(arena *a, int64_t user_id, keyset after, size_t limit, size_t *n, bool *more);
/* Open cases the user is personally involved in but does not direct (partners,
 * other professionals), newest first, before the keyset's case id (0: from the
 * newest), at most `limit`. */
case_row *case_involved_open(arena *a, int64_t user_id, keyset after, size_t limit, size_t *n, bool *more);

/* A team's caseload: per regisseur the number of open cases. */
typedef struct case_caseload {
	int64_t director_id;
	const char *director_name;
	int64_t open_cases;
} case_caseload;
case_caseload *case_caseload_of_team(arena *a, int64_t team_org_id, size_t *n);

#endif
