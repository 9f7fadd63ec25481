/*
 * case_memo.h — what one request already read of one case, kept on the request
 * (rq->memo) so that the access function, the handler and the page's parts do
 * not read the same row again: the case record and the parts mask that
 * case_parts_of() decided (the decision is still made in one place; this only
 * remembers its result).
 *
 * An entry is valid for the case it was stored for and only while this thread's
 * connection has changed nothing since (db_changes()): a request that writes
 * (a POST that adds a team member, then shows the page again) reads afresh.
 */
#ifndef KR_CASE_MEMO_H
#define KR_CASE_MEMO_H

#include "server/request.h"
#include "store/case.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct case_memo {
	int64_t case_id; /* the case of the entries below, 0 when none */
	int64_t changes; /* db_changes() when they were stored */
	bool has_case;
	case_rec c;
	bool has_parts;
	unsigned parts;
} case_memo;

/* Give rq an empty memo (the router, before the access function). */
void case_memo_init(request *rq);

/* The case id, from the memo or else case_get() (then remembered). False when
 * there is no such case. */
bool case_memo_get(const request *rq, int64_t id, case_rec *out);

/* The parts mask remembered for case_id, if any (case_parts.c). */
bool case_memo_parts(const request *rq, int64_t case_id, unsigned *parts);
void case_memo_keep_parts(const request *rq, int64_t case_id, unsigned parts);

#endif
