/*
 * login_second_factor.c — the second step of logging in: a six-digit code from
 * the authenticator app (TOTP, util/totp.h) or a one-time recovery code, and the
 * enrolment at the first login (QR code drawn as inline SVG, the secret in text,
 * ten recovery codes shown once).
 *
 * The password step (login.c) leaves a waiting login (store/second_factor.h) named
 * by the kr_pending cookie; only a right code turns it into a session. Codes are
 * throttled like passwords (same counters, auth/throttle.h), a code is accepted
 * once (the last accepted time step is stored), and five wrong codes end the
 * waiting login. Never logs, audits or shows a secret after enrolment, and never
 * shows a recovery code again.
 */
#include "pages/pages.h"

#include "auth/audit.h"
#include "auth/device.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "util/totp.h"
#include "server/config.h"
#include "server/cookie.h"
#include "server/respond.h"
#include "store/db.h"
#include "store/second_factor.h"
#include "store/user.h"
#include "view/qr_svg.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#define ISSUER "ketenregie"

bool login_second_factor_needed(int64_t user_id)
{
	sf_state s;
	if (!sf_state_of(user_id, &s))
		return true;
	return !(s.exempt && config.demo);
}

/* Days of grace left for an account that has not enrolled (0: none left). */
static int64_t grace_days_left(int64_t user_id, int64_t now)
{
	if (config.second_factor_grace_days == 0)
		return 0;
	int64_t asked = sf_note_asked(user_id, now);
	int64_t until = asked + (int64_t)config.second_factor_grace_days * 86400;
	return until > now ? (until - now + 86399) / 86400 : 0;
}

void login_second_factor_begin(request *rq, int64_t user_id, const char *device, const char *resume_to,
                               const char *resume, int64_t now)
{
	sf_state s;
	if (!sf_state_of(user_id, &s)) {
		respond_error(rq, 500);
		return;
	}
	unsigned char secret[TOTP_SECRET_BYTES];
	if (!s.enrolled)
		randombytes_buf(secret, sizeof secret);
	char *token = sf_pending_start(rq->a, user_id, device, s.enrolled ? NULL : secret, resume_to, resume, now);
	sodium_memzero(secret, sizeof secret);
	if (!token) {
		respond_error(rq, 500);
		return;
	}
	cookie_set(rq, "kr_pending", token, SF_PENDING_TTL_S);
	respond_redirect(rq, s.enrolled ? "/login/code" : "/login/instellen");
}

/* The waiting login of this browser, or NULL (then the answer is already made: back
 * to the login form). */
static sf_pending *pending_or_login(request *rq, int64_t now)
{
	sf_pending *p = arena_alloc(rq->a, sizeof *p);
	if (sf_pending_get(rq->a, rq->cookie_pending, now, p))
		return p;
	cookie_set(rq, "kr_pending", "", 0);
	respond_redirect(rq, "/login");
	return NULL;
}

static void show_code(request *rq, int status, const char *message)
{
	tv *ctx = page_ctx(rq, "Inlogcode");
	tv_set_str(ctx, "csrf", cookie_login_token(rq));
	page_add_form(ctx, &rq->form);
	if (message)
		tv_set_str(ctx, "message", message);
	respond_page(rq, status, "login_code", ctx);
}

void page_login_code_form(request *rq)
{
	if (rq->user) {
		respond_redirect(rq, "/");
		return;
	}
	sf_pending *p = pending_or_login(rq, (int64_t)time(NULL));
	if (!p)
		return;
	if (p->has_new_secret) {
		respond_redirect(rq, "/login/instellen");
		return;
	}
	show_code(rq, 200, NULL);
}

static const char *wait_text(arena *a, int64_t s)
{
	if (s < 60)
		return arena_printf(a, "%lld seconden", (long long)s);
	return arena_printf(a, "%lld minuten", (long long)((s + 59) / 60));
}

/* Throttle gate shared by both code forms: the same counters as the password. NULL
 * when the attempt may go on, else the message (429). */
static const char *throttled(request *rq, const user_rec *u, const sf_pending *p, int64_t now)
{
	int64_t wait = p->device ? throttle_wait_device(u->username, p->device, now)
	                         : throttle_wait(u->username, rq->remote_addr, now);
	if (wait <= 0)
		return NULL;
	return arena_printf(rq->a, "Te veel mislukte pogingen. Probeer het over %s opnieuw.", wait_text(rq->a, wait));
}

/* A wrong code: counted for the account and the address (or device), audited; the
 * waiting login ends after SF_PENDING_MAX_FAILURES. Answers the page. */
static void wrong_code(request *rq, const user_rec *u, const sf_pending *p, int64_t now, bool enrolment)
{
	throttle_record(u->username, rq->remote_addr, p->device, false, now);
	auth_user who = {.id = u->id, .username = u->username, .org_id = u->org_id};
	audit_event(rq, &who, u->username, "login", "session", 0, false,
	            enrolment ? "wrong code at second-factor enrolment" : "wrong second factor");
	if (!sf_pending_fail(rq->cookie_pending)) {
		cookie_set(rq, "kr_pending", "", 0);
		tv *ctx = page_ctx(rq, "Inloggen");
		tv_set_str(ctx, "csrf", cookie_login_token(rq));
		tv_set_str(ctx, "message", "Te vaak een verkeerde code. Log opnieuw in met uw wachtwoord.");
		respond_page(rq, 401, "login", ctx);
		return;
	}
	form_add_error(&rq->form, "code",
	               enrolment ? "Deze code klopt niet. Typ de zes cijfers die uw app nu toont."
	                         : "Deze code klopt niet of is al gebruikt. Wacht op de volgende code van uw app, of "
	                           "gebruik een herstelcode.");
}

/* The code was right: the waiting login becomes a session (the password hash is
 * read again for the device cookie). */
static bool finish_login(request *rq, const user_rec *u, const sf_pending *p, int64_t now, const char *how)
{
	throttle_record(u->username, rq->remote_addr, p->device, true, now);
	const char *hash = NULL;
	int64_t id = 0;
	if (!user_credentials(rq->a, u->username, &id, &hash) || id != u->id || !db_begin())
		return false;
	if (!sf_pending_end(rq->cookie_pending) || !db_commit()) {
		db_rollback();
		return false;
	}
	cookie_set(rq, "kr_pending", "", 0);
	if (!cookie_session_start(rq, u->id))
		return false;
	cookie_device_issue(rq, u->id, hash, p->device, now);
	auth_user who = {.id = u->id, .username = u->username, .org_id = u->org_id};
	audit_event(rq, &who, u->username, "login", "session", 0, true, how);
	return true;
}

void page_login_code_submit(request *rq)
{
	if (rq->user) {
		respond_redirect(rq, "/");
		return;
	}
	int64_t now = (int64_t)time(NULL);
	sf_pending *p = pending_or_login(rq, now);
	if (!p)
		return;
	user_rec u;
	if (p->has_new_secret || !user_get(rq->a, p->user_id, &u)) {
		respond_redirect(rq, "/login");
		return;
	}
	const char *typed = form_str(&rq->form, "code");
	if (form_has_errors(&rq->form)) {
		show_code(rq, 422, NULL);
		return;
	}
	const char *wait = throttled(rq, &u, p, now);
	if (wait) {
		show_code(rq, 429, wait);
		return;
	}
	const char *how = NULL;
	if (sf_is_recovery_shape(typed)) {
		if (sf_recovery_use(u.id, typed, now))
			how = arena_printf(rq->a, "second factor: recovery code (%d left)", sf_recovery_left(u.id));
	} else {
		unsigned char secret[TOTP_SECRET_BYTES];
		int64_t last = 0;
		if (sf_totp_get(u.id, secret, &last)) {
			int64_t step = totp_verify(secret, sizeof secret, typed, now, last);
			sodium_memzero(secret, sizeof secret);
			if (step >= 0 && db_begin()) {
				if (sf_totp_use_step(u.id, step) && db_commit())
					how = "second factor: app code";
				else
					db_rollback();
			}
		}
	}
	if (!how) {
		wrong_code(rq, &u, p, now, false);
		if (!rq->res.status)
			show_code(rq, 401, NULL);
		return;
	}
	if (!finish_login(rq, &u, p, now, how)) {
		respond_error(rq, 500);
		return;
	}
	/* a form carried along from an expired session goes on as after a password login */
	if (p->resume_to && login_show_resume(rq, u.roles, p->resume_to, p->resume))
		return;
	respond_redirect(rq, "/");
}

/* ---- enrolment ---- */

static void show_enrol(request *rq, int status, const user_rec *u, const sf_pending *p, int64_t now)
{
	tv *ctx = page_ctx(rq, "Tweestapsverificatie instellen");
	tv_set_str(ctx, "csrf", cookie_login_token(rq));
	page_add_form(ctx, &rq->form);
	char b32[TOTP_BASE32_LEN + 1];
	totp_base32(p->new_secret, TOTP_SECRET_BYTES, b32);
	/* otpauth URI (Google Authenticator key-uri format); the label names no client */
	const char *uri = arena_printf(rq->a, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30",
	                               ISSUER, u->username, b32, ISSUER);
	qr_svg qr;
	if (!qr_svg_make(rq->a, uri, &qr)) {
		sodium_memzero(b32, sizeof b32);
		respond_error(rq, 500);
		return;
	}
	tv *q = tv_obj(rq->a);
	tv_set_int(q, "size", qr.size);
	tv_set_str(q, "path", qr.path);
	tv_set(ctx, "qr", q);
	/* in groups of four, as apps show it; the apps ignore the spaces */
	strbuf sb;
	sb_init(&sb, rq->a);
	for (int i = 0; i < TOTP_BASE32_LEN; i += 4)
		sb_printf(&sb, "%s%.4s", i ? " " : "", b32 + i);
	sodium_memzero(b32, sizeof b32);
	tv_set_str(ctx, "secret_text", sb.data);
	tv_set_str(ctx, "username", u->username);
	int64_t left = grace_days_left(u->id, now);
	if (left > 0)
		tv_set_int(ctx, "grace_days", left);
	respond_page(rq, status, "login_enrol", ctx);
}

static bool enrol_context(request *rq, int64_t now, sf_pending **p, user_rec *u)
{
	if (rq->user) {
		respond_redirect(rq, "/");
		return false;
	}
	*p = pending_or_login(rq, now);
	if (!*p)
		return false;
	if (!(*p)->has_new_secret) {
		respond_redirect(rq, "/login/code");
		return false;
	}
	if (!user_get(rq->a, (*p)->user_id, u)) {
		respond_redirect(rq, "/login");
		return false;
	}
	return true;
}

void page_login_enrol_form(request *rq)
{
	int64_t now = (int64_t)time(NULL);
	sf_pending *p;
	user_rec u;
	if (enrol_context(rq, now, &p, &u))
		show_enrol(rq, 200, &u, p, now);
}

void page_login_enrol_submit(request *rq)
{
	int64_t now = (int64_t)time(NULL);
	sf_pending *p;
	user_rec u;
	if (!enrol_context(rq, now, &p, &u))
		return;
	if (form_has_errors(&rq->form)) {
		show_enrol(rq, 422, &u, p, now);
		return;
	}
	const char *wait = throttled(rq, &u, p, now);
	if (wait) {
		form_add_error(&rq->form, "code", wait);
		show_enrol(rq, 429, &u, p, now);
		return;
	}
	int64_t step = totp_verify(p->new_secret, TOTP_SECRET_BYTES, form_str(&rq->form, "code"), now, -1);
	if (step < 0) {
		wrong_code(rq, &u, p, now, true);
		if (!rq->res.status)
			show_enrol(rq, 422, &u, p, now);
		return;
	}
	char *codes[SF_RECOVERY_CODES];
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	/* Read again inside the write transaction: a second submit of the same form (a
	 * double click) that waited for the first finds the waiting login ended and
	 * goes to /login, instead of replacing the recovery codes the first answer
	 * showed with codes that answer may not be shown (only the last set works). */
	sf_pending *still = arena_alloc(rq->a, sizeof *still);
	if (!sf_pending_get(rq->a, rq->cookie_pending, now, still) || !still->has_new_secret ||
	    sodium_memcmp(still->new_secret, p->new_secret, TOTP_SECRET_BYTES) != 0) {
		sodium_memzero(still->new_secret, sizeof still->new_secret);
		db_rollback();
		cookie_set(rq, "kr_pending", "", 0);
		respond_redirect(rq, "/login");
		return;
	}
	sodium_memzero(still->new_secret, sizeof still->new_secret);
	/* the waiting login ends with the enrolment, in one transaction */
	if (!sf_enrol(rq->a, u.id, p->new_secret, step, now, codes) || !sf_pending_end(rq->cookie_pending)) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	sodium_memzero(p->new_secret, sizeof p->new_secret);
	auth_user who = {.id = u.id, .username = u.username, .org_id = u.org_id};
	audit_event(rq, &who, u.username, "second_factor_enrol", "user", u.id, true, NULL);
	if (!finish_login(rq, &u, p, now, "second factor: enrolled")) {
		respond_error(rq, 500);
		return;
	}
	/* Shown once, in this answer only (no-store); only their hashes are kept. */
	tv *ctx = page_ctx(rq, "Uw herstelcodes");
	tv *list = tv_list(rq->a);
	for (int i = 0; i < SF_RECOVERY_CODES; i++)
		tv_push(list, tv_str(rq->a, codes[i]));
	tv_set(ctx, "codes", list);
	respond_page(rq, 200, "login_recovery_codes", ctx);
}

void page_login_enrol_later(request *rq)
{
	int64_t now = (int64_t)time(NULL);
	sf_pending *p;
	user_rec u;
	if (!enrol_context(rq, now, &p, &u))
		return;
	if (grace_days_left(u.id, now) <= 0) {
		form_add_error(&rq->form, "code", "Tweestapsverificatie is verplicht. Stel deze nu in.");
		show_enrol(rq, 422, &u, p, now);
		return;
	}
	if (!finish_login(rq, &u, p, now, "second factor enrolment postponed (grace period)")) {
		respond_error(rq, 500);
		return;
	}
	if (p->resume_to && login_show_resume(rq, u.roles, p->resume_to, p->resume))
		return;
	respond_redirect(rq, "/");
}
