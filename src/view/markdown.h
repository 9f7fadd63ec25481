/*
 * markdown.h — the only producer of raw HTML template values.
 *
 * Renders Markdown with cmark in safe mode (raw HTML dropped, javascript: and
 * similar links emptied; CMARK_OPT_UNSAFE is never passed). Input above
 * MARKDOWN_MAX bytes is cut before rendering (cmark 0.30 has quadratic cases).
 */
#ifndef KR_MARKDOWN_H
#define KR_MARKDOWN_H

#include "view/tmpl.h"

#define MARKDOWN_MAX (64 * 1024)

/* Render md (NUL-terminated, may be NULL) into a TV_HTML value owned by a. */
tv *markdown_render(arena *a, const char *md);

#endif
