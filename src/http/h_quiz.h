/*
 * h_quiz.h: what the learner's quiz pages (h_quiz.c) lend other pages:
 * the attempt page's view, so that the studio's preview shows a quiz
 * with the learner's own view and template (quiz_attempt.html).
 */
#ifndef ETHICA_H_QUIZ_H
#define ETHICA_H_QUIZ_H

struct ctx;
struct learning_attempt;

/*
 * Puts the attempt page's view of la into c->view (the caller renders
 * "quiz_attempt"): the form when la->submitted is 0 (with why, an
 * English msgid, about the question at quiz index bad_q, or -1), the
 * graded feedback otherwise. Paths are the learner's (quiz_path,
 * action); a caller may set its own after.
 */
void	hq_attempt_view(struct ctx *, const char *slug, const char *quiz_id,
	    struct learning_attempt *, const char *why, int bad_q);

#endif
