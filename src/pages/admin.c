/*
 * admin.c — /beheer: organisations and user accounts, for the functioneel
 * beheerder only (the route table says so).
 *
 * Separation of duties: nothing here reads client tables, and an administrator
 * never chooses or sees a password — a user sets it through a one-time link.
 * Four eyes (issue 10 item 6): what would give an account client data — a new
 * account or more roles, another organisation, a new password link or a
 * second-factor reset for such an account — is only asked for here; it waits for
 * a second person (auth/account_change_access.h, pages/account_confirm.c), and the
 * one-time link is handed out there, never to the administrator who asked.
 * Every change and every request is audited.
 */
#include "pages/pages.h"

#include "auth/account_change_access.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "store/roles.h"
#include "server/flash.h"
#include "server/respond.h"
#include "store/db.h"
#include "store/org.h"
#include "store/role_fit.h"
#include "store/account_change.h"
#include "store/case.h"
#include "store/second_factor.h"
#include "store/user.h"

#include <string.h>
#include <time.h>

enum { RESET_LINK_TTL_S = 72 * 3600 };

static tv *kind_options(arena *a, const char *selected)
{
	tv *list = tv_list(a);
	for (size_t i = 0; org_kinds[i]; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", org_kinds[i]);
		tv_set_str(o, "label", org_kind_label(org_kinds[i]));
		tv_set_bool(o, "selected", selected && strcmp(selected, org_kinds[i]) == 0);
		tv_push(list, o);
	}
	return list;
}

static tv *org_options(arena *a, int64_t selected)
{
	size_t n;
	org *orgs = org_choices(a, &n);
	tv *list = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		if (!orgs[i].active && orgs[i].id != selected)
			continue;
		tv *o = tv_obj(a);
		tv_set_int(o, "value", orgs[i].id);
		tv_set_str(o, "label", orgs[i].name);
		tv_set_bool(o, "selected", orgs[i].id == selected);
		tv_push(list, o);
	}
	return list;
}

static tv *role_options(arena *a, unsigned selected)
{
	tv *list = tv_list(a);
	for (int i = 0; i < ROLE_COUNT; i++) {
		tv *o = tv_obj(a);
		tv_set_str(o, "value", role_name(role_at(i)));
		tv_set_str(o, "label", role_label(role_at(i)));
		tv_set_bool(o, "checked", (selected & role_at(i)) != 0);
		tv_push(list, o);
	}
	return list;
}

static tv *roles_text(arena *a, unsigned roles)
{
	tv *list = tv_list(a);
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles & role_at(i))
			tv_push(list, tv_str(a, role_label(role_at(i))));
	return list;
}

void page_admin_index(request *rq)
{
	arena *a = rq->a;
	tv *ctx = page_ctx(rq, "Beheer");
	size_t n;
	org *orgs = org_list(a, &n);
	tv *ol = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *o = tv_obj(a);
		tv_set_int(o, "id", orgs[i].id);
		tv_set_str(o, "name", orgs[i].name);
		tv_set_str(o, "kind", org_kind_label(orgs[i].kind));
		tv_set_bool(o, "active", orgs[i].active);
		tv_set_int(o, "users", orgs[i].users);
		tv_push(ol, o);
	}
	tv_set(ctx, "organisations", ol);
	user_rec *users = user_list(a, &n);
	tv *ul = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		tv *u = tv_obj(a);
		tv_set_int(u, "id", users[i].id);
		tv_set_str(u, "name", users[i].name);
		tv_set_str(u, "username", users[i].username);
		tv_set_str(u, "organisation", users[i].org_name);
		tv_set(u, "roles", roles_text(a, users[i].roles));
		tv_set_bool(u, "active", users[i].active);
		tv_set_bool(u, "has_password", users[i].has_password);
		tv_push(ul, u);
	}
	tv_set(ctx, "users", ul);
	respond_page(rq, 200, "admin_index", ctx);
}

/* ---- organisations ---------------------------------------------------------- */

static void show_org_form(request *rq, int status, int64_t id, const char *name, const char *kind, bool active)
{
	tv *ctx = page_ctx(rq, id ? "Organisatie wijzigen" : "Nieuwe organisatie");
	page_add_form(ctx, &rq->form);
	if (id)
		tv_set_int(ctx, "id", id);
	tv_set_str(ctx, "name", name);
	tv_set_bool(ctx, "active", active);
	tv_set(ctx, "kinds", kind_options(rq->a, kind));
	respond_page(rq, status, "admin_org", ctx);
}

void page_admin_org_new(request *rq)
{
	show_org_form(rq, 200, 0, "", "wijkteam", true);
}

void page_admin_org_edit(request *rq)
{
	org o;
	if (!org_get(rq->a, rq->ids[0], &o)) {
		respond_error(rq, 404);
		return;
	}
	show_org_form(rq, 200, o.id, o.name, o.kind, o.active);
}

static void save_org(request *rq, int64_t id)
{
	const char *name = form_str(&rq->form, "name");
	const char *kind = form_str(&rq->form, "kind");
	bool active = !id || strcmp(form_str(&rq->form, "active"), "ja") == 0;
	if (!id || org_get(rq->a, id, &(org){0})) {
		/* fall through */
	} else {
		respond_error(rq, 404);
		return;
	}
	if (id && !form_has_errors(&rq->form) && role_misfits_if_kind(id, kind) > 0)
		form_add_error(&rq->form, "kind",
		               arena_printf(rq->a, "Gebruikers van deze organisatie hebben rollen die niet passen bij een"
		                                   " organisatie van het soort %s. Pas eerst hun rollen aan.",
		                            org_kind_label(kind)));
	if (!form_has_errors(&rq->form) && db_begin()) {
		bool ok;
		if (id) {
			ok = org_update(id, name, kind, active);
		} else {
			int64_t nid = org_create(name, kind);
			ok = nid > 0;
			id = ok ? nid : 0;
		}
		if (ok && db_commit()) {
			audit_event(rq, rq->user, NULL, "admin_organisation_save", "organisation", id, true, name);
			flash_set(rq, arena_printf(rq->a, "Organisatie %s is opgeslagen.", name));
			respond_redirect(rq, "/beheer");
			return;
		}
		if (!ok)
			db_rollback();
		form_add_error(&rq->form, "name", "Er bestaat al een organisatie met deze naam.");
	}
	show_org_form(rq, 422, id, name, kind, active);
}

void page_admin_org_create(request *rq)
{
	save_org(rq, 0);
}

void page_admin_org_update(request *rq)
{
	save_org(rq, rq->ids[0]);
}

/* ---- users ---------------------------------------------------------------- */

static unsigned roles_from_form(const form *f)
{
	const char **vals;
	size_t n = form_all(f, "role", &vals);
	unsigned roles = 0;
	for (size_t i = 0; i < n; i++)
		roles |= role_from_name(vals[i]);
	return roles;
}

static void show_user_form(request *rq, int status, const user_rec *u)
{
	tv *ctx = page_ctx(rq, u->id ? "Gebruiker wijzigen" : "Nieuwe gebruiker");
	page_add_form(ctx, &rq->form);
	if (u->id)
		tv_set_int(ctx, "id", u->id);
	tv_set_str(ctx, "username", u->username);
	tv_set_str(ctx, "name", u->name);
	tv_set_bool(ctx, "active", u->active);
	tv_set_bool(ctx, "has_password", u->has_password);
	tv_set(ctx, "organisations", org_options(rq->a, u->org_id));
	tv_set(ctx, "roles", role_options(rq->a, u->roles));
	if (u->id) {
		sf_state sf;
		tv_set_bool(ctx, "second_factor", sf_state_of(u->id, &sf) && sf.enrolled);
		size_t n;
		account_change *open = ach_list_open_for(rq->a, u->id, &n);
		tv *list = tv_list(rq->a);
		for (size_t i = 0; i < n; i++)
			tv_push(list, tv_str(rq->a, ach_kind_label(open[i].kind)));
		if (n)
			tv_set(ctx, "waiting", list);
	}
	respond_page(rq, status, "admin_user", ctx);
}

void page_admin_user_new(request *rq)
{
	user_rec u = {.username = "", .name = "", .active = true};
	show_user_form(rq, 200, &u);
}

void page_admin_user_edit(request *rq)
{
	user_rec u;
	if (!user_get(rq->a, rq->ids[0], &u)) {
		respond_error(rq, 404);
		return;
	}
	show_user_form(rq, 200, &u);
}

static bool username_ok(const char *s)
{
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'))
			return false;
	return true;
}

/* Said when a change waits for a second person. */
#define WAITS_TEXT                                                                                             \
	"Dit gaat pas in als een tweede persoon het bevestigt op zijn of haar startpagina: een teamleider van de " \
	"organisatie (of, voor een teamleider, een organisatie zonder teamleider of een beheerder, een andere "   \
	"functioneel beheerder). Die geeft ook de eenmalige link aan de gebruiker."

/* Said with every one-time link (shown once, by the flash message). */
#define RESET_LINK_TEXT                                                                                        \
	"Eenmalige link om een wachtwoord in te stellen (72 uur geldig). Geef deze persoonlijk of via een "      \
	"beveiligd kanaal; hij verschijnt maar één keer:"

static const char *reset_url(request *rq, const char *token)
{
	return arena_printf(rq->a, "%s/wachtwoord?t=%s", rq->own_origin, token);
}

static void validate_user(request *rq, user_rec *u)
{
	int64_t org_id = 0;
	org o;
	if (!form_error(&rq->form, "organisation") &&
	    (!form_int(&rq->form, "organisation", &org_id) || !org_get(rq->a, org_id, &o) || !o.active))
		form_add_error(&rq->form, "organisation", "Kies een actieve organisatie.");
	u->org_id = org_id;
	u->name = form_str(&rq->form, "name");
	u->roles = roles_from_form(&rq->form);
	if (!u->roles && !form_error(&rq->form, "role"))
		form_add_error(&rq->form, "role", "Kies ten minste één rol.");
	else if (!role_combination_allowed(u->roles) && !form_error(&rq->form, "role"))
		form_add_error(&rq->form, "role",
		               "Functioneel beheer en de rol privacyfunctionaris gaan niet samen met een rol die "
		               "cliëntgegevens ziet (scheiding van taken): gebruik twee accounts.");
	/* roles fit the kind of organisation (DESIGN §1; the store refuses it too) */
	for (int i = 0; i < ROLE_COUNT && org_id && !form_error(&rq->form, "role") && !form_error(&rq->form, "organisation");
	     i++)
		if ((u->roles & role_at(i)) && !role_fits_org(role_name(role_at(i)), org_id))
			form_add_error(&rq->form, "role",
			               arena_printf(rq->a, "De rol %s past niet bij %s (%s). Kies een rol die bij het soort"
			                                   " organisatie past, of een andere organisatie.",
			                            role_label(role_at(i)), o.name, org_kind_label(o.kind)));
}

void page_admin_user_create(request *rq)
{
	user_rec u = {.active = true};
	u.username = form_str(&rq->form, "username");
	if (!form_error(&rq->form, "username") && !username_ok(u.username))
		form_add_error(&rq->form, "username",
		               "Gebruik alleen kleine letters, cijfers, punt, streepje en liggend streepje.");
	validate_user(rq, &u);
	if (form_has_errors(&rq->form) || !db_begin()) {
		show_user_form(rq, 422, &u);
		return;
	}
	/* Client-data roles wait for the second person: the account starts without them
	 * and without a link (account_confirm.c makes it at confirmation). */
	bool waits = account_change_grant_waits(0, 0, u.org_id, u.roles);
	int64_t id = user_create(u.username, u.name, u.org_id, waits ? u.roles & ~(unsigned)FOUR_EYES_ROLES : u.roles, NULL);
	char *token = NULL;
	bool ok;
	if (waits)
		ok = id > 0 && ach_request(id, ACH_CREATE, u.org_id, u.roles, rq->user->id, (int64_t)time(NULL)) > 0;
	else
		ok = id > 0 && (token = user_reset_create(rq->a, id, rq->user->id, RESET_LINK_TTL_S)) != NULL;
	if (!ok || !db_commit()) {
		if (!ok)
			db_rollback();
		form_add_error(&rq->form, "username", "Deze gebruikersnaam bestaat al.");
		show_user_form(rq, 422, &u);
		return;
	}
	audit_event(rq, rq->user, NULL, "admin_user_create", "user", id, true,
	            waits ? arena_printf(rq->a, "%s (roles wait for confirmation)", u.username) : u.username);
	if (waits) {
		flash_set(rq, arena_printf(rq->a, "Gebruiker %s is aangemaakt, nog zonder rollen. %s", u.username, WAITS_TEXT));
		respond_redirect(rq, arena_printf(rq->a, "/beheer/gebruikers/%lld", (long long)id));
		return;
	}
	/* POST-redirect-GET: a reload shows the account, it does not create it again */
	flash_set_code(rq, arena_printf(rq->a, "Gebruiker %s is aangemaakt. %s", u.username, RESET_LINK_TEXT),
	               reset_url(rq, token));
	respond_redirect(rq, arena_printf(rq->a, "/beheer/gebruikers/%lld", (long long)id));
}

void page_admin_user_update(request *rq)
{
	user_rec u;
	if (!user_get(rq->a, rq->ids[0], &u)) {
		respond_error(rq, 404);
		return;
	}
	int64_t old_org = u.org_id;
	unsigned old_roles = u.roles;
	validate_user(rq, &u);
	u.active = strcmp(form_str(&rq->form, "active"), "ja") == 0;
	/* Nobody changes his or her own access: that takes a second administrator. */
	if (u.id == rq->user->id && (!u.active || u.roles != old_roles || u.org_id != old_org))
		form_add_error(&rq->form, "role",
		               "U kunt uw eigen rollen, organisatie of account niet wijzigen; vraag een andere "
		               "functioneel beheerder.");
	if (u.org_id != old_org && !form_has_errors(&rq->form) && case_count_directed(u.id) > 0)
		form_add_error(&rq->form, "organisation",
		               "Deze gebruiker is regisseur van een open casus. Laat de teamleider eerst een andere "
		               "regisseur aanwijzen.");
	if (form_has_errors(&rq->form) || !db_begin()) {
		show_user_form(rq, 422, &u);
		return;
	}
	/* More access waits for the second person; name, deactivation and taking roles
	 * away take effect at once. */
	bool waits = account_change_grant_waits(old_org, old_roles, u.org_id, u.roles);
	bool ok = user_update(u.id, u.name, waits ? old_org : u.org_id, waits ? old_roles : u.roles, u.active);
	if (ok && waits)
		ok = ach_request(u.id, ACH_ROLES, u.org_id, u.roles, rq->user->id, (int64_t)time(NULL)) > 0;
	if (!ok) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!u.active) /* in the same transaction: a deactivated account's sessions end with it */
		session_end_all_for_user(u.id);
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	audit_event(rq, rq->user, NULL, u.active ? "admin_user_update" : "admin_user_deactivate", "user", u.id, true,
	            waits ? arena_printf(rq->a, "%s (new roles or organisation wait for confirmation)", u.username)
	                  : u.username);
	if (waits)
		flash_set(rq, arena_printf(rq->a, "Gebruiker %s is opgeslagen; de nieuwe rollen of organisatie nog niet. %s",
		                           u.username, WAITS_TEXT));
	else
		flash_set(rq, arena_printf(rq->a, u.active ? "Gebruiker %s is opgeslagen." : "Gebruiker %s is gedeactiveerd.",
		                           u.username));
	respond_redirect(rq, "/beheer");
}

void page_admin_user_reset(request *rq)
{
	user_rec u;
	if (!user_get(rq->a, rq->ids[0], &u)) {
		respond_error(rq, 404);
		return;
	}
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	if (account_change_reset_waits(u.roles)) {
		if (ach_request(u.id, ACH_PASSWORD, 0, 0, rq->user->id, (int64_t)time(NULL)) <= 0 || !db_commit()) {
			db_rollback();
			respond_error(rq, 500);
			return;
		}
		audit_event(rq, rq->user, NULL, "admin_user_reset_link", "user", u.id, true,
		            arena_printf(rq->a, "%s (waits for confirmation)", u.username));
		flash_set(rq, arena_printf(rq->a, "Nieuwe herstellink voor %s aangevraagd. %s", u.username, WAITS_TEXT));
		respond_redirect(rq, arena_printf(rq->a, "/beheer/gebruikers/%lld", (long long)u.id));
		return;
	}
	char *token = user_reset_create(rq->a, u.id, rq->user->id, RESET_LINK_TTL_S);
	if (!token) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	audit_event(rq, rq->user, NULL, "admin_user_reset_link", "user", u.id, true, u.username);
	flash_set_code(rq, arena_printf(rq->a, "Nieuwe herstellink voor %s. %s", u.username, RESET_LINK_TEXT),
	               reset_url(rq, token));
	respond_redirect(rq, arena_printf(rq->a, "/beheer/gebruikers/%lld", (long long)u.id));
}

/* Reset the second factor (a lost phone): the account enrols anew at its next
 * login. For an account with client data this waits for the second person. */
void page_admin_user_second_factor_reset(request *rq)
{
	user_rec u;
	if (!user_get(rq->a, rq->ids[0], &u)) {
		respond_error(rq, 404);
		return;
	}
	if (!db_begin()) {
		respond_error(rq, 500);
		return;
	}
	bool waits = account_change_reset_waits(u.roles);
	bool ok;
	if (waits) {
		ok = ach_request(u.id, ACH_SECOND_FACTOR, 0, 0, rq->user->id, (int64_t)time(NULL)) > 0;
	} else {
		ok = sf_reset(u.id);
		if (ok)
			session_end_all_for_user(u.id);
	}
	if (!ok) {
		db_rollback();
		respond_error(rq, 500);
		return;
	}
	if (!db_commit()) {
		respond_error(rq, 500);
		return;
	}
	audit_event(rq, rq->user, NULL, "admin_user_second_factor_reset", "user", u.id, true,
	            waits ? arena_printf(rq->a, "%s (waits for confirmation)", u.username) : u.username);
	if (waits)
		flash_set(rq, arena_printf(rq->a, "Opnieuw instellen van de tweestapsverificatie van %s aangevraagd. %s",
		                           u.username, WAITS_TEXT));
	else
		flash_set(rq, arena_printf(rq->a, "%s stelt bij de volgende keer inloggen de tweestapsverificatie opnieuw in.",
		                           u.username));
	respond_redirect(rq, arena_printf(rq->a, "/beheer/gebruikers/%lld", (long long)u.id));
}
