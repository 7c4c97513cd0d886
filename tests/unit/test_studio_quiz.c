/*
 * test_studio_quiz.c: the studio's quiz editor (studio_quiz.c): a quiz
 * built with one question of each of the six types, every edit read back
 * through the package reader and checks (pkg_load) unchanged, the quiz
 * file writer giving the shipped quizzes back field for field and byte
 * for byte from its second write; each form's bad input refused at its
 * field; the caps (questions, options, accepted answers) in the editor
 * and in the package check; a translator's texts only; and on both
 * backends: saves as new versions, the preview grading as quiz_grade
 * does on the learner's quiz (course_quiz_load) and recording nothing.
 */
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/crypto.h"
#include "domain/dctx.h"
#include "domain/learning.h"
#include "domain/package.h"
#include "domain/quiz_grade.h"
#include "domain/studio.h"
#include "domain/studio_quiz.h"
#include "lib/mem.h"
#include "t.h"
#include "tstore.h"

static struct dctx	 dc;
static struct user	 author, stranger;

static const struct studio_new NEW = {
	.slug = "quiz-course", .title = "Quizzes",
	.summary = "A course to build quizzes in.",
	.languages = "ko,ar", .default_language = "en",
	.level = "beginner", .licence = "CC-BY-4.0",
	.values = "", .principles = "", .policy_areas = "",
	.track = "foundations", .module_title = "Basics",
	.lesson_title = "First"
};

static struct course_pkg *load(struct arena *, struct pkg_files *);
static void	 same_quiz(const struct pkg_quiz *, const struct pkg_quiz *);
static struct squiz_edit q_edit(enum squiz_op, const char *, const char *);
static enum result step(struct arena *, struct course_pkg **,
		    struct pkg_files *, const struct squiz_edit *, int,
		    struct form_errors *);
static void	 add_user(struct user *);
static void	 same_i18n(const struct pkg_i18n *, const struct pkg_i18n *);

/* The package read back as an import reads it (NULL: problems). */
static struct course_pkg *
load(struct arena *a, struct pkg_files *f)
{
	struct pkg_errors	 e;
	struct course_pkg	*p;
	size_t			 i;

	pkg_errors_init(&e, a, "");
	if ((p = pkg_load(a, f, &e)) == NULL)
		for (i = 0; i < e.n; i++)
			printf("  %s\n", e.msg[i]);
	return (p);
}

static void
same_i18n(const struct pkg_i18n *x, const struct pkg_i18n *y)
{
	size_t	i;

	T_ASSERT(x->n == y->n);
	for (i = 0; i < x->n && i < y->n; i++) {
		T_STREQ(x->v[i].lang, y->v[i].lang);
		T_STREQ(x->v[i].text, y->v[i].text);
	}
}

/* Field for field. */
static void
same_quiz(const struct pkg_quiz *x, const struct pkg_quiz *y)
{
	const struct pkg_question	*p, *q;
	size_t				 i, k, j;

	T_STREQ(x->id, y->id);
	same_i18n(&x->title, &y->title);
	T_ASSERT(x->pass_mark == y->pass_mark);
	T_ASSERT(x->max_attempts == y->max_attempts);
	T_ASSERT(x->graded == y->graded);
	T_ASSERT(x->nquestions == y->nquestions);
	for (i = 0; i < x->nquestions && i < y->nquestions; i++) {
		p = &x->questions[i];
		q = &y->questions[i];
		T_STREQ(p->id, q->id);
		T_ASSERT(p->type == q->type);
		same_i18n(&p->prompt, &q->prompt);
		same_i18n(&p->feedback, &q->feedback);
		T_ASSERT(p->noptions == q->noptions);
		for (k = 0; k < p->noptions && k < q->noptions; k++) {
			T_STREQ(p->options[k].id, q->options[k].id);
			T_ASSERT(p->options[k].correct ==
			    q->options[k].correct);
			same_i18n(&p->options[k].text, &q->options[k].text);
		}
		T_ASSERT(p->has_answer == q->has_answer);
		T_ASSERT(p->answer_bool == q->answer_bool);
		T_ASSERT(p->answer_num == q->answer_num);
		T_ASSERT(p->tolerance == q->tolerance);
		T_ASSERT(p->naccept == q->naccept);
		for (k = 0; k < p->naccept && k < q->naccept; k++) {
			T_STREQ(p->accept[k].lang, q->accept[k].lang);
			T_ASSERT(p->accept[k].list.n == q->accept[k].list.n);
			for (j = 0; j < p->accept[k].list.n &&
			    j < q->accept[k].list.n; j++)
				T_STREQ(p->accept[k].list.v[j],
				    q->accept[k].list.v[j]);
		}
	}
}

static struct squiz_edit
q_edit(enum squiz_op op, const char *type, const char *question)
{
	struct squiz_edit	e;

	memset(&e, 0, sizeof(e));
	e.op = op;
	e.type = type;
	e.question = question;
	e.title = "Check";
	e.prompt = "Which one?";
	e.feedback = "Because the lesson says so.";
	return (e);
}

/*
 * Applies e to module m01 and reads the package back; on RES_OK checks
 * that the rewritten quiz is the one in memory, field for field.
 */
static enum result
step(struct arena *a, struct course_pkg **p, struct pkg_files *f,
    const struct squiz_edit *e, int texts_only, struct form_errors *fe)
{
	struct pkg_quiz		*mem;
	struct course_pkg	*back;
	const char		*yaml;
	char			 hash[65];
	enum result		 r;

	memset(fe, 0, sizeof(*fe));
	if ((r = studio_quiz_apply(a, *p, f, &(*p)->modules[0], e,
	    texts_only, fe)) != RES_OK)
		return (r);
	mem = (*p)->modules[0].quiz;
	yaml = studio_manifest(a, *p);
	course_hash_hex(yaml, strlen(yaml), hash);
	pkg_files_put(a, f, "course.yaml", yaml, strlen(yaml), hash);
	back = load(a, f);
	T_ASSERT(back != NULL);
	if (back == NULL)
		return (RES_INTERNAL);
	T_ASSERT((back->modules[0].quiz == NULL) == (mem == NULL));
	if (mem != NULL && back->modules[0].quiz != NULL)
		same_quiz(mem, back->modules[0].quiz);
	*p = back;
	return (r);
}

static void
test_six_types(void)
{
	struct arena		*a;
	struct pkg_files	 f;
	struct form_errors	 fe;
	struct course_pkg	*p;
	struct squiz_edit	 e;
	const struct pkg_quiz	*qz;
	const struct pkg_question *q;
	const struct pkg_file	*file;
	size_t			 n;

	a = arena_new();
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &NEW, "Ana", &f, &fe) == RES_OK);
	p = load(a, &f);
	T_ASSERT(p != NULL);
	if (p == NULL)
		goto out;
	/* A single choice starts the quiz. */
	e = q_edit(SQZ_ADD, "single", NULL);
	e.option[0] = "Age";
	e.correct[0] = 1;
	e.option[1] = "Shoe size";
	e.nrows = 3;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "quiz") != NULL);
	e = q_edit(SQZ_Q_ADD, "multiple", NULL);
	e.option[0] = "Fairness";
	e.correct[0] = 1;
	e.option[1] = "Speed";
	e.option[2] = "Transparency";
	e.correct[2] = 1;
	e.nrows = 3;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	e = q_edit(SQZ_Q_ADD, "truefalse", NULL);
	e.answer = "false";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	e = q_edit(SQZ_Q_ADD, "numeric", NULL);
	e.answer = "0.1";
	e.tolerance = "0.05";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	e = q_edit(SQZ_Q_ADD, "text", NULL);
	e.accept = "Readiness assessment methodology\n  RAM \r\n\n";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	e = q_edit(SQZ_Q_ADD, "ordering", NULL);
	e.option[0] = "Assess";
	e.option[1] = "Mitigate";
	e.option[2] = "Monitor";
	e.correct[1] = 1;	/* ignored: an ordering has no marks */
	e.nrows = 3;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	qz = p->modules[0].quiz;
	T_ASSERT(qz != NULL && qz->nquestions == 6);
	if (qz == NULL || qz->nquestions != 6)
		goto out;
	T_STREQ(qz->id, "m01-quiz");
	T_STREQ(p->modules[0].quiz_file, "m01/quiz.yaml");
	T_ASSERT(qz->questions[3].answer_num == 0.1);
	T_ASSERT(qz->questions[3].tolerance == 0.05);
	q = &qz->questions[4];
	T_ASSERT(q->naccept == 3 && q->accept[0].list.n == 2);
	if (q->naccept == 3 && q->accept[0].list.n == 2) {
		T_STREQ(q->accept[0].list.v[1], "RAM");
		T_STREQ(q->accept[2].lang, "ar");
	}
	T_ASSERT(!qz->questions[5].options[1].correct);
	/* The file's second write is its first. */
	file = pkg_files_get(&f, "m01/quiz.yaml");
	T_ASSERT(file != NULL);
	if (file != NULL)
		T_STREQ(studio_quiz_yaml(a, qz), file->data);
	/* Korean texts: the default's copies stay where translated. */
	e = q_edit(SQZ_Q_EDIT, NULL, "q5");
	e.lang = "ko";
	e.prompt = "방법의 이름은?";
	e.accept = "준비도 평가 방법론";
	T_ASSERT(step(a, &p, &f, &e, 1, &fe) == RES_OK);
	e = q_edit(SQZ_Q_EDIT, NULL, "q5");
	e.prompt = "Name the method.";
	e.accept = "RAM";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	q = &p->modules[0].quiz->questions[4];
	T_STREQ(pkg_text(&q->prompt, "ko", NULL), "방법의 이름은?");
	T_STREQ(pkg_text(&q->prompt, "ar", NULL), "Name the method.");
	T_STREQ(q->accept[1].list.v[0], "준비도 평가 방법론");
	T_ASSERT(q->accept[2].list.n == 1);
	/* Moves and removal keep ids; a removed option goes. */
	e = q_edit(SQZ_Q_UP, NULL, "q1");
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	e = q_edit(SQZ_Q_DOWN, NULL, "q6");
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	e = q_edit(SQZ_Q_DOWN, NULL, "q1");
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	T_STREQ(p->modules[0].quiz->questions[1].id, "q1");
	e = q_edit(SQZ_Q_EDIT, NULL, "q2");
	e.option[0] = "Fairness";
	e.correct[0] = 1;
	e.option[1] = "";
	e.option[2] = "Transparency";
	e.option[3] = "Privacy";
	e.correct[3] = 1;
	e.nrows = 4;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	q = &p->modules[0].quiz->questions[0];
	T_ASSERT(q->noptions == 3);
	if (q->noptions == 3) {
		T_STREQ(q->options[1].id, "c");
		T_STREQ(q->options[2].id, "b");
		T_ASSERT(!q->options[1].correct && q->options[2].correct);
	}
	e = q_edit(SQZ_Q_REMOVE, NULL, "q3");
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	T_ASSERT(p->modules[0].quiz->nquestions == 5);
	e = q_edit(SQZ_Q_EDIT, NULL, "q9");
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_NOT_FOUND);
	/* Settings. */
	e = q_edit(SQZ_SETTINGS, NULL, NULL);
	e.pass_mark = "101";
	e.max_attempts = "-1";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "pass_mark") != NULL);
	T_ASSERT(form_error_for(&fe, "max_attempts") != NULL);
	e.pass_mark = "80";
	e.max_attempts = "2";
	e.graded = 0;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	T_ASSERT(p->modules[0].quiz->pass_mark == 80 &&
	    p->modules[0].quiz->max_attempts == 2 &&
	    !p->modules[0].quiz->graded);
	/* Removing the quiz removes its file. */
	n = f.n;
	e = q_edit(SQZ_REMOVE, NULL, NULL);
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	T_ASSERT(f.n == n - 1 && p->modules[0].quiz_file == NULL);
	T_ASSERT(pkg_files_get(&f, "m01/quiz.yaml") == NULL);
out:
	arena_free(a);
}

/* Each bad field named; nothing half applied reaches a save. */
static void
test_bad_input(void)
{
	struct arena		*a;
	struct pkg_files	 f;
	struct form_errors	 fe;
	struct course_pkg	*p;
	struct squiz_edit	 e;

	a = arena_new();
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &NEW, "Ana", &f, &fe) == RES_OK);
	p = load(a, &f);
	if (p == NULL)
		goto out;
	e = q_edit(SQZ_ADD, "single", NULL);
	e.title = "";
	e.prompt = "";
	e.feedback = "two\x01";
	e.option[0] = "Only";
	e.nrows = 1;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "title") != NULL);
	T_ASSERT(form_error_for(&fe, "prompt") != NULL);
	T_ASSERT(form_error_for(&fe, "feedback") != NULL);
	T_STREQ(form_error_for(&fe, "options"), "Give two or more options.");
	T_ASSERT(p->modules[0].quiz_file == NULL);
	e = q_edit(SQZ_ADD, "essay", NULL);
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "type") != NULL);
	e = q_edit(SQZ_ADD, "single", NULL);
	e.option[0] = "A";
	e.option[1] = "B";
	e.nrows = 2;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_STREQ(form_error_for(&fe, "options"),
	    "Mark exactly one option as correct.");
	e = q_edit(SQZ_ADD, "truefalse", NULL);
	e.answer = "maybe";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "answer") != NULL);
	e = q_edit(SQZ_ADD, "numeric", NULL);
	e.answer = "12abc";
	e.tolerance = "-2";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "answer") != NULL);
	T_ASSERT(form_error_for(&fe, "tolerance") != NULL);
	e = q_edit(SQZ_ADD, "text", NULL);
	e.accept = " \n\n";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_STREQ(form_error_for(&fe, "accept"),
	    "Write at least one accepted answer.");
	e = q_edit(SQZ_ADD, "multiple", NULL);
	e.option[0] = "A";
	e.option[1] = "B";
	e.nrows = 2;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "options") != NULL);
	T_ASSERT(p->modules[0].quiz_file == NULL);
out:
	arena_free(a);
}

/* The caps, in the editor and in the package check. */
static void
test_caps(void)
{
	struct arena		*a;
	struct pkg_files	 f;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct course_pkg	*p;
	struct squiz_edit	 e;
	char			*acc;
	const char		*yaml;
	char			 hash[65];
	size_t			 i;
	int			 found;

	a = arena_new();
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &NEW, "Ana", &f, &fe) == RES_OK);
	p = load(a, &f);
	if (p == NULL)
		goto out;
	e = q_edit(SQZ_ADD, "truefalse", NULL);
	e.answer = "true";
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	e.op = SQZ_Q_ADD;
	for (i = 1; i < SQUIZ_QUESTIONS_MAX; i++) {
		memset(&fe, 0, sizeof(fe));
		T_ASSERT(studio_quiz_apply(a, p, &f, &p->modules[0], &e, 0,
		    &fe) == RES_OK);
	}
	T_ASSERT(p->modules[0].quiz->nquestions == SQUIZ_QUESTIONS_MAX);
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "quiz") != NULL);
	/* Options: one row past the cap is refused. */
	e = q_edit(SQZ_Q_EDIT, NULL, "q1");
	e.op = SQZ_REMOVE;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	e = q_edit(SQZ_ADD, "multiple", NULL);
	for (i = 0; i <= SQUIZ_OPTIONS_MAX; i++) {
		e.option[i] = arena_printf(a, "Choice %zu", i);
		e.correct[i] = 1;
	}
	e.nrows = SQUIZ_OPTIONS_MAX + 1;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "options") != NULL);
	e.nrows = SQUIZ_OPTIONS_MAX;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	/* Accepted answers: at most SQUIZ_ACCEPT_MAX a language. */
	acc = "";
	for (i = 0; i <= SQUIZ_ACCEPT_MAX; i++)
		acc = arena_printf(a, "%sanswer %zu\n", acc, i);
	e = q_edit(SQZ_Q_ADD, "text", NULL);
	e.accept = acc;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "accept") != NULL);
	e.accept = strchr(acc, '\n') + 1;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	/* The package check refuses what the editor refuses. */
	p->modules[0].quiz->questions[1].accept[0].list.v =
	    arena_alloc(a, (SQUIZ_ACCEPT_MAX + 2) * sizeof(char *));
	for (i = 0; i <= SQUIZ_ACCEPT_MAX; i++)
		p->modules[0].quiz->questions[1].accept[0].list.v[i] = "x";
	p->modules[0].quiz->questions[1].accept[0].list.n =
	    SQUIZ_ACCEPT_MAX + 1;
	yaml = studio_quiz_yaml(a, p->modules[0].quiz);
	course_hash_hex(yaml, strlen(yaml), hash);
	pkg_files_put(a, &f, "m01/quiz.yaml", yaml, strlen(yaml), hash);
	pkg_errors_init(&errs, a, "");
	T_ASSERT(pkg_load(a, &f, &errs) == NULL);
	for (i = 0, found = 0; i < errs.n; i++)
		found |= strstr(errs.msg[i], "accepted answers") != NULL;
	T_ASSERT(found);
out:
	arena_free(a);
}

/* A translator: only the texts of a language other than the default. */
static void
test_texts_only(void)
{
	struct arena		*a;
	struct pkg_files	 f;
	struct form_errors	 fe;
	struct course_pkg	*p;
	struct squiz_edit	 e;
	const struct pkg_question *q;

	a = arena_new();
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &NEW, "Ana", &f, &fe) == RES_OK);
	p = load(a, &f);
	if (p == NULL)
		goto out;
	e = q_edit(SQZ_ADD, "single", NULL);
	e.option[0] = "Age";
	e.correct[0] = 1;
	e.option[1] = "Shoe size";
	e.nrows = 2;
	T_ASSERT(step(a, &p, &f, &e, 0, &fe) == RES_OK);
	T_ASSERT(step(a, &p, &f, &e, 1, &fe) == RES_FORBIDDEN);
	e = q_edit(SQZ_Q_EDIT, NULL, "q1");
	e.option[0] = "나이";
	e.option[1] = "신발 크기";
	e.correct[1] = 1;	/* not a translator's to change */
	e.nrows = 2;
	T_ASSERT(step(a, &p, &f, &e, 1, &fe) == RES_FORBIDDEN);
	e.lang = "ko";
	e.prompt = "어느 것?";
	T_ASSERT(step(a, &p, &f, &e, 1, &fe) == RES_OK);
	q = &p->modules[0].quiz->questions[0];
	T_STREQ(pkg_text(&q->prompt, "ko", NULL), "어느 것?");
	T_STREQ(pkg_text(&q->prompt, "en", NULL), "Which one?");
	T_STREQ(pkg_text(&q->options[1].text, "ko", NULL), "신발 크기");
	T_ASSERT(q->options[0].correct && !q->options[1].correct);
	/* Emptying an option is not removing it, for a translator. */
	e.option[1] = "";
	T_ASSERT(step(a, &p, &f, &e, 1, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "options") != NULL);
	e = q_edit(SQZ_Q_REMOVE, NULL, "q1");
	e.lang = "ko";
	T_ASSERT(step(a, &p, &f, &e, 1, &fe) == RES_FORBIDDEN);
out:
	arena_free(a);
}

/* The shipped quizzes: written and read back unchanged. */
static void
test_shipped_quizzes(void)
{
	glob_t			 g;
	struct arena		*a;
	struct pkg_errors	 e;
	struct pkg_quiz		*x, *y;
	FILE			*fp;
	char			*buf, *w1, *w2, *files;
	size_t			 i, len;

	if (glob("content/courses/*/*/quiz*.yaml", 0, NULL, &g) != 0) {
		printf("  skipped: no shipped quiz found\n");
		return;
	}
	T_ASSERT(g.gl_pathc >= 2);
	a = arena_new();
	buf = arena_alloc(a, 1 << 20);
	for (i = 0; i < g.gl_pathc; i++) {
		files = g.gl_pathv[i];
		if ((fp = fopen(files, "rb")) == NULL) {
			T_ASSERT(!"a shipped quiz readable");
			continue;
		}
		len = fread(buf, 1, (1 << 20) - 1, fp);
		buf[len] = '\0';
		fclose(fp);
		pkg_errors_init(&e, a, "");
		x = pkg_parse_quiz(a, files, buf, len, &e);
		T_ASSERT(x != NULL && e.n == 0);
		if (x == NULL)
			continue;
		w1 = studio_quiz_yaml(a, x);
		y = pkg_parse_quiz(a, files, w1, strlen(w1), &e);
		T_ASSERT(y != NULL && e.n == 0);
		if (y == NULL)
			continue;
		same_quiz(x, y);
		w2 = studio_quiz_yaml(a, y);
		T_STREQ(w1, w2);
	}
	globfree(&g);
	arena_free(a);
}

static void
add_user(struct user *u)
{
	struct user_row	r;

	memset(&r, 0, sizeof(r));
	r.email = (char *)u->email;
	r.display_name = (char *)u->display_name;
	r.password_hash = "x";
	r.role = (char *)u->role;
	if (store_user_insert(dc.db, &r, dc.now, &u->id) != STORE_OK)
		printf("  cannot add %s\n", u->email);
}

/*
 * Saves go through studio_save as new versions; the preview grades as
 * quiz_grade grades the learner's quiz, and writes nothing.
 */
static void
test_save_and_preview(void)
{
	struct studio_course	 sc;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct squiz_edit	 e;
	struct squiz_try	 t;
	struct quiz		*lq;
	struct quiz_answers	 ans;
	struct quiz_result	 want;
	struct quiz_field	 fl[8];
	struct learning_quiz	 info;
	const char		*qid, *why;
	int			 bad;

	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, dc.a, "");
	dc.user = &author;
	T_ASSERT(studio_create(&dc, &NEW, &fe, &errs) == RES_OK);
	e = q_edit(SQZ_ADD, "single", NULL);
	e.option[0] = "Age";
	e.correct[0] = 1;
	e.option[1] = "Shoe size";
	e.nrows = 2;
	T_ASSERT(studio_quiz_edit(&dc, "quiz-course", "m01", &e, &fe, &errs,
	    &qid) == RES_OK);
	T_STREQ(qid, "q1");
	e = q_edit(SQZ_Q_ADD, "numeric", NULL);
	e.answer = "193";
	T_ASSERT(studio_quiz_edit(&dc, "quiz-course", "m01", &e, &fe, &errs,
	    &qid) == RES_OK);
	e = q_edit(SQZ_Q_ADD, "text", NULL);
	e.accept = "RAM";
	T_ASSERT(studio_quiz_edit(&dc, "quiz-course", "m01", &e, &fe, &errs,
	    &qid) == RES_OK);
	T_ASSERT(studio_open(&dc, "quiz-course", STUDIO_OPEN, &sc) == RES_OK);
	T_ASSERT(sc.version == 4);
	/* Someone not on the team learns nothing of it. */
	dc.user = &stranger;
	T_ASSERT(studio_quiz_edit(&dc, "quiz-course", "m01", &e, &fe, &errs,
	    &qid) == RES_NOT_FOUND);
	T_ASSERT(studio_quiz_preview(&dc, "quiz-course", "m01", "en", 1,
	    NULL, 0, &t, &sc, &why, &bad) == RES_NOT_FOUND);
	dc.user = &author;
	T_ASSERT(studio_quiz_edit(&dc, "quiz-course", "m09", &e, &fe, &errs,
	    &qid) == RES_NOT_FOUND);
	/* Answers by id: right, wrong ("194" is out of tolerance 0), and
	 * a Korean learner's English term. */
	fl[0].name = "q1"; fl[0].value = "q1";
	fl[1].name = "a1"; fl[1].value = "a";
	fl[2].name = "q2"; fl[2].value = "q2";
	fl[3].name = "a2"; fl[3].value = "194";
	fl[4].name = "q3"; fl[4].value = "q3";
	fl[5].name = "a3"; fl[5].value = "ram.";
	T_ASSERT(studio_quiz_preview(&dc, "quiz-course", "m01", "ko", 7, fl,
	    6, &t, &sc, &why, &bad) == RES_OK);
	T_ASSERT(t.graded);
	T_ASSERT(course_quiz_load(&dc, "quiz-course", "m01-quiz", "ko",
	    &lq) == RES_OK);
	T_ASSERT(quiz_answers_from_form(lq, fl, 6, dc.a, &ans, &why, &bad) ==
	    0);
	quiz_grade(lq, &ans, dc.a, &want);
	T_ASSERT(t.result.points == want.points && want.points == 2);
	T_ASSERT(t.result.max_points == want.max_points);
	T_ASSERT(t.result.percent == want.percent);
	T_ASSERT(t.result.passed == want.passed && !want.passed);
	T_ASSERT(t.result.correct[1] == 0 && t.result.correct[2] == 1);
	/* Refused as the learner's page refuses: empty, or forged. */
	fl[1].value = "";
	fl[3].value = "";
	fl[5].value = "";
	T_ASSERT(studio_quiz_preview(&dc, "quiz-course", "m01", "en", 7, fl,
	    6, &t, &sc, &why, &bad) == RES_INVALID);
	T_ASSERT(why != NULL);
	fl[1].value = "zz";
	T_ASSERT(studio_quiz_preview(&dc, "quiz-course", "m01", "en", 7, fl,
	    6, &t, &sc, &why, &bad) == RES_INVALID);
	T_ASSERT(bad == 0);
	/* Nothing recorded: the author has no attempt. */
	T_ASSERT(learning_quiz_get(&dc, "quiz-course", "m01-quiz", "en",
	    &info) == RES_OK);
	T_ASSERT(info.nattempts == 0);
}

static void
run(int pg)
{
	struct db	*db;

	if ((db = tstore_open_run(pg)) == NULL)
		return;
	course_cache_clear();
	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = arena_new();
	dc.now = 1700000000;
	add_user(&author);
	add_user(&stranger);
	T_RUN(test_save_and_preview);
	arena_free(dc.a);
	tstore_close(db);
}

int
main(void)
{
	if (crypto_setup() == -1)
		return (1);
	author.email = "ana@example.org";
	author.display_name = "Ana";
	author.role = "author";
	stranger.email = "other@example.org";
	stranger.display_name = "Other";
	stranger.role = "author";
	author.verified = stranger.verified = 1;
	T_RUN(test_six_types);
	T_RUN(test_bad_input);
	T_RUN(test_caps);
	T_RUN(test_texts_only);
	T_RUN(test_shipped_quizzes);
	run(0);
	run(1);
	return (t_done());
}
