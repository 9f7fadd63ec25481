/*
 * readlog.h — the read log: the audit records of requests that changed nothing,
 * in a SQLite file of its own beside the database ("<database>.readlog").
 *
 * Why a file of its own: in WAL mode, a connection that finds its database
 * changed by another connection drops its whole page cache (SQLite's
 * pager_reset). Every client-data read has a durable audit record, committed by
 * the audit writer every few milliseconds under load; when those commits went to
 * the database itself, every request started with a cold cache and paid for it
 * in preads (docs/performance.md). In a file of its own they leave the readers'
 * caches alone: only real changes reset them.
 *
 * The audit trail is two hash chains, each append-only and guarded the same way
 * (store/audit_chain.h, store/audit_guard.h):
 *  - the change log: audit_log in the database. Records of requests that changed
 *    something, written in the change's own transaction (a change and its record
 *    commit together or not at all), and events (logins, administration, CLI);
 *  - the read log: audit_log in this file. Records of client-data requests that
 *    changed nothing: the audit writer's group commits.
 * Both have the same columns and the same audit_household index. The access-log
 * reports and the household export read both and merge them by time
 * (store/access_log.h). Records written before the read log existed stay in the
 * change log, where the reports find them as before.
 *
 * The read log's audit_household is derived, in batches (version 4,
 * store/readlog_index.h): a group commit only appends its audit_log rows (each
 * names its households in household_id and households, both in the hash chain),
 * and the audit writer indexes them after their waiters have their answer, up to
 * a forward-only watermark (audit_index_mark.indexed_to). Every reader of the
 * index reads "index ∪ tail": the index for records at or below the watermark,
 * audit_log above it (READLOG_TAIL_* below), bounded by the batch rule.
 *
 * The read log belongs to its database: `backup` copies both, `restore` puts
 * both back, `check` verifies both chains (backup/backup.h, store/dbfile.h). It
 * names its database (a random id in the database's setting table): a read log
 * found beside another database is refused at start (db_readlog_init).
 */
#ifndef KR_READLOG_H
#define KR_READLOG_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

enum { READLOG_VERSION = 4 };

/* The tail of the read log's household index (version 4): the records above the
 * watermark, read by id from audit_log's primary key (never more than the batch
 * rule leaves there), and whether such a record concerns household h (a bound
 * value): the same households the batch derives (store/readlog_index.c). For a
 * statement on a database connection, where the read log is attached as
 * "readlog"; its FROM names the table NOT INDEXED, so that the planner reads the
 * tail by id and never a user's or a time's index entries. */
#define READLOG_TAIL_ABOVE_MARK(alias) \
	alias ".id > (SELECT indexed_to FROM readlog.audit_index_mark WHERE one = 1)"
#define READLOG_TAIL_CONCERNS(alias, h)                                                                    \
	"(" alias ".household_id = " h " OR instr(' ' || " alias ".households || ' ', ' ' || " h " || ' ') > 0)"


/* The read log's path for the database at db_path: db_path + ".readlog".
 * False when it does not fit in out. */
bool readlog_path_of(const char *db_path, char *out, size_t outlen);

/* Create the read log's tables, indexes and guards on db (a connection whose main
 * database is the read-log file) when they are not there yet; idempotent. False
 * with a message on stderr. */
bool readlog_create(sqlite3 *db);

#endif
