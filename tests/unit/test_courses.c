/*
 * test_courses.c: course versions in the store, on SQLite and (with
 * ETHICA_TEST_PG) PostgreSQL: import of content/courses/demo-intro, an
 * unchanged re-import, export then import giving the same course, a bad
 * package leaving the database unchanged, stable lesson ids across an
 * edit, quizzes loaded per language, the catalog's filters and counts,
 * who may edit a lesson, ::case[slug] directives (import and editor
 * reject unknown cases with file:line, references recorded, cards on the
 * lesson page), lesson tags queried by principle and policy area, and
 * the catalog snapshot: a course imported or added on a second connection
 * shows in the first one's catalog, and over random courses and queries
 * the snapshot gives what the SQL of store_course_search() and
 * store_course_facets() gives (titles, order, pages, facet counts).
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/case_ref.h"
#include "domain/cases.h"
#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/course_view.h"
#include "domain/crypto.h"
#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/quiz.h"
#include "domain/taxonomy.h"
#include "store/st_courses.h"
#include "lib/mem.h"
#include "web/tmpl.h"
#include "t.h"
#include "tstore.h"

#define DEMO	"content/courses/demo-intro"

/* The cases the starter course embeds (content/courses/ethics-of-ai). */
static const char *const starter_cases[] = {
	"amsterdam-algorithm-register",
	"uk-algorithmic-transparency-recording-standard",
	"canada-algorithmic-impact-assessment",
	"singapore-ai-verify",
	"partnership-on-ai",
	"masakhane-community-nlp",
	NULL
};

static struct dctx	 dc;
static struct user	 author, stranger, learner;

static int	import(const char *, int64_t *, int *, struct pkg_errors *);
static void	add_user(struct user *);
static void	publish(const char *, const char *);
static void	append(const char *, const char *, const char *);
static int	catalog_has(struct dctx *, const char *, const char *,
		    const char *);
static int	sql_catalog(const struct catalog_query *, const char *,
		    struct catalog *);
static void	sql_facets(const struct catalog_query *,
		    struct course_filter *, enum catalog_kind, struct catalog *,
		    int *);
static void	catalog_same(const struct catalog *, const struct catalog *);
static uint32_t	rnd(void);
static void	random_courses(int);

static int	pg_run;
static uint32_t	rnd_state = 12345;

static void
add_user(struct user *u)
{
	struct user_row	r;

	memset(&r, 0, sizeof(r));
	r.email = (char *)u->email;
	r.display_name = (char *)u->email;
	r.password_hash = "x";
	r.role = (char *)u->role;
	if (store_user_insert(dc.db, &r, dc.now, &u->id) != STORE_OK)
		printf("  cannot add %s\n", u->email);
}

/* Publishes a minimal example case (operator path, no permission check). */
static void
publish(const char *slug, const char *title)
{
	struct case_input	in;
	struct form_errors	fe;
	size_t			failed;

	memset(&in, 0, sizeof(in));
	memset(&fe, 0, sizeof(fe));
	in.slug = slug;
	in.category = "tools-applications";
	in.organisation = "City of Example";
	in.sector = "government";
	in.country = "NL";
	in.language = "en";
	in.year = 2020;
	in.is_example = 1;
	in.ntexts = 2;
	in.texts[0].lang = "en";
	in.texts[0].title = (char *)title;
	in.texts[0].summary = "A public register of the city's algorithms.";
	in.texts[0].ai_system = in.texts[0].actions = "";
	in.texts[0].outcomes = in.texts[0].lessons = "";
	in.texts[1] = in.texts[0];
	in.texts[1].lang = "ko";
	in.texts[1].title = "시험용 사례";
	in.texts[1].summary = "도시 알고리즘 공개 목록.";
	in.ntags = 1;
	in.tags[0].kind = "principle";
	in.tags[0].slug = "transparency";
	in.nlinks = 1;
	in.links[0].title = "Source";
	in.links[0].url = "https://example.org/";
	if (case_publish_many(&dc, &in, 1, &fe, &failed) != RES_OK)
		printf("  cannot publish %s\n", slug);
}

/* Appends text to dir/file. */
static void
append(const char *dir, const char *file, const char *text)
{
	char	path[256];
	FILE	*fp;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((fp = fopen(path, "a")) == NULL) {
		printf("  cannot open %s\n", path);
		return;
	}
	fputs(text, fp);
	fclose(fp);
}

static int
import(const char *dir, int64_t *version, int *changed,
    struct pkg_errors *errs)
{
	const char	*slug;

	pkg_errors_init(errs, dc.a, "");
	return (course_import_dir(&dc, dir, 1, errs, &slug, version,
	    changed));
}

static void
test_import_export(void)
{
	struct pkg_errors	 e;
	int64_t			 v;
	int			 changed;
	char			 dir[64], err[256], cmd[128];

	T_ASSERT(import(DEMO, &v, &changed, &e) == RES_OK);
	T_ASSERT(v == 1 && changed == 1 && e.n == 0);
	T_ASSERT(import(DEMO, &v, &changed, &e) == RES_OK);
	T_ASSERT(v == 1 && changed == 0);
	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-export-XXXXXX");
	T_ASSERT(mkdtemp(dir) != NULL);
	T_ASSERT(course_export_dir(&dc, "demo-intro", dir, err, sizeof(err)) ==
	    RES_OK);
	/* The exported folder is the same course: importing it is a no-op. */
	T_ASSERT(import(dir, &v, &changed, &e) == RES_OK);
	T_ASSERT(v == 1 && changed == 0);
	(void)snprintf(cmd, sizeof(cmd), "diff -r %s %s >/dev/null", DEMO,
	    dir);
	T_ASSERT(system(cmd) == 0);
	T_ASSERT(course_export_dir(&dc, "nope", dir, err, sizeof(err)) ==
	    RES_NOT_FOUND);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)system(cmd);
}

static void
test_bad_import_unchanged(void)
{
	struct pkg_errors	 e;
	struct course_ref	 ref;
	int64_t			 v;
	int			 changed;
	char			 dir[64], cmd[256], path[128];
	FILE			*fp;

	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-bad-XXXXXX");
	T_ASSERT(mkdtemp(dir) != NULL);
	(void)snprintf(cmd, sizeof(cmd), "cp -r %s/. %s/", DEMO, dir);
	T_ASSERT(system(cmd) == 0);
	(void)snprintf(path, sizeof(path), "%s/m01/why-ethics.ko.md", dir);
	T_ASSERT((fp = fopen(path, "w")) != NULL);
	if (fp != NULL) {
		fputs("Changed\n\n![](media/loop.svg)\n", fp);
		fclose(fp);
	}
	T_ASSERT(import(dir, &v, &changed, &e) == RES_INVALID);
	T_ASSERT(e.n == 1);
	if (e.n == 1)
		T_STREQ(e.msg[0], "m01/why-ethics.ko.md:3: image "
		    "'media/loop.svg' has no alt text: write ![what it shows]"
		    "(media/loop.svg)");
	T_ASSERT(course_find(&dc, "demo-intro", &ref) == RES_OK);
	T_ASSERT(ref.version == 1);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)system(cmd);
}

static void
test_outline_quiz(void)
{
	struct course_outline	 o;
	struct course_lesson_id	*ids;
	struct quiz		*q;
	size_t			 n;

	T_ASSERT(course_outline(&dc, "demo-intro", "ko", &o) == RES_OK);
	T_ASSERT(o.nmodules == 1 && o.nlessons == 2 && o.nquizzes == 1);
	T_STREQ(o.lessons[0].key, "why-ethics");
	T_STREQ(o.lessons[1].title, "윤리적 질문 알아보기");
	T_ASSERT(o.lessons[0].id > 0 && o.lessons[0].required == 1);
	T_ASSERT(o.quizzes[0].graded == 1);
	T_STREQ(o.modules[0].quiz_id, "m01-quiz");
	T_ASSERT(course_lesson_ids(&dc, "demo-intro", &ids, &n) == RES_OK);
	T_ASSERT(n == 2 && ids[1].id == o.lessons[1].id);
	T_ASSERT(course_quiz_load(&dc, "demo-intro", "m01-quiz", "ko", &q) ==
	    RES_OK);
	T_ASSERT(q != NULL && q->nquestions == 6);
	if (q != NULL && q->nquestions == 6) {
		T_STREQ(q->title, "퀴즈: 첫걸음");
		T_ASSERT(q->questions[3].type == Q_NUMERIC &&
		    q->questions[3].answer_num == 10);
		/* ko first, then every other language: 2 + 1 */
		T_ASSERT(q->questions[4].naccept == 3);
		T_ASSERT(q->questions[5].type == Q_ORDERING &&
		    q->questions[5].noptions == 3);
	}
	T_ASSERT(course_quiz_load(&dc, "demo-intro", "m01-quiz", "fr", &q) ==
	    RES_OK);
	T_ASSERT(q != NULL && strcmp(q->title, "Quiz: A first look") == 0);
	T_ASSERT(course_quiz_load(&dc, "demo-intro", "nope", "en", &q) ==
	    RES_NOT_FOUND);
	T_ASSERT(course_outline(&dc, "nope", "en", &o) == RES_NOT_FOUND);
}

static void
test_author_edit(void)
{
	struct pkg_errors	 e;
	struct author_lesson	 al;
	struct course_outline	 before, after;
	struct lesson_view	 lv;
	int64_t			 v;
	char			 dir[64], err[256], path[128], *data;
	FILE			*fp;
	size_t			 len;

	T_ASSERT(course_outline(&dc, "demo-intro", "en", &before) == RES_OK);
	dc.user = &learner;
	T_ASSERT(course_author_lesson(&dc, "demo-intro", "why-ethics", "en",
	    &al) == RES_FORBIDDEN);
	dc.user = &stranger;
	T_ASSERT(course_author_lesson(&dc, "demo-intro", "why-ethics", "en",
	    &al) == RES_FORBIDDEN);
	dc.user = &author;
	T_ASSERT(course_author_lesson(&dc, "demo-intro", "why-ethics", "en",
	    &al) == RES_OK);
	pkg_errors_init(&e, dc.a, "");
	T_ASSERT(course_author_save(&dc, "demo-intro", "why-ethics", "en",
	    "![](media/loop.svg)\n", &e, &v) == RES_INVALID);
	T_ASSERT(e.n == 1);
	pkg_errors_init(&e, dc.a, "");
	T_ASSERT(course_author_save(&dc, "demo-intro", "why-ethics", "en",
	    "Edited text.\n\n## New part\n", &e, &v) == RES_OK);
	T_ASSERT(v == 2);
	dc.user = NULL;
	T_ASSERT(course_outline(&dc, "demo-intro", "en", &after) == RES_OK);
	T_ASSERT(after.course.version == 2);
	T_ASSERT(after.lessons[0].id == before.lessons[0].id);
	T_ASSERT(after.lessons[1].id == before.lessons[1].id);
	T_ASSERT(course_lesson_view(&dc, "demo-intro", "why-ethics", "en",
	    &lv) == RES_OK);
	T_CONTAINS(lv.html->html, "Edited text.");
	T_ASSERT(lv.toc->n == 1 && lv.ntranscript == 3 && lv.ncaptions == 2);
	/* Export shows the change. */
	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-export-XXXXXX");
	T_ASSERT(mkdtemp(dir) != NULL);
	T_ASSERT(course_export_dir(&dc, "demo-intro", dir, err, sizeof(err)) ==
	    RES_OK);
	(void)snprintf(path, sizeof(path), "%s/m01/why-ethics.en.md", dir);
	data = NULL;
	if ((fp = fopen(path, "r")) != NULL) {
		data = arena_alloc(dc.a, 256);
		len = fread(data, 1, 255, fp);
		data[len] = '\0';
		fclose(fp);
	}
	T_STREQ(data, "Edited text.\n\n## New part\n");
	(void)snprintf(path, sizeof(path), "rm -rf %s", dir);
	(void)system(path);
}

static void
test_lesson_fallback(void)
{
	struct lesson_view	lv;

	T_ASSERT(course_lesson_view(&dc, "demo-intro", "spotting-questions",
	    "fr", &lv) == RES_OK);
	T_ASSERT(lv.fallback == 1);
	T_STREQ(lv.lang, "en");
	T_STREQ(lv.prev_key, "why-ethics");
	T_ASSERT(lv.next_key == NULL && lv.natt == 1 && lv.index == 2);
	T_ASSERT(course_lesson_view(&dc, "demo-intro", "spotting-questions",
	    "ko", &lv) == RES_OK);
	T_ASSERT(lv.fallback == 0);
	T_ASSERT(course_lesson_view(&dc, "demo-intro", "nope", "ko", &lv) ==
	    RES_NOT_FOUND);
}

static void
test_catalog(void)
{
	struct pkg_errors	 e;
	struct catalog_query	 q;
	struct catalog		 c;
	int64_t			 v;
	int			 changed;
	size_t			 i;
	int64_t			 fairness = -1, awareness = -1;

	T_ASSERT(import("content/courses/ethics-of-ai", &v, &changed, &e) ==
	    RES_OK);
	memset(&q, 0, sizeof(q));
	T_ASSERT(course_catalog(&dc, &q, "en", &c) == RES_OK);
	T_ASSERT(c.total == 2);
	for (i = 0; i < c.nfacets[CAT_PRINCIPLE]; i++) {
		if (strcmp(c.facets[CAT_PRINCIPLE][i].slug, "fairness") == 0)
			fairness = c.facets[CAT_PRINCIPLE][i].count;
		if (strcmp(c.facets[CAT_PRINCIPLE][i].slug, "awareness") == 0)
			awareness = c.facets[CAT_PRINCIPLE][i].count;
	}
	T_ASSERT(fairness == 1 && awareness == 2);
	q.f[CAT_PRINCIPLE] = "fairness";
	T_ASSERT(course_catalog(&dc, &q, "ko", &c) == RES_OK);
	T_ASSERT(c.total == 1 && c.n == 1);
	if (c.n == 1)
		T_STREQ(c.items[0].title, "인공지능 윤리");
	q.f[CAT_PRINCIPLE] = NULL;
	q.q = "TEN MINUTES";
	T_ASSERT(course_catalog(&dc, &q, "en", &c) == RES_OK);
	T_ASSERT(c.total == 1 && c.n == 1);
	q.q = "100%_";
	T_ASSERT(course_catalog(&dc, &q, "en", &c) == RES_OK);
	T_ASSERT(c.total == 0);
	q.q = NULL;
	q.f[CAT_LEVEL] = "advanced";
	T_ASSERT(course_catalog(&dc, &q, "en", &c) == RES_OK);
	T_ASSERT(c.total == 0);
}


static void
test_case_refs(void)
{
	struct pkg_errors	 e;
	struct course_ref	 ref;
	struct case_lesson_row	*cl;
	struct lesson_view	 lv;
	int64_t			 v, before;
	int			 changed;
	size_t			 n, i, cards;
	uint64_t		 trips;
	char			 dir[64], cmd[256];

	T_ASSERT(course_find(&dc, "demo-intro", &ref) == RES_OK);
	before = ref.version;
	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-cases-XXXXXX");
	T_ASSERT(mkdtemp(dir) != NULL);
	(void)snprintf(cmd, sizeof(cmd), "cp -r %s/. %s/", DEMO, dir);
	T_ASSERT(system(cmd) == 0);
	/* An unknown case: file:line, nothing written. */
	append(dir, "m01/why-ethics.en.md", "\n::case[no-such-case]\n");
	T_ASSERT(import(dir, &v, &changed, &e) == RES_INVALID);
	T_ASSERT(e.n == 1);
	if (e.n == 1) {
		T_CONTAINS(e.msg[0], "m01/why-ethics.en.md:");
		T_CONTAINS(e.msg[0], ": unknown case 'no-such-case'");
	}
	T_ASSERT(course_find(&dc, "demo-intro", &ref) == RES_OK &&
	    ref.version == before);
	/* A malformed directive in the Korean file. */
	(void)snprintf(cmd, sizeof(cmd), "cp %s/m01/why-ethics.en.md "
	    "%s/m01/why-ethics.en.md", DEMO, dir);
	T_ASSERT(system(cmd) == 0);
	append(dir, "m01/why-ethics.ko.md", "::case[Bad Slug]\n");
	T_ASSERT(import(dir, &v, &changed, &e) == RES_INVALID);
	T_ASSERT(e.n == 1);
	if (e.n == 1)
		T_CONTAINS(e.msg[0], "m01/why-ethics.ko.md:");
	/* A published case: imported, recorded, shown as a card. */
	(void)snprintf(cmd, sizeof(cmd), "cp %s/m01/why-ethics.ko.md "
	    "%s/m01/why-ethics.ko.md", DEMO, dir);
	T_ASSERT(system(cmd) == 0);
	publish("test-register", "Test register");
	append(dir, "m01/why-ethics.en.md", "\n::case[test-register]\n\n"
	    "## After the card\n\nMore text.\n");
	append(dir, "m01/why-ethics.ko.md", "\n::case[test-register]\n");
	T_ASSERT(import(dir, &v, &changed, &e) == RES_OK);
	T_ASSERT(changed == 1 && v == before + 1);
	T_ASSERT(store_case_lessons(dc.db, dc.a, "test-register", "ko", &cl,
	    &n) == STORE_OK);
	T_ASSERT(n == 1);
	if (n == 1) {
		T_STREQ(cl[0].course_slug, "demo-intro");
		T_STREQ(cl[0].lesson_key, "why-ethics");
		/* 13.12: titles in the reader's language, else the
		 * course's own, each with its language. */
		T_STREQ(cl[0].lesson_title, "왜 AI 윤리인가?");
		T_STREQ(cl[0].lesson_lang, "ko");
	}
	T_ASSERT(store_case_lessons(dc.db, dc.a, "test-register", "sw", &cl,
	    &n) == STORE_OK && n == 1);
	if (n == 1) {
		T_STREQ(cl[0].lesson_title, "Why AI ethics?");
		T_STREQ(cl[0].lesson_lang, "en");
		T_STREQ(cl[0].course_lang, "en");
		T_ASSERT(strcmp(cl[0].course_title, "demo-intro") != 0);
	}
	T_ASSERT(course_lesson_view(&dc, "demo-intro", "why-ethics", "en",
	    &lv) == RES_OK);
	T_ASSERT(lv.html == NULL && lv.nparts == 3);
	for (i = cards = 0; i < lv.nparts; i++) {
		if (lv.parts[i].card == NULL) {
			T_ASSERT(lv.parts[i].html != NULL);
			continue;
		}
		cards++;
		T_STREQ(lv.parts[i].card->title, "Test register");
		T_ASSERT(lv.parts[i].card->available == 1);
	}
	T_ASSERT(cards == 1);
	/* Shown again, the lesson (its course, text and case cards) runs no
	 * query but the content version's, which a signed-in page reads with
	 * its session (issue 14: round trips per page; a regression guard). */
	dctx_read_begin(&dc);
	(void)dctx_content_version(&dc);
	trips = db_trips(dc.db);
	T_ASSERT(course_lesson_view(&dc, "demo-intro", "why-ethics", "en",
	    &lv) == RES_OK);
	T_ASSERT(db_trips(dc.db) == trips);
	dctx_read_end(&dc);
	T_ASSERT(lv.toc->n == 4);	/* 3 before the card, 1 after */
	if (lv.toc->n == 4)
		T_STREQ(lv.toc->entries[3].id, "after-the-card");
	T_ASSERT(course_lesson_view(&dc, "demo-intro", "why-ethics", "ko",
	    &lv) == RES_OK);
	T_ASSERT(lv.nparts == 2 && lv.parts[1].card != NULL &&
	    strcmp(lv.parts[1].card->title, "시험용 사례") == 0);
	/* Unpublished since: the card says so. */
	T_ASSERT(case_unpublish(&dc, "test-register", "Test", 1) == RES_OK);
	T_ASSERT(course_lesson_view(&dc, "demo-intro", "why-ethics", "ko",
	    &lv) == RES_OK);
	T_ASSERT(lv.parts[1].card != NULL && lv.parts[1].card->available ==
	    0);
	/* The editor checks the file it saves. */
	dc.user = &author;
	pkg_errors_init(&e, dc.a, "");
	T_ASSERT(course_author_save(&dc, "demo-intro", "spotting-questions",
	    "en", "Text.\n\n::case[test-register]\n", &e, &v) ==
	    RES_INVALID);
	T_ASSERT(e.n == 1);
	if (e.n == 1)
		T_STREQ(e.msg[0], "m01/spotting-questions.en.md:3: unknown "
		    "case 'test-register' (no published case has this slug)");
	dc.user = NULL;
	/* A version without the directive forgets the reference. */
	T_ASSERT(import(DEMO, &v, &changed, &e) == RES_OK && changed == 1);
	T_ASSERT(store_case_lessons(dc.db, dc.a, "test-register", "en", &cl,
	    &n) == STORE_OK && n == 0);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)system(cmd);
}

static void
test_lesson_tags(void)
{
	struct course_tagged_lesson	*l;
	struct case_lesson_row		*cl;
	size_t				 n, i, fair = 0;

	T_ASSERT(course_lessons_tagged(&dc, "principle", "awareness", "ko",
	    &l, &n) == RES_OK);
	T_ASSERT(n >= 2);
	for (i = 0; i < n; i++) {
		if (strcmp(l[i].course_slug, "demo-intro") != 0)
			continue;
		T_STREQ(l[i].lesson_key, "why-ethics");
		T_STREQ(l[i].lesson_title, "왜 AI 윤리인가?");
		T_STREQ(l[i].course_title, "10분 AI 윤리");
		T_STREQ(l[i].href, "/courses/demo-intro/lessons/why-ethics");
	}
	/* Fallback to the course's default language. */
	T_ASSERT(course_lessons_tagged(&dc, "policy_area",
	    "education-research", "fr", &l, &n) == RES_OK);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].lesson_key, "spotting-questions") == 0)
			T_STREQ(l[i].lesson_title,
			    "Spotting an ethical question");
	/* Six lessons of the starter course teach fairness; none of the
	 * demo course does, though the course as a whole is not tagged. */
	T_ASSERT(course_lessons_tagged(&dc, "principle", "fairness", "en",
	    &l, &n) == RES_OK);
	for (i = 0; i < n; i++)
		if (strcmp(l[i].course_slug, "ethics-of-ai") == 0)
			fair++;
	T_ASSERT(fair == 6 && n == 6);
	T_ASSERT(course_lessons_tagged(&dc, "principle", "no-such", "en",
	    &l, &n) == RES_OK && n == 0);
	/* The starter course's case references are recorded. */
	T_ASSERT(store_case_lessons(dc.db, dc.a,
	    "canada-algorithmic-impact-assessment", "en", &cl, &n) == STORE_OK &&
	    n == 1);
}


/* 1 when the catalog searched for q (in English) lists slug titled title. */
static int
catalog_has(struct dctx *d, const char *q, const char *slug,
    const char *title)
{
	struct catalog_query	cq;
	struct catalog		c;
	size_t			i;

	memset(&cq, 0, sizeof(cq));
	cq.q = q;
	if (course_catalog(d, &cq, "en", &c) != RES_OK)
		return (-1);
	for (i = 0; i < c.n; i++)
		if (strcmp(c.items[i].slug, slug) == 0)
			return (title == NULL || strcmp(c.items[i].title,
			    title) == 0);
	return (0);
}

/* Within one read snapshot a course is read once; a write in between
 * (here an import through the same connection) is seen at once. */
static void
test_get_in_snapshot(void)
{
	struct pkg_errors	 e;
	struct course_row	 r1, r2;
	struct course_cached	*e1, *e2;
	struct course_outline	 o1, o2;
	const char		*slug;
	char			 dir[64], cmd[512];
	int64_t			 v;
	int			 changed;

	T_ASSERT(import(DEMO, &v, &changed, &e) == RES_OK);
	dctx_read_begin(&dc);
	T_ASSERT(course_get(&dc, "demo-intro", &r1, &e1) == RES_OK);
	T_ASSERT(course_get(&dc, "demo-intro", &r2, &e2) == RES_OK);
	T_ASSERT(r1.version == r2.version && e1 == e2);
	T_ASSERT(course_get(&dc, "no-such-course", &r2, &e2) ==
	    RES_NOT_FOUND);
	/* The outline too (on SQLite: PostgreSQL has no read snapshot),
	 * whether asked with the default language or without one, and not
	 * across languages. */
	T_ASSERT(course_outline(&dc, "demo-intro", "en", &o1) == RES_OK);
	T_ASSERT(course_outline(&dc, "demo-intro", NULL, &o2) == RES_OK);
	T_ASSERT(o1.nlessons == o2.nlessons && o1.nlessons > 0);
	T_ASSERT(pg_run || o1.lessons == o2.lessons);
	T_STREQ(o1.title, "Ten minutes of AI ethics");
	T_ASSERT(course_outline(&dc, "demo-intro", "ko", &o2) == RES_OK);
	T_ASSERT(o2.lessons != o1.lessons && strcmp(o2.lang, "ko") == 0);
	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-memo-XXXXXX");
	T_ASSERT(mkdtemp(dir) != NULL);
	(void)snprintf(cmd, sizeof(cmd), "cp -r %s/. %s/ && sed -i 's/\"Ten "
	    "minutes of AI ethics\"/\"Memo taster\"/' %s/course.yaml", DEMO,
	    dir, dir);
	T_ASSERT(system(cmd) == 0);
	pkg_errors_init(&e, dc.a, "");
	T_ASSERT(course_import_dir(&dc, dir, 1, &e, &slug, &v, &changed) ==
	    RES_OK && changed == 1);
	T_ASSERT(course_get(&dc, "demo-intro", &r2, &e2) == RES_OK);
	T_ASSERT(r2.version == r1.version + 1 && r2.version == v);
	T_ASSERT(strcmp(r2.digest, r1.digest) != 0);
	T_ASSERT(course_outline(&dc, "demo-intro", "en", &o2) == RES_OK);
	T_STREQ(o2.title, "Memo taster");
	dctx_read_end(&dc);
	/* Back to the demo text for the tests that follow. */
	T_ASSERT(import(DEMO, &v, &changed, &e) == RES_OK && changed == 1);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)system(cmd);
}

static void
test_catalog_other_connection(void)
{
	struct dctx		 d2;
	struct db		*db2;
	struct pkg_errors	 e;
	struct catalog_query	 q;
	struct catalog		 c;
	struct course_row	 row;
	const char		*slug;
	char			 dir[64], cmd[512];
	int64_t			 v, before, id;
	int			 changed;

	memset(&q, 0, sizeof(q));
	T_ASSERT(course_catalog(&dc, &q, "en", &c) == RES_OK);
	before = c.total;
	T_ASSERT(catalog_has(&dc, "renamed", "demo-intro", NULL) == 0);
	if ((db2 = tstore_open_other()) == NULL) {
		T_ASSERT(db2 != NULL);
		return;
	}
	d2 = dc;
	d2.db = db2;
	/* A new title for demo-intro and a new course, on the other one. */
	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-snap-XXXXXX");
	T_ASSERT(mkdtemp(dir) != NULL);
	(void)snprintf(cmd, sizeof(cmd), "cp -r %s/. %s/ && sed -i 's/\"Ten "
	    "minutes of AI ethics\"/\"Renamed taster\"/' %s/course.yaml", DEMO,
	    dir, dir);
	T_ASSERT(system(cmd) == 0);
	pkg_errors_init(&e, dc.a, "");
	T_ASSERT(course_import_dir(&d2, dir, 1, &e, &slug, &v, &changed) ==
	    RES_OK && changed == 1);
	T_ASSERT(catalog_has(&dc, "renamed", "demo-intro", "Renamed taster") ==
	    1);
	T_ASSERT(catalog_has(&dc, "ten minutes", "demo-intro", NULL) == 0);
	(void)snprintf(cmd, sizeof(cmd), "sed -i 's/^slug: demo-intro/slug: "
	    "snapshot-new/' %s/course.yaml", dir);
	T_ASSERT(system(cmd) == 0);
	pkg_errors_init(&e, dc.a, "");
	T_ASSERT(course_import_dir(&d2, dir, 1, &e, &slug, &v, &changed) ==
	    RES_OK && changed == 1);
	T_ASSERT(course_catalog(&dc, &q, "en", &c) == RES_OK);
	T_ASSERT(c.total == before + 1);
	T_ASSERT(catalog_has(&dc, "renamed", "snapshot-new", "Renamed taster")
	    == 1);
	/* A course added without a new version (as `ethica dev seed` does)
	 * is seen too. */
	memset(&row, 0, sizeof(row));
	T_ASSERT(store_course_insert(db2, "snapshot-raw", dc.now, &id) ==
	    STORE_OK);
	row.id = id;
	row.version = 1;
	row.version_id = 0;
	row.digest = "x";
	row.default_language = "en";
	row.languages = "en";
	row.level = "beginner";
	row.minutes = 5;
	T_ASSERT(store_course_set_current(db2, &row, dc.now) == STORE_OK);
	T_ASSERT(store_course_text_add(db2, id, "en", "Raw row course",
	    "Inserted directly.") == STORE_OK);
	T_ASSERT(catalog_has(&dc, "raw row", "snapshot-raw",
	    "Raw row course") == 1);
	T_ASSERT(catalog_has(&d2, "raw row", "snapshot-raw",
	    "Raw row course") == 1);
	store_close(db2);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)system(cmd);
}

/* The facets of kind k as course_catalog() made them from SQL counts. */
static void
sql_facets(const struct catalog_query *q, struct course_filter *f,
    enum catalog_kind k, struct catalog *out, int *err)
{
	static const enum tax_kind tax[CAT_NKINDS] = {
		TAX_PRINCIPLE, TAX_POLICY_AREA, TAX_TRACK, TAX_NKINDS,
		TAX_LEVEL
	};
	struct course_facet_row	*rows;
	const struct tax_entry	*te;
	const char		**slot, *saved;
	struct catalog_facet	*v;
	size_t			 n, i, j, nte = 0;
	int64_t			 cnt;

	slot = k == CAT_PRINCIPLE ? &f->principle : k == CAT_POLICY_AREA ?
	    &f->policy_area : k == CAT_TRACK ? &f->track : k == CAT_LANG ?
	    &f->lang : &f->level;
	saved = *slot;
	*slot = NULL;
	if (store_course_facets(dc.db, dc.a, f, catalog_param(k), &rows, &n) !=
	    STORE_OK)
		*err = 1;
	*slot = saved;
	if (*err)
		return;
	te = tax[k] != TAX_NKINDS ? taxonomy_list(tax[k], &nte) : NULL;
	if (te == NULL)
		nte = 0;
	v = arena_alloc(dc.a, (nte + n + 1) * sizeof(*v));
	out->facets[k] = v;
	for (i = 0; i < nte; i++) {
		cnt = 0;
		for (j = 0; j < n; j++)
			if (strcmp(rows[j].slug, te[i].slug) == 0)
				cnt = rows[j].count;
		if (cnt == 0 && (q->f[k] == NULL || strcmp(q->f[k],
		    te[i].slug) != 0))
			continue;
		v[out->nfacets[k]].slug = te[i].slug;
		v[out->nfacets[k]].count = cnt;
		v[out->nfacets[k]].selected = q->f[k] != NULL &&
		    strcmp(q->f[k], te[i].slug) == 0;
		out->nfacets[k]++;
	}
	/* Languages by slug, whatever order GROUP BY gave. */
	for (i = 1; te == NULL && i < n; i++)
		for (j = i; j > 0 && strcmp(rows[j - 1].slug, rows[j].slug) >
		    0; j--) {
			struct course_facet_row t = rows[j];

			rows[j] = rows[j - 1];
			rows[j - 1] = t;
		}
	for (j = 0; te == NULL && j < n; j++) {
		v[out->nfacets[k]].slug = rows[j].slug;
		v[out->nfacets[k]].count = rows[j].count;
		v[out->nfacets[k]].selected = q->f[k] != NULL &&
		    strcmp(q->f[k], rows[j].slug) == 0;
		out->nfacets[k]++;
	}
}

/* The catalog computed by SQL, as course_catalog() did before its
 * snapshot (the oracle). 0 or -1. */
static int
sql_catalog(const struct catalog_query *q, const char *lang,
    struct catalog *out)
{
	struct course_filter	 f;
	struct course_list_row	*rows;
	char			*lq;
	size_t			 i;
	int64_t			 page;
	int			 err = 0;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	if (q->q != NULL && *q->q != '\0') {
		lq = arena_strdup(dc.a, q->q);
		for (i = 0; lq[i] != '\0'; i++)
			if (lq[i] >= 'A' && lq[i] <= 'Z')
				lq[i] = (char)(lq[i] - 'A' + 'a');
		f.q = lq;
	}
	f.principle = q->f[CAT_PRINCIPLE];
	f.policy_area = q->f[CAT_POLICY_AREA];
	f.track = q->f[CAT_TRACK];
	f.lang = q->f[CAT_LANG];
	f.level = q->f[CAT_LEVEL];
	page = q->page < 1 ? 1 : q->page;
	if (store_course_search(dc.db, dc.a, &f, lang, (page - 1) *
	    CATALOG_PAGE_SIZE, CATALOG_PAGE_SIZE, &rows, &out->n,
	    &out->total) != STORE_OK)
		return (-1);
	out->items = arena_alloc(dc.a, (out->n + 1) * sizeof(*out->items));
	for (i = 0; i < out->n; i++) {
		out->items[i].slug = rows[i].slug;
		out->items[i].title = rows[i].title;
		out->items[i].summary = rows[i].summary;
		out->items[i].level = taxonomy_name(TAX_LEVEL, rows[i].level);
		if (out->items[i].level == NULL)
			out->items[i].level = rows[i].level;
		out->items[i].languages = rows[i].languages;
		out->items[i].minutes = rows[i].minutes;
	}
	out->page = page;
	out->pages = out->total == 0 ? 1 : (out->total + CATALOG_PAGE_SIZE -
	    1) / CATALOG_PAGE_SIZE;
	for (i = 0; i < CAT_NKINDS && !err; i++)
		sql_facets(q, &f, (enum catalog_kind)i, out, &err);
	return (err ? -1 : 0);
}

static void
catalog_same(const struct catalog *a, const struct catalog *b)
{
	size_t	i, k;

	T_ASSERT(a->total == b->total && a->n == b->n && a->page == b->page &&
	    a->pages == b->pages);
	for (i = 0; i < a->n && i < b->n; i++) {
		T_STREQ(a->items[i].slug, b->items[i].slug);
		T_STREQ(a->items[i].title, b->items[i].title);
		T_STREQ(a->items[i].summary, b->items[i].summary);
		T_STREQ(a->items[i].level, b->items[i].level);
		T_STREQ(a->items[i].languages, b->items[i].languages);
		T_ASSERT(a->items[i].minutes == b->items[i].minutes);
	}
	for (k = 0; k < CAT_NKINDS; k++) {
		T_ASSERT(a->nfacets[k] == b->nfacets[k]);
		for (i = 0; i < a->nfacets[k] && i < b->nfacets[k]; i++) {
			T_STREQ(a->facets[k][i].slug, b->facets[k][i].slug);
			T_ASSERT(a->facets[k][i].count ==
			    b->facets[k][i].count);
			T_ASSERT(a->facets[k][i].selected ==
			    b->facets[k][i].selected);
		}
	}
}

static uint32_t
rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8);
}

static const char *const rwords[] = {
	"Data", "data", "Fairness", "Privacy", "privacy", "AI", "ai",
	"Health", "health", "데이터", "윤리", "100%", "a_b", "Zeta", "alpha",
	"Data Ethics"
};
static const char *const rlangs[] = { "en", "ko", "fr" };
static const char *const rprinciples[] = {
	"fairness", "awareness", "transparency", "privacy", "made-up"
};
static const char *const rareas[] = {
	"health", "education-research", "gender", "nowhere"
};
static const char *const rtracks[] = { "foundations", "policy", "odd" };
static const char *const rlevels[] = { "beginner", "intermediate",
	"advanced", "expert" };

#define PICK(a)	((a)[rnd() % (sizeof(a) / sizeof((a)[0]))])

/* n courses with random texts and tags, stored without a new version. */
static void
random_courses(int n)
{
	struct course_row	 row;
	char			 slug[32], title[128], summary[128];
	int64_t			 id;
	int			 i, j, w, ok = 1;

	T_ASSERT(store_begin(dc.db) == STORE_OK);
	for (i = 0; i < n && ok; i++) {
		(void)snprintf(slug, sizeof(slug), "rnd-%03d", i);
		ok = store_course_insert(dc.db, slug, dc.now, &id) == STORE_OK;
		memset(&row, 0, sizeof(row));
		row.id = id;
		row.version = 1;
		row.digest = "x";
		row.default_language = (char *)PICK(rlangs);
		row.languages = "en ko";
		row.level = (char *)PICK(rlevels);
		row.minutes = (int64_t)(rnd() % 300);
		ok = ok && store_course_set_current(dc.db, &row, dc.now) ==
		    STORE_OK;
		for (j = 0; j < 3 && ok; j++) {
			if (rnd() % 3 == 0)
				continue;
			title[0] = summary[0] = '\0';
			for (w = (int)(rnd() % 3); w >= 0; w--)
				(void)snprintf(title + strlen(title),
				    sizeof(title) - strlen(title), "%s%s",
				    title[0] ? " " : "", PICK(rwords));
			for (w = (int)(rnd() % 4); w >= 0; w--)
				(void)snprintf(summary + strlen(summary),
				    sizeof(summary) - strlen(summary), "%s%s",
				    summary[0] ? " " : "", PICK(rwords));
			ok = store_course_text_add(dc.db, id, rlangs[j], title,
			    summary) == STORE_OK && store_course_tag_add(dc.db,
			    id, "lang", rlangs[j]) == STORE_OK;
		}
		for (j = (int)(rnd() % 4); j > 0 && ok; j--)
			ok = store_course_tag_add(dc.db, id, "principle",
			    PICK(rprinciples)) == STORE_OK &&
			    store_course_tag_add(dc.db, id, "policy_area",
			    PICK(rareas)) == STORE_OK;
		if (ok && rnd() % 4 != 0)
			ok = store_course_tag_add(dc.db, id, "track",
			    PICK(rtracks)) == STORE_OK;
		if (ok)
			ok = store_course_tag_add(dc.db, id, "level", rnd() %
			    8 == 0 ? PICK(rlevels) : row.level) == STORE_OK;
	}
	T_ASSERT(ok);
	T_ASSERT(store_commit(dc.db) == STORE_OK);
}

static void
test_catalog_equals_sql(void)
{
	static const char *const qs[] = {
		NULL, "", "data", "DATA", "ai", "윤리", "100%", "%", "_", "a_b",
		"zz", " ", "data ethics", "Renamed", "ten minutes"
	};
	static const char *const uil[] = { "en", "ko", "fr", "de", "" };
	struct catalog_query	 q;
	struct catalog		 got, want;
	int			 i, k, fails = 0;

	random_courses(300);
	for (i = 0; i < 400 && fails == 0; i++) {
		memset(&q, 0, sizeof(q));
		q.q = PICK(qs);
		for (k = 0; k < CAT_NKINDS; k++) {
			if (rnd() % 3 != 0)
				continue;
			q.f[k] = k == CAT_PRINCIPLE ? PICK(rprinciples) :
			    k == CAT_POLICY_AREA ? PICK(rareas) : k ==
			    CAT_TRACK ? PICK(rtracks) : k == CAT_LANG ?
			    (rnd() % 4 == 0 ? "de" : PICK(rlangs)) :
			    PICK(rlevels);
		}
		q.page = rnd() % 5 == 0 ? 1 + rnd() % 12 : 1;
		T_ASSERT(sql_catalog(&q, uil[i % 5], &want) == 0);
		T_ASSERT(course_catalog(&dc, &q, uil[i % 5], &got) == RES_OK);
		catalog_same(&got, &want);
		if (t_cur_failed) {
			printf("  query %d: q=%s lang=%s page=%lld\n", i,
			    q.q ? q.q : "(null)", uil[i % 5],
			    (long long)q.page);
			fails++;
		}
	}
}

static void
run(int pg)
{
	struct db	*db;
	size_t		 i;

	if ((db = tstore_open_run(pg)) == NULL)
		return;
	pg_run = pg;
	course_cache_clear();
	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = arena_new();
	dc.now = 1700000000;
	add_user(&author);
	add_user(&stranger);
	add_user(&learner);
	for (i = 0; starter_cases[i] != NULL; i++)
		publish(starter_cases[i], starter_cases[i]);
	T_RUN(test_import_export);
	T_RUN(test_bad_import_unchanged);
	T_RUN(test_outline_quiz);
	T_RUN(test_author_edit);
	T_RUN(test_lesson_fallback);
	T_RUN(test_catalog);
	T_RUN(test_case_refs);
	T_RUN(test_lesson_tags);
	T_RUN(test_get_in_snapshot);
	T_RUN(test_catalog_other_connection);
	T_RUN(test_catalog_equals_sql);
	arena_free(dc.a);
	tstore_close(db);
}

int
main(void)
{
	if (crypto_setup() == -1)
		return (1);
	author.verified = stranger.verified = learner.verified = 1;
	author.email = "author@demo.ethica.example";
	author.role = "author";
	stranger.email = "other@demo.ethica.example";
	stranger.role = "author";
	learner.email = "learner@demo.ethica.example";
	learner.role = "learner";
	run(0);
	run(1);
	return (t_done());
}
