/*
 * gzip.h: responses compressed for the wire (issue 20.3), with zlib.
 * Whole bodies (gzip_body), and pages kept compressed around the places
 * that change per visitor (gzip_parts): each run between two such places
 * is deflated on its own, so a page from the page cache is sent
 * compressed with the visitor's CSRF token spliced in as a stored block,
 * without compressing anything again.
 */
#ifndef ETHICA_WEB_GZIP_H
#define ETHICA_WEB_GZIP_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Bodies shorter than this go out as they are: compressing them saves
 * less than the header it costs. */
#define GZIP_MIN_BYTES		1024
/* Places per page that change per visitor (gzip_parts_make refuses more). */
#define GZIP_MAX_HOLES		16

/* 1 when an Accept-Encoding header value (NULL: none) accepts gzip (a
 * "gzip" or "*" coding whose q is not 0). */
int	gzip_accepted(const char *accept_encoding);
/* 1 for the content types worth compressing: all text types, JSON, JavaScript,
 * XML and Atom, SVG. */
int	gzip_type_ok(const char *content_type);
/* Appends len bytes of in as one gzip member at zlib level (1-9) to out.
 * 0, or -1 (out unchanged in length then). */
int	gzip_body(const void *in, size_t len, int level, struct buf *out);

/* A page compressed in runs around nholes holes of hole_len bytes each. */
struct gzip_parts {
	unsigned char	*z;		/* the runs' deflate data, one after
					 * another (owned: gzip_parts_free) */
	size_t		 zlen;
	size_t		 nruns;		/* nholes + 1 */
	size_t		 zoff[GZIP_MAX_HOLES + 2];	/* run i: z + zoff[i],
							 * up to zoff[i + 1] */
	uint32_t	 crc[GZIP_MAX_HOLES + 1];	/* of each run */
	size_t		 len[GZIP_MAX_HOLES + 1];	/* its plain length */
	size_t		 hole_len;
	size_t		 total;		/* plain length of the whole page */
};

/*
 * Compresses page (len bytes) at level, leaving out the nholes holes
 * starting at the sorted offsets holes[] (hole_len bytes each, not
 * overlapping, within the page). 0, or -1 (nothing to free then).
 */
int	gzip_parts_make(const char *page, size_t len, const size_t *holes,
	    size_t nholes, size_t hole_len, int level, struct gzip_parts *);
/*
 * Appends to out the gzip member of the page with fill (hole_len bytes)
 * in every hole: the stored runs, with fill as a stored deflate block
 * between them, and the gzip header and trailer (CRC-32 combined, not
 * computed over the page again).
 */
void	gzip_parts_emit(const struct gzip_parts *, const char *fill,
	    struct buf *out);
/* Bytes the parts hold (for the page cache's byte bound). */
size_t	gzip_parts_size(const struct gzip_parts *);
void	gzip_parts_free(struct gzip_parts *);

#endif
