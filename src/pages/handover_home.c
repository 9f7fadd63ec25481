/*
 * handover_home.c — the start-page panel of the handover area ("Mijn werk") for
 * vt, teamleider and professional (home.c decides who sees it and audits it).
 *
 * "Actie nodig" is grouped by what to do, each group with its count and at most
 * GROUP_ITEMS items and a link to the rest, so that it stays readable at a
 * year's volume; only overdue deadlines are marked red. Veilig Thuis hears what
 * came back (returned handovers, feedback that arrived, safety conditions not
 * kept); a team leader sees every new handover with urgency "hoog" and overdue
 * decisions; a regisseur sees overdue warm handovers and feedback.
 */
#include "pages/handovers.h"

#include "auth/audit.h"
#include "store/roles.h"
#include "store/case.h"
#include "util/date.h"

#include <string.h>

enum { GROUP_ITEMS = 5, FEEDBACK_NEW_WD = 10 };

static const char *counted(arena *a, int64_t n, const char *one, const char *more)
{
	return arena_printf(a, "%lld %s", (long long)n, n == 1 ? one : more);
}

typedef struct group {
	tv *obj, *items, *groups;
} group;

/* A group "title: count" (urgent: drawn as overdue); more_href lists all. */
static group group_new(arena *a, tv *groups, const char *title, bool urgent, const char *more_href)
{
	group g = {tv_obj(a), tv_list(a), groups};
	tv_set_str(g.obj, "title", title);
	tv_set_bool(g.obj, "urgent", urgent);
	tv_set_str(g.obj, "more_href", more_href);
	tv_set(g.obj, "items", g.items);
	return g;
}

static void group_add(request *rq, group *g, const handover_rec *h, const handover_norms *n, kr_date today,
                      const char *detail, int64_t case_id)
{
	arena *a = rq->a;
	if (tv_list_len(g->items) >= GROUP_ITEMS)
		return;
	audit_note_household(rq, h->household_id);
	tv *s = hv_summary(a, h, n, today);
	tv_set_str(s, "detail", detail);
	if (case_id)
		tv_set_int(s, "case_id", case_id);
	tv_push(g->items, s);
}

/* Set the group's count and show it; a group with nothing in it is left out. */
static void group_done(group *g, int64_t count)
{
	if (count == 0)
		return;
	tv_set_int(g->obj, "count", count);
	tv_push(g->groups, g->obj);
	int64_t shown = (int64_t)tv_list_len(g->items);
	if (count > shown)
		tv_set_int(g->obj, "more", count - shown); /* "0" would be a true section */
}

static const char *overdue_detail(arena *a, const handover_rec *h, const handover_norms *n, kr_date today)
{
	handover_deadlines d;
	handover_deadlines_of(h, n, today, &d);
	if (d.decision_overdue)
		return arena_printf(a, "wacht %d werkdagen op een besluit (norm %d).", d.waiting_wd, n->decision_wd);
	char due[KR_DATE_BUF];
	if (d.warm_overdue && d.feedback_overdue) {
		kr_date_format(d.warm_due, due);
		return arena_printf(a, "warme overdracht nog niet gehouden (uiterlijk %s); terugkoppeling aan Veilig Thuis"
		                       " ontbreekt.", due);
	}
	if (d.warm_overdue) {
		kr_date_format(d.warm_due, due);
		return arena_printf(a, "warme overdracht nog niet gehouden (uiterlijk %s).", due);
	}
	kr_date_format(d.feedback_due, due);
	return arena_printf(a, "terugkoppeling aan Veilig Thuis ontbreekt (uiterlijk %s).", due);
}

static void vt_groups(request *rq, tv *p, tv *groups, const handover_norms *norms, kr_date today)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	size_t n;
	handover_cutoffs cut;
	handover_cutoffs_of(norms, today, &cut);
	int64_t overdue = handover_vt_overdue_count(u->org_id, "", &cut);
	group g = group_new(a, groups, "Termijn overschreden", true, "/overdrachten");
	handover_rec *list = handover_vt_overdue_items(a, u->org_id, &cut, GROUP_ITEMS, &n);
	for (size_t i = 0; i < n; i++)
		group_add(rq, &g, &list[i], norms, today, overdue_detail(a, &list[i], norms, today), 0);
	group_done(&g, overdue);

	int64_t concepts = 0, returned = 0;
	handover_vt_counts(u->org_id, u->id, &concepts, &returned);
	g = group_new(a, groups, "Teruggelegd: opnieuw versturen of afsluiten", false, "/overdrachten?status=teruggelegd");
	handover_rec *ret = handover_vt_returned_since(a, u->org_id, "", GROUP_ITEMS, &n);
	for (size_t i = 0; i < n; i++)
		group_add(rq, &g, &ret[i], norms, today,
		          arena_printf(a, "teruggelegd op %s door %s: %s.", hv_date(a, ret[i].decided_at),
		                       ret[i].decided_org_id ? ret[i].decided_org_name : ret[i].taken_org_name,
		                       handover_return_category_label(ret[i].return_category)),
		          0);
	group_done(&g, returned);

	char since[KR_DATE_BUF];
	kr_date_format_iso(kr_add_working_days(today, -FEEDBACK_NEW_WD), since);
	int64_t total;
	g = group_new(a, groups, "Terugkoppeling ontvangen (laatste 10 werkdagen)", false, "/overdrachten?status=geaccepteerd");
	list = handover_vt_feedback_since(a, u->org_id, since, &total, &n);
	for (size_t i = 0; i < n; i++)
		group_add(rq, &g, &list[i], norms, today,
		          arena_printf(a, "terugkoppeling van de regisseur op %s.", hv_date(a, list[i].first_feedback_at)), 0);
	group_done(&g, total);

	g = group_new(a, groups, "Veiligheidsvoorwaarde niet nageleefd", false, "/overdrachten?status=geaccepteerd");
	list = handover_vt_conditions_broken(a, u->org_id, &total, &n);
	for (size_t i = 0; i < n; i++)
		group_add(rq, &g, &list[i], norms, today, "een of meer voorwaarden staan op ‘niet nageleefd’.", 0);
	group_done(&g, total);

	tv_set_bool(p, "vt", true);
	tv_set_int(p, "vt_concepts", concepts);
	tv_set_str(p, "vt_concepts_text", counted(a, concepts, "concept", "concepten"));
	tv_set_int(p, "vt_returned", returned);
	tv_set_int(p, "vt_overdue", overdue);
	tv_set_bool(p, "vt_overdue_any", overdue > 0);
}

static void team_groups(request *rq, tv *p, tv *groups, const handover_norms *norms, kr_date today)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	size_t n;
	bool local = handover_is_local_team_kind(u->org_kind);
	/* counted by SQL over the inbox's covering index (0027), and only the items that
	 * fit in a group are read: the same groups as deciding each inbox row in C */
	handover_cutoffs cut;
	handover_cutoffs_of(norms, today, &cut);
	group hoog = group_new(a, groups, "Nieuw met urgentie hoog", false, "/overdrachten");
	group late = group_new(a, groups, "Termijn overschreden", true, "/overdrachten");
	int64_t nhoog = handover_inbox_urgent_count(u->org_id, local);
	handover_rec *urgent = handover_inbox_urgent_items(a, u->org_id, local, GROUP_ITEMS, &n);
	for (size_t i = 0; i < n; i++)
		group_add(rq, &hoog, &urgent[i], norms, today,
		          arena_printf(a, "ingediend op %s; nog door geen team opgepakt.", hv_date(a, urgent[i].submitted_at)),
		          0);
	/* waiting past the decision norm, in the inbox's order */
	int64_t nlate = handover_inbox_overdue_count(u->org_id, local, &cut);
	handover_rec *waiting_late = handover_inbox_overdue_items(a, u->org_id, local, &cut, GROUP_ITEMS, &n);
	for (size_t i = 0; i < n; i++)
		group_add(rq, &late, &waiting_late[i], norms, today, overdue_detail(a, &waiting_late[i], norms, today), 0);
	int64_t waiting = handover_inbox_count(u->org_id, local);
	/* accepted, warm handover or feedback overdue: counted by SQL against the norms'
	 * cutoffs, and only the oldest few that fit in the group are read */
	nlate += handover_team_overdue_count(u->org_id, &cut);
	handover_rec *open = handover_team_overdue_items(a, u->org_id, &cut, GROUP_ITEMS, &n);
	for (size_t i = 0; i < n; i++)
		group_add(rq, &late, &open[i], norms, today, overdue_detail(a, &open[i], norms, today), open[i].case_id);
	group_done(&hoog, nhoog);
	group_done(&late, nlate);
	tv_set_bool(p, "team", true);
	tv_set_int(p, "team_inbox", waiting);
	tv_set_str(p, "team_inbox_text", waiting == 1 ? "1 overdracht wacht op een besluit"
	                                              : arena_printf(a, "%lld overdrachten wachten op een besluit",
	                                                             (long long)waiting));
	tv_set_int(p, "team_overdue", nlate);
	tv_set_bool(p, "team_overdue_any", nlate > 0);
}

static void prof_groups(request *rq, tv *p, tv *groups, const handover_norms *norms, kr_date today)
{
	arena *a = rq->a;
	size_t n;
	handover_rec *open = handover_director_open_items(a, rq->user->id, &n);
	group late = group_new(a, groups, "Termijn overschreden in uw casussen", true, "/casussen");
	int64_t nlate = 0;
	for (size_t i = 0; i < n; i++) {
		handover_deadlines d;
		handover_deadlines_of(&open[i], norms, today, &d);
		if (d.feedback_overdue || d.warm_overdue) {
			nlate++;
			group_add(rq, &late, &open[i], norms, today, overdue_detail(a, &open[i], norms, today), open[i].case_id);
		}
	}
	group_done(&late, nlate);
	int64_t directed = case_count_directed(rq->user->id);
	tv_set_bool(p, "prof", true);
	tv_set_int(p, "prof_cases", directed);
	tv_set_str(p, "prof_cases_text", counted(a, directed, "open casus", "open casussen"));
}

bool handover_home_panel(request *rq, tv *ctx)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	handover_norms norms;
	handover_norms_get(&norms);
	kr_date today = kr_date_today_nl();
	tv *p = tv_obj(a);
	tv *groups = tv_list(a);
	if (u->roles & ROLE_VT)
		vt_groups(rq, p, groups, &norms, today);
	if (u->roles & ROLE_TEAMLEIDER)
		team_groups(rq, p, groups, &norms, today);
	if (u->roles & ROLE_PROFESSIONAL)
		prof_groups(rq, p, groups, &norms, today);
	/* only groups with something in them: households are named only then */
	bool names = tv_list_len(groups) > 0;
	tv_set(p, "groups", groups);
	tv_set_bool(p, "act_any", names);
	/* the heading says what is under it: the first of the user's roles here */
	tv_set_str(p, "heading", (u->roles & ROLE_VT)           ? "Uw overdrachten en termijnen"
	                         : (u->roles & ROLE_TEAMLEIDER) ? "Inbox en termijnen van uw team"
	                                                        : "Uw casussen als regisseur en termijnen");
	tv *nt = tv_obj(a);
	tv_set_int(nt, "decision", norms.decision_wd);
	tv_set(p, "norms", nt);
	tv_set(ctx, "handover_panel", p);
	return names;
}
