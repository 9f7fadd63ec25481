/*
 * safety_plan_lists.c — the table naming every list of the safety plan, and the
 * plan as template values for reading and comparing, filtered by the parts mask
 * the caller got from case_parts_of() (see safety_plan_int.h). Never decides
 * access; never shows a list whose part is not in the mask.
 */
#include "pages/safety_plan_int.h"

#include "auth/case_parts.h"
#include "pages/handovers.h"
#include "store/org.h"

#include <string.h>

static const char *const agreement_statuses[] = {"afgesproken", "bezig", "gedaan", "niet_nagekomen", NULL};
static const char *const agreement_status_labels[] = {"afgesproken", "bezig", "gedaan", "niet nagekomen", NULL};
static const char *const agrees_choices[] = {"eens", "oneens", NULL};
static const char *const agrees_labels[] = {"eens", "niet eens", NULL};

const sp_list_spec safety_plan_lists[SP_LIST_COUNT] = {
	[SP_GEVAAR] = {"Gevaar-uitspraken", "Waar maken we ons zorgen over, in de woorden van het gezin.",
	               PART_PLAN_ZORGEN, 1,
	               {{"danger", "Gevaar-uitspraak", SPC_TEXT, NULL, NULL}}, 0},
	[SP_DOEL] = {"Veiligheidsdoelen", "Wat moet er te zien zijn, en hoe lang, voordat het veilig genoeg is.",
	             PART_PLAN_DOELEN, 2,
	             {{"goal_what", "Wat moet er te zien zijn", SPC_TEXT, NULL, NULL},
	              {"goal_duration", "Hoe lang", SPC_LINE, NULL, NULL}}, 0},
	[SP_VOORWAARDE] = {"Veiligheidsvoorwaarden",
	                   "De voorwaarden uit de overdracht en eigen voorwaarden: één lijst, met hun status.",
	                   PART_VOORWAARDEN, 1,
	                   {{"condition_new", "Veiligheidsvoorwaarde", SPC_TEXT, NULL, NULL}}, 0},
	[SP_AFSPRAAK] = {"Afspraken", "Wie doet wat, en wanneer.", PART_PLAN_AFSPRAKEN, 5,
	                 {{"agr_owner", "Eigenaar", SPC_OWNER, NULL, NULL},
	                  {"agr_who", "Wie", SPC_LINE, NULL, NULL},
	                  {"agr_what", "Doet wat", SPC_TEXT, NULL, NULL},
	                  {"agr_when", "Wanneer", SPC_LINE, NULL, NULL},
	                  {"agr_status", "Status", SPC_CHOICE, agreement_statuses, agreement_status_labels}}, 2},
	[SP_NETWERK] = {"Veiligheidsnetwerk",
	                "Mensen rond het gezin en hun rol bij het nakomen en controleren van de afspraken.",
	                PART_PLAN_NETWERK, 4,
	                {{"net_name", "Naam", SPC_LINE, NULL, NULL},
	                 {"net_relation", "Relatie", SPC_LINE, NULL, NULL},
	                 {"net_phone", "Telefoon", SPC_LINE, NULL, NULL},
	                 {"net_part", "Rol in het netwerk", SPC_TEXT, NULL, NULL}}, 0},
	[SP_SIGNAAL] = {"Signalen en wat te doen als het onveilig wordt",
	                "Waaraan merkt iemand dat het onveilig wordt, en wat doet wie dan.", PART_PLAN_SIGNALEN, 2,
	                {{"sig_signal", "Signaal", SPC_TEXT, NULL, NULL},
	                 {"sig_action", "Wat doet wie dan", SPC_TEXT, NULL, NULL}}, 0},
	[SP_CRISIS] = {"Crisiscontacten", "Wie belt u als het onveilig is.", PART_PLAN_SIGNALEN, 2,
	               {{"crisis_name", "Naam", SPC_LINE, NULL, NULL},
	                {"crisis_phone", "Telefoonnummer", SPC_LINE, NULL, NULL}}, 0},
	[SP_TOEZICHT] = {"Toezicht", "Wie controleert de afspraken, en hoe vaak.", PART_PLAN_TOEZICHT, 2,
	                 {{"watch_who", "Wie controleert", SPC_LINE, NULL, NULL},
	                  {"watch_how", "Hoe vaak", SPC_LINE, NULL, NULL}}, 0},
	[SP_SCHAAL] = {"Veiligheidsschaal",
	               "0: het gaat zeker weer mis, 10: veilig genoeg om de casus af te sluiten.", PART_PLAN_SCHAAL, 3,
	               {{"scale_who", "Wie", SPC_LINE, NULL, NULL},
	                {"scale_score", "Score (0-10)", SPC_LINE, NULL, NULL},
	                {"scale_date", "Datum", SPC_DATE, NULL, NULL}}, 0},
	[SP_DEELNEMER] = {"Deelnemers aan het vaststellen",
	                  "Wie was erbij, en is hij of zij het eens met het plan.", PART_PLAN_ZORGEN, 4,
	                  {{"part_name", "Naam", SPC_LINE, NULL, NULL},
	                   {"part_role", "Rol of relatie", SPC_LINE, NULL, NULL},
	                   {"part_agrees", "Eens met het plan", SPC_CHOICE, agrees_choices, agrees_labels},
	                   {"part_note", "Toelichting", SPC_TEXT, NULL, NULL}}, 0},
};

const char *sp_choice_label(const sp_column *col, const char *code)
{
	if (col->choices)
		for (size_t i = 0; col->choices[i]; i++)
			if (strcmp(col->choices[i], code) == 0)
				return col->choice_labels[i];
	return code;
}

static sp_item *new_items(arena *a, size_t n)
{
	sp_item *it = arena_alloc(a, n * sizeof *it);
	memset(it, 0, n * sizeof *it);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < SP_MAX_COLS; c++)
			it[i].f[c] = "";
	return it;
}

void sp_plan_defaults(arena *a, sp_plan *p, int64_t case_id)
{
	memset(p, 0, sizeof *p);
	p->case_id = case_id;
	p->status = "concept";
	p->what_happened = p->family_view = p->professional_view = p->strengths = p->evaluation_date = "";
	p->agreed_on = p->saved_by_name = p->saved_at = "";
	for (int l = 0; l < SP_LIST_COUNT; l++)
		p->items[l] = NULL;
	sp_item *c = new_items(a, 2);
	c[0].f[0] = "Politie, ambulance, brandweer bij direct gevaar";
	c[0].f[1] = "112";
	c[1].f[0] = "Veilig Thuis (dag en nacht, gratis)";
	c[1].f[1] = "0800-2000";
	p->items[SP_CRISIS] = c;
	p->nitems[SP_CRISIS] = 2;
}

const char *sp_owner_label(arena *a, const sp_item *it)
{
	if (strcmp(it->f[0], "gezin") == 0)
		return "gezin";
	if (strcmp(it->f[0], "netwerk") == 0)
		return "netwerk";
	if (strcmp(it->f[0], "organisatie") == 0 && it->org_id) {
		org o;
		if (org_get(a, it->org_id, &o))
			return o.name;
	}
	return "";
}

/* The text of column c of an item, as a reader sees it. */
static const char *cell_text(arena *a, sp_list l, const sp_item *it, size_t c)
{
	const sp_column *col = &safety_plan_lists[l].cols[c];
	if (col->kind == SPC_OWNER)
		return sp_owner_label(a, it);
	if (col->kind == SPC_CHOICE)
		return sp_choice_label(col, it->f[c]);
	if (col->kind == SPC_DATE)
		return hv_date(a, it->f[c]);
	return it->f[c];
}

/* May a reader with mask see item it of list l? Agreements owned by the reader's
 * organisation are part of PART_BASIS (the contract's "dat, niet wat"). */
static bool item_visible(sp_list l, const sp_item *it, unsigned mask, int64_t own_org)
{
	if (mask & safety_plan_lists[l].part)
		return true;
	return l == SP_AFSPRAAK && (mask & PART_BASIS) && own_org > 0 && it->org_id == own_org;
}

static tv *list_view(request *rq, const sp_plan *p, sp_list l, unsigned mask, int64_t own_org)
{
	arena *a = rq->a;
	const sp_list_spec *s = &safety_plan_lists[l];
	tv *o = tv_obj(a);
	tv_set_str(o, "code", safety_plan_list_codes[l]);
	tv_set_str(o, "title", s->title);
	tv_set_bool(o, "own_only", !(mask & s->part));
	tv *heads = tv_list(a);
	for (size_t c = 0; c < s->ncols; c++) {
		if (l == SP_AFSPRAAK && c == 0)
			continue; /* the owner kind is shown with the name */
		tv_push(heads, tv_str(a, s->cols[c].label));
	}
	tv_set(o, "headers", heads);
	tv *rows = tv_list(a);
	for (size_t i = 0; i < p->nitems[l]; i++) {
		const sp_item *it = &p->items[l][i];
		if (!item_visible(l, it, mask, own_org))
			continue;
		tv *row = tv_obj(a);
		tv *cells = tv_list(a);
		for (size_t c = 0; c < s->ncols; c++) {
			if (l == SP_AFSPRAAK && c == 0)
				continue;
			const char *text = cell_text(a, l, it, c);
			if (l == SP_AFSPRAAK && c == 1) {
				const char *owner = sp_owner_label(a, it);
				text = *text && *owner ? arena_printf(a, "%s — %s", text, owner) : *text ? text : owner;
			}
			tv_push(cells, tv_str(a, text));
		}
		tv_set(row, "cells", cells);
		tv_push(rows, row);
	}
	tv_set(o, "rows", rows);
	tv_set_bool(o, "any", tv_list_len(rows) > 0);
	return o;
}

tv *sp_plan_view(request *rq, const sp_plan *p, unsigned mask, int64_t own_org)
{
	arena *a = rq->a;
	tv *o = tv_obj(a);
	tv_set_int(o, "n", p->n);
	tv_set_bool(o, "agreed", strcmp(p->status, "vastgesteld") == 0);
	tv_set_str(o, "agreed_on", hv_date(a, p->agreed_on));
	tv_set_str(o, "saved_by", p->saved_by_name);
	tv_set_str(o, "saved_at", hv_datetime(a, p->saved_at));
	if (mask & PART_PLAN_ZORGEN) {
		tv_set_bool(o, "show_zorgen", true);
		tv_set_str(o, "what_happened", p->what_happened);
		tv_set_str(o, "family_view", p->family_view);
		tv_set_str(o, "professional_view", p->professional_view);
	}
	if (mask & PART_PLAN_GOED) {
		tv_set_bool(o, "show_goed", true);
		tv_set_str(o, "strengths", p->strengths);
	}
	if (mask & PART_PLAN_SCHAAL) {
		tv_set_bool(o, "show_schaal", true);
		tv_set_str(o, "evaluation_date", hv_date(a, p->evaluation_date));
	}
	for (int l = 0; l < SP_LIST_COUNT; l++) {
		tv *lv = list_view(rq, p, (sp_list)l, mask, own_org);
		bool shown = (mask & safety_plan_lists[l].part) ||
		             (l == SP_AFSPRAAK && (mask & PART_BASIS) && tv_list_len(tv_get(lv, "rows")) > 0);
		if (shown)
			tv_set(o, arena_printf(a, "l_%s", safety_plan_list_codes[l]), lv);
	}
	return o;
}

/* ---- comparison ---------------------------------------------------------------- */

static bool same_item(sp_list l, const sp_item *x, const sp_item *y)
{
	for (size_t c = 0; c < safety_plan_lists[l].ncols; c++)
		if (strcmp(x->f[c], y->f[c]) != 0)
			return false;
	return x->org_id == y->org_id;
}

/* "Wie: Oma; Doet wat: haalt Noah op" */
static const char *item_summary(arena *a, sp_list l, const sp_item *it)
{
	const sp_list_spec *s = &safety_plan_lists[l];
	const char *out = "";
	for (size_t c = 0; c < s->ncols; c++) {
		const char *t = cell_text(a, l, it, c);
		if (!*t)
			continue;
		out = arena_printf(a, "%s%s%s: %s", out, *out ? "; " : "", s->cols[c].label, t);
	}
	return out;
}

static void push_change(arena *a, tv *list, const char *kind, const char *label, const char *old_text,
                        const char *new_text)
{
	tv *o = tv_obj(a);
	tv_set_bool(o, kind, true);
	tv_set_str(o, "kind", strcmp(kind, "added") == 0 ? "toegevoegd" : strcmp(kind, "removed") == 0 ? "verwijderd"
	                                                                                                : "gewijzigd");
	tv_set_str(o, "label", label);
	tv_set_str(o, "old", old_text);
	tv_set_str(o, "new", new_text);
	tv_push(list, o);
}

static void compare_text(arena *a, tv *changes, const char *label, const char *x, const char *y)
{
	if (strcmp(x, y) == 0)
		return;
	push_change(a, changes, !*x ? "added" : !*y ? "removed" : "changed", label, x, y);
}

/* Lines are matched first when equal, then by their key column, then by position;
 * what is left over was added or removed. */
static void compare_list(request *rq, tv *changes, sp_list l, const sp_plan *x, const sp_plan *y, unsigned mask,
                         int64_t own_org)
{
	arena *a = rq->a;
	size_t nx = x->nitems[l], ny = y->nitems[l];
	bool *mx = arena_alloc(a, nx + 1), *my = arena_alloc(a, ny + 1);
	memset(mx, 0, nx + 1);
	memset(my, 0, ny + 1);
	const sp_item *X = x->items[l], *Y = y->items[l];
	for (size_t i = 0; i < nx; i++)
		if (!item_visible(l, &X[i], mask, own_org))
			mx[i] = true;
	for (size_t j = 0; j < ny; j++)
		if (!item_visible(l, &Y[j], mask, own_org))
			my[j] = true;
	for (size_t i = 0; i < nx; i++)
		for (size_t j = 0; j < ny && !mx[i]; j++)
			if (!my[j] && same_item(l, &X[i], &Y[j]))
				mx[i] = my[j] = true;
	size_t key = safety_plan_lists[l].key_col;
	const char *title = safety_plan_lists[l].title;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nx; i++)
			for (size_t j = 0; j < ny && !mx[i]; j++) {
				if (my[j])
					continue;
				bool match = pass == 0 ? *X[i].f[key] && strcmp(X[i].f[key], Y[j].f[key]) == 0 : i == j;
				if (!match)
					continue;
				mx[i] = my[j] = true;
				push_change(a, changes, "changed", title, item_summary(a, l, &X[i]), item_summary(a, l, &Y[j]));
			}
	for (size_t i = 0; i < nx; i++)
		if (!mx[i])
			push_change(a, changes, "removed", title, item_summary(a, l, &X[i]), "");
	for (size_t j = 0; j < ny; j++)
		if (!my[j])
			push_change(a, changes, "added", title, "", item_summary(a, l, &Y[j]));
}

static const char *status_text(arena *a, const sp_plan *p)
{
	if (strcmp(p->status, "vastgesteld") == 0)
		return arena_printf(a, "vastgesteld met het gezin op %s", hv_date(a, p->agreed_on));
	return "concept";
}

tv *sp_compare_view(request *rq, const sp_plan *older, const sp_plan *newer, unsigned mask, int64_t own_org)
{
	arena *a = rq->a;
	tv *sections = tv_list(a);
	static const struct {
		const char *title;
		unsigned part;
		sp_list lists[2];
		size_t nlists;
	} order[] = {
		{"Zorgen", PART_PLAN_ZORGEN, {SP_GEVAAR}, 1},
		{"Wat gaat goed", PART_PLAN_GOED, {0}, 0},
		{"Veiligheidsdoelen", PART_PLAN_DOELEN, {SP_DOEL}, 1},
		{"Veiligheidsvoorwaarden", PART_VOORWAARDEN, {SP_VOORWAARDE}, 1},
		{"Afspraken", PART_PLAN_AFSPRAKEN | PART_BASIS, {SP_AFSPRAAK}, 1},
		{"Veiligheidsnetwerk", PART_PLAN_NETWERK, {SP_NETWERK}, 1},
		{"Signalen en wat te doen als het onveilig wordt", PART_PLAN_SIGNALEN, {SP_SIGNAAL, SP_CRISIS}, 2},
		{"Toezicht", PART_PLAN_TOEZICHT, {SP_TOEZICHT}, 1},
		{"Veiligheidsschaal en evaluatie", PART_PLAN_SCHAAL, {SP_SCHAAL}, 1},
		{"Vaststellen met het gezin", PART_PLAN_ZORGEN, {SP_DEELNEMER}, 1},
	};
	for (size_t s = 0; s < sizeof order / sizeof order[0]; s++) {
		if (!(mask & order[s].part))
			continue;
		tv *sec = tv_obj(a);
		tv *changes = tv_list(a);
		tv_set_str(sec, "title", order[s].title);
		tv_set_str(sec, "id", arena_printf(a, "deel-%zu", s + 1));
		if (order[s].part == PART_PLAN_ZORGEN && order[s].lists[0] == SP_GEVAAR) {
			compare_text(a, changes, "Wat er is gebeurd", older->what_happened, newer->what_happened);
			compare_text(a, changes, "Zo ziet het gezin het", older->family_view, newer->family_view);
			compare_text(a, changes, "Zo zien de professionals het", older->professional_view,
			             newer->professional_view);
		}
		if (order[s].part == PART_PLAN_GOED)
			compare_text(a, changes, "Wat gaat goed", older->strengths, newer->strengths);
		if (order[s].part == PART_PLAN_SCHAAL)
			compare_text(a, changes, "Evaluatiedatum", hv_date(a, older->evaluation_date),
			             hv_date(a, newer->evaluation_date));
		if (order[s].lists[0] == SP_DEELNEMER)
			compare_text(a, changes, "Status", status_text(a, older), status_text(a, newer));
		for (size_t k = 0; k < order[s].nlists; k++)
			compare_list(rq, changes, order[s].lists[k], older, newer, mask, own_org);
		tv_set(sec, "changes", changes);
		tv_set_bool(sec, "any", tv_list_len(changes) > 0);
		tv_push(sections, sec);
	}
	return sections;
}
