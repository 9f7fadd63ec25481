/*
 * action.c — SQL and pure helpers for leertafel actions (see action.h).
 *
 * Only lt_* tables, organisation and app_user are named here; this file must
 * never read a client table (a unit test greps for them). Status history rows
 * are only ever inserted.
 */
#include "store/action.h"

#include "store/db.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

/* ---- pure helpers ---------------------------------------------------------- */

const char *const action_statuses[] = {"groen", "oranje", "rood", "afgerond", NULL};
static const char *const status_meanings[] = {"op schema", "risico", "vastgelopen", "afgerond"};

int action_status_index(const char *status)
{
	for (int i = 0; status && i < LT_NSTATUS; i++)
		if (strcmp(status, action_statuses[i]) == 0)
			return i;
	return -1;
}

const char *action_status_meaning(const char *status)
{
	int i = action_status_index(status);
	return i < 0 ? "" : status_meanings[i];
}

const char *action_status_extra(const char *status)
{
	return action_status_index(status) == LT_AFGEROND ? "" : action_status_meaning(status);
}

const char *action_count_text(arena *a, int64_t n)
{
	return arena_printf(a, "%lld %s", (long long)n, n == 1 ? "actie" : "acties");
}

void traffic_counts_add(traffic_counts *c, const char *status, bool overdue)
{
	int i = action_status_index(status);
	c->total++;
	if (i >= 0)
		c->n[i]++;
	if (overdue && i != LT_AFGEROND)
		c->overdue++;
}

bool action_is_overdue(const char *due_on, const char *status, const char *today)
{
	kr_date due, now;
	if (!due_on || !kr_date_parse_iso(due_on, &due) || !kr_date_parse_iso(today, &now))
		return false;
	return action_status_index(status) != LT_AFGEROND && kr_date_cmp(due, now) < 0;
}

const char *action_exists_from(const action *x)
{
	return strcmp(x->recorded_on, x->born_on) < 0 ? x->recorded_on : x->born_on;
}

const char *action_parse_when(const char *deadline, const char *quarter, char due_out[11], char quarter_out[8],
                              const char **field)
{
	bool has_d = deadline && *deadline, has_q = quarter && *quarter;
	if (has_d && has_q) {
		*field = "quarter";
		return "Vul een datum óf een kwartaal in, niet allebei.";
	}
	if (!has_d && !has_q) {
		*field = "deadline";
		return "Vul in wanneer de actie klaar moet zijn: een datum of een kwartaal (bijvoorbeeld Q1 2027).";
	}
	if (has_d) {
		kr_date d;
		if (!kr_date_parse_iso(deadline, &d)) {
			*field = "deadline";
			return "Vul een geldige datum in (dag-maand-jaar).";
		}
		kr_date_format_iso(d, due_out);
		quarter_out[0] = '\0';
		return NULL;
	}
	/* Normalise: spaces trimmed and collapsed, the Dutch "K" (kwartaal) read as "Q". */
	char norm[24];
	size_t k = 0;
	for (const char *p = quarter; *p && k + 1 < sizeof norm; p++) {
		if (*p == ' ' || *p == '\t') {
			if (k > 0 && norm[k - 1] != ' ')
				norm[k++] = ' ';
			continue;
		}
		norm[k++] = *p == 'K' || *p == 'k' ? 'Q' : *p;
	}
	while (k > 0 && norm[k - 1] == ' ')
		k--;
	norm[k] = '\0';
	kr_quarter q;
	if (!kr_quarter_parse(norm, &q)) {
		*field = "quarter";
		return "Schrijf het kwartaal als Q1 2027 of K1 2027 (kwartaal 1 tot en met 4 en een jaartal).";
	}
	kr_date_format_iso(kr_quarter_last_day(q), due_out);
	kr_quarter_format(q, quarter_out);
	return NULL;
}

/* ---- reading ---------------------------------------------------------------- */

/* Columns before and after the three status columns (current or as of a date). */
#define ACTION_COLS_A                                                                                         \
	"SELECT a.id, a.plan_id, p.year, COALESCE(p.adopted_on, ''), COALESCE(a.meeting_id, 0),"              \
	" COALESCE(m.held_on, ''), COALESCE(m.held_on, a.born_on), a.created_at, a.wat, a.hoe, COALESCE(a.due_on, ''), a.quarter,"               \
	" a.actielijn_id, COALESCE(a.tag_id, 0), COALESCE(a.werkgroep_id, 0), l.name, COALESCE(t.name, ''),"  \
	" COALESCE(w.name, ''), l.position, "
#define ACTION_COLS_B                                                                                         \
	", a.after_adoption,"                                                                                 \
	" COALESCE((SELECT x.organisation_id FROM lt_action_org x WHERE x.action_id = a.id AND x.owner = 1), 0)," \
	" COALESCE((SELECT o.name FROM lt_action_org x JOIN organisation o ON o.id = x.organisation_id"        \
	"   WHERE x.action_id = a.id AND x.owner = 1), ''),"                                                  \
	" COALESCE((SELECT group_concat(nm, ', ') FROM (SELECT CASE WHEN x.owner = 1"                          \
	"   THEN 'eigenaar ' ELSE '' END || o.name AS nm FROM lt_action_org x JOIN organisation o"             \
	"   ON o.id = x.organisation_id WHERE x.action_id = a.id ORDER BY x.owner DESC, o.name)), ''),"        \
	" EXISTS (SELECT 1 FROM lt_escalation e WHERE e.action_id = a.id)"                                    \
	" FROM lt_action a JOIN lt_plan p ON p.id = a.plan_id LEFT JOIN lt_meeting m ON m.id = a.meeting_id"  \
	" JOIN lt_actielijn l ON l.id = a.actielijn_id LEFT JOIN lt_actielijn t ON t.id = a.tag_id"           \
	" LEFT JOIN lt_werkgroep w ON w.id = a.werkgroep_id"
#define ACTION_SELECT ACTION_COLS_A "a.status, a.status_note, a.status_on" ACTION_COLS_B

/* The Dutch date of a UTC creation time: an action recorded at 00:30 in the
 * Netherlands was recorded that day, not the UTC day before. */
static const char *recorded_on_nl(arena *a, const char *created_at)
{
	kr_date d;
	if (!kr_date_of_utc_timestamp_nl(created_at, &d))
		return created_at;
	char *out = arena_alloc(a, 11);
	kr_date_format_iso(d, out);
	return out;
}

static void read_action(arena *a, sqlite3_stmt *st, action *x)
{
	int c = 0;
	x->id = sqlite3_column_int64(st, c++);
	x->plan_id = sqlite3_column_int64(st, c++);
	x->plan_year = sqlite3_column_int(st, c++);
	x->plan_adopted_on = db_text(a, st, c++);
	x->meeting_id = sqlite3_column_int64(st, c++);
	x->meeting_held_on = db_text(a, st, c++);
	x->born_on = db_text(a, st, c++);
	x->recorded_on = recorded_on_nl(a, db_text(a, st, c++));
	x->wat = db_text(a, st, c++);
	x->hoe = db_text(a, st, c++);
	x->due_on = db_text(a, st, c++);
	x->quarter = db_text(a, st, c++);
	x->actielijn_id = sqlite3_column_int64(st, c++);
	x->tag_id = sqlite3_column_int64(st, c++);
	x->werkgroep_id = sqlite3_column_int64(st, c++);
	x->actielijn = db_text(a, st, c++);
	x->tag = db_text(a, st, c++);
	x->werkgroep = db_text(a, st, c++);
	x->actielijn_position = sqlite3_column_int(st, c++);
	x->status = db_text(a, st, c++);
	x->status_note = db_text(a, st, c++);
	x->status_on = db_text(a, st, c++);
	x->after_adoption = sqlite3_column_int(st, c++) != 0;
	x->owner_id = sqlite3_column_int64(st, c++);
	x->owner_name = db_text(a, st, c++);
	x->orgs_text = db_text(a, st, c++);
	x->escalated = sqlite3_column_int(st, c++) != 0;
}

static action *read_all(arena *a, sqlite3_stmt *st, size_t *n)
{
	action *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_action(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool action_get(arena *a, int64_t id, action *out)
{
	sqlite3_stmt *st = db_stmt(ACTION_SELECT " WHERE a.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_action(a, st, out);
	sqlite3_reset(st);
	return found;
}

action *action_list_plan(arena *a, int64_t plan_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(ACTION_SELECT " WHERE a.plan_id = ?1 ORDER BY l.position, l.name, a.id");
	sqlite3_bind_int64(st, 1, plan_id);
	return read_all(a, st, n);
}

action *action_list_meeting_new(arena *a, int64_t meeting_id, const char *as_of, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		ACTION_COLS_A "s.status, s.note, s.status_on" ACTION_COLS_B
		" JOIN lt_action_status s ON s.id = COALESCE("
		"   (SELECT s2.id FROM lt_action_status s2 WHERE s2.action_id = a.id AND s2.status_on <= ?2"
		"     ORDER BY s2.status_on DESC, s2.id DESC LIMIT 1),"
		"   (SELECT s3.id FROM lt_action_status s3 WHERE s3.action_id = a.id"
		"     ORDER BY s3.status_on, s3.id LIMIT 1))"
		" WHERE a.meeting_id = ?1 ORDER BY a.id");
	sqlite3_bind_int64(st, 1, meeting_id);
	sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
	return read_all(a, st, n);
}

action *action_list_open_at(arena *a, int64_t meeting_id, const char *held_on, const char *since, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		ACTION_COLS_A "s.status, s.note, s.status_on" ACTION_COLS_B
		" JOIN lt_action_status s ON s.id = (SELECT s2.id FROM lt_action_status s2"
		"   WHERE s2.action_id = a.id AND s2.status_on <= ?2 ORDER BY s2.status_on DESC, s2.id DESC LIMIT 1)"
		" WHERE COALESCE(m.held_on, a.born_on) <= ?2 AND COALESCE(a.meeting_id, 0) <> ?1"
		"   AND (a.meeting_id IS NULL OR m.held_on < ?2 OR (m.held_on = ?2 AND a.meeting_id < ?1))"
		"   AND (s.status <> 'afgerond' OR s.status_on > ?3)"
		" ORDER BY COALESCE(a.due_on, '9999-12-31'), a.id");
	sqlite3_bind_int64(st, 1, meeting_id);
	sqlite3_bind_text(st, 2, held_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, since && *since ? since : "9999-12-31", -1, SQLITE_STATIC);
	return read_all(a, st, n);
}

action *action_list_org_open(arena *a, int64_t org_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		ACTION_SELECT " WHERE a.status <> 'afgerond' AND EXISTS (SELECT 1 FROM lt_action_org x"
		"   WHERE x.action_id = a.id AND x.organisation_id = ?1)"
		" ORDER BY COALESCE(a.due_on, '9999-12-31'), a.id");
	sqlite3_bind_int64(st, 1, org_id);
	return read_all(a, st, n);
}

/* Rows of (organisation id, name, owner) into a list. */
static action_org *collect_orgs(arena *a, sqlite3_stmt *st, size_t *n)
{
	action_org *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].org_id = sqlite3_column_int64(st, 0);
		list[k].name = db_text(a, st, 1);
		list[k].owner = sqlite3_column_int(st, 2) != 0;
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

action_org *action_orgs(arena *a, int64_t action_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT x.organisation_id, o.name, x.owner FROM lt_action_org x"
		" JOIN organisation o ON o.id = x.organisation_id WHERE x.action_id = ?1"
		" ORDER BY x.owner DESC, o.name");
	sqlite3_bind_int64(st, 1, action_id);
	return collect_orgs(a, st, n);
}

action_status_entry *action_history(arena *a, int64_t action_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT status, note, status_on, user_name, org_name, recorded_at FROM lt_action_status"
		" WHERE action_id = ?1 ORDER BY status_on DESC, id DESC");
	sqlite3_bind_int64(st, 1, action_id);
	action_status_entry *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		action_status_entry *e = &list[k++];
		e->status = db_text(a, st, 0);
		e->note = db_text(a, st, 1);
		e->status_on = db_text(a, st, 2);
		e->user_name = db_text(a, st, 3);
		e->org_name = db_text(a, st, 4);
		e->recorded_at = db_text(a, st, 5);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

action_change *action_changes(arena *a, int64_t action_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT what, user_name, changed_at, after_adoption FROM lt_action_change"
		" WHERE action_id = ?1 ORDER BY id DESC");
	sqlite3_bind_int64(st, 1, action_id);
	action_change *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		action_change *c = &list[k++];
		c->what = db_text(a, st, 0);
		c->user_name = db_text(a, st, 1);
		c->changed_at = db_text(a, st, 2);
		c->after_adoption = sqlite3_column_int(st, 3) != 0;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool action_org_involved(int64_t action_id, int64_t org_id)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT 1 FROM lt_action_org WHERE action_id = ?1 AND organisation_id = ?2");
	sqlite3_bind_int64(st, 1, action_id);
	sqlite3_bind_int64(st, 2, org_id);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

action_org *action_plan_orgs(arena *a, int64_t plan_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT o.id, o.name, max(x.owner) FROM lt_action_org x JOIN lt_action a ON a.id = x.action_id"
		" JOIN organisation o ON o.id = x.organisation_id WHERE a.plan_id = ?1"
		" GROUP BY o.id ORDER BY o.name");
	sqlite3_bind_int64(st, 1, plan_id);
	return collect_orgs(a, st, n);
}

action_cell *action_plan_cells(arena *a, int64_t plan_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT x.action_id, x.organisation_id, x.owner FROM lt_action_org x"
		" JOIN lt_action a ON a.id = x.action_id WHERE a.plan_id = ?1");
	sqlite3_bind_int64(st, 1, plan_id);
	action_cell *list = NULL;
	size_t k = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].action_id = sqlite3_column_int64(st, 0);
		list[k].org_id = sqlite3_column_int64(st, 1);
		list[k].owner = sqlite3_column_int(st, 2) != 0;
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* ---- writing ---------------------------------------------------------------- */

static void bind_opt_id(sqlite3_stmt *st, int col, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, col, id);
	else
		sqlite3_bind_null(st, col);
}

static void bind_opt_text(sqlite3_stmt *st, int col, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, col);
}

static bool set_orgs(int64_t id, const action_input *in)
{
	sqlite3_stmt *del = db_stmt("DELETE FROM lt_action_org WHERE action_id = ?1");
	sqlite3_bind_int64(del, 1, id);
	if (!db_done(del))
		return false;
	sqlite3_stmt *ins = db_stmt(
		"INSERT INTO lt_action_org (action_id, organisation_id, owner) VALUES (?1, ?2, 1)");
	sqlite3_bind_int64(ins, 1, id);
	sqlite3_bind_int64(ins, 2, in->owner_id);
	if (!db_done(ins))
		return false;
	for (size_t i = 0; i < in->nparticipants; i++) {
		if (in->participants[i] == in->owner_id)
			continue;
		sqlite3_stmt *p = db_stmt(
			"INSERT OR IGNORE INTO lt_action_org (action_id, organisation_id, owner) VALUES (?1, ?2, 0)");
		sqlite3_bind_int64(p, 1, id);
		sqlite3_bind_int64(p, 2, in->participants[i]);
		if (!db_done(p))
			return false;
	}
	return true;
}

static bool log_change(int64_t id, const char *what, bool after_adoption, int64_t user_id, const char *user_name)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO lt_action_change (action_id, what, after_adoption, user_id, user_name)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, what, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, after_adoption ? 1 : 0);
	bind_opt_id(st, 4, user_id);
	sqlite3_bind_text(st, 5, user_name, -1, SQLITE_STATIC);
	return db_done(st);
}

/* recorded_at: NULL for now (what users do); a past moment only for a history
 * that is loaded afterwards (the demo region). */
static bool add_status(int64_t id, const char *status, const char *note, const char *status_on, int64_t user_id,
                       const char *user_name, const char *org_name, const char *recorded_at)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO lt_action_status (action_id, status, note, status_on, user_id, user_name, org_name, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, datetime('now')))");
	if (recorded_at)
		sqlite3_bind_text(st, 8, recorded_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, note ? note : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, status_on, -1, SQLITE_STATIC);
	bind_opt_id(st, 5, user_id);
	sqlite3_bind_text(st, 6, user_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, org_name, -1, SQLITE_STATIC);
	return db_done(st);
}

int64_t action_create(const action_input *in, int64_t user_id, const char *user_name, const char *org_name,
                      bool after_adoption)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO lt_action (plan_id, meeting_id, born_on, wat, hoe, due_on, quarter, actielijn_id,"
		" tag_id, werkgroep_id, status, status_note, status_on, after_adoption, created_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
	sqlite3_bind_int64(st, 1, in->plan_id);
	bind_opt_id(st, 2, in->meeting_id);
	sqlite3_bind_text(st, 3, in->born_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, in->wat, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, in->hoe ? in->hoe : "", -1, SQLITE_STATIC);
	bind_opt_text(st, 6, in->due_on);
	sqlite3_bind_text(st, 7, in->quarter ? in->quarter : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, in->actielijn_id);
	bind_opt_id(st, 9, in->tag_id);
	bind_opt_id(st, 10, in->werkgroep_id);
	sqlite3_bind_text(st, 11, in->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, in->status_note ? in->status_note : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, in->status_on, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 14, after_adoption ? 1 : 0);
	bind_opt_id(st, 15, user_id);
	if (!db_done(st))
		return 0;
	int64_t id = db_last_id();
	if (!set_orgs(id, in) ||
	    !add_status(id, in->status, in->status_note, in->status_on, user_id, user_name, org_name, in->recorded_at) ||
	    !log_change(id, after_adoption ? "Actie toegevoegd aan het actieplan" : "Actie aangemaakt",
	                after_adoption, user_id, user_name))
		return 0;
	return id;
}

bool action_update(int64_t id, const action_input *in, int64_t user_id, const char *user_name,
                   bool after_adoption, const char *what)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE lt_action SET wat = ?2, hoe = ?3, due_on = ?4, quarter = ?5, actielijn_id = ?6, tag_id = ?7,"
		" werkgroep_id = ?8, after_adoption = max(after_adoption, ?9), updated_at = datetime('now')"
		" WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, in->wat, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->hoe ? in->hoe : "", -1, SQLITE_STATIC);
	bind_opt_text(st, 4, in->due_on);
	sqlite3_bind_text(st, 5, in->quarter ? in->quarter : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, in->actielijn_id);
	bind_opt_id(st, 7, in->tag_id);
	bind_opt_id(st, 8, in->werkgroep_id);
	sqlite3_bind_int(st, 9, after_adoption ? 1 : 0);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	return set_orgs(id, in) && log_change(id, what, after_adoption, user_id, user_name);
}

static bool set_status(int64_t id, const char *status, const char *note, const char *status_on, int64_t user_id,
                       const char *user_name, const char *org_name, const char *recorded_at);

bool action_set_status(int64_t id, const char *status, const char *note, const char *status_on,
                       int64_t user_id, const char *user_name, const char *org_name)
{
	return set_status(id, status, note, status_on, user_id, user_name, org_name, NULL);
}

bool action_set_status_recorded(int64_t id, const char *status, const char *note, const char *status_on,
                                int64_t user_id, const char *user_name, const char *org_name, const char *recorded_at)
{
	return set_status(id, status, note, status_on, user_id, user_name, org_name, recorded_at);
}

static bool set_status(int64_t id, const char *status, const char *note, const char *status_on, int64_t user_id,
                       const char *user_name, const char *org_name, const char *recorded_at)
{
	/* The action shows the latest status by date; an entry back-dated before the current
	 * one is kept in the history without replacing the current status. */
	sqlite3_stmt *st = db_stmt(
		"UPDATE lt_action SET status = ?2, status_note = ?3, status_on = ?4, updated_at = datetime('now')"
		" WHERE id = ?1 AND status_on <= ?4");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, note ? note : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, status_on, -1, SQLITE_STATIC);
	if (!db_done(st))
		return false;
	return add_status(id, status, note, status_on, user_id, user_name, org_name, recorded_at);
}
