/*
 * test_net_guard.c — the connection guard (deadline, eviction per address and in
 * total, never a connection whose request is being answered) on real socket pairs,
 * and the Host and path checks of host_check.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/conn_guard.h"
#include "server/host_check.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct pair {
	int server; /* the end the guard sees */
	int client; /* tells whether the server end was shut down */
	conn_entry *e;
} pair;

static struct sockaddr_in addr(const char *ip)
{
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	inet_pton(AF_INET, ip, &sa.sin_addr);
	return sa;
}

static void open_pair(pair *p, const char *ip, uint64_t now)
{
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	p->server = sv[0];
	p->client = sv[1];
	struct sockaddr_in sa = addr(ip);
	p->e = conn_guard_open(p->server, (struct sockaddr *)&sa, now);
	assert_non_null(p->e);
}

/* Was the server end shut down? (the client then reads end-of-file at once) */
static bool was_shut(const pair *p)
{
	char c;
	ssize_t n = recv(p->client, &c, 1, MSG_DONTWAIT);
	return n == 0;
}

static void close_pair(pair *p)
{
	conn_guard_close(p->e);
	close(p->server);
	close(p->client);
}

static void test_deadline(void **state)
{
	(void)state;
	conn_guard_init(100, 100, 10000);
	pair slow, answered, later;
	open_pair(&slow, "10.0.0.1", 1000);
	open_pair(&answered, "10.0.0.2", 1000);
	open_pair(&later, "10.0.0.3", 5000);
	conn_guard_request_whole(answered.e);
	assert_int_equal(conn_guard_sweep(10999), 0);
	assert_false(was_shut(&slow));
	assert_int_equal(conn_guard_sweep(11000), 1);
	assert_true(was_shut(&slow));
	assert_false(was_shut(&answered)); /* being answered: never shut */
	assert_false(was_shut(&later));
	/* After its answer the connection gets the deadline again, from then on. */
	conn_guard_request_done(answered.e, 12000);
	assert_int_equal(conn_guard_sweep(15000), 1); /* later: 5000 + 10000 */
	assert_true(was_shut(&later));
	assert_false(was_shut(&answered));
	assert_int_equal(conn_guard_sweep(22000), 1);
	assert_true(was_shut(&answered));
	assert_int_equal(conn_guard_sweep(30000), 0); /* each once */
	conn_guard_stats s = conn_guard_get_stats();
	assert_int_equal(s.deadline_closed, 3);
	assert_int_equal(s.open, 0);
	close_pair(&slow);
	close_pair(&answered);
	close_pair(&later);
}

static void test_per_address_eviction(void **state)
{
	(void)state;
	enum { LIMIT = 4 };
	conn_guard_init(100, LIMIT, 60000);
	pair nat[LIMIT], other, colleague;
	for (int i = 0; i < LIMIT; i++)
		open_pair(&nat[i], "192.0.2.7", 1000 + (uint64_t)i);
	conn_guard_request_whole(nat[0].e); /* the oldest is being answered */
	open_pair(&other, "192.0.2.8", 1100);
	assert_false(was_shut(&other)); /* another address has its own share */
	/* A colleague behind the same address: the oldest waiting one makes room. */
	open_pair(&colleague, "192.0.2.7", 2000);
	assert_false(was_shut(&colleague));
	assert_false(was_shut(&nat[0]));
	assert_true(was_shut(&nat[1]));
	assert_false(was_shut(&nat[2]));
	assert_int_equal(conn_guard_get_stats().evicted, 1);
	for (int i = 0; i < LIMIT; i++)
		close_pair(&nat[i]);
	close_pair(&other);
	close_pair(&colleague);
	assert_int_equal(conn_guard_get_stats().open, 0);
}

static void test_headers_outlast_tricklers(void **state)
{
	(void)state;
	conn_guard_init(100, 3, 60000);
	pair colleague, body, trickler, fresh1, fresh2, fresh3;
	open_pair(&colleague, "192.0.2.9", 1000); /* oldest, but its headers are in */
	open_pair(&body, "192.0.2.9", 1001);
	open_pair(&trickler, "192.0.2.9", 1002);
	conn_guard_request_headers(colleague.e);
	conn_guard_request_headers(body.e);
	open_pair(&fresh1, "192.0.2.9", 1003);
	assert_true(was_shut(&trickler)); /* still no headers: goes first, though youngest */
	assert_false(was_shut(&colleague));
	assert_false(was_shut(&fresh1)); /* a newcomer is not its own victim while another can go */
	conn_guard_request_headers(fresh1.e);
	open_pair(&fresh2, "192.0.2.9", 1004);
	assert_true(was_shut(&colleague)); /* then the oldest whose body is still coming */
	conn_guard_request_whole(body.e);
	conn_guard_request_whole(fresh1.e);
	conn_guard_request_whole(fresh2.e);
	open_pair(&fresh3, "192.0.2.9", 1005);
	assert_true(was_shut(&fresh3)); /* all three being answered: the newcomer goes */
	close_pair(&colleague);
	close_pair(&body);
	close_pair(&trickler);
	close_pair(&fresh1);
	close_pair(&fresh2);
	close_pair(&fresh3);
}

static void test_refused_when_all_answered(void **state)
{
	(void)state;
	conn_guard_init(100, 2, 60000);
	pair a, b, c;
	open_pair(&a, "198.51.100.1", 1000);
	open_pair(&b, "198.51.100.1", 1001);
	conn_guard_request_whole(a.e);
	conn_guard_request_whole(b.e);
	open_pair(&c, "198.51.100.1", 1002);
	assert_true(was_shut(&c)); /* nothing could make room: the newcomer goes */
	assert_false(was_shut(&a));
	assert_false(was_shut(&b));
	assert_int_equal(conn_guard_get_stats().refused, 1);
	close_pair(&a);
	close_pair(&b);
	close_pair(&c);
}

static void test_total_limit(void **state)
{
	(void)state;
	conn_guard_init(3, 100, 60000);
	pair p[4];
	open_pair(&p[0], "203.0.113.1", 1000);
	open_pair(&p[1], "203.0.113.2", 1001);
	open_pair(&p[2], "203.0.113.3", 1002);
	conn_guard_request_done(p[0].e, 1500); /* p[0] answered a request: now the youngest */
	open_pair(&p[3], "203.0.113.4", 2000);
	assert_true(was_shut(&p[1]));
	assert_false(was_shut(&p[0]));
	assert_false(was_shut(&p[2]));
	assert_false(was_shut(&p[3]));
	for (int i = 0; i < 4; i++)
		close_pair(&p[i]);
}

static void test_hosts(void **state)
{
	(void)state;
	const char *lo = "127.0.0.1:8080";
	assert_true(host_allowed("127.0.0.1:8080", lo, NULL, NULL, false));
	assert_true(host_allowed("localhost:8080", lo, NULL, NULL, false));
	assert_true(host_allowed("LocalHost:8080", lo, NULL, NULL, false));
	assert_false(host_allowed("127.0.0.1", lo, NULL, NULL, false)); /* means port 80 */
	assert_false(host_allowed("127.0.0.1:8081", lo, NULL, NULL, false));
	assert_false(host_allowed("evil.example", lo, NULL, NULL, false));
	assert_false(host_allowed("evil.example:8080", lo, NULL, NULL, false));
	assert_false(host_allowed("127.0.0.1:8080@evil", lo, NULL, NULL, false));
	assert_false(host_allowed("127.0.0.1:", lo, NULL, NULL, false));
	assert_false(host_allowed(":8080", lo, NULL, NULL, false));
	assert_false(host_allowed("127.0.0.1:08080x", lo, NULL, NULL, false));
	assert_false(host_allowed("127.0.0.1:99999", lo, NULL, NULL, false));
	assert_false(host_allowed("", lo, NULL, NULL, false));
	assert_false(host_allowed(NULL, lo, NULL, NULL, false));
	/* Default ports. */
	assert_true(host_allowed("10.1.2.3", "10.1.2.3:80", NULL, NULL, false));
	assert_true(host_allowed("10.1.2.3", "10.1.2.3:443", NULL, NULL, true));
	assert_false(host_allowed("10.1.2.3", "10.1.2.3:443", NULL, NULL, false));
	/* Not loopback: no localhost. */
	assert_false(host_allowed("localhost:8080", "10.1.2.3:8080", NULL, NULL, false));
	/* Wildcard: the address the connection arrived on. */
	assert_true(host_allowed("10.1.2.3:443", "0.0.0.0:443", "10.1.2.3", NULL, true));
	assert_true(host_allowed("10.1.2.3", "0.0.0.0:443", "10.1.2.3", NULL, true));
	assert_false(host_allowed("10.9.9.9:443", "0.0.0.0:443", "10.1.2.3", NULL, true));
	assert_false(host_allowed("0.0.0.0:443", "0.0.0.0:443", NULL, NULL, true));
	assert_false(host_allowed("ketenregie.example.nl", "0.0.0.0:443", "10.1.2.3", NULL, true));
	/* The public origin. */
	const char *po = "https://ketenregie.example.nl";
	assert_true(host_allowed("ketenregie.example.nl", lo, NULL, po, false));
	assert_true(host_allowed("ketenregie.example.nl:443", lo, NULL, po, false));
	assert_false(host_allowed("ketenregie.example.nl:8443", lo, NULL, po, false));
	assert_false(host_allowed("evil.example", lo, NULL, po, false));
	assert_true(host_allowed("127.0.0.1:8080", lo, NULL, po, false)); /* what a proxy may pass on */
	assert_true(host_allowed("k.example:8443", lo, NULL, "https://k.example:8443", false));
	assert_true(host_allowed("ketenregie.example.nl", "0.0.0.0:443", "10.1.2.3", po, true));
}

static void test_paths(void **state)
{
	(void)state;
	assert_false(path_has_control("/overdrachten/1"));
	assert_false(path_has_control("/zoeken?q=%00%0a")); /* the query is not looked at */
	assert_false(path_has_control("/a%20b/%C3%AB"));
	assert_false(path_has_control("/100%"));
	assert_false(path_has_control("/%zz"));
	assert_true(path_has_control("/overdrachten/1%00"));
	assert_true(path_has_control("/overdrachten/1%00?x=1"));
	assert_true(path_has_control("/a%0Ab"));
	assert_true(path_has_control("/a%0db"));
	assert_true(path_has_control("/a%1F"));
	assert_true(path_has_control("/a%7f"));
	assert_true(path_has_control("/a%09"));
	assert_true(path_has_control("/a\x01"));
	assert_true(path_has_control("/a\x7f"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_per_address_eviction),
		cmocka_unit_test(test_headers_outlast_tricklers),
		cmocka_unit_test(test_refused_when_all_answered),
		cmocka_unit_test(test_total_limit),
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
