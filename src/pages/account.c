/*
 * account.c — the signed-in person's own account: changing one's own password.
 *
 * The current password is required (and a wrong one counts as a failed login, so
 * a borrowed session cannot guess it freely); the new one must pass the password
 * policy. Afterwards every other session of the person has ended, the current one
 * is renewed (new token), and device cookies made with the old password no longer
 * count. Never logs, audits or re-displays a password.
 */
#include "pages/pages.h"

#include "auth/audit.h"
#include "auth/device.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "server/cookie.h"
#include "server/respond.h"
#include "store/db.h"
#include "store/user.h"

#include <string.h>
#include <time.h>

static void show_form(request *rq, int status, const char *message)
{
	tv *ctx = page_ctx(rq, "Wachtwoord wijzigen");
	page_add_form(ctx, &rq->form);
	if (message)
		tv_set_str(ctx, "message", message);
	const char *notice = cookie_take_notice(rq);
	if (notice && strcmp(notice, "wachtwoord_gewijzigd") == 0)
		tv_set_bool(ctx, "changed", true);
	respond_page(rq, status, "account_password", ctx);
}

void page_account_password_form(request *rq)
{
	show_form(rq, 200, NULL);
}

/* Check the current password like a login attempt (throttled, recorded). NULL when
 * it is right, else the message for the page; *status receives the HTTP status. */
static const char *check_current(request *rq, const char *current, const char **hash, int *status)
{
	int64_t now = (int64_t)time(NULL), id = 0;
	const char *who = rq->user->username;
	if (!user_credentials(rq->a, who, &id, hash) || id != rq->user->id) {
		*status = 403;
		return "Uw account kan nu niet worden gewijzigd.";
	}
	const char *device = device_of_request(rq, id, *hash, now);
	int64_t wait = device ? throttle_wait_device(who, device, now) : throttle_wait(who, rq->remote_addr, now);
	if (wait > 0) {
		*status = 429;
		return "Te veel mislukte pogingen. Wacht even en probeer het opnieuw.";
	}
	bool ok = password_verify(*hash, current);
	throttle_record(who, rq->remote_addr, device, ok, now);
	if (!ok) {
		audit_event(rq, rq->user, who, "password_set", "user", id, false, "wrong current password");
		form_add_error(&rq->form, "current_password", "Dit is niet uw huidige wachtwoord.");
		*status = 422;
		return NULL;
	}
	return NULL;
}

void page_account_password_change(request *rq)
{
	const char *current = form_get(&rq->form, "current_password");
	const char *pw = form_get(&rq->form, "password");
	const char *pw2 = form_get(&rq->form, "password2");
	if (form_has_errors(&rq->form) || !current || !pw || !pw2) {
		show_form(rq, 422, NULL);
		return;
	}
	const char *old_hash = NULL;
	int status = 200;
	const char *problem = check_current(rq, current, &old_hash, &status);
	if (problem || form_has_errors(&rq->form)) {
		show_form(rq, status, problem);
		return;
	}
	password_context who = {
		.username = rq->user->username, .name = rq->user->name, .organisation = rq->user->org_name};
	const char *weak = password_policy_error(pw, &who);
	if (weak)
		form_add_error(&rq->form, "password", weak);
	else if (strcmp(pw, current) == 0)
		form_add_error(&rq->form, "password", "Het nieuwe wachtwoord is gelijk aan het huidige. Kies een ander.");
	else if (strcmp(pw, pw2) != 0)
		form_add_error(&rq->form, "password2", "De twee nieuwe wachtwoorden zijn niet gelijk.");
	if (form_has_errors(&rq->form)) {
		show_form(rq, 422, NULL);
		return;
	}
	int64_t now = (int64_t)time(NULL);
	const char *device = device_of_request(rq, rq->user->id, old_hash, now);
	char *hash = arena_alloc(rq->a, crypto_pwhash_STRBYTES);
	if (!password_hash(pw, hash) || !db_begin()) {
		respond_error(rq, 500);
		return;
	}
	if (!user_set_password_hash(rq->user->id, hash)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	session_end_all_for_user(rq->user->id);
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	/* This browser goes on with a new session (the old one was ended with the
	 * others) and a device cookie made with the new password. */
	rq->session_hash = NULL;
	if (!cookie_session_start(rq, rq->user->id)) {
		respond_error(rq, 500);
		return;
	}
	cookie_device_issue(rq, rq->user->id, hash, device, now);
	audit_event(rq, rq->user, rq->user->username, "password_set", "user", rq->user->id, true, "changed by the user");
	cookie_set_notice(rq, "wachtwoord_gewijzigd");
	respond_redirect(rq, "/account/wachtwoord");
}
