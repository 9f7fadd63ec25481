/*
 * case_meeting.c — SQL for round-table meetings and their agreements (see
 * case_meeting.h). Never decides access.
 */
#include "store/case_meeting.h"

#include "store/db.h"

#include <string.h>

const char *const case_agreement_statuses[] = {"open", "loopt", "gedaan", "vervallen", NULL};
static const char *const status_labels[] = {"open", "loopt", "gedaan", "vervallen"};

const char *case_agreement_status_label(const char *status)
{
	for (size_t i = 0; status && case_agreement_statuses[i]; i++)
		if (strcmp(status, case_agreement_statuses[i]) == 0)
			return status_labels[i];
	return "";
}

int64_t case_meeting_add(int64_t case_id, const char *held_on, const char *start_time, const char *location,
                         bool online, const char *agenda, int64_t by, const int64_t *invitees, size_t ninvitees)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO case_meeting (case_id, held_on, start_time, location, online, agenda, created_by)"
	                           " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 FROM casefile WHERE id = ?1 AND status = 'open'");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, held_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, start_time, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, location, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, online);
	sqlite3_bind_text(st, 6, agenda, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, by);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return 0;
	int64_t id = db_last_id();
	for (size_t i = 0; i < ninvitees; i++) {
		st = db_stmt("INSERT OR IGNORE INTO case_meeting_invitee (meeting_id, user_id) VALUES (?1, ?2)");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, invitees[i]);
		if (!db_done(st))
			return 0;
	}
	return id;
}

#define MEETING_COLUMNS                                                                                   \
	"SELECT m.id, m.case_id, m.held_on, m.start_time, m.location, m.online, m.agenda, m.notes,"         \
	" m.notes_part, m.family_present = 'ja', m.family_absent_reason,"                                   \
	" m.notes <> '' OR EXISTS (SELECT 1 FROM case_meeting_invitee i WHERE i.meeting_id = m.id AND i.present <> ''),"\
	" u.name FROM case_meeting m JOIN app_user u ON u.id = m.created_by"

static void read_meeting(arena *a, sqlite3_stmt *st, case_meeting *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->case_id = sqlite3_column_int64(st, 1);
	m->held_on = db_text(a, st, 2);
	m->start_time = db_text(a, st, 3);
	m->location = db_text(a, st, 4);
	m->online = sqlite3_column_int(st, 5) != 0;
	m->agenda = db_text(a, st, 6);
	m->notes = db_text(a, st, 7);
	m->notes_part = (unsigned)sqlite3_column_int64(st, 8);
	m->family_present = sqlite3_column_int(st, 9) != 0;
	m->family_absent_reason = db_text(a, st, 10);
	m->minutes_recorded = sqlite3_column_int(st, 11) != 0;
	m->by_name = db_text(a, st, 12);
}

bool case_meeting_get(arena *a, int64_t case_id, int64_t id, case_meeting *out)
{
	sqlite3_stmt *st = db_stmt(MEETING_COLUMNS " WHERE m.case_id = ?1 AND m.id = ?2");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_meeting(a, st, out);
	sqlite3_reset(st);
	return found;
}

case_meeting *case_meetings(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(MEETING_COLUMNS " WHERE m.case_id = ?1 ORDER BY m.held_on DESC, m.id DESC");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	case_meeting *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_meeting(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

case_invitee *case_meeting_invitees(arena *a, int64_t meeting_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT i.user_id, u.organisation_id, u.name, o.name, i.present"
	                           " FROM case_meeting_invitee i JOIN app_user u ON u.id = i.user_id"
	                           " JOIN organisation o ON o.id = u.organisation_id"
	                           " WHERE i.meeting_id = ?1 ORDER BY o.name, u.name");
	sqlite3_bind_int64(st, 1, meeting_id);
	size_t cap = 0, k = 0;
	case_invitee *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].user_id = sqlite3_column_int64(st, 0);
		list[k].org_id = sqlite3_column_int64(st, 1);
		list[k].name = db_text(a, st, 2);
		list[k].org_name = db_text(a, st, 3);
		list[k].present = db_text(a, st, 4);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool case_meeting_record(int64_t case_id, int64_t meeting_id, const int64_t *present, size_t npresent,
                         bool family_present, const char *absent_reason, const char *agenda, const char *notes,
                         unsigned notes_part, const char *today)
{
	sqlite3_stmt *st = db_stmt("UPDATE case_meeting SET family_present = ?3, family_absent_reason = ?4, agenda = ?5,"
	                           " notes = ?6, notes_part = ?7 WHERE case_id = ?1 AND id = ?2");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, meeting_id);
	sqlite3_bind_text(st, 3, family_present ? "ja" : "nee", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, family_present ? "" : absent_reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, agenda, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, notes, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, notes_part);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("UPDATE case_meeting_invitee SET present = 'nee' WHERE meeting_id = ?1");
	sqlite3_bind_int64(st, 1, meeting_id);
	if (!db_done(st))
		return false;
	for (size_t i = 0; i < npresent; i++) {
		st = db_stmt("UPDATE case_meeting_invitee SET present = 'ja' WHERE meeting_id = ?1 AND user_id = ?2");
		sqlite3_bind_int64(st, 1, meeting_id);
		sqlite3_bind_int64(st, 2, present[i]);
		if (!db_done(st))
			return false;
	}
	/* a held meeting is activity on the case (stagnation, case_escalation.h) */
	st = db_stmt("UPDATE casefile SET activity_on = (SELECT held_on FROM case_meeting WHERE id = ?2)"
	             " WHERE id = ?1 AND (SELECT held_on FROM case_meeting WHERE id = ?2) <= ?3"
	             " AND coalesce(activity_on, '') < (SELECT held_on FROM case_meeting WHERE id = ?2)");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, meeting_id);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
	return db_done(st);
}

int64_t case_agreement_add(int64_t case_id, int64_t meeting_id, const char *what, int64_t who_org_id,
                           int64_t who_user_id, const char *who_text, const char *due_on, unsigned part)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO case_agreement (case_id, meeting_id, what, who_org_id, who_user_id, who_text,"
	                           " due_on, part) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, meeting_id);
	sqlite3_bind_text(st, 3, what, -1, SQLITE_STATIC);
	if (who_org_id > 0)
		sqlite3_bind_int64(st, 4, who_org_id);
	else
		sqlite3_bind_null(st, 4);
	if (who_user_id > 0)
		sqlite3_bind_int64(st, 5, who_user_id);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, who_text, -1, SQLITE_STATIC);
	if (due_on && *due_on)
		sqlite3_bind_text(st, 7, due_on, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 7);
	sqlite3_bind_int64(st, 8, part);
	return db_done(st) ? db_last_id() : 0;
}

case_agreement *case_agreements(arena *a, int64_t case_id, int64_t meeting_id, unsigned parts, int64_t org_id,
                                size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT g.id, g.case_id, g.meeting_id, m.held_on, g.what, coalesce(g.who_org_id, 0), coalesce(g.who_user_id, 0),"
		" CASE WHEN u.id IS NOT NULL THEN u.name || ' (' || uo.name || ')' WHEN o.id IS NOT NULL THEN o.name"
		" ELSE g.who_text END, coalesce(g.due_on, ''), g.part, g.status"
		" FROM case_agreement g JOIN case_meeting m ON m.id = g.meeting_id"
		" LEFT JOIN app_user u ON u.id = g.who_user_id LEFT JOIN organisation uo ON uo.id = u.organisation_id"
		" LEFT JOIN organisation o ON o.id = g.who_org_id"
		" WHERE g.case_id = ?1 AND ((g.part & ?3) <> 0 OR g.who_org_id = ?4)"
		" AND (?2 > 0 AND g.meeting_id = ?2"
		"   OR ?2 < 0 AND g.status IN ('open', 'loopt') AND g.meeting_id <> -?2"
		"   AND (m.held_on, m.id) < (SELECT held_on, id FROM case_meeting WHERE id = -?2))"
		" ORDER BY m.held_on, g.id");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, meeting_id);
	sqlite3_bind_int64(st, 3, parts);
	sqlite3_bind_int64(st, 4, org_id);
	size_t cap = 0, k = 0;
	case_agreement *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_agreement *g = &list[k++];
		g->id = sqlite3_column_int64(st, 0);
		g->case_id = sqlite3_column_int64(st, 1);
		g->meeting_id = sqlite3_column_int64(st, 2);
		g->meeting_on = db_text(a, st, 3);
		g->what = db_text(a, st, 4);
		g->who_org_id = sqlite3_column_int64(st, 5);
		g->who_user_id = sqlite3_column_int64(st, 6);
		g->who = db_text(a, st, 7);
		g->due_on = db_text(a, st, 8);
		g->part = (unsigned)sqlite3_column_int64(st, 9);
		g->status = db_text(a, st, 10);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool case_agreement_set_status(int64_t case_id, int64_t id, const char *status, int64_t by)
{
	sqlite3_stmt *st = db_stmt("UPDATE case_agreement SET status = ?3, status_by = ?4, status_at = datetime('now')"
	                           " WHERE case_id = ?1 AND id = ?2 AND status <> ?3");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, by);
	return db_done(st);
}

/* Through the partial indexes case_agreement_user / case_agreement_org: only open
 * agreements are read, never the history. */
case_agreement_brief *case_agreements_open_for_user(arena *a, int64_t user_id, int64_t org_id, keyset after,
                                                    size_t limit, size_t *n, bool *more)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT g.case_id, g.id, h.name, g.what, coalesce(g.due_on, ''), g.status, g.who_user_id IS ?1, c.household_id"
		" FROM case_agreement g JOIN casefile c ON c.id = g.case_id JOIN household h ON h.id = c.household_id"
		" WHERE g.id IN (SELECT id FROM case_agreement WHERE who_user_id = ?1 AND status IN ('open', 'loopt')"
		"   UNION SELECT id FROM case_agreement WHERE who_org_id = ?2 AND status IN ('open', 'loopt'))"
		" AND +c.status = 'open'" /* from the open agreements, not from every open case */
		" AND EXISTS (SELECT 1 FROM case_involvement i WHERE i.case_id = g.case_id AND i.user_id = ?1"
		"   AND i.ended_at IS NULL)"
		" AND (coalesce(g.due_on, '9999-12-31'), g.id) > (?20, ?21)"
		" ORDER BY coalesce(g.due_on, '9999-12-31'), g.id LIMIT ?3"); /* no date: last */
	sqlite3_bind_text(st, 20, after.key ? after.key : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 21, after.id);
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_int64(st, 3, (int64_t)limit + 1);
	size_t cap = 0, k = 0;
	case_agreement_brief *list = NULL;
	*more = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k == limit) {
			*more = true;
			break;
		}
		list = arena_grow(a, list, k, &cap, sizeof *list);
		case_agreement_brief *b = &list[k++];
		b->case_id = sqlite3_column_int64(st, 0);
		b->id = sqlite3_column_int64(st, 1);
		b->household_name = db_text(a, st, 2);
		b->what = db_text(a, st, 3);
		b->due_on = db_text(a, st, 4);
		b->status = db_text(a, st, 5);
		b->mine = sqlite3_column_int(st, 6) != 0;
		b->household_id = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
