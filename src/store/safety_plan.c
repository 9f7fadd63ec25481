/*
 * safety_plan.c — SQL for safety plan versions, their lists and who read them
 * (see safety_plan.h). Versions are append-only (triggers in 0010): a save never
 * changes an earlier version. Never decides who may see a plan.
 */
#include "store/safety_plan.h"

#include "store/db.h"

#include <string.h>

const char *const safety_plan_list_codes[SP_LIST_COUNT] = {
	"gevaar", "doel", "voorwaarde", "afspraak", "netwerk", "signaal", "crisis", "toezicht", "schaal", "deelnemer",
};

static sp_list list_of_code(const char *code)
{
	for (int i = 0; i < SP_LIST_COUNT; i++)
		if (strcmp(safety_plan_list_codes[i], code) == 0)
			return (sp_list)i;
	return SP_LIST_COUNT;
}

int64_t safety_plan_latest_n(int64_t case_id)
{
	sqlite3_stmt *st = db_stmt("SELECT coalesce(max(n), 0) FROM safety_plan_version WHERE case_id = ?1");
	sqlite3_bind_int64(st, 1, case_id);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

static void read_items(arena *a, sp_plan *p)
{
	size_t cap[SP_LIST_COUNT] = {0};
	sqlite3_stmt *st = db_stmt("SELECT part, a, b, c, d, e, coalesce(org_id, 0), coalesce(condition_id, 0)"
	                           " FROM safety_plan_item WHERE version_id = ?1 ORDER BY part, position");
	sqlite3_bind_int64(st, 1, p->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sp_list l = list_of_code((const char *)sqlite3_column_text(st, 0));
		if (l == SP_LIST_COUNT)
			continue;
		p->items[l] = arena_grow(a, p->items[l], p->nitems[l], &cap[l], sizeof *p->items[l]);
		sp_item *it = &p->items[l][p->nitems[l]++];
		for (int c = 0; c < SP_MAX_COLS; c++)
			it->f[c] = db_text(a, st, 1 + c);
		it->org_id = sqlite3_column_int64(st, 6);
		it->condition_id = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
}

bool safety_plan_get(arena *a, int64_t case_id, int64_t n, sp_plan *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(
		"SELECT v.id, v.n, v.status, v.what_happened, v.family_view, v.professional_view, v.strengths,"
		" v.evaluation_date, coalesce(v.agreed_on, ''), v.saved_by, u.name, v.saved_at"
		" FROM safety_plan_version v JOIN app_user u ON u.id = v.saved_by"
		" WHERE v.case_id = ?1 AND (?2 = v.n OR (?2 = 0) OR (?2 = -1 AND v.status = 'vastgesteld'))"
		" ORDER BY v.n DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, n);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->id = sqlite3_column_int64(st, 0);
		out->case_id = case_id;
		out->n = sqlite3_column_int64(st, 1);
		out->status = db_text(a, st, 2);
		out->what_happened = db_text(a, st, 3);
		out->family_view = db_text(a, st, 4);
		out->professional_view = db_text(a, st, 5);
		out->strengths = db_text(a, st, 6);
		out->evaluation_date = db_text(a, st, 7);
		out->agreed_on = db_text(a, st, 8);
		out->saved_by = sqlite3_column_int64(st, 9);
		out->saved_by_name = db_text(a, st, 10);
		out->saved_at = db_text(a, st, 11);
	}
	sqlite3_reset(st);
	if (found)
		read_items(a, out);
	return found;
}

int64_t safety_plan_save(const sp_plan *p, int64_t expected_n, int64_t user_id)
{
	if (safety_plan_latest_n(p->case_id) != expected_n)
		return 0;
	bool agreed = p->status && strcmp(p->status, "vastgesteld") == 0;
	sqlite3_stmt *st = db_stmt(
		"INSERT OR IGNORE INTO safety_plan_version (case_id, n, status, what_happened, family_view, professional_view,"
		" strengths, evaluation_date, agreed_on, saved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	sqlite3_bind_int64(st, 1, p->case_id);
	sqlite3_bind_int64(st, 2, expected_n + 1);
	sqlite3_bind_text(st, 3, agreed ? "vastgesteld" : "concept", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, p->what_happened ? p->what_happened : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, p->family_view ? p->family_view : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, p->professional_view ? p->professional_view : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, p->strengths ? p->strengths : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, p->evaluation_date ? p->evaluation_date : "", -1, SQLITE_TRANSIENT);
	if (agreed)
		sqlite3_bind_text(st, 9, p->agreed_on, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 9);
	sqlite3_bind_int64(st, 10, user_id);
	if (!db_done(st))
		return -1;
	if (sqlite3_changes(db_conn()) != 1)
		return 0; /* (case_id, n) taken: someone saved first */
	int64_t version_id = db_last_id();
	for (int l = 0; l < SP_LIST_COUNT; l++) {
		for (size_t i = 0; i < p->nitems[l]; i++) {
			const sp_item *it = &p->items[l][i];
			st = db_stmt("INSERT INTO safety_plan_item (version_id, part, position, a, b, c, d, e, org_id,"
			             " condition_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
			sqlite3_bind_int64(st, 1, version_id);
			sqlite3_bind_text(st, 2, safety_plan_list_codes[l], -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 3, (int64_t)i + 1);
			for (int c = 0; c < SP_MAX_COLS; c++)
				sqlite3_bind_text(st, 4 + c, it->f[c] ? it->f[c] : "", -1, SQLITE_TRANSIENT);
			if (it->org_id > 0)
				sqlite3_bind_int64(st, 9, it->org_id);
			else
				sqlite3_bind_null(st, 9);
			if (it->condition_id > 0)
				sqlite3_bind_int64(st, 10, it->condition_id);
			else
				sqlite3_bind_null(st, 10);
			if (!db_done(st))
				return -1;
		}
	}
	/* whoever saves an agreed version has read it */
	if (agreed && !safety_plan_mark_read(version_id, user_id))
		return -1;
	return expected_n + 1;
}

sp_version_row *safety_plan_versions(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT v.n, v.status, coalesce(v.agreed_on, ''), u.name, v.saved_at"
	                           " FROM safety_plan_version v JOIN app_user u ON u.id = v.saved_by"
	                           " WHERE v.case_id = ?1 ORDER BY v.n DESC");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	sp_version_row *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		sp_version_row *r = &list[k++];
		r->n = sqlite3_column_int64(st, 0);
		r->status = db_text(a, st, 1);
		r->agreed_on = db_text(a, st, 2);
		r->saved_by_name = db_text(a, st, 3);
		r->saved_at = db_text(a, st, 4);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool safety_plan_mark_read(int64_t version_id, int64_t user_id)
{
	sqlite3_stmt *st = db_stmt("INSERT OR IGNORE INTO safety_plan_read (version_id, user_id) VALUES (?1, ?2)");
	sqlite3_bind_int64(st, 1, version_id);
	sqlite3_bind_int64(st, 2, user_id);
	return db_done(st);
}

bool safety_plan_has_read(int64_t version_id, int64_t user_id)
{
	sqlite3_stmt *st = db_stmt("SELECT 1 FROM safety_plan_read WHERE version_id = ?1 AND user_id = ?2");
	sqlite3_bind_int64(st, 1, version_id);
	sqlite3_bind_int64(st, 2, user_id);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

sp_reader *safety_plan_readers(arena *a, int64_t version_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT u.name, o.name, r.read_at, r.user_id FROM safety_plan_read r"
	                           " JOIN app_user u ON u.id = r.user_id JOIN organisation o ON o.id = u.organisation_id"
	                           " WHERE r.version_id = ?1 ORDER BY r.read_at, u.name");
	sqlite3_bind_int64(st, 1, version_id);
	size_t cap = 0, k = 0;
	sp_reader *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].name = db_text(a, st, 0);
		list[k].org_name = db_text(a, st, 1);
		list[k].read_at = db_text(a, st, 2);
		list[k].user_id = sqlite3_column_int64(st, 3);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

sp_unread *safety_plan_unread_for(arena *a, int64_t user_id, int64_t org_id, bool team_leader, keyset after,
                                  size_t limit, size_t *n, bool *more)
{
	sqlite3_stmt *st = db_stmt(
		/* Two arms merged newest plan first (each delivered in that order, so the merge
		 * stops at the page), the household's name only for the page: the open cases the
		 * user is involved in, walked by the date of their latest plan kept on the
		 * involvement (case_involvement_plan, 0030), and for a team leader the team's
		 * open cases walked the same way (casefile_team_plan, 0021). Both dates are
		 * casefile.plan_agreed_on, the latest agreed version's v.agreed_on, kept by
		 * triggers. The latest agreed version comes from safety_plan_version_latest. */
		"SELECT x.cid, h.name, x.n, x.agreed_on, x.vid, x.hid, x.team, x.director, "
		INVOLVEMENT_PARTS_SQL("x.cid") " FROM ("
		"SELECT i.case_id AS cid, c.household_id AS hid, v.n AS n, i.case_plan_agreed_on AS agreed_on, v.id AS vid,"
		" c.team_org_id AS team, c.director_id AS director"
		" FROM case_involvement i INDEXED BY case_involvement_plan JOIN casefile c ON c.id = i.case_id"
		" JOIN safety_plan_version v INDEXED BY safety_plan_version_latest ON v.case_id = c.id AND v.status = 'vastgesteld'"
		" AND v.n = (SELECT max(n) FROM safety_plan_version INDEXED BY safety_plan_version_latest"
		" WHERE case_id = c.id AND status = 'vastgesteld')"
		" WHERE i.user_id = ?1 AND i.org_id = ?2 AND i.ended_at IS NULL AND i.case_open = 1"
		" AND i.case_plan_agreed_on IS NOT NULL AND c.status = 'open'"
		" AND NOT EXISTS (SELECT 1 FROM safety_plan_read r WHERE r.version_id = v.id AND r.user_id = ?1)"
		" AND (i.case_plan_agreed_on, i.case_id) < (?20, ?21)"
		" UNION "
		"SELECT c.id, c.household_id, v.n, c.plan_agreed_on, v.id, c.team_org_id, c.director_id"
		" FROM casefile c INDEXED BY casefile_team_plan"
		" JOIN safety_plan_version v INDEXED BY safety_plan_version_latest ON v.case_id = c.id AND v.status = 'vastgesteld'"
		" AND v.n = (SELECT max(n) FROM safety_plan_version INDEXED BY safety_plan_version_latest"
		" WHERE case_id = c.id AND status = 'vastgesteld')"
		" WHERE ?3 AND c.team_org_id = ?2 AND c.status = 'open' AND c.plan_agreed_on IS NOT NULL"
		" AND NOT EXISTS (SELECT 1 FROM safety_plan_read r WHERE r.version_id = v.id AND r.user_id = ?1)"
		" AND (c.plan_agreed_on, c.id) < (?20, ?21)"
		" ORDER BY 4 DESC, 1 DESC LIMIT ?4) x JOIN household h ON h.id = x.hid"
		" ORDER BY x.agreed_on DESC, x.cid DESC");
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_int(st, 3, team_leader);
	sqlite3_bind_int64(st, 4, (int64_t)limit + 1);
	sqlite3_bind_int64(st, 7, org_id); /* INVOLVEMENT_PARTS_SQL's organisation */
	/* newest first: the start is past every row */
	bool start = after.id == 0;
	sqlite3_bind_text(st, 20, start ? "9999" : after.key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 21, start ? INT64_MAX : after.id);
	size_t cap = 0, k = 0;
	sp_unread *list = NULL;
	*more = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k == limit) {
			*more = true;
			break;
		}
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].case_id = sqlite3_column_int64(st, 0);
		list[k].household_name = db_text(a, st, 1);
		list[k].n = sqlite3_column_int64(st, 2);
		list[k].agreed_on = db_text(a, st, 3);
		list[k].version_id = sqlite3_column_int64(st, 4);
		list[k].household_id = sqlite3_column_int64(st, 5);
		list[k].facts.team_org_id = sqlite3_column_int64(st, 6);
		list[k].facts.director_id = sqlite3_column_int64(st, 7);
		involvement_parts_union((const char *)sqlite3_column_text(st, 8), &list[k].facts);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool safety_plan_has_agreement_of(int64_t version_id, int64_t org_id)
{
	sqlite3_stmt *st = db_stmt("SELECT 1 FROM safety_plan_item WHERE version_id = ?1 AND part = 'afspraak'"
	                           " AND org_id = ?2 LIMIT 1");
	sqlite3_bind_int64(st, 1, version_id);
	sqlite3_bind_int64(st, 2, org_id);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

sp_org *safety_plan_involved_orgs(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT DISTINCT o.id, o.name, o.kind FROM case_involvement i"
	                           " JOIN organisation o ON o.id = i.org_id"
	                           " WHERE i.case_id = ?1 AND i.ended_at IS NULL AND o.kind <> 'veilig_thuis'"
	                           " ORDER BY o.name");
	sqlite3_bind_int64(st, 1, case_id);
	size_t cap = 0, k = 0;
	sp_org *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].id = sqlite3_column_int64(st, 0);
		list[k].name = db_text(a, st, 1);
		list[k].kind = db_text(a, st, 2);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}
