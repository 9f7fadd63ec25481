-- 0019_perf_indexes.sql — indexes for pages that must stay flat as the years add up
-- (issue 11).
--
-- The open cases: the current caseload, which stays about the same size however many
-- years of closed cases lie behind it. Start-page panels walk this index instead of
-- every handover or case of an organisation's history.
CREATE INDEX casefile_open ON casefile(id) WHERE status = 'open';
-- "What Veilig Thuis heard back since …" (handover_vt_feedback_since): a range of recent
-- feedback dates, not every accepted handover ever.
CREATE INDEX handover_vt_feedback ON handover(vt_org_id, feedback_first_at) WHERE status = 'geaccepteerd';
-- Everything stored about one household (the right of access, household_export.c):
-- its handovers by household, not a walk through every handover.
CREATE INDEX handover_household ON handover(household_id) WHERE household_id IS NOT NULL;
