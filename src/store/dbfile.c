/*
 * dbfile.c — whole database files: snapshot, read-only verification (of a
 * database and of a read log), the clean-up of a restored copy (see dbfile.h).
 *
 * Statements here run on short-lived connections of their own through
 * sqlite3_exec with static text (no values): db.c's statement cache belongs to
 * the per-thread connections of the live database. Never migrate here.
 */
#include "store/dbfile.h"

#include "store/audit_chain.h"
#include "store/audit_guard.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/readlog.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The tables every ketenregie database has had since migration 0002. */
#define CORE_TABLES "('organisation', 'app_user', 'user_role', 'session', 'password_reset', 'audit_log', " \
                    "'household', 'casefile', 'handover')"
enum { CORE_TABLE_COUNT = 9 };

/* SQLite's unix locks (os_unix.c): PENDING_BYTE, RESERVED_BYTE and the 510-byte
 * shared range after them. Every open connection to a WAL database holds a
 * shared lock there; a rollback-mode reader holds one while it reads. */
enum { SQLITE_LOCK_FIRST = 0x40000000, SQLITE_LOCK_BYTES = 512 };

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool dbfile_sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

bool dbfile_sync_dir_of(const char *path)
{
	char copy[4096];
	if (snprintf(copy, sizeof copy, "%s", path) >= (int)sizeof copy)
		return false;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* Copy src's main database into the existing, empty file at path (see
 * dbfile_snapshot). */
static bool snapshot_from(sqlite3 *src, const char *path, unsigned timeout_s, char *err, size_t errlen)
{
	sqlite3 *dst = NULL;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path, dst ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		return false;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc = SQLITE_ERROR;
	if (b) {
		/* All pages in one step: one read transaction, one snapshot. Stepping a
		 * few pages at a time restarts on every write by another connection and
		 * never ends under load. Only waiting for the read lock is retried. */
		double deadline = now_s() + timeout_s;
		while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			if (now_s() > deadline)
				break;
			sqlite3_sleep(100);
		}
		sqlite3_backup_finish(b);
	}
	bool ok = rc == SQLITE_DONE;
	if (!ok)
		snprintf(err, errlen, "the copy did not complete: %s%s", rc == SQLITE_DONE ? "" : sqlite3_errstr(rc),
		         rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? " (the database stayed locked)" : "");
	if (ok && sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot finish the copy: %s", sqlite3_errmsg(dst));
		ok = false;
	}
	if (sqlite3_close(dst) != SQLITE_OK)
		ok = false;
	if (ok && !dbfile_sync_path(path)) {
		snprintf(err, errlen, "cannot fsync %s: %s", path, strerror(errno));
		ok = false;
	}
	return ok;
}

bool dbfile_snapshot(const char *path, unsigned timeout_s, char *err, size_t errlen)
{
	sqlite3 *src = db_conn();
	if (!src) {
		snprintf(err, errlen, "cannot open the database");
		return false;
	}
	return snapshot_from(src, path, timeout_s, err, errlen);
}

int dbfile_snapshot_readlog(const char *readlog, const char *path, unsigned timeout_s, char *err, size_t errlen)
{
	struct stat sb;
	if (stat(readlog, &sb) != 0 && errno == ENOENT)
		return 0; /* a database that never served has none */
	sqlite3 *src = NULL;
	/* Read-write without CREATE, as the daemon's connections open it: a WAL
	 * reader may need to write the -shm index; the file is never created here. */
	if (sqlite3_open_v2(readlog, &src, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open the read log %s: %s", readlog, src ? sqlite3_errmsg(src) : "out of memory");
		sqlite3_close(src);
		return -1;
	}
	sqlite3_busy_timeout(src, 5000);
	bool ok = snapshot_from(src, path, timeout_s, err, errlen);
	sqlite3_close(src);
	return ok ? 1 : -1;
}

typedef struct first_row {
	char text[200];
	long long number;
	int rows;
} first_row;

static int keep_first(void *arg, int ncol, char **vals, char **names)
{
	(void)names;
	first_row *r = arg;
	if (r->rows++ == 0 && ncol > 0 && vals[0]) {
		snprintf(r->text, sizeof r->text, "%s", vals[0]);
		r->number = strtoll(vals[0], NULL, 10);
	}
	return 0;
}

static bool query_first(sqlite3 *db, const char *sql, first_row *out, char *msg, size_t msglen)
{
	memset(out, 0, sizeof *out);
	char *e = NULL;
	if (sqlite3_exec(db, sql, keep_first, out, &e) != SQLITE_OK) {
		snprintf(msg, msglen, "%s", e ? e : sqlite3_errmsg(db));
		sqlite3_free(e);
		return false;
	}
	return true;
}

/* The audit trail's hash chain and guards (databases from before the chain,
 * migration 0015, have neither and pass). */
static bool verify_audit_trail(sqlite3 *db, char *msg, size_t msglen)
{
	first_row r;
	char why[200];
	if (!query_first(db, "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'row_hash'", &r, why,
	                 sizeof why)) {
		snprintf(msg, msglen, "cannot read audit_log: %s", why);
		return false;
	}
	if (r.number == 0)
		return true;
	if (!audit_chain_attach(db, true)) {
		snprintf(msg, msglen, "cannot check the audit trail");
		return false;
	}
	int64_t bad = 0, rows = 0;
	if (!audit_chain_verify(db, &bad, why, sizeof why, &rows)) {
		if (bad)
			snprintf(msg, msglen, "audit trail broken at row %lld: %s", (long long)bad, why);
		else
			snprintf(msg, msglen, "audit trail: %s", why);
		return false;
	}
	char names[200];
	int missing = audit_guards_missing(db, names, sizeof names);
	if (missing != 0) {
		snprintf(msg, msglen, "audit trail unguarded: %s", missing < 0 ? "cannot read the schema" : names);
		if (missing > 0)
			snprintf(msg + strlen(msg), msglen - strlen(msg), " missing or changed");
		return false;
	}
	return true;
}

/* Open path read-only when it is a regular file whose PRAGMA integrity_check
 * answers ok; NULL with the reason in msg otherwise. */
static sqlite3 *open_intact(const char *path, char *msg, size_t msglen)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		snprintf(msg, msglen, "%s: %s", strerror(errno), path);
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		snprintf(msg, msglen, "not a regular file: %s", path);
		return NULL;
	}
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(msg, msglen, "cannot open: %s", db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000);
	first_row r;
	char why[200];
	if (!query_first(db, "PRAGMA integrity_check", &r, why, sizeof why)) {
		snprintf(msg, msglen, "not an intact SQLite database: %s", why);
	} else if (strcmp(r.text, "ok") != 0) {
		snprintf(msg, msglen, "damaged database: %s%s", r.text, r.rows > 1 ? " (and more)" : "");
	} else {
		return db;
	}
	sqlite3_close(db);
	return NULL;
}

bool dbfile_verify(const char *path, char *msg, size_t msglen)
{
	sqlite3 *db = open_intact(path, msg, msglen);
	if (!db)
		return false;
	first_row r;
	bool ok = false;
	char why[200];
	if (!query_first(db, "PRAGMA user_version", &r, why, sizeof why)) {
		snprintf(msg, msglen, "not an intact SQLite database: %s", why);
	} else if (r.number > migrate_latest()) {
		snprintf(msg, msglen, "database version %lld is newer than this program (%d)", r.number, migrate_latest());
	} else {
		long long version = r.number;
		if (!query_first(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN " CORE_TABLES, &r,
		                 why, sizeof why))
			snprintf(msg, msglen, "not an intact SQLite database: %s", why);
		else if (version < 1 || r.number != CORE_TABLE_COUNT)
			snprintf(msg, msglen, "not a ketenregie database (a SQLite file of another kind)");
		else
			ok = verify_audit_trail(db, msg, msglen);
	}
	if (ok)
		snprintf(msg, msglen, "ok");
	sqlite3_close(db);
	return ok;
}

/* The read log's household index (version 4, store/readlog_index.h): its guards
 * whole, its watermark at most the head, and no index row above the watermark
 * (a batch moves both in one transaction). Whether the index agrees with
 * audit_log.households at or below the watermark is not checked: that reads the
 * whole index again (about as long as the chain's walk); the index is derived
 * data, the records themselves are in the chain. Read logs before version 4
 * pass (serve upgrades them). */
static bool verify_household_index(sqlite3 *db, char *msg, size_t msglen)
{
	first_row r;
	char why[200];
	if (!query_first(db, "PRAGMA user_version", &r, why, sizeof why)) {
		snprintf(msg, msglen, "cannot read the read log: %s", why);
		return false;
	}
	if (r.number < 4)
		return true;
	char names[200];
	int missing = readlog_guards_missing(db, names, sizeof names);
	if (missing != 0) {
		snprintf(msg, msglen, "read log's household index unguarded: %s%s",
		         missing < 0 ? "cannot read the schema" : names, missing > 0 ? " missing or changed" : "");
		return false;
	}
	if (!query_first(db,
	                 "SELECT CASE WHEN (SELECT count(*) FROM audit_index_mark) <> 1 THEN 'no watermark'"
	                 " WHEN (SELECT indexed_to FROM audit_index_mark) > coalesce((SELECT max(id) FROM audit_log), 0)"
	                 " THEN 'its watermark is past the head'"
	                 " WHEN EXISTS (SELECT 1 FROM audit_household WHERE audit_id > (SELECT indexed_to FROM"
	                 " audit_index_mark)) THEN 'it indexes records above its watermark' ELSE 'ok' END",
	                 &r, why, sizeof why)) {
		snprintf(msg, msglen, "cannot read the read log's household index: %s", why);
		return false;
	}
	if (strcmp(r.text, "ok") != 0) {
		snprintf(msg, msglen, "read log's household index: %s", r.text);
		return false;
	}
	return true;
}

bool dbfile_verify_readlog(const char *path, char *msg, size_t msglen)
{
	sqlite3 *db = open_intact(path, msg, msglen);
	if (!db)
		return false;
	first_row r;
	bool ok = false;
	char why[200];
	if (!query_first(db, "PRAGMA user_version", &r, why, sizeof why)) {
		snprintf(msg, msglen, "not an intact SQLite database: %s", why);
	} else if (r.number > READLOG_VERSION) {
		snprintf(msg, msglen, "read log version %lld is newer than this program (%d)", r.number, READLOG_VERSION);
	} else if (r.number < 1) { /* an older version is brought up to date by `serve` */
		snprintf(msg, msglen, "not a ketenregie read log (version %lld)", r.number);
	} else if (!query_first(db,
	                        "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
	                        "('audit_log', 'audit_household')) + (SELECT count(*) FROM pragma_table_info('audit_log')"
	                        " WHERE name IN ('prev_hash', 'row_hash'))",
	                        &r, why, sizeof why)) {
		snprintf(msg, msglen, "not an intact SQLite database: %s", why);
	} else if (r.number != 4) {
		snprintf(msg, msglen, "not a ketenregie read log (its tables are missing)");
	} else {
		ok = verify_audit_trail(db, msg, msglen) && verify_household_index(db, msg, msglen);
	}
	if (ok)
		snprintf(msg, msglen, "ok");
	sqlite3_close(db);
	return ok;
}

bool dbfile_end_sessions(const char *path, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return false;
	}
	sqlite3_busy_timeout(db, 5000);
	if (!audit_chain_attach(db, false)) { /* the restore's record joins the chain */
		snprintf(err, errlen, "cannot attach the audit chain to the restored copy");
		sqlite3_close(db);
		return false;
	}
	/* (The strftime pattern below is SQLite's date format, not a C format.) */
#define END_SESSIONS_SQL(AUDIT_TABLE)                                                              \
	"BEGIN IMMEDIATE;"                                                                         \
	"DELETE FROM session;"                                                                     \
	"UPDATE password_reset SET expires_at = 0 WHERE used_at IS NULL;"                          \
	"DELETE FROM setting WHERE key = 'device_cookie_key';" /* a new one at the next start */   \
	"INSERT INTO " AUDIT_TABLE " (at, username, action, outcome, detail) VALUES"               \
	" (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'cli', 'restore', 'allowed',"                   \
	" 'restored from a backup: every session, device cookie and unused password link ended');" \
	"COMMIT;"
	/* A backup from before the hash chain (migration 0015) gets the plain row;
	 * the migration at the next start chains it with the rest. */
	first_row chained;
	char why[200];
	if (!query_first(db, "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'row_hash'", &chained,
	                 why, sizeof why)) {
		snprintf(err, errlen, "cannot read the restored copy: %s", why);
		sqlite3_close(db);
		return false;
	}
	const char *sql = chained.number ? END_SESSIONS_SQL("audit_append") : END_SESSIONS_SQL("audit_log");
	char *e = NULL;
	bool ok = sqlite3_exec(db, sql, NULL, NULL, &e) == SQLITE_OK;
	if (!ok) {
		snprintf(err, errlen, "cannot end the sessions in the restored copy: %s", e ? e : sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_free(e);
	if (sqlite3_close(db) != SQLITE_OK)
		ok = false;
	if (ok && !dbfile_sync_path(path)) {
		snprintf(err, errlen, "cannot fsync %s: %s", path, strerror(errno));
		ok = false;
	}
	return ok;
}

int dbfile_in_use(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SQLITE_LOCK_FIRST,
	                   .l_len = SQLITE_LOCK_BYTES};
	int rc = fcntl(fd, F_GETLK, &fl) == 0 ? (fl.l_type != F_UNLCK) : -1;
	close(fd);
	return rc;
}
