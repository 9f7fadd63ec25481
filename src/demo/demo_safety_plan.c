/*
 * demo_safety_plan.c — the demo case's safety plan (Familie De Vries, regisseur
 * Sanne Verhoeven): version 1 a concept, version 2 agreed with the family, version
 * 3 a concept in which one agreement changed. Fictitious; see demo_safety_plan.h.
 */
#include "demo/demo_safety_plan.h"

#include "store/case.h"
#include "store/db.h"
#include "store/org.h"
#include "store/safety_plan.h"
#include "store/user.h"
#include "util/date.h"

#include <string.h>

static sp_item item(const char *a0, const char *a1, const char *a2, const char *a3, const char *a4, int64_t owner_org)
{
	sp_item it = {{a0, a1, a2, a3, a4}, owner_org, 0};
	return it;
}

static const char *days_ago_iso(arena *a, int days)
{
	char buf[KR_DATE_BUF];
	kr_date_format_iso(kr_date_add_days(kr_date_today_nl(), -days), buf);
	return arena_strdup(a, buf);
}

bool demo_safety_plan_load(arena *a)
{
	sqlite3_stmt *st = db_stmt("SELECT c.id, c.director_id FROM casefile c JOIN household h ON h.id = c.household_id"
	                           " WHERE h.name = 'Familie De Vries (demo)' ORDER BY c.id LIMIT 1");
	int64_t case_id = 0, prof = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		case_id = sqlite3_column_int64(st, 0);
		prof = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	org school, jgz;
	if (!case_id || !org_find_by_name(a, "Basisschool De Regenboog (demo)", &school) ||
	    !org_find_by_name(a, "JGZ Noord-Limburg (demo)", &jgz))
		return false;

	size_t nk;
	case_condition *k = case_conditions(a, case_id, &nk);
	sp_item *conds = arena_alloc(a, (nk + 1) * sizeof *conds);
	for (size_t i = 0; i < nk; i++) {
		conds[i] = item(k[i].text, "", "", "", "", 0);
		conds[i].condition_id = k[i].id;
	}

	sp_item dangers[1], goals[2], agreements[4], network[2], signals[2], crisis[3], watch[2], scale[2],
		people[4];
	dangers[0] = item("Als papa en mama ruzie krijgen, gaat papa schreeuwen en slaan. Noah en Tess zien het "
	                  "en zijn bang.", "", "", "", "", 0);
	goals[0] = item("Er is geen geweld meer tussen de ouders, ook geen duwen of dreigen.", "zes maanden", "", "", "", 0);
	goals[1] = item("Noah en Tess gaan elke dag naar school en vertellen daar dat het thuis rustig is.", "drie maanden",
	                "", "", "", 0);
	agreements[0] = item("gezin", "Marco (vader)", "Gaat weg naar zijn broer als hij boos wordt, voordat hij gaat "
	                     "schreeuwen.", "altijd", "afgesproken", 0);
	agreements[1] = item("gezin", "Linda (moeder)", "Belt oma Jannie als het thuis onrustig wordt.", "altijd",
	                     "afgesproken", 0);
	agreements[2] = item("organisatie", "Mark Janssen, intern begeleider", "Meldt verzuim van Noah of Tess dezelfde "
	                     "dag bij de regisseur.", "elke schooldag", "bezig", school.id);
	agreements[3] = item("organisatie", "Eva Coenen, jeugdverpleegkundige", "Ziet Tess op het consultatiebureau en "
	                     "let op blauwe plekken.", "eens per maand", "afgesproken", jgz.id);
	network[0] = item("Oma Jannie", "moeder van Linda", "06-00000001 (demo)",
	                  "Komt als Linda belt; haalt de kinderen zo nodig op.", "", 0);
	network[1] = item("Peter de Vries", "broer van Marco", "06-00000002 (demo)",
	                  "Marco kan bij hem terecht als hij boos is.", "", 0);
	signals[0] = item("Marco praat harder en loopt heen en weer.", "Marco gaat naar Peter; Linda belt oma Jannie.", "",
	                  "", "", 0);
	signals[1] = item("Noah komt stil of met blauwe plekken op school.", "De school belt dezelfde dag de regisseur.", "",
	                  "", "", 0);
	crisis[0] = item("Politie, ambulance, brandweer bij direct gevaar", "112", "", "", "", 0);
	crisis[1] = item("Veilig Thuis (dag en nacht, gratis)", "0800-2000", "", "", "", 0);
	crisis[2] = item("Oma Jannie", "06-00000001 (demo)", "", "", "", 0);
	watch[0] = item("Sanne Verhoeven (regisseur)", "elke twee weken een huisbezoek", "", "", "", 0);
	watch[1] = item("Oma Jannie", "belt elke zondag met Linda", "", "", "", 0);
	scale[0] = item("Gezin (Linda en Marco)", "6", days_ago_iso(a, 20), "", "", 0);
	scale[1] = item("Regisseur", "4", days_ago_iso(a, 20), "", "", 0);
	people[0] = item("Linda de Vries", "moeder", "eens", "", "", 0);
	people[1] = item("Marco de Vries", "vader", "eens", "Wil wel graag snel weer alleen met de kinderen zijn.", "", 0);
	people[2] = item("Oma Jannie", "netwerk", "eens", "", "", 0);
	people[3] = item("Sanne Verhoeven", "regisseur", "eens", "", "", 0);

	sp_plan p;
	memset(&p, 0, sizeof p);
	p.case_id = case_id;
	p.status = "concept";
	p.what_happened = "De school zag blauwe plekken bij Noah. Noah vertelde over ruzies thuis waarbij vader moeder "
	                  "sloeg. Veilig Thuis stelde huiselijk geweld tussen de ouders vast.";
	p.family_view = "Ouders zeggen dat het om een paar heftige ruzies ging en dat het nu beter gaat.";
	p.professional_view = "De kinderen zijn getuige geweest van geweld; het risico op herhaling is er nog.";
	p.strengths = "Ouders willen allebei dat de kinderen veilig zijn. Oma Jannie woont dichtbij en helpt graag. "
	              "Sinds de melding is er geen geweld meer geweest.";
	p.evaluation_date = "";
	p.agreed_on = "";
#define SET(l, arr, cnt) (p.items[l] = (arr), p.nitems[l] = (cnt))
	SET(SP_GEVAAR, dangers, 1);
	SET(SP_DOEL, goals, 1);
	SET(SP_VOORWAARDE, conds, nk);
	SET(SP_AFSPRAAK, agreements, 2);
	SET(SP_CRISIS, crisis, 2);
	if (safety_plan_save(&p, 0, prof) != 1)
		return false;
	/* version 2: complete, agreed with the family 18 days ago */
	SET(SP_DOEL, goals, 2);
	SET(SP_AFSPRAAK, agreements, 4);
	SET(SP_NETWERK, network, 2);
	SET(SP_SIGNAAL, signals, 2);
	SET(SP_CRISIS, crisis, 3);
	SET(SP_TOEZICHT, watch, 2);
	SET(SP_SCHAAL, scale, 2);
	SET(SP_DEELNEMER, people, 4);
	p.status = "vastgesteld";
	p.agreed_on = days_ago_iso(a, 18);
	p.evaluation_date = days_ago_iso(a, -24);
	if (safety_plan_save(&p, 1, prof) != 2)
		return false;
	/* version 3: a concept in which the school's agreement changed */
	sp_item agreements3[4];
	memcpy(agreements3, agreements, sizeof agreements);
	agreements3[2] = item("organisatie", "Mark Janssen, intern begeleider", "Meldt verzuim van Noah of Tess dezelfde "
	                      "dag bij de regisseur en vraagt Noah wekelijks hoe het gaat.", "elke schooldag", "bezig",
	                      school.id);
	SET(SP_AFSPRAAK, agreements3, 4);
	p.status = "concept";
	p.agreed_on = "";
#undef SET
	return safety_plan_save(&p, 2, prof) == 3;
}
