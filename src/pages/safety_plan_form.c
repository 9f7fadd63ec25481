/*
 * safety_plan_form.c — the safety plan form without JavaScript: every list is a
 * table of repeated fields (one value per row of each column), with empty rows
 * below the filled ones and a "meer regels" button that sends the whole form back
 * and receives it with more empty rows, keeping everything typed. Reads the form
 * into a plan and checks it (Dutch messages at each list, input kept).
 *
 * Never decides who may edit: the route table and its access function did.
 */
#include "pages/safety_plan_int.h"

#include "auth/case_parts.h"
#include "server/form.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

/* Value i of a repeated field, trimmed; "" past the end. */
static const char *nth(arena *a, const char **vals, size_t n, size_t i)
{
	if (i >= n || !vals[i])
		return "";
	const char *s = vals[i];
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	char *out = arena_alloc(a, len + 1);
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

static void error_once(form *f, const char *field, const char *message)
{
	if (!form_error(f, field))
		form_add_error(f, field, message);
}

/* Is value an owner the agreement may have: gezin, netwerk or an involved organisation? */
static bool owner_valid(const char *v, const sp_org *orgs, size_t norgs, int64_t *org_id)
{
	*org_id = 0;
	if (!*v || strcmp(v, "gezin") == 0 || strcmp(v, "netwerk") == 0)
		return true;
	int64_t id;
	if (strncmp(v, "org-", 4) != 0 || !parse_id(v + 4, &id))
		return false;
	for (size_t i = 0; i < norgs; i++)
		if (orgs[i].id == id) {
			*org_id = id;
			return true;
		}
	return false;
}

static bool score_valid(const char *s)
{
	if (!*s || strlen(s) > 2)
		return false;
	int v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	return v <= 10;
}

/* Check one line of list l; Dutch messages at the column's field. */
static void check_line(form *f, sp_list l, sp_item *it)
{
	switch (l) {
	case SP_AFSPRAAK:
		if (!*it->f[2])
			error_once(f, "agr_what", "Schrijf bij elke afspraak wat er gedaan wordt.");
		break;
	case SP_SCHAAL:
		if (!score_valid(it->f[1]))
			error_once(f, "scale_score", "Vul bij elke score een heel getal van 0 tot en met 10 in.");
		if (!*it->f[0])
			error_once(f, "scale_who", "Schrijf bij elke score wie hem gaf.");
		break;
	case SP_CRISIS:
		if (!*it->f[1])
			error_once(f, "crisis_phone", "Vul bij elk crisiscontact een telefoonnummer in.");
		if (!*it->f[0])
			error_once(f, "crisis_name", "Schrijf bij elk telefoonnummer wie het is.");
		break;
	case SP_DEELNEMER:
		if (!*it->f[0])
			error_once(f, "part_name", "Schrijf bij elke deelnemer de naam.");
		break;
	default:
		break;
	}
}

/* Is every free-text column of the line empty? (selects always send a value) */
static bool line_empty(sp_list l, const sp_item *it)
{
	const sp_list_spec *s = &safety_plan_lists[l];
	for (size_t c = 0; c < s->ncols; c++)
		if (s->cols[c].kind != SPC_CHOICE && s->cols[c].kind != SPC_OWNER && *it->f[c])
			return false;
	return true;
}

void sp_plan_from_form(request *rq, sp_plan *p, bool agreeing)
{
	arena *a = rq->a;
	form *f = &rq->form;
	memset(p, 0, sizeof *p);
	p->case_id = rq->ids[0];
	p->status = agreeing ? "vastgesteld" : "concept";
	p->what_happened = nth(a, (const char *[]){form_get(f, "what_happened")}, 1, 0);
	p->family_view = nth(a, (const char *[]){form_get(f, "family_view")}, 1, 0);
	p->professional_view = nth(a, (const char *[]){form_get(f, "professional_view")}, 1, 0);
	p->strengths = nth(a, (const char *[]){form_get(f, "strengths")}, 1, 0);
	p->evaluation_date = form_str(f, "evaluation_date");
	p->agreed_on = agreeing ? form_str(f, "agreed_on") : "";
	p->saved_by_name = p->saved_at = "";
	size_t norgs;
	sp_org *orgs = safety_plan_involved_orgs(a, p->case_id, &norgs);

	for (int li = 0; li < SP_LIST_COUNT; li++) {
		sp_list l = (sp_list)li;
		const sp_list_spec *s = &safety_plan_lists[l];
		const char **vals[SP_MAX_COLS];
		size_t nv[SP_MAX_COLS], rows = 0;
		for (size_t c = 0; c < s->ncols; c++) {
			nv[c] = form_all(f, s->cols[c].field, &vals[c]);
			if (nv[c] > rows)
				rows = nv[c];
		}
		if (rows > SP_MAX_ROWS + SP_MORE_ROWS) {
			error_once(f, s->cols[0].field, arena_printf(a, "Een lijst heeft ten hoogste %d regels.", SP_MAX_ROWS));
			rows = SP_MAX_ROWS + SP_MORE_ROWS;
		}
		size_t cap = 0, k = 0;
		sp_item *items = NULL;
		for (size_t r = 0; r < rows; r++) {
			sp_item it;
			memset(&it, 0, sizeof it);
			for (int c = 0; c < SP_MAX_COLS; c++)
				it.f[c] = (size_t)c < s->ncols ? nth(a, vals[c], nv[c], r) : "";
			if (line_empty(l, &it))
				continue;
			if (l == SP_AFSPRAAK) {
				const char *owner = it.f[0];
				if (!owner_valid(owner, orgs, norgs, &it.org_id)) {
					error_once(f, "agr_owner", "Kies als eigenaar het gezin, het netwerk of een betrokken organisatie.");
					int64_t id; /* shown again as it was chosen, marked as no longer involved */
					if (strncmp(owner, "org-", 4) == 0 && parse_id(owner + 4, &id))
						it.org_id = id;
				}
				it.f[0] = it.org_id ? "organisatie" : owner;
			}
			check_line(f, l, &it);
			items = arena_grow(a, items, k, &cap, sizeof *items);
			items[k++] = it;
		}
		p->items[l] = items;
		p->nitems[l] = k;
	}

	kr_date eval, agreed, today = kr_date_today_nl();
	bool have_eval = *p->evaluation_date && !form_error(f, "evaluation_date") &&
	                 kr_date_parse_iso(p->evaluation_date, &eval);
	if (!agreeing)
		return;
	/* "vastgesteld met het gezin": what the plan must hold at least */
	if (!p->nitems[SP_GEVAAR])
		error_once(f, "danger", "Schrijf ten minste één gevaar-uitspraak, in de woorden van het gezin.");
	if (!p->nitems[SP_DOEL])
		error_once(f, "goal_what", "Beschrijf ten minste één veiligheidsdoel.");
	bool owned = false;
	for (size_t i = 0; i < p->nitems[SP_AFSPRAAK]; i++)
		if (*p->items[SP_AFSPRAAK][i].f[0] && *p->items[SP_AFSPRAAK][i].f[1])
			owned = true;
	if (!owned)
		error_once(f, "agr_who", "Leg ten minste één afspraak vast met een eigenaar: soort eigenaar en wie.");
	bool crisis = false;
	for (size_t i = 0; i < p->nitems[SP_CRISIS]; i++)
		if (*p->items[SP_CRISIS][i].f[1])
			crisis = true;
	if (!crisis)
		error_once(f, "crisis_phone", "Noem ten minste één crisiscontact met telefoonnummer.");
	if (!*p->evaluation_date)
		error_once(f, "evaluation_date", "Vul de evaluatiedatum in.");
	bool answered = p->nitems[SP_DEELNEMER] > 0;
	for (size_t i = 0; i < p->nitems[SP_DEELNEMER]; i++)
		if (!*p->items[SP_DEELNEMER][i].f[2])
			answered = false;
	if (!answered)
		error_once(f, "part_agrees", "Noem wie er bij het vaststellen was, en bij ieder of hij of zij het eens is.");
	if (!*p->agreed_on)
		error_once(f, "agreed_on", "Vul de datum in waarop het plan met het gezin is vastgesteld.");
	else if (!form_error(f, "agreed_on") && kr_date_parse_iso(p->agreed_on, &agreed)) {
		if (kr_date_cmp(agreed, today) > 0)
			error_once(f, "agreed_on", "De datum van vaststellen kan niet in de toekomst liggen.");
		else if (have_eval && kr_date_cmp(eval, agreed) <= 0)
			error_once(f, "evaluation_date", "De evaluatiedatum ligt na de datum van vaststellen.");
	}
}

/* ---- the form's rows ------------------------------------------------------------ */

static tv *owner_options(arena *a, const sp_org *orgs, size_t norgs, const sp_item *it)
{
	tv *opts = tv_list(a);
	char cur[32] = "";
	if (it && it->org_id)
		snprintf(cur, sizeof cur, "org-%lld", (long long)it->org_id);
	else if (it)
		snprintf(cur, sizeof cur, "%s", it->f[0]);
	static const char *const fixed[][2] = {{"", "(kies)"}, {"gezin", "Gezinslid"}, {"netwerk", "Iemand uit het netwerk"}};
	for (size_t i = 0; i < 3; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", fixed[i][0]);
		tv_set_str(o, "label", fixed[i][1]);
		tv_set_bool(o, "selected", strcmp(cur, fixed[i][0]) == 0);
		tv_push(opts, o);
	}
	bool listed = !it || !it->org_id;
	for (size_t i = 0; i < norgs; i++)
		if (it && orgs[i].id == it->org_id)
			listed = true;
	if (!listed) {
		/* an owner whose involvement ended stays visible (saving asks for a new owner),
		 * never silently dropped */
		tv *o = tv_obj(a);
		tv_set_str(o, "value", cur);
		tv_set_str(o, "label", arena_printf(a, "%s (niet meer betrokken)", sp_owner_label(a, it)));
		tv_set_bool(o, "selected", true);
		tv_push(opts, o);
	}
	for (size_t i = 0; i < norgs; i++) {
		tv *o = tv_obj(a);
		const char *v = arena_printf(a, "org-%lld", (long long)orgs[i].id);
		tv_set_str(o, "value", v);
		tv_set_str(o, "label", orgs[i].name);
		tv_set_bool(o, "selected", strcmp(cur, v) == 0);
		tv_push(opts, o);
	}
	return opts;
}

static tv *choice_options(arena *a, const sp_column *col, const char *cur)
{
	tv *opts = tv_list(a);
	bool first_blank = col->choices == NULL || strcmp(col->field, "part_agrees") == 0;
	if (first_blank) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", "");
		tv_set_str(o, "label", "(kies)");
		tv_set_bool(o, "selected", !*cur);
		tv_push(opts, o);
	}
	for (size_t i = 0; col->choices && col->choices[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", col->choices[i]);
		tv_set_str(o, "label", col->choice_labels[i]);
		tv_set_bool(o, "selected", strcmp(cur, col->choices[i]) == 0);
		tv_push(opts, o);
	}
	return opts;
}

static tv *edit_list(request *rq, sp_list l, const sp_item *items, size_t n, size_t empty, const sp_org *orgs,
                     size_t norgs)
{
	arena *a = rq->a;
	const sp_list_spec *s = &safety_plan_lists[l];
	tv *o = tv_obj(a);
	tv_set_str(o, "code", safety_plan_list_codes[l]);
	tv_set_str(o, "title", l == SP_VOORWAARDE ? "Eigen veiligheidsvoorwaarden toevoegen" : s->title);
	tv_set_str(o, "hint", l == SP_VOORWAARDE ? "De voorwaarden van de casus (ook die uit de overdracht) staan bij de"
	                                           " statussen; een nieuwe komt daar bij, als controleerbaar punt."
	                                         : s->hint);
	tv_set_str(o, "first_field", s->cols[0].field);
	tv *heads = tv_list(a), *errs = tv_list(a);
	for (size_t c = 0; c < s->ncols; c++) {
		tv_push(heads, tv_str(a, s->cols[c].label));
		const char *e = form_error(&rq->form, s->cols[c].field);
		if (e) {
			tv *x = tv_obj(a);
			tv_set_str(x, "field", s->cols[c].field);
			tv_set_str(x, "message", e);
			tv_push(errs, x);
		}
	}
	tv_set(o, "headers", heads);
	tv_set(o, "errors", errs);
	tv_set_bool(o, "invalid", tv_list_len(errs) > 0);
	tv *rows = tv_list(a);
	for (size_t r = 0; r < n + empty; r++) {
		const sp_item *it = r < n ? &items[r] : NULL;
		tv *row = tv_obj(a), *cells = tv_list(a);
		for (size_t c = 0; c < s->ncols; c++) {
			const sp_column *col = &s->cols[c];
			tv *cell = tv_obj(a);
			const char *v = it ? it->f[c] : "";
			tv_set_str(cell, "field", col->field);
			tv_set_str(cell, "id", arena_printf(a, "%s-%zu", col->field, r + 1));
			tv_set_str(cell, "label", arena_printf(a, "%s, regel %zu", col->label, r + 1));
			tv_set_str(cell, "value", v);
			tv_set_bool(cell, "is_line", col->kind == SPC_LINE);
			tv_set_bool(cell, "is_text", col->kind == SPC_TEXT);
			tv_set_bool(cell, "is_date", col->kind == SPC_DATE);
			bool select = col->kind == SPC_CHOICE || col->kind == SPC_OWNER;
			tv_set_bool(cell, "is_select", select);
			if (col->kind == SPC_OWNER)
				tv_set(cell, "options", owner_options(a, orgs, norgs, it));
			else if (col->kind == SPC_CHOICE)
				tv_set(cell, "options", choice_options(a, col, v));
			tv_push(cells, cell);
		}
		tv_set(row, "cells", cells);
		tv_push(rows, row);
	}
	tv_set(o, "rows", rows);
	return o;
}

void sp_form_put(request *rq, tv *ctx, const sp_plan *p, bool from_form, size_t extra)
{
	arena *a = rq->a;
	const form *f = &rq->form;
	tv *e = tv_obj(a);
	size_t norgs;
	sp_org *orgs = safety_plan_involved_orgs(a, p->case_id, &norgs);
	tv_set_str(e, "what_happened", p->what_happened);
	tv_set_str(e, "family_view", p->family_view);
	tv_set_str(e, "professional_view", p->professional_view);
	tv_set_str(e, "strengths", p->strengths);
	tv_set_str(e, "evaluation_date", p->evaluation_date);
	tv_set_str(e, "agreed_on", from_form ? form_str(f, "agreed_on") : "");
	for (int l = 0; l < SP_LIST_COUNT; l++) {
		/* the case's own conditions are not rows of this form: only new ones are */
		size_t n = l == SP_VOORWAARDE && !from_form ? 0 : p->nitems[l];
		tv_set(e, arena_printf(a, "l_%s", safety_plan_list_codes[l]),
		       edit_list(rq, (sp_list)l, p->items[l], n, SP_EMPTY_ROWS + extra, orgs, norgs));
	}
	tv_set(ctx, "edit", e);
}
