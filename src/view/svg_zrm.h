/*
 * svg_zrm.h — geometry of the evaluation chart: per member and ZRM domain two bars,
 * the score at the start and now (1..5), as template values. The SVG itself is
 * written by evaluation_chart.html (labels escaped by the template engine), and the
 * page's table carries the same numbers. Pure: no database, no I/O.
 */
#ifndef KR_SVG_ZRM_H
#define KR_SVG_ZRM_H

#include "view/tmpl.h"

#include <stddef.h>

typedef struct svg_zrm_row {
	const char *label; /* "Linda — Financiën" */
	int start, now;    /* 1..5, 0: no score */
} svg_zrm_row;

enum { ZRM_LABEL_W = 280, ZRM_POINT_W = 50, ZRM_ROW_H = 40, ZRM_TOP = 24 };

/* Width in pixels of a bar for score s (0 for no score). */
int svg_zrm_bar_width(int score);

/* Template values: width, height, axis ticks, rows (label, full_label, start, now,
 * bar x/y/w, text positions), and a one-sentence summary for the <desc>. */
tv *svg_zrm_chart(arena *a, const svg_zrm_row *rows, size_t nrows);

#endif
