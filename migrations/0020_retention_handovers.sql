-- 0020_retention_handovers: the retention term also covers a handover that never became
-- a case (withdrawn, returned, or a draft never submitted). Counted from the day it ended
-- (ended_at, else decided_at, else its last change), after the same term as a case
-- (setting bewaartermijn_jaren), it loses every personal field the way a case's handover
-- does (store/retention_handover.c), and the household made for it at submission goes with
-- its members when no case and no other handover names it.
--   * handover.anonymised_on: the day the retention run emptied it, so that the run's index
--     holds only what is still to come;
--   * retention_purge_handover: the handovers being emptied, filled and emptied inside the
--     one transaction that does it; the guards below let their rows go only then;
--   * retention_handover_log: what was done, without personal data.

ALTER TABLE handover ADD COLUMN anonymised_on TEXT;

CREATE TABLE retention_purge_handover (
	handover_id INTEGER PRIMARY KEY
);

CREATE TABLE retention_handover_log (
	id          INTEGER PRIMARY KEY,
	handover_id INTEGER NOT NULL,
	vt_org_id   INTEGER,
	status      TEXT NOT NULL,
	ended_on    TEXT NOT NULL,
	deleted_at  TEXT NOT NULL DEFAULT (datetime('now')),
	household_deleted INTEGER NOT NULL CHECK (household_deleted IN (0, 1))
);
CREATE TRIGGER retention_handover_log_no_update BEFORE UPDATE ON retention_handover_log
BEGIN SELECT RAISE(ABORT, 'retention_handover_log is append-only'); END;
CREATE TRIGGER retention_handover_log_no_delete BEFORE DELETE ON retention_handover_log
BEGIN SELECT RAISE(ABORT, 'retention_handover_log is append-only'); END;

-- What the daily run reads: only case-less handovers that ended and were not yet emptied.
CREATE INDEX handover_retention_due ON handover(coalesce(ended_at, decided_at, updated_at, created_at))
WHERE case_id IS NULL AND anonymised_on IS NULL AND status IN ('concept', 'teruggelegd', 'ingetrokken');

-- The history guards, each letting a row go only during its case's or its own deletion.
DROP TRIGGER handover_member_final_delete;
CREATE TRIGGER handover_member_final_delete BEFORE DELETE ON handover_member
WHEN (SELECT status FROM handover WHERE id = OLD.handover_id) <> 'concept'
 AND NOT EXISTS (SELECT 1 FROM retention_purge r JOIN handover h ON h.case_id = r.case_id WHERE h.id = OLD.handover_id)
 AND NOT EXISTS (SELECT 1 FROM retention_purge_handover WHERE handover_id = OLD.handover_id)
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
DROP TRIGGER handover_condition_final_delete;
CREATE TRIGGER handover_condition_final_delete BEFORE DELETE ON handover_condition
WHEN (SELECT status FROM handover WHERE id = OLD.handover_id) <> 'concept'
 AND NOT EXISTS (SELECT 1 FROM retention_purge r JOIN handover h ON h.case_id = r.case_id WHERE h.id = OLD.handover_id)
 AND NOT EXISTS (SELECT 1 FROM retention_purge_handover WHERE handover_id = OLD.handover_id)
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
DROP TRIGGER handover_warm_record_no_delete;
CREATE TRIGGER handover_warm_record_no_delete BEFORE DELETE ON handover_warm_record
WHEN NOT EXISTS (SELECT 1 FROM retention_purge r JOIN handover h ON h.case_id = r.case_id WHERE h.id = OLD.handover_id)
 AND NOT EXISTS (SELECT 1 FROM retention_purge_handover WHERE handover_id = OLD.handover_id)
BEGIN SELECT RAISE(ABORT, 'warm handover records are append-only'); END;
DROP TRIGGER handover_submitted_is_final;
CREATE TRIGGER handover_submitted_is_final
BEFORE UPDATE OF receiving_org_id, urgency, household_name, address, reason, investigation_outcome,
	risk_assessment, providers, agreements, family_informed, family_informed_reason, contact, vt_org_id
ON handover WHEN OLD.status <> 'concept'
 AND NOT EXISTS (SELECT 1 FROM retention_purge WHERE case_id = OLD.case_id)
 AND NOT EXISTS (SELECT 1 FROM retention_purge_handover WHERE handover_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final: add an addendum'); END;
