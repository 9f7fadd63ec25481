/*
 * schedule.h — the daemon's nightly backups (`serve --backup-dir DIR`).
 *
 * One thread sleeps until the configured local time (config.backup_hour and
 * _minute), writes DIR/ketenregie-YYYYMMDDTHHMMSSZ.krbackup (encrypted; .krplain,
 * a plain bundle, when plain was chosen explicitly; plain backups from before
 * bundles were .db and are still rotated) through backup_make(), and then deletes the oldest
 * of its own backups beyond config.backup_keep. It touches no other file in DIR.
 * A failed backup is logged to stderr and keeps the older backups; the next
 * night tries again. For tests, config.backup_interval_s > 0 replaces the time of
 * day by a fixed interval.
 */
#ifndef KR_SCHEDULE_H
#define KR_SCHEDULE_H

#include "backup/backup_file.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Check the folder and start the thread; key NULL = plain backups. The key is
 * copied. False with a message on stderr when the folder cannot be used. */
bool schedule_start(const backup_key *key);

/* Wake the thread, let a backup in progress finish, join. No-op when not started. */
void schedule_stop(void);

/* The first moment after now at hour:minute local time. */
time_t schedule_next_run(time_t now, int hour, int minute);

/* Parse "HH:MM" (00:00 … 23:59). */
bool schedule_parse_time(const char *s, int *hour, int *minute);

/* True for a file name this module makes (and may therefore delete). */
bool schedule_is_backup_name(const char *name);

/* Sort names (each one of ours) oldest first and answer how many of the first
 * ones to delete so that keep remain. */
size_t schedule_rotation_victims(char **names, size_t n, size_t keep);

#endif
