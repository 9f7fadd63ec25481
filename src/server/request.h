/*
 * request.h — one HTTP request as the rest of the program sees it, and the
 * response being built for it. Both live in the request's arena.
 *
 * Filled in layers: http.c (method, path, headers, body), router.c (route, path
 * ids, user, form), the access function (audit object), the handler (response).
 */
#ifndef KR_REQUEST_H
#define KR_REQUEST_H

#include "server/form.h"
#include "util/arena.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct auth_user {
	int64_t id;
	const char *username;
	const char *name;
	int64_t org_id;
	const char *org_name;
	const char *org_kind;
	unsigned roles; /* ROLE_* bits */
} auth_user;

/* What the router writes to audit_log for a client-data route. The access function
 * fills object and household; a handler that creates an object sets object_id. A
 * list page names every household it showed with audit_note_household()
 * (auth/audit.h): audit_log.households and one audit_household row each. */
typedef struct audit_ctx {
	const char *action;
	const char *object_type;
	int64_t object_id;
	int64_t household_id;
	const char *detail;
	const int64_t *households; /* arena-owned, distinct, in the order shown */
	size_t household_count, household_cap;
	struct entry *panels; /* start-page records waiting for audit_panels_commit */
} audit_ctx;

typedef struct http_header {
	const char *name;
	const char *value;
} http_header;

enum { MAX_RESPONSE_HEADERS = 16, MAX_PATH_IDS = 4 };

typedef struct response {
	int status; /* 0 until a handler answered */
	const char *content_type;
	strbuf body;
	const unsigned char *static_body; /* embedded file served as is (no copy) */
	size_t static_len;
	bool cache_forever; /* static asset: long cache instead of no-store */
	http_header headers[MAX_RESPONSE_HEADERS];
	size_t nheaders;
} response;

struct route;
typedef struct audit_ticket audit_ticket; /* auth/audit.h */
struct case_memo;                         /* auth/case_memo.h */

typedef struct request {
	arena *a;
	const char *method; /* "GET", "POST", … (HEAD is routed as GET) */
	const char *path;   /* without query string */
	const char *remote_addr;
	const char *host;   /* Host header */
	const char *origin; /* Origin header or NULL */
	const char *content_type;
	const char *cookie_session; /* session cookie value or NULL */
	const char *cookie_login;   /* pre-login CSRF cookie value or NULL */
	const char *cookie_device;  /* signed device cookie value or NULL (auth/device.h) */
	const char *cookie_notice;  /* one-time notice for the login page or NULL */
	const char *cookie_pending; /* login waiting for its second factor (store/second_factor.h) or NULL */
	const char *query_string;   /* re-encoded query, or NULL */
	bool query_invalid;         /* the query held a NUL byte */
	bool tls;           /* the browser talks https to us: built-in TLS, or a
	                     * --public-origin https://… behind a TLS-terminating proxy */
	const char *own_origin; /* "https://host[:port]" as browsers name us */
	bool body_too_large;
	const char *body;
	size_t body_len;

	const struct route *route;
	int64_t ids[MAX_PATH_IDS]; /* {id} path parameters, in order */
	size_t nids;
	auth_user *user;       /* NULL without a valid session */
	const char *csrf;      /* the token forms must carry */
	const unsigned char *session_hash; /* 32 bytes, NULL without session */
	unsigned role;         /* the user's role that the route admitted */
	form form;             /* validated POST body or GET query */
	audit_ctx audit;
	/* one case's record and parts, read once per request (auth/case_memo.h) */
	struct case_memo *memo;
	/* http.c: this request's answer may wait for its audit record without holding
	 * the worker thread (a GET); router.c: the ticket of that record, which http.c
	 * waits for before anything is sent (auth/audit.h audit_request_deferred) */
	bool audit_may_defer;
	audit_ticket *audit_pending;
	/* a handler's slow work, done off the worker thread (server/offload.h) */
	struct {
		void (*work)(void *arg);
		void (*done)(struct request *rq, void *arg);
		void *arg;
	} offload;
	/* ACCESS_CONFLICT (see router.h): what happened, and the way back */
	struct {
		const char *message, *back_href, *back_label;
	} conflict;
	response res;
} request;

void response_add_header(request *rq, const char *name, const char *value);

#endif
