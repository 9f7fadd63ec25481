-- 0030_involvement_plan_date.sql — the start page's unread safety plans walk the user's
-- involvements newest plan first and stop at the page (issue 11).
--
-- The panel "Nieuw veiligheidsplan" (professional, partner, team leader) lists the agreed
-- plans of the user's open cases that he/she has not read, newest plan first. Its
-- involvement arm read every open case the user is involved in (case_involvement_open),
-- the latest agreed version of each, and sorted them all: at a decade's volume a partner
-- in 216 open cases spent 3.75 M instructions of a 4.6 M start page on it. Each current
-- involvement now carries the date of its case's latest agreed plan (casefile.plan_agreed_on,
-- 0021), kept equal by the triggers below, and the index orders a user's involvements by
-- it, so the arm reads newest first and stops once the page is full.
--
-- Like case_open (0021) the column is bookkeeping for a current involvement: an ended one
-- is history (case_involvement_ended_final) and keeps the date it had when it ended. The
-- household export labels it accordingly.
ALTER TABLE case_involvement ADD COLUMN case_plan_agreed_on TEXT;
UPDATE case_involvement SET case_plan_agreed_on = (SELECT plan_agreed_on FROM casefile WHERE id = case_involvement.case_id)
	WHERE ended_at IS NULL;
CREATE TRIGGER case_involvement_plan_agreed_on AFTER INSERT ON case_involvement
WHEN NEW.ended_at IS NULL
BEGIN
	UPDATE case_involvement SET case_plan_agreed_on = (SELECT plan_agreed_on FROM casefile WHERE id = NEW.case_id)
		WHERE id = NEW.id;
END;
CREATE TRIGGER casefile_plan_agreed_on_involvements AFTER UPDATE OF plan_agreed_on ON casefile
WHEN OLD.plan_agreed_on IS NOT NEW.plan_agreed_on
BEGIN
	UPDATE case_involvement SET case_plan_agreed_on = NEW.plan_agreed_on WHERE case_id = NEW.id AND ended_at IS NULL;
END;
-- The copy is never written otherwise, and an involvement never moves to another case.
CREATE TRIGGER case_involvement_plan_agreed_on_copy BEFORE UPDATE OF case_plan_agreed_on ON case_involvement
WHEN NEW.case_plan_agreed_on IS NOT (SELECT plan_agreed_on FROM casefile WHERE id = NEW.case_id)
BEGIN SELECT RAISE(ABORT, 'case_plan_agreed_on is the case''s plan_agreed_on'); END;
CREATE TRIGGER case_involvement_case_fixed BEFORE UPDATE OF case_id ON case_involvement
WHEN OLD.case_id IS NOT NEW.case_id
BEGIN SELECT RAISE(ABORT, 'an involvement stays with its case'); END;
CREATE INDEX case_involvement_plan ON case_involvement(user_id, org_id, case_plan_agreed_on, case_id)
	WHERE ended_at IS NULL AND case_open = 1 AND case_plan_agreed_on IS NOT NULL;
