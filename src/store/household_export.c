/*
 * household_export.c — everything stored about one household, for the family's
 * right of access (AVG art. 15; issue 10 item 8): the household and its members
 * with their correction history, every case with its regisseurs and involvement,
 * the handovers with everything attached, every version of the safety plan and
 * the family plan, the journal, meetings and agreements, evaluations, phases,
 * escalations and closures, and the household's access log.
 *
 * Table by table, each section one static statement (?1 = the household), its
 * rows handed to a visitor column by column, so that a column added to one of
 * these tables is in the export without a change here. Reads only; the caller
 * holds one read snapshot around it (db_read_begin) so the parts agree.
 */
#include "store/household_export.h"

#include "store/db.h"
#include "store/readlog.h"

#define CASES "(SELECT id FROM casefile WHERE household_id = ?1)"
#define HANDOVERS "(SELECT id FROM handover WHERE household_id = ?1 OR case_id IN " CASES ")"

static const household_export_section sections[] = {
	{"huishouden", "Huishouden"},
	{"gezinsleden", "Gezinsleden"},
	{"correcties", "Correcties van naam en geboortedatum"},
	{"casussen", "Casussen"},
	{"regisseurs", "Regisseurs"},
	{"betrokkenen", "Betrokken organisaties en personen"},
	{"overdrachten", "Overdrachten van Veilig Thuis"},
	{"overdracht_gezinsleden", "Gezinsleden in de overdrachten"},
	{"overdracht_voorwaarden", "Veiligheidsvoorwaarden in de overdrachten"},
	{"overdracht_aanvullingen", "Aanvullingen op de overdrachten"},
	{"warme_overdrachten", "Warme overdrachten"},
	{"terugkoppelingen", "Terugkoppelingen aan Veilig Thuis"},
	{"veiligheidsvoorwaarden", "Veiligheidsvoorwaarden van de casussen"},
	{"veiligheidsvoorwaarden_historie", "Historie van de veiligheidsvoorwaarden"},
	{"veiligheidsplan_versies", "Veiligheidsplan: alle versies"},
	{"veiligheidsplan_onderdelen", "Veiligheidsplan: onderdelen van elke versie"},
	{"gezinsplan_versies", "Gezinsplan: alle versies"},
	{"gezinsplan_zrm", "Gezinsplan: ZRM-scores van elke versie"},
	{"gezinsplan_doelen", "Gezinsplan: doelen van elke versie"},
	{"gezinsplan_hulp", "Gezinsplan: ingezette hulp van elke versie"},
	{"journaal", "Journaal"},
	{"overleggen", "Overleggen (ronde tafel)"},
	{"overleg_genodigden", "Genodigden van de overleggen"},
	{"afspraken", "Afspraken"},
	{"evaluaties", "Evaluaties"},
	{"evaluatie_voorwaarden", "Evaluaties: veiligheidsvoorwaarden"},
	{"evaluatie_domeinen", "Evaluaties: ZRM-domeinen"},
	{"evaluatie_doelen", "Evaluaties: doelen"},
	{"fasen", "Fasewisselingen"},
	{"opschalingen", "Opschalingen"},
	{"afsluitingen", "Afsluitingen en toekomstplan"},
	{"vervolgcontroles", "Vervolgcontroles na afsluiten"},
	{"toegangslog", "Toegangslog: wie heeft de gegevens ingezien of gewijzigd"},
};

const household_export_section *household_export_sections(size_t *n)
{
	*n = sizeof sections / sizeof sections[0];
	return sections;
}

/* The statement of section i (a switch, so that every statement is a literal). */
static sqlite3_stmt *section_stmt(size_t i)
{
	switch (i) {
	case 0: return db_stmt("SELECT id, name, address, created_at FROM household WHERE id = ?1");
	case 1:
		return db_stmt("SELECT id, position, name, birthdate, role FROM person WHERE household_id = ?1"
		               " ORDER BY position, id");
	case 2:
		return db_stmt("SELECT k.id, k.person_id, k.field, k.old_value, k.new_value, k.reason,"
		               " u.name AS corrected_by, k.corrected_at FROM person_correction k JOIN person p"
		               " ON p.id = k.person_id LEFT JOIN app_user u ON u.id = k.corrected_by"
		               " WHERE p.household_id = ?1 ORDER BY k.id");
	case 3:
		return db_stmt("SELECT c.*, o.name AS team, u.name AS director FROM casefile c"
		               " JOIN organisation o ON o.id = c.team_org_id LEFT JOIN app_user u ON u.id = c.director_id"
		               " WHERE c.household_id = ?1 ORDER BY c.id");
	case 4:
		return db_stmt("SELECT d.*, u.name AS director, s.name AS set_by_name FROM case_director d"
		               " LEFT JOIN app_user u ON u.id = d.user_id LEFT JOIN app_user s ON s.id = d.set_by"
		               " WHERE d.case_id IN " CASES " ORDER BY d.id");
	case 5:
		return db_stmt("SELECT i.*, o.name AS organisation, u.name AS person FROM case_involvement i"
		               " JOIN organisation o ON o.id = i.org_id LEFT JOIN app_user u ON u.id = i.user_id"
		               " WHERE i.case_id IN " CASES " ORDER BY i.id");
	case 6: return db_stmt("SELECT * FROM handover WHERE id IN " HANDOVERS " ORDER BY id");
	case 7:
		return db_stmt("SELECT id, handover_id, position, name, birthdate, role FROM handover_member"
		               " WHERE handover_id IN " HANDOVERS " ORDER BY handover_id, position");
	case 8:
		return db_stmt("SELECT * FROM handover_condition WHERE handover_id IN " HANDOVERS
		               " ORDER BY handover_id, position");
	case 9: return db_stmt("SELECT * FROM handover_addendum WHERE handover_id IN " HANDOVERS " ORDER BY id");
	case 10: return db_stmt("SELECT * FROM handover_warm_record WHERE handover_id IN " HANDOVERS " ORDER BY id");
	case 11: return db_stmt("SELECT * FROM handover_feedback WHERE handover_id IN " HANDOVERS " ORDER BY id");
	case 12: return db_stmt("SELECT * FROM case_condition WHERE case_id IN " CASES " ORDER BY case_id, position");
	case 13:
		return db_stmt("SELECT * FROM case_condition_change WHERE condition_id IN"
		               " (SELECT id FROM case_condition WHERE case_id IN " CASES ") ORDER BY id");
	case 14: return db_stmt("SELECT * FROM safety_plan_version WHERE case_id IN " CASES " ORDER BY case_id, n");
	case 15:
		return db_stmt("SELECT * FROM safety_plan_item WHERE version_id IN"
		               " (SELECT id FROM safety_plan_version WHERE case_id IN " CASES ")"
		               " ORDER BY version_id, part, position");
	case 16: return db_stmt("SELECT * FROM family_plan_version WHERE case_id IN " CASES " ORDER BY case_id, n");
	case 17:
		return db_stmt("SELECT * FROM family_plan_score WHERE version_id IN"
		               " (SELECT id FROM family_plan_version WHERE case_id IN " CASES ")"
		               " ORDER BY version_id, person_id, domain");
	case 18:
		return db_stmt("SELECT * FROM family_plan_goal WHERE version_id IN"
		               " (SELECT id FROM family_plan_version WHERE case_id IN " CASES ") ORDER BY version_id, position");
	case 19:
		return db_stmt("SELECT * FROM family_plan_service WHERE version_id IN"
		               " (SELECT id FROM family_plan_version WHERE case_id IN " CASES ") ORDER BY version_id, position");
	case 20:
		return db_stmt("SELECT j.*, u.name AS author, o.name AS author_organisation FROM journal_entry j"
		               " LEFT JOIN app_user u ON u.id = j.author_id LEFT JOIN organisation o ON o.id = j.author_org_id"
		               " WHERE j.case_id IN " CASES " ORDER BY j.id");
	case 21: return db_stmt("SELECT * FROM case_meeting WHERE case_id IN " CASES " ORDER BY id");
	case 22:
		return db_stmt("SELECT m.*, u.name AS person FROM case_meeting_invitee m LEFT JOIN app_user u"
		               " ON u.id = m.user_id WHERE m.meeting_id IN"
		               " (SELECT id FROM case_meeting WHERE case_id IN " CASES ") ORDER BY m.meeting_id, m.user_id");
	case 23: return db_stmt("SELECT * FROM case_agreement WHERE case_id IN " CASES " ORDER BY id");
	case 24: return db_stmt("SELECT * FROM case_evaluation WHERE case_id IN " CASES " ORDER BY id");
	case 25:
		return db_stmt("SELECT * FROM case_evaluation_condition WHERE evaluation_id IN"
		               " (SELECT id FROM case_evaluation WHERE case_id IN " CASES ") ORDER BY evaluation_id");
	case 26:
		return db_stmt("SELECT * FROM case_evaluation_domain WHERE evaluation_id IN"
		               " (SELECT id FROM case_evaluation WHERE case_id IN " CASES ") ORDER BY evaluation_id");
	case 27:
		return db_stmt("SELECT * FROM case_evaluation_goal WHERE evaluation_id IN"
		               " (SELECT id FROM case_evaluation WHERE case_id IN " CASES ") ORDER BY evaluation_id, position");
	case 28: return db_stmt("SELECT * FROM case_phase_change WHERE case_id IN " CASES " ORDER BY id");
	case 29: return db_stmt("SELECT * FROM case_escalation WHERE case_id IN " CASES " ORDER BY id");
	case 30: return db_stmt("SELECT * FROM case_closure WHERE case_id IN " CASES " ORDER BY id");
	case 31:
		return db_stmt("SELECT * FROM case_followup_check WHERE closure_id IN"
		               " (SELECT id FROM case_closure WHERE case_id IN " CASES ") ORDER BY id");
	case 32:
		/* through audit_household (never a scan of audit_log); organisation and role, not
		 * the professional's name, as the family's access log shows it */
		/* both logs (store/readlog.h), in time order: the household's own rows only */
		return db_stmt("SELECT x.at, o.name AS organisation, x.role, x.action, x.object_type, x.object_id,"
		               " x.outcome FROM (SELECT a.at, a.role, a.action, a.object_type, a.object_id, a.outcome,"
		               " a.organisation_id, 0 AS log, a.id FROM audit_household ah JOIN audit_log a"
		               " ON a.id = ah.audit_id WHERE ah.household_id = ?1"
		               " UNION ALL SELECT a.at, a.role, a.action, a.object_type, a.object_id, a.outcome,"
		               " a.organisation_id, 1, a.id FROM readlog.audit_household ah JOIN readlog.audit_log a"
		               " ON a.id = ah.audit_id WHERE ah.household_id = ?1"
		               /* the read log's records not yet in its household index (store/readlog_index.h) */
		               " UNION ALL SELECT a.at, a.role, a.action, a.object_type, a.object_id, a.outcome,"
		               " a.organisation_id, 1, a.id FROM readlog.audit_log a NOT INDEXED WHERE " READLOG_TAIL_ABOVE_MARK("a")
		               " AND " READLOG_TAIL_CONCERNS("a", "?1") ") x"
		               " LEFT JOIN organisation o ON o.id = x.organisation_id ORDER BY x.at, x.log, x.id");
	default: return NULL;
	}
}

bool household_export_walk(int64_t household_id, const household_export_visitor *v, void *arg)
{
	size_t n = sizeof sections / sizeof sections[0];
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = section_stmt(i);
		if (!st)
			return false;
		sqlite3_bind_int64(st, 1, household_id);
		v->section(arg, &sections[i]);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			v->row(arg, st);
		sqlite3_reset(st);
		v->section_end(arg, &sections[i]);
		if (rc != SQLITE_DONE)
			return false;
	}
	return true;
}
