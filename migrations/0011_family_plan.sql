-- 0011_family_plan: the family plan (gezinsplan) and its evaluations (issue 8), and the
-- need-to-know part PART_GEZINSPLAN (1 << 13, src/auth/case_parts.h).
--
-- The new part widens the part masks: case_involvement.parts (0009: 0..8191) and
-- journal_entry.part (0009: a single bit <= 4096). SQLite cannot change a CHECK in
-- place, so both tables are rebuilt (same columns, same order, same indexes and
-- triggers; no other table references them). journal_entry references itself: the new
-- table names itself in its REFERENCES, and the rename rewrites that.

CREATE TABLE case_involvement_new (
	id                  INTEGER PRIMARY KEY,
	case_id             INTEGER NOT NULL REFERENCES casefile(id),
	org_id              INTEGER NOT NULL REFERENCES organisation(id),
	user_id             INTEGER REFERENCES app_user(id),
	role                TEXT NOT NULL CHECK (role IN ('team', 'regisseur', 'betrokken', 'overdragend')),
	family_informed     TEXT CHECK (family_informed IN ('ja', 'nee')),
	since               TEXT NOT NULL DEFAULT (datetime('now')),
	ended_at            TEXT,
	role_in_case        TEXT NOT NULL DEFAULT '' CHECK (length(role_in_case) <= 200),
	basis               TEXT CHECK (basis IN ('toestemming', 'betrokken_hulpverlener', 'meldrecht',
	                                          'wettelijke_taak', 'overig')),
	consent_of          TEXT NOT NULL DEFAULT '' CHECK (length(consent_of) <= 200),
	consent_on          TEXT,
	basis_reason        TEXT NOT NULL DEFAULT '' CHECK (length(basis_reason) <= 2000),
	informed_on         TEXT,
	informed_by         TEXT NOT NULL DEFAULT '' CHECK (length(informed_by) <= 200),
	not_informed_reason TEXT NOT NULL DEFAULT '' CHECK (length(not_informed_reason) <= 2000),
	parts               INTEGER NOT NULL DEFAULT 257 CHECK (parts BETWEEN 0 AND 16383),
	invited_by          INTEGER REFERENCES app_user(id),
	ended_on            TEXT,
	ended_reason        TEXT NOT NULL DEFAULT '' CHECK (length(ended_reason) <= 2000),
	ended_by            INTEGER REFERENCES app_user(id)
);
INSERT INTO case_involvement_new
	SELECT id, case_id, org_id, user_id, role, family_informed, since, ended_at, role_in_case, basis,
	       consent_of, consent_on, basis_reason, informed_on, informed_by, not_informed_reason, parts,
	       invited_by, ended_on, ended_reason, ended_by
	FROM case_involvement;
DROP TABLE case_involvement;
ALTER TABLE case_involvement_new RENAME TO case_involvement;
CREATE INDEX case_involvement_case ON case_involvement(case_id);
CREATE INDEX case_involvement_user ON case_involvement(user_id, case_id);
CREATE INDEX case_involvement_active ON case_involvement(case_id, user_id) WHERE ended_at IS NULL;
CREATE TRIGGER case_involvement_ended_final BEFORE UPDATE ON case_involvement
	WHEN OLD.ended_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an ended involvement is history'); END;
CREATE TRIGGER case_involvement_no_delete BEFORE DELETE ON case_involvement
BEGIN SELECT RAISE(ABORT, 'involvement history is kept'); END;
-- Local-team professionals are stored with every part but the handover: they gain the new part.
UPDATE case_involvement SET parts = parts | 8192 WHERE ended_at IS NULL AND (parts & 4095) = 4095;

CREATE TABLE journal_entry_new (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL REFERENCES casefile(id),
	author_id     INTEGER NOT NULL REFERENCES app_user(id),
	author_org_id INTEGER NOT NULL REFERENCES organisation(id),
	part          INTEGER NOT NULL CHECK (part > 0 AND part <= 8192 AND (part & (part - 1)) = 0),
	entry_date    TEXT NOT NULL,
	body          TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
	addendum_of   INTEGER REFERENCES journal_entry_new(id),
	created_at    TEXT NOT NULL DEFAULT (datetime('now')),
	pinned_at     TEXT,
	pinned_by     INTEGER REFERENCES app_user(id)
);
INSERT INTO journal_entry_new
	SELECT id, case_id, author_id, author_org_id, part, entry_date, body, addendum_of, created_at,
	       pinned_at, pinned_by
	FROM journal_entry;
DROP TABLE journal_entry;
ALTER TABLE journal_entry_new RENAME TO journal_entry;
CREATE INDEX journal_entry_case ON journal_entry(case_id, entry_date, id);
CREATE INDEX journal_entry_addendum ON journal_entry(addendum_of) WHERE addendum_of IS NOT NULL;
CREATE TRIGGER journal_entry_final BEFORE UPDATE OF case_id, author_id, author_org_id, part, entry_date, body,
	addendum_of, created_at ON journal_entry
BEGIN SELECT RAISE(ABORT, 'journal entries are corrected by addenda, never edited'); END;
CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry
BEGIN SELECT RAISE(ABORT, 'journal entries are kept'); END;

-- The family plan (gezinsplan), one per case, versioned like the safety plan (0010):
-- every save is a new, never-changed version; (case_id, n) unique, so of two saves
-- against the same version only the first lands (the second gets the conflict page).
--  * family_plan_score: per member and ZRM 2017 domain (1..13, src/store/family_plan.h)
--    a score 1..5 with its date and source, or "niet beoordeeld" with a reason; for
--    members under 12 only a note (never a score: checked by the page).
--  * family_plan_goal: per domain (and member, or the family as a whole) what, the ZRM
--    level aimed for, who, by when, status.
--  * family_plan_service: services deployed (provider organisation, what, from, to).
CREATE TABLE family_plan_version (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES casefile(id),
	n            INTEGER NOT NULL CHECK (n >= 1),
	family_goals TEXT NOT NULL DEFAULT '' CHECK (length(family_goals) <= 10000),
	strengths    TEXT NOT NULL DEFAULT '' CHECK (length(strengths) <= 10000),
	worries      TEXT NOT NULL DEFAULT '' CHECK (length(worries) <= 10000),
	saved_by     INTEGER NOT NULL REFERENCES app_user(id),
	saved_at     TEXT NOT NULL DEFAULT (datetime('now')),
	UNIQUE (case_id, n)
);
CREATE TABLE family_plan_score (
	version_id          INTEGER NOT NULL REFERENCES family_plan_version(id),
	person_id           INTEGER NOT NULL REFERENCES person(id),
	domain              INTEGER NOT NULL CHECK (domain BETWEEN 1 AND 13),
	score               INTEGER CHECK (score BETWEEN 1 AND 5),
	not_assessed_reason TEXT NOT NULL DEFAULT '' CHECK (length(not_assessed_reason) <= 2000),
	scored_on           TEXT,
	source              TEXT NOT NULL DEFAULT '' CHECK (length(source) <= 200),
	note                TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
	CHECK (score IS NULL OR (scored_on IS NOT NULL AND source <> '')),
	CHECK (score IS NULL OR not_assessed_reason = ''),
	PRIMARY KEY (version_id, person_id, domain)
) WITHOUT ROWID;
CREATE TABLE family_plan_goal (
	version_id INTEGER NOT NULL REFERENCES family_plan_version(id),
	position   INTEGER NOT NULL,
	domain     INTEGER NOT NULL CHECK (domain BETWEEN 1 AND 13),
	person_id  INTEGER REFERENCES person(id), -- NULL: the family as a whole
	what       TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 2000),
	target     INTEGER CHECK (target BETWEEN 1 AND 5),
	who        TEXT NOT NULL DEFAULT '' CHECK (length(who) <= 200),
	due_on     TEXT,
	status     TEXT NOT NULL CHECK (status IN ('open', 'loopt', 'behaald', 'niet_behaald', 'vervallen')),
	PRIMARY KEY (version_id, position)
) WITHOUT ROWID;
CREATE TABLE family_plan_service (
	version_id INTEGER NOT NULL REFERENCES family_plan_version(id),
	position   INTEGER NOT NULL,
	provider   TEXT NOT NULL CHECK (length(provider) BETWEEN 1 AND 200),
	what       TEXT NOT NULL DEFAULT '' CHECK (length(what) <= 2000),
	from_on    TEXT,
	to_on      TEXT,
	PRIMARY KEY (version_id, position)
) WITHOUT ROWID;
CREATE TRIGGER family_plan_version_no_update BEFORE UPDATE ON family_plan_version
BEGIN SELECT RAISE(ABORT, 'family plan versions are append-only'); END;
CREATE TRIGGER family_plan_version_no_delete BEFORE DELETE ON family_plan_version
BEGIN SELECT RAISE(ABORT, 'family plan versions are append-only'); END;
CREATE TRIGGER family_plan_score_no_update BEFORE UPDATE ON family_plan_score
BEGIN SELECT RAISE(ABORT, 'family plan versions are append-only'); END;
CREATE TRIGGER family_plan_goal_no_update BEFORE UPDATE ON family_plan_goal
BEGIN SELECT RAISE(ABORT, 'family plan versions are append-only'); END;
CREATE TRIGGER family_plan_service_no_update BEFORE UPDATE ON family_plan_service
BEGIN SELECT RAISE(ABORT, 'family plan versions are append-only'); END;

-- Evaluations with the family (issue 8, item 4). What was evaluated is stored with the
-- evaluation (start and current ZRM score per member and domain, each condition's
-- status, each goal's outcome), so an evaluation reads the same later. Never changed.
CREATE TABLE case_evaluation (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES casefile(id),
	held_on     TEXT NOT NULL,
	family_view TEXT NOT NULL DEFAULT '' CHECK (length(family_view) <= 10000),
	scale_trend TEXT NOT NULL DEFAULT '' CHECK (length(scale_trend) <= 2000),
	conclusion  TEXT NOT NULL CHECK (conclusion IN ('doorgaan', 'bijstellen', 'volgende_fase', 'opschalen', 'afsluiten')),
	conclusion_note TEXT NOT NULL DEFAULT '' CHECK (length(conclusion_note) <= 4000),
	next_on     TEXT NOT NULL,
	created_by  INTEGER NOT NULL REFERENCES app_user(id),
	created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX evaluation_case ON case_evaluation(case_id, held_on, id);
CREATE TABLE case_evaluation_domain (
	evaluation_id INTEGER NOT NULL REFERENCES case_evaluation(id),
	person_id     INTEGER NOT NULL REFERENCES person(id),
	domain        INTEGER NOT NULL CHECK (domain BETWEEN 1 AND 13),
	start_score   INTEGER CHECK (start_score BETWEEN 1 AND 5),
	now_score     INTEGER CHECK (now_score BETWEEN 1 AND 5),
	PRIMARY KEY (evaluation_id, person_id, domain)
) WITHOUT ROWID;
CREATE TABLE case_evaluation_condition (
	evaluation_id INTEGER NOT NULL REFERENCES case_evaluation(id),
	condition_id  INTEGER NOT NULL REFERENCES case_condition(id),
	status        TEXT NOT NULL,
	PRIMARY KEY (evaluation_id, condition_id)
) WITHOUT ROWID;
CREATE TABLE case_evaluation_goal (
	evaluation_id INTEGER NOT NULL REFERENCES case_evaluation(id),
	position      INTEGER NOT NULL,
	goal          TEXT NOT NULL,
	achieved      TEXT NOT NULL CHECK (achieved IN ('behaald', 'niet_behaald')),
	PRIMARY KEY (evaluation_id, position)
) WITHOUT ROWID;
CREATE TRIGGER evaluation_no_update BEFORE UPDATE ON case_evaluation
BEGIN SELECT RAISE(ABORT, 'evaluations are kept as recorded'); END;
CREATE TRIGGER evaluation_no_delete BEFORE DELETE ON case_evaluation
BEGIN SELECT RAISE(ABORT, 'evaluations are kept as recorded'); END;
-- The next evaluation date of each case (the latest evaluation's next_on), kept by
-- the code that records an evaluation: the start pages' "evaluatie te laat" reads
-- it per case of the user (casefile_director / casefile_team index), never a scan
-- growing with history.
CREATE TABLE case_evaluation_due (
	case_id INTEGER PRIMARY KEY REFERENCES casefile(id),
	due_on  TEXT NOT NULL
);
INSERT INTO setting (key, value) VALUES ('norm_evaluatie_weken', '6');
