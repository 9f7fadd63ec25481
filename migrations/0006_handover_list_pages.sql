-- 0006_handover_list_pages: /overdrachten shows one page (50) of a list, newest first,
-- read by keyset instead of up to 1,000 (VT) or 100 (team) full rows; the list's counts
-- are aggregates that these indexes answer without reading the table.
--   handover_team_decided_page: a team's decided handovers in (decided_at, id) order,
--     for the page (keyset) and its count; covering (status is in it for the partial
--     index's condition). The VT list needs no new index: without a status filter it
--     walks the primary key (one VT organisation per region), with one handover_vt
--     (vt_org_id, status), whose entries are in id order.
--   case_condition_handover_status: the kept / not kept counts of the listed handovers
--     from the index alone; it replaces case_condition_handover (handover_id), its prefix.
CREATE INDEX handover_team_decided_page ON handover(taken_org_id, decided_at, id, status)
	WHERE status IN ('geaccepteerd', 'teruggelegd');
CREATE INDEX case_condition_handover_status ON case_condition(handover_id, status);
DROP INDEX case_condition_handover;
