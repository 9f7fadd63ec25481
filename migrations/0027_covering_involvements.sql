-- 0027_covering_involvements.sql — the case list and the household search read the
-- user's involvements from their indexes alone (issue 11).
--
-- Every row of /casussen (and of the search) carries the user's access facts to the
-- case: group_concat(parts) of his/her current involvements in it, organisation ?7
-- (INVOLVEMENT_PARTS_SQL, through case_involvement_active), and the involvement arm of
-- the list walks the user's current involvements (case_involvement_current) checking
-- their organisation. Both indexes held (case_id, user_id) / (user_id, case_id) only,
-- so every row shown read one or two case_involvement rows besides: two b-tree
-- descents per row. The same two indexes, now with the columns those statements read
-- (org_id, parts, and ended_at, which SQLite must see to treat the partial index as
-- covering), under the same names: the statements that name them (INDEXED BY) are
-- unchanged, and their entries are still exactly the current involvements.
DROP INDEX case_involvement_current;
CREATE INDEX case_involvement_current ON case_involvement(user_id, case_id, org_id, ended_at)
	WHERE ended_at IS NULL;
DROP INDEX case_involvement_active;
CREATE INDEX case_involvement_active ON case_involvement(case_id, user_id, org_id, parts, ended_at)
	WHERE ended_at IS NULL;

-- The team leader's inbox: besides its rows, two statements per request find which of
-- the inbox's handovers are "already known" (a case of the team) and which are
-- hermeldingen of another team's case. Each walked every open handover of the region
-- (handover_status) and read its row to see whether it is this team's. The handovers
-- waiting for a decision, with the columns that say whose they are: both statements
-- decide from these entries alone and read no handover row. Entries leave with the
-- decision, so the index holds the region's current intake, not its history.
CREATE INDEX handover_inbox_open ON handover(taken_org_id, receiving_org_id, status)
	WHERE status IN ('ingediend', 'in_behandeling');
