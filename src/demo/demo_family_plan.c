/*
 * demo_family_plan.c — the demo case's family plan (Familie De Vries, regisseur
 * Sanne Verhoeven): version 1 with the first ZRM scores (ten weeks ago), version 2
 * with better scores (two weeks ago); an evaluation after each. Fictitious; see
 * demo_family_plan.h.
 */
#include "demo/demo_family_plan.h"

#include "store/case.h"
#include "store/db.h"
#include "store/family_plan.h"
#include "store/household.h"
#include "util/date.h"

#include <string.h>

static const char *days_ago_iso(arena *a, int days)
{
	char buf[KR_DATE_BUF];
	kr_date_format_iso(kr_date_add_days(kr_date_today_nl(), -days), buf);
	return arena_strdup(a, buf);
}

static int64_t member(const person *m, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].name, name) == 0)
			return m[i].id;
	return 0;
}

/* Domains scored for the parents: financiën, huiselijke relaties, geestelijke gezondheid, sociaal netwerk. */
static const int domains[4] = {1, 5, 6, 11};
static const int linda_v1[4] = {2, 2, 3, 3}, linda_v2[4] = {3, 3, 3, 4};
static const int marco_v1[4] = {3, 1, 2, 2}, marco_v2[4] = {3, 3, 3, 2};

static fp_score score(int64_t pid, int domain, int s, const char *on, const char *source)
{
	return (fp_score){.person_id = pid, .domain = domain, .score = s, .reason = "", .scored_on = on,
	                  .source = source, .note = ""};
}

static bool evaluate(arena *a, int64_t case_id, int64_t prof, const char *held_on, const int64_t ids[2],
                     const int *now_l, const int *now_m, const char *view, const char *conclusion, int next_days_ago)
{
	ev_domain d[8];
	for (int i = 0; i < 4; i++) {
		d[i] = (ev_domain){.person_id = ids[0], .domain = domains[i], .start_score = linda_v1[i], .now_score = now_l[i]};
		d[4 + i] = (ev_domain){.person_id = ids[1], .domain = domains[i], .start_score = marco_v1[i], .now_score = now_m[i]};
	}
	size_t nk;
	case_condition *k = case_conditions(a, case_id, &nk);
	ev_condition *c = arena_alloc(a, (nk + 1) * sizeof *c);
	for (size_t i = 0; i < nk; i++)
		c[i] = (ev_condition){.condition_id = k[i].id, .status = k[i].status};
	ev_goal g[2] = {{"Financiën (Linda de Vries): overzicht over de schulden", "niet_behaald"},
	                {"Huiselijke relaties (het hele gezin): ruzies zonder geweld oplossen", "behaald"}};
	evaluation_rec e = {.case_id = case_id, .held_on = held_on, .family_view = view, .scale_trend = "",
	                    .conclusion = conclusion, .conclusion_note = "", .next_on = days_ago_iso(a, next_days_ago),
	                    .domains = d, .ndomains = 8, .conditions = c, .nconditions = nk, .goals = g, .ngoals = 2};
	return evaluation_add(&e, prof) > 0;
}

bool demo_family_plan_load(arena *a)
{
	sqlite3_stmt *st = db_stmt("SELECT c.id, c.director_id, c.household_id FROM casefile c"
	                           " JOIN household h ON h.id = c.household_id"
	                           " WHERE h.name = 'Familie De Vries (demo)' ORDER BY c.id LIMIT 1");
	int64_t case_id = 0, prof = 0, household_id = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		case_id = sqlite3_column_int64(st, 0);
		prof = sqlite3_column_int64(st, 1);
		household_id = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	size_t nm;
	person *m = household_members(a, household_id, &nm);
	int64_t ids[2] = {member(m, nm, "Linda de Vries"), member(m, nm, "Marco de Vries")};
	int64_t noah = member(m, nm, "Noah de Vries");
	if (!case_id || !ids[0] || !ids[1] || !noah)
		return false;

	fp_score s[10];
	const char *v1_on = days_ago_iso(a, 70);
	for (int i = 0; i < 4; i++) {
		s[i] = score(ids[0], domains[i], linda_v1[i], v1_on, "gesprek met Linda");
		s[4 + i] = score(ids[1], domains[i], marco_v1[i], v1_on, "gesprek met Marco");
	}
	s[8] = (fp_score){.person_id = ids[1], .domain = 8, .reason = "Marco wil hier nog niet over praten; "
	                  "het staat niet in de weg van de veiligheid.", .scored_on = "", .source = "", .note = ""};
	s[9] = (fp_score){.person_id = noah, .domain = 6, .reason = "", .scored_on = "", .source = "",
	                  .note = "Noah slaapt slecht sinds de ruzies; school ziet hem stiller."};
	fp_goal g[2] = {
		{.domain = 1, .person_id = ids[0], .what = "Overzicht over de schulden", .target = 3,
		 .who = "Linda met Schuldhulp Venlo", .due_on = days_ago_iso(a, -30), .status = "loopt"},
		{.domain = 5, .person_id = 0, .what = "Ruzies zonder geweld oplossen", .target = 3,
		 .who = "Linda en Marco, oma Jannie", .due_on = days_ago_iso(a, -60), .status = "loopt"},
	};
	fp_service sv[2] = {{"Schuldhulp Venlo (demo)", "Budgetcoaching", days_ago_iso(a, 60), ""},
	                    {"Agressieregulatie Limburg (demo)", "Training agressieregulatie voor Marco",
	                     days_ago_iso(a, 50), days_ago_iso(a, -40)}};
	fp_plan p = {.case_id = case_id,
	             .family_goals = "Wij willen dat de kinderen zich thuis veilig voelen en dat we weer rustig met "
	                             "elkaar kunnen praten. Linda wil van de schulden af.",
	             .strengths = "Oma Jannie helpt veel. Marco doet mee aan de training. De kinderen gaan graag naar school.",
	             .worries = "Schulden, spanningen tussen Linda en Marco, Noah slaapt slecht.",
	             .scores = s, .nscores = 10, .goals = g, .ngoals = 2, .services = sv, .nservices = 2};
	if (family_plan_save(&p, 0, prof) != 1)
		return false;
	if (!evaluate(a, case_id, prof, days_ago_iso(a, 56), ids, linda_v1, marco_v1,
	              "Het is rustiger, maar de schulden geven nog veel stress.", "doorgaan", 14))
		return false;
	const char *v2_on = days_ago_iso(a, 12);
	for (int i = 0; i < 4; i++) {
		s[i] = score(ids[0], domains[i], linda_v2[i], v2_on, "gesprek met Linda");
		s[4 + i] = score(ids[1], domains[i], marco_v2[i], v2_on, "gesprek met Marco");
	}
	/* Marco's social network was not scored again: its score is older than 30 days (marked) */
	s[7] = score(ids[1], domains[3], marco_v1[3], v1_on, "gesprek met Marco");
	g[1].status = "behaald";
	if (family_plan_save(&p, 1, prof) != 2)
		return false;
	return evaluate(a, case_id, prof, days_ago_iso(a, 10), ids, linda_v2, marco_v2,
	                "Er is geen geweld meer geweest. Linda en Marco praten weer met elkaar.", "bijstellen", -32);
}
