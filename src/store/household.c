/*
 * household.c — SQL for households and persons, and the name key (see
 * household.h). Never decides who may see a household: that is auth/access.c.
 */
#include "store/household.h"

#include "store/db.h"

#include <string.h>

const char *const person_roles[] = {"ouder", "kind", "overig", NULL};

const char *person_role_label(const char *role)
{
	if (!role)
		return "";
	if (strcmp(role, "ouder") == 0)
		return "ouder/verzorger";
	if (strcmp(role, "kind") == 0)
		return "kind";
	if (strcmp(role, "overig") == 0)
		return "overig";
	return "";
}

/* Base letter of U+00C0..U+00FF (second byte 0x80..0xBF after 0xC3), or 0. */
static char fold_latin1(unsigned char second)
{
	static const char map[64] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"  /* C0..DF */
	                            "aaaaaaaceeeeiiiidnooooo/ouuuuyty"; /* E0..FF */
	if (second < 0x80 || second > 0xBF)
		return 0;
	char c = map[second - 0x80];
	return (c == '*' || c == '/') ? 0 : c;
}

const char *household_name_key(arena *a, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	char *out = arena_alloc(a, n + 1);
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = k > 0;
			continue;
		}
		char emit;
		if (c == 0xC3 && i + 1 < n && fold_latin1((unsigned char)name[i + 1])) {
			emit = fold_latin1((unsigned char)name[i + 1]);
			i++;
		} else if (c >= 'A' && c <= 'Z') {
			emit = (char)(c - 'A' + 'a');
		} else {
			emit = (char)c;
		}
		if (space) {
			out[k++] = ' ';
			space = false;
		}
		out[k++] = emit;
	}
	out[k] = '\0';
	return out;
}

int64_t household_create(const char *name, const char *address)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO household (name, address) VALUES (?1, ?2)");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, address ? address : "", -1, SQLITE_TRANSIENT);
	return db_done(st) ? db_last_id() : 0;
}

bool household_get(arena *a, int64_t id, household *out)
{
	sqlite3_stmt *st = db_stmt("SELECT id, name, address FROM household WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = db_text(a, st, 1);
		out->address = db_text(a, st, 2);
	}
	sqlite3_reset(st);
	return found;
}

int64_t household_add_person(int64_t household_id, const char *name, const char *birthdate, const char *role)
{
	arena *a = arena_new();
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO person (household_id, position, name, name_key, birthdate, role)"
		" VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM person WHERE household_id = ?1),"
		" ?2, ?3, ?4, ?5)");
	sqlite3_bind_int64(st, 1, household_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, household_name_key(a, name), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, birthdate, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, role, -1, SQLITE_TRANSIENT);
	int64_t id = db_done(st) ? db_last_id() : 0;
	arena_free(a);
	return id;
}

bool household_has_person(int64_t household_id, const char *name_key, const char *birthdate)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT 1 FROM person WHERE household_id = ?1 AND name_key = ?2 AND birthdate = ?3");
	sqlite3_bind_int64(st, 1, household_id);
	sqlite3_bind_text(st, 2, name_key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, birthdate ? birthdate : "", -1, SQLITE_TRANSIENT);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

person *household_members(arena *a, int64_t household_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT id, name, birthdate, role FROM person WHERE household_id = ?1 ORDER BY position");
	sqlite3_bind_int64(st, 1, household_id);
	size_t cap = 0, k = 0;
	person *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].id = sqlite3_column_int64(st, 0);
		list[k].household_id = household_id;
		list[k].name = db_text(a, st, 1);
		list[k].birthdate = db_text(a, st, 2);
		list[k].role = db_text(a, st, 3);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
