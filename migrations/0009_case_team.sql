-- 0009_case_team: the case team (issue 7). Each personal involvement records the
-- person's role in the case, the legal basis (grondslag) with its details, whether
-- the family was informed (or why not), which parts of the case it may see (a bit
-- mask of enum case_part, src/auth/case_parts.h) and, once ended, when, why and by
-- whom. An ended involvement stays as history and never comes back to life.
-- Also the journal (groeidocument): dated Markdown entries, each tagged with the
-- one part of the case it belongs to; never edited, corrected by addenda.

ALTER TABLE case_involvement ADD COLUMN role_in_case TEXT NOT NULL DEFAULT ''
	CHECK (length(role_in_case) <= 200);
ALTER TABLE case_involvement ADD COLUMN basis TEXT
	CHECK (basis IN ('toestemming', 'betrokken_hulpverlener', 'meldrecht', 'wettelijke_taak', 'overig'));
-- toestemming: of whom and on which date; overig: the reason
ALTER TABLE case_involvement ADD COLUMN consent_of TEXT NOT NULL DEFAULT '' CHECK (length(consent_of) <= 200);
ALTER TABLE case_involvement ADD COLUMN consent_on TEXT;
ALTER TABLE case_involvement ADD COLUMN basis_reason TEXT NOT NULL DEFAULT '' CHECK (length(basis_reason) <= 2000);
-- family_informed ('ja'/'nee', 0002) with, for ja, the date and by whom; for nee, why not
ALTER TABLE case_involvement ADD COLUMN informed_on TEXT;
ALTER TABLE case_involvement ADD COLUMN informed_by TEXT NOT NULL DEFAULT '' CHECK (length(informed_by) <= 200);
ALTER TABLE case_involvement ADD COLUMN not_informed_reason TEXT NOT NULL DEFAULT ''
	CHECK (length(not_informed_reason) <= 2000);
-- enum case_part bits. Rows that exist already get a partner's default (PART_BASIS |
-- PART_PLAN_SIGNALEN = 257): a partner invited before parts existed sees no more than
-- "dat, niet wat". Professionals of local teams see every part whatever this holds.
ALTER TABLE case_involvement ADD COLUMN parts INTEGER NOT NULL DEFAULT 257 CHECK (parts BETWEEN 0 AND 8191);
ALTER TABLE case_involvement ADD COLUMN invited_by INTEGER REFERENCES app_user(id);
ALTER TABLE case_involvement ADD COLUMN ended_on TEXT;     -- the date given when ending (ended_at: the moment)
ALTER TABLE case_involvement ADD COLUMN ended_reason TEXT NOT NULL DEFAULT '' CHECK (length(ended_reason) <= 2000);
ALTER TABLE case_involvement ADD COLUMN ended_by INTEGER REFERENCES app_user(id);

-- History is kept: an ended involvement is never changed again, and no row is deleted.
CREATE TRIGGER case_involvement_ended_final BEFORE UPDATE ON case_involvement
	WHEN OLD.ended_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an ended involvement is history'); END;
CREATE TRIGGER case_involvement_no_delete BEFORE DELETE ON case_involvement
BEGIN SELECT RAISE(ABORT, 'involvement history is kept'); END;

CREATE INDEX case_involvement_active ON case_involvement(case_id, user_id) WHERE ended_at IS NULL;

-- The journal. part is one enum case_part bit; an addendum (addendum_of) carries the
-- part of the entry it corrects. Entries are never edited or deleted (triggers);
-- only the pin may change.
CREATE TABLE journal_entry (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL REFERENCES casefile(id),
	author_id     INTEGER NOT NULL REFERENCES app_user(id),
	author_org_id INTEGER NOT NULL REFERENCES organisation(id),
	part          INTEGER NOT NULL CHECK (part > 0 AND part <= 4096 AND (part & (part - 1)) = 0),
	entry_date    TEXT NOT NULL,   -- YYYY-MM-DD, the day the entry is about
	body          TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
	addendum_of   INTEGER REFERENCES journal_entry(id),
	created_at    TEXT NOT NULL DEFAULT (datetime('now')),
	pinned_at     TEXT,
	pinned_by     INTEGER REFERENCES app_user(id)
);
CREATE INDEX journal_entry_case ON journal_entry(case_id, entry_date, id);
CREATE INDEX journal_entry_addendum ON journal_entry(addendum_of) WHERE addendum_of IS NOT NULL;
CREATE TRIGGER journal_entry_final BEFORE UPDATE OF case_id, author_id, author_org_id, part, entry_date, body,
	addendum_of, created_at ON journal_entry
BEGIN SELECT RAISE(ABORT, 'journal entries are corrected by addenda, never edited'); END;
CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry
BEGIN SELECT RAISE(ABORT, 'journal entries are kept'); END;

-- How a person can be reached (phone, e-mail), shown to the case team for the
-- regisseur; a partner must be able to reach the regisseur (issue 7).
ALTER TABLE app_user ADD COLUMN contact TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 200);
