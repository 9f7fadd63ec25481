/*
 * test_case_parts.c — need-to-know inside a case (auth/case_parts.c) on a real,
 * temporary database with the real migrations: which parts each role and kind of
 * involvement sees, that only the route's roles count, that an ended involvement
 * or a move to another organisation sees nothing, and the part codes; the case
 * list's way and the start page's unread-plan panel's way (facts read with the
 * case, case_parts_of_listed) answer the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "auth/case_parts.h"
#include "store/roles.h"
#include "server/router.h"
#include "store/case.h"
#include "store/db.h"
#include "store/household.h"
#include "store/involvement.h"
#include "store/migrate.h"
#include "store/org.h"
#include "store/safety_plan.h"
#include "store/user.h"

static char db_dir[64];

static int db_setup(void **state)
{
	(void)state;
	snprintf(db_dir, sizeof db_dir, "/tmp/kr-unit-XXXXXX");
	if (!mkdtemp(db_dir))
		return -1;
	char path[128];
	snprintf(path, sizeof path, "%s/t.db", db_dir);
	if (!db_init(path) || !migrate_run(false))
		return -1;
	return 0;
}

static int db_teardown(void **state)
{
	(void)state;
	db_close_all();
	char path[160];
	const char *files[] = {"t.db", "t.db-wal", "t.db-shm"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", db_dir, files[i]);
		unlink(path);
	}
	rmdir(db_dir);
	return 0;
}

/* How often the unread-plan panel's facts were compared (the test must compare some). */
static int unread_compared;

/* The parts `who` sees of case c through a route admitting route_roles. */
static unsigned parts_for(int64_t c, int64_t who, int64_t org_id, const char *kind, unsigned roles,
                          unsigned route_roles)
{
	route r = {.method = "GET", .pattern = "/casussen/{id}", .roles = route_roles};
	auth_user u = {.id = who, .org_id = org_id, .org_kind = kind, .roles = roles};
	request rq = {.route = &r, .user = &u};
	unsigned direct = case_parts_of(&rq, c);
	/* the case list's way (case_search.c): the facts read with the case by
	 * INVOLVEMENT_PARTS_SQL, decided by case_parts_of_listed; always the same answer */
	sqlite3_stmt *st = db_stmt("SELECT c.team_org_id, c.director_id, " INVOLVEMENT_PARTS_SQL("c.id")
	                           " FROM casefile c WHERE c.id = ?2");
	sqlite3_bind_int64(st, 1, who);
	sqlite3_bind_int64(st, 2, c);
	sqlite3_bind_int64(st, 7, org_id);
	involvement_facts f = {0};
	if (sqlite3_step(st) == SQLITE_ROW) {
		f.team_org_id = sqlite3_column_int64(st, 0);
		f.director_id = sqlite3_column_int64(st, 1);
		involvement_parts_union((const char *)sqlite3_column_text(st, 2), &f);
		request listed = {.route = &r, .user = &u};
		assert_int_equal(case_parts_of_listed(&listed, c, &f), direct);
	}
	sqlite3_reset(st);
	/* the start page's unread-plan panel (safety_plan_unread_for): its facts, read by
	 * the panel's own statement, decide the same */
	arena *a = arena_new();
	size_t n;
	bool more;
	sp_unread *un = safety_plan_unread_for(a, who, org_id, (roles & ROLE_TEAMLEIDER) != 0, KEYSET_START, 50, &n,
	                                       &more);
	for (size_t i = 0; i < n; i++) {
		if (un[i].case_id != c)
			continue;
		request listed = {.route = &r, .user = &u};
		assert_int_equal(case_parts_of_listed(&listed, c, &un[i].facts), direct);
		unread_compared++;
	}
	arena_free(a);
	return direct;
}

#define CASE_ROLES (ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER)

static int64_t invite(int64_t c, int64_t org_id, int64_t user, unsigned parts, int64_t by)
{
	involvement_invite v = {.case_id = c, .org_id = org_id, .user_id = user, .role_in_case = "x",
	                        .basis = "betrokken_hulpverlener", .family_informed = "ja",
	                        .informed_on = "2026-01-05", .informed_by = "regisseur", .parts = parts,
	                        .invited_by = by};
	return involvement_invite_add(&v);
}

static void test_parts_by_involvement(void **state)
{
	(void)state;
	assert_true(db_begin());
	int64_t noord = org_create("Noord", "wijkteam");
	int64_t zuid = org_create("Zuid", "wijkteam");
	int64_t school = org_create("School", "onderwijs");
	int64_t jgz = org_create("JGZ", "jgz");
	int64_t vt = org_create("VT", "veilig_thuis");
	int64_t tl = user_create("tl", "TL", noord, ROLE_TEAMLEIDER, NULL);
	int64_t dir = user_create("dir", "Dir", noord, ROLE_PROFESSIONAL, NULL);
	int64_t prof2 = user_create("prof2", "Prof2", noord, ROLE_PROFESSIONAL, NULL);
	int64_t zprof = user_create("zprof", "ZProf", zuid, ROLE_PROFESSIONAL, NULL);
	int64_t ztl = user_create("ztl", "ZTL", zuid, ROLE_TEAMLEIDER, NULL);
	int64_t sp = user_create("sp", "SP", school, ROLE_PARTNER, NULL);
	int64_t jp = user_create("jp", "JP", jgz, ROLE_PARTNER, NULL);
	int64_t vtu = user_create("vtu", "VTU", vt, ROLE_VT | ROLE_TEAMLEIDER, NULL);
	int64_t hh = household_create("Familie Test", "Straat 1");
	int64_t c = case_create(hh, noord, dir, tl);
	assert_true(c > 0);
	assert_true(invite(c, zuid, zprof, 0, dir) > 0);
	int64_t school_inv = invite(c, school, sp, PART_PARTNER_DEFAULT, dir);
	assert_true(school_inv > 0);
	assert_int_equal(invite(c, school, sp, PART_PARTNER_DEFAULT, dir), 0); /* already involved */
	/* a partner's involvement can never carry the handover */
	assert_true(invite(c, jgz, jp, PART_GEZIN | PART_VOORWAARDEN | PART_PLAN_SIGNALEN | PART_OVERDRACHT, dir) > 0);
	/* an agreed safety plan nobody has opened: the case is on every involved start page */
	sp_plan plan = {.case_id = c, .status = "vastgesteld", .agreed_on = "2026-01-10", .evaluation_date = "2026-04-01"};
	assert_int_equal(safety_plan_save(&plan, 0, dir), 1);
	assert_true(db_commit());

	assert_int_equal(parts_for(c, tl, noord, "wijkteam", ROLE_TEAMLEIDER, CASE_ROLES), PART_ALL);
	assert_int_equal(parts_for(c, dir, noord, "wijkteam", ROLE_PROFESSIONAL, CASE_ROLES), PART_ALL);
	assert_int_equal(parts_for(c, zprof, zuid, "wijkteam", ROLE_PROFESSIONAL, CASE_ROLES),
	                 PART_ALL & ~PART_OVERDRACHT);
	assert_int_equal(parts_for(c, sp, school, "onderwijs", ROLE_PARTNER, CASE_ROLES), PART_PARTNER_DEFAULT);
	assert_int_equal(parts_for(c, jp, jgz, "jgz", ROLE_PARTNER, CASE_ROLES),
	                 PART_BASIS | PART_GEZIN | PART_VOORWAARDEN | PART_PLAN_SIGNALEN);
	/* not involved, other team, VT: nothing */
	assert_int_equal(parts_for(c, prof2, noord, "wijkteam", ROLE_PROFESSIONAL, CASE_ROLES), 0);
	assert_int_equal(parts_for(c, ztl, zuid, "wijkteam", ROLE_TEAMLEIDER, CASE_ROLES), 0);
	assert_int_equal(parts_for(c, vtu, vt, "veilig_thuis", ROLE_VT, ROLES_ALL), 0);
	/* only the route's roles count: a team leader on a professional-only route */
	assert_int_equal(parts_for(c, tl, noord, "wijkteam", ROLE_TEAMLEIDER, ROLE_PROFESSIONAL), 0);
	assert_int_equal(parts_for(c, sp, school, "onderwijs", ROLE_PARTNER, ROLE_PROFESSIONAL), 0);
	/* an involvement in the organisation the person left does not count */
	assert_int_equal(parts_for(c, sp, jgz, "jgz", ROLE_PARTNER, CASE_ROLES), 0);
	/* no such case */
	assert_int_equal(parts_for(c + 100, tl, noord, "wijkteam", ROLE_TEAMLEIDER, CASE_ROLES), 0);
	/* the panel's rows compared: team leader, the other team's professional, both
	 * partners, and the team leader and a partner through a professional-only route */
	assert_int_equal(unread_compared, 6);

	/* the same rules for another user, and per organisation (per-partner print) */
	arena *a0 = arena_new();
	assert_int_equal(case_parts_of_user(c, jp, jgz, "jgz", ROLE_PARTNER),
	                 PART_BASIS | PART_GEZIN | PART_VOORWAARDEN | PART_PLAN_SIGNALEN);
	assert_int_equal(case_parts_of_org(a0, c, school), PART_PARTNER_DEFAULT);
	assert_int_equal(case_parts_of_org(a0, c, zuid), PART_ALL & ~PART_OVERDRACHT);
	assert_int_equal(case_parts_of_org(a0, c, vt), 0);
	size_t nu;
	involved_user *iu = involvement_active_users(a0, c, &nu);
	bool saw_partner = false;
	for (size_t i = 0; i < nu; i++)
		if (iu[i].user_id == sp)
			saw_partner = iu[i].roles == ROLE_PARTNER && iu[i].parts == PART_PARTNER_DEFAULT;
	assert_true(saw_partner);
	arena_free(a0);

	/* ending: nothing at once, the history stays and cannot be changed */
	assert_true(db_begin());
	assert_true(involvement_end(c, school_inv, "2026-02-01", "klaar", dir));
	assert_false(involvement_end(c, school_inv, "2026-02-01", "nog eens", dir));
	assert_true(db_commit());
	assert_int_equal(parts_for(c, sp, school, "onderwijs", ROLE_PARTNER, CASE_ROLES), 0);
	sqlite3_stmt *st = db_stmt("UPDATE case_involvement SET ended_at = NULL WHERE id = ?1");
	sqlite3_bind_int64(st, 1, school_inv);
	assert_int_not_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);
	arena *a = arena_new();
	involvement v;
	assert_true(involvement_get(a, c, school_inv, &v));
	assert_true(v.ended);
	assert_string_equal(v.ended_reason, "klaar");
	arena_free(a);
}

static void test_part_codes(void **state)
{
	(void)state;
	unsigned seen = 0;
	for (int i = 0; i < PART_COUNT; i++) {
		unsigned bit = case_part_at(i);
		assert_int_equal(case_part_from_code(case_part_code(bit)), bit);
		assert_string_equal(case_part_codes[i], case_part_code(bit)); /* the form's choices */
		assert_true(*case_part_label(bit));
		/* the template sees part_<code>: true for this part alone */
		arena *a = arena_new();
		tv *obj = tv_obj(a);
		case_parts_to_view(obj, bit);
		char key[40];
		for (int j = 0; j < PART_COUNT; j++) {
			snprintf(key, sizeof key, "part_%s", case_part_code(case_part_at(j)));
			assert_true(tv_get(obj, key) != NULL);
			assert_true(tv_kind_of(tv_get(obj, key)) == TV_BOOL);
			assert_int_equal(tv_get(obj, key) == tv_bool(a, true), i == j);
		}
		assert_int_equal(tv_get(obj, "part_plan_any") == tv_bool(a, true), (bit & PART_PLAN_ALL) != 0);
		arena_free(a);
		seen |= bit;
	}
	assert_int_equal(seen, PART_ALL);
	assert_null(case_part_codes[PART_COUNT]);
	assert_int_equal(case_part_from_code("onzin"), 0);
	assert_int_equal(case_part_from_code(NULL), 0);
	assert_int_equal(PART_PARTNER_DEFAULT & PART_GEZIN, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_part_codes),
		cmocka_unit_test_setup_teardown(test_parts_by_involvement, db_setup, db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
