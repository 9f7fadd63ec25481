-- 0022_flat_handover.sql — the handover panels of the start pages and /overdrachten
-- read only what is open, whatever the years behind it (issue 11).
--
-- Each index is partial: an entry leaves when the handover stops being open (taken,
-- decided, warm handover held and feedback given, returned handover ended), so walking
-- or counting it costs the open items, not history. Each is covering for the queries
-- that count or pick from it (handover_list.c), so no table row is read until the
-- few items a page shows.
--
-- handover_vt_open and handover_team_open keep their names and WHERE clauses (0004)
-- and gain the columns of the overdue rules; id right after the organisation keeps
-- the entries in id order, so "the newest five overdue" walks them from the end.
DROP INDEX handover_vt_open;
CREATE INDEX handover_vt_open ON handover(vt_org_id, id, status, submitted_at, decided_at, warm_held_date,
	feedback_first_at)
	WHERE status IN ('ingediend', 'in_behandeling')
	   OR (status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL));
DROP INDEX handover_team_open;
CREATE INDEX handover_team_open ON handover(taken_org_id, id, status, decided_at, warm_held_date, feedback_first_at)
	WHERE status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL);
-- Returned to Veilig Thuis and not yet ended (resent or closed): the count of the VT
-- start page and its list, newest decision first.
CREATE INDEX handover_vt_returned_open ON handover(vt_org_id, decided_at, status, ended_at)
	WHERE status = 'teruggelegd' AND ended_at IS NULL;

-- The totals of the two paged lists of /overdrachten ("51–100 van 6.012"): every
-- handover a VT organisation sent (per status, for the status filter), and a team's
-- decided handovers (TEAM_DECIDED_A/B of handover_list.c: accepted or returned after
-- the team took them, or returned from the joint triage by one of its team leaders).
-- Counting those rows grows with history; this tally is kept by the triggers below
-- in the same transaction as every change of a handover, so a total is one read.
--   list 'vt':      org_id = vt_org_id, status = the handover's status
--   list 'decided': org_id = the deciding team, status = ''
CREATE TABLE handover_tally (
	list   TEXT NOT NULL CHECK (list IN ('vt', 'decided')),
	org_id INTEGER NOT NULL,
	status TEXT NOT NULL,
	n      INTEGER NOT NULL,
	PRIMARY KEY (list, org_id, status)
) WITHOUT ROWID;
INSERT INTO handover_tally (list, org_id, status, n)
	SELECT 'vt', vt_org_id, status, count(*) FROM handover GROUP BY vt_org_id, status;
INSERT INTO handover_tally (list, org_id, status, n)
	SELECT 'decided', k, '', count(*) FROM (SELECT CASE
		WHEN taken_org_id IS NOT NULL AND status IN ('geaccepteerd', 'teruggelegd') THEN taken_org_id
		WHEN taken_org_id IS NULL AND status = 'teruggelegd' THEN decided_org_id END AS k FROM handover)
	WHERE k IS NOT NULL GROUP BY k;
CREATE TRIGGER handover_tally_insert AFTER INSERT ON handover
BEGIN
	INSERT INTO handover_tally (list, org_id, status, n) VALUES ('vt', NEW.vt_org_id, NEW.status, 1)
		ON CONFLICT (list, org_id, status) DO UPDATE SET n = n + 1;
	INSERT INTO handover_tally (list, org_id, status, n)
		SELECT 'decided', k, '', 1 FROM (SELECT CASE
			WHEN NEW.taken_org_id IS NOT NULL AND NEW.status IN ('geaccepteerd', 'teruggelegd') THEN NEW.taken_org_id
			WHEN NEW.taken_org_id IS NULL AND NEW.status = 'teruggelegd' THEN NEW.decided_org_id END AS k)
		WHERE k IS NOT NULL
		ON CONFLICT (list, org_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER handover_tally_delete AFTER DELETE ON handover
BEGIN
	UPDATE handover_tally SET n = n - 1 WHERE list = 'vt' AND org_id = OLD.vt_org_id AND status = OLD.status;
	UPDATE handover_tally SET n = n - 1 WHERE list = 'decided' AND status = '' AND org_id = CASE
		WHEN OLD.taken_org_id IS NOT NULL AND OLD.status IN ('geaccepteerd', 'teruggelegd') THEN OLD.taken_org_id
		WHEN OLD.taken_org_id IS NULL AND OLD.status = 'teruggelegd' THEN OLD.decided_org_id END;
END;
CREATE TRIGGER handover_tally_update AFTER UPDATE OF vt_org_id, status, taken_org_id, decided_org_id ON handover
BEGIN
	UPDATE handover_tally SET n = n - 1 WHERE list = 'vt' AND org_id = OLD.vt_org_id AND status = OLD.status;
	INSERT INTO handover_tally (list, org_id, status, n) VALUES ('vt', NEW.vt_org_id, NEW.status, 1)
		ON CONFLICT (list, org_id, status) DO UPDATE SET n = n + 1;
	UPDATE handover_tally SET n = n - 1 WHERE list = 'decided' AND status = '' AND org_id = CASE
		WHEN OLD.taken_org_id IS NOT NULL AND OLD.status IN ('geaccepteerd', 'teruggelegd') THEN OLD.taken_org_id
		WHEN OLD.taken_org_id IS NULL AND OLD.status = 'teruggelegd' THEN OLD.decided_org_id END;
	INSERT INTO handover_tally (list, org_id, status, n)
		SELECT 'decided', k, '', 1 FROM (SELECT CASE
			WHEN NEW.taken_org_id IS NOT NULL AND NEW.status IN ('geaccepteerd', 'teruggelegd') THEN NEW.taken_org_id
			WHEN NEW.taken_org_id IS NULL AND NEW.status = 'teruggelegd' THEN NEW.decided_org_id END AS k)
		WHERE k IS NOT NULL
		ON CONFLICT (list, org_id, status) DO UPDATE SET n = n + 1;
END;

-- The search of /overdrachten by period without a name (handover_search.c): the
-- handovers of the period, by the date the lists show (submitted, else created).
CREATE INDEX handover_period ON handover(coalesce(submitted_at, created_at));

-- "Veiligheidsvoorwaarde niet nageleefd" on the VT start page: the safety conditions
-- marked not kept whose handover's case is open. Walking the open cases to their
-- handovers and conditions costs the whole caseload on every start page; this set is
-- kept by the triggers below in the same transaction as every change of a condition's
-- status, a case's status or a handover's case, so the panel walks only its members.
-- A condition leaves when it is no longer "niet_nageleefd" or its case closes.
CREATE TABLE case_condition_broken_open (
	condition_id INTEGER PRIMARY KEY,
	handover_id  INTEGER NOT NULL
);
CREATE INDEX case_condition_broken_open_handover ON case_condition_broken_open(handover_id);
-- Whether a handover is accepted and by which VT, without reading its row (a handover
-- row is long: these columns lie behind its text, on overflow pages).
CREATE INDEX handover_accepted_vt ON handover(id, vt_org_id, status) WHERE status = 'geaccepteerd';
INSERT INTO case_condition_broken_open (condition_id, handover_id)
	SELECT k.id, k.handover_id FROM case_condition k JOIN handover h ON h.id = k.handover_id
	JOIN casefile c ON c.id = h.case_id WHERE k.status = 'niet_nageleefd' AND c.status = 'open';
CREATE TRIGGER case_condition_broken_insert AFTER INSERT ON case_condition WHEN NEW.status = 'niet_nageleefd'
BEGIN
	INSERT OR IGNORE INTO case_condition_broken_open (condition_id, handover_id)
		SELECT NEW.id, NEW.handover_id FROM handover h JOIN casefile c ON c.id = h.case_id
		WHERE h.id = NEW.handover_id AND c.status = 'open';
END;
CREATE TRIGGER case_condition_broken_update AFTER UPDATE OF status, handover_id ON case_condition
BEGIN
	DELETE FROM case_condition_broken_open WHERE condition_id = OLD.id;
	INSERT OR IGNORE INTO case_condition_broken_open (condition_id, handover_id)
		SELECT NEW.id, NEW.handover_id FROM handover h JOIN casefile c ON c.id = h.case_id
		WHERE h.id = NEW.handover_id AND c.status = 'open' AND NEW.status = 'niet_nageleefd';
END;
CREATE TRIGGER case_condition_broken_delete AFTER DELETE ON case_condition
BEGIN
	DELETE FROM case_condition_broken_open WHERE condition_id = OLD.id;
END;
CREATE TRIGGER case_condition_broken_case AFTER UPDATE OF status ON casefile
BEGIN
	DELETE FROM case_condition_broken_open
		WHERE handover_id IN (SELECT id FROM handover WHERE case_id = NEW.id);
	INSERT OR IGNORE INTO case_condition_broken_open (condition_id, handover_id)
		SELECT k.id, k.handover_id FROM handover h JOIN case_condition k ON k.handover_id = h.id
		WHERE h.case_id = NEW.id AND NEW.status = 'open' AND k.status = 'niet_nageleefd';
END;
CREATE TRIGGER case_condition_broken_handover AFTER UPDATE OF case_id ON handover
BEGIN
	DELETE FROM case_condition_broken_open WHERE handover_id = NEW.id;
	INSERT OR IGNORE INTO case_condition_broken_open (condition_id, handover_id)
		SELECT k.id, k.handover_id FROM case_condition k JOIN casefile c ON c.id = NEW.case_id
		WHERE k.handover_id = NEW.id AND c.status = 'open' AND k.status = 'niet_nageleefd';
END;
CREATE TRIGGER case_condition_broken_handover_delete AFTER DELETE ON handover
BEGIN
	DELETE FROM case_condition_broken_open WHERE handover_id = OLD.id;
END;
