/*
 * backup.h — making and restoring backups of the live database and its read log
 * (store/readlog.h).
 *
 * A backup is ONE file (operators copy and rotate single files) holding two
 * consistent snapshots (store/dbfile.h): the database and its read log, each
 * checked (integrity; the read log's hash chain and guards too), put together
 * in a bundle (backup/bundle.h) and encrypted with the key file
 * (backup/backup_file.h, format version 2) or, only when the caller asked for it
 * explicitly, left as a plain bundle. A database that never served has no read
 * log; its backup says so. The plaintext snapshots of an encrypted backup are
 * temporary files next to the live database (the same, disk-encrypted volume),
 * never in the backup directory; they are removed whatever happens. A backup
 * file appears under its final name only when it is complete and fsynced, and
 * never replaces an existing file.
 *
 * A restore never writes over a database in use and never leaves a half-written
 * file under a final name: it decrypts into temporary files beside the target,
 * verifies the database (integrity, a ketenregie database this program knows)
 * and the read log (integrity, version, tables, hash chain, guards), ends every
 * session and unused password link in the database, and only then moves them
 * into place: the read log to "<target>.readlog", then the database to target
 * (should that fail, the read log just placed is removed: both or neither).
 * Older backups (encrypted format 1, and plain bare SQLite files) hold no read
 * log: the restored database then has none, and serve makes an empty one. A read
 * log at "<target>.readlog" without a database at target is refused, --force or
 * not: whose audit records it holds cannot be told, so the operator moves it.
 */
#ifndef KR_BACKUP_H
#define KR_BACKUP_H

#include "backup/backup_file.h"

#include <stdbool.h>
#include <stddef.h>

/* Write a backup of the live database (db_init done) and its read log to dest,
 * encrypted with key, or plain when key is NULL. Refuses when dest exists. False
 * with a message. */
bool backup_make(const char *dest, const backup_key *key, char *err, size_t errlen);

/* Remove plaintext temporary files an interrupted backup or restore left beside
 * the live database: snapshots of the database or its read log
 * ("<database>.snapshot-" and six random characters) and a restore's copies
 * ("<database>.restore-…", "<database>.readlog.restore-…"), untouched for an
 * hour, so a backup running now keeps its file. The nightly thread calls it at
 * start and before each backup. Returns how many went. */
size_t backup_sweep_leftovers(void);

typedef struct restore_options {
	const char *source;     /* the backup file */
	const char *target;     /* database path to create */
	const backup_key *key;  /* NULL: the source must be a plain backup (a bundle or a bare database) */
	bool force;             /* move an existing target and its read log aside (refused while in use) */
} restore_options;

/* Restore as described above. On success, when the target existed (force),
 * moved_aside holds where the old database went ("" otherwise); its read log,
 * if it had one, went to moved_aside + ".readlog". */
bool backup_restore(const restore_options *o, char *moved_aside, size_t moved_len, char *err, size_t errlen);

#endif
