/*
 * http.h — the HTTP server: the only code that touches libmicrohttpd.
 */
#ifndef KR_HTTP_H
#define KR_HTTP_H

#include <stdbool.h>

/* Serve with the settings in `config` until SIGTERM or SIGINT; then stop taking
 * connections, let in-flight requests finish (10 s at most) and return.
 * Returns false when the server could not start. */
bool http_serve(void);

#endif
