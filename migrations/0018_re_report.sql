-- 0018_re_report: a hermelding is marked for the team of the case (issue 8, item 6).
-- When Veilig Thuis submits a handover whose member matches a person of a household
-- with an open case, or one closed within bekend_gesloten_maanden, the pair
-- (handover, case) is recorded here with the case's team, whichever team or triage
-- the handover was sent to. The team leader and the regisseur of that case see it
-- on their start page (pages/re_report.c) and the triage sees the other team's case
-- at the handover in the inbox. Kept by a trigger on submission: no code path can
-- submit without it.
CREATE TABLE case_re_report (
	handover_id INTEGER NOT NULL REFERENCES handover(id),
	case_id     INTEGER NOT NULL REFERENCES casefile(id),
	team_org_id INTEGER NOT NULL REFERENCES organisation(id),
	case_open   INTEGER NOT NULL CHECK (case_open IN (0, 1)),
	reported_at TEXT NOT NULL,
	PRIMARY KEY (handover_id, case_id)
) WITHOUT ROWID;
CREATE INDEX case_re_report_team ON case_re_report(team_org_id, reported_at);
CREATE INDEX case_re_report_case ON case_re_report(case_id);

CREATE TRIGGER handover_re_report AFTER UPDATE OF status ON handover
WHEN OLD.status = 'concept' AND NEW.status = 'ingediend'
BEGIN
	INSERT OR IGNORE INTO case_re_report (handover_id, case_id, team_org_id, case_open, reported_at)
	SELECT DISTINCT NEW.id, c.id, c.team_org_id, c.status = 'open', coalesce(NEW.submitted_at, datetime('now'))
	FROM handover_member hm
	JOIN person p ON p.name_key = hm.name_key AND p.birthdate = hm.birthdate
	JOIN casefile c ON c.household_id = p.household_id
	JOIN organisation o ON o.id = c.team_org_id AND o.kind IN ('wijkteam', 'buurtteam')
	WHERE hm.handover_id = NEW.id AND hm.name_key <> ''
	  AND (c.status = 'open' OR c.closed_at >= datetime('now', '-' ||
	       coalesce((SELECT value FROM setting WHERE key = 'bekend_gesloten_maanden'), '12') || ' months'));
END;

-- Handovers already submitted and not yet decided: mark them now.
INSERT OR IGNORE INTO case_re_report (handover_id, case_id, team_org_id, case_open, reported_at)
SELECT DISTINCT h.id, c.id, c.team_org_id, c.status = 'open', h.submitted_at
FROM handover h
JOIN handover_member hm ON hm.handover_id = h.id AND hm.name_key <> ''
JOIN person p ON p.name_key = hm.name_key AND p.birthdate = hm.birthdate
JOIN casefile c ON c.household_id = p.household_id AND c.opened_at < h.submitted_at
JOIN organisation o ON o.id = c.team_org_id AND o.kind IN ('wijkteam', 'buurtteam')
WHERE h.status IN ('ingediend', 'in_behandeling') AND h.submitted_at IS NOT NULL
  AND (h.case_id IS NULL OR h.case_id <> c.id)
  AND (c.status = 'open' OR c.closed_at >= datetime('now', '-' ||
       coalesce((SELECT value FROM setting WHERE key = 'bekend_gesloten_maanden'), '12') || ' months'));
