/*
 * package_check.c: the rules of docs/course-format.md that span a whole
 * package (languages, taxonomy slugs, lesson files in every language,
 * image alt text, referenced media, quiz answers and feedback), plus the
 * small helpers over parsed packages: file sets, texts by language, a quiz
 * as struct quiz, WebVTT cue text and media content types.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "domain/package.h"
#include "domain/quiz_grade.h"
#include "domain/taxonomy.h"
#include "lib/mem.h"
#include "web/markdown.h"

struct img_check {
	struct pkg_errors	*errs;
	const struct pkg_files	*files;
	const char		*file;
};

static int	id_ok(const char *, size_t);
static void	check_i18n(struct pkg_errors *, const char *,
		    const struct course_pkg *, const struct pkg_i18n *,
		    const char *);
static void	check_tags(struct pkg_errors *, const char *, enum tax_kind,
		    const struct pkg_list *, const char *);
static int	check_image(void *, const char *, const char *, int);
static void	check_lesson_files(struct pkg_errors *,
		    const struct course_pkg *, const struct pkg_lesson *,
		    const struct pkg_files *);
static void	check_lesson(struct pkg_errors *, const struct course_pkg *,
		    const struct pkg_lesson *, const struct pkg_files *);
static void	check_question(struct pkg_errors *, const struct course_pkg *,
		    const char *, const struct pkg_question *);
static void	check_quiz(struct pkg_errors *, const struct course_pkg *,
		    const struct pkg_quiz *);
static void	check_head(struct pkg_errors *, const struct course_pkg *);
static size_t	accept_add(const char **, size_t, const struct pkg_list *);
static void	check_media(struct pkg_errors *, const char *, int,
		    const struct pkg_files *, const char *, const char *);

void
pkg_files_put(struct arena *a, struct pkg_files *f, const char *path,
    const char *data, size_t len, const char *hash)
{
	struct pkg_file	*nv;
	size_t		 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].path, path) == 0)
			break;
	if (i == f->n) {
		if (f->n == f->cap) {
			f->cap = f->cap ? f->cap * 2 : 32;
			nv = arena_alloc(a, f->cap * sizeof(*nv));
			if (f->n > 0)
				memcpy(nv, f->v, f->n * sizeof(*nv));
			f->v = nv;
		}
		f->n++;
		f->v[i].path = arena_strdup(a, path);
	}
	f->v[i].data = data != NULL ? arena_strndup(a, data, len) : NULL;
	f->v[i].len = len;
	f->v[i].hash = arena_strdup(a, hash);
}

const struct pkg_file *
pkg_files_get(const struct pkg_files *f, const char *path)
{
	size_t	i;

	for (i = 0; path != NULL && i < f->n; i++)
		if (strcmp(f->v[i].path, path) == 0)
			return (&f->v[i]);
	return (NULL);
}

int
pkg_path_ok(const char *p)
{
	size_t	 seg;
	size_t	 n;

	if (p == NULL || *p == '\0' || (n = strlen(p)) > 200)
		return (0);
	seg = 0;
	for (; *p != '\0'; p++) {
		if (*p == '/') {
			if (seg == 0)
				return (0);
			seg = 0;
			continue;
		}
		if (seg == 0 && *p == '.')
			return (0);
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' &&
		    *p != '-')
			return (0);
		seg++;
	}
	return (seg > 0);
}

/* [a-z0-9-]+, between 1 and max characters. */
static int
id_ok(const char *s, size_t max)
{
	size_t	n;

	if (s == NULL || *s == '\0' || (n = strlen(s)) > max)
		return (0);
	for (; *s != '\0'; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') &&
		    *s != '-')
			return (0);
	return (1);
}

const char *
pkg_text(const struct pkg_i18n *t, const char *lang, const char *fallback)
{
	size_t	i;

	for (i = 0; lang != NULL && i < t->n; i++)
		if (strcmp(t->v[i].lang, lang) == 0)
			return (t->v[i].text);
	for (i = 0; fallback != NULL && i < t->n; i++)
		if (strcmp(t->v[i].lang, fallback) == 0)
			return (t->v[i].text);
	return (t->n > 0 ? t->v[0].text : "");
}

const char *
pkg_text_lang(const struct pkg_i18n *t, const char *lang,
    const char *fallback)
{
	size_t	i;

	for (i = 0; lang != NULL && i < t->n; i++)
		if (strcmp(t->v[i].lang, lang) == 0)
			return (t->v[i].lang);
	for (i = 0; fallback != NULL && i < t->n; i++)
		if (strcmp(t->v[i].lang, fallback) == 0)
			return (t->v[i].lang);
	return (t->n > 0 ? t->v[0].lang : NULL);
}

int
pkg_has_lang(const struct course_pkg *c, const char *lang)
{
	size_t	i;

	for (i = 0; lang != NULL && i < c->languages.n; i++)
		if (strcmp(c->languages.v[i], lang) == 0)
			return (1);
	return (0);
}

/* Every course language has a non-blank text, and no other language. */
static void
check_i18n(struct pkg_errors *e, const char *file, const struct course_pkg *c,
    const struct pkg_i18n *t, const char *what)
{
	size_t		 i, k;
	const char	*s;

	for (i = 0; i < c->languages.n; i++) {
		for (k = 0; k < t->n; k++)
			if (strcmp(t->v[k].lang, c->languages.v[i]) == 0)
				break;
		if (k == t->n) {
			pkg_error(e, file, t->line, "%s has no '%s' text",
			    what, c->languages.v[i]);
			continue;
		}
		for (s = t->v[k].text; isspace((unsigned char)*s); s++)
			;
		if (*s == '\0')
			pkg_error(e, file, t->line, "%s is empty in '%s'",
			    what, c->languages.v[i]);
	}
	for (k = 0; k < t->n; k++)
		if (!pkg_has_lang(c, t->v[k].lang))
			pkg_error(e, file, t->line, "%s has a text in '%s', "
			    "which is not one of the course languages", what,
			    t->v[k].lang);
}

static void
check_tags(struct pkg_errors *e, const char *file, enum tax_kind k,
    const struct pkg_list *l, const char *what)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (taxonomy_find(k, l->v[i]) == NULL)
			pkg_error(e, file, l->line, "unknown %s '%s' (see "
			    "docs/taxonomy.md)", what, l->v[i]);
}

/* A media reference: a safe path to a file in the package. */
static void
check_media(struct pkg_errors *e, const char *file, int line,
    const struct pkg_files *files, const char *path, const char *what)
{
	if (!pkg_path_ok(path))
		pkg_error(e, file, line, "%s '%s' is not a relative path "
		    "inside the package", what, path != NULL ? path : "");
	else if (pkg_files_get(files, path) == NULL)
		pkg_error(e, file, line, "%s '%s' is not in the package",
		    what, path);
}

static int
check_image(void *arg, const char *src, const char *alt, int line)
{
	struct img_check	*ic = arg;
	const char		*s;

	for (s = alt; isspace((unsigned char)*s); s++)
		;
	if (*s == '\0')
		pkg_error(ic->errs, ic->file, line, "image '%s' has no alt "
		    "text: write ![what it shows](%s)", src, src);
	if (strncmp(src, "https://", 8) == 0 || strncmp(src, "http://", 7) == 0)
		return (0);
	check_media(ic->errs, ic->file, line, ic->files, src, "image");
	return (0);
}

static void
check_lesson_files(struct pkg_errors *e, const struct course_pkg *c,
    const struct pkg_lesson *l, const struct pkg_files *files)
{
	const struct pkg_file	*f;
	struct img_check	 ic;
	char			*path;
	size_t			 i;

	for (i = 0; i < c->languages.n; i++) {
		path = arena_printf(e->a, "%s.%s.md", l->file,
		    c->languages.v[i]);
		if ((f = pkg_files_get(files, path)) == NULL ||
		    f->data == NULL) {
			pkg_error(e, "course.yaml", l->line, "lesson '%s' has "
			    "no '%s' file %s", l->id, c->languages.v[i], path);
			continue;
		}
		if (strlen(f->data) != f->len) {
			pkg_error(e, path, 1, "the file contains a NUL byte");
			continue;
		}
		ic.errs = e;
		ic.files = files;
		ic.file = path;
		(void)markdown_each_image(f->data, f->len, check_image, &ic);
	}
}

static void
check_lesson(struct pkg_errors *e, const struct course_pkg *c,
    const struct pkg_lesson *l, const struct pkg_files *files)
{
	const struct pkg_file	*f;
	size_t			 i;
	const char		*what;

	if (l->id == NULL || l->file == NULL)
		return;
	if (!id_ok(l->id, 64))
		pkg_error(e, "course.yaml", l->line, "lesson id '%s' must be "
		    "lower-case letters, digits and '-'", l->id);
	check_i18n(e, "course.yaml", c, &l->title, "the lesson title");
	check_tags(e, "course.yaml", TAX_PRINCIPLE, &l->principles,
	    "principle");
	check_tags(e, "course.yaml", TAX_POLICY_AREA, &l->policy_areas,
	    "policy area");
	if (!pkg_path_ok(l->file))
		pkg_error(e, "course.yaml", l->line, "lesson file '%s' is not "
		    "a relative path inside the package", l->file);
	else
		check_lesson_files(e, c, l, files);
	if (l->video != NULL) {
		/* A media file (preferred: no third-party request) or
		 * https:// with a host; never http:// or another scheme. */
		if (l->video->url == NULL || (strncmp(l->video->url,
		    "https://", 8) == 0 ? l->video->url[8] == '\0' ||
		    l->video->url[8] == '/' : strchr(l->video->url, ':') !=
		    NULL || !pkg_path_ok(l->video->url)))
			pkg_error(e, "course.yaml", l->video->line, "the video "
			    "url must be a media file in the package (preferred)"
			    " or an https:// URL");
		else if (strncmp(l->video->url, "https://", 8) != 0)
			check_media(e, "course.yaml", l->video->line, files,
			    l->video->url, "video");
		check_i18n(e, "course.yaml", c, &l->video->captions,
		    "the video captions");
		for (i = 0; i < l->video->captions.n; i++) {
			what = l->video->captions.v[i].text;
			check_media(e, "course.yaml", l->video->captions.line,
			    files, what, "captions file");
			f = pkg_files_get(files, what);
			if (f != NULL && f->data != NULL && pkg_vtt_cues(e->a,
			    f->data, f->len, NULL) < 0)
				pkg_error(e, what, 1, "a captions file must be "
				    "WebVTT (start with WEBVTT)");
		}
	}
	for (i = 0; i < l->natt; i++) {
		check_media(e, "course.yaml", l->att[i].line, files,
		    l->att[i].file, "attachment");
		check_i18n(e, "course.yaml", c, &l->att[i].title,
		    "the attachment title");
	}
}

static void
check_question(struct pkg_errors *e, const struct course_pkg *c,
    const char *file, const struct pkg_question *q)
{
	size_t	i, k, ncorrect;

	if (q->id == NULL || q->type == 0)
		return;
	check_i18n(e, file, c, &q->prompt, "the prompt");
	if (q->feedback.n == 0)
		pkg_error(e, file, q->line, "question '%s' has no feedback",
		    q->id);
	else
		check_i18n(e, file, c, &q->feedback, "the feedback");
	ncorrect = 0;
	for (i = 0; i < q->noptions; i++) {
		if (!id_ok(q->options[i].id, 32))
			pkg_error(e, file, q->options[i].line, "option id "
			    "must be lower-case letters, digits and '-'");
		check_i18n(e, file, c, &q->options[i].text, "the option text");
		ncorrect += q->options[i].correct != 0;
		for (k = 0; k < i; k++)
			if (q->options[i].id != NULL && q->options[k].id !=
			    NULL && strcmp(q->options[i].id,
			    q->options[k].id) == 0)
				pkg_error(e, file, q->options[i].line, "option "
				    "id '%s' is used twice", q->options[i].id);
	}
	if (q->noptions > QUIZ_MAX_OPTIONS)
		pkg_error(e, file, q->line, "question '%s' has more than %d "
		    "options", q->id, QUIZ_MAX_OPTIONS);
	for (i = 0; i < q->naccept; i++)
		if (q->accept[i].list.n > PKG_ACCEPT_MAX)
			pkg_error(e, file, q->line, "question '%s' has more "
			    "than %d accepted answers in '%s'", q->id,
			    PKG_ACCEPT_MAX, q->accept[i].lang);
	switch (q->type) {
	case Q_SINGLE:
		if (q->noptions < 2 || ncorrect != 1)
			pkg_error(e, file, q->line, "single-choice question "
			    "'%s' needs two or more options, exactly one "
			    "correct: true", q->id);
		break;
	case Q_MULTIPLE:
		if (q->noptions < 2 || ncorrect < 1)
			pkg_error(e, file, q->line, "multiple-choice question "
			    "'%s' needs two or more options, at least one "
			    "correct: true", q->id);
		break;
	case Q_ORDERING:
		if (q->noptions < 2)
			pkg_error(e, file, q->line, "ordering question '%s' "
			    "needs two or more options, in the right order",
			    q->id);
		break;
	case Q_TRUEFALSE:
	case Q_NUMERIC:
		if (!q->has_answer)
			pkg_error(e, file, q->line, "question '%s' has no "
			    "'answer'", q->id);
		if (q->type == Q_NUMERIC && q->tolerance < 0)
			pkg_error(e, file, q->line, "question '%s': tolerance "
			    "must not be negative", q->id);
		break;
	case Q_TEXT:
		for (i = 0; i < c->languages.n; i++) {
			for (k = 0; k < q->naccept; k++)
				if (strcmp(q->accept[k].lang,
				    c->languages.v[i]) == 0)
					break;
			if (k == q->naccept || q->accept[k].list.n == 0)
				pkg_error(e, file, q->line, "text question "
				    "'%s' has no accepted answer in '%s'",
				    q->id, c->languages.v[i]);
		}
		break;
	}
}

static void
check_quiz(struct pkg_errors *e, const struct course_pkg *c,
    const struct pkg_quiz *qz)
{
	size_t	i, k;

	if (qz->id != NULL && !id_ok(qz->id, 64))
		pkg_error(e, qz->file, 1, "quiz id '%s' must be lower-case "
		    "letters, digits and '-'", qz->id);
	check_i18n(e, qz->file, c, &qz->title, "the quiz title");
	if (qz->nquestions == 0)
		pkg_error(e, qz->file, 1, "the quiz has no questions");
	if (qz->nquestions > QUIZ_MAX_QUESTIONS)
		pkg_error(e, qz->file, 1, "the quiz has more than %d "
		    "questions", QUIZ_MAX_QUESTIONS);
	for (i = 0; i < qz->nquestions; i++) {
		check_question(e, c, qz->file, &qz->questions[i]);
		for (k = 0; k < i; k++)
			if (qz->questions[i].id != NULL &&
			    qz->questions[k].id != NULL &&
			    strcmp(qz->questions[i].id,
			    qz->questions[k].id) == 0)
				pkg_error(e, qz->file, qz->questions[i].line,
				    "question id '%s' is used twice",
				    qz->questions[i].id);
	}
}

static void
check_head(struct pkg_errors *e, const struct course_pkg *c)
{
	size_t	i;

	if (c->slug != NULL && (!id_ok(c->slug, 64) || strlen(c->slug) < 2))
		pkg_error(e, "course.yaml", 1, "slug '%s' must be 2 to 64 "
		    "lower-case letters, digits and '-'", c->slug);
	if (c->languages.n == 0)
		pkg_error(e, "course.yaml", c->languages.line ?
		    c->languages.line : 1, "'languages' must list at least "
		    "one language");
	for (i = 0; i < c->languages.n; i++) {
		if (strlen(c->languages.v[i]) < 2 ||
		    strlen(c->languages.v[i]) > 3 ||
		    strspn(c->languages.v[i], "abcdefghijklmnopqrstuvwxyz") !=
		    strlen(c->languages.v[i]))
			pkg_error(e, "course.yaml", c->languages.line,
			    "language '%s' must be a two- or three-letter "
			    "code like en", c->languages.v[i]);
	}
	if (c->default_language != NULL && !pkg_has_lang(c,
	    c->default_language))
		pkg_error(e, "course.yaml", 1, "default_language '%s' is not in "
		    "'languages'", c->default_language);
	check_i18n(e, "course.yaml", c, &c->title, "the course title");
	check_i18n(e, "course.yaml", c, &c->summary, "the course summary");
	if (c->level != NULL && taxonomy_find(TAX_LEVEL, c->level) == NULL)
		pkg_error(e, "course.yaml", 1, "level '%s' must be beginner, "
		    "intermediate or advanced", c->level);
	if (c->nauthors == 0)
		pkg_error(e, "course.yaml", 1, "'authors' must name at least "
		    "one author");
	check_tags(e, "course.yaml", TAX_VALUE, &c->values, "value");
	check_tags(e, "course.yaml", TAX_PRINCIPLE, &c->principles,
	    "principle");
	check_tags(e, "course.yaml", TAX_POLICY_AREA, &c->policy_areas,
	    "policy area");
	if (c->nmodules == 0)
		pkg_error(e, "course.yaml", 1, "the course has no modules");
}

size_t
pkg_validate(struct arena *a, struct course_pkg *c,
    const struct pkg_files *files, struct pkg_errors *e)
{
	const struct pkg_file	*f;
	struct pkg_module	*m;
	size_t			 before, i, j, k, l;

	before = e->n;
	check_head(e, c);
	for (i = 0; i < c->nmodules; i++) {
		m = &c->modules[i];
		if (m->id != NULL && !id_ok(m->id, 64))
			pkg_error(e, "course.yaml", m->line, "module id '%s' "
			    "must be lower-case letters, digits and '-'",
			    m->id);
		for (k = 0; m->id != NULL && k < i; k++)
			if (c->modules[k].id != NULL &&
			    strcmp(c->modules[k].id, m->id) == 0)
				pkg_error(e, "course.yaml", m->line, "module id "
				    "'%s' is used twice", m->id);
		if (m->track != NULL && taxonomy_find(TAX_TRACK, m->track) ==
		    NULL)
			pkg_error(e, "course.yaml", m->line, "unknown track "
			    "'%s' (see docs/taxonomy.md)", m->track);
		check_i18n(e, "course.yaml", c, &m->title, "the module title");
		if (m->nlessons == 0)
			pkg_error(e, "course.yaml", m->line, "module '%s' has "
			    "no lessons", m->id ? m->id : "");
		for (j = 0; j < m->nlessons; j++) {
			check_lesson(e, c, &m->lessons[j], files);
			for (k = 0; k <= i; k++)
				for (l = 0; l < (k == i ? j :
				    c->modules[k].nlessons); l++)
					if (m->lessons[j].id != NULL &&
					    c->modules[k].lessons[l].id !=
					    NULL && strcmp(m->lessons[j].id,
					    c->modules[k].lessons[l].id) == 0)
						pkg_error(e, "course.yaml",
						    m->lessons[j].line, "lesson"
						    " id '%s' is used twice",
						    m->lessons[j].id);
		}
		if (m->quiz_file == NULL)
			continue;
		if (!pkg_path_ok(m->quiz_file) || (f = pkg_files_get(files,
		    m->quiz_file)) == NULL || f->data == NULL) {
			pkg_error(e, "course.yaml", m->line, "quiz file '%s' is "
			    "not in the package", m->quiz_file);
			continue;
		}
		m->quiz = pkg_parse_quiz(a, m->quiz_file, f->data, f->len, e);
		if (m->quiz == NULL)
			continue;
		check_quiz(e, c, m->quiz);
		for (k = 0; k < i; k++)
			if (c->modules[k].quiz != NULL && m->quiz->id != NULL &&
			    c->modules[k].quiz->id != NULL &&
			    strcmp(c->modules[k].quiz->id, m->quiz->id) == 0)
				pkg_error(e, m->quiz_file, 1, "quiz id '%s' is "
				    "used twice in the course", m->quiz->id);
	}
	return (e->n - before);
}

struct course_pkg *
pkg_load(struct arena *a, const struct pkg_files *files,
    struct pkg_errors *e)
{
	const struct pkg_file	*f;
	struct course_pkg	*c;
	size_t			 before;

	before = e->n;
	if ((f = pkg_files_get(files, "course.yaml")) == NULL ||
	    f->data == NULL) {
		pkg_error(e, "course.yaml", 0, "the package has no manifest "
		    "course.yaml");
		return (NULL);
	}
	if ((c = pkg_parse_manifest(a, "course.yaml", f->data, f->len, e)) ==
	    NULL)
		return (NULL);
	(void)pkg_validate(a, c, files, e);
	return (e->n == before ? c : NULL);
}

const struct pkg_lesson *
pkg_lesson_find(const struct course_pkg *c, const char *id,
    const struct pkg_module **mod)
{
	size_t	i, j;

	for (i = 0; i < c->nmodules; i++)
		for (j = 0; j < c->modules[i].nlessons; j++)
			if (c->modules[i].lessons[j].id != NULL &&
			    strcmp(c->modules[i].lessons[j].id, id) == 0) {
				if (mod != NULL)
					*mod = &c->modules[i];
				return (&c->modules[i].lessons[j]);
			}
	return (NULL);
}

/* Appends the n answers of l to v (room for them); returns the new n. */
static size_t
accept_add(const char **v, size_t n, const struct pkg_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		v[n++] = l->v[i];
	return (n);
}

struct quiz *
pkg_quiz_in(struct arena *a, const struct pkg_quiz *pq, const char *lang,
    const char *def)
{
	struct quiz		*q;
	struct quiz_question	*qq;
	const struct pkg_question *p;
	const char		**acc;
	size_t			 i, k, nacc;

	q = arena_alloc(a, sizeof(*q));
	q->id = pq->id;
	q->title = pkg_text(&pq->title, lang, def);
	q->lang = pkg_text_lang(&pq->title, lang, def);
	q->pass_mark = pq->pass_mark;
	q->max_attempts = pq->max_attempts;
	q->graded = pq->graded;
	q->nquestions = pq->nquestions;
	q->questions = arena_alloc(a, (pq->nquestions + 1) *
	    sizeof(*q->questions));
	for (i = 0; i < pq->nquestions; i++) {
		p = &pq->questions[i];
		qq = &q->questions[i];
		qq->id = p->id;
		qq->type = p->type;
		qq->prompt = pkg_text(&p->prompt, lang, def);
		qq->feedback = pkg_text(&p->feedback, lang, def);
		qq->answer_bool = p->answer_bool;
		qq->answer_num = p->answer_num;
		qq->tolerance = p->tolerance;
		qq->noptions = p->noptions;
		qq->options = arena_alloc(a, (p->noptions + 1) *
		    sizeof(*qq->options));
		for (k = 0; k < p->noptions; k++) {
			qq->options[k].id = p->options[k].id;
			qq->options[k].text = pkg_text(&p->options[k].text,
			    lang, def);
			qq->options[k].correct = p->options[k].correct;
		}
		/*
		 * A learner may answer in any language the question exists
		 * in: accept[] holds every language's accepted answers, the
		 * display language's first. Grading never depends on the
		 * language the quiz is shown in.
		 */
		for (k = 0, nacc = 0; k < p->naccept; k++)
			nacc += p->accept[k].list.n;
		acc = arena_alloc(a, (nacc + 1) * sizeof(*acc));
		qq->accept = acc;
		for (k = 0; k < p->naccept; k++)
			if (lang != NULL && strcmp(p->accept[k].lang, lang) == 0)
				qq->naccept = accept_add(acc, qq->naccept,
				    &p->accept[k].list);
		for (k = 0; k < p->naccept; k++)
			if (lang == NULL || strcmp(p->accept[k].lang, lang) != 0)
				qq->naccept = accept_add(acc, qq->naccept,
				    &p->accept[k].list);
	}
	return (q);
}

int
pkg_vtt_cues(struct arena *a, const char *text, size_t len, const char ***cues)
{
	const char	*p, *end, *eol;
	const char	**v, **nv;
	char		*cs;
	size_t		 cn;
	size_t		 n, cap, i;
	int		 in_cue, tag;

	p = text;
	end = text + len;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if ((size_t)(end - p) < 6 || memcmp(p, "WEBVTT", 6) != 0)
		return (-1);
	if (cues == NULL)
		return (0);
	n = 0;
	cap = 16;
	v = arena_alloc(a, cap * sizeof(*v));
	cs = arena_alloc(a, len + 1);
	cn = 0;
	in_cue = 0;
	for (; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (eol == p || (eol - p == 1 && *p == '\r')) {
			if (in_cue && cn > 0) {
				if (n + 1 >= cap) {
					cap *= 2;
					nv = arena_alloc(a, cap * sizeof(*nv));
					memcpy(nv, v, n * sizeof(*nv));
					v = nv;
				}
				v[n++] = arena_strndup(a, cs, cn);
			}
			in_cue = 0;
			cn = 0;
			if (eol == end)
				break;
			continue;
		}
		if (!in_cue) {
			if (memmem(p, (size_t)(eol - p), "-->", 3) != NULL)
				in_cue = 1;
			if (eol == end)
				break;
			continue;
		}
		if (cn > 0)
			cs[cn++] = ' ';
		tag = 0;
		for (i = 0; p + i < eol; i++) {
			if (p[i] == '<')
				tag = 1;
			else if (p[i] == '>' && tag)
				tag = 0;
			else if (!tag && p[i] != '\r')
				cs[cn++] = p[i];
		}
		if (eol == end)
			break;
	}
	if (in_cue && cn > 0)
		v[n++] = arena_strndup(a, cs, cn);
	*cues = v;
	return ((int)n);
}

const char *
pkg_content_type(const char *path)
{
	static const struct {
		const char	*ext;
		const char	*type;
	} types[] = {
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
		{ ".webp", "image/webp" }, { ".svg", "image/svg+xml" },
		{ ".vtt", "text/vtt; charset=utf-8" },
		{ ".pdf", "application/pdf" }, { ".mp4", "video/mp4" },
		{ ".webm", "video/webm" }, { ".mp3", "audio/mpeg" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".md", "text/markdown; charset=utf-8" },
		{ ".csv", "text/csv; charset=utf-8" },
	};
	const char	*dot;
	size_t		 i;

	if ((dot = strrchr(path, '.')) == NULL)
		return ("application/octet-stream");
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return (types[i].type);
	return ("application/octet-stream");
}
