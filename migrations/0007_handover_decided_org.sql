-- 0007_handover_decided_org: which organisation decided (accepted or returned) a
-- handover, fixed at the moment of the decision. Access to a returned triage
-- handover, a team's "afgehandeld" list and the figures used to follow the
-- deciding team leader's *current* organisation, so moving that person to
-- another team moved the handover along. Existing rows take the decider's
-- organisation as it is now (the best that is known).
ALTER TABLE handover ADD COLUMN decided_org_id INTEGER REFERENCES organisation(id);
UPDATE handover SET decided_org_id = (SELECT organisation_id FROM app_user WHERE id = handover.decided_by)
WHERE decided_by IS NOT NULL;
CREATE INDEX handover_decided_org ON handover(decided_org_id, decided_at, id) WHERE taken_org_id IS NULL;
