/*
 * home_list.c — keyset paging of the start-page lists (see home_list.h). The
 * cursor comes from the query string (declared fields `lijst`, `na`); a cursor
 * that does not parse starts the list from the beginning. Decides nothing about
 * what a user may see: every list reads only the user's own rows.
 */
#include "pages/home_list.h"

#include "util/strbuf.h"
#include "view/html.h"

#include <stdlib.h>
#include <string.h>

bool home_list_paging(request *rq)
{
	return *form_str(&rq->form, "lijst") != '\0';
}

/* "KEY~ID": KEY only of digits, '-', ':' and ' ' (dates and times), ID > 0. */
static bool parse_cursor(arena *a, const char *s, keyset *out)
{
	const char *tilde = strrchr(s, '~');
	if (!tilde || tilde - s > 32)
		return false;
	for (const char *p = s; p < tilde; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '-' || *p == ':' || *p == ' '))
			return false;
	char *end = NULL;
	long long id = strtoll(tilde + 1, &end, 10);
	if (!tilde[1] || *end || id <= 0)
		return false;
	char *key = arena_alloc(a, (size_t)(tilde - s) + 1);
	memcpy(key, s, (size_t)(tilde - s));
	key[tilde - s] = '\0';
	out->key = key;
	out->id = id;
	return true;
}

bool home_list_wants(request *rq, const char *name, keyset *after)
{
	*after = KEYSET_START;
	const char *chosen = form_str(&rq->form, "lijst");
	if (!*chosen)
		return true;
	if (strcmp(chosen, name) != 0)
		return false;
	parse_cursor(rq->a, form_str(&rq->form, "na"), after);
	return true;
}

void home_list_next(request *rq, tv *ctx, const char *ctx_key, const char *name, bool more, const char *key,
                    int64_t id)
{
	if (!more)
		return;
	strbuf q;
	sb_init(&q, rq->a);
	sb_putc(&q, '\0');
	q.len = 0;
	const char *cursor = arena_printf(rq->a, "%s~%lld", key, (long long)id);
	url_encode(&q, cursor, strlen(cursor));
	tv_set_str(ctx, arena_printf(rq->a, "%s_next", ctx_key), arena_printf(rq->a, "/?lijst=%s&na=%s", name, q.data));
}
