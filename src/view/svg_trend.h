/*
 * svg_trend.h — geometry of the /cijfers trend chart: per quarter a group of
 * vertical bars, one per series (received, accepted, returned), as template
 * values. The SVG is written by templates/figures_trend_svg.html, so every text
 * goes through the template engine's escaping; this file only computes numbers.
 * A suppressed value (small_cells.h) gets no bar, only its marker ("<5", "x").
 * Pure: no database, no I/O.
 */
#ifndef KR_SVG_TREND_H
#define KR_SVG_TREND_H

#include "view/tmpl.h"

#include <stdbool.h>
#include <stddef.h>

enum { TREND_SERIES = 3, TREND_AREA_H = 180, TREND_BAR_W = 16, TREND_LEFT = 44, TREND_TOP = 12 };

typedef struct svg_trend_point {
	const char *label;                /* the quarter, "Q1 2026" */
	int value[TREND_SERIES];          /* the count, used only when shown */
	bool shown[TREND_SERIES];         /* false: suppressed, no bar */
	const char *text[TREND_SERIES];   /* as published: the number, "<5" or "x" */
} svg_trend_point;

/* The top of the scale for a largest value: 10, 20, 50, 100, 200, 500, … (at least 10). */
int svg_trend_scale(int max);

/* Bar height in pixels of value v on a scale whose top is `scale` (TREND_AREA_H). */
int svg_trend_bar_h(int v, int scale);

/* Template values for the chart: width, height, ticks, groups (label, bars with
 * series index, x, y, h, text and whether shown), legend, and a one-sentence
 * summary for the accessible name. series: the three series names. */
tv *svg_trend_chart(arena *a, const svg_trend_point *pts, size_t n, const char *const series[TREND_SERIES]);

#endif
