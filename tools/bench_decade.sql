-- bench_decade.sql — ten years of a Veilig Thuis region for `make bench` (issue 11), on top
-- of the demo region, generated in SQL alone (recursive CTEs). The figures below are for ten
-- years; b_scale.years (bench.sh creates it, 1 for the bench's year of data) scales the
-- handovers, the days, the journal and the audit rows alike, so that a year and a decade
-- hold the same region at the same pace, with a tenth of its history:
--   60,000 handovers over 3,650 days (a quarter through the joint triage; 1 in 24 returned,
--   1 in 3 a new notification about a family that already has a case), 37,500 cases, each
--   household with 4 members (150,000 persons), 3 conditions per case, involvements (team,
--   regisseur, VT, and the demo school in 1 in 10), 2 safety plan versions per case (3 in every
--   fourth) with 12 items each, 2 family plan versions for every second case with ZRM scores
--   (4 members x 6 domains), goals and services, 200,000 journal entries, a meeting and an
--   evaluation for every second case, and 20,000,000 audit rows spread over the ten years.
-- What is open is what a region holds open: a case closes after about 200 days (1 in 10 runs
-- on, but none longer than two years), the partner's involvement ends with the case, a
-- returned handover is closed by VT after a few weeks, and every handover older than three
-- months has its warm handover and first feedback recorded (1 in 100 / 1 in 90 younger ones
-- still wait).
-- Every bench professional (20 per local team) has no password: nobody can log in as one.
-- The demo users keep a few of the cases (the professional 1 in 250 of team 0's) so that
-- their pages meet the volume.
--
-- Audit rows: plain rows (no hash chain: its validity does not matter on a bench database).
-- The audit rows go where the daemon puts them: views into the read log (b.db.readlog),
-- changes into the database's audit_log, each with its audit_household rows.
--
-- Run it from a scratch directory: it writes three small statement files (.kr-bench-*.sql)
-- into the current directory. tools/bench.sh runs this against its own temporary bench database only. NEVER run it
-- against a real database: it writes synthetic client data and drops and rebuilds indexes.
PRAGMA synchronous = OFF;
PRAGMA journal_mode = MEMORY;
PRAGMA cache_size = -262144;
PRAGMA mmap_size = 8589934592;
-- temp_store stays the default (files): with temp_store = MEMORY the sorter of CREATE INDEX
-- uses no worker threads. Measured: 3 M rows 2.9 s instead of 4.9 s of CPU; at 20 M rows the
-- three audit_log indexes still cost 47 + 29 + 44 s of CPU, ~75 % of the whole script.
PRAGMA threads = 2;
BEGIN IMMEDIATE;

CREATE TEMP TABLE b_team AS
	SELECT o.id AS org_id, row_number() OVER (ORDER BY o.id) - 1 AS k,
	       (SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'teamleider'
	        WHERE u.organisation_id = o.id ORDER BY u.id LIMIT 1) AS leader
	FROM organisation o WHERE o.kind IN ('wijkteam', 'buurtteam');
-- the scale when bench.sh did not set it: ten years
CREATE TEMP TABLE IF NOT EXISTS b_scale AS SELECT 10 AS years;
CREATE TEMP TABLE b_const AS SELECT
	(SELECT 6000 * years FROM b_scale) AS handovers,
	(SELECT 365 * years FROM b_scale) AS days,
	(SELECT 20000 * years FROM b_scale) AS journal,
	(SELECT 2000000 * years FROM b_scale) AS audits,
	(SELECT id FROM organisation WHERE kind = 'veilig_thuis' ORDER BY id LIMIT 1) AS vt_org,
	(SELECT id FROM app_user WHERE username = 'vt') AS vt_user,
	(SELECT id FROM app_user WHERE username = 'professional') AS prof,
	(SELECT id FROM app_user WHERE username = 'partner') AS partner,
	(SELECT organisation_id FROM app_user WHERE username = 'partner') AS partner_org,
	(SELECT count(*) FROM b_team) AS teams;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO app_user (username, name, organisation_id)
	SELECT 'bench.prof.' || t.k || '.' || n.i, 'Bench professional ' || t.k || '.' || n.i, t.org_id FROM b_team t, n;
INSERT INTO user_role (user_id, role) SELECT id, 'professional' FROM app_user WHERE username LIKE 'bench.prof.%';
CREATE TEMP TABLE b_prof AS
	SELECT u.id, t.k, CAST(substr(u.username, length('bench.prof.' || t.k || '.') + 1) AS INTEGER) AS j
	FROM app_user u JOIN b_team t ON u.username LIKE 'bench.prof.' || t.k || '.%';
CREATE INDEX b_prof_kj ON b_prof (k, j);

-- i = 1 … 60000 (6,000 a year), oldest first; base: the handover whose case this one belongs to
-- (a new notification, i % 3 = 2, joins the case of i - 1); kind: what became of it
CREATE TEMP TABLE b_h AS
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT handovers FROM b_const))
	SELECT i, 1000000 + i AS id, (c.handovers - i) * c.days / c.handovers AS age,
	       CASE WHEN i % 3 = 2 THEN i - 1 ELSE i END AS base,
	       (CASE WHEN i % 3 = 2 THEN i - 1 ELSE i END) % (SELECT teams FROM b_const) AS k,
	       i % 4 = 0 AS triage,
	       CASE WHEN (c.handovers - i) * c.days / c.handovers <= 5 THEN 'open' WHEN i % 24 = 0 THEN 'ret'
	            WHEN i % 3 = 2 THEN 'twin' ELSE 'case' END AS kind
	FROM n, b_const c;
CREATE INDEX b_h_id ON b_h (id);
-- the cases: one per base handover that was accepted
CREATE TEMP TABLE b_c AS
	SELECT b.id, b.i, b.age, b.k, t.org_id AS team, t.leader,
	       CASE WHEN b.k = 0 AND b.i % 250 = 1 THEN (SELECT prof FROM b_const)
	            ELSE (SELECT p.id FROM b_prof p WHERE p.k = b.k AND p.j = b.i % 20 + 1) END AS director,
	       b.age > 200 AND (b.i % 10 <> 1 OR b.age > 730) AS closed
	FROM b_h b JOIN b_team t ON t.k = b.k WHERE b.kind = 'case';
CREATE INDEX b_c_id ON b_c (id);
CREATE TEMP TABLE b_n AS SELECT count(*) AS n FROM b_c;

INSERT INTO handover (id, vt_org_id, created_by, receiving_org_id, urgency, household_name, address, reason,
	investigation_outcome, risk_assessment, providers, agreements, family_informed, family_informed_reason, contact,
	created_at, updated_at, receiving_triage)
SELECT b.id, c.vt_org, c.vt_user, CASE WHEN b.triage THEN NULL ELSE t.org_id END,
	CASE WHEN b.i % 5 = 0 THEN 'hoog' ELSE 'normaal' END,
	'Decade gezin ' || b.base, 'Decadestraat ' || b.base || ', Venlo',
	'Melding na een incident thuis; zorgen van school en huisarts over de kinderen (bench).',
	'Huiselijk geweld vastgesteld; ouders erkennen het probleem en willen meewerken aan een veiligheidsplan.',
	'Onveilig met risico op herhaling; voorwaardelijk veilig met hulp.',
	'Huisarts (bench); school (bench); GGZ (bench).', 'Ouders werken mee; warme overdracht plannen.',
	'ja', '', 'Bench contactpersoon, Veilig Thuis',
	datetime('now', -(b.age + 2) || ' days'), datetime('now', -(b.age + 2) || ' days'), b.triage
FROM b_h b JOIN b_team t ON t.k = b.k, b_const c;

INSERT INTO handover_member (handover_id, position, name, name_key, birthdate, role)
SELECT b.id, p.pos, p.role_name || ' Decade ' || b.base, lower(p.role_name || ' decade ' || b.base),
	date('1975-01-01', '+' || ((b.base * 7 + p.pos * 3001) % 15000) || ' days'), p.role
FROM b_h b, (SELECT 1 AS pos, 'Ouder' AS role_name, 'ouder' AS role UNION ALL SELECT 2, 'Ouder2', 'ouder'
             UNION ALL SELECT 3, 'Kind', 'kind' UNION ALL SELECT 4, 'Kind2', 'kind') p;
INSERT INTO handover_condition (handover_id, position, text)
SELECT b.id, c.pos, c.text FROM b_h b,
	(SELECT 1 AS pos, 'Er is geen geweld waar de kinderen bij zijn.' AS text
	 UNION ALL SELECT 2, 'De kinderen gaan elke schooldag naar school.'
	 UNION ALL SELECT 3, 'Ouders werken mee aan het veiligheidsplan.') c;

-- households, persons and cases (ids follow the base handover)
INSERT INTO household (id, name, address, created_at)
SELECT c.id, 'Decade gezin ' || c.i, 'Decadestraat ' || c.i || ', Venlo', datetime('now', '-' || c.age || ' days')
FROM b_c c;
INSERT INTO person (household_id, position, name, name_key, birthdate, role)
SELECT m.handover_id, m.position, m.name, m.name_key, m.birthdate, m.role
FROM b_c c JOIN handover_member m ON m.handover_id = c.id;
INSERT INTO casefile (id, household_id, team_org_id, director_id, status, opened_at, closed_at, close_reason, phase,
	activity_on)
SELECT c.id, c.id, c.team, c.director, CASE WHEN c.closed THEN 'gesloten' ELSE 'open' END,
	datetime('now', -(c.age - 3) || ' days'),
	CASE WHEN c.closed THEN datetime('now', -(c.age - 190) || ' days') END,
	CASE WHEN c.closed THEN 'Veiligheid stabiel; afgeschaald (bench).' END,
	CASE WHEN c.closed THEN 5 ELSE 1 + c.i % 4 END,
	date('now', '-' || max(c.age - 190, c.i % 90) || ' days')
FROM b_c c;
INSERT INTO case_director (case_id, user_id, set_by, set_at, reason)
SELECT c.id, c.director, c.leader, datetime('now', -(c.age - 3) || ' days'), 'Casus geopend' FROM b_c c;
INSERT INTO case_involvement (case_id, org_id, user_id, role, since)
SELECT c.id, c.team, NULL, 'team', datetime('now', -(c.age - 3) || ' days') FROM b_c c
UNION ALL SELECT c.id, c.team, c.director, 'regisseur', datetime('now', -(c.age - 3) || ' days') FROM b_c c
UNION ALL SELECT c.id, k.vt_org, NULL, 'overdragend', datetime('now', -(c.age - 3) || ' days') FROM b_c c, b_const k;
-- the partner's involvement ends when the case closes, as the regisseur ends it (involvement_end)
INSERT INTO case_involvement (case_id, org_id, user_id, role, since, family_informed, basis, consent_of, consent_on,
	ended_at, ended_on, ended_reason, ended_by)
SELECT c.id, k.partner_org, k.partner, 'betrokken', datetime('now', -(c.age - 5) || ' days'), 'ja',
	'toestemming', 'Ouders (bench)', date('now', -(c.age - 5) || ' days'),
	CASE WHEN c.closed THEN datetime('now', -(c.age - 190) || ' days') END,
	CASE WHEN c.closed THEN date('now', -(c.age - 190) || ' days') END,
	CASE WHEN c.closed THEN 'Casus afgesloten (bench).' ELSE '' END,
	CASE WHEN c.closed THEN c.director END
FROM b_c c, b_const k WHERE c.i % 10 = 3;
INSERT INTO case_condition (case_id, handover_id, position, text, status)
SELECT c.id, c.id, k.position, k.text,
	CASE (c.id + k.position) % 4 WHEN 0 THEN 'nog_niet_besproken' WHEN 1 THEN 'afgesproken'
	     WHEN 2 THEN 'nageleefd' ELSE 'niet_nageleefd' END
FROM b_c c JOIN handover_condition k ON k.handover_id = c.id;
INSERT INTO case_evaluation_due (case_id, due_on)
SELECT c.id, date('now', (c.i % 120 - 20) || ' days') FROM b_c c WHERE NOT c.closed;

-- the course of each handover
UPDATE handover SET
	status = CASE b.kind WHEN 'open' THEN CASE WHEN b.i % 2 = 0 THEN 'ingediend' ELSE 'in_behandeling' END
	                     WHEN 'ret' THEN 'teruggelegd' ELSE 'geaccepteerd' END,
	submitted_at = created_at, submitted_by = created_by,
	taken_org_id = CASE WHEN b.kind = 'open' AND b.i % 2 = 0 THEN NULL ELSE t.org_id END,
	taken_by = CASE WHEN b.kind = 'open' AND b.i % 2 = 0 THEN NULL ELSE t.leader END,
	taken_at = CASE WHEN b.kind = 'open' AND b.i % 2 = 0 THEN NULL ELSE datetime(created_at, '+1 days') END,
	taken_reason = CASE WHEN b.kind = 'open' AND b.i % 2 = 0 THEN NULL
	                    ELSE 'Gezin woont in het werkgebied van dit team (bench).' END,
	decided_at = CASE WHEN b.kind IN ('case', 'twin', 'ret') THEN datetime(created_at, '+3 days') END,
	decided_by = CASE WHEN b.kind IN ('case', 'twin', 'ret') THEN t.leader END,
	decided_org_id = CASE WHEN b.kind IN ('case', 'twin', 'ret') THEN t.org_id END,
	case_id = CASE WHEN b.kind IN ('case', 'twin') THEN 1000000 + b.base END,
	household_id = CASE WHEN b.kind IN ('case', 'twin') THEN 1000000 + b.base END,
	return_category = CASE WHEN b.kind = 'ret' THEN 'geen_lokale_taak' END,
	return_reason = CASE WHEN b.kind = 'ret' THEN 'Geen taak voor het lokale veld (bench).' END,
	warm_planned_date = CASE WHEN b.kind IN ('case', 'twin') AND b.age > 14 THEN date(created_at, '+9 days') END,
	warm_held_date = CASE WHEN b.kind IN ('case', 'twin') AND b.age > 14 AND (b.i % 100 <> 7 OR b.age > 90) THEN date(created_at, '+10 days') END,
	warm_present = CASE WHEN b.kind IN ('case', 'twin') AND b.age > 14 AND (b.i % 100 <> 7 OR b.age > 90) THEN 'VT, regisseur, ouders (bench)' END,
	warm_family_present = CASE WHEN b.kind IN ('case', 'twin') AND b.age > 14 AND (b.i % 100 <> 7 OR b.age > 90) THEN 'ja' END,
	warm_outcome = CASE WHEN b.kind IN ('case', 'twin') AND b.age > 14 AND (b.i % 100 <> 7 OR b.age > 90) THEN 'Doorgenomen (bench).' END,
	warm_recorded_by = CASE WHEN b.kind IN ('case', 'twin') AND b.age > 14 AND (b.i % 100 <> 7 OR b.age > 90) THEN t.leader END,
	warm_recorded_at = CASE WHEN b.kind IN ('case', 'twin') AND b.age > 14 AND (b.i % 100 <> 7 OR b.age > 90) THEN datetime(created_at, '+10 days') END,
	-- a returned handover is closed by VT after a few weeks (handover_close_returned)
	ended_at = CASE WHEN b.kind = 'ret' AND b.age > 30 THEN datetime(created_at, '+24 days') END,
	ended_by = CASE WHEN b.kind = 'ret' AND b.age > 30 THEN created_by END,
	end_reason = CASE WHEN b.kind = 'ret' AND b.age > 30 THEN 'Besproken met de melder; Veilig Thuis pakt het zelf op (bench).' END
FROM b_h b JOIN b_team t ON t.k = b.k WHERE b.id = handover.id;
-- feedback to VT, also on a new notification about a family with a case (a "twin")
INSERT INTO handover_feedback (handover_id, case_id, author_id, created_at, agreements, with_family, agreed_on)
SELECT c.id, c.id, c.director, datetime('now', -(c.age - 14) || ' days'),
	'Veiligheidsplan met beide ouders opgesteld en ondertekend (bench).', 'ja', date('now', -(c.age - 12) || ' days')
FROM b_c c WHERE c.age > 20 AND (c.i % 90 <> 11 OR c.age > 90);
INSERT INTO handover_feedback (handover_id, case_id, author_id, created_at, agreements, with_family, agreed_on)
SELECT h.id, h.case_id, c.director_id, datetime(h.created_at, '+16 days'),
	'Veiligheidsplan met beide ouders opgesteld en ondertekend (bench).', 'ja', date(h.created_at, '+14 days')
FROM handover h JOIN casefile c ON c.id = h.case_id
WHERE h.id > 1000000 AND (h.id - 1000000) % 3 = 2 AND h.status = 'geaccepteerd'
	AND h.created_at < datetime('now', '-22 days')
	AND ((h.id - 1000000) % 90 <> 11 OR h.created_at < datetime('now', '-92 days'));
UPDATE handover SET feedback_first_at = f.first
FROM (SELECT handover_id, min(created_at) AS first FROM handover_feedback GROUP BY handover_id) f
WHERE f.handover_id = handover.id AND handover.id > 1000000;

-- safety plans: version 1 (concept) and 2 (vastgesteld), a third for every fourth case
CREATE TEMP TABLE b_sv AS
	SELECT c.id AS case_id, v.n, c.director, c.age, c.i FROM b_c c,
		(SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) v WHERE v.n < 3 OR c.i % 4 = 1;
INSERT INTO safety_plan_version (case_id, n, status, what_happened, family_view, professional_view, strengths,
	evaluation_date, agreed_on, saved_by, saved_at)
SELECT s.case_id, s.n, CASE WHEN s.n = 1 THEN 'concept' ELSE 'vastgesteld' END,
	'Incident thuis waar de kinderen bij waren; politie ingeschakeld (bench).',
	'Ouders willen dat het stopt en werken mee (bench).', 'Onveilig met risico op herhaling (bench).',
	'Betrokken grootouders; kinderen gaan graag naar school (bench).',
	date('now', -(s.age - 90 * s.n) || ' days'),
	CASE WHEN s.n > 1 THEN date('now', -(s.age - 30 * s.n) || ' days') END,
	s.director, datetime('now', -(s.age - 30 * s.n) || ' days')
FROM b_sv s;
INSERT INTO safety_plan_item (version_id, part, position, a, b, c, d, e, org_id)
SELECT v.id, p.part, p.pos, p.a || ' (versie ' || v.n || ')', p.b, '', '', '', NULL
FROM safety_plan_version v,
	(SELECT 'gevaar' AS part, 1 AS pos, 'Vader slaat moeder als hij gedronken heeft' AS a, 'Kinderen zijn erbij' AS b
	 UNION ALL SELECT 'gevaar', 2, 'Moeder schreeuwt en gooit met spullen', 'Kinderen slapen slecht'
	 UNION ALL SELECT 'doel', 1, 'Er is geen geweld meer in huis', 'Binnen drie maanden'
	 UNION ALL SELECT 'doel', 2, 'De kinderen voelen zich veilig thuis', 'Binnen zes maanden'
	 UNION ALL SELECT 'afspraak', 1, 'Vader drinkt niet als de kinderen thuis zijn', 'Vader'
	 UNION ALL SELECT 'afspraak', 2, 'Bij ruzie gaat vader naar zijn broer', 'Vader, oom'
	 UNION ALL SELECT 'netwerk', 1, 'Oma (moederszijde)', 'Komt dagelijks langs'
	 UNION ALL SELECT 'netwerk', 2, 'Buurvrouw', 'Kan de kinderen opvangen'
	 UNION ALL SELECT 'signaal', 1, 'Vader komt laat en gedronken thuis', 'Moeder belt oma'
	 UNION ALL SELECT 'crisis', 1, 'Politie 112', 'Bij direct gevaar'
	 UNION ALL SELECT 'toezicht', 1, 'Regisseur belt elke week', 'Wijkteam'
	 UNION ALL SELECT 'schaal', 1, '6', 'Iets beter dan vorige maand') p
WHERE v.case_id > 1000000;

-- family plans for every second case: 2 versions, ZRM 4 members x 6 domains, 3 goals, 2 services
CREATE TEMP TABLE b_fc AS SELECT * FROM b_c WHERE i % 2 = 1;
INSERT INTO family_plan_version (case_id, n, family_goals, strengths, worries, saved_by, saved_at)
SELECT f.id, v.n, 'Rust in huis en de kinderen veilig (bench).', 'Ouders zijn betrokken (bench).',
	'Drankgebruik van vader (bench).', f.director, datetime('now', -(f.age - 20 - 60 * v.n) || ' days')
FROM b_fc f, (SELECT 1 AS n UNION ALL SELECT 2) v;
INSERT INTO family_plan_score (version_id, person_id, domain, score, scored_on, source, note)
SELECT v.id, p.id, d.domain, 1 + (p.id + d.domain + v.n) % 5, date(v.saved_at), 'Gesprek met ouders (bench)', ''
FROM family_plan_version v JOIN person p ON p.household_id = v.case_id,
	(SELECT 1 AS domain UNION ALL SELECT 2 UNION ALL SELECT 4 UNION ALL SELECT 6 UNION ALL SELECT 9
	 UNION ALL SELECT 12) d
WHERE v.case_id > 1000000;
INSERT INTO family_plan_goal (version_id, position, domain, person_id, what, target, who, due_on, status)
SELECT v.id, g.pos, g.domain, NULL, g.what, 4, 'Ouders', date(v.saved_at, '+90 days'),
	CASE WHEN v.n = 1 THEN 'loopt' ELSE 'open' END
FROM family_plan_version v,
	(SELECT 1 AS pos, 1 AS domain, 'Schulden in beeld bij de schuldhulp' AS what
	 UNION ALL SELECT 2, 6, 'Vader volgt een behandeling voor zijn drankgebruik'
	 UNION ALL SELECT 3, 12, 'Kinderen hebben een vaste plek om huiswerk te maken') g
WHERE v.case_id > 1000000;
INSERT INTO family_plan_service (version_id, position, provider, what, from_on)
SELECT v.id, s.pos, s.provider, s.what, date(v.saved_at)
FROM family_plan_version v,
	(SELECT 1 AS pos, 'Verslavingszorg (bench)' AS provider, 'Ambulante behandeling' AS what
	 UNION ALL SELECT 2, 'Schuldhulpverlening (bench)', 'Budgetbeheer') s
WHERE v.case_id > 1000000;

-- meetings and evaluations for every second case
INSERT INTO case_meeting (case_id, held_on, start_time, location, agenda, notes, created_by, created_at)
SELECT f.id, date('now', -(f.age - 40) || ' days'), '10:00', 'Wijkteam (bench)',
	'Veiligheidsplan doornemen; afspraken met het netwerk (bench).', 'Afspraken gemaakt (bench).', f.director,
	datetime('now', -(f.age - 40) || ' days')
FROM b_fc f;
INSERT INTO case_meeting_invitee (meeting_id, user_id, present)
SELECT m.id, m.created_by, 'ja' FROM case_meeting m WHERE m.case_id > 1000000;
INSERT INTO case_evaluation (case_id, held_on, family_view, scale_trend, conclusion, conclusion_note, next_on,
	created_by, created_at)
SELECT f.id, date('now', -(f.age - 100) || ' days'), 'Het gaat beter (bench).', 'Van 4 naar 6',
	CASE WHEN f.closed THEN 'afsluiten' ELSE 'doorgaan' END, '', date('now', -(f.age - 190) || ' days'),
	f.director, datetime('now', -(f.age - 100) || ' days')
FROM b_fc f WHERE f.age > 100;
INSERT INTO case_evaluation_domain (evaluation_id, person_id, domain, start_score, now_score)
SELECT e.id, p.id, d.domain, 2 + p.id % 2, 3 + p.id % 3
FROM case_evaluation e JOIN person p ON p.household_id = e.case_id,
	(SELECT 1 AS domain UNION ALL SELECT 6 UNION ALL SELECT 12) d
WHERE e.case_id > 1000000;

-- 200,000 journal entries (20,000 a year): about 5 per case, spread over the case's life
WITH RECURSIVE n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < (SELECT journal - 1 FROM b_const))
INSERT INTO journal_entry (case_id, author_id, author_org_id, part, entry_date, body, created_at)
SELECT c.id, c.director, c.team, CASE n.j % 3 WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 2048 END,
	date('now', '-' || max(c.age - 3 - (n.j / (SELECT journal / 5 FROM b_const)) * 30, 0) || ' days'),
	'Huisbezoek afgelegd; afspraken uit het veiligheidsplan doorgenomen met beide ouders (bench ' || n.j || ').',
	datetime('now', '-' || max(c.age - 3 - (n.j / (SELECT journal / 5 FROM b_const)) * 30, 0) || ' days')
FROM n JOIN b_c c ON c.rowid = n.j % (SELECT n FROM b_n) + 1;

-- 20,000,000 audit rows over ten years (2,000,000 a year), oldest first (one every 15.768 s): case views by the
-- regisseur and, one in ten, a change. Each goes where the daemon puts it since the read log
-- exists (src/store/readlog.h): the 18,000,000 views into the read log (b.db.readlog, which
-- bench.sh has the daemon create before this script), the 2,000,000 changes into the
-- database's own audit_log, the change log. In both, the indexes of audit_log are dropped
-- first and rebuilt after (sorting once is much faster than millions of inserts into each).
ATTACH 'b.db.readlog' AS readlog;
CREATE TEMP TABLE b_audit_index AS
	SELECT sql FROM main.sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL
	UNION ALL
	SELECT replace(sql, 'CREATE INDEX ', 'CREATE INDEX readlog.') FROM readlog.sqlite_schema
	WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL;
.once .kr-bench-drop.sql
SELECT 'DROP INDEX main.' || name || ';' FROM main.sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL
UNION ALL
SELECT 'DROP INDEX readlog.' || name || ';' FROM readlog.sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL;
.read .kr-bench-drop.sql
-- 3,650 days (365 a year) x 5,480 times of day, the strings made once each
CREATE TEMP TABLE b_day AS
	WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < (SELECT days - 1 FROM b_const))
	SELECT n, date('now', '-' || (SELECT days FROM b_const) || ' days', '+' || n || ' days') AS day FROM d;
CREATE TEMP TABLE b_tod AS
	WITH RECURSIVE t(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM t WHERE n < 5479)
	SELECT n, strftime('T%H:%M:%fZ', '2000-01-01', '+' || (n * 15.768) || ' seconds') AS tod FROM t;
-- The chain's guard admits one chained row at a time (migration 0015); these bulk rows
-- carry no hashes, so the guards go for the load and `serve` puts them back at start (and
-- records that). The chains of a bench database therefore do not verify: `check` fails on
-- it, by design of the chain. The same holds for audit_household's guards: in the database
-- it admits rows of the newest audit row only; in the read log (version 4) rows between its
-- watermark and head, which the bulk rows are, but at two subqueries a row, 18 million times
-- (it made the generation 105 -> 177 s). The bulk rows are ten years of history, older than
-- the demo phase's rows; their ids follow the load, not the time.
DROP TRIGGER IF EXISTS main.audit_log_append_only;
DROP TRIGGER IF EXISTS readlog.audit_log_append_only;
DROP TRIGGER IF EXISTS main.audit_household_newest_only;
DROP TRIGGER IF EXISTS readlog.audit_household_newest_only;
DROP TRIGGER IF EXISTS readlog.audit_household_above_mark;
-- the rows before the bulk load (the demo's, and the bench's demo phase) have their
-- audit_household rows already, written by the daemon
CREATE TEMP TABLE b_audit_start AS SELECT (SELECT coalesce(max(id), 0) FROM main.audit_log) AS change_id,
	(SELECT coalesce(max(id), 0) FROM readlog.audit_log) AS read_id;
CREATE TEMP VIEW b_audit AS
SELECT d.day || t.tod AS at, c.director AS user_id, c.team AS org, t.n % 10 = 9 AS change, c.id AS case_id
FROM b_day d CROSS JOIN b_tod t JOIN b_c c ON c.rowid = ((d.n * 5480 + t.n) * 7919) % (SELECT n FROM b_n) + 1
WHERE d.n * 5480 + t.n < (SELECT audits FROM b_const);
INSERT INTO readlog.audit_log (at, user_id, username, role, organisation_id, action, object_type, object_id,
	household_id, address, outcome, detail)
SELECT at, user_id, 'bench.prof', 'professional', org, 'view', 'case', case_id, case_id, '127.0.0.1', 'allowed', NULL
FROM b_audit WHERE NOT change;
INSERT INTO main.audit_log (at, user_id, username, role, organisation_id, action, object_type, object_id,
	household_id, address, outcome, detail)
SELECT at, user_id, 'bench.prof', 'professional', org, 'update', 'case', case_id, case_id, '127.0.0.1', 'allowed', NULL
FROM b_audit WHERE change;
.once .kr-bench-create.sql
SELECT sql || ';' FROM b_audit_index;
.read .kr-bench-create.sql
-- Read in the order of audit_household's key, so that its rows are appended (sorted once).
-- Only the bulk rows: those before them have their audit_household rows from the daemon.
INSERT INTO readlog.audit_household (household_id, audit_id) SELECT household_id, id FROM readlog.audit_log
	WHERE household_id IS NOT NULL AND id > (SELECT read_id FROM b_audit_start) ORDER BY household_id, id;
INSERT INTO main.audit_household (household_id, audit_id) SELECT household_id, id FROM main.audit_log
	WHERE household_id IS NOT NULL AND id > (SELECT change_id FROM b_audit_start) ORDER BY household_id, id;
-- The read log's index is derived in batches up to its watermark (src/store/readlog_index.h):
-- the bulk rows are indexed above, so the watermark moves past them (forward only, up to the
-- head, as its guard wants); else the daemon's catch-up at start would index them again.
UPDATE readlog.audit_index_mark SET indexed_to = (SELECT max(id) FROM readlog.audit_log);

-- The full-text indexes were filled row by row by their triggers: merge their segments, as
-- a region's index is after years of automatic merges (a lookup reads one segment, not many).
INSERT INTO household_search (household_search) VALUES ('optimize');
INSERT INTO handover_name_fts (handover_name_fts) VALUES ('optimize');
INSERT INTO case_name_search (case_name_search) VALUES ('optimize');

COMMIT;
PRAGMA journal_mode = WAL;
