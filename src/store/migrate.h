/*
 * migrate.h — applies the embedded migrations/NNNN_name.sql in order, each in
 * one transaction, recording the last applied number in PRAGMA user_version.
 * A migration is never edited after it landed: add a new one instead.
 */
#ifndef KR_MIGRATE_H
#define KR_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

/* Bring the database of this thread's connection up to date. Prints each applied
 * migration when verbose. Returns false (and leaves the failing one unapplied). */
bool migrate_run(bool verbose);

/* Are the embedded migrations numbered 1..N without gaps or duplicates? */
bool migrate_check_embedded(char *err, size_t errlen);

/* Highest migration number embedded in the binary. */
int migrate_latest(void);

#endif
