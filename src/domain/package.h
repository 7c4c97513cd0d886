/*
 * package.h: course packages (docs/course-format.md): the manifest and
 * quiz YAML parsed with libyaml into structs, and the validator that
 * checks a whole package (languages, taxonomy slugs, lesson files, alt
 * text, media, quiz answers and feedback) before anything is stored.
 *
 * A package is a set of files in memory (struct pkg_files): the importer
 * reads them from a folder, the store from a course version. Nothing here
 * touches the disk or the database. Every problem is reported as
 * "file:line: message" (line 0 when a file as a whole is missing).
 * All memory comes from the arena given.
 */
#ifndef ETHICA_PACKAGE_H
#define ETHICA_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/quiz.h"

struct arena;

#define PKG_MAX_ERRORS	200
/* Accepted text answers of one question in one language; the questions
 * of a quiz and the options of a question are capped by quiz_grade.h's
 * QUIZ_MAX_QUESTIONS and QUIZ_MAX_OPTIONS (the attempt form's fields). */
#define PKG_ACCEPT_MAX	20

struct pkg_errors {
	struct arena	*a;
	const char	*prefix;	/* put before file names ("dir/"), or "" */
	char		**msg;
	size_t		 n, cap;
};

/* Starts an empty list whose messages live in a. */
void	pkg_errors_init(struct pkg_errors *, struct arena *a,
	    const char *prefix);
/* Appends "prefix file:line: message" (at most PKG_MAX_ERRORS kept). */
void	pkg_error(struct pkg_errors *, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* One file of a package; data is NULL when only its hash was loaded. */
struct pkg_file {
	const char	*path;		/* "m01/what-is-ai.en.md" */
	const char	*data;		/* NUL-terminated copy, or NULL */
	size_t		 len;
	const char	*hash;		/* hex SHA-256, or NULL */
};

struct pkg_files {
	struct pkg_file	*v;
	size_t		 n, cap;
};

/* Adds (or replaces) a file; path and data are copied into a. */
void			 pkg_files_put(struct arena *, struct pkg_files *,
			    const char *path, const char *data, size_t len,
			    const char *hash);
const struct pkg_file	*pkg_files_get(const struct pkg_files *,
			    const char *path);
/* 1 when path is a safe relative package path ("a/b.md": no "..", no
 * leading "/", no empty or hidden segments, [A-Za-z0-9._-] only). */
int			 pkg_path_ok(const char *path);

/* A text per language. */
struct pkg_str {
	const char	*lang;
	const char	*text;
};

struct pkg_i18n {
	struct pkg_str	*v;
	size_t		 n;
	int		 line;
};

struct pkg_list {
	const char	**v;
	size_t		 n;
	int		 line;
};

/* Lists of accepted text answers per language. */
struct pkg_accept {
	const char	*lang;
	struct pkg_list	 list;
};

struct pkg_video {
	const char	*url;
	struct pkg_i18n	 captions;	/* lang -> media path of a .vtt */
	int		 line;
};

struct pkg_attachment {
	const char	*file;
	struct pkg_i18n	 title;
	int		 line;
};

struct pkg_lesson {
	const char		*id;
	const char		*file;		/* stem: FILE.LANG.md */
	struct pkg_i18n		 title;
	int			 minutes;
	int			 required;
	struct pkg_list		 principles;
	struct pkg_list		 policy_areas;
	struct pkg_video	*video;		/* NULL: none */
	struct pkg_attachment	*att;
	size_t			 natt;
	int			 line;
};

struct pkg_option {
	const char	*id;
	struct pkg_i18n	 text;
	int		 correct;
	int		 line;
};

struct pkg_question {
	const char		*id;
	enum question_type	 type;
	const char		*type_name;
	struct pkg_i18n		 prompt;
	struct pkg_i18n		 feedback;
	struct pkg_option	*options;
	size_t			 noptions;
	int			 has_answer;
	int			 answer_bool;
	double			 answer_num;
	double			 tolerance;
	struct pkg_accept	*accept;
	size_t			 naccept;
	int			 line;
};

struct pkg_quiz {
	const char		*file;
	const char		*id;
	struct pkg_i18n		 title;
	int			 pass_mark;
	int			 max_attempts;
	int			 graded;
	struct pkg_question	*questions;
	size_t			 nquestions;
};

struct pkg_module {
	const char		*id;
	const char		*track;
	struct pkg_i18n		 title;
	struct pkg_lesson	*lessons;
	size_t			 nlessons;
	const char		*quiz_file;	/* NULL: no quiz */
	struct pkg_quiz		*quiz;		/* parsed by pkg_validate */
	int			 line;
};

struct pkg_author {
	const char	*name;
	const char	*email;		/* lower-case, or "" */
};

struct course_pkg {
	const char		*slug;
	const char		*default_language;
	struct pkg_list		 languages;
	struct pkg_i18n		 title;
	struct pkg_i18n		 summary;
	const char		*level;
	int			 minutes;
	const char		*licence;
	struct pkg_author	*authors;
	size_t			 nauthors;
	struct pkg_list		 values;
	struct pkg_list		 principles;
	struct pkg_list		 policy_areas;
	int			 required_all;	/* required_lessons: all */
	int			 quizzes_graded;	/* quizzes: graded */
	struct pkg_module	*modules;
	size_t			 nmodules;
};

/*
 * Parses a manifest (course.yaml). Returns the course, or NULL when the
 * YAML itself is unreadable; shape problems (missing keys, wrong types,
 * unknown keys) go to errs in both cases. file names the manifest in
 * messages.
 */
struct course_pkg	*pkg_parse_manifest(struct arena *, const char *file,
			    const char *text, size_t len, struct pkg_errors *);

/* Parses a quiz file; NULL when unreadable. Problems go to errs. */
struct pkg_quiz		*pkg_parse_quiz(struct arena *, const char *file,
			    const char *text, size_t len, struct pkg_errors *);
/* The name a quiz file gives question type t ("single" when t is none of
 * them), from the table the parser reads names with. */
const char		*pkg_question_type_name(enum question_type t);

/*
 * Checks the parsed manifest against the files and the rules of the
 * format, parsing each module's quiz into module->quiz. Returns the number
 * of problems added to errs (0: valid).
 */
size_t			 pkg_validate(struct arena *, struct course_pkg *,
			    const struct pkg_files *, struct pkg_errors *);

/*
 * pkg_parse_manifest("course.yaml") + pkg_validate. Returns the course
 * when there were no problems, else NULL (see errs).
 */
struct course_pkg	*pkg_load(struct arena *, const struct pkg_files *,
			    struct pkg_errors *);

/* The text for lang, else for fallback, else the first, else "". */
const char		*pkg_text(const struct pkg_i18n *, const char *lang,
			    const char *fallback);
/* The language of the text pkg_text() picks (NULL when there is none). */
const char		*pkg_text_lang(const struct pkg_i18n *,
			    const char *lang, const char *fallback);
/* 1 when lang is one of the course's languages. */
int			 pkg_has_lang(const struct course_pkg *,
			    const char *lang);
/* The quiz as struct quiz with its texts in lang (fallback def) and the
 * accepted text answers of every language (lang's first), arena memory. */
struct quiz		*pkg_quiz_in(struct arena *, const struct pkg_quiz *,
			    const char *lang, const char *def);
/* The lesson with id, or NULL; *mod (may be NULL) gets its module. */
const struct pkg_lesson	*pkg_lesson_find(const struct course_pkg *,
			    const char *id, const struct pkg_module **mod);

/*
 * The plain text of the cues of a WebVTT file, one string per cue (tags
 * removed, lines of a cue joined with spaces). Returns the number of
 * cues, -1 when the text does not start with "WEBVTT".
 */
int			 pkg_vtt_cues(struct arena *, const char *text,
			    size_t len, const char ***cues);

/* The content type for a media path by extension ("application/octet-
 * stream" when unknown). */
const char		*pkg_content_type(const char *path);

#endif
