/*
 * demo_handover.h — demo data of the handover area: fictitious households,
 * handovers in every state, cases, safety conditions and feedback.
 */
#ifndef KR_DEMO_HANDOVER_H
#define KR_DEMO_HANDOVER_H

#include "util/arena.h"

#include <stdbool.h>

/* Load it; call only inside demo_load()'s transaction, after the demo users. */
bool demo_handover_load(arena *a);

#endif
