-- 0005_audit_account_index: the start page reads a user's previous login and last
-- password change from audit_log on every request; without this index that meant
-- reading and sorting all of the user's audit rows, which grow with every request.
CREATE INDEX audit_log_user_action ON audit_log(user_id, action, id);
