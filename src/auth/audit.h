/*
 * audit.h — the audit trail (NEN 7513 style): who, which role and organisation,
 * which action on which object of which household, when (UTC), from which
 * address, allowed or refused.
 *
 * The router calls audit_request() for every client-data route, so handlers never
 * forget it. Logins and administration changes call audit_event(). Records are
 * handed to one writer thread that commits them in batches (group commit): one
 * fsync for many records under load. A client-data request waits until its
 * record is committed (fail-closed: no record, no answer — the router then sends
 * 500); login and administration events do not wait.
 *
 * A request that changed something (db_request_wrote(), store/db.h) does not use
 * the writer thread: its record is written into the request's own open write
 * transaction, so the change and its record commit together or not at all.
 *
 * audit_log is append-only and hash-chained (store/audit_chain.h, guards in
 * store/audit_guard.h); every row, from here or elsewhere, is written through the
 * chaining view audit_append.
 */
#ifndef KR_AUDIT_H
#define KR_AUDIT_H

#include "server/request.h"

#include <stdbool.h>
#include <stdint.h>

/* Start/stop the writer thread. Without it records are written synchronously. */
void audit_start(void);
void audit_stop(void); /* writes what is queued, then joins */

/* Record rq->audit for rq->user (the router's call) and wait until it is
 * committed. False when it could not be written. */
bool audit_request(const request *rq, bool allowed);

/* The same for a request that changed nothing, without blocking its thread: the
 * record is queued and its ticket returned at once. The caller (http.c, through
 * rq->audit_pending) must not send anything until the ticket settled, and must
 * send 500 instead of the answer when the record was not written. Meanwhile the
 * worker thread serves other connections, so more records share one fsync. */
audit_ticket *audit_request_deferred(const request *rq, bool allowed);
/* If t settled, set *ok (its record committed or not) and return true. Otherwise
 * call park(arg) and arrange that wake(arg) is called once, from the writer
 * thread, when it settles — both under the writer's lock, so the wake cannot come
 * before the park — and return false. */
bool audit_ticket_park(audit_ticket *t, bool *ok, void (*park)(void *arg), void (*wake)(void *arg), void *arg);
/* The request is done with t: free it, or, when it has not settled yet (the
 * connection closed while parked), leave it to the writer to free. NULL is fine. */
void audit_ticket_release(audit_ticket *t);

/* Record rq->audit as refused without waiting (requests without a session: an
 * answer that shows nothing need not wait, and a flood of them must not hold
 * worker threads). */
void audit_request_refused_async(const request *rq);


/* A list page showed this household (0 is ignored; each household counted once):
 * the request's record names it in audit_log.households and audit_household. */
void audit_note_household(request *rq, int64_t household_id);
/* The same for a case a list showed: notes the case's household. */
void audit_note_case(request *rq, int64_t case_id);

/* Record an event that is not a client-data route (login, logout, admin). user may be
 * NULL (failed login: username carries what was typed). */
void audit_event(const request *rq, const auth_user *user, const char *username, const char *action,
                 const char *object_type, int64_t object_id, bool allowed, const char *detail);

/* The start page: note a "view" record for one of its panels that showed client
 * data, naming the households rq->audit has noted since the last call (which this
 * call forgets). audit_panels_commit writes the noted records and waits until they
 * are committed; false when any could not be written: then the page must not be
 * answered. */
void audit_panel(request *rq, const char *panel);
bool audit_panels_commit(request *rq);

/* The user's login before the current one and the last time the password was set
 * through a link (UTC timestamps, "" when none), so that a person notices use of
 * the account that was not his or hers. */
typedef struct audit_account_events {
	const char *previous_login_at;
	const char *previous_login_address;
	const char *password_set_at;
} audit_account_events;
void audit_account_events_of(arena *a, int64_t user_id, audit_account_events *out);

/* Block until every queued record is in the database (tests, CLI). */
void audit_flush(void);

#endif
