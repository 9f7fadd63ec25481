/*
 * svg_zrm.c — the evaluation chart's numbers (see svg_zrm.h).
 */
#include "view/svg_zrm.h"

#include "view/svg_report.h"

int svg_zrm_bar_width(int score)
{
	return score >= 1 && score <= 5 ? score * ZRM_POINT_W : 0;
}

tv *svg_zrm_chart(arena *a, const svg_zrm_row *rows, size_t nrows)
{
	tv *chart = tv_obj(a);
	int width = ZRM_LABEL_W + 5 * ZRM_POINT_W + 40;
	int height = ZRM_TOP + (int)nrows * ZRM_ROW_H + 30;
	tv_set_int(chart, "width", width);
	tv_set_int(chart, "height", height);
	tv *ticks = tv_list(a);
	for (int s = 1; s <= 5; s++) {
		tv *t = tv_obj(a);
		tv_set_int(t, "score", s);
		tv_set_int(t, "x", ZRM_LABEL_W + s * ZRM_POINT_W);
		tv_set_int(t, "y1", ZRM_TOP - 4);
		tv_set_int(t, "y2", ZRM_TOP + (int)nrows * ZRM_ROW_H);
		tv_push(ticks, t);
	}
	tv_set(chart, "ticks", ticks);
	tv_set_int(chart, "tick_text_y", ZRM_TOP - 8);
	int up = 0, down = 0;
	tv *list = tv_list(a);
	for (size_t i = 0; i < nrows; i++) {
		int y = ZRM_TOP + (int)i * ZRM_ROW_H;
		tv *r = tv_obj(a);
		tv_set_str(r, "label", svg_report_label(a, rows[i].label, 36));
		tv_set_str(r, "full_label", rows[i].label);
		tv_set_int(r, "label_y", y + 22);
		tv_set_int(r, "x", ZRM_LABEL_W);
		tv_set_int(r, "start_y", y + 4);
		tv_set_int(r, "now_y", y + 20);
		tv_set_int(r, "start_w", svg_zrm_bar_width(rows[i].start));
		tv_set_int(r, "now_w", svg_zrm_bar_width(rows[i].now));
		tv_set_int(r, "start_text_x", ZRM_LABEL_W + svg_zrm_bar_width(rows[i].start) + 4);
		tv_set_int(r, "now_text_x", ZRM_LABEL_W + svg_zrm_bar_width(rows[i].now) + 4);
		tv_set_int(r, "start_text_y", y + 16);
		tv_set_int(r, "now_text_y", y + 32);
		if (rows[i].start)
			tv_set_int(r, "start", rows[i].start);
		if (rows[i].now)
			tv_set_int(r, "now", rows[i].now);
		if (rows[i].start && rows[i].now) {
			up += rows[i].now > rows[i].start;
			down += rows[i].now < rows[i].start;
		}
		tv_push(list, r);
	}
	tv_set(chart, "rows", list);
	tv_set_int(chart, "legend_y", ZRM_TOP + (int)nrows * ZRM_ROW_H + 12);
	tv_set_int(chart, "legend_text_y", ZRM_TOP + (int)nrows * ZRM_ROW_H + 24);
	tv_set_str(chart, "summary",
	           arena_printf(a, "ZRM-scores bij de start en nu, %zu domeinen: %d vooruit, %d achteruit.", nrows, up, down));
	return chart;
}
