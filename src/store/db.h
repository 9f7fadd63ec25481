/*
 * db.h — SQLite access: one connection per worker thread, cached statements,
 * serialised writers.
 *
 * Statements are static string literals; values go only through sqlite3_bind_*
 * (tools/lint.sh fails the build on SQL assembled at run time and on
 * sqlite3_prepare outside this module). The statement cache is keyed by the
 * literal's address, so callers must pass literals, never built strings.
 */
#ifndef KR_DB_H
#define KR_DB_H

#include "util/arena.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Remember the database path and open/check it once; false with a message on stderr. */
bool db_init(const char *path);

/* The path given to db_init. */
const char *db_path_of(void);

/* The read log (store/readlog.h): open this thread's connection to it, which
 * creates its schema when it is new or upgrades it (after db_init), and index
 * the household index's tail a crash may have left (store/readlog_index.h);
 * false with a message. */
bool db_readlog_init(void);
const char *db_readlog_path(void);

/* Until db_readlog_leave(), this thread's db_conn, db_stmt, db_begin, db_commit
 * and db_rollback use its connection to the read log instead of the database
 * (opened on first use, the same pragmas). Writes there are never part of a
 * request's transaction; their writers are serialised by a mutex of their own. */
void db_readlog_enter(void);
void db_readlog_leave(void);
/* The read log's WAL is checkpointed here, not inside a COMMIT (where SQLite does
 * it by itself, so that the commit that crosses 1000 pages also waits for the
 * copy into the file and its fsync): the audit writer calls this after it has
 * told the records' waiters. A PASSIVE checkpoint when this thread's read-log
 * connection has 1000 or more frames in the WAL (true when it ran); otherwise
 * nothing (false). */
bool db_readlog_checkpoint_if_due(void);

/* This thread's connection, opened on first use (WAL, foreign keys, busy timeout). */
sqlite3 *db_conn(void);

/* A cached prepared statement for the literal sql, reset with bindings cleared.
 * Aborts on a statement that does not compile: that is a programming error. */
sqlite3_stmt *db_stmt(const char *sql);

/* Writers are serialised by a process-wide mutex around BEGIN IMMEDIATE … COMMIT.
 * db_begin never fails to take the mutex; it returns false if BEGIN failed (the
 * mutex is then already released). db_commit releases the mutex whatever happens. */
bool db_begin(void);
bool db_commit(void);
void db_rollback(void);

/* The request's transaction: no change to client data without its audit record.
 * Between db_request_begin() and db_request_end() on this thread, the first
 * db_begin() opens one write transaction for the whole request (BEGIN IMMEDIATE,
 * holding the writer mutex) and every db_begin/db_commit/db_rollback inside it
 * becomes a savepoint (SAVEPOINT / RELEASE / ROLLBACK TO), so a handler's "commit"
 * is not durable yet. The router then writes the audit record on this same
 * connection and calls db_request_end(true): one COMMIT holds both the change and
 * its record, or neither. A request that wrote nothing opens no transaction.
 * db_request_wrote(): whether the request's transaction is open.
 * db_request_end(commit): COMMIT (or ROLLBACK when !commit or a savepoint was left
 * open); true when the transaction committed or there was none to commit. */
void db_request_begin(void);
bool db_request_wrote(void);

/* Rows this thread's connection has changed since it opened (any statement):
 * a memo of what the request read is stale once this moved (auth/case_memo.h). */
int64_t db_changes(void);
bool db_request_end(bool commit);

/* One read snapshot for a page that reads many things: one WAL read lock instead
 * of one per statement, and a consistent view. Reads only between begin and end.
 * db_read_begin() answers false (and takes nothing) inside a transaction already;
 * pass its answer to db_read_end(). */
bool db_read_begin(void);
void db_read_end(bool begun);

/* Run sql (one or more statements, no values) — for migrations and pragmas only. */
bool db_exec_script(const char *sql);

/* Step a statement expecting SQLITE_DONE; logs and returns false otherwise. */
bool db_done(sqlite3_stmt *st);

/* Copy column text into the arena ("" for NULL). */
const char *db_text(arena *a, sqlite3_stmt *st, int col);

/* Id of the last insert on this thread's connection. */
int64_t db_last_id(void);


/* Close every connection (call after all worker threads have stopped). */
void db_close_all(void);

#endif
