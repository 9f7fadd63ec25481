/*
 * password_helper.c — Argon2id in a helper process of its own (see
 * password_helper.h).
 *
 * libsodium maps the 64 MiB of every hash and unmaps it after. Inside the
 * daemon, each hash's 16,384 page faults and its unmap (a TLB shootdown to every
 * CPU running a thread of the daemon, costly in a VM) land in the address space
 * the worker threads serve pages from, and its 64 MiB count in the daemon's
 * resident memory. Two threads hashing without pause in another process left a
 * decade start page's throughput unchanged at c100 (docs/performance.md).
 * So before it serves, the daemon starts one helper per hashing slot: fork,
 * then exec of its own binary as `ketenregie password-helper` (a fresh process:
 * no copy of the daemon's memory, its locks or its descriptors but the socket).
 * The helper hashes what it is sent and answers, and ends with the daemon (end
 * of file on its socket, or PR_SET_PDEATHSIG: the daemon's main thread starts it
 * and lives as long as the daemon). It hashes at a lower priority than the
 * workers (PASSWORD_HELPER_NICE).
 *
 * Protocol, one request at a time per helper: op (1 byte: 'v' verify, 'h' hash),
 * the stored hash (u32 length + bytes; empty for 'h') and the password (u32
 * length + bytes); answer: 1 byte (1 = verified / hashed, 0 = not), then for 'h'
 * crypto_pwhash_STRBYTES bytes.
 */
#include "auth/password_helper.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

enum { MAX_FIELD = 64 * 1024 };

static bool write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static bool read_all(int fd, void *buf, size_t n)
{
	char *p = buf;
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

static bool write_field(int fd, const char *s)
{
	uint32_t n = (uint32_t)strlen(s);
	return write_all(fd, &n, sizeof n) && write_all(fd, s, n);
}

/* A field into buf (NUL-terminated); false on a closed socket or a field over cap. */
static bool read_field(int fd, char *buf, size_t cap)
{
	uint32_t n;
	if (!read_all(fd, &n, sizeof n) || n >= cap)
		return false;
	if (!read_all(fd, buf, n))
		return false;
	buf[n] = '\0';
	return true;
}

static void serve(int fd)
{
	static char hash[MAX_FIELD], pw[MAX_FIELD];
	for (;;) {
		char op;
		if (!read_all(fd, &op, 1) || !read_field(fd, hash, sizeof hash) || !read_field(fd, pw, sizeof pw))
			break;
		char out[crypto_pwhash_STRBYTES] = {0};
		unsigned char ok;
		if (op == 'v')
			ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
		else
			ok = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			                       crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
		sodium_memzero(pw, sizeof pw);
		if (!write_all(fd, &ok, 1) || (op != 'v' && !write_all(fd, out, sizeof out)))
			break;
	}
}

int password_helper_main(void)
{
	/* best effort: where it cannot be lowered, a hash at the daemon's priority still works */
	if (nice(PASSWORD_HELPER_NICE) == -1 && errno != 0)
		errno = 0;
	serve(3);
	return 0;
}

int password_helper_spawn(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return -1;
	char *const argv[] = {"ketenregie", "password-helper", NULL};
	pid_t pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		/* Only async-signal-safe calls until exec: the daemon has threads, and
		 * a lock one of them held is held forever in this copy. The socket
		 * becomes descriptor 3, /dev/null 0–2 (nobody waits for the daemon's
		 * output to end because of us), everything else is closed: no
		 * database, no other helper's socket. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (sv[1] == 3 ? fcntl(3, F_SETFD, 0) < 0 : dup2(sv[1], 3) < 0)
			_exit(127); /* dup2 onto itself would keep the close-on-exec flag */
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		close_range(4, ~0U, 0);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	close(sv[1]);
	return sv[0];
}

bool password_helper_verify(int fd, const char *hash, const char *pw, bool *ok)
{
	unsigned char r;
	if (!write_all(fd, "v", 1) || !write_field(fd, hash) || !write_field(fd, pw) || !read_all(fd, &r, 1))
		return false;
	*ok = r == 1;
	return true;
}

bool password_helper_hash(int fd, const char *pw, char out[crypto_pwhash_STRBYTES], bool *ok)
{
	unsigned char r;
	if (!write_all(fd, "h", 1) || !write_field(fd, "") || !write_field(fd, pw) || !read_all(fd, &r, 1) ||
	    !read_all(fd, out, crypto_pwhash_STRBYTES))
		return false;
	out[crypto_pwhash_STRBYTES - 1] = '\0';
	*ok = r == 1;
	return true;
}
