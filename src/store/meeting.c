/*
 * meeting.c — SQL for leertafel meetings and attendance (see meeting.h).
 * Names only lt_* tables and organisation; never a client table.
 */
#include "store/meeting.h"

#include "store/db.h"

#include <string.h>

const char *const meeting_presences[] = {"aanwezig", "afgemeld", "afwezig", NULL};

const char *meeting_presence_label(const char *presence)
{
	if (strcmp(presence, "aanwezig") == 0)
		return "aanwezig";
	if (strcmp(presence, "afgemeld") == 0)
		return "afwezig met bericht";
	if (strcmp(presence, "afwezig") == 0)
		return "afwezig zonder bericht";
	return "niet vastgelegd";
}

#define MEETING_SELECT                                                                              \
	"SELECT m.id, m.held_on, m.start_time, m.location, m.online, m.agenda, m.notes, m.decisions," \
	" (SELECT count(*) FROM lt_action a WHERE a.meeting_id = m.id) FROM lt_meeting m"

static void read_row(arena *a, sqlite3_stmt *st, meeting *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->held_on = db_text(a, st, 1);
	m->start_time = db_text(a, st, 2);
	m->location = db_text(a, st, 3);
	m->online = sqlite3_column_int(st, 4) != 0;
	m->agenda = db_text(a, st, 5);
	m->notes = db_text(a, st, 6);
	m->decisions = db_text(a, st, 7);
	m->nactions = sqlite3_column_int64(st, 8);
}

meeting *meeting_list_year(arena *a, int year, size_t *n)
{
	sqlite3_stmt *st = db_stmt(MEETING_SELECT
		" WHERE CAST(substr(m.held_on, 1, 4) AS INTEGER) = ?1"
		" ORDER BY m.held_on, m.start_time, m.id");
	sqlite3_bind_int(st, 1, year);
	meeting *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_row(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

int *meeting_years(arena *a, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT DISTINCT CAST(substr(held_on, 1, 4) AS INTEGER) AS y FROM lt_meeting"
		" UNION SELECT year FROM lt_plan ORDER BY 1 DESC");
	int *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k++] = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool meeting_get(arena *a, int64_t id, meeting *out)
{
	sqlite3_stmt *st = db_stmt(MEETING_SELECT " WHERE m.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

bool meeting_next(arena *a, const char *today, meeting *out)
{
	sqlite3_stmt *st = db_stmt(MEETING_SELECT
		" WHERE m.held_on >= ?1 ORDER BY m.held_on, m.start_time, m.id LIMIT 1");
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(a, st, out);
	sqlite3_reset(st);
	return found;
}

const char *meeting_previous_date(arena *a, int64_t id, const char *held_on)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT held_on FROM lt_meeting WHERE held_on < ?2 OR (held_on = ?2 AND id < ?1)"
		" ORDER BY held_on DESC, id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, held_on, -1, SQLITE_STATIC);
	const char *d = sqlite3_step(st) == SQLITE_ROW ? db_text(a, st, 0) : "";
	sqlite3_reset(st);
	return d;
}

int64_t meeting_create(const meeting *m, int64_t user_id)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO lt_meeting (held_on, start_time, location, online, agenda, notes, decisions, created_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	sqlite3_bind_text(st, 1, m->held_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->start_time, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->location, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, m->online ? 1 : 0);
	sqlite3_bind_text(st, 5, m->agenda, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, m->notes, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, m->decisions, -1, SQLITE_STATIC);
	if (user_id > 0)
		sqlite3_bind_int64(st, 8, user_id);
	else
		sqlite3_bind_null(st, 8);
	return db_done(st) ? db_last_id() : 0;
}

bool meeting_update(const meeting *m)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE lt_meeting SET held_on = ?2, start_time = ?3, location = ?4, online = ?5, agenda = ?6,"
		" notes = ?7, decisions = ?8, updated_at = datetime('now') WHERE id = ?1");
	sqlite3_bind_int64(st, 1, m->id);
	sqlite3_bind_text(st, 2, m->held_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->start_time, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, m->location, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, m->online ? 1 : 0);
	sqlite3_bind_text(st, 6, m->agenda, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, m->notes, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, m->decisions, -1, SQLITE_STATIC);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	/* The actions born in the meeting are born on its (new) date. */
	sqlite3_stmt *born = db_stmt("UPDATE lt_action SET born_on = ?2 WHERE meeting_id = ?1");
	sqlite3_bind_int64(born, 1, m->id);
	sqlite3_bind_text(born, 2, m->held_on, -1, SQLITE_STATIC);
	return db_done(born);
}

attendance *meeting_attendance(arena *a, int64_t meeting_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT o.id, o.name, COALESCE(t.presence, '') FROM organisation o"
		" LEFT JOIN lt_attendance t ON t.organisation_id = o.id AND t.meeting_id = ?1"
		" WHERE o.active = 1 OR t.presence IS NOT NULL ORDER BY o.name");
	sqlite3_bind_int64(st, 1, meeting_id);
	attendance *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].org_id = sqlite3_column_int64(st, 0);
		list[k].org_name = db_text(a, st, 1);
		list[k].presence = db_text(a, st, 2);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool meeting_set_attendance(int64_t meeting_id, int64_t org_id, const char *presence)
{
	if (!presence || !*presence) {
		sqlite3_stmt *st = db_stmt(
			"DELETE FROM lt_attendance WHERE meeting_id = ?1 AND organisation_id = ?2");
		sqlite3_bind_int64(st, 1, meeting_id);
		sqlite3_bind_int64(st, 2, org_id);
		return db_done(st);
	}
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO lt_attendance (meeting_id, organisation_id, presence) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (meeting_id, organisation_id) DO UPDATE SET presence = excluded.presence");
	sqlite3_bind_int64(st, 1, meeting_id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_text(st, 3, presence, -1, SQLITE_STATIC);
	return db_done(st);
}
