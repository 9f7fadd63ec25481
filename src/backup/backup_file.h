/*
 * backup_file.h — the encrypted backup file format and its key file.
 *
 * A backup file is a 56-byte header followed by chunks of a libsodium
 * crypto_secretstream_xchacha20poly1305 stream:
 *
 *   0  8   magic "KRBACKUP"
 *   8  1   format version: 2 (written now): the plaintext is a bundle of the
 *          database and its read log (backup/bundle.h); 1 (still read): the
 *          plaintext is the database alone, a bare SQLite file
 *   9  7   zero
 *   16 16  key id: BLAKE2b-128 keyed with the key over a fixed label, so that a
 *          wrong key is named as such instead of as damage
 *   32 24  secretstream header
 *   56 …   chunks: 65,536 bytes of plaintext + 17 bytes each, the last one
 *          shorter (possibly empty) and tagged FINAL
 *
 * The first 32 header bytes are the additional data of the first chunk, so a
 * changed header fails to decrypt. A changed or missing byte anywhere, chunks
 * in another order, a stream cut off at a chunk boundary (no FINAL chunk) and
 * bytes after the FINAL chunk are all refused.
 *
 * The key file holds one line: "ketenregie-backup-key 1 " and 64 hex digits.
 * This module never writes plaintext anywhere but to the descriptor it is given.
 */
#ifndef KR_BACKUP_FILE_H
#define KR_BACKUP_FILE_H

#include "backup/bundle.h"

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

enum {
	BACKUP_HEADER_BYTES = 56,
	BACKUP_CHUNK_BYTES = 65536,
	BACKUP_KEY_BYTES = crypto_secretstream_xchacha20poly1305_KEYBYTES,
};

typedef struct backup_key {
	unsigned char k[BACKUP_KEY_BYTES];
} backup_key;

/* Create a new key file at path (mode 0600); refuses to replace an existing file.
 * False with a message in err. */
bool backup_key_generate(const char *path, char *err, size_t errlen);

/* Read a key file made by backup_key_generate. False with a message in err. */
bool backup_key_load(const char *path, backup_key *key, char *err, size_t errlen);

/* Overwrite the key in memory. */
void backup_key_wipe(backup_key *key);

/* True when the first bytes of a file are the backup magic. */
bool backup_file_has_magic(const unsigned char *head, size_t n);

/* The format version in a backup file's first bytes (0 when it has no magic). */
int backup_file_version(const unsigned char *head, size_t n);

/* Encrypt everything readable from in (until its end) to out as format version
 * 2 (the caller gives a bundle). Neither descriptor is closed or synced. False
 * with a message in err. backup_encrypt_fd: the same from a file descriptor. */
bool backup_encrypt_source(bundle_source in, int out, const backup_key *key, char *err, size_t errlen);
bool backup_encrypt_fd(int in, int out, const backup_key *key, char *err, size_t errlen);

/* Decrypt a backup file (format version 1 or 2) from in to out. Refuses (false, with a message in err)
 * a foreign file, an unknown version, another key, damage, truncation and
 * trailing bytes; out may then hold a partial plaintext, which the caller must
 * discard. */
bool backup_decrypt_fd(int in, int out, const backup_key *key, char *err, size_t errlen);

#endif
