-- 0008_handover_end_and_triage.sql (assigned 0011; numbered to follow main) — Veilig Thuis
-- ends what it sent (issue 9, item 7): a submitted handover that no team took yet can be withdrawn (status
-- 'ingetrokken'); a returned handover is closed with a reason, or sent again as a
-- new handover that links the returned one (resent_from). ended_* records who
-- ended it, when and why; the returned handover then leaves "Actie nodig".

-- Allow the status 'ingetrokken'. SQLite cannot alter a CHECK constraint, and a
-- rebuild of handover would need foreign keys off (its children cascade). Adding
-- an allowed value changes no stored row, so the table's SQL text is edited in
-- place, as SQLite's ALTER TABLE documentation describes for CHECK constraints;
-- writable_schema=RESET reloads the schema within this transaction.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''geaccepteerd'', ''teruggelegd''))',
                          '''geaccepteerd'', ''teruggelegd'', ''ingetrokken''))')
 WHERE type = 'table' AND name = 'handover';
PRAGMA writable_schema = RESET;
-- fails the migration (and so rolls it back) when the edit above found nothing
CREATE TEMP TABLE migration_handover_end_check (ok INTEGER CHECK (ok = 1));
INSERT INTO migration_handover_end_check
SELECT instr(sql, '''teruggelegd'', ''ingetrokken''') > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'handover';
DROP TABLE migration_handover_end_check;

ALTER TABLE handover ADD COLUMN ended_at TEXT;
ALTER TABLE handover ADD COLUMN ended_by INTEGER REFERENCES app_user(id);
ALTER TABLE handover ADD COLUMN end_reason TEXT;
ALTER TABLE handover ADD COLUMN resent_from INTEGER REFERENCES handover(id);
CREATE INDEX handover_resent_from ON handover(resent_from) WHERE resent_from IS NOT NULL;

-- The joint triage (issue 9, item 8): a second open case of one household is
-- opened only with the accepting team leader's reason, kept with the handover.
ALTER TABLE handover ADD COLUMN parallel_reason TEXT;
