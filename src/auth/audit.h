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
 * 500); login and administration events do not wait. audit_log itself is
 * append-only (triggers).
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
 * committed. False when it could not be written.
 * Deferred: when rq->audit_may_defer is set (http.c, for GET) and no record of rq is
 * pending yet, the record is queued, rq->audit_pending holds its ticket and the call
 * returns true at once. The worker thread then serves other connections while the
 * record waits for its group commit; http.c parks the connection and sends the
 * answer — or 500 when the record could not be written — only once the ticket
 * settled. So more records share one fsync, and nothing leaves before its record. */
bool audit_request(request *rq, bool allowed);

/* A deferred record's ticket. If it settled, set *ok (committed or not) and return
 * true. Otherwise call park(arg) and arrange that wake(arg) is called once, from the
 * writer thread, when it settles — both under the writer's lock, so the wake cannot
 * come before the park — and return false. */
bool audit_ticket_park(audit_ticket *t, bool *ok, void (*park)(void *arg), void (*wake)(void *arg), void *arg);
/* Free a settled ticket (its request's owner does this after reading it). */
void audit_ticket_free(audit_ticket *t);

/* Record an event that is not a client-data route (login, logout, admin). user may be
 * NULL (failed login: username carries what was typed). */
void audit_event(const request *rq, const auth_user *user, const char *username, const char *action,
                 const char *object_type, int64_t object_id, bool allowed, const char *detail);

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
