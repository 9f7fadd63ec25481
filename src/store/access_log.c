/*
 * access_log.c — the access-log reports over audit_log (see access_log.h).
 *
 * Reads only, from both logs (the change log, audit_log of the database, and the
 * read log, attached as "readlog": store/readlog.h), merged by time with a
 * keyset per log. Every query starts from an index that is bounded by the household
 * or the user (audit_household's primary key, audit_log_user), so a report costs
 * the same over twenty million audit rows as over a thousand; filters on kind or
 * organisation are applied to those rows only. The read log's household index is
 * filled in batches (store/readlog_index.h): its statements read the index and,
 * in the same statement (one snapshot), the records above its watermark by id.
 */
#include "store/access_log.h"

#include "store/db.h"
#include "store/household.h"
#include "store/name_memo.h"
#include "store/readlog.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

const char *const access_log_kinds[] = {"lezen", "wijzigen", "afdrukken", "exporteren", "lijst", "zoeken", NULL};

const char *access_log_kind_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} labels[] = {
		{"lezen", "Lezen"},           {"wijzigen", "Wijzigen"}, {"afdrukken", "Afdrukken"},
		{"exporteren", "Exporteren"}, {"lijst", "In een lijst"}, {"zoeken", "Zoeken"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return labels[i].label;
	return "Overig";
}

const char *access_log_object_label(const char *t)
{
	static const struct {
		const char *type, *label;
	} labels[] = {
		{"case", "casus"},
		{"handover", "overdracht"},
		{"case_list", "casuslijst"},
		{"handover_list", "overdrachtenlijst"},
		{"start_page_panel", "startpagina"},
		{"access_log", "toegangslog"},
		{"household_export", "inzage-export"},
		{"privacy_search", "zoeken door privacyfunctionaris"},
		{"user_access_log", "toegangslog van een gebruiker"},
		{"person", "gezinslid"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].type, t) == 0)
			return labels[i].label;
	return t;
}

const char *access_log_kind_of(const char *action, const char *object_type, bool listed)
{
	if (strcmp(action, "create") == 0 || strcmp(action, "update") == 0)
		return "wijzigen";
	if (strcmp(action, "print") == 0)
		return "afdrukken";
	if (strcmp(action, "export") == 0)
		return "exporteren";
	if (strcmp(action, "search") == 0)
		return "zoeken";
	if (strcmp(action, "view") != 0)
		return "overig";
	if (listed || strcmp(object_type, "case_list") == 0 || strcmp(object_type, "handover_list") == 0 ||
	    strcmp(object_type, "start_page_panel") == 0)
		return "lijst";
	return "lezen";
}

/* A row's own columns only. Its kind is worked out in C (access_log_kind_of; the
 * filter on kind uses ACCESS_LOG_KIND_SQL), the names of its user and organisation
 * once per page (names_of): ~25 % of a report's SQL (docs/performance.md). */
#define ROW_COLUMNS_FROM(first)                                                                                \
	"SELECT " first ", a.at, a.username, a.user_id, a.role, a.organisation_id, a.action, a.object_type,"   \
	" a.object_id, a.outcome, a.households IS NOT NULL"
#define ROW_COLUMNS ROW_COLUMNS_FROM("a.id")

static access_log_row *read_rows(arena *a, sqlite3_stmt *st, size_t limit, size_t *n, bool *more)
{
	access_log_row *list = NULL;
	size_t k = 0, cap = 0;
	*more = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k == limit) {
			*more = true;
			break;
		}
		list = arena_grow(a, list, k, &cap, sizeof *list);
		access_log_row *r = &list[k++];
		*r = (access_log_row){0};
		int i = 0;
		r->id = sqlite3_column_int64(st, i++);
		r->at = db_text(a, st, i++);
		r->username = db_text(a, st, i++);
		r->user_id = sqlite3_column_int64(st, i++);
		r->role = db_text(a, st, i++);
		r->org_id = sqlite3_column_int64(st, i++);
		r->action = db_text(a, st, i++);
		r->object_type = db_text(a, st, i++);
		r->object_id = sqlite3_column_int64(st, i++);
		r->outcome = db_text(a, st, i++);
		r->kind = access_log_kind_of(r->action, r->object_type, sqlite3_column_int(st, i++) != 0);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* Fill in the names of the rows' organisations, and of their users when the
 * report shows who (the family's own access log does not: it never reads them). */
static void names_of(arena *a, access_log_row *rows, size_t n, bool user_names)
{
	name_memo users, orgs;
	name_memo_init(a, &orgs, db_stmt("SELECT name FROM organisation WHERE id = ?1"), n);
	if (user_names)
		name_memo_init(a, &users, db_stmt("SELECT name FROM app_user WHERE id = ?1"), n);
	for (size_t i = 0; i < n; i++) {
		rows[i].org_name = name_memo_get(a, &orgs, rows[i].org_id);
		rows[i].user_name = user_names ? name_memo_get(a, &users, rows[i].user_id) : "";
	}
}

/* A typed Dutch day as the audit time (UTC) its start has; plus_days 1 gives the
 * next day's start. The audit log writes "…T23:00:00.123Z", after "…T23:00:00". */
static const char *day_start_audit_time(arena *a, const char *iso, int plus_days)
{
	kr_date d;
	if (!iso || !kr_date_parse_iso(iso, &d))
		return NULL;
	char *out = arena_alloc(a, 20);
	kr_nl_midnight_utc(kr_date_add_days(d, plus_days), 'T', out);
	return out;
}

/* The lower end of a period: the start of the Dutch day; open: before every time. */
static const char *period_start(arena *a, const char *from)
{
	const char *t = day_start_audit_time(a, from, 0);
	return t ? t : "";
}

/* The upper end of a period: the start of the next Dutch day, which no audit time
 * of the period reaches; open: after every time. */
static const char *period_end(arena *a, const char *to)
{
	const char *t = day_start_audit_time(a, to, 1);
	return t ? t : "9999";
}

/* The newest rows of both logs, merged by time (newest first; at the same
 * millisecond the read log's first, then the higher id): at most limit, *more
 * when either log has rows left. Each list is the newest of its log past its
 * own keyset, at most limit + 1 (so a list with more than limit rows has more). */
static access_log_row *merge_newest(arena *a, const access_log_row *c, size_t nc, bool c_more,
                                    const access_log_row *r, size_t nr, bool r_more, size_t limit, size_t *n,
                                    bool *more)
{
	access_log_row *out = arena_alloc(a, (limit ? limit : 1) * sizeof *out);
	size_t i = 0, j = 0, k = 0;
	while (k < limit && (i < nc || j < nr)) {
		bool take_read = j < nr && (i == nc || strcmp(r[j].at, c[i].at) >= 0);
		out[k++] = take_read ? r[j++] : c[i++];
	}
	*n = k;
	*more = i < nc || j < nr || c_more || r_more;
	return out;
}

/* Bind the filter's period (?3, ?4: from, upper), organisation (?5), kind (?6)
 * and limit + 1 (?7) to one log's report statement and read its rows, marked
 * with their log. */
static access_log_row *filtered_rows(arena *a, sqlite3_stmt *st, const access_log_filter *f, const char *upper,
                                     size_t limit, size_t *n, bool *more, bool read_log)
{
	sqlite3_bind_text(st, 3, period_start(a, f->from), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, upper, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, f->org_id);
	sqlite3_bind_text(st, 6, f->kind ? f->kind : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, (int64_t)limit + 1);
	access_log_row *rows = read_rows(a, st, limit + 1, n, more);
	for (size_t i = 0; i < *n; i++)
		rows[i].in_read_log = read_log;
	return rows;
}

/* Rows of one log for the household report (change log or read log). */
static access_log_row *household_rows(arena *a, sqlite3_stmt *st, int64_t household_id, int64_t before,
                                      const access_log_filter *f, size_t limit, size_t *n, bool *more,
                                      bool read_log)
{
	sqlite3_bind_int64(st, 1, household_id);
	sqlite3_bind_int64(st, 2, before > 0 ? before : INT64_MAX);
	return filtered_rows(a, st, f, period_end(a, f->to), limit, n, more, read_log);
}

#define HOUSEHOLD_FILTER                                                                                       \
	" AND a.at >= ?3 AND a.at <= ?4 AND (?5 = 0 OR a.organisation_id = ?5) AND (?6 = '' OR " ACCESS_LOG_KIND_SQL " = ?6)"
#define HOUSEHOLD_WHERE " WHERE ah.household_id = ?1 AND ah.audit_id < ?2" HOUSEHOLD_FILTER

access_log_row *access_log_of_household(arena *a, int64_t household_id, const access_log_filter *f, size_t limit,
                                        bool user_names, size_t *n, bool *more)
{
	size_t nc, nr;
	bool c_more, r_more;
	access_log_row *c = household_rows(
		a,
		db_stmt(ROW_COLUMNS " FROM audit_household ah JOIN audit_log a ON a.id = ah.audit_id"
		        HOUSEHOLD_WHERE " ORDER BY ah.audit_id DESC LIMIT ?7"),
		household_id, f->before, f, limit, &nc, &c_more, false);
	access_log_row *r = household_rows(
		a,
		/* the index (records up to the watermark) and the tail above it, each
		 * newest first, merged (UNION ALL): ids above the watermark come first */
		db_stmt(ROW_COLUMNS_FROM("ah.audit_id") " FROM readlog.audit_household ah JOIN readlog.audit_log a"
		        " ON a.id = ah.audit_id" HOUSEHOLD_WHERE
		        " UNION ALL " ROW_COLUMNS_FROM("a.id") " FROM readlog.audit_log a NOT INDEXED"
		        " WHERE " READLOG_TAIL_ABOVE_MARK("a") " AND a.id < ?2 AND " READLOG_TAIL_CONCERNS("a", "?1")
		        HOUSEHOLD_FILTER " ORDER BY 1 DESC LIMIT ?7"),
		household_id, f->before_read, f, limit, &nr, &r_more, true);
	access_log_row *rows = merge_newest(a, c, nc, c_more, r, nr, r_more, limit, n, more);
	names_of(a, rows, *n, user_names);
	return rows;
}

/* Rows of one log for the user report: keyset on (at, id), the order of the
 * index audit_log_user (user_id, at). key: the log's statement for the keyset
 * row's time; st: its report statement. */
static access_log_row *user_rows(arena *a, sqlite3_stmt *key, sqlite3_stmt *st, int64_t user_id, int64_t before,
                                 const access_log_filter *f, size_t limit, size_t *n, bool *more, bool read_log)
{
	const char *upper = period_end(a, f->to);
	int64_t before_id = INT64_MAX;
	if (before > 0) {
		sqlite3_bind_int64(key, 1, before);
		sqlite3_bind_int64(key, 2, user_id);
		if (sqlite3_step(key) == SQLITE_ROW) {
			const char *at = db_text(a, key, 0);
			if (strcmp(at, upper) < 0)
				upper = at;
			before_id = before;
		}
		sqlite3_reset(key);
	}
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, before_id);
	return filtered_rows(a, st, f, upper, limit, n, more, read_log);
}

#define USER_WHERE                                                                                             \
	" WHERE a.user_id = ?1 AND a.at >= ?3 AND a.at <= ?4 AND (a.at < ?4 OR a.id < ?2)"                        \
	" AND (?5 = 0 OR a.organisation_id = ?5) AND (?6 = '' OR " ACCESS_LOG_KIND_SQL " = ?6)"                              \
	" ORDER BY a.at DESC, a.id DESC LIMIT ?7"

access_log_row *access_log_of_user(arena *a, int64_t user_id, const access_log_filter *f, size_t limit, size_t *n,
                                   bool *more)
{
	size_t nc, nr;
	bool c_more, r_more;
	access_log_row *c =
		user_rows(a, db_stmt("SELECT at FROM audit_log WHERE id = ?1 AND user_id = ?2"),
		          db_stmt(ROW_COLUMNS " FROM audit_log a" USER_WHERE), user_id, f->before, f, limit, &nc,
		          &c_more, false);
	access_log_row *r =
		user_rows(a, db_stmt("SELECT at FROM readlog.audit_log WHERE id = ?1 AND user_id = ?2"),
		          db_stmt(ROW_COLUMNS " FROM readlog.audit_log a" USER_WHERE), user_id, f->before_read, f,
		          limit, &nr, &r_more, true);
	access_log_row *rows = merge_newest(a, c, nc, c_more, r, nr, r_more, limit, n, more);
	names_of(a, rows, *n, true);
	return rows;
}

void access_log_next_page(const access_log_row *rows, size_t n, const access_log_filter *f, int64_t *before,
                          int64_t *before_read)
{
	*before = f->before;
	*before_read = f->before_read;
	for (size_t i = 0; i < n; i++)
		*(rows[i].in_read_log ? before_read : before) = rows[i].id;
}

bool access_log_user_found(int64_t user_id, int64_t household_id, int hours)
{
	char modifier[32]; /* a bound value for strftime(), not SQL */
	snprintf(modifier, sizeof modifier, "-%d hours", hours > 0 ? hours : 0);
	/* a search is a read: its record is in the read log (or, from before the read
	 * log, in the change log). In the read log, a search made moments ago may not
	 * be in the household index yet: the tail above its watermark is read too, in
	 * the same statement (store/readlog_index.h). */
	sqlite3_stmt *st = db_stmt(
		"SELECT 1 FROM readlog.audit_log a NOT INDEXED WHERE " READLOG_TAIL_ABOVE_MARK("a") " AND a.user_id = ?1"
		" AND a.action = 'search' AND a.outcome = 'allowed' AND " READLOG_TAIL_CONCERNS("a", "?2")
		" AND a.at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', ?3)"
		" UNION ALL SELECT 1 FROM readlog.audit_log a JOIN readlog.audit_household ah ON ah.household_id = ?2"
		" AND ah.audit_id = a.id WHERE a.user_id = ?1 AND a.action = 'search' AND a.outcome = 'allowed'"
		" AND a.at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', ?3)"
		" UNION ALL SELECT 1 FROM audit_log a JOIN audit_household ah ON ah.household_id = ?2"
		" AND ah.audit_id = a.id WHERE a.user_id = ?1 AND a.action = 'search' AND a.outcome = 'allowed'"
		" AND a.at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', ?3) LIMIT 1");
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, household_id);
	sqlite3_bind_text(st, 3, modifier, -1, SQLITE_TRANSIENT);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

int64_t *access_log_households_of_person(arena *a, const char *name, const char *birthdate, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT DISTINCT household_id FROM person WHERE name_key = ?1 AND birthdate = ?2"
	                           " ORDER BY household_id LIMIT 20");
	sqlite3_bind_text(st, 1, household_name_key(a, name), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, birthdate, -1, SQLITE_TRANSIENT);
	int64_t *ids = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		ids = arena_grow(a, ids, k, &cap, sizeof *ids);
		ids[k++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	*n = k;
	return ids;
}

static void read_user(arena *a, sqlite3_stmt *st, access_log_user *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->username = db_text(a, st, 1);
	u->name = db_text(a, st, 2);
	u->org_name = db_text(a, st, 3);
	u->active = sqlite3_column_int(st, 4) != 0;
}

access_log_user *access_log_find_users(arena *a, const char *q, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT u.id, u.username, u.name, o.name, u.active FROM app_user u JOIN organisation o"
		" ON o.id = u.organisation_id WHERE u.username = ?1 OR instr(lower(u.name), lower(?1)) > 0"
		" ORDER BY u.name, u.id LIMIT 50");
	sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
	access_log_user *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_user(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool access_log_user_get(arena *a, int64_t id, access_log_user *out)
{
	sqlite3_stmt *st = db_stmt("SELECT u.id, u.username, u.name, o.name, u.active FROM app_user u"
	                           " JOIN organisation o ON o.id = u.organisation_id WHERE u.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_user(a, st, out);
	sqlite3_reset(st);
	return found;
}
