/*
 * migrate.c — schema migrations (see migrate.h). The file name's leading number
 * is the version; numbers must be unique and increasing.
 */
#include "store/migrate.h"

#include "store/audit_chain.h"
#include "store/db.h"
#include "util/embedded.h"

#include <stdio.h>
#include <stdlib.h>

static int version_of(const char *name)
{
	int v = 0;
	for (const char *p = name; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	return v;
}

int migrate_latest(void)
{
	int latest = 0;
	for (size_t i = 0; i < embedded_migrations.count; i++) {
		int v = version_of(embedded_migrations.files[i].name);
		if (v > latest)
			latest = v;
	}
	return latest;
}

static int current_version(void)
{
	sqlite3_stmt *st = db_stmt("PRAGMA user_version");
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

bool migrate_check_embedded(char *err, size_t errlen)
{
	/* Files are sorted by name; with zero-padded numbers they must read 1, 2, … N.
	 * A gap would make a database that already passed the missing number skip it
	 * forever, so a binary with a gap refuses to touch any database. */
	for (size_t i = 0; i < embedded_migrations.count; i++) {
		int v = version_of(embedded_migrations.files[i].name);
		if (v != (int)i + 1) {
			snprintf(err, errlen, "migration %s: expected number %04zu", embedded_migrations.files[i].name,
			         i + 1);
			return false;
		}
	}
	return true;
}

bool migrate_run(bool verbose)
{
	char err[256];
	if (!migrate_check_embedded(err, sizeof err)) {
		fprintf(stderr, "ketenregie: %s\n", err);
		return false;
	}
	int have = current_version();
	if (have < 0)
		return false;
	if (have > migrate_latest()) {
		fprintf(stderr, "ketenregie: database version %d is newer than this program (%d)\n",
		        have, migrate_latest());
		return false;
	}
	/* embedded files are sorted by name, and names start with zero-padded numbers */
	for (size_t i = 0; i < embedded_migrations.count; i++) {
		const embedded_file *f = &embedded_migrations.files[i];
		int v = version_of(f->name);
		if (v <= have)
			continue;
		if (!db_begin())
			return false;
		/* user_version takes no bound parameter; v is an integer parsed above. */
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		if (!db_exec_script((const char *)f->data) || !db_exec_script(pragma)) {
			fprintf(stderr, "ketenregie: migration %s failed\n", f->name);
			db_rollback();
			return false;
		}
		if (!db_commit())
			return false;
		if (verbose)
			fprintf(stderr, "ketenregie: applied migration %s\n", f->name);
		have = v;
	}
	/* audit_append exists only once audit_log has its chain (audit_chain.h) */
	return audit_chain_attach(db_conn(), false);
}
