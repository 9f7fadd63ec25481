/*
 * home.c — "Mijn werk", the start page: what this user has to do today.
 *
 * "/" is open to every role, so the route table cannot say which parts of it show
 * client data. The panel table below does, in the same spirit: each area panel
 * with the roles that see it and whether it shows client data. This file calls a
 * panel only for those roles and writes the audit record for client-data panels;
 * panels never check roles themselves. home_panels_check() (run at start-up with
 * the route table's check) refuses a client-data panel open to a non-client role.
 */
#include "pages/family_plan.h"
#include "pages/case_course.h"
#include "pages/handovers.h"
#include "pages/leertafel.h"
#include "pages/home_list.h"
#include "pages/pages.h"
#include "pages/re_report.h"
#include "pages/safety_plan.h"

#include "auth/audit.h"
#include "store/roles.h"
#include "server/respond.h"
#include "store/db.h"

#include "util/date.h"

#include <stdio.h>

typedef struct home_panel {
	const char *name;
	unsigned roles;   /* who sees the panel */
	bool client_data; /* its content names clients: audited, client roles only */
	bool paged_lists; /* its lists page by keyset (home_list.c): alone on "/?lijst=" */
	/* Fill ctx; return true when it showed client data (then audited). */
	bool (*fill)(request *rq, tv *ctx);
} home_panel;

static const home_panel panels[] = {
	{"leertafel", ROLE_SECRETARIS | ROLE_LEERTAFELLID, false, false, leertafel_home_panel},
	{"overdrachten", ROLE_VT | ROLE_TEAMLEIDER | ROLE_PROFESSIONAL, true, false, handover_home_panel},
	{"hermeldingen", ROLE_TEAMLEIDER | ROLE_PROFESSIONAL, true, true, re_report_home_panel},
	{"veiligheidsplan", ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER, true, true, safety_plan_home_panel},
	{"evaluatie te laat", ROLE_TEAMLEIDER | ROLE_PROFESSIONAL, true, true, evaluation_home_panel},
	{"casussen", ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER, true, true, case_course_home_panel},
	{"accountwijzigingen", ROLE_TEAMLEIDER | ROLE_BEHEERDER, false, false, account_confirm_home_panel},
};

bool home_panels_check(char *err, size_t errlen)
{
	for (size_t i = 0; i < sizeof panels / sizeof panels[0]; i++) {
		if (panels[i].roles == 0 ||
		    (panels[i].client_data && (panels[i].roles & ~(unsigned)CLIENT_DATA_ROLES))) {
			snprintf(err, errlen, "start-page panel %s: roles not allowed for its data", panels[i].name);
			return false;
		}
	}
	return true;
}

/* "Vorige keer ingelogd …": a person is the first to notice a login that was not
 * his or hers (also one after a password link an administrator made). */
static void account_events(request *rq, tv *ctx)
{
	audit_account_events ev;
	audit_account_events_of(rq->a, rq->user->id, &ev);
	char buf[KR_DATETIME_BUF];
	if (kr_datetime_reformat_nl(ev.previous_login_at, buf)) {
		tv_set_str(ctx, "previous_login_at", buf);
		tv_set_str(ctx, "previous_login_address", ev.previous_login_address);
	}
	if (kr_datetime_reformat_nl(ev.password_set_at, buf))
		tv_set_str(ctx, "password_set_at", buf);
}

void page_home_show(request *rq)
{
	tv *ctx = page_ctx(rq, "Mijn werk");
	tv *roles = tv_list(rq->a);
	for (int i = 0; i < ROLE_COUNT; i++) {
		unsigned r = role_at(i);
		if (!(rq->user->roles & r))
			continue;
		tv *item = tv_obj(rq->a);
		tv_set_str(item, "label", role_label(r));
		tv_set_bool(item, role_name(r), true);
		tv_push(roles, item);
	}
	tv_set(ctx, "roles", roles);
	bool paging = home_list_paging(rq);
	tv_set_bool(ctx, "home_paged", paging);
	/* every panel from one read snapshot (db_read_begin): one WAL read lock and one
	 * check of the page cache for the page instead of one per statement, and panels
	 * that agree with each other; ended before waiting for the audit record */
	bool begun = db_read_begin();
	if (!paging)
		account_events(rq, ctx);
	else
		tv_set(ctx, "roles", tv_list(rq->a));
	for (size_t i = 0; i < sizeof panels / sizeof panels[0]; i++) {
		const home_panel *p = &panels[i];
		if (!(rq->user->roles & p->roles) || (paging && !p->paged_lists))
			continue;
		rq->audit.household_count = 0;
		/* the panel names each household it shows (audit_note_household) */
		if (p->fill(rq, ctx) && p->client_data)
			audit_panel(rq, p->name);
	}
	db_read_end(begun);
	if (!audit_panels_commit(rq)) {
		respond_error(rq, 500);
		return;
	}
	respond_page(rq, 200, "home", ctx);
}
