/*
 * demo_casework.c — loads the demo of phases, meetings, escalations and closure
 * (see demo_casework.h). Everything is fictitious. Dates are relative to today.
 */
#include "demo/demo_casework.h"

#include "auth/case_parts.h"
#include "store/case.h"
#include "store/case_course.h"
#include "store/case_escalation.h"
#include "store/case_meeting.h"
#include "store/db.h"
#include "store/household.h"
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

static int64_t org_of_user(int64_t user)
{
	sqlite3_stmt *st = db_stmt("SELECT organisation_id FROM app_user WHERE id = ?1");
	sqlite3_bind_int64(st, 1, user);
	return found_id(st);
}

static int64_t case_of(const char *household_name)
{
	sqlite3_stmt *st = db_stmt("SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id"
	                           " WHERE h.name = ?1 ORDER BY c.id LIMIT 1");
	sqlite3_bind_text(st, 1, household_name, -1, SQLITE_STATIC);
	return found_id(st);
}

static const char *days_ago(arena *a, int days)
{
	char iso[KR_DATE_BUF];
	kr_date_format_iso(kr_date_add_days(kr_date_today_nl(), -days), iso);
	return arena_strdup(a, iso);
}

static bool phases(arena *a, int64_t case_id, int64_t by, int upto, int first_days_ago)
{
	static const char *const reasons[] = {
		"",
		"Veiligheidsplan werkt; geen nieuwe incidenten sinds de start.",
		"Stabiele veiligheid; aandacht voor het herstel van de kinderen.",
		"Herstelplannen lopen; doelen worden geëvalueerd en bijgesteld.",
		"Gezin houdt zich aan de afspraken; toekomstplan voor terugval wordt gemaakt.",
	};
	for (int p = 2; p <= upto; p++)
		if (!case_phase_set(case_id, p, days_ago(a, first_days_ago - (p - 2) * 14), reasons[p - 1], false, by))
			return false;
	return true;
}

static int64_t new_case(const char *household_name, const char *address, const char *parent, const char *child,
                        int64_t team, int64_t director, int64_t by, const char *opened)
{
	int64_t h = household_create(household_name, address);
	if (!h || !household_add_person(h, parent, "1988-04-02", "ouder") ||
	    !household_add_person(h, child, "2016-09-14", "kind"))
		return 0;
	int64_t c = case_create(h, team, director, by);
	if (!c)
		return 0;
	sqlite3_stmt *st = db_stmt("UPDATE casefile SET opened_at = ?2 || ' 10:00:00' WHERE id = ?1");
	sqlite3_bind_int64(st, 1, c);
	sqlite3_bind_text(st, 2, opened, -1, SQLITE_STATIC);
	return db_done(st) ? c : 0;
}

bool demo_casework_load(arena *a)
{
	int64_t reg = user_of("professional"), tl = user_of("teamleider"), zuid = user_of("professional.zuid");
	int64_t school = user_of("partner"), jgz = user_of("partner.jgz");
	int64_t devries = case_of("Familie De Vries (demo)"), gerards = case_of("Familie Gerards (demo)");
	int64_t wijnen = case_of("Familie Wijnen (demo)");
	if (!reg || !tl || !zuid || !school || !jgz || !devries || !gerards || !wijnen)
		return false;
	int64_t team = org_of_user(reg);

	/* De Vries: phase 2, a round-table meeting with the school and JGZ */
	if (!phases(a, devries, reg, 2, 20))
		return false;
	int64_t invite[] = {school, jgz};
	int64_t m = case_meeting_add(devries, days_ago(a, 15), "14:30", "Wijkcentrum Venlo-Noord", false,
	                             "1. Veiligheidsvoorwaarden\n2. Hoe gaat het op school?\n3. Consultatiebureau Elif", reg,
	                             invite, 2);
	if (!m || !case_meeting_record(devries, m, invite, 2, true, "", "Veiligheidsvoorwaarden; school; consultatiebureau",
	                               "Moeder vertelt dat het rustiger is thuis. De school ziet Noah weer meedoen.",
	                               PART_JOURNAAL, days_ago(a, 0)) ||
	    !case_agreement_add(devries, m, "Let op of Noah stil of teruggetrokken is; meld het dezelfde dag aan de regisseur.",
	                        org_of_user(school), school, "", days_ago(a, -60), PART_PLAN_SIGNALEN) ||
	    !case_agreement_add(devries, m, "Afspraak consultatiebureau voor Elif inplannen.", org_of_user(jgz), jgz, "",
	                        days_ago(a, 5), PART_PLAN_AFSPRAKEN) ||
	    !case_agreement_add(devries, m, "Moeder belt haar zus in Tegelen als de spanning oploopt.", 0, 0, "Moeder",
	                        NULL, PART_PLAN_AFSPRAKEN))
		return false;

	/* Gerards (Venlo-Zuid): phase 3 */
	if (!phases(a, gerards, zuid, 3, 24))
		return false;

	/* Wijnen: phase 4, escalated to the team leader, and nothing since: stagnating */
	if (!phases(a, wijnen, reg, 4, 120) ||
	    !case_escalation_add(wijnen, "teamleider", "Samenwerking met de GGZ-behandelaar van vader stagneert al maanden.",
	                         "Teamleider: bespreek met de leidinggevende van de GGZ dat vader weer in behandeling komt.",
	                         days_ago(a, 50), reg))
		return false;

	/* Janssen: phase 5 (open) */
	int64_t janssen = new_case("Familie Janssen (demo)", "Demostraat 14, Venlo", "Petra Janssen", "Mees Janssen", team, reg,
	                           tl, days_ago(a, 300));
	if (!janssen || !phases(a, janssen, reg, 5, 90))
		return false;

	/* Kuipers: closed from phase 5 with a toekomstplan */
	int64_t kuipers = new_case("Familie Kuipers (demo)", "Demostraat 77, Venlo", "Ilse Kuipers", "Daan Kuipers", team, reg,
	                           tl, days_ago(a, 400));
	if (!kuipers || !phases(a, kuipers, reg, 5, 150))
		return false;
	case_closure_in in = {
		.closed_on = days_ago(a, 30),
		.reason = "Al een half jaar veilig; doelen gehaald; gezin wil zelf verder.",
		.relapse_signals = "Ilse slaapt slecht en zegt afspraken af; Daan komt te laat of niet op school.",
		.family_calls = "Ilse belt het wijkteam (Sanne Verhoeven); buiten kantoortijd Veilig Thuis 0800-2000.",
		.watch_org_id = team,
		.watch_what = "Eén keer per kwartaal een kort huisbezoek.",
		.watch_until = days_ago(a, -335),
		.checks = {days_ago(a, -60), days_ago(a, -150), days_ago(a, -330)},
	};
	if (!case_close(kuipers, &in, 5, reg))
		return false;

	/* Müller (Venlo-Zuid), phase 1: the search finds it for "muller", only for whom may see it */
	int64_t zuid_team = org_of_user(zuid);
	if (!new_case("Familie Müller (demo)", "Demostraat 9, Venlo", "Jürgen Müller", "Lena Müller", zuid_team, zuid,
	              user_of("teamleider.zuid"), days_ago(a, 10)))
		return false;

	/* the last activity of every demo case, now that the dates are set */
	sqlite3_stmt *st = db_stmt(
		"UPDATE casefile SET activity_on = max(substr(opened_at, 1, 10),"
		" coalesce((SELECT max(entry_date) FROM journal_entry j WHERE j.case_id = casefile.id), ''),"
		" coalesce((SELECT max(changed_on) FROM case_phase_change p WHERE p.case_id = casefile.id), ''),"
		" coalesce((SELECT max(held_on) FROM case_meeting m WHERE m.case_id = casefile.id AND m.held_on <= ?1), ''))");
	sqlite3_bind_text(st, 1, days_ago(a, 0), -1, SQLITE_STATIC);
	return db_done(st);
}
