/*
 * host_check.h — which Host header values name this server, and which request
 * paths are refused outright.
 *
 * Links the server writes (the password link in /beheer) and the Origin check of
 * every POST are built from the Host header when no --public-origin is set. So the
 * Host must be one the operator configured, never one a client chose:
 *
 *   - the listen address HOST:PORT itself (HOST may be an IPv4 address or
 *     "localhost"); a Host without port stands for 80 (http) or 443 (https);
 *   - on a loopback listen address, also localhost and 127.0.0.1 with that port;
 *   - on the wildcard address 0.0.0.0, the local address the connection arrived on
 *     (a client reaching us by IP); names in DNS need --public-origin;
 *   - with --public-origin, also that origin's host and port (what a proxy passes on).
 *
 * Pure functions: no I/O, no libmicrohttpd.
 */
#ifndef KR_HOST_CHECK_H
#define KR_HOST_CHECK_H

#include <stdbool.h>

/* May a request carrying this Host header be served? listen is "HOST:PORT";
 * local_ip is the address the connection arrived on (dotted IPv4, or NULL when
 * unknown); public_origin is "scheme://host[:port]" or NULL; tls says whether
 * the daemon itself speaks TLS. NULL or empty host → false. */
bool host_allowed(const char *host, const char *listen, const char *local_ip, const char *public_origin,
                  bool tls);

/* Does the path part of this raw (still percent-encoded) request target hold a
 * control character — a raw byte below 0x20 or 0x7f, or %00–%1F / %7F? The
 * query string (after '?') is not looked at. */
bool path_has_control(const char *raw_target);

#endif
