/*
 * cookie.c — the cookies this server sets (see cookie.h): the only place that
 * writes Set-Cookie. The session's and the device's database and crypto side is
 * in auth (session.c, device.c); this file carries their result to the browser.
 */
#include "server/cookie.h"

#include "auth/device.h"
#include "auth/session.h"
#include "util/token.h"

#include <string.h>

static const char *cookie_name(const request *rq, const char *base)
{
	return rq->tls ? arena_printf(rq->a, "__Host-%s", base) : base;
}

void cookie_set(request *rq, const char *base, const char *value, long max_age)
{
	const char *v = arena_printf(rq->a, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
	                             cookie_name(rq, base), value, rq->tls ? "; Secure" : "",
	                             max_age >= 0 ? arena_printf(rq->a, "; Max-Age=%ld", max_age) : "");
	response_add_header(rq, "Set-Cookie", v);
}

bool cookie_session_start(request *rq, int64_t user_id)
{
	const char *token = session_create(rq, user_id);
	if (!token)
		return false;
	/* A session cookie (no Max-Age): it ends with the browser as well. */
	cookie_set(rq, "kr_session", token, -1);
	cookie_set(rq, "kr_login", "", 0);
	return true;
}

void cookie_session_end(request *rq)
{
	session_delete(rq);
	cookie_set(rq, "kr_session", "", 0);
}

const char *cookie_login_token(request *rq)
{
	if (token_shape_ok(rq->cookie_login))
		return rq->cookie_login;
	char *t = token_random_hex(rq->a);
	cookie_set(rq, "kr_login", t, 3600);
	return t;
}

void cookie_device_issue(request *rq, int64_t user_id, const char *password_hash, const char *device_id,
                         int64_t now)
{
	const char *value = device_cookie_value(rq->a, user_id, password_hash, device_id, now);
	if (value)
		cookie_set(rq, "kr_device", value, (long)DEVICE_COOKIE_DAYS * 86400);
}

/* One-time notices: a fixed code in a short-lived cookie, never free text. */
static const char *const notice_codes[] = {"uitgelogd", "wachtwoord_gewijzigd", "bereikbaarheid_opgeslagen", NULL};

void cookie_set_notice(request *rq, const char *code)
{
	for (size_t i = 0; notice_codes[i]; i++)
		if (strcmp(notice_codes[i], code) == 0)
			cookie_set(rq, "kr_notice", notice_codes[i], 120);
}

const char *cookie_take_notice(request *rq)
{
	if (!rq->cookie_notice)
		return NULL;
	cookie_set(rq, "kr_notice", "", 0);
	for (size_t i = 0; notice_codes[i]; i++)
		if (strcmp(notice_codes[i], rq->cookie_notice) == 0)
			return notice_codes[i];
	return NULL;
}
