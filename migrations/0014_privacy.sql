-- 0014_privacy: the family's right to know who saw its file (issue 10, items 1, 4, 8).
--
-- * audit_log.households: the households a list page showed (space-separated ids);
--   single-household routes keep using audit_log.household_id.
-- * audit_household: one row per (household, audit row) for every audit row that
--   concerns a household, written by the audit writer in the audit row's own
--   transaction. The access-log report reads this index and then audit_log by
--   primary key, never a scan of audit_log. Append-only; a row may only name the
--   newest audit row (so no one adds a household to an old record later).
-- * the role privacy (privacy officer): gemeente or a local team organisation.
-- * person_correction: the correction history of a person's name and birth date;
--   a trigger refuses a change of either without its history row.

ALTER TABLE audit_log ADD COLUMN households TEXT;

CREATE TABLE audit_household (
	household_id INTEGER NOT NULL,
	audit_id     INTEGER NOT NULL,
	PRIMARY KEY (household_id, audit_id)
) WITHOUT ROWID;

-- what was recorded before this migration: the household a record named
INSERT INTO audit_household (household_id, audit_id)
SELECT household_id, id FROM audit_log WHERE household_id IS NOT NULL;

CREATE TRIGGER audit_household_newest_only BEFORE INSERT ON audit_household
WHEN NEW.audit_id IS NOT (SELECT max(id) FROM audit_log)
	OR EXISTS (SELECT 1 FROM audit_household WHERE household_id = NEW.household_id AND audit_id = NEW.audit_id)
BEGIN SELECT RAISE(ABORT, 'audit_household is append-only and names only the newest audit row'); END;
CREATE TRIGGER audit_household_no_update BEFORE UPDATE ON audit_household
BEGIN SELECT RAISE(ABORT, 'audit_household is append-only'); END;
CREATE TRIGGER audit_household_no_delete BEFORE DELETE ON audit_household
BEGIN SELECT RAISE(ABORT, 'audit_household is append-only'); END;

-- The role privacy: user_role's CHECK lists the roles, so the table is rebuilt (the
-- triggers of 0013 that name it are dropped first and created again unchanged).
DROP TRIGGER user_role_fits_org_kind;
DROP TRIGGER app_user_org_fits_roles;
DROP TRIGGER organisation_kind_fits_roles;
CREATE TABLE user_role_new (
	user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	role    TEXT NOT NULL CHECK (role IN ('vt', 'teamleider', 'professional', 'partner',
	            'secretaris', 'leertafellid', 'beleid', 'beheerder', 'privacy')),
	PRIMARY KEY (user_id, role)
) WITHOUT ROWID;
INSERT INTO user_role_new (user_id, role) SELECT user_id, role FROM user_role;
DROP TABLE user_role;
ALTER TABLE user_role_new RENAME TO user_role;

INSERT INTO role_org_kind (role, kind) VALUES
	('privacy', 'gemeente'), ('privacy', 'wijkteam'), ('privacy', 'buurtteam');

CREATE TRIGGER user_role_fits_org_kind BEFORE INSERT ON user_role
WHEN NOT EXISTS (SELECT 1 FROM role_org_kind r JOIN organisation o ON o.kind = r.kind
                 JOIN app_user u ON u.organisation_id = o.id WHERE u.id = NEW.user_id AND r.role = NEW.role)
BEGIN SELECT RAISE(ABORT, 'role does not fit the kind of organisation'); END;

CREATE TRIGGER app_user_org_fits_roles BEFORE UPDATE OF organisation_id ON app_user
WHEN NEW.organisation_id IS NOT OLD.organisation_id AND EXISTS (
	SELECT 1 FROM user_role ur WHERE ur.user_id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM role_org_kind r JOIN organisation o ON o.kind = r.kind
		WHERE o.id = NEW.organisation_id AND r.role = ur.role))
BEGIN SELECT RAISE(ABORT, 'role does not fit the kind of organisation'); END;

CREATE TRIGGER organisation_kind_fits_roles BEFORE UPDATE OF kind ON organisation
WHEN NEW.kind IS NOT OLD.kind AND EXISTS (
	SELECT 1 FROM app_user u JOIN user_role ur ON ur.user_id = u.id
	WHERE u.organisation_id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM role_org_kind r WHERE r.kind = NEW.kind AND r.role = ur.role))
BEGIN SELECT RAISE(ABORT, 'role does not fit the kind of organisation'); END;

CREATE TABLE person_correction (
	id           INTEGER PRIMARY KEY,
	person_id    INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	field        TEXT NOT NULL CHECK (field IN ('name', 'birthdate')),
	old_value    TEXT NOT NULL,
	new_value    TEXT NOT NULL,
	reason       TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
	corrected_by INTEGER NOT NULL REFERENCES app_user(id),
	corrected_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX person_correction_person ON person_correction(person_id, id);

CREATE TRIGGER person_name_corrected BEFORE UPDATE OF name ON person
WHEN NEW.name IS NOT OLD.name AND NOT EXISTS (SELECT 1 FROM person_correction WHERE person_id = NEW.id
	AND field = 'name' AND old_value = OLD.name AND new_value = NEW.name)
BEGIN SELECT RAISE(ABORT, 'a person''s name changes only with its correction history'); END;
CREATE TRIGGER person_birthdate_corrected BEFORE UPDATE OF birthdate ON person
WHEN NEW.birthdate IS NOT OLD.birthdate AND NOT EXISTS (SELECT 1 FROM person_correction WHERE person_id = NEW.id
	AND field = 'birthdate' AND old_value = OLD.birthdate AND new_value = NEW.birthdate)
BEGIN SELECT RAISE(ABORT, 'a person''s birth date changes only with its correction history'); END;
