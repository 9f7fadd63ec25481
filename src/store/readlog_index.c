/*
 * readlog_index.c — the read log's household index in batches (see
 * readlog_index.h). The households of a record are derived exactly as the
 * readers' tail test reads them (READLOG_TAIL_CONCERNS in store/readlog.h): its
 * household_id, and each id in households, every one above 0, each once.
 */
#include "store/readlog_index.h"

#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>

static int64_t wait_ms = READLOG_INDEX_MS;

void readlog_index_set_wait_ms(int64_t ms)
{
	wait_ms = ms > 0 ? ms : READLOG_INDEX_MS;
}

int64_t readlog_index_wait_ms(void)
{
	return wait_ms;
}

bool readlog_index_due(int64_t tail, int64_t waited_ms)
{
	return tail >= READLOG_INDEX_RECORDS || (tail > 0 && waited_ms >= wait_ms);
}

int64_t readlog_index_tail(void)
{
	sqlite3_stmt *st = db_stmt("SELECT coalesce((SELECT max(id) FROM audit_log), 0)"
	                           " - (SELECT indexed_to FROM audit_index_mark WHERE one = 1)");
	int64_t tail = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL
	                       ? sqlite3_column_int64(st, 0)
	                       : -1;
	sqlite3_reset(st);
	return tail;
}

bool readlog_index_batch(int64_t max, int64_t *indexed)
{
	*indexed = 0;
	if (!db_begin())
		return false;
	sqlite3_stmt *st = db_stmt("SELECT indexed_to, min(coalesce((SELECT max(id) FROM audit_log), 0), indexed_to + ?1)"
	                           " FROM audit_index_mark WHERE one = 1");
	sqlite3_bind_int64(st, 1, max > 0 ? max : 1);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	int64_t from = ok ? sqlite3_column_int64(st, 0) : 0, to = ok ? sqlite3_column_int64(st, 1) : 0;
	sqlite3_reset(st);
	if (ok && to > from) {
		/* one sorted insert: each leaf of the index is written once per batch */
		st = db_stmt("INSERT INTO audit_household (household_id, audit_id)"
		             " SELECT DISTINCT h, id FROM (SELECT a.household_id AS h, a.id FROM audit_log a"
		             "  WHERE a.id > ?1 AND a.id <= ?2 AND a.household_id > 0"
		             " UNION ALL SELECT CAST(j.value AS INTEGER), a.id FROM audit_log a,"
		             "  json_each('[' || replace(a.households, ' ', ',') || ']') j"
		             "  WHERE a.id > ?1 AND a.id <= ?2 AND a.households IS NOT NULL)"
		             " WHERE h > 0 ORDER BY h, id");
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		ok = db_done(st);
		if (ok) {
			st = db_stmt("UPDATE audit_index_mark SET indexed_to = ?1 WHERE one = 1");
			sqlite3_bind_int64(st, 1, to);
			ok = db_done(st);
		}
	}
	if (!ok) {
		db_rollback();
		fprintf(stderr, "ketenregie: read log: cannot index records %lld..%lld\n", (long long)from + 1,
		        (long long)to);
		return false;
	}
	if (!db_commit())
		return false;
	*indexed = to > from ? to - from : 0;
	return true;
}

bool readlog_index_step(int64_t *indexed)
{
	/* between transactions only; if NORMAL cannot be set, the step is synced */
	sqlite3_exec(db_conn(), "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	bool ok = readlog_index_batch(READLOG_INDEX_STEP, indexed);
	if (sqlite3_exec(db_conn(), "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK) {
		fputs("ketenregie: read log: cannot set synchronous = FULL again; stopping\n", stderr);
		abort(); /* never go on writing records without FULL */
	}
	return ok;
}

bool readlog_index_catch_up(void)
{
	int64_t indexed;
	do {
		if (!readlog_index_batch(READLOG_INDEX_CHUNK, &indexed))
			return false;
	} while (indexed > 0);
	return true;
}
