-- 0003_leertafel: the leertafel (learning table) of the chain partners — meetings with
-- attendance, actions with their organisations and status history, the yearly action plan
-- (actieplan) with its adoption, configurable actielijnen and werkgroepen, and escalations to
-- the bestuurlijk overleg (board).
--
-- No client data lives here and nothing here refers to a client table: every table is
-- prefixed lt_ and references only organisation and app_user. Dates are ISO text
-- (YYYY-MM-DD); timestamps are UTC datetime('now') text.

CREATE TABLE lt_actielijn (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 120),
	kind     TEXT NOT NULL CHECK (kind IN ('lijn', 'tag')), -- lijn: main line; tag: doen/delen/leren
	position INTEGER NOT NULL DEFAULT 0,
	active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
INSERT INTO lt_actielijn (name, kind, position) VALUES
	('Eerder en beter in beeld', 'lijn', 1),
	('Stoppen en duurzaam oplossen', 'lijn', 2),
	('Specifieke groepen beter bedienen', 'lijn', 3),
	('Doen', 'tag', 11),
	('Delen', 'tag', 12),
	('Leren', 'tag', 13);

CREATE TABLE lt_werkgroep (
	id     INTEGER PRIMARY KEY,
	name   TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 120),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE lt_meeting (
	id         INTEGER PRIMARY KEY,
	held_on    TEXT NOT NULL CHECK (length(held_on) = 10),
	start_time TEXT NOT NULL DEFAULT '' CHECK (length(start_time) <= 5),
	location   TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 200),
	online     INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
	agenda     TEXT NOT NULL DEFAULT '',
	notes      TEXT NOT NULL DEFAULT '',
	decisions  TEXT NOT NULL DEFAULT '',
	created_by INTEGER REFERENCES app_user(id),
	created_at TEXT NOT NULL DEFAULT (datetime('now')),
	updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX lt_meeting_held_on ON lt_meeting(held_on);

CREATE TABLE lt_attendance (
	meeting_id      INTEGER NOT NULL REFERENCES lt_meeting(id) ON DELETE CASCADE,
	organisation_id INTEGER NOT NULL REFERENCES organisation(id),
	presence        TEXT NOT NULL CHECK (presence IN ('aanwezig', 'afgemeld', 'afwezig')),
	PRIMARY KEY (meeting_id, organisation_id)
) WITHOUT ROWID;

CREATE TABLE lt_plan (
	id          INTEGER PRIMARY KEY,
	year        INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
	title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	adopted_on  TEXT CHECK (adopted_on IS NULL OR length(adopted_on) = 10),
	adopted_by  INTEGER REFERENCES app_user(id), -- who recorded the board's adoption
	created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE lt_action (
	id            INTEGER PRIMARY KEY,
	plan_id       INTEGER NOT NULL REFERENCES lt_plan(id),
	meeting_id    INTEGER REFERENCES lt_meeting(id),  -- meeting whose action list it was born in
	born_on       TEXT NOT NULL CHECK (length(born_on) = 10),
	wat           TEXT NOT NULL CHECK (length(wat) BETWEEN 1 AND 2000),
	hoe           TEXT NOT NULL DEFAULT '',
	due_on        TEXT CHECK (due_on IS NULL OR length(due_on) = 10), -- deadline, or last day of quarter
	quarter       TEXT NOT NULL DEFAULT '',                             -- "Q1 2027" when given as quarter
	actielijn_id  INTEGER NOT NULL REFERENCES lt_actielijn(id),
	tag_id        INTEGER REFERENCES lt_actielijn(id),                  -- doen / delen / leren
	werkgroep_id  INTEGER REFERENCES lt_werkgroep(id),
	status        TEXT NOT NULL DEFAULT 'groen' CHECK (status IN ('groen', 'oranje', 'rood', 'afgerond')),
	status_note   TEXT NOT NULL DEFAULT '',
	status_on     TEXT NOT NULL CHECK (length(status_on) = 10),
	after_adoption INTEGER NOT NULL DEFAULT 0 CHECK (after_adoption IN (0, 1)), -- added or changed after adoption
	created_by    INTEGER REFERENCES app_user(id),
	created_at    TEXT NOT NULL DEFAULT (datetime('now')),
	updated_at    TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX lt_action_plan ON lt_action(plan_id);
CREATE INDEX lt_action_meeting ON lt_action(meeting_id);

CREATE TABLE lt_action_org (
	action_id       INTEGER NOT NULL REFERENCES lt_action(id) ON DELETE CASCADE,
	organisation_id INTEGER NOT NULL REFERENCES organisation(id),
	owner           INTEGER NOT NULL DEFAULT 0 CHECK (owner IN (0, 1)),
	PRIMARY KEY (action_id, organisation_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX lt_action_org_one_owner ON lt_action_org(action_id) WHERE owner = 1;
CREATE INDEX lt_action_org_org ON lt_action_org(organisation_id);

-- Every status change, never updated or deleted.
CREATE TABLE lt_action_status (
	id          INTEGER PRIMARY KEY,
	action_id   INTEGER NOT NULL REFERENCES lt_action(id) ON DELETE CASCADE,
	status      TEXT NOT NULL CHECK (status IN ('groen', 'oranje', 'rood', 'afgerond')),
	note        TEXT NOT NULL DEFAULT '',
	status_on   TEXT NOT NULL CHECK (length(status_on) = 10),
	user_id     INTEGER REFERENCES app_user(id),
	user_name   TEXT NOT NULL,
	org_name    TEXT NOT NULL,
	recorded_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX lt_action_status_action ON lt_action_status(action_id, status_on);
CREATE TRIGGER lt_action_status_no_update BEFORE UPDATE ON lt_action_status
BEGIN SELECT RAISE(ABORT, 'lt_action_status is append-only'); END;

-- Changes to an action's content (wat/hoe/wie/wanneer/actielijn), with the adoption mark.
CREATE TABLE lt_action_change (
	id             INTEGER PRIMARY KEY,
	action_id      INTEGER NOT NULL REFERENCES lt_action(id) ON DELETE CASCADE,
	what           TEXT NOT NULL,
	after_adoption INTEGER NOT NULL CHECK (after_adoption IN (0, 1)),
	user_id        INTEGER REFERENCES app_user(id),
	user_name      TEXT NOT NULL,
	changed_at     TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX lt_action_change_action ON lt_action_change(action_id);

-- Escalation to the bestuurlijk overleg: about an action, or a bottleneck of its own.
CREATE TABLE lt_escalation (
	id            INTEGER PRIMARY KEY,
	action_id     INTEGER REFERENCES lt_action(id),
	subject       TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
	reason        TEXT NOT NULL CHECK (length(reason) >= 1),
	escalated_on  TEXT NOT NULL CHECK (length(escalated_on) = 10),
	escalated_by  INTEGER REFERENCES app_user(id),
	board_on      TEXT CHECK (board_on IS NULL OR length(board_on) = 10), -- date of the board meeting
	decision      TEXT NOT NULL DEFAULT '',
	decided_on    TEXT CHECK (decided_on IS NULL OR length(decided_on) = 10),
	created_at    TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX lt_escalation_action ON lt_escalation(action_id);
