/*
 * quiz_grade.h: a quiz as taken. Pure functions, no storage, no Kore:
 * parsing a learner's answers (from the attempt form, or from the text
 * we stored), grading every question type, normalising text answers, and
 * the per-attempt order of questions and options drawn from a stored
 * seed with our own deterministic generator (splitmix64), so that the
 * same seed always shows the same order.
 *
 * The attempt form names its fields by display position N (1-based,
 * N <= QUIZ_MAX_QUESTIONS): "qN" carries the question id shown there,
 * "aN" the answer (repeated for multiple choice and ordering):
 *	single      aN = option id
 *	truefalse   aN = "true" | "false"
 *	multiple    aN = option id, once per ticked box
 *	numeric     aN = "12", "-3.5", "3,5" (digits of any script)
 *	text        aN = free text (at most QUIZ_MAX_TEXT bytes)
 *	ordering    aN = "OPTIONID:POSITION", once per option
 * An empty value means "not answered" (graded wrong). Anything else
 * that does not fit (unknown question or option ids, a repeated
 * question, two answers to a single-choice question, a number that is
 * not a number, positions out of range or used twice) is refused with
 * an English msgid, and the caller changes nothing.
 *
 * Stored answers are lines "QID=PAYLOAD\n" in quiz order, one per
 * answered question; PAYLOAD is the option id, "true"/"false", option
 * ids joined by ',' (multiple: in quiz order; ordering: in the
 * learner's order), the number ("%.15g") or the text.
 */
#ifndef ETHICA_QUIZ_GRADE_H
#define ETHICA_QUIZ_GRADE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/quiz.h"

struct arena;

#define QUIZ_MAX_QUESTIONS	50	/* fields q1..q50, a1..a50 */
#define QUIZ_MAX_OPTIONS	26
#define QUIZ_MAX_TEXT		1000	/* bytes of a text answer */

/* One question's answer; index i of quiz_answers belongs to
 * quiz->questions[i]. */
struct quiz_answer {
	int		 answered;
	size_t		 opt[QUIZ_MAX_OPTIONS];	/* option indexes */
	size_t		 nopt;	/* single: 1; multiple: ticked, in quiz
				   order; ordering: noptions, learner's
				   order (opt[0] is put first) */
	/* ordering, as the learner chose, valid or not (by option index;
	 * 0: none): a refused form comes back with every choice kept */
	unsigned char	 chosen[QUIZ_MAX_OPTIONS];
	int		 boolval;	/* truefalse */
	double		 num;		/* numeric */
	const char	*text;		/* text (arena), as typed */
};

struct quiz_answers {
	struct quiz_answer	*a;	/* quiz->nquestions entries */
	size_t			 n;
};

/* A form field as the HTTP layer hands it over (both borrowed). */
struct quiz_field {
	const char	*name;
	const char	*value;
};

struct quiz_result {
	int		*correct;	/* per question, quiz order (arena) */
	int		 points;
	int		 max_points;
	int		 percent;	/* floor(points * 100 / max) */
	int		 passed;	/* percent of points >= pass_mark */
};

/* The order one attempt shows: qpos[i] is the index (in quiz) of the
 * question shown at position i; opos[k][j] the index of the option
 * shown j-th for question k (quiz index). Arrays live in the arena. */
struct quiz_order {
	size_t		 *qpos;
	size_t		**opos;
	size_t		  n;
};

/*
 * Parses form fields into out (arena memory; out->n = nquestions) and
 * returns 0. On refusal returns -1, sets *why to an English msgid and
 * *bad_q to the quiz index of the question at fault (or -1); out then
 * holds what could be read (for re-showing the form), never for grading.
 * Fields whose names are not qN/aN are ignored.
 */
int		 quiz_answers_from_form(const struct quiz *,
		    const struct quiz_field *, size_t nfields, struct arena *,
		    struct quiz_answers *out, const char **why, int *bad_q);
/* The stored form of answers (arena string, "" when nothing answered). */
char		*quiz_answers_encode(const struct quiz *,
		    const struct quiz_answers *, struct arena *);
/* Reads a stored form back; same contract as quiz_answers_from_form().
 * Lines for questions the quiz no longer has are skipped (a course may
 * have been updated since); any other malformed line is refused. */
int		 quiz_answers_decode(const struct quiz *, const char *text,
		    struct arena *, struct quiz_answers *out, const char **why);

/* 1 when ans is the right answer to q, else 0 (unanswered: 0). */
int		 quiz_grade_question(const struct quiz_question *,
		    const struct quiz_answer *);
/* Grades every question, one point each; result arrays in the arena. */
void		 quiz_grade(const struct quiz *, const struct quiz_answers *,
		    struct arena *, struct quiz_result *);
/*
 * The per-question result of a graded attempt as stored with it, so that
 * its display never grades again (whatever the page's language or a later
 * course version): lines "QID=1\n" (right) or "QID=0\n", one per question
 * of qz, in quiz order. Arena string.
 */
char		*quiz_results_encode(const struct quiz *,
		    const struct quiz_result *, struct arena *);
/*
 * Reads stored results back into *correct (arena, qz->nquestions entries,
 * quiz order); a question the text does not name (added to the course
 * since) is 0. Returns 0, or -1 when text is empty (an attempt graded
 * before results were stored) or malformed.
 */
int		 quiz_results_decode(const struct quiz *, const char *text,
		    struct arena *, int **correct);
/* 1 when percent/points pass a quiz with pass_mark (0..100). */
int		 quiz_passes(int points, int max_points, int pass_mark);

/*
 * A text answer in comparable form (arena string): Unicode NFKC with
 * case folding (ICU's NFKC_Casefold: composes Hangul jamo, maps
 * full-width forms to ASCII, folds case, drops default ignorables),
 * white space runs collapsed to one space, trimmed, and a final '.',
 * '!', '?' or '。' dropped. NULL for invalid UTF-8.
 */
char		*quiz_text_normalise(struct arena *, const char *);
/* 1 when text matches one of q's accepted answers after normalising. */
int		 quiz_text_matches(struct arena *, const struct quiz_question *,
		    const char *text);
/*
 * Parses a numeric answer: optional white space, optional sign, digits,
 * optional '.' or ',' (or U+066B) and digits; digits of any script
 * (Unicode decimal digits: "١٠" is 10) and full-width signs accepted; at
 * most 15 digits. 0 and *out set, or -1.
 */
int		 quiz_parse_number(const char *, double *out);

/* splitmix64: advances *state and returns the next value. */
uint64_t	 quiz_rng_next(uint64_t *state);
/* A value in [0, n) without modulo bias (n >= 1). */
uint64_t	 quiz_rng_below(uint64_t *state, uint64_t n);
/* The order an attempt with this seed shows (Fisher-Yates; options of a
 * question are seeded by seed and the question id, so they do not move
 * when other questions change; an ordering question never starts in its
 * correct order when it has two options or more). */
void		 quiz_order_make(const struct quiz *, uint64_t seed,
		    struct arena *, struct quiz_order *out);

/* The index of the question/option with that id, or -1. */
int		 quiz_question_index(const struct quiz *, const char *id);
int		 quiz_option_index(const struct quiz_question *,
		    const char *id);

#endif
