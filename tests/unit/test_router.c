/*
 * test_router.c — path matching and the route table's invariants (default deny,
 * client data only for client roles, access functions present).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "store/roles.h"
#include "pages/pages.h"
#include "server/router.h"

static void test_match(void **state)
{
	(void)state;
	int64_t ids[MAX_PATH_IDS];
	size_t n;
	assert_true(router_match("/", "/", ids, &n));
	assert_false(router_match("/", "/x", ids, &n));
	assert_true(router_match("/casussen/{id}", "/casussen/42", ids, &n));
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], 42);
	assert_true(router_match("/a/{id}/b/{id}", "/a/1/b/2", ids, &n));
	assert_int_equal(n, 2);
	assert_int_equal(ids[1], 2);
	assert_false(router_match("/casussen/{id}", "/casussen/0", ids, &n));
	assert_false(router_match("/casussen/{id}", "/casussen/-1", ids, &n));
	assert_false(router_match("/casussen/{id}", "/casussen/1x", ids, &n));
	assert_false(router_match("/casussen/{id}", "/casussen/", ids, &n));
	assert_false(router_match("/casussen/{id}", "/casussen/1/", ids, &n));
	assert_false(router_match("/casussen/{id}", "/casussen/99999999999999999999", ids, &n));
	assert_true(router_match("/static/*", "/static/app.css", ids, &n));
	assert_false(router_match("/static/*", "/static/", ids, &n));
	assert_false(router_match("/static/*", "/static/../x", ids, &n));
	assert_false(router_match("/static/*", "/static//etc", ids, &n));
}

static void test_table_is_safe(void **state)
{
	(void)state;
	char err[256] = "";
	assert_true(router_check_table(err, sizeof err));
	for (size_t i = 0; i < routes_count; i++) {
		const route *r = &routes[i];
		assert_true(r->roles != 0);
		if (r->flags & ROUTE_CLIENT_DATA) {
			assert_int_equal(r->roles & ~CLIENT_DATA_ROLES, 0);
			assert_false(r->roles & ROLE_PUBLIC);
		}
	}
}

static void test_home_panels_are_safe(void **state)
{
	(void)state;
	char err[256] = "";
	assert_true(home_panels_check(err, sizeof err));
}

static void test_allows(void **state)
{
	(void)state;
	assert_true(router_allows("GET", "/beheer", ROLE_BEHEERDER));
	assert_false(router_allows("GET", "/beheer", ROLE_VT | ROLE_TEAMLEIDER | ROLE_SECRETARIS));
	assert_true(router_allows("GET", "/login", 0));
	assert_false(router_allows("GET", "/bestaat-niet", ROLES_ALL));
	assert_false(router_allows("DELETE", "/beheer", ROLE_BEHEERDER));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_table_is_safe),
		cmocka_unit_test(test_allows),
		cmocka_unit_test(test_home_panels_are_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
