/*
 * backup_file.c — the encrypted backup file format and its key file (see
 * backup_file.h). Pure libsodium and file descriptors: no SQLite here. Plaintext
 * buffers are wiped before they are freed; the key lives only in the caller's
 * backup_key, which the caller wipes.
 */
#include "backup/backup_file.h"

#include "util/fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "KRBACKUP"
#define FORMAT_VERSION 2 /* 1: the plaintext is a bare database (read before bundles) */
#define FORMAT_VERSION_OLDEST 1
#define KEY_LINE_PREFIX "ketenregie-backup-key 1 "
#define KEY_ID_LABEL "ketenregie backup key id v1"

enum {
	MAGIC_BYTES = 8,
	AD_BYTES = 32, /* magic, version, zeros, key id: authenticated with the first chunk */
	KEY_ID_OFFSET = 16,
	KEY_ID_BYTES = 16,
	ABYTES = crypto_secretstream_xchacha20poly1305_ABYTES,
	CIPHER_CHUNK = BACKUP_CHUNK_BYTES + ABYTES,
};

_Static_assert(AD_BYTES + crypto_secretstream_xchacha20poly1305_HEADERBYTES == BACKUP_HEADER_BYTES,
               "header layout");

static void key_id(const backup_key *key, unsigned char out[KEY_ID_BYTES])
{
	crypto_generichash(out, KEY_ID_BYTES, (const unsigned char *)KEY_ID_LABEL, sizeof KEY_ID_LABEL - 1, key->k,
	                   sizeof key->k);
}

void backup_key_wipe(backup_key *key)
{
	sodium_memzero(key, sizeof *key);
}

bool backup_key_generate(const char *path, char *err, size_t errlen)
{
	backup_key key;
	randombytes_buf(key.k, sizeof key.k);
	char line[sizeof KEY_LINE_PREFIX + 2 * BACKUP_KEY_BYTES + 2];
	memcpy(line, KEY_LINE_PREFIX, sizeof KEY_LINE_PREFIX - 1);
	sodium_bin2hex(line + sizeof KEY_LINE_PREFIX - 1, 2 * BACKUP_KEY_BYTES + 1, key.k, sizeof key.k);
	backup_key_wipe(&key);
	size_t len = strlen(line);
	line[len++] = '\n';
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create key file %s: %s%s", path, strerror(errno),
		         errno == EEXIST ? " (a key file is never overwritten)" : "");
		sodium_memzero(line, sizeof line);
		return false;
	}
	bool ok = fchmod(fd, 0600) == 0 && fd_write_all(fd, (const unsigned char *)line, len) && fsync(fd) == 0;
	sodium_memzero(line, sizeof line);
	if (close(fd) != 0)
		ok = false;
	if (!ok) {
		snprintf(err, errlen, "cannot write key file %s: %s", path, strerror(errno));
		unlink(path);
	}
	return ok;
}

bool backup_key_load(const char *path, backup_key *key, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open key file %s: %s", path, strerror(errno));
		return false;
	}
	struct stat sb;
	unsigned char buf[256];
	ssize_t n = -1;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size < (off_t)sizeof buf)
		n = fd_read_full(fd, buf, sizeof buf - 1);
	close(fd);
	const size_t prefix = sizeof KEY_LINE_PREFIX - 1, hex = 2 * BACKUP_KEY_BYTES;
	bool ok = n >= (ssize_t)(prefix + hex) && memcmp(buf, KEY_LINE_PREFIX, prefix) == 0 &&
	          (n == (ssize_t)(prefix + hex) || (n == (ssize_t)(prefix + hex + 1) && buf[n - 1] == '\n'));
	size_t bin_len = 0;
	if (ok)
		ok = sodium_hex2bin(key->k, sizeof key->k, (const char *)buf + prefix, hex, NULL, &bin_len, NULL) == 0 &&
		     bin_len == sizeof key->k;
	sodium_memzero(buf, sizeof buf);
	if (!ok) {
		backup_key_wipe(key);
		snprintf(err, errlen, "%s is not a ketenregie backup key file (make one with: ketenregie keygen FILE)",
		         path);
		return false;
	}
	if (sb.st_mode & 077)
		fprintf(stderr, "ketenregie: warning: key file %s can be read by other users (chmod 600 it)\n", path);
	return true;
}

bool backup_file_has_magic(const unsigned char *head, size_t n)
{
	return n >= MAGIC_BYTES && memcmp(head, MAGIC, MAGIC_BYTES) == 0;
}

int backup_file_version(const unsigned char *head, size_t n)
{
	return backup_file_has_magic(head, n) && n > MAGIC_BYTES ? head[MAGIC_BYTES] : 0;
}

static ssize_t fd_read(void *ctx, unsigned char *buf, size_t n)
{
	return fd_read_full(*(const int *)ctx, buf, n);
}

bool backup_encrypt_fd(int in, int out, const backup_key *key, char *err, size_t errlen)
{
	return backup_encrypt_source((bundle_source){.read = fd_read, .ctx = &in}, out, key, err, errlen);
}

bool backup_encrypt_source(bundle_source in, int out, const backup_key *key, char *err, size_t errlen)
{
	unsigned char header[BACKUP_HEADER_BYTES] = {0};
	memcpy(header, MAGIC, MAGIC_BYTES);
	header[MAGIC_BYTES] = FORMAT_VERSION;
	key_id(key, header + KEY_ID_OFFSET);
	crypto_secretstream_xchacha20poly1305_state st;
	crypto_secretstream_xchacha20poly1305_init_push(&st, header + AD_BYTES, key->k);
	if (!fd_write_all(out, header, sizeof header)) {
		snprintf(err, errlen, "cannot write the backup: %s", strerror(errno));
		return false;
	}
	unsigned char *cur = malloc(BACKUP_CHUNK_BYTES), *next = malloc(BACKUP_CHUNK_BYTES);
	unsigned char *cipher = malloc(CIPHER_CHUNK);
	if (!cur || !next || !cipher)
		abort();
	bool ok = false, first = true;
	ssize_t n = in.read(in.ctx, cur, BACKUP_CHUNK_BYTES);
	for (;;) {
		if (n < 0) {
			snprintf(err, errlen, "cannot read the database snapshot: %s", strerror(errno));
			break;
		}
		ssize_t m = 0;
		if (n == BACKUP_CHUNK_BYTES) {
			m = in.read(in.ctx, next, BACKUP_CHUNK_BYTES);
			if (m < 0) {
				n = -1;
				continue;
			}
		}
		bool final = m == 0; /* a short chunk, or a full one with nothing after it */
		unsigned long long clen = 0;
		crypto_secretstream_xchacha20poly1305_push(&st, cipher, &clen, cur, (unsigned long long)n,
		                                           first ? header : NULL, first ? AD_BYTES : 0,
		                                           final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
		if (!fd_write_all(out, cipher, (size_t)clen)) {
			snprintf(err, errlen, "cannot write the backup: %s", strerror(errno));
			break;
		}
		if (final) {
			ok = true;
			break;
		}
		unsigned char *t = cur;
		cur = next;
		next = t;
		n = m;
		first = false;
	}
	sodium_memzero(cur, BACKUP_CHUNK_BYTES);
	sodium_memzero(next, BACKUP_CHUNK_BYTES);
	sodium_memzero(&st, sizeof st);
	free(cur);
	free(next);
	free(cipher);
	return ok;
}

bool backup_decrypt_fd(int in, int out, const backup_key *key, char *err, size_t errlen)
{
	unsigned char header[BACKUP_HEADER_BYTES];
	ssize_t n = fd_read_full(in, header, sizeof header);
	if (n < 0) {
		snprintf(err, errlen, "cannot read the backup: %s", strerror(errno));
		return false;
	}
	if (!backup_file_has_magic(header, (size_t)n)) {
		snprintf(err, errlen, "not a ketenregie backup (foreign file)");
		return false;
	}
	if (n < (ssize_t)sizeof header) {
		snprintf(err, errlen, "truncated backup: the header is incomplete");
		return false;
	}
	if (header[MAGIC_BYTES] < FORMAT_VERSION_OLDEST || header[MAGIC_BYTES] > FORMAT_VERSION) {
		snprintf(err, errlen, "backup format version %u is not supported by this program", header[MAGIC_BYTES]);
		return false;
	}
	unsigned char id[KEY_ID_BYTES];
	key_id(key, id);
	if (sodium_memcmp(id, header + KEY_ID_OFFSET, KEY_ID_BYTES) != 0) {
		snprintf(err, errlen, "this backup was made with another key (or its header is damaged)");
		return false;
	}
	crypto_secretstream_xchacha20poly1305_state st;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, header + AD_BYTES, key->k) != 0) {
		snprintf(err, errlen, "damaged backup: bad stream header");
		return false;
	}
	unsigned char *cipher = malloc(CIPHER_CHUNK), *plain = malloc(BACKUP_CHUNK_BYTES);
	if (!cipher || !plain)
		abort();
	bool ok = false, first = true;
	for (unsigned long chunk = 1;; chunk++) {
		n = fd_read_full(in, cipher, CIPHER_CHUNK);
		if (n < 0) {
			snprintf(err, errlen, "cannot read the backup: %s", strerror(errno));
			break;
		}
		if (n == 0) {
			snprintf(err, errlen, "truncated backup: it ends before its final chunk (after %lu chunks)", chunk - 1);
			break;
		}
		unsigned long long plen = 0;
		unsigned char tag = 0;
		if (n < ABYTES ||
		    crypto_secretstream_xchacha20poly1305_pull(&st, plain, &plen, &tag, cipher, (unsigned long long)n,
		                                               first ? header : NULL, first ? AD_BYTES : 0) != 0) {
			snprintf(err, errlen, "damaged or truncated backup: chunk %lu does not authenticate", chunk);
			break;
		}
		first = false;
		if (!fd_write_all(out, plain, (size_t)plen)) {
			snprintf(err, errlen, "cannot write the restored database: %s", strerror(errno));
			break;
		}
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
			unsigned char extra;
			ssize_t e = fd_read_full(in, &extra, 1);
			if (e != 0)
				snprintf(err, errlen, "damaged backup: data after its final chunk");
			ok = e == 0;
			break;
		}
		if (n < CIPHER_CHUNK) {
			snprintf(err, errlen, "truncated backup: a short chunk that is not the final one");
			break;
		}
	}
	sodium_memzero(plain, BACKUP_CHUNK_BYTES);
	sodium_memzero(&st, sizeof st);
	free(cipher);
	free(plain);
	return ok;
}
