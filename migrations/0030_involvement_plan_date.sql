-- 0030_involvement_plan_date.sql — the start page's unread safety plans walk the user's
-- involvements newest plan first and stop at the page (issue 11).
--
-- The panel "Nieuw veiligheidsplan" (professional, partner, team leader) lists the agreed
-- plans of the user's open cases that he/she has not read, newest plan first. Its
-- involvement arm read every open case the user is involved in (case_involvement_open),
-- the latest agreed version of each, and sorted them all: at a decade's volume a partner
-- in 216 open cases spent 3.75 M instructions of a 4.6 M start page on it. Each current
-- involvement now carries the date of its case's latest agreed plan (casefile.plan_agreed_on,
-- 0021), kept equal by the two triggers below, and the index orders a user's involvements
-- by it, so the arm reads newest first and stops once the page is full.
ALTER TABLE case_involvement ADD COLUMN plan_agreed_on TEXT;
UPDATE case_involvement SET plan_agreed_on = (SELECT plan_agreed_on FROM casefile WHERE id = case_involvement.case_id)
	WHERE ended_at IS NULL;
-- An ended involvement is history (case_involvement_ended_final): only current rows follow.
CREATE TRIGGER case_involvement_plan_agreed_on AFTER INSERT ON case_involvement
WHEN NEW.ended_at IS NULL
BEGIN
	UPDATE case_involvement SET plan_agreed_on = (SELECT plan_agreed_on FROM casefile WHERE id = NEW.case_id)
		WHERE id = NEW.id;
END;
CREATE TRIGGER casefile_plan_agreed_on_involvements AFTER UPDATE OF plan_agreed_on ON casefile
WHEN OLD.plan_agreed_on IS NOT NEW.plan_agreed_on
BEGIN
	UPDATE case_involvement SET plan_agreed_on = NEW.plan_agreed_on WHERE case_id = NEW.id AND ended_at IS NULL;
END;
CREATE INDEX case_involvement_plan ON case_involvement(user_id, org_id, plan_agreed_on, case_id)
	WHERE ended_at IS NULL AND case_open = 1 AND plan_agreed_on IS NOT NULL;
