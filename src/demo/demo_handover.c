/*
 * demo_handover.c — the handover part of the demo region (see demo_handover.h):
 * fictitious families, handovers in every state, cases with regisseurs, safety
 * conditions with statuses, warm handovers, feedback, one return, and one large
 * case (10 members, 3 handovers, 20 conditions) for the benchmark.
 *
 * Everything is invented; names are common Dutch names chosen at random and all
 * addresses are on a street that does not exist ("Demostraat"). Dates are set
 * relative to today in working days so that deadlines show as due, met and
 * overdue whenever the demo is loaded. Must only run inside demo_load()'s
 * transaction.
 */
#include "demo/demo_handover.h"
#include "store/safety_plan_conditions.h"

#include "store/roles.h"
#include "store/case.h"
#include "store/db.h"
#include "store/handover.h"
#include "store/org.h"
#include "store/user.h"
#include "util/date.h"

#include <string.h>

typedef struct ids {
	int64_t vt_org, noord, zuid, buurt, school, jgz;
	int64_t vt, tl_noord, prof, prof2, tl_zuid, prof_zuid, tl_buurt, partner, partner_jgz;
} ids;

static int64_t org_id(arena *a, const char *name)
{
	org o;
	return org_find_by_name(a, name, &o) ? o.id : 0;
}

static int64_t user_id(arena *a, const char *username)
{
	int64_t id = 0;
	const char *hash;
	return user_credentials(a, username, &id, &hash) ? id : 0;
}

/* "YYYY-MM-DD 10:00:00" of the working day wd working days before today. */
static const char *wd_ago(arena *a, int wd)
{
	kr_date d = kr_add_working_days(kr_date_today_nl(), -wd);
	char iso[KR_DATE_BUF];
	kr_date_format_iso(d, iso);
	return arena_printf(a, "%s 10:00:00", iso);
}

static const char *wd_ago_date(arena *a, int wd)
{
	kr_date d = kr_add_working_days(kr_date_today_nl(), -wd);
	char iso[KR_DATE_BUF];
	kr_date_format_iso(d, iso);
	return arena_strdup(a, iso);
}

typedef struct demo_handover {
	const char *household, *address, *urgency;
	handover_member members[12];
	const char *conditions[10];
	const char *reason, *outcome, *risk, *providers, *agreements;
	const char *informed, *informed_reason;
} demo_handover;

static int64_t make(arena *a, const ids *x, const demo_handover *d, int64_t receiving, bool submit)
{
	size_t nm = 0, nc = 0;
	while (nm < 12 && d->members[nm].name)
		nm++;
	while (nc < 10 && d->conditions[nc])
		nc++;
	handover_input in = {
		.receiving_org_id = receiving,
		.receiving_triage = receiving == 0 && submit, /* the concept has no receiver chosen yet */
		.urgency = d->urgency,
		.household_name = d->household,
		.address = d->address,
		.members = d->members,
		.nmembers = nm,
		.conditions = d->conditions,
		.nconditions = nc,
		.reason = d->reason,
		.investigation_outcome = d->outcome,
		.risk_assessment = d->risk,
		.providers = d->providers,
		.agreements = d->agreements,
		.family_informed = d->informed,
		.family_informed_reason = d->informed_reason ? d->informed_reason : "",
		.contact = "Fatima El Amrani, Veilig Thuis Noord-Limburg (demo), 088 - 000 00 00",
	};
	int64_t id = handover_create(x->vt_org, x->vt, &in);
	if (id && submit && !handover_submit(id, x->vt))
		return 0;
	(void)a;
	return id;
}

/* Move the handover's history back in time (demo only). */
static bool set_times(arena *a, int64_t id, int submitted_wd, int taken_wd, int decided_wd)
{
	sqlite3_stmt *st = db_stmt(
		"UPDATE handover SET created_at = ?2, updated_at = ?2, submitted_at = CASE WHEN submitted_at IS NULL"
		" THEN NULL ELSE ?2 END, taken_at = CASE WHEN taken_at IS NULL THEN NULL ELSE ?3 END,"
		" decided_at = CASE WHEN decided_at IS NULL THEN NULL ELSE ?4 END WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, wd_ago(a, submitted_wd), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, wd_ago(a, taken_wd), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, wd_ago(a, decided_wd), -1, SQLITE_TRANSIENT);
	if (!db_done(st))
		return false;
	/* the case, its first regisseur and its involvement date from the acceptance, not the load */
	const char *at = wd_ago(a, decided_wd);
	st = db_stmt("UPDATE casefile SET opened_at = ?2 WHERE id = (SELECT case_id FROM handover WHERE id = ?1)"
	             " AND opened_at > ?2");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	if (!db_done(st))
		return false;
	st = db_stmt("UPDATE case_director SET set_at = ?2 WHERE case_id = (SELECT case_id FROM handover WHERE id = ?1)"
	             " AND set_at > ?2");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	if (!db_done(st))
		return false;
	st = db_stmt("UPDATE case_involvement SET since = ?2 WHERE case_id = (SELECT case_id FROM handover WHERE id = ?1)"
	             " AND since > ?2");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	if (!db_done(st))
		return false;
	return true;
}

/* Involve a partner in a case from wd working days ago. */
static bool involve_since(arena *a, int64_t case_id, int64_t partner_org, int64_t user, int wd)
{
	if (!case_involve(case_id, partner_org, user, "betrokken"))
		return false;
	sqlite3_stmt *st = db_stmt("UPDATE case_involvement SET since = ?3 WHERE case_id = ?1 AND user_id = ?2"
	                           " AND role = 'betrokken' AND ended_at IS NULL");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_text(st, 3, wd_ago(a, wd), -1, SQLITE_TRANSIENT);
	return db_done(st);
}

static int64_t accept(arena *a, int64_t id, int64_t team, int64_t director, int64_t by)
{
	handover_rec h;
	int64_t case_id = 0, household_id = 0;
	handover_acceptance acc = {.director = director, .take_reason = "Gezin woont in het werkgebied van dit team."};
	if (!handover_get(a, id, &h) || !handover_open_case(a, &h, team, &acc, by, &case_id, &household_id))
		return 0;
	return case_id;
}

static bool warm(arena *a, int64_t id, int64_t by, int held_wd, bool family)
{
	handover_warm w = {
		.planned_date = wd_ago_date(a, held_wd),
		.held_date = wd_ago_date(a, held_wd),
		.present = "Veilig Thuis (F. El Amrani), wijkteam (regisseur), beide ouders",
		.family_present = family ? "ja" : "nee",
		.family_reason = family ? "" : "Vader weigerde deel te nemen; moeder gesproken op een later moment.",
		.outcome = "Overdracht met het gezin doorgenomen. Veiligheidsvoorwaarden besproken en door ouders "
		           "ondertekend. Vervolgafspraak voor het veiligheidsplan gemaakt.",
		.recorded_at = wd_ago(a, held_wd),
	};
	return handover_record_warm(id, by, &w);
}

static bool feedback(arena *a, int64_t id, int64_t case_id, int64_t by, int wd)
{
	if (!handover_feedback_add(id, case_id, by,
	                           "Veiligheidsplan opgesteld met beide ouders. Afgesproken: geen fysiek geweld, "
	                           "vader volgt agressieregulatietraining, school meldt verzuim direct bij de regisseur. "
	                           "Ouders hebben het plan ondertekend.",
	                           "ja", wd_ago_date(a, wd + 1)))
		return false;
	sqlite3_stmt *st = db_stmt("UPDATE handover_feedback SET created_at = ?2 WHERE handover_id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, wd_ago(a, wd), -1, SQLITE_TRANSIENT);
	if (!db_done(st))
		return false;
	st = db_stmt("UPDATE handover SET feedback_first_at = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, wd_ago(a, wd), -1, SQLITE_TRANSIENT);
	return db_done(st);
}

static bool set_conditions(int64_t case_id, int64_t by, const char *const *statuses, size_t n)
{
	arena *a = arena_new();
	size_t nc;
	case_condition *c = case_conditions(a, case_id, &nc);
	bool ok = true;
	for (size_t i = 0; ok && i < nc && i < n; i++)
		if (strcmp(statuses[i], "nog_niet_besproken") != 0)
			ok = sp_condition_set(case_id, c[i].id, statuses[i], NULL, by);
	arena_free(a);
	/* dated in the case's history, not at load time: a few days after it opened
	 * (and never later than yesterday) */
	sqlite3_stmt *st = db_stmt(
		"UPDATE case_condition_change SET changed_at = min(datetime('now', '-1 day'),"
		" (SELECT datetime(c.opened_at, '+' || (3 + k.position) || ' days', '+2 hours') FROM case_condition k"
		" JOIN casefile c ON c.id = k.case_id WHERE k.id = case_condition_change.condition_id))"
		" WHERE condition_id IN (SELECT id FROM case_condition WHERE case_id = ?1)");
	sqlite3_bind_int64(st, 1, case_id);
	if (!ok || !db_done(st))
		return false;
	st = db_stmt("UPDATE case_condition SET changed_at = (SELECT max(x.changed_at) FROM case_condition_change x"
	             " WHERE x.condition_id = case_condition.id) WHERE case_id = ?1 AND changed_at IS NOT NULL");
	sqlite3_bind_int64(st, 1, case_id);
	return db_done(st);
}

static const char *const std_providers =
	"Huisarts dr. J. Willems (demo), 077 - 000 00 01; GGZ Noord-Limburg (demo), behandelaar moeder, "
	"077 - 000 00 02; Basisschool De Regenboog (demo), intern begeleider M. Janssen.";

bool demo_handover_load(arena *a)
{
	ids x = {
		.vt_org = org_id(a, "Veilig Thuis Noord-Limburg (demo)"),
		.noord = org_id(a, "Wijkteam Venlo-Noord (demo)"),
		.zuid = org_id(a, "Wijkteam Venlo-Zuid (demo)"),
		.buurt = org_id(a, "Buurtteam Blerick (demo)"),
		.school = org_id(a, "Basisschool De Regenboog (demo)"),
		.jgz = org_id(a, "JGZ Noord-Limburg (demo)"),
		.vt = user_id(a, "vt"),
		.tl_noord = user_id(a, "teamleider"),
		.prof = user_id(a, "professional"),
		.prof2 = user_id(a, "professional2"),
		.tl_zuid = user_id(a, "teamleider.zuid"),
		.prof_zuid = user_id(a, "professional.zuid"),
		.tl_buurt = user_id(a, "teamleider.buurt"),
		.partner = user_id(a, "partner"),
		.partner_jgz = user_id(a, "partner.jgz"),
	};
	if (!x.vt_org || !x.noord || !x.zuid || !x.buurt || !x.school || !x.vt || !x.tl_noord || !x.prof ||
	    !x.tl_zuid || !x.prof_zuid || !x.tl_buurt || !x.partner)
		return false;

	/* 1. Accepted by Wijkteam Venlo-Noord: warm handover and feedback within the norm;
	 *    the school is involved through the intern begeleider. */
	static const demo_handover devries = {
		"Familie De Vries (demo)", "Demostraat 12, Venlo", "hoog",
		{{"Linda de Vries", "1988-04-17", "ouder"}, {"Marco de Vries", "1985-09-02", "ouder"},
		 {"Noah de Vries", "2015-06-21", "kind"}, {"Tess de Vries", "2019-01-30", "kind"}},
		{"Er is geen fysiek geweld tussen de ouders, ook niet in aanwezigheid van de kinderen.",
		 "Vader start binnen vier weken met een agressieregulatietraining.",
		 "Noah en Tess gaan elke schooldag naar school; verzuim wordt dezelfde dag gemeld.",
		 "Bij escalatie belt moeder 112 en gaat zij met de kinderen naar haar zus in Tegelen."},
		"Melding door de school na verwondingen bij Noah en verhalen over ruzies thuis.",
		"Huiselijk geweld tussen de ouders vastgesteld, waarvan de kinderen getuige waren. Geen directe "
		"aanwijzingen voor fysieke mishandeling van de kinderen.",
		"Onveilig, met risico op herhaling. Ouders erkennen het probleem en willen meewerken.",
		std_providers,
		"Ouders werken mee aan een veiligheidsplan; VT blijft betrokken tot de warme overdracht.",
		"ja", NULL};
	int64_t h1 = make(a, &x, &devries, 0, true);
	int64_t c1 = h1 && handover_take(h1, x.noord, x.tl_noord, "Gezin woont in Venlo-Noord; wijkteam kent de school.")
	                 ? accept(a, h1, x.noord, x.prof, x.tl_noord)
	                 : 0;
	static const char *const devries_status[] = {"nageleefd", "afgesproken", "nageleefd", "niet_nageleefd"};
	if (!c1 || !warm(a, h1, x.tl_noord, 30, true) || !feedback(a, h1, c1, x.prof, 26) ||
	    !set_times(a, h1, 40, 38, 36) || !set_conditions(c1, x.prof, devries_status, 4) ||
	    !involve_since(a, c1, x.school, x.partner, 33))
		return false;

	/* 2. Submitted to the joint triage 7 working days ago, urgent: overdue; Noah de
	 *    Vries is in it, so Wijkteam Venlo-Noord sees "already known". */
	static const demo_handover aydin = {
		"Familie Aydın-de Vries (demo)", "Demostraat 40, Venlo", "hoog",
		{{"Selin Aydın", "1990-11-08", "ouder"}, {"Noah de Vries", "2015-06-21", "kind"},
		 {"Elif Aydın", "2022-03-14", "kind"}},
		{"Nieuwe partner van moeder heeft geen contact met Noah zonder toezicht.",
		 "Moeder zorgt dat Elif naar het consultatiebureau gaat."},
		"Politiemelding na een ruzie met duwen en schoppen in de nacht van zaterdag op zondag.",
		"Partnergeweld bevestigd; Noah verblijft om het weekend bij moeder.",
		"Zorgelijk; geen acute onveiligheid na vertrek van de partner uit de woning.",
		"Politie basisteam Venlo (demo), wijkagent; JGZ Noord-Limburg (demo).",
		"Moeder en Noah's vader zijn op de hoogte gebracht.",
		"ja", NULL};
	int64_t h2 = make(a, &x, &aydin, 0, true);
	if (!h2 || !set_times(a, h2, 7, 7, 7))
		return false;

	/* 3. Submitted to Wijkteam Venlo-Zuid yesterday. */
	static const demo_handover peters = {
		"Familie Peters (demo)", "Demostraat 7, Venlo", "normaal",
		{{"Ingrid Peters", "1979-07-23", "ouder"}, {"Daan Peters", "2011-12-01", "kind"}},
		{"Moeder laat Daan niet alleen thuis als zij gedronken heeft."},
		"Zorgen van de huisarts over alcoholgebruik van moeder.",
		"Verwaarlozing door alcoholgebruik; moeder staat open voor hulp.",
		"Voorwaardelijk veilig.",
		"Huisarts dr. J. Willems (demo).", "Moeder meldt zich bij de verslavingszorg.", "nee",
		"Moeder is op de hoogte; Daan wordt door de regisseur zelf geïnformeerd."};
	int64_t h3 = make(a, &x, &peters, x.zuid, true);
	if (!h3 || !set_times(a, h3, 1, 1, 1))
		return false;

	/* 4. Taken by Buurtteam Blerick from the joint triage; warm handover planned. */
	static const demo_handover lemmens = {
		"Familie Hendriks-Lemmens (demo)", "Demostraat 3, Blerick", "normaal",
		{{"Sandra Hendriks", "1992-02-29", "ouder"}, {"Jeroen Lemmens", "1987-05-10", "ouder"},
		 {"Mila Lemmens", "2018-08-08", "kind"}},
		{"Ouders maken geen ruzie waar Mila bij is.", "Ouders nemen deel aan een oudercursus."},
		"Buren melden herhaaldelijk geschreeuw en een huilend kind.",
		"Hoog oplopende conflicten tussen ouders; Mila is angstig.",
		"Onveilig voor Mila bij voortduring.",
		"Kinderopvang De Boomhut (demo).", "Warme overdracht met beide ouders plannen.", "ja", NULL};
	int64_t h4 = make(a, &x, &lemmens, 0, true);
	handover_warm planned = {.planned_date = wd_ago_date(a, -3), .recorded_at = wd_ago(a, 2)};
	if (!h4 || !handover_take(h4, x.buurt, x.tl_buurt, "Gezin woont in Blerick; buurtteam kent de kinderopvang.") ||
	    !handover_record_warm(h4, x.tl_buurt, &planned) || !set_times(a, h4, 3, 2, 2))
		return false;

	/* 5. Accepted 3 working days ago by Venlo-Noord: warm handover and feedback still due. */
	static const demo_handover smits = {
		"Familie Smits (demo)", "Demostraat 21, Venlo", "normaal",
		{{"Kevin Smits", "1983-03-03", "ouder"}, {"Lisa Smits", "2013-10-10", "kind"}},
		{"Vader gebruikt geen fysieke straffen.", "Lisa heeft een vertrouwenspersoon op school."},
		"Lisa vertelde haar juf over slaan met een riem.",
		"Kindermishandeling door vader bevestigd; vader erkent en wil hulp.",
		"Voorwaardelijk veilig met hulp.",
		std_providers, "Vader start opvoedondersteuning.", "ja", NULL};
	int64_t h5 = make(a, &x, &smits, x.noord, true);
	int64_t c5 = h5 && handover_take(h5, x.noord, x.tl_noord, "") ? accept(a, h5, x.noord, x.prof, x.tl_noord) : 0;
	if (!c5 || !set_times(a, h5, 6, 4, 3))
		return false;

	/* 6. Accepted 20 working days ago by Venlo-Zuid: warm handover held in time,
	 *    feedback to Veilig Thuis overdue (for the regisseur and the team leader). */
	static const demo_handover gerards = {
		"Familie Gerards (demo)", "Demostraat 88, Venlo", "hoog",
		{{"Anouk Gerards", "1995-06-06", "ouder"}, {"Sem Gerards", "2020-04-04", "kind"},
		 {"Roos Gerards", "2023-09-09", "kind"}},
		{"Ex-partner komt niet naar de woning.", "Moeder houdt het contactverbod aan.",
		 "Sem en Roos gaan naar de kinderopvang."},
		"Melding door de politie na overtreding van een contactverbod door de ex-partner.",
		"Stalking en bedreiging door ex-partner; moeder beschermend.",
		"Onveilig zolang het contactverbod wordt overtreden.",
		"Politie basisteam Venlo (demo); Reclassering (demo).", "Moeder heeft een AWARE-alarm.", "ja", NULL};
	int64_t h6 = make(a, &x, &gerards, x.zuid, true);
	int64_t c6 = h6 && handover_take(h6, x.zuid, x.tl_zuid, "") ? accept(a, h6, x.zuid, x.prof_zuid, x.tl_zuid) : 0;
	if (!c6 || !set_times(a, h6, 24, 22, 20) || !warm(a, h6, x.tl_zuid, 14, true))
		return false;

	/* 7. Returned to Veilig Thuis. */
	static const demo_handover maas = {
		"Familie Maas (demo)", "Demostraat 5, Venlo", "normaal",
		{{"Peter Maas", "1970-01-15", "ouder"}},
		{"Geen voorwaarden geformuleerd."},
		"Zorgen over ouderenmishandeling van de moeder van meneer (woont niet in Venlo).",
		"Onvoldoende onderzocht.", "Onbekend.", "Geen.", "Geen.", "nee", "Nog niet besproken."};
	int64_t h7 = make(a, &x, &maas, 0, true);
	if (!h7 || !handover_return(h7, x.tl_zuid, "ander_team",
	                            "De betrokken oudere woont in Roermond; overdragen aan het lokale team daar.") ||
	    !set_times(a, h7, 12, 10, 10))
		return false;

	/* 8. A concept of Veilig Thuis, not yet submitted. */
	static const demo_handover bakker = {
		"Familie Bakker (demo)", "Demostraat 61, Venlo", NULL,
		{{"Yvonne Bakker", "1986-12-12", "ouder"}, {"Finn Bakker", "", ""}},
		{"Moeder zorgt voor toezicht bij het zwemmen."},
		"Melding door de JGZ na een gemiste afspraak en zorgen over toezicht.",
		"", "", "", "", NULL, NULL};
	if (!make(a, &x, &bakker, 0, false))
		return false;

	/* 9. The large case (benchmark): 10 members, 3 handovers over two years, 20 conditions. */
	static const demo_handover wijnen1 = {
		"Familie Wijnen (demo)", "Demostraat 100, Venlo", "hoog",
		{{"Harrie Wijnen", "1958-02-11", "ouder"}, {"Truus Wijnen", "1960-08-19", "ouder"},
		 {"Bas Wijnen", "1984-05-05", "ouder"}, {"Mirjam Wijnen", "1986-07-07", "ouder"},
		 {"Jesse Wijnen", "2008-01-01", "kind"}, {"Fleur Wijnen", "2010-03-03", "kind"},
		 {"Luuk Wijnen", "2012-05-05", "kind"}, {"Sara Wijnen", "2014-07-07", "kind"},
		 {"Timo Wijnen", "2017-09-09", "kind"}, {"Oom Ger Wijnen", "1962-11-11", "overig"}},
		{"Geen fysiek geweld in huis.", "Geen alcohol in huis.", "Kinderen slapen in hun eigen bed.",
		 "Opa en oma zijn niet alleen met de jongste kinderen.", "Jesse gaat naar school.",
		 "Fleur gaat naar school.", "Luuk gaat naar school."},
		"Drie-generatiegezin; meerdere meldingen over geweld en verwaarlozing.",
		"Structurele onveiligheid; meerdere volwassenen betrokken.", "Onveilig.", std_providers,
		"Gezinsgesprek gepland.", "ja", NULL};
	static const demo_handover wijnen2 = {
		"Familie Wijnen (demo)", "Demostraat 100, Venlo", "normaal",
		{{"Bas Wijnen", "1984-05-05", "ouder"}, {"Timo Wijnen", "2017-09-09", "kind"}},
		{"Sara gaat naar school.", "Timo gaat naar de opvang.", "Bas volgt zijn behandeling.",
		 "Mirjam heeft een eigen netwerk.", "Er is dagelijks toezicht door een volwassene.",
		 "Financiën worden beheerd door een bewindvoerder."},
		"Nieuwe melding na escalatie tussen Bas en Mirjam.", "Terugval.", "Voorwaardelijk veilig.",
		std_providers, "Regisseur informeren.", "ja", NULL};
	static const demo_handover wijnen3 = {
		"Familie Wijnen (demo)", "Demostraat 100, Venlo", "hoog",
		{{"Jesse Wijnen", "2008-01-01", "kind"}, {"Mirjam Wijnen", "1986-07-07", "ouder"}},
		{"Jesse heeft geen contact met de oudere buurjongen.", "Jesse is 's avonds om 22 uur thuis.",
		 "Ouders weten waar Jesse is.", "Mirjam meldt zorgen direct aan de regisseur.",
		 "Er wordt geen geweld gebruikt als straf.", "Oom Ger woont niet meer in huis.",
		 "Het gezin neemt deel aan het RTO."},
		"Zorgen over Jesse (16) en criminele uitbuiting.", "Risico op uitbuiting.", "Zorgelijk.",
		std_providers, "Jongerenwerk betrekken.", "ja", NULL};
	const demo_handover *w[] = {&wijnen1, &wijnen2, &wijnen3};
	int64_t cw = 0;
	for (int i = 0; i < 3; i++) {
		int64_t h = make(a, &x, w[i], x.noord, true);
		int64_t c = h ? accept(a, h, x.noord, x.prof, x.tl_noord) : 0;
		if (!c || (cw && c != cw) || !set_times(a, h, 300 - 120 * i, 298 - 120 * i, 297 - 120 * i) ||
		    !warm(a, h, x.tl_noord, 295 - 120 * i, i != 1) || !feedback(a, h, c, x.prof, 290 - 120 * i))
			return false;
		cw = c;
	}
	if (!involve_since(a, cw, x.school, x.partner, 280))
		return false;
	(void)x.prof2;
	(void)x.partner_jgz;
	(void)x.jgz;
	return true;
}
