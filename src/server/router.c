/*
 * router.c — dispatch that enforces the route table's policy (see router.h).
 *
 * Order for every request: path → method → session → role → CSRF + Origin (POST)
 * → declared fields → object access → handler → audit. A route whose roles do
 * not include the user's is never called; a client-data object that the user's
 * involvement does not cover answers 404, exactly like a missing one.
 *
 * No change without its record: a client-data handler runs inside a request
 * scope (db_request_begin, store/db.h). Its first db_begin() opens one write
 * transaction for the request and its own begin/commit pairs become savepoints;
 * the audit record is then written on the same connection and only then is the
 * whole committed (db_request_end). When the record cannot be written, the
 * change is rolled back and the answer is 500. A request that changed nothing
 * (every GET) keeps group commit: its answer waits for its record from the writer
 * thread before it leaves, parked by http.c without holding a worker thread.
 * Requests without a session to a client-data route are recorded as refused too
 * (without waiting: they show nothing).
 */
#include "server/router.h"

#include "auth/audit.h"
#include "auth/case_memo.h"
#include "store/roles.h"
#include "auth/session.h"
#include "pages/pages.h"
#include "server/config.h"
#include "server/flash.h"
#include "server/offload.h"
#include "server/respond.h"
#include "store/db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

bool router_match(const char *pattern, const char *path, int64_t *ids, size_t *nids)
{
	*nids = 0;
	const char *p = pattern, *s = path;
	while (*p) {
		if (p[0] == '*' && p[1] == '\0')
			return *s != '\0' && *s != '/' && !strstr(s, "..") && !strstr(s, "//");
		if (strncmp(p, "{id}", 4) == 0) {
			char digits[20];
			size_t n = 0;
			while (s[n] >= '0' && s[n] <= '9' && n < sizeof digits - 1) {
				digits[n] = s[n];
				n++;
			}
			if (n == 0 || (s[n] != '/' && s[n] != '\0'))
				return false;
			digits[n] = '\0';
			int64_t id;
			if (*nids == MAX_PATH_IDS || !parse_id(digits, &id))
				return false;
			ids[(*nids)++] = id;
			p += 4;
			s += n;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *s == '\0';
}

static const route *find_route(const char *method, const char *path, int64_t *ids, size_t *nids, bool *path_known)
{
	*path_known = false;
	/* Every pattern starts with '/': one whose next character is literal matches
	 * only a path with that same character there, so the others are skipped
	 * without router_match (the case page's route is the 49th of the table). The
	 * routes still match in the table's order. */
	char first = path[0] == '/' ? path[1] : '\0';
	for (size_t i = 0; i < routes_count; i++) {
		const char *p = routes[i].pattern;
		if (path[0] == '/' && p[0] == '/' && p[1] != first && p[1] != '{' && p[1] != '*')
			continue;
		if (!router_match(p, path, ids, nids))
			continue;
		*path_known = true;
		if (strcmp(routes[i].method, method) == 0)
			return &routes[i];
	}
	return NULL;
}

bool router_refuse_early(const char *method, const char *path, bool has_session_cookie)
{
	int64_t ids[MAX_PATH_IDS];
	size_t nids;
	bool known;
	const route *r = find_route(strcmp(method, "HEAD") == 0 ? "GET" : method, path, ids, &nids, &known);
	return !r || (!(r->roles & ROLE_PUBLIC) && !has_session_cookie);
}

bool router_allows(const char *method, const char *path, unsigned roles)
{
	int64_t ids[MAX_PATH_IDS];
	size_t nids;
	bool known;
	const route *r = find_route(method, path, ids, &nids, &known);
	return r && ((r->roles & ROLE_PUBLIC) || (r->roles & roles));
}

bool router_check_table(char *err, size_t errlen)
{
	for (size_t i = 0; i < routes_count; i++) {
		const route *r = &routes[i];
		const char *problem = NULL;
		if (!r->handler)
			problem = "no handler";
		else if (r->roles == 0)
			problem = "no roles declared (default deny: declare roles or ROLE_PUBLIC)";
		else if ((r->roles & ROLE_PUBLIC) && (r->roles & ROLES_ALL))
			problem = "public and role-restricted at once";
		else if ((r->flags & ROUTE_CLIENT_DATA) && (r->roles & ~CLIENT_DATA_ROLES))
			problem = "client data open to a role that may never see it";
		else if ((r->flags & (ROUTE_CLIENT_DATA | ROUTE_AUDITED)) && !r->audit_action)
			problem = "audited route without audit action";
		else if ((r->flags & ROUTE_CLIENT_DATA) && strstr(r->pattern, "{id}") && !r->access)
			problem = "client-data route on an object without access function";
		else if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0)
			problem = "method must be GET or POST";
		if (problem) {
			snprintf(err, errlen, "route %s %s: %s", r->method, r->pattern, problem);
			return false;
		}
	}
	return true;
}

static bool same_origin(const request *rq)
{
	if (!rq->origin)
		return true; /* non-browser clients; the CSRF token still applies */
	return rq->own_origin && strcmp(rq->origin, rq->own_origin) == 0;
}

static bool token_equal(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t la = strlen(a), lb = strlen(b);
	return la == lb && la >= 32 && sodium_memcmp(a, b, la) == 0;
}

/* The csrf field of the raw (not yet validated) form. */
static const char *raw_csrf(const form *f)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->fields[i].name, "csrf") == 0)
			return f->fields[i].value;
	return NULL;
}

static unsigned admitting_role(unsigned route_roles, unsigned user_roles)
{
	unsigned both = route_roles & user_roles;
	for (int i = 0; i < ROLE_COUNT; i++)
		if (both & role_at(i))
			return role_at(i);
	return 0;
}

static bool parse_input(request *rq, const route *r)
{
	const char *src;
	size_t n;
	bool is_post = strcmp(rq->method, "POST") == 0;
	if (is_post) {
		if (rq->body_len && (!rq->content_type ||
		                     strncmp(rq->content_type, "application/x-www-form-urlencoded", 33) != 0)) {
			respond_error(rq, 415);
			return false;
		}
		src = rq->body ? rq->body : "";
		n = rq->body_len;
	} else {
		src = rq->query_string ? rq->query_string : "";
		n = strlen(src);
		if (rq->query_invalid) {
			respond_error(rq, 400);
			return false;
		}
	}
	form_limits lim = {.max_fields = config.max_fields, .max_value = config.max_field};
	rq->form.a = rq->a;
	form_status st = form_parse(rq->a, src, n, &lim, &rq->form.fields, &rq->form.count);
	if (st == FORM_BAD_ENCODING) {
		respond_error(rq, 400);
		return false;
	}
	if (st != FORM_OK) {
		respond_error(rq, 413);
		return false;
	}
	if (is_post) {
		const char *expected = rq->user ? rq->csrf : rq->cookie_login;
		if (!same_origin(rq) || !token_equal(raw_csrf(&rq->form), expected)) {
			respond_error(rq, 403);
			return false;
		}
	}
	form_validate(&rq->form, r->fields);
	return true;
}

/* The page a failed POST to rq->path is shown on: the path itself when the
 * user may GET it, else the nearest parent path the user may GET (a form posted
 * to /overdrachten/7/aanvulling is part of /overdrachten/7); NULL when none. */
static const char *failed_post_page(request *rq)
{
	char *p = arena_strdup(rq->a, rq->path);
	for (;;) {
		if (strcmp(p, "/") == 0)
			return NULL;
		if (router_allows("GET", p, rq->user->roles))
			return p;
		char *slash = strrchr(p, '/');
		if (!slash || slash == p)
			return NULL;
		*slash = '\0';
	}
}

/* POST-redirect-GET for a form shown again with its messages (422): keep the page
 * for the session and send the browser to the page's own address, so that the
 * address bar names that page and a reload does not post again. The header
 * X-Form-Page tells scripts (and the tests) that the form was shown again. */
static void redirect_failed_post(request *rq)
{
	flash_forget_page(rq, NULL);
	if (rq->res.status != 422 || !rq->user || !rq->res.content_type ||
	    strncmp(rq->res.content_type, "text/html", 9) != 0)
		return;
	const char *target = failed_post_page(rq);
	if (!target || !flash_keep_page(rq, target))
		return;
	rq->res.nheaders = 0;
	respond_redirect(rq, target);
	response_add_header(rq, "X-Form-Page", "422");
}

static void finish(request *rq, bool audited);

void router_dispatch(request *rq)
{
	bool path_known;
	const route *r = find_route(rq->method, rq->path, rq->ids, &rq->nids, &path_known);
	rq->route = r;
	bool is_static = r && strncmp(r->pattern, "/static/", 8) == 0;
	if (!is_static)
		session_load(rq);
	if (rq->body_too_large) {
		respond_error(rq, 413);
		return;
	}
	if (!r) {
		if (path_known) {
			response_add_header(rq, "Allow", "GET, POST");
			respond_error(rq, 405);
		} else {
			respond_error(rq, 404);
		}
		return;
	}
	/* client data (and the privacy officer's look-ups): every request gets its record */
	bool audited = (r->flags & (ROUTE_CLIENT_DATA | ROUTE_AUDITED)) != 0;
	bool masks_refusal = (r->flags & ROUTE_CLIENT_DATA) != 0; /* refused answers 404 like missing */
	if (!(r->roles & ROLE_PUBLIC)) {
		if (!rq->user) {
			if (audited) {
				rq->audit.action = r->audit_action;
				rq->audit.detail = arena_printf(rq->a, "%s zonder geldige sessie", rq->path);
				audit_request_refused_async(rq);
			}
			if (strcmp(rq->method, "GET") == 0)
				respond_redirect(rq, "/login");
			else if (same_origin(rq) && rq->body_len > 0 && !rq->body_too_large)
				login_show_expired(rq); /* 403, with a way back that keeps the input */
			else
				respond_error(rq, 403);
			return;
		}
		rq->role = admitting_role(r->roles, rq->user->roles);
		if (!rq->role) {
			if (audited) {
				rq->audit.action = r->audit_action;
				audit_request(rq, false);
			}
			respond_error(rq, 403);
			return;
		}
	}
	if (!parse_input(rq, r)) {
		if (audited) {
			/* refused before the object was even looked up (CSRF, encoding, size) */
			rq->audit.action = r->audit_action;
			rq->audit.detail = arena_printf(rq->a, "%s refused with %d", rq->path, rq->res.status);
			audit_request(rq, false);
		}
		return;
	}
	if (audited)
		rq->audit.action = r->audit_action;
	case_memo_init(rq);
	if (r->access) {
		access_result ar = r->access(rq);
		if (ar == ACCESS_CONFLICT) {
			if (audited) {
				rq->audit.detail = rq->conflict.message;
				audit_request(rq, false);
			}
			respond_conflict(rq);
			return;
		}
		if (ar != ACCESS_OK) {
			if (audited)
				audit_request(rq, false);
			/* client data never says "exists, but not for you" */
			respond_error(rq, (masks_refusal || ar == ACCESS_NOT_FOUND) ? 404 : 403);
			return;
		}
	}
	bool is_get = strcmp(rq->method, "GET") == 0;
	bool replayed = false;
	if (is_get && rq->user && !is_static) {
		/* the form a failed POST left for this page (see redirect_failed_post);
		 * any other page drops it */
		replayed = flash_replay_page(rq);
		if (!replayed)
			flash_forget_page(rq, NULL);
		else if (audited)
			rq->audit.detail = arena_printf(rq->a, "%s: formulier met meldingen opnieuw getoond", rq->path);
	}
	if (audited)
		db_request_begin();
	if (!replayed)
		r->handler(rq);
	if (rq->offload.work) {
		if (!audited)
			return; /* http.c does the work off the worker thread, then router_resume */
		request_offload_run_here(rq);
	}
	finish(rq, audited);
}

void router_resume(request *rq)
{
	request_offload_run_here(rq);
	finish(rq, (rq->route->flags & (ROUTE_CLIENT_DATA | ROUTE_AUDITED)) != 0);
}

/* After the handler answered: the audit record of an audited route, and the
 * POST-redirect-GET of a form shown again. */
static void finish(request *rq, bool audited)
{
	if (rq->res.status == 0)
		respond_error(rq, 500);
	/* Access was allowed; say so, and say when the request itself did not succeed
	 * (a form shown again with errors, a conflict) so that the record does not
	 * read like a change that happened. */
	if (audited && rq->res.status >= 400)
		rq->audit.detail = arena_printf(rq->a, "%s (antwoord %d, niets gewijzigd)",
		                                rq->audit.detail ? rq->audit.detail : rq->path, rq->res.status);
	/* Fail closed: client data leaves, and a change stays, only with its audit
	 * record committed — in the same transaction when the request changed
	 * something. */
	if (audited) {
		bool allowed = rq->res.status < 400 || rq->res.status == 409 || rq->res.status == 422;
		if (rq->audit_may_defer && !db_request_wrote()) {
			/* Nothing changed (a GET): http.c parks the connection until the
			 * record is committed and sends 500 instead when it is not. */
			db_request_end(true);
			rq->audit_pending = audit_request_deferred(rq, allowed);
			return;
		}
		bool recorded = audit_request(rq, allowed);
		if (!db_request_end(recorded) || !recorded) {
			sb_init(&rq->res.body, rq->a);
			rq->res.nheaders = 0;
			respond_error(rq, 500);
			return;
		}
	}
	if (strcmp(rq->method, "POST") == 0)
		redirect_failed_post(rq);
}
