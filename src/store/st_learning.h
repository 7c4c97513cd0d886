/*
 * st_learning.h: storage of enrolments, lesson progress and quiz attempts
 * (tables of migrations 0003 and 0015). Return codes and arena rules as in store.h.
 * Course and lesson ids are the manifest's text ids; user ids are
 * users.id. Every function is one statement: callers that write several
 * rows wrap them in store_begin()/store_commit().
 */
#ifndef ETHICA_ST_LEARNING_H
#define ETHICA_ST_LEARNING_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct enrolment_row {
	int64_t		 id;
	char		*course_slug;
	int64_t		 enrolled_at;
	char		*last_lesson;	/* "" when none visited */
	int64_t		 last_seen_at;
	int64_t		 completed_at;	/* 0 while not complete */
};

struct attempt_row {
	int64_t		 id;
	int64_t		 user_id;
	char		*course_slug;
	char		*quiz_key;
	int64_t		 number;
	int64_t		 seed;
	int64_t		 started_at;
	int64_t		 submitted_at;	/* 0 while open */
	char		*answers;
	int64_t		 points;
	int64_t		 max_points;
	int64_t		 percent;
	int		 passed;
	char		*results;	/* quiz_results_encode(), or "" */
};

/* A (course, key) pair, for lists spanning several courses. */
struct learning_key {
	char		*course_slug;
	char		*key;
};

/* Adds the enrolment unless it exists (STORE_OK either way). */
int	store_enrolment_add(struct db *, int64_t user_id, const char *slug,
	    int64_t now);
/* The learner's enrolments, most recently active first. */
int	store_enrolments_of(struct db *, struct arena *, int64_t user_id,
	    struct enrolment_row **rows, size_t *n);
/*
 * store_enrolment_visit() of a view recorded at time "at" (seconds),
 * unless the enrolment was written after that second (a later write
 * wins). A write in the same second counts as earlier: a view in the
 * second of a write nearly always follows it (the enrolment, or the
 * mark, whose answer leads to the lesson viewed).
 */
int	store_enrolment_seen(struct db *, int64_t user_id, const char *slug,
	    const char *lesson_key, int64_t at);
/* Records the last lesson visited (no row: STORE_NOT_FOUND). */
int	store_enrolment_visit(struct db *, int64_t user_id, const char *slug,
	    const char *lesson_key, int64_t now);
/* Sets completed_at once: STORE_OK when this call set it,
 * STORE_NOT_FOUND when it was already set (or no enrolment). */
int	store_enrolment_complete(struct db *, int64_t user_id,
	    const char *slug, int64_t now);

/* Marks a lesson done (again: STORE_OK, first date kept). */
int	store_lesson_done_add(struct db *, int64_t user_id, const char *slug,
	    const char *lesson_key, int64_t now);
/* Every lesson done by the learner, all courses (for the dashboard). */
int	store_lessons_done_all(struct db *, struct arena *, int64_t user_id,
	    struct learning_key **rows, size_t *n);
/* Quizzes with a passed attempt: one course (slug) or all (slug NULL). */
int	store_quizzes_passed(struct db *, struct arena *, int64_t user_id,
	    const char *slug, struct learning_key **rows, size_t *n);

/* One learner's standing in one course, read in one query. */
struct learner_course {
	int			 enrolled;	/* e is set */
	struct enrolment_row	 e;
	char			**done;		/* lesson keys */
	size_t			 ndone;
	char			**passed;	/* quiz keys with a pass */
	size_t			 npassed;
};
/* The enrolment (if any), lessons done and quizzes passed of user_id in
 * the course slug (borrowed until the call returns). */
int	store_learner_course(struct db *, struct arena *, int64_t user_id,
	    const char *slug, struct learner_course *);

/* Attempts of one learner at one quiz, oldest first. */
int	store_qa_list(struct db *, struct arena *, int64_t user_id,
	    const char *slug, const char *quiz_key, struct attempt_row **rows,
	    size_t *n);
/* Inserts attempt number; STORE_DUPLICATE when that number exists. */
int	store_qa_insert(struct db *, int64_t user_id, const char *slug,
	    const char *quiz_key, int64_t number, int64_t seed, int64_t now,
	    int64_t *id);
/* The attempt with id, whoever owns it (callers check user_id). */
int	store_qa_get(struct db *, struct arena *, int64_t id,
	    struct attempt_row *);
/* Stores the graded answers and per-question results of an open attempt;
 * STORE_NOT_FOUND when the attempt is unknown or already submitted. */
int	store_qa_submit(struct db *, int64_t id, const char *answers,
	    const char *results, int64_t points, int64_t max_points,
	    int64_t percent, int passed, int64_t now);

/* Adds n attempts to what user_id was granted at the quiz (one row per
 * learner and quiz, created at the first grant). */
int	store_quiz_grant_add(struct db *, int64_t user_id, const char *slug,
	    const char *quiz_key, int64_t n);
/* The attempts granted to user_id at the quiz so far (0 when none). */
int	store_quiz_grant_get(struct db *, int64_t user_id, const char *slug,
	    const char *quiz_key, int64_t *extra);

#endif
