/*
 * demo_courses.c: the courses of `ethica demo`: the starter course
 * content/courses/ethics-of-ai, then the small demo-intro course. Each is
 * imported like `ethica course import` (validated, one transaction); an
 * unchanged package stores nothing, so running demo twice changes nothing.
 */
#include <limits.h>
#include <stdio.h>

#include "cli/cli.h"
#include "domain/course.h"
#include "domain/package.h"
#include "lib/mem.h"

int
demo_courses(struct opts *o, struct dctx *dc)
{
	static const char *const slugs[] = { "ethics-of-ai", "demo-intro" };
	struct pkg_errors	 errs;
	char			 dir[PATH_MAX];
	const char		*slug;
	int64_t			 version;
	int			 changed;
	size_t			 i, k;

	for (i = 0; i < sizeof(slugs) / sizeof(slugs[0]); i++) {
		(void)snprintf(dir, sizeof(dir), "%s/content/courses/%s",
		    o->share, slugs[i]);
		pkg_errors_init(&errs, dc->a, arena_printf(dc->a, "%s/", dir));
		if (course_import_dir(dc, dir, 1, &errs, &slug, &version,
		    &changed) != RES_OK) {
			for (k = 0; k < errs.n && k < PKG_MAX_ERRORS; k++)
				fprintf(stderr, "%s\n", errs.msg[k]);
			return (-1);
		}
		printf("demo course %s: version %lld%s\n", slugs[i],
		    (long long)version, changed ? "" : " (unchanged)");
	}
	return (0);
}
