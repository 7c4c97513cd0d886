/*
 * studio_quiz.h: the studio's quiz editor (issue 16.4). A quiz is a file
 * of the package (MODULE/quiz.yaml, one per module as the format has it,
 * docs/course-format.md); the editor changes the parsed quiz in memory,
 * writes the file back (studio_quiz_yaml) and saves the package as a new
 * version through the studio's save path (studio_save: pkg_load, the
 * package checks, one transaction), so a quiz edited here reads back as
 * an imported one does.
 *
 * Who may: authors, owners and admins edit everything (STUDIO_TEXT);
 * translators only the texts of a language other than the course's
 * default (STUDIO_TRANSLATE); reviewers look and preview (STUDIO_OPEN).
 *
 * The preview grades the author's answers with the learner's functions
 * (quiz_answers_from_form, quiz_grade) on the course's current version,
 * and records nothing.
 */
#ifndef ETHICA_STUDIO_QUIZ_H
#define ETHICA_STUDIO_QUIZ_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/quiz_grade.h"
#include "domain/result.h"
#include "domain/studio.h"

struct arena;
struct form_errors;

/* The caps: the package check's (package.h, quiz_grade.h), one place. */
#define SQUIZ_QUESTIONS_MAX	QUIZ_MAX_QUESTIONS
#define SQUIZ_OPTIONS_MAX	QUIZ_MAX_OPTIONS
#define SQUIZ_ACCEPT_MAX	PKG_ACCEPT_MAX	/* per language */
#define SQUIZ_TEXT_MAX		1000	/* characters of a prompt, feedback */
#define SQUIZ_ANSWER_MAX	160	/* characters of an accepted answer */
#define SQUIZ_ATTEMPTS_MAX	1000	/* the parser's bound */

enum squiz_op {
	SQZ_NONE = 0,
	SQZ_ADD,		/* a quiz for the module, with its first
				   question */
	SQZ_REMOVE,		/* the module's quiz */
	SQZ_SETTINGS,		/* title, pass mark, attempts, graded */
	SQZ_Q_ADD,
	SQZ_Q_EDIT,
	SQZ_Q_UP,
	SQZ_Q_DOWN,
	SQZ_Q_REMOVE
};

/* One change of a quiz, as the forms send it (strings borrowed). */
struct squiz_edit {
	enum squiz_op	 op;
	const char	*lang;		/* the texts' language (NULL: the
					   course's default) */
	const char	*title;		/* add, settings */
	const char	*pass_mark;	/* settings: "0".."100" */
	const char	*max_attempts;	/* settings: "0" is unlimited */
	int		 graded;	/* settings */
	const char	*question;	/* edit, up, down, remove: its id */
	const char	*type;		/* add, q-add: "single"... */
	const char	*prompt;
	const char	*feedback;
	/* Rows of the option table: row i is option i when the question
	 * has one (an empty text removes it), a new option after. */
	const char	*option[SQUIZ_OPTIONS_MAX + 1];
	int		 correct[SQUIZ_OPTIONS_MAX + 1];
	size_t		 nrows;
	const char	*answer;	/* truefalse "true"/"false"; numeric */
	const char	*tolerance;	/* numeric; "" is 0 */
	const char	*accept;	/* text: one answer per line */
};

/* The operation named name ("quiz-add"...), SQZ_NONE when unknown. */
enum squiz_op	 studio_quiz_op_parse(const char *name);
/* The question type named name, 0 when none. */
enum question_type studio_quiz_type_parse(const char *name);

/* The module with id of sc's package, or NULL. */
struct pkg_module *studio_quiz_module(const struct studio_course *,
		    const char *id);

/*
 * The quiz file for qz in the course's languages, in the format's key
 * order, strings double-quoted: pkg_parse_quiz() of it gives qz back.
 * Arena text.
 */
char		*studio_quiz_yaml(struct arena *, const struct pkg_quiz *);

/*
 * Applies e to module m of package p (arena a), texts in e->lang: a
 * quiz added gets its file path and id, a removed one loses its file
 * (files). texts_only: only the texts of e->lang, never the default
 * language's, structure untouched (RES_FORBIDDEN otherwise). RES_INVALID
 * with msgids at the fields of fe when e cannot apply; RES_NOT_FOUND for
 * an unknown question. Pure: no store.
 */
enum result	 studio_quiz_apply(struct arena *, struct course_pkg *p,
		    struct pkg_files *, struct pkg_module *m,
		    const struct squiz_edit *e, int texts_only,
		    struct form_errors *);

/*
 * Opens course slug (studio_open), applies e to module's quiz and saves
 * a new version (one transaction). RES_NOT_FOUND (no such course or
 * module, or no right to open), RES_FORBIDDEN, RES_INVALID (fe: the
 * form; errs: the package check), RES_INTERNAL. *qid gets the question
 * edited or added (arena; NULL for quiz-wide changes).
 */
enum result	 studio_quiz_edit(struct dctx *, const char *slug,
		    const char *module, const struct squiz_edit *e,
		    struct form_errors *, struct pkg_errors *,
		    const char **qid);

/* A preview: the quiz as the learner would take it, and the grade. */
struct squiz_try {
	struct quiz		*quiz;		/* in lang (arena) */
	struct quiz_order	 order;
	struct quiz_answers	 answers;
	struct quiz_result	 result;	/* when graded */
	int			 graded;
};

/*
 * The module's quiz of course slug (STUDIO_OPEN) in lang, in the order a
 * learner's attempt with seed would show; with fields (nf > 0), the
 * answers read and graded by the learner's functions. RES_INVALID with
 * *why (an English msgid) and *bad_q as quiz_answers_from_form() says,
 * or for an empty form (as the learner's page refuses it). Records
 * nothing.
 */
enum result	 studio_quiz_preview(struct dctx *, const char *slug,
		    const char *module, const char *lang, uint64_t seed,
		    const struct quiz_field *, size_t nf, struct squiz_try *,
		    struct studio_course *, const char **why, int *bad_q);

#endif
