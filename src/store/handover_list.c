/*
 * handover_list.c — the lists of handovers: Veilig Thuis's sent handovers and
 * the team's decided ones (paged by keyset, with total and position), the
 * handovers of a case and of a period (/cijfers), and the start-page panels'
 * items (open, overdue, returned, feedback that arrived, conditions not kept,
 * the team's inbox with the "already known" flag).
 *
 * Reads only, with the organisation the caller passes; never decides who may
 * see a handover (the route table and auth/access.c do).
 */
#include "store/handover.h"
#include "store/handover_int.h"

#include "store/db.h"

#include <stdio.h>
#include <string.h>

/* ---- lists ------------------------------------------------------------------------ */

/* A page read newest first (older) or, for a "newer" link, oldest first (newer):
 * keep PAGE rows in newest-first order and note whether a row lay beyond them. */
static void page_finish(handover_rec *rows, size_t n, bool newer_direction, handover_page *out)
{
	bool beyond = n > HANDOVER_PAGE;
	if (beyond)
		n = HANDOVER_PAGE;
	if (newer_direction)
		for (size_t i = 0; i < n / 2; i++) {
			handover_rec t = rows[i];
			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = t;
		}
	out->rows = rows;
	out->n = n;
	if (newer_direction)
		out->newer = beyond;
	else
		out->older = beyond;
}

/* The VT list: ?1 organisation, ?2 status (filtered statements only), ?3 the keyset
 * bound (an id). LIMIT is HANDOVER_PAGE + 1: the extra row only says that there is a
 * further page. Without a filter the page walks the primary key from the bound (a
 * region has one VT organisation), with one handover_vt (vt_org_id, status), whose
 * entries are in id order; the counts read handover_vt alone. */
void handover_vt_page(arena *a, int64_t vt_org_id, const char *status, int64_t before, int64_t after,
                      handover_page *out)
{
	memset(out, 0, sizeof *out);
	bool filtered = status && *status;
	bool newer = before <= 0 && after > 0;
	sqlite3_stmt *st;
	if (newer && filtered)
		st = db_stmt(HANDOVER_VT_LIST_COLUMNS " WHERE h.vt_org_id = ?1 AND h.status = ?2 AND h.id > ?3"
		                                   " ORDER BY h.id LIMIT 51");
	else if (newer) /* +: walk the primary key, not all of the organisation's rows */
		st = db_stmt(HANDOVER_VT_LIST_COLUMNS " WHERE +h.vt_org_id = ?1 AND h.id > ?3"
		                                   " ORDER BY h.id LIMIT 51");
	else if (filtered)
		st = db_stmt(HANDOVER_VT_LIST_COLUMNS " WHERE h.vt_org_id = ?1 AND h.status = ?2 AND h.id < ?3"
		                                   " ORDER BY h.id DESC LIMIT 51");
	else
		st = db_stmt(HANDOVER_VT_LIST_COLUMNS " WHERE +h.vt_org_id = ?1 AND h.id < ?3"
		                                   " ORDER BY h.id DESC LIMIT 51");
	sqlite3_bind_int64(st, 1, vt_org_id);
	if (filtered)
		bind_text(st, 2, status);
	sqlite3_bind_int64(st, 3, newer ? after : before > 0 ? before : INT64_MAX);
	size_t n;
	handover_rec *rows = handover_collect_with(a, st, &n, handover_read_vt_list_row);
	if (newer && n <= HANDOVER_PAGE) { /* nothing newer beyond: that is the first page */
		handover_vt_page(a, vt_org_id, status, 0, 0, out);
		return;
	}
	page_finish(rows, n, newer, out);

	/* the count of the whole list from the tally (0021), and of the rows newer than
	 * this page (its position): a walk from the page to the newest, which costs the
	 * pages browsed, not the history behind them */
	if (filtered)
		st = db_stmt("SELECT coalesce(sum(n), 0), (SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND status = ?2"
		             " AND id > ?3) FROM handover_tally WHERE list = 'vt' AND org_id = ?1 AND status = ?2");
	else
		/* the position from handover_vt's entries (vt_org_id, status, id) alone, one range
		 * per status (every status of the CHECK on handover.status), never the table's rows */
		st = db_stmt("SELECT coalesce(sum(n), 0), (SELECT count(*) FROM handover INDEXED BY handover_vt"
		             " WHERE vt_org_id = ?1 AND status IN ('concept', 'ingediend', 'in_behandeling', 'geaccepteerd',"
		             " 'teruggelegd', 'ingetrokken') AND id > ?3)"
		             " FROM handover_tally WHERE list = 'vt' AND org_id = ?1 AND ?2 = ?2");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_text(st, 2, filtered ? status : "");
	/* an empty page past the oldest: every row from the bound on is newer */
	sqlite3_bind_int64(st, 3, out->n ? out->rows[0].id : before > 0 ? before - 1 : INT64_MAX);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->total = sqlite3_column_int64(st, 0);
		out->offset = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (newer)
		out->older = true; /* the page we came from */
	else
		out->newer = out->offset > 0;
}
/* A team's decided handovers (?1 the team): (a) accepted or returned after it took
 * them, (b) returned by one of its team leaders from the joint triage without taking
 * them. The page is ordered by decision, newest first; the keyset is (decided_at, id)
 * (a: index handover_team_decided_page of 0006, b: handover_decided_org of 0007).
 * TEAM_DECIDED_A is in handover_int.h: the search uses it too. */
#define TEAM_DECIDED_B                                                                                         \
	" taken_org_id IS NULL AND status = 'teruggelegd'"                                                         \
	" AND decided_org_id = ?1"

/* The decision time of handover id when it is one of the team's decided handovers. */
static bool team_decided_anchor(arena *a, int64_t org_id, int64_t id, const char **decided_at)
{
	sqlite3_stmt *st = db_stmt("SELECT decided_at FROM handover WHERE id = ?2 AND decided_at IS NOT NULL"
	                           " AND ((" TEAM_DECIDED_A ") OR (" TEAM_DECIDED_B "))");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*decided_at = db_text(a, st, 0);
	sqlite3_reset(st);
	return found;
}

void handover_team_decided_page(arena *a, int64_t org_id, int64_t before, int64_t after, handover_page *out)
{
	memset(out, 0, sizeof *out);
	const char *anchor_at = "9999-12-31 23:59:59"; /* after every decision: the newest page */
	int64_t anchor_id = INT64_MAX;
	bool newer = false;
	if (before > 0 && team_decided_anchor(a, org_id, before, &anchor_at))
		anchor_id = before;
	else if (before <= 0 && after > 0 && team_decided_anchor(a, org_id, after, &anchor_at)) {
		anchor_id = after;
		newer = true;
	}
	/* an id that is not the team's own decided handover reads the newest page */
	sqlite3_stmt *st;
	if (newer)
		st = db_stmt(HANDOVER_DECIDED_COLUMNS " WHERE h.id IN (SELECT id FROM ("
		             " SELECT id, decided_at FROM (SELECT id, decided_at FROM handover WHERE" TEAM_DECIDED_A
		             " AND (decided_at, id) > (?2, ?3) ORDER BY decided_at, id LIMIT 51)"
		             " UNION ALL SELECT id, decided_at FROM (SELECT id, decided_at FROM handover WHERE" TEAM_DECIDED_B
		             " AND (decided_at, id) > (?2, ?3) ORDER BY decided_at, id LIMIT 51))"
		             " ORDER BY decided_at, id LIMIT 51) ORDER BY h.decided_at, h.id");
	else
		st = db_stmt(HANDOVER_DECIDED_COLUMNS " WHERE h.id IN (SELECT id FROM ("
		             " SELECT id, decided_at FROM (SELECT id, decided_at FROM handover WHERE" TEAM_DECIDED_A
		             " AND (decided_at, id) < (?2, ?3) ORDER BY decided_at DESC, id DESC LIMIT 51)"
		             " UNION ALL SELECT id, decided_at FROM (SELECT id, decided_at FROM handover WHERE" TEAM_DECIDED_B
		             " AND (decided_at, id) < (?2, ?3) ORDER BY decided_at DESC, id DESC LIMIT 51))"
		             " ORDER BY decided_at DESC, id DESC LIMIT 51) ORDER BY h.decided_at DESC, h.id DESC");
	sqlite3_bind_int64(st, 1, org_id);
	bind_text(st, 2, anchor_at);
	sqlite3_bind_int64(st, 3, anchor_id);
	size_t n;
	handover_rec *rows = handover_collect_with(a, st, &n, handover_read_decided_row);
	if (newer && n <= HANDOVER_PAGE) { /* nothing newer beyond: that is the first page */
		handover_team_decided_page(a, org_id, 0, 0, out);
		return;
	}
	page_finish(rows, n, newer, out);

	/* the count of the whole list from the tally (0021, kept by triggers with the same
	 * two rules), and of the decisions newer than this page: a range of the two
	 * indexes from the page to the newest, the pages browsed */
	st = db_stmt("SELECT (SELECT coalesce(sum(n), 0) FROM handover_tally WHERE list = 'decided' AND org_id = ?1"
	             " AND status = ''),"
	             " (SELECT count(*) FROM handover WHERE" TEAM_DECIDED_A " AND (decided_at, id) > (?2, ?3))"
	             " + (SELECT count(*) FROM handover WHERE" TEAM_DECIDED_B " AND (decided_at, id) > (?2, ?3))");
	sqlite3_bind_int64(st, 1, org_id);
	/* an empty page past the oldest: the anchor and everything after it is newer */
	bind_text(st, 2, out->n ? out->rows[0].decided_at : anchor_at);
	sqlite3_bind_int64(st, 3, out->n ? out->rows[0].id : anchor_id == INT64_MAX ? INT64_MAX : anchor_id - 1);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->total = sqlite3_column_int64(st, 0);
		out->offset = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (newer)
		out->older = true; /* the page we came from */
	else
		out->newer = out->offset > 0;
}

handover_rec *handover_list_for_case(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_CASE_COLUMNS " WHERE h.case_id = ?1 ORDER BY h.submitted_at, h.id");
	sqlite3_bind_int64(st, 1, case_id);
	return handover_collect_with(a, st, n, handover_read_case_row);
}

handover_rec *handover_list_between(arena *a, const char *from, const char *to, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		HANDOVER_BRIEF_COLUMNS " WHERE h.submitted_at >= ?1 AND h.submitted_at < ?2 AND h.status <> 'concept'"
		" ORDER BY h.id");
	bind_text(st, 1, from);
	bind_text(st, 2, to);
	return handover_collect_brief(a, st, n);
}

/* The WHERE clause of the partial index handover_vt_open (0004), word for word
 * (0004 says "in handover.c": this file was split out of it). */
#define VT_OPEN_WHERE                                                                                          \
	" (status IN ('ingediend', 'in_behandeling')"                                                              \
	" OR (status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL)))"

handover_rec *handover_vt_open_items(arena *a, int64_t vt_org_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT id FROM handover WHERE vt_org_id = ?1"
	                           " AND" VT_OPEN_WHERE ") ORDER BY h.id DESC");
	sqlite3_bind_int64(st, 1, vt_org_id);
	return handover_collect_brief(a, st, n);
}
/* The same three rules as handover_deadlines_of(), as SQL over the cutoffs ?2..?4. */
#define VT_OVERDUE_WHERE                                                                                       	" ((status IN ('ingediend', 'in_behandeling') AND submitted_at < ?2)"                                      	" OR (status = 'geaccepteerd' AND warm_held_date IS NULL AND decided_at < ?3)"                             	" OR (status = 'geaccepteerd' AND feedback_first_at IS NULL AND decided_at < ?4))"

static void bind_cutoffs(sqlite3_stmt *st, const handover_cutoffs *c)
{
	sqlite3_bind_text(st, 2, c->decision, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->warm, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->feedback, -1, SQLITE_STATIC);
}

int64_t handover_vt_overdue_count(int64_t vt_org_id, const char *status, const handover_cutoffs *c)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND" VT_OPEN_WHERE
	                           " AND" VT_OVERDUE_WHERE " AND (?5 = '' OR status = ?5)");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_cutoffs(st, c);
	sqlite3_bind_text(st, 5, status ? status : "", -1, SQLITE_STATIC);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

handover_rec *handover_vt_overdue_items(arena *a, int64_t vt_org_id, const handover_cutoffs *c, int64_t limit,
                                        size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT id FROM handover WHERE vt_org_id = ?1"
	                           " AND" VT_OPEN_WHERE " AND" VT_OVERDUE_WHERE " ORDER BY id DESC LIMIT ?5)"
	                           " ORDER BY h.id DESC");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_cutoffs(st, c);
	sqlite3_bind_int64(st, 5, limit);
	return handover_collect_brief(a, st, n);
}

void handover_vt_counts(int64_t vt_org_id, int64_t user_id, int64_t *concepts, int64_t *returned)
{
	sqlite3_stmt *st = db_stmt("SELECT (SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND status = 'concept'"
	                           " AND created_by = ?2),"
	                           " (SELECT count(*) FROM handover INDEXED BY handover_vt_returned_open"
	                           " WHERE vt_org_id = ?1 AND status = 'teruggelegd' AND ended_at IS NULL)");
	sqlite3_bind_int64(st, 1, vt_org_id);
	sqlite3_bind_int64(st, 2, user_id);
	*concepts = *returned = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*concepts = sqlite3_column_int64(st, 0);
		*returned = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
}

handover_rec *handover_vt_returned_since(arena *a, int64_t vt_org_id, const char *since, int64_t limit, size_t *n)
{
	/* the returned handovers not yet ended (handover_vt_returned_open, 0021): once
	 * resent or closed they leave the index, so the walk never meets them */
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT id FROM handover"
	                           " INDEXED BY handover_vt_returned_open WHERE vt_org_id = ?1 AND status = 'teruggelegd'"
	                           " AND ended_at IS NULL AND decided_at >= ?2 ORDER BY decided_at DESC LIMIT ?3)"
	                           " ORDER BY h.decided_at DESC");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_text(st, 2, since);
	sqlite3_bind_int64(st, 3, limit);
	return handover_collect_brief(a, st, n);
}

handover_rec *handover_team_open_items(arena *a, int64_t org_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.taken_org_id = ?1 AND h.status = 'geaccepteerd'"
	                           " AND (h.warm_held_date IS NULL OR h.feedback_first_at IS NULL) ORDER BY h.id");
	sqlite3_bind_int64(st, 1, org_id);
	return handover_collect_brief(a, st, n);
}

/* The accepted-handover rules of handover_deadlines_of() as SQL over the cutoffs ?3, ?4
 * (the decision rule does not apply: these are decided). */
#define TEAM_OVERDUE_WHERE                                                                                     \
	" ((warm_held_date IS NULL AND decided_at < ?3) OR (feedback_first_at IS NULL AND decided_at < ?4))"

/* Both read the covering partial index handover_team_open (0021) alone: its entries
 * leave when the warm handover is held and the feedback given. */
int64_t handover_team_overdue_count(int64_t org_id, const handover_cutoffs *c)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM handover INDEXED BY handover_team_open WHERE taken_org_id = ?1"
	                           " AND status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL)"
	                           " AND" TEAM_OVERDUE_WHERE);
	sqlite3_bind_int64(st, 1, org_id);
	bind_cutoffs(st, c);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

handover_rec *handover_team_overdue_items(arena *a, int64_t org_id, const handover_cutoffs *c, int64_t limit,
                                          size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT id FROM handover"
	                           " INDEXED BY handover_team_open WHERE taken_org_id = ?1 AND status = 'geaccepteerd'"
	                           " AND (warm_held_date IS NULL OR feedback_first_at IS NULL) AND" TEAM_OVERDUE_WHERE
	                           " ORDER BY id LIMIT ?5) ORDER BY h.id");
	sqlite3_bind_int64(st, 1, org_id);
	bind_cutoffs(st, c);
	sqlite3_bind_int64(st, 5, limit);
	return handover_collect_brief(a, st, n);
}

handover_rec *handover_director_open_items(arena *a, int64_t user_id, size_t *n)
{
	/* from the regisseur's open cases (casefile_director_open), not from every
	 * accepted handover in history (handover_status); whether a handover of such a
	 * case is still open is read from the covering partial index handover_case_open
	 * (0026), so only the open ones' rows are read, not every handover of the case */
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT h2.id FROM casefile c2"
	                           " CROSS JOIN handover h2 INDEXED BY handover_case_open ON h2.case_id = c2.id"
	                           " WHERE c2.director_id = ?1 AND c2.status = 'open' AND h2.status = 'geaccepteerd'"
	                           " AND (h2.warm_held_date IS NULL OR h2.feedback_first_at IS NULL)) ORDER BY h.id");
	sqlite3_bind_int64(st, 1, user_id);
	return handover_collect_brief(a, st, n);
}

handover_rec *handover_inbox_brief(arena *a, int64_t org_id, bool local_team, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE" INBOX_WHERE
	                           " ORDER BY h.urgency = 'hoog' DESC, h.submitted_at, h.id");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	return handover_collect_brief(a, st, n);
}

/* The start page's counts read the covering partial index handover_inbox (0028) alone:
 * an entry leaves when its handover is decided or withdrawn. The items read only the
 * rows shown, chosen from the same index. */
static int64_t count_of(sqlite3_stmt *st)
{
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

int64_t handover_inbox_count(int64_t org_id, bool local_team)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM handover h INDEXED BY handover_inbox WHERE" INBOX_WHERE);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	return count_of(st);
}

#define INBOX_URGENT_WHERE INBOX_WHERE " AND h.urgency = 'hoog' AND h.status = 'ingediend'"

int64_t handover_inbox_urgent_count(int64_t org_id, bool local_team)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM handover h INDEXED BY handover_inbox WHERE" INBOX_URGENT_WHERE);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	return count_of(st);
}

handover_rec *handover_inbox_urgent_items(arena *a, int64_t org_id, bool local_team, int64_t limit, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT h.id FROM handover h"
	                           " INDEXED BY handover_inbox WHERE" INBOX_URGENT_WHERE
	                           " ORDER BY h.submitted_at, h.id LIMIT ?5) ORDER BY h.submitted_at, h.id");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	sqlite3_bind_int64(st, 5, limit);
	return handover_collect_brief(a, st, n);
}

/* waiting past the decision norm: VT_OVERDUE_WHERE's rule for the waiting statuses */
#define INBOX_OVERDUE_WHERE INBOX_WHERE " AND h.submitted_at < ?3"

int64_t handover_inbox_overdue_count(int64_t org_id, bool local_team, const handover_cutoffs *c)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM handover h INDEXED BY handover_inbox WHERE" INBOX_OVERDUE_WHERE);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	sqlite3_bind_text(st, 3, c->decision, -1, SQLITE_STATIC);
	return count_of(st);
}

handover_rec *handover_inbox_overdue_items(arena *a, int64_t org_id, bool local_team, const handover_cutoffs *c,
                                           int64_t limit, size_t *n)
{
	/* in the inbox's order (handover_inbox_brief): urgency "hoog" first, then submitted first */
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT h.id FROM handover h"
	                           " INDEXED BY handover_inbox WHERE" INBOX_OVERDUE_WHERE
	                           " ORDER BY h.urgency = 'hoog' DESC, h.submitted_at, h.id LIMIT ?5)"
	                           " ORDER BY h.urgency = 'hoog' DESC, h.submitted_at, h.id");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	sqlite3_bind_text(st, 3, c->decision, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, limit);
	return handover_collect_brief(a, st, n);
}

handover_known *handover_inbox_known(arena *a, int64_t org_id, bool local_team, int months, size_t *n)
{
	/* the inbox's handovers from handover_inbox (0028), members, persons and cases
	 * from covering indexes (0024): no handover, member, person or case row is read */
	int m = months > 1200 ? 1200 : months;
	char modifier[32]; /* a bound value for datetime(), not SQL: "-12 months" */
	snprintf(modifier, sizeof modifier, "-%d months", m > 0 ? m : 0);
	sqlite3_stmt *st = db_stmt(
		"SELECT h.id, c.id, c.status = 'open' FROM handover h INDEXED BY handover_inbox"
		" JOIN handover_member hm INDEXED BY handover_member_match ON hm.handover_id = h.id AND hm.name_key <> ''"
		" JOIN person p INDEXED BY person_match_household ON p.name_key = hm.name_key AND p.birthdate = hm.birthdate"
		" JOIN casefile c INDEXED BY casefile_household_team ON c.household_id = p.household_id AND c.team_org_id = ?1"
		" WHERE" INBOX_WHERE " AND (c.status = 'open' OR (?3 AND c.closed_at >= datetime('now', ?4)))"
		" ORDER BY h.id, c.status = 'open' DESC, c.id DESC");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	sqlite3_bind_int(st, 3, months > 0);
	sqlite3_bind_text(st, 4, modifier, -1, SQLITE_TRANSIENT);
	size_t cap = 0, k = 0;
	handover_known *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t hid = sqlite3_column_int64(st, 0);
		if (k && list[k - 1].handover_id == hid)
			continue; /* the first row per handover is the best match */
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].handover_id = hid;
		list[k].case_id = sqlite3_column_int64(st, 1);
		list[k].open = sqlite3_column_int(st, 2) != 0;
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
handover_other_team *handover_inbox_other_teams(arena *a, int64_t org_id, bool local_team, size_t *n)
{
	/* the inbox's handovers (as handover_inbox_brief, from the entries of
	 * handover_inbox, 0028: no handover row read) to their hermeldingen by primary
	 * key; per handover the first row is the one to show */
	sqlite3_stmt *st = db_stmt("SELECT h.id, o.name, r.case_open FROM handover h INDEXED BY handover_inbox"
	                           " JOIN case_re_report r ON r.handover_id = h.id AND r.team_org_id <> ?1"
	                           " JOIN organisation o ON o.id = r.team_org_id"
	                           " WHERE" INBOX_WHERE " ORDER BY h.id, r.case_open DESC, r.case_id DESC");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	size_t cap = 0, k = 0;
	handover_other_team *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t hid = sqlite3_column_int64(st, 0);
		if (k && list[k - 1].handover_id == hid)
			continue;
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].handover_id = hid;
		list[k].team = db_text(a, st, 1);
		list[k].open = sqlite3_column_int(st, 2) != 0;
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* ---- what Veilig Thuis hears back (issue 9, item 12) ----------------------------- */

handover_rec *handover_vt_feedback_since(arena *a, int64_t vt_org_id, const char *since, int64_t *total, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND status = 'geaccepteerd'"
	                           " AND feedback_first_at >= ?2");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_text(st, 2, since);
	*total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.vt_org_id = ?1 AND h.status = 'geaccepteerd'"
	                                    " AND h.feedback_first_at >= ?2 ORDER BY h.feedback_first_at DESC LIMIT 5");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_text(st, 2, since);
	return handover_collect_brief(a, st, n);
}

handover_rec *handover_vt_conditions_broken(arena *a, int64_t vt_org_id, int64_t *total, size_t *n)
{
	/* The count from the tally kept by triggers (handover_broken_tally, 0026); the
	 * newest five from the conditions not kept of open cases (case_condition_broken_open,
	 * 0022), newest handover first, to their accepted handovers of this organisation
	 * (handover_accepted_vt: no handover row is read): the walk stops at the fifth, so
	 * neither costs the caseload nor history. Only those five rows are read. */
	sqlite3_stmt *st = db_stmt("SELECT coalesce((SELECT n FROM handover_broken_tally WHERE vt_org_id = ?1), 0)");
	sqlite3_bind_int64(st, 1, vt_org_id);
	*total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	enum { SHOWN = 5 };
	int64_t ids[SHOWN] = {0};
	st = db_stmt("SELECT DISTINCT b.handover_id FROM case_condition_broken_open b"
	             " INDEXED BY case_condition_broken_open_handover CROSS JOIN handover h INDEXED BY handover_accepted_vt"
	             " ON h.id = b.handover_id"
	             " WHERE h.vt_org_id = ?1 AND h.status = 'geaccepteerd' ORDER BY b.handover_id DESC LIMIT 5");
	sqlite3_bind_int64(st, 1, vt_org_id);
	for (int i = 0; i < SHOWN && sqlite3_step(st) == SQLITE_ROW; i++)
		ids[i] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (?1, ?2, ?3, ?4, ?5) ORDER BY h.id DESC");
	for (int i = 0; i < SHOWN; i++)
		bind_opt_id(st, i + 1, ids[i]);
	return handover_collect_brief(a, st, n);
}
