/*
 * fdio.h — whole buffers through a file descriptor: reads and writes that go on
 * after a short count or an interrupted call (EINTR), for the backup files.
 */
#ifndef KR_FDIO_H
#define KR_FDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Read up to n bytes into buf; fewer only at the end of the file. -1 on an error. */
ssize_t fd_read_full(int fd, void *buf, size_t n);

/* Read exactly n bytes into buf; false at an early end of the file or an error. */
bool fd_read_exact(int fd, void *buf, size_t n);

/* Write all n bytes of buf; false on an error. */
bool fd_write_all(int fd, const void *buf, size_t n);

#endif
