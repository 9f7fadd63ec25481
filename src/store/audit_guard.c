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

/* The read log's own (store/readlog.h, version 4): its household index is
 * derived in batches up to the watermark audit_index_mark.indexed_to. An index
 * row may name only a record above the watermark and at most the head (so the
 * indexed part never changes and no row waits for a record to come); rows are
 * never changed or deleted; the watermark is one row that only moves forward,
 * never past the head. */
static const guard readlog_guards[] = {
	{"audit_household_above_mark", "DROP TRIGGER IF EXISTS main.audit_household_above_mark",
	 "CREATE TRIGGER audit_household_above_mark BEFORE INSERT ON audit_household"
	 " WHEN NEW.audit_id <= (SELECT indexed_to FROM audit_index_mark) OR NEW.audit_id > (SELECT max(id) FROM"
	 " audit_log) BEGIN SELECT RAISE(ABORT, 'audit_household is append-only: it indexes only records above its"
	 " watermark'); END"},
	{"audit_household_no_update", "DROP TRIGGER IF EXISTS main.audit_household_no_update",
	 "CREATE TRIGGER audit_household_no_update BEFORE UPDATE ON audit_household"
	 " BEGIN SELECT RAISE(ABORT, 'audit_household is append-only'); END"},
	{"audit_household_no_delete", "DROP TRIGGER IF EXISTS main.audit_household_no_delete",
	 "CREATE TRIGGER audit_household_no_delete BEFORE DELETE ON audit_household"
	 " BEGIN SELECT RAISE(ABORT, 'audit_household is append-only'); END"},
	{"audit_index_mark_forward", "DROP TRIGGER IF EXISTS main.audit_index_mark_forward",
	 "CREATE TRIGGER audit_index_mark_forward BEFORE UPDATE ON audit_index_mark"
	 " WHEN NEW.one IS NOT OLD.one OR NEW.indexed_to < OLD.indexed_to"
	 " OR NEW.indexed_to > (SELECT coalesce(max(id), 0) FROM audit_log)"
	 " BEGIN SELECT RAISE(ABORT, 'the household index watermark only moves forward, up to the head'); END"},
	{"audit_index_mark_no_delete", "DROP TRIGGER IF EXISTS main.audit_index_mark_no_delete",
	 "CREATE TRIGGER audit_index_mark_no_delete BEFORE DELETE ON audit_index_mark"
	 " BEGIN SELECT RAISE(ABORT, 'the household index watermark only moves forward, up to the head'); END"},
	{"audit_index_mark_once", "DROP TRIGGER IF EXISTS main.audit_index_mark_once",
	 "CREATE TRIGGER audit_index_mark_once BEFORE INSERT ON audit_index_mark"
	 " WHEN EXISTS (SELECT 1 FROM audit_index_mark)"
	 " BEGIN SELECT RAISE(ABORT, 'the household index watermark only moves forward, up to the head'); END"},
};

typedef struct guard_set {
	const guard *list;
	size_t count;
} guard_set;

static const guard_set audit_set = {guards, sizeof guards / sizeof guards[0]};
static const guard_set readlog_set = {readlog_guards, sizeof readlog_guards / sizeof readlog_guards[0]};

enum { GUARD_MAX = 8 };

typedef struct seen {
	const guard_set *set;
	bool ok[GUARD_MAX];
} seen;

static int compare_row(void *arg, int ncol, char **vals, char **cols)
{
	(void)cols;
	seen *s = arg;
	if (ncol < 2 || !vals[0] || !vals[1])
		return 0;
	for (size_t i = 0; i < s->set->count; i++)
		if (strcmp(vals[0], s->set->list[i].name) == 0 && strcmp(vals[1], s->set->list[i].create) == 0)
			s->ok[i] = true;
	return 0;
}

static int find_missing(sqlite3 *db, const guard_set *set, seen *s, char *names, size_t len)
{
	memset(s, 0, sizeof *s);
	s->set = set;
	if (len)
		names[0] = '\0';
	char *err = NULL;
	if (sqlite3_exec(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'",
	                 compare_row, s, &err) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: audit guards: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	int missing = 0;
	size_t used = 0;
	for (size_t i = 0; i < set->count; i++) {
		if (s->ok[i])
			continue;
		missing++;
		int n = snprintf(names + used, len > used ? len - used : 0, "%s%s", used ? " " : "", set->list[i].name);
		if (n > 0 && used + (size_t)n < len)
			used += (size_t)n;
	}
	return missing;
}

/* Drop and create the guards of set that s did not find (all when s is NULL),
 * inside the caller's transaction. */
static bool put(sqlite3 *db, const guard_set *set, const seen *s)
{
	bool ok = true;
	for (size_t i = 0; ok && i < set->count; i++)
		if (!s || !s->ok[i])
			ok = sqlite3_exec(db, set->list[i].drop, NULL, NULL, NULL) == SQLITE_OK &&
			     sqlite3_exec(db, set->list[i].create, NULL, NULL, NULL) == SQLITE_OK;
	return ok;
}

static int restore(sqlite3 *db, const guard_set *set, char *names, size_t len)
{
	seen s;
	int missing = find_missing(db, set, &s, names, len);
	if (missing <= 0)
		return missing;
	bool ok = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK && put(db, set, &s);
	if (ok)
		ok = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok) {
		fprintf(stderr, "ketenregie: cannot restore the audit guards: %s\n", sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return missing;
}

int audit_guards_missing(sqlite3 *db, char *names, size_t len)
{
	seen s;
	return find_missing(db, &audit_set, &s, names, len);
}

int audit_guards_restore(sqlite3 *db, char *names, size_t len)
{
	return restore(db, &audit_set, names, len);
}

int readlog_guards_missing(sqlite3 *db, char *names, size_t len)
{
	seen s;
	return find_missing(db, &readlog_set, &s, names, len);
}

int readlog_guards_restore(sqlite3 *db, char *names, size_t len)
{
	return restore(db, &readlog_set, names, len);
}

int readlog_guards_put(sqlite3 *db)
{
	if (put(db, &readlog_set, NULL))
		return 0;
	fprintf(stderr, "ketenregie: cannot create the read log's guards: %s\n", sqlite3_errmsg(db));
	return -1;
}
