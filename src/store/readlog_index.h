/*
 * readlog_index.h — the read log's household index, filled in batches (read log
 * version 4, store/readlog.h).
 *
 * A read's group commit appends only its audit_log rows; each names the
 * households it concerns in household_id and households (space-separated ids),
 * both covered by the hash chain. audit_household (household_id, audit_id) is
 * derived from those two columns, in key order, by the audit writer after the
 * commit's waiters have their answer (auth/audit.c), when the batch rule says so,
 * and at start (catch-up after a crash). audit_index_mark.indexed_to is the
 * watermark: every record up to it is in the index, none above it. The index is
 * derived data: a crash before a batch loses nothing, the next start indexes the
 * tail.
 *
 * The functions below run on this thread's connection to the read log
 * (db_readlog_enter), never inside a request's transaction.
 */
#ifndef KR_READLOG_INDEX_H
#define KR_READLOG_INDEX_H

#include <stdbool.h>
#include <stdint.h>

/* The batch rule: index once the tail holds READLOG_INDEX_RECORDS records, or
 * once its oldest record has waited READLOG_INDEX_MS. The audit writer indexes
 * in steps of READLOG_INDEX_STEP records (one transaction each), letting waiting
 * records go first between steps while the tail is below READLOG_INDEX_RECORDS
 * (auth/audit.c); a catch-up at start in steps of READLOG_INDEX_CHUNK. Together
 * they bound the tail every reader reads by id: about READLOG_INDEX_RECORDS
 * plus one group commit. A step delays the records that arrive meanwhile by its
 * own time, so a step is short: a search page's record names 50 households, and
 * a step of 256 such records took ~20 ms on the decade; at one connection the
 * writer steps right after a commit and the next request waits for the step (four
 * such waits a second gave a p99 of 20 ms). A step of 32 takes ~3.5 ms. Its commit
 * does not wait for the disk (readlog_index_step): the next synced commit covers
 * it, and a crash before that only moves the watermark back. */
enum { READLOG_INDEX_RECORDS = 1000, READLOG_INDEX_MS = 1000, READLOG_INDEX_STEP = 32, READLOG_INDEX_CHUNK = 5000 };

/* Whether the tail (records above the watermark) is due for a batch, its oldest
 * record having waited waited_ms. The unit test holds the rule. */
bool readlog_index_due(int64_t tail, int64_t waited_ms);

/* The wait of the rule (READLOG_INDEX_MS unless set, at start, before the audit
 * writer runs: KETENREGIE_READLOG_INDEX_MS in main.c). */
void readlog_index_set_wait_ms(int64_t ms);
int64_t readlog_index_wait_ms(void);

/* Records above the watermark (head − watermark); -1 when it cannot be read. */
int64_t readlog_index_tail(void);

/* One batch: the households of the records above the watermark, at most max of
 * them, into audit_household in key order, and the watermark moved past them, in
 * one transaction. *indexed: how many records. False (nothing changed) on error. */
bool readlog_index_batch(int64_t max, int64_t *indexed);

/* The audit writer's step: one batch of at most READLOG_INDEX_STEP records whose
 * commit is not synced to disk (synchronous = NORMAL for this one transaction,
 * FULL again after it; the process stops rather than go on without FULL). The
 * records themselves are durable already; the read log's next synced commit, or
 * its checkpoint, makes the step durable too, and a crash before that loses only
 * index rows that the next start derives again. */
bool readlog_index_step(int64_t *indexed);

/* Batches until the tail is empty (at start). False on error. */
bool readlog_index_catch_up(void);

#endif
