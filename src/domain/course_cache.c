/*
 * course_cache.c: what the pages read of a course, kept per process in
 * three bounded caches (lib/cache.h) of one content version: a course's
 * current row by slug, its parsed version by digest (files, manifest,
 * lessons rendered on demand by course_view.c), and its outline by
 * course, version and language (the stable lesson ids and required flags
 * with the titles). Any write to a course's tables moves the content
 * version (migration 0018), on every node, so a page that finds its
 * course here reads nothing from the store and is never stale.
 * Everything kept is copied into memory the cache owns: nothing points
 * into a request's arena.
 *
 * Never: SQL (store only), Kore headers, a write.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/package.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "store/store.h"

#define COURSE_SLUGS		256	/* rows kept */
#define COURSE_PARSED		16	/* parsed versions kept */
#define COURSE_PARSED_BYTES	(64 * 1024 * 1024)
#define COURSE_OUTLINES		256	/* (course, version, language) */
#define COURSE_META_BYTES	(8 * 1024 * 1024)

/* A course's current row, strings in a (arena_obj_new). */
struct course_slug {
	struct arena		*a;
	struct course_row	 row;
};

/* An outline, arrays and strings in a (arena_obj_new). */
struct course_kept_outline {
	struct arena		*a;
	struct course_outline	 o;
};

static struct cache	*slugs, *parsed, *outlines;

static int	caches_sync(struct dctx *);
static void	cached_free(void *);
static struct course_slug *slug_read(struct dctx *, const char *, int *);
static struct course_cached *parse(struct dctx *, const struct course_row *,
		    size_t *);
static enum result outline_build(struct dctx *, const struct course_row *,
		    const struct course_cached *, const char *,
		    struct course_kept_outline *);

static void
cached_free(void *v)
{
	struct course_cached	*e = v;

	free(e->render);
	arena_obj_free(e);
}

/* The caches, made and brought to dc's content version. 0, or -1 when
 * the version cannot be read (a store error). */
static int
caches_sync(struct dctx *dc)
{
	int64_t	v;

	if (slugs == NULL) {
		slugs = cache_new(COURSE_SLUGS, COURSE_META_BYTES,
		    arena_obj_free);
		parsed = cache_new(COURSE_PARSED, COURSE_PARSED_BYTES,
		    cached_free);
		outlines = cache_new(COURSE_OUTLINES, COURSE_META_BYTES,
		    arena_obj_free);
	}
	v = dctx_content_version(dc);
	if (cache_sync(slugs, v) == -1 || cache_sync(parsed, v) == -1 ||
	    cache_sync(outlines, v) == -1)
		return (-1);
	return (0);
}

void
course_cache_clear(void)
{
	if (slugs != NULL) {
		cache_clear(slugs);
		cache_clear(parsed);
		cache_clear(outlines);
	}
	course_catalog_drop();
}

/* The row of slug read now (*rc the store's answer), or NULL. */
static struct course_slug *
slug_read(struct dctx *dc, const char *slug, int *rc)
{
	struct course_slug	*s;

	s = arena_obj_new(sizeof(*s));
	if ((*rc = store_course_by_slug(dc->db, s->a, slug, &s->row)) !=
	    STORE_OK || s->row.version == 0) {
		if (*rc == STORE_OK)
			*rc = STORE_NOT_FOUND;
		arena_obj_free(s);
		return (NULL);
	}
	return (s);
}

/* The version of c parsed from its stored files (*bytes their size),
 * or NULL. */
static struct course_cached *
parse(struct dctx *dc, const struct course_row *c, size_t *bytes)
{
	struct course_file_row	*rows;
	struct course_cached	*e;
	struct pkg_errors	 errs;
	size_t			 i, n;

	if (store_course_files(dc->db, dc->a, c->version_id, 1, &rows, &n) !=
	    STORE_OK)
		return (NULL);
	e = arena_obj_new(sizeof(*e));
	(void)snprintf(e->digest, sizeof(e->digest), "%s", c->digest);
	*bytes = sizeof(*e);
	for (i = 0; i < n; i++) {
		pkg_files_put(e->a, &e->files, rows[i].path, rows[i].data,
		    rows[i].len, rows[i].hash);
		*bytes += rows[i].len;
	}
	pkg_errors_init(&errs, e->a, "");
	if ((e->pkg = pkg_load(e->a, &e->files, &errs)) == NULL) {
		cached_free(e);
		return (NULL);
	}
	/* Parsed and rendered forms take about as much again. */
	*bytes *= 2;
	return (e);
}

enum result
course_get(struct dctx *dc, const char *slug, struct course_row *row,
    struct course_cached **out)
{
	struct course_slug	*s;
	struct course_cached	*e;
	size_t			 bytes;
	int			 rc;

	memset(row, 0, sizeof(*row));
	*out = NULL;
	if (caches_sync(dc) == -1)
		return (RES_INTERNAL);
	if ((s = cache_gets(slugs, slug)) == NULL) {
		if ((s = slug_read(dc, slug, &rc)) == NULL)
			return (result_from_store(rc));
		if (cache_puts(slugs, slug, s, sizeof(*s) +
		    strlen(s->row.digest) + strlen(s->row.languages) + 256) ==
		    NULL)
			return (RES_INTERNAL);	/* freed: not kept */
	}
	/* The row is the caller's (a few strings): it outlives a flush. */
	*row = s->row;
	row->slug = arena_strdup(dc->a, s->row.slug);
	row->digest = arena_strdup(dc->a, s->row.digest);
	row->default_language = arena_strdup(dc->a, s->row.default_language);
	row->languages = arena_strdup(dc->a, s->row.languages);
	row->level = arena_strdup(dc->a, s->row.level);
	if ((e = cache_gets(parsed, row->digest)) == NULL) {
		if ((e = parse(dc, row, &bytes)) == NULL)
			return (RES_INTERNAL);
		if (cache_puts(parsed, row->digest, e, bytes) == NULL)
			return (RES_INTERNAL);	/* larger than the cache */
	}
	*out = e;
	return (RES_OK);
}

/* k->o: the outline of c's version (parsed as e) in lang, every string
 * and array copied into k->a. */
static enum result
outline_build(struct dctx *dc, const struct course_row *c,
    const struct course_cached *e, const char *lang,
    struct course_kept_outline *k)
{
	struct course_lesson_row	*rows;
	const struct course_pkg		*p = e->pkg;
	const struct pkg_module		*m;
	const struct pkg_lesson		*l;
	struct course_outline		*out = &k->o;
	struct course_outline_lesson	*ol;
	struct arena			*a = k->a;
	size_t				 i, j, q, n;
	const char			*def = p->default_language;

	if (store_course_lessons(dc->db, dc->a, c->id, &rows, &n) != STORE_OK)
		return (RES_INTERNAL);
	out->course.id = c->id;
	out->course.version = c->version;
	out->course.version_id = c->version_id;
	out->course.slug = arena_strdup(a, c->slug);
	out->course.default_language = arena_strdup(a, c->default_language);
	out->title = arena_strdup(a, pkg_text(&p->title, lang, def));
	out->lang = arena_strdup(a, lang);
	out->required_all = p->required_all;
	out->quizzes_graded = p->quizzes_graded;
	out->modules = arena_alloc(a, (p->nmodules + 1) *
	    sizeof(*out->modules));
	out->lessons = arena_alloc(a, (n + 1) * sizeof(*out->lessons));
	out->quizzes = arena_alloc(a, (p->nmodules + 1) *
	    sizeof(*out->quizzes));
	for (i = 0; i < p->nmodules; i++) {
		m = &p->modules[i];
		out->modules[i].id = arena_strdup(a, m->id);
		out->modules[i].track = arena_strdup(a, m->track);
		out->modules[i].title = arena_strdup(a, pkg_text(&m->title,
		    lang, def));
		out->modules[i].first = out->nlessons;
		for (j = 0; j < m->nlessons; j++) {
			l = &m->lessons[j];
			/* Rows come by position, which is course order. */
			q = out->nlessons;
			if (q >= n || strcmp(rows[q].key, l->id) != 0)
				for (q = 0; q < n; q++)
					if (strcmp(rows[q].key, l->id) == 0)
						break;
			if (q == n)
				return (RES_INTERNAL);
			ol = &out->lessons[out->nlessons++];
			ol->id = rows[q].id;
			ol->key = arena_strdup(a, l->id);
			ol->module = out->modules[i].id;
			ol->title = arena_strdup(a, pkg_text(&l->title, lang,
			    def));
			ol->minutes = l->minutes;
			ol->required = (int)rows[q].required;
		}
		out->modules[i].nlessons = out->nlessons -
		    out->modules[i].first;
		if (m->quiz != NULL) {
			out->modules[i].quiz_id = arena_strdup(a, m->quiz->id);
			out->quizzes[out->nquizzes].id =
			    out->modules[i].quiz_id;
			out->quizzes[out->nquizzes].module = out->modules[i].id;
			out->quizzes[out->nquizzes].title = arena_strdup(a,
			    pkg_text(&m->quiz->title, lang, def));
			out->quizzes[out->nquizzes].graded =
			    p->quizzes_graded && m->quiz->graded;
			out->nquizzes++;
		}
	}
	out->nmodules = p->nmodules;
	return (RES_OK);
}

enum result
course_outline_get(struct dctx *dc, const char *slug, const char *lang,
    struct course_outline *out, struct course_row *c,
    struct course_cached **ep)
{
	struct course_kept_outline	*k;
	struct course_cached		*e;
	const char			*key;
	enum result			 r;

	memset(out, 0, sizeof(*out));
	if ((r = course_get(dc, slug, c, ep)) != RES_OK)
		return (r);
	e = *ep;
	if (lang == NULL || !pkg_has_lang(e->pkg, lang))
		lang = e->pkg->default_language;
	if (caches_sync(dc) == -1)
		return (RES_INTERNAL);
	key = arena_printf(dc->a, "%lld\n%lld\n%s", (long long)c->id,
	    (long long)c->version_id, lang);
	if ((k = cache_gets(outlines, key)) == NULL) {
		k = arena_obj_new(sizeof(*k));
		if ((r = outline_build(dc, c, e, lang, k)) != RES_OK) {
			arena_obj_free(k);
			return (r);
		}
		if (cache_puts(outlines, key, k, sizeof(*k) +
		    (k->o.nlessons + k->o.nmodules) * 160) == NULL)
			return (RES_INTERNAL);	/* freed: not kept */
	}
	*out = k->o;
	return (RES_OK);
}
