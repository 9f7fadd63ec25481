/*
 * home_list.h — paging through one list of the start page by keyset: the first
 * page of every list stands on "/"; a list's "Volgende" link opens
 * "/?lijst=NAME&na=KEY~ID", which shows only that list from the row after (KEY,
 * ID) on (store/keyset.h). Start-page panels ask home_list_wants() before they
 * read a list and put its link with home_list_next().
 */
#ifndef KR_HOME_LIST_H
#define KR_HOME_LIST_H

#include "server/request.h"
#include "store/keyset.h"
#include "view/tmpl.h"

#include <stdbool.h>
#include <stddef.h>

#define HOME_LIST_PAGE 20

/* True when the list `name` is shown on this request (no list chosen, or this
 * one); *after is where it continues (KEYSET_START unless this list is chosen). */
bool home_list_wants(request *rq, const char *name, keyset *after);

/* True when the request pages through one list (the other panels stay away). */
bool home_list_paging(request *rq);

/* Set `<name_key>_next` in ctx to the link of the page after (key, id) when more. */
void home_list_next(request *rq, tv *ctx, const char *ctx_key, const char *name, bool more, const char *key,
                    int64_t id);

#endif
