/*
 * http.c — the only file that uses libmicrohttpd.
 *
 * Owns the request phases (headers → body chunks → answer), the explicit limits
 * (connections, per-address connections, timeout, per-connection memory, body
 * size), TLS, the security headers every response carries, the one log line per
 * request, and the graceful stop on SIGTERM/SIGINT. It never looks inside a
 * request's meaning: that is router.c's job. It never logs client data (no query
 * strings, no bodies).
 */
#include "server/http.h"

#include "server/config.h"
#include "server/request.h"
#include "server/router.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CSP "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; " \
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

typedef struct conn_state {
	arena *a;
	strbuf body;
	bool too_large;
	bool answered;
	size_t received; /* body bytes seen, kept or not */
	int status;
	int64_t user_id;
	struct timespec start;
	const char *method;
	const char *path;
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
	rq->own_origin = config.public_origin
	                     ? config.public_origin
	                     : arena_printf(a, "%s://%s", rq->tls ? "https" : "http", rq->host ? rq->host : "");
	rq->cookie_session = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
	                                                 rq->tls ? "__Host-kr_session" : "kr_session");
	rq->cookie_login = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, rq->tls ? "__Host-kr_login" : "kr_login");
	rq->cookie_device = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, rq->tls ? "__Host-kr_device" : "kr_device");
	rq->cookie_notice = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, rq->tls ? "__Host-kr_notice" : "kr_notice");
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

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	(void)cls;
	(void)version;
	conn_state *cs = *con_cls;
	if (!cs) {
		cs = calloc(1, sizeof *cs);
		if (!cs)
			return MHD_NO;
		cs->a = arena_new();
		sb_init(&cs->body, cs->a);
		clock_gettime(CLOCK_MONOTONIC, &cs->start);
		atomic_fetch_add(&in_flight, 1);
		*con_cls = cs;
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
	request *rq = build_request(c, cs, url, method);
	query_builder qb = {.bad = false};
	sb_init(&qb.sb, cs->a);
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, &qb);
	rq->query_string = qb.sb.data;
	rq->query_invalid = qb.bad;
	router_dispatch(rq);
	return queue(c, cs, rq);
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
	(void)c;
	conn_state *cs = *con_cls;
	if (!cs)
		return;
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
	arena_free(cs->a);
	free(cs);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

static bool split_listen(const char *listen, struct sockaddr_in *sa)
{
	const char *colon = strrchr(listen, ':');
	if (!colon)
		return false;
	char host[64];
	size_t hl = (size_t)(colon - listen);
	if (hl == 0 || hl >= sizeof host)
		return false;
	memcpy(host, listen, hl);
	host[hl] = '\0';
	char *end;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (*end || port == 0 || port > 65535)
		return false;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (strcmp(host, "localhost") == 0)
		return inet_pton(AF_INET, "127.0.0.1", &sa->sin_addr) == 1;
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *d = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (d && fread(d, 1, (size_t)n, f) == (size_t)n) {
		d[n] = '\0';
	} else {
		free(d);
		d = NULL;
	}
	fclose(f);
	return d;
}

bool http_serve(void)
{
	struct sockaddr_in sa;
	if (!split_listen(config.listen, &sa)) {
		fprintf(stderr, "ketenregie: cannot use listen address '%s' (expected IPv4 HOST:PORT)\n", config.listen);
		return false;
	}
	unsigned threads = config.threads;
	if (threads == 0) {
		/* Four workers per core: a client-data request waits for its audit
		 * record's group commit (an fsync), and the more requests wait at once,
		 * the more records share one fsync. Measured on 2 cores (case page,
		 * 100 connections): 2 workers 2,300 req/s, 8 workers 3,470, 16 no better;
		 * static files unchanged. */
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? 4 * (unsigned)n : 4;
		if (threads > 32)
			threads = 32; /* db.c keeps at most 64 connections: workers + writer + CLI */
	}
	/* Block the stop signals in every thread; the main thread waits for them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
	char *cert = NULL, *key = NULL;
	if (config.tls_cert || config.tls_key) {
		cert = config.tls_cert ? read_file(config.tls_cert) : NULL;
		key = config.tls_key ? read_file(config.tls_key) : NULL;
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
		{MHD_OPTION_END, 0, NULL},
	};
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, config.conn_limit,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, config.per_ip_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, config.conn_timeout_s,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, config.conn_memory,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_ARRAY, cert ? tls_opts : tls_opts + 2,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "ketenregie: cannot listen on %s\n", config.listen);
		free(cert);
		free(key);
		return false;
	}
	fprintf(stderr, "ketenregie: serving on %s://%s (%u threads)\n", cert ? "https" : "http", config.listen,
	        threads);

	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "ketenregie: signal %d, finishing requests in flight\n", sig);
	MHD_socket ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++)
		usleep(10 * 1000);
	MHD_stop_daemon(d);
	free(cert);
	free(key);
	return true;
}
