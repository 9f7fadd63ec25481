/*
 * second_factor.c — SQL for TOTP secrets, recovery codes and waiting logins
 * (see second_factor.h). Recovery codes and cookie tokens are stored only as
 * hashes; nothing here logs a secret or a code.
 */
#include "store/second_factor.h"

#include "util/token.h"
#include "store/db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

bool sf_state_of(int64_t user_id, sf_state *out)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT u.second_factor_exempt, coalesce(u.second_factor_asked_at, 0),"
		" EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id)"
		" FROM app_user u WHERE u.id = ?1");
	sqlite3_bind_int64(st, 1, user_id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->exempt = sqlite3_column_int(st, 0) != 0;
		out->asked_at = sqlite3_column_int64(st, 1);
		out->enrolled = sqlite3_column_int(st, 2) != 0;
	}
	sqlite3_reset(st);
	return found;
}

int64_t sf_note_asked(int64_t user_id, int64_t now)
{
	if (db_begin()) {
		sqlite3_stmt *st = db_stmt(
			"UPDATE app_user SET second_factor_asked_at = ?2 WHERE id = ?1 AND second_factor_asked_at IS NULL");
		sqlite3_bind_int64(st, 1, user_id);
		sqlite3_bind_int64(st, 2, now);
		if (db_done(st))
			db_commit();
		else
			db_rollback();
	}
	sf_state s;
	return sf_state_of(user_id, &s) && s.asked_at ? s.asked_at : now;
}

bool sf_totp_get(int64_t user_id, unsigned char secret[TOTP_SECRET_BYTES], int64_t *last_step)
{
	sqlite3_stmt *st = db_stmt("SELECT secret, last_step FROM user_totp WHERE user_id = ?1");
	sqlite3_bind_int64(st, 1, user_id);
	bool found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == TOTP_SECRET_BYTES;
	if (found) {
		memcpy(secret, sqlite3_column_blob(st, 0), TOTP_SECRET_BYTES);
		*last_step = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return found;
}

bool sf_totp_use_step(int64_t user_id, int64_t step)
{
	sqlite3_stmt *st = db_stmt("UPDATE user_totp SET last_step = ?2 WHERE user_id = ?1 AND last_step < ?2");
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, step);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

/* Upper-case letters and digits of a typed recovery code, at most 16 of them. */
static bool normalise_code(const char *typed, char out[17])
{
	size_t n = 0;
	for (const char *p = typed; p && *p; p++) {
		char c = *p;
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) || n == 16)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == 16;
}

bool sf_is_recovery_shape(const char *typed)
{
	char norm[17];
	return normalise_code(typed, norm);
}

/* Hash of a normalised code, bound to the account. */
static void code_hash(int64_t user_id, const char *norm, unsigned char out[32])
{
	char msg[64];
	int n = snprintf(msg, sizeof msg, "%lld:%s", (long long)user_id, norm);
	crypto_generichash(out, 32, (const unsigned char *)msg, (size_t)n, NULL, 0);
	sodium_memzero(msg, sizeof msg);
}

bool sf_enrol(arena *a, int64_t user_id, const unsigned char secret[TOTP_SECRET_BYTES], int64_t step, int64_t now,
              char **codes)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO user_totp (user_id, secret, enrolled_at, last_step) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, enrolled_at = excluded.enrolled_at,"
		" last_step = excluded.last_step");
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_blob(st, 2, secret, TOTP_SECRET_BYTES, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, step);
	if (!db_done(st))
		return false;
	sqlite3_stmt *del = db_stmt("DELETE FROM user_recovery_code WHERE user_id = ?1");
	sqlite3_bind_int64(del, 1, user_id);
	if (!db_done(del))
		return false;
	for (int i = 0; i < SF_RECOVERY_CODES; i++) {
		unsigned char raw[10];
		char b32[17];
		randombytes_buf(raw, sizeof raw);
		totp_base32(raw, sizeof raw, b32);
		sodium_memzero(raw, sizeof raw);
		unsigned char h[32];
		code_hash(user_id, b32, h);
		codes[i] = arena_printf(a, "%.4s-%.4s-%.4s-%.4s", b32, b32 + 4, b32 + 8, b32 + 12);
		sodium_memzero(b32, sizeof b32);
		sqlite3_stmt *ins = db_stmt("INSERT INTO user_recovery_code (user_id, code_hash) VALUES (?1, ?2)");
		sqlite3_bind_int64(ins, 1, user_id);
		sqlite3_bind_blob(ins, 2, h, 32, SQLITE_TRANSIENT);
		if (!db_done(ins))
			return false;
	}
	return true;
}

bool sf_recovery_use(int64_t user_id, const char *typed, int64_t now)
{
	char norm[17];
	if (!normalise_code(typed, norm))
		return false;
	unsigned char h[32];
	code_hash(user_id, norm, h);
	sodium_memzero(norm, sizeof norm);
	if (!db_begin())
		return false;
	sqlite3_stmt *st = db_stmt(
		"UPDATE user_recovery_code SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL");
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_blob(st, 2, h, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	bool ok = db_done(st) && sqlite3_changes(db_conn()) == 1;
	if (ok && db_commit())
		return true;
	if (!ok)
		db_rollback();
	return false;
}

int sf_recovery_left(int64_t user_id)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM user_recovery_code WHERE user_id = ?1 AND used_at IS NULL");
	sqlite3_bind_int64(st, 1, user_id);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

bool sf_reset(int64_t user_id)
{
	sqlite3_stmt *a = db_stmt("DELETE FROM user_totp WHERE user_id = ?1");
	sqlite3_bind_int64(a, 1, user_id);
	if (!db_done(a))
		return false;
	sqlite3_stmt *b = db_stmt("DELETE FROM user_recovery_code WHERE user_id = ?1");
	sqlite3_bind_int64(b, 1, user_id);
	if (!db_done(b))
		return false;
	sqlite3_stmt *c = db_stmt("DELETE FROM login_pending WHERE user_id = ?1");
	sqlite3_bind_int64(c, 1, user_id);
	return db_done(c);
}

/* ---- waiting logins ---- */

static bool token_hash_of(const char *token, unsigned char out[32])
{
	if (!token || strlen(token) != 64)
		return false;
	for (const char *p = token; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	token_hash(token, out);
	return true;
}

char *sf_pending_start(arena *a, int64_t user_id, const char *device, const unsigned char *new_secret,
                       const char *resume_to, const char *resume, int64_t now)
{
	char *token = token_random_hex(a);
	unsigned char h[32];
	token_hash(token, h);
	if (!db_begin())
		return NULL;
	sqlite3_stmt *gc = db_stmt("DELETE FROM login_pending WHERE user_id = ?1 OR created_at < ?2");
	sqlite3_bind_int64(gc, 1, user_id);
	sqlite3_bind_int64(gc, 2, now - SF_PENDING_TTL_S);
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO login_pending (token_hash, user_id, created_at, device, new_secret, resume_to, resume)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	sqlite3_bind_blob(st, 1, h, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, now);
	if (device)
		sqlite3_bind_text(st, 4, device, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 4);
	if (new_secret)
		sqlite3_bind_blob(st, 5, new_secret, TOTP_SECRET_BYTES, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 5);
	if (resume_to && resume) {
		sqlite3_bind_text(st, 6, resume_to, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, resume, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(st, 6);
		sqlite3_bind_null(st, 7);
	}
	if (!db_done(gc) || !db_done(st)) {
		db_rollback();
		return NULL;
	}
	return db_commit() ? token : NULL;
}

bool sf_pending_get(arena *a, const char *token, int64_t now, sf_pending *out)
{
	unsigned char h[32];
	if (!token_hash_of(token, h))
		return false;
	sqlite3_stmt *st = db_stmt(
		"SELECT p.user_id, p.created_at, p.device, p.new_secret, p.failures, p.resume_to, p.resume FROM login_pending p"
		" JOIN app_user u ON u.id = p.user_id WHERE p.token_hash = ?1 AND p.created_at >= ?2 AND u.active = 1");
	sqlite3_bind_blob(st, 1, h, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now - SF_PENDING_TTL_S);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		memset(out, 0, sizeof *out);
		out->user_id = sqlite3_column_int64(st, 0);
		out->created_at = sqlite3_column_int64(st, 1);
		out->device = sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL : db_text(a, st, 2);
		out->has_new_secret = sqlite3_column_bytes(st, 3) == TOTP_SECRET_BYTES;
		if (out->has_new_secret)
			memcpy(out->new_secret, sqlite3_column_blob(st, 3), TOTP_SECRET_BYTES);
		out->failures = sqlite3_column_int(st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL && sqlite3_column_type(st, 6) != SQLITE_NULL) {
			out->resume_to = db_text(a, st, 5);
			out->resume = db_text(a, st, 6);
		}
	}
	sqlite3_reset(st);
	return found;
}

bool sf_pending_fail(const char *token)
{
	unsigned char h[32];
	if (!token_hash_of(token, h) || !db_begin())
		return false;
	sqlite3_stmt *up = db_stmt("UPDATE login_pending SET failures = failures + 1 WHERE token_hash = ?1");
	sqlite3_bind_blob(up, 1, h, 32, SQLITE_TRANSIENT);
	sqlite3_stmt *end = db_stmt("DELETE FROM login_pending WHERE token_hash = ?1 AND failures >= ?2");
	sqlite3_bind_blob(end, 1, h, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int(end, 2, SF_PENDING_MAX_FAILURES);
	if (!db_done(up) || !db_done(end)) {
		db_rollback();
		return false;
	}
	bool ended = sqlite3_changes(db_conn()) > 0;
	return db_commit() && !ended;
}

bool sf_pending_end(const char *token)
{
	unsigned char h[32];
	if (!token_hash_of(token, h))
		return false;
	sqlite3_stmt *st = db_stmt("DELETE FROM login_pending WHERE token_hash = ?1");
	sqlite3_bind_blob(st, 1, h, 32, SQLITE_TRANSIENT);
	return db_done(st);
}
