/*
 * st_courses.h: the course tables of migration 0002: courses, versions
 * (immutable file snapshots over content-addressed blobs), and the tables
 * describing the current version (texts, tags, authors, stable lessons,
 * quizzes) used by the catalog and by other features; and the lesson
 * tags and titles of migration 0008.
 *
 * Return codes and memory as in store.h. Functions that write several
 * rows say so; the caller wraps them in store_begin()/store_commit().
 */
#ifndef ETHICA_ST_COURSES_H
#define ETHICA_ST_COURSES_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct course_row {
	int64_t		 id;
	char		*slug;
	int64_t		 version;
	int64_t		 version_id;
	char		*digest;
	char		*default_language;
	char		*languages;	/* "en ko" */
	char		*level;
	int64_t		 minutes;
	int64_t		 updated_at;
};

int	store_course_by_slug(struct db *, struct arena *, const char *slug,
	    struct course_row *);
/* Inserts a course with version 0 (no content yet). */
int	store_course_insert(struct db *, const char *slug, int64_t now,
	    int64_t *id);
/* Points the course at a new current version and its summary fields. */
int	store_course_set_current(struct db *, const struct course_row *,
	    int64_t now);
int	store_course_version_insert(struct db *, int64_t course_id,
	    int64_t version, const char *digest, int64_t created_by,
	    const char *note, int64_t now, int64_t *version_id);

/* Stores a blob once per hash (no-op when present). */
int	store_course_blob_put(struct db *, const char *hash, const void *data,
	    size_t len);
/* Copies the blob into the arena (NUL-terminated). */
int	store_course_blob_get(struct db *, struct arena *, const char *hash,
	    char **data, size_t *len);
int	store_course_file_add(struct db *, int64_t version_id,
	    const char *path, const char *hash);

struct course_file_row {
	char		*path;
	char		*hash;
	char		*data;	/* NULL unless loaded (text files) */
	size_t		 len;
};

/* The files of a version by path; with_text loads the data of .md,
 * .yaml, .yml and .vtt files. */
int	store_course_files(struct db *, struct arena *, int64_t version_id,
	    int with_text, struct course_file_row **rows, size_t *n);
/* A file of the current version of course slug, with its data. */
int	store_course_media(struct db *, struct arena *, const char *slug,
	    const char *path, char **data, size_t *len, char **hash);

/* ---- the current version's description (one transaction) ---- */
/* Deletes texts, tags and authors; marks lessons and quizzes inactive. */
int	store_course_clear_current(struct db *, int64_t course_id);
int	store_course_text_add(struct db *, int64_t course_id,
	    const char *lang, const char *title, const char *summary);
int	store_course_tag_add(struct db *, int64_t course_id, const char *kind,
	    const char *slug);
int	store_course_author_add(struct db *, int64_t course_id, int position,
	    const char *name, const char *email);
/* Inserts or reactivates the lesson (course_id, key); *id is stable. */
int	store_course_lesson_put(struct db *, int64_t course_id,
	    const char *key, const char *module, int position, int required,
	    int minutes, int64_t *id);
int	store_course_quiz_put(struct db *, int64_t course_id, const char *key,
	    const char *module, const char *path, int graded);

struct course_lesson_row {
	int64_t		 id;
	char		*key;
	char		*module;
	int64_t		 required;
	int64_t		 minutes;
};

/* Active lessons in course order. */
int	store_course_lessons(struct db *, struct arena *, int64_t course_id,
	    struct course_lesson_row **rows, size_t *n);
/* STORE_OK when email is a listed author of the course. */
int	store_course_author_check(struct db *, int64_t course_id,
	    const char *email);

/* ---- lesson tags and titles (migration 0008; same transaction) ---- */
/* Tags lesson_id with kind ("principle", "policy_area") and slug. */
int	store_lesson_tag_add(struct db *, int64_t course_id,
	    int64_t lesson_id, const char *kind, const char *slug);
/* The lesson's title in lang. */
int	store_lesson_text_add(struct db *, int64_t course_id,
	    int64_t lesson_id, const char *lang, const char *title);

struct lesson_tagged_row {
	char		*course_slug;
	char		*lesson_key;
	char		*course_title;	/* lang, else the course default */
	char		*lesson_title;	/* lang, else the course default */
};

/*
 * Active lessons of current versions tagged kind/slug (index lesson_tags
 * (kind, slug)), by course slug and lesson position, at most limit.
 */
int	store_lessons_tagged(struct db *, struct arena *, const char *kind,
	    const char *slug, const char *lang, int64_t limit,
	    struct lesson_tagged_row **rows, size_t *n);

/* ---- catalog ---- */
struct course_filter {
	const char	*q;		/* lower-case words (substring), or NULL */
	const char	*principle;
	const char	*policy_area;
	const char	*track;
	const char	*lang;
	const char	*level;
};

struct course_list_row {
	int64_t		 id;
	char		*slug;
	char		*level;
	int64_t		 minutes;
	char		*languages;
	char		*title;		/* UI language, else default */
	char		*summary;
};

int	store_course_search(struct db *, struct arena *,
	    const struct course_filter *, const char *ui_lang, int64_t offset,
	    int64_t limit, struct course_list_row **rows, size_t *n,
	    int64_t *total);

struct course_facet_row {
	char		*slug;
	int64_t		 count;
};

/* Counts of matching courses per slug of tag kind, with f applied. */
int	store_course_facets(struct db *, struct arena *,
	    const struct course_filter *, const char *kind,
	    struct course_facet_row **rows, size_t *n);

/* ---- the catalog snapshot (course_catalog.c) ---- */
struct course_text_row {
	int64_t		 course_id;
	char		*lang;
	char		*title;
	char		*summary;
};

struct course_tag_row {
	int64_t		 course_id;
	char		*kind;
	char		*slug;
};

/*
 * Every course with a current version (version > 0), by id; the texts
 * of those courses, by course id and language; their tags of the
 * catalog's kinds (principle, policy_area, track, lang, level), by
 * course id, kind and slug. Arrays in the arena.
 */
struct catalog_rows {
	struct course_row	*courses;
	size_t			 ncourses;
	struct course_text_row	*texts;
	size_t			 ntexts;
	struct course_tag_row	*tags;
	size_t			 ntags;
};
int	store_catalog(struct db *, struct arena *, struct catalog_rows *);

#endif
