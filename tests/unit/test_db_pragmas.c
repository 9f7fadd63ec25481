/*
 * test_db_pragmas.c — every connection db.c opens is durable and reads without
 * mmap: WAL with synchronous=FULL (an acknowledged commit is on disk), and
 * mmap_size 0 (with mmap, each audit commit made every other connection unmap
 * and re-fault its whole mapping; see db.c open_connection). Checked on the
 * connection of the main thread and on one opened by another thread, as the
 * workers and the audit writer open theirs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

static long long pragma_int(const char *sql)
{
	sqlite3_stmt *st = db_stmt(sql);
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

static void check_connection(void)
{
	sqlite3_stmt *st = db_stmt("PRAGMA journal_mode");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_reset(st);
	assert_int_equal(pragma_int("PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(pragma_int("PRAGMA mmap_size"), 0);
}

static void *other_thread(void *arg)
{
	(void)arg;
	check_connection();
	return NULL;
}

static void test_pragmas(void **state)
{
	(void)state;
	char path[] = "/tmp/kr-pragmas-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_true(db_init(path));
	check_connection();
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
	pthread_join(t, NULL);
	db_close_all();
	unlink(path);
	char side[300];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pragmas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
