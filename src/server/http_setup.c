/*
 * http_setup.c — what http.c needs before it starts serving, none of it
 * libmicrohttpd's business: the listen address, the descriptor limit, the TLS
 * files (see http_setup.h).
 */
#include "server/http_setup.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* Room for `connections` sockets plus the database, log and epoll descriptors:
 * raise the soft descriptor limit as far as the hard limit allows. Returns how
 * many connections fit (maybe fewer than asked). With MHD_USE_EPOLL,
 * libmicrohttpd does not check descriptors against FD_SETSIZE (0.9.75,
 * daemon.c internal_add_connection), so thousands are fine. */
enum { RESERVED_FDS = 512 };
unsigned http_raise_fd_limit(unsigned connections)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return connections;
	rlim_t want = (rlim_t)connections + RESERVED_FDS;
	if (rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want ? want : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur >= want)
		return connections;
	return rl.rlim_cur > 2 * RESERVED_FDS ? (unsigned)(rl.rlim_cur - RESERVED_FDS) : RESERVED_FDS;
}

bool http_split_listen(const char *listen, struct sockaddr_in *sa)
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

char *http_read_file(const char *path)
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
