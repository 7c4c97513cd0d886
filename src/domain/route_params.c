/*
 * route_params.c: writes out the repeated parameters of the Kore routes
 * from the domain's limits (see route_params.h), so that a limit lives in
 * its header only and the routes cannot drop a field the domain takes.
 */
#include <string.h>

#include "domain/call.h"
#include "domain/quiz_grade.h"
#include "domain/route_params.h"
#include "lib/buf.h"

#define RP_MAX_MARKERS	2		/* markers on one line */

struct rp_repeat {
	const char	*name;
	int		 first;
	int		 count;
};

static const struct rp_repeat	repeats[] = {
	{ "CRITERION",	0, CALL_MAX_CRITERIA },
	{ "ANCHOR",	1, CRIT_NANCHORS },
	{ "DECISION",	0, CALL_NDECISIONS },
	{ "QUESTION",	1, QUIZ_MAX_QUESTIONS },
	{ "OPTION",	1, QUIZ_MAX_OPTIONS },
	{ NULL,		0, 0 }
};

static const struct rp_repeat *rp_marker(const char *, const char *,
		    size_t *);
static void	rp_line(struct buf *, const char *, const char *,
		    const struct rp_repeat *const *, const int *);

/*
 * The repeat whose marker starts at p ("@NAME@", before end), its length
 * in *len; NULL when p starts no marker (*len 0) or an unknown one (*len
 * not 0).
 */
static const struct rp_repeat *
rp_marker(const char *p, const char *end, size_t *len)
{
	const char	*q;
	size_t		 i, n;

	*len = 0;
	if (*p != '@')
		return (NULL);
	for (q = p + 1; q < end && *q >= 'A' && *q <= 'Z'; q++)
		;
	if (q == p + 1 || q == end || *q != '@')
		return (NULL);
	n = (size_t)(q - p - 1);
	*len = n + 2;
	for (i = 0; repeats[i].name != NULL; i++)
		if (strlen(repeats[i].name) == n &&
		    memcmp(repeats[i].name, p + 1, n) == 0)
			return (&repeats[i]);
	return (NULL);
}

/* Writes the line [p, end) with each marker of rep[] replaced by idx[]. */
static void
rp_line(struct buf *out, const char *p, const char *end,
    const struct rp_repeat *const *rep, const int *idx)
{
	const struct rp_repeat	*r;
	size_t			 len, k;

	while (p < end) {
		if ((r = rp_marker(p, end, &len)) == NULL) {
			buf_putc(out, *p++);
			continue;
		}
		for (k = 0; rep[k] != r; k++)
			;
		buf_appendf(out, "%d", idx[k]);
		p += len;
	}
}

int
route_params_expand(struct buf *out, const char *in, const char **bad)
{
	const struct rp_repeat	*rep[RP_MAX_MARKERS], *r;
	const char		*line, *end, *p;
	int			 idx[RP_MAX_MARKERS];
	size_t			 n, k, len;

	for (line = in; *line != '\0'; line = end) {
		if ((end = strchr(line, '\n')) != NULL)
			end++;
		else
			end = line + strlen(line);
		/* Comments are copied as they are. */
		p = line + strspn(line, " \t");
		n = 0;
		for (p = *p == '#' ? end : line; p < end; p++) {
			r = rp_marker(p, end, &len);
			if (r == NULL && len != 0) {
				*bad = p;
				return (-1);
			}
			if (r == NULL)
				continue;
			for (k = 0; k < n && rep[k] != r; k++)
				;
			if (k == n) {
				if (n == RP_MAX_MARKERS) {
					*bad = p;
					return (-1);
				}
				rep[n++] = r;
			}
			p += len - 1;
		}
		if (n == 0) {
			buf_append(out, line, (size_t)(end - line));
			continue;
		}
		/* Every combination, the last marker varying fastest. */
		for (k = 0; k < n; k++)
			idx[k] = rep[k]->first;
		for (k = 0; k < n && rep[k]->count > 0; k++)
			;
		if (k < n)
			continue;
		for (;;) {
			rp_line(out, line, end, rep, idx);
			for (k = n; k > 0; k--) {
				if (++idx[k - 1] < rep[k - 1]->first +
				    rep[k - 1]->count)
					break;
				idx[k - 1] = rep[k - 1]->first;
			}
			if (k == 0)
				break;
		}
	}
	return (0);
}
