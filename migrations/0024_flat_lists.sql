-- 0024_flat_lists.sql — the team leader's /overdrachten inbox and /casussen read what
-- they show, not the region behind it (issue 11).
--
-- The caseload per regisseur (the team leader's /casussen and start page): counting a
-- team's open cases per regisseur walks every open case of the team on every request.
-- This tally is kept by the triggers below in the same transaction as every change of a
-- case (opened, closed, reopened, another regisseur or team, deleted by retention), so
-- the caseload is one short range of rows. A regisseur whose count falls to 0 leaves.
CREATE TABLE case_caseload_tally (
	team_org_id INTEGER NOT NULL,
	director_id INTEGER NOT NULL,
	n           INTEGER NOT NULL CHECK (n > 0),
	PRIMARY KEY (team_org_id, director_id)
) WITHOUT ROWID;
INSERT INTO case_caseload_tally (team_org_id, director_id, n)
	SELECT team_org_id, director_id, count(*) FROM casefile WHERE status = 'open' GROUP BY team_org_id, director_id;
CREATE TRIGGER case_caseload_tally_insert AFTER INSERT ON casefile WHEN NEW.status = 'open'
BEGIN
	INSERT INTO case_caseload_tally (team_org_id, director_id, n) VALUES (NEW.team_org_id, NEW.director_id, 1)
		ON CONFLICT (team_org_id, director_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER case_caseload_tally_delete AFTER DELETE ON casefile WHEN OLD.status = 'open'
BEGIN
	DELETE FROM case_caseload_tally WHERE team_org_id = OLD.team_org_id AND director_id = OLD.director_id AND n = 1;
	UPDATE case_caseload_tally SET n = n - 1 WHERE team_org_id = OLD.team_org_id AND director_id = OLD.director_id;
END;
CREATE TRIGGER case_caseload_tally_update AFTER UPDATE OF status, team_org_id, director_id ON casefile
WHEN OLD.status = 'open' OR NEW.status = 'open'
BEGIN
	DELETE FROM case_caseload_tally WHERE OLD.status = 'open'
		AND team_org_id = OLD.team_org_id AND director_id = OLD.director_id AND n = 1;
	UPDATE case_caseload_tally SET n = n - 1 WHERE OLD.status = 'open'
		AND team_org_id = OLD.team_org_id AND director_id = OLD.director_id;
	INSERT INTO case_caseload_tally (team_org_id, director_id, n)
		SELECT NEW.team_org_id, NEW.director_id, 1 WHERE NEW.status = 'open'
		ON CONFLICT (team_org_id, director_id) DO UPDATE SET n = n + 1;
END;

-- "Already known" of the inbox (handover_inbox_known): per inbox handover its members,
-- the persons with the same name and birth date, their households' cases of the team.
-- Covering indexes for the three steps, so that no member, person or case row is read
-- (the inbox is the open handovers; each step was a table row per match).
CREATE INDEX handover_member_match ON handover_member(handover_id, name_key, birthdate);
CREATE INDEX person_match_household ON person(name_key, birthdate, household_id);
CREATE INDEX casefile_household_team ON casefile(household_id, team_org_id, status, closed_at);
