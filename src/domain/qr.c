/*
 * qr.c: QR code to SVG path data (see qr.h). One subpath per horizontal
 * run of dark modules keeps the string short.
 */
#include <qrencode.h>

#include <string.h>

#include "domain/qr.h"
#include "lib/buf.h"
#include "lib/mem.h"

char *
qr_svg_path(struct arena *a, const char *text, int *size)
{
	QRcode		*q;
	struct buf	 b;
	char		*out;
	int		 x, y, run;

	if (text == NULL || *text == '\0')
		return (NULL);
	q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (q == NULL)
		return (NULL);
	buf_init(&b);
	for (y = 0; y < q->width; y++) {
		for (x = 0; x < q->width; x += run > 0 ? run : 1) {
			run = 0;
			while (x + run < q->width &&
			    (q->data[y * q->width + x + run] & 1))
				run++;
			if (run > 0)
				buf_appendf(&b, "M%d %dh%dv1h-%dz",
				    x + QR_QUIET, y + QR_QUIET, run, run);
		}
	}
	*size = q->width + 2 * QR_QUIET;
	out = buf_to_arena(&b, a);
	QRcode_free(q);
	return (out);
}
