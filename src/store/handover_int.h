/*
 * handover_int.h — shared inside the handover store (handover*.c): the binders of
 * optional values, the brief columns of the lists with their row readers
 * (handover_read.c), and the WHERE clauses that the lists and the search both
 * use. SQL text stays static: these are string-literal macros.
 *
 * Never decides who may see a handover (auth/access.c does).
 */
#ifndef KR_STORE_HANDOVER_INT_H
#define KR_STORE_HANDOVER_INT_H

#include "store/handover.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

static inline void bind_opt_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static inline void bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static inline void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* The brief columns of the start-page panels: what hv_summary() and the deadlines
 * need, without the content, the director or the condition counts. The names of
 * the receiving, taking and deciding organisations are not joined per row: the
 * collectors below look each distinct organisation up once per list. */
#define BRIEF_SELECT                                                                                           \
	"SELECT h.id, h.vt_org_id, h.created_by, coalesce(h.receiving_org_id, 0),"                                \
	" h.receiving_triage, coalesce(h.urgency, ''), h.household_name, h.status, h.created_at,"                 \
	" coalesce(h.submitted_at, ''), coalesce(h.taken_org_id, 0),"                                            \
	" coalesce(h.decided_at, ''), coalesce(h.return_category, ''), coalesce(h.case_id, 0),"                   \
	" coalesce(h.warm_planned_date, ''), coalesce(h.warm_held_date, ''), coalesce(h.feedback_first_at, ''),"\
	" coalesce(h.decided_org_id, 0), coalesce(h.household_id, 0)"
#define BRIEF_FROM " FROM handover h"
#define HANDOVER_BRIEF_COLUMNS BRIEF_SELECT BRIEF_FROM

/* The rows of the paginated lists (/overdrachten), each with what its list shows
 * besides the brief columns, computed for the page's rows only (issue 11: per row
 * shown, nothing the page does not show):
 * - the VT list: the safety conditions kept / not kept / all, as one number from one
 *   range of the index case_condition_handover_status (0006) — total + kept << 20 +
 *   not kept << 40 (a handover has a handful of conditions, far below 2^20) — where
 *   three subqueries made three descents per row; handover_read_vt_list_row() takes
 *   it apart;
 * - the team's decided list: the case's regisseur.
 * The search's matches show neither: they are read with the brief columns alone. */
#define CONDITION_COUNTS_SQL                                                                                   \
	", (SELECT count(*) + (coalesce(sum(k.status = 'nageleefd'), 0) << 20)"                                  \
	" + (coalesce(sum(k.status = 'niet_nageleefd'), 0) << 40) FROM case_condition k WHERE k.handover_id = h.id)"
#define HANDOVER_VT_LIST_COLUMNS BRIEF_SELECT CONDITION_COUNTS_SQL BRIEF_FROM
#define HANDOVER_DECIDED_COLUMNS                                                                               \
	BRIEF_SELECT                                                                                           \
	", coalesce((SELECT u.name FROM casefile c JOIN app_user u ON u.id = c.director_id WHERE c.id = h.case_id),"\
	" '')" BRIEF_FROM

/* The handovers of a case as the case page shows them: the brief columns and the
 * Veilig Thuis organisation's name. */
#define HANDOVER_CASE_COLUMNS BRIEF_SELECT ", vo.name" BRIEF_FROM " JOIN organisation vo ON vo.id = h.vt_org_id"

enum { BRIEF_NCOLS = 19 }; /* the columns of BRIEF_SELECT */

/* Row readers (handover_read.c): a row of BRIEF_SELECT (the content fields are
 * "", brief is true), of HANDOVER_VT_LIST_COLUMNS, of HANDOVER_DECIDED_COLUMNS,
 * of HANDOVER_CASE_COLUMNS. */
void handover_read_brief(arena *a, sqlite3_stmt *st, handover_rec *h);
/* Members of the handover not yet in the household become persons of it
 * (handover_decide.c; also at submission, handover.c). */
bool handover_add_members_to_household(arena *a, int64_t handover_id, int64_t household_id);
void handover_read_vt_list_row(arena *a, sqlite3_stmt *st, handover_rec *h);
void handover_read_decided_row(arena *a, sqlite3_stmt *st, handover_rec *h);
void handover_read_case_row(arena *a, sqlite3_stmt *st, handover_rec *h);
/* Every row of st read with `read` (st is reset), with the names of the
 * organisations the rows name; arena-owned, *n rows. */
handover_rec *handover_collect_with(arena *a, sqlite3_stmt *st, size_t *n,
                                    void (*read)(arena *, sqlite3_stmt *, handover_rec *));
handover_rec *handover_collect_brief(arena *a, sqlite3_stmt *st, size_t *n);

/* A team's inbox: waiting for a decision, addressed to or taken by the team, or in
 * the joint triage (?2: the team is a local team). */
#define INBOX_WHERE                                                                                            \
	" h.status IN ('ingediend', 'in_behandeling') AND (h.taken_org_id = ?1"                                   \
	" OR (h.taken_org_id IS NULL AND (h.receiving_org_id = ?1 OR (h.receiving_org_id IS NULL AND ?2))))"

/* The first half of a team's decided handovers (see handover_list.c): accepted or
 * returned after it took them (?1 the team). */
#define TEAM_DECIDED_A " taken_org_id = ?1 AND status IN ('geaccepteerd', 'teruggelegd')"

#endif
