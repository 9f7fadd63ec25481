/*
 * test_qr_svg.c — the QR code's SVG path: drawn back into a grid it is exactly
 * libqrencode's matrix (every dark module, nothing in the quiet zone), it holds
 * only path commands and numbers, and a text too long for any QR code is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view/qr_svg.h"

static const char *uri = "otpauth://totp/ketenregie:t.twee?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ketenregie"
                         "&algorithm=SHA1&digits=6&period=30";

static void test_matches_libqrencode(void **state)
{
	(void)state;
	arena *a = arena_new();
	qr_svg q;
	assert_true(qr_svg_make(a, uri, &q));
	QRcode *ref = QRcode_encodeString(uri, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(ref);
	assert_int_equal(q.modules, ref->width);
	assert_int_equal(q.size, ref->width + 2 * QR_QUIET_ZONE);
	assert_true(q.modules >= 37); /* a URI of this length needs version 5 or more */
	/* only path commands, digits and spaces */
	for (const char *p = q.path; *p; p++)
		assert_non_null(strchr("Mhvz- 0123456789", *p));
	/* draw the path back */
	int n = q.size;
	unsigned char *grid = calloc((size_t)(n * n), 1);
	const char *p = q.path;
	size_t dark = 0;
	while (*p) {
		int x, y, w, w2, used = 0;
		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &w, &w2, &used), 4);
		assert_int_equal(w, w2);
		assert_true(x >= QR_QUIET_ZONE && y >= QR_QUIET_ZONE && x + w <= n - QR_QUIET_ZONE && y < n - QR_QUIET_ZONE);
		for (int i = 0; i < w; i++) {
			assert_int_equal(grid[y * n + x + i], 0); /* no overlapping runs */
			grid[y * n + x + i] = 1;
		}
		dark += (size_t)w;
		p += used;
	}
	assert_int_equal(dark, q.dark);
	for (int y = 0; y < ref->width; y++)
		for (int x = 0; x < ref->width; x++)
			assert_int_equal(grid[(y + QR_QUIET_ZONE) * n + x + QR_QUIET_ZONE], ref->data[y * ref->width + x] & 1);
	/* the three finder patterns: top-left corner module is dark */
	assert_int_equal(grid[QR_QUIET_ZONE * n + QR_QUIET_ZONE], 1);
	free(grid);
	QRcode_free(ref);
	arena_free(a);
}

static void test_too_long(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *big = malloc(8000);
	memset(big, 'x', 7999);
	big[7999] = '\0';
	qr_svg q;
	assert_false(qr_svg_make(a, big, &q));
	free(big);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_libqrencode),
		cmocka_unit_test(test_too_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
