/*
 * tmpl_raw.h — PRIVATE: the constructor for trusted raw-HTML template values.
 *
 * Only src/view/tmpl.c (which defines it) and src/view/markdown.c (the one
 * producer of sanitised HTML) may include this header. Page code must never
 * include it: a TV_HTML value is emitted unescaped by {{{name}}}, so anything
 * built with it must already be safe HTML.
 */
#ifndef KR_TMPL_RAW_H
#define KR_TMPL_RAW_H

#include "view/tmpl.h"

/* A TV_HTML value holding a copy of html (NULL becomes ""), owned by a. */
tv *tv_html_trusted(arena *a, const char *html);

#endif
