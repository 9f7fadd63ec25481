/*
 * test_migrate.c — the embedded migrations are numbered 1..N (a gap would be
 * skipped forever by databases already past it) and apply cleanly, in order, to
 * an empty database; applying again changes nothing; audit_log refuses changes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"

static void test_numbering(void **state)
{
	(void)state;
	char err[256] = "";
	assert_true(migrate_check_embedded(err, sizeof err));
	assert_true(migrate_latest() >= 1);
}

static void test_apply(void **state)
{
	(void)state;
	char path[] = "/tmp/kr-migrate-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_true(db_init(path));
	assert_true(migrate_run(false));
	sqlite3_stmt *st = db_stmt("PRAGMA user_version");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), migrate_latest());
	sqlite3_reset(st);
	assert_true(migrate_run(false));
	assert_true(db_exec_script("INSERT INTO audit_append (at, action, outcome) VALUES ('x', 'test', 'allowed')"));
	assert_false(db_exec_script("INSERT INTO audit_log (at, action, outcome) VALUES ('x', 'test', 'allowed')"));
	assert_false(db_exec_script("DELETE FROM audit_log"));
	assert_false(db_exec_script("UPDATE audit_log SET action = 'y'"));
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
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_apply),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
