/*
 * account.c — the signed-in person's own account: changing one's own password.
 *
 * The current password is required (and a wrong one counts as a failed login, so
 * a borrowed session cannot guess it freely); the new one must pass the password
 * policy. Afterwards every other session of the person has ended, the current one
 * is renewed (new token), and device cookies made with the old password no longer
 * count. The two hashes run off the worker thread (server/offload.h). Never
 * logs, audits or re-displays a password.
 */
#include "pages/pages.h"

#include "auth/audit.h"
#include "auth/device.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "server/cookie.h"
#include "server/offload.h"
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

/* A change between its checks and its hashes: the current password's check and
 * the new one's hash run off the worker thread (server/offload.h), in the
 * request's arena, which outlives the wait. */
typedef struct password_change {
	const char *current, *pw, *old_hash, *device;
	int64_t id, now;
	const char *new_error_field, *new_error; /* the new password's problem, if any */
	bool current_ok, hashed;
	char hash[crypto_pwhash_STRBYTES];
} password_change;

/* On an offload thread: the current password, then (right, and the new one
 * acceptable) the new one's hash. No database here. */
static void check_and_hash(void *arg)
{
	password_change *pc = arg;
	pc->current_ok = password_verify(pc->old_hash, pc->current);
	if (pc->current_ok && !pc->new_error)
		pc->hashed = password_hash(pc->pw, pc->hash);
}

static void store_change(request *rq, void *arg)
{
	password_change *pc = arg;
	const char *who = rq->user->username;
	/* a wrong current password counts as a failed login */
	throttle_record(who, rq->remote_addr, pc->device, pc->current_ok, pc->now);
	if (!pc->current_ok) {
		audit_event(rq, rq->user, who, "password_set", "user", pc->id, false, "wrong current password");
		form_add_error(&rq->form, "current_password", "Dit is niet uw huidige wachtwoord.");
		show_form(rq, 422, NULL);
		return;
	}
	if (pc->new_error) {
		form_add_error(&rq->form, pc->new_error_field, pc->new_error);
		show_form(rq, 422, NULL);
		return;
	}
	if (!pc->hashed || !db_begin()) {
		respond_error(rq, 500);
		return;
	}
	if (!user_set_password_hash(rq->user->id, pc->hash)) {
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
	cookie_device_issue(rq, rq->user->id, pc->hash, pc->device, pc->now);
	audit_event(rq, rq->user, rq->user->username, "password_set", "user", rq->user->id, true, "changed by the user");
	cookie_set_notice(rq, "wachtwoord_gewijzigd");
	respond_redirect(rq, "/account/wachtwoord");
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
	password_change *pc = arena_alloc(rq->a, sizeof *pc);
	pc->current = current;
	pc->pw = pw;
	pc->now = (int64_t)time(NULL);
	/* The current password is checked like a login attempt (throttled, recorded). */
	const char *who = rq->user->username;
	if (!user_credentials(rq->a, who, &pc->id, &pc->old_hash) || pc->id != rq->user->id) {
		show_form(rq, 403, "Uw account kan nu niet worden gewijzigd.");
		return;
	}
	pc->device = device_of_request(rq, pc->id, pc->old_hash, pc->now);
	int64_t wait = pc->device ? throttle_wait_device(who, pc->device, pc->now)
	                          : throttle_wait(who, rq->remote_addr, pc->now);
	if (wait > 0) {
		show_form(rq, 429, "Te veel mislukte pogingen. Wacht even en probeer het opnieuw.");
		return;
	}
	/* the new password's problem, shown only when the current one was right */
	password_context ctx = {
		.username = rq->user->username, .name = rq->user->name, .organisation = rq->user->org_name};
	pc->new_error_field = "password";
	pc->new_error = password_policy_error(pw, &ctx);
	if (!pc->new_error && strcmp(pw, current) == 0) {
		pc->new_error = "Het nieuwe wachtwoord is gelijk aan het huidige. Kies een ander.";
	} else if (!pc->new_error && strcmp(pw, pw2) != 0) {
		pc->new_error_field = "password2";
		pc->new_error = "De twee nieuwe wachtwoorden zijn niet gelijk.";
	}
	request_offload(rq, check_and_hash, store_change, pc);
}
