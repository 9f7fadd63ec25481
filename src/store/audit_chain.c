/*
 * audit_chain.c — the audit_log hash chain (see audit_chain.h): the canonical
 * hash, the SQL function and TEMP trigger that append a row as the next link,
 * and the walk that verifies the whole chain.
 *
 * All SQL here is static text built at compile time from AUDIT_CHAIN_FIELDS and
 * run through sqlite3_exec (no values). Must never write a row any other way
 * than through the chaining trigger.
 */
#include "store/audit_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char domain[] = "ketenregie audit_log v1";

enum { TAG_NULL = 0, TAG_INTEGER = 1, TAG_FLOAT = 2, TAG_TEXT = 3, TAG_BLOB = 4 };

static void put_u64(crypto_generichash_state *h, uint64_t v)
{
	unsigned char b[8];
	for (int i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
	crypto_generichash_update(h, b, sizeof b);
}

static void put_tag(crypto_generichash_state *h, unsigned char tag)
{
	crypto_generichash_update(h, &tag, 1);
}

static void put_bytes(crypto_generichash_state *h, const void *p, size_t n)
{
	put_u64(h, (uint64_t)n);
	if (n)
		crypto_generichash_update(h, p, n);
}

void audit_chain_hash(const unsigned char *prev, size_t prev_len, const char *const *names,
                      const audit_chain_value *values, size_t nfields, unsigned char out[AUDIT_HASH_BYTES])
{
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, AUDIT_HASH_BYTES);
	crypto_generichash_update(&h, (const unsigned char *)domain, sizeof domain);
	if (prev) {
		put_tag(&h, TAG_BLOB);
		put_bytes(&h, prev, prev_len);
	} else {
		put_tag(&h, TAG_NULL);
	}
	for (size_t i = 0; i < nfields; i++) {
		const audit_chain_value *v = &values[i];
		if (v->type == SQLITE_NULL)
			continue; /* a column added later is NULL in older rows */
		put_bytes(&h, names[i], strlen(names[i]));
		switch (v->type) {
		case SQLITE_INTEGER:
			put_tag(&h, TAG_INTEGER);
			put_u64(&h, (uint64_t)v->i);
			break;
		case SQLITE_FLOAT: {
			uint64_t bits;
			memcpy(&bits, &v->f, sizeof bits);
			put_tag(&h, TAG_FLOAT);
			put_u64(&h, bits);
			break;
		}
		case SQLITE_TEXT:
			put_tag(&h, TAG_TEXT);
			put_bytes(&h, v->bytes, v->len);
			break;
		default:
			put_tag(&h, TAG_BLOB);
			put_bytes(&h, v->bytes, v->len);
			break;
		}
	}
	crypto_generichash_final(&h, out, AUDIT_HASH_BYTES);
}

enum { MAX_SQL_FIELDS = 64 };

/* kr_audit_row_hash(prev_hash, 'name', value, 'name', value, …) */
static void sql_row_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (argc < 1 || argc % 2 != 1 || (argc - 1) / 2 > MAX_SQL_FIELDS) {
		sqlite3_result_error(ctx, "kr_audit_row_hash(prev, name, value, …)", -1);
		return;
	}
	const char *names[MAX_SQL_FIELDS];
	audit_chain_value values[MAX_SQL_FIELDS];
	size_t n = (size_t)(argc - 1) / 2;
	for (size_t i = 0; i < n; i++) {
		sqlite3_value *name = argv[1 + 2 * i], *val = argv[2 + 2 * i];
		if (sqlite3_value_type(name) != SQLITE_TEXT) {
			sqlite3_result_error(ctx, "kr_audit_row_hash: field names are text", -1);
			return;
		}
		names[i] = (const char *)sqlite3_value_text(name);
		audit_chain_value *v = &values[i];
		memset(v, 0, sizeof *v);
		v->type = sqlite3_value_type(val);
		if (v->type == SQLITE_INTEGER) {
			v->i = sqlite3_value_int64(val);
		} else if (v->type == SQLITE_FLOAT) {
			v->f = sqlite3_value_double(val);
		} else if (v->type == SQLITE_TEXT) {
			v->bytes = sqlite3_value_text(val);
			v->len = (size_t)sqlite3_value_bytes(val);
		} else if (v->type == SQLITE_BLOB) {
			v->bytes = sqlite3_value_blob(val);
			v->len = (size_t)sqlite3_value_bytes(val);
		}
	}
	const unsigned char *prev = NULL;
	size_t prev_len = 0;
	if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
		prev = sqlite3_value_blob(argv[0]);
		prev_len = (size_t)sqlite3_value_bytes(argv[0]);
		if (!prev)
			prev = (const unsigned char *)"";
	}
	unsigned char out[AUDIT_HASH_BYTES];
	audit_chain_hash(prev, prev_len, names, values, n, out);
	sqlite3_result_blob(ctx, out, sizeof out, SQLITE_TRANSIENT);
}

/* Pieces of SQL made from the field list. */
#define NAME_(c) ", " #c
#define NEW_(c) ", NEW." #c
#define PAIR_NEW_(c) ", '" #c "', NEW." #c
#define PAIR_(c) ", '" #c "', " #c
#define NULL_AS_(c) ", NULL AS " #c
#define QUOTED_(c) ", '" #c "'"
#define ONE_(c) +1

/* The content hash of a stored row, in the order audit_chain.h fixes. */
#define ROW_HASH_OF_STORED "kr_audit_row_hash(prev_hash, 'id', id" AUDIT_CHAIN_FIELDS(PAIR_) ")"

static const char attach_sql[] =
	"CREATE TEMP VIEW IF NOT EXISTS audit_append AS SELECT NULL AS id" AUDIT_CHAIN_FIELDS(NULL_AS_) " WHERE 0;"
	"CREATE TEMP TRIGGER IF NOT EXISTS audit_append_chain INSTEAD OF INSERT ON audit_append BEGIN"
	" INSERT INTO audit_log (id, prev_hash, row_hash" AUDIT_CHAIN_FIELDS(NAME_) ")"
	" SELECT n.id, n.prev_hash, kr_audit_row_hash(n.prev_hash, 'id', n.id" AUDIT_CHAIN_FIELDS(PAIR_NEW_) ")"
	AUDIT_CHAIN_FIELDS(NEW_)
	" FROM (SELECT coalesce((SELECT max(id) FROM audit_log), 0) + 1 AS id,"
	" (SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1) AS prev_hash) AS n;"
	" END;";

static int count_row(void *arg, int ncol, char **vals, char **names)
{
	(void)names;
	*(long long *)arg = ncol > 0 && vals[0] ? strtoll(vals[0], NULL, 10) : 0;
	return 0;
}

bool audit_chain_attach(sqlite3 *db, bool read_only)
{
	int rc = sqlite3_create_function_v2(db, "kr_audit_row_hash", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                                    sql_row_hash, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "ketenregie: audit chain function: %s\n", sqlite3_errmsg(db));
		return false;
	}
	if (read_only)
		return true;
	/* Before the migrations that add the chain (0015) and every field, the trigger
	 * could not compile, and an ALTER TABLE in a pending migration would trip over
	 * it (SQLite checks every trigger, TEMP ones too): migrate_run() attaches
	 * again when it is done. */
	long long columns = 0;
	char *err = NULL;
	if (sqlite3_exec(db,
	                 "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name IN ('row_hash', 'prev_hash'"
	                 AUDIT_CHAIN_FIELDS(QUOTED_) ")",
	                 count_row, &columns, &err) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: audit chain: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return false;
	}
	if (columns != 2 AUDIT_CHAIN_FIELDS(ONE_))
		return true;
	if (sqlite3_exec(db, attach_sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "ketenregie: audit chain trigger: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return false;
	}
	return true;
}

typedef struct walk {
	int64_t rows;
	int64_t bad_id;
	const char *why;
} walk;

/* One row of verify_sql: id, content fits, link fits, id follows. */
static int walk_row(void *arg, int ncol, char **vals, char **names)
{
	(void)names;
	walk *w = arg;
	if (ncol < 4 || !vals[0])
		return 1;
	w->rows++;
	const char *why = NULL;
	if (!vals[1] || strcmp(vals[1], "1") != 0)
		why = "its content does not match its hash (changed or replaced)";
	else if (!vals[2] || strcmp(vals[2], "1") != 0)
		why = "it does not link to the row before it (a row before it was deleted, changed or inserted)";
	else if (!vals[3] || strcmp(vals[3], "1") != 0)
		why = "its id does not follow the row before it (a row was deleted)";
	if (!why)
		return 0;
	w->bad_id = strtoll(vals[0], NULL, 10);
	w->why = why;
	return 1;
}

static const char verify_sql[] =
	"SELECT id, row_hash IS " ROW_HASH_OF_STORED " AND length(row_hash) = 32,"
	" prev_hash IS lag(row_hash) OVER (ORDER BY id),"
	" id = coalesce(lag(id) OVER (ORDER BY id), 0) + 1"
	" FROM audit_log ORDER BY id";

bool audit_chain_verify(sqlite3 *db, int64_t *bad_id, char *why, size_t whylen, int64_t *rows)
{
	*bad_id = 0;
	*rows = 0;
	long long cols = 0;
	char *err = NULL;
	if (sqlite3_exec(db,
	                 "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name IN ('prev_hash', 'row_hash')",
	                 count_row, &cols, &err) != SQLITE_OK || cols != 2) {
		snprintf(why, whylen, "audit_log has no hash chain%s%s", err ? ": " : "", err ? err : "");
		sqlite3_free(err);
		return false;
	}
	walk w = {0, 0, NULL};
	int rc = sqlite3_exec(db, verify_sql, walk_row, &w, &err);
	*rows = w.rows;
	if (w.why) {
		*bad_id = w.bad_id;
		snprintf(why, whylen, "%s", w.why);
		sqlite3_free(err);
		return false;
	}
	if (rc != SQLITE_OK) {
		snprintf(why, whylen, "cannot read audit_log: %s", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return false;
	}
	snprintf(why, whylen, "ok");
	return true;
}

typedef struct head {
	int64_t id;
	char hex[2 * AUDIT_HASH_BYTES + 1];
	char at[40];
} head;

static int keep_head(void *arg, int ncol, char **vals, char **names)
{
	(void)names;
	head *h = arg;
	if (ncol >= 3 && vals[0]) {
		h->id = strtoll(vals[0], NULL, 10);
		snprintf(h->hex, sizeof h->hex, "%s", vals[1] ? vals[1] : "");
		snprintf(h->at, sizeof h->at, "%s", vals[2] ? vals[2] : "");
	}
	return 0;
}

bool audit_chain_head(sqlite3 *db, int64_t *id, char hex[2 * AUDIT_HASH_BYTES + 1], char *at, size_t atlen)
{
	head h = {0, "", ""};
	char *err = NULL;
	bool ok = sqlite3_exec(db, "SELECT id, lower(hex(row_hash)), at FROM audit_log ORDER BY id DESC LIMIT 1",
	                       keep_head, &h, &err) == SQLITE_OK;
	if (!ok) {
		fprintf(stderr, "ketenregie: audit chain head: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
	}
	*id = h.id;
	memcpy(hex, h.hex, sizeof h.hex);
	snprintf(at, atlen, "%s", h.at);
	return ok;
}
