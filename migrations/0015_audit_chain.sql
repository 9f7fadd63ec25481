-- 0015_audit_chain.sql — a hash chain over audit_log (see src/store/audit_chain.h):
-- prev_hash is the row_hash of the row before (NULL for the first row); row_hash is
-- BLAKE2b-256 over prev_hash and the row's own fields. The rows already there are
-- chained here, in id order, by the program's own SQL function kr_audit_row_hash()
-- (so this migration runs only inside ketenregie, never in the sqlite3 shell).
--
-- The guards are recreated in the exact text src/store/audit_guard.c compares at
-- every start of `serve` (and restores, with an audit record, when one is missing or
-- changed): no UPDATE, no DELETE, and no INSERT that is not the next link of the
-- chain — which refuses INSERT OR REPLACE of an existing row too.
ALTER TABLE audit_log ADD COLUMN prev_hash BLOB;
ALTER TABLE audit_log ADD COLUMN row_hash BLOB;

CREATE TEMP TABLE audit_seal (id INTEGER PRIMARY KEY, prev BLOB, h BLOB);
INSERT INTO audit_seal (id, prev, h)
WITH RECURSIVE chain (id, prev, h) AS (
	SELECT 0, NULL, NULL
	UNION ALL
	SELECT a.id, chain.h, kr_audit_row_hash(chain.h, 'id', a.id, 'at', a.at, 'user_id', a.user_id,
		'username', a.username, 'role', a.role, 'organisation_id', a.organisation_id, 'action', a.action,
		'object_type', a.object_type, 'object_id', a.object_id, 'household_id', a.household_id,
		'address', a.address, 'outcome', a.outcome, 'detail', a.detail, 'households', a.households)
	FROM chain JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > chain.id)
)
SELECT id, prev, h FROM chain WHERE id > 0;

DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
UPDATE audit_log SET prev_hash = s.prev, row_hash = s.h FROM temp.audit_seal AS s WHERE s.id = audit_log.id;
DROP TABLE temp.audit_seal;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) OR NEW.prev_hash IS NOT (SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1) OR length(NEW.row_hash) IS NOT 32 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a row joins the end of the hash chain'); END;
