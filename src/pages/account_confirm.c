/*
 * account_confirm.c — the second pair of eyes (issue 10 item 6): the start-page
 * list of account changes this person may confirm, and confirming or refusing one.
 *
 * Whether the person may decide is the access function's rule
 * (auth/account_change_access.c); this file only carries the change out. A new
 * account's or a reset's one-time password link is made here, at confirmation,
 * and shown once to the confirmer, who hands it to the account holder: the
 * administrator who asked never sees a usable link for a client-data account. An
 * existing account that gets client data for the first time loses its password and
 * second factor at confirmation and gets its link the same way.
 * Every decision is audited.
 */
#include "pages/pages.h"

#include "auth/account_change_access.h"
#include "auth/audit.h"
#include "store/roles.h"
#include "auth/session.h"
#include "server/flash.h"
#include "server/respond.h"
#include "store/account_change.h"
#include "store/db.h"
#include "store/second_factor.h"
#include "store/user.h"
#include "util/date.h"

#include <string.h>
#include <time.h>

enum { CONFIRMED_LINK_TTL_S = 72 * 3600 };

static const char *roles_label(arena *a, unsigned roles)
{
	const char *out = "";
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles & role_at(i))
			out = arena_printf(a, "%s%s%s", out, *out ? ", " : "", role_label(role_at(i)));
	return *out ? out : "geen";
}

static const char *when_text(arena *a, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char iso[32];
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S", &tm);
	char buf[KR_DATETIME_BUF];
	return kr_datetime_reformat_nl(iso, buf) ? arena_strdup(a, buf) : arena_strdup(a, iso);
}

bool account_confirm_home_panel(request *rq, tv *ctx)
{
	size_t n;
	account_change *all = ach_list_open(rq->a, &n);
	tv *list = tv_list(rq->a);
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		const account_change *c = &all[i];
		if (!account_change_may_confirm(rq->user, c))
			continue;
		tv *o = tv_obj(rq->a);
		tv_set_int(o, "id", c->id);
		tv_set_str(o, "kind", ach_kind_label(c->kind));
		tv_set_str(o, "name", c->name);
		tv_set_str(o, "username", c->username);
		tv_set_str(o, "organisation", c->new_org_name);
		bool grant = c->kind == ACH_CREATE || c->kind == ACH_ROLES;
		tv_set_bool(o, "grant", grant);
		if (grant) {
			tv_set_str(o, "roles_before", roles_label(rq->a, c->roles));
			tv_set_str(o, "roles_after", roles_label(rq->a, c->new_roles));
			if (c->new_org_id != c->org_id)
				tv_set_str(o, "org_before", c->org_name);
		} else {
			tv_set_str(o, "roles_now", roles_label(rq->a, c->roles));
		}
		tv_set_str(o, "requested_by", c->requested_by_name);
		tv_set_str(o, "requested_at", when_text(rq->a, c->requested_at));
		tv_push(list, o);
		shown++;
	}
	if (shown) {
		tv *panel = tv_obj(rq->a);
		tv_set(panel, "items", list);
		tv_set(ctx, "account_confirm", panel);
	}
	return false; /* names colleagues' accounts, never clients */
}

/* Carry out a confirmed change inside the caller's transaction. *link receives a
 * new one-time password link (create, password) or NULL. */
static bool apply_change(request *rq, const account_change *c, char **link)
{
	*link = NULL;
	user_rec u;
	if (!user_get(rq->a, c->user_id, &u))
		return false;
	switch (c->kind) {
	case ACH_CREATE:
	case ACH_ROLES:
		if (!user_update(u.id, u.name, c->new_org_id, c->new_roles, u.active))
			return false;
		/* An account that reaches client data (or beheer) for the first time gets fresh
		 * credentials through the confirmer: whoever set its password and second factor
		 * so far (possibly the administrator who asked, through an account without client
		 * data) cannot use them any more. */
		if (!(c->roles & FOUR_EYES_ROLES) && u.has_password &&
		    (!user_clear_password(u.id) || !sf_reset(u.id)))
			return false;
		if (!(c->roles & FOUR_EYES_ROLES) || !u.has_password) {
			session_end_all_for_user(u.id);
			*link = user_reset_create(rq->a, u.id, rq->user->id, CONFIRMED_LINK_TTL_S);
			return *link != NULL;
		}
		return true;
	case ACH_PASSWORD:
		*link = user_reset_create(rq->a, u.id, rq->user->id, CONFIRMED_LINK_TTL_S);
		return *link != NULL;
	case ACH_SECOND_FACTOR:
		if (!sf_reset(u.id))
			return false;
		session_end_all_for_user(u.id);
		return true;
	}
	return false;
}

static void decide(request *rq, bool confirmed)
{
	account_change c;
	int64_t now = (int64_t)time(NULL);
	if (!ach_get_open(rq->a, rq->ids[0], &c)) {
		respond_error(rq, 404);
		return;
	}
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	char *token = NULL;
	if (!ach_decide(c.id, rq->user->id, confirmed, now) || (confirmed && !apply_change(rq, &c, &token))) {
		db_rollback();
		respond_error(rq, 409);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	audit_event(rq, rq->user, NULL, confirmed ? "account_change_confirm" : "account_change_refuse", "user", c.user_id,
	            true,
	            arena_printf(rq->a, "%s %s (change %lld, asked by user %lld)", ach_kind_name(c.kind), c.username,
	                         (long long)c.id, (long long)c.requested_by));
	if (!confirmed)
		flash_set(rq, arena_printf(rq->a, "U hebt de wijziging voor %s afgewezen; er is niets veranderd.", c.username));
	else if (token)
		flash_set_code(rq,
		               arena_printf(rq->a,
		                            "Bevestigd: %s (%s). Eenmalige link om een wachtwoord in te stellen (72 uur "
		                            "geldig). Geef deze persoonlijk of via een beveiligd kanaal aan %s; hij "
		                            "verschijnt maar één keer:",
		                            ach_kind_label(c.kind), c.username, c.name),
		               arena_printf(rq->a, "%s/wachtwoord?t=%s", rq->own_origin, token));
	else if (c.kind == ACH_SECOND_FACTOR)
		flash_set(rq, arena_printf(rq->a,
		                           "Bevestigd: %s stelt bij de volgende keer inloggen de tweestapsverificatie "
		                           "opnieuw in.",
		                           c.username));
	else
		flash_set(rq, arena_printf(rq->a, "Bevestigd: %s heeft nu de rollen %s.", c.username,
		                           roles_label(rq->a, c.new_roles)));
	respond_redirect(rq, "/");
}

void page_account_change_confirm(request *rq)
{
	decide(rq, true);
}

void page_account_change_refuse(request *rq)
{
	decide(rq, false);
}
