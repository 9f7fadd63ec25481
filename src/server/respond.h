/*
 * respond.h — ways a handler answers: a page rendered from a template inside the
 * layout, a redirect, a Dutch error page, CSV, or bytes.
 */
#ifndef KR_RESPOND_H
#define KR_RESPOND_H

#include "server/request.h"
#include "view/tmpl.h"

/* The context every page starts from: title, user, organisation, roles,
 * navigation for the user's roles, CSRF token, demo flag, asset version. */
tv *page_ctx(request *rq, const char *title);

/* Render template `name` (which includes the header/footer partials) with ctx. */
void respond_page(request *rq, int status, const char *name, tv *ctx);

/* 303 See Other to a local path. */
void respond_redirect(request *rq, const char *location);

/* Dutch error page for 400, 403, 404, 405, 409, 413, 414, 415, 429, 431, 500, 505. */
void respond_error(request *rq, int status);

/* 409 with a specific explanation and the way back (rq->conflict, filled by an
 * access function answering ACCESS_CONFLICT). */
void respond_conflict(request *rq);

/* Body as is. */
void respond_bytes(request *rq, int status, const char *content_type, const char *data, size_t len);

/* A CSV download (text/csv; attachment with filename). */
void respond_csv(request *rq, const char *filename, const strbuf *csv);

/* Add the form's submitted values and field errors to ctx as
 * ctx.form.<name> (first value) and ctx.errors.<name>, plus ctx.has_errors
 * and ctx.error_list (for the summary at the top of the form). */
void page_add_form(tv *ctx, const form *f);

#endif
