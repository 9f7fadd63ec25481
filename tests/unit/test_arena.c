/*
 * test_arena.c — the per-request arena and the string buffer built on it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "util/arena.h"
#include "util/strbuf.h"

static void test_alloc_zeroed_and_aligned(void **state)
{
	(void)state;
	arena *a = arena_new();
	for (size_t n = 1; n < 5000; n += 97) {
		unsigned char *p = arena_alloc(a, n);
		assert_true(((uintptr_t)p % 16) == 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n);
	}
	assert_true(arena_used(a) >= 5000);
	arena_free(a);
}

static void test_large_allocations(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *big = arena_alloc(a, 3 * 1024 * 1024);
	memset(big, 'x', 3 * 1024 * 1024);
	char *small = arena_strdup(a, "na groot blok");
	assert_string_equal(small, "na groot blok");
	assert_int_equal(big[3 * 1024 * 1024 - 1], 'x');
	arena_free(a);
}

static void test_strings(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_null(arena_strdup(a, NULL));
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_string_equal(arena_printf(a, "%s-%d", "fase", 3), "fase-3");
	char *long_s = arena_printf(a, "%05000d", 7);
	assert_int_equal(strlen(long_s), 5000);
	arena_free(a);
	arena_free(NULL);
}

/* arena_str_int gives what printf gives, at the ends of int64 too */
static void test_str_int(void **state)
{
	(void)state;
	arena *a = arena_new();
	const int64_t values[] = {0, 7, -7, 10, 1234567890123LL, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char want[64];
		snprintf(want, sizeof want, "casus %lld", (long long)values[i]);
		assert_string_equal(arena_str_int(a, "casus", " ", values[i]), want);
		snprintf(want, sizeof want, "%lld", (long long)values[i]);
		assert_string_equal(arena_str_int(a, "", "", values[i]), want);
	}
	arena_free(a);
}

static void test_strbuf_growth(void **state)
{
	(void)state;
	arena *a = arena_new();
	strbuf sb;
	sb_init(&sb, a);
	for (int i = 0; i < 10000; i++)
		sb_putc(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 10000);
	assert_int_equal(strlen(sb.data), 10000);
	sb_printf(&sb, "[%d]", 42);
	assert_string_equal(sb.data + 10000, "[42]");
	sb_append(&sb, "x\0y", 3);
	assert_int_equal(sb.len, 10007);
	arena_free(a);
}

static void test_grow(void **state)
{
	(void)state;
	arena *a = arena_new();
	size_t cap = 0;
	int *list = NULL;
	for (int i = 0; i < 1000; i++) {
		list = arena_grow(a, list, (size_t)i, &cap, sizeof *list);
		list[i] = i * 3;
	}
	assert_true(cap >= 1000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(list[i], i * 3); /* earlier items moved along */
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_zeroed_and_aligned),
		cmocka_unit_test(test_large_allocations),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_str_int),
		cmocka_unit_test(test_strbuf_growth),
		cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
