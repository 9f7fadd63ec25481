-- 0004_handover_fixes: what the handover area learned from its first user test.
--  * receiving_triage: the joint triage is an explicit choice (a concept without a
--    team is "nog niet gekozen", not "triage"); final once submitted like the rest.
--  * form_key: the one-time key of the "nieuwe overdracht" form, so that a double
--    submit finds the handover the first one made instead of creating a second.
--  * feedback_first_at: the moment of the first feedback (terugkoppeling), kept on
--    the handover so the start pages find open deadlines without a subquery.
--  * handover_warm_record: every recording of the warm handover, never edited: a
--    correction adds a row, so nothing recorded is lost.
--  * indexes for the start-page panels, the team inbox and the figures.

ALTER TABLE handover ADD COLUMN receiving_triage INTEGER NOT NULL DEFAULT 0 CHECK (receiving_triage IN (0, 1));
UPDATE handover SET receiving_triage = 1 WHERE receiving_org_id IS NULL AND status <> 'concept';

CREATE TRIGGER handover_triage_is_final
BEFORE UPDATE OF receiving_triage ON handover
WHEN OLD.status <> 'concept' AND NEW.receiving_triage IS NOT OLD.receiving_triage
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final: add an addendum'); END;

ALTER TABLE handover ADD COLUMN form_key TEXT CHECK (form_key IS NULL OR length(form_key) BETWEEN 16 AND 64);
CREATE UNIQUE INDEX handover_form_key ON handover(created_by, form_key) WHERE form_key IS NOT NULL;

ALTER TABLE handover ADD COLUMN feedback_first_at TEXT;
UPDATE handover SET feedback_first_at = (SELECT min(f.created_at) FROM handover_feedback f WHERE f.handover_id = handover.id);

CREATE TABLE handover_warm_record (
	id             INTEGER PRIMARY KEY,
	handover_id    INTEGER NOT NULL REFERENCES handover(id),
	planned_date   TEXT,
	held_date      TEXT,
	present        TEXT,
	family_present TEXT CHECK (family_present IN ('ja', 'nee')),
	family_reason  TEXT,
	outcome        TEXT,
	recorded_by    INTEGER NOT NULL REFERENCES app_user(id),
	recorded_at    TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX handover_warm_record_handover ON handover_warm_record(handover_id, id);
CREATE TRIGGER handover_warm_record_no_update BEFORE UPDATE ON handover_warm_record
BEGIN SELECT RAISE(ABORT, 'warm handover records are append-only'); END;
CREATE TRIGGER handover_warm_record_no_delete BEFORE DELETE ON handover_warm_record
BEGIN SELECT RAISE(ABORT, 'warm handover records are append-only'); END;
INSERT INTO handover_warm_record (handover_id, planned_date, held_date, present, family_present, family_reason,
	outcome, recorded_by, recorded_at)
SELECT id, warm_planned_date, warm_held_date, warm_present, warm_family_present, warm_family_reason, warm_outcome,
	warm_recorded_by, warm_recorded_at FROM handover WHERE warm_recorded_at IS NOT NULL AND warm_recorded_by IS NOT NULL;

-- Start page of Veilig Thuis: only what can still be overdue (the WHERE clause is
-- repeated word for word in handover.c so that SQLite uses this partial index).
CREATE INDEX handover_vt_open ON handover(vt_org_id, status)
	WHERE status IN ('ingediend', 'in_behandeling')
	   OR (status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL));
-- Start page of a team leader and a regisseur: accepted, warm handover or feedback open.
CREATE INDEX handover_team_open ON handover(taken_org_id)
	WHERE status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL);
-- The decided list of a team, newest first; the figures by submission cohort.
CREATE INDEX handover_team_decided ON handover(taken_org_id, decided_at);
CREATE INDEX handover_submitted ON handover(submitted_at);
CREATE INDEX handover_returned ON handover(vt_org_id, decided_at) WHERE status = 'teruggelegd';
-- The feedback of a case page in one query.
CREATE INDEX handover_feedback_case ON handover_feedback(case_id, handover_id, id);
-- A regisseur's open cases.
CREATE INDEX casefile_director ON casefile(director_id, status);
