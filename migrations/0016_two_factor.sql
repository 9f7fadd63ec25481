-- 0014_two_factor (issue 10, items 5 and 6; planned as 0016, renumbered at merge):
-- the second factor of each account (TOTP secret, last accepted time step, hashed
-- one-time recovery codes), logins that passed the password and wait for the
-- second factor, and account changes that wait for a second person's confirmation.

-- One TOTP secret per account (RFC 6238). The secret is never shown again after
-- enrolment (docs/security.md). last_step: the last time step accepted, so that
-- a code is accepted once.
CREATE TABLE user_totp (
	user_id     INTEGER PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
	secret      BLOB NOT NULL CHECK (length(secret) = 20),
	enrolled_at INTEGER NOT NULL,
	last_step   INTEGER NOT NULL DEFAULT -1
);

-- Ten one-time recovery codes per enrolment; only a hash is kept.
CREATE TABLE user_recovery_code (
	user_id   INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	code_hash BLOB NOT NULL CHECK (length(code_hash) = 32),
	used_at   INTEGER,
	PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- The demo region's accounts may log in without a second factor (and only while
-- the database holds the demo region); when an account was first asked to enrol
-- (the grace period counts from then).
ALTER TABLE app_user ADD COLUMN second_factor_exempt INTEGER NOT NULL DEFAULT 0
	CHECK (second_factor_exempt IN (0, 1));
ALTER TABLE app_user ADD COLUMN second_factor_asked_at INTEGER;
UPDATE app_user SET second_factor_exempt = 1
	WHERE EXISTS (SELECT 1 FROM setting WHERE key = 'demo' AND value = '1');

-- A login that passed the password step: a cookie names it (only the hash of its
-- token is stored), it lives ten minutes, and after five wrong codes it ends.
-- new_secret: during enrolment, the secret shown until a code from it is confirmed.
CREATE TABLE login_pending (
	token_hash BLOB PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	device     TEXT,
	new_secret BLOB CHECK (new_secret IS NULL OR length(new_secret) = 20),
	failures   INTEGER NOT NULL DEFAULT 0,
	resume_to  TEXT,     -- a form carried along from an expired session (pages/login.c)
	resume     TEXT
) WITHOUT ROWID;
CREATE INDEX login_pending_user ON login_pending(user_id);

-- Four-eyes principle (issue 10 item 6): giving an account a client-data role (a new
-- account or a change of roles or organisation), and resetting the password or the
-- second factor of such an account, waits here until a second person confirms.
CREATE TABLE account_change (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('create', 'roles', 'password', 'second_factor')),
	new_org_id   INTEGER REFERENCES organisation(id),
	new_roles    TEXT,   -- role names, comma-separated ('create', 'roles')
	requested_by INTEGER NOT NULL REFERENCES app_user(id),
	requested_at INTEGER NOT NULL,
	decided_by   INTEGER REFERENCES app_user(id),
	decided_at   INTEGER,
	outcome      TEXT CHECK (outcome IN ('confirmed', 'refused', 'withdrawn')),
	CHECK ((decided_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX account_change_open ON account_change(user_id, kind) WHERE decided_at IS NULL;
CREATE INDEX account_change_pending ON account_change(decided_at) WHERE decided_at IS NULL;
