/*
 * fuzz_csv.c: libFuzzer target for the CSV export (csv.c), as a round
 * trip: writes rows with csv_cell()/csv_end(), parses them back with a
 * strict RFC 4180 reader (below) and aborts unless every cell reads back
 * exactly as written, apart from the "'" that csv_cell() puts before a
 * cell a spreadsheet would take for a formula (=, +, -, @, tab, CR first),
 * which must be there exactly for those cells.
 *
 * The input is split into cells at 0x1f and into rows at 0x1e; a NUL ends
 * a cell early (C strings). Build and run: `make fuzz` (tests/fuzz/build.sh);
 * the corpus replay in make test: tests/fuzz/replay.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/csv.h"
#include "lib/buf.h"
#include "lib/mem.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXCELLS	64

struct row {
	char	*cell[MAXCELLS];
	size_t	 n;
};

static int	formula(const char *);
static size_t	parse_row(const char *, size_t, size_t, struct row *);

static int
formula(const char *s)
{
	return (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r');
}

/*
 * Parses one CSV record of b starting at off (RFC 4180: quoted cells with
 * "" for a quote, records end with CRLF). Returns the offset after the
 * CRLF; aborts on anything a strict reader would refuse.
 */
static size_t
parse_row(const char *b, size_t len, size_t off, struct row *r)
{
	struct buf	cell;
	int		quoted;

	r->n = 0;
	for (;;) {
		buf_init(&cell);
		buf_append(&cell, "", 0);
		quoted = off < len && b[off] == '"';
		if (quoted) {
			off++;
			for (;;) {
				if (off >= len)
					abort();	/* unterminated quote */
				if (b[off] == '"') {
					if (off + 1 < len && b[off + 1] == '"') {
						buf_append(&cell, "\"", 1);
						off += 2;
						continue;
					}
					off++;
					break;
				}
				buf_append(&cell, b + off, 1);
				off++;
			}
		} else {
			while (off < len && b[off] != ',' && b[off] != '\r' &&
			    b[off] != '\n') {
				if (b[off] == '"')
					abort();	/* bare quote */
				buf_append(&cell, b + off, 1);
				off++;
			}
		}
		if (r->n >= MAXCELLS)
			abort();
		r->cell[r->n++] = buf_release(&cell);
		if (off >= len)
			abort();			/* no CRLF */
		if (b[off] == ',') {
			off++;
			continue;
		}
		if (b[off] != '\r' || off + 1 >= len || b[off + 1] != '\n')
			abort();			/* junk after a cell */
		return (off + 2);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct buf	 out;
	struct row	 r;
	char		*text, *cells[32][MAXCELLS];
	size_t		 ncells[32], nrows, i, j, off, start;
	char		*want;

	if (len > 16384)
		return (0);
	text = xmalloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';
	/* Split into rows (0x1e) and cells (0x1f), in place. */
	nrows = 0;
	start = 0;
	for (i = 0; i <= len && nrows < 32; i++) {
		if (i < len && text[i] != 0x1e)
			continue;
		text[i] = '\0';
		ncells[nrows] = 0;
		for (j = start; ; j++) {
			if (ncells[nrows] == MAXCELLS - 1)
				break;
			if (j == i || text[j] == 0x1f) {
				cells[nrows][ncells[nrows]++] = text + start;
				if (j == i)
					break;
				text[j] = '\0';
				start = j + 1;
			}
		}
		nrows++;
		start = i + 1;
	}
	buf_init(&out);
	for (i = 0; i < nrows; i++) {
		for (j = 0; j < ncells[i]; j++)
			csv_cell(&out, cells[i][j], j == 0);
		csv_end(&out);
	}
	off = 0;
	for (i = 0; i < nrows; i++) {
		off = parse_row(out.data, out.len, off, &r);
		if (r.n != ncells[i])
			abort();
		for (j = 0; j < r.n; j++) {
			want = cells[i][j];
			if (formula(want)) {
				if (r.cell[j][0] != '\'' ||
				    strcmp(r.cell[j] + 1, want) != 0)
					abort();
			} else if (strcmp(r.cell[j], want) != 0)
				abort();
			free(r.cell[j]);
		}
	}
	if (off != out.len)
		abort();
	buf_free(&out);
	free(text);
	return (0);
}
