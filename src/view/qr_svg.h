/*
 * qr_svg.h — a QR code (libqrencode) as the geometry of an inline SVG: one path
 * of unit squares for the dark modules, inside a four-module quiet zone. The
 * template draws it (enrolment page), so no external service ever sees the
 * secret the code carries. Pure: no database, no I/O.
 */
#ifndef KR_QR_SVG_H
#define KR_QR_SVG_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>

enum { QR_QUIET_ZONE = 4 };

typedef struct qr_svg {
	int modules;      /* width of the code itself in modules */
	int size;         /* modules + 2 × quiet zone: the SVG's viewBox width and height */
	const char *path; /* "M5 4h1v1h-1z…": only M, h, v, z and numbers (arena-owned) */
	size_t dark;      /* number of dark modules */
} qr_svg;

/* Encode text (byte mode, error correction M) and lay it out; false when the text
 * does not fit in a QR code or libqrencode fails. */
bool qr_svg_make(arena *a, const char *text, qr_svg *out);

#endif
