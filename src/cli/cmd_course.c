/*
 * cmd_course.c: `ethica course import DIR`, `ethica course export SLUG
 * DIR` and `ethica course pack` (cmd_pack.c). Import validates the whole
 * package first and prints every problem as "file:line: message" on
 * stderr; the database is unchanged unless the package is valid.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/pack.h"
#include "domain/course.h"
#include "domain/package.h"
#include "lib/mem.h"

static int	course_import(struct opts *, const char *);
static int	course_export(struct opts *, const char *, const char *);

static int
course_import(struct opts *o, const char *dir)
{
	struct dctx		 dc;
	struct pkg_errors	 errs;
	const char		*slug = NULL, *prefix;
	int64_t			 version = 0;
	int			 changed = 0, ret = 0;
	enum result		 r;
	size_t			 i;

	if (cli_open(o, &dc) == -1)
		return (1);
	prefix = arena_printf(dc.a, "%s%s", dir, *dir != '\0' &&
	    dir[strlen(dir) - 1] == '/' ? "" : "/");
	pkg_errors_init(&errs, dc.a, prefix);
	r = course_import_dir(&dc, dir, 1, &errs, &slug, &version, &changed);
	for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
		fprintf(stderr, "%s\n", errs.msg[i]);
	if (errs.n > PKG_MAX_ERRORS)
		fprintf(stderr, "... and %zu more problems\n",
		    errs.n - PKG_MAX_ERRORS);
	if (r == RES_INVALID)
		ret = cli_err("%s: %zu problem%s, nothing imported", dir,
		    errs.n, errs.n == 1 ? "" : "s");
	else if (r != RES_OK)
		ret = cli_err("%s: import failed (database error), nothing "
		    "imported", dir);
	else if (changed)
		printf("imported %s as version %lld\n", slug,
		    (long long)version);
	else
		printf("%s is unchanged (version %lld)\n", slug,
		    (long long)version);
	cli_close(&dc);
	return (ret);
}

static int
course_export(struct opts *o, const char *slug, const char *dir)
{
	struct dctx	dc;
	char		err[512];
	int		ret = 0;

	if (cli_open(o, &dc) == -1)
		return (1);
	if (course_export_dir(&dc, slug, dir, err, sizeof(err)) != RES_OK)
		ret = cli_err("export %s: %s", slug, err);
	else
		printf("exported %s to %s\n", slug, dir);
	cli_close(&dc);
	return (ret);
}

int
cmd_course(struct opts *o, int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "import") == 0)
		return (course_import(o, argv[2]));
	if (argc == 4 && strcmp(argv[1], "export") == 0)
		return (course_export(o, argv[2], argv[3]));
	if (argc >= 2 && strcmp(argv[1], "pack") == 0)
		return (course_pack(o, argc - 1, argv + 1));
	(void)cli_err("usage: ethica course import DIR | course export SLUG "
	    "DIR | course pack SLUG --lang LANG [--out FILE.zip | --dir DIR]");
	return (2);
}
