/*
 * demo_leertafel.c — loads the leertafel demo data (see demo_leertafel.h).
 * Actions follow what Dutch regions publish in their plans after the
 * inspectorate's report on the local network after Veilig Thuis: a uniform
 * overdracht format, the warme overdracht as a joint home visit, training of
 * aandachtsfunctionarissen, the meldcode in schools, 1G1P1R in work processes,
 * quarterly evaluation of the overdracht process. Everything goes through the
 * leertafel stores; no client table is touched.
 */
#include "demo/demo_leertafel.h"

#include "store/roles.h"
#include "store/action.h"
#include "store/action_plan.h"
#include "store/actielijn.h"
#include "store/board.h"
#include "store/db.h"
#include "store/meeting.h"
#include "store/org.h"
#include "store/user.h"
#include "util/date.h"

#include <string.h>

#define VT "Veilig Thuis Noord-Limburg (demo)"
#define WT_NOORD "Wijkteam Venlo-Noord (demo)"
#define WT_ZUID "Wijkteam Venlo-Zuid (demo)"
#define BT "Buurtteam Blerick (demo)"
#define SCHOOL "Basisschool De Regenboog (demo)"
#define JGZ "JGZ Noord-Limburg (demo)"
#define POLITIE "Politie basisteam Venlo (demo)"
#define GEMEENTE "Gemeente Venlo (demo)"

static const char *const all_orgs[] = {VT, WT_NOORD, WT_ZUID, BT, SCHOOL, JGZ, POLITIE, GEMEENTE, NULL};

typedef struct demo_meeting {
	const char *held_on, *start_time, *location;
	bool online;
	const char *agenda, *notes, *decisions;
	const char *absent_notice; /* organisation absent with notice, or NULL */
	const char *absent;        /* organisation absent without notice, or NULL */
} demo_meeting;

static const demo_meeting meetings[] = {
	{"2026-01-22", "09:30", "Stadskantoor Venlo, zaal 2.14", false,
	 "1. Opening en kennismaking nieuwe leden\n2. Terugblik op het rapport van de inspectie\n"
	 "3. Concept-actieplan 2026\n4. Afspraken over de actielijst\n5. Rondvraag\n",
	 "De leertafel bespreekt de bevindingen van de inspectie over het lokale veld na Veilig Thuis. "
	 "Iedere partner benoemt wat in de eigen organisatie moet veranderen.\n\n"
	 "- Overdrachten komen nog in verschillende vormen binnen.\n"
	 "- De warme overdracht gebeurt niet altijd samen met het gezin.\n",
	 "- Het concept-actieplan 2026 gaat naar het bestuurlijk overleg van februari.\n"
	 "- Veilig Thuis levert voor maart een uniform overdrachtsformulier aan.\n",
	 SCHOOL, NULL},
	{"2026-03-19", "09:30", "Stadskantoor Venlo, zaal 2.14", false,
	 "1. Opening\n2. Actielijst vorige keer\n3. Uniform overdrachtsformulier: ervaringen\n"
	 "4. Scholing aandachtsfunctionarissen\n5. Rondvraag\n",
	 "Het uniforme formulier is sinds 1 maart in gebruik. De wijkteams melden dat de "
	 "veiligheidsvoorwaarden nu steeds in de overdracht staan.\n",
	 "- Actie uniform formulier afgerond.\n- Werkgroep scholing start in april.\n", NULL, POLITIE},
	{"2026-05-21", "14:00", "", true,
	 "1. Opening\n2. Voortgang actieplan (stoplichten)\n3. Geanonimiseerde casus: warme overdracht\n"
	 "4. Specifieke groepen\n5. Rondvraag\n",
	 "Geanonimiseerde casus besproken: de warme overdracht vond pas na vijf weken plaats. Leerpunt: "
	 "plan het huisbezoek al bij het indienen van de overdracht.\n",
	 "- Nieuwe actie over specifieke groepen toegevoegd (na vaststelling van het plan).\n", JGZ, NULL},
	{"2026-07-02", "09:30", "Buurtteam Blerick, Kloosterstraat", false,
	 "1. Opening\n2. Kwartaalcijfers overdrachten\n3. 1 Gezin 1 Plan 1 Regisseur in de werkprocessen\n"
	 "4. Rondvraag\n",
	 "De kwartaalcijfers laten zien dat de gezamenlijke triage werkt: elke overdracht heeft binnen "
	 "vijf werkdagen een team.\n",
	 "- Gezamenlijke triage is staand beleid; actie afgerond.\n", NULL, NULL},
	{"2026-09-17", "09:30", "Stadskantoor Venlo, zaal 2.14", false,
	 "1. Opening\n2. Stoplichtenrapportage derde kwartaal\n3. Scholing loopt vast: opschalen?\n"
	 "4. Rondvraag\n",
	 "De scholing van aandachtsfunctionarissen is vastgelopen op budget en roosters. De leertafel "
	 "besluit op te schalen naar het bestuurlijk overleg.\n",
	 "- Opschalen: scholing aandachtsfunctionarissen.\n", WT_ZUID, NULL},
	{"2026-11-05", "14:00", "Stadskantoor Venlo, zaal 2.14", true,
	 "1. Opening\n2. Besluit bestuurlijk overleg over scholing\n3. Kwartaalevaluatie overdrachtsproces\n"
	 "4. Wachttijden traumazorg\n5. Rondvraag\n",
	 "Het bestuurlijk overleg heeft budget vrijgemaakt voor de scholing. Nieuw knelpunt: wachttijden "
	 "voor specialistische traumazorg.\n",
	 "- Knelpunt wachttijden traumazorg naar het bestuurlijk overleg.\n", NULL, BT},
	{"2026-12-10", "09:30", "Stadskantoor Venlo, zaal 2.14", false,
	 "1. Opening\n2. Stoplichtenrapportage 2026\n3. Eerste aanzet actieplan 2027\n4. Rondvraag\n", "", "",
	 NULL, NULL},
};

typedef struct demo_status {
	const char *status, *note, *on, *by; /* by: username */
} demo_status;

typedef struct demo_action {
	int meeting;          /* index into meetings, -1: born in the plan on born_on */
	const char *born_on;  /* for plan actions */
	const char *wat, *hoe;
	const char *due_on, *quarter;
	const char *lijn, *tag, *werkgroep;
	const char *owner;
	const char *parts[4];
	demo_status st[4]; /* first: initial status */
} demo_action;

static const demo_action actions[] = {
	{0, NULL, "Uniform overdrachtsformulier Veilig Thuis naar lokale teams, met veiligheidsvoorwaarden",
	 "Veilig Thuis stelt het formulier op met de wijkteams; alle overdrachten gebruiken het vanaf 1 maart.",
	 "2026-03-01", "", "Stoppen en duurzaam oplossen", "Doen", "Werkgroep overdracht", VT, {WT_NOORD, WT_ZUID, BT},
	 {{"groen", "Concept in de werkgroep.", "2026-01-22", "secretaris"},
	  {"afgerond", "In gebruik sinds 1 maart.", "2026-03-19", "secretaris"}}},
	{0, NULL, "Warme overdracht als gezamenlijk huisbezoek van Veilig Thuis en het lokale team",
	 "Het huisbezoek wordt bij het indienen van de overdracht gepland, binnen tien werkdagen, met het gezin.",
	 "", "Q2 2026", "Stoppen en duurzaam oplossen", "Doen", "Werkgroep overdracht", WT_NOORD, {VT, WT_ZUID, BT},
	 {{"groen", "", "2026-01-22", "secretaris"},
	  {"oranje", "Capaciteit bij de wijkteams: niet elk bezoek lukt binnen tien werkdagen.", "2026-05-21",
	   "secretaris"},
	  {"oranje", "Planning verbeterd, nog niet structureel.", "2026-09-17", "secretaris"}}},
	{-1, "2026-02-01", "Scholing aandachtsfunctionarissen huiselijk geweld en kindermishandeling bij alle partners",
	 "Twee trainingsdagen per organisatie; daarna jaarlijks een intervisiebijeenkomst.", "2026-10-01", "",
	 "Eerder en beter in beeld", "Leren", "Werkgroep scholing", GEMEENTE, {JGZ, SCHOOL, POLITIE},
	 {{"groen", "", "2026-02-01", "secretaris"},
	  {"oranje", "Trainer gevonden, roosters lastig.", "2026-05-21", "secretaris"},
	  {"rood", "Vastgelopen op budget en roosters; opgeschaald naar het bestuurlijk overleg.", "2026-09-17",
	   "secretaris"}}},
	{-1, "2026-02-01", "Meldcode in het onderwijs: elke school een getrainde aandachtsfunctionaris en vast overleg met JGZ",
	 "Schoolbesturen maken afspraken met JGZ over signalen en terugkoppeling.", "", "Q4 2026",
	 "Eerder en beter in beeld", "Doen", NULL, SCHOOL, {JGZ},
	 {{"groen", "", "2026-02-01", "secretaris"},
	  {"groen", "Alle basisscholen in Venlo-Noord hebben een aandachtsfunctionaris.", "2026-09-17", "leertafellid"}}},
	{-1, "2026-02-01", "1 Gezin 1 Plan 1 Regisseur vastleggen in de werkprocessen van wijkteams en buurtteam",
	 "Eén regisseur en één gezinsplan per huishouden; regiewissel alleen met warme overdracht.", "", "Q3 2026",
	 "Stoppen en duurzaam oplossen", "Doen", NULL, WT_ZUID, {WT_NOORD, BT, GEMEENTE},
	 {{"groen", "", "2026-02-01", "secretaris"},
	  {"oranje", "Werkprocesbeschrijving klaar, implementatie loopt uit.", "2026-09-17", "secretaris"}}},
	{-1, "2026-02-01", "Kwartaalevaluatie van het overdrachtsproces Veilig Thuis – lokale teams",
	 "Cijfers (doorlooptijd, warme overdracht gehouden, veiligheidsplan gemaakt) en twee geanonimiseerde casussen per kwartaal.",
	 "", "Q4 2026", "Stoppen en duurzaam oplossen", "Leren", "Werkgroep overdracht", GEMEENTE, {VT, WT_NOORD, WT_ZUID},
	 {{"groen", "", "2026-02-01", "secretaris"},
	  {"groen", "Eerste drie kwartalen geëvalueerd.", "2026-11-05", "secretaris"}}},
	{3, NULL, "Gezamenlijke triage van overdrachten door de wijkteams en het buurtteam",
	 "Eén gezamenlijke inbox; dagelijks triagemoment.", "2026-06-30", "", "Stoppen en duurzaam oplossen", "Doen",
	 NULL, BT, {WT_NOORD, WT_ZUID},
	 {{"groen", "", "2026-07-02", "secretaris"}, {"afgerond", "Staand beleid.", "2026-07-02", "secretaris"}}},
	{2, NULL, "Aanpak ouderenmishandeling en huiselijk geweld bij mensen met een licht verstandelijke beperking",
	 "Werkafspraken politie, buurtteam en gemeente; signaleringskaart voor wijkagenten.", "", "Q2 2027",
	 "Specifieke groepen beter bedienen", "Doen", NULL, POLITIE, {BT, GEMEENTE},
	 {{"groen", "", "2026-05-21", "secretaris"},
	  {"groen", "Signaleringskaart in concept.", "2026-11-05", "leertafellid.politie"}}},
	{1, NULL, "Geanonimiseerde casuïstiek delen in elke leertafel",
	 "Elke bijeenkomst brengt één partner een geanonimiseerde casus in: wat ging goed, wat leren we?", "", "Q4 2026",
	 "Eerder en beter in beeld", "Delen", NULL, JGZ, {POLITIE, SCHOOL},
	 {{"groen", "", "2026-03-19", "secretaris"}}},
};

static int64_t org_id(arena *a, const char *name)
{
	org o;
	return org_find_by_name(a, name, &o) ? o.id : 0;
}

static int64_t item_id(arena *a, const char *kind, const char *name)
{
	if (!name)
		return 0;
	size_t n;
	lt_item *l = strcmp(kind, "werkgroep") == 0 ? werkgroep_list(a, true, &n) : actielijn_list(a, kind, true, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].name, name) == 0)
			return l[i].id;
	return 0;
}

typedef struct who {
	int64_t id;
	const char *name, *org;
} who;

static bool find_user(arena *a, const char *username, who *w)
{
	const char *hash;
	user_rec u;
	if (!user_credentials(a, username, &w->id, &hash) || !user_get(a, w->id, &u))
		return false;
	w->name = u.name;
	w->org = u.org_name;
	return true;
}

/* The history of the demo region is dated when it happened, not at load time: a
 * status is recorded at 08:30 UTC on the day it describes (NULL, i.e. now, for a
 * day that has not come yet). */
static const char *morning_of(arena *a, const char *iso_day)
{
	char today[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), today);
	if (!iso_day || strlen(iso_day) != 10 || strcmp(iso_day, today) > 0)
		return NULL;
	return arena_printf(a, "%s 08:30:00", iso_day);
}

bool demo_leertafel_load(arena *a, const char *password_hash)
{
	(void)password_hash; /* the accounts, leertafellid.politie too, come from demo.c */
	who sec, lid, pol;
	if (!find_user(a, "secretaris", &sec) || !find_user(a, "leertafellid", &lid) ||
	    !find_user(a, "leertafellid.politie", &pol))
		return false;
	if (!werkgroep_create("Werkgroep overdracht") || !werkgroep_create("Werkgroep scholing"))
		return false;

	int64_t mids[sizeof meetings / sizeof meetings[0]];
	for (size_t i = 0; i < sizeof meetings / sizeof meetings[0]; i++) {
		const demo_meeting *d = &meetings[i];
		meeting m = {.held_on = d->held_on, .start_time = d->start_time, .location = d->location,
		             .online = d->online, .agenda = d->agenda, .notes = d->notes, .decisions = d->decisions};
		mids[i] = meeting_create(&m, sec.id);
		if (!mids[i])
			return false;
		if (strcmp(d->held_on, "2026-12-01") > 0)
			continue; /* not held yet */
		for (size_t k = 0; all_orgs[k]; k++) {
			const char *p = "aanwezig";
			if (d->absent_notice && strcmp(d->absent_notice, all_orgs[k]) == 0)
				p = "afgemeld";
			if (d->absent && strcmp(d->absent, all_orgs[k]) == 0)
				p = "afwezig";
			if (!meeting_set_attendance(mids[i], org_id(a, all_orgs[k]), p))
				return false;
		}
	}

	int64_t plan = action_plan_create(2026, "Actieplan leertafel huiselijk geweld en kindermishandeling 2026");
	if (!plan)
		return false;
	int64_t aids[sizeof actions / sizeof actions[0]];
	const char *adopted_on = "2026-02-12";
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
		const demo_action *d = &actions[i];
		int64_t parts[4];
		size_t np = 0;
		for (size_t k = 0; k < 4 && d->parts[k]; k++)
			parts[np++] = org_id(a, d->parts[k]);
		action_input in = {
			.plan_id = plan,
			.meeting_id = d->meeting >= 0 ? mids[d->meeting] : 0,
			.born_on = d->meeting >= 0 ? meetings[d->meeting].held_on : d->born_on,
			.wat = d->wat, .hoe = d->hoe, .due_on = d->due_on, .quarter = d->quarter,
			.actielijn_id = item_id(a, "lijn", d->lijn), .tag_id = item_id(a, "tag", d->tag),
			.werkgroep_id = item_id(a, "werkgroep", d->werkgroep),
			.owner_id = org_id(a, d->owner), .participants = parts, .nparticipants = np,
			.status = d->st[0].status, .status_note = d->st[0].note, .status_on = d->st[0].on,
			.recorded_at = morning_of(a, d->st[0].on),
		};
		if (!in.due_on || !*in.due_on) {
			/* quarter → last day of the quarter, as the form does */
			static char dues[sizeof actions / sizeof actions[0]][11];
			char q[8];
			const char *field;
			if (action_parse_when("", d->quarter, dues[i], q, &field))
				return false;
			in.due_on = dues[i];
			in.quarter = d->quarter;
		}
		bool after = strcmp(in.born_on, adopted_on) > 0;
		aids[i] = action_create(&in, sec.id, sec.name, sec.org, after);
		if (!aids[i])
			return false;
		for (size_t k = 1; k < 4 && d->st[k].status; k++) {
			const who *w = strcmp(d->st[k].by, "leertafellid") == 0           ? &lid
			               : strcmp(d->st[k].by, "leertafellid.politie") == 0 ? &pol
			                                                                  : &sec;
			/* recorded on the morning of the day it describes, not at load time */
			if (!action_set_status_recorded(aids[i], d->st[k].status, d->st[k].note, d->st[k].on, w->id, w->name,
			                                w->org, morning_of(a, d->st[k].on)))
				return false;
		}
	}
	if (!action_plan_adopt(plan, adopted_on, sec.id))
		return false;

	int64_t e = board_escalate(aids[2], "Scholing aandachtsfunctionarissen loopt vast",
	                           "De scholing is vastgelopen: er is geen budget voor vervanging tijdens de "
	                           "trainingsdagen en de roosters van de partners sluiten niet aan.\n\n"
	                           "**Vraag aan het bestuur:** budget voor vervanging en een bestuurlijke opdracht "
	                           "aan alle partners om medewerkers vrij te roosteren.",
	                           "2026-09-17", sec.id);
	if (!e || !board_decide(e, "2026-10-08",
	                        "Het bestuurlijk overleg stelt budget beschikbaar voor vervanging tijdens de "
	                        "scholing. Alle partners roosteren hun aandachtsfunctionarissen vrij; de scholing "
	                        "start in het eerste kwartaal van 2027."))
		return false;
	e = board_escalate(0, "Wachttijden specialistische traumazorg",
	                   "Gezinnen wachten na de overdracht lang op specialistische traumazorg (fase 3, herstel). "
	                   "De leertafel vraagt het bestuur om afspraken met de zorgaanbieders over voorrang.",
	                   "2026-11-05", sec.id);
	return e > 0;
}
