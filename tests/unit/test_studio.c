/*
 * test_studio.c: the course studio's domain (studio.c, studio_manifest.c):
 * the rule table, the manifest writer (a written manifest parses back to
 * the same course, for the shipped courses too), the new-course package
 * (valid for pkg_load; each bad field named), the outline operations
 * (moves at the ends refused, the last lesson of a module and the last
 * module kept, a renamed or moved lesson keeps its id, a removed lesson
 * loses its files), and on both backends: create (version 1, its creator
 * owner, nobody else), others refused (an author of another course sees
 * nothing, a translator may not touch the outline, a learner may not
 * create), removing a lesson with progress asks first, the team keeps an
 * owner, and export then import of a studio-made course changes nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/crypto.h"
#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "lib/mem.h"
#include "store/st_learning.h"
#include "store/st_studio.h"
#include "t.h"
#include "tstore.h"

static struct dctx	 dc;
static struct user	 author, stranger, learner, admin;

static const struct studio_new NEW = {
	.slug = "fair-hiring", .title = "Fairness in hiring",
	.summary = "How to assess an AI hiring tool.",
	.languages = "ko,ar", .default_language = "en",
	.level = "beginner", .licence = "CC-BY-4.0",
	.values = "human-rights", .principles = "fairness,transparency",
	.policy_areas = "", .track = "foundations",
	.module_title = "Basics", .lesson_title = "What is bias?"
};

static char	*read_all(struct arena *, const char *, size_t *);
static void	 add_user(struct user *);
static int	 valid(struct arena *, struct pkg_files *);
static struct course_pkg *reparse(struct arena *, struct pkg_files *);
static const char *order(struct arena *, const struct course_pkg *);

static char *
read_all(struct arena *a, const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	if ((fp = fopen(path, "rb")) == NULL)
		return (NULL);
	(void)fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	(void)fseek(fp, 0, SEEK_SET);
	buf = arena_alloc(a, (size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	buf[*len] = '\0';
	fclose(fp);
	return (buf);
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

/* 1 when the package (its course.yaml rewritten from the parse) loads
 * with no problem. */
static int
valid(struct arena *a, struct pkg_files *f)
{
	struct pkg_errors	e;
	size_t			i;

	pkg_errors_init(&e, a, "");
	if (pkg_load(a, f, &e) != NULL && e.n == 0)
		return (1);
	for (i = 0; i < e.n; i++)
		printf("  %s\n", e.msg[i]);
	return (0);
}

/* The package after writing its manifest from p and reading it back. */
static struct course_pkg *
reparse(struct arena *a, struct pkg_files *f)
{
	const struct pkg_file	*m;
	struct pkg_errors	 e;

	pkg_errors_init(&e, a, "");
	m = pkg_files_get(f, "course.yaml");
	return (pkg_parse_manifest(a, "course.yaml", m->data, m->len, &e));
}

/* "m01:a,b|m02:c": the modules and lessons in order. */
static const char *
order(struct arena *a, const struct course_pkg *p)
{
	char	*s = "";
	size_t	 i, j;

	for (i = 0; i < p->nmodules; i++) {
		s = arena_printf(a, "%s%s%s:", s, i ? "|" : "",
		    p->modules[i].id);
		for (j = 0; j < p->modules[i].nlessons; j++)
			s = arena_printf(a, "%s%s%s", s, j ? "," : "",
			    p->modules[i].lessons[j].id);
	}
	return (s);
}

static void
test_rule_table(void)
{
	/* open outline text translate team archive submit approve publish */
	static const int want[STUDIO_NROLES][STUDIO_NACTS] = {
		[STUDIO_NONE] =		{ 0, 0, 0, 0, 0, 0, 0, 0, 0 },
		[STUDIO_REVIEWER] =	{ 1, 0, 0, 0, 0, 0, 0, 1, 0 },
		[STUDIO_TRANSLATOR] =	{ 1, 0, 0, 1, 0, 0, 0, 0, 0 },
		[STUDIO_AUTHOR] =	{ 1, 1, 1, 1, 0, 0, 1, 0, 0 },
		[STUDIO_OWNER] =	{ 1, 1, 1, 1, 1, 1, 1, 1, 1 },
		[STUDIO_ADMIN] =	{ 1, 1, 1, 1, 1, 1, 1, 1, 1 }
	};
	int	r, a;

	for (r = 0; r < STUDIO_NROLES; r++)
		for (a = 0; a < STUDIO_NACTS; a++)
			T_ASSERT(studio_role_may((enum studio_role)r,
			    (enum studio_act)a) == want[r][a]);
	T_ASSERT(!studio_role_may(STUDIO_NROLES, STUDIO_OPEN));
	T_ASSERT(!studio_role_may(STUDIO_OWNER, STUDIO_NACTS));
	T_ASSERT(studio_role_parse("owner") == STUDIO_OWNER);
	T_ASSERT(studio_role_parse("admin") == STUDIO_NONE);
	T_ASSERT(studio_role_parse(NULL) == STUDIO_NONE);
	T_STREQ(studio_role_name(STUDIO_TRANSLATOR), "translator");
	T_ASSERT(studio_role_name(STUDIO_ADMIN) == NULL);
	T_ASSERT(studio_may_create(&author));
	T_ASSERT(studio_may_create(&admin));
	T_ASSERT(!studio_may_create(&learner));
	T_ASSERT(!studio_may_create(NULL));
}

/* The shipped manifests survive a write and a read, byte for byte from
 * the second write on, field for field from the first. */
static void
test_manifest_roundtrip(void)
{
	static const char *const files[] = {
		"content/courses/demo-intro/course.yaml",
		"content/courses/ethics-of-ai/course.yaml", NULL
	};
	struct arena		*a;
	struct pkg_errors	 e;
	struct course_pkg	*p = NULL, *q;
	const char		*text, *w1, *w2;
	size_t			 i, len;

	a = arena_new();
	for (i = 0; files[i] != NULL; i++) {
		if ((text = read_all(a, files[i], &len)) == NULL) {
			T_ASSERT(!"shipped manifest readable");
			continue;
		}
		pkg_errors_init(&e, a, "");
		p = pkg_parse_manifest(a, "course.yaml", text, len, &e);
		T_ASSERT(p != NULL && e.n == 0);
		if (p == NULL)
			continue;
		w1 = studio_manifest(a, p);
		q = pkg_parse_manifest(a, "course.yaml", w1, strlen(w1), &e);
		T_ASSERT(q != NULL && e.n == 0);
		if (q == NULL)
			continue;
		w2 = studio_manifest(a, q);
		T_STREQ(w1, w2);
		T_STREQ(order(a, p), order(a, q));
		T_STREQ(q->slug, p->slug);
		T_ASSERT(q->nauthors == p->nauthors);
		T_ASSERT(q->minutes == p->minutes);
		T_ASSERT(q->required_all == p->required_all);
		T_STREQ(pkg_text(&q->title, "ko", "en"),
		    pkg_text(&p->title, "ko", "en"));
		T_ASSERT((q->modules[0].quiz_file == NULL) ==
		    (p->modules[0].quiz_file == NULL));
	}
	/* Quotes, backslashes and new lines are escaped. */
	if (p == NULL) {
		arena_free(a);
		return;
	}
	p->modules[0].title.v[0].text = "He said \"no\"\\ then\nleft";
	w1 = studio_manifest(a, p);
	q = pkg_parse_manifest(a, "course.yaml", w1, strlen(w1), &e);
	T_ASSERT(q != NULL);
	if (q != NULL)
		T_STREQ(q->modules[0].title.v[0].text,
		    "He said \"no\"\\ then\nleft");
	arena_free(a);
}

static void
test_new_package(void)
{
	struct arena		*a;
	struct pkg_files	 f;
	struct form_errors	 fe;
	struct studio_new	 bad;
	struct course_pkg	*p;

	a = arena_new();
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &NEW, "Ana", &f, &fe) == RES_OK);
	T_ASSERT(fe.n == 0);
	T_ASSERT(valid(a, &f));
	T_ASSERT(f.n == 4);	/* course.yaml + en, ko, ar */
	T_ASSERT(pkg_files_get(&f, "m01/what-is-bias.ar.md") != NULL);
	p = reparse(a, &f);
	T_ASSERT(p != NULL && p->languages.n == 3);
	if (p != NULL) {
		T_STREQ(p->languages.v[0], "en");
		T_STREQ(p->languages.v[1], "ko");
		T_STREQ(p->licence, "CC-BY-4.0");
		T_STREQ(pkg_text(&p->modules[0].title, "ar", NULL), "Basics");
		T_ASSERT(p->principles.n == 2);
	}
	bad = NEW;
	bad.slug = "Bad slug";
	bad.title = "";
	bad.languages = "ko,xx";
	bad.level = "expert";
	bad.licence = "GPL";
	bad.principles = "fairness,unknown";
	bad.track = "nope";
	bad.lesson_title = "two\nlines";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &bad, "Ana", &f, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "slug") != NULL);
	T_ASSERT(form_error_for(&fe, "title") != NULL);
	T_ASSERT(form_error_for(&fe, "languages") != NULL);
	T_ASSERT(form_error_for(&fe, "level") != NULL);
	T_ASSERT(form_error_for(&fe, "licence") != NULL);
	T_ASSERT(form_error_for(&fe, "principles") != NULL);
	T_ASSERT(form_error_for(&fe, "track") != NULL);
	T_ASSERT(form_error_for(&fe, "lesson_title") != NULL);
	T_ASSERT(form_error_for(&fe, "summary") == NULL);
	/* Too many languages: the cap is the domain's. */
	bad = NEW;
	bad.languages = "en,ko,fr,es,ar,zh,ru,en";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &bad, "Ana", &f, &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "languages") != NULL);
	arena_free(a);
}

/* Applies op and checks the result still loads; returns the result. */
static enum result
apply(struct arena *a, struct course_pkg **p, struct pkg_files *f,
    enum studio_op op, const char *module, const char *lesson,
    const char *title)
{
	struct studio_edit	 e;
	struct form_errors	 fe;
	const char		*yaml;
	char			 hash[65];
	enum result		 r;

	memset(&e, 0, sizeof(e));
	memset(&fe, 0, sizeof(fe));
	e.op = op;
	e.module = module;
	e.lesson = lesson;
	e.title = title;
	e.lesson_title = title;
	e.track = "public-good";
	if ((r = studio_outline_apply(a, *p, f, &e, &fe)) != RES_OK)
		return (r);
	yaml = studio_manifest(a, *p);
	course_hash_hex(yaml, strlen(yaml), hash);
	pkg_files_put(a, f, "course.yaml", yaml, strlen(yaml), hash);
	T_ASSERT(valid(a, f));
	*p = reparse(a, f);
	return (r);
}

static void
test_outline_ops(void)
{
	struct arena		*a;
	struct pkg_files	 f;
	struct form_errors	 fe;
	struct course_pkg	*p;
	size_t			 n;

	a = arena_new();
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &NEW, "Ana", &f, &fe) == RES_OK);
	p = reparse(a, &f);
	/* The ends, and the only lesson and module, stay where they are. */
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_UP, NULL, "what-is-bias", NULL) ==
	    RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_DOWN, NULL, "what-is-bias",
	    NULL) == RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_MODULE_UP, "m01", NULL, NULL) ==
	    RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_REMOVE, NULL, "what-is-bias",
	    NULL) == RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_MODULE_REMOVE, "m01", NULL, NULL) ==
	    RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_ADD, "m01", NULL, "") ==
	    RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_ADD, "m09", NULL, "X") ==
	    RES_NOT_FOUND);
	T_STREQ(order(a, p), "m01:what-is-bias");
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_ADD, "m01", NULL,
	    "Measuring bias") == RES_OK);
	T_ASSERT(apply(a, &p, &f, SOP_MODULE_ADD, NULL, NULL, "Practice") ==
	    RES_OK);
	T_STREQ(order(a, p), "m01:what-is-bias,measuring-bias|m02:practice");
	/* Same title again: a fresh id. */
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_ADD, "m02", NULL, "Practice") ==
	    RES_OK);
	T_STREQ(order(a, p),
	    "m01:what-is-bias,measuring-bias|m02:practice,lesson-1");
	/* Rename keeps the id; untranslated copies follow the default. */
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_RENAME, NULL, "what-is-bias",
	    "Bias, defined") == RES_OK);
	T_STREQ(order(a, p),
	    "m01:what-is-bias,measuring-bias|m02:practice,lesson-1");
	T_STREQ(pkg_text(&p->modules[0].lessons[0].title, "ko", NULL),
	    "Bias, defined");
	/* Moves: within a module, then over its edge into the next. */
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_UP, NULL, "measuring-bias",
	    NULL) == RES_OK);
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_DOWN, NULL, "what-is-bias",
	    NULL) == RES_OK);
	T_STREQ(order(a, p),
	    "m01:measuring-bias|m02:what-is-bias,practice,lesson-1");
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_DOWN, NULL, "measuring-bias",
	    NULL) == RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_DOWN, NULL, "lesson-1", NULL) ==
	    RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_MODULE_DOWN, "m02", NULL, NULL) ==
	    RES_INVALID);
	T_ASSERT(apply(a, &p, &f, SOP_MODULE_UP, "m02", NULL, NULL) ==
	    RES_OK);
	T_STREQ(order(a, p),
	    "m02:what-is-bias,practice,lesson-1|m01:measuring-bias");
	/* The file keeps its first path: ids and files never move. */
	T_STREQ(p->modules[0].lessons[0].file, "m01/what-is-bias");
	/* Remove: the lesson and its files go. */
	n = f.n;
	T_ASSERT(apply(a, &p, &f, SOP_LESSON_REMOVE, NULL, "practice", NULL) ==
	    RES_OK);
	T_ASSERT(f.n == n - 3);
	T_ASSERT(pkg_files_get(&f, "m02/practice.en.md") == NULL);
	T_ASSERT(apply(a, &p, &f, SOP_MODULE_REMOVE, "m01", NULL, NULL) ==
	    RES_OK);
	T_STREQ(order(a, p), "m02:what-is-bias,lesson-1");
	T_ASSERT(pkg_files_get(&f, "m01/measuring-bias.ko.md") == NULL);
	T_ASSERT(studio_op_parse("lesson-up") == SOP_LESSON_UP);
	T_ASSERT(studio_op_parse("drop-table") == SOP_NONE);
	arena_free(a);
}

static void
test_create_and_rights(void)
{
	struct studio_course	 sc;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct studio_edit	 e;
	int64_t			 learners;
	char			*role;

	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, dc.a, "");
	dc.user = &learner;
	T_ASSERT(studio_create(&dc, &NEW, &fe, &errs) == RES_FORBIDDEN);
	dc.user = &author;
	T_ASSERT(studio_create(&dc, &NEW, &fe, &errs) == RES_OK);
	T_ASSERT(studio_create(&dc, &NEW, &fe, &errs) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "slug") != NULL);
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_TEAM, &sc) == RES_OK);
	T_ASSERT(sc.version == 1 && sc.role == STUDIO_OWNER);
	T_ASSERT(store_team_role(dc.db, dc.a, sc.id, author.id, &role) ==
	    STORE_OK);
	T_STREQ(role, "owner");
	/* Another author sees nothing of it; an admin may do all. */
	dc.user = &stranger;
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_OPEN, &sc) ==
	    RES_NOT_FOUND);
	dc.user = &admin;
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_ARCHIVE, &sc) ==
	    RES_OK);
	/* A translator may open it but not touch the outline or team. */
	dc.user = &author;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_team_put(&dc, "fair-hiring", "OTHER@example.org",
	    "translator", &fe) == RES_OK);
	T_ASSERT(studio_team_put(&dc, "fair-hiring", "nobody@example.org",
	    "author", &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "email") != NULL);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_team_put(&dc, "fair-hiring", author.email, "author",
	    &fe) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "role") != NULL);
	T_ASSERT(studio_team_remove(&dc, "fair-hiring", author.id, &fe) ==
	    RES_INVALID);
	dc.user = &stranger;
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_OPEN, &sc) == RES_OK);
	memset(&e, 0, sizeof(e));
	e.op = SOP_LESSON_ADD;
	e.module = "m01";
	e.title = "Mine";
	T_ASSERT(studio_outline_edit(&dc, "fair-hiring", &e, &fe, &errs,
	    &learners) == RES_FORBIDDEN);
	T_ASSERT(studio_archive(&dc, "fair-hiring", 1) == RES_FORBIDDEN);
	dc.user = &author;
	T_ASSERT(studio_outline_edit(&dc, "fair-hiring", &e, &fe, &errs,
	    &learners) == RES_OK);
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_OPEN, &sc) == RES_OK);
	T_ASSERT(sc.version == 2);
	/* Removing a lesson a learner has read asks first. */
	T_ASSERT(store_lesson_done_add(dc.db, learner.id, "fair-hiring",
	    "mine", dc.now) == STORE_OK);
	e.op = SOP_LESSON_REMOVE;
	e.lesson = "mine";
	T_ASSERT(studio_outline_edit(&dc, "fair-hiring", &e, &fe, &errs,
	    &learners) == RES_CONFLICT);
	T_ASSERT(learners == 1);
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_OPEN, &sc) == RES_OK);
	T_ASSERT(sc.version == 2);
	e.confirm = 1;
	T_ASSERT(studio_outline_edit(&dc, "fair-hiring", &e, &fe, &errs,
	    &learners) == RES_OK);
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_OPEN, &sc) == RES_OK);
	T_ASSERT(sc.version == 3);
	T_ASSERT(studio_archive(&dc, "fair-hiring", 1) == RES_OK);
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_OPEN, &sc) == RES_OK);
	T_ASSERT(sc.archived_at == dc.now);
}

/*
 * The lesson page asks every signed-in reader whether they may edit:
 * someone on no team is answered from what the worker keeps, with no
 * query; once added to a team (the content version moves) they may.
 */
static void
test_edit_right_kept(void)
{
	struct studio_course	 sc;
	struct form_errors	 fe;
	uint64_t		 trips;

	dc.user = &admin;
	T_ASSERT(studio_open(&dc, "fair-hiring", STUDIO_OPEN, &sc) == RES_OK);
	dc.user = &learner;
	dctx_read_begin(&dc);
	T_ASSERT(!studio_user_may(&dc, sc.id, STUDIO_TEXT));
	trips = store_trips(dc.db);
	T_ASSERT(!studio_user_may(&dc, sc.id, STUDIO_TEXT));
	T_ASSERT(store_trips(dc.db) == trips);
	dctx_read_end(&dc);
	dc.user = &author;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_team_put(&dc, "fair-hiring", learner.email, "author",
	    &fe) == RES_OK);
	dc.user = &learner;
	dctx_read_begin(&dc);
	T_ASSERT(studio_user_may(&dc, sc.id, STUDIO_TEXT));
	dctx_read_end(&dc);
}

/* What the studio made exports to files that import back unchanged. */
static void
test_export_import(void)
{
	struct pkg_errors	 e;
	const char		*slug;
	int64_t			 v;
	int			 changed;
	char			 dir[64], err[256], cmd[128];

	(void)snprintf(dir, sizeof(dir), "/tmp/ethica-studio-XXXXXX");
	T_ASSERT(mkdtemp(dir) != NULL);
	T_ASSERT(course_export_dir(&dc, "fair-hiring", dir, err,
	    sizeof(err)) == RES_OK);
	pkg_errors_init(&e, dc.a, "");
	T_ASSERT(course_import_dir(&dc, dir, 1, &e, &slug, &v, &changed) ==
	    RES_OK);
	T_ASSERT(e.n == 0 && changed == 0 && v == 3);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)system(cmd);
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
	add_user(&learner);
	add_user(&admin);
	T_RUN(test_create_and_rights);
	T_RUN(test_edit_right_kept);
	T_RUN(test_export_import);
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
	learner.email = "lee@example.org";
	learner.display_name = "Lee";
	learner.role = "learner";
	admin.email = "root@example.org";
	admin.display_name = "Root";
	admin.role = "admin";
	author.verified = stranger.verified = learner.verified = 1;
	admin.verified = 1;
	T_RUN(test_rule_table);
	T_RUN(test_manifest_roundtrip);
	T_RUN(test_new_package);
	T_RUN(test_outline_ops);
	run(0);
	run(1);
	return (t_done());
}
