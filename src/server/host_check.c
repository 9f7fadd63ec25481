/*
 * host_check.c — Host header and path checks (see host_check.h).
 */
#include "server/host_check.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { NAME_MAX_LEN = 255 };

/* Split "name[:port]" into name and port; a missing port becomes default_port.
 * False for an empty name, a bad or zero port, or an over-long name. */
static bool split_host(const char *s, size_t len, unsigned default_port, char name[NAME_MAX_LEN + 1],
                       unsigned *port)
{
	const char *colon = memchr(s, ':', len);
	size_t nlen = colon ? (size_t)(colon - s) : len;
	if (nlen == 0 || nlen > NAME_MAX_LEN)
		return false;
	memcpy(name, s, nlen);
	name[nlen] = '\0';
	*port = default_port;
	if (colon) {
		const char *p = colon + 1;
		size_t plen = len - nlen - 1;
		if (plen == 0 || plen > 5)
			return false;
		unsigned v = 0;
		for (size_t i = 0; i < plen; i++) {
			if (p[i] < '0' || p[i] > '9')
				return false;
			v = v * 10 + (unsigned)(p[i] - '0');
		}
		if (v == 0 || v > 65535)
			return false;
		*port = v;
	}
	return true;
}

static bool is_loopback(const char *name)
{
	return strcasecmp(name, "localhost") == 0 || strncmp(name, "127.", 4) == 0;
}

static bool listen_names_host(const char *hname, unsigned hport, const char *listen, const char *local_ip,
                              bool tls)
{
	char lname[NAME_MAX_LEN + 1];
	unsigned lport;
	if (!split_host(listen, strlen(listen), tls ? 443 : 80, lname, &lport) || hport != lport)
		return false;
	const char *own = lname;
	if (strcmp(lname, "0.0.0.0") == 0) {
		if (!local_ip)
			return false;
		own = local_ip;
	}
	if (strcasecmp(hname, own) == 0)
		return true;
	return is_loopback(own) && (strcasecmp(hname, "localhost") == 0 || strcmp(hname, "127.0.0.1") == 0);
}

static bool origin_names_host(const char *hname, unsigned hport, const char *origin)
{
	unsigned default_port;
	const char *rest;
	if (strncmp(origin, "https://", 8) == 0) {
		default_port = 443;
		rest = origin + 8;
	} else if (strncmp(origin, "http://", 7) == 0) {
		default_port = 80;
		rest = origin + 7;
	} else {
		return false;
	}
	char oname[NAME_MAX_LEN + 1];
	unsigned oport;
	size_t len = strcspn(rest, "/");
	return split_host(rest, len, default_port, oname, &oport) && oport == hport && strcasecmp(oname, hname) == 0;
}

bool host_allowed(const char *host, const char *listen, const char *local_ip, const char *public_origin,
                  bool tls)
{
	if (!host || !*host || !listen)
		return false;
	char hname[NAME_MAX_LEN + 1];
	unsigned hport;
	if (listen && split_host(host, strlen(host), tls ? 443 : 80, hname, &hport) &&
	    listen_names_host(hname, hport, listen, local_ip, tls))
		return true;
	if (!public_origin)
		return false;
	/* Behind a proxy the Host is the public name; a port-less Host means the
	 * public scheme's default port. */
	unsigned pdefault = strncmp(public_origin, "https://", 8) == 0 ? 443 : 80;
	return split_host(host, strlen(host), pdefault, hname, &hport) && origin_names_host(hname, hport, public_origin);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool path_has_control(const char *raw)
{
	for (const unsigned char *p = (const unsigned char *)raw; *p && *p != '?'; p++) {
		unsigned c = *p;
		if (c == '%') {
			int hi = hex_value((char)p[1]);
			int lo = hi >= 0 ? hex_value((char)p[2]) : -1;
			if (lo >= 0) {
				c = (unsigned)(hi * 16 + lo);
				p += 2;
			}
		}
		if (c < 0x20 || c == 0x7f)
			return true;
	}
	return false;
}
