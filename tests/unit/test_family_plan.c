/*
 * test_family_plan.c — the family plan's pure parts: ZRM labels as in the issue,
 * "under 12" on the birthday boundary, the evaluation chart's bar widths (50 px a
 * point, no bar for no score) and its summary counting change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pages/family_plan_int.h"
#include "store/family_plan.h"
#include "view/svg_zrm.h"

static void test_labels(void **state)
{
	(void)state;
	assert_string_equal(zrm_domain_label(1), "Financiën");
	assert_string_equal(zrm_domain_label(2), "Werk & opleiding");
	assert_string_equal(zrm_domain_label(13), "Justitie");
	assert_string_equal(zrm_domain_label(0), "");
	assert_string_equal(zrm_domain_label(14), "");
	assert_string_equal(zrm_score_label(1), "acute problematiek");
	assert_string_equal(zrm_score_label(5), "volledig zelfredzaam");
	assert_string_equal(zrm_score_label(6), "");
	assert_string_equal(fp_goal_status_label("niet_behaald"), "niet behaald");
	assert_string_equal(evaluation_conclusion_label("volgende_fase"), "volgende fase");
}

static void test_under_age(void **state)
{
	(void)state;
	person p = {.id = 1, .name = "Noah", .birthdate = "2014-11-27", .role = "kind"};
	assert_false(fp_under_age(&p, "2026-11-27")); /* twelfth birthday */
	assert_true(fp_under_age(&p, "2026-11-26"));
	p.birthdate = "";
	assert_false(fp_under_age(&p, "2026-11-26")); /* unknown: scored like an adult */
}

static void test_chart(void **state)
{
	(void)state;
	assert_int_equal(svg_zrm_bar_width(0), 0);
	assert_int_equal(svg_zrm_bar_width(1), ZRM_POINT_W);
	assert_int_equal(svg_zrm_bar_width(5), 5 * ZRM_POINT_W);
	assert_int_equal(svg_zrm_bar_width(6), 0);
	arena *a = arena_new();
	svg_zrm_row rows[3] = {{"Linda — Financiën", 2, 4}, {"Marco — Justitie", 3, 2}, {"Marco — Werk", 0, 3}};
	tv *chart = svg_zrm_chart(a, rows, 3);
	assert_string_equal(tv_text(tv_get(chart, "summary")),
	                    "ZRM-scores bij de start en nu, 3 domeinen: 1 vooruit, 1 achteruit.");
	assert_int_equal(tv_list_len(tv_get(chart, "rows")), 3);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_under_age),
		cmocka_unit_test(test_chart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
