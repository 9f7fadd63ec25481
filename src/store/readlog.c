/*
 * readlog.c — the read log's file name and schema (see readlog.h).
 *
 * The schema is the change log's audit_log as migrations 0001, 0014, 0015 and
 * 0023 left it (same columns, so one writer and one chain function serve both),
 * with the user's index and audit_household; the append-only guards are
 * audit_guard.c's own texts, so `serve` and `check` compare them the same way
 * (audit_log's since version 1; audit_household's and the watermark's since 4).
 */
#include "store/readlog.h"

#include "store/audit_guard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char schema_sql[] =
	"BEGIN IMMEDIATE;"
	"CREATE TABLE IF NOT EXISTS audit_log ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" user_id INTEGER,"
	" username TEXT,"
	" role TEXT,"
	" organisation_id INTEGER,"
	" action TEXT NOT NULL,"
	" object_type TEXT,"
	" object_id INTEGER,"
	" household_id INTEGER,"
	" address TEXT,"
	" outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),"
	" detail TEXT,"
	" households TEXT,"
	" prev_hash BLOB,"
	" row_hash BLOB);"
	"CREATE INDEX IF NOT EXISTS audit_log_user ON audit_log(user_id, at);"
	"CREATE TABLE IF NOT EXISTS audit_household ("
	" household_id INTEGER NOT NULL,"
	" audit_id INTEGER NOT NULL,"
	" PRIMARY KEY (household_id, audit_id)) WITHOUT ROWID;"
	"CREATE TRIGGER IF NOT EXISTS audit_household_newest_only BEFORE INSERT ON audit_household"
	" WHEN NEW.audit_id IS NOT (SELECT max(id) FROM audit_log)"
	" OR EXISTS (SELECT 1 FROM audit_household WHERE household_id = NEW.household_id AND audit_id = NEW.audit_id)"
	" BEGIN SELECT RAISE(ABORT, 'audit_household is append-only and names only the newest audit row'); END;"
	"CREATE TRIGGER IF NOT EXISTS audit_household_no_update BEFORE UPDATE ON audit_household"
	" BEGIN SELECT RAISE(ABORT, 'audit_household is append-only'); END;"
	"CREATE TRIGGER IF NOT EXISTS audit_household_no_delete BEFORE DELETE ON audit_household"
	" BEGIN SELECT RAISE(ABORT, 'audit_household is append-only'); END;"
	"PRAGMA user_version = 1;"
	"COMMIT;";

/* Version 2: audit_household's guard without the EXISTS lookup per row. Its key is
 * the whole row, so a second row with the same key is refused by the key itself,
 * and INSERT OR REPLACE of an existing row replaces it with the very same row:
 * nothing to guard against, and one index lookup less per household a page shows. */
static const char version2_sql[] =
	"BEGIN IMMEDIATE;"
	"DROP TRIGGER IF EXISTS audit_household_newest_only;"
	"CREATE TRIGGER audit_household_newest_only BEFORE INSERT ON audit_household"
	" WHEN NEW.audit_id IS NOT (SELECT max(id) FROM audit_log)"
	" BEGIN SELECT RAISE(ABORT, 'audit_household is append-only and names only the newest audit row'); END;"
	"PRAGMA user_version = 2;"
	"COMMIT;";

/* Version 3: the read log names the database it belongs to (db.c,
 * db_readlog_init), so that a read log left beside a new database (the database
 * removed or replaced by hand, its read log not) is never taken for that
 * database's: its records would name another database's households. */
static const char version3_sql[] =
	"BEGIN IMMEDIATE;"
	"CREATE TABLE IF NOT EXISTS readlog_of (one INTEGER PRIMARY KEY CHECK (one = 1), database_id TEXT NOT NULL);"
	"PRAGMA user_version = 3;"
	"COMMIT;";

/* Version 4: the household index is derived in batches (store/readlog_index.h).
 * A group commit writes only audit_log rows; the audit writer indexes them later,
 * up to the watermark audit_index_mark.indexed_to. Every record of an older read
 * log was indexed in its own transaction, so the watermark starts at the head:
 * no rebuild, one lookup. The guards (audit_household may index only records
 * above the watermark and at most the head; the watermark only moves forward, up
 * to the head) are audit_guard.c's texts, created in this same transaction. */
static const char version4_sql[] =
	"BEGIN IMMEDIATE;"
	"CREATE TABLE IF NOT EXISTS audit_index_mark (one INTEGER PRIMARY KEY CHECK (one = 1),"
	" indexed_to INTEGER NOT NULL);"
	"INSERT OR IGNORE INTO audit_index_mark (one, indexed_to) SELECT 1, coalesce(max(id), 0) FROM audit_log;"
	"DROP TRIGGER IF EXISTS audit_household_newest_only;"
	"PRAGMA user_version = 4;";

static bool run_script(sqlite3 *db, const char *sql, const char *what)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK)
		return true;
	fprintf(stderr, "ketenregie: read log %s: %s\n", what, err ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return false;
}

bool readlog_path_of(const char *db_path, char *out, size_t outlen)
{
	return snprintf(out, outlen, "%s.readlog", db_path) < (int)outlen;
}

static int version_of(void *arg, int ncol, char **vals, char **names)
{
	(void)names;
	*(int *)arg = ncol > 0 && vals[0] ? (int)strtol(vals[0], NULL, 10) : 0;
	return 0;
}

bool readlog_create(sqlite3 *db)
{
	int version = -1;
	if (sqlite3_exec(db, "PRAGMA user_version", version_of, &version, NULL) != SQLITE_OK || version < 0) {
		fprintf(stderr, "ketenregie: read log: %s\n", sqlite3_errmsg(db));
		return false;
	}
	if (version > READLOG_VERSION) {
		fprintf(stderr, "ketenregie: read log version %d is newer than this program (%d)\n", version,
		        READLOG_VERSION);
		return false;
	}
	if (version == 0) {
		if (!run_script(db, schema_sql, "schema"))
			return false;
		/* the append-only guards, in the text audit_guard.c compares */
		char names[256];
		if (audit_guards_restore(db, names, sizeof names) < 0)
			return false;
	}
	if (version < 2 && !run_script(db, version2_sql, "version 2"))
		return false;
	if (version < 3 && !run_script(db, version3_sql, "version 3"))
		return false;
	if (version < 4) {
		if (!run_script(db, version4_sql, "version 4"))
			return false;
		if (readlog_guards_put(db) != 0 || !run_script(db, "COMMIT", "version 4")) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			fprintf(stderr, "ketenregie: read log version 4: cannot create its guards\n");
			return false;
		}
	}
	return true;
}
