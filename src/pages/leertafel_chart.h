/*
 * leertafel_chart.h — the template values of the traffic-light bar chart of the
 * leertafel's stoplichtenrapportage: one bar per actielijn and the total, a
 * segment per action status. The geometry is view/svg_report.c's; the SVG is
 * written by templates/leertafel_report_svg.html.
 */
#ifndef KR_LEERTAFEL_CHART_H
#define KR_LEERTAFEL_CHART_H

#include "store/action.h"
#include "view/svg_report.h"
#include "view/tmpl.h"

#include <stddef.h>

typedef struct svg_bar_row {
	const char *label;
	traffic_counts counts;
} svg_bar_row;

/* Template values for the chart: width, height, rows with label (shortened, see
 * svg_report_label) and full_label (for the <title>) and segments
 * (status, meaning, count, x, w, text position), legend, and a one-sentence
 * summary for aria-label. */
tv *leertafel_chart(arena *a, const svg_bar_row *rows, size_t nrows);

#endif
