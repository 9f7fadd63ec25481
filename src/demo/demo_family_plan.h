/*
 * demo_family_plan.h — demo data of the family plan: the De Vries case's gezinsplan
 * in two versions (ZRM scores that improved) and two evaluations, so that the
 * second evaluation's chart shows change.
 */
#ifndef KR_DEMO_FAMILY_PLAN_H
#define KR_DEMO_FAMILY_PLAN_H

#include "util/arena.h"

#include <stdbool.h>

/* Load it; call only inside demo_load()'s transaction, after the safety plan demo. */
bool demo_family_plan_load(arena *a);

#endif
