/*
 * svg_report.h — geometry of a stacked bar chart (the leertafel's
 * stoplichtenrapportage, pages/leertafel_chart.c) and the shortening of its
 * labels (also the evaluation chart, svg_zrm.c). The SVG itself is written by a
 * template, so every label (user text) goes through the template engine's
 * escaping; this file only computes numbers. Pure: no database, no I/O, and no
 * knowledge of what the segments mean (the store's vocabulary stays out of view).
 */
#ifndef KR_SVG_REPORT_H
#define KR_SVG_REPORT_H

#include "view/tmpl.h"

#include <stddef.h>

enum { SVG_BAR_AREA = 300, SVG_LABEL_W = 200, SVG_ROW_H = 34, SVG_TOP = 10 };

/* Characters of a row label that fit in SVG_LABEL_W at the chart's 13px font. */
enum { SVG_LABEL_CHARS = 26 };

/* The label as drawn: unchanged when it has at most max_chars characters, otherwise cut at
 * a word boundary where one is near (else mid-word, never inside a UTF-8 sequence) with
 * "…" added, at most max_chars characters in all. Arena-owned (or label itself). */
const char *svg_report_label(arena *a, const char *label, size_t max_chars);

/* One segment of a bar: x offset and width in pixels (within the bar area). */
typedef struct svg_segment {
	int x, w;
} svg_segment;

/* Lay out one stacked bar: nseg segments of n[0..nseg-1] items, scaled so that
 * `max` items take SVG_BAR_AREA pixels. Widths are whole pixels and add up exactly
 * to the scaled total (no gaps from rounding). max 0 gives empty segments. */
void svg_report_layout(const int *n, int nseg, int max, svg_segment *out);

#endif
