/*
 * family_plan_form.c — the family plan form: reading and validating it (ZRM scores
 * per member and domain, goals, services), putting it back with everything typed
 * kept (also values that were refused), and the read-only view of a version.
 * Nothing here decides access: callers hold PART_GEZINSPLAN.
 */
#include "pages/family_plan_int.h"

#include "pages/handovers.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

bool fp_under_age(const person *m, const char *today_iso)
{
	kr_date b, t;
	if (!kr_date_parse_iso(m->birthdate, &b) || !kr_date_parse_iso(today_iso, &t))
		return false;
	int age = t.y - b.y - ((t.m < b.m || (t.m == b.m && t.d < b.d)) ? 1 : 0);
	return age < ZRM_MIN_AGE;
}

static const char *at(const char **v, size_t n, size_t i)
{
	return i < n && v[i] ? v[i] : "";
}

static int small_int(const char *s, int lo, int hi)
{
	if (strlen(s) != 1 && strlen(s) != 2)
		return 0;
	int v = 0;
	for (const char *c = s; *c; c++) {
		if (*c < '0' || *c > '9')
			return 0;
		v = v * 10 + (*c - '0');
	}
	return v >= lo && v <= hi ? v : 0;
}

static const person *member_of(const person *members, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (members[i].id == id)
			return &members[i];
	return NULL;
}

/* "" or a valid date not after today; else a message. */
static const char *past_date_error(const char *s, const char *today_iso, bool required)
{
	kr_date d, t;
	if (!*s)
		return required ? "Vul de datum in." : NULL;
	if (!kr_date_parse_iso(s, &d))
		return "Vul een geldige datum in (jjjj-mm-dd).";
	if (kr_date_parse_iso(today_iso, &t) && kr_date_cmp(d, t) > 0)
		return "De datum kan niet in de toekomst liggen.";
	return NULL;
}

static void read_scores(request *rq, fp_plan *p, const person *members, size_t nm, const char *today)
{
	arena *a = rq->a;
	form *f = &rq->form;
	const char **pid, **dom, **score, **reason, **date, **source, **note;
	size_t n = form_all(f, "zrm_person", &pid);
	size_t nd = form_all(f, "zrm_domain", &dom), ns = form_all(f, "zrm_score", &score);
	size_t nr = form_all(f, "zrm_reason", &reason), nt = form_all(f, "zrm_date", &date);
	size_t nso = form_all(f, "zrm_source", &source), nn = form_all(f, "zrm_note", &note);
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t person_id = 0;
		int domain = small_int(at(dom, nd, i), 1, ZRM_DOMAINS);
		const person *m = parse_id(at(pid, n, i), &person_id) ? member_of(members, nm, person_id) : NULL;
		if (!m || !domain)
			continue; /* not a row of this household's form */
		const char *field = arena_printf(a, "zrm-%lld-%d", (long long)person_id, domain);
		const char *sc = at(score, ns, i), *rs = at(reason, nr, i), *dt = at(date, nt, i);
		const char *so = at(source, nso, i), *no = at(note, nn, i);
		fp_score s = {.person_id = person_id, .domain = domain, .reason = "", .scored_on = "", .source = "",
		              .note = no};
		const char *err = NULL;
		if (fp_under_age(m, today)) {
			if (*sc || *rs || *dt || *so)
				err = "Gezinsleden jonger dan 12 jaar krijgen geen ZRM-score; schrijf een notitie bij het domein.";
		} else if (strcmp(sc, "nb") == 0) {
			s.reason = rs;
			if (!*rs)
				err = "Schrijf waarom dit domein niet beoordeeld is.";
		} else if (*sc) {
			s.score = small_int(sc, 1, 5);
			if (!s.score)
				err = "Een ZRM-score is 1, 2, 3, 4 of 5 (of kies 'niet beoordeeld' en schrijf de reden).";
			else if ((err = past_date_error(dt, today, true)) != NULL)
				err = arena_printf(a, "Datum van de score: %s", err);
			else if (!*so)
				err = "Schrijf de bron van de score (bijvoorbeeld: gesprek met het gezin).";
			s.scored_on = dt;
			s.source = so;
		} else if (*rs) {
			err = "Kies 'niet beoordeeld' als u een reden schrijft, of geef een score.";
		}
		if (err) {
			form_add_error(f, field, err);
			continue;
		}
		if (!s.score && !*s.reason && !*s.note)
			continue;
		if (!*s.reason && s.score == 0 && *s.note == '\0')
			continue;
		p->scores = arena_grow(a, p->scores, p->nscores, &cap, sizeof *p->scores);
		p->scores[p->nscores++] = s;
	}
}

static void read_goals(request *rq, fp_plan *p, const person *members, size_t nm)
{
	arena *a = rq->a;
	form *f = &rq->form;
	const char **dom, **per, **what, **target, **who, **due, **status;
	size_t nd = form_all(f, "goal_domain", &dom), np = form_all(f, "goal_person", &per);
	size_t nw = form_all(f, "goal_what", &what), nt = form_all(f, "goal_target", &target);
	size_t nwho = form_all(f, "goal_who", &who), ndue = form_all(f, "goal_due", &due);
	size_t nst = form_all(f, "goal_status", &status);
	size_t rows = nw > nd ? nw : nd, cap = 0;
	for (size_t i = 0; i < rows; i++) {
		fp_goal g = {.what = at(what, nw, i), .who = at(who, nwho, i), .due_on = at(due, ndue, i),
		             .status = at(status, nst, i)};
		if (!*g.what && !*g.who && !*g.due_on && !*at(target, nt, i))
			continue;
		const char *field = arena_printf(a, "goal-%zu", i + 1);
		const char *err = NULL;
		g.domain = small_int(at(dom, nd, i), 1, ZRM_DOMAINS);
		const char *ps = at(per, np, i);
		if (*ps && (!parse_id(ps, &g.person_id) || !member_of(members, nm, g.person_id)))
			err = "Kies een gezinslid of 'het hele gezin'.";
		kr_date d;
		if (!g.domain)
			err = "Kies het leefdomein van het doel.";
		else if (!*g.what)
			err = "Schrijf wat het doel is.";
		else if (*at(target, nt, i) && !(g.target = small_int(at(target, nt, i), 1, 5)))
			err = "Het beoogde ZRM-niveau is 1 tot en met 5.";
		else if (*g.due_on && !kr_date_parse_iso(g.due_on, &d))
			err = "Vul bij 'uiterlijk' een geldige datum in (jjjj-mm-dd).";
		else if (!*g.status)
			g.status = "open";
		else if (!*fp_goal_status_label(g.status))
			err = "Kies een status: open, loopt, behaald, niet behaald of vervallen.";
		if (err) {
			form_add_error(f, field, err);
			continue;
		}
		p->goals = arena_grow(a, p->goals, p->ngoals, &cap, sizeof *p->goals);
		p->goals[p->ngoals++] = g;
	}
}

static void read_services(request *rq, fp_plan *p)
{
	arena *a = rq->a;
	form *f = &rq->form;
	const char **prov, **what, **from, **to;
	size_t np = form_all(f, "svc_provider", &prov), nw = form_all(f, "svc_what", &what);
	size_t nf = form_all(f, "svc_from", &from), nt = form_all(f, "svc_to", &to);
	size_t cap = 0;
	for (size_t i = 0; i < np; i++) {
		fp_service s = {.provider = at(prov, np, i), .what = at(what, nw, i), .from_on = at(from, nf, i),
		                .to_on = at(to, nt, i)};
		if (!*s.provider && !*s.what && !*s.from_on && !*s.to_on)
			continue;
		const char *err = NULL;
		kr_date df, dt;
		bool hf = kr_date_parse_iso(s.from_on, &df), ht = kr_date_parse_iso(s.to_on, &dt);
		if (!*s.provider)
			err = "Noem de organisatie die de hulp biedt.";
		else if ((*s.from_on && !hf) || (*s.to_on && !ht))
			err = "Vul bij 'van' en 'tot' een geldige datum in (jjjj-mm-dd).";
		else if (hf && ht && kr_date_cmp(dt, df) < 0)
			err = "De einddatum ligt voor de begindatum.";
		if (err) {
			form_add_error(f, arena_printf(a, "svc-%zu", i + 1), err);
			continue;
		}
		p->services = arena_grow(a, p->services, p->nservices, &cap, sizeof *p->services);
		p->services[p->nservices++] = s;
	}
}

void fp_plan_from_form(request *rq, fp_plan *p, const person *members, size_t nmembers, const char *today_iso)
{
	int64_t case_id = p->case_id;
	memset(p, 0, sizeof *p);
	p->case_id = case_id;
	p->family_goals = form_str(&rq->form, "family_goals");
	p->strengths = form_str(&rq->form, "strengths");
	p->worries = form_str(&rq->form, "worries");
	read_scores(rq, p, members, nmembers, today_iso);
	read_goals(rq, p, members, nmembers);
	read_services(rq, p);
}

/* ---- putting the form back ---------------------------------------------------- */

static tv *options(arena *a, const char *const *values, const char *const *labels, size_t n, const char *chosen)
{
	tv *list = tv_list(a);
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", values[i]);
		tv_set_str(o, "label", labels[i]);
		bool sel = strcmp(values[i], chosen) == 0;
		found |= sel;
		tv_set_bool(o, "selected", sel);
		tv_push(list, o);
	}
	if (!found && *chosen) { /* a refused value stays visible */
		tv *o = tv_obj(a);
		tv_set_str(o, "value", chosen);
		tv_set_str(o, "label", arena_printf(a, "%s (ongeldig)", chosen));
		tv_set_bool(o, "selected", true);
		tv_push(list, o);
	}
	return list;
}

static const char *const score_values[] = {"", "1", "2", "3", "4", "5", "nb"};
static const char *const score_option_labels[] = {
	"— nog niet gescoord", "1 acute problematiek", "2 niet zelfredzaam", "3 beperkt zelfredzaam",
	"4 voldoende zelfredzaam", "5 volledig zelfredzaam", "niet beoordeeld"};
static const char *const target_values[] = {"", "1", "2", "3", "4", "5"};
static const char *const target_labels[] = {"—", "1", "2", "3", "4", "5"};

static tv *domain_options(arena *a, const char *chosen)
{
	const char *values[ZRM_DOMAINS + 1], *labels[ZRM_DOMAINS + 1];
	values[0] = "";
	labels[0] = "— kies een domein";
	for (int d = 1; d <= ZRM_DOMAINS; d++) {
		values[d] = arena_printf(a, "%d", d);
		labels[d] = zrm_domain_label(d);
	}
	return options(a, values, labels, ZRM_DOMAINS + 1, chosen);
}

static tv *person_options(arena *a, const person *members, size_t nm, const char *chosen)
{
	const char **values = arena_alloc(a, (nm + 1) * sizeof *values);
	const char **labels = arena_alloc(a, (nm + 1) * sizeof *labels);
	values[0] = "";
	labels[0] = "het hele gezin";
	for (size_t i = 0; i < nm; i++) {
		values[i + 1] = arena_printf(a, "%lld", (long long)members[i].id);
		labels[i + 1] = members[i].name;
	}
	return options(a, values, labels, nm + 1, chosen);
}

static tv *status_options(arena *a, const char *chosen)
{
	const char *labels[5];
	for (int i = 0; i < 5; i++)
		labels[i] = fp_goal_status_label(fp_goal_statuses[i]);
	return options(a, fp_goal_statuses, labels, 5, *chosen ? chosen : "open");
}

static const char *int_or_empty(arena *a, int v)
{
	return v > 0 ? arena_printf(a, "%d", v) : "";
}

/* One member's 13 domain rows, from the submitted form or from p. */
static tv *member_rows(request *rq, const fp_plan *p, const person *m, bool from_form)
{
	arena *a = rq->a;
	form *f = &rq->form;
	const char **pid = NULL, **dom = NULL, **score = NULL, **reason = NULL, **date = NULL, **source = NULL,
		   **note = NULL;
	size_t n = 0, nd = 0, ns = 0, nr = 0, nt = 0, nso = 0, nn = 0;
	if (from_form) {
		n = form_all(f, "zrm_person", &pid);
		nd = form_all(f, "zrm_domain", &dom);
		ns = form_all(f, "zrm_score", &score);
		nr = form_all(f, "zrm_reason", &reason);
		nt = form_all(f, "zrm_date", &date);
		nso = form_all(f, "zrm_source", &source);
		nn = form_all(f, "zrm_note", &note);
	}
	tv *rows = tv_list(a);
	const char *pids = arena_printf(a, "%lld", (long long)m->id);
	for (int d = 1; d <= ZRM_DOMAINS; d++) {
		const char *sc = "", *rs = "", *dt = "", *so = "", *no = "";
		const char *ds = arena_printf(a, "%d", d);
		if (from_form) {
			for (size_t i = 0; i < n; i++)
				if (strcmp(at(pid, n, i), pids) == 0 && strcmp(at(dom, nd, i), ds) == 0) {
					sc = at(score, ns, i);
					rs = at(reason, nr, i);
					dt = at(date, nt, i);
					so = at(source, nso, i);
					no = at(note, nn, i);
				}
		} else {
			for (size_t i = 0; i < p->nscores; i++) {
				const fp_score *s = &p->scores[i];
				if (s->person_id != m->id || s->domain != d)
					continue;
				sc = s->score ? int_or_empty(a, s->score) : (*s->reason ? "nb" : "");
				rs = s->reason;
				dt = s->scored_on;
				so = s->source;
				no = s->note;
			}
		}
		tv *r = tv_obj(a);
		const char *id = arena_printf(a, "zrm-%lld-%d", (long long)m->id, d);
		tv_set_str(r, "id", id);
		tv_set_str(r, "person_id", pids);
		tv_set_int(r, "domain", d);
		tv_set_str(r, "domain_label", zrm_domain_label(d));
		tv_set(r, "score_options", options(a, score_values, score_option_labels, 7, sc));
		tv_set_str(r, "score", sc);
		tv_set_str(r, "reason", rs);
		tv_set_str(r, "date", dt);
		tv_set_str(r, "source", so);
		tv_set_str(r, "note", no);
		const char *err = form_error(f, id);
		if (err)
			tv_set_str(r, "error", err);
		tv_push(rows, r);
	}
	return rows;
}

void fp_form_put(request *rq, tv *ctx, const fp_plan *p, const person *members, size_t nm, const char *today)
{
	arena *a = rq->a;
	form *f = &rq->form;
	bool from_form = form_get(f, "version") != NULL && strcmp(rq->method, "POST") == 0;
	tv *edit = tv_obj(a);
	tv_set_str(edit, "family_goals", from_form ? form_str(f, "family_goals") : p->family_goals);
	tv_set_str(edit, "strengths", from_form ? form_str(f, "strengths") : p->strengths);
	tv_set_str(edit, "worries", from_form ? form_str(f, "worries") : p->worries);
	tv *ms = tv_list(a);
	for (size_t i = 0; i < nm; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "name", members[i].name);
		tv_set_str(o, "birthdate", hv_date(a, members[i].birthdate));
		tv_set_bool(o, "under_age", fp_under_age(&members[i], today));
		tv_set(o, "rows", member_rows(rq, p, &members[i], from_form));
		tv_push(ms, o);
	}
	tv_set(edit, "members", ms);

	tv *goals = tv_list(a);
	const char **dom = NULL, **per = NULL, **what = NULL, **target = NULL, **who = NULL, **due = NULL,
		   **status = NULL;
	size_t ng = p->ngoals, nd = 0, np = 0, nw = 0, nt = 0, nwho = 0, ndue = 0, nst = 0;
	if (from_form) {
		nd = form_all(f, "goal_domain", &dom);
		np = form_all(f, "goal_person", &per);
		nw = form_all(f, "goal_what", &what);
		nt = form_all(f, "goal_target", &target);
		nwho = form_all(f, "goal_who", &who);
		ndue = form_all(f, "goal_due", &due);
		nst = form_all(f, "goal_status", &status);
		ng = nw;
	}
	for (size_t i = 0; i < ng + FP_EMPTY_ROWS; i++) {
		tv *g = tv_obj(a);
		const char *id = arena_printf(a, "goal-%zu", i + 1);
		tv_set_str(g, "id", id);
		if (from_form) {
			tv_set(g, "domain_options", domain_options(a, at(dom, nd, i)));
			tv_set(g, "person_options", person_options(a, members, nm, at(per, np, i)));
			tv_set_str(g, "what", at(what, nw, i));
			tv_set(g, "target_options", options(a, target_values, target_labels, 6, at(target, nt, i)));
			tv_set_str(g, "who", at(who, nwho, i));
			tv_set_str(g, "due", at(due, ndue, i));
			tv_set(g, "status_options", status_options(a, at(status, nst, i)));
		} else {
			const fp_goal *x = i < p->ngoals ? &p->goals[i] : NULL;
			tv_set(g, "domain_options", domain_options(a, x ? int_or_empty(a, x->domain) : ""));
			tv_set(g, "person_options", person_options(a, members, nm,
			                                           x && x->person_id ? arena_printf(a, "%lld", (long long)x->person_id) : ""));
			tv_set_str(g, "what", x ? x->what : "");
			tv_set(g, "target_options", options(a, target_values, target_labels, 6, x ? int_or_empty(a, x->target) : ""));
			tv_set_str(g, "who", x ? x->who : "");
			tv_set_str(g, "due", x ? x->due_on : "");
			tv_set(g, "status_options", status_options(a, x ? x->status : ""));
		}
		const char *err = form_error(f, id);
		if (err)
			tv_set_str(g, "error", err);
		tv_push(goals, g);
	}
	tv_set(edit, "goals", goals);

	tv *svcs = tv_list(a);
	const char **prov = NULL, **swhat = NULL, **from = NULL, **to = NULL;
	size_t nsv = p->nservices, npv = 0, nsw = 0, nf = 0, nto = 0;
	if (from_form) {
		npv = form_all(f, "svc_provider", &prov);
		nsw = form_all(f, "svc_what", &swhat);
		nf = form_all(f, "svc_from", &from);
		nto = form_all(f, "svc_to", &to);
		nsv = npv;
	}
	for (size_t i = 0; i < nsv + FP_EMPTY_ROWS; i++) {
		tv *s = tv_obj(a);
		const char *id = arena_printf(a, "svc-%zu", i + 1);
		tv_set_str(s, "id", id);
		const fp_service *x = !from_form && i < p->nservices ? &p->services[i] : NULL;
		tv_set_str(s, "provider", from_form ? at(prov, npv, i) : x ? x->provider : "");
		tv_set_str(s, "what", from_form ? at(swhat, nsw, i) : x ? x->what : "");
		tv_set_str(s, "from", from_form ? at(from, nf, i) : x ? x->from_on : "");
		tv_set_str(s, "to", from_form ? at(to, nto, i) : x ? x->to_on : "");
		const char *err = form_error(f, id);
		if (err)
			tv_set_str(s, "error", err);
		tv_push(svcs, s);
	}
	tv_set(edit, "services", svcs);
	tv_set(ctx, "edit", edit);
}

/* ---- reading ------------------------------------------------------------------ */

tv *fp_plan_view(request *rq, const fp_plan *p, const person *members, size_t nm, const char *today_iso)
{
	arena *a = rq->a;
	tv *v = tv_obj(a);
	tv_set_int(v, "n", p->n);
	tv_set_str(v, "saved_by", p->saved_by_name);
	tv_set_str(v, "saved_at", hv_datetime(a, p->saved_at));
	tv_set_str(v, "family_goals", p->family_goals);
	tv_set_str(v, "strengths", p->strengths);
	tv_set_str(v, "worries", p->worries);
	kr_date today;
	bool have_today = kr_date_parse_iso(today_iso, &today);
	tv *ms = tv_list(a);
	for (size_t i = 0; i < nm; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "name", members[i].name);
		bool young = fp_under_age(&members[i], today_iso);
		tv_set_bool(o, "under_age", young);
		tv *rows = tv_list(a);
		for (size_t k = 0; k < p->nscores; k++) {
			const fp_score *s = &p->scores[k];
			if (s->person_id != members[i].id)
				continue;
			tv *r = tv_obj(a);
			tv_set_str(r, "domain", zrm_domain_label(s->domain));
			if (s->score) {
				tv_set_int(r, "score", s->score);
				tv_set_str(r, "score_label", zrm_score_label(s->score));
				tv_set_str(r, "scored_on", hv_date(a, s->scored_on));
				tv_set_str(r, "source", s->source);
				kr_date d;
				if (have_today && kr_date_parse_iso(s->scored_on, &d) &&
				    kr_date_diff_days(d, today) > ZRM_STALE_DAYS)
					tv_set_bool(r, "stale", true);
			} else if (*s->reason) {
				tv_set_str(r, "not_assessed", s->reason);
			}
			tv_set_str(r, "note", s->note);
			tv_push(rows, r);
		}
		tv_set(o, "rows", rows);
		tv_push(ms, o);
	}
	tv_set(v, "members", ms);
	tv *goals = tv_list(a);
	for (size_t i = 0; i < p->ngoals; i++) {
		const fp_goal *g = &p->goals[i];
		tv *o = tv_obj(a);
		tv_set_str(o, "domain", zrm_domain_label(g->domain));
		const person *m = member_of(members, nm, g->person_id);
		tv_set_str(o, "person", m ? m->name : "het hele gezin");
		tv_set_str(o, "what", g->what);
		if (g->target)
			tv_set_int(o, "target", g->target);
		tv_set_str(o, "who", g->who);
		tv_set_str(o, "due", hv_date(a, g->due_on));
		tv_set_str(o, "status", fp_goal_status_label(g->status));
		tv_push(goals, o);
	}
	tv_set(v, "goals", goals);
	tv *svcs = tv_list(a);
	for (size_t i = 0; i < p->nservices; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "provider", p->services[i].provider);
		tv_set_str(o, "what", p->services[i].what);
		tv_set_str(o, "from", hv_date(a, p->services[i].from_on));
		tv_set_str(o, "to", hv_date(a, p->services[i].to_on));
		tv_push(svcs, o);
	}
	tv_set(v, "services", svcs);
	return v;
}
