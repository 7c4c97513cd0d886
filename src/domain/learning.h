/*
 * learning.h: a learner's path through courses: enrolment, lessons marked
 * done, the last lesson visited, quiz attempts (start, show, submit,
 * grade), progress per lesson, module and course, the completion rule,
 * and the dashboard /me.
 *
 * Courses, lessons and quizzes are named by their manifest text ids
 * (course slug, lesson key, quiz id); their outline comes from course.h.
 * Every function acts for dc->user (RES_FORBIDDEN when anonymous unless
 * said otherwise) and only ever shows a learner their own rows: another
 * learner's attempt is RES_NOT_FOUND. Writes of several rows run in one
 * transaction. Returned memory belongs to dc->a. lang is the UI language
 * code for course texts (NULL: the course's default).
 *
 * Completion rule: every required lesson of the current version done and,
 * when the course says quizzes are graded, every graded quiz passed. When
 * a learner first meets it, the enrolment is marked complete and, after
 * the commit, every hook registered with learning_on_complete() runs.
 */
#ifndef ETHICA_LEARNING_H
#define ETHICA_LEARNING_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "domain/course.h"
#include "domain/dctx.h"
#include "domain/quiz_grade.h"
#include "domain/result.h"
#include "store/st_learning.h"

#define LEARNING_MAX_HOOKS	4

/*
 * Registers fn to run once when a learner completes a course (the
 * certificate feature registers certificate_issue_for_completion at
 * start: learning_on_complete(certificate_issue_for_completion)). It is
 * called after the transaction that recorded the completion committed,
 * outside any transaction, with the request's dctx; its failures do not
 * undo the completion. Registering the same fn twice is a no-op. Returns
 * 0, or -1 when LEARNING_MAX_HOOKS are already registered.
 */
int		 learning_on_complete(void (*fn)(struct dctx *, int64_t user_id,
		    const char *course_slug));

struct learning_progress {
	struct course_outline	 outline;
	int			 enrolled;
	int			*lesson_done;	/* per outline lesson */
	int			*quiz_passed;	/* per outline quiz */
	size_t			*module_done;	/* lessons done per module */
	size_t			 steps_done;	/* required lessons done +
						   graded quizzes passed */
	size_t			 steps_total;
	int			 percent;	/* steps_done of steps_total */
	int			 complete;	/* the rule is met */
	int64_t			 completed_at;	/* recorded, or 0 */
	const char		*last_lesson;	/* key, or "" */
	ssize_t			 next;		/* continue here: lesson
						   index, or -1 */
};

/* ---- pure helpers (unit-tested without storage) ---- */

/* 1 when the completion rule holds for these done/passed flags. */
int		 learning_rule_met(const struct course_outline *,
		    const int *lesson_done, const int *quiz_passed);
/* The lesson to continue with: the first not-done lesson after last
 * (a key, or NULL/"" for the start), wrapping to the start; -1 when
 * every lesson is done. */
ssize_t		 learning_next_lesson(const struct course_outline *,
		    const int *lesson_done, const char *last);
/* Fills the flags-derived fields of p (steps, percent, module_done,
 * complete, next) from p->outline, lesson_done, quiz_passed. */
void		 learning_tally(struct dctx *, struct learning_progress *);
/*
 * Where a learner with progress p goes on: the next unfinished lesson
 * (learning_next_lesson), else the first graded quiz not passed, else
 * nothing (*path NULL: the course is complete). Title in p's language.
 */
void		 learning_continue(struct dctx *, const char *slug,
		    const struct learning_progress *, const char **path,
		    const char **title);
/* "/courses/SLUG/lessons/KEY" and "/courses/SLUG/quizzes/ID" (arena). */
const char	*learning_lesson_path(struct dctx *, const char *slug,
		    const char *key);
const char	*learning_quiz_path(struct dctx *, const char *slug,
		    const char *quiz_id);

/* ---- enrolment and lessons ---- */

/*
 * Enrols the user (again: nothing changes) and sets *next to the path to
 * go to: where they left off (learning_continue), else the course page
 * (a complete course: it shows the progress and the certificate).
 * RES_NOT_FOUND for an unknown course.
 */
enum result	 learning_enrol(struct dctx *, const char *slug,
		    const char **next);
/*
 * Records that the user opened a lesson (for "continue where you left
 * off"). Anonymous or not enrolled: RES_OK and nothing stored. For the
 * lesson page; does not check that the lesson exists. Reading is not
 * writing (issue 14.5): the visit waits in this process (at most
 * LEARNING_VISITS_MAX users and courses; beyond, or for keys too long,
 * it is written at once) until learning_visits_flush() writes every
 * waiting visit in one transaction; meanwhile this process's reads of
 * the learner's progress see it. A visit never overwrites a later write
 * (marking a lesson done, another process's flush).
 */
enum result	 learning_lesson_visited(struct dctx *, const char *slug,
		    const char *lesson_key);
#define LEARNING_VISITS_MAX	1024
/* Writes the waiting visits in one transaction; on failure they wait
 * for the next call. RES_OK or RES_INTERNAL. */
enum result	 learning_visits_flush(struct dctx *);
/* Visits waiting in this process (for tests and the flush timer). */
size_t		 learning_visits_pending(void);
struct learning_lesson_state {
	int		 signed_in;
	int		 enrolled;
	int		 done;		/* this lesson marked done */
	size_t		 steps_done;	/* course progress, as in */
	size_t		 steps_total;	/* struct learning_progress */
	int		 percent;
	int		 complete;
};

/*
 * The user visits a lesson (the lesson page): their state in the course
 * and this lesson, and, for an enrolled learner, the visit recorded
 * (learning_lesson_visited: a write, batched) unless the lesson already
 * is the last one visited (so re-reading a lesson records nothing;
 * last_seen_at then keeps the time of the first visit). Anonymous:
 * RES_OK with everything 0, nothing recorded. RES_NOT_FOUND for an
 * unknown course; RES_INTERNAL.
 */
enum result	 learning_lesson_visit(struct dctx *, const char *slug,
		    const char *lesson_key, struct learning_lesson_state *);
/* Longest course slug or lesson key a waiting lesson mark holds. */
#define LEARNING_MARK_KEY	128
/* Longest path to go to after a waiting mark (the next lesson or quiz). */
#define LEARNING_MARK_NEXT	(2 * LEARNING_MARK_KEY + 64)
/* Lesson marks waiting for one worker's batch at most; beyond, a mark is
 * written at once (learning_lesson_done). */
#define LEARNING_MARKS_MAX	256

/*
 * A lesson mark waiting for its batch (learning_marks_flush). The caller
 * (one request) owns it, zeroed before the first learning_lesson_done
 * call, and keeps it until the second call has answered with it, or
 * hands it to learning_mark_cancel() when the request goes first.
 */
struct learning_mark {
	int64_t		 user_id;
	int64_t		 at;
	char		 slug[LEARNING_MARK_KEY];
	char		 key[LEARNING_MARK_KEY];
	char		 next[LEARNING_MARK_NEXT];	/* the answer's path */
	int		 state;		/* LEARNING_MARK_* */
	int		 durable;	/* completes the course: made again */
	enum result	 r;		/* the batch's answer, once flushed */
};
#define LEARNING_MARK_NEW	0
#define LEARNING_MARK_QUEUED	1
#define LEARNING_MARK_FLUSHED	2

/*
 * Marks the lesson done (enrolling the user if needed) and sets *next to
 * the next lesson, or to the module's quiz after its last lesson, or to
 * the course page. RES_NOT_FOUND for an unknown course or lesson.
 * With m NULL the mark is written at once. With m (state NEW) it joins
 * this process's batch and RES_PENDING is returned (the caller waits for
 * learning_marks_flush() and calls again with the same m, now FLUSHED,
 * for the answer), unless the batch is full: then it is written at once
 * as with m NULL. The second call answers from m (no read of the course
 * again); a mark that completes the course is made again in its own
 * durable transaction then (the certificate's ground).
 */
enum result	 learning_lesson_done(struct dctx *, const char *slug,
		    const char *lesson_key, struct learning_mark *m,
		    const char **next);
/*
 * Writes every waiting lesson mark in one lazy transaction (see
 * store_begin_lazy), each under a savepoint: a mark that fails is undone
 * alone and answers RES_INTERNAL; if the transaction cannot begin or
 * commit, every mark of the batch answers RES_INTERNAL and none is
 * written. Every waiting mark is FLUSHED afterwards. With wait 0, when
 * another connection holds the write lock, nothing is done and
 * RES_PENDING returned (the marks wait; call again), instead of waiting
 * for the lock. Call with a context of no user (the marks carry theirs).
 * RES_OK, or RES_INTERNAL when the whole batch failed.
 */
enum result	 learning_marks_flush(struct dctx *, int wait);
/* Lesson marks waiting in this process. */
size_t		 learning_marks_pending(void);
/* Takes a waiting mark out of the batch (its request went); any other
 * mark is left as it is. */
void		 learning_mark_cancel(struct learning_mark *);
/*
 * Marks the lessons keys[0..n) of the course done in one transaction
 * (enrolling the user if needed), for lessons read in the offline
 * edition; keys that name no lesson of the course are skipped. *recorded
 * says how many were marked. RES_FORBIDDEN (anonymous), RES_NOT_FOUND,
 * RES_INTERNAL.
 */
enum result	 learning_lessons_done(struct dctx *, const char *slug,
		    const char *const *keys, size_t n, size_t *recorded);
/*
 * The user's progress in one course. Anonymous: RES_OK with nothing done
 * and enrolled 0. RES_NOT_FOUND for an unknown course.
 */
enum result	 learning_progress_get(struct dctx *, const char *slug,
		    const char *lang, struct learning_progress *);

/* What the course page shows a signed-in learner. */
struct learning_course_state {
	struct learning_progress p;		/* enrolled 0: nothing */
	const char		*continue_path;	/* learning_continue() */
	const char		*continue_title;
	const char		*certificate_path; /* "/certificates/ID" once
						   issued (not revoked) */
};

/*
 * The user's standing in one course for its page: progress, where to
 * continue, the certificate. Anonymous: RES_OK with p.enrolled 0 (the
 * page is then the same for every visitor and may be cached; a learner's
 * never is). RES_NOT_FOUND for an unknown course.
 */
enum result	 learning_course_state(struct dctx *, const char *slug,
		    const char *lang, struct learning_course_state *);

/* ---- quizzes ---- */

#define LEARNING_GRANT_MAX	10	/* attempts one grant may add */

/* A lesson of the quiz's module, for "read these first". */
struct learning_quiz_lesson {
	const char	*title;
	const char	*path;
	int		 done;
};

struct learning_quiz {
	struct quiz		*quiz;
	const char		*course_title;
	struct attempt_row	*attempts;	/* the user's, oldest first */
	size_t			 nattempts;
	int			 attempts_allowed; /* the quiz's and those
						   granted (0: unlimited) */
	int			 attempts_left;	/* -1: unlimited; counts the
						   attempts granted */
	int			 passed;
	int			 best_percent;
	int64_t			 open_attempt;	/* unsubmitted id, or 0 */
	struct learning_quiz_lesson *lessons;	/* of the quiz's module */
	size_t			 nlessons;
	size_t			 lessons_done;
	int			 can_grant;	/* the user may grant attempts
						   (learning_attempts_grant) */
};

/*
 * The quiz page: the quiz, the user's attempts, and the lessons of the
 * quiz's module with the user's progress in them. The quiz is open
 * whatever was read: the page tells which lessons come first and links
 * them, it never locks a learner out. RES_NOT_FOUND.
 */
enum result	 learning_quiz_get(struct dctx *, const char *slug,
		    const char *quiz_id, const char *lang,
		    struct learning_quiz *);
/*
 * Starts an attempt with a fresh random seed (enrolling the user if
 * needed) and sets *id; when an open attempt exists, *id is that one and
 * nothing is written. RES_CONFLICT when no attempt is left.
 */
enum result	 learning_attempt_start(struct dctx *, const char *slug,
		    const char *quiz_id, int64_t *id);

struct learning_attempt {
	struct quiz		*quiz;
	struct attempt_row	 row;
	struct quiz_order	 order;
	struct quiz_answers	 answers;	/* submitted, or as typed */
	struct quiz_result	 result;	/* when submitted */
	int			 submitted;
	int			 attempts_left;	/* -1: unlimited */
	int			 last;		/* open, and no attempt is left
						   after it */
	int			 need_confirm;	/* submit refused until the
						   learner confirms */
	int			 course_complete; /* learning_attempt_get(): a
						   passed attempt in a course
						   the learner completed */
	const char		*certificate_path; /* then, once issued */
};

/*
 * One of the user's attempts, in its seeded order; graded answers when
 * submitted, and for a passed attempt whether the course is complete and
 * where its certificate is. RES_NOT_FOUND when it does not exist,
 * belongs to another learner or to another quiz.
 */
enum result	 learning_attempt_get(struct dctx *, const char *slug,
		    const char *quiz_id, int64_t id, const char *lang,
		    struct learning_attempt *);
/*
 * Grades and stores the answers of an open attempt (one transaction),
 * then out holds the graded attempt. RES_INVALID with *why (English
 * msgid) and *bad_q (quiz index or -1) when the answers are forged or
 * malformed, or when no question is answered (an empty form never uses
 * an attempt): nothing is written and out->answers holds what could be
 * read. The last attempt a learner has is graded only when confirmed is
 * set: otherwise RES_INVALID with out->need_confirm and nothing written.
 * RES_CONFLICT when the attempt was already submitted; RES_NOT_FOUND as
 * learning_attempt_get().
 */
enum result	 learning_attempt_submit(struct dctx *, const char *slug,
		    const char *quiz_id, int64_t id, const char *lang,
		    const struct quiz_field *, size_t nfields, int confirmed,
		    struct learning_attempt *out, const char **why,
		    int *bad_q);
/*
 * Grants the learner with that e-mail address n more attempts at the
 * quiz (1 <= n <= LEARNING_GRANT_MAX), for a learner who used them all:
 * the quiz row and an audit entry in one transaction. Only the course's
 * listed authors, chairs and administrators may (RES_FORBIDDEN).
 * RES_INVALID with errs ("email", "attempts") for an unknown address or
 * a count out of range; RES_NOT_FOUND for an unknown course or quiz.
 */
enum result	 learning_attempts_grant(struct dctx *, const char *slug,
		    const char *quiz_id, const char *email, int64_t n,
		    struct form_errors *errs);

/* ---- dashboard ---- */

struct learning_card {
	const char	*slug;
	const char	*title;
	size_t		 steps_done;
	size_t		 steps_total;
	int		 percent;
	int		 complete;
	int64_t		 enrolled_at;
	int64_t		 completed_at;
	const char	*continue_path;		/* NULL when nothing left */
	const char	*continue_title;
	struct learning_progress *progress;	/* modules, lessons, quizzes */
};

struct certificate;

struct learning_dashboard {
	struct learning_card	*cards;		/* most recent first */
	size_t			 ncards;
	struct certificate	*certs;		/* certificate.h, newest first */
	size_t			 ncerts;
};

/* The user's enrolled courses with progress, and their certificates; a
 * fixed number of queries plus one outline per enrolled course. */
enum result	 learning_dashboard_get(struct dctx *, const char *lang,
		    struct learning_dashboard *);

#endif
