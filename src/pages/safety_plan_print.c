/*
 * safety_plan_print.c — GET /casussen/{id}/veiligheidsplan/afdrukken: the plan on
 * A4 through the browser's own print, without JavaScript, forms or navigation.
 *
 *   (no ?voor)     the family version: plain Dutch, large type, what we agreed,
 *                  who does what, what to do and whom to call when it is unsafe,
 *                  the evaluation date. Never what happened in the professionals'
 *                  words, their view, the risk assessment or the handover text.
 *   ?voor=org      the version for one involved partner: only the parts that
 *                  partner's involvement may see (safety_plan_parts_of_org(),
 *                  which asks case_parts_of()), and never more than the printing
 *                  user may see.
 *
 * The printed version is the latest agreed one, else the latest concept (marked
 * so). "Vertrouwelijk" and page numbers on every page come from print.css.
 */
#include "pages/safety_plan.h"
#include "pages/safety_plan_int.h"

#include "auth/case_parts.h"
#include "auth/safety_plan_access.h"
#include "pages/handovers.h"
#include "server/respond.h"
#include "store/case.h"
#include "store/db.h"
#include "store/org.h"
#include "util/date.h"

#include <string.h>

/* One line per item: the columns joined as plain sentences' parts. */
static tv *family_lines(request *rq, const sp_plan *p, sp_list l)
{
	arena *a = rq->a;
	tv *list = tv_list(a);
	for (size_t i = 0; i < p->nitems[l]; i++) {
		const sp_item *it = &p->items[l][i];
		tv *o = tv_obj(a);
		switch (l) {
		case SP_AFSPRAAK: {
			const char *who = *it->f[1] ? it->f[1] : sp_owner_label(a, it);
			tv_set_str(o, "who", who);
			tv_set_str(o, "what", it->f[2]);
			tv_set_str(o, "when", it->f[3]);
			break;
		}
		case SP_NETWERK:
			tv_set_str(o, "name", it->f[0]);
			tv_set_str(o, "relation", it->f[1]);
			tv_set_str(o, "phone", it->f[2]);
			tv_set_str(o, "part", it->f[3]);
			break;
		case SP_SIGNAAL:
			tv_set_str(o, "signal", it->f[0]);
			tv_set_str(o, "action", it->f[1]);
			break;
		case SP_CRISIS:
			tv_set_str(o, "name", it->f[0]);
			tv_set_str(o, "phone", it->f[1]);
			break;
		case SP_TOEZICHT:
			tv_set_str(o, "who", it->f[0]);
			tv_set_str(o, "how", it->f[1]);
			break;
		case SP_DOEL:
			tv_set_str(o, "what", it->f[0]);
			tv_set_str(o, "duration", it->f[1]);
			break;
		default:
			tv_set_str(o, "text", it->f[0]);
			break;
		}
		tv_push(list, o);
	}
	return list;
}

static void print_plan(request *rq)
{
	arena *a = rq->a;
	case_rec c;
	sp_plan p;
	if (!case_get(a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	bool have = safety_plan_get(a, c.id, -1, &p) || safety_plan_get(a, c.id, 0, &p);
	unsigned mine = case_parts_of(rq, c.id);
	int64_t voor = 0;
	bool partner = form_get(&rq->form, "voor") != NULL;
	unsigned mask = mine;
	org o = {0};
	if (partner) {
		if (!form_int(&rq->form, "voor", &voor) || !org_get(a, voor, &o)) {
			respond_error(rq, 404);
			return;
		}
		mask = mine & safety_plan_parts_of_org(rq, c.id, voor);
		if (!mask) { /* not involved: nothing of this case is theirs to read */
			respond_error(rq, 404);
			return;
		}
	}
	tv *ctx = page_ctx(rq, partner ? arena_printf(a, "Veiligheidsplan voor %s", o.name) : "Ons veiligheidsplan");
	tv_set_int(ctx, "case_id", c.id);
	tv_set_str(ctx, "household_name", c.household_name);
	tv_set_str(ctx, "director", c.director_name);
	tv_set_str(ctx, "team", c.team_name);
	char today[KR_DATE_BUF];
	kr_date_format(kr_date_today_nl(), today);
	tv_set_str(ctx, "today", today);
	tv_set_bool(ctx, "has_plan", have);
	if (have) {
		tv_set_int(ctx, "n", p.n);
		tv_set_bool(ctx, "agreed", strcmp(p.status, "vastgesteld") == 0);
		tv_set_str(ctx, "agreed_on", hv_date(a, p.agreed_on));
	}
	if (partner) {
		tv_set_str(ctx, "org_name", o.name);
		if (have)
			tv_set(ctx, "view", sp_plan_view(rq, &p, mask, voor));
		rq->audit.detail = arena_printf(a, "veiligheidsplan afgedrukt voor organisatie %lld", (long long)voor);
		respond_page(rq, 200, "safety_plan_print_partner", ctx);
		return;
	}
	if (have) {
		/* the family's version: its own words and what was agreed, nothing else */
		tv_set(ctx, "dangers", family_lines(rq, &p, SP_GEVAAR));
		tv_set(ctx, "goals", family_lines(rq, &p, SP_DOEL));
		tv_set(ctx, "conditions", family_lines(rq, &p, SP_VOORWAARDE));
		tv_set(ctx, "agreements", family_lines(rq, &p, SP_AFSPRAAK));
		tv_set(ctx, "network", family_lines(rq, &p, SP_NETWERK));
		tv_set(ctx, "signals", family_lines(rq, &p, SP_SIGNAAL));
		tv_set(ctx, "crisis", family_lines(rq, &p, SP_CRISIS));
		tv_set(ctx, "watch", family_lines(rq, &p, SP_TOEZICHT));
		tv_set_str(ctx, "evaluation_date", hv_date(a, p.evaluation_date));
		kr_date d;
		if (kr_date_parse_iso(p.evaluation_date, &d)) {
			char longd[KR_DATE_LONG_BUF];
			kr_date_format_long(d, longd);
			tv_set_str(ctx, "evaluation_long", longd);
		}
	}
	rq->audit.detail = "veiligheidsplan afgedrukt: versie voor het gezin";
	respond_page(rq, 200, "safety_plan_print_family", ctx);
}

void page_safety_plan_print(request *rq)
{
	bool begun = db_read_begin();
	print_plan(rq);
	db_read_end(begun);
}
