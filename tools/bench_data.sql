-- bench_data.sql — a year of a Veilig Thuis region for `make bench`: about 6,000
-- handovers of the demo's VT organisation spread over the last 365 days, to the demo's
-- local teams (a quarter of them through the joint triage), each with 3 members and 3
-- safety conditions; 1 in 12 returned, the rest accepted into a case of its own with a
-- regisseur (60 bench professionals without a password: they cannot log in), warm
-- handover and feedback mostly within the norm, and the last week still open.
--
-- tools/bench.sh runs this against its own temporary bench database only, after the
-- demo region was loaded. Never run it against a real database. Statements marked
-- "0004" need migration 0004 (receiving_triage, feedback_first_at).
BEGIN IMMEDIATE;

CREATE TEMP TABLE b_team AS
	SELECT o.id AS org_id, row_number() OVER (ORDER BY o.id) - 1 AS k,
	       (SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'teamleider'
	        WHERE u.organisation_id = o.id ORDER BY u.id LIMIT 1) AS leader
	FROM organisation o WHERE o.kind IN ('wijkteam', 'buurtteam');

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO app_user (username, name, organisation_id)
	SELECT 'bench.prof.' || t.k || '.' || n.i, 'Bench professional ' || t.k || '.' || n.i, t.org_id FROM b_team t, n;
INSERT INTO user_role (user_id, role) SELECT id, 'professional' FROM app_user WHERE username LIKE 'bench.prof.%';

-- i = 1 … 6000, oldest first; age in days; the team (k), and the triage for every fourth
CREATE TEMP TABLE b_h AS
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
	SELECT i, 100000 + i AS id, (6000 - i) * 365 / 6000 AS age, i % (SELECT count(*) FROM b_team) AS k,
	       i % 4 = 0 AS triage FROM n;

INSERT INTO handover (id, vt_org_id, created_by, receiving_org_id, urgency, household_name, address, reason,
	investigation_outcome, risk_assessment, providers, agreements, family_informed, family_informed_reason, contact,
	created_at, updated_at)
SELECT b.id, (SELECT id FROM organisation WHERE kind = 'veilig_thuis' ORDER BY id LIMIT 1),
	(SELECT id FROM app_user WHERE username = 'vt'),
	CASE WHEN b.triage THEN NULL ELSE t.org_id END, CASE WHEN b.i % 5 = 0 THEN 'hoog' ELSE 'normaal' END,
	'Bench gezin ' || b.i, 'Benchstraat ' || b.i || ', Venlo',
	'Melding na een incident thuis; zorgen van school en huisarts over de kinderen (bench).',
	'Huiselijk geweld vastgesteld; ouders erkennen het probleem en willen meewerken aan een veiligheidsplan.',
	'Onveilig met risico op herhaling; voorwaardelijk veilig met hulp.',
	'Huisarts (bench); school (bench); GGZ (bench).', 'Ouders werken mee; warme overdracht plannen.',
	'ja', '', 'Bench contactpersoon, Veilig Thuis',
	datetime('now', '-' || (b.age + 2) || ' days'), datetime('now', '-' || (b.age + 2) || ' days')
FROM b_h b JOIN b_team t ON t.k = b.k;
UPDATE handover SET receiving_triage = 1 WHERE id > 100000 AND receiving_org_id IS NULL; -- 0004

INSERT INTO handover_member (handover_id, position, name, name_key, birthdate, role)
SELECT b.id, p.pos, p.role_name || ' Bench ' || b.i, lower(p.role_name || ' bench ' || b.i),
	date('1980-01-01', '+' || ((b.i * 7 + p.pos * 3001) % 12000) || ' days'), p.role
FROM b_h b, (SELECT 1 AS pos, 'Ouder' AS role_name, 'ouder' AS role UNION ALL SELECT 2, 'Kind', 'kind'
             UNION ALL SELECT 3, 'Kind2', 'kind') p;
INSERT INTO handover_condition (handover_id, position, text)
SELECT b.id, c.pos, c.text FROM b_h b,
	(SELECT 1 AS pos, 'Er is geen geweld waar de kinderen bij zijn.' AS text
	 UNION ALL SELECT 2, 'De kinderen gaan elke schooldag naar school.'
	 UNION ALL SELECT 3, 'Ouders werken mee aan het veiligheidsplan.') c;

-- households and cases of the accepted ones (ids follow the handover: 100000 + i)
INSERT INTO household (id, name, address, created_at)
SELECT b.id, 'Bench gezin ' || b.i, 'Benchstraat ' || b.i || ', Venlo', datetime('now', '-' || b.age || ' days')
FROM b_h b WHERE b.age > 5 AND b.i % 12 <> 0;
INSERT INTO person (household_id, position, name, name_key, birthdate, role)
SELECT m.handover_id, m.position, m.name, m.name_key, m.birthdate, m.role FROM handover_member m
WHERE m.handover_id IN (SELECT id FROM household WHERE id > 100000);
INSERT INTO casefile (id, household_id, team_org_id, director_id, status, opened_at, closed_at, close_reason)
SELECT b.id, b.id, t.org_id,
	CASE WHEN b.k = 0 AND b.i % 250 = 0 THEN (SELECT id FROM app_user WHERE username = 'professional')
	     ELSE (SELECT id FROM app_user WHERE username = 'bench.prof.' || b.k || '.' || (b.i % 20 + 1)) END,
	CASE WHEN b.age > 180 THEN 'gesloten' ELSE 'open' END, datetime('now', '-' || (b.age - 3) || ' days'),
	CASE WHEN b.age > 180 THEN datetime('now', '-' || (b.age - 170) || ' days') END,
	CASE WHEN b.age > 180 THEN 'Veiligheid stabiel; afgeschaald (bench).' END
FROM b_h b JOIN b_team t ON t.k = b.k WHERE b.age > 5 AND b.i % 12 <> 0;
INSERT INTO case_director (case_id, user_id, set_by, set_at, reason)
SELECT c.id, c.director_id, t.leader, c.opened_at, 'Casus geopend' FROM casefile c JOIN b_team t ON t.org_id = c.team_org_id
WHERE c.id > 100000;
INSERT INTO case_involvement (case_id, org_id, user_id, role, since)
SELECT id, team_org_id, NULL, 'team', opened_at FROM casefile WHERE id > 100000
UNION ALL SELECT id, team_org_id, director_id, 'regisseur', opened_at FROM casefile WHERE id > 100000
UNION ALL SELECT id, (SELECT id FROM organisation WHERE kind = 'veilig_thuis' ORDER BY id LIMIT 1), NULL, 'overdragend',
	opened_at FROM casefile WHERE id > 100000;
INSERT INTO case_condition (case_id, handover_id, position, text, status)
SELECT k.handover_id, k.handover_id, k.position, k.text,
	CASE (k.handover_id + k.position) % 4 WHEN 0 THEN 'nog_niet_besproken' WHEN 1 THEN 'afgesproken'
	     WHEN 2 THEN 'nageleefd' ELSE 'niet_nageleefd' END
FROM handover_condition k WHERE k.handover_id IN (SELECT id FROM casefile WHERE id > 100000);

-- the course of each handover: the last week open, 1 in 12 returned, the rest accepted;
-- about 1 in 100 accepted ones misses its warm handover and 1 in 90 its feedback
UPDATE handover SET
	status = CASE WHEN (SELECT age FROM b_h WHERE b_h.id = handover.id) <= 5
	              THEN CASE WHEN id % 2 = 0 THEN 'ingediend' ELSE 'in_behandeling' END
	              WHEN id % 12 = 4 THEN 'teruggelegd' ELSE 'geaccepteerd' END
WHERE id > 100000;
UPDATE handover SET
	submitted_at = created_at, submitted_by = created_by,
	taken_org_id = CASE WHEN status = 'ingediend' THEN NULL
	                    ELSE coalesce(receiving_org_id, (SELECT org_id FROM b_team t, b_h b WHERE b.id = handover.id AND t.k = b.k)) END,
	taken_at = CASE WHEN status = 'ingediend' THEN NULL ELSE datetime(created_at, '+1 days') END,
	taken_reason = CASE WHEN status = 'ingediend' THEN NULL ELSE 'Gezin woont in het werkgebied van dit team (bench).' END
WHERE id > 100000;
UPDATE handover SET taken_by = (SELECT leader FROM b_team WHERE org_id = handover.taken_org_id) WHERE id > 100000 AND taken_org_id IS NOT NULL;
UPDATE handover SET
	decided_at = datetime(submitted_at, '+3 days'), decided_by = taken_by, decided_org_id = taken_org_id,
	case_id = CASE WHEN status = 'geaccepteerd' THEN id END, household_id = CASE WHEN status = 'geaccepteerd' THEN id END,
	return_category = CASE WHEN status = 'teruggelegd' THEN 'geen_lokale_taak' END,
	return_reason = CASE WHEN status = 'teruggelegd' THEN 'Geen taak voor het lokale veld (bench).' END
WHERE id > 100000 AND status IN ('geaccepteerd', 'teruggelegd');
UPDATE handover SET
	warm_planned_date = date(submitted_at, '+9 days'), warm_held_date = date(submitted_at, '+10 days'),
	warm_present = 'VT, regisseur, beide ouders (bench)', warm_family_present = 'ja',
	warm_outcome = 'Overdracht met het gezin doorgenomen (bench).', warm_recorded_by = taken_by,
	warm_recorded_at = datetime(submitted_at, '+10 days')
WHERE id > 100000 AND status = 'geaccepteerd' AND submitted_at < datetime('now', '-14 days') AND id % 100 <> 7;
INSERT INTO handover_feedback (handover_id, case_id, author_id, created_at, agreements, with_family, agreed_on)
SELECT h.id, h.case_id, c.director_id, datetime(h.submitted_at, '+14 days'),
	'Veiligheidsplan met beide ouders opgesteld en ondertekend (bench).', 'ja', date(h.submitted_at, '+12 days')
FROM handover h JOIN casefile c ON c.id = h.case_id
WHERE h.id > 100000 AND h.status = 'geaccepteerd' AND h.submitted_at < datetime('now', '-20 days') AND h.id % 90 <> 11;
UPDATE handover SET feedback_first_at = (SELECT min(created_at) FROM handover_feedback f WHERE f.handover_id = handover.id) WHERE id > 100000; -- 0004

COMMIT;
ANALYZE;
