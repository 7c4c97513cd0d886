/*
 * st_courses.c: the SQL of the course tables (see st_courses.h). It moves
 * values only; the domain decides what a package means. The catalog
 * filters share one WHERE text so the list, its total and the facet
 * counts always agree.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_courses.h"
#include "store/st_util.h"
#include "store/store.h"

#define COURSE_COLS "id, slug, version, version_id, digest, " \
	"default_language, languages, level, minutes, updated_at"

/*
 * Catalog filter on courses c: $1..$6 principle, policy area, track,
 * language, level, text pattern; NULL means "any".
 */
#define COURSE_WHERE " WHERE c.version > 0 AND c.archived_at = 0" \
	" AND (CAST($1 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM course_tags" \
	" t WHERE t.course_id = c.id AND t.kind = 'principle'" \
	" AND t.slug = $1))" \
	" AND (CAST($2 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM course_tags" \
	" t WHERE t.course_id = c.id AND t.kind = 'policy_area'" \
	" AND t.slug = $2))" \
	" AND (CAST($3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM course_tags" \
	" t WHERE t.course_id = c.id AND t.kind = 'track' AND t.slug = $3))" \
	" AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM course_tags" \
	" t WHERE t.course_id = c.id AND t.kind = 'lang' AND t.slug = $4))" \
	" AND (CAST($5 AS TEXT) IS NULL OR c.level = $5)" \
	" AND (CAST($6 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM course_texts" \
	" x WHERE x.course_id = c.id AND (lower(x.title) LIKE $6 ESCAPE '!'" \
	" OR lower(x.summary) LIKE $6 ESCAPE '!')))"

/* The hash and data of a blob, read as columns 0 and 1. */
struct blob {
	char	*hash;
	char	*data;
	size_t	 len;
};

static void	filter_args(struct arena *, const struct course_filter *,
		    struct st_arg *);
static void	blob_read(struct arena *, struct db_stmt *, void *);
static void	file_read(struct arena *, struct db_stmt *, void *);

/* COURSE_COLS into a course_row. */
static const struct st_col course_cols[] = {
	ST_COL(struct course_row, id),
	ST_COL(struct course_row, slug),
	ST_COL(struct course_row, version),
	ST_COL(struct course_row, version_id),
	ST_COL(struct course_row, digest),
	ST_COL(struct course_row, default_language),
	ST_COL(struct course_row, languages),
	ST_COL(struct course_row, level),
	ST_COL(struct course_row, minutes),
	ST_COL(struct course_row, updated_at)
};

/* hash, data (a NULL data reads as "", length 0). */
static void
blob_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct blob	*b = p;
	const void	*d;

	b->hash = st_text(a, s, 0);
	if ((d = db_col_blob(s, 1, &b->len)) == NULL)
		b->len = 0;
	b->data = arena_strndup(a, d != NULL ? d : "", b->len);
}

int
store_course_by_slug(struct db *db, struct arena *a, const char *slug,
    struct course_row *c)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "SELECT " COURSE_COLS " FROM courses"
	    " WHERE slug = $1")) != NULL)
		db_bind_text_ref(s, 1, slug);
	return (ST_ROW_COLS(a, s, course_cols, c));
}

int
store_course_insert(struct db *db, const char *slug, int64_t now,
    int64_t *id)
{
	return (st_int(ST_PREP(db, "INSERT INTO courses (slug,"
	    " default_language, languages, level, created_at, updated_at)"
	    " VALUES ($1, '', '', '', $2, $2) RETURNING id", st_t(slug),
	    st_i(now)), id));
}

int
store_course_set_current(struct db *db, const struct course_row *c,
    int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE courses SET version = $1,"
	    " version_id = $2, digest = $3, default_language = $4,"
	    " languages = $5, level = $6, minutes = $7, updated_at = $8"
	    " WHERE id = $9", st_i(c->version), st_i(c->version_id),
	    st_t(c->digest), st_t(c->default_language), st_t(c->languages),
	    st_t(c->level), st_i(c->minutes), st_i(now), st_i(c->id))));
}

int
store_course_version_insert(struct db *db, int64_t course_id,
    int64_t version, const char *digest, int64_t created_by,
    const char *note, int64_t now, int64_t *version_id)
{
	return (st_int(ST_PREP(db, "INSERT INTO course_versions (course_id,"
	    " version, created_at, created_by, note, digest) VALUES ($1, $2,"
	    " $3, $4, $5, $6) RETURNING id", st_i(course_id), st_i(version),
	    st_i(now), st_opt(created_by), st_t(note != NULL ? note : ""),
	    st_t(digest)), version_id));
}

int
store_course_blob_put(struct db *db, const char *hash, const void *data,
    size_t len)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO course_blobs (hash, size, data)"
	    " VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, (int64_t)len);
	db_bind_blob(s, 3, len > 0 ? data : "", len);
	return (st_run(s));
}

int
store_course_blob_get(struct db *db, struct arena *a, const char *hash,
    char **data, size_t *len)
{
	struct db_stmt	*s;
	struct blob	 b;
	int		 rc;

	s = ST_PREP(db, "SELECT hash, data FROM course_blobs"
	    " WHERE hash = $1", st_t(hash));
	if ((rc = st_row(a, s, blob_read, &b)) == STORE_OK) {
		*data = b.data;
		*len = b.len;
	}
	return (rc);
}

int
store_course_file_add(struct db *db, int64_t version_id, const char *path,
    const char *hash)
{
	return (st_run(ST_PREP(db, "INSERT INTO course_files (version_id, path,"
	    " hash) VALUES ($1, $2, $3)", st_i(version_id), st_t(path),
	    st_t(hash))));
}

int
store_course_files(struct db *db, struct arena *a, int64_t version_id,
    int with_text, struct course_file_row **rows, size_t *n)
{
	return (ST_ROWS(a, ST_PREP(db, "SELECT f.path, f.hash, CASE WHEN $2 = 1"
	    " AND (f.path LIKE '%.md' OR f.path LIKE '%.yaml' OR f.path LIKE"
	    " '%.yml' OR f.path LIKE '%.vtt') THEN b.data ELSE NULL END FROM"
	    " course_files f JOIN course_blobs b ON b.hash = f.hash WHERE"
	    " f.version_id = $1 ORDER BY f.path", st_i(version_id),
	    st_i(with_text ? 1 : 0)), file_read, rows, n));
}

/* path, hash, data or NULL (left NULL). */
static void
file_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct course_file_row	*r = p;
	const void		*d;

	r->path = st_text(a, s, 0);
	r->hash = st_text(a, s, 1);
	if (!db_col_isnull(s, 2)) {
		if ((d = db_col_blob(s, 2, &r->len)) == NULL)
			r->len = 0;
		r->data = arena_strndup(a, d != NULL ? d : "", r->len);
	}
}

int
store_course_media(struct db *db, struct arena *a, const char *slug,
    const char *path, char **data, size_t *len, char **hash)
{
	struct db_stmt	*s;
	struct blob	 b;
	int		 rc;

	s = ST_PREP(db, "SELECT b.hash, b.data FROM courses c"
	    " JOIN course_files f ON f.version_id = c.version_id"
	    " JOIN course_blobs b ON b.hash = f.hash"
	    " WHERE c.slug = $1 AND f.path = $2", st_t(slug), st_t(path));
	if ((rc = st_row(a, s, blob_read, &b)) == STORE_OK) {
		*hash = b.hash;
		*data = b.data;
		*len = b.len;
	}
	return (rc);
}

int
store_course_clear_current(struct db *db, int64_t course_id)
{
	static const char *const sql[] = {
		"DELETE FROM course_texts WHERE course_id = $1",
		"DELETE FROM course_tags WHERE course_id = $1",
		"DELETE FROM course_authors WHERE course_id = $1",
		"DELETE FROM lesson_tags WHERE course_id = $1",
		"DELETE FROM lesson_texts WHERE course_id = $1",
		"UPDATE course_lessons SET active = 0 WHERE course_id = $1",
		"UPDATE course_quizzes SET active = 0 WHERE course_id = $1",
	};
	struct db_stmt	*s;
	size_t		 i;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		s = ST_PREP(db, sql[i], st_i(course_id));
		if (st_run(s) != STORE_OK)
			return (STORE_ERROR);
	}
	return (STORE_OK);
}

int
store_course_text_add(struct db *db, int64_t course_id, const char *lang,
    const char *title, const char *summary)
{
	return (st_run(ST_PREP(db, "INSERT INTO course_texts (course_id, lang,"
	    " title, summary) VALUES ($1, $2, $3, $4)", st_i(course_id),
	    st_t(lang), st_t(title), st_t(summary))));
}

int
store_course_tag_add(struct db *db, int64_t course_id, const char *kind,
    const char *slug)
{
	return (st_run(ST_PREP(db, "INSERT INTO course_tags (course_id, kind,"
	    " slug) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
	    st_i(course_id), st_t(kind), st_t(slug))));
}

int
store_course_author_add(struct db *db, int64_t course_id, int position,
    const char *name, const char *email)
{
	return (st_run(ST_PREP(db, "INSERT INTO course_authors (course_id,"
	    " position, name, email) VALUES ($1, $2, $3, $4)", st_i(course_id),
	    st_i(position), st_t(name), st_t(email != NULL ? email : ""))));
}

int
store_course_lesson_put(struct db *db, int64_t course_id, const char *key,
    const char *module, int position, int required, int minutes,
    int64_t *id)
{
	return (st_int(ST_PREP(db, "INSERT INTO course_lessons (course_id,"
	    " lesson_key, module_key, position, required, minutes, active)"
	    " VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (course_id,"
	    " lesson_key) DO UPDATE SET module_key = excluded.module_key,"
	    " position = excluded.position, required = excluded.required,"
	    " minutes = excluded.minutes, active = 1 RETURNING id",
	    st_i(course_id), st_t(key), st_t(module), st_i(position),
	    st_i(required), st_i(minutes)), id));
}

int
store_course_quiz_put(struct db *db, int64_t course_id, const char *key,
    const char *module, const char *path, int graded)
{
	return (st_run(ST_PREP(db, "INSERT INTO course_quizzes (course_id,"
	    " quiz_key, module_key, path, graded, active) VALUES ($1, $2, $3,"
	    " $4, $5, 1) ON CONFLICT (course_id, quiz_key) DO UPDATE SET"
	    " module_key = excluded.module_key, path = excluded.path,"
	    " graded = excluded.graded, active = 1", st_i(course_id), st_t(key),
	    st_t(module), st_t(path), st_i(graded))));
}

static const struct st_col lesson_cols[] = {
	ST_COL(struct course_lesson_row, id),
	ST_COL(struct course_lesson_row, key),
	ST_COL(struct course_lesson_row, module),
	ST_COL(struct course_lesson_row, required),
	ST_COL(struct course_lesson_row, minutes)
};

int
store_course_lessons(struct db *db, struct arena *a, int64_t course_id,
    struct course_lesson_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT id, lesson_key, module_key,"
	    " required, minutes FROM course_lessons WHERE course_id = $1 AND"
	    " active = 1 ORDER BY position", st_i(course_id)), lesson_cols,
	    rows, n));
}

int
store_course_author_check(struct db *db, int64_t course_id,
    const char *email)
{
	struct db_stmt	*s;
	int64_t		 n;

	s = ST_PREP(db, "SELECT COUNT(*) FROM course_authors"
	    " WHERE course_id = $1 AND email = $2 AND email <> ''",
	    st_i(course_id), st_t(email));
	if (st_int(s, &n) != STORE_OK)
		return (STORE_ERROR);
	return (n > 0 ? STORE_OK : STORE_NOT_FOUND);
}

/* The values of COURSE_WHERE's $1..$6 into args[0..5]. */
static void
filter_args(struct arena *a, const struct course_filter *f,
    struct st_arg *args)
{
	args[0] = st_t(f->principle);
	args[1] = st_t(f->policy_area);
	args[2] = st_t(f->track);
	args[3] = st_t(f->lang);
	args[4] = st_t(f->level);
	args[5] = st_t(f->q != NULL && *f->q != '\0' ?
	    st_like_pattern(a, f->q) : NULL);
}

static const struct st_col list_cols[] = {
	ST_COL(struct course_list_row, id),
	ST_COL(struct course_list_row, slug),
	ST_COL(struct course_list_row, level),
	ST_COL(struct course_list_row, minutes),
	ST_COL(struct course_list_row, languages),
	ST_COL(struct course_list_row, title),
	ST_COL(struct course_list_row, summary)
};

int
store_course_search(struct db *db, struct arena *a,
    const struct course_filter *f, const char *ui_lang, int64_t offset,
    int64_t limit, struct course_list_row **rows, size_t *n, int64_t *total)
{
	struct st_arg	args[9];

	*rows = NULL;
	*n = 0;
	filter_args(a, f, args);
	args[6] = st_t(ui_lang != NULL ? ui_lang : "");
	args[7] = st_i(limit);
	args[8] = st_i(offset);
	if (st_int(st_prep(db, "SELECT COUNT(*) FROM courses c" COURSE_WHERE,
	    args, 6), total) != STORE_OK)
		return (STORE_ERROR);
	return (ST_ROWS_COLS(a, st_prep(db, "SELECT c.id, c.slug, c.level,"
	    " c.minutes, c.languages, COALESCE(u.title, d.title, c.slug),"
	    " COALESCE(u.summary, d.summary, '') FROM courses c"
	    " LEFT JOIN course_texts d ON d.course_id = c.id"
	    " AND d.lang = c.default_language"
	    " LEFT JOIN course_texts u ON u.course_id = c.id AND u.lang = $7"
	    COURSE_WHERE " ORDER BY COALESCE(u.title, d.title, c.slug), c.id"
	    " LIMIT $8 OFFSET $9", args, ST_NITEMS(args)), list_cols, rows, n));
}

static const struct st_col facet_cols[] = {
	ST_COL(struct course_facet_row, slug),
	ST_COL(struct course_facet_row, count)
};

int
store_course_facets(struct db *db, struct arena *a,
    const struct course_filter *f, const char *kind,
    struct course_facet_row **rows, size_t *n)
{
	struct st_arg	args[7];

	filter_args(a, f, args);
	args[6] = st_t(kind);
	return (ST_ROWS_COLS(a, st_prep(db, "SELECT g.slug, COUNT(*)"
	    " FROM courses c JOIN course_tags g ON g.course_id = c.id"
	    " AND g.kind = $7" COURSE_WHERE " GROUP BY g.slug", args,
	    ST_NITEMS(args)),
	    facet_cols, rows, n));
}

int
store_lesson_tag_add(struct db *db, int64_t course_id, int64_t lesson_id,
    const char *kind, const char *slug)
{
	return (st_run(ST_PREP(db, "INSERT INTO lesson_tags (course_id,"
	    " lesson_id, kind, slug) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT DO NOTHING", st_i(course_id), st_i(lesson_id),
	    st_t(kind), st_t(slug))));
}

int
store_lesson_text_add(struct db *db, int64_t course_id, int64_t lesson_id,
    const char *lang, const char *title)
{
	return (st_run(ST_PREP(db, "INSERT INTO lesson_texts (course_id,"
	    " lesson_id, lang, title) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT DO NOTHING", st_i(course_id), st_i(lesson_id),
	    st_t(lang), st_t(title))));
}

static const struct st_col tagged_cols[] = {
	ST_COL(struct lesson_tagged_row, course_slug),
	ST_COL(struct lesson_tagged_row, lesson_key),
	ST_COL(struct lesson_tagged_row, course_title),
	ST_COL(struct lesson_tagged_row, lesson_title)
};

int
store_lessons_tagged(struct db *db, struct arena *a, const char *kind,
    const char *slug, const char *lang, int64_t limit,
    struct lesson_tagged_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT co.slug, l.lesson_key,"
	    " COALESCE(ct.title, cd.title, co.slug),"
	    " COALESCE(lt.title, ld.title, l.lesson_key)"
	    " FROM lesson_tags t"
	    " JOIN course_lessons l ON l.id = t.lesson_id AND l.active = 1"
	    " JOIN courses co ON co.id = t.course_id AND co.version > 0"
	    " LEFT JOIN course_texts ct ON ct.course_id = co.id"
	    " AND ct.lang = $3"
	    " LEFT JOIN course_texts cd ON cd.course_id = co.id"
	    " AND cd.lang = co.default_language"
	    " LEFT JOIN lesson_texts lt ON lt.lesson_id = l.id AND lt.lang = $3"
	    " LEFT JOIN lesson_texts ld ON ld.lesson_id = l.id"
	    " AND ld.lang = co.default_language"
	    " WHERE t.kind = $1 AND t.slug = $2"
	    " ORDER BY co.slug, l.position LIMIT $4", st_t(kind), st_t(slug),
	    st_t(lang != NULL ? lang : ""), st_i(limit)), tagged_cols, rows,
	    n));
}

static const struct st_col text_cols[] = {
	ST_COL(struct course_text_row, course_id),
	ST_COL(struct course_text_row, lang),
	ST_COL(struct course_text_row, title),
	ST_COL(struct course_text_row, summary)
};

static const struct st_col tag_cols[] = {
	ST_COL(struct course_tag_row, course_id),
	ST_COL(struct course_tag_row, kind),
	ST_COL(struct course_tag_row, slug)
};

int
store_catalog(struct db *db, struct arena *a, struct catalog_rows *r)
{
	memset(r, 0, sizeof(*r));
	if (ST_ROWS_COLS(a, db_prepare(db, "SELECT " COURSE_COLS " FROM courses"
	    " WHERE version > 0 AND archived_at = 0 ORDER BY id"), course_cols,
	    &r->courses, &r->ncourses) != STORE_OK ||
	    ST_ROWS_COLS(a, db_prepare(db, "SELECT x.course_id, x.lang,"
	    " x.title, x.summary FROM course_texts x JOIN courses c ON c.id ="
	    " x.course_id AND c.version > 0 AND c.archived_at = 0"
	    " ORDER BY x.course_id, x.lang"),
	    text_cols, &r->texts, &r->ntexts) != STORE_OK)
		return (STORE_ERROR);
	return (ST_ROWS_COLS(a, db_prepare(db, "SELECT t.course_id, t.kind,"
	    " t.slug FROM course_tags t JOIN courses c ON c.id = t.course_id"
	    " AND c.version > 0 AND c.archived_at = 0 WHERE t.kind IN"
	    " ('principle', 'policy_area', 'track', 'lang', 'level')"
	    " ORDER BY t.course_id, t.kind, t.slug"),
	    tag_cols, &r->tags, &r->ntags));
}
