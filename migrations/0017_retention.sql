-- 0017_retention: the 20-year retention of a closed case's client data (issue 10, item 7).
--   * setting bewaartermijn_jaren (20, the Jeugdwet's term), counted from the closure date;
--   * case_legal_hold: a recorded reason to keep a case past its term (who, why, until);
--   * retention_purge: the cases being deleted, filled and emptied inside the one
--     transaction that deletes them (store/retention.c). The history guards below let a
--     row go only while its case stands in it; outside that transaction they refuse as
--     before. No other connection ever sees a row of it;
--   * retention_log: what was deleted, without personal data (case number, team,
--     closure date, when) — the figures keep their counts on the anonymised handovers.
-- The audit log is not touched: it holds who, when, what and ids, never the contents.

INSERT INTO setting (key, value) VALUES ('bewaartermijn_jaren', '20');

CREATE TABLE case_legal_hold (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES casefile(id),
	held_by     TEXT NOT NULL CHECK (length(held_by) BETWEEN 1 AND 200),   -- who asked / decided
	reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),   -- why (procedure, claim, request)
	until_on    TEXT NOT NULL CHECK (until_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	created_at  TEXT NOT NULL DEFAULT (datetime('now')),
	released_at TEXT,
	released_by TEXT,
	release_reason TEXT
);
CREATE INDEX case_legal_hold_case ON case_legal_hold(case_id, until_on);
CREATE TRIGGER case_legal_hold_final BEFORE UPDATE OF case_id, held_by, reason, until_on, created_at ON case_legal_hold
BEGIN SELECT RAISE(ABORT, 'a legal hold is recorded as given; release it and record a new one'); END;

CREATE TABLE retention_purge (
	case_id      INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL
);

CREATE TABLE retention_log (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL,   -- the number the case had; the case itself is gone
	team_org_id INTEGER,
	closed_on   TEXT NOT NULL,
	deleted_at  TEXT NOT NULL DEFAULT (datetime('now')),
	household_deleted INTEGER NOT NULL CHECK (household_deleted IN (0, 1)),
	handovers_anonymised INTEGER NOT NULL
);
CREATE TRIGGER retention_log_no_update BEFORE UPDATE ON retention_log
BEGIN SELECT RAISE(ABORT, 'retention_log is append-only'); END;
CREATE TRIGGER retention_log_no_delete BEFORE DELETE ON retention_log
BEGIN SELECT RAISE(ABORT, 'retention_log is append-only'); END;

-- Closed cases by closure, for the daily run (an index, never a scan of all cases).
CREATE INDEX casefile_closed ON casefile(status, closed_at);

-- The history guards, each now letting a row go only during its case's deletion.
DROP TRIGGER handover_member_final_delete;
CREATE TRIGGER handover_member_final_delete BEFORE DELETE ON handover_member
WHEN (SELECT status FROM handover WHERE id = OLD.handover_id) <> 'concept'
 AND NOT EXISTS (SELECT 1 FROM retention_purge r JOIN handover h ON h.case_id = r.case_id WHERE h.id = OLD.handover_id)
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
DROP TRIGGER handover_condition_final_delete;
CREATE TRIGGER handover_condition_final_delete BEFORE DELETE ON handover_condition
WHEN (SELECT status FROM handover WHERE id = OLD.handover_id) <> 'concept'
 AND NOT EXISTS (SELECT 1 FROM retention_purge r JOIN handover h ON h.case_id = r.case_id WHERE h.id = OLD.handover_id)
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
DROP TRIGGER handover_warm_record_no_delete;
CREATE TRIGGER handover_warm_record_no_delete BEFORE DELETE ON handover_warm_record
WHEN NOT EXISTS (SELECT 1 FROM retention_purge r JOIN handover h ON h.case_id = r.case_id WHERE h.id = OLD.handover_id)
BEGIN SELECT RAISE(ABORT, 'warm handover records are append-only'); END;
DROP TRIGGER handover_submitted_is_final;
CREATE TRIGGER handover_submitted_is_final
BEFORE UPDATE OF receiving_org_id, urgency, household_name, address, reason, investigation_outcome,
	risk_assessment, providers, agreements, family_informed, family_informed_reason, contact, vt_org_id
ON handover WHEN OLD.status <> 'concept'
 AND NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final: add an addendum'); END;
DROP TRIGGER safety_plan_version_no_delete;
CREATE TRIGGER safety_plan_version_no_delete BEFORE DELETE ON safety_plan_version
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'safety plan versions are append-only'); END;
DROP TRIGGER safety_plan_item_no_delete;
CREATE TRIGGER safety_plan_item_no_delete BEFORE DELETE ON safety_plan_item
WHEN NOT EXISTS (SELECT 1 FROM retention_purge r JOIN safety_plan_version v ON v.case_id = r.case_id
                 WHERE v.id = OLD.version_id)
BEGIN SELECT RAISE(ABORT, 'safety plan versions are append-only'); END;
DROP TRIGGER case_involvement_no_delete;
CREATE TRIGGER case_involvement_no_delete BEFORE DELETE ON case_involvement
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'involvement history is kept'); END;
DROP TRIGGER journal_entry_no_delete;
CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'journal entries are kept'); END;
DROP TRIGGER family_plan_version_no_delete;
CREATE TRIGGER family_plan_version_no_delete BEFORE DELETE ON family_plan_version
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'family plan versions are append-only'); END;
DROP TRIGGER evaluation_no_delete;
CREATE TRIGGER evaluation_no_delete BEFORE DELETE ON case_evaluation
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'evaluations are kept as recorded'); END;
DROP TRIGGER case_phase_change_no_delete;
CREATE TRIGGER case_phase_change_no_delete BEFORE DELETE ON case_phase_change
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'phase changes are history'); END;
DROP TRIGGER case_closure_no_delete;
CREATE TRIGGER case_closure_no_delete BEFORE DELETE ON case_closure
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'a closure is history'); END;
DROP TRIGGER case_escalation_no_delete;
CREATE TRIGGER case_escalation_no_delete BEFORE DELETE ON case_escalation
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'escalations are history'); END;
DROP TRIGGER case_agreement_no_delete;
CREATE TRIGGER case_agreement_no_delete BEFORE DELETE ON case_agreement
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'agreements are tracked, not deleted'); END;
