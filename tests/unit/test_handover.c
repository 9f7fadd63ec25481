/*
 * test_handover.c — unit tests of the handover area: deadlines in working days
 * across Easter, Koningsdag on a Sunday, Christmas and New Year; the name key;
 * the "already known" match between a handover's members and a team's cases;
 * the keyset pages of /overdrachten, on a real (temporary) database with the
 * real migrations.
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

#include "store/case.h"
#include "store/db.h"
#include "store/handover.h"
#include "store/household.h"
#include "store/migrate.h"
#include "store/org.h"
#include "store/user.h"
#include "util/arena.h"
#include "util/date.h"

static kr_date D(int y, int m, int d)
{
	return (kr_date){y, m, d};
}

static void assert_date(kr_date got, kr_date want)
{
	assert_int_equal(got.y, want.y);
	assert_int_equal(got.m, want.m);
	assert_int_equal(got.d, want.d);
}

static const handover_norms NORMS = {.decision_wd = 5, .warm_wd = 10, .feedback_wd = 15, .known_months = 12};

static handover_rec rec(const char *status, const char *submitted, const char *decided, const char *warm,
                        const char *feedback)
{
	handover_rec h;
	memset(&h, 0, sizeof h);
	h.status = status;
	h.submitted_at = submitted;
	h.decided_at = decided;
	h.warm_held_date = warm;
	h.first_feedback_at = feedback;
	return h;
}

/* Easter 2026 is 5 April: Goede Vrijdag 3 April and Tweede Paasdag 6 April are skipped. */
static void test_easter(void **state)
{
	(void)state;
	assert_int_equal(kr_working_days_between(D(2026, 4, 2), D(2026, 4, 7)), 1);
	handover_rec h = rec("ingediend", "2026-04-02 09:15:00", "", "", "");
	handover_deadlines d;
	handover_deadlines_of(&h, &NORMS, D(2026, 4, 10), &d);
	assert_true(d.submitted);
	assert_date(d.decision_due, D(2026, 4, 13));
	assert_int_equal(d.waiting_wd, 4);
	assert_true(d.decision_open);
	assert_false(d.decision_overdue);
	handover_deadlines_of(&h, &NORMS, D(2026, 4, 14), &d);
	assert_int_equal(d.waiting_wd, 6);
	assert_true(d.decision_overdue);
}

/* Koningsdag falls on Sunday 27 April 2025 and moves to Saturday 26 April: no
 * working day is lost; in 2026 it is Monday 27 April and one is. */
static void test_koningsdag_on_sunday(void **state)
{
	(void)state;
	assert_true(kr_is_holiday(D(2025, 4, 26)));
	assert_false(kr_is_holiday(D(2025, 4, 27)));
	assert_int_equal(kr_working_days_between(D(2025, 4, 24), D(2025, 4, 29)), 3);
	assert_int_equal(kr_working_days_between(D(2026, 4, 24), D(2026, 4, 29)), 2);
	handover_rec h = rec("geaccepteerd", "2025-04-17 10:00:00", "2025-04-24 10:00:00", "", "");
	handover_deadlines d;
	handover_deadlines_of(&h, &NORMS, D(2025, 4, 30), &d);
	assert_true(d.accepted);
	/* 17 April (Thu) → 24 April: 18 Goede Vrijdag, 21 Tweede Paasdag skipped → 3 working days */
	assert_int_equal(d.decision_wd, 3);
	/* warm handover 10 working days after 24 April 2025 (5 May is not a day off in 2025) */
	assert_date(d.warm_due, D(2025, 5, 9));
	assert_false(d.warm_overdue);
}

/* Christmas and New Year: 24 December 2026 → 4 January 2027 has five working days. */
static void test_christmas_new_year(void **state)
{
	(void)state;
	assert_int_equal(kr_working_days_between(D(2026, 12, 24), D(2027, 1, 4)), 5);
	handover_rec h = rec("geaccepteerd", "2026-12-18 10:00:00", "2026-12-23 10:00:00", "2027-01-07", "");
	handover_deadlines d;
	handover_deadlines_of(&h, &NORMS, D(2027, 1, 20), &d);
	/* 24, 28, 29, 30, 31 Dec, 4, 5, 6, 7 Jan: held on the 9th working day → within 10 */
	assert_true(d.warm_held);
	assert_true(d.warm_in_norm);
	assert_date(d.warm_due, D(2027, 1, 8));
	/* feedback due 15 working days after 23 December: 15 January 2027 */
	assert_date(d.feedback_due, D(2027, 1, 15));
	assert_false(d.feedback_given);
	assert_true(d.feedback_overdue);
	handover_rec g = rec("geaccepteerd", "2026-12-18 10:00:00", "2026-12-23 10:00:00", "", "2027-01-15 16:00:00");
	handover_deadlines_of(&g, &NORMS, D(2027, 1, 20), &d);
	assert_true(d.feedback_given);
	assert_true(d.feedback_in_norm);
	assert_true(d.warm_overdue);
}

static void test_concept_and_returned(void **state)
{
	(void)state;
	handover_rec c = rec("concept", "", "", "", "");
	handover_deadlines d;
	handover_deadlines_of(&c, &NORMS, D(2026, 1, 1), &d);
	assert_false(d.submitted);
	assert_false(d.decision_overdue);
	handover_rec r = rec("teruggelegd", "2026-03-02 10:00:00", "2026-03-16 10:00:00", "", "");
	handover_deadlines_of(&r, &NORMS, D(2026, 6, 1), &d);
	assert_false(d.decision_open);
	assert_false(d.accepted);
	assert_int_equal(d.decision_wd, 10);
	assert_false(d.warm_overdue);
	assert_false(d.feedback_overdue);
}

/* UTC timestamps count by their Dutch date: late evening UTC is the next day in
 * the Netherlands (CET +1 in winter, CEST +2 in summer, switching on the last
 * Sundays of March and October at 01:00 UTC). */
static void test_dutch_date_of_utc(void **state)
{
	(void)state;
	kr_date d = D(1, 1, 1);
	assert_true(kr_date_of_utc_timestamp_nl("2026-01-05 22:59:59", &d));
	assert_date(d, D(2026, 1, 5));
	assert_true(kr_date_of_utc_timestamp_nl("2026-01-05 23:00:00", &d));
	assert_date(d, D(2026, 1, 6));
	assert_true(kr_date_of_utc_timestamp_nl("2026-07-01 21:59:00", &d));
	assert_date(d, D(2026, 7, 1));
	assert_true(kr_date_of_utc_timestamp_nl("2026-07-01 22:00:00", &d));
	assert_date(d, D(2026, 7, 2));
	assert_true(kr_date_of_utc_timestamp_nl("2026-12-31 23:30:00", &d));
	assert_date(d, D(2027, 1, 1));
	assert_false(kr_date_of_utc_timestamp_nl("2026-12-31", &d));
	assert_false(kr_date_of_utc_timestamp_nl("gisteren", &d));
	assert_date(d, D(2027, 1, 1));
	/* the deadlines use it: submitted Thursday 23:30 UTC is Friday in NL, so on
	 * that Friday it has waited no working day yet */
	assert_true(handover_date_of("2026-03-06 23:30:00", &d));
	assert_date(d, D(2026, 3, 7));
	assert_true(handover_date_of("2026-03-06", &d));
	assert_date(d, D(2026, 3, 6));
	handover_rec h = rec("ingediend", "2026-03-05 23:30:00", "", "", "");
	handover_deadlines dl;
	handover_deadlines_of(&h, &NORMS, D(2026, 3, 6), &dl);
	assert_int_equal(dl.waiting_wd, 0);
}

static void test_name_key(void **state)
{
	arena *a = arena_new();
	(void)state;
	assert_string_equal(household_name_key(a, "  Noëlle   de  VRIES "), "noelle de vries");
	assert_string_equal(household_name_key(a, "Selin Aydın"), "selin ayd\xc4\xb1n"); /* dotless i stays */
	assert_string_equal(household_name_key(a, "Ébène Çelik"), "ebene celik");
	assert_string_equal(household_name_key(a, ""), "");
	assert_string_equal(household_name_key(a, NULL), "");
	arena_free(a);
}

/* ---- the "already known" match, on a real database ---------------------------- */

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

static int64_t submit(int64_t vt_org, int64_t vt_user, handover_member *m, size_t n)
{
	static const char *const conds[] = {"Geen geweld."};
	handover_input in = {.urgency = "normaal", .household_name = "Familie Test", .address = "Straat 1",
	                     .members = m, .nmembers = n, .conditions = conds, .nconditions = 1,
	                     .reason = "r", .investigation_outcome = "o", .risk_assessment = "t",
	                     .providers = "p", .agreements = "a", .family_informed = "ja", .contact = "c"};
	int64_t id = handover_create(vt_org, vt_user, &in);
	assert_true(id > 0);
	assert_true(handover_submit(id, vt_user));
	return id;
}

/* Does the plan of sql (with bound ints) mention `index`? */
static bool plan_uses(const char *sql, const char *index)
{
	sqlite3_stmt *st;
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(db_conn(), q, -1, &st, NULL), SQLITE_OK);
	sqlite3_free(q);
	for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++)
		sqlite3_bind_int(st, i, 1);
	bool found = false;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(st, 3), index))
			found = true;
	sqlite3_finalize(st);
	return found;
}

/* The start-page panel reads only what can still be overdue, through its partial index. */
static void test_panel_queries(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_true(db_begin());
	int64_t vt = org_create("VT", "veilig_thuis");
	int64_t noord = org_create("Noord", "wijkteam");
	int64_t vt_user = user_create("vt", "VT", vt, 1u, NULL);
	int64_t tl = user_create("tl", "TL", noord, 2u, NULL);
	int64_t prof = user_create("prof", "Prof", noord, 4u, NULL);
	handover_member m1[] = {{"Ann Een", "1990-01-01", "ouder"}};
	handover_member m2[] = {{"Bob Twee", "1991-01-01", "ouder"}};
	handover_member m3[] = {{"Cor Drie", "1992-01-01", "ouder"}};
	int64_t open = submit(vt, vt_user, m1, 1);     /* waiting for a decision */
	int64_t done = submit(vt, vt_user, m2, 1);     /* accepted, warm handover and feedback given */
	int64_t returned = submit(vt, vt_user, m3, 1); /* returned */
	handover_rec h;
	int64_t c = 0, hh = 0;
	handover_acceptance acc = {.director = prof, .take_reason = "test"};
	assert_true(handover_get(a, done, &h) && handover_open_case(a, &h, noord, &acc, tl, &c, &hh));
	handover_warm w = {.planned_date = "2026-01-05", .held_date = "2026-01-05", .present = "x", .family_present = "ja",
	                   .outcome = "x"};
	assert_true(handover_record_warm(done, tl, &w));
	assert_true(handover_feedback_add(done, c, prof, "afspraken", "ja", "2026-01-05"));
	assert_true(handover_return(returned, tl, "overig", "niet voor ons"));
	assert_true(db_commit());

	size_t n;
	handover_rec *list = handover_vt_open_items(a, vt, &n);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, open);
	assert_true(list[0].brief);
	int64_t concepts = -1, nret = -1;
	handover_vt_counts(vt, vt_user, &concepts, &nret);
	assert_int_equal(concepts, 0);
	assert_int_equal(nret, 1);
	assert_int_equal(handover_team_open_items(a, noord, &n) ? (int)n : 0, 0);
	assert_int_equal(handover_director_open_items(a, prof, &n) ? (int)n : 0, 0);
	/* the returned one is the team's decision too (it returned it without taking it) */
	handover_page page;
	handover_team_decided_page(a, noord, 0, 0, &page);
	assert_int_equal(page.n, 2);
	assert_int_equal(page.total, 2);
	assert_false(page.older || page.newer);
	/* and the plans use the indexes of 0004 */
	assert_true(plan_uses("SELECT id FROM handover WHERE vt_org_id = ?1 AND (status IN ('ingediend', 'in_behandeling')"
	                      " OR (status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL)))",
	                      "handover_vt_open"));
	assert_true(plan_uses("SELECT id FROM handover WHERE taken_org_id = ?1 AND status IN ('geaccepteerd', 'teruggelegd')"
	                      " AND (decided_at, id) < (?2, ?3) ORDER BY decided_at DESC, id DESC LIMIT 51",
	                      "COVERING INDEX handover_team_decided_page"));
	assert_true(plan_uses("SELECT count(*) FROM casefile WHERE director_id = ?1 AND status = 'open'", "casefile_director"));
	arena_free(a);
}

static void test_known_match(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_true(db_begin());
	int64_t vt = org_create("VT", "veilig_thuis");
	int64_t noord = org_create("Noord", "wijkteam");
	int64_t zuid = org_create("Zuid", "wijkteam");
	int64_t vt_user = user_create("vt", "VT", vt, 1u, NULL);
	int64_t prof = user_create("prof", "Prof", noord, 4u, NULL);
	assert_true(vt > 0 && noord > 0 && zuid > 0 && vt_user > 0 && prof > 0);

	/* Noord has an open case with Noah de Vries (2015-06-21) */
	int64_t hh = household_create("Familie De Vries", "Straat 12");
	assert_true(household_add_person(hh, "Noah de Vries", "2015-06-21", "kind") > 0);
	int64_t c = case_create(hh, noord, prof, prof);
	assert_true(c > 0);

	/* same name written differently, same birth date → known to Noord only */
	handover_member same[] = {{"Selin Aydın", "1990-11-08", "ouder"}, {"  NOAH  de vries", "2015-06-21", "kind"}};
	int64_t h1 = submit(vt, vt_user, same, 2);
	bool open = false;
	assert_int_equal(case_known_for_handover(h1, noord, 12, &open), c);
	assert_true(open);
	assert_int_equal(case_known_for_handover(h1, zuid, 12, &open), 0);

	/* same name, other birth date → not known */
	handover_member other[] = {{"Noah de Vries", "2015-06-22", "kind"}};
	int64_t h2 = submit(vt, vt_user, other, 1);
	assert_int_equal(case_known_for_handover(h2, noord, 12, &open), 0);

	/* a case closed 3 months ago counts with a 12-month window, not with 0 or 2 months */
	sqlite3_stmt *st = db_stmt("UPDATE casefile SET status = 'gesloten', closed_at = datetime('now', '-3 months')"
	                           " WHERE id = ?1");
	sqlite3_bind_int64(st, 1, c);
	assert_true(db_done(st));
	assert_int_equal(case_known_for_handover(h1, noord, 12, &open), c);
	assert_false(open);
	assert_int_equal(case_known_for_handover(h1, noord, 2, &open), 0);
	assert_int_equal(case_known_for_handover(h1, noord, 0, &open), 0);

	/* acceptance with no open case opens a new one with the handover's members and conditions */
	handover_rec h;
	assert_true(handover_get(a, h1, &h));
	int64_t nc = 0, nh = 0;
	handover_acceptance acc = {.director = prof};
	assert_true(handover_open_case(a, &h, noord, &acc, prof, &nc, &nh));
	assert_true(nc > 0 && nc != c);
	size_t n;
	household_members(a, nh, &n);
	assert_int_equal(n, 2);
	case_conditions(a, nc, &n);
	assert_int_equal(n, 1);
	/* a second handover of that family is added to the now open case */
	int64_t h3 = submit(vt, vt_user, same, 2);
	assert_true(handover_get(a, h3, &h));
	int64_t nc2 = 0, nh2 = 0;
	/* another regisseur without a reason is refused (never a silent replacement) */
	int64_t prof2 = user_create("prof2", "Prof Twee", noord, 4u, NULL);
	handover_acceptance change = {.director = prof2};
	assert_false(handover_open_case(a, &h, noord, &change, prof, &nc2, &nh2));
	case_rec cr;
	assert_true(case_get(a, nc, &cr));
	assert_int_equal(cr.director_id, prof);
	assert_true(handover_open_case(a, &h, noord, &acc, prof, &nc2, &nh2));
	assert_int_equal(nc2, nc);
	household_members(a, nh, &n);
	assert_int_equal(n, 2);
	case_conditions(a, nc, &n);
	assert_int_equal(n, 2);
	/* and a submitted handover cannot be changed any more */
	assert_false(handover_update_concept(h3, &(handover_input){.household_name = "x"}));
	db_rollback();
	arena_free(a);
}

/* /overdrachten reads one page at a time by keyset: pages of HANDOVER_PAGE, no overlap,
 * "newer" leads back, the filter holds, and an id of someone else's handover is only a
 * bound — it never brings in a row of another organisation or team. The decisions are
 * taken in one second, so the team's keyset must break ties by id. */
static void test_list_pages(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_true(db_begin());
	int64_t vt = org_create("VT", "veilig_thuis");
	int64_t vt2 = org_create("VT elders", "veilig_thuis");
	int64_t noord = org_create("Noord", "wijkteam");
	int64_t zuid = org_create("Zuid", "wijkteam");
	int64_t vt_user = user_create("vt", "VT", vt, 1u, NULL);
	int64_t vt2_user = user_create("vt2", "VT2", vt2, 1u, NULL);
	int64_t tl = user_create("tl", "TL", noord, 2u, NULL);
	int64_t tl_zuid = user_create("tlz", "TL Zuid", zuid, 2u, NULL);
	handover_member m[] = {{"Ann Een", "1990-01-01", "ouder"}};
	enum { N = 120, OPEN = 10 };
	int64_t ids[N], other[3], zuid_id = 0;
	for (int i = 0; i < N; i++) {
		ids[i] = submit(vt, vt_user, m, 1);
		if (i >= N - OPEN)
			continue; /* still waiting */
		if (i % 2 == 0) /* taken first, or returned straight from the joint triage */
			assert_true(handover_take(ids[i], noord, tl, "x"));
		assert_true(handover_return(ids[i], tl, "overig", "x"));
	}
	for (int i = 0; i < 3; i++)
		other[i] = submit(vt2, vt2_user, m, 1);
	zuid_id = other[0];
	assert_true(handover_take(zuid_id, zuid, tl_zuid, "x") && handover_return(zuid_id, tl_zuid, "overig", "x"));
	assert_true(db_commit());

	/* VT: 50, 50, 20, newest first, no overlap */
	handover_page p1, p2, p3, back;
	handover_vt_page(a, vt, "", 0, 0, &p1);
	assert_int_equal(p1.n, HANDOVER_PAGE);
	assert_int_equal(p1.total, N);
	assert_int_equal(p1.offset, 0);
	assert_true(p1.older && !p1.newer);
	assert_int_equal(p1.rows[0].id, ids[N - 1]);
	handover_vt_page(a, vt, "", p1.rows[p1.n - 1].id, 0, &p2);
	assert_int_equal(p2.n, HANDOVER_PAGE);
	assert_int_equal(p2.offset, HANDOVER_PAGE);
	assert_true(p2.older && p2.newer);
	assert_true(p2.rows[0].id < p1.rows[p1.n - 1].id);
	handover_vt_page(a, vt, "", p2.rows[p2.n - 1].id, 0, &p3);
	assert_int_equal(p3.n, N - 2 * HANDOVER_PAGE);
	assert_true(!p3.older && p3.newer);
	assert_int_equal(p3.rows[p3.n - 1].id, ids[0]);
	for (size_t i = 0; i + 1 < p2.n; i++)
		assert_true(p2.rows[i].id > p2.rows[i + 1].id);
	/* "newer" from page 2 is page 1 again; from page 3 it is page 2 */
	handover_vt_page(a, vt, "", 0, p2.rows[0].id, &back);
	assert_int_equal(back.n, p1.n);
	assert_int_equal(back.rows[0].id, p1.rows[0].id);
	assert_false(back.newer);
	handover_vt_page(a, vt, "", 0, p3.rows[0].id, &back);
	assert_int_equal(back.rows[0].id, p2.rows[0].id);
	assert_int_equal(back.rows[back.n - 1].id, p2.rows[p2.n - 1].id);
	assert_true(back.newer && back.older);
	/* the filter holds on every page */
	handover_vt_page(a, vt, "teruggelegd", 0, 0, &p1);
	assert_int_equal(p1.total, N - OPEN);
	handover_vt_page(a, vt, "teruggelegd", p1.rows[p1.n - 1].id, 0, &p2);
	for (size_t i = 0; i < p2.n; i++)
		assert_string_equal(p2.rows[i].status, "teruggelegd");
	/* the list rows carry what the VT table shows */
	assert_int_equal(p2.rows[0].conditions_total, 0); /* returned: never a case condition */
	assert_true(*p2.rows[0].decided_at);
	/* another VT organisation's ids are only a bound: never a row of it, either way */
	handover_vt_page(a, vt2, "", ids[60], 0, &p1);
	assert_int_equal(p1.total, 3);
	for (size_t i = 0; i < p1.n; i++)
		assert_int_equal(p1.rows[i].vt_org_id, vt2);
	handover_vt_page(a, vt, "", other[2] + 1, 0, &p1);
	for (size_t i = 0; i < p1.n; i++)
		assert_int_equal(p1.rows[i].vt_org_id, vt);

	/* team: 110 decided (taken and returned, or returned from the triage), 50 + 50 + 10 */
	handover_team_decided_page(a, noord, 0, 0, &p1);
	assert_int_equal(p1.total, N - OPEN);
	assert_int_equal(p1.n, HANDOVER_PAGE);
	handover_team_decided_page(a, noord, p1.rows[p1.n - 1].id, 0, &p2);
	handover_team_decided_page(a, noord, p2.rows[p2.n - 1].id, 0, &p3);
	assert_int_equal(p2.n, HANDOVER_PAGE);
	assert_int_equal(p3.n, N - OPEN - 2 * HANDOVER_PAGE);
	assert_false(p3.older);
	int64_t seen[N] = {0};
	size_t ns = 0;
	const handover_page *pages[] = {&p1, &p2, &p3};
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < pages[k]->n; i++) {
			for (size_t j = 0; j < ns; j++)
				assert_int_not_equal(seen[j], pages[k]->rows[i].id);
			assert_int_not_equal(pages[k]->rows[i].id, zuid_id);
			seen[ns++] = pages[k]->rows[i].id;
		}
	assert_int_equal(ns, N - OPEN);
	handover_team_decided_page(a, noord, 0, p2.rows[0].id, &back);
	assert_int_equal(back.rows[0].id, p1.rows[0].id);
	/* Zuid's handover as the anchor reads Noord's newest page; Noord's never shows Zuid's */
	handover_team_decided_page(a, noord, zuid_id, 0, &back);
	assert_int_equal(back.rows[0].id, p1.rows[0].id);
	assert_int_equal(back.offset, 0);
	handover_team_decided_page(a, zuid, p2.rows[0].id, 0, &back);
	assert_int_equal(back.n, 1);
	assert_int_equal(back.rows[0].id, zuid_id);
	/* and the counts are read from the indexes of 0006 */
	assert_true(plan_uses("SELECT count(*) FROM handover WHERE vt_org_id = ?1", "COVERING INDEX handover_vt"));
	assert_true(plan_uses("SELECT count(*) FROM handover WHERE taken_org_id = ?1"
	                      " AND status IN ('geaccepteerd', 'teruggelegd')", "COVERING INDEX handover_team_decided_page"));
	assert_true(plan_uses("SELECT count(*) FROM case_condition WHERE handover_id = ?1 AND status = 'nageleefd'",
	                      "COVERING INDEX case_condition_handover_status"));
	arena_free(a);
}

/* The SQL cutoffs select exactly the items that handover_deadlines_of() calls
 * overdue: many handovers with submission and acceptance moments around
 * weekends, Easter, Christmas, the summer-time switch and Dutch midnight,
 * checked against several days. */
static void test_overdue_cutoffs_agree(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_true(db_begin());
	int64_t vt = org_create("VT", "veilig_thuis");
	int64_t vt_user = user_create("vt", "VT", vt, 1u, NULL);
	handover_member m[] = {{"Ann Een", "1990-01-01", "ouder"}};
	int64_t first = 0;
	for (int i = 0; i < 160; i++) {
		int64_t id = submit(vt, vt_user, m, 1);
		if (!first)
			first = id;
	}
	assert_true(db_commit());
	uint32_t seed = 7;
	int64_t base = kr_days_from_civil((kr_date){2026, 2, 20});
	static const int hours[] = {0, 8, 12, 21, 22, 23};
	for (int i = 0; i < 160; i++) {
		seed = seed * 1103515245u + 12345u;
		int64_t sub = base + (int64_t)((seed >> 8) % 330);
		int h = hours[(seed >> 4) % 6];
		kr_date sd = kr_civil_from_days(sub), dd = kr_civil_from_days(sub + (int64_t)((seed >> 12) % 9));
		const char *status = (seed >> 16) % 3 == 0 ? "ingediend" : (seed >> 16) % 3 == 1 ? "in_behandeling" : "geaccepteerd";
		bool accepted = strcmp(status, "geaccepteerd") == 0;
		char sql[512];
		snprintf(sql, sizeof sql,
		         "UPDATE handover SET status = '%s', submitted_at = '%04d-%02d-%02d %02d:30:00',"
		         " decided_at = %s, warm_held_date = %s, feedback_first_at = %s WHERE id = %lld",
		         status, sd.y, sd.m, sd.d, h,
		         accepted ? arena_printf(a, "'%04d-%02d-%02d %02d:15:00'", dd.y, dd.m, dd.d, h) : "NULL",
		         accepted && (seed >> 20) % 2 ? "'2026-12-31'" : "NULL",
		         accepted && (seed >> 21) % 2 ? "'2026-12-31 10:00:00'" : "NULL", (long long)(first + i));
		assert_true(db_exec_script(sql));
	}
	handover_norms norms;
	handover_norms_get(&norms);
	int64_t total = 0, partial_days = 0;
	for (int64_t day = base; day < base + 360; day += 7) {
		kr_date today = kr_civil_from_days(day);
		size_t n;
		handover_rec *open = handover_vt_open_items(a, vt, &n);
		int64_t expected = 0;
		for (size_t i = 0; i < n; i++) {
			handover_deadlines dl;
			handover_deadlines_of(&open[i], &norms, today, &dl);
			if (dl.decision_overdue || dl.warm_overdue || dl.feedback_overdue)
				expected++;
		}
		handover_cutoffs c;
		handover_cutoffs_of(&norms, today, &c);
		assert_int_equal(handover_vt_overdue_count(vt, "", &c), expected);
		total += expected;
		partial_days += expected > 0 && (size_t)expected < n;
		size_t k;
		handover_rec *items = handover_vt_overdue_items(a, vt, &c, 1000, &k);
		assert_int_equal((int64_t)k, expected);
		for (size_t i = 0; i < k; i++) {
			handover_deadlines dl;
			handover_deadlines_of(&items[i], &norms, today, &dl);
			assert_true(dl.decision_overdue || dl.warm_overdue || dl.feedback_overdue);
		}
	}
	assert_true(total > 0);
	assert_true(partial_days > 10); /* the boundary is really exercised */
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_koningsdag_on_sunday),
		cmocka_unit_test(test_christmas_new_year),
		cmocka_unit_test(test_concept_and_returned),
		cmocka_unit_test(test_name_key),
		cmocka_unit_test(test_dutch_date_of_utc),
		cmocka_unit_test_setup_teardown(test_known_match, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_panel_queries, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_list_pages, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_overdue_cutoffs_agree, db_setup, db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
