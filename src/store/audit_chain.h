/*
 * audit_chain.h — the hash chain over audit_log: each row carries row_hash =
 * BLAKE2b-256 (libsodium crypto_generichash) of the previous row's row_hash and
 * of its own content, so that a rewritten, replaced, inserted or deleted row
 * breaks the chain at that row and `ketenregie check` can name it.
 *
 * One place computes the chain, in commit order: the SQL function
 * kr_audit_row_hash() inside one INSERT … SELECT that reads the chain's head in
 * the same write transaction (writers are serialised by BEGIN IMMEDIATE, across
 * processes too). Every writer inserts into the connection's TEMP view
 * audit_append, never into audit_log itself; its INSTEAD OF trigger is that
 * INSERT. audit_chain_attach() makes view, trigger and function on a connection
 * (db.c does it for every connection it opens; dbfile.c for the restored copy).
 * A connection without them (the sqlite3 shell) cannot write the chain, and the
 * guard trigger audit_log_append_only refuses any row that is not the next link.
 *
 * Canonical content: the text "ketenregie audit_log v1", the previous hash
 * (tag + length + bytes, or a NULL tag for the first row), then for every field
 * in AUDIT_CHAIN_FIELDS that is not NULL, in that order: its name (length +
 * bytes), a type tag and its value (integers as 8 bytes big-endian, text and
 * blobs as 8-byte big-endian length + bytes). NULL fields are left out, so a
 * column added later (NULL in older rows) leaves the older rows' hashes valid.
 *
 * ADDING A COLUMN to the hash: one line in AUDIT_CHAIN_FIELDS below (plus the
 * migration that adds the column, and the writer that fills it).
 */
#ifndef KR_AUDIT_CHAIN_H
#define KR_AUDIT_CHAIN_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The hashed columns besides id, in hash order. */
#define AUDIT_CHAIN_FIELDS(X) \
	X(at)                     \
	X(user_id)                \
	X(username)               \
	X(role)                   \
	X(organisation_id)        \
	X(action)                 \
	X(object_type)            \
	X(object_id)              \
	X(household_id)           \
	X(address)                \
	X(outcome)                \
	X(detail)                 \
	X(households)

enum { AUDIT_HASH_BYTES = 32 };

/* Register kr_audit_row_hash() on db, and (unless read_only, and once audit_log
 * has its chain columns) the TEMP view audit_append with its chaining trigger;
 * idempotent. False with a message on stderr. */
bool audit_chain_attach(sqlite3 *db, bool read_only);

/* The canonical hash of one row: prev (NULL/0 for the first row), then
 * nfields (name, value) pairs. For the SQL function and the unit test. */
typedef struct audit_chain_value {
	int type; /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_TEXT, SQLITE_BLOB, SQLITE_FLOAT */
	int64_t i;
	double f;
	const void *bytes;
	size_t len;
} audit_chain_value;
void audit_chain_hash(const unsigned char *prev, size_t prev_len, const char *const *names,
                      const audit_chain_value *values, size_t nfields, unsigned char out[AUDIT_HASH_BYTES]);

/* Walk the whole chain on db (read-only is enough; audit_chain_attach(db, true)
 * first). True when every row fits. Otherwise *bad_id is the first row that does
 * not fit (0 when the table lacks the chain columns) and why says how. rows:
 * how many rows were checked. */
bool audit_chain_verify(sqlite3 *db, int64_t *bad_id, char *why, size_t whylen, int64_t *rows);

/* The chain's head: the last row's id and row_hash in hex ("" and 0 when the log
 * is empty). False when it cannot be read. */
bool audit_chain_head(sqlite3 *db, int64_t *id, char hex[2 * AUDIT_HASH_BYTES + 1], char *at, size_t atlen);

#endif
