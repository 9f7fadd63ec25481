/*
 * flash.h — what a POST leaves behind for the page the browser lands on next,
 * bound to the session and kept in memory only (never in the database):
 *
 *  - a one-time success message ("Overdracht ingediend."): set by a handler that
 *    answers with a redirect, taken (and so removed) by page_ctx() on the next
 *    page of the same session, shown at the top of the page;
 *  - the page of a failed POST (a form shown again with its messages, a
 *    confirmation or conflict page): the router stores it and answers 303 to the
 *    page's GET address (POST-redirect-GET), so the address bar names a page that
 *    can be reloaded without posting again. A GET of that address by the same
 *    session shows the stored page again until the session posts anything or
 *    opens another page, or FLASH_PAGE_SECONDS pass.
 *
 * Without a session (login, password reset) nothing is kept. Entries are capped
 * in number and size; the oldest is dropped when full; memory is wiped on free.
 * Thread-safe.
 */
#ifndef KR_FLASH_H
#define KR_FLASH_H

#include "server/request.h"

#include <stdbool.h>

enum { FLASH_PAGE_SECONDS = 15 * 60, FLASH_MESSAGE_SECONDS = 10 * 60 };

/* Remember message (copied) for the next page of rq's session; replaces one that
 * was not shown yet. No-op without a session. */
void flash_set(request *rq, const char *message);
/* The same with a line to show as code under the message (a one-time link that
 * the user must copy); code may be NULL. */
void flash_set_code(request *rq, const char *message, const char *code);

typedef struct flash_message {
	const char *message; /* arena copies */
	const char *code;    /* NULL when none */
} flash_message;
/* The session's pending message, removed from the store; false when none. */
bool flash_take(request *rq, flash_message *out);

/* Keep rq->res (status, content type, body) as the failed-POST page of the
 * session for GET `path`. False (nothing kept) without a session or when the
 * body is too large. */
bool flash_keep_page(request *rq, const char *path);

/* When the session has a kept page for rq->path: copy it into rq->res and
 * answer true. */
bool flash_replay_page(request *rq);

/* Drop the session's kept page unless it belongs to keep_path (NULL: always). */
void flash_forget_page(request *rq, const char *keep_path);

/* Drop everything (shutdown, tests). */
void flash_clear_all(void);

#endif
