/*
 * answer_keep.h — shrink an answered request to what its parked connection
 * needs until its audit record is committed (http.c).
 */
#ifndef KR_ANSWER_KEEP_H
#define KR_ANSWER_KEEP_H

#include "server/request.h"

/* A copy of rq in a fresh, small arena holding only: the answer (status, content
 * type, headers, the body at its exact size), the audit ticket, and what an error
 * page in the answer's place needs (method, path, user, csrf, origin). rq's arena
 * is freed: nothing of rq may be used afterwards. */
request *answer_keep(request *rq);

#endif
