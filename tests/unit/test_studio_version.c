/*
 * test_studio_version.c: a course's versions in the studio
 * (studio_version.c), on both backends: the list (newest first, with
 * author and note, paged), the diff of two versions (the changed files,
 * a lesson's line diff with folded context, either order), and rollback
 * (a new version with the old files and the note "rolled back to N",
 * history kept, the newest refused, a reviewer refused, a stranger told
 * nothing, an audit line).
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
#include "domain/studio_version.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/st_studio.h"
#include "store/st_studio_version.h"
#include "t.h"
#include "tstore.h"

static struct dctx	 dc;
static struct user	 owner, reviewer, stranger;

static const struct studio_new NEW = {
	.slug = "versions", .title = "Versions",
	.summary = "A course that changes.",
	.languages = "", .default_language = "en",
	.level = "beginner", .licence = "CC-BY-4.0",
	.values = "", .principles = "", .policy_areas = "",
	.track = "foundations",
	.module_title = "Basics", .lesson_title = "First"
};

static void	add_user(struct user *);
static void	rename_lesson(const char *);
static void	save_text(size_t, const char *);

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

/* One studio save: renames lesson "first" (a new version). */
static void
rename_lesson(const char *title)
{
	struct studio_edit	e;
	struct form_errors	fe;
	struct pkg_errors	errs;
	int64_t			learners;

	memset(&e, 0, sizeof(e));
	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, dc.a, "");
	e.op = SOP_LESSON_RENAME;
	e.lesson = "first";
	e.title = title;
	T_ASSERT(studio_outline_edit(&dc, "versions", &e, &fe, &errs,
	    &learners) == RES_OK);
}

static void
test_list(void)
{
	struct studio_course	 sc;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct version_row	*rows;
	size_t			 n, i;
	int64_t			 older;
	char			 t[32];

	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, dc.a, "");
	dc.user = &owner;
	T_ASSERT(studio_create(&dc, &NEW, &fe, &errs) == RES_OK);
	T_ASSERT(studio_team_put(&dc, "versions", reviewer.email, "reviewer",
	    &fe) == RES_OK);
	/* Enough saves for two pages. */
	for (i = 2; i <= STUDIO_VERSIONS_PAGE + 3; i++) {
		(void)snprintf(t, sizeof(t), "Title %zu", i);
		dc.now++;
		rename_lesson(t);
	}
	dc.user = &reviewer;
	T_ASSERT(studio_versions(&dc, "versions", 0, &sc, &rows, &n,
	    &older) == RES_OK);
	T_ASSERT(n == STUDIO_VERSIONS_PAGE);
	T_ASSERT(rows[0].version == STUDIO_VERSIONS_PAGE + 3);
	T_ASSERT(rows[1].version == STUDIO_VERSIONS_PAGE + 2);
	T_STREQ(rows[0].author, "Olga");
	T_ASSERT(rows[0].created_by == owner.id);
	T_CONTAINS(rows[0].note, "lesson-rename first");
	T_ASSERT(older == rows[n - 1].version);
	T_ASSERT(studio_versions(&dc, "versions", older, &sc, &rows, &n,
	    &older) == RES_OK);
	T_ASSERT(n == 3 && older == 0);
	T_ASSERT(rows[2].version == 1);
	T_STREQ(rows[2].note, "studio create");
	dc.user = &stranger;
	T_ASSERT(studio_versions(&dc, "versions", 0, &sc, &rows, &n,
	    &older) == RES_NOT_FOUND);
}

static void
test_diff(void)
{
	struct studio_course	 sc;
	struct studio_diff	 d;
	const struct studio_diff_file *f;
	size_t			 i, minus = 0, plus = 0;

	dc.user = &reviewer;
	T_ASSERT(studio_version_diff(&dc, "versions", 2, 3, &sc, &d) ==
	    RES_OK);
	T_ASSERT(d.nfiles == 1 && !d.files_cut && !d.lines_cut);
	f = &d.files[0];
	T_STREQ(f->path, "course.yaml");
	T_ASSERT(f->change == SCHANGE_CHANGED && f->text && !f->too_large);
	T_ASSERT(f->removed == 1 && f->added == 1);
	for (i = 0; i < f->nlines; i++) {
		if (f->lines[i].op == '-') {
			minus++;
			T_CONTAINS(f->lines[i].text, "Title 2");
			T_ASSERT(f->lines[i].new_no == 0 &&
			    f->lines[i].old_no > 0);
		} else if (f->lines[i].op == '+') {
			plus++;
			T_CONTAINS(f->lines[i].text, "Title 3");
		}
	}
	T_ASSERT(minus == 1 && plus == 1);
	/* Folded: at most the context around the one change. */
	T_ASSERT(f->nlines <= 2 + 2 * STUDIO_DIFF_CONTEXT + 2);
	/* The other way round, and unknown versions. */
	T_ASSERT(studio_version_diff(&dc, "versions", 3, 2, &sc, &d) ==
	    RES_OK);
	T_ASSERT(d.nfiles == 1 && d.files[0].removed == 1);
	T_ASSERT(studio_version_diff(&dc, "versions", 2, 99, &sc, &d) ==
	    RES_NOT_FOUND);
	dc.user = &stranger;
	T_ASSERT(studio_version_diff(&dc, "versions", 2, 3, &sc, &d) ==
	    RES_NOT_FOUND);
}

static void
test_rollback(void)
{
	struct studio_course	 sc;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct version_row	*rows;
	struct studio_diff	 d;
	struct audit_row	*audit;
	size_t			 n, na, i;
	int64_t			 made, newest, older;

	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, dc.a, "");
	dc.user = &owner;
	T_ASSERT(studio_open(&dc, "versions", STUDIO_OPEN, &sc) == RES_OK);
	newest = sc.version;
	/* A reviewer only looks; a stranger learns nothing. */
	dc.user = &reviewer;
	T_ASSERT(studio_rollback(&dc, "versions", 2, &fe, &errs, &made) ==
	    RES_FORBIDDEN);
	dc.user = &stranger;
	T_ASSERT(studio_rollback(&dc, "versions", 2, &fe, &errs, &made) ==
	    RES_NOT_FOUND);
	dc.user = &owner;
	T_ASSERT(studio_rollback(&dc, "versions", newest, &fe, &errs,
	    &made) == RES_INVALID);
	T_ASSERT(form_error_for(&fe, "version") != NULL);
	T_ASSERT(studio_rollback(&dc, "versions", 999, &fe, &errs, &made) ==
	    RES_NOT_FOUND);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_rollback(&dc, "versions", 2, &fe, &errs, &made) ==
	    RES_OK);
	T_ASSERT(made == newest + 1);
	T_ASSERT(studio_open(&dc, "versions", STUDIO_OPEN, &sc) == RES_OK);
	T_ASSERT(sc.version == made);
	T_STREQ(pkg_text(&sc.pkg->modules[0].lessons[0].title, "en", NULL),
	    "Title 2");
	/* History kept: every version still there, the new one noted. */
	T_ASSERT(studio_versions(&dc, "versions", 0, &sc, &rows, &n,
	    &older) == RES_OK);
	T_ASSERT(rows[0].version == made);
	T_STREQ(rows[0].note, "rolled back to 2");
	/* The audit line names the owner, the course and both versions. */
	T_ASSERT(store_audit_list(dc.db, dc.a, 0, 0, 5, &audit, &na) ==
	    STORE_OK);
	for (i = 0; i < na; i++)
		if (strcmp(audit[i].action, "course.rollback") == 0)
			break;
	T_ASSERT(i < na);
	if (i < na) {
		T_ASSERT(audit[i].actor_id == owner.id);
		T_STREQ(audit[i].detail, arena_printf(dc.a,
		    "versions v%lld to v2", (long long)made));
	}
	T_ASSERT(rows[1].version == newest);
	T_ASSERT(studio_version_diff(&dc, "versions", 2, made, &sc, &d) ==
	    RES_OK);
	T_ASSERT(d.nfiles == 0);
	/* Rolling back to a version with the newest's files changes nothing. */
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(studio_rollback(&dc, "versions", 2, &fe, &errs, &made) ==
	    RES_INVALID);
	T_ASSERT(form_error_for(&fe, "version") != NULL);
}

/* The lesson's English text: lines of 30 bytes, the last one marked. */
static void
save_text(size_t lines, const char *mark)
{
	struct pkg_errors	 errs;
	struct buf		 b;
	size_t			 i;
	int64_t			 v;

	buf_init(&b);
	for (i = 0; i + 1 < lines; i++)
		buf_appendf(&b, "Line %08zu of a long lesson.\n", i);
	buf_appendf(&b, "%s\n", mark);
	pkg_errors_init(&errs, dc.a, "");
	T_ASSERT(course_author_save(&dc, "versions", "first", "en", b.data,
	    &errs, &v) == RES_OK);
	buf_free(&b);
}

/*
 * A diff page compares at most STUDIO_DIFF_BYTES_MAX bytes of text: a
 * lesson under it is compared, one over it is listed as changed but not
 * compared (skipped), so a page's work stays bounded.
 */
static void
test_budget(void)
{
	struct studio_course	 sc;
	struct studio_diff	 d;
	int64_t			 v;
	size_t			 small = STUDIO_DIFF_BYTES_MAX / 30 / 4;
	size_t			 big = STUDIO_DIFF_BYTES_MAX / 30 / 2 + 100;

	dc.user = &owner;
	save_text(small, "one");
	T_ASSERT(studio_open(&dc, "versions", STUDIO_OPEN, &sc) == RES_OK);
	v = sc.version;
	save_text(small, "two");
	T_ASSERT(studio_version_diff(&dc, "versions", v, v + 1, &sc, &d) ==
	    RES_OK);
	T_ASSERT(d.nfiles == 1 && !d.files[0].skipped && !d.lines_cut);
	T_ASSERT(d.files[0].removed == 1 && d.files[0].added == 1);
	save_text(big, "three");
	save_text(big, "four");
	T_ASSERT(studio_version_diff(&dc, "versions", v + 2, v + 3, &sc,
	    &d) == RES_OK);
	T_ASSERT(d.nfiles == 1 && d.files[0].skipped && d.lines_cut);
	T_ASSERT(d.files[0].nlines == 0 && !d.files[0].too_large);
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
	add_user(&owner);
	add_user(&reviewer);
	add_user(&stranger);
	T_RUN(test_list);
	T_RUN(test_diff);
	T_RUN(test_rollback);
	T_RUN(test_budget);
	arena_free(dc.a);
	tstore_close(db);
}

int
main(void)
{
	if (crypto_setup() == -1)
		return (1);
	owner.email = "olga@example.org";
	owner.display_name = "Olga";
	owner.role = "author";
	reviewer.email = "rita@example.org";
	reviewer.display_name = "Rita";
	reviewer.role = "learner";
	stranger.email = "sam@example.org";
	stranger.display_name = "Sam";
	stranger.role = "author";
	owner.verified = reviewer.verified = stranger.verified = 1;
	run(0);
	run(1);
	return (t_done());
}
