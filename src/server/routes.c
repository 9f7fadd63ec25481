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

#include "auth/access.h"
#include "auth/account_change_access.h"
#include "auth/case_course_access.h"
#include "auth/case_parts.h"
#include "store/roles.h"
#include "pages/case_course.h"
#include "pages/case_team.h"
#include "pages/handovers.h"
#include "pages/leertafel.h"
#include "pages/pages.h"
#include "pages/privacy.h"
#include "server/route_fields.h"
#include "auth/privacy_access.h"
#include "pages/safety_plan.h"
#include "auth/safety_plan_access.h"
#include "auth/family_plan_access.h"
#include "pages/family_plan.h"
#include "store/case_escalation.h"
#include "store/case_meeting.h"
#include "store/involvement.h"
#include "store/org.h"

/* ---- declared fields -------------------------------------------------------- */

static const field_spec no_fields[] = {{0}};

/* the start page: paging through one of its lists (pages/home_list.c) */
static const field_spec home_query[] = {
	{.name = "lijst", .type = FT_LINE, .max_chars = 40, .label = "Lijst"},
	{.name = "na", .type = FT_LINE, .max_chars = 80, .label = "Vanaf"},
	{0},
};

static const field_spec login_query[] = {
	{.name = "gezet", .type = FT_LINE, .max_chars = 4},
	{0},
};
static const field_spec login_fields[] = {
	{.name = "username", .type = FT_LINE, .required = true, .max_chars = 64, .label = "Gebruikersnaam"},
	{.name = "password", .type = FT_TOKEN, .required = true, .max_chars = 1024, .label = "Wachtwoord"},
	/* a form carried along from an expired session (see login_show_expired) */
	{.name = "resume_to", .type = FT_LINE, .max_chars = 200},
	{.name = "resume", .type = FT_TOKEN, .max_chars = 1024 * 1024},
	{0},
};
static const field_spec reset_query[] = {
	{.name = "t", .type = FT_LINE, .max_chars = 64},
	{0},
};
static const field_spec reset_fields[] = {
	{.name = "token", .type = FT_LINE, .required = true, .max_chars = 64},
	{.name = "password", .type = FT_TOKEN, .required = true, .max_chars = 1024, .label = "Wachtwoord"},
	{.name = "password2", .type = FT_TOKEN, .required = true, .max_chars = 1024, .label = "Herhaal het wachtwoord"},
	{0},
};

/* the second login step: a six-digit code or a recovery code (never shown again) */
static const field_spec login_code_fields[] = {
	{.name = "code", .type = FT_TOKEN, .required = true, .max_chars = 32, .label = "Code"},
	{0},
};

static const field_spec account_contact_fields[] = {
	{.name = "contact", .type = FT_LINE, .max_chars = 200, .label = "Bereikbaarheid"},
	{0},
};
static const field_spec account_password_fields[] = {
	{.name = "current_password", .type = FT_TOKEN, .required = true, .max_chars = 1024, .label = "Huidig wachtwoord"},
	{.name = "password", .type = FT_TOKEN, .required = true, .max_chars = 1024, .label = "Nieuw wachtwoord"},
	{.name = "password2", .type = FT_TOKEN, .required = true, .max_chars = 1024,
	 .label = "Herhaal het nieuwe wachtwoord"},
	{0},
};

static const char *const yes_choices[] = {"ja", NULL};

static const field_spec org_fields[] = {
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 200, .label = "Naam"},
	{.name = "kind", .type = FT_CHOICE, .required = true, .choices = org_kinds, .label = "Soort organisatie"},
	{.name = "active", .type = FT_CHOICE, .choices = yes_choices, .label = "Actief"},
	{0},
};
static const field_spec user_new_fields[] = {
	{.name = "username", .type = FT_LINE, .required = true, .max_chars = 64, .label = "Gebruikersnaam"},
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 200, .label = "Naam"},
	{.name = "organisation", .type = FT_ID, .required = true, .label = "Organisatie"},
	{.name = "role", .type = FT_CHOICE, .required = true, .repeated = true, .choices = role_names, .label = "Rollen"},
	{0},
};
static const field_spec user_edit_fields[] = {
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 200, .label = "Naam"},
	{.name = "organisation", .type = FT_ID, .required = true, .label = "Organisatie"},
	{.name = "role", .type = FT_CHOICE, .required = true, .repeated = true, .choices = role_names, .label = "Rollen"},
	{.name = "active", .type = FT_CHOICE, .choices = yes_choices, .label = "Actief"},
	{0},
};

/* the case list (issue 8): search on household name and keyset pages */
static const field_spec cw_case_index_query[] = {
	{.name = "zoek", .type = FT_LINE, .max_chars = 100, .label = "Zoek op gezinsnaam"},
	{.name = "voor", .type = FT_ID, .label = "Oudere dan casus"}, /* keyset: the page older than this id */
	{.name = "regisseur", .type = FT_ID, .label = "Regisseur"},     /* only the cases this user directs */
	{0},
};

/* handovers and cases (issue: Veilig Thuis handover) — fields */
static const char *const hv_urgency_choices[] = {"hoog", "normaal", NULL};
static const char *const hv_yes_no[] = {"ja", "nee", NULL};
static const char *const hv_confirm_choices[] = {"ja", "wijzigen", NULL}; /* second step of accept/return */
static const char *const hv_actions[] = {"concept", "indienen", "lid_toevoegen", "voorwaarde_toevoegen", "bewerken",
                                         NULL};
static const char *const hv_statuses[] = {"concept", "ingediend", "in_behandeling", "geaccepteerd", "teruggelegd",
                                          "ingetrokken", NULL};
static const char *const hv_return_categories[] = {"geen_lokale_taak", "onvolledig", "veiligheid_onvoldoende",
                                                   "ander_team", "overig", NULL};
static const char *const hv_condition_statuses[] = {"nog_niet_besproken", "afgesproken", "nageleefd",
                                                    "niet_nageleefd", NULL};
static const field_spec hv_form_fields[] = {
	{.name = "receiving_organisation", .type = FT_LINE, .max_chars = 16, .label = "Ontvangend lokaal team"},
	{.name = "urgency", .type = FT_CHOICE, .choices = hv_urgency_choices, .label = "Urgentie"},
	{.name = "household_name", .type = FT_LINE, .max_chars = 200, .label = "Naam van het gezin"},
	{.name = "address", .type = FT_LINE, .max_chars = 300, .label = "Adres"},
	{.name = "member_name", .type = FT_LINE, .max_chars = 200, .repeated = true, .label = "Naam gezinslid"},
	{.name = "member_birthdate", .type = FT_LINE, .max_chars = 20, .repeated = true,
	 .label = "Geboortedatum gezinslid"},
	{.name = "member_role", .type = FT_LINE, .max_chars = 16, .repeated = true, .label = "Rol in het gezin"},
	{.name = "reason", .type = FT_TEXT, .max_chars = 10000, .label = "Aanleiding"},
	{.name = "investigation_outcome", .type = FT_TEXT, .max_chars = 10000, .label = "Uitkomst onderzoek"},
	{.name = "risk_assessment", .type = FT_TEXT, .max_chars = 10000, .label = "Veiligheidstaxatie"},
	{.name = "safety_condition", .type = FT_TEXT, .max_chars = 2000, .repeated = true,
	 .label = "Veiligheidsvoorwaarde"},
	{.name = "providers", .type = FT_TEXT, .max_chars = 10000, .label = "Betrokken hulpverlening"},
	{.name = "agreements", .type = FT_TEXT, .max_chars = 10000, .label = "Gemaakte afspraken"},
	{.name = "family_informed", .type = FT_CHOICE, .choices = hv_yes_no, .label = "Gezin op de hoogte"},
	{.name = "family_informed_reason", .type = FT_TEXT, .max_chars = 2000, .label = "Waarom het gezin niet op de hoogte is"},
	{.name = "contact", .type = FT_LINE, .max_chars = 200, .label = "Contactpersoon Veilig Thuis"},
	{.name = "action", .type = FT_CHOICE, .required = true, .choices = hv_actions, .label = "Actie"},
	{.name = "form_key", .type = FT_LINE, .max_chars = 64, .label = "Formuliersleutel"},
	{.name = "dubbel_bevestigd", .type = FT_CHOICE, .choices = yes_choices, .label = "Toch versturen"},
	/* names of the handler's own messages, for the summary (not sent by the form) */
	{.name = "members", .type = FT_LINE, .max_chars = 16, .label = "Gezinsleden"},
	{.name = "conditions", .type = FT_LINE, .max_chars = 16, .label = "Veiligheidsvoorwaarden"},
	{0},
};
static const field_spec hv_index_query[] = {
	{.name = "status", .type = FT_CHOICE, .choices = hv_statuses, .label = "Status"},
	{.name = "voor", .type = FT_ID, .label = "Oudere dan overdracht"},  /* keyset: the page older than this id */
	{.name = "na", .type = FT_ID, .label = "Nieuwere dan overdracht"},  /* keyset: the page newer than this id */
	{.name = "naam", .type = FT_LINE, .max_chars = 100, .label = "Naam van het gezin"},
	{.name = "van", .type = FT_DATE, .label = "Ingediend vanaf"},
	{.name = "tot", .type = FT_DATE, .label = "Ingediend tot en met"},
	{0},
};
static const field_spec hv_addendum_fields[] = {
	{.name = "text", .type = FT_TEXT, .max_chars = 10000, .label = "Aanvulling"},
	{0},
};
static const field_spec hv_end_fields[] = { /* withdraw, close: why, and the confirmation step */
	{.name = "reason", .type = FT_TEXT, .max_chars = 2000, .label = "Reden"},
	{.name = "bevestigd", .type = FT_CHOICE, .choices = hv_confirm_choices, .label = "Bevestiging"},
	{0},
};
static const field_spec hv_delete_fields[] = {
	{.name = "bevestigd", .type = FT_CHOICE, .choices = hv_confirm_choices, .label = "Bevestiging"},
	{0},
};
static const field_spec hv_take_fields[] = {
	{.name = "reason", .type = FT_TEXT, .max_chars = 2000, .label = "Waarom uw team deze overdracht oppakt"},
	{0},
};
static const field_spec hv_warm_fields[] = {
	{.name = "planned_date", .type = FT_DATE, .label = "Gepland op"},
	{.name = "held_date", .type = FT_DATE, .label = "Plaatsgevonden op"},
	{.name = "present", .type = FT_TEXT, .max_chars = 2000, .label = "Aanwezig"},
	{.name = "family_present", .type = FT_CHOICE, .choices = hv_yes_no, .label = "Gezin aanwezig"},
	{.name = "family_reason", .type = FT_TEXT, .max_chars = 2000, .label = "Waarom het gezin niet aanwezig was"},
	{.name = "outcome", .type = FT_TEXT, .max_chars = 10000, .label = "Uitkomst"},
	{0},
};
static const field_spec hv_accept_fields[] = {
	{.name = "director", .type = FT_ID, .required = true, .label = "Regisseur"},
	{.name = "take_reason", .type = FT_TEXT, .max_chars = 2000, .label = "Waarom uw team deze overdracht oppakt"},
	{.name = "director_change_reason", .type = FT_TEXT, .max_chars = 500, .label = "Reden van de wissel van regisseur"},
	{.name = "previous_director", .type = FT_CHOICE, .choices = hv_yes_no, .label = "Huidige regisseur blijft betrokken"},
	{.name = "parallel_reason", .type = FT_TEXT, .max_chars = 2000, .label = "Waarom een tweede casus"},
	{.name = "bevestigd", .type = FT_CHOICE, .choices = hv_confirm_choices, .label = "Bevestiging"},
	{0},
};
static const field_spec hv_return_fields[] = {
	{.name = "reason", .type = FT_TEXT, .max_chars = 4000, .label = "Toelichting voor Veilig Thuis"},
	{.name = "reason_category", .type = FT_CHOICE, .choices = hv_return_categories, .label = "Soort reden"},
	{.name = "bevestigd", .type = FT_CHOICE, .choices = hv_confirm_choices, .label = "Bevestiging"},
	{0},
};
static const field_spec hv_feedback_fields[] = {
	{.name = "handover", .type = FT_ID, .required = true, .label = "Overdracht"},
	{.name = "agreements", .type = FT_TEXT, .required = true, .max_chars = 10000, .label = "Veiligheidsafspraken"},
	{.name = "with_family", .type = FT_CHOICE, .required = true, .choices = hv_yes_no, .label = "Met het gezin"},
	{.name = "agreed_on", .type = FT_DATE, .required = true, .label = "Datum van de afspraken"},
	{0},
};
static const field_spec hv_director_fields[] = {
	{.name = "director", .type = FT_ID, .required = true, .label = "Regisseur"},
	{.name = "reason", .type = FT_LINE, .max_chars = 500, .label = "Reden van de wissel"},
	{.name = "previous_director", .type = FT_CHOICE, .choices = hv_yes_no, .label = "Huidige regisseur blijft betrokken"},
	{0},
};
static const field_spec hv_figures_query[] = {
	{.name = "kwartaal", .type = FT_LINE, .max_chars = 10, .label = "Kwartaal"},
	{0},
};
static const field_spec hv_norms_fields[] = {
	{.name = "decision", .type = FT_INT, .required = true, .label = "Besluit binnen (werkdagen)"},
	{.name = "warm", .type = FT_INT, .required = true, .label = "Warme overdracht binnen (werkdagen)"},
	{.name = "feedback", .type = FT_INT, .required = true, .label = "Terugkoppeling binnen (werkdagen)"},
	{.name = "known", .type = FT_INT, .required = true, .label = "Bekend: gesloten casus tot (maanden)"},
	{.name = "evaluation", .type = FT_INT, .label = "Evaluatie gezinsplan (weken)"},
	{.name = "stagnation", .type = FT_INT, .label = "Stagnatie na (weken)"},
	{0},
};

/* safety plan (issue 7: veiligheidsplan) — fields. Every list of the plan is a set of
 * repeated fields, one value per row (see pages/safety_plan_int.h). */
static const char *const sp_actions[] = {"opslaan", "meer_regels", NULL};
static const char *const sp_agreement_statuses_f[] = {"afgesproken", "bezig", "gedaan", "niet_nagekomen", NULL};
static const char *const sp_agrees_f[] = {"eens", "oneens", NULL};
static const char *const sp_back[] = {"plan", "casus", NULL};
static const field_spec sp_show_query[] = {
	{.name = "opgeslagen", .type = FT_INT, .label = "Opgeslagen versie"},
	{0},
};
static const field_spec sp_version_query[] = {
	{.name = "met", .type = FT_ID, .label = "Vergelijken met versie"},
	{0},
};
static const field_spec sp_print_query[] = {
	{.name = "voor", .type = FT_ID, .label = "Organisatie"},
	{0},
};
static const field_spec sp_plan_fields[] = {
	{.name = "version", .type = FT_INT, .required = true, .label = "Versie"},
	{.name = "action", .type = FT_CHOICE, .choices = sp_actions, .label = "Actie"},
	{.name = "what_happened", .type = FT_TEXT, .max_chars = 10000, .label = "Wat er is gebeurd"},
	{.name = "family_view", .type = FT_TEXT, .max_chars = 4000, .label = "Zo ziet het gezin het"},
	{.name = "professional_view", .type = FT_TEXT, .max_chars = 4000, .label = "Zo zien de professionals het"},
	{.name = "strengths", .type = FT_TEXT, .max_chars = 10000, .label = "Wat gaat goed"},
	{.name = "evaluation_date", .type = FT_DATE, .label = "Evaluatiedatum"},
	{.name = "agreed_on", .type = FT_DATE, .label = "Vastgesteld met het gezin op"},
	{.name = "danger", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Gevaar-uitspraken"},
	{.name = "goal_what", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Veiligheidsdoelen"},
	{.name = "goal_duration", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Veiligheidsdoelen: hoe lang"},
	{.name = "condition_new", .type = FT_TEXT, .repeated = true, .max_chars = 2000,
	 .label = "Nieuwe veiligheidsvoorwaarde"},
	{.name = "agr_owner", .type = FT_LINE, .repeated = true, .max_chars = 32, .label = "Afspraken: soort eigenaar"},
	{.name = "agr_who", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Afspraken: wie"},
	{.name = "agr_what", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Afspraken: doet wat"},
	{.name = "agr_when", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Afspraken: wanneer"},
	{.name = "agr_status", .type = FT_CHOICE, .repeated = true, .choices = sp_agreement_statuses_f,
	 .label = "Afspraken: status"},
	{.name = "net_name", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Netwerk: naam"},
	{.name = "net_relation", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Netwerk: relatie"},
	{.name = "net_phone", .type = FT_LINE, .repeated = true, .max_chars = 40, .label = "Netwerk: telefoon"},
	{.name = "net_part", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Netwerk: rol"},
	{.name = "sig_signal", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Signalen"},
	{.name = "sig_action", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Signalen: wat doet wie"},
	{.name = "crisis_name", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Crisiscontacten: naam"},
	{.name = "crisis_phone", .type = FT_LINE, .repeated = true, .max_chars = 40, .label = "Crisiscontacten: telefoon"},
	{.name = "watch_who", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Toezicht: wie"},
	{.name = "watch_how", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Toezicht: hoe vaak"},
	{.name = "scale_who", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Veiligheidsschaal: wie"},
	{.name = "scale_score", .type = FT_LINE, .repeated = true, .max_chars = 4, .label = "Veiligheidsschaal: score"},
	{.name = "scale_date", .type = FT_DATE, .repeated = true, .label = "Veiligheidsschaal: datum"},
	{.name = "part_name", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Deelnemers: naam"},
	{.name = "part_role", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Deelnemers: rol"},
	{.name = "part_agrees", .type = FT_CHOICE, .repeated = true, .choices = sp_agrees_f,
	 .label = "Deelnemers: eens met het plan"},
	{.name = "part_note", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Deelnemers: toelichting"},
	{0},
};
static const field_spec sp_conditions_fields[] = {
	{.name = "condition", .type = FT_ID, .repeated = true, .label = "Veiligheidsvoorwaarde"},
	{.name = "was", .type = FT_CHOICE, .repeated = true, .choices = hv_condition_statuses, .label = "Vorige status"},
	{.name = "status", .type = FT_CHOICE, .repeated = true, .choices = hv_condition_statuses,
	 .label = "Status van de veiligheidsvoorwaarde"},
	{.name = "note", .type = FT_LINE, .repeated = true, .max_chars = 500, .label = "Toelichting bij de status"},
	{.name = "terug", .type = FT_CHOICE, .choices = sp_back, .label = "Terug naar"},
	{0},
};

/* case team and journal (issue 7: caseteam) — fields */
static const char *const ct_yes_no[] = {"ja", "nee", NULL};
static const field_spec ct_invite_fields[] = {
	{.name = "organisation", .type = FT_ID, .label = "Organisatie"},
	{.name = "user", .type = FT_ID, .label = "Persoon"},
	{.name = "role_in_case", .type = FT_LINE, .max_chars = 200, .label = "Rol in de casus"},
	{.name = "basis", .type = FT_CHOICE, .choices = involvement_bases, .label = "Grondslag"},
	{.name = "consent_of", .type = FT_LINE, .max_chars = 200, .label = "Toestemming van"},
	{.name = "consent_on", .type = FT_DATE, .label = "Toestemming gegeven op"},
	{.name = "basis_reason", .type = FT_TEXT, .max_chars = 2000, .label = "Toelichting op de grondslag"},
	{.name = "family_informed", .type = FT_CHOICE, .choices = ct_yes_no, .label = "Gezin geïnformeerd"},
	{.name = "informed_on", .type = FT_DATE, .label = "Gezin geïnformeerd op"},
	{.name = "informed_by", .type = FT_LINE, .max_chars = 200, .label = "Gezin geïnformeerd door"},
	{.name = "not_informed_reason", .type = FT_TEXT, .max_chars = 2000,
	 .label = "Waarom het gezin niet is geïnformeerd"},
	{.name = "parts", .type = FT_CHOICE, .repeated = true, .choices = case_part_codes, .label = "Mag zien"},
	{0},
};
static const field_spec ct_end_fields[] = {
	{.name = "ended_on", .type = FT_DATE, .label = "Einddatum"},
	{.name = "ended_reason", .type = FT_TEXT, .max_chars = 2000, .label = "Reden van beëindigen"},
	{0},
};
static const field_spec ct_journal_fields[] = {
	{.name = "entry_date", .type = FT_DATE, .label = "Datum"},
	{.name = "part", .type = FT_CHOICE, .required = true, .choices = case_part_codes, .label = "Hoort bij"},
	{.name = "body", .type = FT_TEXT, .max_chars = 20000, .label = "Aantekening"},
	{0},
};
static const field_spec ct_addendum_fields[] = {
	{.name = "body", .type = FT_TEXT, .max_chars = 20000, .label = "Aanvulling"},
	{0},
};
static const field_spec ct_pin_fields[] = {
	{.name = "pinned", .type = FT_CHOICE, .required = true, .choices = ct_yes_no, .label = "Vastzetten"},
	{0},
};

/* the course of a case (issue 8: casework) — fields */
static const char *const cw_yes[] = {"ja", NULL};
static const field_spec cw_phase_fields[] = {
	{.name = "to_phase", .type = FT_INT, .label = "Naar fase"},
	{.name = "incident", .type = FT_CHOICE, .choices = cw_yes, .label = "Na een incident"},
	{.name = "changed_on", .type = FT_DATE, .label = "Datum van het besluit"},
	{.name = "reason", .type = FT_TEXT, .max_chars = 4000, .label = "Reden"},
	{0},
};
static const field_spec cw_close_fields[] = {
	{.name = "closed_on", .type = FT_DATE, .label = "Datum van afsluiten"},
	{.name = "reason", .type = FT_TEXT, .max_chars = 4000, .label = "Reden van afsluiten"},
	{.name = "relapse_signals", .type = FT_TEXT, .max_chars = 4000, .label = "Signalen van terugval"},
	{.name = "family_calls", .type = FT_TEXT, .max_chars = 2000, .label = "Wie het gezin belt"},
	{.name = "watch_org", .type = FT_ID, .label = "Organisatie die een oogje in het zeil houdt"},
	{.name = "watch_what", .type = FT_LINE, .max_chars = 2000, .label = "Waar die organisatie op let"},
	{.name = "watch_until", .type = FT_DATE, .label = "Tot wanneer"},
	{.name = "check_on_1", .type = FT_DATE, .label = "Vervolgcontrole 1"},
	{.name = "check_on_2", .type = FT_DATE, .label = "Vervolgcontrole 2"},
	{.name = "check_on_3", .type = FT_DATE, .label = "Vervolgcontrole 3"},
	{0},
};
static const field_spec cw_escalate_fields[] = {
	{.name = "level", .type = FT_CHOICE, .choices = case_escalation_levels, .label = "Naar"},
	{.name = "reason", .type = FT_TEXT, .max_chars = 4000, .label = "Reden"},
	{.name = "asked", .type = FT_TEXT, .max_chars = 4000, .label = "Wat u van wie vraagt"},
	{.name = "escalated_on", .type = FT_DATE, .label = "Datum"},
	{0},
};
static const field_spec cw_decide_fields[] = {
	{.name = "decision", .type = FT_TEXT, .max_chars = 4000, .label = "Besluit"},
	{.name = "decided_on", .type = FT_DATE, .label = "Datum van het besluit"},
	{0},
};
static const field_spec cw_deescalate_fields[] = {
	{.name = "reason", .type = FT_TEXT, .max_chars = 4000, .label = "Reden van afschalen"},
	{.name = "deescalated_on", .type = FT_DATE, .label = "Datum van afschalen"},
	{0},
};
static const field_spec cw_meeting_fields[] = {
	{.name = "held_on", .type = FT_DATE, .label = "Datum"},
	{.name = "start_time", .type = FT_LINE, .max_chars = 5, .label = "Tijd"},
	{.name = "location", .type = FT_LINE, .max_chars = 200, .label = "Plaats"},
	{.name = "online", .type = FT_CHOICE, .choices = cw_yes, .label = "Online"},
	{.name = "invitee", .type = FT_ID, .repeated = true, .label = "Uitgenodigd"},
	{.name = "agenda", .type = FT_TEXT, .max_chars = 20000, .label = "Agenda"},
	{0},
};
static const char *const cw_family_choices[] = {"ja", "nee", NULL};
static const field_spec cw_minutes_fields[] = {
	{.name = "present", .type = FT_ID, .repeated = true, .label = "Aanwezig"},
	{.name = "family_present", .type = FT_CHOICE, .choices = cw_family_choices, .label = "Gezin aanwezig"},
	{.name = "family_absent_reason", .type = FT_TEXT, .max_chars = 2000, .label = "Reden dat het gezin er niet bij was"},
	{.name = "agenda", .type = FT_TEXT, .max_chars = 20000, .label = "Agenda"},
	{.name = "notes", .type = FT_TEXT, .max_chars = 20000, .label = "Verslag"},
	{.name = "notes_part", .type = FT_CHOICE, .choices = case_part_codes, .label = "Deel van de casus"},
	{.name = "agr_what", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Afspraak"},
	{.name = "agr_who", .type = FT_LINE, .repeated = true, .max_chars = 24, .label = "Wie"},
	{.name = "agr_who_text", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Wie (gezin of netwerk)"},
	{.name = "agr_due", .type = FT_LINE, .repeated = true, .max_chars = 10, .label = "Uiterlijk"},
	{.name = "agr_part", .type = FT_LINE, .repeated = true, .max_chars = 40, .label = "Deel van de casus"},
	{.name = "upd_id", .type = FT_ID, .repeated = true},
	{.name = "upd_status", .type = FT_CHOICE, .repeated = true, .choices = case_agreement_statuses, .label = "Status"},
	{0},
};
static const field_spec cw_reopen_fields[] = {
	{.name = "reason", .type = FT_TEXT, .max_chars = 4000, .label = "Reden van heropenen"},
	{0},
};

/* ---- the table -------------------------------------------------------------- */

#define PUBLIC ROLE_PUBLIC
#define ANY_USER ROLES_ALL

/* family plan and evaluations (issue 8: gezinsplan) — fields. ZRM scores, goals and
 * services are rows of repeated fields; scores and dates are checked per row by the
 * page (pages/family_plan_form.c) so the message stands at the row. */
static const char *const fp_goal_statuses_f[] = {"open", "loopt", "behaald", "niet_behaald", "vervallen", NULL};
static const char *const ev_conclusions_f[] = {"doorgaan", "bijstellen", "volgende_fase", "opschalen", "afsluiten",
                                               NULL};
static const char *const ev_achieved_f[] = {"behaald", "niet_behaald", NULL};
static const char *const ev_condition_statuses_f[] = {"nog_niet_besproken", "afgesproken", "nageleefd",
                                                      "niet_nageleefd", NULL};
static const field_spec fp_show_query[] = {
	{.name = "opgeslagen", .type = FT_INT, .label = "Opgeslagen versie"},
	{0},
};
static const field_spec fp_plan_fields[] = {
	{.name = "version", .type = FT_INT, .required = true, .label = "Versie"},
	{.name = "family_goals", .type = FT_TEXT, .max_chars = 10000, .label = "Wat het gezin wil bereiken"},
	{.name = "strengths", .type = FT_TEXT, .max_chars = 10000, .label = "Sterke kanten"},
	{.name = "worries", .type = FT_TEXT, .max_chars = 10000, .label = "Zorgen"},
	{.name = "zrm_person", .type = FT_ID, .repeated = true, .label = "ZRM: gezinslid"},
	{.name = "zrm_domain", .type = FT_INT, .repeated = true, .label = "ZRM: domein"},
	{.name = "zrm_score", .type = FT_LINE, .repeated = true, .max_chars = 4, .label = "ZRM: score"},
	{.name = "zrm_reason", .type = FT_LINE, .repeated = true, .max_chars = 2000, .label = "ZRM: reden niet beoordeeld"},
	{.name = "zrm_date", .type = FT_LINE, .repeated = true, .max_chars = 20, .label = "ZRM: datum"},
	{.name = "zrm_source", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "ZRM: bron"},
	{.name = "zrm_note", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "ZRM: notitie"},
	{.name = "goal_domain", .type = FT_LINE, .repeated = true, .max_chars = 4, .label = "Doelen: domein"},
	{.name = "goal_person", .type = FT_LINE, .repeated = true, .max_chars = 20, .label = "Doelen: voor"},
	{.name = "goal_what", .type = FT_TEXT, .repeated = true, .max_chars = 2000, .label = "Doelen: wat"},
	{.name = "goal_target", .type = FT_LINE, .repeated = true, .max_chars = 4, .label = "Doelen: beoogd niveau"},
	{.name = "goal_who", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Doelen: wie"},
	{.name = "goal_due", .type = FT_LINE, .repeated = true, .max_chars = 20, .label = "Doelen: uiterlijk"},
	{.name = "goal_status", .type = FT_CHOICE, .repeated = true, .choices = fp_goal_statuses_f,
	 .label = "Doelen: status"},
	{.name = "svc_provider", .type = FT_LINE, .repeated = true, .max_chars = 200, .label = "Ingezette hulp: organisatie"},
	{.name = "svc_what", .type = FT_LINE, .repeated = true, .max_chars = 2000, .label = "Ingezette hulp: wat"},
	{.name = "svc_from", .type = FT_LINE, .repeated = true, .max_chars = 20, .label = "Ingezette hulp: van"},
	{.name = "svc_to", .type = FT_LINE, .repeated = true, .max_chars = 20, .label = "Ingezette hulp: tot"},
	{0},
};
static const field_spec ev_fields[] = {
	{.name = "held_on", .type = FT_DATE, .required = true, .label = "Gehouden op"},
	{.name = "family_view", .type = FT_TEXT, .max_chars = 10000, .label = "Zo ziet het gezin het"},
	{.name = "cond_id", .type = FT_ID, .repeated = true, .label = "Voorwaarde"},
	{.name = "cond_status", .type = FT_CHOICE, .repeated = true, .choices = ev_condition_statuses_f,
	 .label = "Voorwaarde: status"},
	{.name = "goal_achieved", .type = FT_CHOICE, .repeated = true, .choices = ev_achieved_f, .label = "Doel behaald"},
	{.name = "conclusion", .type = FT_CHOICE, .required = true, .choices = ev_conclusions_f, .label = "Conclusie"},
	{.name = "conclusion_note", .type = FT_TEXT, .max_chars = 4000, .label = "Toelichting"},
	{.name = "next_on", .type = FT_DATE, .label = "Volgende evaluatie"},
	{0},
};

const route routes[] = {
	/* foundation */
	{"GET", "/healthz", page_system_health, PUBLIC, 0, NULL, NULL, no_fields},
	{"GET", "/static/*", page_system_static, PUBLIC, 0, NULL, NULL, no_fields},
	{"GET", "/licenties", page_system_licences, PUBLIC, 0, NULL, NULL, no_fields},
	{"GET", "/login", page_login_form, PUBLIC, 0, NULL, NULL, login_query},
	{"POST", "/login", page_login_submit, PUBLIC, 0, NULL, NULL, login_fields},
	{"POST", "/logout", page_login_logout, ANY_USER, 0, NULL, NULL, no_fields},
	/* the second factor: only with a waiting login (kr_pending cookie, login_second_factor.c) */
	{"GET", "/login/code", page_login_code_form, PUBLIC, 0, NULL, NULL, no_fields},
	{"POST", "/login/code", page_login_code_submit, PUBLIC, 0, NULL, NULL, login_code_fields},
	{"GET", "/login/instellen", page_login_enrol_form, PUBLIC, 0, NULL, NULL, no_fields},
	{"POST", "/login/instellen", page_login_enrol_submit, PUBLIC, 0, NULL, NULL, login_code_fields},
	{"POST", "/login/instellen/later", page_login_enrol_later, PUBLIC, 0, NULL, NULL, no_fields},
	{"GET", "/wachtwoord", page_login_reset_form, PUBLIC, 0, NULL, NULL, reset_query},
	{"POST", "/wachtwoord", page_login_reset_submit, PUBLIC, 0, NULL, NULL, reset_fields},
	{"GET", "/", page_home_show, ANY_USER, 0, NULL, NULL, home_query},
	/* one's own account: every role, never client data */
	{"GET", "/account/wachtwoord", page_account_password_form, ANY_USER, 0, NULL, NULL, no_fields},
	{"POST", "/account/wachtwoord", page_account_password_change, ANY_USER, 0, NULL, NULL, account_password_fields},
	{"GET", "/account/bereikbaarheid", page_account_contact_form, ANY_USER, 0, NULL, NULL, no_fields},
	{"POST", "/account/bereikbaarheid", page_account_contact_save, ANY_USER, 0, NULL, NULL, account_contact_fields},

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
	{"POST", "/beheer/gebruikers/{id}/tweestap", page_admin_user_second_factor_reset, ROLE_BEHEERDER, 0, NULL, NULL,
	 no_fields},
	/* four eyes: a second person confirms what gives an account client data (rules:
	 * auth/account_change_access.h; the list is on the start page) */
	{"POST", "/accountwijzigingen/{id}/bevestigen", page_account_change_confirm, ROLE_TEAMLEIDER | ROLE_BEHEERDER, 0,
	 access_account_change, NULL, no_fields},
	{"POST", "/accountwijzigingen/{id}/afwijzen", page_account_change_refuse, ROLE_TEAMLEIDER | ROLE_BEHEERDER, 0,
	 access_account_change, NULL, no_fields},

	/* handovers and cases (issue: Veilig Thuis handover) */
#define HV_VT ROLE_VT
#define HV_TL ROLE_TEAMLEIDER
#define HV_READ (ROLE_VT | ROLE_TEAMLEIDER | ROLE_PROFESSIONAL)
#define HV_CASE (ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER)
#define HV_CD ROUTE_CLIENT_DATA
	{"GET", "/overdrachten", page_handover_index, HV_VT | HV_TL, HV_CD, NULL, "view", hv_index_query},
	{"GET", "/overdrachten/nieuw", page_handover_new, HV_VT, 0, NULL, NULL, no_fields},
	{"POST", "/overdrachten/nieuw", page_handover_create, HV_VT, HV_CD, NULL, "create", hv_form_fields},
	{"GET", "/overdrachten/{id}", page_handover_show, HV_READ, HV_CD, access_handover_view, "view", no_fields},
	{"GET", "/overdrachten/{id}/afdrukken", page_handover_print, HV_READ, HV_CD, access_handover_view, "print",
	 no_fields},
	{"GET", "/overdrachten/{id}/bewerken", page_handover_edit, HV_VT, HV_CD, access_handover_concept, "view",
	 no_fields},
	{"POST", "/overdrachten/{id}/bewerken", page_handover_update, HV_VT, HV_CD, access_handover_concept, "update",
	 hv_form_fields},
	{"POST", "/overdrachten/{id}/aanvulling", page_handover_addendum, HV_VT, HV_CD, access_handover_sent, "update",
	 hv_addendum_fields},
	{"POST", "/overdrachten/{id}/verwijderen", page_handover_delete, HV_VT, HV_CD, access_handover_concept, "update",
	 hv_delete_fields},
	{"POST", "/overdrachten/{id}/intrekken", page_handover_withdraw, HV_VT, HV_CD, access_handover_sent, "update",
	 hv_end_fields},
	{"POST", "/overdrachten/{id}/afsluiten", page_handover_close, HV_VT, HV_CD, access_handover_sent, "update",
	 hv_end_fields},
	{"POST", "/overdrachten/{id}/opnieuw-versturen", page_handover_resend, HV_VT, HV_CD, access_handover_sent,
	 "create", no_fields},
	{"POST", "/overdrachten/{id}/overnemen", page_handover_take, HV_TL, HV_CD, access_handover_team, "update",
	 hv_take_fields},
	{"POST", "/overdrachten/{id}/warme-overdracht", page_handover_warm, HV_TL, HV_CD, access_handover_team,
	 "update", hv_warm_fields},
	{"POST", "/overdrachten/{id}/accepteren", page_handover_accept, HV_TL, HV_CD, access_handover_team, "update",
	 hv_accept_fields},
	{"POST", "/overdrachten/{id}/terugleggen", page_handover_return, HV_TL, HV_CD, access_handover_team, "update",
	 hv_return_fields},
	{"GET", "/casussen", page_case_index, HV_CASE, HV_CD, NULL, "view", cw_case_index_query},
	{"GET", "/casussen/{id}", page_case_show, HV_CASE, HV_CD, access_case_view, "view", no_fields},
	{"POST", "/casussen/{id}/terugkoppeling", page_case_feedback, ROLE_PROFESSIONAL, HV_CD, access_case_director,
	 "create", hv_feedback_fields},
	{"POST", "/casussen/{id}/regisseur", page_case_director, HV_TL, HV_CD, access_case_team, "update",
	 hv_director_fields},
	/* aggregated, anonymous figures: no client data */
	{"GET", "/cijfers", page_figures_show, HV_VT | HV_TL | ROLE_BELEID, 0, NULL, NULL, hv_figures_query},
	{"GET", "/cijfers/export.csv", page_figures_csv, HV_VT | HV_TL | ROLE_BELEID, 0, NULL, NULL, hv_figures_query},
	{"GET", "/beheer/normen", page_norms_edit, ROLE_BEHEERDER, 0, NULL, NULL, no_fields},
	{"POST", "/beheer/normen", page_norms_update, ROLE_BEHEERDER, 0, NULL, NULL, hv_norms_fields},

	/* safety plan (issue 7: veiligheidsplan) — what of it a user sees is case_parts_of()'s
	 * answer; saving needs the whole plan, recording it as agreed the regisseur */
#define SP_READ (ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER)
	{"GET", "/casussen/{id}/veiligheidsplan", page_safety_plan_show, SP_READ, HV_CD, access_safety_plan_view,
	 "view", sp_show_query},
	{"POST", "/casussen/{id}/veiligheidsplan", page_safety_plan_save, ROLE_PROFESSIONAL, HV_CD,
	 access_safety_plan_edit, "update", sp_plan_fields},
	{"POST", "/casussen/{id}/veiligheidsplan/vaststellen", page_safety_plan_agree, ROLE_PROFESSIONAL, HV_CD,
	 access_case_director, "update", sp_plan_fields},
	{"GET", "/casussen/{id}/veiligheidsplan/versies/{id}", page_safety_plan_version, SP_READ, HV_CD,
	 access_safety_plan_view, "view", sp_version_query},
	{"GET", "/casussen/{id}/veiligheidsplan/afdrukken", page_safety_plan_print, SP_READ, HV_CD,
	 access_safety_plan_print, "print", sp_print_query},
	{"POST", "/casussen/{id}/voorwaarden", page_safety_conditions_update, ROLE_PROFESSIONAL, HV_CD,
	 access_case_director, "update", sp_conditions_fields},
#undef SP_READ

	/* case team, need-to-know parts and journal (issue 7: caseteam). Who sees which
	 * part of a case: auth/case_parts.c (case_parts_of), the one place. */
#define CT_CASE (ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER)
#define CT_MANAGE (ROLE_TEAMLEIDER | ROLE_PROFESSIONAL)
#define CT_WRITE (ROLE_PROFESSIONAL | ROLE_PARTNER)
	{"POST", "/casussen/{id}/betrokkenen", page_case_team_invite, CT_MANAGE, HV_CD, access_case_team_manage,
	 "create", ct_invite_fields},
	{"POST", "/casussen/{id}/betrokkenen/{id}/beeindigen", page_case_team_end, CT_MANAGE, HV_CD,
	 access_case_involvement_end, "update", ct_end_fields},
	{"GET", "/casussen/{id}/journaal", page_journal_show, CT_CASE, HV_CD, access_case_view, "view", no_fields},
	{"POST", "/casussen/{id}/journaal", page_journal_create, CT_WRITE, HV_CD, access_case_view, "create",
	 ct_journal_fields},
	{"POST", "/casussen/{id}/journaal/{id}/aanvulling", page_journal_addendum, CT_WRITE, HV_CD,
	 access_journal_addendum, "create", ct_addendum_fields},
	{"POST", "/casussen/{id}/journaal/{id}/vastzetten", page_journal_pin, ROLE_PROFESSIONAL, HV_CD,
	 access_journal_pin, "update", ct_pin_fields},
#undef CT_CASE
#undef CT_MANAGE
#undef CT_WRITE

	/* family plan and evaluations (issue 8: gezinsplan) — all of it is PART_GEZINSPLAN
	 * (case_parts_of); saving the plan: its editors; recording an evaluation: the regisseur */
#define FP_READ (ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER)
	{"GET", "/casussen/{id}/gezinsplan", page_family_plan_show, FP_READ, HV_CD, access_family_plan_view, "view",
	 fp_show_query},
	{"POST", "/casussen/{id}/gezinsplan", page_family_plan_save, ROLE_PROFESSIONAL, HV_CD, access_family_plan_edit,
	 "update", fp_plan_fields},
	{"GET", "/casussen/{id}/evaluaties", page_evaluations_show, FP_READ, HV_CD, access_family_plan_view, "view",
	 no_fields},
	{"POST", "/casussen/{id}/evaluaties", page_evaluation_create, ROLE_PROFESSIONAL, HV_CD,
	 access_evaluation_record, "create", ev_fields},
	{"GET", "/casussen/{id}/evaluaties/{id}", page_evaluation_show, FP_READ, HV_CD, access_evaluation_view, "view",
	 no_fields},
#undef FP_READ
	/* the course of a case (issue 8: casework) — phases, closure and reopening,
	 * op- en afschalen, round-table meetings; by the case's team leader or regisseur */
#define CW_MANAGE (ROLE_TEAMLEIDER | ROLE_PROFESSIONAL)
	{"POST", "/casussen/{id}/fase", page_case_phase, CW_MANAGE, HV_CD, access_case_team_manage, "update",
	 cw_phase_fields},
	{"POST", "/casussen/{id}/afsluiten", page_case_close, CW_MANAGE, HV_CD, access_case_team_manage, "update",
	 cw_close_fields},
	{"POST", "/casussen/{id}/heropenen", page_case_reopen, CW_MANAGE, HV_CD, access_case_team_manage, "update",
	 cw_reopen_fields},
	{"POST", "/casussen/{id}/opschalen", page_case_escalate, CW_MANAGE, HV_CD, access_case_team_manage, "create",
	 cw_escalate_fields},
	{"POST", "/casussen/{id}/opschalingen/{id}/besluit", page_case_escalation_decide, CW_MANAGE, HV_CD,
	 access_case_escalation_decide, "update", cw_decide_fields},
	{"POST", "/casussen/{id}/opschalingen/{id}/afschalen", page_case_deescalate, CW_MANAGE, HV_CD,
	 access_case_escalation_manage, "update", cw_deescalate_fields},
	{"GET", "/casussen/{id}/overleggen", page_case_meetings, ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER, HV_CD,
	 access_case_view, "view", no_fields},
	{"POST", "/casussen/{id}/overleggen", page_case_meeting_create, CW_MANAGE, HV_CD, access_case_team_manage,
	 "create", cw_meeting_fields},
	{"GET", "/casussen/{id}/overleggen/{id}", page_case_meeting_show, ROLE_TEAMLEIDER | ROLE_PROFESSIONAL | ROLE_PARTNER,
	 HV_CD, access_case_meeting_view, "view", no_fields},
	{"POST", "/casussen/{id}/overleggen/{id}", page_case_meeting_record, CW_MANAGE, HV_CD, access_case_meeting_manage,
	 "update", cw_minutes_fields},
#undef CW_MANAGE

	/* privacy (issue 10). The privacy officer reads the audit trail, never the file on
	 * screen, except to hand a family its own export (AVG art. 15): his/her routes are
	 * audited (ROUTE_AUDITED) but not client data routes; a household
	 * opens only through his/her own search (access_privacy_household). The family's
	 * access log, its export and a member's correction: the case's regisseur. */
#define PV_AUDITED ROUTE_AUDITED
	{"GET", "/privacy", page_privacy_search, ROLE_PRIVACY, PV_AUDITED, NULL, "search", pv_search_query},
	{"GET", "/privacy/huishoudens/{id}", page_privacy_household, ROLE_PRIVACY, PV_AUDITED, access_privacy_household,
	 "view", pv_report_query},
	{"GET", "/privacy/huishoudens/{id}/export.csv", page_privacy_household_csv, ROLE_PRIVACY, PV_AUDITED,
	 access_privacy_household, "export", pv_report_query},
	/* AVG art. 15: the privacy officer may hand a family everything stored about it */
	{"GET", "/privacy/huishoudens/{id}/inzage", page_privacy_household_export, ROLE_PRIVACY, PV_AUDITED,
	 access_privacy_household, "export", no_fields},
	{"GET", "/privacy/huishoudens/{id}/inzage.json", page_privacy_household_export_json, ROLE_PRIVACY, PV_AUDITED,
	 access_privacy_household, "export", no_fields},
	{"GET", "/privacy/gebruikers/{id}", page_privacy_user, ROLE_PRIVACY, PV_AUDITED, access_privacy_user, "view",
	 pv_report_query},
	{"GET", "/privacy/gebruikers/{id}/export.csv", page_privacy_user_csv, ROLE_PRIVACY, PV_AUDITED,
	 access_privacy_user, "export", pv_report_query},
	{"GET", "/casussen/{id}/toegang", page_case_access_log, ROLE_PROFESSIONAL, HV_CD, access_case_director, "view",
	 pv_report_query},
	{"GET", "/casussen/{id}/toegang/afdrukken", page_case_access_log_print, ROLE_PROFESSIONAL, HV_CD,
	 access_case_director, "print", pv_report_query},
	{"GET", "/casussen/{id}/inzage", page_household_export, ROLE_PROFESSIONAL, HV_CD, access_case_director, "export",
	 no_fields},
	{"GET", "/casussen/{id}/inzage.json", page_household_export_json, ROLE_PROFESSIONAL, HV_CD, access_case_director,
	 "export", no_fields},
	{"POST", "/casussen/{id}/gezinsleden/{id}/corrigeren", page_person_correct, ROLE_PROFESSIONAL, HV_CD,
	 access_person_correct, "update", pv_correct_fields},
#undef PV_AUDITED

	/* leertafel (issue: leertafel) */
	/* leertafel (issue: leertafel) — secretaris manages; leertafellid reads and updates the status
	 * of actions of his/her organisation (access_leertafel_action_update); no client data */
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
	{"POST", "/leertafel/acties/{id}/status", page_leertafel_action_status, LT_SL, 0,
	 access_leertafel_action_update, NULL,
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
