/*
 * audit_admin.c — `audit-anchor` and the guard check at `serve` start (see
 * audit_admin.h). Never writes an audit row except through audit_event().
 */
#include "auth/audit_admin.h"

#include "auth/audit.h"
#include "store/audit_chain.h"
#include "store/audit_guard.h"
#include "store/db.h"
#include "store/readlog.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

/* Print the head of the chain in the file at path, opened read-only; a read log
 * that does not exist yet has no head ("-"). */
static bool print_head(const char *path, const char *label, bool may_be_absent)
{
	if (may_be_absent && access(path, F_OK) != 0) {
		printf("%s: row 0 at - hash -\n", label);
		return true;
	}
	sqlite3 *db = NULL;
	if (access(path, F_OK) != 0 || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: audit-anchor %s: %s\n", path, db ? sqlite3_errmsg(db) : "no such database");
		sqlite3_close(db);
		return false;
	}
	sqlite3_busy_timeout(db, 5000);
	int64_t id;
	char hex[2 * AUDIT_HASH_BYTES + 1], at[40];
	bool ok = audit_chain_head(db, &id, hex, at, sizeof at);
	sqlite3_close(db);
	if (ok)
		printf("%s: row %lld at %s hash %s\n", label, (long long)id, at[0] ? at : "-", hex[0] ? hex : "-");
	return ok;
}

int audit_cmd_anchor(const char *db_path)
{
	char readlog[4200];
	if (!readlog_path_of(db_path, readlog, sizeof readlog)) {
		fputs("ketenregie: audit-anchor: path too long\n", stderr);
		return 1;
	}
	return print_head(db_path, "audit anchor", false) && print_head(readlog, "read log anchor", true) ? 0 : 1;
}

/* Restore the guards of the log on this thread's current connection; say so.
 * where: "" for the change log, " in the read log" for the read log; restore:
 * audit_guards_restore, or readlog_guards_restore for the read log's own. */
static bool restore_guards(const char *where, int (*restore)(sqlite3 *, char *, size_t))
{
	char names[256];
	int restored = restore(db_conn(), names, sizeof names);
	if (restored < 0)
		return false;
	if (restored > 0) {
		fprintf(stderr,
		        "ketenregie: AUDIT TRAIL GUARDS RESTORED (%s were missing or changed%s): the database was "
		        "changed outside ketenregie; run `ketenregie check` to see whether audit rows were rewritten\n",
		        names, where);
		char detail[300];
		snprintf(detail, sizeof detail, "%s%s", names, where);
		audit_event(NULL, NULL, "ketenregie", "audit_guard_restore", "audit_log", 0, true, detail);
	}
	return true;
}

bool audit_guards_at_start(void)
{
	if (!restore_guards("", audit_guards_restore))
		return false;
	db_readlog_enter();
	bool ok = restore_guards(" in the read log", audit_guards_restore) &&
	          restore_guards(" in the read log", readlog_guards_restore);
	db_readlog_leave();
	return ok;
}
