/*
 * test_studio_translate.c: translating a course (studio_translate.c):
 * the state from the digests (empty is missing, the recorded source
 * equal to the current one is up to date, anything else outdated, no
 * record too), the languages × lessons table, the source's diff lines
 * (context, gaps, caps); and on both backends: a translator's save is a
 * new version that changes only its language and is up to date, the
 * source's change makes it outdated with the old source at hand until
 * confirmed, a translator may not write the source language nor add a
 * language, an author adds one (its translations missing).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/course_view.h"
#include "domain/crypto.h"
#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_translate.h"
#include "lib/mem.h"
#include "store/st_studio_tr.h"
#include "t.h"
#include "tstore.h"

static struct dctx	 dc;
static struct user	 author, translator;

static const struct studio_new NEW = {
	.slug = "tr-course", .title = "Translate me",
	.summary = "A course in two languages.",
	.languages = "ko", .default_language = "en",
	.level = "beginner", .licence = "CC-BY-4.0",
	.values = "", .principles = "fairness",
	.policy_areas = "", .track = "foundations",
	.module_title = "Basics", .lesson_title = "First steps"
};

static void	add_user(struct user *);

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

static void
test_state(void)
{
	T_ASSERT(studio_tr_state(0, NULL, "a") == STUDIO_TR_MISSING);
	T_ASSERT(studio_tr_state(0, "a", "a") == STUDIO_TR_MISSING);
	T_ASSERT(studio_tr_state(5, "a", "a") == STUDIO_TR_CURRENT);
	T_ASSERT(studio_tr_state(5, "a", "b") == STUDIO_TR_OUTDATED);
	T_ASSERT(studio_tr_state(5, NULL, "b") == STUDIO_TR_OUTDATED);
	T_STREQ(studio_tr_state_name(STUDIO_TR_OUTDATED), "outdated");
}

static void
test_table(void)
{
	struct arena		*a = arena_new();
	struct pkg_files	 f;
	struct pkg_errors	 e;
	struct form_errors	 fe;
	struct course_pkg	*p;
	struct studio_new	 in = NEW;
	struct studio_tr_table	 t;
	struct tr_row		 rec[2];
	struct studio_edit	 ed;
	const struct pkg_file	*src;

	in.languages = "ko,ar";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_new_package(a, &in, "Ana", &f, &fe) == RES_OK);
	pkg_errors_init(&e, a, "");
	T_ASSERT((p = pkg_load(a, &f, &e)) != NULL);
	memset(&ed, 0, sizeof(ed));
	ed.op = SOP_LESSON_ADD;
	ed.module = "m01";
	ed.title = "Second";
	T_ASSERT(studio_outline_apply(a, p, &f, &ed, &fe) == RES_OK);
	src = pkg_files_get(&f, "m01/first-steps.en.md");
	T_ASSERT(src != NULL);
	pkg_files_put(a, &f, "m01/first-steps.ko.md", "한", 3, "k1");
	pkg_files_put(a, &f, "m01/first-steps.ar.md", "ع", 2, "a1");
	pkg_files_put(a, &f, "m01/second.ko.md", "둘", 3, "k2");
	rec[0].item = "first-steps";
	rec[0].lang = "ko";
	rec[0].source_hash = (char *)src->hash;
	rec[1].item = "first-steps";
	rec[1].lang = "ar";
	rec[1].source_hash = "0123";
	studio_tr_table_build(a, p, &f, rec, 2, "en", &t);
	T_ASSERT(t.nlangs == 2 && t.nrows == 2);
	T_STREQ(t.langs[0], "ko");
	T_STREQ(t.langs[1], "ar");
	T_STREQ(t.rows[0].lesson, "first-steps");
	T_ASSERT(t.rows[0].cells[0] == STUDIO_TR_CURRENT);
	T_ASSERT(t.rows[0].cells[1] == STUDIO_TR_OUTDATED);
	T_STREQ(t.rows[1].lesson, "second");
	T_ASSERT(t.rows[1].cells[0] == STUDIO_TR_OUTDATED);	/* no record */
	T_ASSERT(t.rows[1].cells[1] == STUDIO_TR_MISSING);
	arena_free(a);
}

static void
test_diff(void)
{
	struct arena		*a = arena_new();
	struct studio_tr_line	*l;
	const char		*o = "a\nb\nc\nd\ne\nf\ng\n";
	const char		*n = "a\nb\nc\nd\nE\nf\ng\n";
	char			*big;
	size_t			 k;

	T_ASSERT(studio_tr_diff(a, o, strlen(o), n, strlen(n), &l, &k) == 0);
	/* gap, c d, -e, +E, f g */
	T_ASSERT(k == 7);
	T_ASSERT(l[0].op == STUDIO_TR_GAP);
	T_ASSERT(l[1].op == STUDIO_TR_KEEP && strcmp(l[1].text, "c") == 0);
	T_ASSERT(l[3].op == STUDIO_TR_DEL && strcmp(l[3].text, "e") == 0);
	T_ASSERT(l[4].op == STUDIO_TR_ADD && strcmp(l[4].text, "E") == 0);
	T_ASSERT(l[6].op == STUDIO_TR_KEEP && strcmp(l[6].text, "g") == 0);
	T_ASSERT(studio_tr_diff(a, "", 0, "x\n", 2, &l, &k) == 0 && k == 1 &&
	    l[0].op == STUDIO_TR_ADD);
	big = arena_alloc(a, 2 * 1024 * 1024 + 1);
	memset(big, 'x', 2 * 1024 * 1024);
	big[2 * 1024 * 1024] = '\0';
	T_ASSERT(studio_tr_diff(a, big, strlen(big), "x", 1, &l, &k) == -1);
	arena_free(a);
}

static void
test_flow(void)
{
	struct studio_course	 sc;
	struct studio_tr_lesson	 v;
	struct studio_tr_edit	 e;
	struct studio_tr_table	 t;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	const struct pkg_file	*en;
	const char		*en_hash;
	int64_t			 v1, v2;

	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, dc.a, "");
	dc.user = &author;
	T_ASSERT(studio_create(&dc, &NEW, &fe, &errs) == RES_OK);
	T_ASSERT(studio_team_put(&dc, "tr-course", translator.email,
	    "translator", &fe) == RES_OK);
	T_ASSERT(studio_tr_table(&dc, "tr-course", "en", &sc, &t) == RES_OK);
	T_ASSERT(t.nlangs == 1 && t.nrows == 1 &&
	    t.rows[0].cells[0] == STUDIO_TR_MISSING);
	v1 = sc.version;
	en = pkg_files_get(&sc.files, "m01/first-steps.en.md");
	en_hash = arena_strdup(dc.a, en->hash);

	/* The translator writes Korean: a new version, up to date. */
	dc.user = &translator;
	memset(&e, 0, sizeof(e));
	e.confirm = 1;
	T_ASSERT(studio_tr_lesson_save(&dc, "tr-course", "first-steps", "ko",
	    &e, &fe, &errs) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "text") != NULL);
	memset(&fe, 0, sizeof(fe));
	e.confirm = 0;
	e.title = "첫걸음";
	e.text = "# 첫걸음\n";
	T_ASSERT(studio_tr_lesson_save(&dc, "tr-course", "first-steps", "en",
	    &e, &fe, &errs) == RES_NOT_FOUND);
	T_ASSERT(studio_tr_lesson_save(&dc, "tr-course", "first-steps", "ko",
	    &e, &fe, &errs) == RES_OK);
	T_ASSERT(studio_tr_lesson_get(&dc, "tr-course", "first-steps", "ko",
	    &sc, &v) == RES_OK);
	T_ASSERT(sc.version == v1 + 1);
	T_ASSERT(v.state == STUDIO_TR_CURRENT && v.may_edit);
	T_STREQ(v.title, "첫걸음");
	T_STREQ(v.text, "# 첫걸음\n");
	/* The source and its title untouched. */
	T_STREQ(pkg_files_get(&sc.files, "m01/first-steps.en.md")->hash,
	    en_hash);
	T_STREQ(v.source_title, "First steps");
	/* A translator adds no language. */
	T_ASSERT(studio_tr_lang_add(&dc, "tr-course", "fr", &fe, &errs) ==
	    RES_FORBIDDEN);

	/* The author changes the English: outdated, the old source kept. */
	dc.user = &author;
	T_ASSERT(course_author_save(&dc, "tr-course", "first-steps", "en",
	    "# First steps\n\nNew.\n", &errs, &v2) == RES_OK);
	dc.user = &translator;
	T_ASSERT(studio_tr_lesson_get(&dc, "tr-course", "first-steps", "ko",
	    &sc, &v) == RES_OK);
	T_ASSERT(v.state == STUDIO_TR_OUTDATED);
	T_ASSERT(v.old_source != NULL && v.old_len == 0);
	T_ASSERT(v.ndiff == 3 && v.diff[2].op == STUDIO_TR_ADD);
	T_STREQ(v.diff[2].text, "New.");
	memset(&e, 0, sizeof(e));
	e.confirm = 1;
	T_ASSERT(studio_tr_lesson_save(&dc, "tr-course", "first-steps", "ko",
	    &e, &fe, &errs) == RES_OK);
	T_ASSERT(studio_tr_lesson_get(&dc, "tr-course", "first-steps", "ko",
	    &sc, &v) == RES_OK);
	T_ASSERT(v.state == STUDIO_TR_CURRENT && v.ndiff == 0);

	/* The author adds Arabic: its translation is missing. */
	dc.user = &author;
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_tr_lang_add(&dc, "tr-course", "ko", &fe, &errs) ==
	    RES_INVALID);
	T_ASSERT(form_error_for(&fe, "lang") != NULL);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_tr_lang_add(&dc, "tr-course", "xx", &fe, &errs) ==
	    RES_INVALID);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_tr_lang_add(&dc, "tr-course", "ar", &fe, &errs) ==
	    RES_OK);
	T_ASSERT(studio_tr_table(&dc, "tr-course", "en", &sc, &t) == RES_OK);
	T_ASSERT(t.nlangs == 2);
	T_STREQ(t.langs[1], "ar");
	T_ASSERT(t.rows[0].cells[0] == STUDIO_TR_CURRENT &&
	    t.rows[0].cells[1] == STUDIO_TR_MISSING);
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
	add_user(&translator);
	T_RUN(test_flow);
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
	translator.email = "tom@example.org";
	translator.display_name = "Tom";
	translator.role = "learner";
	author.verified = translator.verified = 1;
	T_RUN(test_state);
	T_RUN(test_table);
	T_RUN(test_diff);
	run(0);
	run(1);
	return (t_done());
}
