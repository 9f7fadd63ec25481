/*
 * demo.h — the clearly labelled demo region: fictitious organisations, one user
 * per role (all with DEMO_PASSWORD), and the areas' demo data. A database with
 * the demo loaded carries setting demo=1, and every page then shows a banner.
 *
 * src/demo/ sits above the store and auth (STYLE.md layering): it writes through
 * the store and uses auth's password hashing and case parts; main.c runs it.
 */
#ifndef KR_DEMO_H
#define KR_DEMO_H

#include <stdbool.h>
#include <stdio.h>

#define DEMO_PASSWORD "demo-ketenregie-2026"

/* Load the demo region unless already present; print the accounts to out. */
bool demo_load(FILE *out);

/* Does this database hold the demo region? */
bool demo_present(void);

#endif
