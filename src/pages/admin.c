/*
 * admin.c — /beheer: organisations and user accounts, for the functioneel
 * beheerder only (the route table says so).
 *
 * Separation of duties: nothing here reads client tables, and an administrator
 * never chooses or sees a password — a user sets it through a one-time link.
 * Every change is audited.
 */
#include "pages/pages.h"

#include "auth/audit.h"
#include "auth/session.h"
#include "store/roles.h"
#include "server/flash.h"
#include "server/respond.h"
#include "store/db.h"
#include "store/org.h"
#include "store/role_fit.h"
#include "store/case.h"
#include "store/user.h"

#include <string.h>

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
	org *orgs = org_list(a, &n);
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
	int64_t id = user_create(u.username, u.name, u.org_id, u.roles, NULL);
	char *token = id > 0 ? user_reset_create(rq->a, id, rq->user->id, RESET_LINK_TTL_S) : NULL;
	if (!token || !db_commit()) {
		if (!token)
			db_rollback();
		form_add_error(&rq->form, "username", "Deze gebruikersnaam bestaat al.");
		show_user_form(rq, 422, &u);
		return;
	}
	audit_event(rq, rq->user, NULL, "admin_user_create", "user", id, true, u.username);
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
	if (!user_update(u.id, u.name, u.org_id, u.roles, u.active)) {
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
	            u.username);
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
