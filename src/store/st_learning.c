/*
 * st_learning.c: the enrolments, lesson_progress and quiz_attempts tables
 * (see st_learning.h). Only moves values: the domain (learning.c) decides
 * what they mean. Lists grow in the caller's arena.
 */
#include <stddef.h>
#include <string.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_learning.h"
#include "store/st_push.h"
#include "store/st_util.h"
#include "store/store.h"

#define ENROL_COLS "id, course_slug, enrolled_at, last_lesson, last_seen_at," \
	" COALESCE(completed_at, 0)"
#define QA_COLS "id, user_id, course_slug, quiz_key, number, seed," \
	" started_at, COALESCE(submitted_at, 0), answers, points, max_points," \
	" percent, passed, results"

static int	 key_seen(char *const *, size_t, const char *);

static const struct st_col enrol_cols[] = {
	ST_COL(struct enrolment_row, id),
	ST_COL(struct enrolment_row, course_slug),
	ST_COL(struct enrolment_row, enrolled_at),
	ST_COL(struct enrolment_row, last_lesson),
	ST_COL(struct enrolment_row, last_seen_at),
	ST_COL(struct enrolment_row, completed_at)
};

/* 1 if key (NULL: none) is one of the n keys. */
static int
key_seen(char *const *keys, size_t n, const char *key)
{
	size_t	i;

	for (i = 0; key != NULL && i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return (1);
	return (0);
}

static const struct st_col qa_cols[] = {
	ST_COL(struct attempt_row, id),
	ST_COL(struct attempt_row, user_id),
	ST_COL(struct attempt_row, course_slug),
	ST_COL(struct attempt_row, quiz_key),
	ST_COL(struct attempt_row, number),
	ST_COL(struct attempt_row, seed),
	ST_COL(struct attempt_row, started_at),
	ST_COL(struct attempt_row, submitted_at),
	ST_COL(struct attempt_row, answers),
	ST_COL(struct attempt_row, points),
	ST_COL(struct attempt_row, max_points),
	ST_COL(struct attempt_row, percent),
	ST_COL(struct attempt_row, passed),
	ST_COL(struct attempt_row, results)
};

/* (course_slug, key) into a learning_key. */
static const struct st_col key_cols[] = {
	ST_COL(struct learning_key, course_slug),
	ST_COL(struct learning_key, key)
};

int
store_enrolment_add(struct db *db, int64_t user_id, const char *slug,
    int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO enrolments (user_id,"
	    " course_slug, enrolled_at, last_seen_at) VALUES ($1, $2, $3, $3)"
	    " ON CONFLICT (user_id, course_slug) DO NOTHING", st_i(user_id),
	    st_t(slug), st_i(now))));
}

int
store_enrolments_of(struct db *db, struct arena *a, int64_t user_id,
    struct enrolment_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " ENROL_COLS " FROM"
	    " enrolments WHERE user_id = $1 ORDER BY last_seen_at DESC, id"
	    " DESC", st_i(user_id)), enrol_cols, rows, n));
}

int
store_enrolment_visit(struct db *db, int64_t user_id, const char *slug,
    const char *lesson_key, int64_t now)
{
	return (st_one(ST_PREP(db, "UPDATE enrolments SET last_lesson = $1,"
	    " last_seen_at = $2 WHERE user_id = $3 AND course_slug = $4"
	    " RETURNING id", st_t(lesson_key), st_i(now), st_i(user_id),
	    st_t(slug))));
}

int
store_enrolment_seen(struct db *db, int64_t user_id, const char *slug,
    const char *lesson_key, int64_t at)
{
	return (st_run(ST_PREP(db, "UPDATE enrolments SET last_lesson = $1,"
	    " last_seen_at = $2 WHERE user_id = $3 AND course_slug = $4"
	    " AND last_seen_at <= $2", st_t(lesson_key), st_i(at), st_i(user_id),
	    st_t(slug))));
}

int
store_enrolment_complete(struct db *db, int64_t user_id, const char *slug,
    int64_t now)
{
	return (st_one(ST_PREP(db, "UPDATE enrolments SET completed_at = $1"
	    " WHERE user_id = $2 AND course_slug = $3 AND completed_at IS NULL"
	    " RETURNING id", st_i(now), st_i(user_id), st_t(slug))));
}

int
store_lesson_done_add(struct db *db, int64_t user_id, const char *slug,
    const char *lesson_key, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO lesson_progress (user_id,"
	    " course_slug, lesson_key, done_at) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT (user_id, course_slug, lesson_key) DO NOTHING",
	    st_i(user_id), st_t(slug), st_t(lesson_key), st_i(now))));
}

/*
 * Rows tagged 0 (the enrolment), 1 (a lesson done) and 2 (a passed
 * attempt): a lesson page needs all three, and each statement has a
 * fixed cost. A quiz passed twice is kept once here: SQL's DISTINCT
 * would cost a temporary b-tree, several times the rest of the query.
 */
int
store_learner_course(struct db *db, struct arena *a, int64_t user_id,
    const char *slug, struct learner_course *out)
{
	struct db_stmt	*s;
	size_t		 cdone = 0, cpassed = 0;
	uint64_t	 mark;
	int		 rc;

	memset(out, 0, sizeof(*out));
	/* Pushed (st_push.c): often no query at all on PostgreSQL. */
	if (st_push_learner(db, a, user_id, slug, out, &mark))
		return (STORE_OK);
	if ((s = db_prepare(db, "SELECT 0, id, last_lesson, enrolled_at,"
	    " last_seen_at, COALESCE(completed_at, 0) FROM enrolments"
	    " WHERE user_id = $1 AND course_slug = $2"
	    " UNION ALL SELECT 1, 0, lesson_key, 0, 0, 0 FROM lesson_progress"
	    " WHERE user_id = $1 AND course_slug = $2"
	    " UNION ALL SELECT 2, 0, quiz_key, 0, 0, 0"
	    " FROM quiz_attempts WHERE user_id = $1 AND course_slug = $2"
	    " AND passed = 1")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, user_id);
	db_bind_text_ref(s, 2, slug);
	while ((rc = db_step(s)) == DB_ROW) {
		switch (db_col_int(s, 0)) {
		case 0:
			out->enrolled = 1;
			out->e.id = db_col_int(s, 1);
			out->e.course_slug = arena_strdup(a, slug);
			out->e.last_lesson = st_text(a, s, 2);
			out->e.enrolled_at = db_col_int(s, 3);
			out->e.last_seen_at = db_col_int(s, 4);
			out->e.completed_at = db_col_int(s, 5);
			break;
		case 1:
			out->done = st_grow(a, out->done, out->ndone, &cdone,
			    sizeof(*out->done));
			out->done[out->ndone++] = st_text(a, s, 2);
			break;
		default:
			if (key_seen(out->passed, out->npassed,
			    db_col_text(s, 2)))
				break;
			out->passed = st_grow(a, out->passed, out->npassed,
			    &cpassed, sizeof(*out->passed));
			out->passed[out->npassed++] = st_text(a, s, 2);
			break;
		}
	}
	db_reset(s);
	if (rc != DB_DONE)
		return (st_err(rc));
	st_push_learner_put(db, mark, user_id, slug, out);
	return (STORE_OK);
}

int
store_lessons_done_all(struct db *db, struct arena *a, int64_t user_id,
    struct learning_key **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT course_slug, lesson_key"
	    " FROM lesson_progress WHERE user_id = $1", st_i(user_id)),
	    key_cols, rows, n));
}

int
store_quizzes_passed(struct db *db, struct arena *a, int64_t user_id,
    const char *slug, struct learning_key **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT DISTINCT course_slug,"
	    " quiz_key FROM quiz_attempts WHERE user_id = $1 AND passed = 1 AND"
	    " ($2 = '' OR course_slug = $2)", st_i(user_id),
	    st_t(slug != NULL ? slug : "")), key_cols, rows, n));
}

int
store_qa_list(struct db *db, struct arena *a, int64_t user_id,
    const char *slug, const char *quiz_key, struct attempt_row **rows,
    size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " QA_COLS " FROM"
	    " quiz_attempts WHERE user_id = $1 AND course_slug = $2 AND"
	    " quiz_key = $3 ORDER BY number", st_i(user_id), st_t(slug),
	    st_t(quiz_key)), qa_cols, rows, n));
}

int
store_qa_insert(struct db *db, int64_t user_id, const char *slug,
    const char *quiz_key, int64_t number, int64_t seed, int64_t now,
    int64_t *id)
{
	return (st_int(ST_PREP(db, "INSERT INTO quiz_attempts (user_id,"
	    " course_slug, quiz_key, number, seed, started_at) VALUES"
	    " ($1, $2, $3, $4, $5, $6) RETURNING id", st_i(user_id), st_t(slug),
	    st_t(quiz_key), st_i(number), st_i(seed), st_i(now)), id));
}

int
store_qa_get(struct db *db, struct arena *a, int64_t id,
    struct attempt_row *r)
{
	return (ST_ROW_COLS(a, ST_PREP(db, "SELECT " QA_COLS " FROM"
	    " quiz_attempts WHERE id = $1", st_i(id)), qa_cols, r));
}

int
store_qa_submit(struct db *db, int64_t id, const char *answers,
    const char *results, int64_t points, int64_t max_points, int64_t percent,
    int passed, int64_t now)
{
	return (st_one(ST_PREP(db, "UPDATE quiz_attempts SET answers = $1,"
	    " points = $2, max_points = $3, percent = $4, passed = $5,"
	    " submitted_at = $6, results = $8 WHERE id = $7 AND"
	    " submitted_at IS NULL RETURNING id", st_t(answers), st_i(points),
	    st_i(max_points), st_i(percent), st_i(passed ? 1 : 0), st_i(now),
	    st_i(id), st_t(results))));
}

int
store_quiz_grant_add(struct db *db, int64_t user_id, const char *slug,
    const char *quiz_key, int64_t n)
{
	return (st_run(ST_PREP(db, "INSERT INTO quiz_grants (user_id,"
	    " course_slug, quiz_key, extra) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT (user_id, course_slug, quiz_key) DO UPDATE SET"
	    " extra = quiz_grants.extra + excluded.extra", st_i(user_id),
	    st_t(slug), st_t(quiz_key), st_i(n))));
}

int
store_quiz_grant_get(struct db *db, int64_t user_id, const char *slug,
    const char *quiz_key, int64_t *extra)
{
	struct db_stmt	*s;
	int		 rc;

	*extra = 0;
	s = ST_PREP(db, "SELECT extra FROM quiz_grants WHERE"
	    " user_id = $1 AND course_slug = $2 AND quiz_key = $3",
	    st_i(user_id), st_t(slug), st_t(quiz_key));
	rc = st_int(s, extra);
	return (rc == STORE_NOT_FOUND ? STORE_OK : rc);
}
