-- 0025_case_page_order: two lists of the case page read from an index in their own
-- order instead of being sorted in memory on every view (issue 11):
-- - the case's handovers, oldest submission first (handover_list_for_case:
--   ORDER BY h.submitted_at, h.id): handover_case (case_id) becomes
--   (case_id, submitted_at), the rowid breaking ties;
-- - the case's hermeldingen, newest first (re_report_of_case: ORDER BY r.reported_at DESC,
--   r.handover_id DESC LIMIT n): case_re_report_case (case_id) becomes
--   (case_id, reported_at, handover_id), walked backwards, and covers the row.
-- Each new index replaces the old one, whose prefix it is: no extra write per row.
CREATE INDEX handover_case_submitted ON handover(case_id, submitted_at);
DROP INDEX IF EXISTS handover_case;
CREATE INDEX case_re_report_by_case ON case_re_report(case_id, reported_at, handover_id);
DROP INDEX IF EXISTS case_re_report_case;
