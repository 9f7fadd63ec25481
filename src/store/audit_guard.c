/*
 * audit_guard.c — compare and restore the append-only guards of audit_log (see
 * audit_guard.h). Static SQL through sqlite3_exec only; never touches a row.
 */
#include "store/audit_guard.h"

#include <stdio.h>
#include <string.h>

typedef struct guard {
	const char *name;
	const char *drop; /* DROP TRIGGER IF EXISTS <name> */
	const char *create; /* exactly as sqlite_schema keeps it (and the migration wrote it) */
} guard;

static const guard guards[] = {
	{"audit_log_no_update", "DROP TRIGGER IF EXISTS main.audit_log_no_update",
	 "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, "
	 "'audit_log is append-only'); END"},
	{"audit_log_no_delete", "DROP TRIGGER IF EXISTS main.audit_log_no_delete",
	 "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, "
	 "'audit_log is append-only'); END"},
	{"audit_log_append_only", "DROP TRIGGER IF EXISTS main.audit_log_append_only",
	 "CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log WHEN NEW.id IS NOT (SELECT coalesce(max(id), "
	 "0) + 1 FROM audit_log) OR NEW.prev_hash IS NOT (SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1) OR "
	 "length(NEW.row_hash) IS NOT 32 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a row joins the end of "
	 "the hash chain'); END"},
};
enum { GUARD_COUNT = sizeof guards / sizeof guards[0] };

typedef struct seen {
	bool ok[GUARD_COUNT];
} seen;

static int compare_row(void *arg, int ncol, char **vals, char **cols)
{
	(void)cols;
	seen *s = arg;
	if (ncol < 2 || !vals[0] || !vals[1])
		return 0;
	for (size_t i = 0; i < GUARD_COUNT; i++)
		if (strcmp(vals[0], guards[i].name) == 0 && strcmp(vals[1], guards[i].create) == 0)
			s->ok[i] = true;
	return 0;
}

static int find_missing(sqlite3 *db, seen *s, char *names, size_t len)
{
	memset(s, 0, sizeof *s);
	if (len)
		names[0] = '\0';
	char *err = NULL;
	if (sqlite3_exec(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'",
	                 compare_row, s, &err) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: audit guards: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	int missing = 0;
	size_t used = 0;
	for (size_t i = 0; i < GUARD_COUNT; i++) {
		if (s->ok[i])
			continue;
		missing++;
		int n = snprintf(names + used, len > used ? len - used : 0, "%s%s", used ? " " : "", guards[i].name);
		if (n > 0 && used + (size_t)n < len)
			used += (size_t)n;
	}
	return missing;
}

int audit_guards_missing(sqlite3 *db, char *names, size_t len)
{
	seen s;
	return find_missing(db, &s, names, len);
}

int audit_guards_restore(sqlite3 *db, char *names, size_t len)
{
	seen s;
	int missing = find_missing(db, &s, names, len);
	if (missing <= 0)
		return missing;
	bool ok = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < GUARD_COUNT; i++)
		if (!s.ok[i])
			ok = sqlite3_exec(db, guards[i].drop, NULL, NULL, NULL) == SQLITE_OK &&
			     sqlite3_exec(db, guards[i].create, NULL, NULL, NULL) == SQLITE_OK;
	if (ok)
		ok = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok) {
		fprintf(stderr, "ketenregie: cannot restore the audit guards: %s\n", sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return missing;
}
