/*
 * route_fields.c — declared inputs of some areas' routes, kept out of routes.c so
 * that the table stays one readable file (see route_fields.h). Same rules as the
 * fields in routes.c: every input named, typed and capped.
 */
#include "server/route_fields.h"

#include "store/access_log.h"

/* privacy (issue 10: who viewed this file, right of access and correction) — fields */
const field_spec pv_search_query[] = {
	{.name = "naam", .type = FT_LINE, .max_chars = 200, .label = "Volledige naam"},
	{.name = "geboortedatum", .type = FT_DATE, .label = "Geboortedatum"},
	{.name = "gebruiker", .type = FT_LINE, .max_chars = 100, .label = "Gebruikersnaam of naam"},
	{0},
};
const field_spec pv_report_query[] = {
	{.name = "van", .type = FT_DATE, .label = "Vanaf"},
	{.name = "tot", .type = FT_DATE, .label = "Tot en met"},
	{.name = "organisatie", .type = FT_ID, .label = "Organisatie"},
	{.name = "actie", .type = FT_CHOICE, .choices = access_log_kinds, .label = "Soort toegang"},
	{.name = "voor", .type = FT_ID, .label = "Ouder dan"}, /* keyset: the page older than this audit row */
	{.name = "voor_lees", .type = FT_ID, .label = "Ouder dan"}, /* the same in the read log */
	{0},
};
const field_spec pv_correct_fields[] = {
	{.name = "name", .type = FT_LINE, .required = true, .max_chars = 200, .label = "Naam"},
	{.name = "birthdate", .type = FT_DATE, .required = true, .label = "Geboortedatum"},
	{.name = "reason", .type = FT_TEXT, .required = true, .max_chars = 2000, .label = "Reden van de correctie"},
	{0},
};
