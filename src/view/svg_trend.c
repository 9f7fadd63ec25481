/*
 * svg_trend.c — numbers for the /cijfers trend chart (see svg_trend.h). Never
 * writes markup: templates/figures_trend_svg.html does, with escaping.
 */
#include "view/svg_trend.h"

enum { GROUP_GAP = 18, LABEL_H = 40, LEGEND_H = 30 };

int svg_trend_scale(int max)
{
	int scale = 10;
	for (int step = 0; scale < max; step++)
		scale = step % 3 == 0 ? scale * 2 : step % 3 == 1 ? scale / 2 * 5 : scale * 2;
	return scale;
}

int svg_trend_bar_h(int v, int scale)
{
	if (v <= 0 || scale <= 0)
		return 0;
	return (int)(((long long)v * TREND_AREA_H + scale / 2) / scale);
}

tv *svg_trend_chart(arena *a, const svg_trend_point *pts, size_t n, const char *const series[TREND_SERIES])
{
	int max = 0;
	for (size_t i = 0; i < n; i++)
		for (int s = 0; s < TREND_SERIES; s++)
			if (pts[i].shown[s] && pts[i].value[s] > max)
				max = pts[i].value[s];
	int scale = svg_trend_scale(max);
	int group_w = TREND_SERIES * TREND_BAR_W + GROUP_GAP;
	int base = TREND_TOP + TREND_AREA_H;
	tv *chart = tv_obj(a);
	tv_set_int(chart, "width", TREND_LEFT + (int)n * group_w + 8);
	tv_set_int(chart, "height", base + LABEL_H + LEGEND_H);
	tv_set_int(chart, "base", base);
	tv_set_int(chart, "left", TREND_LEFT);
	tv_set_int(chart, "right", TREND_LEFT + (int)n * group_w);
	tv *ticks = tv_list(a);
	for (int k = 0; k <= 2; k++) { /* 0, half and the top: whole numbers on every scale */
		tv *t = tv_obj(a);
		int y = base - k * TREND_AREA_H / 2;
		tv_set_int(t, "y", y);
		tv_set_int(t, "text_y", y + 4);
		tv_set_int(t, "value", scale * k / 2);
		tv_push(ticks, t);
	}
	tv_set(chart, "ticks", ticks);
	tv *groups = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		int x0 = TREND_LEFT + (int)i * group_w + GROUP_GAP / 2;
		tv *g = tv_obj(a);
		tv_set_str(g, "label", pts[i].label);
		tv_set_int(g, "label_x", x0 + TREND_SERIES * TREND_BAR_W / 2);
		tv_set_int(g, "label_y", base + 16);
		tv *bars = tv_list(a);
		for (int s = 0; s < TREND_SERIES; s++) {
			int h = pts[i].shown[s] ? svg_trend_bar_h(pts[i].value[s], scale) : 0;
			tv *b = tv_obj(a);
			tv_set_int(b, "series", s);
			tv_set_str(b, "name", series[s]);
			tv_set_bool(b, "shown", pts[i].shown[s]);
			tv_set_int(b, "x", x0 + s * TREND_BAR_W);
			tv_set_int(b, "y", base - h);
			tv_set_int(b, "h", h);
			tv_set_str(b, "text", pts[i].text[s]);
			tv_set_int(b, "text_x", x0 + s * TREND_BAR_W + TREND_BAR_W / 2);
			tv_set_int(b, "text_y", base - h - 4);
			tv_push(bars, b);
		}
		tv_set(g, "bars", bars);
		tv_push(groups, g);
	}
	tv_set(chart, "groups", groups);
	tv *legend = tv_list(a);
	for (int s = 0; s < TREND_SERIES; s++) {
		tv *l = tv_obj(a);
		tv_set_int(l, "series", s);
		tv_set_str(l, "name", series[s]);
		tv_set_int(l, "x", TREND_LEFT + s * 130);
		tv_set_int(l, "text_x", TREND_LEFT + s * 130 + 18);
		tv_set_int(l, "y", base + LABEL_H - 8);
		tv_set_int(l, "text_y", base + LABEL_H + 4);
		tv_push(legend, l);
	}
	tv_set(chart, "legend", legend);
	tv_set_str(chart, "summary",
	           n ? arena_printf(a, "%s tot en met %s, per kwartaal: %s, %s en %s. Aantallen onder 5 zijn niet getekend.",
	                            pts[0].label, pts[n - 1].label, series[0], series[1], series[2])
	             : "Geen kwartalen.");
	return chart;
}
