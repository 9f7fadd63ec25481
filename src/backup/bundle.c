/*
 * bundle.c — the two-snapshot container of a backup (see bundle.h): writing it
 * as a byte source for the encryption or a plain file, and splitting it back
 * into its two files. Plain file descriptors; no SQLite, no cryptography.
 */
#include "backup/bundle.h"

#include "util/fdio.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUNDLE_MAGIC "KRBUNDLE"
#define BUNDLE_VERSION 1

enum { COPY_BYTES = 65536 };

static void put_be64(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

static uint64_t get_be64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static bool length_of(int fd, uint64_t *len)
{
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	*len = (uint64_t)sb.st_size;
	return true;
}

bool bundle_writer_init(bundle_writer *w, int db_fd, int readlog_fd, char *err, size_t errlen)
{
	memset(w, 0, sizeof *w);
	w->db_fd = db_fd;
	w->readlog_fd = readlog_fd;
	if (!length_of(db_fd, &w->db_bytes) || (readlog_fd >= 0 && !length_of(readlog_fd, &w->readlog_bytes))) {
		snprintf(err, errlen, "cannot read the snapshot's size: %s", strerror(errno));
		return false;
	}
	memcpy(w->header, BUNDLE_MAGIC, BUNDLE_MAGIC_BYTES);
	w->header[BUNDLE_MAGIC_BYTES] = BUNDLE_VERSION;
	put_be64(w->header + 16, w->db_bytes);
	put_be64(w->readlog_len, w->readlog_bytes);
	return true;
}

/* Up to n bytes of the section [start, start + len) from the writer's position:
 * from mem when it is not NULL, else from fd. How many were copied; -1 on an
 * error or a file that ended before its length. */
static ssize_t from_section(bundle_writer *w, uint64_t start, uint64_t len, const unsigned char *mem, int fd,
                            unsigned char *buf, size_t n)
{
	if (w->pos < start || w->pos >= start + len)
		return 0;
	uint64_t off = w->pos - start, left = len - off;
	size_t want = left < n ? (size_t)left : n;
	if (mem) {
		memcpy(buf, mem + off, want);
		return (ssize_t)want;
	}
	ssize_t r;
	do
		r = pread(fd, buf, want, (off_t)off);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		errno = EIO; /* the snapshot shrank: never pad it */
	return r > 0 ? r : -1;
}

static ssize_t writer_read(void *ctx, unsigned char *buf, size_t n)
{
	bundle_writer *w = ctx;
	const uint64_t db_at = BUNDLE_HEADER_BYTES, len_at = db_at + w->db_bytes, rl_at = len_at + 8;
	size_t got = 0;
	while (got < n) {
		ssize_t r = 0;
		if (w->pos < db_at)
			r = from_section(w, 0, BUNDLE_HEADER_BYTES, w->header, -1, buf + got, n - got);
		else if (w->pos < len_at)
			r = from_section(w, db_at, w->db_bytes, NULL, w->db_fd, buf + got, n - got);
		else if (w->pos < rl_at)
			r = from_section(w, len_at, 8, w->readlog_len, -1, buf + got, n - got);
		else if (w->pos < rl_at + w->readlog_bytes)
			r = from_section(w, rl_at, w->readlog_bytes, NULL, w->readlog_fd, buf + got, n - got);
		else
			break; /* the end */
		if (r < 0)
			return -1;
		got += (size_t)r;
		w->pos += (uint64_t)r;
	}
	return (ssize_t)got;
}

bundle_source bundle_writer_source(bundle_writer *w)
{
	return (bundle_source){.read = writer_read, .ctx = w};
}

bool bundle_has_magic(const unsigned char *head, size_t n)
{
	return n >= BUNDLE_MAGIC_BYTES && memcmp(head, BUNDLE_MAGIC, BUNDLE_MAGIC_BYTES) == 0;
}

/* Copy exactly len bytes from in to out. */
static bool copy_exact(int in, int out, uint64_t len, const char *what, char *err, size_t errlen)
{
	unsigned char buf[COPY_BYTES];
	while (len > 0) {
		size_t n = len < sizeof buf ? (size_t)len : sizeof buf;
		if (!fd_read_exact(in, buf, n)) {
			snprintf(err, errlen, "truncated backup: the %s ends early", what);
			return false;
		}
		if (!fd_write_all(out, buf, n)) {
			snprintf(err, errlen, "cannot write the restored %s: %s", what, strerror(errno));
			return false;
		}
		len -= n;
	}
	return true;
}

bool bundle_split(int in, int db_out, int readlog_out, bool *has_readlog, char *err, size_t errlen)
{
	*has_readlog = false;
	unsigned char header[BUNDLE_HEADER_BYTES], len[8];
	if (!fd_read_exact(in, header, sizeof header) || !bundle_has_magic(header, sizeof header)) {
		snprintf(err, errlen, "not a ketenregie backup (foreign or truncated file)");
		return false;
	}
	if (header[BUNDLE_MAGIC_BYTES] != BUNDLE_VERSION) {
		snprintf(err, errlen, "backup container version %u is not supported by this program",
		         header[BUNDLE_MAGIC_BYTES]);
		return false;
	}
	if (!copy_exact(in, db_out, get_be64(header + 16), "database", err, errlen))
		return false;
	if (!fd_read_exact(in, len, sizeof len)) {
		snprintf(err, errlen, "truncated backup: it ends after the database");
		return false;
	}
	uint64_t readlog_bytes = get_be64(len);
	if (!copy_exact(in, readlog_out, readlog_bytes, "read log", err, errlen))
		return false;
	unsigned char extra;
	ssize_t e;
	do
		e = read(in, &extra, 1);
	while (e < 0 && errno == EINTR);
	if (e < 0) {
		snprintf(err, errlen, "cannot read the backup: %s", strerror(errno));
		return false;
	}
	if (e > 0) {
		snprintf(err, errlen, "damaged backup: data after its end");
		return false;
	}
	*has_readlog = readlog_bytes > 0;
	return true;
}
