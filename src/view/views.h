/*
 * views.h — the embedded templates, parsed once at start-up, and the version
 * string used to cache-bust static asset URLs.
 */
#ifndef KR_VIEWS_H
#define KR_VIEWS_H

#include "view/tmpl.h"

#include <stdbool.h>
#include <stddef.h>

bool views_init(char *err, size_t errlen);
const tmpl_set *views(void);
const char *views_asset_version(void);
void views_free(void);

#endif
