/*
 * commands.h — the command-line side of backups: keygen, backup, restore, and
 * the read-only check. Each returns the process exit code (0 ok, 1 failed,
 * 2 wrong use) and prints its own messages; main.c only dispatches.
 */
#ifndef KR_BACKUP_COMMANDS_H
#define KR_BACKUP_COMMANDS_H

#include <stdbool.h>

/* How the command line chose between encryption and --plain. */
typedef struct backup_cli {
	bool plain;               /* --plain given */
	bool key_on_command_line; /* --key/--backup-key given as a flag (not from the environment) */
	bool force;               /* restore: move an existing database aside */
} backup_cli;

int backup_cmd_keygen(const char *path);
int backup_cmd_backup(const char *file, const backup_cli *cli); /* the database is config.db_path */
int backup_cmd_restore(const char *file, const backup_cli *cli);
int backup_cmd_check(void);

/* serve: start the nightly backups when config.backup_dir is set (0 = started or
 * not asked for); schedule_stop() ends them. */
int backup_cmd_start_schedule(const backup_cli *cli);

#endif
