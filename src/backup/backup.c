/*
 * backup.c — making and restoring backups (see backup.h): temporary files,
 * no-clobber placement, fsyncs, and the order of the steps. The SQLite side is
 * store/dbfile.c, the file format backup/backup_file.c.
 */
#include "backup/backup.h"

#include "store/db.h"
#include "store/dbfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { PATH_MAX_KR = 4096, SNAPSHOT_WAIT_S = 60 };

/* A snapshot file untouched this long belongs to no running backup. */
static const time_t SNAPSHOT_STALE_S = 3600;

static bool exists(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0;
}

/* A new, empty, owner-only file named base + suffix + random letters; its path
 * in out. -1 with a message when it cannot be made. */
static int make_temp(const char *base, const char *suffix, char *out, size_t outlen, char *err, size_t errlen)
{
	if (snprintf(out, outlen, "%s%sXXXXXX", base, suffix) >= (int)outlen) {
		snprintf(err, errlen, "path too long: %s", base);
		return -1;
	}
	int fd = mkstemp(out);
	if (fd < 0)
		snprintf(err, errlen, "cannot create a temporary file %s: %s", out, strerror(errno));
	return fd;
}

/* Remove a temporary database file and the rollback journal SQLite may have left. */
static void remove_temp(const char *path)
{
	char journal[PATH_MAX_KR + 16];
	unlink(path);
	if (snprintf(journal, sizeof journal, "%s-journal", path) < (int)sizeof journal)
		unlink(journal);
}

/* Give the complete, fsynced file tmp its final name without ever replacing a
 * file: link(2) fails when dest exists. File systems without hard links get a
 * rename after an existence check. */
static bool place(const char *tmp, const char *dest, char *err, size_t errlen)
{
	if (link(tmp, dest) != 0) {
		if (errno == EEXIST || exists(dest)) {
			snprintf(err, errlen, "%s exists; it is never replaced", dest);
			return false;
		}
		if (rename(tmp, dest) != 0) {
			snprintf(err, errlen, "cannot name the file %s: %s", dest, strerror(errno));
			return false;
		}
	} else {
		unlink(tmp);
	}
	if (!dbfile_sync_dir_of(dest)) {
		snprintf(err, errlen, "cannot fsync the folder of %s: %s", dest, strerror(errno));
		return false;
	}
	return true;
}

static bool encrypt_to(const char *plain_path, const char *tmp, int out, const backup_key *key, char *err,
                       size_t errlen)
{
	int in = open(plain_path, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		snprintf(err, errlen, "cannot read the snapshot: %s", strerror(errno));
		return false;
	}
	bool ok = backup_encrypt_fd(in, out, key, err, errlen);
	close(in);
	if (ok && fsync(out) != 0) {
		snprintf(err, errlen, "cannot fsync %s: %s", tmp, strerror(errno));
		ok = false;
	}
	return ok;
}

/* Remove plaintext snapshots that a backup killed mid-way (kill -9, power loss)
 * left beside the live database: names "<database>.snapshot-" plus mkstemp's six random letters (and their
 * journal) not written to for SNAPSHOT_STALE_S, so that a backup running right now
 * in another process keeps its file. Returns how many files went. */
size_t backup_sweep_leftovers(void)
{
	const char *db = db_path_of();
	if (!db || !*db)
		return 0;
	char dir[PATH_MAX_KR], prefix[PATH_MAX_KR];
	const char *slash = strrchr(db, '/');
	const char *base = slash ? slash + 1 : db;
	if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - db), db);
	else
		snprintf(dir, sizeof dir, ".");
	if (snprintf(prefix, sizeof prefix, "%s.snapshot-", base) >= (int)sizeof prefix)
		return 0;
	DIR *d = opendir(*dir ? dir : "/");
	if (!d)
		return 0;
	size_t removed = 0, plen = strlen(prefix);
	time_t now = time(NULL);
	for (struct dirent *e; (e = readdir(d));) {
		struct stat sb;
		if (strncmp(e->d_name, prefix, plen) != 0 || fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (!S_ISREG(sb.st_mode) || now - sb.st_mtime < SNAPSHOT_STALE_S)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0) {
			fprintf(stderr, "ketenregie: removed %s/%s, a plaintext snapshot left by an interrupted backup\n",
			        *dir ? dir : "/", e->d_name);
			removed++;
		}
	}
	closedir(d);
	return removed;
}

bool backup_make(const char *dest, const backup_key *key, char *err, size_t errlen)
{
	if (exists(dest)) {
		snprintf(err, errlen, "%s exists; a backup never replaces a file", dest);
		return false;
	}
	/* The plaintext snapshot: beside the live database when the result is
	 * encrypted (never in the backup folder), beside dest when it is plain. */
	char snap[PATH_MAX_KR];
	int fd = make_temp(key ? db_path_of() : dest, ".snapshot-", snap, sizeof snap, err, errlen);
	if (fd < 0)
		return false;
	close(fd);
	char why[512];
	bool ok = dbfile_snapshot(snap, SNAPSHOT_WAIT_S, err, errlen);
	if (ok && !dbfile_verify(snap, why, sizeof why)) {
		snprintf(err, errlen, "the snapshot does not check: %s", why);
		ok = false;
	}
	if (ok && key) {
		char tmp[PATH_MAX_KR];
		int out = make_temp(dest, ".tmp-", tmp, sizeof tmp, err, errlen);
		ok = out >= 0;
		if (ok) {
			ok = encrypt_to(snap, tmp, out, key, err, errlen);
			if (close(out) != 0)
				ok = false;
			ok = ok && place(tmp, dest, err, errlen);
			unlink(tmp);
		}
	} else if (ok) {
		ok = place(snap, dest, err, errlen);
	}
	remove_temp(snap);
	return ok;
}

/* The target, or one of the files SQLite would read with it, exists. */
static bool target_present(const char *target)
{
	static const char *const companions[] = {"", "-wal", "-journal", "-shm"};
	char p[PATH_MAX_KR + 16];
	for (size_t i = 0; i < sizeof companions / sizeof companions[0]; i++)
		if (snprintf(p, sizeof p, "%s%s", target, companions[i]) < (int)sizeof p && exists(p))
			return true;
	return false;
}

/* Move target and its companions to target.replaced-<UTC time>. */
static bool move_aside(const char *target, char *aside, size_t asidelen, char *err, size_t errlen)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	if (snprintf(aside, asidelen, "%s.replaced-%s", target, stamp) >= (int)asidelen || exists(aside)) {
		snprintf(err, errlen, "cannot move %s aside (%s exists or the path is too long)", target, aside);
		return false;
	}
	static const char *const companions[] = {"", "-wal", "-journal", "-shm"};
	for (size_t i = 0; i < sizeof companions / sizeof companions[0]; i++) {
		char from[PATH_MAX_KR + 16], to[PATH_MAX_KR + 64];
		snprintf(from, sizeof from, "%s%s", target, companions[i]);
		snprintf(to, sizeof to, "%s%s", aside, companions[i]);
		if (exists(from) && rename(from, to) != 0) {
			snprintf(err, errlen, "cannot move %s aside: %s", from, strerror(errno));
			return false;
		}
	}
	return dbfile_sync_dir_of(target);
}

static bool copy_fd(int in, int out, char *err, size_t errlen)
{
	unsigned char buf[65536];
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "cannot read the backup: %s", strerror(errno));
			return false;
		}
		if (n == 0)
			return true;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				snprintf(err, errlen, "cannot write the restored database: %s", strerror(errno));
				return false;
			}
			done += w;
		}
	}
}

/* Decrypt or copy the source into the open temporary file out. */
static bool unpack(const restore_options *o, int out, char *err, size_t errlen)
{
	int in = open(o->source, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		snprintf(err, errlen, "cannot open %s: %s", o->source, strerror(errno));
		return false;
	}
	unsigned char head[16] = {0};
	ssize_t n = pread(in, head, sizeof head, 0);
	bool encrypted = n > 0 && backup_file_has_magic(head, (size_t)n);
	bool sqlite = n == (ssize_t)sizeof head && memcmp(head, "SQLite format 3", 16) == 0;
	bool ok = false;
	if (encrypted && !o->key)
		snprintf(err, errlen, "%s is an encrypted backup: give --key KEYFILE", o->source);
	else if (sqlite && o->key)
		snprintf(err, errlen, "%s is a plain (unencrypted) backup: give --plain instead of --key", o->source);
	else if (!o->key && !sqlite)
		snprintf(err, errlen, "%s is not a SQLite database (foreign file)", o->source);
	else
		ok = o->key ? backup_decrypt_fd(in, out, o->key, err, errlen) : copy_fd(in, out, err, errlen);
	close(in);
	return ok;
}

bool backup_restore(const restore_options *o, char *moved_aside, size_t moved_len, char *err, size_t errlen)
{
	moved_aside[0] = '\0';
	bool present = target_present(o->target);
	if (present && !o->force) {
		snprintf(err, errlen,
		         "%s exists: restore never writes over a database (stop the daemon and give --force to move "
		         "the old database aside)", o->target);
		return false;
	}
	if (present && dbfile_in_use(o->target) != 0) {
		snprintf(err, errlen, "%s is in use by a running program (stop ketenregie first)", o->target);
		return false;
	}
	char tmp[PATH_MAX_KR];
	int out = make_temp(o->target, ".restore-", tmp, sizeof tmp, err, errlen);
	if (out < 0)
		return false;
	bool ok = unpack(o, out, err, errlen);
	if (ok && fsync(out) != 0) {
		snprintf(err, errlen, "cannot fsync %s: %s", tmp, strerror(errno));
		ok = false;
	}
	if (close(out) != 0)
		ok = false;
	char why[512];
	if (ok && !dbfile_verify(tmp, why, sizeof why)) {
		snprintf(err, errlen, "refused: %s", why);
		ok = false;
	}
	ok = ok && dbfile_end_sessions(tmp, err, errlen);
	if (ok && present) {
		if (dbfile_in_use(o->target) != 0) {
			snprintf(err, errlen, "%s is in use by a running program (stop ketenregie first)", o->target);
			ok = false;
		} else {
			ok = move_aside(o->target, moved_aside, moved_len, err, errlen);
		}
	}
	ok = ok && place(tmp, o->target, err, errlen);
	remove_temp(tmp);
	return ok;
}
