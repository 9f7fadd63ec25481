/*
 * test_answer_keep.c — a parked request keeps its answer and nothing else
 * (server/answer_keep.h): the body byte for byte at its exact size, status, type,
 * headers and what an error page in its place needs, in an arena a fraction of
 * the request's; the request's own arena is freed (ASan would see a later use).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "server/answer_keep.h"

enum { BODY = 54 * 1024 };

static request *answered_request(void)
{
	arena *a = arena_new();
	request *rq = arena_alloc(a, sizeof *rq);
	rq->a = a;
	rq->method = arena_strdup(a, "GET");
	rq->path = arena_strdup(a, "/overdrachten");
	rq->remote_addr = arena_strdup(a, "127.0.0.1");
	rq->own_origin = arena_strdup(a, "http://127.0.0.1:8080");
	rq->csrf = arena_strdup(a, "c5rf");
	auth_user *u = arena_alloc(a, sizeof *u);
	u->id = 7;
	u->username = arena_strdup(a, "teamleider");
	u->name = arena_strdup(a, "Tineke Leider");
	u->org_name = arena_strdup(a, "Wijkteam Noord");
	u->roles = 3;
	rq->user = u;
	/* what a list page reads and renders: rows and values, then a page that
	 * grew by doubling */
	for (int i = 0; i < 2000; i++)
		arena_printf(a, "row %d of a decade list with its names and dates", i);
	sb_init(&rq->res.body, a);
	for (int i = 0; rq->res.body.len < BODY; i++)
		sb_printf(&rq->res.body, "<tr><td>%d</td><td>gezin &amp; co</td></tr>\n", i);
	rq->res.status = 200;
	rq->res.content_type = "text/html; charset=utf-8";
	response_add_header(rq, "Set-Cookie", arena_strdup(a, "kr_notice=; Max-Age=0"));
	return rq;
}

static void keeps_the_answer_exactly(void **state)
{
	(void)state;
	request *rq = answered_request();
	size_t before = arena_used(rq->a);
	char *expect = strdup(rq->res.body.data);
	size_t len = rq->res.body.len;
	request *k = answer_keep(rq);
	assert_int_equal(k->res.status, 200);
	assert_string_equal(k->res.content_type, "text/html; charset=utf-8");
	assert_int_equal(k->res.body.len, len);
	assert_memory_equal(k->res.body.data, expect, len + 1);
	assert_int_equal(k->res.nheaders, 1);
	assert_string_equal(k->res.headers[0].name, "Set-Cookie");
	assert_string_equal(k->res.headers[0].value, "kr_notice=; Max-Age=0");
	assert_string_equal(k->method, "GET");
	assert_string_equal(k->path, "/overdrachten");
	assert_string_equal(k->user->username, "teamleider");
	assert_string_equal(k->user->org_name, "Wijkteam Noord");
	assert_int_equal(k->user->roles, 3);
	assert_string_equal(k->csrf, "c5rf");
	assert_null(k->session_hash);
	/* the body and a few strings, not the rows and the doubling buffers */
	assert_true(arena_used(k->a) < len + 2048);
	assert_true(arena_used(k->a) * 2 < before);
	free(expect);
	arena_free(k->a);
}

static void an_empty_answer_without_user_is_kept(void **state)
{
	(void)state;
	arena *a = arena_new();
	request *rq = arena_alloc(a, sizeof *rq);
	rq->a = a;
	rq->method = "GET";
	rq->path = "/";
	sb_init(&rq->res.body, a);
	rq->res.status = 303;
	request *k = answer_keep(rq);
	assert_int_equal(k->res.status, 303);
	assert_int_equal(k->res.body.len, 0);
	assert_string_equal(k->res.body.data, "");
	assert_null(k->user);
	assert_null(k->res.content_type);
	arena_free(k->a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeps_the_answer_exactly),
		cmocka_unit_test(an_empty_answer_without_user_is_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
