/*
 * test_learning.c: the completion rule, "continue where you left off",
 * the progress tally on hand-built outlines, and the learning store
 * (enrolments, lesson progress, attempts: idempotent enrolment, one
 * number per attempt, submit once) on SQLite and, with ETHICA_TEST_PG,
 * PostgreSQL; the batch of lesson marks (group commit): several marks in
 * one transaction, a failing mark undone alone, a failed batch written
 * not at all.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/course.h"
#include "domain/learning.h"
#include "domain/package.h"
#include "lib/mem.h"
#include "store/st_learning.h"
#include "store/store.h"
#include "t.h"
#include "tstore.h"

static struct course_outline_lesson	lessons[] = {
	{ 1, "intro", "m01", "Intro", 5, 1 },
	{ 2, "history", "m01", "History", 5, 0 },
	{ 3, "fairness", "m02", "Fairness", 5, 1 },
	{ 4, "privacy", "m02", "Privacy", 5, 1 },
};
static struct course_outline_quiz	quizzes[] = {
	{ "m01-quiz", "m01", "Quiz 1", 1 },
	{ "m02-quiz", "m02", "Quiz 2", 0 },
};
static struct course_outline_module	modules[] = {
	{ "m01", "foundations", "One", 0, 2, "m01-quiz" },
	{ "m02", "foundations", "Two", 2, 2, "m02-quiz" },
};

static struct db	*tdb;
static struct arena	*ta;

static void	outline(struct course_outline *);
static void	run_store(int);
static long	ndone(int64_t, const char *);
static void	nap_note(void *, int, long);

static void
outline(struct course_outline *o)
{
	memset(o, 0, sizeof(*o));
	o->course.slug = "demo";
	o->title = "Demo";
	o->quizzes_graded = 1;
	o->modules = modules;
	o->nmodules = 2;
	o->lessons = lessons;
	o->nlessons = 4;
	o->quizzes = quizzes;
	o->nquizzes = 2;
}

static void
test_rule(void)
{
	struct course_outline	o;
	int			done[4] = { 1, 0, 1, 1 };
	int			passed[2] = { 1, 0 };

	outline(&o);
	/* Optional lesson and ungraded quiz are not needed. */
	T_ASSERT(learning_rule_met(&o, done, passed) == 1);
	done[3] = 0;
	T_ASSERT(learning_rule_met(&o, done, passed) == 0);
	done[3] = 1;
	passed[0] = 0;
	T_ASSERT(learning_rule_met(&o, done, passed) == 0);
	/* Quizzes that do not count when the course says so. */
	o.quizzes_graded = 0;
	T_ASSERT(learning_rule_met(&o, done, passed) == 1);
	/* Rule "all": every lesson is required (the outline says so). */
	lessons[1].required = 1;
	T_ASSERT(learning_rule_met(&o, done, passed) == 0);
	lessons[1].required = 0;
}

static void
test_next(void)
{
	struct course_outline	o;
	int			none[4] = { 0, 0, 0, 0 };
	int			some[4] = { 1, 0, 1, 0 };
	int			all[4] = { 1, 1, 1, 1 };

	outline(&o);
	T_ASSERT(learning_next_lesson(&o, none, "") == 0);
	T_ASSERT(learning_next_lesson(&o, none, NULL) == 0);
	T_ASSERT(learning_next_lesson(&o, none, "history") == 2);
	T_ASSERT(learning_next_lesson(&o, some, "fairness") == 3);
	/* After the last one visited, wrap to the first not done. */
	T_ASSERT(learning_next_lesson(&o, some, "privacy") == 1);
	T_ASSERT(learning_next_lesson(&o, some, "gone-lesson") == 1);
	T_ASSERT(learning_next_lesson(&o, all, "intro") == -1);
}

static void
test_tally(void)
{
	struct learning_progress	p;
	struct dctx			dc;
	int				done[4] = { 1, 1, 1, 0 };
	int				passed[2] = { 1, 1 };

	memset(&dc, 0, sizeof(dc));
	dc.a = ta;
	memset(&p, 0, sizeof(p));
	outline(&p.outline);
	p.lesson_done = done;
	p.quiz_passed = passed;
	p.last_lesson = "fairness";
	learning_tally(&dc, &p);
	/* Steps: 3 required lessons + 1 graded quiz. */
	T_ASSERT(p.steps_total == 4);
	T_ASSERT(p.steps_done == 3);
	T_ASSERT(p.percent == 75);
	T_ASSERT(p.module_done[0] == 2 && p.module_done[1] == 1);
	T_ASSERT(!p.complete);
	T_ASSERT(p.next == 3);
	done[3] = 1;
	learning_tally(&dc, &p);
	T_ASSERT(p.complete && p.percent == 100 && p.next == -1);
}

/* Issue 13.4: where a learner continues: the next lesson, else the
 * graded quiz not passed yet, else nothing (complete). */
static void
test_continue(void)
{
	struct learning_progress	 p;
	struct dctx			 dc;
	const char			*path, *title;
	int				 done[4] = { 1, 1, 1, 0 };
	int				 passed[2] = { 0, 0 };

	memset(&dc, 0, sizeof(dc));
	dc.a = ta;
	memset(&p, 0, sizeof(p));
	outline(&p.outline);
	p.lesson_done = done;
	p.quiz_passed = passed;
	p.last_lesson = "fairness";
	learning_tally(&dc, &p);
	learning_continue(&dc, "demo", &p, &path, &title);
	T_STREQ(path, "/courses/demo/lessons/privacy");
	T_STREQ(title, "Privacy");
	done[3] = 1;
	learning_tally(&dc, &p);
	learning_continue(&dc, "demo", &p, &path, &title);
	T_STREQ(path, "/courses/demo/quizzes/m01-quiz");
	T_STREQ(title, "Quiz 1");
	/* The ungraded quiz is not a step. */
	passed[0] = 1;
	learning_tally(&dc, &p);
	learning_continue(&dc, "demo", &p, &path, &title);
	T_ASSERT(path == NULL && title == NULL && p.complete);
}

static void
test_paths(void)
{
	struct dctx	dc;

	memset(&dc, 0, sizeof(dc));
	dc.a = ta;
	T_STREQ(learning_lesson_path(&dc, "demo", "intro"),
	    "/courses/demo/lessons/intro");
	T_STREQ(learning_quiz_path(&dc, "demo", "m01-quiz"),
	    "/courses/demo/quizzes/m01-quiz");
}

static int64_t
new_user(const char *email)
{
	struct user_row	u;
	int64_t		id = 0;

	memset(&u, 0, sizeof(u));
	u.email = (char *)email;
	u.display_name = (char *)"Learner";
	u.password_hash = (char *)"x";
	u.role = (char *)"learner";
	if (store_user_insert(tdb, &u, 1000, &id) != STORE_OK)
		printf("  user insert failed\n");
	return (id);
}

static void
test_store_enrolment(void)
{
	struct enrolment_row	*rows;
	struct learner_course	 lc;
	size_t			 n;
	int64_t			 u;

	u = new_user("e@example.org");
	T_ASSERT(store_learner_course(tdb, ta, u, "demo", &lc) == STORE_OK);
	T_ASSERT(!lc.enrolled && lc.ndone == 0 && lc.npassed == 0);
	T_ASSERT(store_enrolment_visit(tdb, u, "demo", "intro", 1001) ==
	    STORE_NOT_FOUND);
	T_ASSERT(store_enrolment_add(tdb, u, "demo", 1000) == STORE_OK);
	T_ASSERT(store_enrolment_add(tdb, u, "demo", 2000) == STORE_OK);
	T_ASSERT(store_learner_course(tdb, ta, u, "demo", &lc) == STORE_OK);
	T_ASSERT(lc.enrolled && lc.e.id > 0 && lc.e.enrolled_at == 1000 &&
	    lc.e.last_seen_at == 1000 && lc.e.completed_at == 0);
	T_STREQ(lc.e.last_lesson, "");
	T_STREQ(lc.e.course_slug, "demo");
	T_ASSERT(store_enrolment_visit(tdb, u, "demo", "fairness", 1500) ==
	    STORE_OK);
	T_ASSERT(store_enrolment_add(tdb, u, "other", 1200) == STORE_OK);
	T_ASSERT(store_enrolments_of(tdb, ta, u, &rows, &n) == STORE_OK);
	T_ASSERT(n == 2);
	if (n == 2) {
		T_STREQ(rows[0].course_slug, "demo");	/* seen last */
		T_STREQ(rows[0].last_lesson, "fairness");
	}
	T_ASSERT(store_enrolment_complete(tdb, u, "demo", 3000) == STORE_OK);
	T_ASSERT(store_enrolment_complete(tdb, u, "demo", 4000) ==
	    STORE_NOT_FOUND);
	T_ASSERT(store_learner_course(tdb, ta, u, "demo", &lc) == STORE_OK &&
	    lc.enrolled && lc.e.completed_at == 3000);
	T_STREQ(lc.e.last_lesson, "fairness");
	T_ASSERT(store_lesson_done_add(tdb, u, "demo", "intro", 10) ==
	    STORE_OK);
	T_ASSERT(store_lesson_done_add(tdb, u, "demo", "intro", 20) ==
	    STORE_OK);
	T_ASSERT(store_lesson_done_add(tdb, u, "demo", "privacy", 20) ==
	    STORE_OK);
	T_ASSERT(store_learner_course(tdb, ta, u, "demo", &lc) == STORE_OK &&
	    lc.enrolled && lc.ndone == 2 && lc.npassed == 0);
	if (lc.ndone == 2)
		T_ASSERT((strcmp(lc.done[0], "intro") == 0 &&
		    strcmp(lc.done[1], "privacy") == 0) ||
		    (strcmp(lc.done[0], "privacy") == 0 &&
		    strcmp(lc.done[1], "intro") == 0));
	T_ASSERT(store_learner_course(tdb, ta, u, "other", &lc) == STORE_OK &&
	    lc.enrolled && lc.ndone == 0);
}

static void
test_store_attempts(void)
{
	struct attempt_row	 r, *rows;
	struct learner_course	 lc;
	struct learning_key	*k;
	size_t			 n;
	int64_t			 u, v, id1, id2, idx;

	u = new_user("a@example.org");
	v = new_user("b@example.org");
	T_ASSERT(store_qa_insert(tdb, u, "demo", "m01-quiz", 1,
	    0x3fffffffffffffffLL, 100, &id1) == STORE_OK);
	T_ASSERT(store_qa_insert(tdb, u, "demo", "m01-quiz", 1, 7, 100,
	    &idx) == STORE_DUPLICATE);
	T_ASSERT(store_qa_insert(tdb, u, "demo", "m01-quiz", 2, 8, 100,
	    &id2) == STORE_OK);
	T_ASSERT(store_qa_insert(tdb, v, "demo", "m01-quiz", 1, 9, 100,
	    &idx) == STORE_OK);
	T_ASSERT(store_qa_get(tdb, ta, id1, &r) == STORE_OK);
	T_ASSERT(r.user_id == u && r.seed == 0x3fffffffffffffffLL &&
	    r.submitted_at == 0 && r.number == 1);
	T_ASSERT(store_qa_submit(tdb, id1, "q1=b\n", "q1=1\nq2=0\n", 3, 4, 75,
	    1, 200) ==
	    STORE_OK);
	T_ASSERT(store_qa_submit(tdb, id1, "q1=c\n", "q1=1\n", 4, 4, 100,
	    1, 300) ==
	    STORE_NOT_FOUND);
	T_ASSERT(store_qa_get(tdb, ta, id1, &r) == STORE_OK);
	T_STREQ(r.answers, "q1=b\n");
	T_STREQ(r.results, "q1=1\nq2=0\n");
	T_ASSERT(r.percent == 75 && r.passed && r.submitted_at == 200);
	T_ASSERT(store_qa_list(tdb, ta, u, "demo", "m01-quiz", &rows, &n) ==
	    STORE_OK && n == 2);
	T_ASSERT(store_quizzes_passed(tdb, ta, u, "demo", &k, &n) ==
	    STORE_OK && n == 1);
	T_ASSERT(store_quizzes_passed(tdb, ta, u, NULL, &k, &n) ==
	    STORE_OK && n == 1);
	T_ASSERT(store_quizzes_passed(tdb, ta, v, NULL, &k, &n) ==
	    STORE_OK && n == 0);
	/* A second pass of the same quiz is one quiz passed. */
	T_ASSERT(store_qa_submit(tdb, id2, "q1=b\n", "q1=1\n", 4, 4, 100,
	    1, 400) ==
	    STORE_OK);
	T_ASSERT(store_learner_course(tdb, ta, u, "demo", &lc) == STORE_OK &&
	    !lc.enrolled && lc.ndone == 0 && lc.npassed == 1);
	if (lc.npassed == 1)
		T_STREQ(lc.passed[0], "m01-quiz");
	T_ASSERT(store_learner_course(tdb, ta, v, "demo", &lc) == STORE_OK &&
	    lc.npassed == 0);
	T_ASSERT(store_qa_get(tdb, ta, 999999, &r) == STORE_NOT_FOUND);
	/* Issue 13.3: attempts granted add up, per learner and quiz. */
	T_ASSERT(store_quiz_grant_get(tdb, u, "demo", "m01-quiz", &idx) ==
	    STORE_OK && idx == 0);
	T_ASSERT(store_quiz_grant_add(tdb, u, "demo", "m01-quiz", 2) ==
	    STORE_OK);
	T_ASSERT(store_quiz_grant_add(tdb, u, "demo", "m01-quiz", 1) ==
	    STORE_OK);
	T_ASSERT(store_quiz_grant_get(tdb, u, "demo", "m01-quiz", &idx) ==
	    STORE_OK && idx == 3);
	T_ASSERT(store_quiz_grant_get(tdb, v, "demo", "m01-quiz", &idx) ==
	    STORE_OK && idx == 0);
	T_ASSERT(store_quiz_grant_get(tdb, u, "demo", "m02-quiz", &idx) ==
	    STORE_OK && idx == 0);
}

/*
 * Reading is not writing (issue 14.5): a lesson view waits in the process
 * and writes nothing until learning_visits_flush(), which writes every
 * waiting view in one transaction; a later write (a lesson marked done,
 * another process) is never overwritten by an older view; past
 * LEARNING_VISITS_MAX waiting views, a view is written at once.
 */
static void
test_store_visits(void)
{
	struct dctx		 dc;
	struct user		 usr;
	struct learner_course	 lc;
	const char		*slug;
	size_t			 i;

	memset(&dc, 0, sizeof(dc));
	memset(&usr, 0, sizeof(usr));
	dc.db = tdb;
	dc.a = ta;
	dc.now = 5000;
	usr.id = new_user("v@example.org");
	dc.user = &usr;
	/* A view in the second of the enrolment is written (it follows
	 * the enrolment, whose answer leads to the course). */
	T_ASSERT(store_enrolment_add(tdb, usr.id, "demo", 5000) == STORE_OK);
	T_ASSERT(learning_lesson_visited(&dc, "demo", "intro") == RES_OK);
	T_ASSERT(learning_visits_flush(&dc) == RES_OK);
	T_ASSERT(store_learner_course(tdb, ta, usr.id, "demo", &lc) ==
	    STORE_OK && lc.e.last_seen_at == 5000);
	T_STREQ(lc.e.last_lesson, "intro");
	T_ASSERT(store_enrolment_visit(tdb, usr.id, "demo", "", 4000) ==
	    STORE_OK);
	T_ASSERT(learning_visits_pending() == 0);
	T_ASSERT(learning_lesson_visited(&dc, "demo", "history") == RES_OK);
	T_ASSERT(learning_lesson_visited(&dc, "demo", "fairness") == RES_OK);
	/* Nothing written yet; one waiting view for the course. */
	T_ASSERT(store_learner_course(tdb, ta, usr.id, "demo", &lc) ==
	    STORE_OK && lc.enrolled && lc.e.last_seen_at == 4000);
	T_STREQ(lc.e.last_lesson, "");
	T_ASSERT(learning_visits_pending() == 1);
	T_ASSERT(learning_visits_flush(&dc) == RES_OK);
	T_ASSERT(learning_visits_pending() == 0);
	T_ASSERT(store_learner_course(tdb, ta, usr.id, "demo", &lc) ==
	    STORE_OK && lc.e.last_seen_at == 5000);
	T_STREQ(lc.e.last_lesson, "fairness");
	/* A view older than a write made meanwhile loses. */
	dc.now = 6000;
	T_ASSERT(learning_lesson_visited(&dc, "demo", "intro") == RES_OK);
	T_ASSERT(store_enrolment_visit(tdb, usr.id, "demo", "privacy", 6001) ==
	    STORE_OK);
	T_ASSERT(learning_visits_flush(&dc) == RES_OK);
	T_ASSERT(store_learner_course(tdb, ta, usr.id, "demo", &lc) ==
	    STORE_OK);
	T_STREQ(lc.e.last_lesson, "privacy");
	/* Not enrolled: the flush writes nothing and fails nothing. */
	T_ASSERT(learning_lesson_visited(&dc, "other-course", "x") == RES_OK);
	T_ASSERT(learning_visits_flush(&dc) == RES_OK);
	T_ASSERT(store_learner_course(tdb, ta, usr.id, "other-course", &lc)
	    == STORE_OK && !lc.enrolled);
	/* A full table: the next view is written at once. */
	dc.now = 7000;
	for (i = 0; i < LEARNING_VISITS_MAX; i++) {
		slug = arena_printf(ta, "course-%zu", i);
		T_ASSERT(learning_lesson_visited(&dc, slug, "x") == RES_OK);
	}
	T_ASSERT(learning_visits_pending() == LEARNING_VISITS_MAX);
	T_ASSERT(learning_lesson_visited(&dc, "demo", "history") == RES_OK);
	T_ASSERT(store_learner_course(tdb, ta, usr.id, "demo", &lc) ==
	    STORE_OK);
	T_STREQ(lc.e.last_lesson, "history");
	T_ASSERT(learning_visits_flush(&dc) == RES_OK);
	T_ASSERT(learning_visits_pending() == 0);
}

/* Naps taken in SQLite's busy handler (db_sqlite_busy_hook). */
static int	naps;

static void
nap_note(void *arg, int count, long us)
{
	(void)arg;
	(void)count;
	(void)us;
	naps++;
}

/* The lessons of user in slug marked done (-1: cannot read). */
static long
ndone(int64_t user, const char *slug)
{
	struct learner_course	lc;

	if (store_learner_course(tdb, ta, user, slug, &lc) != STORE_OK)
		return (-1);
	return ((long)lc.ndone);
}

/*
 * Group commit (issue 14.4): lesson marks wait in the process until
 * learning_marks_flush() writes them all in one transaction, each under
 * a savepoint. A mark that fails (its user is not in the database: the
 * foreign key refuses it, which on PostgreSQL aborts the transaction
 * until the savepoint is rolled back) answers RES_INTERNAL and writes
 * nothing, the others are written; a batch whose transaction cannot
 * begin writes nothing and answers every mark RES_INTERNAL; a request
 * that goes leaves the batch; the second call answers with the result;
 * on SQLite, a flush that may not wait leaves the batch waiting when
 * another connection holds the write lock.
 */
static void
test_marks_batch(void)
{
	struct dctx		 dc;
	struct user		 u1, u2, ghost;
	struct learning_mark	 m1, m2, m3, m4, mg;
	struct pkg_errors	 errs;
	struct db		*other;
	const char		*slug, *next;
	int64_t			 version;
	uint64_t		 trips;
	int			 changed;

	memset(&dc, 0, sizeof(dc));
	memset(&u1, 0, sizeof(u1));
	dc.db = tdb;
	dc.a = ta;
	dc.now = 9000;
	pkg_errors_init(&errs, ta, "");
	T_ASSERT(course_import_dir(&dc, "content/courses/demo-intro", 1,
	    &errs, &slug, &version, &changed) == RES_OK);
	u2 = ghost = u1;
	u1.id = new_user("m1@example.org");
	u2.id = new_user("m2@example.org");
	ghost.id = u2.id + 1000;
	memset(&m1, 0, sizeof(m1));
	m2 = m3 = m4 = mg = m1;

	/* Three marks of two learners and one of a user who does not
	 * exist: all wait, nothing is written before the flush. */
	dc.user = &u1;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &m1,
	    &next) == RES_PENDING && next == NULL);
	T_ASSERT(learning_lesson_done(&dc, "demo-intro",
	    "spotting-questions", &m2, &next) == RES_PENDING);
	dc.user = &ghost;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &mg,
	    &next) == RES_PENDING);
	dc.user = &u2;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &m3,
	    &next) == RES_PENDING);
	/* Unknown lessons are refused at once, never queued. */
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "no-such", &m4,
	    &next) == RES_NOT_FOUND && m4.state == LEARNING_MARK_NEW);
	T_ASSERT(learning_marks_pending() == 4);
	T_ASSERT(ndone(u1.id, "demo-intro") == 0);
	T_ASSERT(ndone(u2.id, "demo-intro") == 0);
	/* Called again before the flush: still waiting. */
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &m3,
	    &next) == RES_PENDING);

	dc.user = NULL;
	T_ASSERT(learning_marks_flush(&dc, 1) == RES_OK);
	T_ASSERT(learning_marks_pending() == 0);
	T_ASSERT(m1.state == LEARNING_MARK_FLUSHED && m1.r == RES_OK);
	T_ASSERT(m2.r == RES_OK && m3.r == RES_OK && !m3.durable);
	T_ASSERT(mg.state == LEARNING_MARK_FLUSHED && mg.r == RES_INTERNAL);
	T_ASSERT(ndone(u1.id, "demo-intro") == 2);
	T_ASSERT(ndone(u2.id, "demo-intro") == 1);
	T_ASSERT(ndone(ghost.id, "demo-intro") == 0);
	T_ASSERT(!store_in_tx(tdb));

	/* The second calls answer with each mark's result, from the mark:
	 * no statement runs (the first call read the course). */
	dc.user = &u2;
	trips = store_trips(tdb);
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &m3,
	    &next) == RES_OK && next != NULL && strstr(next,
	    "spotting-questions") != NULL);
	T_ASSERT(store_trips(tdb) == trips);
	dc.user = &ghost;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &mg,
	    &next) == RES_INTERNAL);
	/* Another user's mark is never answered for this one. */
	dc.user = &u1;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &m3,
	    &next) == RES_INTERNAL);

	/* A request that goes takes its mark out of the batch. */
	memset(&m4, 0, sizeof(m4));
	dc.user = &u2;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro",
	    "spotting-questions", &m4, &next) == RES_PENDING);
	learning_mark_cancel(&m4);
	T_ASSERT(learning_marks_pending() == 0 &&
	    m4.state == LEARNING_MARK_NEW);

	/* A batch whose transaction cannot begin (one is open already):
	 * nothing written, every mark told. */
	memset(&m4, 0, sizeof(m4));
	T_ASSERT(learning_lesson_done(&dc, "demo-intro",
	    "spotting-questions", &m4, &next) == RES_PENDING);
	T_ASSERT(store_begin(tdb) == STORE_OK);
	dc.user = NULL;
	T_ASSERT(learning_marks_flush(&dc, 1) == RES_INTERNAL);
	T_ASSERT(m4.state == LEARNING_MARK_FLUSHED && m4.r == RES_INTERNAL);
	T_ASSERT(store_rollback(tdb) == STORE_OK);
	T_ASSERT(ndone(u2.id, "demo-intro") == 1);
	T_ASSERT(learning_marks_pending() == 0);

	/* SQLite, the write lock held by another connection (the other
	 * worker): without wait the flush leaves the batch waiting at once,
	 * not napping in the busy handler; once the lock is free it writes. */
	if (tstore_dir[0] != '\0') {
		T_ASSERT((other = tstore_open_other()) != NULL);
		memset(&m4, 0, sizeof(m4));
		dc.user = &u2;
		T_ASSERT(learning_lesson_done(&dc, "demo-intro",
		    "spotting-questions", &m4, &next) == RES_PENDING);
		T_ASSERT(store_begin(other) == STORE_OK);
		dc.user = NULL;
		naps = 0;
		db_sqlite_busy_hook(nap_note, NULL);
		T_ASSERT(learning_marks_flush(&dc, 0) == RES_PENDING);
		db_sqlite_busy_hook(NULL, NULL);
		T_ASSERT(naps == 0);
		T_ASSERT(m4.state == LEARNING_MARK_QUEUED &&
		    learning_marks_pending() == 1 && !store_in_tx(tdb));
		T_ASSERT(store_rollback(other) == STORE_OK);
		T_ASSERT(learning_marks_flush(&dc, 0) == RES_OK);
		T_ASSERT(m4.state == LEARNING_MARK_FLUSHED && m4.r == RES_OK);
		T_ASSERT(ndone(u2.id, "demo-intro") == 2);
		store_close(other);
		dc.user = &u2;
	}

	/* Without a mark (NULL) it is written at once, as before. */
	dc.user = &u2;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro",
	    "spotting-questions", NULL, &next) == RES_OK);
	T_ASSERT(ndone(u2.id, "demo-intro") == 2);
}


/* Commits noted by test_marks_durable's triggers with what and sc, taken
 * off the table; -1 when it cannot be read. */
static long
commits_take(const char *what, const char *sc)
{
	static const char	*sel = "SELECT COUNT(*) FROM t_commits WHERE "
	    "what = $1 AND sc = $2";
	static const char	*del = "DELETE FROM t_commits WHERE "
	    "what = $1 AND sc = $2";
	struct db_stmt		*st;
	long			 n = -1;

	if ((st = db_prepare(tdb, sel)) == NULL)
		return (-1);
	db_bind_text(st, 1, what);
	db_bind_text(st, 2, sc);
	if (db_step(st) == DB_ROW)
		n = (long)db_col_int(st, 0);
	db_reset(st);
	if ((st = db_prepare(tdb, del)) == NULL)
		return (-1);
	db_bind_text(st, 1, what);
	db_bind_text(st, 2, sc);
	if (db_step(st) != DB_DONE)
		n = -1;
	db_reset(st);
	return (n);
}

/*
 * PostgreSQL: a lesson mark's batch commits with synchronous_commit off
 * (a lazy transaction, db_begin_lazy), but the mark that completes the
 * course (the certificate's ground) is committed with it on, and with
 * the operator's ETHICA_DURABILITY=full every mark is. A deferred
 * trigger checks the setting at each commit that keeps such a row (a
 * row rolled back to its savepoint fires nothing). The test cluster runs
 * with synchronous_commit off: this session sets it on first, as a
 * production server has it.
 */
static void
test_marks_durable(void)
{
	struct dctx		 dc;
	struct user		 u;
	struct learning_mark	 m1, m2;
	struct pkg_errors	 errs;
	const char		*slug, *next;
	int64_t			 version, qa;
	int			 changed;

	if (db_kind(tdb) != DB_PG) {
		printf("ok test_marks_durable: skipped on SQLite (its fsyncs "
		    "are counted in test_db test_lazy_no_fsync)\n");
		return;
	}
	T_ASSERT(db_exec(tdb, "SET synchronous_commit TO on") == DB_OK);
	T_ASSERT(db_exec(tdb, "CREATE TABLE t_commits (what TEXT, sc TEXT)")
	    == DB_OK);
	T_ASSERT(db_exec(tdb, "CREATE FUNCTION t_note() RETURNS trigger "
	    "LANGUAGE plpgsql AS $$ BEGIN "
	    "INSERT INTO t_commits VALUES (TG_ARGV[0], "
	    "current_setting('synchronous_commit')); RETURN NULL; END $$; "
	    "CREATE CONSTRAINT TRIGGER t_done AFTER INSERT ON lesson_progress "
	    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
	    "EXECUTE FUNCTION t_note('done'); "
	    "CREATE CONSTRAINT TRIGGER t_complete AFTER UPDATE ON enrolments "
	    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
	    "WHEN (NEW.completed_at IS NOT NULL AND OLD.completed_at IS NULL) "
	    "EXECUTE FUNCTION t_note('complete')") == DB_OK);
	T_ASSERT(unsetenv("ETHICA_DURABILITY") == 0);
	memset(&dc, 0, sizeof(dc));
	memset(&u, 0, sizeof(u));
	dc.db = tdb;
	dc.a = ta;
	dc.now = 9500;
	pkg_errors_init(&errs, ta, "");
	T_ASSERT(course_import_dir(&dc, "content/courses/demo-intro", 1,
	    &errs, &slug, &version, &changed) == RES_OK);
	u.id = new_user("durable@example.org");
	/* The graded quiz passed: the second lesson completes the course. */
	T_ASSERT(store_qa_insert(tdb, u.id, "demo-intro", "m01-quiz", 1, 7,
	    9000, &qa) == STORE_OK);
	T_ASSERT(store_qa_submit(tdb, qa, "q1=b\n", "q1=1\n", 1, 1, 100,
	    1, 9001) == STORE_OK);
	memset(&m1, 0, sizeof(m1));
	m2 = m1;

	/* A mark that does not complete the course: lazy. */
	dc.user = &u;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &m1,
	    &next) == RES_PENDING);
	dc.user = NULL;
	T_ASSERT(learning_marks_flush(&dc, 1) == RES_OK);
	T_ASSERT(m1.r == RES_OK && !m1.durable);
	T_ASSERT(commits_take("done", "off") == 1);

	/* The mark that completes it: undone in the batch, made again by
	 * its second call, on. */
	dc.user = &u;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro",
	    "spotting-questions", &m2, &next) == RES_PENDING);
	dc.user = NULL;
	T_ASSERT(learning_marks_flush(&dc, 1) == RES_OK);
	T_ASSERT(m2.r == RES_OK && m2.durable);
	dc.user = &u;
	T_ASSERT(learning_lesson_done(&dc, "demo-intro",
	    "spotting-questions", &m2, &next) == RES_OK && next != NULL);
	T_ASSERT(commits_take("done", "on") == 1);
	T_ASSERT(commits_take("complete", "on") == 1);
	T_ASSERT(commits_take("done", "off") == 0);
	T_ASSERT(commits_take("complete", "off") == 0);

	/* The operator's switch: a mark of another learner, on. */
	T_ASSERT(setenv("ETHICA_DURABILITY", "full", 1) == 0);
	u.id = new_user("durable2@example.org");
	memset(&m1, 0, sizeof(m1));
	T_ASSERT(learning_lesson_done(&dc, "demo-intro", "why-ethics", &m1,
	    &next) == RES_PENDING);
	dc.user = NULL;
	T_ASSERT(learning_marks_flush(&dc, 1) == RES_OK && m1.r == RES_OK);
	T_ASSERT(commits_take("done", "on") == 1);
	T_ASSERT(commits_take("done", "off") == 0);
	T_ASSERT(unsetenv("ETHICA_DURABILITY") == 0);
	T_ASSERT(db_exec(tdb, "DROP TRIGGER t_done ON lesson_progress; "
	    "DROP TRIGGER t_complete ON enrolments; DROP TABLE t_commits; "
	    "DROP FUNCTION t_note(); SET synchronous_commit TO DEFAULT") ==
	    DB_OK);
}

static void
run_store(int pg)
{
	if ((tdb = tstore_open(pg)) == NULL) {
		if (pg && !t_have_pg())
			T_SKIPPED("PostgreSQL backend", "ETHICA_TEST_PG unset");
		else {
			printf("FAIL cannot open a store\n");
			t_failed++;
		}
		return;
	}
	printf("# backend %s\n", store_backend(tdb));
	T_RUN(test_store_enrolment);
	T_RUN(test_store_attempts);
	T_RUN(test_store_visits);
	T_RUN(test_marks_batch);
	T_RUN(test_marks_durable);
	tstore_close(tdb);
}

int
main(void)
{
	ta = arena_new();
	T_RUN(test_rule);
	T_RUN(test_next);
	T_RUN(test_tally);
	T_RUN(test_continue);
	T_RUN(test_paths);
	run_store(0);
	run_store(1);
	arena_free(ta);
	return (t_done());
}
