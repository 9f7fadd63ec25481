-- 0013_issue9_findings.sql —
-- schema for what users ran into (issue 9): Veilig Thuis ends what it sent (item
-- 7), the reason for a second open case of one household (item 8), roles
-- that fit the kind of organisation (item 9), and the family-name search (item 11).
--
-- Item 7: a submitted handover that no team took yet can be withdrawn (status
-- 'ingetrokken'); a returned handover is closed with a reason, or sent again as a
-- new handover that links the returned one (resent_from). ended_* records who
-- ended it, when and why; the returned handover then leaves "Actie nodig".

-- Allow the status 'ingetrokken'. SQLite cannot alter a CHECK constraint, and a
-- rebuild of handover would need foreign keys off (its children cascade). Adding
-- an allowed value changes no stored row, so the table's SQL text is edited in
-- place, as SQLite's ALTER TABLE documentation describes for CHECK constraints;
-- writable_schema=RESET reloads the schema within this transaction.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''geaccepteerd'', ''teruggelegd''))',
                          '''geaccepteerd'', ''teruggelegd'', ''ingetrokken''))')
 WHERE type = 'table' AND name = 'handover';
PRAGMA writable_schema = RESET;
-- fails the migration (and so rolls it back) when the edit above found nothing
CREATE TEMP TABLE migration_handover_end_check (ok INTEGER CHECK (ok = 1));
INSERT INTO migration_handover_end_check
SELECT instr(sql, '''teruggelegd'', ''ingetrokken''') > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'handover';
DROP TABLE migration_handover_end_check;

ALTER TABLE handover ADD COLUMN ended_at TEXT;
ALTER TABLE handover ADD COLUMN ended_by INTEGER REFERENCES app_user(id);
ALTER TABLE handover ADD COLUMN end_reason TEXT;
ALTER TABLE handover ADD COLUMN resent_from INTEGER REFERENCES handover(id);
CREATE INDEX handover_resent_from ON handover(resent_from) WHERE resent_from IS NOT NULL;

-- The joint triage (issue 9, item 8): a second open case of one household is
-- opened only with the accepting team leader's reason, kept with the handover.
ALTER TABLE handover ADD COLUMN parallel_reason TEXT;

-- Roles fit the kind of organisation (issue 9, item 9; DESIGN §1). The table is
-- the one rule; the triggers make every writer obey it (web, CLI, demo); rows
-- that broke it before this migration stay and are listed by `ketenregie check`.
CREATE TABLE role_org_kind (
	role TEXT NOT NULL,
	kind TEXT NOT NULL,
	PRIMARY KEY (role, kind)
) WITHOUT ROWID;
INSERT INTO role_org_kind (role, kind) VALUES
	('vt', 'veilig_thuis'),
	('teamleider', 'wijkteam'), ('teamleider', 'buurtteam'),
	('professional', 'wijkteam'), ('professional', 'buurtteam'),
	('partner', 'onderwijs'), ('partner', 'kinderopvang'), ('partner', 'leerplicht'), ('partner', 'jgz'),
	('partner', 'politie'), ('partner', 'ggz'), ('partner', 'icm'), ('partner', 'rvdk'), ('partner', 'overig'),
	('secretaris', 'gemeente'), ('secretaris', 'overig'),
	('beleid', 'gemeente'),
	('beheerder', 'gemeente');
-- a leertafel member comes from any partner
INSERT INTO role_org_kind (role, kind)
SELECT 'leertafellid', k FROM (SELECT 'veilig_thuis' AS k UNION ALL SELECT 'wijkteam' UNION ALL SELECT 'buurtteam'
	UNION ALL SELECT 'onderwijs' UNION ALL SELECT 'kinderopvang' UNION ALL SELECT 'leerplicht' UNION ALL SELECT 'jgz'
	UNION ALL SELECT 'politie' UNION ALL SELECT 'ggz' UNION ALL SELECT 'icm' UNION ALL SELECT 'rvdk'
	UNION ALL SELECT 'gemeente' UNION ALL SELECT 'overig');

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

-- Finding a family (issue 9, item 11): the handover's family name, searchable
-- without regard to case or diacritics ("vriee" finds "Vrieë"), kept in step by
-- triggers (external-content FTS5 over handover.household_name).
CREATE VIRTUAL TABLE handover_name_fts USING fts5(household_name, content = 'handover', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO handover_name_fts (handover_name_fts) VALUES ('rebuild');
CREATE TRIGGER handover_name_fts_insert AFTER INSERT ON handover BEGIN
	INSERT INTO handover_name_fts (rowid, household_name) VALUES (NEW.id, NEW.household_name);
END;
CREATE TRIGGER handover_name_fts_delete AFTER DELETE ON handover BEGIN
	INSERT INTO handover_name_fts (handover_name_fts, rowid, household_name) VALUES ('delete', OLD.id, OLD.household_name);
END;
CREATE TRIGGER handover_name_fts_update AFTER UPDATE OF household_name ON handover BEGIN
	INSERT INTO handover_name_fts (handover_name_fts, rowid, household_name) VALUES ('delete', OLD.id, OLD.household_name);
	INSERT INTO handover_name_fts (rowid, household_name) VALUES (NEW.id, NEW.household_name);
END;
