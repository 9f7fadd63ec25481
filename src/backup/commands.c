/*
 * commands.c — keygen, backup, restore and check on the command line (see
 * commands.h). An unencrypted backup or restore is only ever made when --plain
 * says so; check and restore never open the live database, never create a file
 * where none was, and never migrate. Each covers the database and its read log
 * (store/readlog.h).
 */
#include "backup/commands.h"

#include "backup/backup.h"
#include "backup/schedule.h"
#include "server/config.h"
#include "store/db.h"
#include "store/dbfile.h"
#include "store/readlog.h"

#include <errno.h>

#include <stdio.h>
#include <sys/stat.h>

enum { USAGE = 2, FAILED = 1 };

/* Decide between the key file and --plain; *use_key false means plain.
 * Returns 0, or the exit code after a message. */
static int choose_key(const backup_cli *cli, const char *what, backup_key *key, bool *use_key)
{
	*use_key = false;
	if (cli->plain && cli->key_on_command_line) {
		fprintf(stderr, "ketenregie: %s: give either --key KEYFILE or --plain, not both\n", what);
		return USAGE;
	}
	if (cli->plain)
		return 0; /* an explicit --plain wins over KETENREGIE_BACKUP_KEY */
	if (!config.backup_key) {
		fprintf(stderr,
		        "ketenregie: %s: give --key KEYFILE (make one with: ketenregie keygen KEYFILE), or --plain "
		        "for an unencrypted backup\n", what);
		return USAGE;
	}
	char err[512];
	if (!backup_key_load(config.backup_key, key, err, sizeof err)) {
		fprintf(stderr, "ketenregie: %s: %s\n", what, err);
		return FAILED;
	}
	*use_key = true;
	return 0;
}

int backup_cmd_keygen(const char *path)
{
	char err[512];
	if (!backup_key_generate(path, err, sizeof err)) {
		fprintf(stderr, "ketenregie: keygen: %s\n", err);
		return FAILED;
	}
	printf("backup key written to %s (mode 0600): keep a copy apart from the backups\n", path);
	return 0;
}

int backup_cmd_backup(const char *file, const backup_cli *cli)
{
	backup_key key;
	bool use_key;
	int rc = choose_key(cli, "backup", &key, &use_key);
	if (rc)
		return rc;
	struct stat sb;
	if (stat(config.db_path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fprintf(stderr, "ketenregie: backup: no database at %s\n", config.db_path);
		backup_key_wipe(&key);
		return FAILED;
	}
	char err[1024];
	bool ok = db_init(config.db_path) && backup_make(file, use_key ? &key : NULL, err, sizeof err);
	backup_key_wipe(&key);
	db_close_all();
	if (!ok) {
		fprintf(stderr, "ketenregie: backup failed, no backup was written: %s\n", err);
		return FAILED;
	}
	printf("backup written to %s (%s, checked, fsynced)\n", file, use_key ? "encrypted" : "NOT encrypted");
	return 0;
}

int backup_cmd_restore(const char *file, const backup_cli *cli)
{
	backup_key key;
	bool use_key;
	int rc = choose_key(cli, "restore", &key, &use_key);
	if (rc)
		return rc;
	restore_options o = {.source = file, .target = config.db_path, .key = use_key ? &key : NULL,
	                     .force = cli->force};
	char aside[4200], err[1024];
	bool ok = backup_restore(&o, aside, sizeof aside, err, sizeof err);
	backup_key_wipe(&key);
	if (!ok) {
		fprintf(stderr, "ketenregie: restore failed, nothing was changed at %s: %s\n", config.db_path, err);
		return FAILED;
	}
	printf("restored %s to %s: checked, every session and unused password link ended\n", file, config.db_path);
	char aside_readlog[4300];
	struct stat sb;
	if (aside[0])
		printf("the database that was at %s is now %s\n", config.db_path, aside);
	if (aside[0] && readlog_path_of(aside, aside_readlog, sizeof aside_readlog) && lstat(aside_readlog, &sb) == 0)
		printf("its read log is now %s\n", aside_readlog);
	return 0;
}

int backup_cmd_check(void)
{
	char msg[512], readlog[4200];
	if (!dbfile_verify(config.db_path, msg, sizeof msg)) {
		fprintf(stderr, "ketenregie: check %s: %s\n", config.db_path, msg);
		return FAILED;
	}
	/* The read log belongs to the database: checked the same way. None at all is
	 * fine (a database that never served, or restored from an older backup). */
	struct stat sb;
	if (!readlog_path_of(config.db_path, readlog, sizeof readlog)) {
		fprintf(stderr, "ketenregie: check %s: path too long\n", config.db_path);
		return FAILED;
	}
	if ((lstat(readlog, &sb) == 0 || errno != ENOENT) && !dbfile_verify_readlog(readlog, msg, sizeof msg)) {
		fprintf(stderr, "ketenregie: check %s: the read log %s: %s\n", config.db_path, readlog, msg);
		return FAILED;
	}
	printf("ok\n");
	return 0;
}

int backup_cmd_start_schedule(const backup_cli *cli)
{
	if (!config.backup_dir)
		return 0;
	backup_key key;
	bool use_key;
	int rc = choose_key(cli, "--backup-dir", &key, &use_key);
	if (rc)
		return rc;
	rc = schedule_start(use_key ? &key : NULL) ? 0 : FAILED;
	backup_key_wipe(&key);
	return rc;
}
