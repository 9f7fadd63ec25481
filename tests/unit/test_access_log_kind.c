/*
 * test_access_log_kind.c — the access-log reports name a row's kind in C
 * (access_log_kind_of, for the rows shown) and filter on it in SQL
 * (ACCESS_LOG_KIND_SQL): both must give the same kind for every audit row.
 * Every action and object type the daemon writes, plus unknown ones and no object
 * type, with and without a list of households, through both. (Neither log's
 * schema gives action or object_type a collation: SQL compares them as strcmp
 * does. A collation added to either would need this test to read the real table.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/access_log.h"

/* What the daemon writes (the routes' actions in server/routes.c, audit_event's
 * in auth/, pages/, retention/ and main.c), and a few it does not. */
static const char *const actions[] = {
	"view", "create", "update", "delete", "print", "export", "search", "login", "login_password", "logout",
	"password_set", "contact_set", "second_factor_enrol", "account_change_confirm", "account_change_refuse",
	"admin_norms_save", "admin_organisation_save", "admin_user_create", "admin_user_deactivate",
	"admin_user_reset_link", "admin_user_second_factor_reset", "admin_user_update", "audit_guard_restore",
	"legal_hold", "", "VIEW", "views", NULL};
/* NO_OBJECT stands for a row without an object type (NULL in SQL, "" in C, as the
 * report reads it: db_text). */
static const char NO_OBJECT[] = "(null)";
static const char *const object_types[] = {
	"case", "handover", "case_list", "handover_list", "start_page_panel", "access_log", "household_export",
	"privacy_search", "user_access_log", "person", "session", "user", "organisation", "setting",
	"handover_figures", "audit_log", "", "CASE_LIST", NO_OBJECT, NULL};

static size_t count(const char *const *list)
{
	size_t n = 0;
	while (list[n])
		n++;
	return n;
}

static void test_c_and_sql_agree(void **state)
{
	(void)state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT " ACCESS_LOG_KIND_SQL
	                                    " FROM (SELECT ?1 AS action, ?2 AS object_type, ?3 AS households) a",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	int checked = 0, lists = 0;
	for (size_t i = 0; actions[i]; i++)
		for (size_t j = 0; object_types[j]; j++)
			for (int listed = 0; listed < 2; listed++) {
				sqlite3_bind_text(st, 1, actions[i], -1, SQLITE_STATIC);
				bool no_object = object_types[j] == NO_OBJECT;
				if (no_object)
					sqlite3_bind_null(st, 2);
				else
					sqlite3_bind_text(st, 2, object_types[j], -1, SQLITE_STATIC);
				if (listed)
					sqlite3_bind_text(st, 3, "12 13", -1, SQLITE_STATIC);
				else
					sqlite3_bind_null(st, 3);
				assert_int_equal(sqlite3_step(st), SQLITE_ROW);
				const char *in_sql = (const char *)sqlite3_column_text(st, 0);
				const char *in_c = access_log_kind_of(actions[i], no_object ? "" : object_types[j], listed);
				if (strcmp(in_sql, in_c) != 0)
					fail_msg("action '%s', object '%s', list %d: SQL '%s', C '%s'", actions[i],
					         object_types[j], listed, in_sql, in_c);
				lists += strcmp(in_c, "lijst") == 0;
				checked++;
				sqlite3_reset(st);
			}
	sqlite3_finalize(st);
	sqlite3_close(db);
	size_t na = count(actions), no = count(object_types);
	assert_int_equal(checked, (int)(na * no * 2));
	assert_int_equal(lists, (int)no + 3); /* every listed view, and the three list objects unlisted */
}

/* every kind the report offers as a filter is one the rows can have */
static void test_every_filter_kind_occurs(void **state)
{
	(void)state;
	for (size_t k = 0; access_log_kinds[k]; k++) {
		bool found = false;
		for (size_t i = 0; actions[i] && !found; i++)
			for (size_t j = 0; object_types[j] && !found; j++)
				for (int listed = 0; listed < 2 && !found; listed++)
					found = strcmp(access_log_kind_of(actions[i], object_types[j], listed),
					               access_log_kinds[k]) == 0;
		if (!found)
			fail_msg("no row has kind '%s'", access_log_kinds[k]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c_and_sql_agree),
		cmocka_unit_test(test_every_filter_kind_occurs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
