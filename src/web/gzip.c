/*
 * gzip.c: compressed responses (gzip.h).
 *
 * A gzip member is a 10-byte header, raw deflate data and an 8-byte
 * trailer (CRC-32 and length of the plain data, RFC 1952). Deflate data
 * is a sequence of blocks (RFC 1951); a run compressed on its own and
 * ended with a full flush is whole blocks, byte-aligned, none final, and
 * refers to nothing before it, so runs from separate compressions can be
 * laid one after another, with a stored block (byte 0, LEN, NLEN, the
 * bytes) for each hole between them, and the last run ended as final.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "web/gzip.h"

static const unsigned char	member_header[10] = {
	0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3	/* deflate, no name, Unix */
};

static int	deflate_run(z_stream *, const void *, size_t, int,
		    struct buf *);
static void	put_le32(struct buf *, uint32_t);

int
gzip_accepted(const char *h)
{
	const char	*p, *end, *q;
	size_t		 n;

	for (p = h; p != NULL && *p != '\0'; p = *end != '\0' ? end + 1 :
	    end) {
		end = p + strcspn(p, ",");
		while (p < end && isspace((unsigned char)*p))
			p++;
		n = strcspn(p, " \t;,");
		if (!((n == 4 && strncasecmp(p, "gzip", 4) == 0) ||
		    (n == 1 && *p == '*')))
			continue;
		/* A q of 0 (0, 0.0, 0.00, 0.000) refuses it. */
		for (q = p + n; q < end && (*q == ' ' || *q == '\t' ||
		    *q == ';'); q++)
			;
		if (end - q >= 3 && (q[0] == 'q' || q[0] == 'Q') &&
		    q[1] == '=' && q[2] == '0' && strspn(q + 3, ".0") >=
		    (size_t)(end - q - 3))
			continue;
		return (1);
	}
	return (0);
}

int
gzip_type_ok(const char *t)
{
	static const char *const	types[] = {
		"application/json", "application/javascript",
		"application/atom+xml", "application/xml",
		"application/ld+json", "image/svg+xml", NULL
	};
	size_t				i, n;

	if (t == NULL)
		return (0);
	if (strncasecmp(t, "text/", 5) == 0)
		return (1);
	for (i = 0; types[i] != NULL; i++) {
		n = strlen(types[i]);
		if (strncasecmp(t, types[i], n) == 0 && (t[n] == '\0' ||
		    t[n] == ';'))
			return (1);
	}
	return (0);
}

static void
put_le32(struct buf *b, uint32_t v)
{
	unsigned char	x[4];

	x[0] = v & 0xff;
	x[1] = (v >> 8) & 0xff;
	x[2] = (v >> 16) & 0xff;
	x[3] = (v >> 24) & 0xff;
	buf_append(b, x, sizeof(x));
}

/* Deflates len bytes of in through s (flush: Z_FULL_FLUSH or Z_FINISH),
 * appending to out. 0, or -1. */
static int
deflate_run(z_stream *s, const void *in, size_t len, int flush,
    struct buf *out)
{
	unsigned char	chunk[16384];
	int		rc;

	s->next_in = (Bytef *)(uintptr_t)in;
	s->avail_in = (uInt)len;
	do {
		s->next_out = chunk;
		s->avail_out = sizeof(chunk);
		rc = deflate(s, flush);
		if (rc == Z_STREAM_ERROR)
			return (-1);
		buf_append(out, chunk, sizeof(chunk) - s->avail_out);
	} while (s->avail_out == 0 || (flush == Z_FINISH &&
	    rc != Z_STREAM_END));
	return (0);
}

int
gzip_body(const void *in, size_t len, int level, struct buf *out)
{
	z_stream	s;
	size_t		start = out->len;
	int		rc;

	if (len > UINT32_MAX)
		return (-1);
	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, level, Z_DEFLATED, -15, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return (-1);
	buf_append(out, member_header, sizeof(member_header));
	rc = deflate_run(&s, in, len, Z_FINISH, out);
	(void)deflateEnd(&s);
	if (rc == -1) {
		out->len = start;
		return (-1);
	}
	put_le32(out, (uint32_t)crc32(0, in, (uInt)len));
	put_le32(out, (uint32_t)len);
	return (0);
}

int
gzip_parts_make(const char *page, size_t len, const size_t *holes,
    size_t nholes, size_t hole_len, int level, struct gzip_parts *gp)
{
	z_stream	 s;
	struct buf	 z;
	size_t		 i, from, to;
	int		 rc = 0;

	memset(gp, 0, sizeof(*gp));
	if (nholes > GZIP_MAX_HOLES || len > UINT32_MAX || hole_len > 0xffff)
		return (-1);
	for (i = 0; i < nholes; i++) {
		if (holes[i] + hole_len > len || (i > 0 && holes[i] <
		    holes[i - 1] + hole_len))
			return (-1);
	}
	buf_init(&z);
	for (i = 0; i <= nholes && rc == 0; i++) {
		from = i == 0 ? 0 : holes[i - 1] + hole_len;
		to = i == nholes ? len : holes[i];
		gp->zoff[i] = z.len;
		gp->len[i] = to - from;
		gp->crc[i] = (uint32_t)crc32(0, (const Bytef *)page + from,
		    (uInt)(to - from));
		/* Each run on its own: no reference into another run. */
		memset(&s, 0, sizeof(s));
		if (deflateInit2(&s, level, Z_DEFLATED, -15, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK) {
			rc = -1;
			break;
		}
		rc = deflate_run(&s, page + from, to - from, i == nholes ?
		    Z_FINISH : Z_FULL_FLUSH, &z);
		(void)deflateEnd(&s);
	}
	if (rc == -1) {
		buf_free(&z);
		return (-1);
	}
	gp->zoff[nholes + 1] = z.len;
	gp->nruns = nholes + 1;
	gp->hole_len = hole_len;
	gp->total = len;
	gp->zlen = z.len;
	gp->z = xmalloc(z.len > 0 ? z.len : 1);
	memcpy(gp->z, z.data, z.len);
	buf_free(&z);
	return (0);
}

void
gzip_parts_emit(const struct gzip_parts *gp, const char *fill,
    struct buf *out)
{
	unsigned char	stored[5];
	uint32_t	crc, fill_crc;
	size_t		i;

	fill_crc = (uint32_t)crc32(0, (const Bytef *)fill,
	    (uInt)gp->hole_len);
	/* A stored block, not final: header bits 000, padded to a byte. */
	stored[0] = 0;
	stored[1] = gp->hole_len & 0xff;
	stored[2] = (gp->hole_len >> 8) & 0xff;
	stored[3] = ~stored[1] & 0xff;
	stored[4] = ~stored[2] & 0xff;
	buf_append(out, member_header, sizeof(member_header));
	crc = gp->crc[0];
	for (i = 0; i < gp->nruns; i++) {
		if (i > 0) {
			buf_append(out, stored, sizeof(stored));
			buf_append(out, fill, gp->hole_len);
			crc = (uint32_t)crc32_combine(crc, fill_crc,
			    (z_off_t)gp->hole_len);
			crc = (uint32_t)crc32_combine(crc, gp->crc[i],
			    (z_off_t)gp->len[i]);
		}
		buf_append(out, gp->z + gp->zoff[i], gp->zoff[i + 1] -
		    gp->zoff[i]);
	}
	put_le32(out, crc);
	put_le32(out, (uint32_t)gp->total);
}

size_t
gzip_parts_size(const struct gzip_parts *gp)
{
	return (sizeof(*gp) + gp->zlen);
}

void
gzip_parts_free(struct gzip_parts *gp)
{
	free(gp->z);
	gp->z = NULL;
	gp->zlen = 0;
}
