-- 0014_perf_indexes.sql — indexes for pages that must stay flat as the years add up
-- (issue 11). Numbered 0014 because migrate.c refuses gaps; meant as 0020 (renumbered at
-- merge).
--
-- The open cases: the current caseload, which stays about the same size however many
-- years of closed cases lie behind it. Start-page panels walk this index instead of
-- every handover or case of an organisation's history.
CREATE INDEX casefile_open ON casefile(id) WHERE status = 'open';
-- "What Veilig Thuis heard back since …" (handover_vt_feedback_since): a range of recent
-- feedback dates, not every accepted handover ever.
CREATE INDEX handover_vt_feedback ON handover(vt_org_id, feedback_first_at) WHERE status = 'geaccepteerd';
