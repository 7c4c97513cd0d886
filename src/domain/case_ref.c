/*
 * case_ref.c: the ::case[slug] directive in lesson Markdown (see
 * case_ref.h): parsing, checking against published cases, recording the
 * lessons that cite a case, and the data of the cards.
 */
#include <stdio.h>
#include <string.h>

#include "domain/case_ref.h"
#include "domain/cases.h"
#include "lib/mem.h"
#include "store/st_cases.h"
#include "store/store.h"
#include "web/tmpl.h"

#define DIRECTIVE	"::case"

static const struct tv_field card_fields[] = {
	TVF(struct case_card, "slug", slug),
	TVF(struct case_card, "title", title),
	TVF(struct case_card, "summary", summary),
	TVF(struct case_card, "organisation", organisation),
	TVF(struct case_card, "year", year),
	TVF_FLAG(struct case_card, "is_example", is_example),
	TVF_FLAG(struct case_card, "available", available),
	{ NULL, 0, 0 }
};

static int	 fence_of(const char *, size_t);
static int	 slug_ok(const char *, size_t);
static int	 directive(const char *, size_t, const char **, size_t *);

/* 1 when the line (leading spaces skipped) opens or closes a fence. */
static int
fence_of(const char *l, size_t n)
{
	return (n >= 3 && (strncmp(l, "```", 3) == 0 ||
	    strncmp(l, "~~~", 3) == 0));
}

static int
slug_ok(const char *s, size_t n)
{
	size_t	i;

	if (n == 0 || n > 100 || s[0] == '-')
		return (0);
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return (0);
	return (1);
}

/* 0: not a directive line; 1: a directive (slug set); -1: malformed. */
static int
directive(const char *l, size_t n, const char **slug, size_t *slen)
{
	const char	*close;

	if (n < sizeof(DIRECTIVE) - 1 ||
	    strncmp(l, DIRECTIVE, sizeof(DIRECTIVE) - 1) != 0)
		return (0);
	l += sizeof(DIRECTIVE) - 1;
	n -= sizeof(DIRECTIVE) - 1;
	while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t' ||
	    l[n - 1] == '\r'))
		n--;
	if (n < 2 || l[0] != '[' || l[n - 1] != ']')
		return (-1);
	close = memchr(l, ']', n);
	if (close != l + n - 1 || !slug_ok(l + 1, n - 2))
		return (-1);
	*slug = l + 1;
	*slen = n - 2;
	return (1);
}

int
case_refs_parse(struct arena *a, const char *md, size_t len,
    struct case_ref_part **parts, char *err, size_t errlen)
{
	struct case_ref_part	*p;
	const char		*line, *end, *t, *slug;
	size_t			 cap, n = 0, ll, slen;
	int			 lineno = 0, fenced = 0, d;
	const char		*text_start = md;

	cap = 8;
	for (t = md; t < md + len; t++)
		if (*t == '\n')
			cap += 2;
	p = arena_alloc(a, cap * sizeof(*p));
	for (line = md; line < md + len; line = end + 1) {
		lineno++;
		end = memchr(line, '\n', (size_t)(md + len - line));
		if (end == NULL)
			end = md + len;
		t = line;
		while (t < end && (*t == ' ' || *t == '\t'))
			t++;
		ll = (size_t)(end - t);
		if (fence_of(t, ll)) {
			fenced = !fenced;
			continue;
		}
		if (fenced || (d = directive(t, ll, &slug, &slen)) == 0)
			continue;
		if (d == -1) {
			(void)snprintf(err, errlen, "line %d: a case directive "
			    "must be a line ::case[slug] (slug: a-z, 0-9, -)",
			    lineno);
			return (-1);
		}
		if (line > text_start) {
			p[n].md = text_start;
			p[n].len = (size_t)(line - text_start);
			n++;
		}
		p[n].slug = arena_strndup(a, slug, slen);
		p[n].line = lineno;
		n++;
		text_start = end < md + len ? end + 1 : end;
		if (end >= md + len)
			break;
	}
	if (text_start < md + len) {
		p[n].md = text_start;
		p[n].len = (size_t)(md + len - text_start);
		n++;
	}
	*parts = p;
	return ((int)n);
}

int
case_refs_check(struct dctx *dc, const char *md, size_t len, char *err,
    size_t errlen)
{
	struct case_ref_part	*p;
	struct case_row		 r;
	int			 n, i, rc;

	if ((n = case_refs_parse(dc->a, md, len, &p, err, errlen)) == -1)
		return (-1);
	for (i = 0; i < n; i++) {
		if (p[i].slug == NULL)
			continue;
		rc = store_case_by_slug(dc->db, dc->a, p[i].slug, &r);
		if (rc == STORE_OK && strcmp(r.state, "published") == 0)
			continue;
		(void)snprintf(err, errlen, rc == STORE_ERROR ?
		    "line %d: could not look up case '%s'" :
		    "line %d: unknown case '%s' (no published case has this "
		    "slug)", p[i].line, p[i].slug);
		return (-1);
	}
	return (0);
}

int
case_refs_record(struct dctx *dc, int64_t course_id, int64_t lesson_id,
    const char *md, size_t len)
{
	struct case_ref_part	*p;
	const char		**slugs;
	char			 err[128];
	int			 n, i;
	size_t			 k = 0;

	if ((n = case_refs_parse(dc->a, md, len, &p, err, sizeof(err))) == -1)
		return (-1);
	slugs = arena_alloc(dc->a, ((size_t)n + 1) * sizeof(*slugs));
	for (i = 0; i < n; i++)
		if (p[i].slug != NULL)
			slugs[k++] = p[i].slug;
	return (store_case_lessons_set(dc->db, course_id, lesson_id, slugs, k)
	    == STORE_OK ? 0 : -1);
}

int
case_card_get(struct dctx *dc, const char *slug, const char *lang,
    struct case_card *c)
{
	struct case_view	v;
	enum result		r;

	memset(c, 0, sizeof(*c));
	c->slug = slug;
	c->title = slug;
	r = case_get(dc, slug, lang, &v);
	if (r == RES_NOT_FOUND || (r == RES_OK && strcmp(v.c.state,
	    "published") != 0))
		return (0);
	if (r != RES_OK || v.text == NULL)
		return (-1);
	c->available = 1;
	c->title = v.text->title;
	c->summary = v.text->summary;
	c->organisation = v.c.organisation;
	c->country = v.c.country;
	c->year = v.c.year;
	c->is_example = (int)v.c.is_example;
	return (0);
}

void
case_card_tv(struct tv *map, const struct case_card *c)
{
	tv_fields(map, c, card_fields);
}
