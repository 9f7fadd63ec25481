/*
 * case_memo.c — per-request memo of one case's record and parts (case_memo.h).
 */
#include "auth/case_memo.h"

#include "store/db.h"

#include <string.h>

void case_memo_init(request *rq)
{
	rq->memo = arena_alloc(rq->a, sizeof *rq->memo);
}

/* The memo, emptied when it holds another case or the connection wrote since. */
static case_memo *memo_for(const request *rq, int64_t case_id)
{
	case_memo *m = rq->memo;
	if (!m || case_id <= 0)
		return NULL;
	int64_t now = db_changes();
	if (m->case_id != case_id || m->changes != now) {
		memset(m, 0, sizeof *m);
		m->case_id = case_id;
		m->changes = now;
	}
	return m;
}

bool case_memo_get(const request *rq, int64_t id, case_rec *out)
{
	case_memo *m = memo_for(rq, id);
	if (m && m->has_case) {
		*out = m->c;
		return true;
	}
	if (!case_get(rq->a, id, out))
		return false;
	if (m) {
		m->c = *out;
		m->has_case = true;
	}
	return true;
}

bool case_memo_parts(const request *rq, int64_t case_id, unsigned *parts)
{
	case_memo *m = memo_for(rq, case_id);
	if (!m || !m->has_parts)
		return false;
	*parts = m->parts;
	return true;
}

void case_memo_keep_parts(const request *rq, int64_t case_id, unsigned parts)
{
	case_memo *m = memo_for(rq, case_id);
	if (m) {
		m->parts = parts;
		m->has_parts = true;
	}
}
