/*
 * handover_read.c — reading handovers: one handover with everything the page
 * shows, its members, conditions, addenda and feedback, and the row readers of
 * the brief columns (handover_int.h) that the lists and searches share.
 *
 * Reads only; never decides who may see what (auth/access.c does).
 */
#include "store/handover.h"
#include "store/handover_int.h"

#include "store/db.h"
#include "store/name_memo.h"

#include <assert.h>
#include <string.h>

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

void handover_read_brief(arena *a, sqlite3_stmt *st, handover_rec *h)
{
	memset(h, 0, sizeof *h);
	int i = 0;
	h->id = sqlite3_column_int64(st, i++);
	h->vt_org_id = sqlite3_column_int64(st, i++);
	h->created_by = sqlite3_column_int64(st, i++);
	h->receiving_org_id = sqlite3_column_int64(st, i++);
	h->receiving_triage = sqlite3_column_int(st, i++) != 0;
	h->urgency = db_text(a, st, i++);
	h->household_name = db_text(a, st, i++);
	h->status = db_text(a, st, i++);
	h->created_at = db_text(a, st, i++);
	h->submitted_at = db_text(a, st, i++);
	h->taken_org_id = sqlite3_column_int64(st, i++);
	h->decided_at = db_text(a, st, i++);
	h->return_category = db_text(a, st, i++);
	h->case_id = sqlite3_column_int64(st, i++);
	h->warm_planned_date = db_text(a, st, i++);
	h->warm_held_date = db_text(a, st, i++);
	h->first_feedback_at = db_text(a, st, i++);
	h->decided_org_id = sqlite3_column_int64(st, i++);
	h->household_id = sqlite3_column_int64(st, i++); /* lists name the households they show */
	assert(i == BRIEF_NCOLS);
	static const char empty[] = "";
	const char **text[] = {&h->receiving_org_name, &h->taken_org_name, &h->decided_org_name, &h->vt_org_name,
	                       &h->created_by_name, &h->address, &h->reason, &h->investigation_outcome,
	                       &h->risk_assessment, &h->providers, &h->agreements,
	                       &h->family_informed, &h->family_informed_reason, &h->contact, &h->updated_at,
	                       &h->taken_by_name, &h->taken_at, &h->taken_reason, &h->decided_by_name,
	                       &h->return_reason, &h->warm_present, &h->warm_family_present, &h->warm_family_reason,
	                       &h->warm_outcome, &h->warm_recorded_by_name, &h->warm_recorded_at, &h->director_name};
	for (size_t k = 0; k < sizeof text / sizeof text[0]; k++)
		*text[k] = empty;
	h->brief = true;
}

/* A row of HANDOVER_VT_LIST_COLUMNS: the brief columns and the condition counts in one
 * number (see CONDITION_COUNTS_SQL). */
void handover_read_vt_list_row(arena *a, sqlite3_stmt *st, handover_rec *h)
{
	handover_read_brief(a, st, h);
	int64_t counts = sqlite3_column_int64(st, BRIEF_NCOLS);
	h->conditions_total = counts & 0xFFFFF;
	h->conditions_kept = (counts >> 20) & 0xFFFFF;
	h->conditions_broken = counts >> 40;
}

/* A row of HANDOVER_DECIDED_COLUMNS: the brief columns and the case's regisseur. */
void handover_read_decided_row(arena *a, sqlite3_stmt *st, handover_rec *h)
{
	handover_read_brief(a, st, h);
	h->director_name = db_text(a, st, BRIEF_NCOLS);
}

/* A row of HANDOVER_CASE_COLUMNS. */
void handover_read_case_row(arena *a, sqlite3_stmt *st, handover_rec *h)
{
	handover_read_brief(a, st, h);
	h->vt_org_name = db_text(a, st, BRIEF_NCOLS);
}

/* The names of the organisations the rows name (receiving, taking and deciding
 * team), each distinct organisation read once for the list instead of three joins
 * per row; "" for none, as the left joins with coalesce gave. */
static void name_organisations(arena *a, handover_rec *list, size_t n)
{
	name_memo orgs;
	name_memo_init(a, &orgs, db_stmt("SELECT name FROM organisation WHERE id = ?1"), 3 * n);
	for (size_t i = 0; i < n; i++) {
		handover_rec *h = &list[i];
		h->receiving_org_name = name_memo_get(a, &orgs, h->receiving_org_id);
		h->taken_org_name = name_memo_get(a, &orgs, h->taken_org_id);
		h->decided_org_name = name_memo_get(a, &orgs, h->decided_org_id);
	}
}

handover_rec *handover_collect_with(arena *a, sqlite3_stmt *st, size_t *n,
                                  void (*read)(arena *, sqlite3_stmt *, handover_rec *))
{
	size_t cap = 0, k = 0;
	handover_rec *list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = arena_grow(a, list, k, &cap, sizeof *list);
		read(a, st, &list[k++]);
	}
	sqlite3_reset(st);
	name_organisations(a, list, k);
	*n = k;
	return list;
}

handover_rec *handover_collect_brief(arena *a, sqlite3_stmt *st, size_t *n)
{
	return handover_collect_with(a, st, n, handover_read_brief);
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

