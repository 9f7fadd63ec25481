/*
 * password_helper.h — Argon2id hashes in a helper process, so that a hash's
 * 64 MiB mapping and unmapping never touch the daemon's address space (see
 * password_helper.c for why). Used by password.c on the threads that
 * password_attach_helper() gave a helper; everything else hashes in-process.
 */
#ifndef KR_PASSWORD_HELPER_H
#define KR_PASSWORD_HELPER_H

#include <sodium.h>
#include <stdbool.h>

/* Start a helper (`ketenregie password-helper`, its socket as descriptor 3);
 * returns the daemon's end of the socket, or -1. */
int password_helper_spawn(void);

/* The helper's side: `ketenregie password-helper` (main.c), until its socket
 * closes. Needs sodium_init(). */
int password_helper_main(void);

/* Ask the helper behind fd, one request at a time per fd. False when the helper
 * is gone (the caller then hashes in-process); else *ok says verified / hashed. */
bool password_helper_verify(int fd, const char *hash, const char *pw, bool *ok);
bool password_helper_hash(int fd, const char *pw, char out[crypto_pwhash_STRBYTES], bool *ok);

#endif
