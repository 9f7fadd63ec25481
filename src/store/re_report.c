/*
 * re_report.c — SQL of the hermelding marks (see re_report.h). Read-only: the
 * marks are written by the trigger handover_re_report (0018_re_report.sql).
 */
#include "store/re_report.h"

#include "store/db.h"

#define RE_COLUMNS                                                                                          \
	"SELECT r.handover_id, r.case_id, hh.name, r.reported_at, coalesce(o.name, ''), h.status,"             \
	" coalesce(h.urgency, ''), c.status = 'open', h.status IN ('ingediend', 'in_behandeling'), c.household_id" \
	" FROM case_re_report r JOIN handover h ON h.id = r.handover_id JOIN casefile c ON c.id = r.case_id"    \
	" JOIN household hh ON hh.id = c.household_id LEFT JOIN organisation o ON o.id = h.receiving_org_id"

static re_report *collect(arena *a, sqlite3_stmt *st, size_t limit, size_t *n, bool *more)
{
	size_t cap = 0, k = 0;
	re_report *list = NULL;
	*more = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k == limit) {
			*more = true;
			break;
		}
		list = arena_grow(a, list, k, &cap, sizeof *list);
		re_report *r = &list[k++];
		r->handover_id = sqlite3_column_int64(st, 0);
		r->case_id = sqlite3_column_int64(st, 1);
		r->household_name = db_text(a, st, 2);
		r->reported_at = db_text(a, st, 3);
		r->sent_to = db_text(a, st, 4);
		r->status = db_text(a, st, 5);
		r->urgency = db_text(a, st, 6);
		r->case_open = sqlite3_column_int(st, 7) != 0;
		r->undecided = sqlite3_column_int(st, 8) != 0;
		r->household_id = sqlite3_column_int64(st, 9);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* The list is "reported since ?3, or not yet decided", newest first. Two arms, each from
 * an index of the present, merged and stopped at LIMIT: the marks of the last weeks
 * (case_re_report_team for a team, case_re_report_at for a regisseur) and the marks of
 * the handovers still undecided (handover_status: submitted or in progress), each
 * checked against the team or the cases the regisseur directs. Neither the team's
 * history of marks nor every case the regisseur ever directed is read. */
#define RE_SELECT                                                                                           \
	"SELECT r.handover_id, r.case_id, hh.name, r.reported_at, coalesce(o.name, ''), h.status,"             \
	" coalesce(h.urgency, ''), c.status = 'open', h.status IN ('ingediend', 'in_behandeling'), c.household_id"
#define RE_REST                                                                                             \
	" JOIN casefile c ON c.id = r.case_id JOIN household hh ON hh.id = c.household_id"                     \
	" LEFT JOIN organisation o ON o.id = h.receiving_org_id"
#define RE_UNDECIDED                                                                                        \
	RE_SELECT " FROM handover h INDEXED BY handover_status CROSS JOIN case_re_report r ON r.handover_id = h.id" \
	RE_REST " WHERE h.status IN ('ingediend', 'in_behandeling') AND (r.reported_at, r.handover_id) < (?20, ?21)"

re_report *re_report_list(arena *a, int64_t team_org_id, int64_t director_id, const char *since_utc, keyset after,
                          size_t limit, size_t *n, bool *more)
{
	sqlite3_stmt *st = team_org_id > 0
		? db_stmt(RE_SELECT " FROM case_re_report r INDEXED BY case_re_report_team JOIN handover h ON h.id = r.handover_id"
		          RE_REST " WHERE r.team_org_id = ?1 AND r.reported_at >= ?3 AND ?2 = ?2"
		          " AND (r.reported_at, r.handover_id) < (?20, ?21)"
		          " UNION " RE_UNDECIDED " AND +r.team_org_id = ?1"
		          " ORDER BY 4 DESC, 1 DESC LIMIT ?4")
		: db_stmt(RE_SELECT " FROM case_re_report r INDEXED BY case_re_report_at JOIN handover h ON h.id = r.handover_id"
		          RE_REST " WHERE r.reported_at >= ?3 AND c.director_id = ?2 AND ?1 = 0"
		          " AND (r.reported_at, r.handover_id) < (?20, ?21)"
		          " UNION " RE_UNDECIDED " AND +c.director_id = ?2"
		          " ORDER BY 4 DESC, 1 DESC LIMIT ?4");
	/* newest first: the start is past every row */
	bool start = after.id == 0;
	sqlite3_bind_text(st, 20, start ? "9999" : after.key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 21, start ? INT64_MAX : after.id);
	sqlite3_bind_int64(st, 1, team_org_id > 0 ? team_org_id : 0);
	sqlite3_bind_int64(st, 2, director_id);
	sqlite3_bind_text(st, 3, since_utc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, (int64_t)limit + 1);
	return collect(a, st, limit, n, more);
}

re_report *re_report_of_case(arena *a, int64_t case_id, size_t limit, size_t *n, bool *more)
{
	sqlite3_stmt *st = db_stmt(RE_COLUMNS " WHERE r.case_id = ?1 ORDER BY r.reported_at DESC, r.handover_id DESC LIMIT ?2");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, (int64_t)limit + 1);
	return collect(a, st, limit, n, more);
}
