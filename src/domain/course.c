/*
 * course.c: course versions: importing a package folder (validate all,
 * then store in one transaction), exporting a version back to a folder,
 * storing a new version after an edit, and the per-process cache of
 * parsed versions that the pages and other features read (course_outline,
 * course_quiz_load). A version is immutable and keyed by its digest (a
 * hash over its files), so a cached entry can never be stale. The stable
 * lesson rows of a course's current version are cached the same way, by
 * course id, version id and digest (seeded courses share their
 * template's digest, not their lesson ids). Every new version also
 * replaces the catalog's token (course_catalog.c) in its transaction.
 *
 * Never: SQL (store only), Kore headers, or writing outside one
 * transaction.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "domain/audit.h"
#include "domain/case_ref.h"
#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/crypto.h"
#include "domain/package.h"
#include "domain/policy.h"
#include "domain/quiz.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/st_cases.h"
#include "store/st_courses.h"
#include "store/store.h"

#define CACHE_SLOTS	16
#define LESSON_SLOTS	64
#define FILE_MAX	(64 * 1024 * 1024)
#define PKG_FILES_MAX	2000

/* The active lesson rows of one course version. */
struct lesson_rows {
	int64_t				 course_id, version_id;
	char				 digest[65];
	struct arena			*a;
	struct course_lesson_row	*rows;
	size_t				 n;
	uint64_t			 used;
};

static struct course_cached	*cache[CACHE_SLOTS];
static uint64_t			 cache_tick;
static struct lesson_rows	*lcache[LESSON_SLOTS];

/*
 * The last course_get of the current read snapshot: a page asks for its
 * course more than once (its outline, the learner's progress), and within
 * one snapshot the answer cannot change (see store_read_generation).
 */
static struct {
	struct db		*db;
	struct arena		*a;
	uint64_t		 gen;	/* 0: nothing kept */
	struct course_row	 row;
	struct course_cached	*e;
} last_get;

/*
 * The last outline of the current read snapshot, by course version and
 * language of its texts: a lesson page needs it for the page and for the
 * learner's progress. An outline follows from the version alone; the
 * snapshot check is what keeps its arrays, which live in the request's
 * arena, from being used after that arena is gone (a new arena can come
 * back at the same address, a snapshot never does). last_get likewise.
 */
static struct {
	struct db		*db;
	struct arena		*a;
	uint64_t		 gen;	/* 0: nothing kept */
	struct course_cached	*e;
	int64_t			 version_id;
	char			 lang[16];
	struct course_outline	 o;
} last_outline;

static char	*files_digest(struct arena *, const struct pkg_files *);
static int	read_tree(struct arena *, const char *, const char *,
		    struct pkg_files *, struct pkg_errors *);
static int	read_file(struct arena *, const char *, char **, size_t *);
static int	write_file(const char *, const char *, const void *, size_t,
		    char *, size_t);
static int	store_current(struct dctx *, int64_t, const struct course_pkg *,
		    const struct pkg_files *);
static int	store_lesson(struct dctx *, int64_t, int64_t,
		    const struct course_pkg *, const struct pkg_lesson *,
		    const struct pkg_files *);
static const char *file_text(struct dctx *, const struct pkg_files *,
		    const char *, size_t *);
static void	cached_free(struct course_cached *);
static void	remember_get(struct dctx *, const struct course_row *,
		    struct course_cached *);
static void	lesson_rows_free(struct lesson_rows *);
static int	lesson_rows(struct dctx *, const struct course_row *,
		    const struct lesson_rows **);

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

static int
read_file(struct arena *a, const char *path, char **data, size_t *len)
{
	struct stat	 sb;
	ssize_t		 r;
	size_t		 off;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) == -1)
		return (-1);
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > FILE_MAX) {
		close(fd);
		return (-1);
	}
	*len = (size_t)sb.st_size;
	*data = arena_alloc(a, *len + 1);
	for (off = 0; off < *len; off += (size_t)r) {
		r = read(fd, *data + off, *len - off);
		if (r <= 0) {
			close(fd);
			return (-1);
		}
	}
	close(fd);
	return (0);
}

/* Reads every regular file under root/rel (hidden names skipped). */
static int
read_tree(struct arena *a, const char *root, const char *rel,
    struct pkg_files *f, struct pkg_errors *errs)
{
	DIR		*d;
	struct dirent	*de;
	char		*dir, *child, *path, *data, hash[65];
	size_t		 len;
	struct stat	 sb;
	int		 ret = 0;

	dir = *rel ? arena_printf(a, "%s/%s", root, rel) : arena_strdup(a,
	    root);
	if ((d = opendir(dir)) == NULL) {
		pkg_error(errs, *rel ? rel : ".", 0, "cannot read the folder: "
		    "%s", strerror(errno));
		return (-1);
	}
	while ((de = readdir(d)) != NULL && ret == 0) {
		if (de->d_name[0] == '.')
			continue;
		child = *rel ? arena_printf(a, "%s/%s", rel, de->d_name) :
		    arena_strdup(a, de->d_name);
		path = arena_printf(a, "%s/%s", root, child);
		if (lstat(path, &sb) == -1)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			ret = read_tree(a, root, child, f, errs);
			continue;
		}
		if (!S_ISREG(sb.st_mode))
			continue;
		if (!pkg_path_ok(child)) {
			pkg_error(errs, child, 0, "file names may only use "
			    "letters, digits, '.', '_' and '-'");
			continue;
		}
		if (f->n >= PKG_FILES_MAX) {
			pkg_error(errs, child, 0, "too many files in the "
			    "package (at most %d)", PKG_FILES_MAX);
			ret = -1;
			break;
		}
		if (read_file(a, path, &data, &len) == -1) {
			pkg_error(errs, child, 0, "cannot read the file (or it "
			    "is larger than 64 MB)");
			continue;
		}
		course_hash_hex(data, len, hash);
		pkg_files_put(a, f, child, data, len, hash);
	}
	closedir(d);
	return (ret);
}

enum result
course_import_dir(struct dctx *dc, const char *dir, int by_cli,
    struct pkg_errors *errs, const char **slug, int64_t *version,
    int *changed)
{
	struct pkg_files	 files;
	struct course_pkg	*pkg;

	memset(&files, 0, sizeof(files));
	if (!by_cli && !policy_can(dc->user, ACT_COURSE_ADMIN))
		return (RES_FORBIDDEN);
	if (read_tree(dc->a, dir, "", &files, errs) == -1 || errs->n > 0)
		return (RES_INVALID);
	if ((pkg = pkg_load(dc->a, &files, errs)) == NULL ||
	    course_check_cases(dc, pkg, &files, NULL, errs) > 0)
		return (RES_INVALID);
	*slug = pkg->slug;
	return (course_store_version(dc, pkg, &files, "import", version,
	    changed));
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
	struct course_row	 c;
	const char		*digest;
	struct buf		 langs;
	size_t			 i;
	int			 rc;
	char			 token[TOKEN_LEN + 1];

	*changed = 0;
	digest = files_digest(dc->a, files);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	memset(&c, 0, sizeof(c));
	rc = store_course_by_slug(dc->db, dc->a, pkg->slug, &c);
	if (rc == STORE_NOT_FOUND) {
		memset(&c, 0, sizeof(c));
		if (store_course_insert(dc->db, pkg->slug, dc->now, &c.id) !=
		    STORE_OK)
			goto fail;
	} else if (rc != STORE_OK)
		goto fail;
	if (c.version > 0 && strcmp(c.digest, digest) == 0) {
		*version = c.version;
		(void)store_rollback(dc->db);
		return (RES_OK);
	}
	c.version++;
	c.digest = (char *)digest;
	if (store_course_version_insert(dc->db, c.id, c.version, digest,
	    dc->user != NULL ? dc->user->id : 0, note, dc->now,
	    &c.version_id) != STORE_OK)
		goto fail;
	for (i = 0; i < files->n; i++) {
		if (files->v[i].data != NULL && store_course_blob_put(dc->db,
		    files->v[i].hash, files->v[i].data, files->v[i].len) !=
		    STORE_OK)
			goto fail;
		if (store_course_file_add(dc->db, c.version_id,
		    files->v[i].path, files->v[i].hash) != STORE_OK)
			goto fail;
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
	token_new(token);
	if (store_course_set_current(dc->db, &c, dc->now) != STORE_OK ||
	    store_current(dc, c.id, pkg, files) == -1 ||
	    store_catalog_bump(dc->db, token) != STORE_OK)
		goto fail;
	if (audit_log(dc, 0, "course.version", "course", c.id,
	    arena_printf(dc->a, "%s v%lld %s", pkg->slug,
	    (long long)c.version, note != NULL ? note : "")) == -1)
		goto fail;
	if (store_commit(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	*version = c.version;
	*changed = 1;
	return (RES_OK);
fail:
	(void)store_rollback(dc->db);
	return (RES_INTERNAL);
}

/* Writes data to dir/path, creating the folders of path. */
static int
write_file(const char *dir, const char *path, const void *data, size_t len,
    char *err, size_t errlen)
{
	char	full[4096], *slash;
	FILE	*fp;

	if ((size_t)snprintf(full, sizeof(full), "%s/%s", dir, path) >=
	    sizeof(full)) {
		(void)snprintf(err, errlen, "%s: path too long", path);
		return (-1);
	}
	for (slash = full + strlen(dir) + 1; (slash = strchr(slash, '/')) !=
	    NULL; slash++) {
		*slash = '\0';
		if (mkdir(full, 0755) == -1 && errno != EEXIST) {
			(void)snprintf(err, errlen, "%s: %s", full,
			    strerror(errno));
			return (-1);
		}
		*slash = '/';
	}
	if ((fp = fopen(full, "wb")) == NULL ||
	    (len > 0 && fwrite(data, 1, len, fp) != len) || fclose(fp) != 0) {
		(void)snprintf(err, errlen, "%s: %s", full, strerror(errno));
		return (-1);
	}
	return (0);
}

enum result
course_export_dir(struct dctx *dc, const char *slug, const char *dir,
    char *err, size_t errlen)
{
	struct course_row	 c;
	struct course_file_row	*rows;
	char			*data;
	size_t			 n, i, len;
	int			 rc;

	memset(&c, 0, sizeof(c));
	rc = store_course_by_slug(dc->db, dc->a, slug, &c);
	if (rc == STORE_NOT_FOUND || (rc == STORE_OK && c.version == 0)) {
		(void)snprintf(err, errlen, "no course '%s'", slug);
		return (RES_NOT_FOUND);
	}
	if (rc != STORE_OK || store_course_files(dc->db, dc->a, c.version_id,
	    0, &rows, &n) != STORE_OK) {
		(void)snprintf(err, errlen, "database error");
		return (RES_INTERNAL);
	}
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		(void)snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return (RES_INTERNAL);
	}
	for (i = 0; i < n; i++) {
		if (!pkg_path_ok(rows[i].path))
			continue;
		if (store_course_blob_get(dc->db, dc->a, rows[i].hash, &data,
		    &len) != STORE_OK) {
			(void)snprintf(err, errlen, "%s: missing blob",
			    rows[i].path);
			return (RES_INTERNAL);
		}
		if (write_file(dir, rows[i].path, data, len, err, errlen) == -1)
			return (RES_INTERNAL);
	}
	return (RES_OK);
}

static void
cached_free(struct course_cached *e)
{
	if (e == NULL)
		return;
	free(e->render);
	arena_free(e->a);
	free(e);
}

static void
lesson_rows_free(struct lesson_rows *l)
{
	if (l == NULL)
		return;
	arena_free(l->a);
	free(l);
}

void
course_cache_clear(void)
{
	size_t	i;

	last_get.gen = 0;
	last_outline.gen = 0;
	for (i = 0; i < CACHE_SLOTS; i++) {
		cached_free(cache[i]);
		cache[i] = NULL;
	}
	for (i = 0; i < LESSON_SLOTS; i++) {
		lesson_rows_free(lcache[i]);
		lcache[i] = NULL;
	}
	course_catalog_drop();
}

/*
 * The active lesson rows of the version in c, from the cache or read now
 * into it (*out borrowed until the next call). 0, or -1 on a store error.
 */
static int
lesson_rows(struct dctx *dc, const struct course_row *c,
    const struct lesson_rows **out)
{
	struct lesson_rows	*l;
	size_t			 i, victim = 0;

	for (i = 0; i < LESSON_SLOTS; i++) {
		l = lcache[i];
		if (l != NULL && l->course_id == c->id && l->version_id ==
		    c->version_id && strcmp(l->digest, c->digest) == 0) {
			l->used = ++cache_tick;
			*out = l;
			return (0);
		}
		if (l == NULL || (lcache[victim] != NULL &&
		    l->used < lcache[victim]->used))
			victim = i;
	}
	l = xcalloc(1, sizeof(*l));
	l->a = arena_new();
	if (store_course_lessons(dc->db, l->a, c->id, &l->rows, &l->n) !=
	    STORE_OK) {
		lesson_rows_free(l);
		return (-1);
	}
	l->course_id = c->id;
	l->version_id = c->version_id;
	(void)snprintf(l->digest, sizeof(l->digest), "%s", c->digest);
	l->used = ++cache_tick;
	lesson_rows_free(lcache[victim]);
	lcache[victim] = l;
	*out = l;
	return (0);
}

enum result
course_get(struct dctx *dc, const char *slug, struct course_row *row,
    struct course_cached **out)
{
	struct course_file_row	*rows;
	struct course_cached	*e;
	struct pkg_errors	 errs;
	size_t			 i, n, victim;
	int			 rc;

	if (last_get.gen != 0 && last_get.db == dc->db && last_get.a == dc->a &&
	    store_read_generation(dc->db) == last_get.gen &&
	    strcmp(last_get.row.slug, slug) == 0) {
		*row = last_get.row;
		*out = last_get.e;
		return (RES_OK);
	}
	memset(row, 0, sizeof(*row));
	rc = store_course_by_slug(dc->db, dc->a, slug, row);
	if (rc == STORE_NOT_FOUND || (rc == STORE_OK && row->version == 0))
		return (RES_NOT_FOUND);
	if (rc != STORE_OK)
		return (RES_INTERNAL);
	victim = 0;
	for (i = 0; i < CACHE_SLOTS; i++) {
		if (cache[i] != NULL && strcmp(cache[i]->digest,
		    row->digest) == 0) {
			cache[i]->used = ++cache_tick;
			*out = cache[i];
			remember_get(dc, row, *out);
			return (RES_OK);
		}
		if (cache[i] == NULL || (cache[victim] != NULL &&
		    cache[i]->used < cache[victim]->used))
			victim = i;
	}
	if (store_course_files(dc->db, dc->a, row->version_id, 1, &rows,
	    &n) != STORE_OK)
		return (RES_INTERNAL);
	e = xcalloc(1, sizeof(*e));
	e->a = arena_new();
	(void)snprintf(e->digest, sizeof(e->digest), "%s", row->digest);
	for (i = 0; i < n; i++)
		pkg_files_put(e->a, &e->files, rows[i].path, rows[i].data,
		    rows[i].len, rows[i].hash);
	pkg_errors_init(&errs, e->a, "");
	if ((e->pkg = pkg_load(e->a, &e->files, &errs)) == NULL) {
		cached_free(e);
		return (RES_INTERNAL);
	}
	e->used = ++cache_tick;
	if (cache[victim] != NULL && cache[victim] == last_get.e)
		last_get.gen = 0;
	if (cache[victim] != NULL && cache[victim] == last_outline.e)
		last_outline.gen = 0;
	cached_free(cache[victim]);
	cache[victim] = e;
	*out = e;
	remember_get(dc, row, e);
	return (RES_OK);
}

static void
remember_get(struct dctx *dc, const struct course_row *row,
    struct course_cached *e)
{
	last_get.db = dc->db;
	last_get.a = dc->a;
	last_get.gen = store_read_generation(dc->db);
	last_get.row = *row;
	last_get.e = e;
}

enum result
course_find(struct dctx *dc, const char *slug, struct course_ref *out)
{
	struct course_row	c;
	int			rc;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	rc = store_course_by_slug(dc->db, dc->a, slug, &c);
	if (rc == STORE_NOT_FOUND || (rc == STORE_OK && c.version == 0))
		return (RES_NOT_FOUND);
	if (rc != STORE_OK)
		return (RES_INTERNAL);
	out->id = c.id;
	out->version = c.version;
	out->version_id = c.version_id;
	out->slug = c.slug;
	out->default_language = c.default_language;
	return (RES_OK);
}

enum result
course_outline(struct dctx *dc, const char *slug, const char *lang,
    struct course_outline *out)
{
	struct course_row	 c;
	struct course_cached	*e;
	enum result		 r;

	memset(out, 0, sizeof(*out));
	if ((r = course_get(dc, slug, &c, &e)) != RES_OK)
		return (r);
	return (course_outline_of(dc, &c, e, lang, out));
}

enum result
course_outline_of(struct dctx *dc, const struct course_row *c,
    struct course_cached *e, const char *lang, struct course_outline *out)
{
	const struct lesson_rows	*lr;
	const struct course_lesson_row	*rows;
	const struct course_pkg		*p;
	const struct pkg_module		*m;
	const struct pkg_lesson		*l;
	struct course_outline_lesson	*ol;
	size_t				 i, j, k, n;
	const char			*def;

	memset(out, 0, sizeof(*out));
	p = e->pkg;
	def = p->default_language;
	if (lang == NULL || !pkg_has_lang(p, lang))
		lang = def;
	if (last_outline.gen != 0 && last_outline.db == dc->db &&
	    last_outline.a == dc->a && last_outline.e == e &&
	    last_outline.version_id == c->version_id &&
	    store_read_generation(dc->db) == last_outline.gen &&
	    strcmp(last_outline.lang, lang) == 0) {
		*out = last_outline.o;
		return (RES_OK);
	}
	if (lesson_rows(dc, c, &lr) == -1)
		return (RES_INTERNAL);
	rows = lr->rows;
	n = lr->n;
	out->course.id = c->id;
	out->course.version = c->version;
	out->course.version_id = c->version_id;
	out->course.slug = c->slug;
	out->course.default_language = c->default_language;
	out->title = pkg_text(&p->title, lang, def);
	out->lang = lang;
	out->required_all = p->required_all;
	out->quizzes_graded = p->quizzes_graded;
	out->modules = arena_alloc(dc->a, (p->nmodules + 1) *
	    sizeof(*out->modules));
	out->lessons = arena_alloc(dc->a, (n + 1) * sizeof(*out->lessons));
	out->quizzes = arena_alloc(dc->a, (p->nmodules + 1) *
	    sizeof(*out->quizzes));
	for (i = 0; i < p->nmodules; i++) {
		m = &p->modules[i];
		out->modules[i].id = m->id;
		out->modules[i].track = m->track;
		out->modules[i].title = pkg_text(&m->title, lang, def);
		out->modules[i].first = out->nlessons;
		for (j = 0; j < m->nlessons; j++) {
			l = &m->lessons[j];
			/* Rows come by position, which is course order. */
			k = out->nlessons;
			if (k >= n || strcmp(rows[k].key, l->id) != 0)
				for (k = 0; k < n; k++)
					if (strcmp(rows[k].key, l->id) == 0)
						break;
			if (k == n)
				return (RES_INTERNAL);
			ol = &out->lessons[out->nlessons++];
			ol->id = rows[k].id;
			ol->key = l->id;
			ol->module = m->id;
			ol->title = pkg_text(&l->title, lang, def);
			ol->minutes = l->minutes;
			ol->required = (int)rows[k].required;
		}
		out->modules[i].nlessons = out->nlessons -
		    out->modules[i].first;
		if (m->quiz != NULL) {
			out->modules[i].quiz_id = m->quiz->id;
			out->quizzes[out->nquizzes].id = m->quiz->id;
			out->quizzes[out->nquizzes].module = m->id;
			out->quizzes[out->nquizzes].title =
			    pkg_text(&m->quiz->title, lang, def);
			out->quizzes[out->nquizzes].graded =
			    p->quizzes_graded && m->quiz->graded;
			out->nquizzes++;
		}
	}
	out->nmodules = p->nmodules;
	last_outline.db = dc->db;
	last_outline.a = dc->a;
	last_outline.gen = store_read_generation(dc->db);
	last_outline.e = e;
	last_outline.version_id = c->version_id;
	last_outline.o = *out;
	if ((size_t)snprintf(last_outline.lang, sizeof(last_outline.lang), "%s",
	    lang) >= sizeof(last_outline.lang))
		last_outline.gen = 0;
	return (RES_OK);
}

enum result
course_lesson_ids(struct dctx *dc, const char *slug,
    struct course_lesson_id **out, size_t *n)
{
	struct course_outline	o;
	enum result		r;
	size_t			i;

	*out = NULL;
	*n = 0;
	if ((r = course_outline(dc, slug, NULL, &o)) != RES_OK)
		return (r);
	*out = arena_alloc(dc->a, (o.nlessons + 1) * sizeof(**out));
	for (i = 0; i < o.nlessons; i++) {
		(*out)[i].id = o.lessons[i].id;
		(*out)[i].key = o.lessons[i].key;
		(*out)[i].module = o.lessons[i].module;
		(*out)[i].required = o.lessons[i].required;
	}
	*n = o.nlessons;
	return (RES_OK);
}

enum result
course_quiz_load(struct dctx *dc, const char *slug, const char *quiz_id,
    const char *lang, struct quiz **out)
{
	struct course_row	 c;
	struct course_cached	*e;
	const struct course_pkg	*p;
	enum result		 r;
	size_t			 i;

	*out = NULL;
	if ((r = course_get(dc, slug, &c, &e)) != RES_OK)
		return (r);
	p = e->pkg;
	if (lang == NULL || !pkg_has_lang(p, lang))
		lang = p->default_language;
	for (i = 0; i < p->nmodules; i++) {
		if (p->modules[i].quiz == NULL || p->modules[i].quiz->id ==
		    NULL || strcmp(p->modules[i].quiz->id, quiz_id) != 0)
			continue;
		*out = pkg_quiz_in(dc->a, p->modules[i].quiz, lang,
		    p->default_language);
		if (!p->quizzes_graded)
			(*out)->graded = 0;
		return (RES_OK);
	}
	return (RES_NOT_FOUND);
}

enum result
course_lessons_tagged(struct dctx *dc, const char *kind, const char *slug,
    const char *lang, struct course_tagged_lesson **out, size_t *n)
{
	struct lesson_tagged_row	*rows;
	size_t				 i;

	*out = NULL;
	*n = 0;
	if (store_lessons_tagged(dc->db, dc->a, kind, slug, lang,
	    COURSE_TAGGED_MAX, &rows, n) != STORE_OK)
		return (RES_INTERNAL);
	*out = arena_alloc(dc->a, (*n + 1) * sizeof(**out));
	for (i = 0; i < *n; i++) {
		(*out)[i].course_slug = rows[i].course_slug;
		(*out)[i].course_title = rows[i].course_title;
		(*out)[i].lesson_key = rows[i].lesson_key;
		(*out)[i].lesson_title = rows[i].lesson_title;
		(*out)[i].href = arena_printf(dc->a, "/courses/%s/lessons/%s",
		    rows[i].course_slug, rows[i].lesson_key);
	}
	return (RES_OK);
}
