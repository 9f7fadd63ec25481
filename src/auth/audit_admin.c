/*
 * audit_admin.c — `audit-anchor` and the guard check at `serve` start (see
 * audit_admin.h). Never writes an audit row except through audit_event().
 */
#include "auth/audit_admin.h"

#include "auth/audit.h"
#include "store/audit_chain.h"
#include "store/audit_guard.h"
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

int audit_cmd_anchor(const char *db_path)
{
	sqlite3 *db = NULL;
	if (access(db_path, F_OK) != 0 || sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: audit-anchor %s: %s\n", db_path, db ? sqlite3_errmsg(db) : "no such database");
		sqlite3_close(db);
		return 1;
	}
	sqlite3_busy_timeout(db, 5000);
	int64_t id;
	char hex[2 * AUDIT_HASH_BYTES + 1], at[40];
	bool ok = audit_chain_head(db, &id, hex, at, sizeof at);
	sqlite3_close(db);
	if (!ok)
		return 1;
	printf("audit anchor: row %lld at %s hash %s\n", (long long)id, at[0] ? at : "-", hex[0] ? hex : "-");
	return 0;
}

bool audit_guards_at_start(void)
{
	char names[256];
	int restored = audit_guards_restore(db_conn(), names, sizeof names);
	if (restored < 0)
		return false;
	if (restored > 0) {
		fprintf(stderr,
		        "ketenregie: AUDIT TRAIL GUARDS RESTORED (%s were missing or changed): the database was changed "
		        "outside ketenregie; run `ketenregie check` to see whether audit rows were rewritten\n",
		        names);
		audit_event(NULL, NULL, "ketenregie", "audit_guard_restore", "audit_log", 0, true, names);
	}
	return true;
}
