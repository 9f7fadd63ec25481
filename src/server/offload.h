/*
 * offload.h — slow work of a request (an Argon2id hash, ~50–300 ms of CPU) done
 * on threads of its own instead of on a libmicrohttpd worker thread, which would
 * keep every other connection it serves waiting meanwhile.
 *
 * A handler calls request_offload() and returns without an answer. The router
 * returns at once too; http.c parks the connection (MHD suspend), runs work(arg)
 * on an offload thread, resumes the connection, and then, on the connection's own
 * worker thread again (its database connection, its arena), calls
 * router_resume(), which calls done(rq, arg) to answer and finishes the request
 * as router_dispatch would have. Only for routes without an audit record of
 * their own (the router's record waits for the answer): on an audited route the
 * work runs in place. work must not touch the database.
 */
#ifndef KR_OFFLOAD_H
#define KR_OFFLOAD_H

#include "server/request.h"

#include <stdbool.h>

/* Ask for work(arg) off the worker thread, then done(rq, arg) to answer. */
void request_offload(request *rq, void (*work)(void *arg), void (*done)(request *rq, void *arg), void *arg);

/* Run rq's offloaded work here and now, then its done (no pool, or an audited
 * route); clears rq->offload. */
void request_offload_run_here(request *rq);

/* The pool: `threads` threads taking jobs in the order given; each first calls
 * init(its index) when init is not NULL. False when a thread could not be
 * started. */
bool offload_start(unsigned threads, void (*init)(unsigned i));
/* Run work(arg) on a pool thread, then wake(wake_arg) from that thread. */
void offload_submit(void (*work)(void *arg), void *arg, void (*wake)(void *arg), void *wake_arg);

#endif
