/*
 * demo_leertafel.h — the leertafel part of the demo region: a second
 * leertafellid (politie), a year (2026) of meetings with attendance, agenda,
 * notes and decisions, the 2026 action plan with statuses in all four colours
 * and their history, and escalations to the bestuurlijk overleg. Fictitious,
 * and free of client data like everything in the leertafel.
 */
#ifndef KR_DEMO_LEERTAFEL_H
#define KR_DEMO_LEERTAFEL_H

#include "util/arena.h"

#include <stdbool.h>

/* Load inside demo.c's transaction, after its organisations and users exist.
 * password_hash: the demo password's hash, for the extra account. */
bool demo_leertafel_load(arena *a, const char *password_hash);

#endif
