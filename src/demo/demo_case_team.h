/*
 * demo_case_team.h — demo data of the case team and the journal (issue 7): the
 * school and JGZ involved in the De Vries case on different legal bases with
 * different parts, and journal entries of three organisations.
 */
#ifndef KR_DEMO_CASE_TEAM_H
#define KR_DEMO_CASE_TEAM_H

#include "util/arena.h"

#include <stdbool.h>

/* Load it; call only inside demo_load()'s transaction, after demo_handover_load. */
bool demo_case_team_load(arena *a);

#endif
