/*
 * quiz.h: a quiz as the domain sees it, whatever stored it: the course
 * package parser (course import) builds it from quiz YAML, the store
 * keeps it, the grader (quiz_grade.c) marks attempts against it.
 * All texts are in the language the quiz was loaded for; accept[] holds
 * the accepted answers of every language of the question, so that the
 * grade never depends on the display language.
 */
#ifndef ETHICA_QUIZ_H
#define ETHICA_QUIZ_H

#include <stddef.h>
#include <stdint.h>

enum question_type {
	Q_SINGLE = 1,		/* one option is correct */
	Q_MULTIPLE,		/* the set of correct options */
	Q_TRUEFALSE,		/* answer_bool */
	Q_NUMERIC,		/* answer_num within tolerance */
	Q_TEXT,			/* one of accept[], normalised */
	Q_ORDERING		/* options in their listed order */
};

struct quiz_option {
	const char	*id;		/* [a-z0-9-]+, stable */
	const char	*text;
	int		 correct;	/* single/multiple */
};

struct quiz_question {
	const char		*id;	/* stable within the quiz */
	enum question_type	 type;
	const char		*prompt;
	const char		*feedback;
	struct quiz_option	*options;
	size_t			 noptions;
	int			 answer_bool;
	double			 answer_num;
	double			 tolerance;
	const char *const	*accept;	/* text answers, all languages */
	size_t			 naccept;
};

struct quiz {
	const char		*id;		/* "m01-quiz" */
	const char		*title;
	int			 pass_mark;	/* percent, 0..100 */
	int			 max_attempts;	/* 0 = unlimited */
	int			 graded;	/* counts for completion */
	struct quiz_question	*questions;
	size_t			 nquestions;
	const char		*lang;		/* of its texts (the title's) */
};

#endif
