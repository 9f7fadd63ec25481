/*
 * dbfile.h — whole database files: a consistent snapshot of the live database
 * and of its read log, a read-only verification of any file that claims to be a
 * ketenregie database or read log,
 * and the clean-up a restored copy needs before it may serve.
 *
 * None of these ever migrates, and dbfile_verify never creates or writes the
 * file it checks (it opens it SQLITE_OPEN_READONLY; for a database in WAL mode
 * SQLite may create the empty -wal/-shm companions it needs to read safely).
 */
#ifndef KR_DBFILE_H
#define KR_DBFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Copy the live database (this thread's connection, see db.h) into the existing,
 * empty file at path: one sqlite3_backup_step(-1), that is one read transaction
 * on one snapshot, so writers elsewhere neither block it nor make it start over.
 * The copy is switched to rollback-journal mode (a single self-contained file)
 * and fsynced. Waits at most timeout_s seconds for a read lock. */
bool dbfile_snapshot(const char *path, unsigned timeout_s, char *err, size_t errlen);

/* Copy the read log at readlog (store/readlog.h) into the existing, empty file
 * at path, the same way, on a connection of its own that never creates the read
 * log: 1 when copied, 0 when there is no read log (nothing written), -1 with a
 * message in err. */
int dbfile_snapshot_readlog(const char *readlog, const char *path, unsigned timeout_s, char *err, size_t errlen);

/* Check that path is an intact ketenregie database: it exists, PRAGMA
 * integrity_check answers ok, user_version is between 1 and what this program
 * knows, and the core tables are there. msg: "ok" or the reason. */
bool dbfile_verify(const char *path, char *msg, size_t msglen);

/* The same for a read log: intact, user_version READLOG_VERSION, its tables,
 * and its hash chain and append-only guards whole. Read-only, never creating. */
bool dbfile_verify_readlog(const char *path, char *msg, size_t msglen);

/* In a restored copy (not the live database): end every session, expire every
 * unused password link, drop the device-cookie key (so every device cookie ends;
 * serve makes a new key), and note the restore in the audit trail; fsynced. */
bool dbfile_end_sessions(const char *path, char *err, size_t errlen);

/* 1 when another process has the database at path open (it holds SQLite's
 * shared lock), 0 when not or when there is no such file, -1 on an error. */
int dbfile_in_use(const char *path);

/* fsync a file, or the directory that holds path (after a rename or link). */
bool dbfile_sync_path(const char *path);
bool dbfile_sync_dir_of(const char *path);

#endif
