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

/* One segment of a bar: x offset and width in pixels (within the bar area). */
typedef struct svg_segment {
	int x, w;
} svg_segment;

/* Lay out one stacked bar: segments for the four statuses, scaled so that `max`
 * actions take SVG_BAR_AREA pixels. Widths are whole pixels and add up exactly to
 * the scaled total (no gaps from rounding). max 0 gives empty segments. */
void svg_report_layout(const traffic_counts *c, int max, svg_segment out[LT_NSTATUS]);

/* Template values for the chart: width, height, rows with label and segments
 * (status, meaning, count, x, w, text position), legend, and a one-sentence
 * summary for aria-label. */
tv *svg_report_chart(arena *a, const svg_bar_row *rows, size_t nrows);

#endif
