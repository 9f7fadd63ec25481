/*
 * backup.h — making and restoring backups of the live database.
 *
 * A backup is a consistent snapshot (store/dbfile.h), checked with PRAGMA
 * quick_check, then encrypted with the key file (backup/backup_file.h) or, only
 * when the caller asked for it explicitly, left as a plain SQLite file. The
 * plaintext snapshot of an encrypted backup is a temporary file next to the live
 * database (the same, disk-encrypted volume), never in the backup directory; it
 * is removed whatever happens. A backup file appears under its final name only
 * when it is complete and fsynced, and never replaces an existing file.
 *
 * A restore never writes over a database in use and never leaves a half-written
 * database under the target name: it decrypts into a temporary file beside the
 * target, verifies it (integrity, a ketenregie database this program knows),
 * ends every session and unused password link in it, and only then moves it
 * into place.
 */
#ifndef KR_BACKUP_H
#define KR_BACKUP_H

#include "backup/backup_file.h"

#include <stdbool.h>
#include <stddef.h>

/* Write a backup of the live database (db_init done) to dest, encrypted with key,
 * or plain when key is NULL. Refuses when dest exists. False with a message. */
bool backup_make(const char *dest, const backup_key *key, char *err, size_t errlen);

/* Remove plaintext snapshots an interrupted backup left beside the live database
 * (untouched for an hour, so a backup running now keeps its file). The nightly
 * thread calls it at start and before each backup. Returns how many went. */
size_t backup_sweep_leftovers(void);

typedef struct restore_options {
	const char *source;     /* the backup file */
	const char *target;     /* database path to create */
	const backup_key *key;  /* NULL: the source must be a plain SQLite backup */
	bool force;             /* move an existing target aside (refused while it is in use) */
} restore_options;

/* Restore as described above. On success, when the target existed (force),
 * moved_aside holds where the old database went ("" otherwise). */
bool backup_restore(const restore_options *o, char *moved_aside, size_t moved_len, char *err, size_t errlen);

#endif
