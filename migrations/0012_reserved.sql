-- 0012_reserved: intentionally empty. Migration numbers must be contiguous (migrate.c
-- refuses a gap); 0012 is assigned to another branch of the same round of work (issue 8).
-- This placeholder lets the family-plan branch (0013) run on its own; the lead drops it
-- when the real 0012 lands on main.
SELECT 1;
