/*
 * family_plan.c — /casussen/{id}/gezinsplan: the family plan page (the safety plan's
 * summary and conditions on top, through the safety plan's own reading functions
 * and the reader's parts; then the latest version: the family's goals in its own
 * words, strengths, worries, ZRM scores per member, goals, services deployed), the
 * form that saves a new version, and the conflict page when someone saved first.
 *
 * Versions and conflicts work exactly like the safety plan's (pages/safety_plan.c):
 * the form's `version` names the version it was opened at; a save against an older
 * one is never written but shown (409) next to the current version, the user's
 * input kept and carrying the current version, so saving again is the merge.
 */
#include "pages/family_plan.h"
#include "pages/family_plan_int.h"
#include "pages/plan_version.h"
#include "pages/safety_plan.h"
#include "pages/safety_plan_int.h"

#include "auth/case_parts.h"
#include "auth/family_plan_access.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/db.h"
#include "util/date.h"

#include <string.h>

typedef struct fp_page {
	case_rec c;
	unsigned mask;
	person *members;
	size_t nmembers;
	char today[KR_DATE_BUF];
} fp_page;

static bool load(request *rq, fp_page *pg)
{
	if (!case_get(rq->a, rq->ids[0], &pg->c))
		return false;
	pg->mask = case_parts_of(rq, pg->c.id);
	pg->members = household_members(rq->a, pg->c.household_id, &pg->nmembers);
	kr_date_format_iso(kr_date_today_nl(), pg->today);
	return true;
}

static tv *base_ctx(request *rq, const fp_page *pg, const char *title)
{
	tv *ctx = page_ctx(rq, arena_printf(rq->a, "%s — %s", title, pg->c.household_name));
	page_add_form(ctx, &rq->form);
	tv_set_int(ctx, "case_id", pg->c.id);
	tv_set_str(ctx, "household_name", pg->c.household_name);
	tv_set_str(ctx, "director", pg->c.director_name);
	tv_set_str(ctx, "today_iso", pg->today);
	case_parts_to_view(ctx, pg->mask);
	return ctx;
}

/* The safety plan on top: the agreed version (else the latest), only the parts the
 * reader sees, and the conditions read-only (they are changed on the safety plan). */
static void put_safety_plan(request *rq, tv *ctx, const fp_page *pg)
{
	sp_plan sp;
	if (safety_plan_get(rq->a, pg->c.id, -1, &sp) || safety_plan_get(rq->a, pg->c.id, 0, &sp))
		tv_set(ctx, "safety", sp_plan_view(rq, &sp, pg->mask & ~(unsigned)PART_VOORWAARDEN, rq->user->org_id));
	if (pg->mask & PART_VOORWAARDEN) {
		sp_conditions_put(rq, ctx, pg->c.id, false);
		tv_set_bool(ctx, "show_conditions", true);
	}
}

static void show(request *rq, int status, bool from_form)
{
	arena *a = rq->a;
	fp_page pg;
	if (!load(rq, &pg)) {
		respond_error(rq, 404);
		return;
	}
	tv *ctx = base_ctx(rq, &pg, "Gezinsplan");
	put_safety_plan(rq, ctx, &pg);
	fp_plan cur;
	bool have = family_plan_get(a, pg.c.id, 0, &cur);
	if (have)
		tv_set(ctx, "plan", fp_plan_view(rq, &cur, pg.members, pg.nmembers, pg.today));
	tv_set_bool(ctx, "has_plan", have);
	tv_set_str(ctx, "next_evaluation", hv_date(a, evaluation_due_of(a, pg.c.id)));
	bool editor = family_plan_may_edit(rq, pg.mask) && strcmp(pg.c.status, "open") == 0;
	tv_set_bool(ctx, "may_edit", editor);
	if (editor) {
		fp_plan empty = {.family_goals = "", .strengths = "", .worries = ""};
		int64_t opened_at = have ? cur.n : 0;
		if (from_form)
			form_int(&rq->form, "version", &opened_at);
		tv_set_int(ctx, "version", opened_at);
		fp_form_put(rq, ctx, have ? &cur : &empty, pg.members, pg.nmembers, pg.today);
	}
	respond_page(rq, status, "family_plan", ctx);
}

void page_family_plan_show(request *rq)
{
	bool begun = db_read_begin();
	rq->audit.detail = "gezinsplan";
	show(rq, 200, false);
	db_read_end(begun);
}

static void show_conflict(request *rq, const fp_page *pg, int64_t current_n)
{
	arena *a = rq->a;
	tv *ctx = base_ctx(rq, pg, "Het gezinsplan is intussen gewijzigd");
	fp_plan cur;
	if (family_plan_get(a, pg->c.id, current_n, &cur))
		tv_set(ctx, "plan", fp_plan_view(rq, &cur, pg->members, pg->nmembers, pg->today));
	int64_t opened_at = 0;
	form_int(&rq->form, "version", &opened_at);
	tv_set_int(ctx, "opened_at", opened_at);
	tv_set_int(ctx, "version", current_n);
	fp_plan empty = {.family_goals = "", .strengths = "", .worries = ""};
	fp_form_put(rq, ctx, &empty, pg->members, pg->nmembers, pg->today);
	respond_page(rq, 409, "family_plan_conflict", ctx);
}

/* plan_versioning glue: the page state travels as the plan pointer */
typedef struct fp_save {
	fp_page *pg;
	fp_plan *plan;
} fp_save;

static int64_t fp_save_version(request *rq, void *state, int64_t opened_at)
{
	fp_save *s = state;
	return family_plan_save(s->plan, opened_at, rq->user->id);
}

static void fp_conflict(request *rq, void *state, int64_t current_n)
{
	show_conflict(rq, ((fp_save *)state)->pg, current_n);
}

static const plan_versioning family_plan_versioning = {
	.path = "gezinsplan",
	.closed = "het gezinsplan (de casus is gesloten)",
	.label = "gezinsplan",
	.latest_n = family_plan_latest_n,
	.save = fp_save_version,
	.conflict = fp_conflict,
};

void page_family_plan_save(request *rq)
{
	fp_page pg;
	if (!load(rq, &pg)) {
		respond_error(rq, 404);
		return;
	}
	int64_t opened_at;
	if (plan_refuse_closed(rq, &pg.c, &family_plan_versioning) || !plan_opened_at(rq, &opened_at))
		return;
	fp_plan p = {.case_id = pg.c.id};
	fp_plan_from_form(rq, &p, pg.members, pg.nmembers, pg.today);
	if (form_has_errors(&rq->form)) {
		show(rq, 422, true);
		return;
	}
	fp_save state = {.pg = &pg, .plan = &p};
	plan_save_versioned(rq, pg.c.id, opened_at, &family_plan_versioning, &state, "");
}
