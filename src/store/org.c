/*
 * org.c — SQL for organisations (see org.h). Deactivating an organisation ends
 * the sessions of its users (session_load refuses inactive organisations).
 */
#include "store/org.h"

#include "store/db.h"

#include <string.h>

const char *const org_kinds[] = {"veilig_thuis", "wijkteam", "buurtteam", "onderwijs", "kinderopvang",
                                 "leerplicht", "jgz", "politie", "ggz", "icm", "rvdk", "gemeente", "overig",
                                 NULL};

static const char *const org_kind_labels[] = {
	"Veilig Thuis", "Wijkteam", "Buurtteam", "Onderwijs", "Kinderopvang", "Leerplicht",
	"Jeugdgezondheidszorg", "Politie", "GGZ", "Intensief casemanagement", "Raad voor de Kinderbescherming",
	"Gemeente", "Overig",
};

const char *org_kind_label(const char *kind)
{
	for (size_t i = 0; org_kinds[i]; i++)
		if (strcmp(org_kinds[i], kind) == 0)
			return org_kind_labels[i];
	return kind;
}

static void read_row(arena *a, sqlite3_stmt *st, org *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->name = db_text(a, st, 1);
	o->kind = db_text(a, st, 2);
	o->active = sqlite3_column_int(st, 3) != 0;
	o->users = sqlite3_column_int64(st, 4);
}

/* The rows of st (the columns read_row reads), at most the organisations there are. */
static org *read_list(arena *a, sqlite3_stmt *st, size_t *n)
{
	sqlite3_stmt *cnt = db_stmt("SELECT count(*) FROM organisation");
	size_t cap = sqlite3_step(cnt) == SQLITE_ROW ? (size_t)sqlite3_column_int64(cnt, 0) : 0;
	sqlite3_reset(cnt);
	org *list = arena_alloc(a, (cap + 1) * sizeof *list);
	size_t k = 0;
	while (k < cap && sqlite3_step(st) == SQLITE_ROW)
		read_row(a, st, &list[k++]);
	sqlite3_reset(st);
	*n = k;
	return list;
}

org *org_list(arena *a, size_t *n)
{
	return read_list(a,
	                 db_stmt("SELECT o.id, o.name, o.kind, o.active,"
	                         " (SELECT count(*) FROM app_user u WHERE u.organisation_id = o.id AND u.active = 1)"
	                         " FROM organisation o ORDER BY o.name"),
	                 n);
}

org *org_choices(arena *a, size_t *n)
{
	return read_list(a, db_stmt("SELECT id, name, kind, active, -1 FROM organisation ORDER BY name"), n);
}

bool org_get(arena *a, int64_t id, org *out)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT o.id, o.name, o.kind, o.active,"
		" (SELECT count(*) FROM app_user u WHERE u.organisation_id = o.id AND u.active = 1)"
		" FROM organisation o WHERE o.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

bool org_find_by_name(arena *a, const char *name, org *out)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT o.id, o.name, o.kind, o.active, 0 FROM organisation o WHERE o.name = ?1");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

static bool name_taken(const char *name, int64_t except_id)
{
	sqlite3_stmt *st = db_stmt("SELECT 1 FROM organisation WHERE name = ?1 AND id <> ?2");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, except_id);
	bool taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return taken;
}

int64_t org_create(const char *name, const char *kind)
{
	if (name_taken(name, 0))
		return 0;
	sqlite3_stmt *st = db_stmt("INSERT INTO organisation (name, kind) VALUES (?1, ?2)");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	return db_done(st) ? db_last_id() : -1;
}

bool org_update(int64_t id, const char *name, const char *kind, bool active)
{
	if (name_taken(name, id))
		return false;
	sqlite3_stmt *st = db_stmt("UPDATE organisation SET name = ?2, kind = ?3, active = ?4 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, active ? 1 : 0);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}
