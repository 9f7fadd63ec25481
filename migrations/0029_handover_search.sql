-- 0029_handover_search.sql — the handover search by family name reads a typed word as one
-- term of a prefix index, lazily, newest first, and a team's filters from a covering index (issue 11).
--
-- handover_name_fts (0013) had no prefix index, so a prefix query ("gezin"*) made
-- FTS5 merge the doclists of every term with that prefix into one buffer on each
-- statement: a common word cost all its matches (60,000 at a decade's volume, 3–5 ms
-- per statement) even where the list takes the newest 100 and the count stops at
-- 1,001. Prefix indexes of 1 to 8 characters, as case_name_search has (0021), make a
-- typed word of up to 8 letters one term whose doclist is read as far as the
-- statement steps; longer words fall back to the merge (they match few names).
-- The table is recreated with the same columns, tokenizer and external content; the
-- triggers of 0013 on handover name it and keep it in step as before.
DROP TABLE handover_name_fts;
CREATE VIRTUAL TABLE handover_name_fts USING fts5(household_name, content = 'handover', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 7 8');
INSERT INTO handover_name_fts (handover_name_fts) VALUES ('rebuild');
-- one segment: a term's doclist is one b-tree range, not one per segment of the rebuild
INSERT INTO handover_name_fts (handover_name_fts) VALUES ('optimize');

-- What the search's filters read of a handover, keyed by id: a team leader's search
-- walks the matches of a name (or a period) and keeps those the team's lists show,
-- a third or less of them, so its count of up to 1,001 reads ~3,000 handovers. From
-- the table that is ~3,000 rows on as many pages (5 rows a page: a handover carries
-- its content), more than a connection's page cache; from this index ~50 pages.
CREATE INDEX handover_search_facts ON handover(id, status, vt_org_id, taken_org_id, receiving_org_id,
	decided_org_id, submitted_at, created_at);
