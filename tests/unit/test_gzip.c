/*
 * test_gzip.c: compressed responses (web/gzip.h): what Accept-Encoding
 * accepts gzip, which types are compressed, whole bodies and pages in
 * runs with holes, each inflated again by zlib (as a browser would) and
 * compared with the plain page, the holes filled: holes at the start, at
 * the end, side by side, none, the most allowed, and refusals.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "lib/buf.h"
#include "t.h"
#include "web/gzip.h"

/* Inflates a gzip member (and checks its CRC and length, as zlib does)
 * into out (cap bytes); its length, or -1. */
static long
gunzip(const unsigned char *in, size_t len, char *out, size_t cap)
{
	z_stream	s;
	int		rc;
	long		n;

	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, 16 + 15) != Z_OK)
		return (-1);
	s.next_in = (Bytef *)(uintptr_t)in;
	s.avail_in = (uInt)len;
	s.next_out = (Bytef *)out;
	s.avail_out = (uInt)cap;
	rc = inflate(&s, Z_FINISH);
	n = rc == Z_STREAM_END && s.avail_in == 0 ? (long)s.total_out : -1;
	(void)inflateEnd(&s);
	return (n);
}

static void
test_accepted(void)
{
	T_ASSERT(gzip_accepted("gzip"));
	T_ASSERT(gzip_accepted("gzip, deflate, br"));
	T_ASSERT(gzip_accepted("br;q=1.0, GZIP;q=0.5"));
	T_ASSERT(gzip_accepted("*"));
	T_ASSERT(gzip_accepted("deflate, gzip ;q=1"));
	T_ASSERT(!gzip_accepted(NULL));
	T_ASSERT(!gzip_accepted(""));
	T_ASSERT(!gzip_accepted("identity"));
	T_ASSERT(!gzip_accepted("br, deflate"));
	T_ASSERT(!gzip_accepted("gzip;q=0"));
	T_ASSERT(!gzip_accepted("gzip; q=0.000, br"));
	T_ASSERT(!gzip_accepted("x-gzip2"));
	T_ASSERT(!gzip_accepted("gzipx"));
	T_ASSERT(gzip_type_ok("text/html; charset=utf-8"));
	T_ASSERT(gzip_type_ok("application/json"));
	T_ASSERT(gzip_type_ok("application/atom+xml; charset=utf-8"));
	T_ASSERT(gzip_type_ok("text/csv"));
	T_ASSERT(gzip_type_ok("image/svg+xml"));
	T_ASSERT(!gzip_type_ok("image/png"));
	T_ASSERT(!gzip_type_ok("application/zip"));
	T_ASSERT(!gzip_type_ok("application/jsonx"));
	T_ASSERT(!gzip_type_ok(NULL));
}

static void
test_body(void)
{
	struct buf	 b;
	char		 plain[70000], back[70000];
	size_t		 i;
	long		 n;

	for (i = 0; i < sizeof(plain); i++)
		plain[i] = "<p>Ethics of AI</p>\n"[i % 20] ^ (char)(i / 7000);
	buf_init(&b);
	T_ASSERT(gzip_body(plain, sizeof(plain), 6, &b) == 0);
	T_ASSERT(b.len < sizeof(plain) / 4);
	n = gunzip((unsigned char *)b.data, b.len, back, sizeof(back));
	T_ASSERT(n == (long)sizeof(plain) && memcmp(back, plain, n) == 0);
	buf_free(&b);
	buf_init(&b);
	T_ASSERT(gzip_body("", 0, 1, &b) == 0);
	T_ASSERT(gunzip((unsigned char *)b.data, b.len, back,
	    sizeof(back)) == 0);
	buf_free(&b);
}

/* Makes page with nholes holes at at[], fills them with fill, and checks
 * the member inflates to the page with fill in every hole. */
static int
parts_ok(const char *page, size_t len, const size_t *at, size_t nholes,
    const char *fill, size_t flen)
{
	struct gzip_parts	 gp;
	struct buf		 b;
	char			*want, *back;
	size_t			 i;
	long			 n;
	int			 ok;

	if (gzip_parts_make(page, len, at, nholes, flen, 6, &gp) == -1)
		return (0);
	want = malloc(len + 1);
	back = malloc(len + 1);
	memcpy(want, page, len);
	for (i = 0; i < nholes; i++)
		memcpy(want + at[i], fill, flen);
	buf_init(&b);
	gzip_parts_emit(&gp, fill, &b);
	n = gunzip((unsigned char *)b.data, b.len, back, len + 1);
	ok = n == (long)len && memcmp(back, want, len) == 0 &&
	    gzip_parts_size(&gp) > gp.zlen;
	buf_free(&b);
	gzip_parts_free(&gp);
	free(want);
	free(back);
	return (ok);
}

static void
test_parts(void)
{
	static const char	fill[] = "0123456789abcdef0123456789abcdef";
	char			page[20000];
	size_t			at[GZIP_MAX_HOLES + 1] = { 0 }, i, n = 32;
	struct gzip_parts	gp;

	for (i = 0; i < sizeof(page); i++)
		page[i] = "<form><input name=csrf value=x></form>\n"[i % 39];
	for (i = 0; i < sizeof(page); i += 997)
		page[i] = (char)('A' + i % 26);
	T_ASSERT(parts_ok(page, sizeof(page), at, 0, fill, n));
	at[0] = 0;
	T_ASSERT(parts_ok(page, sizeof(page), at, 1, fill, n));
	at[0] = sizeof(page) - n;
	T_ASSERT(parts_ok(page, sizeof(page), at, 1, fill, n));
	at[0] = 100;
	at[1] = 100 + n;	/* side by side */
	at[2] = 5000;
	T_ASSERT(parts_ok(page, sizeof(page), at, 3, fill, n));
	for (i = 0; i < GZIP_MAX_HOLES; i++)
		at[i] = 50 + i * 1000;
	T_ASSERT(parts_ok(page, sizeof(page), at, GZIP_MAX_HOLES, fill, n));
	at[0] = 0;
	T_ASSERT(parts_ok(fill, n, at, 1, "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvu",
	    n));
	/* Refused: too many holes, overlapping, out of the page. */
	for (i = 0; i <= GZIP_MAX_HOLES; i++)
		at[i] = i * 100;
	T_ASSERT(gzip_parts_make(page, sizeof(page), at, GZIP_MAX_HOLES + 1,
	    n, 6, &gp) == -1);
	at[0] = 10;
	at[1] = 20;
	T_ASSERT(gzip_parts_make(page, sizeof(page), at, 2, n, 6, &gp) == -1);
	at[0] = sizeof(page) - n + 1;
	T_ASSERT(gzip_parts_make(page, sizeof(page), at, 1, n, 6, &gp) == -1);
}

int
main(void)
{
	T_RUN(test_accepted);
	T_RUN(test_body);
	T_RUN(test_parts);
	return (t_done());
}
