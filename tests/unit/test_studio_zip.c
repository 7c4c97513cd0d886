/*
 * test_studio_zip.c: course packages as zip files (studio_zip.c): the
 * writer's zip reads back to the same files; the reader's caps refuse a
 * bomb (one file, and many files together, too large once inflated),
 * too many entries, an absolute path, "..", a link, a bad name, a file
 * twice, bytes that are no zip; a package in one folder is read as at
 * the root; and on both backends: a course's zip imported back stores
 * nothing (same version, same digest), a changed one is a new version,
 * an author of another course can neither download nor upload it, nor
 * can a learner.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/crypto.h"
#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_zip.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "t.h"
#include "tstore.h"

static struct dctx	 dc;
static struct user	 author, stranger, learner;

static const struct studio_new NEW = {
	.slug = "zip-course", .title = "Zipped",
	.summary = "A course that travels as a zip.",
	.languages = "ko", .default_language = "en",
	.level = "beginner", .licence = "CC-BY-4.0",
	.values = "", .principles = "fairness",
	.policy_areas = "", .track = "foundations",
	.module_title = "Basics", .lesson_title = "First steps"
};

struct ent {
	const char	*name;
	size_t		 len;		/* bytes of 'a' */
	int		 link;
};

static void		 add_user(struct user *);
static size_t		 mk(struct arena *, const struct ent *, size_t,
			    char **);
static const char	*refused(struct arena *, const struct ent *,
			    size_t);

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

/* A zip of n entries (deflated), into *out (arena); its length. */
static size_t
mk(struct arena *a, const struct ent *e, size_t n, char **out)
{
	zip_source_t	*src, *fs;
	zip_t		*z;
	zip_stat_t	 st;
	zip_int64_t	 k;
	char		*data;
	size_t		 i;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	for (i = 0; i < n; i++) {
		data = arena_alloc(a, e[i].len + 1);
		memset(data, 'a', e[i].len);
		fs = zip_source_buffer(z, data, e[i].len, 0);
		k = zip_file_add(z, e[i].name, fs, ZIP_FL_ENC_UTF_8);
		if (k < 0) {
			printf("  cannot add %s\n", e[i].name);
			continue;
		}
		if (e[i].link)
			(void)zip_file_set_external_attributes(z,
			    (zip_uint64_t)k, 0, ZIP_OPSYS_UNIX,
			    (zip_uint32_t)(S_IFLNK | 0777) << 16);
	}
	(void)zip_close(z);
	zip_source_stat(src, &st);
	zip_source_open(src);
	*out = arena_alloc(a, (size_t)st.size + 1);
	(void)zip_source_read(src, *out, st.size);
	zip_source_close(src);
	zip_source_free(src);
	return ((size_t)st.size);
}

/* The msgid the reader refuses the zip of e with, or NULL. */
static const char *
refused(struct arena *a, const struct ent *e, size_t n)
{
	struct studio_zip_problem	 p;
	struct pkg_files		 f;
	char				*z;
	size_t				 len;

	len = mk(a, e, n, &z);
	if (studio_zip_read(a, z, len, &f, &p) == 0)
		return (NULL);
	return (p.msgid);
}

static void
test_write_read(void)
{
	struct arena			*a = arena_new();
	struct pkg_files		 in, out;
	struct studio_zip_problem	 p;
	struct buf			 b;
	const struct pkg_file		*f;

	memset(&in, 0, sizeof(in));
	pkg_files_put(a, &in, "course.yaml", "slug: x\n", 8, "h1");
	pkg_files_put(a, &in, "m01/intro.en.md", "# Hi\n", 5, "h2");
	pkg_files_put(a, &in, "media/empty.txt", "", 0, "h3");
	buf_init(&b);
	T_ASSERT(studio_zip_write(&in, &b) == 0);
	T_ASSERT(b.len > 0);
	T_ASSERT(studio_zip_read(a, b.data, b.len, &out, &p) == 0);
	T_ASSERT(out.n == 3);
	T_ASSERT((f = pkg_files_get(&out, "m01/intro.en.md")) != NULL &&
	    f->len == 5 && memcmp(f->data, "# Hi\n", 5) == 0);
	T_ASSERT((f = pkg_files_get(&out, "media/empty.txt")) != NULL &&
	    f->len == 0);
	buf_free(&b);
	arena_free(a);
}

static void
test_caps(void)
{
	struct arena			*a = arena_new();
	struct studio_zip_problem	 p;
	struct pkg_files		 f;
	struct ent			*many;
	const char			*m;
	char				*z;
	size_t				 i, len;
	struct ent			 bomb[] = {
		{ "course.yaml", 10, 0 },
		{ "media/zeros.bin", STUDIO_ZIP_FILE_MAX + 1, 0 }
	};
	struct ent			 total[6];
	struct ent			 trav[] = {
		{ "course.yaml", 10, 0 }, { "m01/../../etc/passwd", 3, 0 }
	};
	struct ent			 abs[] = {
		{ "course.yaml", 10, 0 }, { "/etc/passwd", 3, 0 }
	};
	struct ent			 lnk[] = {
		{ "course.yaml", 10, 0 }, { "media/l.png", 11, 1 }
	};
	struct ent			 bad[] = {
		{ "course.yaml", 10, 0 }, { "m01/a b.md", 3, 0 }
	};
	struct ent			 none[] = {
		{ "readme.txt", 10, 0 }
	};
	struct ent			 folder[] = {
		{ "pkg/", 0, 0 }, { "pkg/course.yaml", 10, 0 },
		{ "pkg/m01/a.en.md", 3, 0 }, { "pkg/.hidden", 3, 0 },
		{ "__MACOSX/pkg/._course.yaml", 3, 0 }
	};

	/* One file of a few kilobytes that inflates past the cap. */
	len = mk(a, bomb, 2, &z);
	T_ASSERT(len < 64 * 1024);
	T_ASSERT((m = refused(a, bomb, 2)) != NULL &&
	    strstr(m, "one file") != NULL);
	/* Files each under the cap, together over it. */
	for (i = 0; i < 6; i++) {
		total[i].name = arena_printf(a, "media/f%zu.bin", i);
		total[i].len = STUDIO_ZIP_FILE_MAX;
		total[i].link = 0;
	}
	T_ASSERT((m = refused(a, total, 6)) != NULL &&
	    strstr(m, "together") != NULL);
	many = arena_alloc(a, (STUDIO_ZIP_ENTRIES_MAX + 1) * sizeof(*many));
	for (i = 0; i < STUDIO_ZIP_ENTRIES_MAX + 1; i++) {
		many[i].name = arena_printf(a, "m01/f%zu.md", i);
		many[i].len = 1;
		many[i].link = 0;
	}
	T_ASSERT((m = refused(a, many, STUDIO_ZIP_ENTRIES_MAX + 1)) !=
	    NULL && strstr(m, "more files") != NULL);
	T_ASSERT(refused(a, many, STUDIO_ZIP_ENTRIES_MAX) != NULL &&
	    strstr(refused(a, many, STUDIO_ZIP_ENTRIES_MAX), "course.yaml"));
	T_ASSERT((m = refused(a, trav, 2)) != NULL &&
	    strstr(m, "\"..\"") != NULL);
	T_ASSERT((m = refused(a, abs, 2)) != NULL &&
	    strstr(m, "absolute") != NULL);
	T_ASSERT((m = refused(a, lnk, 2)) != NULL &&
	    strstr(m, "link") != NULL);
	T_ASSERT((m = refused(a, bad, 2)) != NULL &&
	    strstr(m, "letters") != NULL);
	T_ASSERT((m = refused(a, none, 1)) != NULL &&
	    strstr(m, "course.yaml") != NULL);
	T_ASSERT(studio_zip_read(a, "PK\3\4 not really", 15, &f, &p) == -1);
	T_ASSERT(strstr(p.msgid, "not a zip") != NULL);
	T_ASSERT(studio_zip_read(a, "", 0, &f, &p) == -1);
	/* One top folder is dropped; hidden files are passed over. */
	len = mk(a, folder, 5, &z);
	T_ASSERT(studio_zip_read(a, z, len, &f, &p) == 0);
	T_ASSERT(f.n == 2);
	T_ASSERT(pkg_files_get(&f, "course.yaml") != NULL &&
	    pkg_files_get(&f, "m01/a.en.md") != NULL);
	arena_free(a);
}

/* A course's zip imported back stores nothing; others are refused. */
static void
test_round_trip(void)
{
	struct studio_zip_problem	 p;
	struct studio_course		 sc;
	struct form_errors		 fe;
	struct pkg_errors		 errs;
	struct course_row		 before, after;
	struct pkg_files		 f;
	struct buf			 b;
	const char			*slug;
	int				 changed;

	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, dc.a, "");
	dc.user = &author;
	T_ASSERT(studio_create(&dc, &NEW, &fe, &errs) == RES_OK);
	T_ASSERT(studio_open(&dc, "zip-course", STUDIO_OPEN, &sc) == RES_OK);
	memset(&before, 0, sizeof(before));
	T_ASSERT(store_course_by_slug(dc.db, dc.a, "zip-course", &before) ==
	    STORE_OK);
	buf_init(&b);
	T_ASSERT(studio_zip_export(&dc, sc.id, &b) == RES_OK);
	T_ASSERT(studio_zip_import(&dc, b.data, b.len, NULL, &p, &errs,
	    &slug, &changed) == RES_OK);
	T_ASSERT(changed == 0);
	T_STREQ(slug, "zip-course");
	T_ASSERT(studio_zip_import(&dc, b.data, b.len, "zip-course", &p,
	    &errs, &slug, &changed) == RES_OK && changed == 0);
	memset(&after, 0, sizeof(after));
	T_ASSERT(store_course_by_slug(dc.db, dc.a, "zip-course", &after) ==
	    STORE_OK);
	T_ASSERT(after.version == before.version);
	T_STREQ(after.digest, before.digest);
	/* Only for the course it names. */
	T_ASSERT(studio_zip_import(&dc, b.data, b.len, "another", &p, &errs,
	    &slug, &changed) == RES_INVALID);
	T_ASSERT(p.msgid != NULL && strstr(p.msgid, "another course"));
	/* Another author: no download, no upload. */
	dc.user = &stranger;
	T_ASSERT(studio_zip_export(&dc, sc.id, &b) == RES_NOT_FOUND);
	T_ASSERT(studio_zip_import(&dc, b.data, b.len, NULL, &p, &errs,
	    &slug, &changed) == RES_FORBIDDEN);
	/* A changed lesson is a new version. */
	dc.user = &author;
	T_ASSERT(studio_zip_export(&dc, sc.id, &b) == RES_OK);
	T_ASSERT(studio_zip_read(dc.a, b.data, b.len, &f, &p) == 0);
	pkg_files_put(dc.a, &f, "m01/first-steps.en.md", "# New\n", 6,
	    "unused");
	T_ASSERT(studio_zip_write(&f, &b) == 0);
	T_ASSERT(studio_zip_import(&dc, b.data, b.len, NULL, &p, &errs,
	    &slug, &changed) == RES_OK && changed == 1);
	T_ASSERT(store_course_by_slug(dc.db, dc.a, "zip-course", &after) ==
	    STORE_OK && after.version == before.version + 1);
	/* A learner on no team cannot upload it. */
	dc.user = &learner;
	T_ASSERT(studio_zip_import(&dc, b.data, b.len, NULL, &p, &errs,
	    &slug, &changed) == RES_FORBIDDEN);
	buf_free(&b);
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
	T_RUN(test_round_trip);
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
	author.verified = stranger.verified = learner.verified = 1;
	T_RUN(test_write_read);
	T_RUN(test_caps);
	run(0);
	run(1);
	return (t_done());
}
