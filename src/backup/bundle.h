/*
 * bundle.h — one backup, one file: the container that holds a snapshot of the
 * database and a snapshot of its read log (store/readlog.h) together.
 *
 * A bundle is the plaintext of an encrypted backup of format version 2
 * (backup/backup_file.h) and, as it is, a plain (--plain) backup:
 *
 *   0       8  magic "KRBUNDLE"
 *   8       1  bundle version (1)
 *   9       7  zero
 *   16      8  D: length of the database snapshot, unsigned big-endian
 *   24      D  the database snapshot (a SQLite file in rollback-journal mode)
 *   24+D    8  R: length of the read-log snapshot; 0 when there was no read log
 *   32+D    R  the read-log snapshot (a SQLite file in rollback-journal mode)
 *
 * and nothing after it. Older backups hold the database alone: an encrypted
 * backup of format version 1 decrypts to a bare SQLite file, and a plain backup
 * made before bundles is a bare SQLite file; they restore without a read log.
 *
 * This module only moves bytes: it never opens SQLite and never decides what a
 * snapshot holds (store/dbfile.h verifies them).
 */
#ifndef KR_BUNDLE_H
#define KR_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum { BUNDLE_MAGIC_BYTES = 8, BUNDLE_HEADER_BYTES = 24 };

/* A byte source read to its end: read() fills up to n bytes, fewer only at the
 * end, and answers -1 on an error. */
typedef struct bundle_source {
	ssize_t (*read)(void *ctx, unsigned char *buf, size_t n);
	void *ctx;
} bundle_source;

/* The bundle of the two snapshot files open at db_fd and readlog_fd (-1: no read
 * log), read from their start; their lengths are taken now, and a file that then
 * ends early is an error. The caller owns the descriptors. */
typedef struct bundle_writer {
	unsigned char header[BUNDLE_HEADER_BYTES], readlog_len[8];
	int db_fd, readlog_fd;
	uint64_t db_bytes, readlog_bytes, pos;
} bundle_writer;

bool bundle_writer_init(bundle_writer *w, int db_fd, int readlog_fd, char *err, size_t errlen);
bundle_source bundle_writer_source(bundle_writer *w);

/* True when the first bytes of a file are the bundle magic. */
bool bundle_has_magic(const unsigned char *head, size_t n);

/* Read a bundle from in (at its current offset) and write the database snapshot
 * to db_out and the read-log snapshot to readlog_out; *has_readlog says whether
 * there was one. Refuses (false, a message in err) a foreign file, an unknown
 * version, a bundle cut short and bytes after its end; the outputs may then hold
 * partial data, which the caller must discard. */
bool bundle_split(int in, int db_out, int readlog_out, bool *has_readlog, char *err, size_t errlen);

#endif
