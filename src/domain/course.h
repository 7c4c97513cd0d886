/*
 * course.h: courses as learners, authors and the other features see them:
 * import/export of course packages, versions, the catalog, the course and
 * lesson pages, media, and the outline other features build on.
 *
 * STABLE (other features rely on these; only add fields):
 *   struct course_outline and its parts, course_outline(),
 *   course_lesson_ids(), course_quiz_load(), course_find().
 * Everything else here may change with the course pages.
 *
 * All returned memory belongs to dc->a. Functions need no transaction
 * from the caller; those that write run their own.
 */
#ifndef ETHICA_COURSE_H
#define ETHICA_COURSE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"

struct quiz;
struct course_pkg;
struct pkg_errors;

/* ---- stable: what progress, quizzes and certificates need ---- */

struct course_ref {
	int64_t		 id;		/* courses.id */
	int64_t		 version;	/* current version number (1, 2, ...) */
	int64_t		 version_id;	/* course_versions.id */
	const char	*slug;
	const char	*default_language;
};

struct course_outline_lesson {
	int64_t		 id;		/* stable course_lessons.id */
	const char	*key;		/* manifest lesson id ("what-is-ai") */
	const char	*module;	/* manifest module id ("m01") */
	const char	*title;		/* asked language, else default */
	int		 minutes;
	int		 required;	/* needed for completion (rule applied) */
};

struct course_outline_quiz {
	const char	*id;		/* quiz id ("m01-quiz") */
	const char	*module;	/* module the quiz belongs to */
	const char	*title;
	int		 graded;	/* must be passed for completion */
};

struct course_outline_module {
	const char	*id;
	const char	*track;
	const char	*title;
	size_t		 first;		/* index of its first lesson */
	size_t		 nlessons;
	const char	*quiz_id;	/* NULL when the module has no quiz */
};

struct course_outline {
	struct course_ref		 course;
	const char			*title;
	const char			*lang;	/* language of the texts */
	int				 required_all;	/* rule "all" */
	int				 quizzes_graded; /* graded quizzes count */
	struct course_outline_module	*modules;
	size_t				 nmodules;
	struct course_outline_lesson	*lessons;	/* course order */
	size_t				 nlessons;
	struct course_outline_quiz	*quizzes;	/* course order */
	size_t				 nquizzes;
};

/*
 * Finds the course by slug (current version). RES_NOT_FOUND when there is
 * no such course; RES_INTERNAL on storage errors.
 */
enum result	 course_find(struct dctx *, const char *slug,
		    struct course_ref *out);

/*
 * The current version's modules, lessons (with their stable ids and
 * required flags, the completion rule applied) and quizzes (with their
 * graded flags), titles in lang (NULL or missing: the default language).
 * Removed lessons (in older versions only) are not listed. RES_NOT_FOUND,
 * RES_INTERNAL.
 */
enum result	 course_outline(struct dctx *, const char *slug,
		    const char *lang, struct course_outline *out);

struct course_lesson_id {
	int64_t		 id;		/* stable course_lessons.id */
	const char	*key;
	const char	*module;
	int		 required;
};

/*
 * The lessons of the current version in course order: stable id, key,
 * module and required flag. *out is arena memory.
 */
enum result	 course_lesson_ids(struct dctx *, const char *slug,
		    struct course_lesson_id **out, size_t *n);

/*
 * The quiz quiz_id of the current version of the course, with its texts in
 * lang (falls back to the course's default language when lang is NULL or
 * not a course language). *out and its strings are arena memory.
 * RES_NOT_FOUND for an unknown course or quiz, RES_INTERNAL otherwise.
 */
enum result	 course_quiz_load(struct dctx *, const char *course_slug,
		    const char *quiz_id, const char *lang, struct quiz **out);

/* ---- lessons by the Recommendation's tags ---- */

struct course_tagged_lesson {
	const char	*course_slug;
	const char	*course_title;	/* lang, else the course default */
	const char	*lesson_key;
	const char	*lesson_title;	/* lang, else the course default */
	const char	*href;		/* /courses/SLUG/lessons/KEY */
};

#define COURSE_TAGGED_MAX	200

/*
 * The lessons of current course versions tagged with kind ("principle"
 * or "policy_area"; the manifest's per-lesson lists) and slug, by course
 * and lesson order, at most COURSE_TAGGED_MAX. One query. Public data.
 * RES_INTERNAL on storage errors.
 */
enum result	 course_lessons_tagged(struct dctx *, const char *kind,
		    const char *slug, const char *lang,
		    struct course_tagged_lesson **out, size_t *n);

/* ---- import, export, versions ---- */

/*
 * Validates the package in folder dir and, when it is valid, stores it as
 * a new version (one transaction). Problems are appended to errs as
 * "file:line: message" and RES_INVALID returned, nothing written (this
 * includes a malformed ::case[slug] directive or one naming no published
 * case: case_ref.h). The new version records each lesson's titles,
 * principle and policy-area tags and the cases it embeds. When
 * the package equals the current version nothing is written and *version
 * is the current one, *changed 0. by_cli skips the permission check
 * (operator); otherwise the actor must be an admin or a listed author.
 */
enum result	 course_import_dir(struct dctx *, const char *dir,
		    int by_cli, struct pkg_errors *errs, const char **slug,
		    int64_t *version, int *changed);

/*
 * Writes the current version's files under dir (created if needed).
 * RES_NOT_FOUND, RES_INTERNAL (with a message in err).
 */
enum result	 course_export_dir(struct dctx *, const char *slug,
		    const char *dir, char *err, size_t errlen);

#endif
