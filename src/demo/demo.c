/*
 * demo.c — loads the demo region (see demo.h). Everything is fictitious: names
 * are invented, organisations carry "(demo)" where they could be mistaken for a
 * real one. Runs in one transaction: either the whole region or nothing.
 */
#include "demo/demo.h"

#include "auth/password.h"
#include "store/roles.h"
#include "store/db.h"
#include "demo/demo_case_team.h"
#include "demo/demo_handover.h"
#include "demo/demo_leertafel.h"
#include "demo/demo_casework.h"
#include "demo/demo_safety_plan.h"
#include "demo/demo_family_plan.h"
#include "store/org.h"
#include "store/user.h"

#include <string.h>

typedef struct demo_org {
	const char *name;
	const char *kind;
} demo_org;

static const demo_org demo_orgs[] = {
	{"Veilig Thuis Noord-Limburg (demo)", "veilig_thuis"},
	{"Wijkteam Venlo-Noord (demo)", "wijkteam"},
	{"Wijkteam Venlo-Zuid (demo)", "wijkteam"},
	{"Buurtteam Blerick (demo)", "buurtteam"},
	{"Basisschool De Regenboog (demo)", "onderwijs"},
	{"JGZ Noord-Limburg (demo)", "jgz"},
	{"Politie basisteam Venlo (demo)", "politie"},
	{"Gemeente Venlo (demo)", "gemeente"},
};

typedef struct demo_user {
	const char *username;
	const char *name;
	const char *org;
	unsigned roles;
	const char *what; /* printed with the account */
} demo_user;

static const demo_user demo_users[] = {
	{"vt", "Fatima El Amrani", "Veilig Thuis Noord-Limburg (demo)", ROLE_VT, "Veilig Thuis medewerker"},
	{"teamleider", "Joost Peeters", "Wijkteam Venlo-Noord (demo)", ROLE_TEAMLEIDER, "teamleider wijkteam"},
	{"professional", "Sanne Verhoeven", "Wijkteam Venlo-Noord (demo)", ROLE_PROFESSIONAL,
	 "regisseur in het wijkteam"},
	{"partner", "Mark Janssen", "Basisschool De Regenboog (demo)", ROLE_PARTNER, "intern begeleider school"},
	{"secretaris", "Ingrid Hendriks", "Gemeente Venlo (demo)", ROLE_SECRETARIS,
	 "procesbegeleider, secretaris leertafel"},
	{"leertafellid", "Karin Willems", "JGZ Noord-Limburg (demo)", ROLE_LEERTAFELLID, "lid van de leertafel"},
	{"leertafellid.politie", "Rob Verheijen", "Politie basisteam Venlo (demo)", ROLE_LEERTAFELLID,
	 "lid van de leertafel (politie)"},
	{"beleid", "Tom van der Linden", "Gemeente Venlo (demo)", ROLE_BELEID, "beleidsmedewerker gemeente"},
	{"beheerder", "Ruud Gerards", "Gemeente Venlo (demo)", ROLE_BEHEERDER, "functioneel beheerder"},
	{"privacy", "Nadia Bouzid", "Gemeente Venlo (demo)", ROLE_PRIVACY, "privacyfunctionaris"},
	{"beheerder2", "Mieke Driessen", "Gemeente Venlo (demo)", ROLE_BEHEERDER,
	 "tweede functioneel beheerder (vier ogen)"},
	{"teamleider.zuid", "Annelies Kersten", "Wijkteam Venlo-Zuid (demo)", ROLE_TEAMLEIDER,
	 "teamleider ander wijkteam"},
	{"professional.zuid", "Bram Hermans", "Wijkteam Venlo-Zuid (demo)", ROLE_PROFESSIONAL,
	 "professional ander wijkteam"},
	{"teamleider.buurt", "Yvonne Smeets", "Buurtteam Blerick (demo)", ROLE_TEAMLEIDER, "teamleider buurtteam"},
	{"professional.buurt", "Iris Vermeulen", "Buurtteam Blerick (demo)", ROLE_PROFESSIONAL,
	 "professional buurtteam (regisseur mogelijk)"},
	{"professional2", "Lotte Geurts", "Wijkteam Venlo-Noord (demo)", ROLE_PROFESSIONAL,
	 "professional, niet betrokken"},
	{"partner.jgz", "Eva Coenen", "JGZ Noord-Limburg (demo)", ROLE_PARTNER, "jeugdverpleegkundige JGZ"},
};

bool demo_present(void)
{
	sqlite3_stmt *st = db_stmt("SELECT 1 FROM setting WHERE key = 'demo' AND value = '1'");
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

static void print_accounts(FILE *out)
{
	fprintf(out, "\nDemo region loaded — fictitious data only. Accounts (password: %s):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++)
		fprintf(out, "  %-18s %-20s %s, %s\n", demo_users[i].username, demo_users[i].name, demo_users[i].what,
		        demo_users[i].org);
	fputc('\n', out);
}

static bool load_region(arena *a)
{
	for (size_t i = 0; i < sizeof demo_orgs / sizeof demo_orgs[0]; i++)
		if (org_create(demo_orgs[i].name, demo_orgs[i].kind) <= 0)
			return false;
	char hash[crypto_pwhash_STRBYTES];
	if (!password_hash(DEMO_PASSWORD, hash))
		return false;
	for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
		const demo_user *u = &demo_users[i];
		org o;
		if (!org_find_by_name(a, u->org, &o) || user_create(u->username, u->name, o.id, u->roles, hash) <= 0)
			return false;
	}
	/* area demo data (each area adds one call here, inside this transaction) */
	if (!demo_leertafel_load(a, hash))
		return false;
	if (!demo_handover_load(a))
		return false;
	if (!demo_case_team_load(a))
		return false;
	if (!demo_safety_plan_load(a))
		return false;
	if (!demo_family_plan_load(a))
		return false;
	if (!demo_casework_load(a))
		return false;
	/* end of area demo data */
	/* The demo accounts log in with the published password alone, so that `make run`
	 * stays two commands; accounts made later (through /beheer) enrol a second factor.
	 * The exemption counts only while the demo region is loaded (login.c). */
	sqlite3_stmt *ex = db_stmt("UPDATE app_user SET second_factor_exempt = 1");
	if (!db_done(ex))
		return false;
	sqlite3_stmt *st = db_stmt("INSERT INTO setting (key, value) VALUES ('demo', '1')");
	return db_done(st);
}

/* Any account at all? The demo region must never be mixed into a real one:
 * it would add a beheerder with a published password. */
static bool has_users(void)
{
	sqlite3_stmt *st = db_stmt("SELECT 1 FROM app_user LIMIT 1");
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

bool demo_load(FILE *out)
{
	if (demo_present()) {
		print_accounts(out);
		return true;
	}
	if (has_users()) {
		fputs("ketenregie: this database already has accounts; the demo region is only loaded into an "
		      "empty database\n", stderr);
		return false;
	}
	arena *a = arena_new();
	bool ok = db_begin();
	if (ok) {
		ok = load_region(a);
		if (ok)
			ok = db_commit();
		else
			db_rollback();
	}
	arena_free(a);
	if (ok)
		print_accounts(out);
	else
		fputs("ketenregie: loading the demo region failed (is the database empty?)\n", stderr);
	return ok;
}
