/*
 * conn_guard.c — connection deadlines and per-address fairness (see conn_guard.h).
 *
 * All state sits behind one mutex. Connections are kept in two lists ordered by
 * the moment they became ready for their current request (oldest first): one over
 * all connections, one per peer address. The sweeper walks the global list from
 * its head and stops at the first connection that is not yet late, so a sweep
 * costs what it shuts down plus the connections being answered right now.
 * Eviction takes the oldest connection whose current request has not shown
 * complete headers (trickling headers, or idle keep-alive); only when there is
 * none, the oldest whose body is still coming; never one being answered, and
 * never the newcomer while another can go. A normal client's headers arrive with
 * its first packet, so its connection leaves the first group at once.
 */
#include "server/conn_guard.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { ADDRESS_BUCKETS = 4096, SWEEP_INTERVAL_MS = 250 };

typedef struct address_node {
	unsigned char key[17]; /* family byte + up to 16 address bytes */
	unsigned live;         /* registered and not shut down */
	conn_entry *head, *tail;
	struct address_node *next_in_bucket;
} address_node;

enum stage { STAGE_WAITING, STAGE_HEADERS, STAGE_WHOLE };

struct conn_entry {
	int fd;
	enum stage stage; /* of the current request: nothing complete yet, headers, whole */
	bool shut;   /* shutdown(2) done; waiting for libmicrohttpd to close it */
	uint64_t ready_ms;
	address_node *addr;
	conn_entry *prev, *next;           /* all connections, by ready_ms */
	conn_entry *addr_prev, *addr_next; /* this address's connections, by ready_ms */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static address_node *buckets[ADDRESS_BUCKETS];
static conn_entry *all_head, *all_tail;
static unsigned total_limit = 1, address_limit = 1;
static uint64_t deadline_ms = 20000;
static conn_guard_stats stats;

static pthread_t sweeper;
static atomic_bool sweeper_running;

uint64_t conn_guard_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void conn_guard_init(unsigned total, unsigned per_address, uint64_t deadline)
{
	pthread_mutex_lock(&lock);
	total_limit = total ? total : 1;
	address_limit = per_address ? per_address : 1;
	deadline_ms = deadline;
	memset(&stats, 0, sizeof stats);
	pthread_mutex_unlock(&lock);
}

/* IPv4 and IPv4-mapped IPv6 addresses share one key, so that one host is one address. */
static void address_key(const struct sockaddr *sa, unsigned char key[17])
{
	memset(key, 0, 17);
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		key[0] = 4;
		memcpy(key + 1, &in->sin_addr, 4);
	} else if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
			key[0] = 4;
			memcpy(key + 1, in6->sin6_addr.s6_addr + 12, 4);
		} else {
			key[0] = 6;
			memcpy(key + 1, in6->sin6_addr.s6_addr, 16);
		}
	}
}

static size_t bucket_of(const unsigned char key[17])
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (int i = 0; i < 17; i++)
		h = (h ^ key[i]) * 16777619u;
	return h % ADDRESS_BUCKETS;
}

static address_node *address_get(const unsigned char key[17])
{
	size_t b = bucket_of(key);
	for (address_node *n = buckets[b]; n; n = n->next_in_bucket)
		if (memcmp(n->key, key, 17) == 0)
			return n;
	address_node *n = calloc(1, sizeof *n);
	if (!n)
		return NULL;
	memcpy(n->key, key, 17);
	n->next_in_bucket = buckets[b];
	buckets[b] = n;
	return n;
}

static void address_drop_if_empty(address_node *n)
{
	if (n->head)
		return;
	address_node **p = &buckets[bucket_of(n->key)];
	while (*p != n)
		p = &(*p)->next_in_bucket;
	*p = n->next_in_bucket;
	free(n);
}

static void link_tail(conn_entry *e)
{
	e->prev = all_tail;
	e->next = NULL;
	if (all_tail)
		all_tail->next = e;
	else
		all_head = e;
	all_tail = e;
	address_node *a = e->addr;
	e->addr_prev = a->tail;
	e->addr_next = NULL;
	if (a->tail)
		a->tail->addr_next = e;
	else
		a->head = e;
	a->tail = e;
}

static void unlink_entry(conn_entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		all_head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		all_tail = e->prev;
	address_node *a = e->addr;
	if (e->addr_prev)
		e->addr_prev->addr_next = e->addr_next;
	else
		a->head = e->addr_next;
	if (e->addr_next)
		e->addr_next->addr_prev = e->addr_prev;
	else
		a->tail = e->addr_prev;
}

static void shut(conn_entry *e)
{
	if (e->shut)
		return;
	shutdown(e->fd, SHUT_RDWR);
	e->shut = true;
	e->addr->live--;
	stats.open--;
}

/* The oldest connection other than fresh in this stage, in the global or the address's list. */
static conn_entry *oldest_in(conn_entry *from, bool per_address, enum stage stage, const conn_entry *fresh)
{
	for (conn_entry *e = from; e; e = per_address ? e->addr_next : e->next)
		if (e->stage == stage && !e->shut && e != fresh)
			return e;
	return NULL;
}

/* Make room for `fresh` (see the top of this file), or shut fresh itself when
 * every other connection of the list is being answered. */
static void make_room(conn_entry *fresh, bool per_address)
{
	conn_entry *head = per_address ? fresh->addr->head : all_head;
	conn_entry *victim = oldest_in(head, per_address, STAGE_WAITING, fresh);
	if (!victim)
		victim = oldest_in(head, per_address, STAGE_HEADERS, fresh);
	if (!victim) {
		shut(fresh);
		stats.refused++;
	} else {
		shut(victim);
		stats.evicted++;
	}
}

conn_entry *conn_guard_open(int fd, const struct sockaddr *peer, uint64_t now_ms)
{
	unsigned char key[17];
	address_key(peer, key);
	conn_entry *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->fd = fd;
	e->ready_ms = now_ms;
	pthread_mutex_lock(&lock);
	e->addr = address_get(key);
	if (!e->addr) {
		pthread_mutex_unlock(&lock);
		free(e);
		return NULL;
	}
	link_tail(e);
	e->addr->live++;
	stats.open++;
	if (e->addr->live > address_limit)
		make_room(e, true);
	if (!e->shut && stats.open > total_limit)
		make_room(e, false);
	pthread_mutex_unlock(&lock);
	return e;
}

static void set_stage(conn_entry *e, enum stage stage)
{
	if (!e)
		return;
	pthread_mutex_lock(&lock);
	e->stage = stage;
	pthread_mutex_unlock(&lock);
}

void conn_guard_request_headers(conn_entry *e)
{
	set_stage(e, STAGE_HEADERS);
}

void conn_guard_request_whole(conn_entry *e)
{
	set_stage(e, STAGE_WHOLE);
}

void conn_guard_request_done(conn_entry *e, uint64_t now_ms)
{
	if (!e)
		return;
	pthread_mutex_lock(&lock);
	e->stage = STAGE_WAITING;
	e->ready_ms = now_ms;
	unlink_entry(e);
	link_tail(e);
	pthread_mutex_unlock(&lock);
}

void conn_guard_close(conn_entry *e)
{
	if (!e)
		return;
	pthread_mutex_lock(&lock);
	if (!e->shut) {
		e->addr->live--;
		stats.open--;
	}
	unlink_entry(e);
	address_drop_if_empty(e->addr);
	pthread_mutex_unlock(&lock);
	free(e);
}

unsigned conn_guard_sweep(uint64_t now_ms)
{
	unsigned n = 0;
	pthread_mutex_lock(&lock);
	for (conn_entry *e = all_head; e && e->ready_ms + deadline_ms <= now_ms; e = e->next) {
		if (e->stage != STAGE_WHOLE && !e->shut) {
			shut(e);
			n++;
		}
	}
	stats.deadline_closed += n;
	pthread_mutex_unlock(&lock);
	return n;
}

conn_guard_stats conn_guard_get_stats(void)
{
	pthread_mutex_lock(&lock);
	conn_guard_stats s = stats;
	pthread_mutex_unlock(&lock);
	return s;
}

/* Sweep a few times a second; once a minute, say how many connections were shut
 * (one line, not one per connection: under attack that would flood the log). */
static void *sweep_loop(void *arg)
{
	(void)arg;
	conn_guard_stats reported = conn_guard_get_stats();
	uint64_t last_report = conn_guard_now_ms();
	while (atomic_load(&sweeper_running)) {
		usleep(SWEEP_INTERVAL_MS * 1000);
		uint64_t now = conn_guard_now_ms();
		conn_guard_sweep(now);
		if (now - last_report >= 60000) {
			conn_guard_stats s = conn_guard_get_stats();
			if (s.deadline_closed != reported.deadline_closed || s.evicted != reported.evicted ||
			    s.refused != reported.refused)
				fprintf(stderr,
				        "ketenregie: last minute: %llu connections closed (request not whole in time), "
				        "%llu evicted to make room, %llu refused; %u open\n",
				        (unsigned long long)(s.deadline_closed - reported.deadline_closed),
				        (unsigned long long)(s.evicted - reported.evicted),
				        (unsigned long long)(s.refused - reported.refused), s.open);
			reported = s;
			last_report = now;
		}
	}
	return NULL;
}

bool conn_guard_start_sweeper(void)
{
	atomic_store(&sweeper_running, true);
	if (pthread_create(&sweeper, NULL, sweep_loop, NULL) != 0) {
		atomic_store(&sweeper_running, false);
		return false;
	}
	return true;
}

void conn_guard_stop_sweeper(void)
{
	if (!atomic_load(&sweeper_running))
		return;
	atomic_store(&sweeper_running, false);
	pthread_join(sweeper, NULL);
}
