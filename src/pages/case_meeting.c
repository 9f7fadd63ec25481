/*
 * case_meeting.c — round-table meetings (RTO) of a case (issue 8):
 * GET/POST /casussen/{id}/overleggen (the list; the team leader or regisseur
 * plans one: date, time, place or online, invited involved people, agenda) and
 * GET/POST /casussen/{id}/overleggen/{id} (the minutes: attendance — the family
 * is present unless a reason is written down —, agenda and notes tagged with a
 * part, agreements with what, who and by when, the status of the open agreements
 * of earlier meetings, which the next meeting opens with). Printable on A4.
 *
 * Who may do what: the route table and auth/case_course_access.c. What a reader
 * sees follows from his/her mask of parts only (case_parts_of): notes when their
 * part is in it, agreements when their part is or when they are the reader's own
 * organisation's (PART_BASIS); the attendance of others only for whoever sees the
 * whole case team. A closed case refuses every change with 409.
 */
#include "pages/case_course.h"

#include "auth/case_parts.h"
#include "store/roles.h"
#include "pages/case_team.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/case_meeting.h"
#include "store/db.h"
#include "store/involvement.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AGREEMENT_ROWS 3

static bool manages_case(request *rq, const case_rec *c)
{
	/* the forms only; the route table and access functions are the guard */
	const auth_user *u = rq->user;
	return ((u->roles & ROLE_TEAMLEIDER) && c->team_org_id == u->org_id) ||
	       ((u->roles & ROLE_PROFESSIONAL) && c->director_id == u->id && c->team_org_id == u->org_id);
}

static tv *part_options(arena *a, unsigned parts, const char *chosen)
{
	tv *opts = tv_list(a);
	for (int i = 0; i < PART_COUNT; i++) {
		unsigned bit = case_part_at(i);
		if (!(parts & bit) || bit == PART_BASIS || bit == PART_OVERDRACHT)
			continue;
		tv *o = tv_obj(a);
		tv_set_str(o, "value", case_part_code(bit));
		tv_set_str(o, "label", case_part_label(bit));
		tv_set_bool(o, "selected", strcmp(chosen, case_part_code(bit)) == 0);
		tv_push(opts, o);
	}
	return opts;
}

static const char *meeting_when(arena *a, const case_meeting *m)
{
	return *m->start_time ? arena_printf(a, "%s om %s", hv_date(a, m->held_on), m->start_time)
	                      : hv_date(a, m->held_on);
}

static const char *meeting_where(arena *a, const case_meeting *m)
{
	if (m->online && *m->location)
		return arena_printf(a, "online en %s", m->location);
	return m->online ? "online" : m->location;
}

/* ---- the list and planning ------------------------------------------------------ */

static void show_list(request *rq, int status, bool failed)
{
	arena *a = rq->a;
	case_rec c;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	unsigned parts = case_parts_of(rq, c.id);
	tv *ctx = page_ctx(rq, arena_printf(a, "Rondetafeloverleggen %s", c.household_name));
	page_add_form(ctx, &rq->form);
	tv_set_bool(ctx, "failed_plan", failed);
	tv *ct = tv_obj(a);
	tv_set_int(ct, "id", c.id);
	tv_set_str(ct, "household_name", c.household_name);
	tv_set(ctx, "c", ct);
	size_t n;
	case_meeting *m = case_meetings(a, c.id, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", m[i].id);
		tv_set_str(o, "when", meeting_when(a, &m[i]));
		tv_set_str(o, "where", meeting_where(a, &m[i]));
		tv_set_bool(o, "recorded", m[i].minutes_recorded);
		tv_push(list, o);
	}
	tv_set(ctx, "meetings", list);
	bool manages = manages_case(rq, &c) && strcmp(c.status, "open") == 0;
	tv_set_bool(ctx, "may_plan", manages);
	(void)parts;
	if (manages) {
		size_t ni;
		involved_user *iu = involvement_active_users(a, c.id, &ni);
		const char **chosen = NULL;
		size_t nchosen = failed ? form_all(&rq->form, "invitee", &chosen) : 0;
		tv *inv = tv_list(a);
		for (size_t i = 0; i < ni; i++) {
			char idbuf[24];
			snprintf(idbuf, sizeof idbuf, "%lld", (long long)iu[i].user_id);
			bool sel = !failed;
			for (size_t j = 0; j < nchosen; j++)
				sel = sel || strcmp(chosen[j], idbuf) == 0;
			tv *o = tv_obj(a);
			tv_set_int(o, "value", iu[i].user_id);
			tv_set_str(o, "label", arena_printf(a, "%s (%s)", iu[i].user_name, iu[i].org_name));
			tv_set_bool(o, "checked", sel);
			tv_push(inv, o);
		}
		tv_set(ctx, "invitees", inv);
		char iso[KR_DATE_BUF];
		kr_date_format_iso(kr_date_today_nl(), iso);
		tv_set_str(ctx, "today_iso", iso);
		tv_set_bool(ctx, "online_checked", failed && strcmp(form_str(&rq->form, "online"), "ja") == 0);
	}
	respond_page(rq, status, "case_meetings", ctx);
}

void page_case_meetings(request *rq)
{
	show_list(rq, 200, false);
}

void page_case_meeting_create(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	if (!case_course_open_or_409(rq))
		return;
	case_course_require(rq, "held_on", "Vul de datum van het overleg in.");
	const char *t = form_str(f, "start_time");
	if (*t && !form_error(f, "start_time") &&
	    !(strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' && t[3] >= '0' &&
	      t[3] <= '5' && t[4] >= '0' && t[4] <= '9' && (t[0] < '2' || t[1] <= '3')))
		form_add_error(f, "start_time", "Vul de tijd in als uu:mm, bijvoorbeeld 14:30.");
	bool online = strcmp(form_str(f, "online"), "ja") == 0;
	if (!online && !*form_str(f, "location") && !form_error(f, "location"))
		form_add_error(f, "location", "Vul de plaats in, of kies online.");
	const char **ids = NULL;
	size_t nids = form_all(f, "invitee", &ids);
	size_t ni;
	involved_user *iu = involvement_active_users(a, rq->ids[0], &ni);
	int64_t *invitees = arena_alloc(a, (nids + 1) * sizeof *invitees);
	size_t k = 0;
	for (size_t i = 0; i < nids; i++) {
		int64_t id = 0;
		bool involved = false;
		if (parse_id(ids[i], &id))
			for (size_t j = 0; j < ni; j++)
				involved = involved || iu[j].user_id == id;
		if (!involved) {
			form_add_error(f, "invitee", "Nodig alleen mensen uit die bij de casus betrokken zijn.");
			break;
		}
		invitees[k++] = id;
	}
	if (k == 0 && !form_error(f, "invitee"))
		form_add_error(f, "invitee", "Nodig ten minste één betrokkene uit.");
	if (form_has_errors(f) || !db_begin()) {
		show_list(rq, 422, true);
		return;
	}
	int64_t id = case_meeting_add(rq->ids[0], form_str(f, "held_on"), t, form_str(f, "location"), online,
	                              form_str(f, "agenda"), rq->user->id, invitees, k);
	if (!id || !db_commit()) {
		db_rollback();
		respond_error(rq, 409);
		return;
	}
	rq->audit.detail = arena_printf(a, "overleg %lld gepland", (long long)id);
	respond_redirect(rq, arena_printf(a, "/casussen/%lld/overleggen/%lld", (long long)rq->ids[0], (long long)id));
}

/* ---- one meeting: minutes ------------------------------------------------------- */

static tv *agreement_tv(arena *a, const case_agreement *g)
{
	tv *o = tv_obj(a);
	tv_set_int(o, "id", g->id);
	tv_set_str(o, "what", g->what);
	tv_set_str(o, "who", g->who);
	tv_set_str(o, "due", hv_date(a, g->due_on));
	tv_set_str(o, "status", case_agreement_status_label(g->status));
	tv_set_str(o, "meeting_on", hv_date(a, g->meeting_on));
	tv_set_str(o, "part", case_part_label(g->part));
	tv *st = tv_list(a);
	for (size_t i = 0; case_agreement_statuses[i]; i++) {
		tv *s = tv_obj(a);
		tv_set_str(s, "value", case_agreement_statuses[i]);
		tv_set_str(s, "label", case_agreement_status_label(case_agreement_statuses[i]));
		tv_set_bool(s, "selected", strcmp(g->status, case_agreement_statuses[i]) == 0);
		tv_push(st, s);
	}
	tv_set(o, "statuses", st);
	return o;
}

static tv *agreements_tv(arena *a, const case_agreement *g, size_t n)
{
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(list, agreement_tv(a, &g[i]));
	return list;
}

static void show_meeting(request *rq, int status, bool failed)
{
	arena *a = rq->a;
	case_rec c;
	case_meeting m;
	if (!case_get(a, rq->ids[0], &c) || !case_meeting_get(a, c.id, rq->ids[1], &m)) {
		respond_error(rq, 404);
		return;
	}
	unsigned parts = case_parts_of(rq, c.id);
	bool whole = case_team_sees_all(parts);
	tv *ctx = page_ctx(rq, arena_printf(a, "Rondetafeloverleg %s", hv_date(a, m.held_on)));
	page_add_form(ctx, &rq->form);
	tv_set_bool(ctx, "failed_minutes", failed);
	tv *ct = tv_obj(a);
	tv_set_int(ct, "id", c.id);
	tv_set_str(ct, "household_name", c.household_name);
	tv_set_str(ct, "director", c.director_name);
	tv_set(ctx, "c", ct);
	tv_set_int(ctx, "meeting_id", m.id);
	tv_set_str(ctx, "when", meeting_when(a, &m));
	tv_set_str(ctx, "where", meeting_where(a, &m));
	tv_set_str(ctx, "by", m.by_name);
	tv_set_bool(ctx, "recorded", m.minutes_recorded);
	tv_set_bool(ctx, "family_present", m.family_present);
	tv_set_str(ctx, "family_absent_reason", m.family_absent_reason);
	/* agenda and notes are one part of the case (as a journal entry) */
	bool notes_visible = (parts & m.notes_part) != 0;
	tv_set_bool(ctx, "notes_visible", notes_visible);
	if (notes_visible) {
		tv_set_str(ctx, "agenda", m.agenda);
		tv_set_str(ctx, "notes", m.notes);
		tv_set_str(ctx, "notes_part", case_part_label(m.notes_part));
	}
	size_t n;
	case_invitee *inv = case_meeting_invitees(a, m.id, &n);
	tv *people = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		if (!whole && inv[i].org_id != rq->user->org_id)
			continue; /* a partner sees his/her own organisation's attendance only */
		tv *o = tv_obj(a);
		tv_set_int(o, "user_id", inv[i].user_id);
		tv_set_str(o, "name", inv[i].name);
		tv_set_str(o, "org", inv[i].org_name);
		tv_set_bool(o, "present", strcmp(inv[i].present, "ja") == 0);
		tv_set_bool(o, "absent", strcmp(inv[i].present, "nee") == 0);
		tv_push(people, o);
	}
	tv_set(ctx, "invitees", people);
	case_agreement *earlier = case_agreements(a, c.id, -m.id, parts, rq->user->org_id, &n);
	tv_set(ctx, "earlier", agreements_tv(a, earlier, n));
	tv_set_bool(ctx, "has_earlier", n > 0);
	case_agreement *now = case_agreements(a, c.id, m.id, parts, rq->user->org_id, &n);
	tv_set(ctx, "agreements", agreements_tv(a, now, n));
	tv_set_bool(ctx, "has_agreements", n > 0);
	bool manages = manages_case(rq, &c) && strcmp(c.status, "open") == 0;
	tv_set_bool(ctx, "may_record", manages);
	if (manages) {
		form *f = &rq->form;
		const char *fp = failed ? form_str(f, "family_present") : (m.family_present ? "ja" : "nee");
		tv_set_bool(ctx, "family_ja", strcmp(fp, "ja") == 0);
		tv_set_bool(ctx, "family_nee", strcmp(fp, "nee") == 0);
		tv_set_str(ctx, "v_agenda", failed ? form_str(f, "agenda") : m.agenda);
		tv_set_str(ctx, "v_notes", failed ? (form_get(f, "notes") ? form_get(f, "notes") : "") : m.notes);
		tv_set_str(ctx, "v_absent_reason", failed ? form_str(f, "family_absent_reason") : m.family_absent_reason);
		tv_set(ctx, "notes_parts", part_options(a, parts, failed ? form_str(f, "notes_part") : case_part_code(m.notes_part)));
		/* new agreement rows, kept on a failed save */
		const char **what = NULL, **who = NULL, **whot = NULL, **due = NULL, **part = NULL;
		size_t nw = failed ? form_all(f, "agr_what", &what) : 0;
		size_t nwho = failed ? form_all(f, "agr_who", &who) : 0;
		size_t nwt = failed ? form_all(f, "agr_who_text", &whot) : 0;
		size_t nd = failed ? form_all(f, "agr_due", &due) : 0;
		size_t np = failed ? form_all(f, "agr_part", &part) : 0;
		size_t ni;
		involved_user *iu = involvement_active_users(a, c.id, &ni);
		tv *rows = tv_list(a);
		for (size_t r = 0; r < AGREEMENT_ROWS; r++) {
			tv *o = tv_obj(a);
			tv_set_int(o, "n", (int64_t)r + 1);
			tv_set_str(o, "what", r < nw ? what[r] : "");
			tv_set_str(o, "who_text", r < nwt ? whot[r] : "");
			tv_set_str(o, "due", r < nd ? due[r] : "");
			const char *wsel = r < nwho ? who[r] : "";
			tv *wo = tv_list(a);
			for (size_t i = 0; i < ni; i++) {
				tv *x = tv_obj(a);
				const char *v = arena_printf(a, "u%lld", (long long)iu[i].user_id);
				tv_set_str(x, "value", v);
				tv_set_str(x, "label", arena_printf(a, "%s (%s)", iu[i].user_name, iu[i].org_name));
				tv_set_bool(x, "selected", strcmp(wsel, v) == 0);
				tv_push(wo, x);
			}
			tv_set(o, "who_options", wo);
			tv_set(o, "parts", part_options(a, parts, r < np ? part[r] : "plan_afspraken"));
			tv_push(rows, o);
		}
		tv_set(ctx, "new_rows", rows);
	}
	respond_page(rq, status, "case_meeting", ctx);
}

void page_case_meeting_show(request *rq)
{
	bool begun = db_read_begin();
	show_meeting(rq, 200, false);
	db_read_end(begun);
}

/* The user id in "u123" when it is one of the case's actively involved people. */
static int64_t involved_user_of(arena *a, int64_t case_id, const char *v, int64_t *org_id)
{
	int64_t id = 0;
	if (v[0] != 'u' || !parse_id(v + 1, &id))
		return 0;
	size_t n;
	involved_user *iu = involvement_active_users(a, case_id, &n);
	for (size_t i = 0; i < n; i++)
		if (iu[i].user_id == id) {
			*org_id = iu[i].org_id;
			return id;
		}
	return 0;
}

void page_case_meeting_record(request *rq)
{
	form *f = &rq->form;
	arena *a = rq->a;
	if (!case_course_open_or_409(rq))
		return;
	int64_t case_id = rq->ids[0], meeting_id = rq->ids[1];
	unsigned parts = case_parts_of(rq, case_id);
	const char *fp = form_str(f, "family_present");
	if (!*fp && !form_error(f, "family_present"))
		form_add_error(f, "family_present", "Geef aan of het gezin aanwezig was.");
	bool family = strcmp(fp, "ja") == 0;
	if (strcmp(fp, "nee") == 0)
		case_course_require(rq, "family_absent_reason", "Het gezin is er altijd bij, tenzij er een goede reden is:"
		                                                " schrijf die reden op.");
	unsigned notes_part = case_part_from_code(form_str(f, "notes_part"));
	if (!(notes_part & parts) || notes_part == PART_BASIS || notes_part == PART_OVERDRACHT)
		form_add_error(f, "notes_part", "Kies een deel van de casus dat u mag zien.");
	/* attendance: checked invitees */
	const char **pres = NULL;
	size_t npres = form_all(f, "present", &pres);
	int64_t *present = arena_alloc(a, (npres + 1) * sizeof *present);
	size_t kp = 0;
	for (size_t i = 0; i < npres; i++)
		if (parse_id(pres[i], &present[kp]))
			kp++;
	/* new agreements */
	const char **what = NULL, **who = NULL, **whot = NULL, **due = NULL, **part = NULL;
	size_t nw = form_all(f, "agr_what", &what);
	size_t nwho = form_all(f, "agr_who", &who);
	size_t nwt = form_all(f, "agr_who_text", &whot);
	size_t nd = form_all(f, "agr_due", &due);
	size_t np = form_all(f, "agr_part", &part);
	typedef struct { const char *what, *who_text, *due; int64_t org, user; unsigned part; } new_agreement;
	new_agreement *rows = arena_alloc(a, (nw + 1) * sizeof *rows);
	size_t kr = 0;
	for (size_t r = 0; r < nw && r < AGREEMENT_ROWS; r++) {
		const char *w = what[r];
		while (*w == ' ' || *w == '\n' || *w == '\r' || *w == '\t')
			w++;
		if (!*w)
			continue;
		new_agreement g = {.what = what[r], .who_text = r < nwt ? whot[r] : "", .due = r < nd ? due[r] : ""};
		const char *wv = r < nwho ? who[r] : "";
		if (*wv)
			g.user = involved_user_of(a, case_id, wv, &g.org);
		if (*wv && !g.user)
			form_add_error(f, "agr_who", "Kies als wie een betrokkene van de casus.");
		else if (!g.user && !*g.who_text)
			form_add_error(f, "agr_who", arena_printf(a, "Afspraak %zu: vul in wie het doet (een betrokkene, of"
			                                             " iemand uit het gezin of netwerk).", r + 1));
		kr_date dd;
		if (*g.due && !kr_date_parse_iso(g.due, &dd))
			form_add_error(f, "agr_due", arena_printf(a, "Afspraak %zu: vul een geldige datum in.", r + 1));
		g.part = case_part_from_code(r < np ? part[r] : "");
		if (!(g.part & parts) || g.part == PART_BASIS || g.part == PART_OVERDRACHT)
			form_add_error(f, "agr_part", arena_printf(a, "Afspraak %zu: kies een deel van de casus dat u mag zien.", r + 1));
		rows[kr++] = g;
	}
	/* status of the open agreements of earlier meetings */
	const char **uid = NULL, **ust = NULL;
	size_t nu = form_all(f, "upd_id", &uid);
	size_t nus = form_all(f, "upd_status", &ust);
	if (form_has_errors(f) || !db_begin()) {
		show_meeting(rq, 422, true);
		return;
	}
	char today[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), today);
	bool ok = case_meeting_record(case_id, meeting_id, present, kp, family, form_str(f, "family_absent_reason"),
	                              form_str(f, "agenda"), form_get(f, "notes") ? form_get(f, "notes") : "",
	                              notes_part, today);
	for (size_t r = 0; ok && r < kr; r++)
		ok = case_agreement_add(case_id, meeting_id, rows[r].what, rows[r].org, rows[r].user, rows[r].who_text,
		                        rows[r].due, rows[r].part) > 0;
	size_t visible_n;
	case_agreement *visible = case_agreements(a, case_id, -meeting_id, parts, rq->user->org_id, &visible_n);
	for (size_t i = 0; ok && i < nu && i < nus; i++) {
		int64_t id = 0;
		bool known = false;
		if (parse_id(uid[i], &id))
			for (size_t j = 0; j < visible_n; j++)
				known = known || visible[j].id == id;
		if (known)
			ok = case_agreement_set_status(case_id, id, ust[i], rq->user->id);
	}
	if (!ok || !db_commit()) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	rq->audit.detail = arena_printf(a, "verslag overleg %lld, %zu afspraken", (long long)meeting_id, kr);
	respond_redirect(rq, arena_printf(a, "/casussen/%lld/overleggen/%lld", (long long)case_id, (long long)meeting_id));
}
