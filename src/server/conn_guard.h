/*
 * conn_guard.h — keeps slow and hoarding clients from shutting the door.
 *
 * http.c registers every accepted connection here (its socket and peer address)
 * and reports when a request on it has arrived whole and when its answer has
 * gone out. The guard then enforces three bounds by shutting the socket down
 * (shutdown(2); libmicrohttpd sees end-of-file and closes it itself):
 *
 *   - a request must arrive whole (request line, headers and body) within the
 *     deadline counted from the moment the connection was ready for it (accepted,
 *     or the previous answer sent) — an idle keep-alive connection is closed
 *     after the same time;
 *   - when one address holds more than its share of connections, the oldest of
 *     its connections whose request has not even shown complete headers makes
 *     room (then the oldest whose body is still coming): an office NAT with 128
 *     trickling connections cannot keep a colleague out;
 *   - the same over all addresses when the total exceeds the limit.
 *
 * A connection whose request arrived whole is never shut by the guard. The
 * guard never reads or writes a socket and never closes one (no descriptor can
 * be reused under it: http.c unregisters before libmicrohttpd closes).
 * It does not know libmicrohttpd.
 */
#ifndef KR_CONN_GUARD_H
#define KR_CONN_GUARD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

typedef struct conn_entry conn_entry;

typedef struct conn_guard_stats {
	unsigned open;            /* registered connections not shut down */
	uint64_t deadline_closed; /* shut because the request was late */
	uint64_t evicted;         /* shut to make room (per address or in total) */
	uint64_t refused;         /* new connections shut because nothing could make room */
} conn_guard_stats;

/* Set the limits. deadline_ms is the time a request has to arrive whole. Call once,
 * before any other function; conn_guard_start_sweeper() starts the thread that
 * enforces the deadline (tests call conn_guard_sweep themselves). */
void conn_guard_init(unsigned total_limit, unsigned per_address_limit, uint64_t deadline_ms);
bool conn_guard_start_sweeper(void);
void conn_guard_stop_sweeper(void);

/* Register an accepted connection; may shut down older connections (or this one)
 * to keep the limits. Returns the entry to pass to the calls below (NULL only when
 * out of memory: the connection is then not guarded). */
conn_entry *conn_guard_open(int fd, const struct sockaddr *peer, uint64_t now_ms);

/* The headers of the request on this connection are complete (its body may follow):
 * it is evicted only after every connection still waiting for headers. */
void conn_guard_request_headers(conn_entry *e);

/* The request on this connection has arrived whole: no deadline until it is answered. */
void conn_guard_request_whole(conn_entry *e);

/* The answer went out (or the request ended): the connection waits for its next
 * request, which has the deadline from now. */
void conn_guard_request_done(conn_entry *e, uint64_t now_ms);

/* Forget the connection; call before its descriptor is closed. Frees e. */
void conn_guard_close(conn_entry *e);

/* Shut down every connection whose request is late at now_ms; returns how many. */
unsigned conn_guard_sweep(uint64_t now_ms);

/* Counters since conn_guard_init. */
conn_guard_stats conn_guard_get_stats(void);

/* Milliseconds on the monotonic clock. */
uint64_t conn_guard_now_ms(void);

#endif
