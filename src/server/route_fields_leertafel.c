/*
 * route_fields_leertafel.c — the declared inputs of the leertafel's routes
 * (meetings, actions, plans, escalations, settings); the route table in routes.c
 * names them (route_fields.h).
 */
#include "server/route_fields.h"

#include <stddef.h>

static const char *const yes_choices[] = {"ja", NULL};
static const char *const lt_presence_choices[] = {"aanwezig", "afgemeld", "afwezig", NULL};
static const char *const lt_status_choices[] = {"groen", "oranje", "rood", "afgerond", NULL};
static const char *const lt_kind_choices[] = {"lijn", "tag", "werkgroep", NULL};
static const char *const lt_active_choices[] = {"ja", "nee", NULL};
const field_spec lt_index_query[] = {
	{.name = "jaar", .type = FT_INT},
	{0},
};
const field_spec lt_meeting_fields[] = {
	{.name = "held_on", .type = FT_DATE, .required = true, .label = "Datum"},
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
const field_spec lt_action_query[] = {
	{.name = "bijeenkomst", .type = FT_ID},
	{.name = "plan", .type = FT_ID},
	{0},
};
const field_spec lt_action_fields[] = {
	{.name = "bijeenkomst", .type = FT_ID},
	{.name = "plan", .type = FT_ID},
	{.name = "wat", .type = FT_TEXT, .required = true, .max_chars = 2000, .label = "Wat"},
	{.name = "hoe", .type = FT_TEXT, .max_chars = 4000},
	{.name = "owner", .type = FT_ID, .required = true, .label = "Eigenaar (trekker)"},
	{.name = "participant", .type = FT_ID, .repeated = true},
	{.name = "deadline", .type = FT_DATE},
	{.name = "quarter", .type = FT_LINE, .max_chars = 20},
	{.name = "actielijn", .type = FT_ID, .required = true, .label = "Actielijn"},
	{.name = "tag", .type = FT_ID},
	{.name = "werkgroep", .type = FT_ID},
	{.name = "status", .type = FT_CHOICE, .required = true, .choices = lt_status_choices, .label = "Stoplicht"},
	{.name = "status_note", .type = FT_TEXT, .max_chars = 2000},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
const field_spec lt_action_edit_fields[] = {
	{.name = "wat", .type = FT_TEXT, .required = true, .max_chars = 2000, .label = "Wat"},
	{.name = "hoe", .type = FT_TEXT, .max_chars = 4000},
	{.name = "owner", .type = FT_ID, .required = true, .label = "Eigenaar (trekker)"},
	{.name = "participant", .type = FT_ID, .repeated = true},
	{.name = "deadline", .type = FT_DATE},
	{.name = "quarter", .type = FT_LINE, .max_chars = 20},
	{.name = "actielijn", .type = FT_ID, .required = true, .label = "Actielijn"},
	{.name = "tag", .type = FT_ID},
	{.name = "werkgroep", .type = FT_ID},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
const field_spec lt_status_fields[] = {
	{.name = "status", .type = FT_CHOICE, .required = true, .choices = lt_status_choices, .label = "Stoplicht"},
	{.name = "status_note", .type = FT_TEXT, .max_chars = 2000},
	{.name = "status_on", .type = FT_DATE, .required = true, .label = "Datum van deze stand"},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
const field_spec lt_plan_fields[] = {
	{.name = "year", .type = FT_INT, .required = true, .label = "Jaar"},
	{.name = "title", .type = FT_LINE, .required = true, .max_chars = 200, .label = "Titel"},
	{0},
};
const field_spec lt_adopt_fields[] = {
	{.name = "adopted_on", .type = FT_DATE, .required = true, .label = "Vastgesteld op"},
	{0},
};
const field_spec lt_escalation_query[] = {
	{.name = "actie", .type = FT_ID},
	{0},
};
const field_spec lt_escalation_fields[] = {
	{.name = "actie", .type = FT_ID},
	{.name = "subject", .type = FT_LINE, .max_chars = 300},
	{.name = "reason", .type = FT_TEXT, .required = true, .max_chars = 4000, .label = "Reden van opschalen"},
	{.name = "escalated_on", .type = FT_DATE, .required = true, .label = "Datum van opschalen"},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
const field_spec lt_decision_fields[] = {
	{.name = "board_on", .type = FT_DATE, .required = true, .label = "Datum bestuurlijk overleg"},
	{.name = "decision", .type = FT_TEXT, .required = true, .max_chars = 4000, .label = "Besluit"},
	{.name = "toch_opslaan", .type = FT_CHOICE, .choices = yes_choices},
	{0},
};
const field_spec lt_settings_fields[] = {
	{.name = "kind", .type = FT_CHOICE, .required = true, .choices = lt_kind_choices, .label = "Soort"},
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 120, .label = "Naam"},
	{0},
};
const field_spec lt_toggle_fields[] = {
	{.name = "kind", .type = FT_CHOICE, .required = true, .choices = lt_kind_choices, .label = "Soort"},
	{.name = "id", .type = FT_ID, .required = true, .label = "Onderdeel"},
	{.name = "active", .type = FT_CHOICE, .required = true, .choices = lt_active_choices, .label = "Actief"},
	{0},
};
