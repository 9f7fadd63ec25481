-- 0023_audit_indexes: audit_log keeps one row per access for twenty years, and every
-- record is an insert into each of its indexes. Two of them covered all of history for
-- questions about a handful of rows:
-- - audit_log_household (household_id, at): the access-log reports and the household's
--   inzage read audit_household since 0014; no statement reads this index any more;
-- - audit_log_user_action (user_id, action, id): read only for a user's previous login and
--   last password change on the start page. Two partial indexes hold just those rows.
DROP INDEX IF EXISTS audit_log_household;
DROP INDEX IF EXISTS audit_log_user_action;
CREATE INDEX audit_log_login ON audit_log(user_id, id) WHERE action = 'login' AND outcome = 'allowed';
CREATE INDEX audit_log_password_set ON audit_log(user_id, id) WHERE action = 'password_set' AND outcome = 'allowed';
