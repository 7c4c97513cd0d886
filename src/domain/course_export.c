/*
 * course_export.c: `ethica course export SLUG DIR`: writes the files of
 * a course's current version back as a package folder, byte for byte
 * what was imported or edited (the blobs are stored by hash).
 *
 * Never: SQL (store only), Kore headers, a write to the store, a path
 * outside DIR (names are checked with pkg_path_ok).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "domain/course.h"
#include "domain/package.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "store/store.h"

static int	write_file(const char *, const char *, const void *, size_t,
		    char *, size_t);

/* Writes data to dir/path, creating the folders of path. */
static int
write_file(const char *dir, const char *path, const void *data, size_t len,
    char *err, size_t errlen)
{
	char	full[4096], *slash;
	FILE	*fp;

	if ((size_t)snprintf(full, sizeof(full), "%s/%s", dir, path) >=
	    sizeof(full)) {
		(void)snprintf(err, errlen, "%s: path too long", path);
		return (-1);
	}
	for (slash = full + strlen(dir) + 1; (slash = strchr(slash, '/')) !=
	    NULL; slash++) {
		*slash = '\0';
		if (mkdir(full, 0755) == -1 && errno != EEXIST) {
			(void)snprintf(err, errlen, "%s: %s", full,
			    strerror(errno));
			return (-1);
		}
		*slash = '/';
	}
	if ((fp = fopen(full, "wb")) == NULL ||
	    (len > 0 && fwrite(data, 1, len, fp) != len) || fclose(fp) != 0) {
		(void)snprintf(err, errlen, "%s: %s", full, strerror(errno));
		return (-1);
	}
	return (0);
}

enum result
course_export_dir(struct dctx *dc, const char *slug, const char *dir,
    char *err, size_t errlen)
{
	struct course_row	 c;
	struct course_file_row	*rows;
	char			*data;
	size_t			 n, i, len;
	int			 rc;

	memset(&c, 0, sizeof(c));
	rc = store_course_by_slug(dc->db, dc->a, slug, &c);
	if (rc == STORE_NOT_FOUND || (rc == STORE_OK && c.version == 0)) {
		(void)snprintf(err, errlen, "no course '%s'", slug);
		return (RES_NOT_FOUND);
	}
	if (rc != STORE_OK || store_course_files(dc->db, dc->a, c.version_id,
	    0, &rows, &n) != STORE_OK) {
		(void)snprintf(err, errlen, "database error");
		return (RES_INTERNAL);
	}
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		(void)snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return (RES_INTERNAL);
	}
	for (i = 0; i < n; i++) {
		if (!pkg_path_ok(rows[i].path))
			continue;
		if (store_course_blob_get(dc->db, dc->a, rows[i].hash, &data,
		    &len) != STORE_OK) {
			(void)snprintf(err, errlen, "%s: missing blob",
			    rows[i].path);
			return (RES_INTERNAL);
		}
		if (write_file(dir, rows[i].path, data, len, err, errlen) == -1)
			return (RES_INTERNAL);
	}
	return (RES_OK);
}
