-- 0020_flat_handover.sql — the handover panels of the start pages and /overdrachten
-- read only what is open, whatever the years behind it (issue 11).
--
-- Each index is partial: an entry leaves when the handover stops being open (taken,
-- decided, warm handover held and feedback given, returned handover ended), so walking
-- or counting it costs the open items, not history. Each is covering for the queries
-- that count or pick from it (handover_list.c), so no table row is read until the
-- few items a page shows.
--
-- handover_vt_open and handover_team_open keep their names and WHERE clauses (0004)
-- and gain the columns of the overdue rules; id right after the organisation keeps
-- the entries in id order, so "the newest five overdue" walks them from the end.
DROP INDEX handover_vt_open;
CREATE INDEX handover_vt_open ON handover(vt_org_id, id, status, submitted_at, decided_at, warm_held_date,
	feedback_first_at)
	WHERE status IN ('ingediend', 'in_behandeling')
	   OR (status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL));
DROP INDEX handover_team_open;
CREATE INDEX handover_team_open ON handover(taken_org_id, id, status, decided_at, warm_held_date, feedback_first_at)
	WHERE status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL);
-- Returned to Veilig Thuis and not yet ended (resent or closed): the count of the VT
-- start page and its list, newest decision first.
CREATE INDEX handover_vt_returned_open ON handover(vt_org_id, decided_at, status, ended_at)
	WHERE status = 'teruggelegd' AND ended_at IS NULL;
-- From an open case to its accepted handovers without reading the handover rows
-- (conditions not kept, VT start page).
CREATE INDEX handover_case_accepted ON handover(case_id, vt_org_id, status) WHERE status = 'geaccepteerd';
