/*
 * qr_svg.c — libqrencode's module matrix as SVG path data (see qr_svg.h).
 *
 * Horizontal runs of dark modules become one rectangle each ("M x y h n v 1 h -n z"),
 * which keeps the path a few kilobytes for a 37 × 37 code. The text encoded is
 * never part of the output.
 */
#include "view/qr_svg.h"

#include "util/strbuf.h"

#include <qrencode.h>

bool qr_svg_make(arena *a, const char *text, qr_svg *out)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return false;
	int w = qr->width;
	strbuf sb;
	sb_init(&sb, a);
	size_t dark = 0;
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			if (!(qr->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 0;
			while (x + run < w && (qr->data[y * w + x + run] & 1))
				run++;
			sb_printf(&sb, "M%d %dh%dv1h-%dz", x + QR_QUIET_ZONE, y + QR_QUIET_ZONE, run, run);
			dark += (size_t)run;
			x += run;
		}
	}
	QRcode_free(qr);
	out->modules = w;
	out->size = w + 2 * QR_QUIET_ZONE;
	out->path = sb.data ? sb.data : "";
	out->dark = dark;
	return true;
}
