/*
 * handover.c — the handover document of Veilig Thuis: its labels, creating and
 * updating a concept (with its members and conditions), submitting it, adding
 * addenda; the norms and the deadline arithmetic in working days (see
 * handover.h). The other flows are in handover_read.c (reading one handover),
 * handover_decide.c (what the receiving team does), handover_list.c (the lists
 * and panels), handover_search.c, handover_end.c, handover_known.c and
 * handover_twin.c.
 *
 * Never decides who may see a handover (auth/access.c does) and never changes
 * the content of a submitted handover: every content update is restricted to
 * status 'concept' here, and the schema's triggers refuse it as well.
 */
#include "store/handover.h"
#include "store/handover_int.h"

#include "store/db.h"
#include "store/household.h"

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

/* From its submission on, a handover names the household it is about, so that
 * every view of it is in the family's access log (issue 10) before any team
 * accepted it: the household of a person that matches a member (folded name and
 * birth date, the "already known" match), else a new household with the members.
 * Acceptance keeps it unless the case it joins has another household. */
static bool assign_household(int64_t id)
{
	sqlite3_stmt *st = db_stmt(
		"SELECT p.household_id FROM handover_member hm JOIN person p ON p.name_key = hm.name_key"
		" AND p.birthdate = hm.birthdate WHERE hm.handover_id = ?1 AND hm.name_key <> ''"
		" ORDER BY p.household_id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, id);
	int64_t household_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	arena *a = arena_new();
	bool ok = true;
	if (!household_id) {
		st = db_stmt("SELECT household_name, address FROM handover WHERE id = ?1");
		sqlite3_bind_int64(st, 1, id);
		const char *name = "", *address = "";
		if (sqlite3_step(st) == SQLITE_ROW) {
			name = db_text(a, st, 0);
			address = db_text(a, st, 1);
		}
		sqlite3_reset(st);
		household_id = household_create(*name ? name : arena_printf(a, "Gezin van overdracht %lld", (long long)id),
		                                address);
		ok = household_id && handover_add_members_to_household(a, id, household_id);
	}
	arena_free(a);
	if (!ok)
		return false;
	st = db_stmt("UPDATE handover SET household_id = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, household_id);
	return db_done(st);
}

bool handover_submit(int64_t id, int64_t user_id)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET status = 'ingediend', submitted_at = datetime('now'), submitted_by = ?2,"
		" updated_at = datetime('now') WHERE id = ?1 AND status = 'concept'");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	return db_done(st) && sqlite3_changes(db_conn()) == 1 && assign_household(id);
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
	/* every page with deadlines reads them: one statement, not one per norm; one
	 * row of four primary-key lookups (an IN list would build an ephemeral table
	 * on every page view) */
	*out = (handover_norms){.decision_wd = 5, .warm_wd = 10, .feedback_wd = 15, .known_months = 12};
	sqlite3_stmt *st = db_stmt("SELECT (SELECT value FROM setting WHERE key = 'norm_besluit_werkdagen'),"
	                           " (SELECT value FROM setting WHERE key = 'norm_warme_overdracht_werkdagen'),"
	                           " (SELECT value FROM setting WHERE key = 'norm_terugkoppeling_werkdagen'),"
	                           " (SELECT value FROM setting WHERE key = 'bekend_gesloten_maanden')");
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->decision_wd = setting_value((const char *)sqlite3_column_text(st, 0), out->decision_wd);
		out->warm_wd = setting_value((const char *)sqlite3_column_text(st, 1), out->warm_wd);
		out->feedback_wd = setting_value((const char *)sqlite3_column_text(st, 2), out->feedback_wd);
		out->known_months = setting_value((const char *)sqlite3_column_text(st, 3), out->known_months);
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
