-- 0026_flat_home.sql — the start pages of vt, teamleider, professional and partner
-- read only what they show, whatever the years behind them (issue 11).
--
-- "Veiligheidsvoorwaarde niet nageleefd: N" on the VT start page counts the accepted
-- handovers of the VT organisation with at least one condition in
-- case_condition_broken_open (0022). Counting walks every member of that set (all the
-- open caseload's broken conditions) on every start page; this tally holds the count
-- per VT organisation, kept by the triggers below in the same transaction as every
-- change of the set or of a member handover's status or organisation. The page then
-- reads the count in one step and walks the set only for the newest five.
--   n = count(DISTINCT b.handover_id) FROM case_condition_broken_open b
--       JOIN handover h ON h.id = b.handover_id
--       WHERE h.vt_org_id = vt_org_id AND h.status = 'geaccepteerd'
CREATE TABLE handover_broken_tally (
	vt_org_id INTEGER PRIMARY KEY,
	n         INTEGER NOT NULL
);
INSERT INTO handover_broken_tally (vt_org_id, n)
	SELECT h.vt_org_id, count(DISTINCT b.handover_id) FROM case_condition_broken_open b
	JOIN handover h ON h.id = b.handover_id WHERE h.status = 'geaccepteerd' GROUP BY h.vt_org_id;
-- a handover enters when its first condition enters the set (rows of the set are only
-- inserted and deleted, never updated: 0022's triggers delete and insert)
CREATE TRIGGER handover_broken_tally_enter AFTER INSERT ON case_condition_broken_open
	WHEN (SELECT count(*) FROM case_condition_broken_open WHERE handover_id = NEW.handover_id) = 1
BEGIN
	INSERT INTO handover_broken_tally (vt_org_id, n)
		SELECT vt_org_id, 1 FROM handover WHERE id = NEW.handover_id AND status = 'geaccepteerd'
		ON CONFLICT (vt_org_id) DO UPDATE SET n = n + 1;
END;
-- and leaves when its last one leaves (a deleted handover was taken off before: below)
CREATE TRIGGER handover_broken_tally_leave AFTER DELETE ON case_condition_broken_open
	WHEN NOT EXISTS (SELECT 1 FROM case_condition_broken_open WHERE handover_id = OLD.handover_id)
BEGIN
	UPDATE handover_broken_tally SET n = n - 1
		WHERE vt_org_id = (SELECT vt_org_id FROM handover WHERE id = OLD.handover_id AND status = 'geaccepteerd');
END;
-- a member handover that stops or starts being accepted, or moves to another VT
CREATE TRIGGER handover_broken_tally_handover AFTER UPDATE OF status, vt_org_id ON handover
	WHEN EXISTS (SELECT 1 FROM case_condition_broken_open WHERE handover_id = NEW.id)
BEGIN
	UPDATE handover_broken_tally SET n = n - 1 WHERE OLD.status = 'geaccepteerd' AND vt_org_id = OLD.vt_org_id;
	INSERT INTO handover_broken_tally (vt_org_id, n)
		SELECT NEW.vt_org_id, 1 WHERE NEW.status = 'geaccepteerd'
		ON CONFLICT (vt_org_id) DO UPDATE SET n = n + 1;
END;
-- a deleted member handover (retention): counted off before its row goes; 0022's
-- AFTER DELETE trigger then removes its conditions from the set, and the leave
-- trigger above finds no handover row to count off again
CREATE TRIGGER handover_broken_tally_handover_delete BEFORE DELETE ON handover
	WHEN OLD.status = 'geaccepteerd' AND EXISTS (SELECT 1 FROM case_condition_broken_open WHERE handover_id = OLD.id)
BEGIN
	UPDATE handover_broken_tally SET n = n - 1 WHERE vt_org_id = OLD.vt_org_id;
END;

-- "Termijn overschreden in uw casussen" on the regisseur's start page: the accepted
-- handovers of his/her open cases whose warm handover or feedback is still open. The
-- panel walks the open cases (casefile_director_open) to their handovers; this covering
-- partial index answers "still open?" without reading a handover row (a long row: the
-- columns lie behind its text, on overflow pages), and an entry leaves when the warm
-- handover is held and the feedback given.
CREATE INDEX handover_case_open ON handover(case_id, id, status, warm_held_date, feedback_first_at)
	WHERE status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL);

-- "Evaluatie te laat" on the start pages of a team leader (the team's open cases) and a
-- regisseur (his/her own): the open cases whose next evaluation date (EVALUATION_DUE_SQL
-- of store/family_plan.h: the latest evaluation's next date, else the opening date plus
-- the norm of setting norm_evaluatie_weken) lies before today, earliest first. Computing
-- that date for every open case of a team and sorting costs the whole caseload on every
-- start page; this table holds it for each open case, kept by the triggers below in the
-- same transaction as every change of a case, of its evaluation date or of the norm,
-- and its two indexes give a panel's first page from the earliest due date on.
-- A case leaves when it closes (or is purged); it returns when reopened.
CREATE TABLE case_evaluation_open (
	case_id     INTEGER PRIMARY KEY REFERENCES casefile(id),
	team_org_id INTEGER NOT NULL,
	director_id INTEGER NOT NULL,
	due_on      TEXT NOT NULL
);
CREATE INDEX case_evaluation_open_team ON case_evaluation_open(team_org_id, due_on, case_id, director_id);
CREATE INDEX case_evaluation_open_director ON case_evaluation_open(director_id, due_on, case_id);
-- The norm in weeks as evaluation_norm_weeks() reads it: digits 1..52, else 6.
CREATE VIEW evaluation_norm AS SELECT coalesce((SELECT CAST(value AS INTEGER) FROM setting
	WHERE key = 'norm_evaluatie_weken' AND value <> '' AND value NOT GLOB '*[^0-9]*'
	AND CAST(value AS INTEGER) BETWEEN 1 AND 52), 6) AS weeks;
INSERT INTO case_evaluation_open (case_id, team_org_id, director_id, due_on)
	SELECT c.id, c.team_org_id, c.director_id,
	       coalesce(d.due_on, date(c.opened_at, '+' || (7 * (SELECT weeks FROM evaluation_norm)) || ' days'))
	FROM casefile c LEFT JOIN case_evaluation_due d ON d.case_id = c.id WHERE c.status = 'open';
CREATE TRIGGER case_evaluation_open_insert AFTER INSERT ON casefile WHEN NEW.status = 'open'
BEGIN
	INSERT OR REPLACE INTO case_evaluation_open (case_id, team_org_id, director_id, due_on)
		SELECT c.id, c.team_org_id, c.director_id,
		       coalesce(d.due_on, date(c.opened_at, '+' || (7 * (SELECT weeks FROM evaluation_norm)) || ' days'))
		FROM casefile c LEFT JOIN case_evaluation_due d ON d.case_id = c.id WHERE c.id = NEW.id;
END;
CREATE TRIGGER case_evaluation_open_update AFTER UPDATE OF status, team_org_id, director_id, opened_at ON casefile
BEGIN
	DELETE FROM case_evaluation_open WHERE case_id = OLD.id;
	INSERT OR REPLACE INTO case_evaluation_open (case_id, team_org_id, director_id, due_on)
		SELECT c.id, c.team_org_id, c.director_id,
		       coalesce(d.due_on, date(c.opened_at, '+' || (7 * (SELECT weeks FROM evaluation_norm)) || ' days'))
		FROM casefile c LEFT JOIN case_evaluation_due d ON d.case_id = c.id WHERE c.id = NEW.id AND c.status = 'open';
END;
CREATE TRIGGER case_evaluation_open_delete AFTER DELETE ON casefile
BEGIN
	DELETE FROM case_evaluation_open WHERE case_id = OLD.id;
END;
-- the case's evaluation date is set, changed or removed: its row follows
CREATE TRIGGER case_evaluation_open_due_insert AFTER INSERT ON case_evaluation_due
BEGIN
	UPDATE case_evaluation_open SET due_on = NEW.due_on WHERE case_id = NEW.case_id;
END;
CREATE TRIGGER case_evaluation_open_due_update AFTER UPDATE ON case_evaluation_due
BEGIN
	UPDATE case_evaluation_open SET due_on = (SELECT
		coalesce(d.due_on, date(c.opened_at, '+' || (7 * (SELECT weeks FROM evaluation_norm)) || ' days'))
		FROM casefile c LEFT JOIN case_evaluation_due d ON d.case_id = c.id WHERE c.id = case_evaluation_open.case_id)
	WHERE case_id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER case_evaluation_open_due_delete AFTER DELETE ON case_evaluation_due
BEGIN
	UPDATE case_evaluation_open SET due_on = (SELECT date(c.opened_at, '+' || (7 * (SELECT weeks FROM evaluation_norm))
		|| ' days') FROM casefile c WHERE c.id = case_evaluation_open.case_id)
	WHERE case_id = OLD.case_id;
END;
-- the norm changes: every open case without an evaluation date follows (rare: an
-- administrator's setting; costs the open cases once, not every start page)
CREATE TRIGGER case_evaluation_open_norm_insert AFTER INSERT ON setting WHEN NEW.key = 'norm_evaluatie_weken'
BEGIN
	UPDATE case_evaluation_open SET due_on = (SELECT date(c.opened_at, '+' || (7 * (SELECT weeks FROM evaluation_norm))
		|| ' days') FROM casefile c WHERE c.id = case_evaluation_open.case_id)
	WHERE case_id NOT IN (SELECT case_id FROM case_evaluation_due);
END;
CREATE TRIGGER case_evaluation_open_norm_update AFTER UPDATE ON setting
	WHEN NEW.key = 'norm_evaluatie_weken' OR OLD.key = 'norm_evaluatie_weken'
BEGIN
	UPDATE case_evaluation_open SET due_on = (SELECT date(c.opened_at, '+' || (7 * (SELECT weeks FROM evaluation_norm))
		|| ' days') FROM casefile c WHERE c.id = case_evaluation_open.case_id)
	WHERE case_id NOT IN (SELECT case_id FROM case_evaluation_due);
END;
CREATE TRIGGER case_evaluation_open_norm_delete AFTER DELETE ON setting WHEN OLD.key = 'norm_evaluatie_weken'
BEGIN
	UPDATE case_evaluation_open SET due_on = (SELECT date(c.opened_at, '+' || (7 * (SELECT weeks FROM evaluation_norm))
		|| ' days') FROM casefile c WHERE c.id = case_evaluation_open.case_id)
	WHERE case_id NOT IN (SELECT case_id FROM case_evaluation_due);
END;
