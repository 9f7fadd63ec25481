-- 0012_casework: the work on a case after acceptance (issue 8, items 2, 3, 5, 6, 7).
--   * the five phases of "gefaseerd samenwerken aan veiligheid": the current phase
--     on the case and every change (date, reason, who; back to 1 after an incident);
--   * closure with the toekomstplan and reopening, as history rows;
--   * op- en afschalen: escalations with level, reason, what is asked, the decision
--     and the de-escalation;
--   * round-table meetings (RTO) with invitees, attendance and agreements that are
--     tracked with a status;
--   * casefile.activity_on, the last day anything happened (journal entry, meeting,
--     phase change), kept by triggers so the stagnation flag needs no scan;
--   * household_search, an FTS5 index over household names without diacritics.
-- History rows are never deleted (triggers).

ALTER TABLE casefile ADD COLUMN phase INTEGER NOT NULL DEFAULT 1 CHECK (phase BETWEEN 1 AND 5);
-- YYYY-MM-DD: the last journal entry, meeting or phase change (or the opening day)
ALTER TABLE casefile ADD COLUMN activity_on TEXT;
UPDATE casefile SET activity_on = substr(opened_at, 1, 10);
UPDATE casefile SET activity_on = max(activity_on,
	coalesce((SELECT max(entry_date) FROM journal_entry j WHERE j.case_id = casefile.id), ''));
CREATE INDEX casefile_activity ON casefile(team_org_id, status, activity_on);
CREATE INDEX casefile_director_open ON casefile(director_id, status);

CREATE TABLE case_phase_change (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES casefile(id),
	from_phase INTEGER NOT NULL CHECK (from_phase BETWEEN 1 AND 5),
	to_phase   INTEGER NOT NULL CHECK (to_phase BETWEEN 1 AND 5),
	changed_on TEXT NOT NULL,  -- YYYY-MM-DD, the day of the decision
	reason     TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
	incident   INTEGER NOT NULL DEFAULT 0 CHECK (incident IN (0, 1)), -- back to 1 after an incident or hermelding
	changed_by INTEGER NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX case_phase_change_case ON case_phase_change(case_id, id);
CREATE TRIGGER case_phase_change_final BEFORE UPDATE ON case_phase_change
BEGIN SELECT RAISE(ABORT, 'phase changes are history'); END;
CREATE TRIGGER case_phase_change_no_delete BEFORE DELETE ON case_phase_change
BEGIN SELECT RAISE(ABORT, 'phase changes are history'); END;

-- One row per closure. The toekomstplan is required (by the page) when the case
-- is closed from phase 4 or 5. Reopening fills the reopen columns of the last row.
CREATE TABLE case_closure (
	id              INTEGER PRIMARY KEY,
	case_id         INTEGER NOT NULL REFERENCES casefile(id),
	closed_on       TEXT NOT NULL,
	reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
	from_phase      INTEGER NOT NULL CHECK (from_phase BETWEEN 1 AND 5),
	closed_by       INTEGER NOT NULL REFERENCES app_user(id),
	created_at      TEXT NOT NULL DEFAULT (datetime('now')),
	relapse_signals TEXT NOT NULL DEFAULT '' CHECK (length(relapse_signals) <= 4000),
	family_calls    TEXT NOT NULL DEFAULT '' CHECK (length(family_calls) <= 2000),
	watch_org_id    INTEGER REFERENCES organisation(id),
	watch_what      TEXT NOT NULL DEFAULT '' CHECK (length(watch_what) <= 2000),
	watch_until     TEXT,
	reopened_at     TEXT,
	reopened_by     INTEGER REFERENCES app_user(id),
	reopen_reason   TEXT NOT NULL DEFAULT '' CHECK (length(reopen_reason) <= 4000)
);
CREATE INDEX case_closure_case ON case_closure(case_id, id);
CREATE TRIGGER case_closure_final BEFORE UPDATE OF case_id, closed_on, reason, from_phase, closed_by, created_at,
	relapse_signals, family_calls, watch_org_id, watch_what, watch_until ON case_closure
BEGIN SELECT RAISE(ABORT, 'a closure is history'); END;
CREATE TRIGGER case_closure_no_delete BEFORE DELETE ON case_closure
BEGIN SELECT RAISE(ABORT, 'a closure is history'); END;

CREATE TABLE case_followup_check (
	id         INTEGER PRIMARY KEY,
	closure_id INTEGER NOT NULL REFERENCES case_closure(id),
	check_on   TEXT NOT NULL
);
CREATE INDEX case_followup_check_closure ON case_followup_check(closure_id, check_on);

-- Op- en afschalen (seed 003). Open = no decision yet.
CREATE TABLE case_escalation (
	id              INTEGER PRIMARY KEY,
	case_id         INTEGER NOT NULL REFERENCES casefile(id),
	level           TEXT NOT NULL CHECK (level IN ('teamleider', 'management', 'bestuurder', 'zvh', 'veilig_thuis')),
	reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
	asked           TEXT NOT NULL CHECK (length(asked) BETWEEN 1 AND 4000), -- what is asked of whom
	escalated_on    TEXT NOT NULL,
	escalated_by    INTEGER NOT NULL REFERENCES app_user(id),
	created_at      TEXT NOT NULL DEFAULT (datetime('now')),
	decision        TEXT NOT NULL DEFAULT '' CHECK (length(decision) <= 4000),
	decided_on      TEXT,
	decided_by      INTEGER REFERENCES app_user(id),
	deescalated_on  TEXT,
	deescalated_by  INTEGER REFERENCES app_user(id),
	deescalate_reason TEXT NOT NULL DEFAULT '' CHECK (length(deescalate_reason) <= 4000)
);
CREATE INDEX case_escalation_case ON case_escalation(case_id, id);
CREATE INDEX case_escalation_open ON case_escalation(case_id) WHERE decided_on IS NULL;
CREATE TRIGGER case_escalation_no_delete BEFORE DELETE ON case_escalation
BEGIN SELECT RAISE(ABORT, 'escalations are history'); END;

-- Round-table meetings (RTO).
CREATE TABLE case_meeting (
	id              INTEGER PRIMARY KEY,
	case_id         INTEGER NOT NULL REFERENCES casefile(id),
	held_on         TEXT NOT NULL,
	start_time      TEXT NOT NULL DEFAULT '' CHECK (length(start_time) <= 5),
	location        TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 200),
	online          INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
	agenda          TEXT NOT NULL DEFAULT '' CHECK (length(agenda) <= 20000),
	notes           TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
	notes_part      INTEGER NOT NULL DEFAULT 2048 CHECK (notes_part > 0 AND (notes_part & (notes_part - 1)) = 0),
	family_present  TEXT NOT NULL DEFAULT 'ja' CHECK (family_present IN ('ja', 'nee')),
	family_absent_reason TEXT NOT NULL DEFAULT '' CHECK (length(family_absent_reason) <= 2000),
	created_by      INTEGER NOT NULL REFERENCES app_user(id),
	created_at      TEXT NOT NULL DEFAULT (datetime('now')),
	CHECK (family_present = 'ja' OR length(family_absent_reason) >= 1)
);
CREATE INDEX case_meeting_case ON case_meeting(case_id, held_on, id);
CREATE TABLE case_meeting_invitee (
	meeting_id INTEGER NOT NULL REFERENCES case_meeting(id),
	user_id    INTEGER NOT NULL REFERENCES app_user(id),
	present    TEXT NOT NULL DEFAULT '' CHECK (present IN ('', 'ja', 'nee')),
	PRIMARY KEY (meeting_id, user_id)
);
CREATE TABLE case_agreement (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES casefile(id),
	meeting_id  INTEGER NOT NULL REFERENCES case_meeting(id),
	what        TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 2000),
	who_org_id  INTEGER REFERENCES organisation(id),
	who_user_id INTEGER REFERENCES app_user(id),
	who_text    TEXT NOT NULL DEFAULT '' CHECK (length(who_text) <= 200), -- family member, network
	due_on      TEXT,
	part        INTEGER NOT NULL DEFAULT 64 CHECK (part > 0 AND (part & (part - 1)) = 0),
	status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'loopt', 'gedaan', 'vervallen')),
	status_by   INTEGER REFERENCES app_user(id),
	status_at   TEXT
);
CREATE INDEX case_agreement_case ON case_agreement(case_id, status, id);
CREATE INDEX case_agreement_org ON case_agreement(who_org_id, status) WHERE status IN ('open', 'loopt');
CREATE INDEX case_agreement_user ON case_agreement(who_user_id, status) WHERE status IN ('open', 'loopt');
CREATE TRIGGER case_agreement_no_delete BEFORE DELETE ON case_agreement
BEGIN SELECT RAISE(ABORT, 'agreements are tracked, not deleted'); END;

-- Activity: any journal entry or phase change moves activity_on forward; a meeting
-- does once it is held (store/case_meeting.c, which knows "today").
CREATE TRIGGER casefile_activity_journal AFTER INSERT ON journal_entry
BEGIN UPDATE casefile SET activity_on = max(coalesce(activity_on, ''), NEW.entry_date) WHERE id = NEW.case_id; END;
CREATE TRIGGER casefile_activity_phase AFTER INSERT ON case_phase_change
BEGIN UPDATE casefile SET activity_on = max(coalesce(activity_on, ''), NEW.changed_on) WHERE id = NEW.case_id; END;
-- an evaluation with the family (0011_family_plan) is activity too
CREATE TRIGGER casefile_activity_evaluation AFTER INSERT ON case_evaluation
BEGIN UPDATE casefile SET activity_on = max(coalesce(activity_on, ''), NEW.held_on) WHERE id = NEW.case_id; END;
CREATE TRIGGER casefile_activity_open AFTER INSERT ON casefile WHEN NEW.activity_on IS NULL
BEGIN UPDATE casefile SET activity_on = substr(NEW.opened_at, 1, 10) WHERE id = NEW.id; END;

-- How many weeks without a journal entry, meeting or evaluation make a case stagnate.
INSERT INTO setting (key, value) VALUES ('norm_stagnatie_weken', '6');

-- Search on household name: diacritics- and case-insensitive ("muller" finds "Müller").
CREATE VIRTUAL TABLE household_search USING fts5(name, content='household', content_rowid='id',
	tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO household_search(rowid, name) SELECT id, name FROM household;
CREATE TRIGGER household_search_insert AFTER INSERT ON household
BEGIN INSERT INTO household_search(rowid, name) VALUES (NEW.id, NEW.name); END;
CREATE TRIGGER household_search_update AFTER UPDATE OF name ON household
BEGIN
	INSERT INTO household_search(household_search, rowid, name) VALUES ('delete', OLD.id, OLD.name);
	INSERT INTO household_search(rowid, name) VALUES (NEW.id, NEW.name);
END;
CREATE TRIGGER household_search_delete AFTER DELETE ON household
BEGIN INSERT INTO household_search(household_search, rowid, name) VALUES ('delete', OLD.id, OLD.name); END;
