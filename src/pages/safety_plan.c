/*
 * safety_plan.c — /casussen/{id}/veiligheidsplan: the plan page (the latest
 * version, filtered by what case_parts_of() gives the reader), the form that saves
 * a new version, recording the plan as agreed with the family, and the conflict
 * page when someone else saved first (DESIGN.md §5: nothing lost).
 *
 * Every save is a new version; the form's `version` field names the version it
 * was opened at, and a save against an older one never overwrites it. Access is
 * the route table's (auth/safety_plan_access.c); this file only asks the same
 * functions what to show. Opening an agreed version records that the user read it.
 */
#include "pages/safety_plan.h"
#include "pages/plan_version.h"
#include "pages/safety_plan_int.h"

#include "auth/case_parts.h"
#include "auth/safety_plan_access.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/db.h"
#include "util/date.h"

#include <string.h>

static void put_case(tv *ctx, const case_rec *c)
{
	tv_set_int(ctx, "case_id", c->id);
	tv_set_str(ctx, "household_name", c->household_name);
	tv_set_str(ctx, "director", c->director_name);
	char iso[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), iso);
	tv_set_str(ctx, "today_iso", iso);
}

/* Links to print the plan: the family version and one per involved organisation
 * other than the case's own team. */
static void put_print_links(request *rq, tv *ctx, int64_t case_id, int64_t team_org_id)
{
	arena *a = rq->a;
	size_t n;
	sp_org *orgs = safety_plan_involved_orgs(a, case_id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		if (orgs[i].id == team_org_id || !safety_plan_parts_of_org(rq, case_id, orgs[i].id))
			continue;
		tv *o = tv_obj(a);
		tv_set_int(o, "id", orgs[i].id);
		tv_set_str(o, "name", orgs[i].name);
		tv_push(list, o);
	}
	tv_set(ctx, "print_orgs", list);
}

static void put_versions(request *rq, tv *ctx, int64_t case_id)
{
	arena *a = rq->a;
	size_t n;
	sp_version_row *v = safety_plan_versions(a, case_id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "n", v[i].n);
		tv_set_bool(o, "agreed", strcmp(v[i].status, "vastgesteld") == 0);
		tv_set_str(o, "agreed_on", hv_date(a, v[i].agreed_on));
		tv_set_str(o, "by", v[i].saved_by_name);
		tv_set_str(o, "at", hv_datetime(a, v[i].saved_at));
		if (i + 1 < n)
			tv_set_int(o, "previous", v[i + 1].n);
		tv_push(list, o);
	}
	tv_set(ctx, "versions", list);
	tv_set_bool(ctx, "has_versions", n > 0);
}

/* The plan page. form_state: NULL (fresh), "invalid" (422, input kept), "more"
 * (meer regels: input kept, more empty rows). */
static void show_plan(request *rq, int status, const char *form_state)
{
	arena *a = rq->a;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	unsigned mask = case_parts_of(rq, c.id);
	tv *ctx = page_ctx(rq, arena_printf(a, "Veiligheidsplan — %s", c.household_name));
	page_add_form(ctx, &rq->form);
	put_case(ctx, &c);
	bool from_form = form_state != NULL;

	sp_plan cur;
	bool have = safety_plan_get(a, c.id, 0, &cur);
	sp_plan agreed;
	bool have_agreed = have && safety_plan_get(a, c.id, -1, &agreed);
	if (have) {
		tv_set(ctx, "view", sp_plan_view(rq, &cur, mask, rq->user->org_id));
		tv_set_bool(ctx, "is_concept", strcmp(cur.status, "concept") == 0);
	}
	if (have_agreed) {
		tv_set_int(ctx, "agreed_n", agreed.n);
		tv_set_str(ctx, "agreed_on", hv_date(a, agreed.agreed_on));
		tv_set_bool(ctx, "agreed_is_latest", agreed.n == cur.n);
	}
	tv_set_bool(ctx, "has_plan", have);
	bool editor = safety_plan_may_edit(rq, mask);
	tv_set_bool(ctx, "may_edit", editor && strcmp(c.status, "open") == 0);
	tv_set_bool(ctx, "may_agree", safety_plan_may_agree(rq, c.id) && strcmp(c.status, "open") == 0);
	tv_set_bool(ctx, "may_print_family", safety_plan_may_print_family(mask));
	tv_set_bool(ctx, "show_conditions", (mask & PART_VOORWAARDEN) != 0);
	if (mask & PART_VOORWAARDEN) {
		sp_conditions_put(rq, ctx, c.id, safety_plan_may_agree(rq, c.id) && strcmp(c.status, "open") == 0);
		tv_set_str(ctx, "conditions_back", "plan");
	}
	tv_set_int(ctx, "user_org_id", rq->user->org_id);
	if (editor) {
		sp_plan base;
		if (from_form)
			sp_plan_from_form(rq, &base, false);
		else if (have)
			base = cur;
		else
			sp_plan_defaults(a, &base, c.id);
		int64_t opened_at = have ? cur.n : 0;
		if (from_form)
			form_int(&rq->form, "version", &opened_at);
		tv_set_int(ctx, "version", opened_at);
		sp_form_put(rq, ctx, &base, from_form, form_state && strcmp(form_state, "more") == 0 ? SP_MORE_ROWS : 0);
		put_print_links(rq, ctx, c.id, c.team_org_id);
		if (have_agreed) {
			size_t nr;
			sp_reader *r = safety_plan_readers(a, agreed.id, &nr);
			tv *list = tv_list(a);
			for (size_t i = 0; i < nr; i++) {
				tv *o = tv_obj(a);
				tv_set_str(o, "name", r[i].name);
				tv_set_str(o, "org", r[i].org_name);
				tv_set_str(o, "at", hv_datetime(a, r[i].read_at));
				tv_push(list, o);
			}
			tv_set(ctx, "readers", list);
			sp_unread_put(rq, ctx, c.id, agreed.id, r, nr);
		}
	}
	if (mask & PART_PLAN_ALL)
		put_versions(rq, ctx, c.id);
	respond_page(rq, status, "safety_plan", ctx);

}

void page_safety_plan_show(request *rq)
{
	bool begun = db_read_begin();
	rq->audit.detail = "veiligheidsplan";
	show_plan(rq, 200, NULL);
	db_read_end(begun);
	/* Opening the agreed version counts as reading it ("nieuw veiligheidsplan"
	 * leaves the start page); the router audits this view. Outside the snapshot. */
	case_rec c;
	sp_plan agreed;
	if (rq->res.status == 200 && case_get(rq->a, rq->ids[0], &c) && safety_plan_get(rq->a, c.id, -1, &agreed) &&
	    !safety_plan_has_read(agreed.id, rq->user->id) && db_begin()) {
		if (safety_plan_mark_read(agreed.id, rq->user->id))
			db_commit();
		else
			db_rollback();
	}
}

/* 409: the user's own input as an editable form next to the version saved in the
 * meantime; the form carries the current version, so saving it again is the merge. */
static void show_conflict(request *rq, const case_rec *c, int64_t current_n)
{
	arena *a = rq->a;
	unsigned mask = case_parts_of(rq, c->id);
	tv *ctx = page_ctx(rq, "Het veiligheidsplan is intussen gewijzigd");
	page_add_form(ctx, &rq->form);
	put_case(ctx, c);
	sp_plan mine, cur;
	sp_plan_from_form(rq, &mine, false);
	if (safety_plan_get(a, c->id, current_n, &cur)) {
		tv_set(ctx, "view", sp_plan_view(rq, &cur, mask, rq->user->org_id));
		/* the form holds only new conditions: compare the parts the user edits */
		tv_set(ctx, "changes", sp_compare_view(rq, &mine, &cur, mask & ~(unsigned)PART_VOORWAARDEN, rq->user->org_id));
	}
	int64_t opened_at = 0;
	form_int(&rq->form, "version", &opened_at);
	tv_set_int(ctx, "opened_at", opened_at);
	tv_set_int(ctx, "version", current_n);
	tv_set_bool(ctx, "may_edit", true);
	tv_set_bool(ctx, "may_agree", safety_plan_may_agree(rq, c->id));
	sp_form_put(rq, ctx, &mine, true, 0);
	respond_page(rq, 409, "safety_plan_conflict", ctx);
}

/* plan_versioning glue: the case and the parsed plan travel as the plan pointer */
typedef struct sp_save {
	case_rec *c;
	sp_plan *plan;
} sp_save;

/* Inside the transaction: own new conditions become the case's checkable items,
 * and the version holds them all. */
static int64_t sp_save_version(request *rq, void *state, int64_t opened_at)
{
	arena *a = rq->a;
	sp_save *s = state;
	sp_plan *p = s->plan;
	for (size_t i = 0; i < p->nitems[SP_VOORWAARDE]; i++)
		if (!case_condition_add(s->c->id, 0, p->items[SP_VOORWAARDE][i].f[0]))
			return -1;
	size_t nk;
	case_condition *k = case_conditions(a, s->c->id, &nk);
	sp_item *snap = arena_alloc(a, (nk + 1) * sizeof *snap);
	memset(snap, 0, (nk + 1) * sizeof *snap);
	for (size_t i = 0; i < nk; i++) {
		for (int col = 0; col < SP_MAX_COLS; col++)
			snap[i].f[col] = "";
		snap[i].f[0] = k[i].text;
		snap[i].condition_id = k[i].id;
	}
	p->items[SP_VOORWAARDE] = snap;
	p->nitems[SP_VOORWAARDE] = nk;
	return safety_plan_save(p, opened_at, rq->user->id);
}

static void sp_conflict(request *rq, void *state, int64_t current_n)
{
	show_conflict(rq, ((sp_save *)state)->c, current_n);
}

static const plan_versioning safety_plan_versioning = {
	.path = "veiligheidsplan",
	.closed = "het veiligheidsplan (de casus is gesloten)",
	.label = "veiligheidsplan",
	.latest_n = safety_plan_latest_n,
	.save = sp_save_version,
	.conflict = sp_conflict,
};

/* Save (concept) or record as agreed with the family (agreeing). */
static void save(request *rq, bool agreeing)
{
	form *f = &rq->form;
	case_rec c;
	if (!case_get(rq->a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	if (plan_refuse_closed(rq, &c, &safety_plan_versioning))
		return;
	if (strcmp(form_str(f, "action"), "meer_regels") == 0) {
		show_plan(rq, 200, "more");
		return;
	}
	int64_t opened_at;
	if (!plan_opened_at(rq, &opened_at))
		return;
	sp_plan p;
	sp_plan_from_form(rq, &p, agreeing);
	if (form_has_errors(f)) {
		show_plan(rq, 422, "invalid");
		return;
	}
	sp_save state = {.c = &c, .plan = &p};
	plan_save_versioned(rq, c.id, opened_at, &safety_plan_versioning, &state,
	                    agreeing ? " vastgesteld met het gezin" : "");
}

void page_safety_plan_save(request *rq)
{
	save(rq, false);
}

void page_safety_plan_agree(request *rq)
{
	save(rq, true);
}
