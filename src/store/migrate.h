/*
 * migrate.h — applies the embedded migrations/NNNN_name.sql in order, each in
 * one transaction, recording the last applied number in PRAGMA user_version.
 * A migration is never edited after it landed: add a new one instead.
 */
#ifndef KR_MIGRATE_H
#define KR_MIGRATE_H

#include <stdbool.h>

/* Bring the database of this thread's connection up to date. Prints each applied
 * migration when verbose. Returns false (and leaves the failing one unapplied). */
bool migrate_run(bool verbose);

/* Highest migration number embedded in the binary. */
int migrate_latest(void);

#endif
