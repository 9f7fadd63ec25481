/*
 * bench_ref.c — the bare reference server of `make bench` (issue 11); not part of
 * the product. It does what a minimal authenticated list page must do and
 * nothing more, so that every product page can be given as a ratio of it:
 *
 *   libmicrohttpd with a thread pool of one epoll loop per core, SQLite in WAL
 *   mode with one connection and cached statements per thread (mmap as the
 *   daemon), a point query for the session token of the request's cookie, then
 *   20 rows by index out of 1,000,000, every value HTML-escaped into a page of
 *   about 20 KB.
 *
 * Usage: bench_ref DB PORT [THREADS].
 * Also: bench_ref --time DB N — times the access-log report's queries (one household's and
 * one user's newest 50 audit records) N times each on a bench database of the daemon and
 * prints "NAME p50 p99" in ms per query. Creates and fills DB (1,000,000 rows,
 * 10,000 sessions, token "ref-<n>") when it has no tables yet; a later run
 * reuses it. Answers 403 without a known session cookie `s`. Never serve
 * anything real with it: no timeouts, no limits, no CSRF, nothing but reads.
 */
#include <microhttpd.h>
#include <sqlite3.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { ROWS = 1000000, OWNERS = 10000, PAGE_ROWS = 20 };

static const char *db_path;
static _Thread_local sqlite3 *tl_db;
static _Thread_local sqlite3_stmt *tl_session, *tl_rows;

static void die(const char *what, sqlite3 *db)
{
	fprintf(stderr, "bench_ref: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
	exit(1);
}

static sqlite3 *open_db(void)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL))
		die("open", db);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA mmap_size=1073741824;", 0, 0,
	                 0))
		die("pragmas", db);
	return db;
}

/* Fill an empty database: items owned by OWNERS users, an index (owner, at). */
static void create_data(sqlite3 *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'item'", -1, &st, NULL))
		die("prepare", db);
	int have = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (have)
		return;
	fputs("bench_ref: creating 1,000,000 rows (once)\n", stderr);
	const char *sql =
		"PRAGMA synchronous=OFF;"
		"BEGIN;"
		"CREATE TABLE session (token TEXT PRIMARY KEY, user_id INTEGER NOT NULL, expires INTEGER NOT NULL)"
		" WITHOUT ROWID;"
		"CREATE TABLE app_user (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
		"CREATE TABLE item (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL, at TEXT NOT NULL,"
		" title TEXT NOT NULL, note TEXT NOT NULL, status TEXT NOT NULL);"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
		" INSERT INTO app_user SELECT i, 'Gebruiker <' || i || '> & co' FROM n;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
		" INSERT INTO session SELECT 'ref-' || i, i, 4102444800 FROM n;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)"
		" INSERT INTO item SELECT i, i % 10000 + 1, date('2016-01-01', '+' || (i / 300) || ' days'),"
		" 'Gezin \"' || i || '\" <Benchstraat ' || (i % 997) || '>',"
		" 'Afspraak & notitie bij regel ' || i || ': school, huisarts en wijkteam <overleg>.',"
		" CASE i % 3 WHEN 0 THEN 'open' WHEN 1 THEN 'lopend' ELSE 'gesloten' END FROM n;"
		"CREATE INDEX item_owner_at ON item (owner, at);"
		"COMMIT; ANALYZE; PRAGMA synchronous=FULL;";
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err)) {
		fprintf(stderr, "bench_ref: create: %s\n", err ? err : "?");
		exit(1);
	}
}

typedef struct buf {
	char *p;
	size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 32768;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}
#define PUTS(b, lit) put((b), (lit), sizeof(lit) - 1)

static void put_escaped(buf *b, const unsigned char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&': PUTS(b, "&amp;"); break;
		case '<': PUTS(b, "&lt;"); break;
		case '>': PUTS(b, "&gt;"); break;
		case '"': PUTS(b, "&quot;"); break;
		case '\'': PUTS(b, "&#39;"); break;
		default: put(b, (const char *)s, 1);
		}
	}
}

static enum MHD_Result answer(struct MHD_Connection *c, unsigned status, buf *b)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(b->len, b->p, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

static void prepare_thread(void)
{
	tl_db = open_db();
	if (sqlite3_prepare_v3(tl_db,
	                       "SELECT u.id, u.name FROM session s JOIN app_user u ON u.id = s.user_id"
	                       " WHERE s.token = ? AND s.expires > unixepoch()",
	                       -1, SQLITE_PREPARE_PERSISTENT, &tl_session, NULL) ||
	    sqlite3_prepare_v3(tl_db,
	                       "SELECT id, at, title, note, status FROM item WHERE owner = ?"
	                       " ORDER BY at DESC, id DESC LIMIT 20",
	                       -1, SQLITE_PREPARE_PERSISTENT, &tl_rows, NULL))
		die("prepare", tl_db);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *data, size_t *size, void **state)
{
	(void)cls, (void)url, (void)method, (void)version, (void)data, (void)size;
	static int first;
	if (!*state) { /* answer on the second call (FIELD-NOTES) */
		*state = &first;
		return MHD_YES;
	}
	if (!tl_db)
		prepare_thread();
	buf b = {0};
	const char *token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "s");
	sqlite3_reset(tl_session);
	sqlite3_bind_text(tl_session, 1, token ? token : "", -1, SQLITE_STATIC);
	if (sqlite3_step(tl_session) != SQLITE_ROW) {
		PUTS(&b, "<!doctype html><title>Geen toegang</title><p>Geen sessie.</p>");
		return answer(c, MHD_HTTP_FORBIDDEN, &b);
	}
	int64_t user = sqlite3_column_int64(tl_session, 0);
	PUTS(&b, "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Referentie</title>"
	         "<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><header><nav><ul>");
	for (int i = 0; i < 12; i++)
		PUTS(&b, "<li><a href=\"/overzicht\" class=\"utrecht-link utrecht-link--html-a\">Overzicht</a></li>");
	PUTS(&b, "</ul></nav><p>Ingelogd als ");
	put_escaped(&b, sqlite3_column_text(tl_session, 1));
	PUTS(&b, "</p></header><main><h1>Mijn regels</h1><table class=\"utrecht-table\"><thead><tr><th>Nr</th>"
	         "<th>Datum</th><th>Gezin</th><th>Notitie</th><th>Status</th></tr></thead><tbody>");
	sqlite3_reset(tl_rows);
	sqlite3_bind_int64(tl_rows, 1, user);
	while (sqlite3_step(tl_rows) == SQLITE_ROW) {
		PUTS(&b, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\"><a href=\"/regel/");
		put_escaped(&b, sqlite3_column_text(tl_rows, 0));
		PUTS(&b, "\" class=\"utrecht-link utrecht-link--html-a\">");
		put_escaped(&b, sqlite3_column_text(tl_rows, 0));
		PUTS(&b, "</a></td><td class=\"utrecht-table__cell\">");
		put_escaped(&b, sqlite3_column_text(tl_rows, 1));
		PUTS(&b, "</td><td class=\"utrecht-table__cell\">");
		put_escaped(&b, sqlite3_column_text(tl_rows, 2));
		PUTS(&b, "</td><td class=\"utrecht-table__cell\">");
		for (int k = 0; k < 6; k++) /* a realistic amount of text per row */
			put_escaped(&b, sqlite3_column_text(tl_rows, 3));
		PUTS(&b, "</td><td class=\"utrecht-table__cell\">");
		put_escaped(&b, sqlite3_column_text(tl_rows, 4));
		PUTS(&b, "</td></tr>\n");
	}
	PUTS(&b, "</tbody></table></main><footer><p>Vertrouwelijk</p></footer></body></html>\n");
	return answer(c, MHD_HTTP_OK, &b);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Run SQL (one bound id, taken from the rows of PICK) n times; print p50 and p99. */
static void time_query(sqlite3 *db, const char *name, const char *sql, const char *pick, int n)
{
	sqlite3_stmt *st, *ids;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) || sqlite3_prepare_v2(db, pick, -1, &ids, NULL))
		die("prepare", db);
	double *ms = calloc((size_t)n, sizeof *ms);
	int done = 0;
	while (done < n) {
		sqlite3_reset(ids);
		sqlite3_bind_int(ids, 1, n);
		int got = 0;
		while (done < n && sqlite3_step(ids) == SQLITE_ROW) {
			got++;
			double t0 = now_ms();
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, sqlite3_column_int64(ids, 0));
			while (sqlite3_step(st) == SQLITE_ROW)
				for (int c = 0; c < sqlite3_column_count(st); c++)
					(void)sqlite3_column_text(st, c);
			ms[done++] = now_ms() - t0;
		}
		if (!got)
			die("no ids to time", db);
	}
	qsort(ms, (size_t)n, sizeof *ms, by_value);
	printf("%s|%.2f|%.2f\n", name, ms[n / 2], ms[(n * 99) / 100]);
	free(ms);
	sqlite3_finalize(st);
	sqlite3_finalize(ids);
}

static int time_access_log(const char *path, int n)
{
	db_path = path;
	sqlite3 *db = open_db();
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_household'", -1, &st, NULL))
		die("prepare", db);
	int per_household_table = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	const char *households = "SELECT id FROM household ORDER BY random() LIMIT ?1";
	if (per_household_table)
		time_query(db, "access log, one household (audit_household)",
		           "SELECT a.id, a.at, a.username, a.role, a.organisation_id, a.action, a.object_type,"
		           " a.object_id, a.outcome, a.detail FROM audit_household h JOIN audit_log a ON a.id = h.audit_id"
		           " WHERE h.household_id = ?1 ORDER BY h.audit_id DESC LIMIT 50",
		           households, n);
	else
		time_query(db, "access log, one household (newest 50)",
		           "SELECT a.id, a.at, a.username, a.role, a.organisation_id, a.action, a.object_type,"
		           " a.object_id, a.outcome, a.detail FROM audit_log a WHERE a.household_id = ?1"
		           " ORDER BY a.at DESC LIMIT 50",
		           households, n);
	time_query(db, "access log, one user (newest 50)",
	           "SELECT a.id, a.at, a.action, a.object_type, a.object_id, a.household_id, a.outcome, a.detail"
	           " FROM audit_log a WHERE a.user_id = ?1 ORDER BY a.at DESC LIMIT 50",
	           "SELECT id FROM app_user ORDER BY random() LIMIT ?1", n);
	/* the read log beside the database (the daemon's store/readlog.h), when there is one:
	 * the same two queries there (the daemon's reports run both and merge them) */
	char attach[4200];
	snprintf(attach, sizeof attach, "ATTACH '%s.readlog' AS readlog", path);
	char readlog_path[4200];
	snprintf(readlog_path, sizeof readlog_path, "%s.readlog", path);
	if (strchr(path, '\'') == NULL && access(readlog_path, F_OK) == 0 &&
	    sqlite3_exec(db, attach, NULL, NULL, NULL) == SQLITE_OK) {
		time_query(db, "access log, one household, read log",
		           "SELECT a.id, a.at, a.username, a.role, a.organisation_id, a.action, a.object_type,"
		           " a.object_id, a.outcome, a.detail FROM readlog.audit_household h JOIN readlog.audit_log a"
		           " ON a.id = h.audit_id WHERE h.household_id = ?1 ORDER BY h.audit_id DESC LIMIT 50",
		           households, n);
		time_query(db, "access log, one user, read log",
		           "SELECT a.id, a.at, a.action, a.object_type, a.object_id, a.household_id, a.outcome, a.detail"
		           " FROM readlog.audit_log a WHERE a.user_id = ?1 ORDER BY a.at DESC LIMIT 50",
		           "SELECT id FROM app_user ORDER BY random() LIMIT ?1", n);
	}
	sqlite3_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--time") == 0)
		return time_access_log(argv[2], atoi(argv[3]));
	if (argc < 3) {
		fputs("usage: bench_ref DB PORT [THREADS]\n", stderr);
		return 2;
	}
	db_path = argv[1];
	unsigned port = (unsigned)atoi(argv[2]);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = argc > 3 ? (unsigned)atoi(argv[3]) : (unsigned)(cores > 0 ? cores : 2);
	sqlite3 *db = open_db();
	create_data(db);
	sqlite3_close(db);

	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	                                        on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	                                        MHD_OPTION_THREAD_POOL_SIZE, threads,
	                                        MHD_OPTION_CONNECTION_LIMIT, 4096u, MHD_OPTION_LISTEN_BACKLOG_SIZE,
	                                        4096u, MHD_OPTION_END);
	if (!d) {
		fputs("bench_ref: cannot listen\n", stderr);
		return 1;
	}
	fprintf(stderr, "bench_ref: serving on 127.0.0.1:%u (%u threads)\n", port, threads);
	int sig;
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	return 0;
}
