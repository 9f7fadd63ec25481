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

/* How much nicer than the daemon the helpers are. On a busy server a hash (about 0.4 s of CPU on a
 * small VM) competes with the worker threads that answer everyone else's pages;
 * at nice +10 the scheduler gives the workers first claim on the cores, so 50
 * logins a second no longer stretch other pages' p99 (docs/performance.md). On
 * an idle machine a login is as fast as before; under full load it waits longer,
 * and the cap (password.h) still answers the surplus "try again". */
#define PASSWORD_HELPER_NICE 10

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
