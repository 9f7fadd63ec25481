-- 0002_handover: the Veilig Thuis handover (overdracht) and the case (casus) it
-- opens: households and members, the written handover with its members, safety
-- conditions and addenda, triage, warm handover, decision, cases with exactly one
-- regisseur (history kept), involvement (the basis of access), checkable safety
-- conditions with their history, feedback (terugkoppeling) to Veilig Thuis, and the
-- configurable deadline norms.
-- Times are UTC text as datetime('now') writes it; calendar dates are YYYY-MM-DD.

-- The living registry of a family, used by cases.
CREATE TABLE household (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	address    TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 300),
	created_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE person (
	id           INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES household(id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	name_key     TEXT NOT NULL,  -- household_name_key(name): the "already known" match
	birthdate    TEXT NOT NULL,  -- YYYY-MM-DD
	role         TEXT NOT NULL CHECK (role IN ('ouder', 'kind', 'overig'))
);
CREATE INDEX person_household ON person(household_id, position);
CREATE INDEX person_match ON person(name_key, birthdate);

CREATE TABLE casefile (
	id           INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES household(id),
	team_org_id  INTEGER NOT NULL REFERENCES organisation(id),
	director_id  INTEGER NOT NULL REFERENCES app_user(id),  -- exactly one regisseur
	status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'gesloten')),
	opened_at    TEXT NOT NULL DEFAULT (datetime('now')),
	closed_at    TEXT,
	close_reason TEXT
);
CREATE INDEX casefile_team ON casefile(team_org_id, status);
CREATE INDEX casefile_household ON casefile(household_id);

-- Every regisseur a case had, the current one last.
CREATE TABLE case_director (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES casefile(id),
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	set_by  INTEGER NOT NULL REFERENCES app_user(id),
	set_at  TEXT NOT NULL DEFAULT (datetime('now')),
	reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_director_case ON case_director(case_id, id);

-- Involvement: which organisations, and which people in them, take part in a case.
-- user_id NULL = the organisation as a whole (its team leaders see the case only
-- when it is their team's case; professionals and partners need their own row).
CREATE TABLE case_involvement (
	id              INTEGER PRIMARY KEY,
	case_id         INTEGER NOT NULL REFERENCES casefile(id),
	org_id          INTEGER NOT NULL REFERENCES organisation(id),
	user_id         INTEGER REFERENCES app_user(id),
	role            TEXT NOT NULL CHECK (role IN ('team', 'regisseur', 'betrokken', 'overdragend')),
	family_informed TEXT CHECK (family_informed IN ('ja', 'nee')),
	since           TEXT NOT NULL DEFAULT (datetime('now')),
	ended_at        TEXT
);
CREATE INDEX case_involvement_case ON case_involvement(case_id);
CREATE INDEX case_involvement_user ON case_involvement(user_id, case_id);

-- The written handover. Content columns are final once status leaves 'concept'
-- (trigger below): corrections are addenda.
CREATE TABLE handover (
	id                     INTEGER PRIMARY KEY,
	vt_org_id              INTEGER NOT NULL REFERENCES organisation(id),
	created_by             INTEGER NOT NULL REFERENCES app_user(id),
	receiving_org_id       INTEGER REFERENCES organisation(id),  -- NULL: joint triage of all local teams
	urgency                TEXT CHECK (urgency IN ('hoog', 'normaal')),
	household_name         TEXT NOT NULL DEFAULT '',
	address                TEXT NOT NULL DEFAULT '',
	reason                 TEXT NOT NULL DEFAULT '',
	investigation_outcome  TEXT NOT NULL DEFAULT '',
	risk_assessment        TEXT NOT NULL DEFAULT '',
	providers              TEXT NOT NULL DEFAULT '',
	agreements             TEXT NOT NULL DEFAULT '',
	family_informed        TEXT CHECK (family_informed IN ('ja', 'nee')),
	family_informed_reason TEXT NOT NULL DEFAULT '',
	contact                TEXT NOT NULL DEFAULT '',
	status                 TEXT NOT NULL DEFAULT 'concept'
	                       CHECK (status IN ('concept', 'ingediend', 'in_behandeling', 'geaccepteerd', 'teruggelegd')),
	created_at             TEXT NOT NULL DEFAULT (datetime('now')),
	updated_at             TEXT NOT NULL DEFAULT (datetime('now')),
	submitted_at           TEXT,
	submitted_by           INTEGER REFERENCES app_user(id),
	-- triage: the team that took it, and why that team
	taken_org_id           INTEGER REFERENCES organisation(id),
	taken_by               INTEGER REFERENCES app_user(id),
	taken_at               TEXT,
	taken_reason           TEXT,
	-- decision: accepted (case_id set) or returned
	decided_at             TEXT,
	decided_by             INTEGER REFERENCES app_user(id),
	return_category        TEXT CHECK (return_category IN ('geen_lokale_taak', 'onvolledig',
	                           'veiligheid_onvoldoende', 'ander_team', 'overig')),
	return_reason          TEXT,
	case_id                INTEGER REFERENCES casefile(id),
	household_id           INTEGER REFERENCES household(id),  -- the case's household, once accepted
	-- warm handover (joint home visit)
	warm_planned_date      TEXT,
	warm_held_date         TEXT,
	warm_present           TEXT,
	warm_family_present    TEXT CHECK (warm_family_present IN ('ja', 'nee')),
	warm_family_reason     TEXT,
	warm_outcome           TEXT,
	warm_recorded_by       INTEGER REFERENCES app_user(id),
	warm_recorded_at       TEXT
);
CREATE INDEX handover_vt ON handover(vt_org_id, status);
CREATE INDEX handover_status ON handover(status, submitted_at);
CREATE INDEX handover_case ON handover(case_id);

CREATE TRIGGER handover_submitted_is_final
BEFORE UPDATE OF receiving_org_id, urgency, household_name, address, reason, investigation_outcome,
	risk_assessment, providers, agreements, family_informed, family_informed_reason, contact, vt_org_id
ON handover WHEN OLD.status <> 'concept'
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final: add an addendum'); END;

CREATE TABLE handover_member (
	id          INTEGER PRIMARY KEY,
	handover_id INTEGER NOT NULL REFERENCES handover(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	name        TEXT NOT NULL DEFAULT '',
	name_key    TEXT NOT NULL DEFAULT '',
	birthdate   TEXT,            -- NULL only in a concept
	role        TEXT CHECK (role IN ('ouder', 'kind', 'overig'))
);
CREATE INDEX handover_member_handover ON handover_member(handover_id, position);

CREATE TABLE handover_condition (
	id          INTEGER PRIMARY KEY,
	handover_id INTEGER NOT NULL REFERENCES handover(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	text        TEXT NOT NULL CHECK (length(text) >= 1)
);
CREATE INDEX handover_condition_handover ON handover_condition(handover_id, position);

CREATE TRIGGER handover_member_final_update BEFORE UPDATE ON handover_member
WHEN (SELECT status FROM handover WHERE id = OLD.handover_id) <> 'concept'
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
CREATE TRIGGER handover_member_final_delete BEFORE DELETE ON handover_member
WHEN (SELECT status FROM handover WHERE id = OLD.handover_id) <> 'concept'
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
CREATE TRIGGER handover_member_final_insert BEFORE INSERT ON handover_member
WHEN (SELECT status FROM handover WHERE id = NEW.handover_id) <> 'concept'
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
CREATE TRIGGER handover_condition_final_update BEFORE UPDATE ON handover_condition
WHEN (SELECT status FROM handover WHERE id = OLD.handover_id) <> 'concept'
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
CREATE TRIGGER handover_condition_final_delete BEFORE DELETE ON handover_condition
WHEN (SELECT status FROM handover WHERE id = OLD.handover_id) <> 'concept'
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;
CREATE TRIGGER handover_condition_final_insert BEFORE INSERT ON handover_condition
WHEN (SELECT status FROM handover WHERE id = NEW.handover_id) <> 'concept'
BEGIN SELECT RAISE(ABORT, 'a submitted handover is final'); END;

-- Dated corrections and additions to a submitted handover (never edited).
CREATE TABLE handover_addendum (
	id          INTEGER PRIMARY KEY,
	handover_id INTEGER NOT NULL REFERENCES handover(id),
	author_id   INTEGER NOT NULL REFERENCES app_user(id),
	created_at  TEXT NOT NULL DEFAULT (datetime('now')),
	text        TEXT NOT NULL CHECK (length(text) >= 1)
);
CREATE INDEX handover_addendum_handover ON handover_addendum(handover_id, id);
CREATE TRIGGER handover_addendum_no_update BEFORE UPDATE ON handover_addendum
BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;

-- A handover's safety conditions as checkable items of the case.
CREATE TABLE case_condition (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES casefile(id),
	handover_id INTEGER REFERENCES handover(id),
	position    INTEGER NOT NULL,
	text        TEXT NOT NULL,
	status      TEXT NOT NULL DEFAULT 'nog_niet_besproken'
	            CHECK (status IN ('nog_niet_besproken', 'afgesproken', 'nageleefd', 'niet_nageleefd')),
	changed_by  INTEGER REFERENCES app_user(id),
	changed_at  TEXT
);
CREATE INDEX case_condition_case ON case_condition(case_id, position);
CREATE INDEX case_condition_handover ON case_condition(handover_id);

CREATE TABLE case_condition_change (
	id           INTEGER PRIMARY KEY,
	condition_id INTEGER NOT NULL REFERENCES case_condition(id),
	status       TEXT NOT NULL,
	changed_by   INTEGER NOT NULL REFERENCES app_user(id),
	changed_at   TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX case_condition_change_condition ON case_condition_change(condition_id, id);

-- Terugkoppeling: the regisseur's written feedback to Veilig Thuis on one handover.
CREATE TABLE handover_feedback (
	id          INTEGER PRIMARY KEY,
	handover_id INTEGER NOT NULL REFERENCES handover(id),
	case_id     INTEGER NOT NULL REFERENCES casefile(id),
	author_id   INTEGER NOT NULL REFERENCES app_user(id),
	created_at  TEXT NOT NULL DEFAULT (datetime('now')),
	agreements  TEXT NOT NULL CHECK (length(agreements) >= 1),
	with_family TEXT NOT NULL CHECK (with_family IN ('ja', 'nee')),
	agreed_on   TEXT NOT NULL   -- YYYY-MM-DD
);
CREATE INDEX handover_feedback_handover ON handover_feedback(handover_id, id);

-- Deadline norms in working days, and how long a closed case still makes a
-- household "already known". Configurable; these are the agreed defaults.
INSERT INTO setting (key, value) VALUES
	('norm_besluit_werkdagen', '5'),
	('norm_warme_overdracht_werkdagen', '10'),
	('norm_terugkoppeling_werkdagen', '15'),
	('bekend_gesloten_maanden', '12');
