/*
 * leertafel.c — /leertafel: the start page of the leertafel, its meetings
 * (planning, attendance, agenda, notes, decisions), the action list of each
 * meeting (screen, print, CSV), the start-page panel, and the helpers the
 * other leertafel page files share (leertafel_int.h).
 *
 * Never shows or queries client data: it uses only the leertafel stores
 * (meeting, action, action_plan, board, actielijn) and organisations. All text
 * reaches the page through templates; agenda, notes and decisions only through
 * markdown_render(). Role checks live in the route table; the one object-level
 * rule (who may update an action) is leertafel_may_update_action() below.
 */
#include "pages/leertafel.h"
#include "pages/leertafel_int.h"

#include "store/roles.h"
#include "server/flash.h"
#include "server/respond.h"
#include "store/action.h"
#include "store/action_plan.h"
#include "store/db.h"
#include "store/meeting.h"
#include "store/org.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/textcheck.h"
#include "view/markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared helpers (leertafel_int.h) --------------------------------------- */

const char *lt_today(arena *a)
{
	char buf[KR_DATE_BUF];
	kr_date_format_iso(kr_date_today_nl(), buf);
	return arena_strdup(a, buf);
}

const char *lt_date(arena *a, const char *iso)
{
	kr_date d;
	if (!iso || !kr_date_parse_iso(iso, &d))
		return "";
	char buf[KR_DATE_BUF];
	kr_date_format(d, buf);
	return arena_strdup(a, buf);
}

const char *lt_date_long(arena *a, const char *iso)
{
	kr_date d;
	if (!iso || !kr_date_parse_iso(iso, &d))
		return "";
	char buf[KR_DATE_LONG_BUF];
	kr_date_format_long(d, buf);
	return arena_printf(a, "%s %s", kr_weekday_name(kr_date_weekday(d)), buf);
}

const char *lt_when(arena *a, const action *x)
{
	if (x->quarter && *x->quarter)
		return x->quarter;
	return lt_date(a, x->due_on);
}

bool lt_is_secretaris(const request *rq)
{
	return rq->user && (rq->user->roles & ROLE_SECRETARIS);
}

access_result access_leertafel_action_update(request *rq)
{
	action x;
	if (!action_get(rq->a, rq->ids[0], &x))
		return ACCESS_NOT_FOUND;
	return leertafel_may_update_action(rq, x.id) ? ACCESS_OK : ACCESS_FORBIDDEN;
}

bool leertafel_may_update_action(const request *rq, int64_t action_id)
{
	if (!rq->user)
		return false;
	if (rq->user->roles & ROLE_SECRETARIS)
		return true;
	return (rq->user->roles & ROLE_LEERTAFELLID) && action_org_involved(action_id, rq->user->org_id);
}

tv *lt_action_tv(request *rq, const action *x, const char *today)
{
	arena *a = rq->a;
	tv *o = tv_obj(a);
	tv_set_int(o, "id", x->id);
	tv_set_str(o, "wat", x->wat);
	tv_set_str(o, "hoe", x->hoe);
	tv_set_str(o, "wie", x->orgs_text);
	tv_set_str(o, "owner", x->owner_name);
	tv_set_str(o, "wanneer", lt_when(a, x));
	tv_set_str(o, "actielijn", x->actielijn);
	tv_set_str(o, "tag", x->tag);
	tv_set_str(o, "werkgroep", x->werkgroep);
	tv_set_str(o, "status", x->status);
	tv_set_str(o, "status_meaning", action_status_extra(x->status));
	tv_set_str(o, "status_note", x->status_note);
	tv_set_str(o, "status_on", lt_date(a, x->status_on));
	tv_set_bool(o, "overdue", action_is_overdue(x->due_on, x->status, today));
	tv_set_bool(o, "after_adoption", x->after_adoption);
	tv_set_bool(o, "escalated", x->escalated);
	tv_set_int(o, "plan_year", x->plan_year);
	return o;
}

static const char client_data_warning[] =
	"Deze tekst lijkt een BSN of een geboortedatum te bevatten. Schrijf in de leertafel nooit gegevens "
	"van cliënten. Pas de tekst aan, of vink onderaan ‘Toch opslaan’ aan als het geen cliëntgegeven is "
	"(bijvoorbeeld een gewone datum).";

bool lt_check_client_data(request *rq, const char *const *fields)
{
	if (strcmp(form_str(&rq->form, "toch_opslaan"), "ja") == 0)
		return false;
	bool warned = false;
	for (size_t i = 0; fields[i]; i++) {
		const char *v = form_get(&rq->form, fields[i]);
		if (v && (text_has_bsn(v) || text_has_birthdate(v)) && !form_error(&rq->form, fields[i])) {
			form_add_error(&rq->form, fields[i], client_data_warning);
			warned = true;
		}
	}
	return warned;
}

void lt_add_form(tv *ctx, request *rq)
{
	page_add_form(ctx, &rq->form);
	bool warned = false;
	for (size_t i = 0; i < rq->form.nerrors; i++)
		if (rq->form.errors[i].message == client_data_warning)
			warned = true;
	tv_set_bool(ctx, "client_warning", warned);
	tv_set_bool(ctx, "confirm_checked", strcmp(form_str(&rq->form, "toch_opslaan"), "ja") == 0);
}

tv *lt_org_options(request *rq, const int64_t *selected, size_t nselected)
{
	size_t n;
	org *orgs = org_choices(rq->a, &n);
	tv *list = tv_list(rq->a);
	for (size_t i = 0; i < n; i++) {
		bool sel = false;
		for (size_t j = 0; j < nselected; j++)
			if (selected[j] == orgs[i].id)
				sel = true;
		if (!orgs[i].active && !sel)
			continue;
		tv *o = tv_obj(rq->a);
		tv_set_int(o, "value", orgs[i].id);
		tv_set_str(o, "label", orgs[i].name);
		tv_set_bool(o, "selected", sel);
		tv_push(list, o);
	}
	return list;
}

/* ---- start page --------------------------------------------------------------- */

static tv *meeting_tv(request *rq, const meeting *m)
{
	tv *o = tv_obj(rq->a);
	tv_set_int(o, "id", m->id);
	tv_set_str(o, "date", lt_date(rq->a, m->held_on));
	tv_set_str(o, "date_long", lt_date_long(rq->a, m->held_on));
	tv_set_str(o, "start_time", m->start_time);
	tv_set_str(o, "location", m->location);
	tv_set_bool(o, "online", m->online);
	tv_set_int(o, "nactions", m->nactions);
	return o;
}

static int cmp_year_desc(const void *x, const void *y)
{
	return *(const int *)y - *(const int *)x;
}

void page_leertafel_index(request *rq)
{
	arena *a = rq->a;
	const char *today = lt_today(a);
	int this_year = kr_date_today_nl().y;
	int64_t year = this_year;
	if (form_error(&rq->form, "jaar") || !form_int(&rq->form, "jaar", &year) || year < 2000 || year > 2100)
		year = this_year;
	tv *ctx = page_ctx(rq, "Leertafel");
	tv_set_bool(ctx, "secretaris", lt_is_secretaris(rq));
	tv_set_int(ctx, "year", year);

	size_t ny;
	int *years = meeting_years(a, &ny);
	int all[64];
	size_t na = 0;
	all[na++] = this_year;
	for (size_t i = 0; i < ny && na < 63; i++) {
		bool dup = false;
		for (size_t j = 0; j < na; j++)
			dup = dup || all[j] == years[i];
		if (!dup)
			all[na++] = years[i];
	}
	qsort(all, na, sizeof all[0], cmp_year_desc);
	tv *yl = tv_list(a);
	for (size_t i = 0; i < na; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "year", all[i]);
		tv_set_bool(o, "current", all[i] == year);
		tv_push(yl, o);
	}
	tv_set(ctx, "years", yl);

	meeting next;
	if (meeting_next(a, today, &next))
		tv_set(ctx, "next", meeting_tv(rq, &next));

	size_t n;
	meeting *ms = meeting_list_year(a, (int)year, &n);
	tv *ml = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = meeting_tv(rq, &ms[i]);
		tv_set_bool(o, "past", strcmp(ms[i].held_on, today) < 0);
		tv_push(ml, o);
	}
	tv_set(ctx, "meetings", ml);
	tv_set_bool(ctx, "has_meetings", n > 0);

	action_plan *plans = action_plan_list(a, &n);
	tv *pl = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", plans[i].id);
		tv_set_int(o, "year", plans[i].year);
		tv_set_str(o, "title", plans[i].title);
		tv_set_str(o, "adopted_on", lt_date(a, plans[i].adopted_on));
		tv_set_int(o, "nactions", plans[i].nactions);
		tv_set_str(o, "nactions_text", action_count_text(a, plans[i].nactions));
		tv_push(pl, o);
	}
	tv_set(ctx, "plans", pl);
	respond_page(rq, 200, "leertafel_index", ctx);
}

/* ---- meetings ------------------------------------------------------------------- */

static const char *const meeting_text_fields[] = {"location", "agenda", "notes", "decisions", NULL};

/* Show the meeting form. m holds the values to show when the form was not submitted. */
static void show_meeting_form(request *rq, int status, const meeting *m, bool submitted)
{
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, m->id ? "Bijeenkomst bewerken" : "Bijeenkomst plannen");
	lt_add_form(ctx, rq);
	tv *v = tv_obj(a);
	if (submitted) {
		tv_set_str(v, "held_on", form_str(&rq->form, "held_on"));
		tv_set_str(v, "start_time", form_str(&rq->form, "start_time"));
		tv_set_str(v, "location", form_str(&rq->form, "location"));
		tv_set_bool(v, "online", strcmp(form_str(&rq->form, "online"), "ja") == 0);
		const char *s;
		tv_set_str(v, "agenda", (s = form_get(&rq->form, "agenda")) ? s : "");
		tv_set_str(v, "notes", (s = form_get(&rq->form, "notes")) ? s : "");
		tv_set_str(v, "decisions", (s = form_get(&rq->form, "decisions")) ? s : "");
	} else {
		tv_set_str(v, "held_on", m->held_on);
		tv_set_str(v, "start_time", m->start_time);
		tv_set_str(v, "location", m->location);
		tv_set_bool(v, "online", m->online);
		tv_set_str(v, "agenda", m->agenda);
		tv_set_str(v, "notes", m->notes);
		tv_set_str(v, "decisions", m->decisions);
	}
	tv_set(ctx, "v", v);
	if (m->id) {
		tv_set_int(ctx, "id", m->id);
		size_t n;
		attendance *att = meeting_attendance(a, m->id, &n);
		const char **orgs = NULL, **pres = NULL;
		size_t norgs = submitted ? form_all(&rq->form, "att_org", &orgs) : 0;
		size_t npres = submitted ? form_all(&rq->form, "att_presence", &pres) : 0;
		tv *al = tv_list(a);
		for (size_t i = 0; i < n; i++) {
			const char *p = att[i].presence;
			if (submitted) {
				p = "";
				char idbuf[24];
				snprintf(idbuf, sizeof idbuf, "%lld", (long long)att[i].org_id);
				for (size_t j = 0; j < norgs && j < npres; j++)
					if (strcmp(orgs[j], idbuf) == 0)
						p = pres[j];
			}
			tv *o = tv_obj(a);
			tv_set_int(o, "org_id", att[i].org_id);
			tv_set_str(o, "org_name", att[i].org_name);
			tv *opts = tv_list(a);
			for (size_t k = 0; meeting_presences[k]; k++) {
				tv *op = tv_obj(a);
				tv_set_str(op, "value", meeting_presences[k]);
				tv_set_str(op, "label", meeting_presence_label(meeting_presences[k]));
				tv_set_bool(op, "selected", strcmp(p, meeting_presences[k]) == 0);
				tv_push(opts, op);
			}
			tv_set(o, "options", opts);
			tv_set_bool(o, "none", *p == '\0');
			tv_push(al, o);
		}
		tv_set(ctx, "attendance", al);
	}
	respond_page(rq, status, "leertafel_meeting_form", ctx);
}

void page_leertafel_meeting_new(request *rq)
{
	meeting m = {.held_on = "", .start_time = "", .location = "",
	             .agenda = "1. Opening en vaststellen agenda\n2. Verslag en actielijst vorige bijeenkomst\n"
	                       "3. Voortgang actieplan (stoplichten)\n4. Casuïstiek geanonimiseerd: wat leren we?\n"
	                       "5. Wat brengen we naar het bestuurlijk overleg?\n6. Rondvraag en sluiting\n",
	             .notes = "", .decisions = ""};
	show_meeting_form(rq, 200, &m, false);
}

void page_leertafel_meeting_edit(request *rq)
{
	meeting m;
	if (!meeting_get(rq->a, rq->ids[0], &m)) {
		respond_error(rq, 404);
		return;
	}
	show_meeting_form(rq, 200, &m, false);
}

/* A start time as people type it: "9:30", "09:30", "9.30" or "9u30"; *out gets
 * "09:30" (arena). True for "" (no time). */
static bool time_parse(arena *a, const char *s, const char **out)
{
	*out = s;
	if (!*s)
		return true;
	int h = 0, n = 0;
	while (n < 2 && s[n] >= '0' && s[n] <= '9')
		h = h * 10 + (s[n++] - '0');
	if (n == 0 || (s[n] != ':' && s[n] != '.' && s[n] != 'u'))
		return false;
	const char *m = s + n + 1;
	if (strlen(m) != 2 || m[0] < '0' || m[0] > '5' || m[1] < '0' || m[1] > '9' || h > 23)
		return false;
	*out = arena_printf(a, "%02d:%c%c", h, m[0], m[1]);
	return true;
}

/* Read and check the meeting form into m; adds field errors. */
static void read_meeting(request *rq, meeting *m)
{
	form *f = &rq->form;
	m->held_on = form_str(f, "held_on");
	m->start_time = form_str(f, "start_time");
	m->location = form_str(f, "location");
	m->online = strcmp(form_str(f, "online"), "ja") == 0;
	const char *s;
	m->agenda = (s = form_get(f, "agenda")) ? s : "";
	m->notes = (s = form_get(f, "notes")) ? s : "";
	m->decisions = (s = form_get(f, "decisions")) ? s : "";
	if (!form_error(f, "start_time") && !time_parse(rq->a, m->start_time, &m->start_time))
		form_add_error(f, "start_time", "Schrijf de begintijd als uren en minuten, bijvoorbeeld 9:30 of 14:00.");
	if (!form_error(f, "location") && !*m->location && !m->online)
		form_add_error(f, "location", "Vul een plaats in, of kies ‘online’.");
	lt_check_client_data(rq, meeting_text_fields);
}

static bool save_attendance(request *rq, int64_t meeting_id)
{
	const char **orgs, **pres;
	size_t norgs = form_all(&rq->form, "att_org", &orgs);
	size_t npres = form_all(&rq->form, "att_presence", &pres);
	for (size_t i = 0; i < norgs && i < npres; i++) {
		int64_t org_id;
		org o;
		if (!parse_id(orgs[i], &org_id) || !org_get(rq->a, org_id, &o))
			continue;
		if (!meeting_set_attendance(meeting_id, org_id, pres[i]))
			return false;
	}
	return true;
}

void page_leertafel_meeting_create(request *rq)
{
	meeting m = {0};
	read_meeting(rq, &m);
	if (form_has_errors(&rq->form) || !db_begin()) {
		show_meeting_form(rq, 422, &m, true);
		return;
	}
	int64_t id = meeting_create(&m, rq->user->id);
	if (!id || !db_commit()) {
		if (!id)
			db_rollback();
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "De bijeenkomst is opgeslagen.");
	respond_redirect(rq, arena_printf(rq->a, "/leertafel/bijeenkomsten/%lld", (long long)id));
}

void page_leertafel_meeting_update(request *rq)
{
	meeting old;
	if (!meeting_get(rq->a, rq->ids[0], &old)) {
		respond_error(rq, 404);
		return;
	}
	meeting m = {.id = old.id};
	read_meeting(rq, &m);
	const char **orgs, **pres;
	if (form_all(&rq->form, "att_org", &orgs) != form_all(&rq->form, "att_presence", &pres))
		form_add_error(&rq->form, "att_presence", "De aanwezigheid is onvolledig verstuurd. Kies per organisatie.");
	if (form_has_errors(&rq->form) || !db_begin()) {
		show_meeting_form(rq, 422, &m, true);
		return;
	}
	if (!meeting_update(&m) || !save_attendance(rq, m.id)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	flash_set(rq, "De wijzigingen in de bijeenkomst zijn opgeslagen.");
	respond_redirect(rq, arena_printf(rq->a, "/leertafel/bijeenkomsten/%lld", (long long)m.id));
}

/* The meeting's action list: actions born in it, and the open actions, both with their
 * status as of the meeting and "te laat" measured against `as_of`: the meeting's date, or
 * today for a meeting still to come. A past meeting's list never changes afterwards. */
typedef struct action_list {
	action *fresh;
	size_t nfresh;
	action *open;
	size_t nopen;
	const char *as_of;
} action_list;

static void load_action_list(request *rq, const meeting *m, action_list *l)
{
	const char *today = lt_today(rq->a);
	l->as_of = strcmp(m->held_on, today) < 0 ? m->held_on : today;
	l->fresh = action_list_meeting_new(rq->a, m->id, m->held_on, &l->nfresh);
	const char *since = meeting_previous_date(rq->a, m->id, m->held_on);
	l->open = action_list_open_at(rq->a, m->id, m->held_on, since, &l->nopen);
}

void page_leertafel_meeting_show(request *rq)
{
	arena *a = rq->a;
	meeting m;
	if (!meeting_get(a, rq->ids[0], &m)) {
		respond_error(rq, 404);
		return;
	}
	const char *today = lt_today(a);
	tv *ctx = page_ctx(rq, arena_printf(a, "Leertafel %s", lt_date(a, m.held_on)));
	tv_set_bool(ctx, "secretaris", lt_is_secretaris(rq));
	tv_set(ctx, "m", meeting_tv(rq, &m));
	tv_set_bool(ctx, "past", strcmp(m.held_on, today) < 0);
	tv_set(ctx, "agenda", markdown_render(a, m.agenda));
	tv_set(ctx, "notes", markdown_render(a, m.notes));
	tv_set(ctx, "decisions", markdown_render(a, m.decisions));
	tv_set_bool(ctx, "has_agenda", *m.agenda != '\0');
	tv_set_bool(ctx, "has_notes", *m.notes != '\0');
	tv_set_bool(ctx, "has_decisions", *m.decisions != '\0');
	size_t n;
	attendance *att = meeting_attendance(a, m.id, &n);
	tv *al = tv_list(a);
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!*att[i].presence)
			continue;
		any = true;
		tv *o = tv_obj(a);
		tv_set_str(o, "org_name", att[i].org_name);
		tv_set_str(o, "presence", meeting_presence_label(att[i].presence));
		tv_push(al, o);
	}
	tv_set(ctx, "attendance", al);
	tv_set_bool(ctx, "has_attendance", any);
	action_list l;
	load_action_list(rq, &m, &l);
	tv *fl = tv_list(a), *ol = tv_list(a);
	for (size_t i = 0; i < l.nfresh; i++)
		tv_push(fl, lt_action_tv(rq, &l.fresh[i], l.as_of));
	for (size_t i = 0; i < l.nopen; i++)
		tv_push(ol, lt_action_tv(rq, &l.open[i], l.as_of));
	tv_set(ctx, "fresh", fl);
	tv_set(ctx, "open", ol);
	if (l.nfresh) {
		tv *t = tv_obj(a);
		tv_set_str(t, "caption", "Nieuwe acties");
		tv_set(t, "rows", fl);
		tv_set(ctx, "fresh_table", t);
	}
	if (l.nopen) {
		tv *t = tv_obj(a);
		tv_set_str(t, "caption", arena_printf(a, "Lopende acties, stand op %s", lt_date(a, m.held_on)));
		tv_set(t, "rows", ol);
		tv_set(ctx, "open_table", t);
	}
	tv_set_str(ctx, "printed_on", lt_date(a, today));
	respond_page(rq, 200, "leertafel_meeting", ctx);
}

static void csv_action_row(strbuf *sb, arena *a, const char *kind, const action *x, const char *today)
{
	csv_cell(sb, kind);
	csv_cell_int(sb, x->id);
	csv_cell(sb, x->wat);
	csv_cell(sb, x->hoe);
	csv_cell(sb, x->owner_name);
	csv_cell(sb, x->orgs_text);
	csv_cell(sb, lt_when(a, x));
	csv_cell(sb, x->actielijn);
	csv_cell(sb, x->tag);
	csv_cell(sb, x->werkgroep);
	csv_cell(sb, x->status);
	csv_cell(sb, action_is_overdue(x->due_on, x->status, today) ? "ja" : "nee");
	csv_cell(sb, x->status_note);
	csv_cell(sb, lt_date(a, x->status_on));
	csv_end_row(sb);
}

void page_leertafel_meeting_csv(request *rq)
{
	arena *a = rq->a;
	meeting m;
	if (!meeting_get(a, rq->ids[0], &m)) {
		respond_error(rq, 404);
		return;
	}
	action_list l;
	load_action_list(rq, &m, &l);
	strbuf sb;
	sb_init(&sb, a);
	csv_begin(&sb);
	static const char *const head[] = {"Soort", "Nr", "Wat", "Hoe", "Eigenaar", "Wie", "Wanneer", "Actielijn",
	                                   "Doen/delen/leren", "Werkgroep", "Status", "Te laat", "Toelichting status",
	                                   "Statusdatum"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_cell(&sb, head[i]);
	csv_end_row(&sb);
	for (size_t i = 0; i < l.nfresh; i++)
		csv_action_row(&sb, a, "nieuw", &l.fresh[i], l.as_of);
	for (size_t i = 0; i < l.nopen; i++)
		csv_action_row(&sb, a, "lopend", &l.open[i], l.as_of);
	respond_csv(rq, arena_printf(a, "actielijst-leertafel-%s.csv", m.held_on), &sb);
}

/* ---- start-page panel ------------------------------------------------------------ */

bool leertafel_home_panel(request *rq, tv *ctx)
{
	arena *a = rq->a;
	const char *today = lt_today(a);
	tv *p = tv_obj(a);
	meeting next;
	if (meeting_next(a, today, &next))
		tv_set(p, "next", meeting_tv(rq, &next));
	size_t n;
	action *xs = action_list_org_open(a, rq->user->org_id, &n);
	tv *l = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(l, lt_action_tv(rq, &xs[i], today));
	tv_set(p, "actions", l);
	tv_set_str(p, "organisation", rq->user->org_name);
	tv_set(ctx, "leertafel", p);
	return false; /* never client data */
}
