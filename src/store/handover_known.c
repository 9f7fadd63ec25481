/*
 * handover_known.c — which local teams already know the family of a handover:
 * every wijkteam or buurtteam with an open case of the same household (a member
 * of the handover matches a person of the case's household on folded name and
 * birth date), or with one closed within the last `months` months. Used by the
 * joint triage, so that one family does not get two cases and two regisseurs.
 *
 * Reads only; the names of teams and case numbers, never the content of another
 * team's case.
 */
#include "store/handover.h"

#include "store/db.h"

#include <stdio.h>

handover_known_team *handover_known_teams(arena *a, int64_t handover_id, int months, size_t *n)
{
	int m = months > 1200 ? 1200 : months;
	char modifier[32]; /* a bound value for datetime(), not SQL: "-12 months" */
	snprintf(modifier, sizeof modifier, "-%d months", m > 0 ? m : 0);
	sqlite3_stmt *st = db_stmt(
		"SELECT DISTINCT o.id, o.name, c.id, c.status = 'open', coalesce(c.closed_at, ''),"
		" coalesce(u.name, '') FROM handover_member hm"
		" JOIN person p ON p.name_key = hm.name_key AND p.birthdate = hm.birthdate"
		" JOIN casefile c ON c.household_id = p.household_id"
		" JOIN organisation o ON o.id = c.team_org_id AND o.kind IN ('wijkteam', 'buurtteam')"
		" LEFT JOIN app_user u ON u.id = c.director_id"
		" WHERE hm.handover_id = ?1 AND hm.name_key <> ''"
		" AND (c.status = 'open' OR (?2 AND c.closed_at >= datetime('now', ?3)))"
		" ORDER BY o.name, o.id, c.status = 'open' DESC, c.id DESC");
	sqlite3_bind_int64(st, 1, handover_id);
	sqlite3_bind_int(st, 2, months > 0);
	sqlite3_bind_text(st, 3, modifier, -1, SQLITE_TRANSIENT);
	size_t cap = 0, k = 0;
	handover_known_team *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t org = sqlite3_column_int64(st, 0);
		if (k && list[k - 1].org_id == org)
			continue; /* per team the best match: an open case, else the newest */
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].org_id = org;
		list[k].org_name = db_text(a, st, 1);
		list[k].case_id = sqlite3_column_int64(st, 2);
		list[k].open = sqlite3_column_int(st, 3) != 0;
		list[k].closed_at = db_text(a, st, 4);
		list[k].director_name = db_text(a, st, 5);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool handover_set_parallel_reason(int64_t id, const char *reason)
{
	sqlite3_stmt *st = db_stmt("UPDATE handover SET parallel_reason = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, reason, -1, SQLITE_TRANSIENT);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

const char *handover_parallel_reason(arena *a, int64_t id)
{
	sqlite3_stmt *st = db_stmt("SELECT coalesce(parallel_reason, '') FROM handover WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	const char *r = sqlite3_step(st) == SQLITE_ROW ? db_text(a, st, 0) : "";
	sqlite3_reset(st);
	return r;
}
