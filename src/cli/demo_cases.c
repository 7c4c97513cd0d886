/*
 * demo_cases.c: the sample case library (content/cases/SLUG.case, format in
 * docs/cases-format.md) loaded by `ethica demo`, and `ethica dev
 * seed-cases N` (dispatched by cmd_dev.c), which publishes N generated
 * cases for benchmarks. Both publish
 * through case_publish_from() (operator, by_cli), so the sample entries
 * are indexed exactly like real ones. Loading twice changes nothing:
 * unchanged content is not republished.
 *
 * Never: touches cases it did not make (seeded slugs are "seed-case-N").
 */
#include <dirent.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/cases.h"
#include "domain/taxonomy.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"

#define SEED_BATCH	1000

static int	 load_file(struct dctx *, const char *path);
static int	 parse_case(struct arena *, char *text, struct case_input *,
		    char *err, size_t errlen);
static void	 add_tags(struct arena *, struct case_input *, const char *kind,
		    const char *list);
static struct case_text_row *text_for(struct arena *, struct case_input *,
		    const char *lang);
static char	*trim(char *);
static int	 name_cmp(const void *, const void *);
static uint64_t	 rnd(uint64_t *);
static void	 seed_one(struct arena *, struct case_input *, long long,
		    uint64_t *, const struct tax_entry *, size_t,
		    const struct tax_entry *, size_t, const struct tax_entry *,
		    size_t, const struct tax_entry *, size_t,
		    const char *const *, size_t);

static uint64_t
rnd(uint64_t *r)
{
	*r ^= *r << 13;
	*r ^= *r >> 7;
	*r ^= *r << 17;
	return (*r);
}

static char *
trim(char *s)
{
	size_t	n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return (s);
}

static void
add_tags(struct arena *a, struct case_input *in, const char *kind,
    const char *list)
{
	char	*copy, *w, *save = NULL;

	copy = arena_strdup(a, list);
	for (w = strtok_r(copy, " ,", &save); w != NULL && in->ntags <
	    CASE_MAX_TAGS; w = strtok_r(NULL, " ,", &save)) {
		in->tags[in->ntags].kind = (char *)kind;
		in->tags[in->ntags++].slug = w;
	}
}

static struct case_text_row *
text_for(struct arena *a, struct case_input *in, const char *lang)
{
	struct case_text_row	*t;
	size_t			 i;

	for (i = 0; i < in->ntexts; i++)
		if (strcmp(in->texts[i].lang, lang) == 0)
			return (&in->texts[i]);
	if (in->ntexts == CASE_MAX_TEXTS)
		return (NULL);
	t = &in->texts[in->ntexts++];
	t->lang = arena_strdup(a, lang);
	t->title = t->summary = t->ai_system = t->actions = "";
	t->outcomes = t->lessons = "";
	return (t);
}

/* The header lines that set one text of struct case_input, by key. */
static const struct {
	const char	*key;
	size_t		 off;	/* of the const char * in case_input */
} header_texts[] = {
	{ "slug", offsetof(struct case_input, slug) },
	{ "category", offsetof(struct case_input, category) },
	{ "organisation", offsetof(struct case_input, organisation) },
	{ "sector", offsetof(struct case_input, sector) },
	{ "country", offsetof(struct case_input, country) },
	{ "region", offsetof(struct case_input, region) },
	{ "language", offsetof(struct case_input, language) },
	{ NULL, 0 }
};

/* Parses the header lines and "== LANG FIELD" blocks of one file. */
static int
parse_case(struct arena *a, char *text, struct case_input *in, char *err,
    size_t errlen)
{
	struct case_text_row	*t;
	struct buf		 body;
	char			*line, *next, *v, **field = NULL, lang[8];
	char			 name[32], *bar;
	int			 lineno = 0;
	size_t			 k;

	memset(in, 0, sizeof(*in));
	buf_init(&body);
	for (line = text; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strncmp(line, "== ", 3) == 0) {
			if (field != NULL)
				*field = arena_strdup(a, trim(body.data ?
				    body.data : ""));
			buf_reset(&body);
			if (sscanf(line + 3, "%7s %31s", lang, name) != 2 ||
			    (t = text_for(a, in, lang)) == NULL)
				goto bad;
			field = strcmp(name, "title") == 0 ? &t->title :
			    strcmp(name, "summary") == 0 ? &t->summary :
			    strcmp(name, "ai_system") == 0 ? &t->ai_system :
			    strcmp(name, "actions") == 0 ? &t->actions :
			    strcmp(name, "outcomes") == 0 ? &t->outcomes :
			    strcmp(name, "lessons") == 0 ? &t->lessons : NULL;
			if (field == NULL)
				goto bad;
			continue;
		}
		if (field != NULL) {
			buf_appendf(&body, "%s\n", line);
			continue;
		}
		if (*trim(line) == '\0' || line[0] == '#')
			continue;
		if ((v = strchr(line, ':')) == NULL)
			goto bad;
		*v++ = '\0';
		v = arena_strdup(a, trim(v));
		line = trim(line);
		for (k = 0; header_texts[k].key != NULL; k++)
			if (strcmp(line, header_texts[k].key) == 0)
				break;
		if (header_texts[k].key != NULL)
			*(const char **)((char *)in + header_texts[k].off) = v;
		else if (strcmp(line, "year") == 0)
			in->year = strtoll(v, NULL, 10);
		else if (strcmp(line, "example") == 0)
			in->is_example = strcmp(v, "yes") == 0;
		else if (strcmp(line, "values") == 0)
			add_tags(a, in, "value", v);
		else if (strcmp(line, "principles") == 0)
			add_tags(a, in, "principle", v);
		else if (strcmp(line, "policy_areas") == 0)
			add_tags(a, in, "policy_area", v);
		else if (strcmp(line, "link") == 0 && in->nlinks <
		    CASE_MAX_LINKS && (bar = strrchr(v, '|')) != NULL) {
			*bar = '\0';
			in->links[in->nlinks].kind = "source";
			in->links[in->nlinks].title = trim(v);
			in->links[in->nlinks++].url = trim(bar + 1);
		} else
			goto bad;
	}
	if (field != NULL)
		*field = arena_strdup(a, trim(body.data ? body.data : ""));
	buf_free(&body);
	in->note = "sample library";
	return (0);
bad:
	buf_free(&body);
	(void)snprintf(err, errlen, "line %d: not understood", lineno);
	return (-1);
}

static int
load_file(struct dctx *dc, const char *path)
{
	struct case_input	 in;
	struct form_errors	 fe;
	FILE			*f;
	struct buf		 b;
	char			 chunk[4096], err[128];
	size_t			 n;
	int			 changed, ret = -1, i;

	if ((f = fopen(path, "r")) == NULL)
		return (cli_err("%s: cannot open", path) ? -1 : -1);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	(void)fclose(f);
	if (b.data == NULL || parse_case(dc->a, b.data, &in, err,
	    sizeof(err)) == -1) {
		(void)cli_err("%s: %s", path, b.data ? err : "empty");
		goto out;
	}
	memset(&fe, 0, sizeof(fe));
	if (case_publish_from(dc, &in, 1, &fe, NULL, &changed) != RES_OK) {
		for (i = 0; i < fe.n; i++)
			(void)cli_err("%s: %s: %s", path, fe.field[i],
			    fe.msgid[i]);
		(void)cli_err("%s: not published", path);
		goto out;
	}
	ret = 0;
out:
	buf_free(&b);
	return (ret);
}

static int
name_cmp(const void *x, const void *y)
{
	return (strcmp(*(char *const *)x, *(char *const *)y));
}

int
demo_case_library(struct opts *o, struct dctx *dc)
{
	DIR		*d;
	struct dirent	*e;
	char		*dir, **names = NULL;
	size_t		 n = 0, cap = 0, i, len;
	int		 ret = 0;

	dir = arena_printf(dc->a, "%s/content/cases", o->share);
	if ((d = opendir(dir)) == NULL)
		return (cli_err("%s: cannot open", dir) ? -1 : -1);
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".case") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = arena_printf(dc->a, "%s/%s", dir, e->d_name);
	}
	(void)closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n && ret == 0; i++)
		ret = load_file(dc, names[i]);
	free(names);
	return (ret);
}

/* Fills in with generated case number i (arena a, generator *r). */
static void
seed_one(struct arena *a, struct case_input *in, long long i, uint64_t *r,
    const struct tax_entry *cat, size_t ncat, const struct tax_entry *val,
    size_t nval, const struct tax_entry *pri, size_t npri,
    const struct tax_entry *pol, size_t npol, const char *const *cc,
    size_t ncc)
{
	static const char *const sectors[] = { "government", "private-sector",
	    "start-up", "academia", "civil-society",
	    "international-organisation" };
	static const char *const words[] = { "register", "assessment",
	    "toolkit", "audit", "charter", "dataset", "community", "procurement",
	    "oversight", "transparency", "fairness", "literacy" };

	memset(in, 0, sizeof(*in));
	in->slug = arena_printf(a, "seed-case-%lld", i);
	in->category = cat[rnd(r) % ncat].slug;
	in->organisation = arena_printf(a, "Organisation %llu",
	    (unsigned long long)(rnd(r) % 5000));
	in->sector = sectors[rnd(r) % 6];
	in->country = cc[rnd(r) % ncc];
	in->language = "en";
	in->year = 2016 + (int64_t)(rnd(r) % 10);
	in->ntexts = 1;
	in->texts[0].lang = "en";
	in->texts[0].title = arena_printf(a, "Generated %s %s %lld",
	    words[rnd(r) % 12], words[rnd(r) % 12], i);
	in->texts[0].summary = arena_printf(a, "A generated case about %s "
	    "and %s for benchmarks.", words[rnd(r) % 12], words[rnd(r) % 12]);
	in->texts[0].ai_system = in->texts[0].actions = "";
	in->texts[0].outcomes = in->texts[0].lessons = "";
	in->tags[0].kind = "value";
	in->tags[0].slug = (char *)val[rnd(r) % nval].slug;
	in->tags[1].kind = "principle";
	in->tags[1].slug = (char *)pri[rnd(r) % npri].slug;
	in->tags[2].kind = "principle";
	in->tags[2].slug = (char *)pri[rnd(r) % npri].slug;
	in->tags[3].kind = "policy_area";
	in->tags[3].slug = (char *)pol[rnd(r) % npol].slug;
	in->ntags = 4;
	if (strcmp(in->tags[1].slug, in->tags[2].slug) == 0) {
		in->tags[2] = in->tags[3];
		in->ntags = 3;
	}
	in->note = "generated";
}

int
cmd_seed_cases(struct opts *o, int argc, char **argv)
{
	static const char *const cc[] = { "NL", "FI", "CA", "GB", "SG",
	    "NZ", "CL", "BR", "KE", "RW", "KR", "JP", "CN", "FR", "DE", "IN",
	    "ZA", "EG", "MA", "MX", "US", "AU", "NG", "AR", NULL };
	struct dctx		 dc;
	struct arena		*save;
	struct case_input	*batch;
	struct form_errors	 fe;
	const struct tax_entry	*cat, *val, *pri, *pol;
	size_t			 ncat, nval, npri, npol, ncc, k, failed;
	long long		 n, i;
	uint64_t		 r = 88172645463325252ULL;
	enum result		 res;

	if (argc != 2 || (n = strtoll(argv[1], NULL, 10)) < 1 ||
	    n > 10000000)
		return (cli_err("usage: ethica dev seed-cases N"));
	if (cli_open(o, &dc) == -1)
		return (1);
	cat = taxonomy_list(TAX_CASE_CATEGORY, &ncat);
	val = taxonomy_list(TAX_VALUE, &nval);
	pri = taxonomy_list(TAX_PRINCIPLE, &npri);
	pol = taxonomy_list(TAX_POLICY_AREA, &npol);
	for (ncc = 0; cc[ncc] != NULL; ncc++)
		;
	save = dc.a;
	batch = xcalloc(SEED_BATCH, sizeof(*batch));
	for (i = 1; i <= n; i += SEED_BATCH) {
		dc.a = arena_new();
		for (k = 0; k < SEED_BATCH && i + (long long)k <= n; k++)
			seed_one(dc.a, &batch[k], i + (long long)k, &r, cat,
			    ncat, val, nval, pri, npri, pol, npol, cc, ncc);
		memset(&fe, 0, sizeof(fe));
		res = case_publish_many(&dc, batch, k, &fe, &failed);
		arena_free(dc.a);
		dc.a = save;
		if (res != RES_OK) {
			free(batch);
			cli_close(&dc);
			return (cli_err("dev seed-cases: case %lld failed",
			    i + (long long)failed));
		}
		if ((i - 1 + (long long)k) % 10000 == 0)
			fprintf(stderr, "%lld cases\n", i - 1 + (long long)k);
	}
	free(batch);
	cli_close(&dc);
	printf("%lld cases published\n", n);
	return (0);
}
