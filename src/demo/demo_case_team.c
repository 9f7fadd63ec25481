/*
 * demo_case_team.c — loads the case team and journal demo (see demo_case_team.h).
 * Everything is fictitious. The school's involvements were created by the
 * handover demo; here they get their role, legal basis and informed status.
 */
#include "demo/demo_case_team.h"

#include "auth/case_parts.h"
#include "store/db.h"
#include "store/involvement.h"
#include "store/journal.h"
#include "util/date.h"

static int64_t found_id(sqlite3_stmt *st)
{
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

static int64_t user_of(const char *username)
{
	sqlite3_stmt *st = db_stmt("SELECT id FROM app_user WHERE username = ?1");
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	return found_id(st);
}

static int64_t org_of(const char *name)
{
	sqlite3_stmt *st = db_stmt("SELECT id FROM organisation WHERE name = ?1");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return found_id(st);
}

static int64_t case_of(const char *household)
{
	sqlite3_stmt *st = db_stmt("SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id"
	                           " WHERE h.name = ?1 ORDER BY c.id LIMIT 1");
	sqlite3_bind_text(st, 1, household, -1, SQLITE_STATIC);
	return found_id(st);
}

/* YYYY-MM-DD of wd working days before today. */
static const char *days_ago(arena *a, int wd)
{
	char iso[KR_DATE_BUF];
	kr_date_format_iso(kr_add_working_days(kr_date_today_nl(), -wd), iso);
	return arena_strdup(a, iso);
}

/* Give an involvement created by the handover demo its case-team details. */
static bool describe(int64_t case_id, int64_t user, const char *role_in_case, const char *basis,
                     const char *consent_of, const char *consent_on, const char *informed_on,
                     const char *informed_by, unsigned parts, int64_t invited_by)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE case_involvement SET role_in_case = ?3, basis = ?4, consent_of = ?5, consent_on = ?6,"
		" family_informed = 'ja', informed_on = ?7, informed_by = ?8, parts = ?9, invited_by = ?10"
		" WHERE case_id = ?1 AND user_id = ?2 AND role = 'betrokken' AND ended_at IS NULL");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_text(st, 3, role_in_case, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, basis, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, consent_of, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, consent_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, informed_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, informed_by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, parts);
	sqlite3_bind_int64(st, 10, invited_by);
	return db_done(st) && sqlite3_changes(db_conn()) == 1;
}

static bool set_contact(int64_t user, const char *contact)
{
	sqlite3_stmt *st = db_stmt("UPDATE app_user SET contact = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, user);
	sqlite3_bind_text(st, 2, contact, -1, SQLITE_STATIC);
	return db_done(st);
}

/* A journal entry about the working day wd days ago, written that afternoon (UTC). */
static int64_t entry(arena *a, int64_t case_id, int64_t user, unsigned part, int wd, const char *body,
                     int64_t addendum_of)
{
	const char *day = days_ago(a, wd);
	sqlite3_stmt *st = db_stmt(
		"INSERT INTO journal_entry (case_id, author_id, author_org_id, part, entry_date, body, addendum_of,"
		" created_at) SELECT ?1, u.id, u.organisation_id, ?3, ?4, ?5, ?6, ?4 || ' 15:00:00'"
		" FROM app_user u WHERE u.id = ?2");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_int64(st, 3, part);
	sqlite3_bind_text(st, 4, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, body, -1, SQLITE_STATIC);
	if (addendum_of)
		sqlite3_bind_int64(st, 6, addendum_of);
	else
		sqlite3_bind_null(st, 6);
	return db_done(st) && sqlite3_changes(db_conn()) == 1 ? db_last_id() : 0;
}

bool demo_case_team_load(arena *a)
{
	int64_t devries = case_of("Familie De Vries (demo)");
	int64_t wijnen = case_of("Familie Wijnen (demo)");
	int64_t prof = user_of("professional"), school = user_of("partner"), jgz = user_of("partner.jgz");
	int64_t jgz_org = org_of("JGZ Noord-Limburg (demo)");
	if (!devries || !wijnen || !prof || !school || !jgz || !jgz_org)
		return false;
	if (!set_contact(prof, "077 000 00 00 (demo) of sanne.verhoeven@example.org"))
		return false;
	/* the school: consent of the parents, default parts ("dat, niet wat") */
	if (!describe(devries, school, "intern begeleider", "toestemming", "moeder en vader (ouders van Noah en Tess)",
	              days_ago(a, 34), days_ago(a, 34), "Sanne Verhoeven (regisseur)", PART_PARTNER_DEFAULT, prof) ||
	    !describe(wijnen, school, "mentor van Jesse", "toestemming", "Jesse (16 jaar) zelf", days_ago(a, 281),
	              days_ago(a, 281), "Sanne Verhoeven (regisseur)", PART_PARTNER_DEFAULT, prof))
		return false;
	/* JGZ: a directly involved care provider (Jeugdwet 7.3.11), sees more */
	involvement_invite v = {
		.case_id = devries, .org_id = jgz_org, .user_id = jgz, .role_in_case = "jeugdverpleegkundige",
		.basis = "betrokken_hulpverlener", .family_informed = "ja", .informed_on = days_ago(a, 30),
		.informed_by = "Sanne Verhoeven (regisseur), bij het huisbezoek",
		.parts = PART_BASIS | PART_GEZIN | PART_VOORWAARDEN | PART_PLAN_SIGNALEN | PART_JOURNAAL,
		.invited_by = prof,
	};
	int64_t jgz_inv = involvement_invite_add(&v);
	if (jgz_inv <= 0)
		return false;
	sqlite3_stmt *st = db_stmt("UPDATE case_involvement SET since = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, jgz_inv);
	sqlite3_bind_text(st, 2, arena_printf(a, "%s 11:00:00", days_ago(a, 30)), -1, SQLITE_TRANSIENT);
	if (!db_done(st))
		return false;

	/* the journal: three organisations, each entry tagged with its part */
	int64_t home_visit = entry(a, devries, prof, PART_JOURNAAL, 25,
	                           "Huisbezoek met moeder en vader. Het veiligheidsplan doorgenomen: beide ouders "
	                           "staan achter de afspraken. Vader is **gestart** met de agressieregulatietraining.",
	                           0);
	int64_t school_note = entry(a, devries, school, PART_PLAN_SIGNALEN, 10,
	                            "Noah was maandag stil en wilde in de pauze niet naar buiten. De leerkracht heeft "
	                            "het met hem besproken; de regisseur is gebeld.",
	                            0);
	if (!home_visit || !school_note ||
	    !entry(a, devries, school, PART_PLAN_SIGNALEN, 9, "Correctie: het was *dinsdag*, niet maandag.", school_note) ||
	    !entry(a, devries, jgz, PART_GEZIN, 8,
	           "Tess gezien op het consultatiebureau: groei en ontwikkeling goed. Moeder oogt rustiger.", 0) ||
	    !entry(a, devries, prof, PART_VOORWAARDEN, 5,
	           "Voorwaarde 4 besproken met moeder: de zus in Tegelen is bereikbaar en weet wat er van haar "
	           "verwacht wordt.",
	           0) ||
	    !journal_pin(devries, home_visit, true, prof))
		return false;
	return true;
}
