/*
 * fuzz_search.c: libFuzzer target for the case library's search and facet
 * queries (facets.c, facets_index.c, st_cases.c), on a real SQLite store
 * made once per process under /tmp with three published cases.
 *
 * The input is up to 13 lines: the words q, then one slug per facet kind
 * (facet_kinds order; an empty line is no filter), the sort name, the page
 * number and the language. Aborts when:
 *  - case_search_run() fails (RES_INTERNAL: an FTS or SQL error from
 *    words, slugs or paging a visitor typed) or lists more than a page;
 *  - facets_words() gives an empty word, a word over 64 bytes, or more
 *    than asked for;
 *  - facets_url() does not give back, once percent-decoded, exactly the
 *    q and slugs it was given (a link that changes the search).
 * Build and run: `make fuzz`; replay in make test: tests/fuzz/replay.sh
 * (both from the repository root: migrations are read from src/store/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/cases.h"
#include "domain/facets.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/db.h"
#include "store/store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NFIELDS	(FACETS_NKINDS + 4)

static struct db	*db;
static char		 dir[64];

static void	cleanup(void);
static void	setup(void);
static void	check_url(struct arena *, const struct case_search *,
		    const char *);
static int	unhex(int);

static void
cleanup(void)
{
	char	p[128];

	if (db != NULL)
		store_close(db);
	(void)snprintf(p, sizeof(p), "%s/t.db", dir);
	(void)unlink(p);
	(void)snprintf(p, sizeof(p), "%s/t.db-wal", dir);
	(void)unlink(p);
	(void)snprintf(p, sizeof(p), "%s/t.db-shm", dir);
	(void)unlink(p);
	(void)rmdir(dir);
}

static void
setup(void)
{
	static const char *const titles[3] = {
	    "Amsterdam algorithm register", "공공 알고리즘 등록부 \"quoted\"",
	    "Facial recognition ban: a city's NEAR/OR AND NOT* review" };
	static const char *const slugs[3] = { "a-register", "b-ko", "c-ban" };
	struct dctx		 dc;
	struct case_input	 in[3];
	struct form_errors	 fe;
	char			 path[128], err[256];
	size_t			 failed;
	int			 i;

	if (db != NULL)
		return;
	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-fuzz-XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	(void)snprintf(path, sizeof(path), "%s/t.db", dir);
	if (store_open(&db, path, err, sizeof(err)) != STORE_OK ||
	    store_migrate(db, ".", err, sizeof(err)) != STORE_OK) {
		fprintf(stderr, "fuzz_search: %s (run from the repo root)\n",
		    err);
		abort();
	}
	atexit(cleanup);
	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = arena_new();
	dc.now = 1767225600;
	memset(in, 0, sizeof(in));
	for (i = 0; i < 3; i++) {
		in[i].slug = slugs[i];
		in[i].category = "governance-frameworks";
		in[i].organisation = "City of Example";
		in[i].sector = "government";
		in[i].country = i == 1 ? "KR" : "NL";
		in[i].language = i == 1 ? "ko" : "en";
		in[i].year = 2020 + i;
		in[i].ntexts = 1;
		in[i].texts[0].lang = i == 1 ? "ko" : "en";
		in[i].texts[0].title = (char *)titles[i];
		in[i].texts[0].summary = "A public register lists systems.";
		in[i].texts[0].ai_system = in[i].texts[0].actions =
		    in[i].texts[0].outcomes = in[i].texts[0].lessons = "";
		in[i].ntags = 1;
		in[i].tags[0].kind = "principle";
		in[i].tags[0].slug = i == 2 ? "fairness" : "transparency";
		in[i].nlinks = 1;
		in[i].links[0].title = "Source";
		in[i].links[0].url = "https://example.org/";
	}
	memset(&fe, 0, sizeof(fe));
	if (case_publish_many(&dc, in, 3, &fe, &failed) != RES_OK) {
		fprintf(stderr, "fuzz_search: seed cases refused (%zu)\n",
		    failed);
		abort();
	}
	arena_free(dc.a);
}

static int
unhex(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	return (-1);
}

/* Decodes url's query string and compares it with s. */
static void
check_url(struct arena *a, const struct case_search *s, const char *url)
{
	const char	*p, *eq, *end, *want;
	struct buf	 v;
	char		*name;
	int		 k, seen[FACETS_NKINDS + 1], hi, lo;

	memset(seen, 0, sizeof(seen));
	if ((p = strchr(url, '?')) == NULL)
		p = url + strlen(url);
	else
		p++;
	while (*p != '\0') {
		end = p + strcspn(p, "&");
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
			abort();
		name = arena_strndup(a, p, (size_t)(eq - p));
		buf_init(&v);
		buf_append(&v, "", 0);
		for (eq++; eq < end; eq++) {
			if (*eq == '%') {
				if (end - eq < 3 || (hi = unhex(eq[1])) < 0 ||
				    (lo = unhex(eq[2])) < 0)
					abort();
				buf_putc(&v, (char)(hi * 16 + lo));
				eq += 2;
			} else if ((unsigned char)*eq <= 0x20 ||
			    strchr("\"<>#?+'", *eq) != NULL ||
			    (unsigned char)*eq >= 0x7f)
				abort();	/* unencoded in a link */
			else
				buf_putc(&v, *eq);
		}
		if (strcmp(name, "q") == 0)
			want = s->q;
		else if ((k = facet_kind_index(name)) >= 0) {
			want = s->slug[k];
			seen[k] = 1;
		} else
			want = NULL;
		if (want != NULL && strcmp(v.data, want) != 0)
			abort();		/* a value changed on the way */
		buf_free(&v);
		p = *end == '&' ? end + 1 : end;
	}
	for (k = 0; k < FACETS_NKINDS; k++)
		if (s->slug[k] != NULL && *s->slug[k] != '\0' && !seen[k])
			abort();		/* a filter lost */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct dctx		 dc;
	struct case_search	 s;
	struct case_results	 r;
	struct arena		*a;
	const char		*f[NFIELDS], *words[8];
	char			*text, *p, *e;
	size_t			 nf, nw, i;
	enum result		 rc;

	if (len > 4096)
		return (0);
	setup();
	text = xmalloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';
	memset(f, 0, sizeof(f));
	for (nf = 0, p = text; nf < NFIELDS && p != NULL; nf++) {
		f[nf] = p;
		if ((e = strchr(p, '\n')) != NULL)
			*e++ = '\0';
		p = e;
	}
	a = arena_new();
	memset(&s, 0, sizeof(s));
	s.q = f[0];
	for (i = 0; i < FACETS_NKINDS; i++)
		s.slug[i] = f[1 + i] != NULL && *f[1 + i] != '\0' ?
		    f[1 + i] : NULL;
	s.sort = facets_sort_parse(f[FACETS_NKINDS + 1]);
	s.page = f[FACETS_NKINDS + 2] != NULL ?
	    strtoll(f[FACETS_NKINDS + 2], NULL, 10) : 1;
	s.lang = f[FACETS_NKINDS + 3];

	nw = facets_words(a, s.q, words, 4);
	if (nw > 4)
		abort();
	for (i = 0; i < nw; i++)
		if (words[i] == NULL || *words[i] == '\0' ||
		    strlen(words[i]) > 64)
			abort();
	for (i = 0; i <= FACETS_NKINDS; i++)
		check_url(a, &s, facets_url(a, "/cases", &s, (int)i,
		    s.slug[i < FACETS_NKINDS ? i : 0], s.sort,
		    s.page < 1 ? 1 : s.page));

	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = a;
	dc.now = 1767225600;
	memset(&r, 0, sizeof(r));
	rc = case_search_run(&dc, &s, 1, &r);
	if (rc == RES_INTERNAL)
		abort();		/* a visitor's query broke the store */
	if (rc == RES_OK && r.n > FACETS_PAGE)
		abort();
	arena_free(a);
	free(text);
	return (0);
}
