/*
 * safety_plan_versions.c — GET /casussen/{id}/veiligheidsplan/versies/{n}: one
 * earlier version of the plan, read-only, and (?met=m) its comparison with
 * version m part by part: added, removed, changed. Both filtered by the reader's
 * parts from case_parts_of(); access is the route table's.
 */
#include "pages/safety_plan.h"
#include "pages/safety_plan_int.h"

#include "auth/case_parts.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/db.h"

#include <string.h>

static void show_version(request *rq)
{
	arena *a = rq->a;
	case_rec c;
	sp_plan v;
	if (rq->nids < 2 || !case_get(a, rq->ids[0], &c) || !safety_plan_get(a, c.id, rq->ids[1], &v)) {
		respond_error(rq, 404);
		return;
	}
	unsigned mask = case_parts_of(rq, c.id);
	tv *ctx = page_ctx(rq, arena_printf(a, "Veiligheidsplan versie %lld — %s", (long long)v.n, c.household_name));
	page_add_form(ctx, &rq->form);
	tv_set_int(ctx, "case_id", c.id);
	tv_set_str(ctx, "household_name", c.household_name);
	tv_set(ctx, "view", sp_plan_view(rq, &v, mask, rq->user->org_id));
	rq->audit.detail = arena_printf(a, "veiligheidsplan versie %lld", (long long)v.n);

	int64_t other = 0;
	sp_plan o;
	if (form_int(&rq->form, "met", &other) && other != v.n) {
		if (!safety_plan_get(a, c.id, other, &o)) {
			form_add_error(&rq->form, "met", "Die versie bestaat niet.");
			page_add_form(ctx, &rq->form);
		} else {
			const sp_plan *older = other < v.n ? &o : &v, *newer = other < v.n ? &v : &o;
			tv_set(ctx, "changes", sp_compare_view(rq, older, newer, mask, rq->user->org_id));
			tv_set_int(ctx, "older_n", older->n);
			tv_set_int(ctx, "newer_n", newer->n);
			rq->audit.detail = arena_printf(a, "veiligheidsplan versies %lld en %lld vergeleken", (long long)older->n,
			                                (long long)newer->n);
		}
	}
	size_t n;
	sp_version_row *rows = safety_plan_versions(a, c.id, &n);
	tv *choices = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].n == v.n)
			continue;
		tv *x = tv_obj(a);
		tv_set_int(x, "value", rows[i].n);
		tv_set_str(x, "label", arena_printf(a, "versie %lld%s", (long long)rows[i].n,
		                                    strcmp(rows[i].status, "vastgesteld") == 0 ? " (vastgesteld)" : ""));
		tv_set_bool(x, "selected", rows[i].n == other || (!other && rows[i].n == v.n - 1));
		tv_push(choices, x);
	}
	tv_set(ctx, "compare_choices", choices);
	tv_set_bool(ctx, "can_compare", tv_list_len(choices) > 0);
	respond_page(rq, 200, "safety_plan_version", ctx);
}

void page_safety_plan_version(request *rq)
{
	bool begun = db_read_begin();
	show_version(rq);
	db_read_end(begun);
}
