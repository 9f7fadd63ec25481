/*
 * test_flash.c — the per-session one-time message and failed-POST page
 * (server/flash.c): shown once, only to its own session, only for its path,
 * dropped on request, and not kept without a session.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "server/flash.h"

static unsigned char session_a[32] = {1}, session_b[32] = {2};

static request *new_request(arena *a, const unsigned char *session, const char *path)
{
	request *rq = arena_alloc(a, sizeof *rq);
	rq->a = a;
	rq->session_hash = session;
	rq->path = path;
	return rq;
}

static void test_message_once_and_own_session(void **state)
{
	(void)state;
	arena *a = arena_new();
	flash_clear_all();
	flash_set(new_request(a, session_a, "/x"), "Opgeslagen.");
	flash_message m;
	assert_false(flash_take(new_request(a, session_b, "/"), &m));
	assert_true(flash_take(new_request(a, session_a, "/"), &m));
	assert_string_equal(m.message, "Opgeslagen.");
	assert_null(m.code);
	assert_false(flash_take(new_request(a, session_a, "/"), &m));
	flash_set_code(new_request(a, session_a, "/x"), "Link:", "http://x/wachtwoord?t=1");
	assert_true(flash_take(new_request(a, session_a, "/"), &m));
	assert_string_equal(m.code, "http://x/wachtwoord?t=1");
	flash_set(new_request(a, NULL, "/x"), "zonder sessie");
	assert_false(flash_take(new_request(a, NULL, "/"), &m));
	arena_free(a);
}

static void test_page_replayed_for_its_path_until_forgotten(void **state)
{
	(void)state;
	arena *a = arena_new();
	flash_clear_all();
	request *post = new_request(a, session_a, "/overdrachten/nieuw");
	sb_init(&post->res.body, a);
	sb_puts(&post->res.body, "<p>Vul de naam in.</p>");
	post->res.status = 422;
	assert_true(flash_keep_page(post, "/overdrachten/nieuw"));
	request *other_session = new_request(a, session_b, "/overdrachten/nieuw");
	assert_false(flash_replay_page(other_session));
	request *other_path = new_request(a, session_a, "/overdrachten");
	assert_false(flash_replay_page(other_path));
	for (int reload = 0; reload < 2; reload++) {
		request *get = new_request(a, session_a, "/overdrachten/nieuw");
		assert_true(flash_replay_page(get));
		assert_int_equal(get->res.status, 422);
		assert_string_equal(get->res.body.data, "<p>Vul de naam in.</p>");
	}
	flash_forget_page(new_request(a, session_a, "/"), "/overdrachten/nieuw");
	assert_true(flash_replay_page(new_request(a, session_a, "/overdrachten/nieuw")));
	flash_forget_page(new_request(a, session_a, "/"), NULL);
	assert_false(flash_replay_page(new_request(a, session_a, "/overdrachten/nieuw")));
	assert_false(flash_keep_page(new_request(a, NULL, "/x"), "/x"));
	arena_free(a);
}

static void test_full_table_evicts_the_oldest(void **state)
{
	(void)state;
	arena *a = arena_new();
	flash_clear_all();
	unsigned char s[32] = {0};
	for (unsigned i = 0; i < 600; i++) {
		memcpy(s, &i, sizeof i);
		s[31] = 9;
		unsigned char *copy = arena_alloc(a, 32);
		memcpy(copy, s, 32);
		flash_set(new_request(a, copy, "/"), "x");
	}
	flash_message m;
	for (unsigned i = 0; i < 600 - 512; i++) { /* the 88 least recently used went */
		memcpy(s, &i, sizeof i);
		assert_false(flash_take(new_request(a, s, "/"), &m));
	}
	for (unsigned i = 600 - 512; i < 600; i++) {
		memcpy(s, &i, sizeof i);
		assert_true(flash_take(new_request(a, s, "/"), &m));
	}
	flash_clear_all();
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_message_once_and_own_session),
		cmocka_unit_test(test_page_replayed_for_its_path_until_forgotten),
		cmocka_unit_test(test_full_table_evicts_the_oldest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
