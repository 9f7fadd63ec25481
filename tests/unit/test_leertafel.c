/*
 * test_leertafel.c — unit tests for the leertafel's pure parts: traffic-light
 * counts, overdue, status names, "wanneer" (deadline or quarter) parsing, the
 * bar layout of the SVG report, and the BSN check on leertafel-style text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "store/action.h"
#include "util/arena.h"
#include "util/textcheck.h"
#include "util/utf8.h"
#include "pages/leertafel_chart.h"
#include "view/svg_report.h"
#include "view/tmpl.h"

static void test_counts(void **state)
{
	(void)state;
	traffic_counts c = {0};
	traffic_counts_add(&c, "groen", false);
	traffic_counts_add(&c, "groen", true);
	traffic_counts_add(&c, "oranje", true);
	traffic_counts_add(&c, "rood", false);
	traffic_counts_add(&c, "afgerond", true); /* afgerond is never overdue */
	traffic_counts_add(&c, "paars", false);   /* unknown: in total only */
	assert_int_equal(c.n[LT_GROEN], 2);
	assert_int_equal(c.n[LT_ORANJE], 1);
	assert_int_equal(c.n[LT_ROOD], 1);
	assert_int_equal(c.n[LT_AFGEROND], 1);
	assert_int_equal(c.total, 6);
	assert_int_equal(c.overdue, 2);
	traffic_counts_add(&c, NULL, true);
	assert_int_equal(c.total, 7);
	assert_int_equal(c.overdue, 3);
}

static void test_status_names(void **state)
{
	(void)state;
	assert_int_equal(action_status_index("groen"), 0);
	assert_int_equal(action_status_index("afgerond"), 3);
	assert_int_equal(action_status_index("Groen"), -1);
	assert_int_equal(action_status_index(NULL), -1);
	assert_string_equal(action_status_meaning("oranje"), "risico");
	assert_string_equal(action_status_meaning("rood"), "vastgelopen");
	assert_string_equal(action_status_meaning("x"), "");
	assert_null(action_statuses[LT_NSTATUS]);
}

static void test_overdue(void **state)
{
	(void)state;
	assert_true(action_is_overdue("2026-03-31", "groen", "2026-04-01"));
	assert_false(action_is_overdue("2026-03-31", "groen", "2026-03-31")); /* due today: not yet late */
	assert_false(action_is_overdue("2026-03-31", "afgerond", "2027-01-01"));
	assert_false(action_is_overdue("", "rood", "2027-01-01"));
	assert_false(action_is_overdue(NULL, "rood", "2027-01-01"));
	assert_false(action_is_overdue("2026-02-30", "rood", "2027-01-01"));
}

static void test_when(void **state)
{
	(void)state;
	char due[11], q[8];
	const char *field = NULL;
	assert_null(action_parse_when("", "q1 2027", due, q, &field));
	assert_string_equal(due, "2027-03-31");
	assert_string_equal(q, "Q1 2027");
	assert_null(action_parse_when(NULL, " 2026-Q4 ", due, q, &field));
	assert_string_equal(due, "2026-12-31");
	assert_string_equal(q, "Q4 2026");
	assert_null(action_parse_when("", "Q1-2024", due, q, &field));
	assert_string_equal(due, "2024-03-31");
	assert_null(action_parse_when("2026-06-01", "", due, q, &field));
	assert_string_equal(due, "2026-06-01");
	assert_string_equal(q, "");

	field = NULL;
	assert_non_null(action_parse_when("2026-06-01", "Q1 2027", due, q, &field));
	assert_string_equal(field, "quarter");
	assert_non_null(action_parse_when("", "", due, q, &field));
	assert_string_equal(field, "deadline");
	assert_non_null(action_parse_when(NULL, NULL, due, q, &field));
	assert_string_equal(field, "deadline");
	assert_non_null(action_parse_when("2027-02-30", "", due, q, &field));
	assert_string_equal(field, "deadline");
	/* the Dutch kwartaal and extra spaces */
	assert_null(action_parse_when("", "K1 2027", due, q, &field));
	assert_string_equal(q, "Q1 2027");
	assert_string_equal(due, "2027-03-31");
	assert_null(action_parse_when("", "  k3    2026 ", due, q, &field));
	assert_string_equal(q, "Q3 2026");
	assert_null(action_parse_when("", "2027-K2", due, q, &field));
	assert_string_equal(q, "Q2 2027");
	const char *bad[] = {"K5 2027", "Q1 2 027", "Q5 2027", "Q0 2027", "Q1 27", "Q1 2027 extra", "kwartaal 1", "Q1 1899"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		field = NULL;
		assert_non_null(action_parse_when("", bad[i], due, q, &field));
		assert_string_equal(field, "quarter");
	}
}

static int seg_sum(const svg_segment s[LT_NSTATUS])
{
	int sum = 0;
	for (int i = 0; i < LT_NSTATUS; i++) {
		assert_true(s[i].w >= 0);
		if (i)
			assert_int_equal(s[i].x, s[i - 1].x + s[i - 1].w); /* no gaps, no overlaps */
		sum += s[i].w;
	}
	return sum;
}

static void test_layout(void **state)
{
	(void)state;
	svg_segment s[LT_NSTATUS];
	traffic_counts c = {.n = {1, 1, 1, 0}, .total = 3};
	svg_report_layout(c.n, LT_NSTATUS, 3, s);
	assert_int_equal(s[0].w, SVG_BAR_AREA / 3);
	assert_int_equal(s[1].w, SVG_BAR_AREA / 3);
	assert_int_equal(s[2].w, SVG_BAR_AREA / 3);
	assert_int_equal(s[3].w, 0);
	assert_int_equal(seg_sum(s), SVG_BAR_AREA);
	/* rounding never loses or gains pixels against the scaled total */
	svg_report_layout(c.n, LT_NSTATUS, 7, s);
	assert_int_equal(seg_sum(s), (3 * SVG_BAR_AREA + 3) / 7);
	traffic_counts d = {.n = {5, 0, 2, 6}, .total = 13};
	svg_report_layout(d.n, LT_NSTATUS, 13, s);
	assert_int_equal(seg_sum(s), SVG_BAR_AREA);
	assert_int_equal(s[1].w, 0);
	traffic_counts none = {0};
	svg_report_layout(none.n, LT_NSTATUS, 0, s);
	assert_int_equal(seg_sum(s), 0);
}

static void test_chart(void **state)
{
	(void)state;
	arena *a = arena_new();
	svg_bar_row rows[2] = {{.label = "Eerder <en> beter in beeld", .counts = {.n = {2, 0, 1, 0}, .total = 3}},
	                       {.label = "Totaal", .counts = {.n = {2, 1, 1, 2}, .total = 6}}};
	tv *chart = leertafel_chart(a, rows, 2);
	tv *list = tv_get(chart, "rows");
	assert_int_equal(tv_list_len(list), 2);
	assert_string_equal(tv_text(tv_get(chart, "height")), "118"); /* 10 + 2 * 34 + 40 */
	arena_free(a);
}

static void test_long_labels(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_string_equal(svg_report_label(a, "Eerder en beter in beeld", SVG_LABEL_CHARS), "Eerder en beter in beeld");
	const char *lng = "Specifieke groepen beter bedienen en samen leren in de hele regio";
	const char *cut = svg_report_label(a, lng, SVG_LABEL_CHARS);
	assert_string_equal(cut, "Specifieke groepen beter…"); /* at a word boundary */
	assert_true(utf8_chars(cut, strlen(cut)) <= SVG_LABEL_CHARS);
	cut = svg_report_label(a, "Ketensamenwerkingsafsprakenoverzichtsdocument", 10);
	assert_string_equal(cut, "Ketensame…");
	cut = svg_report_label(a, "ééééééééééééé", 5); /* never inside a UTF-8 sequence */
	assert_string_equal(cut, "éééé…");
	/* the chart draws the short label and keeps the full one for the <title> */
	svg_bar_row rows[1] = {{.label = lng, .counts = {.n = {1, 0, 0, 0}, .total = 1}}};
	tv *ctx = tv_obj(a);
	tv_set(ctx, "chart", leertafel_chart(a, rows, 1));
	static const char src[] = "{{#chart.rows}}{{label}}|{{full_label}}{{/chart.rows}}";
	tmpl_source ts = {"t", src, sizeof src - 1};
	char err[128];
	tmpl_set *set = tmpl_load(&ts, 1, err, sizeof err);
	assert_non_null(set);
	strbuf out;
	sb_init(&out, a);
	assert_true(tmpl_render(set, "t", ctx, &out));
	assert_string_equal(out.data, "Specifieke groepen beter…|Specifieke groepen beter bedienen en samen leren in de hele regio");
	tmpl_set_free(set);
	arena_free(a);
}

static void test_bsn_in_leertafel_text(void **state)
{
	(void)state;
	assert_true(text_has_bsn("Bespreken casus BSN 123456782"));
	assert_true(text_has_bsn("zie 123.456.782"));
	assert_false(text_has_bsn("Kenmerk 123456789")); /* fails the elfproef */
	assert_false(text_has_bsn("Q1 2027: 25 aandachtsfunctionarissen"));
	assert_true(text_has_birthdate_until("Kind geboren 12-03-2015 besproken", 2026));
	assert_false(text_has_birthdate_until("Actie uiterlijk Q4 2026", 2026));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_when),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_chart),
		cmocka_unit_test(test_long_labels),
		cmocka_unit_test(test_bsn_in_leertafel_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
