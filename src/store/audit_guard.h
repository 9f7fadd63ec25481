/*
 * audit_guard.h — the triggers that keep audit_log append-only (no UPDATE, no
 * DELETE, no row that is not the next link of the hash chain, hence no REPLACE).
 *
 * Their exact text lives here and in migrations/0015_audit_chain.sql (a unit
 * test holds the two equal). `serve` restores a guard that is missing or whose
 * text was changed, records that in the audit trail and says so on stderr
 * (decision: keep serving the families' workers, make the tampering visible;
 * `ketenregie check` then shows whether rows were rewritten meanwhile). `check`
 * fails while a guard is missing or changed.
 */
#ifndef KR_AUDIT_GUARD_H
#define KR_AUDIT_GUARD_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* How many guards on db are missing or differ from their text; their names,
 * space-separated, in names. -1 when the schema cannot be read. */
int audit_guards_missing(sqlite3 *db, char *names, size_t len);

/* Drop and recreate every missing or changed guard on db, in one transaction.
 * Returns how many were restored (their names in names), -1 on failure. */
int audit_guards_restore(sqlite3 *db, char *names, size_t len);

/* The read log's own guards besides audit_log's (store/readlog.h, version 4):
 * audit_household indexes only records above the watermark, is never changed;
 * the watermark audit_index_mark only moves forward, up to the head. The same
 * as above on a connection to the read log. readlog_guards_put: create them all
 * (drop and create) inside the caller's open write transaction; 0 or -1. */
int readlog_guards_missing(sqlite3 *db, char *names, size_t len);
int readlog_guards_restore(sqlite3 *db, char *names, size_t len);
int readlog_guards_put(sqlite3 *db);

#endif
