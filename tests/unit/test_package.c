/*
 * test_package.c: the course package parser and validator: a good
 * package, then one bad package per kind of problem, each expected to
 * report one exact "file:line: message".
 */
#include <stdio.h>
#include <string.h>

#include "domain/package.h"
#include "domain/quiz_grade.h"
#include "lib/mem.h"
#include "t.h"

static const char *good_manifest =
"slug: t-course\n"					/* 1 */
"default_language: en\n"
"languages: [en, ko]\n"
"title: { en: \"T\", ko: \"티\" }\n"
"summary: { en: \"S\", ko: \"에스\" }\n"		/* 5 */
"level: beginner\n"
"minutes: 30\n"
"licence: CC-BY-4.0\n"
"authors:\n"
"  - name: A\n"						/* 10 */
"    email: A@Example.org\n"
"values: [human-rights]\n"
"principles: [fairness]\n"
"policy_areas: [gender]\n"
"modules:\n"						/* 15 */
"  - id: m1\n"
"    track: foundations\n"
"    title: { en: \"M\", ko: \"엠\" }\n"
"    lessons:\n"
"      - id: l1\n"					/* 20 */
"        file: m1/l1\n"
"        title: { en: \"L\", ko: \"엘\" }\n"
"        minutes: 10\n"
"        video:\n"
"          url: https://example.org/v.mp4\n"		/* 25 */
"          captions: { en: media/v.en.vtt, ko: media/v.ko.vtt }\n"
"        attachments:\n"
"          - { file: media/h.pdf, title: { en: H, ko: 에이치 } }\n"
"    quiz: m1/quiz.yaml\n";

static const char *good_quiz =
"id: m1-quiz\n"
"title: { en: Q, ko: 큐 }\n"
"pass_mark: 70\n"
"questions:\n"
"  - id: q1\n"						/* 5 */
"    type: single\n"
"    prompt: { en: P, ko: 피 }\n"
"    options:\n"
"      - { id: a, text: { en: A, ko: 에이 }, correct: true }\n"
"      - { id: b, text: { en: B, ko: 비 } }\n"		/* 10 */
"    feedback: { en: F, ko: 에프 }\n"
"  - id: q2\n"
"    type: numeric\n"
"    prompt: { en: P, ko: 피 }\n"
"    answer: 193\n"					/* 15 */
"    tolerance: 1\n"
"    feedback: { en: F, ko: 에프 }\n"
"  - id: q3\n"
"    type: text\n"
"    prompt: { en: P, ko: 피 }\n"			/* 20 */
"    accept: { en: [ram], ko: [준비도] }\n"
"    feedback: { en: F, ko: 에프 }\n"
"  - id: q4\n"
"    type: truefalse\n"
"    prompt: { en: P, ko: 피 }\n"			/* 25 */
"    answer: false\n"
"    feedback: { en: F, ko: 에프 }\n";

static struct arena	*ta;

static void	files_good(struct pkg_files *, const char *, const char *);
static char	*replace(const char *, const char *, const char *);
static int	has_error(const struct pkg_errors *, const char *);
static void	expect(const char *, const char *, const char *,
		    const char *, const char *);

static void
files_good(struct pkg_files *f, const char *manifest, const char *quiz)
{
	memset(f, 0, sizeof(*f));
	pkg_files_put(ta, f, "course.yaml", manifest, strlen(manifest), "h0");
	pkg_files_put(ta, f, "m1/l1.en.md", "Hello\n\n![a chart](media/c.png)"
	    "\n\n## Part\n", 31, "h1");
	pkg_files_put(ta, f, "m1/l1.ko.md", "안녕\n", 7, "h2");
	pkg_files_put(ta, f, "m1/quiz.yaml", quiz, strlen(quiz), "h3");
	pkg_files_put(ta, f, "media/v.en.vtt", "WEBVTT\n\n00:00.000 --> "
	    "00:01.000\n<b>Hi</b> there\nall\n\n00:01.000 --> 00:02.000\n"
	    "Bye\n", 73, "h4");
	pkg_files_put(ta, f, "media/v.ko.vtt", "WEBVTT\n", 7, "h5");
	pkg_files_put(ta, f, "media/h.pdf", NULL, 0, "h6");
	pkg_files_put(ta, f, "media/c.png", NULL, 0, "h7");
}

/* A copy of s with the first "from" replaced by "to". */
static char *
replace(const char *s, const char *from, const char *to)
{
	const char	*p;

	if ((p = strstr(s, from)) == NULL)
		return (arena_strdup(ta, s));
	return (arena_printf(ta, "%.*s%s%s", (int)(p - s), s, to,
	    p + strlen(from)));
}

static int
has_error(const struct pkg_errors *e, const char *msg)
{
	size_t	i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->msg[i], msg) == 0)
			return (1);
	for (i = 0; i < e->n; i++)
		printf("  got: %s\n", e->msg[i]);
	return (0);
}

/* Validates the good package with one file changed; expects msg. */
static void
expect(const char *path, const char *from, const char *to, const char *data,
    const char *msg)
{
	struct pkg_files	 f;
	struct pkg_errors	 e;
	const char		*m, *q, *v;
	size_t			 i;

	m = good_manifest;
	q = good_quiz;
	if (from != NULL && strcmp(path, "course.yaml") == 0)
		m = replace(m, from, to);
	else if (from != NULL && strcmp(path, "m1/quiz.yaml") == 0)
		q = replace(q, from, to);
	files_good(&f, m, q);
	if (data != NULL) {
		v = strcmp(data, "-") == 0 ? NULL : data;
		pkg_files_put(ta, &f, path, v, v ? strlen(v) : 0, "hx");
		if (v == NULL) {
			/* "-": remove the file */
			for (i = 0; i < f.n; i++)
				if (strcmp(f.v[i].path, path) == 0)
					f.v[i] = f.v[--f.n];
		}
	}
	pkg_errors_init(&e, ta, "");
	T_ASSERT(pkg_load(ta, &f, &e) == NULL);
	T_ASSERT(has_error(&e, msg));
}

static void
test_good(void)
{
	struct pkg_files	 f;
	struct pkg_errors	 e;
	struct course_pkg	*c;
	struct quiz		*q;

	files_good(&f, good_manifest, good_quiz);
	pkg_errors_init(&e, ta, "");
	c = pkg_load(ta, &f, &e);
	T_ASSERT(e.n == 0);
	T_ASSERT(c != NULL);
	if (c == NULL)
		return;
	T_STREQ(c->slug, "t-course");
	T_ASSERT(c->languages.n == 2);
	T_STREQ(c->authors[0].email, "a@example.org");
	T_ASSERT(c->nmodules == 1 && c->modules[0].nlessons == 1);
	T_STREQ(c->modules[0].lessons[0].video->captions.v[1].text,
	    "media/v.ko.vtt");
	T_ASSERT(c->required_all && c->quizzes_graded);
	T_ASSERT(c->modules[0].quiz != NULL);
	q = pkg_quiz_in(ta, c->modules[0].quiz, "ko", "en");
	T_STREQ(q->id, "m1-quiz");
	T_STREQ(q->title, "큐");
	T_ASSERT(q->nquestions == 4);
	T_ASSERT(q->questions[0].type == Q_SINGLE);
	T_ASSERT(q->questions[0].options[0].correct == 1);
	T_ASSERT(q->questions[1].answer_num == 193 &&
	    q->questions[1].tolerance == 1);
	/* Every language's answers, the display language's first: a
	 * Korean learner may type the English term (issue 13.2). */
	T_ASSERT(q->questions[2].naccept == 2);
	T_STREQ(q->questions[2].accept[0], "준비도");
	T_ASSERT(q->questions[2].naccept == 2 &&
	    strcmp(q->questions[2].accept[1], "ram") == 0);
	T_ASSERT(quiz_text_matches(ta, &q->questions[2], "RAM") == 1);
	T_ASSERT(quiz_text_matches(ta, &q->questions[2], "준비도") == 1);
	q = pkg_quiz_in(ta, c->modules[0].quiz, "en", "en");
	T_ASSERT(q->questions[2].naccept == 2);
	T_STREQ(q->questions[2].accept[0], "ram");
	T_ASSERT(quiz_text_matches(ta, &q->questions[2], "준비도") == 1);
	T_ASSERT(q->questions[3].type == Q_TRUEFALSE &&
	    q->questions[3].answer_bool == 0);
	q = pkg_quiz_in(ta, c->modules[0].quiz, "fr", "en");
	T_STREQ(q->title, "Q");
}

static void
test_bad_manifest(void)
{
	expect("course.yaml", "slug: t-course", "slug: T_Course", NULL,
	    "course.yaml:1: slug 'T_Course' must be 2 to 64 lower-case "
	    "letters, digits and '-'");
	expect("course.yaml", "principles: [fairness]",
	    "principles: [fairnes]", NULL, "course.yaml:13: unknown "
	    "principle 'fairnes' (see docs/taxonomy.md)");
	expect("course.yaml", "policy_areas: [gender]",
	    "policy_areas: [genders]", NULL, "course.yaml:14: unknown policy "
	    "area 'genders' (see docs/taxonomy.md)");
	expect("course.yaml", "track: foundations", "track: basics", NULL,
	    "course.yaml:16: unknown track 'basics' (see docs/taxonomy.md)");
	expect("course.yaml", "level: beginner", "level: expert", NULL,
	    "course.yaml:1: level 'expert' must be beginner, intermediate or "
	    "advanced");
	expect("course.yaml", "title: { en: \"L\", ko: \"엘\" }",
	    "title: { en: \"L\" }", NULL, "course.yaml:22: the lesson title "
	    "has no 'ko' text");
	expect("course.yaml", "licence: CC-BY-4.0\n", "", NULL,
	    "course.yaml:1: missing 'licence'");
	expect("course.yaml", "minutes: 30", "minutes: lots", NULL,
	    "course.yaml:7: 'minutes' must be a whole number from 0 to "
	    "1000000");
	expect("course.yaml", "level: beginner", "level: beginner\ncolour: red",
	    NULL, "course.yaml:7: unknown key 'colour' in the manifest");
	expect("course.yaml", "slug: t-course", "slug: [t", NULL,
	    "course.yaml:2: not valid YAML: did not find expected ',' or ']'");
	expect("course.yaml", "url: https://example.org/v.mp4",
	    "url: http://example.org/v.mp4", NULL, "course.yaml:25: the "
	    "video url must be a media file in the package (preferred) or "
	    "an https:// URL");
	expect("course.yaml", "url: https://example.org/v.mp4",
	    "url: ftp://example.org/v.mp4", NULL, "course.yaml:25: the "
	    "video url must be a media file in the package (preferred) or "
	    "an https:// URL");
	expect("course.yaml", "url: https://example.org/v.mp4",
	    "url: https://", NULL, "course.yaml:25: the video url must be a "
	    "media file in the package (preferred) or an https:// URL");
	expect("course.yaml", "url: https://example.org/v.mp4",
	    "url: media/none.webm", NULL, "course.yaml:25: video "
	    "'media/none.webm' is not in the package");
	expect("course.yaml", "default_language: en", "default_language: fr",
	    NULL, "course.yaml:1: default_language 'fr' is not in "
	    "'languages'");
}

static void
test_bad_files(void)
{
	expect("m1/l1.ko.md", NULL, NULL, "-", "course.yaml:20: lesson 'l1' "
	    "has no 'ko' file m1/l1.ko.md");
	expect("m1/l1.ko.md", NULL, NULL, "text\n\n![](media/c.png)\n",
	    "m1/l1.ko.md:3: image 'media/c.png' has no alt text: write "
	    "![what it shows](media/c.png)");
	expect("m1/l1.ko.md", NULL, NULL, "![a cat](media/cat.png)\n",
	    "m1/l1.ko.md:1: image 'media/cat.png' is not in the package");
	expect("media/v.ko.vtt", NULL, NULL, "-", "course.yaml:26: captions "
	    "file 'media/v.ko.vtt' is not in the package");
	expect("media/v.ko.vtt", NULL, NULL, "hello\n", "media/v.ko.vtt:1: a "
	    "captions file must be WebVTT (start with WEBVTT)");
	expect("media/h.pdf", NULL, NULL, "-", "course.yaml:28: attachment "
	    "'media/h.pdf' is not in the package");
	expect("m1/quiz.yaml", NULL, NULL, "-", "course.yaml:16: quiz file "
	    "'m1/quiz.yaml' is not in the package");
	expect("course.yaml", "file: m1/l1", "file: ../l1", NULL,
	    "course.yaml:20: lesson file '../l1' is not a relative path "
	    "inside the package");
}

static void
test_bad_quiz(void)
{
	expect("m1/quiz.yaml", "      - { id: a, text: { en: A, ko: 에이 }, "
	    "correct: true }", "      - { id: a, text: { en: A, ko: 에이 } }",
	    NULL, "m1/quiz.yaml:5: single-choice question 'q1' needs two or "
	    "more options, exactly one correct: true");
	expect("m1/quiz.yaml", "    answer: 193\n", "", NULL, "m1/quiz.yaml:12:"
	    " question 'q2' has no 'answer'");
	expect("m1/quiz.yaml", "    accept: { en: [ram], ko: [준비도] }",
	    "    accept: { en: [ram] }", NULL, "m1/quiz.yaml:18: text question "
	    "'q3' has no accepted answer in 'ko'");
	expect("m1/quiz.yaml", "    answer: false\n    feedback: { en: F, "
	    "ko: 에프 }\n", "    answer: false\n", NULL, "m1/quiz.yaml:23: "
	    "question 'q4' has no feedback");
	expect("m1/quiz.yaml", "    feedback: { en: F, ko: 에프 }\n  - id: q2",
	    "    feedback: { en: F }\n  - id: q2", NULL, "m1/quiz.yaml:11: the "
	    "feedback has no 'ko' text");
	expect("m1/quiz.yaml", "type: numeric", "type: essay", NULL,
	    "m1/quiz.yaml:12: unknown question type 'essay' (single, multiple,"
	    " truefalse, numeric, text, ordering)");
	expect("m1/quiz.yaml", "  - id: q2", "  - id: q1", NULL,
	    "m1/quiz.yaml:12: question id 'q1' is used twice");
	expect("m1/quiz.yaml", "answer: false", "answer: maybe", NULL,
	    "m1/quiz.yaml:26: 'answer' must be true or false");
	expect("m1/quiz.yaml", "      - { id: a, text: { en: A, ko: 에이 }, "
	    "correct: true }", "      - a", NULL, "m1/quiz.yaml:9: an option "
	    "needs 'id' and 'text'");
	expect("m1/quiz.yaml", "      - { id: a, text: { en: A, ko: 에이 }, "
	    "correct: true }", "      - { id: a, text: { en: A }, size: 2 }",
	    NULL, "m1/quiz.yaml:9: unknown key 'size' in an option");
}

/* Each question type's name is the one the parser reads. */
static void
test_type_names(void)
{
	static const char *const names[] = { "single", "multiple",
	    "truefalse", "numeric", "text", "ordering" };
	size_t	i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		T_STREQ(pkg_question_type_name((enum question_type)(i + 1)),
		    names[i]);
	T_STREQ(pkg_question_type_name((enum question_type)0), "single");
}

static void
test_vtt(void)
{
	const char	**cues;
	const char	*v = "WEBVTT\n\nNOTE hi\n\n1\n00:00.000 --> 00:01.000\n"
	    "<v Ann>Hello</v>\r\nworld\r\n\r\n00:01.000 --> 00:02.000\nBye";
	int		 n;

	n = pkg_vtt_cues(ta, v, strlen(v), &cues);
	T_ASSERT(n == 2);
	if (n == 2) {
		T_STREQ(cues[0], "Hello world");
		T_STREQ(cues[1], "Bye");
	}
	T_ASSERT(pkg_vtt_cues(ta, "nope", 4, &cues) == -1);
}

static void
test_paths(void)
{
	T_ASSERT(pkg_path_ok("media/x.png"));
	T_ASSERT(!pkg_path_ok("../x"));
	T_ASSERT(!pkg_path_ok("/etc/passwd"));
	T_ASSERT(!pkg_path_ok("a//b"));
	T_ASSERT(!pkg_path_ok("a/.git/x"));
	T_ASSERT(!pkg_path_ok("a b"));
	T_ASSERT(!pkg_path_ok(""));
	T_STREQ(pkg_content_type("media/a.PNG"), "image/png");
	T_STREQ(pkg_content_type("x.vtt"), "text/vtt; charset=utf-8");
	T_STREQ(pkg_content_type("x.exe"), "application/octet-stream");
}

static void
test_alias_bomb(void)
{
	struct pkg_errors	 e;
	const char		*y =
	    "a: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "modules: &m [{ id: x, lessons: *d }]\n";

	pkg_errors_init(&e, ta, "");
	(void)pkg_parse_manifest(ta, "course.yaml", y, strlen(y), &e);
	T_ASSERT(e.n > 0);
}

int
main(void)
{
	ta = arena_new();
	T_RUN(test_good);
	T_RUN(test_bad_manifest);
	T_RUN(test_bad_files);
	T_RUN(test_bad_quiz);
	T_RUN(test_vtt);
	T_RUN(test_paths);
	T_RUN(test_alias_bomb);
	T_RUN(test_type_names);
	arena_free(ta);
	return (t_done());
}
