-- 0008_reserved: intentionally empty. Migration numbers must be contiguous (migrate.c
-- refuses a gap), and 0008 was assigned to another branch of the same round of work.
-- This placeholder lets the case-team (0009) and safety-plan (0010) branches run on
-- their own; the lead drops it (or renumbers) when the real 0008 lands on main.
SELECT 1;
