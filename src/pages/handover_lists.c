/*
 * handover_lists.c — /overdrachten: what Veilig Thuis sent (paged, filtered by
 * status, with the overdue count), the team leader's inbox with the "already
 * known" flag and the decided list (paged), and the search by family name,
 * status and period that replaces the lists while it is active.
 *
 * Lists only what the store's queries for the user's organisation return; the
 * route table decides who may open the page.
 */
#include "pages/handovers.h"
#include "pages/handovers_int.h"

#include "auth/audit.h"
#include "store/db.h"
#include "store/roles.h"
#include "server/respond.h"
#include "util/date.h"

#include <string.h>

static tv *status_options(arena *a, const char *selected)
{
	tv *list = tv_list(a);
	for (size_t i = 0; handover_statuses[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", handover_statuses[i]);
		tv_set_str(o, "label", handover_status_label(handover_statuses[i]));
		tv_set_bool(o, "selected", strcmp(selected, handover_statuses[i]) == 0);
		tv_push(list, o);
	}
	return list;
}

/* The status filter when it is one of the statuses, else "" (all). */
static const char *valid_status(const char *s)
{
	for (size_t i = 0; handover_statuses[i]; i++)
		if (strcmp(handover_statuses[i], s) == 0)
			return handover_statuses[i];
	return "";
}

/* The keyset of the page asked for: ?voor=<id> (older than id) or ?na=<id> (newer). */
static void page_keys(request *rq, int64_t *before, int64_t *after)
{
	*before = *after = 0;
	if (!form_int(&rq->form, "voor", before))
		*before = 0;
	if (!form_int(&rq->form, "na", after))
		*after = 0;
}

/* Links "Nieuwere" / "Oudere" (plain links: they work without JavaScript) and the
 * position "51–100 van 6.012"; the status filter travels along. */
static tv *pager_tv(arena *a, const handover_page *p, const char *status, const char *label)
{
	tv *o = tv_obj(a);
	tv_set_str(o, "label", label);
	const char *filter = *status ? arena_printf(a, "status=%s&", status) : "";
	tv_set_bool(o, "any", p->older || p->newer);
	tv_set_bool(o, "older", p->older && p->n > 0);
	tv_set_bool(o, "newer", p->newer);
	if (p->n > 0) {
		tv_set_str(o, "older_href", arena_printf(a, "/overdrachten?%svoor=%lld", filter, (long long)p->rows[p->n - 1].id));
		tv_set_str(o, "newer_href", arena_printf(a, "/overdrachten?%sna=%lld", filter, (long long)p->rows[0].id));
	} else { /* past the oldest (a bound below every id): back to the newest page */
		tv_set_str(o, "newer_href", *status ? arena_printf(a, "/overdrachten?status=%s", status) : "/overdrachten");
	}
	tv_set_int(o, "from", p->offset + 1);
	tv_set_int(o, "to", p->offset + (int64_t)p->n);
	tv_set_int(o, "total", p->total);
	return o;
}

/* One row of list `list`, and the list's audit record names its household (every
 * handover has one from its submission on). */
static tv *listed(request *rq, const handover_rec *h, const handover_norms *n, kr_date today, hv_list list)
{
	audit_note_household(rq, h->household_id);
	return hv_list_row(rq->a, h, n, today, list);
}

/* "Zoekresultaat: …": how many were found, or which of them are shown. The store
 * counts up to HANDOVER_SEARCH_COUNTED + 1 matches: beyond that the page says "meer
 * dan 1.000" instead of the exact number (issue 11: a common word must not cost
 * every match it has). */
_Static_assert(HANDOVER_SEARCH_COUNTED == 1000, "found_text() says \"meer dan 1.000\"");
static const char *found_text(arena *a, size_t shown, int64_t total)
{
	if (total <= (int64_t)shown)
		return hv_counted(a, total, "gevonden overdracht", "gevonden overdrachten");
	if (total > HANDOVER_SEARCH_COUNTED)
		return arena_printf(a, "de nieuwste %zu van meer dan 1.000 gevonden overdrachten; maak de zoekopdracht"
		                       " nauwer", shown);
	return arena_printf(a, "de nieuwste %zu van %lld gevonden overdrachten; maak de zoekopdracht nauwer", shown,
	                    (long long)total);
}

static void show_handover_index(request *rq)
{
	arena *a = rq->a;
	const auth_user *u = rq->user;
	handover_norms norms;
	handover_norms_get(&norms);
	kr_date today = kr_date_today_nl();
	tv *ctx = page_ctx(rq, "Overdrachten");
	tv_set(ctx, "norms", hv_norms_tv(a, &norms));
	rq->audit.object_type = "handover_list";
	int64_t before, after;
	page_keys(rq, &before, &after);
	size_t n;
	/* a search (name or period) shows its matches instead of the paged lists */
	handover_query hq = {
		.name = form_str(&rq->form, "naam"),
		.status = valid_status(form_str(&rq->form, "status")),
		.from = form_error(&rq->form, "van") ? "" : form_str(&rq->form, "van"),
		.to = form_error(&rq->form, "tot") ? "" : form_str(&rq->form, "tot"),
	};
	page_add_form(ctx, &rq->form);
	tv_set(ctx, "statuses", status_options(a, hq.status));
	if (handover_query_active(&hq)) {
		int64_t total;
		handover_rec *found = (u->roles & ROLE_VT) ? handover_vt_search(a, u->org_id, &hq, &total, &n)
		                                           : handover_team_search(a, u->org_id, hv_is_local_team(u), &hq,
		                                                                  &total, &n);
		tv *items = tv_list(a);
		for (size_t i = 0; i < n; i++)
			tv_push(items, listed(rq, &found[i], &norms, today, HV_LIST_FOUND));
		tv_set_bool(ctx, "searching", true);
		tv_set(ctx, "found", items);
		tv_set_bool(ctx, "found_any", n > 0);
		tv_set_str(ctx, "found_text", found_text(a, n, total));
		rq->audit.detail = "zoeken";
		respond_page(rq, 200, "handover_index", ctx);
		return;
	}
	if (u->roles & ROLE_VT) {
		const char *status = hq.status;
		handover_page page;
		handover_vt_page(a, u->org_id, status, before, after, &page);
		tv *items = tv_list(a);
		for (size_t i = 0; i < page.n; i++)
			tv_push(items, listed(rq, &page.rows[i], &norms, today, HV_LIST_VT));
		/* overdue over the whole list, counted by SQL against the norms' cutoffs */
		handover_cutoffs cut;
		handover_cutoffs_of(&norms, today, &cut);
		int64_t overdue = handover_vt_overdue_count(u->org_id, status, &cut);
		tv_set_bool(ctx, "is_vt", true);
		tv_set(ctx, "vt_items", items);
		tv_set_bool(ctx, "vt_any", page.n > 0);
		tv_set(ctx, "vt_pager", pager_tv(a, &page, status, "Bladeren door de verzonden overdrachten"));
		tv_set_int(ctx, "vt_overdue", (int64_t)overdue);
		tv_set_str(ctx, "vt_overdue_text", hv_counted(rq->a, (int64_t)overdue, "overdracht", "overdrachten"));
		tv_set_bool(ctx, "vt_overdue_any", overdue > 0);
		tv_set_bool(ctx, "filtered", *status != '\0');
	}
	if (u->roles & ROLE_TEAMLEIDER) {
		bool local = hv_is_local_team(u);
		handover_rec *inbox = handover_inbox_brief(a, u->org_id, local, &n);
		size_t nk, k = 0;
		handover_known *known = handover_inbox_known(a, u->org_id, local, norms.known_months, &nk);
		size_t no;
		handover_other_team *others = handover_inbox_other_teams(a, u->org_id, local, &no);
		tv *items = tv_list(a);
		for (size_t i = 0; i < n; i++) {
			tv *s = listed(rq, &inbox[i], &norms, today, HV_LIST_INBOX);
			bool found = false;
			for (k = 0; k < nk && !found; k++)
				if (known[k].handover_id == inbox[i].id) {
					hv_put_known(s, known[k].case_id, known[k].open);
					found = true;
				}
			if (!found) {
				hv_put_known(s, 0, false);
				/* a hermelding for another team's case: the triage sees whose (0015) */
				for (size_t j = 0; j < no; j++)
					if (others[j].handover_id == inbox[i].id) {
						tv_set_str(s, "known_other", others[j].team);
						tv_set_bool(s, "known_other_open", others[j].open);
						break;
					}
			}
			tv_push(items, s);
		}
		tv_set_bool(ctx, "is_team", true);
		tv_set(ctx, "inbox", items);
		tv_set_bool(ctx, "inbox_any", n > 0);
		handover_page page;
		handover_team_decided_page(a, u->org_id, before, after, &page);
		tv *ditems = tv_list(a);
		for (size_t i = 0; i < page.n; i++)
			tv_push(ditems, listed(rq, &page.rows[i], &norms, today, HV_LIST_DECIDED));
		tv_set(ctx, "decided", ditems);
		tv_set_bool(ctx, "decided_any", page.n > 0);
		tv_set(ctx, "decided_pager", pager_tv(a, &page, "", "Bladeren door de afgehandelde overdrachten"));
	}
	respond_page(rq, 200, "handover_index", ctx);
}

/* The lists and the search from one read snapshot (db_read_begin): one WAL read lock,
 * and the page cache of this connection stays valid from the first statement to the
 * last, instead of being dropped by every audit commit in between. */
void page_handover_index(request *rq)
{
	bool begun = db_read_begin();
	show_handover_index(rq);
	db_read_end(begun);
}
