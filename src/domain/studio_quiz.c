/*
 * studio_quiz.c: the studio's quiz editor (studio_quiz.h): the quiz file
 * writer, the edits of a module's quiz on the package in memory (quiz
 * added and removed, settings, questions added, edited, moved and
 * removed, for the six question types), their save as a new version
 * through studio_save, and the preview graded by the learner's functions.
 *
 * Never: SQL, Kore headers, an attempt written (the preview records
 * nothing), a second grader.
 */
#include <stdio.h>
#include <string.h>

#include "domain/course_int.h"
#include "domain/package.h"
#include "domain/quiz_grade.h"
#include "domain/studio.h"
#include "domain/studio_quiz.h"
#include "domain/validate.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/utf8.h"

#ifndef N_
#define N_(s)	(s)
#endif

static const struct {
	const char	*name;
	enum squiz_op	 op;
} op_names[] = {
	{ "quiz-add", SQZ_ADD },
	{ "quiz-remove", SQZ_REMOVE },
	{ "quiz-settings", SQZ_SETTINGS },
	{ "question-add", SQZ_Q_ADD },
	{ "question-edit", SQZ_Q_EDIT },
	{ "question-up", SQZ_Q_UP },
	{ "question-down", SQZ_Q_DOWN },
	{ "question-remove", SQZ_Q_REMOVE },
	{ NULL, SQZ_NONE }
};

static void	 put_num(struct buf *, const char *, double);
static void	 put_question(struct buf *, const struct pkg_question *);
static int	 int_in(const char *, int, int, int *);
static void	 set_text(struct arena *, const struct course_pkg *,
		    struct pkg_i18n *, const char *, const char *, int);
static int	 question_find(const struct pkg_quiz *, const char *);
static const char *question_id_new(struct arena *, const struct pkg_quiz *);
static const char *option_id_new(struct arena *, const struct pkg_option *,
		    size_t);
static int	 options_set(struct arena *, const struct course_pkg *,
		    struct pkg_question *, const struct squiz_edit *,
		    const char *, int, struct form_errors *);
static int	 accept_set(struct arena *, const struct course_pkg *,
		    struct pkg_question *, const char *, const char *, int,
		    struct form_errors *);
static int	 question_set(struct arena *, const struct course_pkg *,
		    struct pkg_question *, const struct squiz_edit *,
		    const char *, int, int, struct form_errors *);
static struct pkg_quiz *quiz_new(struct arena *, const struct course_pkg *,
		    const struct pkg_module *);
static enum result fail(struct form_errors *, const char *, const char *);
static int	 bad(struct form_errors *, const char *, const char *);

enum squiz_op
studio_quiz_op_parse(const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && op_names[i].name != NULL; i++)
		if (strcmp(op_names[i].name, name) == 0)
			return (op_names[i].op);
	return (SQZ_NONE);
}

enum question_type
studio_quiz_type_parse(const char *name)
{
	int	t;

	for (t = Q_SINGLE; name != NULL && t <= Q_ORDERING; t++)
		if (strcmp(pkg_question_type_name((enum question_type)t),
		    name) == 0)
			return ((enum question_type)t);
	return ((enum question_type)0);
}

struct pkg_module *
studio_quiz_module(const struct studio_course *sc, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && sc->pkg != NULL &&
	    i < sc->pkg->nmodules; i++)
		if (strcmp(sc->pkg->modules[i].id, id) == 0)
			return (&sc->pkg->modules[i]);
	return (NULL);
}

/* "KEY: NUMBER\n", the shortest form strtod() reads back exactly. */
static void
put_num(struct buf *b, const char *key, double v)
{
	char	s[64];
	double	back;

	(void)snprintf(s, sizeof(s), "%.15g", v);
	if (sscanf(s, "%lf", &back) != 1 || back != v)
		(void)snprintf(s, sizeof(s), "%.17g", v);
	buf_appendf(b, "    %s: %s\n", key, s);
}

static void
put_question(struct buf *b, const struct pkg_question *q)
{
	size_t	i, k;

	buf_puts(b, "  - id: ");
	studio_yaml_str(b, q->id);
	buf_appendf(b, "\n    type: %s\n", pkg_question_type_name(q->type));
	studio_yaml_i18n(b, "    ", "prompt", &q->prompt);
	if (q->noptions > 0)
		buf_puts(b, "    options:\n");
	for (i = 0; i < q->noptions; i++) {
		buf_puts(b, "      - id: ");
		studio_yaml_str(b, q->options[i].id);
		buf_putc(b, '\n');
		studio_yaml_i18n(b, "        ", "text", &q->options[i].text);
		if (q->options[i].correct)
			buf_puts(b, "        correct: true\n");
	}
	if (q->type == Q_TRUEFALSE && q->has_answer)
		buf_appendf(b, "    answer: %s\n", q->answer_bool ? "true" :
		    "false");
	if (q->type == Q_NUMERIC && q->has_answer) {
		put_num(b, "answer", q->answer_num);
		put_num(b, "tolerance", q->tolerance);
	}
	if (q->naccept > 0) {
		buf_puts(b, "    accept: {");
		for (i = 0; i < q->naccept; i++) {
			buf_puts(b, i ? ", " : " ");
			studio_yaml_str(b, q->accept[i].lang);
			buf_puts(b, ": [");
			for (k = 0; k < q->accept[i].list.n; k++) {
				if (k)
					buf_puts(b, ", ");
				studio_yaml_str(b, q->accept[i].list.v[k]);
			}
			buf_putc(b, ']');
		}
		buf_puts(b, " }\n");
	}
	if (q->feedback.n > 0)
		studio_yaml_i18n(b, "    ", "feedback", &q->feedback);
}

char *
studio_quiz_yaml(struct arena *a, const struct pkg_quiz *qz)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_puts(&b, "id: ");
	studio_yaml_str(&b, qz->id);
	buf_putc(&b, '\n');
	studio_yaml_i18n(&b, "", "title", &qz->title);
	buf_appendf(&b, "pass_mark: %d\nmax_attempts: %d\ngraded: %s\n"
	    "questions:\n", qz->pass_mark, qz->max_attempts, qz->graded ?
	    "true" : "false");
	for (i = 0; i < qz->nquestions; i++)
		put_question(&b, &qz->questions[i]);
	return (buf_to_arena(&b, a));
}

static enum result
fail(struct form_errors *fe, const char *field, const char *msgid)
{
	form_error(fe, field, msgid);
	return (RES_INVALID);
}

/* An error for field; 0 (for "not valid"). */
static int
bad(struct form_errors *fe, const char *field, const char *msgid)
{
	form_error(fe, field, msgid);
	return (0);
}

/* 1 and *out when s is a whole number from min to max. */
static int
int_in(const char *s, int min, int max, int *out)
{
	int	v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 6 ||
	    !str_of(s, 1, 6, DIGITS))
		return (0);
	for (; *s != '\0'; s++)
		v = v * 10 + (*s - '0');
	if (v < min || v > max)
		return (0);
	*out = v;
	return (1);
}

/* The text of lang (every language when fresh) becomes text. */
static void
set_text(struct arena *a, const struct course_pkg *p, struct pkg_i18n *t,
    const char *lang, const char *text, int fresh)
{
	if (fresh)
		*t = studio_i18n_all(a, &p->languages, text);
	else
		studio_i18n_set(a, t, lang, p->default_language, text);
}

static int
question_find(const struct pkg_quiz *qz, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < qz->nquestions; i++)
		if (qz->questions[i].id != NULL &&
		    strcmp(qz->questions[i].id, id) == 0)
			return ((int)i);
	return (-1);
}

static const char *
question_id_new(struct arena *a, const struct pkg_quiz *qz)
{
	const char	*id;
	size_t		 k;

	for (k = qz->nquestions + 1;; k++) {
		id = arena_printf(a, "q%zu", k);
		if (question_find(qz, id) == -1)
			return (id);
	}
}

/* A fresh option id among the n of o: a letter, else "oN". */
static const char *
option_id_new(struct arena *a, const struct pkg_option *o, size_t n)
{
	const char	*id;
	size_t		 i, k;

	for (k = 0;; k++) {
		id = k < 26 ? arena_printf(a, "%c", (int)('a' + k)) :
		    arena_printf(a, "o%zu", k);
		for (i = 0; i < n; i++)
			if (o[i].id != NULL && strcmp(o[i].id, id) == 0)
				break;
		if (i == n)
			return (id);
	}
}

/*
 * The option table of a single, multiple or ordering question from the
 * form's rows: texts in lang; unless texts_only, an emptied row removes
 * its option, a filled new row adds one, and the correct marks follow
 * the form. 1, or 0 with errors in fe.
 */
static int
options_set(struct arena *a, const struct course_pkg *p,
    struct pkg_question *q, const struct squiz_edit *e, const char *lang,
    int texts_only, struct form_errors *fe)
{
	struct pkg_option	*nv;
	const char		*t;
	size_t			 i, n = 0, ncorrect = 0;
	int			 ok = 1;

	nv = arena_alloc(a, (q->noptions + e->nrows + 1) * sizeof(*nv));
	for (i = 0; i < e->nrows || i < q->noptions; i++) {
		t = i < e->nrows && e->option[i] != NULL ?
		    str_trim(a, e->option[i]) : "";
		if (i < q->noptions) {
			if (*t == '\0' && !texts_only)
				continue;	/* removed */
			nv[n] = q->options[i];
			if (*t == '\0' || !studio_text_ok(fe, "options", t,
			    SQUIZ_TEXT_MAX, 0)) {
				if (*t == '\0')
					form_error(fe, "options",
					    N_("This field is required."));
				ok = 0;
			} else
				set_text(a, p, &nv[n].text, lang, t, 0);
		} else {
			if (*t == '\0' || texts_only)
				continue;
			if (n >= SQUIZ_OPTIONS_MAX) {
				form_error(fe, "options", N_("A question has "
				    "at most 26 options."));
				ok = 0;
				break;
			}
			if (!studio_text_ok(fe, "options", t,
			    SQUIZ_TEXT_MAX, 0)) {
				ok = 0;
				continue;
			}
			memset(&nv[n], 0, sizeof(nv[n]));
			nv[n].id = option_id_new(a, nv, n);
			set_text(a, p, &nv[n].text, lang, t, 1);
		}
		if (!texts_only)
			nv[n].correct = i < e->nrows && e->correct[i] &&
			    q->type != Q_ORDERING;
		ncorrect += nv[n].correct != 0;
		n++;
	}
	q->options = nv;
	q->noptions = n;
	if (!ok)
		return (0);
	if (n < 2)
		return (bad(fe, "options", N_("Give two or more options.")));
	if (q->type == Q_SINGLE && ncorrect != 1)
		return (bad(fe, "options", N_("Mark exactly one option as "
		    "correct.")));
	if (q->type == Q_MULTIPLE && ncorrect < 1)
		return (bad(fe, "options", N_("Mark at least one option as "
		    "correct.")));
	return (1);
}

/*
 * The accepted answers of a text question in lang from text (one a
 * line); when lang is the default language, the languages whose list
 * was the same follow; when fresh, every language gets it.
 */
static int
accept_set(struct arena *a, const struct course_pkg *p,
    struct pkg_question *q, const char *lang, const char *text, int fresh,
    struct form_errors *fe)
{
	struct pkg_list		 l, *old = NULL;
	struct pkg_accept	*nv;
	const char		*s, *line;
	size_t			 len, i, k, n;
	int			 same;

	memset(&l, 0, sizeof(l));
	l.v = arena_alloc(a, (SQUIZ_ACCEPT_MAX + 1) * sizeof(*l.v));
	s = text != NULL ? text : "";
	while ((line = line_next(&s, &len)) != NULL) {
		while (len > 0 && (*line == ' ' || *line == '\t')) {
			line++;
			len--;
		}
		if (l.n == SQUIZ_ACCEPT_MAX || !utf8_valid(line, len, 0))
			return (bad(fe, "accept", N_("Write at most 20 "
			    "accepted answers, one per line, each of at most "
			    "160 characters.")));
		l.v[l.n] = arena_strndup(a, line, len);
		if (utf8_chars(l.v[l.n]) > SQUIZ_ANSWER_MAX)
			return (bad(fe, "accept", N_("Write at most 20 "
			    "accepted answers, one per line, each of at most "
			    "160 characters.")));
		l.n++;
	}
	if (l.n == 0)
		return (bad(fe, "accept", N_("Write at least one accepted "
		    "answer.")));
	nv = arena_alloc(a, (q->naccept + p->languages.n + 1) * sizeof(*nv));
	n = 0;
	for (i = 0; !fresh && i < q->naccept; i++) {
		nv[n++] = q->accept[i];
		if (strcmp(q->accept[i].lang, p->default_language) == 0)
			old = &q->accept[i].list;
	}
	for (i = 0; i < p->languages.n; i++) {
		for (k = 0; k < n; k++)
			if (strcmp(nv[k].lang, p->languages.v[i]) == 0)
				break;
		if (k == n && (fresh || strcmp(p->languages.v[i], lang) == 0)) {
			nv[n].lang = p->languages.v[i];
			nv[n++].list = l;
			continue;
		}
		if (k == n)
			continue;
		if (strcmp(nv[k].lang, lang) == 0) {
			nv[k].list = l;
			continue;
		}
		/* An untranslated copy of the default follows it. */
		if (strcmp(lang, p->default_language) != 0 || old == NULL ||
		    nv[k].list.n != old->n)
			continue;
		for (same = 1, len = 0; len < old->n; len++)
			same &= strcmp(nv[k].list.v[len], old->v[len]) == 0;
		if (same)
			nv[k].list = l;
	}
	q->accept = nv;
	q->naccept = n;
	return (1);
}

/* Sets q from the form (fresh: a new question, every language). */
static int
question_set(struct arena *a, const struct course_pkg *p,
    struct pkg_question *q, const struct squiz_edit *e, const char *lang,
    int fresh, int texts_only, struct form_errors *fe)
{
	double	v;
	int	ok = 1;

	if (studio_text_ok(fe, "prompt", e->prompt, SQUIZ_TEXT_MAX, 1))
		set_text(a, p, &q->prompt, lang, e->prompt, fresh);
	else
		ok = 0;
	if (studio_text_ok(fe, "feedback", e->feedback, SQUIZ_TEXT_MAX, 1))
		set_text(a, p, &q->feedback, lang, e->feedback, fresh ||
		    q->feedback.n == 0);
	else
		ok = 0;
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTIPLE:
	case Q_ORDERING:
		ok &= options_set(a, p, q, e, lang, texts_only, fe);
		break;
	case Q_TRUEFALSE:
		if (texts_only)
			break;
		if (e->answer == NULL || (strcmp(e->answer, "true") != 0 &&
		    strcmp(e->answer, "false") != 0)) {
			form_error(fe, "answer", N_("Choose true or false."));
			ok = 0;
			break;
		}
		q->has_answer = 1;
		q->answer_bool = strcmp(e->answer, "true") == 0;
		break;
	case Q_NUMERIC:
		if (texts_only)
			break;
		if (e->answer == NULL || quiz_parse_number(e->answer, &v) ==
		    -1) {
			form_error(fe, "answer", N_("Write a number, such as "
			    "193 or 2.5."));
			ok = 0;
		} else {
			q->has_answer = 1;
			q->answer_num = v;
		}
		if (e->tolerance == NULL || *e->tolerance == '\0')
			q->tolerance = 0;
		else if (quiz_parse_number(e->tolerance, &v) == -1 || v < 0) {
			form_error(fe, "tolerance", N_("Write a number of 0 "
			    "or more."));
			ok = 0;
		} else
			q->tolerance = v;
		break;
	case Q_TEXT:
		ok &= accept_set(a, p, q, lang, e->accept, fresh, fe);
		break;
	}
	return (ok);
}

/* A new quiz for module m: its file and id free in the package. */
static struct pkg_quiz *
quiz_new(struct arena *a, const struct course_pkg *p,
    const struct pkg_module *m)
{
	struct pkg_quiz	*qz;
	size_t		 i, k;

	qz = arena_alloc(a, sizeof(*qz));
	for (k = 1;; k++) {
		qz->file = k == 1 ? arena_printf(a, "%s/quiz.yaml", m->id) :
		    arena_printf(a, "%s/quiz-%zu.yaml", m->id, k);
		qz->id = k == 1 ? arena_printf(a, "%s-quiz", m->id) :
		    arena_printf(a, "%s-quiz-%zu", m->id, k);
		for (i = 0; i < p->nmodules; i++)
			if ((p->modules[i].quiz_file != NULL &&
			    strcmp(p->modules[i].quiz_file, qz->file) == 0) ||
			    (p->modules[i].quiz != NULL &&
			    p->modules[i].quiz->id != NULL &&
			    strcmp(p->modules[i].quiz->id, qz->id) == 0))
				break;
		if (i == p->nmodules)
			break;
	}
	qz->pass_mark = 70;
	qz->max_attempts = 0;
	qz->graded = 1;
	return (qz);
}

enum result
studio_quiz_apply(struct arena *a, struct course_pkg *p,
    struct pkg_files *files, struct pkg_module *m,
    const struct squiz_edit *e, int texts_only, struct form_errors *fe)
{
	struct pkg_quiz		*qz;
	struct pkg_question	*nq, tmp;
	const char		*lang, *yaml;
	char			 hash[65];
	size_t			 i;
	int			 k, ok = 1;

	lang = e->lang != NULL && *e->lang != '\0' ? e->lang :
	    p->default_language;
	if (!pkg_has_lang(p, lang))
		return (RES_NOT_FOUND);
	if (texts_only && (strcmp(lang, p->default_language) == 0 ||
	    (e->op != SQZ_Q_EDIT && e->op != SQZ_SETTINGS)))
		return (RES_FORBIDDEN);
	qz = m->quiz;
	if (e->op == SQZ_ADD) {
		if (m->quiz_file != NULL)
			return (fail(fe, "quiz", N_("This module already has "
			    "a quiz.")));
		qz = quiz_new(a, p, m);
	} else if (qz == NULL)
		return (RES_NOT_FOUND);
	k = e->question != NULL ? question_find(qz, e->question) : -1;
	switch (e->op) {
	case SQZ_ADD:
	case SQZ_Q_ADD:
		if (e->op == SQZ_ADD) {
			if (studio_text_ok(fe, "title", e->title,
			    STUDIO_TITLE_MAX, 0))
				qz->title = studio_i18n_all(a, &p->languages,
				    e->title);
			else
				ok = 0;
		}
		if (qz->nquestions >= SQUIZ_QUESTIONS_MAX)
			return (fail(fe, "quiz", N_("The quiz has as many "
			    "questions as it may have.")));
		memset(&tmp, 0, sizeof(tmp));
		if ((tmp.type = studio_quiz_type_parse(e->type)) == 0)
			return (fail(fe, "type", N_("Choose a question type "
			    "from the list.")));
		tmp.type_name = pkg_question_type_name(tmp.type);
		tmp.id = question_id_new(a, qz);
		ok &= question_set(a, p, &tmp, e, lang, 1, 0, fe);
		if (!ok)
			return (RES_INVALID);
		nq = arena_alloc(a, (qz->nquestions + 2) * sizeof(*nq));
		if (qz->nquestions > 0)
			memcpy(nq, qz->questions, qz->nquestions *
			    sizeof(*nq));
		nq[qz->nquestions] = tmp;
		qz->questions = nq;
		qz->nquestions++;
		break;
	case SQZ_REMOVE:
		for (i = 0; i < files->n; i++)
			if (strcmp(files->v[i].path, m->quiz_file) == 0) {
				files->v[i] = files->v[--files->n];
				break;
			}
		m->quiz_file = NULL;
		m->quiz = NULL;
		return (RES_OK);
	case SQZ_SETTINGS:
		if (studio_text_ok(fe, "title", e->title, STUDIO_TITLE_MAX, 0))
			studio_i18n_set(a, &qz->title, lang,
			    p->default_language, e->title);
		else
			ok = 0;
		if (texts_only)
			break;
		if (!int_in(e->pass_mark, 0, 100, &qz->pass_mark)) {
			form_error(fe, "pass_mark", N_("Write a whole number "
			    "from 0 to 100."));
			ok = 0;
		}
		if (!int_in(e->max_attempts, 0, SQUIZ_ATTEMPTS_MAX,
		    &qz->max_attempts)) {
			form_error(fe, "max_attempts", N_("Write a whole "
			    "number from 0 (unlimited) to 1000."));
			ok = 0;
		}
		qz->graded = e->graded ? 1 : 0;
		break;
	case SQZ_Q_EDIT:
		if (k == -1)
			return (RES_NOT_FOUND);
		ok &= question_set(a, p, &qz->questions[k], e, lang, 0,
		    texts_only, fe);
		break;
	case SQZ_Q_UP:
	case SQZ_Q_DOWN:
		if (k == -1)
			return (RES_NOT_FOUND);
		if (e->op == SQZ_Q_UP && k == 0)
			return (fail(fe, "quiz", N_("This question is already "
			    "the first.")));
		if (e->op == SQZ_Q_DOWN && (size_t)k + 1 == qz->nquestions)
			return (fail(fe, "quiz", N_("This question is already "
			    "the last.")));
		i = e->op == SQZ_Q_UP ? (size_t)k - 1 : (size_t)k + 1;
		tmp = qz->questions[k];
		qz->questions[k] = qz->questions[i];
		qz->questions[i] = tmp;
		break;
	case SQZ_Q_REMOVE:
		if (k == -1)
			return (RES_NOT_FOUND);
		if (qz->nquestions == 1)
			return (fail(fe, "quiz", N_("A quiz needs at least one "
			    "question: remove the quiz instead.")));
		memmove(qz->questions + k, qz->questions + k + 1,
		    (qz->nquestions - (size_t)k - 1) * sizeof(*qz->questions));
		qz->nquestions--;
		break;
	case SQZ_NONE:
		return (RES_NOT_FOUND);
	}
	if (!ok)
		return (RES_INVALID);
	yaml = studio_quiz_yaml(a, qz);
	course_hash_hex(yaml, strlen(yaml), hash);
	pkg_files_put(a, files, qz->file, yaml, strlen(yaml), hash);
	m->quiz_file = qz->file;
	m->quiz = qz;
	return (RES_OK);
}

enum result
studio_quiz_edit(struct dctx *dc, const char *slug, const char *module,
    const struct squiz_edit *e, struct form_errors *fe,
    struct pkg_errors *errs, const char **qid)
{
	struct studio_course	 sc;
	struct pkg_module	*m;
	enum result		 r;
	size_t			 i;
	int			 texts_only;

	*qid = NULL;
	if ((r = studio_open(dc, slug, STUDIO_OPEN, &sc)) != RES_OK)
		return (r);
	if (studio_role_may(sc.role, STUDIO_TEXT))
		texts_only = 0;
	else if (studio_role_may(sc.role, STUDIO_TRANSLATE))
		texts_only = 1;
	else
		return (RES_FORBIDDEN);
	if ((m = studio_quiz_module(&sc, module)) == NULL)
		return (RES_NOT_FOUND);
	if ((r = studio_quiz_apply(dc->a, sc.pkg, &sc.files, m, e,
	    texts_only, fe)) != RES_OK)
		return (r);
	if ((e->op == SQZ_ADD || e->op == SQZ_Q_ADD) && m->quiz != NULL)
		*qid = m->quiz->questions[m->quiz->nquestions - 1].id;
	else if (e->op == SQZ_Q_EDIT || e->op == SQZ_Q_UP ||
	    e->op == SQZ_Q_DOWN)
		*qid = e->question;
	for (i = 0; op_names[i].name != NULL; i++)
		if (op_names[i].op == e->op)
			break;
	return (studio_save(dc, &sc, arena_printf(dc->a, "studio %s %s %s",
	    op_names[i].name != NULL ? op_names[i].name : "", module,
	    *qid != NULL ? *qid : ""), errs, NULL, NULL));
}

enum result
studio_quiz_preview(struct dctx *dc, const char *slug, const char *module,
    const char *lang, uint64_t seed, const struct quiz_field *f, size_t nf,
    struct squiz_try *t, struct studio_course *sc, const char **why,
    int *bad_q)
{
	struct pkg_module	*m;
	enum result		 r;
	size_t			 i;

	memset(t, 0, sizeof(*t));
	*why = NULL;
	*bad_q = -1;
	if ((r = studio_open(dc, slug, STUDIO_OPEN, sc)) != RES_OK)
		return (r);
	if ((m = studio_quiz_module(sc, module)) == NULL || m->quiz == NULL)
		return (RES_NOT_FOUND);
	if (lang == NULL || !pkg_has_lang(sc->pkg, lang))
		lang = sc->pkg->default_language;
	/* As course_quiz_load() gives it to the learner's page. */
	t->quiz = pkg_quiz_in(dc->a, m->quiz, lang,
	    sc->pkg->default_language);
	if (!sc->pkg->quizzes_graded)
		t->quiz->graded = 0;
	quiz_order_make(t->quiz, seed, dc->a, &t->order);
	/* Nothing answered, as an open attempt starts. */
	if (quiz_answers_decode(t->quiz, "", dc->a, &t->answers, why) == -1)
		return (RES_INTERNAL);
	if (nf == 0)
		return (RES_OK);
	if (quiz_answers_from_form(t->quiz, f, nf, dc->a, &t->answers, why,
	    bad_q) == -1)
		return (RES_INVALID);
	for (i = 0; i < t->answers.n; i++)
		if (t->answers.a[i].answered)
			break;
	if (i == t->answers.n) {
		*why = N_("Answer at least one question before you submit. "
		    "An empty form does not use an attempt.");
		return (RES_INVALID);
	}
	quiz_grade(t->quiz, &t->answers, dc->a, &t->result);
	t->graded = 1;
	return (RES_OK);
}
