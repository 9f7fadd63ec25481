/*
 * http.c — the only file that uses libmicrohttpd.
 *
 * Owns the request phases (headers → body chunks → answer), the explicit limits
 * (connections, per-address connections with eviction, the deadline for a request
 * to arrive whole — both through conn_guard.c —, per-connection memory, request
 * line, header and body size), TLS and its protocol and cipher choice, the checks
 * every request passes before the router sees it (HTTP version, Host, control
 * characters in the path), the security headers every response carries, the one
 * log line per request, the parking of a connection until its GET's audit record
 * is committed (MHD suspend/resume, auth/audit.h; only the answer is kept
 * meanwhile, answer_keep.h) or while a password is hashed on a thread of its own
 * (server/offload.h), and the graceful stop on
 * SIGTERM/SIGINT. It never looks
 * inside a request's meaning: that is router.c's job. It never logs client data
 * (no query strings, no bodies). What libmicrohttpd answers by itself, before this
 * file sees a request, is listed in docs/security.md.
 */
#include "server/http.h"

#include "auth/audit.h"
#include "auth/password.h"
#include "server/answer_keep.h"
#include "server/config.h"
#include "server/conn_guard.h"
#include "server/host_check.h"
#include "server/http_setup.h"
#include "server/offload.h"
#include "server/request.h"
#include "server/respond.h"
#include "server/router.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CSP "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; " \
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/* TLS 1.2 and 1.3 only; in TLS 1.2 only ECDHE key exchange (forward secrecy) with
 * AEAD ciphers — no CBC, no SHA-1 MACs, no static RSA, no finite-field DHE. TLS 1.3
 * suites are all AEAD with ephemeral key exchange. GnuTLS priority syntax. */
#define TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:" \
                       "+CHACHA20-POLY1305:-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:%SERVER_PRECEDENCE"

/* Our own bounds on the request line and the headers, below what fits in
 * libmicrohttpd's read buffer (it grows within the connection memory), so that a request
 * over them gets our 414/431 page with the security headers rather than
 * libmicrohttpd's bare answer. */
enum { MAX_TARGET = 8 * 1024, MAX_HEADER_BYTES = 16 * 1024 };

typedef struct conn_state {
	arena *a;
	strbuf body;
	const char *raw_target; /* request target as sent (percent-encoded), NULL when over MAX_TARGET */
	bool target_too_long;
	bool started;           /* the handler saw the headers */
	bool host_trusted;      /* the Host header names this server (host_check.h) */
	bool too_large;
	bool answered;
	size_t received; /* body bytes seen, kept or not */
	int status;
	int64_t user_id;
	struct timespec start;
	const char *method;
	const char *path;
	request *parked; /* answered, waiting for its audit record (auth/audit.h) */
	request *offloaded; /* waiting for its work on an offload thread (server/offload.h) */
} conn_state;

static atomic_int in_flight;

/* Bodies over the limit but under this size are read and thrown away, so that
 * the client reliably receives the Dutch 413 page instead of a reset. */
enum { DISCARD_LIMIT = 64 * 1024 * 1024 };

static double elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

void response_add_header(request *rq, const char *name, const char *value)
{
	/* More headers than the table holds is a programming error: dropping one
	 * silently could lose a Set-Cookie that ends a session. */
	if (rq->res.nheaders >= MAX_RESPONSE_HEADERS) {
		fprintf(stderr, "ketenregie: too many response headers (%s)\n", name);
		abort();
	}
	rq->res.headers[rq->res.nheaders].name = name;
	rq->res.headers[rq->res.nheaders].value = value;
	rq->res.nheaders++;
}

static void add_security_headers(struct MHD_Response *r, bool cache_forever)
{
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (config.tls_cert || (config.public_origin && strncmp(config.public_origin, "https://", 8) == 0))
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	MHD_add_response_header(r, "Cache-Control",
	                        cache_forever ? "public, max-age=31536000, immutable" : "no-store");
}

static enum MHD_Result queue(struct MHD_Connection *c, conn_state *cs, request *rq)
{
	response *res = &rq->res;
	const void *data = res->static_body ? (const void *)res->static_body : res->body.data;
	size_t len = res->static_body ? res->static_len : res->body.len;
	/* The arena (and embedded data) outlive the response: it is freed in
	 * request_completed, after libmicrohttpd sent everything. */
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	add_security_headers(r, res->cache_forever);
	MHD_add_response_header(r, "Content-Type", res->content_type ? res->content_type : "text/html; charset=utf-8");
	for (size_t i = 0; i < res->nheaders; i++)
		MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
	cs->status = res->status;
	cs->user_id = rq->user ? rq->user->id : 0;
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)res->status, r);
	MHD_destroy_response(r);
	cs->answered = true;
	return ret;
}

/* A GET's answer waits for its audit record's group commit without holding the
 * worker thread: the connection is suspended, and resumed by the audit writer. */
static void park_connection(void *c)
{
	MHD_suspend_connection(c);
}

static void wake_connection(void *c)
{
	MHD_resume_connection(c);
}

/* The record settled: send the answer, or 500 when the record was not written
 * (fail closed, as router_dispatch does for a request that waited). */
static enum MHD_Result answer_audited(struct MHD_Connection *c, conn_state *cs, bool ok)
{
	request *rq = cs->parked;
	cs->parked = NULL;
	audit_ticket_release(rq->audit_pending);
	rq->audit_pending = NULL;
	if (!ok) {
		sb_init(&rq->res.body, rq->a);
		rq->res.static_body = NULL;
		rq->res.nheaders = 0;
		respond_error(rq, 500);
	}
	return queue(c, cs, rq);
}

/* The offloaded work is done (an offload thread calls this): the connection's
 * worker thread takes the request up again (router_resume). */
static void work_done(void *c)
{
	MHD_resume_connection(c);
}

/* The router answered rq: send the answer, or park until its audit record is
 * committed. */
static enum MHD_Result answer_or_park(struct MHD_Connection *c, conn_state *cs, request *rq)
{
	if (!rq->audit_pending)
		return queue(c, cs, rq);
	/* While parked, hold the answer only: the request's arena (rows, template
	 * values, page buffers) goes now, not when the record is committed. */
	rq = answer_keep(rq);
	cs->a = rq->a;
	sb_init(&cs->body, cs->a);
	cs->raw_target = NULL;
	cs->method = rq->method;
	cs->path = rq->path;
	cs->parked = rq;
	bool ok = false;
	if (!audit_ticket_park(rq->audit_pending, &ok, park_connection, wake_connection, c))
		return MHD_YES; /* called again once the writer resumed the connection */
	return answer_audited(c, cs, ok);
}

/* Dispatch a whole request. Slow work of the handler (a password hash) parks the
 * connection while an offload thread does it (server/offload.h); a deferred
 * audit record parks it until the record is committed. */
static enum MHD_Result dispatch(struct MHD_Connection *c, conn_state *cs, request *rq)
{
	rq->audit_may_defer = strcmp(rq->method, "GET") == 0;
	router_dispatch(rq);
	if (rq->offload.work) {
		cs->offloaded = rq;
		MHD_suspend_connection(c);
		offload_submit(rq->offload.work, rq->offload.arg, work_done, c);
		rq->offload.work = NULL; /* submitted; router_resume calls done only */
		return MHD_YES;          /* called again once the work is done */
	}
	return answer_or_park(c, cs, rq);
}

static const char *client_address(arena *a, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "?";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, sizeof buf);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, sizeof buf);
	}
	return arena_strdup(a, buf);
}

/* Behind the trusted proxy: the last X-Forwarded-For entry is the address the
 * proxy itself saw (earlier entries come from the client and prove nothing). */
static const char *forwarded_address(arena *a, struct MHD_Connection *c, const char *peer)
{
	const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return peer;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	size_t n = strcspn(last, " ");
	char *addr = arena_strndup(a, last, n);
	unsigned char buf[sizeof(struct in6_addr)];
	if (inet_pton(AF_INET, addr, buf) == 1 || inet_pton(AF_INET6, addr, buf) == 1)
		return addr;
	return peer;
}

static int connection_fd(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	return ci ? ci->connect_fd : -1;
}

/* The local IPv4 address this connection arrived on (dotted), or NULL. */
static const char *local_ip(arena *a, struct MHD_Connection *c)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd = connection_fd(c);
	char buf[INET_ADDRSTRLEN];
	if (fd < 0 || getsockname(fd, (struct sockaddr *)&sa, &len) != 0 || sa.sin_family != AF_INET ||
	    !inet_ntop(AF_INET, &sa.sin_addr, buf, sizeof buf))
		return NULL;
	return arena_strdup(a, buf);
}

static bool listens_on_wildcard(void)
{
	return strncmp(config.listen, "0.0.0.0:", 8) == 0;
}

/* "host:port" of the listen address; on 0.0.0.0 the address the client reached. */
static const char *listen_authority(arena *a, struct MHD_Connection *c)
{
	if (!listens_on_wildcard())
		return config.listen;
	const char *ip = local_ip(a, c);
	return ip ? arena_printf(a, "%s%s", ip, strchr(config.listen, ':')) : config.listen;
}

/* Browsers send the host of Origin in lower case. */
static const char *lowercase(arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

static conn_entry *guard_entry(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static request *build_request(struct MHD_Connection *c, conn_state *cs, const char *url, const char *method)
{
	arena *a = cs->a;
	request *rq = arena_alloc(a, sizeof *rq);
	rq->a = a;
	rq->method = strcmp(method, "HEAD") == 0 ? "GET" : arena_strdup(a, method);
	const char *q = strchr(url, '?');
	rq->path = q ? arena_strndup(a, url, (size_t)(q - url)) : arena_strdup(a, url);
	rq->remote_addr = client_address(a, c);
	if (config.trusted_proxy && strcmp(rq->remote_addr, config.trusted_proxy) == 0)
		rq->remote_addr = forwarded_address(a, c, rq->remote_addr);
	rq->host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	rq->origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	rq->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	rq->tls = config.tls_cert != NULL ||
	          (config.public_origin && strncmp(config.public_origin, "https://", 8) == 0);
	/* Links and the Origin check use only a name the operator configured: the
	 * public origin, a Host that host_allowed() accepted, or the listen address. */
	rq->own_origin = config.public_origin ? config.public_origin
	                 : cs->host_trusted   ? arena_printf(a, "%s://%s", rq->tls ? "https" : "http",
	                                                     lowercase(a, rq->host))
	                                      : arena_printf(a, "%s://%s", rq->tls ? "https" : "http",
	                                                     listen_authority(a, c));
	rq->cookie_session = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
	                                                 rq->tls ? "__Host-kr_session" : "kr_session");
	rq->cookie_login = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, rq->tls ? "__Host-kr_login" : "kr_login");
	rq->cookie_device = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, rq->tls ? "__Host-kr_device" : "kr_device");
	rq->cookie_notice = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, rq->tls ? "__Host-kr_notice" : "kr_notice");
	rq->cookie_pending = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, rq->tls ? "__Host-kr_pending" : "kr_pending");
	/* libmicrohttpd strips the query from url and unescapes it into arguments;
	 * the router wants the raw query, which MHD exposes only per key. We rebuild
	 * it from the arguments below. */
	rq->query_string = NULL;
	rq->body = cs->body.data;
	rq->body_len = cs->body.len;
	rq->body_too_large = cs->too_large;
	sb_init(&rq->res.body, a);
	cs->method = rq->method;
	cs->path = rq->path;
	return rq;
}

typedef struct query_builder {
	strbuf sb;
	bool bad;
} query_builder;

static void append_escaped(strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			sb_putc(sb, (char)*p);
		} else {
			sb_putc(sb, '%');
			sb_putc(sb, hex[*p >> 4]);
			sb_putc(sb, hex[*p & 15]);
		}
	}
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                   const char *value, size_t value_size)
{
	(void)kind;
	query_builder *qb = cls;
	if (strlen(key) != key_size || (value && strlen(value) != value_size))
		qb->bad = true; /* embedded NUL */
	if (qb->sb.len)
		sb_putc(&qb->sb, '&');
	append_escaped(&qb->sb, key);
	if (value) {
		sb_putc(&qb->sb, '=');
		append_escaped(&qb->sb, value);
	}
	return MHD_YES;
}

static conn_state *new_conn_state(const char *raw_target)
{
	conn_state *cs = calloc(1, sizeof *cs);
	if (!cs)
		return NULL;
	cs->a = arena_new();
	sb_init(&cs->body, cs->a);
	clock_gettime(CLOCK_MONOTONIC, &cs->start);
	if (raw_target && strlen(raw_target) > MAX_TARGET)
		cs->target_too_long = true;
	else if (raw_target)
		cs->raw_target = arena_strdup(cs->a, raw_target);
	atomic_fetch_add(&in_flight, 1);
	return cs;
}

static void free_conn_state(conn_state *cs)
{
	arena_free(cs->a);
	free(cs);
	atomic_fetch_sub(&in_flight, 1);
}

/* Called by libmicrohttpd once the request line is in, with the target as sent
 * (before it splits off the query and decodes the path); its result becomes the
 * request's con_cls, so on_completed always frees it. */
static void *on_request_line(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	return new_conn_state(uri);
}

typedef struct header_tally {
	size_t bytes;
	unsigned hosts;
} header_tally;

static enum MHD_Result tally_header(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                    const char *value, size_t value_size)
{
	(void)kind;
	(void)value;
	header_tally *t = cls;
	t->bytes += key_size + value_size + 4; /* ": " and CRLF */
	if (strcasecmp(key, "Host") == 0)
		t->hosts++;
	return MHD_YES;
}

/* The status with which a request is refused before the router sees it, or 0:
 * 505 for an HTTP version other than 1.0 and 1.1 (libmicrohttpd passes 1.2–1.9
 * on), 414 for a request target over MAX_TARGET, 431 for headers over
 * MAX_HEADER_BYTES, 400 for a control character in the path (%00 would cut the
 * path short), for HTTP/1.1 without Host, for more than one Host, and for a Host
 * that does not name this server (host_check.h). */
static int refusal_status(struct MHD_Connection *c, conn_state *cs, const char *version)
{
	bool http10 = version && strcmp(version, "HTTP/1.0") == 0;
	if (!http10 && (!version || strcmp(version, "HTTP/1.1") != 0))
		return 505;
	if (cs->target_too_long)
		return 414;
	header_tally t = {0, 0};
	MHD_get_connection_values_n(c, MHD_HEADER_KIND, tally_header, &t);
	if (t.bytes > MAX_HEADER_BYTES)
		return 431;
	if (cs->raw_target && path_has_control(cs->raw_target))
		return 400;
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (t.hosts > 1 || (!host && !http10))
		return 400;
	if (host) {
		const char *ip = listens_on_wildcard() ? local_ip(cs->a, c) : NULL;
		if (!host_allowed(host, config.listen, ip, config.public_origin, config.tls_cert != NULL))
			return 400;
		cs->host_trusted = true;
	}
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	(void)cls;
	conn_state *cs = *con_cls;
	if (!cs) {
		/* The URI callback always runs first; this is only a safety net. */
		cs = new_conn_state(NULL);
		if (!cs)
			return MHD_NO;
		*con_cls = cs;
	}
	if (!cs->started) {
		cs->started = true;
		conn_guard_request_headers(guard_entry(c));
		int refusal = refusal_status(c, cs, version);
		if (refusal) {
			request *rq = build_request(c, cs, url, method);
			respond_error(rq, refusal);
			return queue(c, cs, rq);
		}
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
		unsigned long long announced = cl ? strtoull(cl, NULL, 10) : 0;
		bool has_session = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "kr_session") ||
		                   MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "__Host-kr_session");
		if ((announced > 0 || te) && router_refuse_early(method, url, has_session)) {
			/* Nobody will read this body: answer now (404, 405, 403 or a
			 * redirect to the login page) instead of buffering it. */
			request *rq = build_request(c, cs, url, method);
			router_dispatch(rq);
			return queue(c, cs, rq);
		}
		if (announced > config.max_body)
			cs->too_large = true; /* read and discard, then answer 413 */
		else if (announced > 0)
			sb_reserve(&cs->body, (size_t)announced); /* one allocation, no doubling */
		if (announced > DISCARD_LIMIT) {
			/* Too big even to discard: answer before reading the body.
			 * libmicrohttpd then skips "100 Continue" and closes the
			 * connection, so a client may see a reset instead of the page. */
			cs->too_large = true;
			request *rq = build_request(c, cs, url, method);
			router_dispatch(rq);
			return queue(c, cs, rq);
		}
		return MHD_YES;
	}
	if (cs->offloaded) { /* resumed: the offloaded work is done */
		request *rq = cs->offloaded;
		cs->offloaded = NULL;
		router_resume(rq);
		return answer_or_park(c, cs, rq);
	}
	if (cs->parked) { /* resumed: the audit record settled */
		bool ok = false;
		if (!audit_ticket_park(cs->parked->audit_pending, &ok, park_connection, wake_connection, c))
			return MHD_YES; /* not settled yet: parked again */
		return answer_audited(c, cs, ok);
	}
	if (cs->answered)
		return MHD_YES;
	if (*upload_data_size) {
		cs->received += *upload_data_size;
		if (!cs->too_large && cs->body.len + *upload_data_size <= config.max_body)
			sb_append(&cs->body, upload_data, *upload_data_size);
		else
			cs->too_large = true; /* keep reading, answer 413 at the end */
		*upload_data_size = 0;
		if (cs->received > DISCARD_LIMIT)
			return MHD_NO; /* a chunked body without end: close the connection */
		return MHD_YES;
	}
	conn_guard_request_whole(guard_entry(c)); /* arrived whole: no deadline while we answer */
	request *rq = build_request(c, cs, url, method);
	query_builder qb = {.bad = false};
	sb_init(&qb.sb, cs->a);
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, &qb);
	rq->query_string = qb.sb.data;
	rq->query_invalid = qb.bad;
	return dispatch(c, cs, rq);
}

/* Copy s into out, replacing bytes outside printable ASCII, spaces and '%' by %XX. */
static void log_escape(const char *s, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t j = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && j + 4 < outlen; p++) {
		if (*p > ' ' && *p < 0x7f && *p != '%') {
			out[j++] = (char)*p;
		} else {
			out[j++] = '%';
			out[j++] = hex[*p >> 4];
			out[j++] = hex[*p & 15];
		}
	}
	out[j] = '\0';
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	conn_guard_request_done(guard_entry(c), conn_guard_now_ms());
	conn_state *cs = *con_cls;
	if (!cs)
		return;
	if (cs->parked) /* closed while its record was pending: the writer frees the ticket */
		audit_ticket_release(cs->parked->audit_pending);
	if (!cs->started) {
		/* The headers never arrived (closed by the deadline, the client or a
		 * libmicrohttpd error answer): no request to log; the guard counts
		 * these in its summary line. */
		free_conn_state(cs);
		*con_cls = NULL;
		return;
	}
	struct timespec wall;
	clock_gettime(CLOCK_REALTIME, &wall);
	struct tm tm;
	gmtime_r(&wall.tv_sec, &tm);
	char ts[32];
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* Path only: ids in paths are not client data; query strings are never logged.
	 * The path is escaped so that nobody can forge a log line through it. */
	char path[256];
	log_escape(cs->path ? cs->path : "-", path, sizeof path);
	fprintf(stderr, "time=%s method=%s path=%s status=%d ms=%.2f user=%lld%s\n", ts,
	        cs->method ? cs->method : "-", path, cs->status, elapsed_ms(&cs->start),
	        (long long)cs->user_id, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted=1");
	free_conn_state(cs);
	*con_cls = NULL;
}

/* libmicrohttpd's own messages, at most LOG_BURST a minute: it reports every
 * connection closed with an incomplete request, and under a slow-client attack
 * that would be thousands of lines a minute, written by the worker threads. */
enum { LOG_BURST = 20 };
static pthread_mutex_t mhd_log_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	static time_t window;
	static unsigned printed, dropped;
	time_t now = time(NULL);
	pthread_mutex_lock(&mhd_log_lock);
	if (now - window >= 60) {
		if (dropped)
			fprintf(stderr, "ketenregie: %u libmicrohttpd messages left out in the last minute\n", dropped);
		window = now;
		printed = dropped = 0;
	}
	bool print = printed < LOG_BURST;
	if (print)
		printed++;
	else
		dropped++;
	pthread_mutex_unlock(&mhd_log_lock);
	if (print) {
		fputs("libmicrohttpd: ", stderr);
		vfprintf(stderr, fmt, ap);
	}
}

/* Every accepted connection is registered with the guard (deadline, eviction)
 * and forgotten before libmicrohttpd closes its socket. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		*socket_context = conn_guard_open(connection_fd(c), ci ? ci->client_addr : NULL, conn_guard_now_ms());
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		conn_guard_close(*socket_context);
		*socket_context = NULL;
	}
}

bool http_serve(void)
{
	struct sockaddr_in sa;
	if (!http_split_listen(config.listen, &sa)) {
		fprintf(stderr, "ketenregie: cannot use listen address '%s' (expected IPv4 HOST:PORT)\n", config.listen);
		return false;
	}
	unsigned threads = config.threads;
	if (threads == 0) {
		/* Four workers per core: a POST of client data (and a start page) waits
		 * for its audit record's group commit (an fsync) on its worker; a GET's
		 * connection is parked instead (see dispatch). Measured on 2 cores (case
		 * page, 100 connections, before GETs were parked): 2 workers 2,300 req/s,
		 * 8 workers 3,470, 16 no better; static files unchanged. */
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? 4 * (unsigned)n : 4;
		if (threads > 32)
			threads = 32; /* db.c keeps at most 64 connections: workers + writer + CLI */
	}
	/* A request's arena grows its page buffer by doubling, past glibc's default
	 * mmap threshold (128 KiB, then adapting): every large block was mapped and
	 * unmapped per request (page faults, TLB flushes: 10 % of the case page's
	 * CPU under load). Keep blocks up to 1 MiB in the heap, where a freed one
	 * is reused by the next request, and give the rest back above 4 MiB. Two
	 * malloc arenas, not one per worker thread: each arena keeps what it may
	 * before trimming, and eight of them held 100 MB more under list load. */
	mallopt(M_ARENA_MAX, 2);
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
	/* Give back what start-up left free: migrating a decade's database (0023
	 * rebuilds indexes over 20 million audit rows) left 700 MB of freed heap that
	 * the daemon kept for its life (RssAnon 708 → 8 MB with this call). */
	malloc_trim(0);
	/* Block the stop signals in every thread; the main thread waits for them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
	char *cert = NULL, *key = NULL;
	if (config.tls_cert || config.tls_key) {
		cert = config.tls_cert ? http_read_file(config.tls_cert) : NULL;
		key = config.tls_key ? http_read_file(config.tls_key) : NULL;
		if (!cert || !key) {
			fputs("ketenregie: TLS needs readable --tls-cert and --tls-key files\n", stderr);
			free(cert);
			free(key);
			return false;
		}
		flags |= MHD_USE_TLS;
	}
	struct MHD_OptionItem tls_opts[] = {
		{MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, key},
		{MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)TLS_PRIORITIES},
		{MHD_OPTION_END, 0, NULL},
	};

	/* The guard keeps the limits and evicts to make room; libmicrohttpd's own
	 * limit sits above it (it refuses at accept, before anything can be evicted)
	 * and its per-address limit is off (it would refuse the colleague behind a
	 * busy NAT instead of evicting the trickling connections). */
	unsigned limit = config.conn_limit;
	unsigned mhd_limit = limit + limit / 4 + 64;
	unsigned fit = http_raise_fd_limit(mhd_limit);
	if (fit < mhd_limit) {
		limit = (unsigned)((unsigned long long)fit * 4 / 5);
		mhd_limit = fit;
		fprintf(stderr, "ketenregie: descriptor limit allows %u connections, not %u (raise LimitNOFILE)\n", limit,
		        config.conn_limit);
	}
	/* password hashes, off the worker threads: as many threads as hashes may run,
	 * each with a helper process that does the hashing (auth/password_helper.h) */
	if (!password_helpers_start() || !offload_start(PASSWORD_MAX_CONCURRENT, password_attach_helper)) {
		fputs("ketenregie: cannot start the offload threads\n", stderr);
		free(cert);
		free(key);
		return false;
	}
	conn_guard_init(limit, config.per_ip_limit, (uint64_t)config.request_deadline_s * 1000u);
	if (!conn_guard_start_sweeper()) {
		fputs("ketenregie: cannot start the connection sweeper\n", stderr);
		free(cert);
		free(key);
		return false;
	}
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, mhd_limit,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, 0u,
		/* Reset by every byte received (connection.c MHD_update_last_activity_),
		 * so it bounds idle and stalled connections, not trickling ones: that
		 * is the guard's deadline. */
		MHD_OPTION_CONNECTION_TIMEOUT, config.conn_timeout_s,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, config.conn_memory,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 4096u,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
		MHD_OPTION_URI_LOG_CALLBACK, on_request_line, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_ARRAY, cert ? tls_opts : tls_opts + 3,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "ketenregie: cannot listen on %s\n", config.listen);
		conn_guard_stop_sweeper();
		free(cert);
		free(key);
		return false;
	}
	fprintf(stderr,
	        "ketenregie: serving on %s://%s (%u threads, %u connections, %u per address, "
	        "requests whole within %u s)\n",
	        cert ? "https" : "http", config.listen, threads, limit, config.per_ip_limit, config.request_deadline_s);

	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "ketenregie: signal %d, finishing requests in flight\n", sig);
	MHD_socket ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++)
		usleep(10 * 1000);
	MHD_stop_daemon(d);
	conn_guard_stop_sweeper();
	free(cert);
	free(key);
	return true;
}
