/*
 * leertafel_action.c — leertafel actions (create in a meeting or in the plan,
 * edit, status with kept history), escalations to the bestuurlijk overleg and
 * the board agenda.
 *
 * Never shows or queries client data. The status update is the only route a
 * leertafellid may post to; who may update which action is decided by
 * leertafel_may_update_action() (leertafel.c) and nowhere else. Every write
 * runs in one transaction: a failed check stores nothing.
 */
#include "pages/leertafel.h"
#include "pages/leertafel_int.h"

#include "server/flash.h"
#include "server/respond.h"
#include "store/action.h"
#include "store/action_plan.h"
#include "store/actielijn.h"
#include "store/board.h"
#include "store/db.h"
#include "store/meeting.h"
#include "store/org.h"
#include "util/date.h"
#include "view/markdown.h"

#include <stdio.h>
#include <string.h>

static const char *const action_text_fields[] = {"wat", "hoe", "status_note", NULL};
static const char *const status_text_fields[] = {"status_note", NULL};
static const char *const escalation_text_fields[] = {"subject", "reason", NULL};
static const char *const decision_text_fields[] = {"decision", NULL};

static const char *opt_text(const form *f, const char *name)
{
	const char *s = form_get(f, name);
	return s ? s : "";
}

static tv *item_options(request *rq, const lt_item *items, size_t n, int64_t selected)
{
	tv *list = tv_list(rq->a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(rq->a);
		tv_set_int(o, "value", items[i].id);
		tv_set_str(o, "label", items[i].name);
		tv_set_bool(o, "selected", items[i].id == selected);
		tv_push(list, o);
	}
	return list;
}

static tv *status_options(request *rq, const char *selected)
{
	tv *list = tv_list(rq->a);
	for (int i = 0; i < LT_NSTATUS; i++) {
		tv *o = tv_obj(rq->a);
		tv_set_str(o, "value", action_statuses[i]);
		tv_set_str(o, "meaning", action_status_extra(action_statuses[i]));
		tv_set_bool(o, "selected", selected && strcmp(selected, action_statuses[i]) == 0);
		tv_push(list, o);
	}
	return list;
}

/* ---- the action form ---------------------------------------------------------------- */

/* Where a new action is born: a meeting (its year's plan) or a plan directly. */
typedef struct birth {
	meeting m;
	bool in_meeting;
	action_plan plan;
	bool have_plan;
	int year;
} birth;

static void set_birth_ctx(request *rq, tv *ctx, const birth *b)
{
	if (b->in_meeting) {
		tv *m = tv_obj(rq->a);
		tv_set_int(m, "id", b->m.id);
		tv_set_str(m, "date", lt_date(rq->a, b->m.held_on));
		tv_set(ctx, "meeting", m);
	}
	if (b->have_plan) {
		tv *p = tv_obj(rq->a);
		tv_set_int(p, "id", b->plan.id);
		tv_set_int(p, "year", b->plan.year);
		tv_set_str(p, "title", b->plan.title);
		tv_set_str(p, "adopted_on", lt_date(rq->a, b->plan.adopted_on));
		tv_set(ctx, "plan", p);
	}
	tv_set_int(ctx, "year", b->year);
}

/* x: the values to show when not submitted (defaults or the stored action). */
static void show_action_form(request *rq, int status, const action *x, const birth *b, bool submitted)
{
	arena *a = rq->a;
	form *f = &rq->form;
	tv *ctx = page_ctx(rq, x->id ? "Actie wijzigen" : "Nieuwe actie");
	lt_add_form(ctx, rq);
	set_birth_ctx(rq, ctx, b);
	if (x->id)
		tv_set_int(ctx, "id", x->id);
	tv *v = tv_obj(a);
	int64_t owner = x->owner_id, lijn = x->actielijn_id, tag = x->tag_id, wg = x->werkgroep_id;
	const char *st = x->status;
	int64_t *parts = NULL;
	size_t nparts = 0;
	if (submitted) {
		tv_set_str(v, "wat", opt_text(f, "wat"));
		tv_set_str(v, "hoe", opt_text(f, "hoe"));
		tv_set_str(v, "deadline", form_str(f, "deadline"));
		tv_set_str(v, "quarter", form_str(f, "quarter"));
		tv_set_str(v, "status_note", opt_text(f, "status_note"));
		if (!form_int(f, "owner", &owner))
			owner = 0;
		if (!form_int(f, "actielijn", &lijn))
			lijn = 0;
		if (!form_int(f, "tag", &tag))
			tag = 0;
		if (!form_int(f, "werkgroep", &wg))
			wg = 0;
		st = form_str(f, "status");
		const char **vals;
		size_t nv = form_all(f, "participant", &vals);
		parts = arena_alloc(a, (nv + 1) * sizeof *parts);
		for (size_t i = 0; i < nv; i++)
			if (parse_id(vals[i], &parts[nparts]))
				nparts++;
	} else {
		tv_set_str(v, "wat", x->wat);
		tv_set_str(v, "hoe", x->hoe);
		tv_set_str(v, "deadline", x->quarter && *x->quarter ? "" : x->due_on);
		tv_set_str(v, "quarter", x->quarter);
		tv_set_str(v, "status_note", x->status_note);
		if (x->id) {
			size_t n;
			action_org *ao = action_orgs(a, x->id, &n);
			parts = arena_alloc(a, (n + 1) * sizeof *parts);
			for (size_t i = 0; i < n; i++)
				if (!ao[i].owner)
					parts[nparts++] = ao[i].org_id;
		}
	}
	tv_set(ctx, "v", v);
	tv_set(ctx, "owners", lt_org_options(rq, &owner, 1));
	tv_set(ctx, "participants", lt_org_options(rq, parts, nparts));
	size_t n;
	lt_item *items = actielijn_list(a, "lijn", false, &n);
	tv_set(ctx, "lijnen", item_options(rq, items, n, lijn));
	items = actielijn_list(a, "tag", false, &n);
	tv_set(ctx, "tags", item_options(rq, items, n, tag));
	items = werkgroep_list(a, false, &n);
	tv_set(ctx, "werkgroepen", item_options(rq, items, n, wg));
	tv_set_bool(ctx, "has_werkgroepen", n > 0);
	if (!x->id)
		tv_set(ctx, "statuses", status_options(rq, st && *st ? st : "groen"));
	respond_page(rq, status, "leertafel_action_form", ctx);
}

/* Find where a new action is born from the query (GET) or the hidden fields (POST). */
static bool find_birth(request *rq, birth *b)
{
	memset(b, 0, sizeof *b);
	int64_t id;
	if (form_int(&rq->form, "bijeenkomst", &id) && id > 0) {
		if (!meeting_get(rq->a, id, &b->m))
			return false;
		b->in_meeting = true;
		kr_date d;
		kr_date_parse_iso(b->m.held_on, &d);
		b->year = d.y;
		b->have_plan = action_plan_for_year(rq->a, b->year, &b->plan);
		return true;
	}
	if (form_int(&rq->form, "plan", &id) && id > 0) {
		if (!action_plan_get(rq->a, id, &b->plan))
			return false;
		b->have_plan = true;
		b->year = b->plan.year;
		return true;
	}
	b->year = kr_date_today_nl().y;
	b->have_plan = action_plan_for_year(rq->a, b->year, &b->plan);
	return true;
}

void page_leertafel_action_new(request *rq)
{
	birth b;
	if (form_has_errors(&rq->form) || !find_birth(rq, &b)) {
		respond_error(rq, 404);
		return;
	}
	action x = {.wat = "", .hoe = "", .due_on = "", .quarter = "", .status = "groen", .status_note = ""};
	size_t n;
	lt_item *lijnen = actielijn_list(rq->a, "lijn", false, &n);
	if (n)
		x.actielijn_id = lijnen[0].id;
	x.owner_id = 0;
	show_action_form(rq, 200, &x, &b, false);
}

/* Read and check the action form into in; adds field errors. */
static void read_action(request *rq, action_input *in, char due[11], char quarter[8], bool create, int plan_year)
{
	arena *a = rq->a;
	form *f = &rq->form;
	in->wat = opt_text(f, "wat");
	in->hoe = opt_text(f, "hoe");
	org o;
	if (!form_error(f, "owner") &&
	    (!form_int(f, "owner", &in->owner_id) || !org_get(a, in->owner_id, &o) || !o.active))
		form_add_error(f, "owner", "Kies de organisatie die eigenaar is van de actie.");
	const char **vals;
	size_t nv = form_all(f, "participant", &vals);
	int64_t *parts = arena_alloc(a, (nv + 1) * sizeof *parts);
	in->nparticipants = 0;
	for (size_t i = 0; i < nv; i++) {
		int64_t id;
		if (!parse_id(vals[i], &id) || !org_get(a, id, &o)) {
			if (!form_error(f, "participant"))
				form_add_error(f, "participant", "Kies alleen organisaties uit de lijst.");
			continue;
		}
		parts[in->nparticipants++] = id;
	}
	in->participants = parts;
	const char *field = NULL;
	const char *msg = NULL;
	if (!form_error(f, "deadline") && !form_error(f, "quarter"))
		msg = action_parse_when(form_str(f, "deadline"), form_str(f, "quarter"), due, quarter, &field);
	/* A deadline belongs to the plan's year, give or take one year (carried-over actions). */
	if (!msg && plan_year > 0) {
		int y = (due[0] - '0') * 1000 + (due[1] - '0') * 100 + (due[2] - '0') * 10 + (due[3] - '0');
		field = *quarter ? "quarter" : "deadline";
		if (y < plan_year - 1 || y > plan_year + 1)
			msg = arena_printf(a, "Kies %s in %d, %d of %d: de actie hoort bij het actieplan %d.",
			                   *quarter ? "een kwartaal" : "een datum", plan_year - 1, plan_year, plan_year + 1,
			                   plan_year);
	}
	if (msg)
		form_add_error(f, field, msg);
	in->due_on = msg ? "" : due;
	in->quarter = msg ? "" : quarter;
	lt_item it;
	if (!form_error(f, "actielijn") &&
	    (!form_int(f, "actielijn", &in->actielijn_id) || !actielijn_get(a, in->actielijn_id, &it) ||
	     strcmp(it.kind, "lijn") != 0))
		form_add_error(f, "actielijn", "Kies een actielijn uit de lijst.");
	in->tag_id = 0;
	if (*form_str(f, "tag") && !form_error(f, "tag") &&
	    (!form_int(f, "tag", &in->tag_id) || !actielijn_get(a, in->tag_id, &it) || strcmp(it.kind, "tag") != 0))
		form_add_error(f, "tag", "Kies doen, delen of leren, of laat dit leeg.");
	in->werkgroep_id = 0;
	if (*form_str(f, "werkgroep") && !form_error(f, "werkgroep") &&
	    (!form_int(f, "werkgroep", &in->werkgroep_id) || !werkgroep_get(a, in->werkgroep_id, &it)))
		form_add_error(f, "werkgroep", "Kies een werkgroep uit de lijst, of laat dit leeg.");
	if (create) {
		in->status = form_str(f, "status");
		in->status_note = opt_text(f, "status_note");
	}
	lt_check_client_data(rq, create ? action_text_fields : (const char *const[]){"wat", "hoe", NULL});
}

void page_leertafel_action_create(request *rq)
{
	arena *a = rq->a;
	birth b;
	if (!find_birth(rq, &b)) {
		respond_error(rq, 404);
		return;
	}
	action_input in = {0};
	char due[11] = "", quarter[8] = "";
	read_action(rq, &in, due, quarter, true, b.year);
	in.meeting_id = b.in_meeting ? b.m.id : 0;
	const char *today = lt_today(a);
	in.born_on = b.in_meeting ? b.m.held_on : today;
	/* The first status is dated when the action came to be: its meeting's date, or today
	 * when that meeting is still to come (a status can never lie in the future). */
	in.status_on = strcmp(in.born_on, today) > 0 ? today : in.born_on;
	if (form_has_errors(&rq->form) || !db_begin()) {
		action x = {0};
		show_action_form(rq, 422, &x, &b, true);
		return;
	}
	in.plan_id = b.have_plan ? b.plan.id : action_plan_ensure(b.year);
	action_plan plan;
	bool after = in.plan_id && action_plan_get(a, in.plan_id, &plan) && *plan.adopted_on;
	int64_t id = in.plan_id ? action_create(&in, rq->user->id, rq->user->name, rq->user->org_name, after) : 0;
	if (!id) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "De actie is toegevoegd.");
	if (b.in_meeting)
		respond_redirect(rq, arena_printf(a, "/leertafel/bijeenkomsten/%lld#actielijst", (long long)b.m.id));
	else
		respond_redirect(rq, arena_printf(a, "/leertafel/acties/%lld", (long long)id));
}

static void birth_of(request *rq, const action *x, birth *b)
{
	memset(b, 0, sizeof *b);
	b->year = x->plan_year;
	b->have_plan = action_plan_get(rq->a, x->plan_id, &b->plan);
	if (x->meeting_id)
		b->in_meeting = meeting_get(rq->a, x->meeting_id, &b->m);
}

void page_leertafel_action_edit(request *rq)
{
	action x;
	if (!action_get(rq->a, rq->ids[0], &x)) {
		respond_error(rq, 404);
		return;
	}
	birth b;
	birth_of(rq, &x, &b);
	show_action_form(rq, 200, &x, &b, false);
}

static bool same_ids(const int64_t *p, size_t np, const action_org *ao, size_t nao, int64_t owner)
{
	size_t others = 0;
	for (size_t i = 0; i < nao; i++) {
		if (ao[i].owner) {
			if (ao[i].org_id != owner)
				return false;
			continue;
		}
		others++;
		bool found = false;
		for (size_t j = 0; j < np; j++)
			found = found || p[j] == ao[i].org_id;
		if (!found)
			return false;
	}
	size_t distinct = 0;
	for (size_t j = 0; j < np; j++) {
		if (p[j] == owner)
			continue;
		bool dup = false;
		for (size_t k = 0; k < j; k++)
			dup = dup || p[k] == p[j];
		if (!dup)
			distinct++;
	}
	return distinct == others;
}

/* "eigenaar Owner, Other, …" for the organisations of an action input (no
 * bracket after a name that may end in one, like "… (demo)"). */
static const char *orgs_text(request *rq, const action_input *in)
{
	strbuf sb;
	sb_init(&sb, rq->a);
	org o;
	if (org_get(rq->a, in->owner_id, &o))
		sb_printf(&sb, "eigenaar %s", o.name);
	for (size_t i = 0; i < in->nparticipants; i++) {
		bool dup = in->participants[i] == in->owner_id;
		for (size_t k = 0; k < i; k++)
			dup = dup || in->participants[k] == in->participants[i];
		if (!dup && org_get(rq->a, in->participants[i], &o))
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", o.name);
	}
	return sb.len ? sb.data : "";
}

/* Name of an actielijn/tag (kind "lijn"/"tag") or werkgroep; "" for 0 or unknown. */
static const char *item_name(request *rq, const char *kind, int64_t id)
{
	lt_item it;
	if (id <= 0)
		return "";
	bool found = strcmp(kind, "werkgroep") == 0 ? werkgroep_get(rq->a, id, &it) : actielijn_get(rq->a, id, &it);
	return found ? it.name : "";
}

void page_leertafel_action_update(request *rq)
{
	arena *a = rq->a;
	action x;
	if (!action_get(a, rq->ids[0], &x)) {
		respond_error(rq, 404);
		return;
	}
	birth b;
	birth_of(rq, &x, &b);
	action_input in = {0};
	char due[11] = "", quarter[8] = "";
	read_action(rq, &in, due, quarter, false, x.plan_year);
	if (form_has_errors(&rq->form)) {
		show_action_form(rq, 422, &x, &b, true);
		return;
	}
	size_t nao;
	action_org *ao = action_orgs(a, x.id, &nao);
	struct {
		bool changed;
		const char *name, *old, *new;
	} diffs[] = {
		{strcmp(in.wat, x.wat) != 0, "wat", x.wat, in.wat},
		{strcmp(in.hoe, x.hoe) != 0, "hoe", x.hoe, in.hoe},
		{!same_ids(in.participants, in.nparticipants, ao, nao, in.owner_id), "wie", x.orgs_text, orgs_text(rq, &in)},
		{strcmp(in.due_on, x.due_on) != 0 || strcmp(in.quarter, x.quarter) != 0, "wanneer", lt_when(a, &x),
		 *in.quarter ? in.quarter : lt_date(a, in.due_on)},
		{in.actielijn_id != x.actielijn_id, "actielijn", x.actielijn, item_name(rq, "lijn", in.actielijn_id)},
		{in.tag_id != x.tag_id, "doen/delen/leren", x.tag, item_name(rq, "tag", in.tag_id)},
		{in.werkgroep_id != x.werkgroep_id, "werkgroep", x.werkgroep, item_name(rq, "werkgroep", in.werkgroep_id)},
	};
	/* What was adopted stays readable: every changed field with its old and new value. */
	strbuf what;
	sb_init(&what, a);
	for (size_t i = 0; i < sizeof diffs / sizeof diffs[0]; i++)
		if (diffs[i].changed)
			sb_printf(&what, "%s%s van ‘%s’ in ‘%s’", what.len ? "; " : "", diffs[i].name,
			          *diffs[i].old ? diffs[i].old : "(leeg)", *diffs[i].new ? diffs[i].new : "(leeg)");
	const char *path = arena_printf(a, "/leertafel/acties/%lld", (long long)x.id);
	if (!what.len) {
		flash_set(rq, "Er was niets gewijzigd; de actie is gelijk gebleven.");
		respond_redirect(rq, path);
		return;
	}
	bool after = *x.plan_adopted_on != '\0';
	const char *text = arena_printf(a, "Gewijzigd: %s.", what.data);
	if (!db_begin()) {
		show_action_form(rq, 422, &x, &b, true);
		return;
	}
	if (!action_update(x.id, &in, rq->user->id, rq->user->name, after, text)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "De wijzigingen in de actie zijn opgeslagen.");
	respond_redirect(rq, path);
}

/* ---- the action page and its status form ------------------------------------------- */

static void show_action(request *rq, int status, const action *x, bool submitted)
{
	arena *a = rq->a;
	const char *today = lt_today(a);
	tv *ctx = page_ctx(rq, arena_printf(a, "Actie %lld", (long long)x->id));
	lt_add_form(ctx, rq);
	tv_set_bool(ctx, "secretaris", lt_is_secretaris(rq));
	tv *o = lt_action_tv(rq, x, today);
	tv_set(ctx, "a", o);
	tv_set_int(ctx, "plan_id", x->plan_id);
	tv_set_int(ctx, "plan_year", x->plan_year);
	tv_set_str(ctx, "plan_adopted_on", lt_date(a, x->plan_adopted_on));
	if (x->meeting_id) {
		tv *m = tv_obj(a);
		tv_set_int(m, "id", x->meeting_id);
		tv_set_str(m, "date", lt_date(a, x->meeting_held_on));
		tv_set(ctx, "meeting", m);
	}
	tv_set_str(ctx, "born_on", lt_date(a, x->born_on));
	size_t n;
	action_org *orgs = action_orgs(a, x->id, &n);
	tv *ol = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *e = tv_obj(a);
		tv_set_str(e, "name", orgs[i].name);
		tv_set_bool(e, "owner", orgs[i].owner);
		tv_push(ol, e);
	}
	tv_set(ctx, "orgs", ol);
	action_status_entry *hist = action_history(a, x->id, &n);
	tv *hl = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *e = tv_obj(a);
		tv_set_str(e, "status", hist[i].status);
		tv_set_str(e, "meaning", action_status_extra(hist[i].status));
		tv_set_str(e, "note", hist[i].note);
		tv_set_str(e, "status_on", lt_date(a, hist[i].status_on));
		tv_set_str(e, "who", hist[i].user_name);
		tv_set_str(e, "org", hist[i].org_name);
		char buf[KR_DATETIME_BUF];
		kr_datetime_reformat_nl(hist[i].recorded_at, buf);
		tv_set_str(e, "recorded_at", buf);
		tv_push(hl, e);
	}
	tv_set(ctx, "history", hl);
	action_change *ch = action_changes(a, x->id, &n);
	tv *cl = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *e = tv_obj(a);
		tv_set_str(e, "what", ch[i].what);
		tv_set_str(e, "who", ch[i].user_name);
		char buf[KR_DATETIME_BUF];
		kr_datetime_reformat_nl(ch[i].changed_at, buf);
		tv_set_str(e, "at", buf);
		tv_set_bool(e, "after_adoption", ch[i].after_adoption);
		tv_push(cl, e);
	}
	tv_set(ctx, "changes", cl);
	escalation *es = board_list_action(a, x->id, &n);
	tv *el = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *e = tv_obj(a);
		tv_set_int(e, "id", es[i].id);
		tv_set_str(e, "escalated_on", lt_date(a, es[i].escalated_on));
		tv_set(e, "reason", markdown_render(a, es[i].reason));
		tv_set(e, "decision", markdown_render(a, es[i].decision));
		tv_set_bool(e, "decided", *es[i].decided_on != '\0');
		tv_set_str(e, "decided_on", lt_date(a, es[i].decided_on));
		tv_push(el, e);
	}
	tv_set(ctx, "escalations", el);
	bool may = leertafel_may_update_action(rq, x->id);
	tv_set_bool(ctx, "may_update", may);
	if (may) {
		tv *v = tv_obj(a);
		tv_set_str(v, "status_note", submitted ? opt_text(&rq->form, "status_note") : "");
		tv_set_str(v, "status_on", submitted ? form_str(&rq->form, "status_on") : today);
		tv_set(ctx, "v", v);
		tv_set(ctx, "statuses", status_options(rq, submitted ? form_str(&rq->form, "status") : x->status));
	}
	respond_page(rq, status, "leertafel_action", ctx);
}

void page_leertafel_action_show(request *rq)
{
	action x;
	if (!action_get(rq->a, rq->ids[0], &x)) {
		respond_error(rq, 404);
		return;
	}
	show_action(rq, 200, &x, false);
}

void page_leertafel_action_status(request *rq)
{
	arena *a = rq->a;
	action x;
	if (!action_get(a, rq->ids[0], &x)) {
		respond_error(rq, 404);
		return;
	}
	/* who may update this action was decided by the route's access function */
	form *f = &rq->form;
	const char *status = form_str(f, "status");
	const char *note = opt_text(f, "status_note");
	const char *on = form_str(f, "status_on");
	const char *today = lt_today(a);
	if (!form_error(f, "status_on") && *on && strcmp(on, today) > 0)
		form_add_error(f, "status_on", "De datum van de status mag niet in de toekomst liggen.");
	else if (!form_error(f, "status_on") && *on && strcmp(on, action_exists_from(&x)) < 0)
		form_add_error(f, "status_on",
		               arena_printf(a, "De datum ligt vóór het ontstaan van de actie (%s).",
		                            lt_date(a, action_exists_from(&x))));
	if (!form_error(f, "status_note") && strcmp(status, "rood") == 0 && !*form_str(f, "status_note"))
		form_add_error(f, "status_note", "Licht bij ‘rood’ toe waarom de actie is vastgelopen.");
	lt_check_client_data(rq, status_text_fields);
	if (form_has_errors(f) || !db_begin()) {
		show_action(rq, 422, &x, true);
		return;
	}
	if (!action_set_status(x.id, status, note, on, rq->user->id, rq->user->name, rq->user->org_name)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "De status van de actie is bijgewerkt.");
	respond_redirect(rq, arena_printf(a, "/leertafel/acties/%lld#status", (long long)x.id));
}

/* ---- escalation to the bestuurlijk overleg --------------------------------------------- */

static tv *escalation_tv(request *rq, const escalation *e)
{
	arena *a = rq->a;
	tv *o = tv_obj(a);
	tv_set_int(o, "id", e->id);
	if (e->action_id)
		tv_set_int(o, "action_id", e->action_id);
	tv_set_str(o, "action_wat", e->action_wat);
	tv_set_str(o, "subject", e->subject);
	tv_set(o, "reason", markdown_render(a, e->reason));
	tv_set_str(o, "escalated_on", lt_date(a, e->escalated_on));
	tv_set_str(o, "escalated_by", e->escalated_by_name);
	tv_set_str(o, "board_on", lt_date(a, e->board_on));
	tv_set(o, "decision", markdown_render(a, e->decision));
	tv_set_bool(o, "decided", *e->decided_on != '\0');
	return o;
}

void page_leertafel_board(request *rq)
{
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, "Bestuurlijk overleg");
	tv_set_bool(ctx, "secretaris", lt_is_secretaris(rq));
	size_t n;
	escalation *es = board_list(a, &n);
	tv *open = tv_list(a), *done = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(*es[i].decided_on ? done : open, escalation_tv(rq, &es[i]));
	tv_set(ctx, "open", open);
	tv_set(ctx, "done", done);
	respond_page(rq, 200, "leertafel_board", ctx);
}

static void show_escalation_form(request *rq, int status, const action *x, bool submitted)
{
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, "Opschalen naar bestuurlijk overleg");
	lt_add_form(ctx, rq);
	if (x) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", x->id);
		tv_set_str(o, "wat", x->wat);
		tv_set(ctx, "action", o);
		escalation open;
		if (board_open_for_action(a, x->id, &open)) {
			tv *e = tv_obj(a);
			tv_set_int(e, "id", open.id);
			tv_set_str(e, "escalated_on", lt_date(a, open.escalated_on));
			tv_set(ctx, "open_escalation", e);
		}
	}
	tv *v = tv_obj(a);
	tv_set_str(v, "subject", submitted ? form_str(&rq->form, "subject") : "");
	tv_set_str(v, "reason", submitted ? opt_text(&rq->form, "reason") : "");
	tv_set_str(v, "escalated_on", submitted ? form_str(&rq->form, "escalated_on") : lt_today(a));
	tv_set(ctx, "v", v);
	respond_page(rq, status, "leertafel_escalation_form", ctx);
}

/* The action named by field `name` (query or body): NULL when absent; *bad when named but unknown. */
static action *named_action(request *rq, const char *name, bool *bad)
{
	*bad = false;
	if (!*form_str(&rq->form, name))
		return NULL;
	int64_t id;
	action *x = arena_alloc(rq->a, sizeof *x);
	if (form_error(&rq->form, name) || !form_int(&rq->form, name, &id) || !action_get(rq->a, id, x)) {
		*bad = true;
		return NULL;
	}
	return x;
}

void page_leertafel_escalation_new(request *rq)
{
	bool bad;
	action *x = named_action(rq, "actie", &bad);
	if (bad) {
		respond_error(rq, 404);
		return;
	}
	show_escalation_form(rq, 200, x, false);
}

void page_leertafel_escalation_create(request *rq)
{
	arena *a = rq->a;
	bool bad;
	action *x = named_action(rq, "actie", &bad);
	if (bad) {
		respond_error(rq, 404);
		return;
	}
	form *f = &rq->form;
	const char *subject = form_str(f, "subject");
	const char *reason = form_str(f, "reason");
	const char *on = form_str(f, "escalated_on");
	if (!x && !*subject && !form_error(f, "subject"))
		form_add_error(f, "subject", "Beschrijf het knelpunt dat u wilt opschalen.");
	if (!form_error(f, "escalated_on") && *on && strcmp(on, lt_today(a)) > 0)
		form_add_error(f, "escalated_on", "De datum van opschalen mag niet in de toekomst liggen.");
	escalation open;
	if (x && board_open_for_action(a, x->id, &open) && !form_error(f, "reason"))
		form_add_error(f, "reason",
		               arena_printf(a, "Deze actie is al opgeschaald op %s en het bestuurlijk overleg heeft daar nog "
		                               "niet over besloten. Vul die opschaling aan in plaats van opnieuw op te schalen.",
		                            lt_date(a, open.escalated_on)));
	lt_check_client_data(rq, escalation_text_fields);
	if (form_has_errors(f) || !db_begin()) {
		show_escalation_form(rq, 422, x, true);
		return;
	}
	if (!*subject)
		subject = arena_printf(a, "Actie %lld", (long long)x->id);
	int64_t id = board_escalate(x ? x->id : 0, subject, reason, on, rq->user->id);
	if (!id) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "De opschaling naar het bestuurlijk overleg is vastgelegd.");
	respond_redirect(rq, arena_printf(a, "/leertafel/bestuurlijk-overleg#opschaling-%lld", (long long)id));
}

static void show_decision_form(request *rq, int status, const escalation *e, bool submitted)
{
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, "Besluit bestuurlijk overleg vastleggen");
	lt_add_form(ctx, rq);
	tv_set(ctx, "e", escalation_tv(rq, e));
	tv *v = tv_obj(a);
	tv_set_str(v, "board_on", submitted ? form_str(&rq->form, "board_on") : (*e->board_on ? e->board_on : lt_today(a)));
	tv_set_str(v, "decision", submitted ? opt_text(&rq->form, "decision") : e->decision);
	tv_set(ctx, "v", v);
	respond_page(rq, status, "leertafel_decision_form", ctx);
}

void page_leertafel_escalation_edit(request *rq)
{
	escalation e;
	if (!board_get(rq->a, rq->ids[0], &e)) {
		respond_error(rq, 404);
		return;
	}
	show_decision_form(rq, 200, &e, false);
}

void page_leertafel_escalation_decide(request *rq)
{
	escalation e;
	if (!board_get(rq->a, rq->ids[0], &e)) {
		respond_error(rq, 404);
		return;
	}
	form *f = &rq->form;
	const char *on = form_str(f, "board_on");
	if (!form_error(f, "board_on") && *on && strcmp(on, e.escalated_on) < 0)
		form_add_error(f, "board_on",
		               arena_printf(rq->a, "Het bestuurlijk overleg kan niet vóór de opschaling (%s) zijn geweest.",
		                            lt_date(rq->a, e.escalated_on)));
	else if (!form_error(f, "board_on") && *on && strcmp(on, lt_today(rq->a)) > 0)
		form_add_error(f, "board_on",
		               "De datum van het bestuurlijk overleg mag niet in de toekomst liggen: leg het besluit vast "
		               "na het overleg.");
	lt_check_client_data(rq, decision_text_fields);
	if (form_has_errors(f) || !db_begin()) {
		show_decision_form(rq, 422, &e, true);
		return;
	}
	if (!board_decide(e.id, form_str(f, "board_on"), form_str(f, "decision"))) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "Het besluit van het bestuurlijk overleg is vastgelegd.");
	respond_redirect(rq, arena_printf(rq->a, "/leertafel/bestuurlijk-overleg#opschaling-%lld", (long long)e.id));
}
