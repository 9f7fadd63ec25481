/*
 * safety_plan.h — the safety plan (veiligheidsplan) of a case as stored versions
 * (DESIGN.md §8, issue 7). Every save is a new, never-changed version; the latest
 * version with status "vastgesteld" is the plan agreed with the family.
 *
 * The plan's lists (danger statements, goals, agreements, …) are stored as items
 * with five text columns a..e whose meaning per list is given below; the pages'
 * list table (pages/safety_plan_int.h) names them for forms and display.
 *
 * Never decides who may see what: callers pass the parts mask from case_parts_of().
 * Functions that change data must be called inside db_begin()/db_commit().
 * Returned records and strings live in the caller's arena.
 */
#ifndef KR_SAFETY_PLAN_H
#define KR_SAFETY_PLAN_H

#include "store/involvement.h"
#include "store/keyset.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
	SP_GEVAAR,     /* a: danger statement in the family's own words */
	SP_DOEL,       /* a: what must be seen, b: for how long */
	SP_VOORWAARDE, /* a: condition text (snapshot), condition_id: the case's checkable item */
	SP_AFSPRAAK,   /* a: owner kind (gezin, netwerk, organisatie), b: who, c: does what, d: when, e: status; org_id */
	SP_NETWERK,    /* a: name, b: relation, c: phone, d: part in keeping the agreements */
	SP_SIGNAAL,    /* a: signal, b: what who does then */
	SP_CRISIS,     /* a: name, b: phone */
	SP_TOEZICHT,   /* a: who checks, b: how often */
	SP_SCHAAL,     /* a: who scores, b: score 0-10, c: date */
	SP_DEELNEMER,  /* a: name, b: role or relation, c: eens/oneens, d: note */
	SP_LIST_COUNT
} sp_list;

enum { SP_MAX_COLS = 5 };

/* Database code of each list (safety_plan_item.part). */
extern const char *const safety_plan_list_codes[SP_LIST_COUNT];

typedef struct sp_item {
	const char *f[SP_MAX_COLS]; /* never NULL */
	int64_t org_id;             /* agreement owned by an organisation, else 0 */
	int64_t condition_id;
} sp_item;

typedef struct sp_plan {
	int64_t id; /* 0: no plan yet */
	int64_t case_id;
	int64_t n;
	const char *status; /* concept, vastgesteld */
	const char *what_happened, *family_view, *professional_view, *strengths, *evaluation_date;
	const char *agreed_on; /* "" unless vastgesteld */
	int64_t saved_by;
	const char *saved_by_name, *saved_at;
	sp_item *items[SP_LIST_COUNT];
	size_t nitems[SP_LIST_COUNT];
} sp_plan;

/* The latest version number of the case's plan (0: none yet). */
int64_t safety_plan_latest_n(int64_t case_id);
/* Version n (0 = the latest; -1 = the latest agreed) with all its lists. False when absent. */
bool safety_plan_get(arena *a, int64_t case_id, int64_t n, sp_plan *out);

/* Store p as version expected_n + 1 of its case, saved by user_id. Returns the new
 * version number, 0 when another save took that number first (conflict), -1 on failure. */
int64_t safety_plan_save(const sp_plan *p, int64_t expected_n, int64_t user_id);

typedef struct sp_version_row {
	int64_t n;
	const char *status, *agreed_on, *saved_by_name, *saved_at;
} sp_version_row;
sp_version_row *safety_plan_versions(arena *a, int64_t case_id, size_t *n);

/* Reading agreed versions: mark, ask, list. */
bool safety_plan_mark_read(int64_t version_id, int64_t user_id);
bool safety_plan_has_read(int64_t version_id, int64_t user_id);
typedef struct sp_reader {
	int64_t user_id;
	const char *name, *org_name, *read_at;
} sp_reader;
sp_reader *safety_plan_readers(arena *a, int64_t version_id, size_t *n);

typedef struct sp_unread {
	int64_t case_id;
	const char *household_name;
	int64_t n;
	const char *agreed_on;
	int64_t version_id;
	int64_t household_id;
	involvement_facts facts; /* the user's access facts, read with the row */
} sp_unread;
/* Agreed latest versions of cases the user takes part in (personally, or as team
 * leader of the case's team) that the user has not opened yet, newest agreement
 * first, before the keyset (key: agreed_on, id: case; {"", 0} from the newest),
 * at most limit. The caller still asks per case whether the user may see any of
 * it: case_parts_of_listed() with the row's facts, read by the same statement as
 * involvement_facts_of() would read them (INVOLVEMENT_PARTS_SQL, org_id the
 * user's organisation). */
sp_unread *safety_plan_unread_for(arena *a, int64_t user_id, int64_t org_id, bool team_leader, keyset after,
                                  size_t limit, size_t *n, bool *more);
/* Does the version hold an agreement owned by org_id? */
bool safety_plan_has_agreement_of(int64_t version_id, int64_t org_id);

typedef struct sp_org {
	int64_t id;
	const char *name;
	const char *kind;
} sp_org;
/* Organisations actively involved in the case (agreement owners, print per partner). */
sp_org *safety_plan_involved_orgs(arena *a, int64_t case_id, size_t *n);

#endif
