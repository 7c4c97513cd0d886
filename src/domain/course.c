/*
 * course.c: reading a course's current version for the other features:
 * finding it, its outline (course_cache.c keeps it), its lesson ids,
 * one of its quizzes, and the lessons tagged with a principle or policy
 * area. Storing versions is course_version.c, import and export
 * course_import.c and course_export.c.
 *
 * Never: SQL (store only), Kore headers, a write.
 */
#include <string.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/package.h"
#include "domain/quiz.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "store/store.h"

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

	return (course_outline_get(dc, slug, lang, out, &c, &e));
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

