/*
 * person_correction.c — a member's name and birth date corrected with history
 * (see person_correction.h). Never overwrites a value without first writing the
 * history row the trigger person_*_corrected (migration 0014) asks for.
 */
#include "store/person_correction.h"

#include "store/db.h"

#include <string.h>

bool household_person_get(arena *a, int64_t id, person *out)
{
	sqlite3_stmt *st = db_stmt("SELECT id, household_id, name, birthdate, role FROM person WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->id = sqlite3_column_int64(st, 0);
		out->household_id = sqlite3_column_int64(st, 1);
		out->name = db_text(a, st, 2);
		out->birthdate = db_text(a, st, 3);
		out->role = db_text(a, st, 4);
	}
	sqlite3_reset(st);
	return found;
}

static bool record(int64_t person_id, const char *field, const char *old_value, const char *new_value,
                   const char *reason, int64_t by)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO person_correction (person_id, field, old_value, new_value, reason, corrected_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, old_value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, new_value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, by);
	return db_done(st);
}

bool person_correct(arena *a, int64_t person_id, const char *name, const char *birthdate, const char *reason,
                    int64_t by, bool *changed)
{
	*changed = false;
	person p;
	if (!household_person_get(a, person_id, &p))
		return false;
	bool name_changes = strcmp(p.name, name) != 0, date_changes = strcmp(p.birthdate, birthdate) != 0;
	if (!name_changes && !date_changes)
		return true;
	if (name_changes && !record(person_id, "name", p.name, name, reason, by))
		return false;
	if (date_changes && !record(person_id, "birthdate", p.birthdate, birthdate, reason, by))
		return false;
	sqlite3_stmt *st = db_stmt("UPDATE person SET name = ?2, name_key = ?3, birthdate = ?4 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, household_name_key(a, name), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, birthdate, -1, SQLITE_TRANSIENT);
	*changed = db_done(st) && sqlite3_changes(db_conn()) == 1;
	return *changed;
}

person_correction *person_corrections_of_household(arena *a, int64_t household_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT k.id, k.person_id, k.field, k.old_value, k.new_value, k.reason, coalesce(u.name, ''),"
		" k.corrected_at FROM person_correction k JOIN person p ON p.id = k.person_id"
		" LEFT JOIN app_user u ON u.id = k.corrected_by WHERE p.household_id = ?1 ORDER BY k.id");
	sqlite3_bind_int64(st, 1, household_id);
	person_correction *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		person_correction *c = &list[k++];
		c->id = sqlite3_column_int64(st, 0);
		c->person_id = sqlite3_column_int64(st, 1);
		c->field = db_text(a, st, 2);
		c->old_value = db_text(a, st, 3);
		c->new_value = db_text(a, st, 4);
		c->reason = db_text(a, st, 5);
		c->by_name = db_text(a, st, 6);
		c->at = db_text(a, st, 7);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
