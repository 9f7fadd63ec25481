/*
 * backup.c — making and restoring backups (see backup.h): temporary files,
 * no-clobber placement, fsyncs, and the order of the steps. The SQLite side is
 * store/dbfile.c, the file format backup/backup_file.c.
 */
#include "backup/backup.h"

#include "util/fdio.h"

#include "backup/bundle.h"

#include "store/db.h"
#include "store/dbfile.h"
#include "store/readlog.h"

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

/* Write the bundle of the snapshot files snap and readlog_snap ("" for none) to
 * out, encrypted with key or plain, and fsync it. */
static bool write_bundle(const char *snap, const char *readlog_snap, const char *tmp, int out, const backup_key *key,
                         char *err, size_t errlen)
{
	int db_fd = open(snap, O_RDONLY | O_CLOEXEC);
	int rl_fd = *readlog_snap ? open(readlog_snap, O_RDONLY | O_CLOEXEC) : -1;
	bundle_writer w;
	bool ok = db_fd >= 0 && (rl_fd >= 0 || !*readlog_snap);
	if (!ok)
		snprintf(err, errlen, "cannot read the snapshot: %s", strerror(errno));
	ok = ok && bundle_writer_init(&w, db_fd, rl_fd, err, errlen);
	if (ok && key) {
		ok = backup_encrypt_source(bundle_writer_source(&w), out, key, err, errlen);
	} else if (ok) {
		bundle_source src = bundle_writer_source(&w);
		unsigned char buf[65536];
		for (ssize_t n; ok && (n = src.read(src.ctx, buf, sizeof buf)) != 0;) {
			if (n < 0 || !fd_write_all(out, buf, (size_t)n)) {
				snprintf(err, errlen, "cannot write the backup: %s", strerror(errno));
				ok = false;
			}
		}
	}
	if (db_fd >= 0)
		close(db_fd);
	if (rl_fd >= 0)
		close(rl_fd);
	if (ok && fsync(out) != 0) {
		snprintf(err, errlen, "cannot fsync %s: %s", tmp, strerror(errno));
		ok = false;
	}
	return ok;
}

/* The temporary files that hold plaintext beside the live database: backup
 * snapshots (of the database and of its read log alike) and the files of a
 * restore to this path (the database, its read log, the decrypted bundle). */
static const char *const leftover_kinds[] = {".snapshot-", ".restore-", ".readlog.restore-"};
enum { LEFTOVER_KINDS = sizeof leftover_kinds / sizeof leftover_kinds[0] };

/* Which of leftover_kinds name is, for the database file base; -1 for none. */
static int leftover_kind(const char *name, const char *base, size_t baselen)
{
	if (strncmp(name, base, baselen) != 0)
		return -1;
	for (int i = 0; i < (int)LEFTOVER_KINDS; i++)
		if (strncmp(name + baselen, leftover_kinds[i], strlen(leftover_kinds[i])) == 0)
			return i;
	return -1;
}

/* Remove plaintext temporary files that a backup or restore killed mid-way
 * (kill -9, power loss) left beside the live database: names "<database>" plus
 * one of leftover_kinds plus mkstemp's six random letters (and their journal),
 * not written to for SNAPSHOT_STALE_S, so that a backup running right now in
 * another process keeps its file. Returns how many files went. */
size_t backup_sweep_leftovers(void)
{
	const char *db = db_path_of();
	if (!db || !*db)
		return 0;
	char dir[PATH_MAX_KR];
	const char *slash = strrchr(db, '/');
	const char *base = slash ? slash + 1 : db;
	if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - db), db);
	else
		snprintf(dir, sizeof dir, ".");
	DIR *d = opendir(*dir ? dir : "/");
	if (!d)
		return 0;
	size_t removed = 0, baselen = strlen(base);
	time_t now = time(NULL);
	for (struct dirent *e; (e = readdir(d));) {
		struct stat sb;
		int kind = leftover_kind(e->d_name, base, baselen);
		if (kind < 0 || fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (!S_ISREG(sb.st_mode) || now - sb.st_mtime < SNAPSHOT_STALE_S)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0) {
			fprintf(stderr, "ketenregie: removed %s/%s, a plaintext %s left by an interrupted %s\n",
			        *dir ? dir : "/", e->d_name, kind == 0 ? "snapshot" : "copy", kind == 0 ? "backup" : "restore");
			removed++;
		}
	}
	closedir(d);
	return removed;
}

/* Snapshot the live database into snap and its read log into readlog_snap,
 * each checked; readlog_snap is emptied ("") when there is no read log. */
static bool take_snapshots(const char *snap, char *readlog_snap, char *err, size_t errlen)
{
	char why[512], readlog[PATH_MAX_KR];
	if (!dbfile_snapshot(snap, SNAPSHOT_WAIT_S, err, errlen))
		return false;
	if (!dbfile_verify(snap, why, sizeof why)) {
		snprintf(err, errlen, "the snapshot does not check: %s", why);
		return false;
	}
	if (!readlog_path_of(db_path_of(), readlog, sizeof readlog)) {
		snprintf(err, errlen, "path too long: %s", db_path_of());
		return false;
	}
	/* The read log's snapshot is taken after the database's, in a read
	 * transaction of its own: it holds every read record made before the backup
	 * began and perhaps a few made since, newer than the database copy. That is
	 * fine: each file is a whole, verifiable chain, and a read record names a
	 * request, never a change the database copy would lack. */
	int copied = dbfile_snapshot_readlog(readlog, readlog_snap, SNAPSHOT_WAIT_S, err, errlen);
	if (copied < 0)
		return false;
	if (copied == 0) {
		remove_temp(readlog_snap);
		readlog_snap[0] = '\0';
		return true;
	}
	if (!dbfile_verify_readlog(readlog_snap, why, sizeof why)) {
		snprintf(err, errlen, "the read log's snapshot does not check: %s", why);
		return false;
	}
	return true;
}

bool backup_make(const char *dest, const backup_key *key, char *err, size_t errlen)
{
	if (exists(dest)) {
		snprintf(err, errlen, "%s exists; a backup never replaces a file", dest);
		return false;
	}
	/* The plaintext snapshots: beside the live database when the result is
	 * encrypted (never in the backup folder), beside dest when it is plain. Both
	 * are named "<base>.snapshot-" plus mkstemp's six random characters, which
	 * backup_sweep_leftovers knows. */
	char snap[PATH_MAX_KR], readlog_snap[PATH_MAX_KR];
	int fd = make_temp(key ? db_path_of() : dest, ".snapshot-", snap, sizeof snap, err, errlen);
	if (fd < 0)
		return false;
	close(fd);
	fd = make_temp(key ? db_path_of() : dest, ".snapshot-", readlog_snap, sizeof readlog_snap, err, errlen);
	if (fd < 0) {
		remove_temp(snap);
		return false;
	}
	close(fd);
	bool ok = take_snapshots(snap, readlog_snap, err, errlen);
	if (ok) {
		char tmp[PATH_MAX_KR];
		int out = make_temp(dest, ".tmp-", tmp, sizeof tmp, err, errlen);
		ok = out >= 0;
		if (ok) {
			ok = write_bundle(snap, readlog_snap, tmp, out, key, err, errlen);
			if (close(out) != 0)
				ok = false;
			ok = ok && place(tmp, dest, err, errlen);
			unlink(tmp);
		}
	}
	remove_temp(snap);
	if (readlog_snap[0])
		remove_temp(readlog_snap);
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

/* Rename path and its companions to new_path (with the same suffixes). */
static bool rename_with_companions(const char *path, const char *new_path, char *err, size_t errlen)
{
	static const char *const companions[] = {"", "-wal", "-journal", "-shm"};
	for (size_t i = 0; i < sizeof companions / sizeof companions[0]; i++) {
		char from[PATH_MAX_KR + 16], to[PATH_MAX_KR + 64];
		snprintf(from, sizeof from, "%s%s", path, companions[i]);
		snprintf(to, sizeof to, "%s%s", new_path, companions[i]);
		if (exists(from) && rename(from, to) != 0) {
			snprintf(err, errlen, "cannot move %s aside: %s", from, strerror(errno));
			return false;
		}
	}
	return true;
}

/* Move target and its companions to target.replaced-<UTC time>, and its read log
 * (with its companions) along to the read log of that name, so the two stay a
 * pair. */
static bool move_aside(const char *target, const char *readlog, char *aside, size_t asidelen, char *err,
                       size_t errlen)
{
	char stamp[32], readlog_aside[PATH_MAX_KR + 64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	if (snprintf(aside, asidelen, "%s.replaced-%s", target, stamp) >= (int)asidelen || exists(aside) ||
	    !readlog_path_of(aside, readlog_aside, sizeof readlog_aside) || target_present(readlog_aside)) {
		snprintf(err, errlen, "cannot move %s aside (%s exists or the path is too long)", target, aside);
		return false;
	}
	if (!rename_with_companions(readlog, readlog_aside, err, errlen) ||
	    !rename_with_companions(target, aside, err, errlen))
		return false;
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
		if (!fd_write_all(out, buf, (size_t)n)) {
			snprintf(err, errlen, "cannot write the restored database: %s", strerror(errno));
			return false;
		}
	}
}

/* The temporary files of a restore, beside the target. */
typedef struct restore_temps {
	char db[PATH_MAX_KR], readlog[PATH_MAX_KR];
	int db_fd, readlog_fd;
	bool has_readlog; /* the backup held a read log */
} restore_temps;

/* Decrypt an encrypted backup into t: format 1 holds the database alone, format
 * 2 a bundle, decrypted into a third temporary file beside the target (removed
 * here whatever happens) and split from there. */
static bool unpack_encrypted(const restore_options *o, int in, int version, restore_temps *t, char *err,
                             size_t errlen)
{
	if (version == 1)
		return backup_decrypt_fd(in, t->db_fd, o->key, err, errlen);
	char plain[PATH_MAX_KR];
	int fd = make_temp(o->target, ".restore-", plain, sizeof plain, err, errlen);
	if (fd < 0)
		return false;
	bool ok = backup_decrypt_fd(in, fd, o->key, err, errlen);
	if (ok && lseek(fd, 0, SEEK_SET) != 0) {
		snprintf(err, errlen, "cannot read %s: %s", plain, strerror(errno));
		ok = false;
	}
	ok = ok && bundle_split(fd, t->db_fd, t->readlog_fd, &t->has_readlog, err, errlen);
	close(fd);
	remove_temp(plain);
	return ok;
}

/* Decrypt, split or copy the source into the open temporary files of t. */
static bool unpack(const restore_options *o, restore_temps *t, char *err, size_t errlen)
{
	int in = open(o->source, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		snprintf(err, errlen, "cannot open %s: %s", o->source, strerror(errno));
		return false;
	}
	unsigned char head[16] = {0};
	ssize_t n = pread(in, head, sizeof head, 0);
	bool encrypted = n > 0 && backup_file_has_magic(head, (size_t)n);
	bool bundle = n > 0 && bundle_has_magic(head, (size_t)n);
	bool sqlite = n == (ssize_t)sizeof head && memcmp(head, "SQLite format 3", 16) == 0;
	bool ok = false;
	if (encrypted && !o->key)
		snprintf(err, errlen, "%s is an encrypted backup: give --key KEYFILE", o->source);
	else if ((sqlite || bundle) && o->key)
		snprintf(err, errlen, "%s is a plain (unencrypted) backup: give --plain instead of --key", o->source);
	else if (!o->key && !sqlite && !bundle)
		snprintf(err, errlen, "%s is not a SQLite database nor a plain ketenregie backup (foreign file)",
		         o->source);
	else if (o->key)
		ok = unpack_encrypted(o, in, backup_file_version(head, (size_t)n), t, err, errlen);
	else if (bundle)
		ok = bundle_split(in, t->db_fd, t->readlog_fd, &t->has_readlog, err, errlen);
	else
		ok = copy_fd(in, t->db_fd, err, errlen); /* a plain backup from before bundles */
	close(in);
	return ok;
}

/* Fill t from the backup, fsync, close and verify both files; the copy's
 * sessions ended. */
static bool prepare(const restore_options *o, restore_temps *t, char *err, size_t errlen)
{
	bool ok = unpack(o, t, err, errlen);
	if (ok && (fsync(t->db_fd) != 0 || fsync(t->readlog_fd) != 0)) {
		snprintf(err, errlen, "cannot fsync the restored files: %s", strerror(errno));
		ok = false;
	}
	if (close(t->db_fd) != 0)
		ok = false;
	if (close(t->readlog_fd) != 0)
		ok = false;
	t->db_fd = t->readlog_fd = -1;
	char why[512];
	if (ok && !dbfile_verify(t->db, why, sizeof why)) {
		snprintf(err, errlen, "refused: %s", why);
		ok = false;
	}
	if (ok && t->has_readlog && !dbfile_verify_readlog(t->readlog, why, sizeof why)) {
		snprintf(err, errlen, "refused: the read log in the backup: %s", why);
		ok = false;
	}
	return ok && dbfile_end_sessions(t->db, err, errlen);
}

static bool in_use(const char *target, const char *readlog, char *err, size_t errlen)
{
	if (dbfile_in_use(target) == 0 && dbfile_in_use(readlog) == 0)
		return false;
	snprintf(err, errlen, "%s is in use by a running program (stop ketenregie first)", target);
	return true;
}

bool backup_restore(const restore_options *o, char *moved_aside, size_t moved_len, char *err, size_t errlen)
{
	moved_aside[0] = '\0';
	char readlog[PATH_MAX_KR];
	if (!readlog_path_of(o->target, readlog, sizeof readlog)) {
		snprintf(err, errlen, "path too long: %s", o->target);
		return false;
	}
	bool present = target_present(o->target);
	if (!present && target_present(readlog)) {
		snprintf(err, errlen,
		         "%s exists but its database %s does not: restore never pairs a database with a read log "
		         "that is not its own (move that read log away first)", readlog, o->target);
		return false;
	}
	if (present && !o->force) {
		snprintf(err, errlen,
		         "%s exists: restore never writes over a database (stop the daemon and give --force to move "
		         "the old database and its read log aside)", o->target);
		return false;
	}
	if (present && in_use(o->target, readlog, err, errlen))
		return false;
	restore_temps t = {.db_fd = -1, .readlog_fd = -1};
	t.db_fd = make_temp(o->target, ".restore-", t.db, sizeof t.db, err, errlen);
	if (t.db_fd < 0)
		return false;
	t.readlog_fd = make_temp(readlog, ".restore-", t.readlog, sizeof t.readlog, err, errlen);
	if (t.readlog_fd < 0) {
		close(t.db_fd);
		remove_temp(t.db);
		return false;
	}
	bool ok = prepare(o, &t, err, errlen);
	if (ok && present)
		ok = !in_use(o->target, readlog, err, errlen) &&
		     move_aside(o->target, readlog, moved_aside, moved_len, err, errlen);
	/* The read log first: should the database then fail to take its name, the
	 * read log placed a moment ago is removed again, so a restore leaves both
	 * files or neither. A backup without a read log leaves none (serve makes an
	 * empty one at start). */
	ok = ok && (!t.has_readlog || place(t.readlog, readlog, err, errlen));
	if (ok && !place(t.db, o->target, err, errlen)) {
		if (t.has_readlog)
			unlink(readlog);
		ok = false;
	}
	remove_temp(t.db);
	remove_temp(t.readlog);
	return ok;
}
