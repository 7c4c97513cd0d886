/*
 * course_import.c: `ethica course import DIR` and the admin's upload:
 * reads a package folder (every regular file, hidden names skipped, at
 * most PKG_FILES_MAX files of 64 MB), validates all of it with
 * file:line messages, and hands it to course_store_version (one
 * transaction; nothing written on any error).
 *
 * Never: SQL (store only), Kore headers, a write outside
 * course_store_version.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/package.h"
#include "domain/policy.h"
#include "lib/mem.h"

#define FILE_MAX	(64 * 1024 * 1024)
#define PKG_FILES_MAX	2000

static int	read_tree(struct arena *, const char *, const char *,
		    struct pkg_files *, struct pkg_errors *);
static int	read_file(struct arena *, const char *, char **, size_t *);

static int
read_file(struct arena *a, const char *path, char **data, size_t *len)
{
	struct stat	 sb;
	ssize_t		 r;
	size_t		 off;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) == -1)
		return (-1);
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > FILE_MAX) {
		close(fd);
		return (-1);
	}
	*len = (size_t)sb.st_size;
	*data = arena_alloc(a, *len + 1);
	for (off = 0; off < *len; off += (size_t)r) {
		r = read(fd, *data + off, *len - off);
		if (r <= 0) {
			close(fd);
			return (-1);
		}
	}
	close(fd);
	return (0);
}

/* Reads every regular file under root/rel (hidden names skipped). */
static int
read_tree(struct arena *a, const char *root, const char *rel,
    struct pkg_files *f, struct pkg_errors *errs)
{
	DIR		*d;
	struct dirent	*de;
	char		*dir, *child, *path, *data, hash[65];
	size_t		 len;
	struct stat	 sb;
	int		 ret = 0;

	dir = *rel ? arena_printf(a, "%s/%s", root, rel) : arena_strdup(a,
	    root);
	if ((d = opendir(dir)) == NULL) {
		pkg_error(errs, *rel ? rel : ".", 0, "cannot read the folder: "
		    "%s", strerror(errno));
		return (-1);
	}
	while ((de = readdir(d)) != NULL && ret == 0) {
		if (de->d_name[0] == '.')
			continue;
		child = *rel ? arena_printf(a, "%s/%s", rel, de->d_name) :
		    arena_strdup(a, de->d_name);
		path = arena_printf(a, "%s/%s", root, child);
		if (lstat(path, &sb) == -1)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			ret = read_tree(a, root, child, f, errs);
			continue;
		}
		if (!S_ISREG(sb.st_mode))
			continue;
		if (!pkg_path_ok(child)) {
			pkg_error(errs, child, 0, "file names may only use "
			    "letters, digits, '.', '_' and '-'");
			continue;
		}
		if (f->n >= PKG_FILES_MAX) {
			pkg_error(errs, child, 0, "too many files in the "
			    "package (at most %d)", PKG_FILES_MAX);
			ret = -1;
			break;
		}
		if (read_file(a, path, &data, &len) == -1) {
			pkg_error(errs, child, 0, "cannot read the file (or it "
			    "is larger than 64 MB)");
			continue;
		}
		course_hash_hex(data, len, hash);
		pkg_files_put(a, f, child, data, len, hash);
	}
	closedir(d);
	return (ret);
}

enum result
course_import_dir(struct dctx *dc, const char *dir, int by_cli,
    struct pkg_errors *errs, const char **slug, int64_t *version,
    int *changed)
{
	struct pkg_files	 files;
	struct course_pkg	*pkg;

	memset(&files, 0, sizeof(files));
	if (!by_cli && !policy_can(dc->user, ACT_COURSE_ADMIN))
		return (RES_FORBIDDEN);
	if (read_tree(dc->a, dir, "", &files, errs) == -1 || errs->n > 0)
		return (RES_INVALID);
	if ((pkg = pkg_load(dc->a, &files, errs)) == NULL ||
	    course_check_cases(dc, pkg, &files, NULL, errs) > 0)
		return (RES_INVALID);
	*slug = pkg->slug;
	return (course_store_version(dc, pkg, &files, "import", version,
	    changed));
}
