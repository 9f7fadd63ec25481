-- 0001_init: organisations, users and roles, sessions, login attempts, password
-- reset links, settings and the append-only audit log.
-- Times are UTC. Session and throttling times are unix seconds (compared often);
-- the audit log keeps ISO-8601 text for people who read it.

CREATE TABLE organisation (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 200),
	kind       TEXT NOT NULL CHECK (kind IN ('veilig_thuis', 'wijkteam', 'buurtteam', 'onderwijs',
	               'kinderopvang', 'leerplicht', 'jgz', 'politie', 'ggz', 'icm', 'rvdk',
	               'gemeente', 'overig')),
	active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE app_user (
	id              INTEGER PRIMARY KEY,
	username        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
	name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	organisation_id INTEGER NOT NULL REFERENCES organisation(id),
	password_hash   TEXT,            -- NULL until the user sets one through a reset link
	active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at      TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX app_user_organisation ON app_user(organisation_id);

CREATE TABLE user_role (
	user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	role    TEXT NOT NULL CHECK (role IN ('vt', 'teamleider', 'professional', 'partner',
	            'secretaris', 'leertafellid', 'beleid', 'beheerder')),
	PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

CREATE TABLE session (
	token_hash BLOB PRIMARY KEY,     -- crypto_generichash of the cookie token
	user_id    INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_user ON session(user_id);

CREATE TABLE login_attempt (
	id       INTEGER PRIMARY KEY,
	username TEXT NOT NULL COLLATE NOCASE,
	address  TEXT NOT NULL,
	at       INTEGER NOT NULL,
	success  INTEGER NOT NULL CHECK (success IN (0, 1))
);
CREATE INDEX login_attempt_username ON login_attempt(username, at);
CREATE INDEX login_attempt_address ON login_attempt(address, at);

CREATE TABLE password_reset (
	token_hash BLOB PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	created_by INTEGER NOT NULL REFERENCES app_user(id),
	expires_at INTEGER NOT NULL,
	used_at    INTEGER
) WITHOUT ROWID;

CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- NEN 7513-style access log. No foreign keys: records must outlive what they name.
CREATE TABLE audit_log (
	id              INTEGER PRIMARY KEY,
	at              TEXT NOT NULL,   -- UTC, ISO 8601 with milliseconds
	user_id         INTEGER,
	username        TEXT,
	role            TEXT,
	organisation_id INTEGER,
	action          TEXT NOT NULL,   -- view, create, update, print, export, login, logout, admin…
	object_type     TEXT,
	object_id       INTEGER,
	household_id    INTEGER,
	address         TEXT,
	outcome         TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
	detail          TEXT
);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE INDEX audit_log_household ON audit_log(household_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
