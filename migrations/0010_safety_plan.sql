-- 0010_safety_plan: the safety plan (veiligheidsplan) of a case, made with the family
-- (DESIGN.md §8, issue 7).
--  * safety_plan_version: every save is a new row (who, when), never changed afterwards.
--    (case_id, n) is unique: two saves against the same version cannot both land —
--    the second finds n taken and is shown the conflict page.
--    status 'vastgesteld' = recorded by the regisseur as agreed with the family on
--    agreed_on; the latest such version is "the agreed plan".
--  * safety_plan_item: the list parts of one version, one row per line; columns a..e
--    mean per part (see src/store/safety_plan.h). org_id: the organisation that owns
--    an agreement (need-to-know: a partner always sees its own agreements);
--    condition_id: a veiligheidsvoorwaarde of the case (the same checkable items as
--    the case page, never a copy with a life of its own).
--  * safety_plan_read: who opened which agreed version ("nieuw veiligheidsplan" on
--    the start page until then; the regisseur sees who read it).
--  * case_condition_change.note: the short note with every status change.

CREATE TABLE safety_plan_version (
	id                INTEGER PRIMARY KEY,
	case_id           INTEGER NOT NULL REFERENCES casefile(id),
	n                 INTEGER NOT NULL CHECK (n >= 1),
	status            TEXT NOT NULL CHECK (status IN ('concept', 'vastgesteld')),
	what_happened     TEXT NOT NULL DEFAULT '',
	family_view       TEXT NOT NULL DEFAULT '',
	professional_view TEXT NOT NULL DEFAULT '',
	strengths         TEXT NOT NULL DEFAULT '',
	evaluation_date   TEXT NOT NULL DEFAULT '',
	agreed_on         TEXT,
	saved_by          INTEGER NOT NULL REFERENCES app_user(id),
	saved_at          TEXT NOT NULL DEFAULT (datetime('now')),
	CHECK (status = 'concept' OR (agreed_on IS NOT NULL AND evaluation_date <> '')),
	UNIQUE (case_id, n)
);
CREATE INDEX safety_plan_version_agreed ON safety_plan_version(case_id, n) WHERE status = 'vastgesteld';

CREATE TABLE safety_plan_item (
	id           INTEGER PRIMARY KEY,
	version_id   INTEGER NOT NULL REFERENCES safety_plan_version(id),
	part         TEXT NOT NULL CHECK (part IN ('gevaar', 'doel', 'voorwaarde', 'afspraak', 'netwerk', 'signaal',
	                                           'crisis', 'toezicht', 'schaal', 'deelnemer')),
	position     INTEGER NOT NULL,
	a            TEXT NOT NULL DEFAULT '',
	b            TEXT NOT NULL DEFAULT '',
	c            TEXT NOT NULL DEFAULT '',
	d            TEXT NOT NULL DEFAULT '',
	e            TEXT NOT NULL DEFAULT '',
	org_id       INTEGER REFERENCES organisation(id),
	condition_id INTEGER REFERENCES case_condition(id)
);
CREATE INDEX safety_plan_item_version ON safety_plan_item(version_id, part, position);
CREATE INDEX safety_plan_item_org ON safety_plan_item(org_id) WHERE org_id IS NOT NULL;

CREATE TRIGGER safety_plan_version_no_update BEFORE UPDATE ON safety_plan_version
BEGIN SELECT RAISE(ABORT, 'safety plan versions are append-only'); END;
CREATE TRIGGER safety_plan_version_no_delete BEFORE DELETE ON safety_plan_version
BEGIN SELECT RAISE(ABORT, 'safety plan versions are append-only'); END;
CREATE TRIGGER safety_plan_item_no_update BEFORE UPDATE ON safety_plan_item
BEGIN SELECT RAISE(ABORT, 'safety plan versions are append-only'); END;
CREATE TRIGGER safety_plan_item_no_delete BEFORE DELETE ON safety_plan_item
BEGIN SELECT RAISE(ABORT, 'safety plan versions are append-only'); END;

CREATE TABLE safety_plan_read (
	version_id INTEGER NOT NULL REFERENCES safety_plan_version(id),
	user_id    INTEGER NOT NULL REFERENCES app_user(id),
	read_at    TEXT NOT NULL DEFAULT (datetime('now')),
	PRIMARY KEY (version_id, user_id)
) WITHOUT ROWID;

ALTER TABLE case_condition_change ADD COLUMN note TEXT NOT NULL DEFAULT '';
