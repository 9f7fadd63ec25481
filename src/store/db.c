/*
 * db.c — per-thread SQLite connections, statement cache, writer mutex (see db.h).
 *
 * The only file that calls sqlite3_prepare. Connections are opened lazily on the
 * thread that uses them and registered so that db_close_all() can close them at
 * shutdown. Pragmas follow FIELD-NOTES: busy timeout first, then WAL, foreign
 * keys; no mmap (see open_connection).
 */
#include "store/db.h"

#include "store/audit_chain.h"
#include "store/readlog.h"
#include "store/readlog_index.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* READLOG_CHECKPOINT_FRAMES: SQLite's own automatic checkpoint size (1000 pages) */
enum { STMT_CACHE = 1024, MAX_CONNS = 64, READLOG_CHECKPOINT_FRAMES = 1000 };

typedef struct conn {
	sqlite3 *db;
	bool readlog_attached; /* a database connection that reads the read log too */
	int wal_frames;        /* a read-log connection: frames in the WAL after its last commit */
	const char *keys[STMT_CACHE];
	sqlite3_stmt *stmts[STMT_CACHE];
} conn;

static char db_path[4096], readlog_path[4096 + 16];
/* Writers of each file are serialised by its own mutex: the read log's writer
 * never waits for a change, nor a change for it. */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t readlog_write_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static conn *registry[MAX_CONNS];
static size_t registry_len;
/* This thread's connections to the database and to the read log; tl_conn is
 * the one db_stmt and db_begin use (db_readlog_enter/leave switch it). */
static _Thread_local conn *tl_main, *tl_readlog, *tl_conn;
static _Thread_local bool tl_in_readlog;

/* The request's transaction (see db_request_begin in db.h): whether a request
 * scope is active on this thread, whether its write transaction is open, and how
 * many savepoints the code inside it has open. */
static _Thread_local bool tl_scope, tl_outer;
static _Thread_local int tl_depth;

static void die_db(sqlite3 *db, const char *what)
{
	fprintf(stderr, "ketenregie: database: %s: %s\n", what, db ? sqlite3_errmsg(db) : "cannot open");
	abort();
}

static sqlite3 *open_connection(const char *path)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
	                         NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "ketenregie: cannot open %s: %s\n", path, db ? sqlite3_errmsg(db) : "?");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000);
	sqlite3_extended_result_codes(db, 1);
	/* No memory-mapped reads (mmap_size=0). In WAL mode a connection that finds
	 * the database changed by another connection drops its page cache and, with
	 * mmap, unmaps its whole mapping (pagerBeginReadTransaction → xUnfetch(0)).
	 * The audit writer commits every few milliseconds under load, so every
	 * request re-mapped the file and page-faulted each page it touched: munmap,
	 * page-table teardown and faults (with cross-CPU TLB shootdowns) were over
	 * half of the case page's CPU. Measured on the case page, c10, same minute:
	 * decade 3,251–4,461 → 955–996 µs CPU per request, demo 1,103–1,258 →
	 * 663–727 µs. Reads now go through pread from the OS page cache. */
	const char *pragmas = "PRAGMA journal_mode=WAL;"
	                      "PRAGMA foreign_keys=ON;"
	                      "PRAGMA synchronous=FULL;"
	                      "PRAGMA mmap_size=0;"
	                      "PRAGMA temp_store=MEMORY;";
	char *err = NULL;
	if (sqlite3_exec(db, pragmas, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: database pragmas: %s\n", err ? err : "?");
		sqlite3_free(err);
		sqlite3_close(db);
		return NULL;
	}
	/* the read log makes its own schema (the database has migrations) */
	if ((path == readlog_path && !readlog_create(db)) || !audit_chain_attach(db, false)) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static void no_memory_statistics(void)
{
	if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
		fputs("ketenregie: SQLite was initialised before db_init: memory statistics stay on\n", stderr);
}

/* Attach the read log, read-only, as schema "readlog" to a connection of the
 * database, so that the access-log reports join it with users and
 * organisations. Read-only: a write transaction of the database (BEGIN
 * IMMEDIATE) then takes only a read lock on it, never the read log's write lock. */
static bool attach_readlog(conn *c)
{
	if (c->readlog_attached || access(readlog_path, F_OK) != 0)
		return true;
	char uri[3 * sizeof readlog_path + 32];
	size_t n = (size_t)snprintf(uri, sizeof uri, "file:");
	for (const char *p = readlog_path; *p && n + 4 < sizeof uri; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			n += (size_t)snprintf(uri + n, sizeof uri - n, "%%%02X", (unsigned char)*p);
		else
			uri[n++] = *p;
	}
	snprintf(uri + n, sizeof uri - n, "?mode=ro");
	sqlite3_stmt *st = NULL;
	bool ok = sqlite3_prepare_v2(c->db, "ATTACH DATABASE ?1 AS readlog", -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, uri, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	if (!ok)
		fprintf(stderr, "ketenregie: cannot attach the read log: %s\n", sqlite3_errmsg(c->db));
	sqlite3_finalize(st);
	c->readlog_attached = ok;
	return ok;
}

bool db_init(const char *path)
{
	/* No memory statistics: with them on (SQLite's default) every sqlite3_malloc
	 * and sqlite3_free takes one process-wide mutex to count bytes, and Debian's
	 * build has no lookaside, so a page's statements malloc a few thousand times
	 * and its threads contend for that mutex. Nothing here reads the statistics
	 * (sqlite3_memory_used, sqlite3_status). Only possible before SQLite
	 * initialises: the first db_init of the process comes before any open. */
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, no_memory_statistics);
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof db_path) {
		fputs("ketenregie: database path empty or too long\n", stderr);
		return false;
	}
	memcpy(db_path, path, n + 1);
	if (!readlog_path_of(db_path, readlog_path, sizeof readlog_path)) {
		fputs("ketenregie: database path too long\n", stderr);
		return false;
	}
	return db_conn() != NULL;
}

/* The database's id (created once, at random) into out; false when it cannot be read. */
static bool database_id(char *out, size_t len)
{
	if (!db_begin())
		return false;
	bool ok = db_done(db_stmt("INSERT OR IGNORE INTO setting (key, value)"
	                          " VALUES ('database_id', lower(hex(randomblob(16))))"));
	ok = db_commit() && ok;
	sqlite3_stmt *st = db_stmt("SELECT value FROM setting WHERE key = 'database_id'");
	ok = ok && sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return ok;
}

/* The read log names the database it belongs to: a new read log takes this
 * database's id; one with another id is not this database's (store/readlog.h). */
static bool readlog_is_ours(const char *id)
{
	bool ok = db_begin();
	if (ok) {
		sqlite3_stmt *st = db_stmt("INSERT OR IGNORE INTO readlog_of (one, database_id) VALUES (1, ?1)");
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		ok = db_done(st);
		ok = db_commit() && ok;
	}
	sqlite3_stmt *st = db_stmt("SELECT database_id = ?1 FROM readlog_of");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	bool ours = ok && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_reset(st);
	if (ok && !ours)
		fprintf(stderr,
		        "ketenregie: %s belongs to another database, not to %s: move it away (it holds that database's "
		        "audit records of reads) and start again\n",
		        readlog_path, db_path);
	return ours;
}

bool db_readlog_init(void)
{
	char id[64];
	if (!db_conn() || !database_id(id, sizeof id))
		return false;
	db_readlog_enter();
	/* the household index's tail left by a crash (store/readlog_index.h) */
	bool ok = db_conn() != NULL && readlog_is_ours(id) && readlog_index_catch_up();
	db_readlog_leave();
	return ok && attach_readlog(tl_main);
}

const char *db_readlog_path(void)
{
	return readlog_path;
}

void db_readlog_enter(void)
{
	tl_in_readlog = true;
	tl_conn = tl_readlog;
}

void db_readlog_leave(void)
{
	tl_in_readlog = false;
	tl_conn = tl_main;
}

const char *db_path_of(void)
{
	return db_path;
}

static int note_wal_frames(void *arg, sqlite3 *db, const char *schema, int frames)
{
	(void)db;
	(void)schema;
	((conn *)arg)->wal_frames = frames;
	return SQLITE_OK;
}

bool db_readlog_checkpoint_if_due(void)
{
	conn *c = tl_readlog;
	if (!c || c->wal_frames < READLOG_CHECKPOINT_FRAMES)
		return false;
	c->wal_frames = 0;
	/* PASSIVE: copies what no reader still needs and never waits for one */
	return sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) == SQLITE_OK;
}

sqlite3 *db_conn(void)
{
	if (tl_conn)
		return tl_conn->db;
	sqlite3 *db = open_connection(tl_in_readlog ? readlog_path : db_path);
	if (!db)
		return NULL;
	conn *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->db = db;
	pthread_mutex_lock(&registry_lock);
	if (registry_len == MAX_CONNS) {
		pthread_mutex_unlock(&registry_lock);
		fputs("ketenregie: too many database connections\n", stderr);
		abort();
	}
	registry[registry_len++] = c;
	pthread_mutex_unlock(&registry_lock);
	tl_conn = c;
	if (tl_in_readlog) {
		tl_readlog = c;
		/* no checkpoint inside COMMIT: db_readlog_checkpoint_if_due() runs it once the
		 * records' waiters have their answer (this hook replaces the automatic one) */
		sqlite3_wal_hook(db, note_wal_frames, c);
	} else {
		tl_main = c;
		if (!attach_readlog(c))
			abort();
	}
	return db;
}

sqlite3_stmt *db_stmt(const char *sql)
{
	if (!db_conn())
		die_db(NULL, "no connection");
	conn *c = tl_conn;
	size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
	for (size_t i = 0; i < STMT_CACHE; i++) {
		size_t slot = (h + i) % STMT_CACHE;
		if (c->keys[slot] == sql) {
			sqlite3_stmt *st = c->stmts[slot];
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
		if (!c->keys[slot]) {
			sqlite3_stmt *st = NULL;
			if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
				fprintf(stderr, "ketenregie: bad SQL: %s\n", sql);
				die_db(c->db, "prepare");
			}
			c->keys[slot] = sql;
			c->stmts[slot] = st;
			return st;
		}
	}
	die_db(c->db, "statement cache full");
	return NULL;
}

static bool exec_simple(const char *sql)
{
	return sqlite3_exec(db_conn(), sql, NULL, NULL, NULL) == SQLITE_OK;
}

static pthread_mutex_t *lock_of_this_file(void)
{
	return tl_in_readlog ? &readlog_write_lock : &write_lock;
}

static bool begin_immediate(void)
{
	pthread_mutex_lock(lock_of_this_file());
	if (!exec_simple("BEGIN IMMEDIATE")) {
		fprintf(stderr, "ketenregie: BEGIN failed: %s\n", sqlite3_errmsg(db_conn()));
		pthread_mutex_unlock(lock_of_this_file());
		return false;
	}
	return true;
}

bool db_begin(void)
{
	if (tl_in_readlog) /* the read log is never part of a request's transaction */
		return begin_immediate();
	if (tl_scope && !tl_outer) {
		/* the request's first write opens the request's transaction */
		if (!begin_immediate())
			return false;
		tl_outer = true;
	}
	if (tl_outer) {
		if (!exec_simple("SAVEPOINT kr_write")) {
			fprintf(stderr, "ketenregie: SAVEPOINT failed: %s\n", sqlite3_errmsg(db_conn()));
			return false;
		}
		tl_depth++;
		return true;
	}
	return begin_immediate();
}

bool db_commit(void)
{
	if (tl_depth > 0 && !tl_in_readlog) {
		tl_depth--;
		if (exec_simple("RELEASE kr_write"))
			return true;
		fprintf(stderr, "ketenregie: RELEASE failed: %s\n", sqlite3_errmsg(db_conn()));
		exec_simple("ROLLBACK TO kr_write");
		exec_simple("RELEASE kr_write");
		return false;
	}
	bool ok = exec_simple("COMMIT");
	if (!ok) {
		fprintf(stderr, "ketenregie: COMMIT failed: %s\n", sqlite3_errmsg(db_conn()));
		exec_simple("ROLLBACK");
	}
	pthread_mutex_unlock(lock_of_this_file());
	return ok;
}

void db_rollback(void)
{
	if (tl_depth > 0 && !tl_in_readlog) {
		tl_depth--;
		exec_simple("ROLLBACK TO kr_write");
		exec_simple("RELEASE kr_write");
		return;
	}
	exec_simple("ROLLBACK");
	pthread_mutex_unlock(lock_of_this_file());
}

void db_request_begin(void)
{
	tl_scope = true;
	tl_outer = false;
	tl_depth = 0;
}

bool db_request_wrote(void)
{
	return tl_outer;
}

int64_t db_changes(void)
{
	return sqlite3_total_changes64(db_conn());
}

bool db_request_end(bool commit)
{
	bool ok = true;
	if (tl_outer) {
		while (tl_depth > 0) { /* a savepoint left open is undone, never kept by accident */
			db_rollback();
			ok = false;
		}
		tl_outer = false;
		if (commit && ok) {
			ok = db_commit();
		} else {
			db_rollback();
			ok = !commit;
		}
	}
	tl_scope = false;
	return ok;
}

bool db_read_begin(void)
{
	if (!sqlite3_get_autocommit(db_conn()))
		return false; /* inside a transaction already: its reads are one snapshot */
	return db_done(db_stmt("BEGIN DEFERRED"));
}

void db_read_end(bool begun)
{
	if (!begun || sqlite3_get_autocommit(db_conn()))
		return;
	if (!db_done(db_stmt("COMMIT")))
		db_done(db_stmt("ROLLBACK")); /* never leave the connection inside a transaction */
}

bool db_exec_script(const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db_conn(), sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: SQL: %s\n", err ? err : "?");
		sqlite3_free(err);
		return false;
	}
	return true;
}

bool db_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "ketenregie: SQL step: %s\n", sqlite3_errmsg(db_conn()));
		sqlite3_reset(st);
		return false;
	}
	sqlite3_reset(st);
	return true;
}

const char *db_text(arena *a, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	if (!t)
		return "";
	return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, col));
}

int64_t db_last_id(void)
{
	return sqlite3_last_insert_rowid(db_conn());
}

void db_close_all(void)
{
	pthread_mutex_lock(&registry_lock);
	for (size_t i = 0; i < registry_len; i++) {
		conn *c = registry[i];
		for (size_t j = 0; j < STMT_CACHE; j++)
			if (c->stmts[j])
				sqlite3_finalize(c->stmts[j]);
		sqlite3_close(c->db);
		free(c);
	}
	registry_len = 0;
	pthread_mutex_unlock(&registry_lock);
	tl_conn = tl_main = tl_readlog = NULL;
	tl_in_readlog = false;
}
