/*
 * csv.c: CSV cells and rows (see csv.h). Only formats; the caller decides
 * what may be exported to whom.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/csv.h"
#include "lib/buf.h"

void
csv_begin(struct buf *b)
{
	buf_append(b, "\xef\xbb\xbf", 3);
}

void
csv_cell(struct buf *b, const char *s, int first)
{
	const char	*p;
	int		 quote;

	if (!first)
		buf_append(b, ",", 1);
	if (s == NULL)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_append(b, "\"", 1);
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r')
		buf_append(b, "'", 1);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_append(b, "\"\"", 2);
		else
			buf_append(b, p, 1);
	}
	if (quote)
		buf_append(b, "\"", 1);
}

void
csv_int(struct buf *b, int64_t v, int first)
{
	char	s[32];

	(void)snprintf(s, sizeof(s), "%" PRId64, v);
	csv_cell(b, s, first);
}

void
csv_end(struct buf *b)
{
	buf_append(b, "\r\n", 2);
}
