/*
 * journal.h — the case journal (groeidocument): dated Markdown entries, each
 * tagged with exactly one part of the case (enum case_part), written by the
 * regisseur and the involved professionals and partners (migration 0009).
 *
 * Entries are never edited or deleted (the database refuses): a correction is an
 * addendum, a dated entry of its own that points at the entry it corrects and
 * carries its part. Only the pin (set by the regisseur) may change.
 * Never decides who may read or write: auth/case_parts.c and auth/access.c do;
 * the pages pass the reader's mask of parts to journal_list().
 * Functions that change data must be called inside db_begin()/db_commit().
 */
#ifndef KR_JOURNAL_H
#define KR_JOURNAL_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct journal_entry {
	int64_t id;
	int64_t case_id;
	int64_t author_id;
	const char *author_name;
	const char *author_org;
	unsigned part;
	const char *entry_date; /* YYYY-MM-DD */
	const char *body;       /* Markdown */
	int64_t addendum_of;    /* 0 for an entry */
	const char *created_at;
	bool pinned;
	const char *pinned_at;
	const char *pinned_by_name;
} journal_entry;

/* Entries of a case whose part is in `parts`, with their addenda: pinned
 * entries first (most recently pinned first), then by date, newest first; each
 * entry followed directly by its addenda, oldest first. */
journal_entry *journal_list(arena *a, int64_t case_id, unsigned parts, size_t *n);
/* One entry or addendum of a case; false when it is not one of that case. */
bool journal_get(arena *a, int64_t case_id, int64_t id, journal_entry *out);
/* Add an entry (addendum_of 0) or an addendum; returns the id or 0. An addendum
 * takes the part of the entry it corrects whatever `part` says. */
int64_t journal_add(int64_t case_id, int64_t author_id, int64_t author_org_id, unsigned part,
                    const char *entry_date, const char *body, int64_t addendum_of);
/* Pin or unpin an entry (not an addendum); false when it is not an entry of the case. */
bool journal_pin(int64_t case_id, int64_t id, bool pinned, int64_t by);

#endif
