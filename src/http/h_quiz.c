/*
 * h_quiz.c: the learner's actions in a course: enrol, mark a lesson
 * done, the quiz page, starting an attempt, taking it and seeing its
 * feedback. Parses the path and the answer fields, calls one learning.h
 * function, turns its answer into a view. Grading happens only in the
 * domain; these handlers never decide what is right.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "domain/learning.h"
#include "domain/quiz.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_quiz.h"
#include "http/offload.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_course_enrol(struct http_request *);
int	page_lesson_done(struct http_request *);
int	page_quiz(struct http_request *);
int	page_quiz_start(struct http_request *);
int	page_quiz_attempt(struct http_request *);
int	page_quiz_grant(struct http_request *);

#define SEG_MAX		8

static size_t	 segments(struct ctx *, char **, size_t);
static int	 opening(struct ctx *, int, enum gate_who, char **, size_t);
static const char *lang_code(struct ctx *);
static void	 message(struct ctx *, int, const char *, const char *);
static int	 learner_post(struct ctx *, char **, size_t);
static void	 attempt_view(struct ctx *, const char *, const char *,
		    struct learning_attempt *, const char *, int);
static void	 question_view(struct ctx *, struct tv *,
		    const struct learning_attempt *, size_t, size_t);
static void	 answer_text(struct ctx *, struct tv *,
		    const struct quiz_question *, const struct quiz_answer *);
static int	 quiz_view(struct ctx *, const char *, const char *);

static const char *const grant_fields[] = { "email", "attempts", NULL };

/* The template's names for the views' fields (tv_fields()). */
static const struct tv_field quiz_fields[] = {
	TVF(struct quiz, "title", title),
	TVF(struct quiz, "text_lang", lang),
	TVF(struct quiz, "nquestions", nquestions),
	TVF(struct quiz, "pass_mark", pass_mark),
	TVF_FLAG(struct quiz, "graded", graded),
	{ NULL, 0, 0 }
};
static const struct tv_field learning_quiz_fields[] = {
	TVF(struct learning_quiz, "course_title", course_title),
	TVF(struct learning_quiz, "max_attempts", attempts_allowed),
	TVF(struct learning_quiz, "attempts_left", attempts_left),
	TVF_FLAG(struct learning_quiz, "passed", passed),
	TVF_FLAG(struct learning_quiz, "can_grant", can_grant),
	{ NULL, 0, 0 }
};
static const struct tv_field quiz_lesson_fields[] = {
	TVF(struct learning_quiz_lesson, "title", title),
	TVF(struct learning_quiz_lesson, "path", path),
	TVF_FLAG(struct learning_quiz_lesson, "done", done),
	{ NULL, 0, 0 }
};
static const struct tv_field result_fields[] = {
	TVF(struct quiz_result, "points", points),
	TVF(struct quiz_result, "max_points", max_points),
	TVF(struct quiz_result, "percent", percent),
	TVF_FLAG(struct quiz_result, "passed", passed),
	{ NULL, 0, 0 }
};

/* Splits the path into segments (arena copies); returns how many. */
static size_t
segments(struct ctx *c, char **seg, size_t max)
{
	char	*p, *s;
	size_t	 n = 0;

	p = arena_strdup(c->dc.a, c->req->path);
	while (n < max && (s = strsep(&p, "/")) != NULL)
		if (*s != '\0')
			seg[n++] = s;
	return (n);
}

static const char *
lang_code(struct ctx *c)
{
	return (i18n_code(c->lang));
}


static void
message(struct ctx *c, int status, const char *title, const char *msg)
{
	ctx_title(c, title);
	tv_str(c->view, "message", ctx_tr(c, msg));
	ctx_render(c, status, "message");
}

/*
 * Starts a handler of a path of n segments: gate() with methods and who,
 * then the path's shape (else 404) into seg. 0 when the page is sent.
 */
static int
opening(struct ctx *c, int methods, enum gate_who who, char **seg, size_t n)
{
	if (!gate(c, methods, who))
		return (0);
	if (segments(c, seg, SEG_MAX) != n) {
		ctx_error(c, 404);
		return (0);
	}
	return (1);
}

/*
 * Starts a learner's POST to a path of n segments, the page the form is
 * on and a verb ("/courses/SLUG/enrol"): opening(), and a signed-in user
 * (else to /login, back to that page). 0 when the page is sent.
 */
static int
learner_post(struct ctx *c, char **seg, size_t n)
{
	char	*page;

	if (!opening(c, CTX_POST, GATE_ANYONE, seg, n))
		return (0);
	if (c->user == NULL) {
		page = arena_strdup(c->dc.a, c->req->path);
		*strrchr(page, '/') = '\0';
		ctx_redirect(c, arena_printf(c->dc.a, "/login?next=%s", page));
		return (0);
	}
	return (1);
}

int
page_course_enrol(struct http_request *req)
{
	struct ctx	 c;
	char		*seg[SEG_MAX];
	const char	*next;
	enum result	 r;

	ctx_begin(&c, req);
	if (!learner_post(&c, seg, 3))
		goto out;
	r = learning_enrol(&c.dc, seg[1], &next);
	ctx_done(&c, r, FLASH_NONE, next);
out:
	return (ctx_end(&c));
}

int
page_lesson_done(struct http_request *req)
{
	struct ctx		 c;
	char			*seg[SEG_MAX];
	const char		*next;
	const struct user	*u;
	enum result		 r;

	/* Called again once its mark was written: the first call checked
	 * the session, the CSRF token and the path's shape. */
	if ((u = offload_mark_user(req)) != NULL) {
		ctx_begin_as(&c, req, u);
		if (segments(&c, seg, SEG_MAX) != 5) {
			ctx_error(&c, 404);
			goto out;
		}
	} else {
		ctx_begin(&c, req);
		if (!learner_post(&c, seg, 5))
			goto out;
	}
	/* Written with the other marks of this pass of the event loop; the
	 * handler is called again once they are (offload.h). */
	r = learning_lesson_done(&c.dc, seg[1], seg[3], offload_mark(req),
	    &next);
	if (r == RES_PENDING) {
		offload_mark_sleep(req, c.user);
		c.parked = 1;
		goto out;
	}
	ctx_done(&c, r, FLASH_NONE, next);
out:
	return (ctx_end(&c));
}

/*
 * The quiz page's view (the caller renders it): facts, attempts, the
 * lessons of the module, and for those who may, the form granting a
 * learner more attempts. 0, or -1 when it failed (answered already).
 */
static int
quiz_view(struct ctx *c, const char *slug, const char *quiz_id)
{
	struct learning_quiz	 lq;
	struct tv		*list, *it;
	const char		*base;
	enum result		 r;
	size_t			 i;

	r = learning_quiz_get(&c->dc, slug, quiz_id, lang_code(c), &lq);
	if (!ctx_ok(c, r))
		return (-1);
	base = learning_quiz_path(&c->dc, slug, quiz_id);
	tv_fields(c->view, lq.quiz, quiz_fields);
	tv_fields(c->view, &lq, learning_quiz_fields);
	tv_str(c->view, "text_dir", i18n_code_dir(lq.quiz->lang));
	tv_str(c->view, "course_path", arena_printf(c->dc.a, "/courses/%s",
	    slug));
	tv_str(c->view, "start_path", arena_printf(c->dc.a, "%s/attempts",
	    base));
	tv_str(c->view, "grant_path", arena_printf(c->dc.a, "%s/grants",
	    base));
	tv_bool(c->view, "unlimited", lq.attempts_left < 0);
	tv_bool(c->view, "can_start", lq.attempts_left != 0);
	tv_bool(c->view, "last_attempt", lq.attempts_left == 1);
	tv_int(c->view, "grant_max", LEARNING_GRANT_MAX);
	tv_bool(c->view, "lessons_unread", lq.nlessons > 0 &&
	    lq.lessons_done < lq.nlessons && lq.nattempts == 0);
	tv_rows(c->view, "lessons", lq.lessons, lq.nlessons,
	    sizeof(*lq.lessons), quiz_lesson_fields);
	if (lq.open_attempt != 0)
		tv_str(c->view, "open_path", arena_printf(c->dc.a,
		    "%s/attempts/%" PRId64, base, lq.open_attempt));
	list = tv_list(c->view, "attempts");
	for (i = 0; i < lq.nattempts; i++) {
		it = tv_push_map(list);
		tv_int(it, "number", lq.attempts[i].number);
		tv_str(it, "path", arena_printf(c->dc.a, "%s/attempts/%" PRId64,
		    base, lq.attempts[i].id));
		tv_str(it, "started", ctx_date(c, lq.attempts[i].started_at,
		    1));
		tv_bool(it, "submitted", lq.attempts[i].submitted_at != 0);
		tv_int(it, "percent", lq.attempts[i].percent);
		tv_bool(it, "passed", lq.attempts[i].passed);
	}
	return (0);
}

int
page_quiz(struct http_request *req)
{
	struct ctx	 c;
	char		*seg[SEG_MAX];

	ctx_begin(&c, req);
	if (!opening(&c, CTX_GET, GATE_USER, seg, 4))
		goto out;
	if (quiz_view(&c, seg[1], seg[3]) == -1)
		goto out;
	ctx_render(&c, 200, "quiz");
out:
	return (ctx_end(&c));
}

/* POST .../grants: email, attempts; back to the quiz page, or the page
 * again with the errors. */
int
page_quiz_grant(struct http_request *req)
{
	struct ctx		 c;
	struct form_errors	 fe;
	char			*seg[SEG_MAX];
	enum result		 r;

	ctx_begin(&c, req);
	if (!opening(&c, CTX_POST, GATE_USER, seg, 5))
		goto out;
	r = learning_attempts_grant(&c.dc, seg[1], seg[3],
	    ctx_param(&c, "email"), ctx_param_int(&c, "attempts", 1,
	    LEARNING_GRANT_MAX, 0), &fe);
	if (r == RES_INVALID) {
		if (quiz_view(&c, seg[1], seg[3]) == -1)
			goto out;
		ctx_form(&c, &fe, grant_fields);
		ctx_render(&c, 400, "quiz");
		goto out;
	}
	ctx_done(&c, r, FLASH_ATTEMPTS_GRANTED, learning_quiz_path(&c.dc,
	    seg[1], seg[3]));
out:
	return (ctx_end(&c));
}

int
page_quiz_start(struct http_request *req)
{
	struct ctx	 c;
	char		*seg[SEG_MAX];
	int64_t		 id;
	enum result	 r;

	ctx_begin(&c, req);
	if (!opening(&c, CTX_POST, GATE_USER, seg, 5))
		goto out;
	r = learning_attempt_start(&c.dc, seg[1], seg[3], &id);
	if (r == RES_CONFLICT) {
		message(&c, 409, N_("No attempts left"), N_("You have used "
		    "every attempt this quiz allows. The course's authors "
		    "can grant you more attempts."));
		goto out;
	}
	ctx_done(&c, r, FLASH_NONE, arena_printf(c.dc.a, "%s/attempts/%" PRId64,
	    learning_quiz_path(&c.dc, seg[1], seg[3]), id));
out:
	return (ctx_end(&c));
}

size_t
hq_form_fields(struct ctx *c, struct quiz_field **out)
{
	struct http_arg	*q;
	size_t		 n = 0, cap = 0;

	*out = NULL;
	TAILQ_FOREACH(q, &c->req->arguments, list) {
		if (q->name[0] != 'q' && q->name[0] != 'a')
			continue;
		if (n == cap) {
			struct quiz_field	*nf;

			cap = cap ? cap * 2 : 32;
			nf = arena_alloc(c->dc.a, cap * sizeof(*nf));
			if (n > 0)
				memcpy(nf, *out, n * sizeof(*nf));
			*out = nf;
		}
		(*out)[n].name = q->name;
		(*out)[n].value = q->s_value;
		n++;
	}
	return (n);
}

int
page_quiz_attempt(struct http_request *req)
{
	struct ctx		 c;
	struct learning_attempt	 la;
	struct quiz_field	*f;
	char			*seg[SEG_MAX], *end;
	const char		*why, *self;
	int64_t			 id;
	enum result		 r;
	size_t			 nf;
	int			 bad;

	ctx_begin(&c, req);
	if (!opening(&c, CTX_GET | CTX_POST, GATE_USER, seg, 6))
		goto out;
	id = strtoll(seg[5], &end, 10);
	if (*end != '\0' || id <= 0) {
		ctx_error(&c, 404);
		goto out;
	}
	self = arena_printf(c.dc.a, "%s/attempts/%" PRId64,
	    learning_quiz_path(&c.dc, seg[1], seg[3]), id);
	if (!c.is_post) {
		r = learning_attempt_get(&c.dc, seg[1], seg[3], id,
		    lang_code(&c), &la);
		if (!ctx_ok(&c, r))
			goto out;
		attempt_view(&c, seg[1], seg[3], &la, NULL, -1);
		ctx_render(&c, 200, "quiz_attempt");
		goto out;
	}
	nf = hq_form_fields(&c, &f);
	r = learning_attempt_submit(&c.dc, seg[1], seg[3], id, lang_code(&c),
	    f, nf, ctx_param(&c, "confirm") != NULL, &la, &why, &bad);
	if (r == RES_INVALID && la.need_confirm) {
		/* The confirmation step: the answers kept, nothing saved. */
		attempt_view(&c, seg[1], seg[3], &la, NULL, -1);
		tv_str(c.view, "confirm_msg", ctx_tr(&c, why));
		ctx_render(&c, 200, "quiz_attempt");
		goto out;
	}
	if (r == RES_INVALID) {
		attempt_view(&c, seg[1], seg[3], &la, why, bad);
		ctx_render(&c, 400, "quiz_attempt");
		goto out;
	}
	if (r == RES_CONFLICT) {
		message(&c, 409, N_("Already submitted"), N_("This attempt "
		    "was already submitted; its answers cannot change. Start a "
		    "new attempt from the quiz page if you have one left."));
		goto out;
	}
	ctx_done(&c, r, FLASH_NONE, self);
out:
	return (ctx_end(&c));
}

void
hq_attempt_view(struct ctx *c, const char *slug, const char *quiz_id,
    struct learning_attempt *la, const char *why, int bad_q)
{
	attempt_view(c, slug, quiz_id, la, why, bad_q);
}

/* The whole attempt page: form (open) or feedback (submitted). */
static void
attempt_view(struct ctx *c, const char *slug, const char *quiz_id,
    struct learning_attempt *la, const char *why, int bad_q)
{
	struct tv	*list;
	const char	*base;
	size_t		 i;

	base = learning_quiz_path(&c->dc, slug, quiz_id);
	tv_fields(c->view, la->quiz, quiz_fields);
	tv_str(c->view, "text_dir", i18n_code_dir(la->quiz->lang));
	tv_str(c->view, "quiz_path", base);
	tv_str(c->view, "action", arena_printf(c->dc.a, "%s/attempts/%" PRId64,
	    base, la->row.id));
	tv_int(c->view, "number", la->row.number);
	tv_bool(c->view, "submitted", la->submitted);
	tv_bool(c->view, "unlimited", la->attempts_left < 0);
	tv_int(c->view, "attempts_left", la->attempts_left);
	tv_bool(c->view, "can_retry", la->submitted && la->attempts_left != 0 &&
	    !la->result.passed);
	tv_bool(c->view, "is_last", la->last);
	if (la->submitted) {
		tv_fields(c->view, &la->result, result_fields);
		tv_bool(c->view, "course_complete", la->course_complete);
		tv_str(c->view, "certificate_path", la->certificate_path);
		tv_str(c->view, "course_path", arena_printf(c->dc.a,
		    "/courses/%s", slug));
	}
	if (why != NULL)
		tv_str(c->view, "error", ctx_tr(c, why));
	for (i = 0; why != NULL && bad_q >= 0 && i < la->order.n; i++)
		if (la->order.qpos[i] == (size_t)bad_q)
			tv_int(c->view, "error_q", (int64_t)i + 1);
	list = tv_list(c->view, "questions");
	for (i = 0; i < la->order.n; i++)
		question_view(c, tv_push_map(list), la, i,
		    bad_q >= 0 && la->order.qpos[i] == (size_t)bad_q);
}

/* Question shown at position i (0-based); bad marks the one at fault. */
static void
question_view(struct ctx *c, struct tv *it, const struct learning_attempt *la,
    size_t i, size_t bad)
{
	const struct quiz_question	*q;
	const struct quiz_answer	*x;
	struct tv			*opts, *o, *sel, *s;
	size_t				 k, oi, j, p;
	int				 checked;

	k = la->order.qpos[i];
	q = &la->quiz->questions[k];
	x = &la->answers.a[k];
	tv_int(it, "pos", (int64_t)i + 1);
	tv_str(it, "id", q->id);
	tv_str(it, "prompt", q->prompt);
	tv_bool(it, "bad", bad != 0);
	tv_bool(it, "is_single", q->type == Q_SINGLE);
	tv_bool(it, "is_multiple", q->type == Q_MULTIPLE);
	tv_bool(it, "is_truefalse", q->type == Q_TRUEFALSE);
	tv_bool(it, "is_numeric", q->type == Q_NUMERIC);
	tv_bool(it, "is_text", q->type == Q_TEXT);
	tv_bool(it, "is_ordering", q->type == Q_ORDERING);
	if (la->submitted) {
		tv_bool(it, "correct", la->result.correct != NULL &&
		    la->result.correct[k]);
		tv_str(it, "feedback", q->feedback);
		answer_text(c, it, q, x);
		return;
	}
	if (q->type == Q_TRUEFALSE) {
		tv_bool(it, "true_checked", x->answered && x->boolval);
		tv_bool(it, "false_checked", x->answered && !x->boolval);
	}
	if (q->type == Q_NUMERIC && x->answered)
		tv_str(it, "value", arena_printf(c->dc.a, "%.15g", x->num));
	if (q->type == Q_TEXT && x->answered)
		tv_str(it, "value", x->text);
	opts = tv_list(it, "options");
	for (j = 0; j < q->noptions; j++) {
		oi = la->order.opos[k][j];
		o = tv_push_map(opts);
		tv_str(o, "oid", q->options[oi].id);
		tv_str(o, "text", q->options[oi].text);
		for (p = 0, checked = 0; p < QUIZ_MAX_OPTIONS; p++)
			if (x->opt[p] == oi && (q->type != Q_ORDERING ||
			    p < q->noptions))
				checked = (int)p + 1;
		/* An ordering comes back as chosen, even when refused. */
		if (q->type == Q_ORDERING && x->chosen[oi] != 0)
			checked = x->chosen[oi];
		tv_bool(o, "checked", checked != 0 && q->type != Q_ORDERING &&
		    (size_t)(checked - 1) < x->nopt);
		if (q->type != Q_ORDERING)
			continue;
		sel = tv_list(o, "positions");
		for (p = 1; p <= q->noptions; p++) {
			s = tv_push_map(sel);
			tv_int(s, "n", (int64_t)p);
			tv_str(s, "value", arena_printf(c->dc.a, "%s:%zu",
			    q->options[oi].id, p));
			tv_bool(s, "selected", checked == (int)p);
		}
	}
}

/* The learner's answer in words, for the feedback. */
static void
answer_text(struct ctx *c, struct tv *it, const struct quiz_question *q,
    const struct quiz_answer *x)
{
	struct tv	*l;
	size_t		 k;

	if (!x->answered) {
		tv_str(it, "answer", ctx_tr(c, N_("(no answer)")));
		return;
	}
	switch (q->type) {
	case Q_TRUEFALSE:
		tv_str(it, "answer", ctx_tr(c, x->boolval ? N_("True") :
		    N_("False")));
		break;
	case Q_NUMERIC:
		tv_str(it, "answer", arena_printf(c->dc.a, "%.15g", x->num));
		break;
	case Q_TEXT:
		tv_str(it, "answer", x->text);
		break;
	default:
		l = tv_list(it, "answer_list");
		for (k = 0; k < x->nopt; k++)
			if (x->opt[k] < q->noptions)
				tv_push_str(l, q->options[x->opt[k]].text);
		tv_bool(it, "ordered", q->type == Q_ORDERING);
		break;
	}
}
