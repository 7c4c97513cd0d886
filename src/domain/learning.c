/*
 * learning.c: enrolment, lesson progress, quiz attempts, the completion
 * rule and the dashboard (see learning.h). Owns the meaning of the
 * learning tables; asks course.h for outlines and quizzes, quiz_grade.h
 * for grading. Never shows one learner another's rows, never grades on
 * anything but the stored quiz, and writes nothing when input is refused.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "domain/audit.h"
#include "domain/certificate.h"
#include "domain/course_view.h"
#include "domain/learning.h"
#include "domain/policy.h"
#include "domain/quiz.h"
#include "lib/mem.h"
#include "store/store.h"

#ifndef N_
#define N_(s)	(s)	/* marks msgids for xgettext */
#endif

static void	(*hooks[LEARNING_MAX_HOOKS])(struct dctx *, int64_t,
		    const char *);
static size_t	nhooks;

static void	 run_hooks(struct dctx *, const char *);
struct visit;
static struct visit *visit_find(int64_t, const char *);
static void	 visit_forget(int64_t, const char *);
static const char *visit_last(struct dctx *, int64_t, const char *,
		    const char *);
static int	 key_in(char *const *, size_t, const char *);
static ssize_t	 lesson_index(const struct course_outline *,
		    const char *);
static enum result load_flags(struct dctx *, const char *,
		    struct learning_progress *);
static enum result check_complete(struct dctx *, const char *, int *);
static enum result mark_done(struct dctx *, const char *, const char *, int,
		    int *);
static enum result mark_writes(struct dctx *, const char *, const char *,
		    int *);
static enum result mark_answer(struct dctx *, const char *, const char *,
		    const struct learning_mark *, const char **);
static enum result mark_end(struct dctx *, const char *, enum result, int);
static int	 mark_queue(struct dctx *, const char *, const char *,
		    const char *, struct learning_mark *);
static int	 mark_cmp(const void *, const void *);
static const char *after_lesson(struct dctx *, const struct course_outline *,
		    const char *, size_t);
static int	 attempts_left(const struct quiz *, size_t, int64_t);
static enum result granted(struct dctx *, const char *, const char *,
		    int64_t *);
static int	 may_grant(struct dctx *, const char *);
static int	 any_answered(const struct quiz_answers *);
static enum result attempt_load(struct dctx *, const char *, const char *,
		    int64_t, const char *, struct learning_attempt *);

int
learning_on_complete(void (*fn)(struct dctx *, int64_t, const char *))
{
	size_t	i;

	for (i = 0; i < nhooks; i++)
		if (hooks[i] == fn)
			return (0);
	if (nhooks == LEARNING_MAX_HOOKS)
		return (-1);
	hooks[nhooks++] = fn;
	return (0);
}

static void
run_hooks(struct dctx *dc, const char *slug)
{
	size_t	i;

	for (i = 0; i < nhooks; i++)
		hooks[i](dc, dc->user->id, slug);
}


/* ---- pure helpers ---- */

int
learning_rule_met(const struct course_outline *o, const int *done,
    const int *passed)
{
	size_t	i;

	for (i = 0; i < o->nlessons; i++)
		if (o->lessons[i].required && !done[i])
			return (0);
	if (!o->quizzes_graded)
		return (1);
	for (i = 0; i < o->nquizzes; i++)
		if (o->quizzes[i].graded && !passed[i])
			return (0);
	return (1);
}

static ssize_t
lesson_index(const struct course_outline *o, const char *key)
{
	size_t	i;

	if (key == NULL || *key == '\0')
		return (-1);
	for (i = 0; i < o->nlessons; i++)
		if (strcmp(o->lessons[i].key, key) == 0)
			return ((ssize_t)i);
	return (-1);
}

ssize_t
learning_next_lesson(const struct course_outline *o, const int *done,
    const char *last)
{
	size_t	i, start, k;
	ssize_t	li;

	if (o->nlessons == 0)
		return (-1);
	li = lesson_index(o, last);
	start = li == -1 ? 0 : (size_t)li + 1;
	for (k = 0; k < o->nlessons; k++) {
		i = (start + k) % o->nlessons;
		if (!done[i])
			return ((ssize_t)i);
	}
	return (-1);
}

void
learning_tally(struct dctx *dc, struct learning_progress *p)
{
	const struct course_outline	*o = &p->outline;
	size_t				 i, m;

	p->module_done = arena_alloc(dc->a, sizeof(size_t) *
	    (o->nmodules + 1));
	p->steps_done = p->steps_total = 0;
	for (i = 0; i < o->nlessons; i++) {
		if (p->lesson_done[i]) {
			for (m = 0; m < o->nmodules; m++)
				if (i >= o->modules[m].first &&
				    i < o->modules[m].first +
				    o->modules[m].nlessons)
					p->module_done[m]++;
		}
		if (!o->lessons[i].required)
			continue;
		p->steps_total++;
		p->steps_done += p->lesson_done[i] != 0;
	}
	for (i = 0; o->quizzes_graded && i < o->nquizzes; i++) {
		if (!o->quizzes[i].graded)
			continue;
		p->steps_total++;
		p->steps_done += p->quiz_passed[i] != 0;
	}
	p->percent = p->steps_total == 0 ? 100 :
	    (int)(p->steps_done * 100 / p->steps_total);
	p->complete = learning_rule_met(o, p->lesson_done, p->quiz_passed);
	p->next = learning_next_lesson(o, p->lesson_done, p->last_lesson);
}

void
learning_continue(struct dctx *dc, const char *slug,
    const struct learning_progress *p, const char **path, const char **title)
{
	const struct course_outline	*o = &p->outline;
	size_t				 i;

	*path = *title = NULL;
	if (p->next >= 0) {
		*path = learning_lesson_path(dc, slug,
		    o->lessons[p->next].key);
		*title = o->lessons[p->next].title;
		return;
	}
	for (i = 0; o->quizzes_graded && i < o->nquizzes; i++) {
		if (!o->quizzes[i].graded || p->quiz_passed[i])
			continue;
		*path = learning_quiz_path(dc, slug, o->quizzes[i].id);
		*title = o->quizzes[i].title;
		return;
	}
}

const char *
learning_lesson_path(struct dctx *dc, const char *slug, const char *key)
{
	return (arena_printf(dc->a, "/courses/%s/lessons/%s", slug, key));
}

const char *
learning_quiz_path(struct dctx *dc, const char *slug, const char *quiz_id)
{
	return (arena_printf(dc->a, "/courses/%s/quizzes/%s", slug, quiz_id));
}

/* ---- progress ---- */

static int
key_in(char *const *keys, size_t n, const char *k)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i], k) == 0)
			return (1);
	return (0);
}

/* Reads the user's flags for p->outline (anonymous: all zero). */
static enum result
load_flags(struct dctx *dc, const char *slug, struct learning_progress *p)
{
	const struct course_outline	*o = &p->outline;
	struct learner_course		 lc;
	size_t				 i, k;

	p->lesson_done = arena_alloc(dc->a, sizeof(int) * (o->nlessons + 1));
	p->quiz_passed = arena_alloc(dc->a, sizeof(int) * (o->nquizzes + 1));
	p->last_lesson = "";
	if (dc->user == NULL)
		return (RES_OK);
	if (store_learner_course(dc->db, dc->a, dc->user->id, slug, &lc) !=
	    STORE_OK)
		return (RES_INTERNAL);
	if (lc.enrolled) {
		p->enrolled = 1;
		p->last_lesson = visit_last(dc, dc->user->id, slug,
		    lc.e.last_lesson);
		p->completed_at = lc.e.completed_at;
	}
	for (i = 0; i < o->nlessons; i++)
		p->lesson_done[i] = key_in(lc.done, lc.ndone,
		    o->lessons[i].key);
	for (i = 0; i < o->nquizzes; i++)
		for (k = 0; k < lc.npassed; k++)
			if (strcmp(lc.passed[k], o->quizzes[i].id) == 0)
				p->quiz_passed[i] = 1;
	return (RES_OK);
}

enum result
learning_progress_get(struct dctx *dc, const char *slug, const char *lang,
    struct learning_progress *p)
{
	enum result	r;

	memset(p, 0, sizeof(*p));
	if ((r = course_outline(dc, slug, lang, &p->outline)) != RES_OK)
		return (r);
	if ((r = load_flags(dc, slug, p)) != RES_OK)
		return (r);
	learning_tally(dc, p);
	return (RES_OK);
}

/*
 * Inside the caller's transaction: records completion when the rule is
 * met and was not recorded before; *now_complete says so.
 */
static enum result
check_complete(struct dctx *dc, const char *slug, int *now_complete)
{
	struct learning_progress	p;
	enum result			r;
	int				rc;

	*now_complete = 0;
	if ((r = learning_progress_get(dc, slug, NULL, &p)) != RES_OK)
		return (r);
	if (!p.complete || p.completed_at != 0)
		return (RES_OK);
	rc = store_enrolment_complete(dc->db, dc->user->id, slug, dc->now);
	if (rc == STORE_OK)
		*now_complete = 1;
	else if (rc != STORE_NOT_FOUND)
		return (RES_INTERNAL);
	return (RES_OK);
}

/* ---- enrolment and lessons ---- */

enum result
learning_enrol(struct dctx *dc, const char *slug, const char **next)
{
	struct learning_progress	p;
	const char			*title;
	enum result			r;

	*next = NULL;
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if ((r = learning_progress_get(dc, slug, NULL, &p)) != RES_OK)
		return (r);
	if (!p.enrolled && store_enrolment_add(dc->db, dc->user->id, slug,
	    dc->now) != STORE_OK)
		return (RES_INTERNAL);
	learning_continue(dc, slug, &p, next, &title);
	if (*next == NULL || p.complete)
		*next = arena_printf(dc->a, "/courses/%s", slug);
	return (RES_OK);
}

enum result
learning_course_state(struct dctx *dc, const char *slug, const char *lang,
    struct learning_course_state *st)
{
	struct certificate	*certs;
	enum result		 r;
	size_t			 n, i;

	memset(st, 0, sizeof(*st));
	if ((r = learning_progress_get(dc, slug, lang, &st->p)) != RES_OK)
		return (r);
	if (dc->user == NULL || !st->p.enrolled)
		return (RES_OK);
	if (!st->p.complete || st->p.completed_at == 0)
		learning_continue(dc, slug, &st->p, &st->continue_path,
		    &st->continue_title);
	if (st->p.completed_at == 0)
		return (RES_OK);
	if ((r = certificate_list_for_user(dc, dc->user->id, &certs, &n)) !=
	    RES_OK)
		return (r);
	for (i = 0; i < n; i++)
		if (strcmp(certs[i].r.course_slug, slug) == 0 &&
		    certs[i].r.revoked_at == 0) {
			st->certificate_path = arena_printf(dc->a,
			    "/certificates/%s", certs[i].r.slug);
			break;
		}
	return (RES_OK);
}

/* Longest course slug or lesson key a waiting visit holds. */
#define VISIT_KEY	128

/* A lesson view not yet written (see learning_lesson_visited()). */
struct visit {
	int64_t	 user_id;
	int64_t	 at;
	char	 slug[VISIT_KEY];
	char	 key[VISIT_KEY];
};
static struct visit	visits[LEARNING_VISITS_MAX];
static size_t		nvisits;

/* The waiting visit of user in course slug, or NULL. */
static struct visit *
visit_find(int64_t user_id, const char *slug)
{
	size_t	i;

	for (i = 0; i < nvisits; i++)
		if (visits[i].user_id == user_id &&
		    strcmp(visits[i].slug, slug) == 0)
			return (&visits[i]);
	return (NULL);
}

/* Drops the waiting visit of user in slug (a write made it old). */
static void
visit_forget(int64_t user_id, const char *slug)
{
	struct visit	*v;

	if ((v = visit_find(user_id, slug)) != NULL)
		*v = visits[--nvisits];
}

/* The last lesson of the user in slug: a waiting visit, else stored. */
static const char *
visit_last(struct dctx *dc, int64_t user_id, const char *slug,
    const char *stored)
{
	struct visit	*v;

	if ((v = visit_find(user_id, slug)) == NULL)
		return (stored);
	return (arena_strdup(dc->a, v->key));
}

enum result
learning_lesson_visited(struct dctx *dc, const char *slug,
    const char *lesson_key)
{
	struct visit	*v;
	size_t		 ns, nk;
	int		 rc;

	if (dc->user == NULL)
		return (RES_OK);
	ns = strlen(slug);
	nk = strlen(lesson_key);
	if (ns < VISIT_KEY && nk < VISIT_KEY) {
		if ((v = visit_find(dc->user->id, slug)) == NULL &&
		    nvisits < LEARNING_VISITS_MAX) {
			v = &visits[nvisits++];
			v->user_id = dc->user->id;
			memcpy(v->slug, slug, ns + 1);
		}
		if (v != NULL) {
			memcpy(v->key, lesson_key, nk + 1);
			v->at = dc->now;
			return (RES_OK);
		}
	}
	rc = store_enrolment_visit(dc->db, dc->user->id, slug, lesson_key,
	    dc->now);
	return (rc == STORE_OK || rc == STORE_NOT_FOUND ? RES_OK :
	    RES_INTERNAL);
}

enum result
learning_visits_flush(struct dctx *dc)
{
	size_t	i;

	if (nvisits == 0)
		return (RES_OK);
	/* Where a learner left off: a power failure may lose it. */
	if (store_begin_lazy(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < nvisits; i++)
		if (store_enrolment_seen(dc->db, visits[i].user_id,
		    visits[i].slug, visits[i].key, visits[i].at) != STORE_OK)
			goto fail;
	if (store_commit(dc->db) != STORE_OK)
		goto fail;
	nvisits = 0;
	return (RES_OK);
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

size_t
learning_visits_pending(void)
{
	return (nvisits);
}

enum result
learning_lesson_visit(struct dctx *dc, const char *slug,
    const char *lesson_key, struct learning_lesson_state *st)
{
	struct learning_progress	p;
	enum result			r;
	size_t				i;

	memset(st, 0, sizeof(*st));
	if (dc->user == NULL)
		return (RES_OK);
	st->signed_in = 1;
	if ((r = learning_progress_get(dc, slug, NULL, &p)) != RES_OK)
		return (r);
	if (!p.enrolled)
		return (RES_OK);
	st->enrolled = 1;
	st->steps_done = p.steps_done;
	st->steps_total = p.steps_total;
	st->percent = p.percent;
	st->complete = p.complete;
	for (i = 0; i < p.outline.nlessons; i++)
		if (strcmp(p.outline.lessons[i].key, lesson_key) == 0)
			st->done = p.lesson_done[i];
	if (strcmp(p.last_lesson, lesson_key) == 0)
		return (RES_OK);
	return (learning_lesson_visited(dc, slug, lesson_key));
}

/* Where to go after lesson i: the next lesson in its module, else the
 * module's quiz, else the next lesson, else the course page. */
static const char *
after_lesson(struct dctx *dc, const struct course_outline *o,
    const char *slug, size_t i)
{
	size_t	m;

	for (m = 0; m < o->nmodules; m++) {
		if (i + 1 == o->modules[m].first + o->modules[m].nlessons &&
		    o->modules[m].quiz_id != NULL)
			return (learning_quiz_path(dc, slug,
			    o->modules[m].quiz_id));
	}
	if (i + 1 < o->nlessons)
		return (learning_lesson_path(dc, slug, o->lessons[i + 1].key));
	return (arena_printf(dc->a, "/courses/%s", slug));
}

enum result
learning_lesson_done(struct dctx *dc, const char *slug,
    const char *lesson_key, struct learning_mark *m, const char **next)
{
	struct course_outline	o;
	const char		*after;
	enum result		r;
	ssize_t			li;
	int			completed;

	*next = NULL;
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if (m != NULL && m->state == LEARNING_MARK_QUEUED)
		return (RES_PENDING);
	if (m != NULL && m->state == LEARNING_MARK_FLUSHED)
		return (mark_answer(dc, slug, lesson_key, m, next));
	if ((r = course_outline(dc, slug, NULL, &o)) != RES_OK)
		return (r);
	if ((li = lesson_index(&o, lesson_key)) == -1)
		return (RES_NOT_FOUND);
	after = after_lesson(dc, &o, slug, (size_t)li);
	/* A lesson mark lost in a power failure is made again by its
	 * learner: its commit need not wait for the disk. A mark that
	 * completes the course (the certificate's ground) does wait: it is
	 * made again in a durable transaction. */
	if (m != NULL && mark_queue(dc, slug, lesson_key, after, m) == 0)
		return (RES_PENDING);
	if ((r = mark_done(dc, slug, lesson_key, 1, &completed)) == RES_OK &&
	    completed)
		r = mark_done(dc, slug, lesson_key, 0, &completed);
	if ((r = mark_end(dc, slug, r, completed)) == RES_OK)
		*next = after;
	return (r);
}

/* After a mark's write with result r: the learner's waiting visit is
 * dropped and, when the mark completed the course, the completion hooks
 * run. Returns r. */
static enum result
mark_end(struct dctx *dc, const char *slug, enum result r, int completed)
{
	if (r != RES_OK)
		return (r);
	visit_forget(dc->user->id, slug);
	if (completed)
		run_hooks(dc, slug);
	return (RES_OK);
}

/*
 * The second call of a batched mark (m FLUSHED): the batch's answer,
 * with the durable transaction of a mark that completes the course. The
 * first call checked the course and lesson and kept where to go next.
 */
static enum result
mark_answer(struct dctx *dc, const char *slug, const char *lesson_key,
    const struct learning_mark *m, const char **next)
{
	enum result	r;
	int		completed;

	if (m->user_id != dc->user->id || strcmp(m->slug, slug) != 0 ||
	    strcmp(m->key, lesson_key) != 0)
		return (RES_INTERNAL);
	completed = 0;
	r = m->r;
	if (r == RES_OK && m->durable)
		r = mark_done(dc, slug, lesson_key, 0, &completed);
	if ((r = mark_end(dc, slug, r, completed)) == RES_OK)
		*next = arena_strdup(dc->a, m->next);
	return (r);
}

/*
 * Marks lesson_key of slug read by the user (enrolling them, moving where
 * they left off) and records the course's completion, in one transaction;
 * *completed says whether this mark completed it. With lazy set the
 * transaction is store_begin_lazy's, and a mark that completes the course
 * is rolled back instead of committed (the caller marks it again with
 * lazy 0). RES_OK or RES_INTERNAL (rolled back).
 */
static enum result
mark_done(struct dctx *dc, const char *slug, const char *lesson_key,
    int lazy, int *completed)
{
	*completed = 0;
	if ((lazy ? store_begin_lazy(dc->db) : store_begin(dc->db)) !=
	    STORE_OK)
		return (RES_INTERNAL);
	if (mark_writes(dc, slug, lesson_key, completed) != RES_OK)
		goto fail;
	if (*completed && lazy) {
		(void)store_rollback(dc->db);
		return (RES_OK);
	}
	if (store_commit(dc->db) != STORE_OK)
		goto fail;
	return (RES_OK);
fail:
	*completed = 0;
	return (dctx_abort(dc, RES_INTERNAL));
}

/*
 * Inside the caller's transaction: the writes of one lesson mark and the
 * course's completion when it is now met (*completed). RES_OK or
 * RES_INTERNAL (the caller undoes what was written).
 */
static enum result
mark_writes(struct dctx *dc, const char *slug, const char *lesson_key,
    int *completed)
{
	*completed = 0;
	if (store_enrolment_add(dc->db, dc->user->id, slug, dc->now) !=
	    STORE_OK || store_lesson_done_add(dc->db, dc->user->id, slug,
	    lesson_key, dc->now) != STORE_OK ||
	    store_enrolment_visit(dc->db, dc->user->id, slug, lesson_key,
	    dc->now) != STORE_OK)
		return (RES_INTERNAL);
	return (check_complete(dc, slug, completed));
}

/*
 * The lesson marks waiting for this process's next batch (group commit,
 * issue 14.4): one transaction for the marks of one pass of a worker's
 * event loop, instead of one each. Owned by their requests.
 */
static struct learning_mark	*marks[LEARNING_MARKS_MAX];
static size_t			 nmarks;

/* Puts m in the batch, answering with next once written: 0, or -1 when
 * the batch is full or a key or next too long (the caller writes the
 * mark at once). */
static int
mark_queue(struct dctx *dc, const char *slug, const char *lesson_key,
    const char *next, struct learning_mark *m)
{
	size_t	ns, nk, nn;

	ns = strlen(slug);
	nk = strlen(lesson_key);
	nn = strlen(next);
	if (nmarks >= LEARNING_MARKS_MAX || ns >= sizeof(m->slug) ||
	    nk >= sizeof(m->key) || nn >= sizeof(m->next))
		return (-1);
	memset(m, 0, sizeof(*m));
	m->user_id = dc->user->id;
	m->at = dc->now;
	memcpy(m->slug, slug, ns + 1);
	memcpy(m->key, lesson_key, nk + 1);
	memcpy(m->next, next, nn + 1);
	m->state = LEARNING_MARK_QUEUED;
	m->r = RES_PENDING;
	marks[nmarks++] = m;
	return (0);
}

/* The order of a batch: learner, course, lesson. */
static int
mark_cmp(const void *a, const void *b)
{
	const struct learning_mark	*x = *(struct learning_mark *const *)a;
	const struct learning_mark	*y = *(struct learning_mark *const *)b;
	int				 c;

	if (x->user_id != y->user_id)
		return (x->user_id < y->user_id ? -1 : 1);
	if ((c = strcmp(x->slug, y->slug)) != 0)
		return (c);
	return (strcmp(x->key, y->key));
}

void
learning_mark_cancel(struct learning_mark *m)
{
	size_t	i;

	if (m->state != LEARNING_MARK_QUEUED)
		return;
	for (i = 0; i < nmarks; i++)
		if (marks[i] == m) {
			memmove(&marks[i], &marks[i + 1], (nmarks - i - 1) *
			    sizeof(marks[0]));
			nmarks--;
			break;
		}
	m->state = LEARNING_MARK_NEW;
}

size_t
learning_marks_pending(void)
{
	return (nmarks);
}

enum result
learning_marks_flush(struct dctx *dc, int wait)
{
	struct learning_mark	*m;
	struct user		 u;
	const struct user	*was;
	enum result		 r;
	int64_t			 now;
	size_t			 i;
	int			 completed, keep, rc;

	if (nmarks == 0)
		return (RES_OK);
	/* In one order on every worker: two batches that lock the same
	 * learners' rows (PostgreSQL) then wait for each other, never
	 * deadlock (a second's stall each, deadlock_timeout). */
	qsort(marks, nmarks, sizeof(marks[0]), mark_cmp);
	was = dc->user;
	now = dc->now;
	memset(&u, 0, sizeof(u));
	u.email = u.display_name = u.language = u.country = "";
	u.role = "learner";
	dc->user = &u;
	r = RES_INTERNAL;
	rc = wait ? store_begin_lazy(dc->db) : store_begin_lazy_try(dc->db);
	if (rc == STORE_BUSY) {
		dc->user = was;
		return (RES_PENDING);
	}
	if (rc != STORE_OK)
		goto out;
	for (i = 0; i < nmarks; i++) {
		m = marks[i];
		u.id = m->user_id;
		dc->now = m->at;
		if (store_savepoint(dc->db) != STORE_OK)
			goto fail;
		m->r = mark_writes(dc, m->slug, m->key, &completed);
		/* A mark that completes the course is undone here and made
		 * again durably by its request. */
		m->durable = m->r == RES_OK && completed;
		keep = m->r == RES_OK && !completed;
		if (store_savepoint_end(dc->db, keep) != STORE_OK)
			goto fail;
	}
	if (store_commit(dc->db) != STORE_OK)
		goto fail;
	r = RES_OK;
	goto out;
fail:
	(void)store_rollback(dc->db);
out:
	for (i = 0; i < nmarks; i++) {
		if (r != RES_OK) {
			marks[i]->r = r;
			marks[i]->durable = 0;
		}
		marks[i]->state = LEARNING_MARK_FLUSHED;
	}
	nmarks = 0;
	dc->user = was;
	dc->now = now;
	return (r);
}

enum result
learning_lessons_done(struct dctx *dc, const char *slug,
    const char *const *keys, size_t n, size_t *recorded)
{
	struct course_outline	o;
	enum result		r;
	size_t			i;
	int			completed;

	*recorded = 0;
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if ((r = course_outline(dc, slug, NULL, &o)) != RES_OK)
		return (r);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_enrolment_add(dc->db, dc->user->id, slug, dc->now) !=
	    STORE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		if (lesson_index(&o, keys[i]) == -1)
			continue;
		if (store_lesson_done_add(dc->db, dc->user->id, slug, keys[i],
		    dc->now) != STORE_OK)
			goto fail;
		(*recorded)++;
	}
	if ((r = check_complete(dc, slug, &completed)) != RES_OK)
		goto fail;
	if (store_commit(dc->db) != STORE_OK)
		goto fail;
	if (completed)
		run_hooks(dc, slug);
	return (RES_OK);
fail:
	(void)store_rollback(dc->db);
	*recorded = 0;
	return (RES_INTERNAL);
}

/* ---- quizzes ---- */

/* Attempts left of the quiz's own and the extra granted ones. */
static int
attempts_left(const struct quiz *q, size_t used, int64_t extra)
{
	int64_t	allowed;

	if (q->max_attempts <= 0)
		return (-1);
	allowed = (int64_t)q->max_attempts + extra;
	return ((int64_t)used >= allowed ? 0 : (int)(allowed -
	    (int64_t)used));
}

/* The attempts granted to the user at the quiz. */
static enum result
granted(struct dctx *dc, const char *slug, const char *quiz_id,
    int64_t *extra)
{
	return (store_quiz_grant_get(dc->db, dc->user->id, slug, quiz_id,
	    extra) == STORE_OK ? RES_OK : RES_INTERNAL);
}

/* 1 when the user may grant attempts at the course's quizzes: chairs and
 * administrators (policy), and the authors listed on the course. */
static int
may_grant(struct dctx *dc, const char *slug)
{
	return (policy_can(dc->user, ACT_QUIZ_GRANT) ||
	    course_user_can_edit(dc, slug));
}

static int
any_answered(const struct quiz_answers *ans)
{
	size_t	i;

	for (i = 0; i < ans->n; i++)
		if (ans->a[i].answered)
			return (1);
	return (0);
}

enum result
learning_quiz_get(struct dctx *dc, const char *slug, const char *quiz_id,
    const char *lang, struct learning_quiz *out)
{
	struct learning_progress	 p;
	const struct course_outline	*o = &p.outline;
	struct learning_quiz_lesson	*l;
	enum result			 r;
	int64_t				 extra;
	size_t				 i, m, k;

	memset(out, 0, sizeof(*out));
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if ((r = learning_progress_get(dc, slug, lang, &p)) != RES_OK ||
	    (r = course_quiz_load(dc, slug, quiz_id, lang, &out->quiz)) !=
	    RES_OK)
		return (r);
	out->course_title = o->title;
	for (m = 0; m < o->nmodules; m++) {
		if (o->modules[m].quiz_id == NULL ||
		    strcmp(o->modules[m].quiz_id, quiz_id) != 0)
			continue;
		out->lessons = arena_alloc(dc->a, sizeof(*out->lessons) *
		    (o->modules[m].nlessons + 1));
		for (k = 0; k < o->modules[m].nlessons; k++) {
			i = o->modules[m].first + k;
			l = &out->lessons[out->nlessons++];
			l->title = o->lessons[i].title;
			l->path = learning_lesson_path(dc, slug,
			    o->lessons[i].key);
			l->done = p.lesson_done[i];
			out->lessons_done += l->done != 0;
		}
		break;
	}
	if (store_qa_list(dc->db, dc->a, dc->user->id, slug, quiz_id,
	    &out->attempts, &out->nattempts) != STORE_OK)
		return (RES_INTERNAL);
	if ((r = granted(dc, slug, quiz_id, &extra)) != RES_OK)
		return (r);
	out->can_grant = may_grant(dc, slug);
	for (i = 0; i < out->nattempts; i++) {
		if (out->attempts[i].submitted_at == 0) {
			out->open_attempt = out->attempts[i].id;
			continue;
		}
		if (out->attempts[i].passed)
			out->passed = 1;
		if (out->attempts[i].percent > out->best_percent)
			out->best_percent = (int)out->attempts[i].percent;
	}
	out->attempts_left = attempts_left(out->quiz, out->nattempts, extra);
	out->attempts_allowed = out->quiz->max_attempts <= 0 ? 0 :
	    out->quiz->max_attempts + (int)extra;
	return (RES_OK);
}

enum result
learning_attempt_start(struct dctx *dc, const char *slug,
    const char *quiz_id, int64_t *id)
{
	struct learning_quiz	lq;
	enum result		r;
	uint64_t		seed;
	int			rc;

	*id = 0;
	if ((r = learning_quiz_get(dc, slug, quiz_id, NULL, &lq)) != RES_OK)
		return (r);
	if (lq.open_attempt != 0) {
		*id = lq.open_attempt;
		return (RES_OK);
	}
	if (lq.attempts_left == 0)
		return (RES_CONFLICT);
	randombytes_buf(&seed, sizeof(seed));
	seed &= 0x3fffffffffffffffULL;	/* a positive BIGINT */
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_enrolment_add(dc->db, dc->user->id, slug, dc->now) !=
	    STORE_OK)
		goto fail;
	rc = store_qa_insert(dc->db, dc->user->id, slug, quiz_id,
	    (int64_t)lq.nattempts + 1, (int64_t)seed, dc->now, id);
	if (rc == STORE_DUPLICATE) {
		/* Another request started this number first. */
		return (dctx_abort(dc, RES_CONFLICT));
	}
	if (rc != STORE_OK || store_commit(dc->db) != STORE_OK)
		goto fail;
	return (RES_OK);
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

/* Loads quiz and attempt, checks ownership, fills order and, when
 * submitted, the stored answers and their grades. */
static enum result
attempt_load(struct dctx *dc, const char *slug, const char *quiz_id,
    int64_t id, const char *lang, struct learning_attempt *out)
{
	struct attempt_row	*rows;
	const char		*why;
	enum result		 r;
	int64_t			 extra;
	size_t			 n;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	rc = store_qa_get(dc->db, dc->a, id, &out->row);
	if (rc != STORE_OK)
		return (result_from_store(rc));
	if (out->row.user_id != dc->user->id ||
	    strcmp(out->row.course_slug, slug) != 0 ||
	    strcmp(out->row.quiz_key, quiz_id) != 0)
		return (RES_NOT_FOUND);
	if ((r = course_quiz_load(dc, slug, quiz_id, lang, &out->quiz)) !=
	    RES_OK)
		return (r);
	quiz_order_make(out->quiz, (uint64_t)out->row.seed, dc->a,
	    &out->order);
	if (store_qa_list(dc->db, dc->a, dc->user->id, slug, quiz_id, &rows,
	    &n) != STORE_OK)
		return (RES_INTERNAL);
	if ((r = granted(dc, slug, quiz_id, &extra)) != RES_OK)
		return (r);
	out->attempts_left = attempts_left(out->quiz, n, extra);
	out->submitted = out->row.submitted_at != 0;
	if (!out->submitted) {
		out->last = out->attempts_left == 0;
		if (quiz_answers_decode(out->quiz, "", dc->a, &out->answers,
		    &why) == -1)
			return (RES_INTERNAL);
		return (RES_OK);
	}
	if (quiz_answers_decode(out->quiz, out->row.answers, dc->a,
	    &out->answers, &why) == -1)
		return (RES_INTERNAL);
	/*
	 * The grade of record is the stored one, per question too: the page
	 * shows what was graded, whatever its language or a later course
	 * version. Attempts graded before results were stored (results "")
	 * are graded again, in every language of the quiz.
	 */
	if (quiz_results_decode(out->quiz, out->row.results, dc->a,
	    &out->result.correct) == -1)
		quiz_grade(out->quiz, &out->answers, dc->a, &out->result);
	out->result.points = (int)out->row.points;
	out->result.max_points = (int)out->row.max_points;
	out->result.percent = (int)out->row.percent;
	out->result.passed = out->row.passed;
	return (RES_OK);
}

enum result
learning_attempt_get(struct dctx *dc, const char *slug, const char *quiz_id,
    int64_t id, const char *lang, struct learning_attempt *out)
{
	struct learning_course_state	st;
	enum result			r;

	if ((r = attempt_load(dc, slug, quiz_id, id, lang, out)) != RES_OK)
		return (r);
	if (!out->submitted || !out->result.passed)
		return (RES_OK);
	if ((r = learning_course_state(dc, slug, lang, &st)) != RES_OK)
		return (r);
	out->course_complete = st.p.completed_at != 0;
	out->certificate_path = st.certificate_path;
	return (RES_OK);
}

enum result
learning_attempt_submit(struct dctx *dc, const char *slug,
    const char *quiz_id, int64_t id, const char *lang,
    const struct quiz_field *f, size_t nf, int confirmed,
    struct learning_attempt *out, const char **why, int *bad_q)
{
	struct quiz_result	 res;
	enum result		 r;
	char			*enc, *results;
	int			 rc, completed;

	*why = NULL;
	*bad_q = -1;
	if ((r = attempt_load(dc, slug, quiz_id, id, lang, out)) != RES_OK)
		return (r);
	if (out->submitted)
		return (RES_CONFLICT);
	if (quiz_answers_from_form(out->quiz, f, nf, dc->a, &out->answers,
	    why, bad_q) == -1)
		return (RES_INVALID);
	if (!any_answered(&out->answers)) {
		*why = N_("Answer at least one question before you submit. "
		    "An empty form does not use an attempt.");
		return (RES_INVALID);
	}
	if (out->last && !confirmed) {
		out->need_confirm = 1;
		*why = N_("This is your last attempt. Check your answers, "
		    "then confirm to submit them.");
		return (RES_INVALID);
	}
	quiz_grade(out->quiz, &out->answers, dc->a, &res);
	enc = quiz_answers_encode(out->quiz, &out->answers, dc->a);
	results = quiz_results_encode(out->quiz, &res, dc->a);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	rc = store_qa_submit(dc->db, id, enc, results, res.points,
	    res.max_points, res.percent, res.passed, dc->now);
	if (rc == STORE_NOT_FOUND)
		return (dctx_abort(dc, RES_CONFLICT));
	if (rc != STORE_OK)
		goto fail;
	if (store_enrolment_add(dc->db, dc->user->id, slug, dc->now) !=
	    STORE_OK || check_complete(dc, slug, &completed) != RES_OK ||
	    store_commit(dc->db) != STORE_OK)
		goto fail;
	if (completed)
		run_hooks(dc, slug);
	out->submitted = 1;
	out->row.submitted_at = dc->now;
	out->row.answers = enc;
	out->row.results = results;
	out->result = res;
	return (RES_OK);
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

enum result
learning_attempts_grant(struct dctx *dc, const char *slug,
    const char *quiz_id, const char *email, int64_t n,
    struct form_errors *errs)
{
	struct user_row	 u;
	struct quiz	*q;
	enum result	 r;
	const char	*detail;
	int		 rc;

	memset(errs, 0, sizeof(*errs));
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if ((r = course_quiz_load(dc, slug, quiz_id, NULL, &q)) != RES_OK)
		return (r);
	if (!may_grant(dc, slug))
		return (RES_FORBIDDEN);
	if (n < 1 || n > LEARNING_GRANT_MAX)
		form_error(errs, "attempts", N_("Grant from 1 to 10 "
		    "attempts at a time."));
	rc = email == NULL || *email == '\0' ? STORE_NOT_FOUND :
	    store_user_by_email(dc->db, dc->a, email, &u);
	if (rc == STORE_NOT_FOUND)
		form_error(errs, "email", N_("No account has this e-mail "
		    "address."));
	else if (rc != STORE_OK)
		return (RES_INTERNAL);
	if (errs->n > 0)
		return (RES_INVALID);
	detail = arena_printf(dc->a, "%s/%s +%lld", slug, quiz_id,
	    (long long)n);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_quiz_grant_add(dc->db, u.id, slug, quiz_id, n) !=
	    STORE_OK || audit_log(dc, dc->user->id, "quiz.grant", "user",
	    u.id, detail) == -1 || store_commit(dc->db) != STORE_OK)
		return (dctx_abort(dc, RES_INTERNAL));
	return (RES_OK);
}

/* ---- dashboard ---- */

enum result
learning_dashboard_get(struct dctx *dc, const char *lang,
    struct learning_dashboard *out)
{
	struct enrolment_row		*e;
	struct learning_key		*done, *passed;
	struct learning_progress	*pp;
	struct learning_card		*c;
	size_t				 ne, ndone, npassed, i, k, j;
	enum result			 r;

	memset(out, 0, sizeof(*out));
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if (store_enrolments_of(dc->db, dc->a, dc->user->id, &e, &ne) !=
	    STORE_OK || store_lessons_done_all(dc->db, dc->a, dc->user->id,
	    &done, &ndone) != STORE_OK || store_quizzes_passed(dc->db, dc->a,
	    dc->user->id, NULL, &passed, &npassed) != STORE_OK)
		return (RES_INTERNAL);
	out->cards = arena_alloc(dc->a, sizeof(*out->cards) * (ne + 1));
	for (i = 0; i < ne; i++) {
		pp = arena_alloc(dc->a, sizeof(*pp));
		r = course_outline(dc, e[i].course_slug, lang, &pp->outline);
		if (r == RES_NOT_FOUND)
			continue;	/* course withdrawn */
		if (r != RES_OK)
			return (r);
		pp->lesson_done = arena_alloc(dc->a, sizeof(int) *
		    (pp->outline.nlessons + 1));
		pp->quiz_passed = arena_alloc(dc->a, sizeof(int) *
		    (pp->outline.nquizzes + 1));
		for (k = 0; k < ndone; k++) {
			if (strcmp(done[k].course_slug, e[i].course_slug) != 0)
				continue;
			for (j = 0; j < pp->outline.nlessons; j++)
				if (strcmp(done[k].key,
				    pp->outline.lessons[j].key) == 0)
					pp->lesson_done[j] = 1;
		}
		for (k = 0; k < npassed; k++) {
			if (strcmp(passed[k].course_slug, e[i].course_slug))
				continue;
			for (j = 0; j < pp->outline.nquizzes; j++)
				if (strcmp(passed[k].key,
				    pp->outline.quizzes[j].id) == 0)
					pp->quiz_passed[j] = 1;
		}
		pp->last_lesson = visit_last(dc, dc->user->id,
		    e[i].course_slug, e[i].last_lesson);
		learning_tally(dc, pp);
		c = &out->cards[out->ncards++];
		c->slug = e[i].course_slug;
		c->title = pp->outline.title;
		c->steps_done = pp->steps_done;
		c->steps_total = pp->steps_total;
		c->percent = pp->percent;
		c->complete = e[i].completed_at != 0 || pp->complete;
		c->enrolled_at = e[i].enrolled_at;
		c->completed_at = e[i].completed_at;
		learning_continue(dc, e[i].course_slug, pp, &c->continue_path,
		    &c->continue_title);
		pp->enrolled = 1;
		pp->completed_at = e[i].completed_at;
		c->progress = pp;
	}
	return (certificate_list_for_user(dc, dc->user->id, &out->certs,
	    &out->ncerts));
}
