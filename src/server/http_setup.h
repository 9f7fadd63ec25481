/*
 * http_setup.h — the listen address, the descriptor limit and the TLS files
 * for http.c.
 */
#ifndef KR_HTTP_SETUP_H
#define KR_HTTP_SETUP_H

#include <netinet/in.h>
#include <stdbool.h>

/* Room for `connections` sockets plus the database, log and epoll descriptors:
 * raise the soft descriptor limit as far as the hard limit allows. Returns how
 * many connections fit (maybe fewer than asked). */
unsigned http_raise_fd_limit(unsigned connections);

/* "HOST:PORT" (IPv4 or localhost) into sa; false when it is not one. */
bool http_split_listen(const char *listen, struct sockaddr_in *sa);

/* The whole file, NUL-terminated and malloc'd, or NULL. */
char *http_read_file(const char *path);

#endif
