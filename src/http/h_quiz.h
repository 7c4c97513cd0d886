/*
 * h_quiz.h: what the learner's quiz pages (h_quiz.c) lend other pages:
 * the attempt page's view and its reading of the answers, so that the
 * studio's preview shows and grades a quiz with the learner's own code
 * and template (quiz_attempt.html).
 */
#ifndef ETHICA_H_QUIZ_H
#define ETHICA_H_QUIZ_H

#include <stddef.h>

struct ctx;
struct learning_attempt;
struct quiz_field;

/*
 * Puts the attempt page's view of la into c->view (the caller renders
 * "quiz_attempt"): the form when la->submitted is 0 (with why, an
 * English msgid, about the question at quiz index bad_q, or -1), the
 * graded feedback otherwise. Paths are the learner's (quiz_path,
 * action); a caller may set its own after.
 */
void	hq_attempt_view(struct ctx *, const char *slug, const char *quiz_id,
	    struct learning_attempt *, const char *why, int bad_q);
/* Every qN/aN field of c's request, in order (repeats kept), into *out
 * (c's arena); returns how many. */
size_t	hq_form_fields(struct ctx *, struct quiz_field **out);

#endif
