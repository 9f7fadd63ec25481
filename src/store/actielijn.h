/*
 * actielijn.h — the configurable lists of the leertafel: actielijnen (main
 * lines, default the three national lines), tags (doen, delen, leren) and
 * werkgroepen. Never touches client tables.
 */
#ifndef KR_ACTIELIJN_H
#define KR_ACTIELIJN_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lt_item {
	int64_t id;
	const char *name;
	const char *kind; /* "lijn", "tag" or "werkgroep" */
	bool active;
} lt_item;

/* Actielijnen of kind "lijn" or "tag", by position; inactive ones only if all. */
lt_item *actielijn_list(arena *a, const char *kind, bool all, size_t *n);
bool actielijn_get(arena *a, int64_t id, lt_item *out);
/* Create; 0 when the name exists. */
int64_t actielijn_create(const char *name, const char *kind);
bool actielijn_set_active(int64_t id, bool active);

lt_item *werkgroep_list(arena *a, bool all, size_t *n);
bool werkgroep_get(arena *a, int64_t id, lt_item *out);
int64_t werkgroep_create(const char *name);
bool werkgroep_set_active(int64_t id, bool active);

#endif
