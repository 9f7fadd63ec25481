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
#include "pages/leertafel.h"
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

/* leertafel (issue: leertafel) — fields */
static const char *const lt_presence_choices[] = {"aanwezig", "afgemeld", "afwezig", NULL};
static const char *const lt_status_choices[] = {"groen", "oranje", "rood", "afgerond", NULL};
static const char *const lt_kind_choices[] = {"lijn", "tag", "werkgroep", NULL};
static const char *const lt_active_choices[] = {"ja", "nee", NULL};
static const field_spec lt_index_query[] = {
	{.name = "jaar", .type = FT_INT},
	{0},
};
static const field_spec lt_meeting_fields[] = {
	{.name = "held_on", .type = FT_DATE, .required = true},
	{.name = "start_time", .type = FT_LINE, .max_chars = 5},
	{.name = "location", .type = FT_LINE, .max_chars = 200},
	{.name = "online", .type = FT_CHOICE, .choices = yes_choices},
	{.name = "agenda", .type = FT_TEXT, .max_chars = 20000},
	{.name = "notes", .type = FT_TEXT, .max_chars = 20000},
	{.name = "decisions", .type = FT_TEXT, .max_chars = 20000},
	{.name = "att_org", .type = FT_ID, .repeated = true},
	{.name = "att_presence", .type = FT_CHOICE, .repeated = true, .choices = lt_presence_choices},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
static const field_spec lt_action_query[] = {
	{.name = "bijeenkomst", .type = FT_ID},
	{.name = "plan", .type = FT_ID},
	{0},
};
static const field_spec lt_action_fields[] = {
	{.name = "bijeenkomst", .type = FT_ID},
	{.name = "plan", .type = FT_ID},
	{.name = "wat", .type = FT_TEXT, .required = true, .max_chars = 2000},
	{.name = "hoe", .type = FT_TEXT, .max_chars = 4000},
	{.name = "owner", .type = FT_ID, .required = true},
	{.name = "participant", .type = FT_ID, .repeated = true},
	{.name = "deadline", .type = FT_DATE},
	{.name = "quarter", .type = FT_LINE, .max_chars = 20},
	{.name = "actielijn", .type = FT_ID, .required = true},
	{.name = "tag", .type = FT_ID},
	{.name = "werkgroep", .type = FT_ID},
	{.name = "status", .type = FT_CHOICE, .required = true, .choices = lt_status_choices},
	{.name = "status_note", .type = FT_TEXT, .max_chars = 2000},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
static const field_spec lt_action_edit_fields[] = {
	{.name = "wat", .type = FT_TEXT, .required = true, .max_chars = 2000},
	{.name = "hoe", .type = FT_TEXT, .max_chars = 4000},
	{.name = "owner", .type = FT_ID, .required = true},
	{.name = "participant", .type = FT_ID, .repeated = true},
	{.name = "deadline", .type = FT_DATE},
	{.name = "quarter", .type = FT_LINE, .max_chars = 20},
	{.name = "actielijn", .type = FT_ID, .required = true},
	{.name = "tag", .type = FT_ID},
	{.name = "werkgroep", .type = FT_ID},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
static const field_spec lt_status_fields[] = {
	{.name = "status", .type = FT_CHOICE, .required = true, .choices = lt_status_choices},
	{.name = "status_note", .type = FT_TEXT, .max_chars = 2000},
	{.name = "status_on", .type = FT_DATE, .required = true},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
static const field_spec lt_plan_fields[] = {
	{.name = "year", .type = FT_INT, .required = true},
	{.name = "title", .type = FT_LINE, .required = true, .max_chars = 200},
	{0},
};
static const field_spec lt_adopt_fields[] = {
	{.name = "adopted_on", .type = FT_DATE, .required = true},
	{0},
};
static const field_spec lt_escalation_query[] = {
	{.name = "actie", .type = FT_ID},
	{0},
};
static const field_spec lt_escalation_fields[] = {
	{.name = "actie", .type = FT_ID},
	{.name = "subject", .type = FT_LINE, .max_chars = 300},
	{.name = "reason", .type = FT_TEXT, .required = true, .max_chars = 4000},
	{.name = "escalated_on", .type = FT_DATE, .required = true},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
static const field_spec lt_decision_fields[] = {
	{.name = "board_on", .type = FT_DATE, .required = true},
	{.name = "decision", .type = FT_TEXT, .required = true, .max_chars = 4000},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
static const field_spec lt_settings_fields[] = {
	{.name = "kind", .type = FT_CHOICE, .required = true, .choices = lt_kind_choices},
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 120},
	{0},
};
static const field_spec lt_toggle_fields[] = {
	{.name = "kind", .type = FT_CHOICE, .required = true, .choices = lt_kind_choices},
	{.name = "id", .type = FT_ID, .required = true},
	{.name = "active", .type = FT_CHOICE, .required = true, .choices = lt_active_choices},
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
	/* leertafel (issue: leertafel) — secretaris manages; leertafellid reads and updates the status
	 * of actions of his/her organisation (rule: leertafel_may_update_action); no client data */
#define LT_S ROLE_SECRETARIS
#define LT_SL (ROLE_SECRETARIS | ROLE_LEERTAFELLID)
	{"GET", "/leertafel", page_leertafel_index, LT_SL, 0, NULL, NULL, lt_index_query},
	{"GET", "/leertafel/bijeenkomsten/nieuw", page_leertafel_meeting_new, LT_S, 0, NULL, NULL, no_fields},
	{"POST", "/leertafel/bijeenkomsten/nieuw", page_leertafel_meeting_create, LT_S, 0, NULL, NULL,
	 lt_meeting_fields},
	{"GET", "/leertafel/bijeenkomsten/{id}", page_leertafel_meeting_show, LT_SL, 0, NULL, NULL, no_fields},
	{"GET", "/leertafel/bijeenkomsten/{id}/bewerken", page_leertafel_meeting_edit, LT_S, 0, NULL, NULL,
	 no_fields},
	{"POST", "/leertafel/bijeenkomsten/{id}/bewerken", page_leertafel_meeting_update, LT_S, 0, NULL, NULL,
	 lt_meeting_fields},
	{"GET", "/leertafel/bijeenkomsten/{id}/actielijst.csv", page_leertafel_meeting_csv, LT_SL, 0, NULL, NULL,
	 no_fields},
	{"GET", "/leertafel/acties/nieuw", page_leertafel_action_new, LT_S, 0, NULL, NULL, lt_action_query},
	{"POST", "/leertafel/acties/nieuw", page_leertafel_action_create, LT_S, 0, NULL, NULL, lt_action_fields},
	{"GET", "/leertafel/acties/{id}", page_leertafel_action_show, LT_SL, 0, NULL, NULL, no_fields},
	{"GET", "/leertafel/acties/{id}/bewerken", page_leertafel_action_edit, LT_S, 0, NULL, NULL, no_fields},
	{"POST", "/leertafel/acties/{id}/bewerken", page_leertafel_action_update, LT_S, 0, NULL, NULL,
	 lt_action_edit_fields},
	{"POST", "/leertafel/acties/{id}/status", page_leertafel_action_status, LT_SL, 0, NULL, NULL,
	 lt_status_fields},
	{"GET", "/leertafel/actieplannen/nieuw", page_leertafel_plan_new, LT_S, 0, NULL, NULL, no_fields},
	{"POST", "/leertafel/actieplannen/nieuw", page_leertafel_plan_create, LT_S, 0, NULL, NULL, lt_plan_fields},
	{"GET", "/leertafel/actieplannen/{id}", page_leertafel_plan_show, LT_SL, 0, NULL, NULL, no_fields},
	{"POST", "/leertafel/actieplannen/{id}/vaststellen", page_leertafel_plan_adopt, LT_S, 0, NULL, NULL,
	 lt_adopt_fields},
	{"GET", "/leertafel/actieplannen/{id}/rapportage", page_leertafel_report, LT_SL, 0, NULL, NULL, no_fields},
	{"GET", "/leertafel/actieplannen/{id}/rapportage.csv", page_leertafel_report_csv, LT_SL, 0, NULL, NULL,
	 no_fields},
	{"GET", "/leertafel/bestuurlijk-overleg", page_leertafel_board, LT_SL, 0, NULL, NULL, no_fields},
	{"GET", "/leertafel/opschalingen/nieuw", page_leertafel_escalation_new, LT_S, 0, NULL, NULL,
	 lt_escalation_query},
	{"POST", "/leertafel/opschalingen/nieuw", page_leertafel_escalation_create, LT_S, 0, NULL, NULL,
	 lt_escalation_fields},
	{"GET", "/leertafel/opschalingen/{id}/besluit", page_leertafel_escalation_edit, LT_S, 0, NULL, NULL,
	 no_fields},
	{"POST", "/leertafel/opschalingen/{id}/besluit", page_leertafel_escalation_decide, LT_S, 0, NULL, NULL,
	 lt_decision_fields},
	{"GET", "/leertafel/instellingen", page_leertafel_settings, LT_S, 0, NULL, NULL, no_fields},
	{"POST", "/leertafel/instellingen", page_leertafel_settings_add, LT_S, 0, NULL, NULL, lt_settings_fields},
	{"POST", "/leertafel/instellingen/actief", page_leertafel_settings_toggle, LT_S, 0, NULL, NULL,
	 lt_toggle_fields},
#undef LT_S
#undef LT_SL
};

const size_t routes_count = sizeof routes / sizeof routes[0];
