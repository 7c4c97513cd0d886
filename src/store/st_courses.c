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
#define COURSE_WHERE " WHERE c.version > 0" \
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

static void	filter_bind(struct arena *, struct db_stmt *,
		    const struct course_filter *);

int
store_course_by_slug(struct db *db, struct arena *a, const char *slug,
    struct course_row *c)
{
	struct db_stmt	*s;
	int		 rc, ret;

	if ((s = db_prepare(db, "SELECT " COURSE_COLS " FROM courses"
	    " WHERE slug = $1")) == NULL)
		return (STORE_ERROR);
	db_bind_text_ref(s, 1, slug);
	rc = db_step(s);
	if (rc == DB_ROW) {
		c->id = db_col_int(s, 0);
		c->slug = st_text(a, s, 1);
		c->version = db_col_int(s, 2);
		c->version_id = db_col_int(s, 3);
		c->digest = st_text(a, s, 4);
		c->default_language = st_text(a, s, 5);
		c->languages = st_text(a, s, 6);
		c->level = st_text(a, s, 7);
		c->minutes = db_col_int(s, 8);
		c->updated_at = db_col_int(s, 9);
		ret = STORE_OK;
	} else
		ret = rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
	db_reset(s);
	return (ret);
}

int
store_course_insert(struct db *db, const char *slug, int64_t now,
    int64_t *id)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO courses (slug, default_language,"
	    " languages, level, created_at, updated_at) VALUES ($1, '', '',"
	    " '', $2, $2) RETURNING id")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, slug);
	db_bind_int(s, 2, now);
	return (st_int(s, id));
}

int
store_course_set_current(struct db *db, const struct course_row *c,
    int64_t now)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "UPDATE courses SET version = $1,"
	    " version_id = $2, digest = $3, default_language = $4,"
	    " languages = $5, level = $6, minutes = $7, updated_at = $8"
	    " WHERE id = $9")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, c->version);
	db_bind_int(s, 2, c->version_id);
	db_bind_text(s, 3, c->digest);
	db_bind_text(s, 4, c->default_language);
	db_bind_text(s, 5, c->languages);
	db_bind_text(s, 6, c->level);
	db_bind_int(s, 7, c->minutes);
	db_bind_int(s, 8, now);
	db_bind_int(s, 9, c->id);
	return (st_run(s));
}

int
store_course_version_insert(struct db *db, int64_t course_id,
    int64_t version, const char *digest, int64_t created_by,
    const char *note, int64_t now, int64_t *version_id)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO course_versions (course_id,"
	    " version, created_at, created_by, note, digest) VALUES ($1, $2,"
	    " $3, $4, $5, $6) RETURNING id")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_int(s, 2, version);
	db_bind_int(s, 3, now);
	if (created_by > 0)
		db_bind_int(s, 4, created_by);
	else
		db_bind_null(s, 4);
	db_bind_text(s, 5, note != NULL ? note : "");
	db_bind_text(s, 6, digest);
	return (st_int(s, version_id));
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
	const void	*p;
	int		 rc, ret;

	if ((s = db_prepare(db, "SELECT data FROM course_blobs"
	    " WHERE hash = $1")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, hash);
	rc = db_step(s);
	if (rc == DB_ROW) {
		p = db_col_blob(s, 0, len);
		*data = arena_strndup(a, p != NULL ? p : "", p != NULL ?
		    *len : 0);
		ret = STORE_OK;
	} else
		ret = rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
	db_reset(s);
	return (ret);
}

int
store_course_file_add(struct db *db, int64_t version_id, const char *path,
    const char *hash)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO course_files (version_id, path,"
	    " hash) VALUES ($1, $2, $3)")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, version_id);
	db_bind_text(s, 2, path);
	db_bind_text(s, 3, hash);
	return (st_run(s));
}

int
store_course_files(struct db *db, struct arena *a, int64_t version_id,
    int with_text, struct course_file_row **rows, size_t *n)
{
	struct db_stmt		*s;
	struct course_file_row	*r, *nr;
	const void		*p;
	size_t			 cap, len;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT f.path, f.hash, CASE WHEN $2 = 1 AND"
	    " (f.path LIKE '%.md' OR f.path LIKE '%.yaml' OR f.path LIKE"
	    " '%.yml' OR f.path LIKE '%.vtt') THEN b.data ELSE NULL END"
	    " FROM course_files f JOIN course_blobs b ON b.hash = f.hash"
	    " WHERE f.version_id = $1 ORDER BY f.path")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, version_id);
	db_bind_int(s, 2, with_text ? 1 : 0);
	cap = 0;
	r = NULL;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			nr = arena_alloc(a, cap * sizeof(*nr));
			if (*n > 0)
				memcpy(nr, r, *n * sizeof(*nr));
			r = nr;
		}
		r[*n].path = st_text(a, s, 0);
		r[*n].hash = st_text(a, s, 1);
		if (!db_col_isnull(s, 2)) {
			p = db_col_blob(s, 2, &len);
			r[*n].data = arena_strndup(a, p != NULL ? p : "",
			    p != NULL ? len : 0);
			r[*n].len = p != NULL ? len : 0;
		}
		(*n)++;
	}
	db_reset(s);
	*rows = r;
	return (rc == DB_DONE ? STORE_OK : STORE_ERROR);
}

int
store_course_media(struct db *db, struct arena *a, const char *slug,
    const char *path, char **data, size_t *len, char **hash)
{
	struct db_stmt	*s;
	const void	*p;
	int		 rc, ret;

	if ((s = db_prepare(db, "SELECT b.hash, b.data FROM courses c"
	    " JOIN course_files f ON f.version_id = c.version_id"
	    " JOIN course_blobs b ON b.hash = f.hash"
	    " WHERE c.slug = $1 AND f.path = $2")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, slug);
	db_bind_text(s, 2, path);
	rc = db_step(s);
	if (rc == DB_ROW) {
		*hash = st_text(a, s, 0);
		p = db_col_blob(s, 1, len);
		if (p == NULL)
			*len = 0;
		*data = arena_strndup(a, p != NULL ? p : "", *len);
		ret = STORE_OK;
	} else
		ret = rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
	db_reset(s);
	return (ret);
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
		if ((s = db_prepare(db, sql[i])) == NULL)
			return (STORE_ERROR);
		db_bind_int(s, 1, course_id);
		if (st_run(s) != STORE_OK)
			return (STORE_ERROR);
	}
	return (STORE_OK);
}

int
store_course_text_add(struct db *db, int64_t course_id, const char *lang,
    const char *title, const char *summary)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO course_texts (course_id, lang,"
	    " title, summary) VALUES ($1, $2, $3, $4)")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_text(s, 2, lang);
	db_bind_text(s, 3, title);
	db_bind_text(s, 4, summary);
	return (st_run(s));
}

int
store_course_tag_add(struct db *db, int64_t course_id, const char *kind,
    const char *slug)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO course_tags (course_id, kind,"
	    " slug) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, slug);
	return (st_run(s));
}

int
store_course_author_add(struct db *db, int64_t course_id, int position,
    const char *name, const char *email)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO course_authors (course_id,"
	    " position, name, email) VALUES ($1, $2, $3, $4)")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_int(s, 2, position);
	db_bind_text(s, 3, name);
	db_bind_text(s, 4, email != NULL ? email : "");
	return (st_run(s));
}

int
store_course_lesson_put(struct db *db, int64_t course_id, const char *key,
    const char *module, int position, int required, int minutes,
    int64_t *id)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO course_lessons (course_id,"
	    " lesson_key, module_key, position, required, minutes, active)"
	    " VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (course_id,"
	    " lesson_key) DO UPDATE SET module_key = excluded.module_key,"
	    " position = excluded.position, required = excluded.required,"
	    " minutes = excluded.minutes, active = 1 RETURNING id")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_text(s, 2, key);
	db_bind_text(s, 3, module);
	db_bind_int(s, 4, position);
	db_bind_int(s, 5, required);
	db_bind_int(s, 6, minutes);
	return (st_int(s, id));
}

int
store_course_quiz_put(struct db *db, int64_t course_id, const char *key,
    const char *module, const char *path, int graded)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO course_quizzes (course_id,"
	    " quiz_key, module_key, path, graded, active) VALUES ($1, $2, $3,"
	    " $4, $5, 1) ON CONFLICT (course_id, quiz_key) DO UPDATE SET"
	    " module_key = excluded.module_key, path = excluded.path,"
	    " graded = excluded.graded, active = 1")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_text(s, 2, key);
	db_bind_text(s, 3, module);
	db_bind_text(s, 4, path);
	db_bind_int(s, 5, graded);
	return (st_run(s));
}

int
store_course_lessons(struct db *db, struct arena *a, int64_t course_id,
    struct course_lesson_row **rows, size_t *n)
{
	struct db_stmt			*s;
	struct course_lesson_row	*r, *nr;
	size_t				 cap;
	int				 rc;

	*rows = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT id, lesson_key, module_key, required,"
	    " minutes FROM course_lessons WHERE course_id = $1 AND active = 1"
	    " ORDER BY position")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	cap = 0;
	r = NULL;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			nr = arena_alloc(a, cap * sizeof(*nr));
			if (*n > 0)
				memcpy(nr, r, *n * sizeof(*nr));
			r = nr;
		}
		r[*n].id = db_col_int(s, 0);
		r[*n].key = st_text(a, s, 1);
		r[*n].module = st_text(a, s, 2);
		r[*n].required = db_col_int(s, 3);
		r[*n].minutes = db_col_int(s, 4);
		(*n)++;
	}
	db_reset(s);
	*rows = r;
	return (rc == DB_DONE ? STORE_OK : STORE_ERROR);
}

int
store_course_author_check(struct db *db, int64_t course_id,
    const char *email)
{
	struct db_stmt	*s;
	int64_t		 n;

	if ((s = db_prepare(db, "SELECT COUNT(*) FROM course_authors"
	    " WHERE course_id = $1 AND email = $2 AND email <> ''")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_text(s, 2, email);
	if (st_int(s, &n) != STORE_OK)
		return (STORE_ERROR);
	return (n > 0 ? STORE_OK : STORE_NOT_FOUND);
}

static void
filter_bind(struct arena *a, struct db_stmt *s, const struct course_filter *f)
{
	db_bind_text(s, 1, f->principle);
	db_bind_text(s, 2, f->policy_area);
	db_bind_text(s, 3, f->track);
	db_bind_text(s, 4, f->lang);
	db_bind_text(s, 5, f->level);
	db_bind_text(s, 6, f->q != NULL && *f->q != '\0' ?
	    st_like_pattern(a, f->q) : NULL);
}

int
store_course_search(struct db *db, struct arena *a,
    const struct course_filter *f, const char *ui_lang, int64_t offset,
    int64_t limit, struct course_list_row **rows, size_t *n, int64_t *total)
{
	struct db_stmt		*s;
	struct course_list_row	*r;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT COUNT(*) FROM courses c"
	    COURSE_WHERE)) == NULL)
		return (STORE_ERROR);
	filter_bind(a, s, f);
	if (st_int(s, total) != STORE_OK)
		return (STORE_ERROR);
	if ((s = db_prepare(db, "SELECT c.id, c.slug, c.level, c.minutes,"
	    " c.languages, COALESCE(u.title, d.title, c.slug),"
	    " COALESCE(u.summary, d.summary, '') FROM courses c"
	    " LEFT JOIN course_texts d ON d.course_id = c.id"
	    " AND d.lang = c.default_language"
	    " LEFT JOIN course_texts u ON u.course_id = c.id AND u.lang = $7"
	    COURSE_WHERE " ORDER BY COALESCE(u.title, d.title, c.slug), c.id"
	    " LIMIT $8 OFFSET $9")) == NULL)
		return (STORE_ERROR);
	filter_bind(a, s, f);
	db_bind_text(s, 7, ui_lang != NULL ? ui_lang : "");
	db_bind_int(s, 8, limit);
	db_bind_int(s, 9, offset);
	r = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof(*r));
	while ((rc = db_step(s)) == DB_ROW && *n < (size_t)limit) {
		r[*n].id = db_col_int(s, 0);
		r[*n].slug = st_text(a, s, 1);
		r[*n].level = st_text(a, s, 2);
		r[*n].minutes = db_col_int(s, 3);
		r[*n].languages = st_text(a, s, 4);
		r[*n].title = st_text(a, s, 5);
		r[*n].summary = st_text(a, s, 6);
		(*n)++;
	}
	db_reset(s);
	*rows = r;
	return (rc == DB_DONE || rc == DB_ROW ? STORE_OK : STORE_ERROR);
}

int
store_course_facets(struct db *db, struct arena *a,
    const struct course_filter *f, const char *kind,
    struct course_facet_row **rows, size_t *n)
{
	struct db_stmt		*s;
	struct course_facet_row	*r, *nr;
	size_t			 cap;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT g.slug, COUNT(*) FROM courses c"
	    " JOIN course_tags g ON g.course_id = c.id AND g.kind = $7"
	    COURSE_WHERE " GROUP BY g.slug")) == NULL)
		return (STORE_ERROR);
	filter_bind(a, s, f);
	db_bind_text(s, 7, kind);
	cap = 0;
	r = NULL;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			nr = arena_alloc(a, cap * sizeof(*nr));
			if (*n > 0)
				memcpy(nr, r, *n * sizeof(*nr));
			r = nr;
		}
		r[*n].slug = st_text(a, s, 0);
		r[*n].count = db_col_int(s, 1);
		(*n)++;
	}
	db_reset(s);
	*rows = r;
	return (rc == DB_DONE ? STORE_OK : STORE_ERROR);
}

int
store_lesson_tag_add(struct db *db, int64_t course_id, int64_t lesson_id,
    const char *kind, const char *slug)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO lesson_tags (course_id,"
	    " lesson_id, kind, slug) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT DO NOTHING")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_int(s, 2, lesson_id);
	db_bind_text(s, 3, kind);
	db_bind_text(s, 4, slug);
	return (st_run(s));
}

int
store_lesson_text_add(struct db *db, int64_t course_id, int64_t lesson_id,
    const char *lang, const char *title)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO lesson_texts (course_id,"
	    " lesson_id, lang, title) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT DO NOTHING")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_int(s, 2, lesson_id);
	db_bind_text(s, 3, lang);
	db_bind_text(s, 4, title);
	return (st_run(s));
}

int
store_lessons_tagged(struct db *db, struct arena *a, const char *kind,
    const char *slug, const char *lang, int64_t limit,
    struct lesson_tagged_row **rows, size_t *n)
{
	struct db_stmt			*s;
	struct lesson_tagged_row	*r, *nr;
	size_t				 cap = 0;
	int				 rc;

	*rows = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT co.slug, l.lesson_key,"
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
	    " ORDER BY co.slug, l.position LIMIT $4")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, kind);
	db_bind_text(s, 2, slug);
	db_bind_text(s, 3, lang != NULL ? lang : "");
	db_bind_int(s, 4, limit);
	r = NULL;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			nr = arena_alloc(a, cap * sizeof(*nr));
			if (*n > 0)
				memcpy(nr, r, *n * sizeof(*nr));
			r = nr;
		}
		r[*n].course_slug = st_text(a, s, 0);
		r[*n].lesson_key = st_text(a, s, 1);
		r[*n].course_title = st_text(a, s, 2);
		r[*n].lesson_title = st_text(a, s, 3);
		(*n)++;
	}
	db_reset(s);
	*rows = r;
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

int
store_catalog_courses(struct db *db, struct arena *a,
    struct course_row **rows, size_t *n)
{
	struct db_stmt		*s;
	struct course_row	*r, *nr;
	size_t			 cap = 0;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT " COURSE_COLS " FROM courses"
	    " WHERE version > 0 ORDER BY id")) == NULL)
		return (STORE_ERROR);
	r = NULL;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			nr = arena_alloc(a, cap * sizeof(*nr));
			if (*n > 0)
				memcpy(nr, r, *n * sizeof(*nr));
			r = nr;
		}
		r[*n].id = db_col_int(s, 0);
		r[*n].slug = st_text(a, s, 1);
		r[*n].version = db_col_int(s, 2);
		r[*n].version_id = db_col_int(s, 3);
		r[*n].digest = st_text(a, s, 4);
		r[*n].default_language = st_text(a, s, 5);
		r[*n].languages = st_text(a, s, 6);
		r[*n].level = st_text(a, s, 7);
		r[*n].minutes = db_col_int(s, 8);
		r[*n].updated_at = db_col_int(s, 9);
		(*n)++;
	}
	db_reset(s);
	*rows = r;
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

int
store_catalog_texts(struct db *db, struct arena *a,
    struct course_text_row **rows, size_t *n)
{
	struct db_stmt		*s;
	struct course_text_row	*r, *nr;
	size_t			 cap = 0;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT x.course_id, x.lang, x.title,"
	    " x.summary FROM course_texts x JOIN courses c ON c.id ="
	    " x.course_id AND c.version > 0 ORDER BY x.course_id, x.lang"))
	    == NULL)
		return (STORE_ERROR);
	r = NULL;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			nr = arena_alloc(a, cap * sizeof(*nr));
			if (*n > 0)
				memcpy(nr, r, *n * sizeof(*nr));
			r = nr;
		}
		r[*n].course_id = db_col_int(s, 0);
		r[*n].lang = st_text(a, s, 1);
		r[*n].title = st_text(a, s, 2);
		r[*n].summary = st_text(a, s, 3);
		(*n)++;
	}
	db_reset(s);
	*rows = r;
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

int
store_catalog_tags(struct db *db, struct arena *a,
    struct course_tag_row **rows, size_t *n)
{
	struct db_stmt		*s;
	struct course_tag_row	*r, *nr;
	size_t			 cap = 0;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT t.course_id, t.kind, t.slug"
	    " FROM course_tags t JOIN courses c ON c.id = t.course_id"
	    " AND c.version > 0 WHERE t.kind IN ('principle', 'policy_area',"
	    " 'track', 'lang', 'level') ORDER BY t.course_id, t.kind, t.slug"))
	    == NULL)
		return (STORE_ERROR);
	r = NULL;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			nr = arena_alloc(a, cap * sizeof(*nr));
			if (*n > 0)
				memcpy(nr, r, *n * sizeof(*nr));
			r = nr;
		}
		r[*n].course_id = db_col_int(s, 0);
		r[*n].kind = st_text(a, s, 1);
		r[*n].slug = st_text(a, s, 2);
		(*n)++;
	}
	db_reset(s);
	*rows = r;
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}
