/*
 * test_db_pragmas.c — every connection db.c opens is durable and reads without
 * mmap: WAL with synchronous=FULL (an acknowledged commit is on disk), and
 * mmap_size 0 (with mmap, each audit commit made every other connection unmap
 * and re-fault its whole mapping; see db.c open_connection). Checked on the
 * connection of the main thread and on one opened by another thread, as the
 * workers and the audit writer open theirs, and on the read log's connection.
 * The read log is checkpointed by db_readlog_checkpoint_if_due(), never inside a
 * commit (whose waiters would wait for the checkpoint too).
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
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"

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

static void remove_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", ".readlog", ".readlog-wal", ".readlog-shm"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char side[300];
		snprintf(side, sizeof side, "%s%s", path, suffixes[i]);
		unlink(side);
	}
}

/* A new, empty database file named from the mkstemp template in path, opened by db.c. */
static void open_new_database(char *path)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_true(db_init(path));
}

static void test_pragmas(void **state)
{
	(void)state;
	char path[] = "/tmp/kr-pragmas-XXXXXX";
	open_new_database(path);
	check_connection();
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
	pthread_join(t, NULL);
	assert_true(migrate_run(false)); /* the read log names its database (its setting table) */
	assert_true(db_readlog_init());
	db_readlog_enter();
	check_connection();
	db_readlog_leave();
	/* memory statistics off (db_init): SQLite counted none of the bytes the
	 * connections, migrations and statements above allocated */
	sqlite3_int64 now = -1, most = -1;
	assert_int_equal(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &now, &most, 0), SQLITE_OK);
	assert_true(sqlite3_memory_used() == 0 && most == 0);
	db_close_all();
	remove_files(path);
}

static long long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

static void test_readlog_checkpoint_after_commit(void **state)
{
	(void)state;
	char path[] = "/tmp/kr-pragmas-XXXXXX";
	open_new_database(path);
	assert_true(migrate_run(false));
	assert_true(db_readlog_init());
	db_readlog_enter();
	/* this test is about when the checkpoint runs, not about durability: no fsync */
	assert_true(db_exec_script("PRAGMA synchronous=OFF; CREATE TABLE scratch (x BLOB)"));
	assert_false(db_readlog_checkpoint_if_due());
	/* 1,100 commits of a page each: SQLite's automatic checkpoint would have run at
	 * 1,000 frames and restarted the WAL; here it grows past that */
	for (int i = 0; i < 1100; i++) {
		assert_true(db_begin());
		sqlite3_stmt *st = db_stmt("INSERT INTO scratch (x) VALUES (zeroblob(3000))");
		assert_true(db_done(st));
		assert_true(db_commit());
	}
	char wal[300];
	snprintf(wal, sizeof wal, "%s.readlog-wal", path);
	assert_true(file_size(wal) > 1050LL * 4096);
	assert_true(db_readlog_checkpoint_if_due());
	assert_false(db_readlog_checkpoint_if_due());
	db_readlog_leave();
	db_close_all();
	remove_files(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pragmas),
		cmocka_unit_test(test_readlog_checkpoint_after_commit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
