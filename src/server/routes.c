/*
 * routes.c — THE route table: the program's access policy in one place.
 *
 * One line per route: method, path, handler, roles that may use it, flags,
 * object access function (client data), audit action, declared fields.
 * Default deny: a route with no roles stops the program at start-up
 * (router_check_table), and the test suite walks this table for every role and
 * for no session. Handlers never check roles themselves.
 *
 * Areas add their routes in their own section below; keep sections together.
 */
#include "server/router.h"

#include "auth/roles.h"
#include "pages/pages.h"
#include "store/org.h"

/* ---- declared fields -------------------------------------------------------- */

static const field_spec no_fields[] = {{0}};

static const field_spec login_query[] = {
	{.name = "gezet", .type = FT_LINE, .max_chars = 4},
	{0},
};
static const field_spec login_fields[] = {
	{.name = "username", .type = FT_LINE, .required = true, .max_chars = 64},
	{.name = "password", .type = FT_TOKEN, .required = true, .max_chars = 1024},
	{0},
};
static const field_spec reset_query[] = {
	{.name = "t", .type = FT_LINE, .max_chars = 64},
	{0},
};
static const field_spec reset_fields[] = {
	{.name = "token", .type = FT_LINE, .required = true, .max_chars = 64},
	{.name = "password", .type = FT_TOKEN, .required = true, .max_chars = 1024},
	{.name = "password2", .type = FT_TOKEN, .required = true, .max_chars = 1024},
	{0},
};

static const char *const yes_choices[] = {"ja", NULL};

static const field_spec org_fields[] = {
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 200},
	{.name = "kind", .type = FT_CHOICE, .required = true, .choices = org_kinds},
	{.name = "active", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
static const field_spec user_new_fields[] = {
	{.name = "username", .type = FT_LINE, .required = true, .max_chars = 64},
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 200},
	{.name = "organisation", .type = FT_ID, .required = true},
	{.name = "role", .type = FT_CHOICE, .required = true, .repeated = true, .choices = role_names},
	{0},
};
static const field_spec user_edit_fields[] = {
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 200},
	{.name = "organisation", .type = FT_ID, .required = true},
	{.name = "role", .type = FT_CHOICE, .required = true, .repeated = true, .choices = role_names},
	{.name = "active", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};

/* ---- the table -------------------------------------------------------------- */

#define PUBLIC ROLE_PUBLIC
#define ANY_USER ROLES_ALL

const route routes[] = {
	/* foundation */
	{"GET", "/healthz", page_system_health, PUBLIC, 0, NULL, NULL, no_fields},
	{"GET", "/static/*", page_system_static, PUBLIC, 0, NULL, NULL, no_fields},
	{"GET", "/licenties", page_system_licences, PUBLIC, 0, NULL, NULL, no_fields},
	{"GET", "/login", page_login_form, PUBLIC, 0, NULL, NULL, login_query},
	{"POST", "/login", page_login_submit, PUBLIC, 0, NULL, NULL, login_fields},
	{"POST", "/logout", page_login_logout, ANY_USER, 0, NULL, NULL, no_fields},
	{"GET", "/wachtwoord", page_login_reset_form, PUBLIC, 0, NULL, NULL, reset_query},
	{"POST", "/wachtwoord", page_login_reset_submit, PUBLIC, 0, NULL, NULL, reset_fields},
	{"GET", "/", page_home_show, ANY_USER, 0, NULL, NULL, no_fields},

	/* administration: functioneel beheerder only, never client data */
	{"GET", "/beheer", page_admin_index, ROLE_BEHEERDER, 0, NULL, NULL, no_fields},
	{"GET", "/beheer/organisaties/nieuw", page_admin_org_new, ROLE_BEHEERDER, 0, NULL, NULL, no_fields},
	{"POST", "/beheer/organisaties/nieuw", page_admin_org_create, ROLE_BEHEERDER, 0, NULL, NULL, org_fields},
	{"GET", "/beheer/organisaties/{id}", page_admin_org_edit, ROLE_BEHEERDER, 0, NULL, NULL, no_fields},
	{"POST", "/beheer/organisaties/{id}", page_admin_org_update, ROLE_BEHEERDER, 0, NULL, NULL, org_fields},
	{"GET", "/beheer/gebruikers/nieuw", page_admin_user_new, ROLE_BEHEERDER, 0, NULL, NULL, no_fields},
	{"POST", "/beheer/gebruikers/nieuw", page_admin_user_create, ROLE_BEHEERDER, 0, NULL, NULL, user_new_fields},
	{"GET", "/beheer/gebruikers/{id}", page_admin_user_edit, ROLE_BEHEERDER, 0, NULL, NULL, no_fields},
	{"POST", "/beheer/gebruikers/{id}", page_admin_user_update, ROLE_BEHEERDER, 0, NULL, NULL, user_edit_fields},
	{"POST", "/beheer/gebruikers/{id}/herstellink", page_admin_user_reset, ROLE_BEHEERDER, 0, NULL, NULL,
	 no_fields},

	/* handovers and cases (issue: Veilig Thuis handover) */

	/* leertafel (issue: leertafel) */
};

const size_t routes_count = sizeof routes / sizeof routes[0];
