/*
 * svg_report.c — numbers for the traffic-light bar chart (see svg_report.h).
 * Never writes markup itself: templates/leertafel_report_svg.html does, with
 * escaping, from the values built here.
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

void svg_report_layout(const traffic_counts *c, int max, svg_segment out[LT_NSTATUS])
{
	int cum = 0, prev_px = 0;
	for (int i = 0; i < LT_NSTATUS; i++) {
		cum += c->n[i];
		int px = max > 0 ? (int)(((long long)cum * SVG_BAR_AREA + max / 2) / max) : 0;
		out[i].x = prev_px;
		out[i].w = px - prev_px;
		prev_px = px;
	}
}

tv *svg_report_chart(arena *a, const svg_bar_row *rows, size_t nrows)
{
	int max = 0;
	for (size_t i = 0; i < nrows; i++) {
		int sum = 0;
		for (int s = 0; s < LT_NSTATUS; s++)
			sum += rows[i].counts.n[s];
		if (sum > max)
			max = sum;
	}
	tv *chart = tv_obj(a);
	int height = SVG_TOP + (int)nrows * SVG_ROW_H + 40;
	tv_set_int(chart, "width", SVG_LABEL_W + SVG_BAR_AREA + 40);
	tv_set_int(chart, "height", height);
	tv *list = tv_list(a);
	for (size_t i = 0; i < nrows; i++) {
		svg_segment seg[LT_NSTATUS];
		svg_report_layout(&rows[i].counts, max, seg);
		int y = SVG_TOP + (int)i * SVG_ROW_H;
		tv *r = tv_obj(a);
		tv_set_str(r, "label", svg_report_label(a, rows[i].label, SVG_LABEL_CHARS));
		tv_set_str(r, "full_label", rows[i].label);
		tv_set_int(r, "y", y);
		tv_set_int(r, "text_y", y + 18);
		int sum = 0;
		tv *segs = tv_list(a);
		for (int s = 0; s < LT_NSTATUS; s++) {
			sum += rows[i].counts.n[s];
			if (seg[s].w <= 0)
				continue;
			tv *g = tv_obj(a);
			tv_set_str(g, "status", action_statuses[s]);
			tv_set_str(g, "meaning", action_status_extra(action_statuses[s]));
			tv_set_int(g, "count", rows[i].counts.n[s]);
			tv_set_int(g, "x", SVG_LABEL_W + seg[s].x);
			tv_set_int(g, "w", seg[s].w);
			tv_set_int(g, "text_x", SVG_LABEL_W + seg[s].x + seg[s].w / 2);
			tv_set_bool(g, "show_count", seg[s].w >= 18);
			tv_push(segs, g);
		}
		tv_set(r, "segments", segs);
		tv_set_int(r, "total", sum);
		tv_set_int(r, "total_x", SVG_LABEL_W + (max > 0 ? (int)(((long long)sum * SVG_BAR_AREA + max / 2) / max) : 0) + 6);
		tv_push(list, r);
	}
	tv_set(chart, "rows", list);
	tv *legend = tv_list(a);
	int lx = 0;
	for (int s = 0; s < LT_NSTATUS; s++) {
		tv *g = tv_obj(a);
		tv_set_str(g, "status", action_statuses[s]);
		tv_set_str(g, "meaning", action_status_extra(action_statuses[s]));
		tv_set_int(g, "x", lx);
		tv_set_int(g, "text_x", lx + 18);
		tv_push(legend, g);
		lx += 130;
	}
	tv_set(chart, "legend", legend);
	tv_set_int(chart, "legend_y", SVG_TOP + (int)nrows * SVG_ROW_H + 14);
	tv_set_int(chart, "legend_text_y", SVG_TOP + (int)nrows * SVG_ROW_H + 26);
	return chart;
}
