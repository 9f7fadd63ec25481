/*
 * account_contact.c — the signed-in person's own "bereikbaarheid": one line that
 * tells chain partners how to reach him or her (phone, e-mail, working days).
 * It is shown with the person in a case's team and as the regisseur's
 * "Bereikbaar" on the case page; empty means "via the team".
 *
 * Only the person changes it (ANY_USER, always the own account: the id comes from
 * the session, never from the request); recorded in the audit log.
 */
#include "pages/pages.h"

#include "auth/audit.h"
#include "server/cookie.h"
#include "server/respond.h"
#include "store/db.h"
#include "store/user.h"

#include <string.h>

static void show_form(request *rq, int status)
{
	tv *ctx = page_ctx(rq, "Bereikbaarheid");
	page_add_form(ctx, &rq->form);
	if (status == 200)
		tv_set_str(ctx, "contact", user_contact(rq->a, rq->user->id));
	else
		tv_set_str(ctx, "contact", form_get(&rq->form, "contact") ? form_get(&rq->form, "contact") : "");
	const char *notice = cookie_take_notice(rq);
	if (notice && strcmp(notice, "bereikbaarheid_opgeslagen") == 0)
		tv_set_bool(ctx, "saved", true);
	respond_page(rq, status, "account_contact", ctx);
}

void page_account_contact_form(request *rq)
{
	show_form(rq, 200);
}

void page_account_contact_save(request *rq)
{
	if (form_has_errors(&rq->form)) {
		show_form(rq, 422);
		return;
	}
	const char *contact = form_str(&rq->form, "contact");
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	if (!user_set_contact(rq->user->id, contact)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	audit_event(rq, rq->user, rq->user->username, "contact_set", "user", rq->user->id, true, NULL);
	cookie_set_notice(rq, "bereikbaarheid_opgeslagen");
	respond_redirect(rq, "/account/bereikbaarheid");
}
