/*
 * test_case_search.c — unit tests for the FTS5 query built from what a user types
 * in the case search (store/case_search.c): words become quoted prefix terms, all
 * required; FTS5 syntax (quotes, operators, NEAR, column filters) never survives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "store/case_search.h"
#include "util/arena.h"

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static void test_words_become_prefix_terms(void **state)
{
	arena *a = *state;
	assert_string_equal(case_search_query(a, "muller"), "\"muller\"*");
	assert_string_equal(case_search_query(a, "  De Vries "), "\"De\"* \"Vries\"*");
	assert_string_equal(case_search_query(a, "Müller-Smeets"), "\"Müller\"* \"Smeets\"*");
	assert_string_equal(case_search_query(a, "Aydın"), "\"Aydın\"*");
}

static void test_syntax_is_removed(void **state)
{
	arena *a = *state;
	assert_string_equal(case_search_query(a, "\" OR 1=1 -- NEAR(*"), "\"OR\"* \"1\"* \"1\"* \"NEAR\"*");
	assert_string_equal(case_search_query(a, "name:vries^"), "\"name\"* \"vries\"*");
	assert_null(case_search_query(a, ""));
	assert_null(case_search_query(a, " \"*()-^: "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_words_become_prefix_terms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_is_removed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
