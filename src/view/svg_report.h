/*
 * svg_report.h — geometry of the traffic-light bar chart of the leertafel's
 * stoplichtenrapportage, as template values. The SVG itself is written by the
 * template leertafel_report_svg.html, so every label (actielijn names are user
 * text) goes through the template engine's escaping; this file only computes
 * numbers. Pure: no database, no I/O.
 */
#ifndef KR_SVG_REPORT_H
#define KR_SVG_REPORT_H

#include "store/action.h"
#include "view/tmpl.h"

#include <stddef.h>

typedef struct svg_bar_row {
	const char *label;
	traffic_counts counts;
} svg_bar_row;

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

/* Lay out one stacked bar: segments for the four statuses, scaled so that `max`
 * actions take SVG_BAR_AREA pixels. Widths are whole pixels and add up exactly to
 * the scaled total (no gaps from rounding). max 0 gives empty segments. */
void svg_report_layout(const traffic_counts *c, int max, svg_segment out[LT_NSTATUS]);

/* Template values for the chart: width, height, rows with label (shortened, see
 * svg_report_label) and full_label (for the <title>) and segments
 * (status, meaning, count, x, w, text position), legend, and a one-sentence
 * summary for aria-label. */
tv *svg_report_chart(arena *a, const svg_bar_row *rows, size_t nrows);

#endif
