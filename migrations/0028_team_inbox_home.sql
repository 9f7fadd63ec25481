-- 0028_team_inbox_home.sql — the team leader's start page counts its team's inbox
-- without reading a handover row (issue 11).
--
-- The panel "Actie nodig" of a team leader shows how many handovers wait for a
-- decision, how many are new with urgency "hoog" and how many wait past the
-- decision norm, with the first five of each group. It read every waiting
-- handover of the region (handover_status) with its brief columns to count them in
-- C: 50 of 102 rows at a decade's volume, ~20 % of the page's worker time. This
-- index holds only the waiting handovers (an entry leaves when the handover is
-- accepted, returned or withdrawn) with every column the counts and the choice of
-- the shown items need, so the counts read the index alone and only the shown
-- rows are read from the table (store/handover_list.c: handover_inbox_*).
CREATE INDEX handover_inbox ON handover(status, taken_org_id, receiving_org_id, urgency, submitted_at)
	WHERE status IN ('ingediend', 'in_behandeling');

-- The inbox's "already known" and other teams' hermeldingen (0027) read the same
-- entries: they use this index too (it holds every column they read), and 0027's
-- narrower index on the same handovers goes.
DROP INDEX handover_inbox_open;
