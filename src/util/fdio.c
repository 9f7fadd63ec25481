/*
 * fdio.c — whole buffers through a file descriptor (see fdio.h).
 */
#include "util/fdio.h"

#include <errno.h>
#include <unistd.h>

ssize_t fd_read_full(int fd, void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

bool fd_read_exact(int fd, void *buf, size_t n)
{
	return fd_read_full(fd, buf, n) == (ssize_t)n;
}

bool fd_write_all(int fd, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}
