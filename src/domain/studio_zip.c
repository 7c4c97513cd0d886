/*
 * studio_zip.c: a course package as one zip file (studio_zip.h): the
 * reader of uploaded zips with its caps, the writer of the download,
 * and the two studio actions on them (export for the download, import
 * through the same path as `ethica course import`).
 *
 * Never: SQL (store only), Kore headers, a name from a zip used as a
 * path on disk (everything stays in memory), an allocation sized by
 * what a zip claims beyond the caps.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "domain/audit.h"
#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_zip.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "store/st_studio.h"
#include "store/st_studio_tr.h"
#include "store/store.h"

#ifndef N_
#define N_(s)	(s)
#endif

static int	refuse(struct studio_zip_problem *, const char *,
		    const char *);
static int	name_skipped(const char *);
static int	name_check(const char *, struct studio_zip_problem *);
static int	is_link(zip_t *, zip_uint64_t);
static int	entry_read(struct arena *, zip_t *, zip_uint64_t, size_t,
		    char **);
static void	root_strip(struct arena *, struct pkg_files *);
static int	path_cmp(const void *, const void *);

static int
refuse(struct studio_zip_problem *p, const char *msgid, const char *name)
{
	p->msgid = msgid;
	p->name = name != NULL ? name : "";
	return (-1);
}

/* 1 for names the reader passes over: folders, hidden segments, the
 * resource forks macOS adds. */
static int
name_skipped(const char *name)
{
	const char	*s;
	size_t		 n;

	n = strlen(name);
	if (n == 0 || name[n - 1] == '/')
		return (1);
	for (s = name; s != NULL; s = strchr(s, '/')) {
		if (*s == '/')
			s++;
		if ((s[0] == '.' && s[1] != '.') ||
		    strncmp(s, "__MACOSX/", 9) == 0)
			return (1);
	}
	return (0);
}

/* 0 when name may name a package file, else -1 with *p. */
static int
name_check(const char *name, struct studio_zip_problem *p)
{
	const char	*s;

	if (name[0] == '/' || name[0] == '\\' || (name[0] != '\0' &&
	    name[1] == ':'))
		return (refuse(p, N_("The zip holds a file with an absolute "
		    "path; a package only holds paths inside its folder."),
		    name));
	for (s = name; s != NULL; s = strpbrk(s, "/\\")) {
		if (*s == '/' || *s == '\\')
			s++;
		if (s[0] == '.' && s[1] == '.' && (s[2] == '\0' ||
		    s[2] == '/' || s[2] == '\\'))
			return (refuse(p, N_("The zip holds a path with \"..\"; "
			    "a package only holds paths inside its folder."),
			    name));
	}
	return (0);
}

/* 1 when entry i is a symbolic link (Unix mode in its attributes). */
static int
is_link(zip_t *z, zip_uint64_t i)
{
	zip_uint8_t	opsys;
	zip_uint32_t	attr;

	if (zip_file_get_external_attributes(z, i, 0, &opsys, &attr) != 0)
		return (0);
	return (opsys == ZIP_OPSYS_UNIX && ((attr >> 16) & S_IFMT) ==
	    S_IFLNK);
}

/*
 * Inflates entry i, which says it holds size bytes, into an arena buffer
 * of size + 1 (NUL-terminated); -1 when it cannot be read or holds
 * another number of bytes (a zip lying about its sizes).
 */
static int
entry_read(struct arena *a, zip_t *z, zip_uint64_t i, size_t size,
    char **out)
{
	zip_file_t	*f;
	zip_int64_t	 r;
	char		*data, extra;
	size_t		 got = 0;
	int		 ok = 0;

	if ((f = zip_fopen_index(z, i, 0)) == NULL)
		return (-1);
	data = arena_alloc(a, size + 1);
	while (got < size && (r = zip_fread(f, data + got, size - got)) > 0)
		got += (size_t)r;
	if (got == size && zip_fread(f, &extra, 1) == 0)
		ok = 1;
	(void)zip_fclose(f);
	data[got] = '\0';
	*out = data;
	return (ok ? 0 : -1);
}

/* Drops a top folder every file shares, unless course.yaml is at the
 * root already. */
static void
root_strip(struct arena *a, struct pkg_files *files)
{
	const char	*slash;
	size_t		 i, n;

	if (files->n == 0 || pkg_files_get(files, "course.yaml") != NULL ||
	    (slash = strchr(files->v[0].path, '/')) == NULL)
		return;
	n = (size_t)(slash - files->v[0].path) + 1;
	for (i = 0; i < files->n; i++)
		if (strncmp(files->v[i].path, files->v[0].path, n) != 0)
			return;
	for (i = 0; i < files->n; i++)
		files->v[i].path = arena_strdup(a, files->v[i].path + n);
}

int
studio_zip_read(struct arena *a, const void *data, size_t len,
    struct pkg_files *files, struct studio_zip_problem *p)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*z = NULL;
	zip_stat_t	 st;
	zip_int64_t	 n;
	zip_uint64_t	 i;
	uint64_t	 total = 0;
	char		*body, hash[65];
	const char	*name;
	int		 rc = -1;

	memset(files, 0, sizeof(*files));
	p->msgid = NULL;
	p->name = "";
	if (len > STUDIO_ZIP_UPLOAD_MAX)
		return (refuse(p, N_("The zip is larger than the studio takes."),
		    NULL));
	zip_error_init(&ze);
	if (len == 0 || (src = zip_source_buffer_create(data, len, 0,
	    &ze)) == NULL) {
		zip_error_fini(&ze);
		return (refuse(p, N_("This file is not a zip archive."),
		    NULL));
	}
	if ((z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return (refuse(p, N_("This file is not a zip archive."),
		    NULL));
	}
	zip_error_fini(&ze);
	if ((n = zip_get_num_entries(z, 0)) < 0) {
		(void)refuse(p, N_("This file is not a zip archive."), NULL);
		goto out;
	}
	if (n > STUDIO_ZIP_ENTRIES_MAX) {
		(void)refuse(p, N_("The zip holds more files and folders "
		    "than a package may have."), NULL);
		goto out;
	}
	for (i = 0; i < (zip_uint64_t)n; i++) {
		zip_stat_init(&st);
		if (zip_stat_index(z, i, 0, &st) != 0 ||
		    !(st.valid & ZIP_STAT_NAME) ||
		    !(st.valid & ZIP_STAT_SIZE)) {
			(void)refuse(p, N_("The zip is damaged: an entry "
			    "cannot be read."), NULL);
			goto out;
		}
		name = arena_strdup(a, st.name);
		if (name_check(name, p) == -1)
			goto out;
		if (is_link(z, i)) {
			(void)refuse(p, N_("The zip holds a link; a package "
			    "only holds files."), name);
			goto out;
		}
		if (name_skipped(name))
			continue;
		if (!pkg_path_ok(name)) {
			(void)refuse(p, N_("File names may only use letters, "
			    "digits, '.', '_' and '-'."), name);
			goto out;
		}
		if (st.size > STUDIO_ZIP_FILE_MAX) {
			(void)refuse(p, N_("A file is larger, once unpacked, than "
			    "one file may be."), name);
			goto out;
		}
		total += st.size;
		if (total > STUDIO_ZIP_TOTAL_MAX) {
			(void)refuse(p, N_("The files together are larger, once "
			    "unpacked, than a package may be."), name);
			goto out;
		}
		if (pkg_files_get(files, name) != NULL) {
			(void)refuse(p, N_("The zip holds the same file "
			    "twice."), name);
			goto out;
		}
		if (entry_read(a, z, i, (size_t)st.size, &body) == -1) {
			(void)refuse(p, N_("A file of the zip cannot be read "
			    "(damaged or encrypted)."), name);
			goto out;
		}
		course_hash_hex(body, (size_t)st.size, hash);
		pkg_files_put(a, files, name, body, (size_t)st.size, hash);
	}
	root_strip(a, files);
	if (pkg_files_get(files, "course.yaml") == NULL) {
		(void)refuse(p, N_("The zip holds no course.yaml: is it a "
		    "course package?"), NULL);
		goto out;
	}
	rc = 0;
out:
	zip_discard(z);
	return (rc);
}

static int
path_cmp(const void *x, const void *y)
{
	const struct pkg_file	*a = x, *b = y;

	return (strcmp(a->path, b->path));
}

int
studio_zip_write(const struct pkg_files *files, struct buf *out)
{
	zip_error_t	 ze;
	zip_source_t	*src, *fs;
	zip_t		*z;
	struct pkg_file	*v;
	zip_int64_t	 r;
	zip_stat_t	 st;
	size_t		 i;
	int		 rc = -1;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return (-1);
	}
	zip_error_fini(&ze);
	zip_source_keep(src);
	if ((z = zip_open_from_source(src, ZIP_TRUNCATE, NULL)) == NULL) {
		zip_source_free(src);
		return (-1);
	}
	/* Path order, so that one version gives the same zip. */
	v = calloc(files->n + 1, sizeof(*v));
	if (v == NULL) {
		zip_discard(z);
		zip_source_free(src);
		return (-1);
	}
	memcpy(v, files->v, files->n * sizeof(*v));
	qsort(v, files->n, sizeof(*v), path_cmp);
	for (i = 0; i < files->n; i++) {
		if ((fs = zip_source_buffer(z, v[i].data != NULL ? v[i].data :
		    "", v[i].data != NULL ? v[i].len : 0, 0)) == NULL)
			break;
		if ((r = zip_file_add(z, v[i].path, fs, ZIP_FL_ENC_UTF_8)) <
		    0) {
			zip_source_free(fs);
			break;
		}
		(void)zip_file_set_mtime(z, (zip_uint64_t)r, 0, 0);
	}
	free(v);
	if (i < files->n || zip_close(z) != 0) {
		zip_discard(z);
		zip_source_free(src);
		return (-1);
	}
	buf_reset(out);
	if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    zip_source_open(src) == 0) {
		buf_reserve(out, (size_t)st.size + 1);
		rc = zip_source_read(src, out->data, st.size) ==
		    (zip_int64_t)st.size ? 0 : -1;
		if (rc == 0) {
			out->len = (size_t)st.size;
			out->data[out->len] = '\0';
		}
		(void)zip_source_close(src);
	}
	zip_source_free(src);
	return (rc);
}

enum result
studio_zip_export(struct dctx *dc, int64_t course_id, struct buf *out)
{
	struct course_file_row	*rows;
	struct pkg_files	 files;
	int64_t			 version_id;
	char			*data;
	size_t			 i, n, len;
	int			 rc;

	if (!studio_user_may_uncached(dc, course_id, STUDIO_OPEN))
		return (RES_NOT_FOUND);
	rc = store_course_current_version(dc->db, course_id, &version_id);
	if (rc != STORE_OK)
		return (rc == STORE_NOT_FOUND ? RES_NOT_FOUND : RES_INTERNAL);
	if (store_course_files(dc->db, dc->a, version_id, 0, &rows, &n) !=
	    STORE_OK)
		return (RES_INTERNAL);
	memset(&files, 0, sizeof(files));
	for (i = 0; i < n; i++) {
		if (!pkg_path_ok(rows[i].path))
			continue;
		if (store_course_blob_get(dc->db, dc->a, rows[i].hash, &data,
		    &len) != STORE_OK)
			return (RES_INTERNAL);
		pkg_files_put(dc->a, &files, rows[i].path, data, len,
		    rows[i].hash);
	}
	return (studio_zip_write(&files, out) == 0 ? RES_OK : RES_INTERNAL);
}

enum result
studio_zip_import(struct dctx *dc, const void *data, size_t len,
    const char *only, struct studio_zip_problem *p, struct pkg_errors *errs,
    const char **slug, int *changed)
{
	struct pkg_files	 files;
	struct course_pkg	*pkg;
	struct course_row	 c;
	int64_t			 version, id;
	enum result		 r;
	int			 rc, fresh;

	*slug = NULL;
	*changed = 0;
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if (studio_zip_read(dc->a, data, len, &files, p) == -1)
		return (RES_INVALID);
	if ((pkg = pkg_load(dc->a, &files, errs)) == NULL ||
	    course_check_cases(dc, pkg, &files, NULL, errs) > 0)
		return (RES_INVALID);
	if (only != NULL && strcmp(only, pkg->slug) != 0) {
		(void)refuse(p, N_("This package is of another course: the "
		    "address in its course.yaml differs."), "course.yaml");
		return (RES_INVALID);
	}
	*slug = pkg->slug;
	memset(&c, 0, sizeof(c));
	rc = store_course_by_slug(dc->db, dc->a, pkg->slug, &c);
	if (rc != STORE_OK && rc != STORE_NOT_FOUND)
		return (RES_INTERNAL);
	fresh = rc == STORE_NOT_FOUND || c.version == 0;
	if (fresh ? !studio_may_create(dc->user) :
	    !studio_user_may(dc, c.id, STUDIO_OUTLINE))
		return (RES_FORBIDDEN);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if ((r = course_store_version_in(dc, pkg, &files, "studio zip",
	    &version, changed, &id)) != RES_OK)
		return (dctx_abort(dc, r));
	if (fresh && (store_team_put(dc->db, id, dc->user->id, "owner",
	    dc->now) != STORE_OK || audit_log(dc, 0, "course.team", "course",
	    id, arena_printf(dc->a, "%s owner %lld", pkg->slug,
	    (long long)dc->user->id)) == -1))
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}
