/*
 * case_search.c — SQL for the paged, searchable case list (see case_search.h).
 * Never decides access beyond "the own team's cases and the own involvements".
 */
#include "store/case_search.h"

#include "store/db.h"
#include "store/family_plan.h"
#include "store/involvement.h"

#include <string.h>

const char *case_search_query(arena *a, const char *text)
{
	/* words of letters and digits (any script); everything else separates words */
	size_t len = strlen(text);
	char *out = arena_alloc(a, len * 4 + 16);
	size_t k = 0;
	bool any = false;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		while (*p && !(*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			p++;
		if (!*p)
			break;
		if (any)
			out[k++] = ' ';
		out[k++] = '"';
		while (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			out[k++] = (char)*p++;
		out[k++] = '"';
		out[k++] = '*';
		any = true;
	}
	out[k] = '\0';
	return any ? out : NULL;
}

#define COLUMNS_OF(ID)                                                                                     \
	"SELECT " ID ", c.director_id, c.team_org_id, h.name, o.name, u.name, c.status, c.opened_at, c.phase,"  \
	" CASE WHEN c.status = 'open' THEN " EVALUATION_DUE_SQL " ELSE '' END, coalesce(c.activity_on, '')"
#define ROW_JOINS                                                                                          \
	" JOIN household h ON h.id = c.household_id JOIN organisation o ON o.id = c.team_org_id"               \
	" JOIN app_user u ON u.id = c.director_id LEFT JOIN case_evaluation_due d ON d.case_id = c.id"
/* The list's rows also carry what the page needs besides: the household its audit
 * record names, and the facts of the user's access to the case (case_parts_of_listed),
 * read in this statement instead of a statement per row. */
#define LIST_COLUMNS_OF(ID) COLUMNS_OF(ID) ", c.household_id, " INVOLVEMENT_PARTS_SQL(ID)

/* The case list (no search) is the union of two arms, each walked newest first from the
 * keyset through its own index, merged by SQLite (MERGE (UNION ALL)) and stopped by
 * collect_rows() at the page:
 * the cases of the team the user leads (casefile_team_case, or casefile_director_case with
 * the regisseur filter) and the cases of his/her current personal involvements
 * (case_involvement_current). The involvement arm selects i.case_id (the same value as
 * c.id) so that its order is the index's. Together: the same set as "c.id IN (team cases
 * UNION own current involvements)", read a page at a time.
 *
 * UNION ALL, not UNION: a case both of the team and of an own involvement (or of two own
 * involvements) comes once from each, and the two rows are equal in every column (all of
 * them follow from the case and the user), so they are one row whose id repeats; with the
 * order by id they are adjacent and collect_rows() keeps the first. UNION would drop them
 * the same way, but a UNION merge must order each arm by every column, which the indexes
 * do not give: SQLite sorted each arm's rows beyond the id (a temporary b-tree per block
 * of equal ids) and compared whole rows. There is no LIMIT: the merge is read lazily, and
 * collect_rows() stops stepping after the page's rows and one more, counting ids. */
#define INVOLVED_ARM                                                                                       \
	LIST_COLUMNS_OF("i.case_id") " FROM case_involvement i INDEXED BY case_involvement_current"                \
	" JOIN casefile c ON c.id = i.case_id" ROW_JOINS                                                       \
	" WHERE i.user_id = ?1 AND i.ended_at IS NULL AND i.org_id = (SELECT organisation_id FROM app_user WHERE id = ?1)" \
	" AND i.case_id < ?3 AND (?6 = 0 OR c.director_id = ?6)"
#define TEAM_ARM                                                                                           \
	LIST_COLUMNS_OF("c.id") " FROM casefile c INDEXED BY casefile_team_case" ROW_JOINS                         \
	" WHERE c.team_org_id = ?2 AND ?2 > 0 AND c.id < ?3 AND ?6 = 0"
#define TEAM_DIRECTOR_ARM                                                                                  \
	LIST_COLUMNS_OF("c.id") " FROM casefile c INDEXED BY casefile_director_case" ROW_JOINS                     \
	" WHERE c.director_id = ?6 AND c.team_org_id = ?2 AND ?2 > 0 AND c.id < ?3"
/* the user's own cases: the team he/she leads, and his/her active personal involvements */
#define VISIBLE                                                                                            \
	" ((c.team_org_id = ?2 AND ?2 > 0) OR EXISTS (SELECT 1 FROM case_involvement i WHERE i.case_id = c.id" \
	" AND i.user_id = ?1 AND i.ended_at IS NULL AND i.org_id = (SELECT organisation_id FROM app_user WHERE id = ?1)))"

static case_row *collect_rows(arena *a, sqlite3_stmt *st, size_t limit, size_t *n, bool *more);

/* Which statement reads the page (each walks its own indexes):
 * - no search: the two arms above;
 * - a search by a team leader: the matching cases newest first from case_name_search
 *   (FTS5 in rowid = case id order, from the keyset), each checked against what the user
 *   may see, stopped at LIMIT; with a common word most matches are the team's own;
 * - a search by anyone else: his/her current involvements newest first, each checked
 *   against the search by a seek in case_name_search, stopped at LIMIT: what the user may
 *   see is a few hundred cases at most, while a common word matches every case of the
 *   region. The (empty) team arm keeps the statement's shape; a case the user is
 *   involved in twice comes twice, adjacent, and collect_rows() keeps it once. */
#define MATCHES(ID)                                                                                        \
	" EXISTS (SELECT 1 FROM case_name_search s WHERE s.case_name_search MATCH ?5 AND s.rowid = " ID ")"
static sqlite3_stmt *search_statement(int64_t team_org_id, const char *fts, int64_t director_id)
{
	if (!fts)
		return director_id > 0
			? db_stmt(TEAM_DIRECTOR_ARM " AND ?5 IS NULL UNION ALL " INVOLVED_ARM " ORDER BY 1 DESC")
			: db_stmt(TEAM_ARM " AND ?5 IS NULL UNION ALL " INVOLVED_ARM " ORDER BY 1 DESC");
	if (team_org_id > 0)
		return db_stmt(LIST_COLUMNS_OF("s.rowid") " FROM case_name_search s CROSS JOIN casefile c ON c.id = s.rowid" ROW_JOINS
		               " WHERE s.case_name_search MATCH ?5 AND s.rowid < ?3 AND" VISIBLE
		               " AND (?6 = 0 OR c.director_id = ?6) ORDER BY s.rowid DESC LIMIT ?4");
	return db_stmt(TEAM_ARM " AND" MATCHES("c.id") " UNION ALL " INVOLVED_ARM " AND" MATCHES("i.case_id")
	               " ORDER BY 1 DESC");
}

case_row *case_search(arena *a, int64_t user_id, int64_t org_id, int64_t team_org_id, const char *fts,
                      int64_t director_id, int64_t before_id, size_t limit, size_t *n, bool *more)
{
	sqlite3_stmt *st = search_statement(team_org_id, fts, director_id);
	sqlite3_bind_int64(st, 7, org_id);
	sqlite3_bind_int(st, 9, evaluation_norm_weeks());
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, team_org_id);
	sqlite3_bind_int64(st, 3, before_id > 0 ? before_id : INT64_MAX);
	sqlite3_bind_int64(st, 4, (int64_t)limit + 1); /* LIMIT of the team leader's search only */
	if (fts)
		sqlite3_bind_text(st, 5, fts, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int64(st, 6, director_id);
	return collect_rows(a, st, limit, n, more);
}

static void read_row(arena *a, sqlite3_stmt *st, case_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->director_id = sqlite3_column_int64(st, 1);
	r->team_org_id = sqlite3_column_int64(st, 2);
	r->household_name = db_text(a, st, 3);
	r->team_name = db_text(a, st, 4);
	r->director_name = db_text(a, st, 5);
	r->status = db_text(a, st, 6);
	r->opened_at = db_text(a, st, 7);
	r->phase = sqlite3_column_int(st, 8);
	r->evaluation_due = db_text(a, st, 9);
	r->activity_on = db_text(a, st, 10);
}

static case_row *collect_rows(arena *a, sqlite3_stmt *st, size_t limit, size_t *n, bool *more)
{
	size_t cap = 0, k = 0;
	case_row *list = NULL;
	*more = false;
	int columns = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		/* the same case again from the other arm of a UNION ALL (see INVOLVED_ARM): the
		 * rows are equal, the first is kept; the other statements never repeat an id */
		if (k > 0 && sqlite3_column_int64(st, 0) == list[k - 1].id)
			continue;
		if (k == limit) {
			*more = true;
			break;
		}
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_row *r = &list[k++];
		read_row(a, st, r);
		/* the start-page lists and LIST_COLUMNS_OF select the household next, to name it in
		 * the audit record; LIST_COLUMNS_OF then the user's access facts */
		if (columns > 11)
			r->household_id = sqlite3_column_int64(st, 11);
		if (columns > 12) {
			r->facts.team_org_id = r->team_org_id;
			r->facts.director_id = r->director_id;
			involvement_parts_union((const char *)sqlite3_column_text(st, 12), &r->facts);
		}
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

case_row *case_directed_open(arena *a, int64_t user_id, keyset after, size_t limit, size_t *n, bool *more)
{
	sqlite3_stmt *st = db_stmt(COLUMNS_OF("c.id") ", c.household_id FROM casefile c" ROW_JOINS
	                           " WHERE c.director_id = ?1 AND c.status = 'open'"
	                           " AND (coalesce(c.activity_on, ''), c.id) > (?20, ?21)"
	                           " ORDER BY coalesce(c.activity_on, ''), c.id LIMIT ?2");
	sqlite3_bind_text(st, 20, after.key ? after.key : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 21, after.id);
	sqlite3_bind_int(st, 9, evaluation_norm_weeks());
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, (int64_t)limit + 1);
	return collect_rows(a, st, limit, n, more);
}

case_row *case_involved_open(arena *a, int64_t user_id, keyset after, size_t limit, size_t *n, bool *more)
{
	/* the user's current involvements in open cases (case_involvement_open) walked newest
	 * case first from the keyset, stopped at LIMIT; GROUP BY in the index's order keeps
	 * one row per case without a sort */
	sqlite3_stmt *st = db_stmt(COLUMNS_OF("i.case_id") ", c.household_id FROM case_involvement i"
	                           " INDEXED BY case_involvement_open"
	                           " JOIN casefile c ON c.id = i.case_id" ROW_JOINS
	                           " WHERE i.user_id = ?1 AND i.ended_at IS NULL AND i.case_open = 1 AND i.role = 'betrokken'"
	                           " AND i.org_id = (SELECT organisation_id FROM app_user WHERE id = ?1)"
	                           " AND c.status = 'open' AND c.director_id <> ?1 AND i.case_id < ?21"
	                           " GROUP BY i.case_id ORDER BY i.case_id DESC LIMIT ?2");
	sqlite3_bind_int64(st, 21, after.id > 0 ? after.id : INT64_MAX);
	sqlite3_bind_int(st, 9, evaluation_norm_weeks());
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, (int64_t)limit + 1);
	return collect_rows(a, st, limit, n, more);
}

case_caseload *case_caseload_of_team(arena *a, int64_t team_org_id, size_t *n)
{
	/* the team's open cases counted per regisseur, from the tally the triggers of 0024
	 * keep (case_caseload_tally): one row per regisseur, not one per open case */
	sqlite3_stmt *st = db_stmt("SELECT u.id, u.name, k.n FROM case_caseload_tally k"
	                           " JOIN app_user u ON u.id = k.director_id WHERE k.team_org_id = ?1"
	                           " ORDER BY k.n DESC, u.name");
	sqlite3_bind_int64(st, 1, team_org_id);
	size_t cap = 0, k = 0;
	case_caseload *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].director_id = sqlite3_column_int64(st, 0);
		list[k].director_name = db_text(a, st, 1);
		list[k].open_cases = sqlite3_column_int64(st, 2);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
