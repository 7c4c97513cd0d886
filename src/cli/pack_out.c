/*
 * pack_out.c: where an offline edition goes (pack.h): the files of one
 * folder written either into a zip file (libzip, deflated) or into a
 * folder on disk. Either is written beside its final name and renamed
 * into place only when complete, so a reader never sees half an edition.
 */
#include <sys/stat.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "cli/pack.h"

static int	mkdirs(const char *dir);
static int	rm_one(const char *, const struct stat *, int, struct FTW *);

int
pack_out_open(struct pack_out *po, const char *path, int as_dir,
    const char *root)
{
	int	err;

	memset(po, 0, sizeof(*po));
	po->as_dir = as_dir;
	if (snprintf(po->root, sizeof(po->root), "%s", root) >=
	    (int)sizeof(po->root))
		return (-1);
	if (snprintf(po->path, sizeof(po->path), "%s", path) >=
	    (int)sizeof(po->path) || snprintf(po->tmp, sizeof(po->tmp),
	    "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof(po->tmp))
		return (-1);
	if (as_dir)
		return (mkdirs(po->tmp));
	if ((po->zip = zip_open(po->tmp, ZIP_CREATE | ZIP_TRUNCATE,
	    &err)) == NULL)
		return (-1);
	return (0);
}

/* Creates dir and its parents (mode 0755); 0, or -1. */
static int
mkdirs(const char *dir)
{
	char	 p[PATH_MAX], *s;

	if (snprintf(p, sizeof(p), "%s", dir) >= (int)sizeof(p))
		return (-1);
	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST)
			return (-1);
		*s = '/';
	}
	if (mkdir(p, 0755) == -1 && errno != EEXIST)
		return (-1);
	return (0);
}

int
pack_out_add(struct pack_out *po, const char *name, const void *data,
    size_t len)
{
	zip_source_t	*src;
	char		 p[PATH_MAX], *slash;
	FILE		*f;
	int		 ok;

	if (po->failed)
		return (-1);
	if (!po->as_dir) {
		/* The data stays in the caller's arena until close. */
		if ((src = zip_source_buffer(po->zip, data, len, 0)) == NULL) {
			po->failed = 1;
			return (-1);
		}
		if (snprintf(p, sizeof(p), "%s/%s", po->root, name) >=
		    (int)sizeof(p)) {
			zip_source_free(src);
			po->failed = 1;
			return (-1);
		}
		if (zip_file_add(po->zip, p, src, ZIP_FL_ENC_UTF_8 |
		    ZIP_FL_OVERWRITE) < 0) {
			zip_source_free(src);
			po->failed = 1;
			return (-1);
		}
		return (0);
	}
	if (snprintf(p, sizeof(p), "%s/%s", po->tmp, name) >= (int)sizeof(p))
		goto fail;
	if ((slash = strrchr(p, '/')) != NULL) {
		*slash = '\0';
		if (mkdirs(p) == -1)
			goto fail;
		*slash = '/';
	}
	if ((f = fopen(p, "wb")) == NULL)
		goto fail;
	ok = fwrite(data, 1, len, f) == len;
	if (fclose(f) != 0 || !ok)
		goto fail;
	return (0);
fail:
	po->failed = 1;
	return (-1);
}

int
pack_out_close(struct pack_out *po, int keep)
{
	char	cmd[PATH_MAX * 2 + 16];

	if (!po->as_dir && po->zip != NULL) {
		if (!keep || po->failed) {
			zip_discard(po->zip);
			po->zip = NULL;
			(void)unlink(po->tmp);
			return (-1);
		}
		if (zip_close(po->zip) == -1) {
			zip_discard(po->zip);
			po->zip = NULL;
			(void)unlink(po->tmp);
			return (-1);
		}
		po->zip = NULL;
		return (rename(po->tmp, po->path) == -1 ? -1 : 0);
	}
	if (keep && !po->failed) {
		/* A folder replaced whole: the old one moves aside first. */
		(void)snprintf(cmd, sizeof(cmd), "%s.old", po->path);
		if (access(po->path, F_OK) == 0 && rename(po->path, cmd) == -1)
			return (-1);
		if (rename(po->tmp, po->path) == -1)
			return (-1);
		po->tmp[0] = '\0';
		return (pack_rmtree(cmd));
	}
	(void)pack_rmtree(po->tmp);
	return (-1);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return (remove(path) == -1 ? -1 : 0);
}

int
pack_rmtree(const char *dir)
{
	if (access(dir, F_OK) == -1)
		return (0);
	return (nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS));
}
