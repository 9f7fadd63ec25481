/*
 * login.c — logging in and out, and setting a password through a one-time link.
 *
 * Unknown user and wrong password get the same answer and cost the same time.
 * After the password, every account except the demo region's gives a second
 * factor (login_second_factor.c) before a session starts.
 * Never logs, audits or re-displays a password.
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
#include "server/router.h"
#include "view/html.h"
#include "store/db.h"
#include "store/user.h"

#include <string.h>
#include <time.h>

static void show_login(request *rq, int status, const char *message)
{
	tv *ctx = page_ctx(rq, "Inloggen");
	tv_set_str(ctx, "csrf", cookie_login_token(rq));
	page_add_form(ctx, &rq->form);
	/* a form carried along from an expired session stays with the retry */
	if (form_get(&rq->form, "resume_to")) {
		tv_set_bool(ctx, "expired", true);
		tv_set_str(ctx, "resume_to", form_str(&rq->form, "resume_to"));
		tv_set_str(ctx, "resume", form_get(&rq->form, "resume") ? form_get(&rq->form, "resume") : "");
	}
	if (message)
		tv_set_str(ctx, "message", message);
	if (form_get(&rq->form, "gezet"))
		tv_set_bool(ctx, "password_set", true);
	const char *notice = cookie_take_notice(rq);
	if (notice && strcmp(notice, "uitgelogd") == 0)
		tv_set_bool(ctx, "logged_out", true);
	respond_page(rq, status, "login", ctx);
}

/* The submitted body without its csrf field, re-encoded: what the user typed. */
static const char *body_without_csrf(request *rq)
{
	form_limits lim = {.max_fields = 10000, .max_value = 1024 * 1024};
	form_field *fields;
	size_t n;
	if (form_parse(rq->a, rq->body, rq->body_len, &lim, &fields, &n) != FORM_OK)
		return NULL;
	strbuf sb;
	sb_init(&sb, rq->a);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(fields[i].name, "csrf") == 0)
			continue;
		if (sb.len)
			sb_putc(&sb, '&');
		url_encode(&sb, fields[i].name, strlen(fields[i].name));
		sb_putc(&sb, '=');
		url_encode(&sb, fields[i].value, fields[i].len);
	}
	return sb.data;
}

void login_show_expired(request *rq)
{
	const char *kept = body_without_csrf(rq);
	if (!kept) {
		respond_error(rq, 403);
		return;
	}
	tv *ctx = page_ctx(rq, "Sessie verlopen");
	tv_set_str(ctx, "csrf", cookie_login_token(rq));
	tv_set_bool(ctx, "expired", true);
	tv_set_str(ctx, "resume_to", rq->path);
	tv_set_str(ctx, "resume", kept);
	tv *values = tv_obj(rq->a);
	tv_set(ctx, "form", values);
	respond_page(rq, 403, "login", ctx);
}

bool login_show_resume(request *rq, unsigned roles, const char *to, const char *data)
{
	if (!to || !*to || !data || !router_allows("POST", to, roles))
		return false;
	form_limits lim = {.max_fields = 10000, .max_value = 1024 * 1024};
	form_field *fields;
	size_t n;
	if (form_parse(rq->a, data, strlen(data), &lim, &fields, &n) != FORM_OK)
		return false;
	tv *ctx = page_ctx(rq, "Formulier opnieuw versturen");
	tv_set_str(ctx, "resume_to", to);
	tv *list = tv_list(rq->a);
	for (size_t i = 0; i < n; i++) {
		tv *f = tv_obj(rq->a);
		tv_set_str(f, "name", fields[i].name);
		tv_set_str(f, "value", fields[i].value);
		tv_push(list, f);
	}
	tv_set(ctx, "fields", list);
	respond_page(rq, 200, "login_resume", ctx);
	return true;
}

void page_login_form(request *rq)
{
	if (rq->user) {
		respond_redirect(rq, "/");
		return;
	}
	show_login(rq, 200, NULL);
}

static const char *wait_text(arena *a, int64_t s)
{
	if (s < 60)
		return arena_printf(a, "%lld seconden", (long long)s);
	return arena_printf(a, "%lld minuten", (long long)((s + 59) / 60));
}

/* A login between its checks before the password (throttle, device cookie) and
 * after it: the hash runs off the worker thread (server/offload.h). Everything
 * lives in the request's arena, which outlives the wait. */
typedef struct login_attempt {
	const char *username, *pw, *hash, *key, *audit_name, *device;
	int64_t id, now;
	bool known;
	bool counted; /* holds one of the logins' places (password_login_admit) */
	bool ok;
	bool rehashed; /* fresh holds the password hashed with today's parameters */
	char fresh[crypto_pwhash_STRBYTES];
} login_attempt;

/* On an offload thread: the password check, and a rehash when the stored hash is
 * weaker than today's. No database here. */
static void check_password(void *arg)
{
	login_attempt *la = arg;
	la->ok = password_verify(la->known ? la->hash : NULL, la->pw);
	if (la->counted)
		password_login_release();
	if (la->ok && password_needs_rehash(la->hash))
		la->rehashed = password_hash(la->pw, la->fresh);
}

static void after_check(request *rq, void *arg)
{
	login_attempt *la = arg;
	const char *username = la->username, *hash = la->hash;
	int64_t id = la->id, now = la->now;
	bool ok = la->ok;
	/* With a second factor to come, the password alone is no success: the account's
	 * count is reset only by the code (login_second_factor.c), so that knowing the
	 * password does not buy fresh free guesses at the code. */
	bool second = ok && login_second_factor_needed(id);
	if (!second)
		throttle_record(la->key, rq->remote_addr, la->device, ok, now);
	if (!ok) {
		audit_event(rq, NULL, la->audit_name, "login", "session", 0, false, "wrong credentials");
		show_login(rq, 401, "De combinatie van gebruikersnaam en wachtwoord is niet bekend.");
		return;
	}
	if (la->rehashed && db_begin()) {
		if (user_set_password_hash(id, la->fresh)) {
			db_commit();
			hash = la->fresh;
		} else {
			db_rollback();
		}
	}
	if (second) {
		auth_user pw_ok = {.id = id, .username = username};
		audit_event(rq, &pw_ok, username, "login_password", "session", 0, true, "second factor asked");
		login_second_factor_begin(rq, id, la->device, form_get(&rq->form, "resume_to"), form_get(&rq->form, "resume"), now);
		return;
	}
	if (!cookie_session_start(rq, id)) {
		respond_error(rq, 500);
		return;
	}
	cookie_device_issue(rq, id, hash, la->device, now);
	auth_user who = {.id = id, .username = username};
	audit_event(rq, &who, username, "login", "session", 0, true, la->device ? "device cookie" : NULL);
	user_rec me;
	if (form_get(&rq->form, "resume_to") && user_get(rq->a, id, &me) &&
	    login_show_resume(rq, me.roles, form_str(&rq->form, "resume_to"), form_get(&rq->form, "resume")))
		return;
	respond_redirect(rq, "/");
}

void page_login_submit(request *rq)
{
	const char *username = form_str(&rq->form, "username");
	const char *pw = form_get(&rq->form, "password");
	if (form_has_errors(&rq->form) || !pw) {
		show_login(rq, 422, NULL);
		return;
	}
	login_attempt *la = arena_alloc(rq->a, sizeof *la);
	la->username = username;
	la->pw = pw;
	la->now = (int64_t)time(NULL);
	la->known = user_credentials(rq->a, username, &la->id, &la->hash);
	/* What was typed is kept (throttling, audit) only when it names an account:
	 * people type passwords into the username field. */
	la->key = throttle_key(rq->a, username, la->known);
	la->audit_name = la->known ? username : "(onbekend)";
	/* A browser that logged in to this account before passes the account's and
	 * the address's delay, under a stricter count of its own (throttle.h). */
	la->device = la->known ? device_of_request(rq, la->id, la->hash, la->now) : NULL;
	int64_t wait = la->device ? throttle_wait_device(la->key, la->device, la->now)
	                          : throttle_wait(la->key, rq->remote_addr, la->now);
	if (wait > 0) {
		/* Refused before any check; recorded all the same (NEN 7513: every
		 * refused access attempt), without waiting for the record. */
		audit_event(rq, NULL, la->audit_name, "login", "session", 0, false,
		            arena_printf(rq->a, "throttled: wait %lld s", (long long)wait));
		show_login(rq, 429,
		           arena_printf(rq->a, "Te veel mislukte pogingen. Probeer het over %s opnieuw.",
		                        wait_text(rq->a, wait)));
		return;
	}
	/* A browser with the account's device cookie (its owner's) waits for a slot as
	 * long as it takes: a flood of guesses must not shut the owner out. */
	la->counted = !la->device;
	if (la->counted && !password_login_admit()) {
		/* Nothing was checked, so no failed attempt is counted; recorded all the
		 * same (NEN 7513), without waiting for the record. */
		audit_event(rq, NULL, la->audit_name, "login", "session", 0, false, "busy: too many logins at once");
		response_add_header(rq, "Retry-After", "5");
		show_login(rq, 503, "Er melden zich nu veel mensen tegelijk aan. Probeer het over een paar seconden opnieuw.");
		return;
	}
	request_offload(rq, check_password, after_check, la);
}

void page_login_logout(request *rq)
{
	audit_event(rq, rq->user, NULL, "logout", "session", 0, true, NULL);
	cookie_session_end(rq);
	cookie_set_notice(rq, "uitgelogd");
	respond_redirect(rq, "/login");
}

static void show_reset(request *rq, int status, const char *token)
{
	tv *ctx = page_ctx(rq, "Wachtwoord instellen");
	tv_set_str(ctx, "csrf", rq->user ? rq->csrf : cookie_login_token(rq));
	tv_set_str(ctx, "token", token);
	page_add_form(ctx, &rq->form);
	respond_page(rq, status, "password_set", ctx);
}

static void show_reset_invalid(request *rq)
{
	tv *ctx = page_ctx(rq, "Link ongeldig");
	tv_set_int(ctx, "status", 404);
	tv_set_str(ctx, "message",
	           "Deze link om een wachtwoord in te stellen is ongeldig, al gebruikt of verlopen. Vraag de "
	           "functioneel beheerder om een nieuwe link.");
	respond_page(rq, 404, "error", ctx);
}

void page_login_reset_form(request *rq)
{
	const char *token = form_str(&rq->form, "t");
	int64_t uid;
	if (!user_reset_lookup(token, &uid)) {
		show_reset_invalid(rq);
		return;
	}
	show_reset(rq, 200, token);
}

/* A password set through a link, between its checks and its hash (made off the
 * worker thread, server/offload.h). */
typedef struct new_password {
	const char *pw, *token;
	user_rec user;
	int64_t user_id;
	bool hashed;
	char hash[crypto_pwhash_STRBYTES];
} new_password;

static void hash_new_password(void *arg)
{
	new_password *np = arg;
	np->hashed = password_hash(np->pw, np->hash);
}

static void store_new_password(request *rq, void *arg)
{
	new_password *np = arg;
	int64_t uid = np->user_id;
	if (!np->hashed || !db_begin()) {
		respond_error(rq, 500);
		return;
	}
	if (!user_reset_consume(np->token) || !user_set_password_hash(uid, np->hash)) {
		db_rollback();
		show_reset_invalid(rq);
		return;
	}
	session_end_all_for_user(uid);
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	auth_user who = {.id = uid, .username = np->user.username, .org_id = np->user.org_id};
	audit_event(rq, &who, np->user.username, "password_set", "user", uid, true, NULL);
	respond_redirect(rq, "/login?gezet=1");
}

void page_login_reset_submit(request *rq)
{
	const char *token = form_str(&rq->form, "token");
	int64_t uid;
	if (!user_reset_lookup(token, &uid)) {
		show_reset_invalid(rq);
		return;
	}
	user_rec u;
	if (!user_get(rq->a, uid, &u)) {
		show_reset_invalid(rq);
		return;
	}
	const char *pw = form_get(&rq->form, "password");
	const char *pw2 = form_get(&rq->form, "password2");
	if (!form_error(&rq->form, "password")) {
		password_context who = {.username = u.username, .name = u.name, .organisation = u.org_name};
		const char *problem = password_policy_error(pw ? pw : "", &who);
		if (problem)
			form_add_error(&rq->form, "password", problem);
		else if (!pw2 || strcmp(pw, pw2) != 0)
			form_add_error(&rq->form, "password2", "De twee wachtwoorden zijn niet gelijk.");
	}
	if (form_has_errors(&rq->form)) {
		show_reset(rq, 422, token);
		return;
	}
	new_password *np = arena_alloc(rq->a, sizeof *np);
	np->pw = pw;
	np->token = token;
	np->user = u;
	np->user_id = uid;
	request_offload(rq, hash_new_password, store_new_password, np);
}
