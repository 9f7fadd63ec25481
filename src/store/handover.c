/*
 * handover.c — SQL for handovers, their members, conditions, addenda and
 * feedback; the norms; the deadline arithmetic (see handover.h).
 *
 * Never decides who may see a handover (auth/access.c does) and never changes
 * the content of a submitted handover: every content update is restricted to
 * status 'concept' here, and the schema's triggers refuse it as well.
 */
#include "store/handover.h"

#include "store/case.h"
#include "store/db.h"
#include "store/household.h"
#include "util/strbuf.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const handover_return_categories[] = {"geen_lokale_taak", "onvolledig", "veiligheid_onvoldoende",
                                                  "ander_team", "overig", NULL};

const char *handover_return_category_label(const char *c)
{
	if (!c)
		return "";
	if (strcmp(c, "geen_lokale_taak") == 0)
		return "Geen taak voor het lokale veld";
	if (strcmp(c, "onvolledig") == 0)
		return "Overdracht onvolledig";
	if (strcmp(c, "veiligheid_onvoldoende") == 0)
		return "Directe veiligheid nog niet geborgd";
	if (strcmp(c, "ander_team") == 0)
		return "Hoort bij een ander team of een andere regio";
	if (strcmp(c, "overig") == 0)
		return "Andere reden";
	return "";
}

const char *const handover_statuses[] = {"concept", "ingediend", "in_behandeling", "geaccepteerd", "teruggelegd",
                                         "ingetrokken", NULL};

const char *handover_status_label(const char *s)
{
	if (!s)
		return "";
	if (strcmp(s, "concept") == 0)
		return "concept";
	if (strcmp(s, "ingediend") == 0)
		return "ingediend";
	if (strcmp(s, "in_behandeling") == 0)
		return "in behandeling";
	if (strcmp(s, "geaccepteerd") == 0)
		return "geaccepteerd";
	if (strcmp(s, "teruggelegd") == 0)
		return "teruggelegd";
	if (strcmp(s, "ingetrokken") == 0)
		return "ingetrokken";
	return "";
}

bool handover_is_local_team_kind(const char *kind)
{
	return kind && (strcmp(kind, "wijkteam") == 0 || strcmp(kind, "buurtteam") == 0);
}

static void bind_opt_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* ---- the document ------------------------------------------------------------ */

static bool write_parts(int64_t id, const handover_input *in)
{
	sqlite3_stmt *st = db_stmt("DELETE FROM handover_member WHERE handover_id = ?1");
	sqlite3_bind_int64(st, 1, id);
	if (!db_done(st))
		return false;
	st = db_stmt("DELETE FROM handover_condition WHERE handover_id = ?1");
	sqlite3_bind_int64(st, 1, id);
	if (!db_done(st))
		return false;
	arena *a = arena_new();
	bool ok = true;
	int64_t pos = 0;
	for (size_t i = 0; ok && i < in->nmembers; i++) {
		const handover_member *m = &in->members[i];
		if ((!m->name || !*m->name) && (!m->birthdate || !*m->birthdate))
			continue; /* an empty row is never stored, whatever its role */
		st = db_stmt("INSERT INTO handover_member (handover_id, position, name, name_key, birthdate, role)"
		             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, ++pos);
		bind_text(st, 3, m->name);
		bind_text(st, 4, household_name_key(a, m->name));
		bind_opt_text(st, 5, m->birthdate);
		bind_opt_text(st, 6, m->role);
		ok = db_done(st);
	}
	for (size_t i = 0; ok && i < in->nconditions; i++) {
		st = db_stmt("INSERT INTO handover_condition (handover_id, position, text) VALUES (?1, ?2, ?3)");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		bind_text(st, 3, in->conditions[i]);
		ok = db_done(st);
	}
	arena_free(a);
	return ok;
}

static void bind_content(sqlite3_stmt *st, const handover_input *in)
{
	bind_opt_id(st, 2, in->receiving_org_id);
	bind_opt_text(st, 3, in->urgency);
	bind_text(st, 4, in->household_name);
	bind_text(st, 5, in->address);
	bind_text(st, 6, in->reason);
	bind_text(st, 7, in->investigation_outcome);
	bind_text(st, 8, in->risk_assessment);
	bind_text(st, 9, in->providers);
	bind_text(st, 10, in->agreements);
	bind_opt_text(st, 11, in->family_informed);
	bind_text(st, 12, in->family_informed_reason);
	bind_text(st, 13, in->contact);
	sqlite3_bind_int(st, 14, in->receiving_org_id ? 0 : in->receiving_triage);
}

int64_t handover_create(int64_t vt_org_id, int64_t user_id, const handover_input *in)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO handover (created_by, receiving_org_id, urgency, household_name, address, reason,"
		" investigation_outcome, risk_assessment, providers, agreements, family_informed, family_informed_reason,"
		" contact, receiving_triage, vt_org_id, form_key)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
	sqlite3_bind_int64(st, 1, user_id);
	bind_content(st, in);
	sqlite3_bind_int64(st, 15, vt_org_id);
	bind_opt_text(st, 16, in->form_key);
	if (!db_done(st))
		return 0;
	int64_t id = db_last_id();
	return write_parts(id, in) ? id : 0;
}

int64_t handover_by_form_key(int64_t user_id, const char *form_key)
{
	if (!form_key || !*form_key)
		return 0;
	sqlite3_stmt *st = db_stmt("SELECT id FROM handover WHERE created_by = ?1 AND form_key = ?2");
	sqlite3_bind_int64(st, 1, user_id);
	bind_text(st, 2, form_key);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

bool handover_update_concept(int64_t id, const handover_input *in)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET receiving_org_id = ?2, urgency = ?3, household_name = ?4, address = ?5, reason = ?6,"
		" investigation_outcome = ?7, risk_assessment = ?8, providers = ?9, agreements = ?10,"
		" family_informed = ?11, family_informed_reason = ?12, contact = ?13, receiving_triage = ?14,"
		" updated_at = datetime('now')"
		" WHERE id = ?1 AND status = 'concept'");
	sqlite3_bind_int64(st, 1, id);
	bind_content(st, in);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	return write_parts(id, in);
}

bool handover_submit(int64_t id, int64_t user_id)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'ingediend', submitted_at = datetime('now'), submitted_by = ?2,"
		" updated_at = datetime('now') WHERE id = ?1 AND status = 'concept'");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

#define HANDOVER_COLUMNS                                                                                       \
	"SELECT h.id, h.vt_org_id, vo.name, h.created_by, cu.name, coalesce(h.receiving_org_id, 0),"             \
	" coalesce(ro.name, ''), coalesce(h.urgency, ''), h.household_name, h.address, h.reason,"                 \
	" h.investigation_outcome, h.risk_assessment, h.providers, h.agreements, coalesce(h.family_informed, ''),"\
	" h.family_informed_reason, h.contact, h.status, h.created_at, h.updated_at, coalesce(h.submitted_at, ''),"\
	" coalesce(h.taken_org_id, 0), coalesce(tko.name, ''), coalesce(tku.name, ''), coalesce(h.taken_at, ''),"\
	" coalesce(h.taken_reason, ''), coalesce(h.decided_at, ''), coalesce(du.name, ''),"                       \
	" coalesce(h.return_category, ''), coalesce(h.return_reason, ''), coalesce(h.case_id, 0),"                \
	" coalesce(h.household_id, 0), coalesce(h.warm_planned_date, ''), coalesce(h.warm_held_date, ''),"        \
	" coalesce(h.warm_present, ''), coalesce(h.warm_family_present, ''), coalesce(h.warm_family_reason, ''),"\
	" coalesce(h.warm_outcome, ''), coalesce(wu.name, ''), coalesce(h.warm_recorded_at, ''),"                 \
	" coalesce(c.director_id, 0), coalesce(dir.name, ''), coalesce(h.feedback_first_at, ''),"                \
	" (SELECT count(*) FROM handover_feedback f WHERE f.handover_id = h.id),"                                 \
	" (SELECT count(*) FROM case_condition k WHERE k.handover_id = h.id AND k.status = 'nageleefd'),"         \
	" (SELECT count(*) FROM case_condition k WHERE k.handover_id = h.id AND k.status = 'niet_nageleefd'),"    \
	" (SELECT count(*) FROM case_condition k WHERE k.handover_id = h.id),"                                    \
	" h.receiving_triage, coalesce(h.decided_org_id, 0), coalesce(dorg.name, '')"                            \
	" FROM handover h JOIN organisation vo ON vo.id = h.vt_org_id JOIN app_user cu ON cu.id = h.created_by"  \
	" LEFT JOIN organisation ro ON ro.id = h.receiving_org_id"                                                \
	" LEFT JOIN organisation tko ON tko.id = h.taken_org_id LEFT JOIN app_user tku ON tku.id = h.taken_by"   \
	" LEFT JOIN app_user du ON du.id = h.decided_by LEFT JOIN app_user wu ON wu.id = h.warm_recorded_by"     \
	" LEFT JOIN organisation dorg ON dorg.id = h.decided_org_id"                                            \
	" LEFT JOIN casefile c ON c.id = h.case_id LEFT JOIN app_user dir ON dir.id = c.director_id"

static void read_handover(arena *a, sqlite3_stmt *st, handover_rec *h)
{
	int i = 0;
	h->id = sqlite3_column_int64(st, i++);
	h->vt_org_id = sqlite3_column_int64(st, i++);
	h->vt_org_name = db_text(a, st, i++);
	h->created_by = sqlite3_column_int64(st, i++);
	h->created_by_name = db_text(a, st, i++);
	h->receiving_org_id = sqlite3_column_int64(st, i++);
	h->receiving_org_name = db_text(a, st, i++);
	h->urgency = db_text(a, st, i++);
	h->household_name = db_text(a, st, i++);
	h->address = db_text(a, st, i++);
	h->reason = db_text(a, st, i++);
	h->investigation_outcome = db_text(a, st, i++);
	h->risk_assessment = db_text(a, st, i++);
	h->providers = db_text(a, st, i++);
	h->agreements = db_text(a, st, i++);
	h->family_informed = db_text(a, st, i++);
	h->family_informed_reason = db_text(a, st, i++);
	h->contact = db_text(a, st, i++);
	h->status = db_text(a, st, i++);
	h->created_at = db_text(a, st, i++);
	h->updated_at = db_text(a, st, i++);
	h->submitted_at = db_text(a, st, i++);
	h->taken_org_id = sqlite3_column_int64(st, i++);
	h->taken_org_name = db_text(a, st, i++);
	h->taken_by_name = db_text(a, st, i++);
	h->taken_at = db_text(a, st, i++);
	h->taken_reason = db_text(a, st, i++);
	h->decided_at = db_text(a, st, i++);
	h->decided_by_name = db_text(a, st, i++);
	h->return_category = db_text(a, st, i++);
	h->return_reason = db_text(a, st, i++);
	h->case_id = sqlite3_column_int64(st, i++);
	h->household_id = sqlite3_column_int64(st, i++);
	h->warm_planned_date = db_text(a, st, i++);
	h->warm_held_date = db_text(a, st, i++);
	h->warm_present = db_text(a, st, i++);
	h->warm_family_present = db_text(a, st, i++);
	h->warm_family_reason = db_text(a, st, i++);
	h->warm_outcome = db_text(a, st, i++);
	h->warm_recorded_by_name = db_text(a, st, i++);
	h->warm_recorded_at = db_text(a, st, i++);
	h->director_id = sqlite3_column_int64(st, i++);
	h->director_name = db_text(a, st, i++);
	h->first_feedback_at = db_text(a, st, i++);
	h->feedback_count = sqlite3_column_int64(st, i++);
	h->conditions_kept = sqlite3_column_int64(st, i++);
	h->conditions_broken = sqlite3_column_int64(st, i++);
	h->conditions_total = sqlite3_column_int64(st, i++);
	h->receiving_triage = sqlite3_column_int(st, i++) != 0;
	h->decided_org_id = sqlite3_column_int64(st, i++);
	h->decided_org_name = db_text(a, st, i++);
	h->brief = false;
}

/* The brief columns of the start-page panels: what hv_summary() and the deadlines
 * need, without the content, the director or the condition counts. */
#define BRIEF_SELECT                                                                                           \
	"SELECT h.id, h.vt_org_id, h.created_by, coalesce(h.receiving_org_id, 0), coalesce(ro.name, ''),"        \
	" h.receiving_triage, coalesce(h.urgency, ''), h.household_name, h.status, h.created_at,"                 \
	" coalesce(h.submitted_at, ''), coalesce(h.taken_org_id, 0), coalesce(tko.name, ''),"                     \
	" coalesce(h.decided_at, ''), coalesce(h.return_category, ''), coalesce(h.case_id, 0),"                   \
	" coalesce(h.warm_planned_date, ''), coalesce(h.warm_held_date, ''), coalesce(h.feedback_first_at, ''),"\
	" coalesce(h.decided_org_id, 0), coalesce(dorg.name, '')"
#define BRIEF_FROM                                                                                             \
	" FROM handover h LEFT JOIN organisation ro ON ro.id = h.receiving_org_id"                                \
	" LEFT JOIN organisation tko ON tko.id = h.taken_org_id LEFT JOIN app_user du ON du.id = h.decided_by"   \
	" LEFT JOIN organisation dorg ON dorg.id = h.decided_org_id"
#define HANDOVER_BRIEF_COLUMNS BRIEF_SELECT BRIEF_FROM

/* The rows of the paginated lists (/overdrachten): the brief columns, then the safety
 * conditions kept / not kept / all (aggregate subqueries, computed for the page's rows
 * only; index case_condition_handover_status of 0006) and the case's regisseur. */
#define HANDOVER_LIST_COLUMNS                                                                                  \
	BRIEF_SELECT                                                                                           \
	", (SELECT count(*) FROM case_condition k WHERE k.handover_id = h.id AND k.status = 'nageleefd'),"         \
	" (SELECT count(*) FROM case_condition k WHERE k.handover_id = h.id AND k.status = 'niet_nageleefd'),"    \
	" (SELECT count(*) FROM case_condition k WHERE k.handover_id = h.id),"                                    \
	" coalesce((SELECT u.name FROM casefile c JOIN app_user u ON u.id = c.director_id WHERE c.id = h.case_id),"\
	" '')" BRIEF_FROM

/* The handovers of a case as the case page shows them: the brief columns and the
 * Veilig Thuis organisation's name. */
#define HANDOVER_CASE_COLUMNS BRIEF_SELECT ", vo.name" BRIEF_FROM " JOIN organisation vo ON vo.id = h.vt_org_id"

enum { BRIEF_NCOLS = 21 }; /* the columns of BRIEF_SELECT */

static void read_brief(arena *a, sqlite3_stmt *st, handover_rec *h)
{
	memset(h, 0, sizeof *h);
	int i = 0;
	h->id = sqlite3_column_int64(st, i++);
	h->vt_org_id = sqlite3_column_int64(st, i++);
	h->created_by = sqlite3_column_int64(st, i++);
	h->receiving_org_id = sqlite3_column_int64(st, i++);
	h->receiving_org_name = db_text(a, st, i++);
	h->receiving_triage = sqlite3_column_int(st, i++) != 0;
	h->urgency = db_text(a, st, i++);
	h->household_name = db_text(a, st, i++);
	h->status = db_text(a, st, i++);
	h->created_at = db_text(a, st, i++);
	h->submitted_at = db_text(a, st, i++);
	h->taken_org_id = sqlite3_column_int64(st, i++);
	h->taken_org_name = db_text(a, st, i++);
	h->decided_at = db_text(a, st, i++);
	h->return_category = db_text(a, st, i++);
	h->case_id = sqlite3_column_int64(st, i++);
	h->warm_planned_date = db_text(a, st, i++);
	h->warm_held_date = db_text(a, st, i++);
	h->first_feedback_at = db_text(a, st, i++);
	h->decided_org_id = sqlite3_column_int64(st, i++);
	h->decided_org_name = db_text(a, st, i++);
	assert(i == BRIEF_NCOLS);
	static const char empty[] = "";
	const char **text[] = {&h->vt_org_name, &h->created_by_name, &h->address, &h->reason,
	                       &h->investigation_outcome, &h->risk_assessment, &h->providers, &h->agreements,
	                       &h->family_informed, &h->family_informed_reason, &h->contact, &h->updated_at,
	                       &h->taken_by_name, &h->taken_at, &h->taken_reason, &h->decided_by_name,
	                       &h->return_reason, &h->warm_present, &h->warm_family_present, &h->warm_family_reason,
	                       &h->warm_outcome, &h->warm_recorded_by_name, &h->warm_recorded_at, &h->director_name};
	for (size_t k = 0; k < sizeof text / sizeof text[0]; k++)
		*text[k] = empty;
	h->brief = true;
}

/* A row of HANDOVER_LIST_COLUMNS. */
static void read_list_row(arena *a, sqlite3_stmt *st, handover_rec *h)
{
	read_brief(a, st, h);
	int i = BRIEF_NCOLS;
	h->conditions_kept = sqlite3_column_int64(st, i++);
	h->conditions_broken = sqlite3_column_int64(st, i++);
	h->conditions_total = sqlite3_column_int64(st, i++);
	h->director_name = db_text(a, st, i++);
}

/* A row of HANDOVER_CASE_COLUMNS. */
static void read_case_row(arena *a, sqlite3_stmt *st, handover_rec *h)
{
	read_brief(a, st, h);
	h->vt_org_name = db_text(a, st, BRIEF_NCOLS);
}

static handover_rec *collect_with(arena *a, sqlite3_stmt *st, size_t *n,
                                  void (*read)(arena *, sqlite3_stmt *, handover_rec *))
{
	size_t cap = 0, k = 0;
	handover_rec *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

static handover_rec *collect_brief(arena *a, sqlite3_stmt *st, size_t *n)
{
	size_t cap = 0, k = 0;
	handover_rec *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read_brief(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool handover_get(arena *a, int64_t id, handover_rec *out)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_COLUMNS " WHERE h.id = ?1");
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_handover(a, st, out);
	sqlite3_reset(st);
	return found;
}

handover_member *handover_members(arena *a, int64_t id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT name, coalesce(birthdate, ''), coalesce(role, '') FROM handover_member"
	                           " WHERE handover_id = ?1 ORDER BY position");
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0, k = 0;
	handover_member *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].name = db_text(a, st, 0);
		list[k].birthdate = db_text(a, st, 1);
		list[k].role = db_text(a, st, 2);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

const char **handover_conditions(arena *a, int64_t id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT text FROM handover_condition WHERE handover_id = ?1 ORDER BY position");
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0, k = 0;
	const char **list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k++] = db_text(a, st, 0);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool handover_addendum_add(int64_t id, int64_t user_id, const char *text)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO handover_addendum (handover_id, author_id, text)"
		" SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM handover WHERE id = ?1 AND status <> 'concept')");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	bind_text(st, 3, text);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

handover_addendum *handover_addenda(arena *a, int64_t id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT u.name, d.created_at, d.text FROM handover_addendum d"
	                           " JOIN app_user u ON u.id = d.author_id WHERE d.handover_id = ?1 ORDER BY d.id");
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0, k = 0;
	handover_addendum *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].author_name = db_text(a, st, 0);
		list[k].created_at = db_text(a, st, 1);
		list[k].text = db_text(a, st, 2);
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* ---- triage, warm handover, decision --------------------------------------- */

bool handover_take(int64_t id, int64_t org_id, int64_t user_id, const char *reason)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'in_behandeling', taken_org_id = ?2, taken_by = ?3, taken_at = datetime('now'),"
		" taken_reason = ?4, updated_at = datetime('now') WHERE id = ?1 AND status = 'ingediend'");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_int64(st, 3, user_id);
	bind_text(st, 4, reason);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

bool handover_record_warm(int64_t id, int64_t user_id, const handover_warm *w)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET warm_planned_date = ?2, warm_held_date = ?3, warm_present = ?4,"
		" warm_family_present = ?5, warm_family_reason = ?6, warm_outcome = ?7, warm_recorded_by = ?8,"
		" warm_recorded_at = coalesce(?9, datetime('now')), updated_at = datetime('now')"
		" WHERE id = ?1 AND status IN ('in_behandeling', 'geaccepteerd')");
	sqlite3_bind_int64(st, 1, id);
	bind_opt_text(st, 2, w->planned_date);
	bind_opt_text(st, 3, w->held_date);
	bind_opt_text(st, 4, w->present);
	bind_opt_text(st, 5, w->family_present);
	bind_opt_text(st, 6, w->family_reason);
	bind_opt_text(st, 7, w->outcome);
	sqlite3_bind_int64(st, 8, user_id);
	bind_opt_text(st, 9, w->recorded_at);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("INSERT INTO handover_warm_record (handover_id, planned_date, held_date, present, family_present,"
	             " family_reason, outcome, recorded_by, recorded_at)"
	             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(?9, datetime('now')))");
	sqlite3_bind_int64(st, 1, id);
	bind_opt_text(st, 2, w->planned_date);
	bind_opt_text(st, 3, w->held_date);
	bind_opt_text(st, 4, w->present);
	bind_opt_text(st, 5, w->family_present);
	bind_opt_text(st, 6, w->family_reason);
	bind_opt_text(st, 7, w->outcome);
	sqlite3_bind_int64(st, 8, user_id);
	bind_opt_text(st, 9, w->recorded_at);
	return db_done(st);
}

handover_warm_entry *handover_warm_history(arena *a, int64_t id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT coalesce(r.planned_date, ''), coalesce(r.held_date, ''), coalesce(r.present, ''),"
		" coalesce(r.family_present, ''), coalesce(r.family_reason, ''), coalesce(r.outcome, ''), u.name,"
		" r.recorded_at FROM handover_warm_record r JOIN app_user u ON u.id = r.recorded_by"
		" WHERE r.handover_id = ?1 ORDER BY r.id");
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0, k = 0;
	handover_warm_entry *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		handover_warm_entry *e = &list[k++];
		e->planned_date = db_text(a, st, 0);
		e->held_date = db_text(a, st, 1);
		e->present = db_text(a, st, 2);
		e->family_present = db_text(a, st, 3);
		e->family_reason = db_text(a, st, 4);
		e->outcome = db_text(a, st, 5);
		e->recorded_by_name = db_text(a, st, 6);
		e->recorded_at = db_text(a, st, 7);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

bool handover_accept(int64_t id, int64_t org_id, int64_t user_id, int64_t case_id, int64_t household_id,
                     const char *take_reason)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'geaccepteerd', decided_at = datetime('now'), decided_by = ?3,"
		" decided_org_id = ?2,"
		" case_id = ?4, household_id = ?5, taken_org_id = coalesce(taken_org_id, ?2),"
		" taken_by = coalesce(taken_by, ?3), taken_at = coalesce(taken_at, datetime('now')),"
		" taken_reason = coalesce(taken_reason, ?6),"
		" updated_at = datetime('now') WHERE id = ?1 AND status IN ('ingediend', 'in_behandeling')");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_int64(st, 4, case_id);
	sqlite3_bind_int64(st, 5, household_id);
	bind_opt_text(st, 6, take_reason && *take_reason ? take_reason : "Rechtstreeks aan dit team overgedragen.");
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

/* Members of the handover not yet in the household become persons of it. */
static bool add_members_to_household(arena *a, int64_t handover_id, int64_t household_id)
{
	size_t n;
	handover_member *m = handover_members(a, handover_id, &n);
	for (size_t i = 0; i < n; i++) {
		if (!*m[i].name || !*m[i].birthdate || !*m[i].role)
			continue;
		if (household_has_person(household_id, household_name_key(a, m[i].name), m[i].birthdate))
			continue;
		if (!household_add_person(household_id, m[i].name, m[i].birthdate, m[i].role))
			return false;
	}
	return true;
}

bool handover_open_case(arena *a, const handover_rec *h, int64_t org_id, const handover_acceptance *acc,
                        int64_t by, int64_t *case_id_out, int64_t *household_id_out)
{
	bool open = false;
	int64_t case_id = case_known_for_handover(h->id, org_id, 0, &open);
	int64_t household_id = 0;
	bool ok = true;
	if (case_id && open) {
		case_rec c;
		ok = case_get(a, case_id, &c);
		household_id = ok ? c.household_id : 0;
		if (ok && c.director_id != acc->director) {
			/* a change of regisseur is never a side effect of accepting a handover */
			ok = acc->change_reason && *acc->change_reason &&
			     case_set_director(case_id, acc->director, by, acc->change_reason) &&
			     (!acc->keep_previous || case_involve(case_id, c.team_org_id, c.director_id, "betrokken"));
		}
	} else {
		household_id = household_create(h->household_name, h->address);
		case_id = household_id ? case_create(household_id, org_id, acc->director, by) : 0;
		ok = case_id > 0;
	}
	ok = ok && add_members_to_household(a, h->id, household_id);
	size_t nc = 0;
	const char **conds = ok ? handover_conditions(a, h->id, &nc) : NULL;
	for (size_t i = 0; ok && i < nc; i++)
		ok = case_condition_add(case_id, h->id, conds[i]);
	ok = ok && case_involve(case_id, h->vt_org_id, 0, "overdragend");
	ok = ok && handover_accept(h->id, org_id, by, case_id, household_id, acc->take_reason);
	*case_id_out = case_id;
	*household_id_out = household_id;
	return ok;
}

bool handover_return(int64_t id, int64_t user_id, const char *category, const char *reason)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'teruggelegd', decided_at = datetime('now'), decided_by = ?2,"
		" decided_org_id = (SELECT organisation_id FROM app_user WHERE id = ?2),"
		" return_category = ?3, return_reason = ?4, updated_at = datetime('now')"
		" WHERE id = ?1 AND status IN ('ingediend', 'in_behandeling')");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	bind_text(st, 3, category);
	bind_text(st, 4, reason);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

/* ---- feedback ------------------------------------------------------------------ */

bool handover_feedback_add(int64_t id, int64_t case_id, int64_t user_id, const char *agreements,
                           const char *with_family, const char *agreed_on)
{
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO handover_feedback (handover_id, case_id, author_id, agreements, with_family, agreed_on)"
		" SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM handover WHERE id = ?1 AND case_id = ?2"
		" AND status = 'geaccepteerd')");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	sqlite3_bind_int64(st, 3, user_id);
	bind_text(st, 4, agreements);
	bind_text(st, 5, with_family);
	bind_text(st, 6, agreed_on);
	if (!db_done(st) || sqlite3_changes(db_conn()) != 1)
		return false;
	st = db_stmt("UPDATE handover SET feedback_first_at = coalesce(feedback_first_at, datetime('now')) WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	return db_done(st);
}

static handover_feedback *collect_feedback(arena *a, sqlite3_stmt *st, size_t *n);

handover_feedback *handover_feedback_list(arena *a, int64_t id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT f.id, u.name, f.created_at, f.agreements, f.with_family, f.agreed_on,"
	                           " f.handover_id FROM handover_feedback f JOIN app_user u ON u.id = f.author_id"
	                           " WHERE f.handover_id = ?1 ORDER BY f.id");
	sqlite3_bind_int64(st, 1, id);
	return collect_feedback(a, st, n);
}

handover_feedback *handover_feedback_for_case(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT f.id, u.name, f.created_at, f.agreements, f.with_family, f.agreed_on,"
	                           " f.handover_id FROM handover_feedback f JOIN app_user u ON u.id = f.author_id"
	                           " WHERE f.case_id = ?1 ORDER BY f.handover_id, f.id");
	sqlite3_bind_int64(st, 1, case_id);
	return collect_feedback(a, st, n);
}

static handover_feedback *collect_feedback(arena *a, sqlite3_stmt *st, size_t *n)
{
	size_t cap = 0, k = 0;
	handover_feedback *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		handover_feedback *f = &list[k++];
		f->id = sqlite3_column_int64(st, 0);
		f->author_name = db_text(a, st, 1);
		f->created_at = db_text(a, st, 2);
		f->agreements = db_text(a, st, 3);
		f->with_family = db_text(a, st, 4);
		f->agreed_on = db_text(a, st, 5);
		f->handover_id = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* A team's inbox: waiting for a decision, addressed to or taken by the team, or in
 * the joint triage (?2: the team is a local team). */
#define INBOX_WHERE                                                                                            \
	" h.status IN ('ingediend', 'in_behandeling') AND (h.taken_org_id = ?1"                                   \
	" OR (h.taken_org_id IS NULL AND (h.receiving_org_id = ?1 OR (h.receiving_org_id IS NULL AND ?2))))"

/* ---- lists ------------------------------------------------------------------------ */

/* A page read newest first (older) or, for a "newer" link, oldest first (newer):
 * keep PAGE rows in newest-first order and note whether a row lay beyond them. */
static void page_finish(handover_rec *rows, size_t n, bool newer_direction, handover_page *out)
{
	bool beyond = n > HANDOVER_PAGE;
	if (beyond)
		n = HANDOVER_PAGE;
	if (newer_direction)
		for (size_t i = 0; i < n / 2; i++) {
			handover_rec t = rows[i];
			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = t;
		}
	out->rows = rows;
	out->n = n;
	if (newer_direction)
		out->newer = beyond;
	else
		out->older = beyond;
}

/* The VT list: ?1 organisation, ?2 status (filtered statements only), ?3 the keyset
 * bound (an id). LIMIT is HANDOVER_PAGE + 1: the extra row only says that there is a
 * further page. Without a filter the page walks the primary key from the bound (a
 * region has one VT organisation), with one handover_vt (vt_org_id, status), whose
 * entries are in id order; the counts read handover_vt alone. */
void handover_vt_page(arena *a, int64_t vt_org_id, const char *status, int64_t before, int64_t after,
                      handover_page *out)
{
	memset(out, 0, sizeof *out);
	bool filtered = status && *status;
	bool newer = before <= 0 && after > 0;
	sqlite3_stmt *st;
	if (newer && filtered)
		st = db_stmt(HANDOVER_LIST_COLUMNS " WHERE h.vt_org_id = ?1 AND h.status = ?2 AND h.id > ?3"
		                                   " ORDER BY h.id LIMIT 51");
	else if (newer) /* +: walk the primary key, not all of the organisation's rows */
		st = db_stmt(HANDOVER_LIST_COLUMNS " WHERE +h.vt_org_id = ?1 AND h.id > ?3"
		                                   " ORDER BY h.id LIMIT 51");
	else if (filtered)
		st = db_stmt(HANDOVER_LIST_COLUMNS " WHERE h.vt_org_id = ?1 AND h.status = ?2 AND h.id < ?3"
		                                   " ORDER BY h.id DESC LIMIT 51");
	else
		st = db_stmt(HANDOVER_LIST_COLUMNS " WHERE +h.vt_org_id = ?1 AND h.id < ?3"
		                                   " ORDER BY h.id DESC LIMIT 51");
	sqlite3_bind_int64(st, 1, vt_org_id);
	if (filtered)
		bind_text(st, 2, status);
	sqlite3_bind_int64(st, 3, newer ? after : before > 0 ? before : INT64_MAX);
	size_t n;
	handover_rec *rows = collect_with(a, st, &n, read_list_row);
	if (newer && n <= HANDOVER_PAGE) { /* nothing newer beyond: that is the first page */
		handover_vt_page(a, vt_org_id, status, 0, 0, out);
		return;
	}
	page_finish(rows, n, newer, out);

	/* the count of the whole list, and of the rows newer than this page (its position) */
	if (filtered)
		st = db_stmt("SELECT count(*), count(*) FILTER (WHERE id > ?3) FROM handover"
		             " WHERE vt_org_id = ?1 AND status = ?2");
	else
		st = db_stmt("SELECT count(*), count(*) FILTER (WHERE id > ?3) FROM handover"
		             " WHERE vt_org_id = ?1");
	sqlite3_bind_int64(st, 1, vt_org_id);
	if (filtered)
		bind_text(st, 2, status);
	/* an empty page past the oldest: every row from the bound on is newer */
	sqlite3_bind_int64(st, 3, out->n ? out->rows[0].id : before > 0 ? before - 1 : INT64_MAX);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->total = sqlite3_column_int64(st, 0);
		out->offset = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (newer)
		out->older = true; /* the page we came from */
	else
		out->newer = out->offset > 0;
}
/* A team's decided handovers (?1 the team): (a) accepted or returned after it took
 * them, (b) returned by one of its team leaders from the joint triage without taking
 * them. The page is ordered by decision, newest first; the keyset is (decided_at, id)
 * (a: index handover_team_decided_page of 0006, b: handover_decided_org of 0007). */
#define TEAM_DECIDED_A " taken_org_id = ?1 AND status IN ('geaccepteerd', 'teruggelegd')"
#define TEAM_DECIDED_B                                                                                         \
	" taken_org_id IS NULL AND status = 'teruggelegd'"                                                         \
	" AND decided_org_id = ?1"

/* The decision time of handover id when it is one of the team's decided handovers. */
static bool team_decided_anchor(arena *a, int64_t org_id, int64_t id, const char **decided_at)
{
	sqlite3_stmt *st = db_stmt("SELECT decided_at FROM handover WHERE id = ?2 AND decided_at IS NOT NULL"
	                           " AND ((" TEAM_DECIDED_A ") OR (" TEAM_DECIDED_B "))");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*decided_at = db_text(a, st, 0);
	sqlite3_reset(st);
	return found;
}

void handover_team_decided_page(arena *a, int64_t org_id, int64_t before, int64_t after, handover_page *out)
{
	memset(out, 0, sizeof *out);
	const char *anchor_at = "9999-12-31 23:59:59"; /* after every decision: the newest page */
	int64_t anchor_id = INT64_MAX;
	bool newer = false;
	if (before > 0 && team_decided_anchor(a, org_id, before, &anchor_at))
		anchor_id = before;
	else if (before <= 0 && after > 0 && team_decided_anchor(a, org_id, after, &anchor_at)) {
		anchor_id = after;
		newer = true;
	}
	/* an id that is not the team's own decided handover reads the newest page */
	sqlite3_stmt *st;
	if (newer)
		st = db_stmt(HANDOVER_LIST_COLUMNS " WHERE h.id IN (SELECT id FROM ("
		             " SELECT id, decided_at FROM (SELECT id, decided_at FROM handover WHERE" TEAM_DECIDED_A
		             " AND (decided_at, id) > (?2, ?3) ORDER BY decided_at, id LIMIT 51)"
		             " UNION ALL SELECT id, decided_at FROM (SELECT id, decided_at FROM handover WHERE" TEAM_DECIDED_B
		             " AND (decided_at, id) > (?2, ?3) ORDER BY decided_at, id LIMIT 51))"
		             " ORDER BY decided_at, id LIMIT 51) ORDER BY h.decided_at, h.id");
	else
		st = db_stmt(HANDOVER_LIST_COLUMNS " WHERE h.id IN (SELECT id FROM ("
		             " SELECT id, decided_at FROM (SELECT id, decided_at FROM handover WHERE" TEAM_DECIDED_A
		             " AND (decided_at, id) < (?2, ?3) ORDER BY decided_at DESC, id DESC LIMIT 51)"
		             " UNION ALL SELECT id, decided_at FROM (SELECT id, decided_at FROM handover WHERE" TEAM_DECIDED_B
		             " AND (decided_at, id) < (?2, ?3) ORDER BY decided_at DESC, id DESC LIMIT 51))"
		             " ORDER BY decided_at DESC, id DESC LIMIT 51) ORDER BY h.decided_at DESC, h.id DESC");
	sqlite3_bind_int64(st, 1, org_id);
	bind_text(st, 2, anchor_at);
	sqlite3_bind_int64(st, 3, anchor_id);
	size_t n;
	handover_rec *rows = collect_with(a, st, &n, read_list_row);
	if (newer && n <= HANDOVER_PAGE) { /* nothing newer beyond: that is the first page */
		handover_team_decided_page(a, org_id, 0, 0, out);
		return;
	}
	page_finish(rows, n, newer, out);

	/* the count of the whole list, and of the decisions newer than this page */
	st = db_stmt("SELECT x.n + y.n, x.m + y.m FROM"
	             " (SELECT count(*) AS n, count(*) FILTER (WHERE (decided_at, id) > (?2, ?3)) AS m FROM handover"
	             " WHERE" TEAM_DECIDED_A ") x,"
	             " (SELECT count(*) AS n, count(*) FILTER (WHERE (decided_at, id) > (?2, ?3)) AS m FROM handover"
	             " WHERE" TEAM_DECIDED_B ") y");
	sqlite3_bind_int64(st, 1, org_id);
	/* an empty page past the oldest: the anchor and everything after it is newer */
	bind_text(st, 2, out->n ? out->rows[0].decided_at : anchor_at);
	sqlite3_bind_int64(st, 3, out->n ? out->rows[0].id : anchor_id == INT64_MAX ? INT64_MAX : anchor_id - 1);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->total = sqlite3_column_int64(st, 0);
		out->offset = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (newer)
		out->older = true; /* the page we came from */
	else
		out->newer = out->offset > 0;
}

handover_rec *handover_list_for_case(arena *a, int64_t case_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_CASE_COLUMNS " WHERE h.case_id = ?1 ORDER BY h.submitted_at, h.id");
	sqlite3_bind_int64(st, 1, case_id);
	return collect_with(a, st, n, read_case_row);
}

handover_rec *handover_list_between(arena *a, const char *from, const char *to, size_t *n)
{
	sqlite3_stmt *st = db_stmt(
		HANDOVER_BRIEF_COLUMNS " WHERE h.submitted_at >= ?1 AND h.submitted_at < ?2 AND h.status <> 'concept'"
		" ORDER BY h.id");
	bind_text(st, 1, from);
	bind_text(st, 2, to);
	return collect_brief(a, st, n);
}

/* The WHERE clause of the partial index handover_vt_open (0004), word for word. */
#define VT_OPEN_WHERE                                                                                          \
	" (status IN ('ingediend', 'in_behandeling')"                                                              \
	" OR (status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL)))"

handover_rec *handover_vt_open_items(arena *a, int64_t vt_org_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT id FROM handover WHERE vt_org_id = ?1"
	                           " AND" VT_OPEN_WHERE ") ORDER BY h.id DESC");
	sqlite3_bind_int64(st, 1, vt_org_id);
	return collect_brief(a, st, n);
}

/* The latest Dutch date with more than `norm` working days between it and today,
 * as the UTC moment at which the next Dutch day begins. */
static void cutoff_of(int norm, kr_date today, char out[20])
{
	kr_date d = today;
	while (kr_working_days_between(d, today) <= norm)
		d = kr_date_add_days(d, -1);
	/* midnight in the Netherlands at the start of the day after d; the summer-time
	 * switch (01:00 UTC) is never near a Dutch midnight */
	int64_t t = (kr_days_from_civil(d) + 1) * 86400;
	t -= 3600 * kr_nl_utc_offset_hours(t - 3600);
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t rest = t - days * 86400;
	kr_date day = kr_civil_from_days(days);
	char iso[KR_DATE_BUF];
	kr_date_format_iso(day, iso);
	char buf[48];
	snprintf(buf, sizeof buf, "%s %02d:00:00", iso, (int)(rest / 3600 % 24));
	memcpy(out, buf, 19);
	out[19] = '\0';
}

void handover_cutoffs_of(const handover_norms *n, kr_date today, handover_cutoffs *out)
{
	cutoff_of(n->decision_wd, today, out->decision);
	cutoff_of(n->warm_wd, today, out->warm);
	cutoff_of(n->feedback_wd, today, out->feedback);
}

/* The same three rules as handover_deadlines_of(), as SQL over the cutoffs ?2..?4. */
#define VT_OVERDUE_WHERE                                                                                       	" ((status IN ('ingediend', 'in_behandeling') AND submitted_at < ?2)"                                      	" OR (status = 'geaccepteerd' AND warm_held_date IS NULL AND decided_at < ?3)"                             	" OR (status = 'geaccepteerd' AND feedback_first_at IS NULL AND decided_at < ?4))"

static void bind_cutoffs(sqlite3_stmt *st, const handover_cutoffs *c)
{
	sqlite3_bind_text(st, 2, c->decision, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->warm, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->feedback, -1, SQLITE_STATIC);
}

int64_t handover_vt_overdue_count(int64_t vt_org_id, const char *status, const handover_cutoffs *c)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND" VT_OPEN_WHERE
	                           " AND" VT_OVERDUE_WHERE " AND (?5 = '' OR status = ?5)");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_cutoffs(st, c);
	sqlite3_bind_text(st, 5, status ? status : "", -1, SQLITE_STATIC);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return n;
}

handover_rec *handover_vt_overdue_items(arena *a, int64_t vt_org_id, const handover_cutoffs *c, int64_t limit,
                                        size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT id FROM handover WHERE vt_org_id = ?1"
	                           " AND" VT_OPEN_WHERE " AND" VT_OVERDUE_WHERE " ORDER BY id DESC LIMIT ?5)"
	                           " ORDER BY h.id DESC");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_cutoffs(st, c);
	sqlite3_bind_int64(st, 5, limit);
	return collect_brief(a, st, n);
}

void handover_vt_counts(int64_t vt_org_id, int64_t user_id, int64_t *concepts, int64_t *returned)
{
	sqlite3_stmt *st = db_stmt("SELECT (SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND status = 'concept'"
	                           " AND created_by = ?2),"
	                           " (SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND status = 'teruggelegd' AND ended_at IS NULL)");
	sqlite3_bind_int64(st, 1, vt_org_id);
	sqlite3_bind_int64(st, 2, user_id);
	*concepts = *returned = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*concepts = sqlite3_column_int64(st, 0);
		*returned = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
}

handover_rec *handover_vt_returned_since(arena *a, int64_t vt_org_id, const char *since, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.vt_org_id = ?1 AND h.status = 'teruggelegd'"
	                           " AND h.ended_at IS NULL AND h.decided_at >= ?2 ORDER BY h.decided_at DESC LIMIT 50");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_text(st, 2, since);
	return collect_brief(a, st, n);
}

handover_rec *handover_team_open_items(arena *a, int64_t org_id, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.taken_org_id = ?1 AND h.status = 'geaccepteerd'"
	                           " AND (h.warm_held_date IS NULL OR h.feedback_first_at IS NULL) ORDER BY h.id");
	sqlite3_bind_int64(st, 1, org_id);
	return collect_brief(a, st, n);
}

handover_rec *handover_director_open_items(arena *a, int64_t user_id, size_t *n)
{
	/* from the regisseur's open cases (casefile_director_open), not from every
	 * accepted handover in history (handover_status) */
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT h2.id FROM casefile c2"
	                           " CROSS JOIN handover h2 ON h2.case_id = c2.id"
	                           " WHERE c2.director_id = ?1 AND c2.status = 'open' AND h2.status = 'geaccepteerd'"
	                           " AND (h2.warm_held_date IS NULL OR h2.feedback_first_at IS NULL)) ORDER BY h.id");
	sqlite3_bind_int64(st, 1, user_id);
	return collect_brief(a, st, n);
}

handover_rec *handover_inbox_brief(arena *a, int64_t org_id, bool local_team, size_t *n)
{
	sqlite3_stmt *st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE" INBOX_WHERE
	                           " ORDER BY h.urgency = 'hoog' DESC, h.submitted_at, h.id");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	return collect_brief(a, st, n);
}

handover_known *handover_inbox_known(arena *a, int64_t org_id, bool local_team, int months, size_t *n)
{
	int m = months > 1200 ? 1200 : months;
	char modifier[32]; /* a bound value for datetime(), not SQL: "-12 months" */
	snprintf(modifier, sizeof modifier, "-%d months", m > 0 ? m : 0);
	sqlite3_stmt *st = db_stmt(
		"SELECT h.id, c.id, c.status = 'open' FROM handover h"
		" JOIN handover_member hm ON hm.handover_id = h.id AND hm.name_key <> ''"
		" JOIN person p ON p.name_key = hm.name_key AND p.birthdate = hm.birthdate"
		" JOIN casefile c ON c.household_id = p.household_id AND c.team_org_id = ?1"
		" WHERE" INBOX_WHERE " AND (c.status = 'open' OR (?3 AND c.closed_at >= datetime('now', ?4)))"
		" ORDER BY h.id, c.status = 'open' DESC, c.id DESC");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, local_team);
	sqlite3_bind_int(st, 3, months > 0);
	sqlite3_bind_text(st, 4, modifier, -1, SQLITE_TRANSIENT);
	size_t cap = 0, k = 0;
	handover_known *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t hid = sqlite3_column_int64(st, 0);
		if (k && list[k - 1].handover_id == hid)
			continue; /* the first row per handover is the best match */
		list = arena_grow(a, list, k, &cap, sizeof *list);
		list[k].handover_id = hid;
		list[k].case_id = sqlite3_column_int64(st, 1);
		list[k].open = sqlite3_column_int(st, 2) != 0;
		k++;
	}
	sqlite3_reset(st);
	*n = k;
	return list;
}

/* ---- norms and deadlines ------------------------------------------------------ */

/* A norm's stored value when it is a number 1..1000, else fallback. */
static int setting_value(const char *s, int fallback)
{
	char *end;
	long x = s ? strtol(s, &end, 10) : 0;
	return s && *s && !*end && x > 0 && x <= 1000 ? (int)x : fallback;
}

void handover_norms_get(handover_norms *out)
{
	/* every page with deadlines reads them: one statement, not one per norm */
	*out = (handover_norms){.decision_wd = 5, .warm_wd = 10, .feedback_wd = 15, .known_months = 12};
	sqlite3_stmt *st = db_stmt("SELECT key, value FROM setting WHERE key IN ('norm_besluit_werkdagen',"
	                           " 'norm_warme_overdracht_werkdagen', 'norm_terugkoppeling_werkdagen',"
	                           " 'bekend_gesloten_maanden')");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *value = (const char *)sqlite3_column_text(st, 1);
		if (!key)
			continue;
		if (strcmp(key, "norm_besluit_werkdagen") == 0)
			out->decision_wd = setting_value(value, out->decision_wd);
		else if (strcmp(key, "norm_warme_overdracht_werkdagen") == 0)
			out->warm_wd = setting_value(value, out->warm_wd);
		else if (strcmp(key, "norm_terugkoppeling_werkdagen") == 0)
			out->feedback_wd = setting_value(value, out->feedback_wd);
		else if (strcmp(key, "bekend_gesloten_maanden") == 0)
			out->known_months = setting_value(value, out->known_months);
	}
	sqlite3_reset(st);
}

static bool setting_put(const char *key, int v)
{
	sqlite3_stmt *st = db_stmt("INSERT INTO setting (key, value) VALUES (?1, ?2)"
	                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, v);
	return db_done(st);
}

bool handover_norms_set(const handover_norms *n)
{
	return setting_put("norm_besluit_werkdagen", n->decision_wd) &&
	       setting_put("norm_warme_overdracht_werkdagen", n->warm_wd) &&
	       setting_put("norm_terugkoppeling_werkdagen", n->feedback_wd) &&
	       setting_put("bekend_gesloten_maanden", n->known_months);
}

bool handover_date_of(const char *s, kr_date *out)
{
	if (!s || strlen(s) < 10)
		return false;
	if (strlen(s) > 10)
		return kr_date_of_utc_timestamp_nl(s, out);
	char buf[11];
	memcpy(buf, s, 10);
	buf[10] = '\0';
	return kr_date_parse_iso(buf, out);
}

void handover_deadlines_of(const handover_rec *h, const handover_norms *n, kr_date today, handover_deadlines *out)
{
	memset(out, 0, sizeof *out);
	out->decision_wd = -1;
	kr_date submitted, decided, held, feedback;
	if (!handover_date_of(h->submitted_at, &submitted))
		return;
	out->submitted = true;
	out->decision_due = kr_add_working_days(submitted, n->decision_wd);
	bool is_decided = handover_date_of(h->decided_at, &decided) &&
	                  (strcmp(h->status, "geaccepteerd") == 0 || strcmp(h->status, "teruggelegd") == 0);
	out->decision_open = !is_decided;
	out->waiting_wd = kr_working_days_between(submitted, is_decided ? decided : today);
	if (is_decided)
		out->decision_wd = out->waiting_wd;
	else
		out->decision_overdue = out->waiting_wd > n->decision_wd;
	out->accepted = is_decided && strcmp(h->status, "geaccepteerd") == 0;
	if (!out->accepted)
		return;
	out->warm_due = kr_add_working_days(decided, n->warm_wd);
	out->feedback_due = kr_add_working_days(decided, n->feedback_wd);
	out->warm_held = handover_date_of(h->warm_held_date, &held);
	if (out->warm_held)
		out->warm_in_norm = kr_working_days_between(decided, held) <= n->warm_wd;
	else
		out->warm_overdue = kr_working_days_between(decided, today) > n->warm_wd;
	out->feedback_given = handover_date_of(h->first_feedback_at, &feedback);
	if (out->feedback_given)
		out->feedback_in_norm = kr_working_days_between(decided, feedback) <= n->feedback_wd;
	else
		out->feedback_overdue = kr_working_days_between(decided, today) > n->feedback_wd;
}

/* ---- search (issue 9, item 11) ------------------------------------------------ */

/* The FTS5 query for a typed name: every word as a quoted prefix ("vriee"* "unal"*),
 * all of them required; "" when nothing searchable was typed. A bound value, not SQL. */
static const char *name_match(arena *a, const char *typed)
{
	strbuf sb;
	sb_init(&sb, a);
	const unsigned char *p = (const unsigned char *)(typed ? typed : "");
	while (*p) {
		while (*p && !(*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			p++;
		if (!*p)
			break;
		if (sb.len)
			sb_putc(&sb, ' ');
		sb_putc(&sb, '"');
		while (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			sb_putc(&sb, (char)*p++);
		sb_puts(&sb, "\"*");
	}
	return sb.len ? sb.data : "";
}

#define SEARCH_WHERE                                                                                           \
	" AND (?3 = '' OR h.status = ?3)"                                                                        \
	" AND (?4 = '' OR h.id IN (SELECT rowid FROM handover_name_fts WHERE handover_name_fts MATCH ?4))"      \
	" AND (?5 = '' OR coalesce(h.submitted_at, h.created_at) >= ?5)"                                        \
	" AND (?6 = '' OR coalesce(h.submitted_at, h.created_at) < date(?6, '+1 day'))"

/* What a team leader's lists show: the inbox (?1 team, ?2 local team) and what the
 * team decided (see TEAM_DECIDED_A/B). */
#define TEAM_VISIBLE_WHERE                                                                                     \
	" ((" INBOX_WHERE ") OR (h.taken_org_id = ?1 AND h.status IN ('geaccepteerd', 'teruggelegd'))"          \
	" OR (h.taken_org_id IS NULL AND h.status = 'teruggelegd' AND h.decided_org_id = ?1))"

static void bind_query(arena *a, sqlite3_stmt *st, const handover_query *q)
{
	bind_text(st, 3, q->status);
	bind_text(st, 4, name_match(a, q->name));
	bind_text(st, 5, q->from);
	bind_text(st, 6, q->to);
}

static handover_rec *search(arena *a, sqlite3_stmt *list, sqlite3_stmt *count, int64_t org_id, bool local,
                            const handover_query *q, int64_t *total, size_t *n)
{
	sqlite3_bind_int64(count, 1, org_id);
	sqlite3_bind_int(count, 2, local);
	bind_query(a, count, q);
	*total = sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int64(count, 0) : 0;
	sqlite3_reset(count);
	sqlite3_bind_int64(list, 1, org_id);
	sqlite3_bind_int(list, 2, local);
	bind_query(a, list, q);
	return collect_with(a, list, n, read_list_row);
}

bool handover_query_active(const handover_query *q)
{
	return (q->name && *q->name) || (q->from && *q->from) || (q->to && *q->to);
}

handover_rec *handover_vt_search(arena *a, int64_t vt_org_id, const handover_query *q, int64_t *total, size_t *n)
{
	sqlite3_stmt *list = db_stmt(HANDOVER_LIST_COLUMNS " WHERE h.vt_org_id = ?1 AND ?2 = ?2" SEARCH_WHERE
	                                                   " ORDER BY h.id DESC LIMIT 100");
	sqlite3_stmt *count = db_stmt("SELECT count(*) FROM handover h WHERE h.vt_org_id = ?1 AND ?2 = ?2" SEARCH_WHERE);
	return search(a, list, count, vt_org_id, false, q, total, n);
}

handover_rec *handover_team_search(arena *a, int64_t org_id, bool local_team, const handover_query *q,
                                   int64_t *total, size_t *n)
{
	sqlite3_stmt *list = db_stmt(HANDOVER_LIST_COLUMNS " WHERE" TEAM_VISIBLE_WHERE SEARCH_WHERE
	                                                   " ORDER BY h.id DESC LIMIT 100");
	sqlite3_stmt *count = db_stmt("SELECT count(*) FROM handover h WHERE" TEAM_VISIBLE_WHERE SEARCH_WHERE);
	return search(a, list, count, org_id, local_team, q, total, n);
}

/* ---- what Veilig Thuis hears back (issue 9, item 12) ----------------------------- */

handover_rec *handover_vt_feedback_since(arena *a, int64_t vt_org_id, const char *since, int64_t *total, size_t *n)
{
	sqlite3_stmt *st = db_stmt("SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND status = 'geaccepteerd'"
	                           " AND feedback_first_at >= ?2");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_text(st, 2, since);
	*total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.vt_org_id = ?1 AND h.status = 'geaccepteerd'"
	                                    " AND h.feedback_first_at >= ?2 ORDER BY h.feedback_first_at DESC LIMIT 5");
	sqlite3_bind_int64(st, 1, vt_org_id);
	bind_text(st, 2, since);
	return collect_brief(a, st, n);
}

handover_rec *handover_vt_conditions_broken(arena *a, int64_t vt_org_id, int64_t *total, size_t *n)
{
	/* From the open cases (index casefile_open, the current caseload; named, since the
	 * planner would otherwise walk casefile_director_open, all cases ever) to their
	 * handovers, never through all accepted handovers of the organisation's history. */
	sqlite3_stmt *st = db_stmt(
		"SELECT count(DISTINCT h.id) FROM casefile c INDEXED BY casefile_open"
		" CROSS JOIN handover h ON h.case_id = c.id"
		" JOIN case_condition k ON k.handover_id = h.id"
		" WHERE c.status = 'open' AND h.vt_org_id = ?1 AND h.status = 'geaccepteerd' AND k.status = 'niet_nageleefd'");
	sqlite3_bind_int64(st, 1, vt_org_id);
	*total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	st = db_stmt(HANDOVER_BRIEF_COLUMNS " WHERE h.id IN (SELECT h2.id FROM casefile c2 INDEXED BY casefile_open"
	             " CROSS JOIN handover h2 ON h2.case_id = c2.id JOIN case_condition k ON k.handover_id = h2.id"
	             " WHERE c2.status = 'open' AND h2.vt_org_id = ?1 AND h2.status = 'geaccepteerd'"
	             " AND k.status = 'niet_nageleefd') ORDER BY h.id DESC LIMIT 5");
	sqlite3_bind_int64(st, 1, vt_org_id);
	return collect_brief(a, st, n);
}
