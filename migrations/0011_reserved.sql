-- 0011_reserved: intentionally empty. Migration numbers must be contiguous (migrate.c
-- refuses a gap); 0011 is assigned to another branch of the same round of work (issue 8).
-- This placeholder lets the casework branch (0014) run on its own; the lead drops it
-- (or renumbers) when the real 0011 lands on main.
SELECT 1;
