-- 0013_family_plan: the family plan (gezinsplan) and its evaluations (issue 8), and the
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
