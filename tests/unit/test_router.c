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

/* What router_allows answers, by a plain walk of the table without the router's
 * first-character skip: the first route whose pattern and method match. */
static bool allows_by_walk(const char *method, const char *path, unsigned roles)
{
	int64_t ids[MAX_PATH_IDS];
	size_t n;
	for (size_t i = 0; i < routes_count; i++)
		if (router_match(routes[i].pattern, path, ids, &n) && strcmp(routes[i].method, method) == 0)
			return (routes[i].roles & ROLE_PUBLIC) || (routes[i].roles & roles);
	return false;
}

/* The router's lookup decides as the plain walk does for a path made from every
 * route's pattern ({id} as 7, * as a name) and for paths no route has, for every
 * role alone and for none: skipping routes by their first character loses none. */
static void test_lookup_as_walk(void **state)
{
	(void)state;
	static const char *const extra[] = {"/", "", "x", "/x", "/{id}", "/*", "/casussen/", "/casussen/1/",
	                                    "/static/", "//", NULL};
	for (size_t i = 0; i < routes_count + 11; i++) {
		char path[512];
		const char *method = "GET";
		if (i < routes_count) {
			size_t k = 0;
			for (const char *p = routes[i].pattern; *p && k < sizeof path - 8; p++) {
				if (strncmp(p, "{id}", 4) == 0) {
					path[k++] = '7';
					p += 3;
				} else if (*p == '*') {
					memcpy(path + k, "app.css", 7);
					k += 7;
				} else {
					path[k++] = *p;
				}
			}
			path[k] = '\0';
			method = routes[i].method;
			/* the route (or one before it) is found for its own roles */
			assert_true(router_allows(method, path, routes[i].roles & ROLES_ALL) || !allows_by_walk(method, path, ROLES_ALL));
		} else {
			if (!extra[i - routes_count])
				continue;
			strcpy(path, extra[i - routes_count]);
		}
		for (int b = -1; b < 32; b++) {
			unsigned roles = b < 0 ? 0 : 1u << b;
			assert_int_equal(router_allows(method, path, roles), allows_by_walk(method, path, roles));
			assert_int_equal(router_allows("POST", path, roles), allows_by_walk("POST", path, roles));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_table_is_safe),
		cmocka_unit_test(test_allows),
		cmocka_unit_test(test_lookup_as_walk),
		cmocka_unit_test(test_home_panels_are_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
