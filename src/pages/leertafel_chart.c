/*
 * leertafel_chart.c — the values of the stoplichtenrapportage's bar chart (see
 * leertafel_chart.h): the action statuses' names and meanings per segment, laid
 * out by view/svg_report.c. Never writes markup: the template does, with escaping.
 */
#include "pages/leertafel_chart.h"

tv *leertafel_chart(arena *a, const svg_bar_row *rows, size_t nrows)
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
		svg_report_layout(rows[i].counts.n, LT_NSTATUS, max, seg);
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
