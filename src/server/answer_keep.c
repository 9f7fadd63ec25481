/*
 * answer_keep.c — what a parked request keeps while it waits for its audit
 * record (see answer_keep.h): its answer at its exact size, and what the error
 * page that replaces the answer when the record fails needs. Everything else the
 * request read and built (rows, template values, the doubling page buffer) is
 * freed before the connection is parked, so that a hundred parked requests hold
 * a hundred answers, not a hundred request arenas.
 */
#include "server/answer_keep.h"

#include <string.h>

static auth_user *keep_user(arena *a, const auth_user *u)
{
	if (!u)
		return NULL;
	auth_user *k = arena_alloc(a, sizeof *k);
	k->id = u->id;
	k->username = arena_strdup(a, u->username);
	k->name = arena_strdup(a, u->name);
	k->org_id = u->org_id;
	k->org_name = arena_strdup(a, u->org_name);
	k->org_kind = arena_strdup(a, u->org_kind);
	k->roles = u->roles;
	return k;
}

static void keep_response(arena *a, response *to, const response *from)
{
	to->status = from->status;
	to->content_type = arena_strdup(a, from->content_type);
	to->static_body = from->static_body; /* embedded in the binary */
	to->static_len = from->static_len;
	to->cache_forever = from->cache_forever;
	/* exactly the bytes written (a strbuf's capacity is up to twice that) */
	size_t len = from->body.len;
	char *data = arena_alloc_raw(a, len + 1);
	if (len)
		memcpy(data, from->body.data, len);
	data[len] = '\0';
	to->body = (strbuf){.a = a, .data = data, .len = len, .cap = len + 1};
	for (size_t i = 0; i < from->nheaders; i++) {
		to->headers[i].name = arena_strdup(a, from->headers[i].name);
		to->headers[i].value = arena_strdup(a, from->headers[i].value);
	}
	to->nheaders = from->nheaders;
}

request *answer_keep(request *rq)
{
	arena *a = arena_new();
	request *k = arena_alloc(a, sizeof *k);
	k->a = a;
	k->method = arena_strdup(a, rq->method);
	k->path = arena_strdup(a, rq->path);
	k->remote_addr = arena_strdup(a, rq->remote_addr);
	/* header values live in libmicrohttpd's connection memory, which outlives
	 * the request: kept as they are */
	k->host = rq->host;
	k->origin = rq->origin;
	k->cookie_session = rq->cookie_session;
	k->cookie_login = rq->cookie_login;
	k->cookie_device = rq->cookie_device;
	k->cookie_notice = rq->cookie_notice;
	k->cookie_pending = rq->cookie_pending;
	k->tls = rq->tls;
	k->own_origin = arena_strdup(a, rq->own_origin);
	k->route = rq->route;
	k->user = keep_user(a, rq->user);
	k->csrf = arena_strdup(a, rq->csrf);
	/* no session_hash: the page already took its one-time message (flash.h) */
	k->role = rq->role;
	k->form.a = a;
	k->audit_may_defer = rq->audit_may_defer;
	k->audit_pending = rq->audit_pending;
	keep_response(a, &k->res, &rq->res);
	arena_free(rq->a);
	return k;
}
