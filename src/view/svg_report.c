/*
 * svg_report.c — geometry of stacked bar charts and their labels (see
 * svg_report.h). Never writes markup itself: the templates do, with escaping,
 * from the values built here.
 */
#include "view/svg_report.h"

#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

const char *svg_report_label(arena *a, const char *label, size_t max_chars)
{
	size_t n = strlen(label);
	if (max_chars < 2 || utf8_chars(label, n) <= max_chars)
		return label;
	/* byte offset after max_chars - 1 characters */
	size_t off = 0, space = 0;
	for (size_t c = 0; c < max_chars - 1 && off < n; c++) {
		uint32_t cp;
		off += utf8_decode(label + off, n - off, &cp);
		if (cp == ' ' && c >= (max_chars - 1) * 2 / 3)
			space = off - 1;
	}
	size_t cut = space ? space : off;
	return arena_printf(a, "%.*s…", (int)cut, label);
}

void svg_report_layout(const int *n, int nseg, int max, svg_segment *out)
{
	int cum = 0, prev_px = 0;
	for (int i = 0; i < nseg; i++) {
		cum += n[i];
		int px = max > 0 ? (int)(((long long)cum * SVG_BAR_AREA + max / 2) / max) : 0;
		out[i].x = prev_px;
		out[i].w = px - prev_px;
		prev_px = px;
	}
}
