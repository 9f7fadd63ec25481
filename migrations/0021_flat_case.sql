-- 0021_flat_case.sql — the case side of the lists, start pages and searches read what they
-- show, however many years of cases lie behind them (issue 11).

-- The case list (/casussen), newest first: a team's cases and one regisseur's cases walked
-- in id order from the keyset, LIMIT a page, instead of collecting and sorting a team's
-- whole history.
CREATE INDEX casefile_team_case ON casefile(team_org_id, id);
CREATE INDEX casefile_director_case ON casefile(director_id, id);

-- A user's current (not ended) involvements by case: the case list's own cases, newest first.
CREATE INDEX case_involvement_current ON case_involvement(user_id, case_id) WHERE ended_at IS NULL;

-- Whether the case of a current involvement is open. Involvements are not ended when their
-- case closes (closing keeps who was involved), so "the open cases I am involved in" read
-- from the involvements alone would read every case the user was ever involved in. The flag
-- is kept by the two triggers below and only means something while ended_at IS NULL (an
-- ended involvement is history: case_involvement_ended_final forbids touching it).
ALTER TABLE case_involvement ADD COLUMN case_open INTEGER NOT NULL DEFAULT 1 CHECK (case_open IN (0, 1));
UPDATE case_involvement SET case_open = 0
 WHERE ended_at IS NULL AND case_id IN (SELECT id FROM casefile WHERE status <> 'open');
CREATE TRIGGER case_involvement_case_open AFTER INSERT ON case_involvement
WHEN NEW.ended_at IS NULL AND NOT EXISTS (SELECT 1 FROM casefile WHERE id = NEW.case_id AND status = 'open')
BEGIN UPDATE case_involvement SET case_open = 0 WHERE id = NEW.id; END;
CREATE TRIGGER casefile_status_involvements AFTER UPDATE OF status ON casefile
WHEN OLD.status IS NOT NEW.status
BEGIN
	UPDATE case_involvement SET case_open = (NEW.status = 'open') WHERE case_id = NEW.id AND ended_at IS NULL;
END;
-- The open cases a user is currently involved in: entries leave when the case closes or the
-- involvement ends (start-page panels: involved cases, unread safety plans).
CREATE INDEX case_involvement_open ON case_involvement(user_id, case_id) WHERE ended_at IS NULL AND case_open = 1;

-- The case list's search on household name, keyed by case: FTS5 gives its matches in rowid
-- order, so the search walks the matching cases newest first from the keyset and stops at a
-- page, instead of collecting every matching household (all of them for a common word) and
-- sorting their cases. Same tokenizer as household_search, so the same cases match. Prefix
-- indexes for words of 1 to 8 letters make a typed prefix one term, read lazily; without them
-- FTS5 merges every term with that prefix on each query. The table keeps its own copy of the
-- name, so a row is removed by case id alone (retention deletes the case).
CREATE VIRTUAL TABLE case_name_search USING fts5(name, tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3 4 5 6 7 8');
INSERT INTO case_name_search(rowid, name) SELECT c.id, h.name FROM casefile c JOIN household h ON h.id = c.household_id;
-- one segment: a seek for one case then reads one b-tree, not one per segment of the bulk load
INSERT INTO case_name_search(case_name_search) VALUES ('optimize');
CREATE TRIGGER case_name_search_insert AFTER INSERT ON casefile
BEGIN INSERT INTO case_name_search(rowid, name) SELECT NEW.id, name FROM household WHERE id = NEW.household_id; END;
CREATE TRIGGER case_name_search_household AFTER UPDATE OF household_id ON casefile
BEGIN
	DELETE FROM case_name_search WHERE rowid = OLD.id;
	INSERT INTO case_name_search(rowid, name) SELECT NEW.id, name FROM household WHERE id = NEW.household_id;
END;
CREATE TRIGGER case_name_search_delete AFTER DELETE ON casefile
BEGIN DELETE FROM case_name_search WHERE rowid = OLD.id; END;
CREATE TRIGGER case_name_search_rename AFTER UPDATE OF name ON household
BEGIN
	DELETE FROM case_name_search WHERE rowid IN (SELECT id FROM casefile WHERE household_id = NEW.id);
	INSERT INTO case_name_search(rowid, name) SELECT id, NEW.name FROM casefile WHERE household_id = NEW.id;
END;

-- The team leader's caseload per regisseur (/casussen, start page): the range of the team's
-- open cases, grouped in index order and counted from the index alone (status is a column,
-- not a partial index's WHERE, so that the plan is covering without statistics).
CREATE INDEX casefile_team_director ON casefile(team_org_id, status, director_id);

-- Escalations waiting for a decision, oldest first (start-page panels): entries leave when
-- the escalation is decided or de-escalated.
CREATE INDEX case_escalation_pending ON case_escalation(escalated_on, id)
	WHERE decided_on IS NULL AND deescalated_on IS NULL;

-- The twin check on submitting a handover: the organisation's live submissions of the last
-- days, by date, not every accepted handover it ever sent.
CREATE INDEX handover_vt_submitted ON handover(vt_org_id, submitted_at)
	WHERE status IN ('ingediend', 'in_behandeling', 'geaccepteerd');

-- A case's latest agreed safety plan version with its date, from the index alone (start
-- page: unread safety plans, one probe per open case of the user).
CREATE INDEX safety_plan_version_latest ON safety_plan_version(case_id, status, n, agreed_on);

-- The agreed date of a case's latest agreed safety plan version ("Nieuw veiligheidsplan" on
-- a team leader's start page is sorted by it, newest first). Versions are append-only
-- (safety_plan_version_no_update), so one trigger on insert keeps it. With it the team's open
-- cases are walked newest plan first and the walk stops at a page of unread ones, instead of
-- finding the latest version of every open case of the team and sorting them all.
ALTER TABLE casefile ADD COLUMN plan_agreed_on TEXT;
UPDATE casefile SET plan_agreed_on = (SELECT v.agreed_on FROM safety_plan_version v
	WHERE v.case_id = casefile.id AND v.status = 'vastgesteld' ORDER BY v.n DESC LIMIT 1);
CREATE TRIGGER safety_plan_version_agreed_on AFTER INSERT ON safety_plan_version
WHEN NEW.status = 'vastgesteld' AND NOT EXISTS (SELECT 1 FROM safety_plan_version
	WHERE case_id = NEW.case_id AND status = 'vastgesteld' AND n > NEW.n)
BEGIN UPDATE casefile SET plan_agreed_on = NEW.agreed_on WHERE id = NEW.case_id; END;
CREATE INDEX casefile_team_plan ON casefile(team_org_id, plan_agreed_on, id)
	WHERE status = 'open' AND plan_agreed_on IS NOT NULL;

-- Hermeldingen of a regisseur's cases (start page): the marks of the last weeks by date,
-- each checked against the case's regisseur, instead of every case he/she ever directed.
CREATE INDEX case_re_report_at ON case_re_report(reported_at);
