/*
 * demo_safety_plan.h — demo data of the safety plan: the De Vries case's plan in
 * three versions (a concept, the version agreed with the family, a new concept).
 */
#ifndef KR_DEMO_SAFETY_PLAN_H
#define KR_DEMO_SAFETY_PLAN_H

#include "util/arena.h"

#include <stdbool.h>

/* Load it; call only inside demo_load()'s transaction, after the handover demo. */
bool demo_safety_plan_load(arena *a);

#endif
