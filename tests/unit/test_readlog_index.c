/*
 * test_readlog_index.c — the read log's household index in batches
 * (store/readlog_index.h): the batch rule (records or time, whichever first),
 * and a batch on a real read log: it indexes exactly the households each record
 * names (household_id and households, each once, none for a record that names
 * none), moves the watermark past them, at most `max` records at a time, and a
 * catch-up empties the tail; the audit writer's step takes READLOG_INDEX_STEP
 * records and leaves the connection at synchronous = FULL for the records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"
#include "store/readlog_index.h"

static void test_rule(void **state)
{
	(void)state;
	assert_false(readlog_index_due(0, 0));
	assert_false(readlog_index_due(0, 1000000)); /* nothing to index */
	assert_false(readlog_index_due(1, 0));
	assert_false(readlog_index_due(READLOG_INDEX_RECORDS - 1, READLOG_INDEX_MS - 1));
	assert_true(readlog_index_due(READLOG_INDEX_RECORDS, 0)); /* enough records */
	assert_true(readlog_index_due(1, READLOG_INDEX_MS));      /* waited long enough */
	readlog_index_set_wait_ms(5000);
	assert_false(readlog_index_due(1, READLOG_INDEX_MS));
	assert_true(readlog_index_due(1, 5000));
	assert_true(readlog_index_due(READLOG_INDEX_RECORDS, 0)); /* the tail stays bounded */
	readlog_index_set_wait_ms(0);                             /* back to the default */
	assert_int_equal(readlog_index_wait_ms(), READLOG_INDEX_MS);
}

static void remove_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", ".readlog", ".readlog-wal", ".readlog-shm"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char side[300];
		snprintf(side, sizeof side, "%s%s", path, suffixes[i]);
		unlink(side);
	}
}

/* A migrated scratch database (path: a mkstemp template) with its read log, this
 * thread on the read log's connection; close_scratch() ends and removes it. */
static void open_scratch(char *path)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_true(db_init(path));
	assert_true(migrate_run(false));
	assert_true(db_readlog_init());
	db_readlog_enter();
}

static void close_scratch(const char *path)
{
	db_readlog_leave();
	db_close_all();
	remove_files(path);
}

/* One read record in the read log naming household (0: none) and households
 * (NULL: none), through the chain's view as the audit writer writes it. */
static void add_record(int64_t household, const char *households)
{
	assert_true(db_begin());
	sqlite3_stmt *st = db_stmt("INSERT INTO audit_append (at, action, outcome, household_id, households)"
	                           " VALUES ('2026-11-28T08:00:00.000Z', 'view', 'allowed', ?1, ?2)");
	if (household)
		sqlite3_bind_int64(st, 1, household);
	else
		sqlite3_bind_null(st, 1);
	if (households)
		sqlite3_bind_text(st, 2, households, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	assert_true(db_done(st));
	assert_true(db_commit());
}

static int64_t one(const char *sql)
{
	sqlite3_stmt *st = db_stmt(sql);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

static void test_batch(void **state)
{
	(void)state;
	char path[] = "/tmp/kr-readlog-index-XXXXXX";
	open_scratch(path);
	int64_t mark0 = one("SELECT indexed_to FROM audit_index_mark");
	assert_int_equal(readlog_index_tail(), 0);
	add_record(7, NULL);          /* a case page */
	add_record(0, "12 7 5");      /* a list: 5, 7, 12 */
	add_record(5, "5 9");         /* its own household among the list's */
	add_record(0, NULL);          /* concerns no household */
	add_record(0, "30");
	assert_int_equal(readlog_index_tail(), 5);
	assert_int_equal(one("SELECT count(*) FROM audit_household"), 0);

	int64_t indexed = 0;
	assert_true(readlog_index_batch(2, &indexed)); /* at most 2 records */
	assert_int_equal(indexed, 2);
	assert_int_equal(one("SELECT indexed_to FROM audit_index_mark"), mark0 + 2);
	assert_int_equal(readlog_index_tail(), 3);
	assert_int_equal(one("SELECT count(*) FROM audit_household"), 4); /* 7 | 5, 7, 12 */

	assert_true(readlog_index_catch_up());
	assert_int_equal(readlog_index_tail(), 0);
	assert_int_equal(one("SELECT indexed_to FROM audit_index_mark"), mark0 + 5);
	/* each household of each record once: 1 + 3 + 2 + 0 + 1 */
	assert_int_equal(one("SELECT count(*) FROM audit_household"), 7);
	assert_int_equal(one("SELECT count(*) FROM audit_household WHERE household_id = 5"), 2);
	assert_int_equal(one("SELECT count(*) FROM audit_household WHERE household_id = 7"), 2);
	assert_int_equal(one("SELECT count(*) FROM audit_household WHERE household_id IN (9, 12, 30)"), 3);

	/* an empty tail: a batch changes nothing */
	assert_true(readlog_index_batch(READLOG_INDEX_CHUNK, &indexed));
	assert_int_equal(indexed, 0);
	close_scratch(path);
}

static void test_step(void **state)
{
	(void)state;
	char path[] = "/tmp/kr-readlog-step-XXXXXX";
	open_scratch(path);
	assert_int_equal(one("PRAGMA synchronous"), 2); /* FULL: the records are durable */
	int64_t mark0 = one("SELECT indexed_to FROM audit_index_mark");
	for (int i = 0; i < READLOG_INDEX_STEP + 5; i++)
		add_record(100 + i, "1 2");
	int64_t indexed = 0;
	assert_true(readlog_index_step(&indexed));
	assert_int_equal(indexed, READLOG_INDEX_STEP);
	assert_int_equal(one("SELECT indexed_to FROM audit_index_mark"), mark0 + READLOG_INDEX_STEP);
	assert_int_equal(one("SELECT count(*) FROM audit_household"), 3 * READLOG_INDEX_STEP);
	/* the step's own commit was not synced; the next record's must be */
	assert_int_equal(one("PRAGMA synchronous"), 2);
	assert_true(readlog_index_step(&indexed));
	assert_int_equal(indexed, 5);
	assert_int_equal(readlog_index_tail(), 0);
	assert_int_equal(one("PRAGMA synchronous"), 2);
	close_scratch(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_step),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
