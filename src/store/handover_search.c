/*
 * handover_search.c — searching handovers by family name (FTS5, diacritics- and
 * case-insensitive prefixes), status and period: Veilig Thuis in what it sent, a
 * team leader in the inbox and what the team decided.
 *
 * The typed name becomes a bound FTS5 query, never SQL text. Reads only.
 */
#include "store/handover.h"
#include "store/handover_int.h"

#include "store/db.h"
#include "util/date.h"
#include "util/strbuf.h"

/* The FTS5 query for a typed name: every word as a quoted prefix ("vriee"* "unal"*),
 * all of them required; "" when nothing searchable was typed. A bound value, not SQL. */
static const char *name_match(arena *a, const char *typed)
{
	strbuf sb;
	sb_init(&sb, a);
	const unsigned char *p = (const unsigned char *)(typed ? typed : "");
	while (*p) {
		while (*p && !(*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			p++;
		if (!*p)
			break;
		if (sb.len)
			sb_putc(&sb, ' ');
		sb_putc(&sb, '"');
		while (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			sb_putc(&sb, (char)*p++);
		sb_puts(&sb, "\"*");
	}
	return sb.len ? sb.data : "";
}

/* The status and the period (?3, ?5, ?6; "" is no filter). */
#define SEARCH_FILTERS                                                                                         \
	" AND (?3 = '' OR h.status = ?3)"                                                                        \
	" AND (?5 = '' OR coalesce(h.submitted_at, h.created_at) >= ?5)"                                        \
	" AND (?6 = '' OR coalesce(h.submitted_at, h.created_at) < ?6)"

/* Every count of the search stops at ?7 (HANDOVER_SEARCH_COUNTED + 1) rows that
 * pass its filters: "meer dan 1.000" is what the page says beyond that, and the
 * count never walks all the matches of a common word. */
#define COUNTED(from_where) "SELECT count(*) FROM (SELECT 1" from_where " LIMIT ?7)"

/* With a name (?4), the search starts from the names that match (FTS5 with prefix
 * indexes, 0029: a typed word of up to 8 letters is one term read lazily, newest
 * first) and reads only those handovers, never every handover of the organisation:
 * the list walks the matches from the newest until it has 100 that pass the other
 * filters; the count until it has 1,001. (The inner h shadows the outer one.)
 * H_SEEK is how each match's handover is read for the filters (see VT_SEEK and
 * TEAM_SEEK below). */
#define NAME_FROM(H_SEEK)                                                                                      \
	" FROM handover_name_fts CROSS JOIN handover h" H_SEEK " ON h.id = handover_name_fts.rowid"               \
	" WHERE handover_name_fts MATCH ?4 AND"
#define NAME_LIST(H_SEEK, visible)                                                                             \
	HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT h.id" NAME_FROM(H_SEEK) visible SEARCH_FILTERS              \
	" ORDER BY handover_name_fts.rowid DESC LIMIT 100) ORDER BY h.id DESC"
#define NAME_COUNT(H_SEEK, visible) COUNTED(NAME_FROM(H_SEEK) visible SEARCH_FILTERS)

/* With a period and no name, the search reads the handovers of that period by the
 * expression index handover_period (0021), not every handover of the organisation
 * (named: the planner would walk the organisation's index). The bounds are plain
 * comparisons (?5 "" is "from the start", ?6 "" "until now") so that they are the
 * range of the index; the list sorts the period's rows by id. A period without an end
 * ("van" only) with more than a page of matches is read as ALL_LIST below instead:
 * its newest handovers are the newest of all, so a walk newest first stops at the
 * page, where sorting a period of years cost ~85 ms at a decade's volume. With an
 * end the walk would first pass every handover after it: there the sort stays. */
#define PERIOD_FROM(H_SEEK)                                                                                    \
	" FROM handover p INDEXED BY handover_period CROSS JOIN handover h" H_SEEK " ON h.id = p.id"              \
	" WHERE coalesce(p.submitted_at, p.created_at) >= ?5"                                                    \
	" AND coalesce(p.submitted_at, p.created_at) < coalesce(nullif(?6, ''), '9999') AND ?4 = '' AND"
#define PERIOD_LIST(H_SEEK, visible)                                                                           \
	HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT h.id" PERIOD_FROM(H_SEEK) visible SEARCH_FILTERS            \
	" ORDER BY h.id DESC LIMIT 100) ORDER BY h.id DESC"
#define PERIOD_COUNT(H_SEEK, visible) COUNTED(PERIOD_FROM(H_SEEK) visible SEARCH_FILTERS)

/* A name without a word to search for (only punctuation), or a period without an end
 * (?5, see PERIOD_FROM): every handover the user's lists show that passes the status
 * filter and the period, newest first. The walk
 * goes down handover_search_facts (0029) in id order and stops at the page or the
 * count's 1,001, instead of gathering every row the lists show and sorting them. */
#define ALL_FROM " FROM handover h INDEXED BY handover_search_facts WHERE ?4 = '' AND"
#define ALL_LIST(visible)                                                                                      \
	HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT h.id" ALL_FROM visible SEARCH_FILTERS                       \
	" ORDER BY h.id DESC LIMIT 100) ORDER BY h.id DESC"
#define ALL_COUNT(visible) COUNTED(ALL_FROM visible SEARCH_FILTERS)

/* Veilig Thuis sees every handover of its organisation (a region has one), so nearly
 * every match passes its filter: the handover rows of the newest matches, by primary
 * key, are few pages. A team sees a fraction of the region's handovers (a third in
 * the bench's decade), so a count walks three or more matches for every one it
 * counts, ~3,000 rows on as many table pages, more than a connection's page cache
 * holds: the team's statements read each match's facts from handover_search_facts
 * (0029), the covering index keyed by id, ~60 entries a page. */
#define VT_SEEK ""
#define TEAM_SEEK " INDEXED BY handover_search_facts"

/* What a team leader's lists show: the inbox (?1 team, ?2 local team) and what the
 * team decided (see TEAM_DECIDED_A/B). */
#define TEAM_VISIBLE_WHERE                                                                                     \
	" ((" INBOX_WHERE ") OR (h.taken_org_id = ?1 AND h.status IN ('geaccepteerd', 'teruggelegd'))"          \
	" OR (h.taken_org_id IS NULL AND h.status = 'teruggelegd' AND h.decided_org_id = ?1))"

/* A typed Dutch date as the UTC time its day starts (plus_days 1: the next day's
 * start, where a period "tot en met" it ends); "" for no date. */
static const char *day_start_utc(arena *a, const char *iso, int plus_days)
{
	kr_date d;
	if (!iso || !kr_date_parse_iso(iso, &d))
		return "";
	char *out = arena_alloc(a, 20);
	kr_nl_midnight_utc(kr_date_add_days(d, plus_days), ' ', out);
	return out;
}

static void bind_query(arena *a, sqlite3_stmt *st, const handover_query *q)
{
	bind_text(st, 3, q->status);
	bind_text(st, 4, name_match(a, q->name));
	/* submitted_at is UTC; the typed period is in Dutch days */
	bind_text(st, 5, day_start_utc(a, q->from, 0));
	bind_text(st, 6, day_start_utc(a, q->to, 1));
}

/* The count, then the newest 100: by `list`, or by `walk` (ALL_LIST, or NULL) when more
 * than a page matches; nothing is read when nothing matches. */
static handover_rec *search(arena *a, sqlite3_stmt *list, sqlite3_stmt *walk, sqlite3_stmt *count, int64_t org_id,
                            bool local, const handover_query *q, int64_t *total, size_t *n)
{
	sqlite3_bind_int64(count, 1, org_id);
	sqlite3_bind_int(count, 2, local);
	bind_query(a, count, q);
	sqlite3_bind_int(count, 7, HANDOVER_SEARCH_COUNTED + 1);
	*total = sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int64(count, 0) : 0;
	sqlite3_reset(count);
	if (*total == 0) {
		*n = 0;
		return NULL;
	}
	if (walk && *total > 100)
		list = walk;
	sqlite3_bind_int64(list, 1, org_id);
	sqlite3_bind_int(list, 2, local);
	bind_query(a, list, q);
	/* the matches show number, name, status, team and dates: the brief columns, not
	 * the condition counts or the regisseur of the lists (handover_int.h) */
	return handover_collect_brief(a, list, n);
}

bool handover_query_active(const handover_query *q)
{
	return (q->name && *q->name) || (q->from && *q->from) || (q->to && *q->to);
}

handover_rec *handover_vt_search(arena *a, int64_t vt_org_id, const handover_query *q, int64_t *total, size_t *n)
{
	sqlite3_stmt *list, *count, *walk = NULL;
	if (*name_match(a, q->name)) {
		list = db_stmt(NAME_LIST(VT_SEEK, " h.vt_org_id = ?1 AND ?2 = ?2"));
		count = db_stmt(NAME_COUNT(VT_SEEK, " h.vt_org_id = ?1 AND ?2 = ?2"));
	} else if ((q->from && *q->from) || (q->to && *q->to)) {
		list = db_stmt(PERIOD_LIST(VT_SEEK, " h.vt_org_id = ?1 AND ?2 = ?2"));
		count = db_stmt(PERIOD_COUNT(VT_SEEK, " h.vt_org_id = ?1 AND ?2 = ?2"));
		if (!*day_start_utc(a, q->to, 1)) /* no end: see PERIOD_FROM */
			walk = db_stmt(ALL_LIST(" h.vt_org_id = ?1 AND ?2 = ?2"));
	} else {
		list = db_stmt(ALL_LIST(" h.vt_org_id = ?1 AND ?2 = ?2"));
		count = db_stmt(ALL_COUNT(" h.vt_org_id = ?1 AND ?2 = ?2"));
	}
	return search(a, list, walk, count, vt_org_id, false, q, total, n);
}

handover_rec *handover_team_search(arena *a, int64_t org_id, bool local_team, const handover_query *q,
                                   int64_t *total, size_t *n)
{
	sqlite3_stmt *list, *count, *walk = NULL;
	if (*name_match(a, q->name)) {
		list = db_stmt(NAME_LIST(TEAM_SEEK, TEAM_VISIBLE_WHERE));
		count = db_stmt(NAME_COUNT(TEAM_SEEK, TEAM_VISIBLE_WHERE));
	} else if ((q->from && *q->from) || (q->to && *q->to)) {
		list = db_stmt(PERIOD_LIST(TEAM_SEEK, TEAM_VISIBLE_WHERE));
		count = db_stmt(PERIOD_COUNT(TEAM_SEEK, TEAM_VISIBLE_WHERE));
		if (!*day_start_utc(a, q->to, 1)) /* no end: see PERIOD_FROM */
			walk = db_stmt(ALL_LIST(TEAM_VISIBLE_WHERE));
	} else {
		list = db_stmt(ALL_LIST(TEAM_VISIBLE_WHERE));
		count = db_stmt(ALL_COUNT(TEAM_VISIBLE_WHERE));
	}
	return search(a, list, walk, count, org_id, local_team, q, total, n);
}
