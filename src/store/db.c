/*
 * db.c — per-thread SQLite connections, statement cache, writer mutex (see db.h).
 *
 * The only file that calls sqlite3_prepare. Connections are opened lazily on the
 * thread that uses them and registered so that db_close_all() can close them at
 * shutdown. Pragmas follow FIELD-NOTES: busy timeout first, then WAL, foreign
 * keys, mmap.
 */
#include "store/db.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { STMT_CACHE = 1024, MAX_CONNS = 64 };

typedef struct conn {
	sqlite3 *db;
	const char *keys[STMT_CACHE];
	sqlite3_stmt *stmts[STMT_CACHE];
} conn;

static char db_path[4096];
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static conn *registry[MAX_CONNS];
static size_t registry_len;
static _Thread_local conn *tl_conn;

static void die_db(sqlite3 *db, const char *what)
{
	fprintf(stderr, "ketenregie: database: %s: %s\n", what, db ? sqlite3_errmsg(db) : "cannot open");
	abort();
}

static sqlite3 *open_connection(void)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(db_path, &db,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "ketenregie: cannot open %s: %s\n", db_path, db ? sqlite3_errmsg(db) : "?");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000);
	sqlite3_extended_result_codes(db, 1);
	const char *pragmas = "PRAGMA journal_mode=WAL;"
	                      "PRAGMA foreign_keys=ON;"
	                      "PRAGMA synchronous=FULL;"
	                      "PRAGMA mmap_size=1073741824;"
	                      "PRAGMA temp_store=MEMORY;";
	char *err = NULL;
	if (sqlite3_exec(db, pragmas, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: database pragmas: %s\n", err ? err : "?");
		sqlite3_free(err);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

bool db_init(const char *path)
{
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof db_path) {
		fputs("ketenregie: database path empty or too long\n", stderr);
		return false;
	}
	memcpy(db_path, path, n + 1);
	return db_conn() != NULL;
}

const char *db_path_of(void)
{
	return db_path;
}

sqlite3 *db_conn(void)
{
	if (tl_conn)
		return tl_conn->db;
	sqlite3 *db = open_connection();
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

bool db_begin(void)
{
	pthread_mutex_lock(&write_lock);
	if (sqlite3_exec(db_conn(), "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: BEGIN failed: %s\n", sqlite3_errmsg(db_conn()));
		pthread_mutex_unlock(&write_lock);
		return false;
	}
	return true;
}

bool db_commit(void)
{
	bool ok = sqlite3_exec(db_conn(), "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok) {
		fprintf(stderr, "ketenregie: COMMIT failed: %s\n", sqlite3_errmsg(db_conn()));
		sqlite3_exec(db_conn(), "ROLLBACK", NULL, NULL, NULL);
	}
	pthread_mutex_unlock(&write_lock);
	return ok;
}

void db_rollback(void)
{
	sqlite3_exec(db_conn(), "ROLLBACK", NULL, NULL, NULL);
	pthread_mutex_unlock(&write_lock);
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
	tl_conn = NULL;
}
