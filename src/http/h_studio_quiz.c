/*
 * h_studio_quiz.c: the studio's quiz editor pages (issue 16.4):
 * /studio/courses/SLUG/quizzes/MODULE (a module's quiz: add or remove
 * it, its settings, its questions of the six types added, edited in one
 * language at a time, moved and removed; every form a plain POST) and
 * .../preview (the quiz as the learner takes it, graded as the learner's
 * page grades it, shown with the learner's template; nothing recorded).
 * The domain (studio_quiz.c) decides who may do what, checks and saves.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/learning.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_quiz.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_quiz.h"
#include "http/h_studio.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_studio_quiz(struct http_request *);
int	page_studio_quiz_preview(struct http_request *);

#define SQ_BLANK_ROWS	3	/* empty option rows under a question's */
#define SQ_SEED		0x5157495a	/* the preview's order */

/* The names of the types for people (msgids), by enum question_type. */
static const char *const type_labels[] = {
	NULL,
	N_("Single choice"),
	N_("Multiple choice"),
	N_("True or false"),
	N_("Number"),
	N_("Typed answer"),
	N_("Ordering")
};

static const char *const quiz_fields[] = {
	"title", "pass_mark", "max_attempts", "type", "quiz", NULL
};

struct sq_path {
	const char	*slug;
	const char	*module;
};

static int	 sq_path(struct ctx *, struct sq_path *, int);
static const char *sq_lang(struct ctx *, const struct studio_course *,
		    int);
static void	 sq_langs(struct ctx *, const struct studio_course *,
		    const char *, const char *);
static void	 sq_types(struct ctx *, struct tv *, const char *);
static void	 sq_question(struct ctx *, struct tv *,
		    const struct course_pkg *, const struct pkg_question *,
		    const char *, const struct squiz_edit *,
		    const struct form_errors *, const char *, int);
static void	 sq_view(struct ctx *, const struct studio_course *,
		    const struct pkg_module *, const char *,
		    const struct squiz_edit *, const struct form_errors *,
		    const char *);
static void	 sq_edit_read(struct ctx *, struct squiz_edit *);
static int	 sq_post(struct ctx *, const struct sq_path *);

/* SLUG and MODULE of /studio/courses/SLUG/quizzes/MODULE[/preview];
 * 0 (404 sent) when the path has not n segments. */
static int
sq_path(struct ctx *c, struct sq_path *p, int n)
{
	char	*s, *seg[8];
	int	 k = 0;

	s = arena_strdup(c->dc.a, c->req->path);
	while (k < 8 && (seg[k] = strsep(&s, "/")) != NULL)
		if (*seg[k] != '\0')
			k++;
	if (k != n) {
		ctx_error(c, 404);
		return (0);
	}
	p->slug = seg[2];
	p->module = seg[4];
	return (1);
}

/* The texts' language: ?lang= (or the form's) when the course has it,
 * else the default (for a translator, the first other one). */
static const char *
sq_lang(struct ctx *c, const struct studio_course *sc, int texts_only)
{
	const char	*l;

	l = ctx_param(c, "lang");
	if (l != NULL && pkg_has_lang(sc->pkg, l))
		return (l);
	if (texts_only && sc->pkg->languages.n > 1)
		return (sc->pkg->languages.v[1]);
	return (sc->pkg->default_language);
}

/* The course's languages as links to this page in each. */
static void
sq_langs(struct ctx *c, const struct studio_course *sc, const char *lang,
    const char *base)
{
	struct tv	*list, *it;
	char		 nm[128];
	const char	*code;
	size_t		 i;

	list = tv_list(c->view, "langs");
	for (i = 0; i < sc->pkg->languages.n; i++) {
		code = sc->pkg->languages.v[i];
		it = tv_push_map(list);
		tv_str(it, "code", code);
		tv_str(it, "name", i18n_language_name(c->lang, code, nm,
		    sizeof(nm)) == 0 ? arena_strdup(c->dc.a, nm) : code);
		tv_str(it, "href", arena_printf(c->dc.a, "%s?lang=%s", base,
		    code));
		tv_bool(it, "on", strcmp(code, lang) == 0);
		tv_bool(it, "is_default", i == 0);
	}
}

/* The six types as options of a select, sel selected. */
static void
sq_types(struct ctx *c, struct tv *map, const char *sel)
{
	struct tv	*list, *it;
	const char	*name;
	int		 t;

	list = tv_list(map, "types");
	for (t = Q_SINGLE; t <= Q_ORDERING; t++) {
		name = pkg_question_type_name((enum question_type)t);
		it = tv_push_map(list);
		tv_str(it, "slug", name);
		tv_str(it, "name", ctx_tr(c, type_labels[t]));
		tv_bool(it, "selected", sel != NULL && strcmp(sel, name) == 0);
	}
}

/*
 * One question's form into it: from q (NULL for a new question of type
 * type), with the values of the posted e and the errors fe when this is
 * the question the form was about.
 */
static void
sq_question(struct ctx *c, struct tv *it, const struct course_pkg *p,
    const struct pkg_question *q, const char *type,
    const struct squiz_edit *e, const struct form_errors *fe,
    const char *lang, int texts_only)
{
	static const char *const errs[] = { "prompt", "feedback", "options",
	    "answer", "tolerance", "accept", "type", "title", NULL };
	const char		*def, *m, *acc, *ans;
	struct tv		*rows, *r, *er;
	struct buf		 b;
	enum question_type	 t;
	size_t			 i, k, n;

	def = p->default_language;
	t = q != NULL ? q->type : studio_quiz_type_parse(type);
	if (t == 0)
		t = Q_SINGLE;
	tv_str(it, "id", q != NULL ? q->id : "new");
	tv_str(it, "type", pkg_question_type_name(t));
	tv_str(it, "type_name", ctx_tr(c, type_labels[t]));
	tv_bool(it, "is_choice", t == Q_SINGLE || t == Q_MULTIPLE);
	tv_bool(it, "is_ordering", t == Q_ORDERING);
	tv_bool(it, "is_truefalse", t == Q_TRUEFALSE);
	tv_bool(it, "is_numeric", t == Q_NUMERIC);
	tv_bool(it, "is_text", t == Q_TEXT);
	tv_bool(it, "structure", !texts_only);
	tv_str(it, "prompt", e != NULL ? (e->prompt ? e->prompt : "") :
	    q != NULL ? pkg_text(&q->prompt, lang, NULL) : "");
	tv_str(it, "feedback", e != NULL ? (e->feedback ? e->feedback : "") :
	    q != NULL ? pkg_text(&q->feedback, lang, NULL) : "");
	if (q != NULL && strcmp(lang, def) != 0) {
		tv_str(it, "src_prompt", pkg_text(&q->prompt, def, NULL));
		tv_str(it, "src_feedback", pkg_text(&q->feedback, def, NULL));
	}
	/* The option rows: the question's, then blank ones. */
	rows = tv_list(it, "rows");
	n = q != NULL ? q->noptions : 0;
	k = texts_only ? n : n + SQ_BLANK_ROWS + (q == NULL ? 1 : 0);
	if (k > SQUIZ_OPTIONS_MAX)
		k = SQUIZ_OPTIONS_MAX;
	if (e != NULL && e->nrows > k)
		k = e->nrows;
	for (i = 0; (t == Q_SINGLE || t == Q_MULTIPLE || t == Q_ORDERING) &&
	    i < k; i++) {
		r = tv_push_map(rows);
		tv_int(r, "n", (int64_t)i + 1);
		tv_str(r, "text", e != NULL ? (i < e->nrows && e->option[i] ?
		    e->option[i] : "") : i < n ?
		    pkg_text(&q->options[i].text, lang, NULL) : "");
		tv_bool(r, "correct", e != NULL ? i < e->nrows &&
		    e->correct[i] : i < n && q->options[i].correct);
		if (i < n && strcmp(lang, def) != 0)
			tv_str(r, "src", pkg_text(&q->options[i].text, def,
			    NULL));
	}
	ans = e != NULL ? e->answer : NULL;
	if (e == NULL && q != NULL && q->has_answer && t == Q_TRUEFALSE)
		ans = q->answer_bool ? "true" : "false";
	if (e == NULL && q != NULL && q->has_answer && t == Q_NUMERIC)
		ans = arena_printf(c->dc.a, "%.15g", q->answer_num);
	tv_bool(it, "answer_true", ans != NULL && strcmp(ans, "true") == 0);
	tv_bool(it, "answer_false", ans != NULL && strcmp(ans, "false") == 0);
	tv_str(it, "answer", ans != NULL ? ans : "");
	tv_str(it, "tolerance", e != NULL ? (e->tolerance ? e->tolerance :
	    "") : q != NULL && q->tolerance != 0 ? arena_printf(c->dc.a,
	    "%.15g", q->tolerance) : "");
	acc = e != NULL ? e->accept : NULL;
	if (e == NULL && q != NULL) {
		buf_init(&b);
		for (i = 0; i < q->naccept; i++) {
			if (strcmp(q->accept[i].lang, lang) != 0)
				continue;
			for (k = 0; k < q->accept[i].list.n; k++)
				buf_appendf(&b, "%s%s", k ? "\n" : "",
				    q->accept[i].list.v[k]);
		}
		acc = buf_to_arena(&b, c->dc.a);
	}
	tv_str(it, "accept", acc != NULL ? acc : "");
	if (fe == NULL)
		return;
	er = tv_child(it, "errors");
	for (i = 0; errs[i] != NULL; i++)
		if ((m = form_error_for(fe, errs[i])) != NULL)
			tv_str(er, errs[i], ctx_tr(c, m));
	tv_bool(it, "open", 1);
}

/*
 * The editor's view of module m's quiz in lang; e and fe (may be NULL)
 * the refused form, about question qid ("new" for a new one).
 */
static void
sq_view(struct ctx *c, const struct studio_course *sc,
    const struct pkg_module *m, const char *lang, const struct squiz_edit *e,
    const struct form_errors *fe, const char *qid)
{
	const struct course_pkg	*p = sc->pkg;
	const struct pkg_quiz	*qz = m->quiz;
	const struct pkg_question *q;
	const char		*base, *add, *code;
	struct tv		*list, *it;
	size_t			 i;
	int			 texts_only, mine;

	code = i18n_code(c->lang);
	texts_only = !studio_role_may(sc->role, STUDIO_TEXT);
	base = arena_printf(c->dc.a, "/studio/courses/%s/quizzes/%s",
	    sc->slug, m->id);
	studio_page_head(c, sc);
	sq_langs(c, sc, lang, base);
	tv_str(c->view, "action", base);
	tv_str(c->view, "module_id", m->id);
	tv_str(c->view, "module_title", pkg_text(&m->title, code,
	    p->default_language));
	tv_str(c->view, "module_lang", pkg_text_lang(&m->title, code,
	    p->default_language));
	tv_str(c->view, "tlang", lang);
	tv_str(c->view, "tdir", i18n_code_dir(lang));
	tv_bool(c->view, "is_default", strcmp(lang, p->default_language) == 0);
	tv_bool(c->view, "can_edit", !texts_only);
	tv_bool(c->view, "can_translate", studio_role_may(sc->role,
	    STUDIO_TRANSLATE) && (!texts_only ||
	    strcmp(lang, p->default_language) != 0));
	tv_int(c->view, "questions_max", SQUIZ_QUESTIONS_MAX);
	tv_int(c->view, "options_max", SQUIZ_OPTIONS_MAX);
	tv_int(c->view, "accept_max", SQUIZ_ACCEPT_MAX);
	add = e != NULL && (e->op == SQZ_ADD || e->op == SQZ_Q_ADD) ?
	    e->type : ctx_param(c, "add");
	if (studio_quiz_type_parse(add) == 0)
		add = NULL;
	sq_types(c, c->view, add);
	if (fe != NULL) {
		ctx_form(c, fe, quiz_fields);
		if (form_error_for(fe, "quiz") != NULL)
			tv_str(c->view, "quiz_error", ctx_tr(c,
			    form_error_for(fe, "quiz")));
	}
	if (qz == NULL) {
		tv_bool(c->view, "has_quiz", 0);
		ctx_title(c, N_("Add a quiz"));
	} else {
		tv_bool(c->view, "has_quiz", 1);
		tv_str(c->view, "preview", arena_printf(c->dc.a,
		    "%s/preview?lang=%s", base, lang));
		tv_str(c->view, "title_text", e != NULL && e->op ==
		    SQZ_SETTINGS ? (e->title ? e->title : "") :
		    pkg_text(&qz->title, lang, NULL));
		if (strcmp(lang, p->default_language) != 0)
			tv_str(c->view, "src_title", pkg_text(&qz->title,
			    p->default_language, NULL));
		tv_str(c->view, "pass_mark", e != NULL && e->op ==
		    SQZ_SETTINGS ? (e->pass_mark ? e->pass_mark : "") :
		    arena_printf(c->dc.a, "%d", qz->pass_mark));
		tv_str(c->view, "max_attempts", e != NULL && e->op ==
		    SQZ_SETTINGS ? (e->max_attempts ? e->max_attempts : "") :
		    arena_printf(c->dc.a, "%d", qz->max_attempts));
		tv_bool(c->view, "graded", e != NULL && e->op ==
		    SQZ_SETTINGS ? e->graded : qz->graded);
		tv_bool(c->view, "full", qz->nquestions >=
		    SQUIZ_QUESTIONS_MAX);
		list = tv_list(c->view, "questions");
		for (i = 0; i < qz->nquestions; i++) {
			q = &qz->questions[i];
			it = tv_push_map(list);
			mine = e != NULL && e->op == SQZ_Q_EDIT && qid != NULL &&
			    strcmp(qid, q->id) == 0;
			sq_question(c, it, p, q, NULL, mine ? e : NULL,
			    mine ? fe : NULL, lang, texts_only);
			tv_int(it, "n", (int64_t)i + 1);
			tv_str(it, "summary", pkg_text(&q->prompt, lang,
			    p->default_language));
			tv_bool(it, "first", i == 0);
			tv_bool(it, "last", i + 1 == qz->nquestions);
			tv_bool(it, "only", qz->nquestions == 1);
		}
		ctx_title(c, N_("Quiz"));
	}
	if (add != NULL) {
		it = tv_push_map(tv_list(c->view, "new_q"));
		sq_question(c, it, p, NULL, add, e != NULL &&
		    (e->op == SQZ_ADD ||
		    e->op == SQZ_Q_ADD) ? e : NULL, e != NULL &&
		    (e->op == SQZ_ADD || e->op == SQZ_Q_ADD) ? fe : NULL,
		    p->default_language, 0);
		tv_bool(c->view, "adding", 1);
	}
	if (e != NULL && e->op == SQZ_SETTINGS && fe != NULL)
		tv_bool(c->view, "settings_open", 1);
}

/* The posted edit into e (strings borrowed from the request). */
static void
sq_edit_read(struct ctx *c, struct squiz_edit *e)
{
	char	name[8];
	size_t	i;

	memset(e, 0, sizeof(*e));
	e->op = studio_quiz_op_parse(ctx_param(c, "op"));
	e->lang = ctx_param(c, "lang");
	e->title = ctx_param(c, "title");
	e->pass_mark = ctx_param(c, "pass_mark");
	e->max_attempts = ctx_param(c, "max_attempts");
	e->graded = ctx_param(c, "graded") != NULL;
	e->question = ctx_param(c, "question");
	e->type = ctx_param(c, "type");
	e->prompt = ctx_param(c, "prompt");
	e->feedback = ctx_param(c, "feedback");
	e->answer = ctx_param(c, "answer");
	e->tolerance = ctx_param(c, "tolerance");
	e->accept = ctx_param(c, "accept");
	for (i = 0; i < SQUIZ_OPTIONS_MAX; i++) {
		(void)snprintf(name, sizeof(name), "o%zu", i + 1);
		e->option[i] = ctx_param(c, name);
		(void)snprintf(name, sizeof(name), "c%zu", i + 1);
		e->correct[i] = ctx_param(c, name) != NULL;
		if (e->option[i] != NULL || e->correct[i])
			e->nrows = i + 1;
	}
}

/* A form of the editor: saved (to the page, at the question), or the
 * page again with what to fix. 0 when the page is sent. */
static int
sq_post(struct ctx *c, const struct sq_path *pp)
{
	struct squiz_edit	 e;
	struct studio_course	 sc;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct pkg_module	*m;
	struct tv		*list;
	const char		*qid, *to;
	enum result		 r;
	size_t			 i;

	sq_edit_read(c, &e);
	if (e.op == SQZ_NONE) {
		ctx_error(c, 400);
		return (0);
	}
	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, c->dc.a, "");
	r = studio_quiz_edit(&c->dc, pp->slug, pp->module, &e, &fe, &errs,
	    &qid);
	if (r == RES_INVALID) {
		if (!ctx_ok(c, studio_open(&c->dc, pp->slug, STUDIO_OPEN,
		    &sc)))
			return (0);
		if ((m = studio_quiz_module(&sc, pp->module)) == NULL) {
			ctx_error(c, 404);
			return (0);
		}
		list = tv_list(c->view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
		sq_view(c, &sc, m, sq_lang(c, &sc, !studio_role_may(sc.role,
		    STUDIO_TEXT)), &e, &fe, e.question);
		ctx_render(c, 400, "studio_quiz");
		return (0);
	}
	to = arena_printf(c->dc.a, "/studio/courses/%s/quizzes/%s%s%s%s%s",
	    pp->slug, pp->module, e.lang != NULL ? "?lang=" : "",
	    e.lang != NULL ? e.lang : "", qid != NULL && e.op != SQZ_REMOVE ?
	    "#q-" : "", qid != NULL && e.op != SQZ_REMOVE ? qid : "");
	if (e.op == SQZ_REMOVE && r == RES_OK)
		to = arena_printf(c->dc.a, "/studio/courses/%s", pp->slug);
	ctx_done(c, r, FLASH_QUIZ_SAVED, to);
	return (0);
}

/*
 * GET /studio/courses/SLUG/quizzes/MODULE: the module's quiz in the
 * editor (?lang= the texts' language, ?add=TYPE a new question's form);
 * POST: one change of it (op).
 */
int
page_studio_quiz(struct http_request *req)
{
	struct ctx		 c;
	struct studio_course	 sc;
	struct sq_path		 pp;
	struct pkg_module	*m;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER) || !sq_path(&c, &pp, 5))
		goto out;
	if (c.is_post) {
		(void)sq_post(&c, &pp);
		goto out;
	}
	if (!ctx_ok(&c, studio_open(&c.dc, pp.slug, STUDIO_OPEN, &sc)))
		goto out;
	if ((m = studio_quiz_module(&sc, pp.module)) == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	sq_view(&c, &sc, m, sq_lang(&c, &sc, !studio_role_may(sc.role,
	    STUDIO_TEXT)), NULL, NULL, NULL);
	ctx_render(&c, 200, "studio_quiz");
out:
	return (ctx_end(&c));
}

/*
 * GET .../quizzes/MODULE/preview: the quiz as a learner's attempt shows
 * it; POST: the answers graded by the learner's functions, shown as the
 * learner's feedback page. Nothing is recorded.
 */
int
page_studio_quiz_preview(struct http_request *req)
{
	struct ctx		 c;
	struct studio_course	 sc;
	struct sq_path		 pp;
	struct squiz_try	 t;
	struct learning_attempt	 la;
	struct quiz_field	*f = NULL;
	const char		*why, *lang, *base;
	enum result		 r;
	size_t			 nf = 0;
	int			 bad;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER) || !sq_path(&c, &pp, 6))
		goto out;
	/* The texts' language: ?lang= on the way in, the page's after. */
	if ((lang = ctx_param(&c, "lang")) == NULL)
		lang = i18n_code(c.lang);
	if (c.is_post)
		nf = hq_form_fields(&c, &f);
	r = studio_quiz_preview(&c.dc, pp.slug, pp.module, lang, SQ_SEED, f,
	    nf, &t, &sc, &why, &bad);
	if (c.is_post && nf == 0 && r == RES_OK) {
		why = N_("Answer at least one question before you submit. "
		    "An empty form does not use an attempt.");
		r = RES_INVALID;
	}
	if (r != RES_OK && r != RES_INVALID) {
		(void)ctx_ok(&c, r);
		goto out;
	}
	memset(&la, 0, sizeof(la));
	la.quiz = t.quiz;
	la.order = t.order;
	la.answers = t.answers;
	la.result = t.result;
	la.submitted = t.graded;
	la.attempts_left = -1;
	la.row.number = 1;
	hq_attempt_view(&c, pp.slug, t.quiz->id, &la, r == RES_INVALID ? why :
	    NULL, r == RES_INVALID ? bad : -1);
	base = arena_printf(c.dc.a, "/studio/courses/%s/quizzes/%s",
	    pp.slug, pp.module);
	tv_str(c.view, "quiz_path", arena_printf(c.dc.a, "%s?lang=%s", base,
	    t.quiz->lang != NULL ? t.quiz->lang : ""));
	tv_str(c.view, "action", arena_printf(c.dc.a, "%s/preview", base));
	tv_bool(c.view, "preview", 1);
	tv_bool(c.view, "can_retry", 0);
	ctx_title(&c, N_("Quiz preview"));
	ctx_render(&c, r == RES_INVALID ? 400 : 200, "quiz_attempt");
out:
	return (ctx_end(&c));
}
