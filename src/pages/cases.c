/*
 * cases.c — /casussen: the case list and the case page (household, regisseur
 * and its history, involved organisations, handovers, safety conditions), the
 * regisseur's condition statuses and written feedback to Veilig Thuis, and the
 * team leader's change of regisseur.
 *
 * Access is decided by the route table and auth/access.c; a Veilig Thuis user
 * never reaches this file. What the case page shows follows from the user's mask
 * of parts (case_parts_of, auth/case_parts.h): members and address only with
 * "gezin", conditions with "voorwaarden", handovers and feedback with
 * "overdracht"; the case team in case_team.c. Every change runs in one transaction.
 */
#include "pages/handovers.h"
#include "pages/safety_plan.h"

#include "auth/audit.h"
#include "auth/case_memo.h"
#include "auth/case_parts.h"
#include "pages/case_course.h"
#include "pages/case_team.h"

#include "store/roles.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/case_course.h"
#include "store/case_search.h"
#include "store/db.h"
#include "store/household.h"
#include "store/involvement.h"
#include "store/person_correction.h"
#include "store/user.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "view/html.h"

#include <string.h>

static tv *case_tv(arena *a, const case_rec *c)
{
	tv *o = tv_obj(a);
	tv_set_int(o, "id", c->id);
	tv_set_str(o, "household_name", c->household_name);
	tv_set_str(o, "address", c->address);
	tv_set_str(o, "team", c->team_name);
	tv_set_str(o, "director", c->director_name);
	tv_set_str(o, "status", c->status);
	tv_set_bool(o, "open", strcmp(c->status, "open") == 0);
	tv_set_str(o, "opened", hv_date(a, c->opened_at));
	tv_set_str(o, "closed", hv_date(a, c->closed_at));
	return o;
}

#define CASE_PAGE 50

/* The team leader's caseload on /casussen: every professional of the team with
 * his/her number of open cases (also 0), and anyone else who still directs an
 * open case of the team; each a choice of the regisseur filter. */
static void put_caseload(request *rq, tv *ctx, int64_t chosen)
{
	arena *a = rq->a;
	size_t nl = 0, np = 0;
	case_caseload *cl = case_caseload_of_team(a, rq->user->org_id, &nl);
	user_rec *pros = user_list_with_role(a, rq->user->org_id, ROLE_PROFESSIONAL, &np);
	tv *rows = tv_list(a), *opts = tv_list(a);
	bool *listed = arena_alloc(a, (np + 1) * sizeof *listed);
	memset(listed, 0, (np + 1) * sizeof *listed);
	for (size_t pass = 0; pass < 2; pass++) {
		/* first those with open cases (most first), then the professionals without */
		size_t count = pass == 0 ? nl : np;
		for (size_t i = 0; i < count; i++) {
			int64_t id = pass == 0 ? cl[i].director_id : pros[i].id;
			const char *name = pass == 0 ? cl[i].director_name : pros[i].name;
			int64_t open = pass == 0 ? cl[i].open_cases : 0;
			if (pass == 1 && listed[i])
				continue;
			if (pass == 0)
				for (size_t j = 0; j < np; j++)
					if (pros[j].id == id)
						listed[j] = true;
			tv *o = tv_obj(a);
			tv_put_int(o, "id", id);
			tv_put_str(o, "name", name);
			tv_put_int(o, "open_cases", open);
			tv_put_bool(o, "selected", id == chosen);
			tv_push(rows, o);
			tv *opt = tv_obj(a);
			tv_put_int(opt, "value", id);
			tv_put_str(opt, "label", arena_printf(a, "%s (%lld open)", name, (long long)open));
			tv_put_bool(opt, "selected", id == chosen);
			tv_push(opts, opt);
			if (id == chosen)
				tv_put_str(ctx, "regisseur_name", name);
		}
	}
	tv_put(ctx, "caseload", rows);
	tv_put(ctx, "regisseurs", opts);
}

/* /casussen: the cases the user may see, 50 at a time by keyset (?voor=id), a
 * search on household name (?zoek=, diacritics- and case-insensitive) over the
 * same cases only (store/case_search.c), and for the team leader a filter by
 * regisseur (?regisseur=user id) beside the team's caseload per professional. */
static void show_case_index(request *rq)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	tv *ctx = page_ctx(rq, "Casussen");
	rq->audit.object_type = "case_list";
	page_add_form(ctx, &rq->form);
	const char *zoek = form_str(&rq->form, "zoek");
	const char *fts = *zoek ? case_search_query(a, zoek) : NULL;
	int64_t before = 0, director = 0;
	form_int(&rq->form, "voor", &before);
	form_int(&rq->form, "regisseur", &director);
	bool team = (u->roles & ROLE_TEAMLEIDER) != 0;
	tv_put_bool(ctx, "is_team", team);
	tv_put_str(ctx, "zoek", zoek);
	if (team)
		put_caseload(rq, ctx, director);
	/* the filter as a query string for the pager links: "zoek=…&regisseur=…&" or "" */
	strbuf q;
	sb_init(&q, a);
	sb_putc(&q, '\0'); /* an empty string also when there is no filter */
	q.len = 0;
	if (*zoek) {
		sb_puts(&q, "zoek=");
		url_encode(&q, zoek, strlen(zoek));
		sb_putc(&q, '&');
	}
	if (director)
		sb_puts(&q, arena_printf(a, "regisseur=%lld&", (long long)director));
	tv_put_str(ctx, "filter_query", q.data);
	tv_put_str(ctx, "newest_href", q.len ? arena_printf(a, "/casussen?%.*s", (int)(q.len - 1), q.data) : "/casussen");
	tv_put_bool(ctx, "searched", *zoek != '\0');
	tv_put_bool(ctx, "filtered", *zoek != '\0' || director > 0);
	tv *items = tv_list(a);
	size_t n = 0;
	bool more = false;
	char today[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), today);
	/* a search without any word finds nothing rather than everything */
	case_row *list = (*zoek && !fts) ? NULL
	                 : case_search(a, u->id, u->org_id, team ? u->org_id : 0, fts, director, before, CASE_PAGE, &n,
	                               &more);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_put_int(o, "id", list[i].id);
		audit_note_household(rq, list[i].household_id);
		tv_put_str(o, "household_name", list[i].household_name);
		tv_put_str(o, "team", list[i].team_name);
		tv_put_str(o, "director", list[i].director_name);
		tv_put_str(o, "status", list[i].status);
		tv_put_str(o, "opened", hv_date(a, list[i].opened_at));
		/* the phase belongs to the case team, not to a partner ("dat, niet wat") */
		if (case_team_sees_all(case_parts_of_listed(rq, list[i].id, &list[i].facts))) {
			tv_put_str(o, "phase", case_phase_label(list[i].phase));
			tv_put_str(o, "evaluation_due", hv_date(a, list[i].evaluation_due));
			tv_put_bool(o, "evaluation_late", *list[i].evaluation_due && strcmp(list[i].evaluation_due, today) < 0);
		}
		tv_put_bool(o, "mine", list[i].director_id == u->id);
		tv_push(items, o);
	}
	tv_put(ctx, "cases", items);
	tv_put_bool(ctx, "any", n > 0);
	tv_put_bool(ctx, "more", more);
	tv_put_bool(ctx, "paged", before > 0);
	if (more)
		tv_put_int(ctx, "next_before", list[n - 1].id);
	if (*zoek || director)
		rq->audit.detail = *zoek && director ? "zoeken op gezinsnaam, per regisseur"
		                   : *zoek           ? "zoeken op gezinsnaam"
		                                     : "per regisseur";
	respond_page(rq, 200, "case_index", ctx);
}

/* The list from one read snapshot (db_read_begin): the page cache of this connection
 * stays valid for all of its statements, instead of being dropped by every audit
 * commit in between. */
void page_case_index(request *rq)
{
	bool begun = db_read_begin();
	show_case_index(rq);
	db_read_end(begun);
}

static void show_case_page(request *rq, int status, const char *failed);

/* The case page, read from one snapshot (see db_read_begin). */
static void show_case(request *rq, int status, const char *failed)
{
	bool begun = db_read_begin();
	show_case_page(rq, status, failed);
	db_read_end(begun);
}

static void show_case_page(request *rq, int status, const char *failed)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	case_rec c;
	if (!case_memo_get(rq, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	kr_date today = kr_date_today_nl();
	tv *ctx = page_ctx(rq, arena_printf(a, "Casus %s", c.household_name));
	page_add_form(ctx, &rq->form);
	if (failed)
		tv_set_bool(ctx, arena_printf(a, "failed_%s", failed), true);
	/* what this user sees of the case: one mask from case_parts_of, nothing else */
	unsigned parts = case_parts_of(rq, c.id);
	case_parts_to_view(ctx, parts);
	tv *ct = case_tv(a, &c);
	if (!(parts & PART_GEZIN))
		tv_set_str(ct, "address", ""); /* the address is part of "gezin" */
	tv_set(ctx, "c", ct);
	/* the forms shown below are also guarded by the route table and access.c */
	bool team = (u->roles & ROLE_TEAMLEIDER) && c.team_org_id == u->org_id;
	bool director = (u->roles & ROLE_PROFESSIONAL) && c.director_id == u->id && c.team_org_id == u->org_id;
	bool inner = (parts & PART_OVERDRACHT) != 0; /* sees handovers and feedback */
	tv_set_bool(ctx, "is_director", director);
	tv_set_bool(ctx, "is_team", team);
	tv_set_bool(ctx, "inner", inner);
	size_t ninv;
	involvement *inv = involvement_list(a, c.id, &ninv); /* the team and the course sections both use them */
	case_team_to_view(rq, ctx, &c, inv, ninv, parts, team || director, failed);
	case_plan_summary_fill(rq, ctx, c.id, parts);
	case_course_to_view(rq, ctx, &c, inv, ninv, parts, team || director, failed);

	size_t n = 0;
	person *p = (parts & PART_GEZIN) ? household_members(a, c.household_id, &n) : NULL;
	/* a corrected name or birth date shows its history where the person is shown */
	size_t nk = 0;
	person_correction *k = (parts & PART_GEZIN) ? person_corrections_of_household(a, c.household_id, &nk) : NULL;
	bool correcting = failed && strcmp(failed, "correct") == 0 && rq->nids > 1;
	tv *members = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", p[i].id);
		tv_set_str(o, "name", p[i].name);
		tv_set_str(o, "birthdate", hv_date(a, p[i].birthdate));
		tv_set_str(o, "role", person_role_label(p[i].role));
		bool mine = correcting && rq->ids[1] == p[i].id; /* the form that failed keeps its input */
		tv_set_bool(o, "correcting", mine);
		tv_set_str(o, "new_name", mine ? form_str(&rq->form, "name") : p[i].name);
		tv_set_str(o, "new_birthdate", mine ? form_str(&rq->form, "birthdate") : p[i].birthdate);
		tv_set_str(o, "reason", mine ? form_str(&rq->form, "reason") : "");
		tv *hist = tv_list(a);
		for (size_t j = 0; j < nk; j++) {
			if (k[j].person_id != p[i].id)
				continue;
			bool date = strcmp(k[j].field, "birthdate") == 0;
			tv *h = tv_obj(a);
			tv_set_str(h, "field", date ? "geboortedatum" : "naam");
			tv_set_str(h, "old", date ? hv_date(a, k[j].old_value) : k[j].old_value);
			tv_set_str(h, "new", date ? hv_date(a, k[j].new_value) : k[j].new_value);
			tv_set_str(h, "by", k[j].by_name);
			tv_set_str(h, "at", hv_datetime(a, k[j].at));
			tv_set_str(h, "reason", k[j].reason);
			tv_push(hist, h);
		}
		tv_set(o, "corrections", hist);
		tv_set_bool(o, "corrected", tv_list_len(hist) > 0);
		tv_push(members, o);
	}
	tv_set(ctx, "members", members);
	tv_set_bool(ctx, "any_corrected", nk > 0);

	n = 0;
	case_director_change *dh = case_team_sees_all(parts) ? case_director_history(a, c.id, &n) : NULL;
	tv *hist = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "name", dh[i].user_name);
		tv_set_str(o, "by", dh[i].set_by_name);
		tv_set_str(o, "at", hv_datetime(a, dh[i].set_at));
		tv_set_str(o, "reason", dh[i].reason);
		tv_push(hist, o);
	}
	tv_set(ctx, "director_history", hist);

	n = 0;
	handover_rec *hs = inner ? handover_list_for_case(a, c.id, &n) : NULL;
	handover_norms norms;
	if (n > 0)
		handover_norms_get(&norms); /* the deadlines of the handovers shown, nothing else */
	tv *handovers = tv_list(a);
	tv *feedback_choices = tv_list(a);
	bool failed_feedback = failed && strcmp(failed, "feedback") == 0;
	int64_t chosen = 0;
	if (failed_feedback)
		form_int(&rq->form, "handover", &chosen);
	size_t nfb = 0;
	handover_feedback *fb = inner ? handover_feedback_for_case(a, c.id, &nfb) : NULL; /* one query, not one per handover */
	for (size_t i = 0; i < n; i++) {
		tv *s = hv_summary(a, &hs[i], &norms, today);
		tv_set_str(s, "vt_org", hs[i].vt_org_name);
		if (inner) {
			tv *fl = tv_list(a);
			for (size_t j = 0; j < nfb; j++) {
				const handover_feedback *f = &fb[j];
				if (f->handover_id != hs[i].id)
					continue;
				tv *o = tv_obj(a);
				tv_set_str(o, "author", f->author_name);
				tv_set_str(o, "at", hv_datetime(a, f->created_at));
				tv_set_str(o, "agreements", f->agreements);
				tv_set_bool(o, "with_family", strcmp(f->with_family, "ja") == 0);
				tv_set_str(o, "agreed_on", hv_date(a, f->agreed_on));
				tv_push(fl, o);
			}
			tv_set(s, "feedback", fl);
		}
		tv_push(handovers, s);
		if (!director)
			continue; /* the feedback form is the regisseur's only */
		tv *ch = tv_obj(a);
		tv_set_int(ch, "value", hs[i].id);
		tv_set_str(ch, "label", arena_printf(a, "Overdracht %lld van %s", (long long)hs[i].id,
		                                     hv_date(a, hs[i].submitted_at)));
		tv_set_bool(ch, "selected", chosen ? hs[i].id == chosen : i + 1 == n);
		tv_push(feedback_choices, ch);
	}
	tv_set(ctx, "handovers", handovers);
	tv_set(ctx, "feedback_handovers", feedback_choices);
	tv_set_bool(ctx, "has_handovers", n > 0);
	const char *wf = failed_feedback ? form_str(&rq->form, "with_family") : "";
	tv_set_bool(ctx, "fb_family_ja", strcmp(wf, "ja") == 0);
	tv_set_bool(ctx, "fb_family_nee", strcmp(wf, "nee") == 0);
	const char *prev = failed && strcmp(failed, "director") == 0 ? form_str(&rq->form, "previous_director") : "";
	tv_set_bool(ctx, "previous_ja", strcmp(prev, "ja") == 0);
	tv_set_bool(ctx, "previous_nee", strcmp(prev, "nee") == 0);

	/* conditions, their history and the one status form (pages/safety_plan_conditions.c) */
	if (parts & PART_VOORWAARDEN)
		sp_conditions_put(rq, ctx, c.id, director && strcmp(c.status, "open") == 0);

	if (team) {
		size_t nu;
		user_rec *pros = user_list_with_role(a, c.team_org_id, ROLE_PROFESSIONAL, &nu);
		tv *opts = tv_list(a);
		for (size_t i = 0; i < nu; i++) {
			tv *o = tv_obj(a);
			tv_set_int(o, "value", pros[i].id);
			tv_set_str(o, "label", pros[i].name);
			tv_set_bool(o, "selected", pros[i].id == c.director_id);
			tv_push(opts, o);
		}
		tv_set(ctx, "directors", opts);
	}
	char iso[KR_DATE_BUF];
	kr_date_format_iso(today, iso);
	tv_set_str(ctx, "today_iso", iso);
	respond_page(rq, status, "case_show", ctx);
}

void page_case_show(request *rq)
{
	show_case(rq, 200, NULL);
}

void case_show_again(request *rq, int status, const char *failed)
{
	show_case(rq, status, failed);
}

static void back_to_case(request *rq, bool ok, const char *detail)
{
	if (!ok) {
		db_rollback();
		respond_error(rq, 404);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = detail;
	respond_redirect(rq, arena_printf(rq->a, "/casussen/%lld", (long long)rq->ids[0]));
}

/* 409 with the way back to the case (a second click, or someone else was first). */
static void case_conflict(request *rq)
{
	db_rollback();
	tv *ctx = page_ctx(rq, "Al verwerkt of tegelijk gewijzigd");
	tv_set_str(ctx, "href", arena_printf(rq->a, "/casussen/%lld", (long long)rq->ids[0]));
	tv_set_str(ctx, "what", "de casus");
	respond_page(rq, 409, "handover_conflict", ctx);
}

/* A closed case is a record, no longer a workplace: changes answer 409 with the
 * way back. True when the case is open. */
static bool case_still_open(request *rq)
{
	case_rec c;
	if (case_get(rq->a, rq->ids[0], &c) && strcmp(c.status, "open") == 0)
		return true;
	tv *ctx = page_ctx(rq, "Casus gesloten");
	tv_set_str(ctx, "href", arena_printf(rq->a, "/casussen/%lld", (long long)rq->ids[0]));
	tv_set_str(ctx, "what", "de casus (gesloten)");
	respond_page(rq, 409, "handover_conflict", ctx);
	return false;
}

void page_case_feedback(request *rq)
{
	if (!case_still_open(rq))
		return;
	form *f = &rq->form;
	arena *a = rq->a;
	int64_t handover_id = 0;
	handover_rec h;
	if (!form_error(f, "handover") && (!form_int(f, "handover", &handover_id) || !handover_get(a, handover_id, &h) ||
	                                   h.case_id != rq->ids[0]))
		form_add_error(f, "handover", "Kies de overdracht waarop deze terugkoppeling antwoordt.");
	const char *agreed_on = form_str(f, "agreed_on");
	kr_date d, submitted;
	if (*agreed_on && !form_error(f, "agreed_on") && kr_date_parse_iso(agreed_on, &d)) {
		if (kr_date_cmp(d, kr_date_today_nl()) > 0)
			form_add_error(f, "agreed_on", "De datum waarop de afspraken zijn gemaakt kan niet in de toekomst liggen.");
		else if (handover_id && !form_error(f, "handover") && handover_date_of(h.submitted_at, &submitted) &&
		         kr_date_cmp(d, submitted) < 0)
			/* agreements can be made at the warm handover, before the acceptance, never before the handover */
			form_add_error(f, "agreed_on", arena_printf(a, "De afspraken kunnen niet gemaakt zijn vóór de indiening"
			                                              " van de overdracht (%s).", hv_date(a, h.submitted_at)));
	}
	if (form_has_errors(f) || !db_begin()) {
		show_case(rq, 422, "feedback");
		return;
	}
	const char *agreements = form_get(f, "agreements");
	bool ok = handover_feedback_add(handover_id, rq->ids[0], rq->user->id, agreements,
	                                form_str(f, "with_family"), agreed_on);
	if (!ok) {
		case_conflict(rq);
		return;
	}
	back_to_case(rq, true, arena_printf(a, "terugkoppeling op overdracht %lld", (long long)handover_id));
}

void page_case_director(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	case_rec c;
	if (!case_still_open(rq) || !case_get(a, rq->ids[0], &c))
		return;
	int64_t director = 0;
	user_rec d;
	if (!form_error(f, "director") &&
	    (!form_int(f, "director", &director) || !user_get(a, director, &d) || !d.active ||
	     d.org_id != c.team_org_id || !(d.roles & ROLE_PROFESSIONAL)))
		form_add_error(f, "director", "Kies als regisseur een professional van het team van deze casus.");
	/* the former regisseur's involvement is decided, not a side effect */
	const char *prev = form_str(f, "previous_director");
	if (director && director != c.director_id && !*prev && !form_error(f, "previous_director"))
		form_add_error(f, "previous_director",
		               arena_printf(a, "Geef aan of %s bij de casus betrokken blijft.", c.director_name));
	if (form_has_errors(f) || !db_begin()) {
		show_case(rq, 422, "director");
		return;
	}
	bool ok = case_set_director(c.id, director, rq->user->id, form_str(f, "reason"));
	if (ok && director != c.director_id && strcmp(prev, "ja") == 0)
		ok = case_involve(c.id, c.team_org_id, c.director_id, "betrokken");
	back_to_case(rq, ok, arena_printf(a, "regisseur: gebruiker %lld", (long long)director));
}
