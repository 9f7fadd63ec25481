/*
 * demo_casework.h — demo data of the work on cases (issue 8): cases in each of
 * the five phases with their history (one back to phase 1 after an incident is
 * not among them: the HTTP tests make one), a round-table meeting with the school
 * and JGZ and its agreements, one case escalated to the team leader and
 * stagnating, one closed from phase 5 with a toekomstplan.
 */
#ifndef KR_DEMO_CASEWORK_H
#define KR_DEMO_CASEWORK_H

#include "util/arena.h"

#include <stdbool.h>

/* Load it; call only inside demo_load()'s transaction, after demo_case_team_load. */
bool demo_casework_load(arena *a);

#endif
