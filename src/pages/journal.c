/*
 * journal.c — the case journal (groeidocument), GET/POST /casussen/{id}/journaal:
 * dated Markdown entries, each tagged with the part of the case it belongs to and
 * shown only to readers who see that part (case_parts_of); addenda by the author
 * (POST …/journaal/{id}/aanvulling); pins by the regisseur (…/vastzetten).
 *
 * The rule for corrections: an entry is never edited, not even by its author a
 * minute later; every correction is a dated addendum shown under the entry (the
 * record of who knew what when stays as it was). Markdown is rendered by cmark in
 * safe mode (view/markdown.c). Must never show an entry whose part the reader does
 * not see, nor let a writer tag an entry with a part he/she does not see.
 */
#include "pages/case_team.h"

#include "auth/case_parts.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "server/router.h"
#include "store/db.h"
#include "store/journal.h"
#include "util/date.h"
#include "view/markdown.h"

#include <string.h>

static tv *entry_tv(arena *a, const journal_entry *e)
{
	tv *o = tv_obj(a);
	tv_set_int(o, "id", e->id);
	tv_set_str(o, "date", hv_date(a, e->entry_date));
	tv_set_str(o, "written", hv_datetime(a, e->created_at));
	tv_set_str(o, "author", e->author_name);
	tv_set_str(o, "org", e->author_org);
	tv_set_str(o, "part", case_part_label(e->part));
	tv_set(o, "body", markdown_render(a, e->body));
	tv_set_bool(o, "pinned", e->pinned);
	tv_set_str(o, "pinned_by", e->pinned_by_name);
	return o;
}

/* The journal page; `failed` names the form that failed ("entry", "addendum"). */
static void show_journal(request *rq, int status, const char *failed)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	unsigned parts = case_parts_of(rq, c.id);
	tv *ctx = page_ctx(rq, arena_printf(a, "Journaal %s", c.household_name));
	page_add_form(ctx, &rq->form);
	if (failed)
		tv_set_bool(ctx, arena_printf(a, "failed_%s", failed), true);
	tv_set_int(ctx, "case_id", c.id);
	tv_set_str(ctx, "household_name", c.household_name);
	bool director = c.director_id == u->id && c.team_org_id == u->org_id;
	tv_set_bool(ctx, "is_director", director);
	int64_t failed_entry = failed && strcmp(failed, "addendum") == 0 && rq->nids >= 2 ? rq->ids[1] : 0;

	size_t n;
	journal_entry *list = journal_list(a, c.id, parts, &n);
	tv *entries = tv_list(a);
	tv *current = NULL, *addenda = NULL;
	for (size_t i = 0; i < n; i++) {
		const journal_entry *e = &list[i];
		if (!e->addendum_of || !current) {
			current = entry_tv(a, e);
			addenda = tv_list(a);
			tv_set(current, "addenda", addenda);
			tv_set_bool(current, "own", e->author_id == u->id);
			if (e->id == failed_entry) {
				tv_set_bool(current, "failed", true);
				tv_set_str(current, "error", form_error(&rq->form, "body"));
				tv_set_str(current, "value", form_get(&rq->form, "body"));
			}
			tv_push(entries, current);
			continue;
		}
		tv_push(addenda, entry_tv(a, e));
	}
	tv_set(ctx, "entries", entries);
	tv_set_bool(ctx, "any", n > 0);

	/* the parts the writer may tag an entry with: only those he/she sees */
	const char *chosen = failed && strcmp(failed, "entry") == 0 ? form_str(&rq->form, "part") : "journaal";
	tv *opts = tv_list(a);
	for (int i = 0; i < PART_COUNT; i++) {
		unsigned bit = case_part_at(i);
		if (!(parts & bit))
			continue;
		tv *o = tv_obj(a);
		tv_set_str(o, "value", case_part_code(bit));
		tv_set_str(o, "label", case_part_label(bit));
		tv_set_bool(o, "selected", strcmp(chosen, case_part_code(bit)) == 0);
		tv_push(opts, o);
	}
	tv_set(ctx, "part_options", opts);
	/* the form is shown to whom the route table lets write (professionals, partners) */
	tv_set_bool(ctx, "may_write",
	            router_allows("POST", arena_printf(a, "/casussen/%lld/journaal", (long long)c.id), u->roles));
	char iso[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), iso);
	tv_set_str(ctx, "today_iso", iso);
	if (!failed)
		tv_set_str(ctx, "entry_date", iso);
	else
		tv_set_str(ctx, "entry_date", form_str(&rq->form, "entry_date"));
	respond_page(rq, status, "journal", ctx);
}

static void show(request *rq, int status, const char *failed)
{
	bool begun = db_read_begin();
	show_journal(rq, status, failed);
	db_read_end(begun);
}

void page_journal_show(request *rq)
{
	rq->audit.detail = "journaal";
	show(rq, 200, NULL);
}

static void check_date(request *rq, const char *field)
{
	form *f = &rq->form;
	const char *s = form_str(f, field);
	kr_date d;
	if (!*s) {
		if (!form_error(f, field))
			form_add_error(f, field, "Vul de datum in waarop deze aantekening betrekking heeft.");
	} else if (!form_error(f, field) && kr_date_parse_iso(s, &d) && kr_date_cmp(d, kr_date_today_nl()) > 0) {
		form_add_error(f, field, "Een journaalregel gaat over wat er gebeurd is: de datum kan niet in de toekomst liggen.");
	}
}

static void check_body(request *rq)
{
	form *f = &rq->form;
	if (!*form_str(f, "body") && !form_error(f, "body"))
		form_add_error(f, "body", "Schrijf de tekst van de aantekening.");
}

void page_journal_create(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	if (!case_team_case_open(rq))
		return;
	check_date(rq, "entry_date");
	check_body(rq);
	unsigned part = case_part_from_code(form_str(f, "part"));
	/* need-to-know applies to what one writes too: only a part one sees */
	if (!form_error(f, "part") && !(part & case_parts_of(rq, rq->ids[0])))
		form_add_error(f, "part", "Kies een deel van de casus dat u mag zien.");
	if (form_has_errors(f) || !db_begin()) {
		show(rq, 422, "entry");
		return;
	}
	int64_t id = journal_add(rq->ids[0], rq->user->id, rq->user->org_id, part, form_str(f, "entry_date"),
	                         form_get(f, "body"), 0);
	if (!id || !db_commit()) {
		if (!id)
			db_rollback();
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = arena_printf(a, "journaalregel %lld (%s)", (long long)id, case_part_code(part));
	respond_redirect(rq, arena_printf(a, "/casussen/%lld/journaal#regel-%lld", (long long)rq->ids[0], (long long)id));
}

void page_journal_addendum(request *rq)
{
	arena *a = rq->a;
	if (!case_team_case_open(rq))
		return;
	check_body(rq);
	if (form_has_errors(&rq->form) || !db_begin()) {
		show(rq, 422, "addendum");
		return;
	}
	char iso[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), iso);
	int64_t id = journal_add(rq->ids[0], rq->user->id, rq->user->org_id, 0, iso, form_get(&rq->form, "body"),
	                         rq->ids[1]);
	if (!id || !db_commit()) {
		if (!id)
			db_rollback();
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = arena_printf(a, "aanvulling %lld op journaalregel %lld", (long long)id, (long long)rq->ids[1]);
	respond_redirect(rq, arena_printf(a, "/casussen/%lld/journaal#regel-%lld", (long long)rq->ids[0],
	                                  (long long)rq->ids[1]));
}

void page_journal_pin(request *rq)
{
	arena *a = rq->a;
	if (!case_team_case_open(rq))
		return;
	bool pin = strcmp(form_str(&rq->form, "pinned"), "ja") == 0;
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	if (!journal_pin(rq->ids[0], rq->ids[1], pin, rq->user->id)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = arena_printf(a, "journaalregel %lld %s", (long long)rq->ids[1], pin ? "vastgezet" : "losgemaakt");
	respond_redirect(rq, arena_printf(a, "/casussen/%lld/journaal#regel-%lld", (long long)rq->ids[0],
	                                  (long long)rq->ids[1]));
}
