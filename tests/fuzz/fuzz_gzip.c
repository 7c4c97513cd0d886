/*
 * fuzz_gzip.c: libFuzzer target for web/gzip.h: the input as an
 * Accept-Encoding header (gzip_accepted, which reads outside input on
 * every request), and as a page compressed in runs around holes placed
 * by its first bytes; the gzip member emitted with a fill must inflate
 * (zlib) to the page with the fill in every hole, and a whole-body member
 * to the input itself (abort otherwise).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "web/gzip.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define HOLE	8

/* Inflates the member in b and compares it with want (len bytes). */
static void
check(const struct buf *b, const char *want, size_t len)
{
	z_stream	 s;
	char		*back;

	back = xmalloc(len + 1);
	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, 16 + 15) != Z_OK)
		abort();
	s.next_in = (Bytef *)b->data;
	s.avail_in = (uInt)b->len;
	s.next_out = (Bytef *)back;
	s.avail_out = (uInt)len + 1;
	if (inflate(&s, Z_FINISH) != Z_STREAM_END || s.total_out != len ||
	    s.avail_in != 0 || memcmp(back, want, len) != 0)
		abort();
	(void)inflateEnd(&s);
	free(back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gzip_parts	 gp;
	struct buf		 b;
	char			*text, *want;
	size_t			 holes[GZIP_MAX_HOLES], n = 0, at = 0, i;

	text = xmalloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';
	(void)gzip_accepted(text);
	(void)gzip_type_ok(text);
	/* Holes: each input byte, while there is room, says how far on. */
	for (i = 0; i < len && n < GZIP_MAX_HOLES; i++) {
		at += data[i] % 64;
		if (at + HOLE > len)
			break;
		holes[n++] = at;
		at += HOLE;
	}
	buf_init(&b);
	if (gzip_parts_make(text, len, holes, n, HOLE, 1, &gp) == 0) {
		want = xmalloc(len + 1);
		memcpy(want, text, len);
		for (i = 0; i < n; i++)
			memcpy(want + holes[i], "12345678", HOLE);
		gzip_parts_emit(&gp, "12345678", &b);
		check(&b, want, len);
		gzip_parts_free(&gp);
		free(want);
	} else {
		abort();	/* the holes above are always valid */
	}
	buf_reset(&b);
	if (gzip_body(data, len, 1, &b) != 0)
		abort();
	check(&b, (const char *)data, len);
	buf_free(&b);
	free(text);
	return (0);
}
