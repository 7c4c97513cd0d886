/*
 * course_version.c: storing a new version of a course (after an import
 * or an author's edit) in one transaction: the version row, its files
 * and blobs (by SHA-256), and the tables that describe the current
 * version (texts, tags, authors, lessons with their texts and tags,
 * quizzes, the cases each lesson embeds), with an audit line. A version
 * is immutable and named by its digest, a hash over its files; an
 * import equal to the current version stores nothing. Caches of what
 * public pages show need no word from here: the content version
 * (migration 0018) moves with these writes.
 *
 * Never: SQL (store only), Kore headers, or writing outside one
 * transaction.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "domain/audit.h"
#include "domain/case_ref.h"
#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/package.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/st_cases.h"
#include "store/st_courses.h"
#include "store/store.h"

static char	*files_digest(struct arena *, const struct pkg_files *);
static int	store_current(struct dctx *, int64_t, const struct course_pkg *,
		    const struct pkg_files *);
static int	store_lesson(struct dctx *, int64_t, int64_t,
		    const struct course_pkg *, const struct pkg_lesson *,
		    const struct pkg_files *);
static const char *file_text(struct dctx *, const struct pkg_files *,
		    const char *, size_t *);

void
course_hash_hex(const void *data, size_t len, char out[65])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	(void)sodium_bin2hex(out, 65, h, sizeof(h));
}

/* SHA-256 over "path\0hash\n" for every file, in path order. */
static char *
files_digest(struct arena *a, const struct pkg_files *f)
{
	crypto_hash_sha256_state	 st;
	unsigned char			 h[crypto_hash_sha256_BYTES];
	char				*out;
	size_t				 i, j, best;
	unsigned char			*done;

	done = arena_alloc(a, f->n + 1);
	crypto_hash_sha256_init(&st);
	for (i = 0; i < f->n; i++) {
		best = f->n;
		for (j = 0; j < f->n; j++)
			if (!done[j] && (best == f->n ||
			    strcmp(f->v[j].path, f->v[best].path) < 0))
				best = j;
		done[best] = 1;
		crypto_hash_sha256_update(&st, (const unsigned char *)
		    f->v[best].path, strlen(f->v[best].path) + 1);
		crypto_hash_sha256_update(&st, (const unsigned char *)
		    f->v[best].hash, strlen(f->v[best].hash));
		crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	}
	crypto_hash_sha256_final(&st, h);
	out = arena_alloc(a, 65);
	(void)sodium_bin2hex(out, 65, h, sizeof(h));
	return (out);
}

/* Rewrites the tables that describe the current version. */
static int
store_current(struct dctx *dc, int64_t id, const struct course_pkg *p,
    const struct pkg_files *files)
{
	const struct pkg_module	*m;
	const struct pkg_lesson	*l;
	size_t			 i, j;
	int64_t			 lid;
	int			 pos, rc = 0;

	if (store_course_clear_current(dc->db, id) != STORE_OK)
		return (-1);
	for (i = 0; i < p->languages.n && rc == 0; i++) {
		if (store_course_text_add(dc->db, id, p->languages.v[i],
		    pkg_text(&p->title, p->languages.v[i], NULL),
		    pkg_text(&p->summary, p->languages.v[i], NULL)) !=
		    STORE_OK ||
		    store_course_tag_add(dc->db, id, "lang",
		    p->languages.v[i]) != STORE_OK)
			rc = -1;
	}
	if (store_course_tag_add(dc->db, id, "level", p->level) != STORE_OK)
		rc = -1;
	for (i = 0; i < p->values.n && rc == 0; i++)
		rc = store_course_tag_add(dc->db, id, "value",
		    p->values.v[i]) != STORE_OK ? -1 : 0;
	for (i = 0; i < p->principles.n && rc == 0; i++)
		rc = store_course_tag_add(dc->db, id, "principle",
		    p->principles.v[i]) != STORE_OK ? -1 : 0;
	for (i = 0; i < p->policy_areas.n && rc == 0; i++)
		rc = store_course_tag_add(dc->db, id, "policy_area",
		    p->policy_areas.v[i]) != STORE_OK ? -1 : 0;
	for (i = 0; i < p->nauthors && rc == 0; i++)
		rc = store_course_author_add(dc->db, id, (int)i,
		    p->authors[i].name, p->authors[i].email) != STORE_OK ?
		    -1 : 0;
	pos = 0;
	for (i = 0; i < p->nmodules && rc == 0; i++) {
		m = &p->modules[i];
		if (store_course_tag_add(dc->db, id, "track", m->track) !=
		    STORE_OK)
			rc = -1;
		for (j = 0; j < m->nlessons && rc == 0; j++) {
			l = &m->lessons[j];
			rc = store_course_lesson_put(dc->db, id, l->id, m->id,
			    pos++, p->required_all ? 1 : l->required,
			    l->minutes, &lid) != STORE_OK ? -1 : 0;
			if (rc == 0)
				rc = store_lesson(dc, id, lid, p, l, files);
		}
		if (rc == 0 && m->quiz != NULL)
			rc = store_course_quiz_put(dc->db, id, m->quiz->id,
			    m->id, m->quiz_file, p->quizzes_graded &&
			    m->quiz->graded) != STORE_OK ? -1 : 0;
	}
	return (rc);
}

/* The data of a package file (from the blob when only its hash is
 * loaded), or NULL. */
static const char *
file_text(struct dctx *dc, const struct pkg_files *files, const char *path,
    size_t *len)
{
	const struct pkg_file	*f;
	char			*data;

	if ((f = pkg_files_get(files, path)) == NULL)
		return (NULL);
	if (f->data != NULL) {
		*len = f->len;
		return (f->data);
	}
	if (f->hash == NULL || store_course_blob_get(dc->db, dc->a, f->hash,
	    &data, len) != STORE_OK)
		return (NULL);
	return (data);
}

/*
 * Inside store_current's transaction: the lesson's titles, its principle
 * and policy-area tags, and the cases its files (every language) embed.
 */
static int
store_lesson(struct dctx *dc, int64_t id, int64_t lid,
    const struct course_pkg *p, const struct pkg_lesson *l,
    const struct pkg_files *files)
{
	struct case_ref_part	*parts;
	const char		**slugs, **more, *md, *path;
	char			 err[256];
	size_t			 i, k, nslugs = 0, len;
	int			 n;

	for (i = 0; i < l->title.n; i++)
		if (store_lesson_text_add(dc->db, id, lid, l->title.v[i].lang,
		    l->title.v[i].text) != STORE_OK)
			return (-1);
	for (i = 0; i < l->principles.n; i++)
		if (store_lesson_tag_add(dc->db, id, lid, "principle",
		    l->principles.v[i]) != STORE_OK)
			return (-1);
	for (i = 0; i < l->policy_areas.n; i++)
		if (store_lesson_tag_add(dc->db, id, lid, "policy_area",
		    l->policy_areas.v[i]) != STORE_OK)
			return (-1);
	slugs = NULL;
	for (i = 0; i < p->languages.n; i++) {
		path = arena_printf(dc->a, "%s.%s.md", l->file,
		    p->languages.v[i]);
		if ((md = file_text(dc, files, path, &len)) == NULL)
			continue;
		if ((n = case_refs_parse(dc->a, md, len, &parts, err,
		    sizeof(err))) == -1)
			return (-1);
		more = arena_alloc(dc->a, (nslugs + (size_t)n + 1) *
		    sizeof(*more));
		if (nslugs > 0)
			memcpy(more, slugs, nslugs * sizeof(*more));
		slugs = more;
		for (k = 0; k < (size_t)n; k++)
			if (parts[k].slug != NULL)
				slugs[nslugs++] = parts[k].slug;
	}
	return (store_case_lessons_set(dc->db, id, lid, slugs, nslugs) ==
	    STORE_OK ? 0 : -1);
}

size_t
course_check_cases(struct dctx *dc, const struct course_pkg *p,
    const struct pkg_files *files, const char *only, struct pkg_errors *errs)
{
	const struct pkg_module	*m;
	const char		*path, *md, *msg;
	char			 err[512];
	size_t			 i, j, k, len, before = errs->n;
	int			 line, off;

	for (i = 0; i < p->nmodules; i++) {
		m = &p->modules[i];
		for (j = 0; j < m->nlessons; j++)
			for (k = 0; k < p->languages.n; k++) {
				path = arena_printf(dc->a, "%s.%s.md",
				    m->lessons[j].file, p->languages.v[k]);
				if ((only != NULL && strcmp(only, path) != 0) ||
				    (md = file_text(dc, files, path, &len)) ==
				    NULL)
					continue;
				if (case_refs_check(dc, md, len, err,
				    sizeof(err)) == 0)
					continue;
				line = 0;
				msg = err;
				off = 0;
				if (sscanf(err, "line %d: %n", &line, &off) ==
				    1 && off > 0)
					msg = err + off;
				pkg_error(errs, path, line, "%s", msg);
			}
	}
	return (errs->n - before);
}

enum result
course_store_version(struct dctx *dc, const struct course_pkg *pkg,
    const struct pkg_files *files, const char *note, int64_t *version,
    int *changed)
{
	enum result	r;
	int64_t		id;

	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if ((r = course_store_version_in(dc, pkg, files, note, version,
	    changed, &id)) != RES_OK || !*changed)
		return (dctx_abort(dc, r));
	return (dctx_commit(dc));
}

enum result
course_store_version_in(struct dctx *dc, const struct course_pkg *pkg,
    const struct pkg_files *files, const char *note, int64_t *version,
    int *changed, int64_t *course_id)
{
	struct course_row	 c;
	const char		*digest;
	struct buf		 langs;
	size_t			 i;
	int			 rc;

	*changed = 0;
	digest = files_digest(dc->a, files);
	memset(&c, 0, sizeof(c));
	rc = store_course_by_slug(dc->db, dc->a, pkg->slug, &c);
	if (rc == STORE_NOT_FOUND) {
		memset(&c, 0, sizeof(c));
		if (store_course_insert(dc->db, pkg->slug, dc->now, &c.id) !=
		    STORE_OK)
			return (RES_INTERNAL);
	} else if (rc != STORE_OK)
		return (RES_INTERNAL);
	*course_id = c.id;
	if (c.version > 0 && strcmp(c.digest, digest) == 0) {
		*version = c.version;
		return (RES_OK);
	}
	c.version++;
	c.digest = (char *)digest;
	if (store_course_version_insert(dc->db, c.id, c.version, digest,
	    dc->user != NULL ? dc->user->id : 0, note, dc->now,
	    &c.version_id) != STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < files->n; i++) {
		if (files->v[i].data != NULL && store_course_blob_put(dc->db,
		    files->v[i].hash, files->v[i].data, files->v[i].len) !=
		    STORE_OK)
			return (RES_INTERNAL);
		if (store_course_file_add(dc->db, c.version_id,
		    files->v[i].path, files->v[i].hash) != STORE_OK)
			return (RES_INTERNAL);
	}
	buf_init(&langs);
	for (i = 0; i < pkg->languages.n; i++)
		buf_appendf(&langs, "%s%s", i ? " " : "", pkg->languages.v[i]);
	c.languages = arena_strdup(dc->a, langs.data != NULL ? langs.data :
	    "");
	buf_free(&langs);
	c.default_language = (char *)pkg->default_language;
	c.level = (char *)pkg->level;
	c.minutes = pkg->minutes;
	if (store_course_set_current(dc->db, &c, dc->now) != STORE_OK ||
	    store_current(dc, c.id, pkg, files) == -1)
		return (RES_INTERNAL);
	if (audit_log(dc, 0, "course.version", "course", c.id,
	    arena_printf(dc->a, "%s v%lld %s", pkg->slug,
	    (long long)c.version, note != NULL ? note : "")) == -1)
		return (RES_INTERNAL);
	*version = c.version;
	*changed = 1;
	return (RES_OK);
}
