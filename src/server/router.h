/*
 * router.h — the route table's shape and the dispatcher that enforces it.
 *
 * The policy lives in routes.c, one line per route. For each request the router
 * enforces, in order: path → method → session → role → CSRF and Origin (POST) →
 * declared fields → object access (client data) → handler → audit. Handlers never
 * check roles or involvement themselves.
 */
#ifndef KR_ROUTER_H
#define KR_ROUTER_H

#include "server/form.h"
#include "server/request.h"

#include <stdbool.h>
#include <stddef.h>

typedef void (*handler_fn)(request *rq);

typedef enum { ACCESS_OK, ACCESS_NOT_FOUND, ACCESS_FORBIDDEN, ACCESS_CONFLICT } access_result;
/* Decide whether rq->user may reach the object named by rq->ids (called by the
 * router after the role check, before the handler). For client data: fill
 * rq->audit.object_type/object_id/household_id and answer ACCESS_NOT_FOUND both for
 * objects that do not exist and for objects the user may not see (the router
 * turns any refusal into 404 there). Elsewhere ACCESS_FORBIDDEN answers 403: the
 * object is visible to the user, but this change is not his to make.
 * ACCESS_CONFLICT answers 409: the object was open to the user a moment ago and
 * someone else was first (another team took a handover from the joint triage);
 * the access function says what happened in rq->conflict (no client data: who
 * and when, not what) and the router shows it with the way back. */
typedef access_result (*access_fn)(request *rq);

enum route_flags {
	ROUTE_CLIENT_DATA = 1u << 0, /* shows or changes client data: audited, CLIENT_DATA_ROLES only */
	ROUTE_NO_CSRF = 1u << 1,     /* reserved; no route uses it */
	ROUTE_AUDITED = 1u << 2,     /* no client data, but audited like it (the privacy officer's
	                              * look-ups of the audit trail): one record per request */
};

typedef struct route {
	const char *method;  /* "GET" or "POST" */
	const char *pattern; /* "/casussen/{id}"; a trailing "*" matches the rest of the path */
	handler_fn handler;
	unsigned roles;      /* ROLE_* bits or ROLE_PUBLIC; 0 = the table is invalid */
	unsigned flags;
	access_fn access;    /* object-level rule; required for client-data routes with {id} */
	const char *audit_action; /* client data: "view", "create", "update", "print", "export" */
	const field_spec *fields; /* declared inputs (POST body or GET query); csrf is implicit */
} route;

extern const route routes[];
extern const size_t routes_count;

/* Check the table's invariants (roles declared, client data only for client roles,
 * access functions present). False with a message when the table is unsafe. */
bool router_check_table(char *err, size_t errlen);

/* Handle one request completely: afterwards rq->res holds the answer — unless
 * the handler asked for work off the worker thread (rq->offload.work set,
 * server/offload.h): then do that work and call router_resume(). */
void router_dispatch(request *rq);
/* Finish a request whose offloaded work is done: the handler's answer, then what
 * router_dispatch does after a handler. */
void router_resume(request *rq);

/* Can a request with a body be refused before the body is read? True for an
 * unknown path or method, and for a non-public route without a session cookie
 * (http.c then answers at once instead of buffering up to 1 MB for nothing). */
bool router_refuse_early(const char *method, const char *path, bool has_session_cookie);

/* Would a user with these roles be admitted to `method path`? (navigation, tests) */
bool router_allows(const char *method, const char *path, unsigned roles);

/* Match pattern against path; ids receives {id} values. Exposed for unit tests. */
bool router_match(const char *pattern, const char *path, int64_t *ids, size_t *nids);

#endif
