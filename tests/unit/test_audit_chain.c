/*
 * test_audit_chain.c — the audit_log hash chain: the canonical hash, rows
 * appended through audit_append verify, a rewritten, replaced or deleted row is
 * named, the guards refuse REPLACE and unchained rows, the migration's guard text
 * is what audit_guard.c compares, rows from before the chain are sealed by the
 * migration, and the request transaction commits a change with its record or
 * neither.
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

#include <sodium.h>

#include "store/audit_chain.h"
#include "store/audit_guard.h"
#include "store/db.h"
#include "store/migrate.h"
#include "util/embedded.h"

static char path[] = "/tmp/kr-chain-XXXXXX";

static void open_fresh(bool migrate_all)
{
	strcpy(path, "/tmp/kr-chain-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_true(db_init(path));
	if (migrate_all)
		assert_true(migrate_run(false));
}

static void close_and_remove(void)
{
	db_close_all();
	unlink(path);
	char side[300];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static void append(const char *action, const char *detail)
{
	assert_true(db_begin());
	sqlite3_stmt *st = db_stmt("INSERT INTO audit_append (at, username, action, outcome, detail)"
	                           " VALUES ('2026-11-27T20:00:00.000Z', 'tester', ?1, 'allowed', ?2)");
	sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, detail, -1, SQLITE_STATIC);
	assert_true(db_done(st));
	assert_true(db_commit());
}

static int64_t verify(int64_t *rows)
{
	int64_t bad = -1, n = 0;
	char why[200];
	bool ok = audit_chain_verify(db_conn(), &bad, why, sizeof why, &n);
	if (rows)
		*rows = n;
	assert_true(ok == (bad == 0));
	return bad;
}

static void test_hash_is_canonical(void **state)
{
	(void)state;
	const char *names[] = {"id", "at", "detail", "later"};
	audit_chain_value v[4] = {
		{.type = SQLITE_INTEGER, .i = 7},
		{.type = SQLITE_TEXT, .bytes = "2026", .len = 4},
		{.type = SQLITE_TEXT, .bytes = "x", .len = 1},
		{.type = SQLITE_NULL},
	};
	unsigned char a[AUDIT_HASH_BYTES], b[AUDIT_HASH_BYTES], prev[AUDIT_HASH_BYTES] = {1};
	audit_chain_hash(prev, sizeof prev, names, v, 4, a);
	audit_chain_hash(prev, sizeof prev, names, v, 3, b);
	assert_memory_equal(a, b, sizeof a); /* a column added later, NULL here, changes nothing */
	v[2].bytes = "y";
	audit_chain_hash(prev, sizeof prev, names, v, 4, b);
	assert_memory_not_equal(a, b, sizeof a);
	v[2].bytes = "x";
	v[0].i = 8;
	audit_chain_hash(prev, sizeof prev, names, v, 4, b);
	assert_memory_not_equal(a, b, sizeof a);
	v[0].i = 7;
	prev[0] = 2;
	audit_chain_hash(prev, sizeof prev, names, v, 4, b);
	assert_memory_not_equal(a, b, sizeof a);
	/* text "7" is not the integer 7; a field moved to another name is another row */
	audit_chain_value t[1] = {{.type = SQLITE_TEXT, .bytes = "7", .len = 1}};
	audit_chain_value i[1] = {{.type = SQLITE_INTEGER, .i = 7}};
	audit_chain_hash(NULL, 0, names, t, 1, a);
	audit_chain_hash(NULL, 0, names, i, 1, b);
	assert_memory_not_equal(a, b, sizeof a);
	audit_chain_hash(NULL, 0, names + 1, i, 1, a);
	assert_memory_not_equal(a, b, sizeof a);
}

static void test_chain_names_first_bad_row(void **state)
{
	(void)state;
	open_fresh(true);
	char names[200];
	assert_int_equal(audit_guards_missing(db_conn(), names, sizeof names), 0); /* migration text == C text */
	for (int i = 1; i <= 5; i++)
		append("view", i == 3 ? "drie" : "iets");
	int64_t rows;
	assert_int_equal(verify(&rows), 0);
	assert_int_equal(rows, 5);

	/* the guards: no UPDATE, DELETE, REPLACE or row outside the chain */
	assert_false(db_exec_script("UPDATE audit_log SET detail = 'x' WHERE id = 3"));
	assert_false(db_exec_script("DELETE FROM audit_log WHERE id = 5"));
	assert_false(db_exec_script("INSERT OR REPLACE INTO audit_log (id, at, action, outcome, prev_hash, row_hash)"
	                            " SELECT 3, at, action, outcome, prev_hash, row_hash FROM audit_log WHERE id = 3"));
	assert_false(db_exec_script("REPLACE INTO audit_log (id, at, action, outcome) VALUES (2, 'x', 'y', 'allowed')"));
	assert_false(db_exec_script("INSERT INTO audit_log (at, action, outcome) VALUES ('x', 'y', 'allowed')"));
	assert_int_equal(verify(&rows), 0);
	assert_int_equal(rows, 5);

	/* triggers dropped, row 3 rewritten: row 3 named; put back: whole again */
	assert_true(db_exec_script("DROP TRIGGER audit_log_no_update"));
	assert_int_equal(audit_guards_missing(db_conn(), names, sizeof names), 1);
	assert_string_equal(names, "audit_log_no_update");
	assert_true(db_exec_script("UPDATE audit_log SET detail = 'anders' WHERE id = 3"));
	assert_int_equal(verify(NULL), 3);
	assert_true(db_exec_script("UPDATE audit_log SET detail = 'drie' WHERE id = 3"));
	assert_int_equal(verify(NULL), 0);
	/* rewritten with a recomputed hash of its own: the next row no longer links */
	assert_true(db_exec_script("UPDATE audit_log SET detail = 'anders', row_hash = kr_audit_row_hash(prev_hash,"
	                           " 'id', id, 'at', at, 'username', username, 'action', action, 'outcome', outcome,"
	                           " 'detail', 'anders') WHERE id = 3"));
	assert_int_equal(verify(NULL), 4);
	assert_true(db_exec_script("UPDATE audit_log SET detail = 'drie', row_hash = kr_audit_row_hash(prev_hash,"
	                           " 'id', id, 'at', at, 'username', username, 'action', action, 'outcome', outcome,"
	                           " 'detail', 'drie') WHERE id = 3"));
	assert_int_equal(verify(NULL), 0);

	/* restored guards refuse again */
	assert_int_equal(audit_guards_restore(db_conn(), names, sizeof names), 1);
	assert_int_equal(audit_guards_missing(db_conn(), names, sizeof names), 0);
	assert_false(db_exec_script("UPDATE audit_log SET detail = 'x' WHERE id = 3"));

	/* a changed guard (same name, harmless text) counts as missing */
	assert_true(db_exec_script("DROP TRIGGER audit_log_no_delete;"
	                           "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0"
	                           " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"));
	assert_int_equal(audit_guards_missing(db_conn(), names, sizeof names), 1);
	/* a deleted row: the row after it is named */
	assert_true(db_exec_script("DELETE FROM audit_log WHERE id = 2"));
	assert_int_equal(verify(NULL), 3);
	close_and_remove();
}

/* Rows written before the chain existed are chained by migration 0015 with the
 * same fields as the trigger: the whole chain verifies, and grows on. */
static void test_migration_seals_old_rows(void **state)
{
	(void)state;
	open_fresh(false);
	int chain_version = 0;
	for (size_t i = 0; i < embedded_migrations.count; i++)
		if (strstr(embedded_migrations.files[i].name, "_audit_chain.sql"))
			chain_version = (int)i + 1;
	assert_true(chain_version > 1);
	assert_true(db_begin());
	for (int i = 0; i < chain_version - 1; i++)
		assert_true(db_exec_script((const char *)embedded_migrations.files[i].data));
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", chain_version - 1);
	assert_true(db_exec_script(pragma));
	assert_true(db_exec_script(
		"INSERT INTO audit_log (at, user_id, username, role, organisation_id, action, object_type, object_id,"
		" household_id, address, outcome, detail) VALUES"
		" ('2025-01-01T00:00:00.000Z', 4, 'vt', 'vt', 2, 'view', 'handover', 9, 3, '127.0.0.1', 'allowed', 'a'),"
		" ('2025-01-01T00:00:01.000Z', NULL, 'cli', NULL, NULL, 'restore', NULL, NULL, NULL, 'cli', 'allowed', NULL),"
		" ('2025-01-01T00:00:02.000Z', 5, 'x', 'partner', 3, 'view', 'case', 1, 3, '::1', 'refused', 'b')"));
	assert_true(db_commit());
	assert_true(migrate_run(false));
	int64_t rows;
	assert_int_equal(verify(&rows), 0);
	assert_int_equal(rows, 3);
	append("view", "na de migratie");
	assert_int_equal(verify(&rows), 0);
	assert_int_equal(rows, 4);
	close_and_remove();
}

static int64_t count_rows(const char *table_sql)
{
	sqlite3_stmt *st = db_stmt(table_sql);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

/* The request transaction: a handler's begin/commit pairs become savepoints; the
 * change and the record commit together or not at all. */
static void test_request_transaction(void **state)
{
	(void)state;
	open_fresh(true);
	const char *settings = "SELECT count(*) FROM setting WHERE key LIKE 'test-%'";
	const char *audit = "SELECT count(*) FROM audit_log";

	db_request_begin();
	assert_false(db_request_wrote());
	assert_true(db_request_end(true)); /* nothing written, nothing to commit */

	db_request_begin();
	assert_true(db_begin());
	assert_true(db_request_wrote());
	assert_true(db_exec_script("INSERT INTO setting (key, value) VALUES ('test-a', '1')"));
	assert_true(db_commit()); /* a savepoint: not durable yet */
	append("create", "in the request");
	assert_true(db_request_end(false)); /* the record failed: everything goes */
	assert_int_equal(count_rows(settings), 0);
	assert_int_equal(count_rows(audit), 0);

	db_request_begin();
	assert_true(db_begin());
	assert_true(db_exec_script("INSERT INTO setting (key, value) VALUES ('test-b', '1')"));
	assert_true(db_commit());
	assert_true(db_begin());
	assert_true(db_exec_script("INSERT INTO setting (key, value) VALUES ('test-c', '1')"));
	db_rollback(); /* the handler's own rollback undoes only its part */
	append("create", "in the request");
	assert_true(db_request_end(true));
	assert_int_equal(count_rows(settings), 1);
	assert_int_equal(count_rows(audit), 1);

	/* a savepoint left open is undone and the request does not commit */
	db_request_begin();
	assert_true(db_begin());
	assert_true(db_exec_script("INSERT INTO setting (key, value) VALUES ('test-d', '1')"));
	assert_false(db_request_end(true));
	assert_int_equal(count_rows(settings), 1);
	/* and the writer mutex is free again */
	assert_true(db_begin());
	assert_true(db_commit());
	assert_int_equal(verify(NULL), 0);
	close_and_remove();
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_is_canonical),
		cmocka_unit_test(test_chain_names_first_bad_row),
		cmocka_unit_test(test_migration_seals_old_rows),
		cmocka_unit_test(test_request_transaction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
