/*
 * household_export_labels.c — Dutch names for the columns of the household
 * export (/casussen/{id}/inzage, /privacy/huishoudens/{id}/inzage), so that a
 * family reads "Geboortedatum" where the database says birthdate.
 *
 * The HTML export shows the label; the JSON export keeps the column names (a
 * stable, machine-readable key). A column without a label is shown by its own
 * name, so a column added to a table is never left out of the export; the
 * export test fails until it has a label here.
 */
#include "pages/household_export_labels.h"

#include <stdlib.h>
#include <string.h>

typedef struct column_label {
	const char *column, *label;
} column_label;

/* Sorted by column (strcmp order): looked up by binary search. */
static const column_label labels[] = {
	{"achieved", "Bereikt"},
	{"action", "Handeling"},
	{"activity_on", "Laatste activiteit op"},
	{"addendum_of", "Aanvulling op journaalregel"},
	{"address", "Adres"},
	{"agenda", "Agenda"},
	{"agreed_on", "Afgesproken op"},
	{"agreements", "Afspraken"},
	{"asked", "Gevraagd"},
	{"at", "Tijdstip"},
	{"author", "Auteur"},
	{"author_id", "Auteur (nummer)"},
	{"author_org_id", "Organisatie van de auteur (nummer)"},
	{"author_organisation", "Organisatie van de auteur"},
	{"basis", "Grondslag"},
	{"basis_reason", "Toelichting op de grondslag"},
	{"birthdate", "Geboortedatum"},
	{"body", "Tekst"},
	{"case_id", "Casus (nummer)"},
	{"case_open", "Casus open (bij een lopende betrokkenheid)"},
	{"case_plan_agreed_on", "Laatste veiligheidsplan van de casus vastgesteld op (bij een lopende betrokkenheid)"},
	{"changed_at", "Gewijzigd op"},
	{"changed_by", "Gewijzigd door (nummer)"},
	{"changed_on", "Datum van de wijziging"},
	{"check_on", "Controle op"},
	{"close_reason", "Reden van afsluiten"},
	{"closed_at", "Gesloten op"},
	{"closed_by", "Gesloten door (nummer)"},
	{"closed_on", "Datum van afsluiten"},
	{"closure_id", "Afsluiting (nummer)"},
	{"conclusion", "Conclusie"},
	{"conclusion_note", "Toelichting op de conclusie"},
	{"condition_id", "Veiligheidsvoorwaarde (nummer)"},
	{"consent_of", "Toestemming van"},
	{"consent_on", "Toestemming op"},
	{"contact", "Contactgegevens"},
	{"corrected_at", "Gecorrigeerd op"},
	{"corrected_by", "Gecorrigeerd door"},
	{"created_at", "Vastgelegd op"},
	{"created_by", "Vastgelegd door (nummer)"},
	{"decided_at", "Besloten op"},
	{"decided_by", "Besloten door (nummer)"},
	{"decided_on", "Datum van het besluit"},
	{"decided_org_id", "Besluitende organisatie (nummer)"},
	{"decision", "Besluit"},
	{"deescalate_reason", "Reden van afschalen"},
	{"deescalated_by", "Afgeschaald door (nummer)"},
	{"deescalated_on", "Afgeschaald op"},
	{"director", "Regisseur"},
	{"director_id", "Regisseur (nummer)"},
	{"domain", "Domein"},
	{"due_on", "Uiterlijk op"},
	{"end_reason", "Reden van beëindigen"},
	{"ended_at", "Beëindigd op (tijdstip)"},
	{"ended_by", "Beëindigd door (nummer)"},
	{"ended_on", "Beëindigd op"},
	{"ended_reason", "Reden van beëindigen"},
	{"entry_date", "Datum"},
	{"escalated_by", "Opgeschaald door (nummer)"},
	{"escalated_on", "Opgeschaald op"},
	{"evaluation_date", "Evaluatiedatum"},
	{"evaluation_id", "Evaluatie (nummer)"},
	{"family_absent_reason", "Waarom het gezin er niet bij was"},
	{"family_calls", "Wanneer het gezin contact opneemt"},
	{"family_goals", "Doelen van het gezin"},
	{"family_informed", "Gezin geïnformeerd"},
	{"family_informed_reason", "Toelichting op het informeren van het gezin"},
	{"family_present", "Gezin aanwezig"},
	{"family_reason", "Toelichting over het gezin"},
	{"family_view", "Visie van het gezin"},
	{"feedback_first_at", "Eerste terugkoppeling op"},
	{"field", "Gegeven"},
	{"form_key", "Formuliersleutel"},
	{"from_on", "Vanaf"},
	{"from_phase", "Van fase"},
	{"goal", "Doel"},
	{"handover_id", "Overdracht (nummer)"},
	{"held_date", "Gehouden op"},
	{"held_on", "Gehouden op"},
	{"household_id", "Huishouden (nummer)"},
	{"household_name", "Naam van het gezin"},
	{"id", "Nummer"},
	{"incident", "Incident"},
	{"informed_by", "Geïnformeerd door"},
	{"informed_on", "Geïnformeerd op"},
	{"investigation_outcome", "Uitkomst van het onderzoek"},
	{"invited_by", "Uitgenodigd door (nummer)"},
	{"level", "Niveau"},
	{"location", "Locatie"},
	{"meeting_id", "Overleg (nummer)"},
	{"n", "Versie"},
	{"name", "Naam"},
	{"name_key", "Zoeksleutel van de naam"},
	{"new_value", "Nieuwe waarde"},
	{"next_on", "Volgende evaluatie op"},
	{"not_assessed_reason", "Waarom niet gescoord"},
	{"not_informed_reason", "Waarom niet geïnformeerd"},
	{"note", "Toelichting"},
	{"notes", "Verslag"},
	{"notes_part", "Verslag zichtbaar voor"},
	{"now_score", "Score nu"},
	{"object_id", "Onderwerp (nummer)"},
	{"object_type", "Onderwerp"},
	{"old_value", "Oude waarde"},
	{"online", "Online"},
	{"opened_at", "Geopend op"},
	{"org_id", "Organisatie (nummer)"},
	{"organisation", "Organisatie"},
	{"outcome", "Uitkomst"},
	{"parallel_reason", "Reden van parallelle overdracht"},
	{"part", "Onderdeel"},
	{"parts", "Onderdelen in te zien"},
	{"person", "Persoon"},
	{"person_id", "Gezinslid (nummer)"},
	{"phase", "Fase"},
	{"pinned_at", "Vastgezet op"},
	{"pinned_by", "Vastgezet door (nummer)"},
	{"plan_agreed_on", "Laatste veiligheidsplan vastgesteld op"},
	{"planned_date", "Gepland op"},
	{"position", "Volgorde"},
	{"present", "Aanwezig"},
	{"professional_view", "Visie van de professionals"},
	{"provider", "Aanbieder"},
	{"providers", "Betrokken hulpverleners"},
	{"reason", "Reden"},
	{"receiving_org_id", "Ontvangend team (nummer)"},
	{"receiving_triage", "Via gezamenlijke triage"},
	{"recorded_at", "Vastgelegd op"},
	{"recorded_by", "Vastgelegd door (nummer)"},
	{"relapse_signals", "Signalen van terugval"},
	{"reopen_reason", "Reden van heropenen"},
	{"reopened_at", "Heropend op"},
	{"reopened_by", "Heropend door (nummer)"},
	{"resent_from", "Opnieuw ingediend vanaf overdracht"},
	{"return_category", "Soort teruglegging"},
	{"return_reason", "Reden van teruglegging"},
	{"risk_assessment", "Risicotaxatie"},
	{"role", "Rol"},
	{"role_in_case", "Rol in de casus"},
	{"saved_at", "Opgeslagen op"},
	{"saved_by", "Opgeslagen door (nummer)"},
	{"scale_trend", "Verloop van de veiligheidsschaal"},
	{"score", "Score"},
	{"scored_on", "Gescoord op"},
	{"set_at", "Aangewezen op"},
	{"set_by", "Aangewezen door (nummer)"},
	{"set_by_name", "Aangewezen door"},
	{"since", "Sinds"},
	{"source", "Bron"},
	{"start_score", "Beginscore"},
	{"start_time", "Begintijd"},
	{"status", "Status"},
	{"status_at", "Status gewijzigd op"},
	{"status_by", "Status gewijzigd door (nummer)"},
	{"strengths", "Krachten"},
	{"submitted_at", "Ingediend op"},
	{"submitted_by", "Ingediend door (nummer)"},
	{"taken_at", "Opgepakt op"},
	{"taken_by", "Opgepakt door (nummer)"},
	{"taken_org_id", "Opgepakt door team (nummer)"},
	{"taken_reason", "Toelichting bij het oppakken"},
	{"target", "Streefwaarde"},
	{"team", "Team"},
	{"team_org_id", "Team (nummer)"},
	{"text", "Tekst"},
	{"to_on", "Tot en met"},
	{"to_phase", "Naar fase"},
	{"updated_at", "Bijgewerkt op"},
	{"urgency", "Urgentie"},
	{"user_id", "Professional (nummer)"},
	{"version_id", "Versie (nummer)"},
	{"vt_org_id", "Veilig Thuis (nummer)"},
	{"warm_family_present", "Gezin aanwezig bij de warme overdracht"},
	{"warm_family_reason", "Toelichting over het gezin bij de warme overdracht"},
	{"warm_held_date", "Warme overdracht gehouden op"},
	{"warm_outcome", "Uitkomst van de warme overdracht"},
	{"warm_planned_date", "Warme overdracht gepland op"},
	{"warm_present", "Aanwezig bij de warme overdracht"},
	{"warm_recorded_at", "Warme overdracht vastgelegd op"},
	{"warm_recorded_by", "Warme overdracht vastgelegd door (nummer)"},
	{"watch_org_id", "Vinger aan de pols: organisatie (nummer)"},
	{"watch_until", "Vinger aan de pols tot"},
	{"watch_what", "Vinger aan de pols: waarop"},
	{"what", "Wat"},
	{"what_happened", "Wat er is gebeurd"},
	{"who", "Wie"},
	{"who_org_id", "Wie: organisatie (nummer)"},
	{"who_text", "Wie"},
	{"who_user_id", "Wie: professional (nummer)"},
	{"with_family", "Met het gezin"},
	{"worries", "Zorgen"},
};

/* The five free columns a..e of a safety plan item mean something per list
 * (store/safety_plan.h); NULL where the list does not use the column. */
typedef struct item_labels {
	const char *part, *abcde[5];
} item_labels;

static const item_labels item_columns[] = {
	{"gevaar", {"Gevaarsituatie in de woorden van het gezin"}},
	{"doel", {"Wat er te zien moet zijn", "Hoe lang"}},
	{"voorwaarde", {"Veiligheidsvoorwaarde"}},
	{"afspraak", {"Soort eigenaar", "Wie", "Doet wat", "Wanneer", "Status"}},
	{"netwerk", {"Naam", "Relatie", "Telefoon", "Rol bij het nakomen van de afspraken"}},
	{"signaal", {"Signaal", "Wat wie dan doet"}},
	{"crisis", {"Naam", "Telefoon"}},
	{"toezicht", {"Wie controleert", "Hoe vaak"}},
	{"schaal", {"Wie scoort", "Score (0-10)", "Datum"}},
	{"deelnemer", {"Naam", "Rol of relatie", "Eens of oneens", "Toelichting"}},
};

static int by_column(const void *key, const void *entry)
{
	return strcmp(key, ((const column_label *)entry)->column);
}

const char *export_column_label(const char *column)
{
	const column_label *hit = bsearch(column, labels, sizeof labels / sizeof labels[0], sizeof labels[0], by_column);
	return hit ? hit->label : column;
}

const char *export_item_column_label(const char *part, const char *column)
{
	if (!part || !column || column[0] < 'a' || column[0] > 'e' || column[1])
		return export_column_label(column);
	for (size_t i = 0; i < sizeof item_columns / sizeof item_columns[0]; i++)
		if (strcmp(item_columns[i].part, part) == 0 && item_columns[i].abcde[column[0] - 'a'])
			return item_columns[i].abcde[column[0] - 'a'];
	return column;
}
