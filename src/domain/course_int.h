/*
 * course_int.h: shared by the course_*.c files only: the cache of
 * parsed course versions (course_cache.c), the outline built from it,
 * the function that stores a new version (course_version.c), and the
 * catalog snapshot's reset. Other features use course.h.
 */
#ifndef ETHICA_COURSE_INT_H
#define ETHICA_COURSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/result.h"
#include "web/markdown.h"

struct course_outline;
struct course_row;

/* A piece of a lesson: rendered Markdown, or a ::case[slug] directive. */
struct course_part {
	const struct safe_html	*html;		/* NULL for a directive */
	const char		*slug;		/* the case, or NULL */
};

/*
 * A lesson file rendered once per version: html when it has no case
 * directive, else the parts in order (html NULL); toc covers all.
 */
struct course_render {
	const char		*path;
	const struct safe_html	*html;
	struct md_toc		 toc;
	struct course_part	*parts;
	size_t			 nparts;
};

/* One parsed version, owned by the cache (never by a request). */
struct course_cached {
	struct arena		*a;		/* first: arena_obj_new */
	char			 digest[65];
	struct pkg_files	 files;		/* text files with data */
	struct course_pkg	*pkg;
	struct course_render	*render;	/* malloc'd array */
	size_t			 nrender, caprender;
};

/*
 * The current version of course slug: its row (strings in dc->a) and its
 * parse, borrowed from the course caches (course_cache.c): valid until
 * the content version moves (a write of public content, on any node,
 * seen by this request's next read after its own write) or 16 other
 * versions are parsed. Reads the store only when the cache lacks them.
 * RES_NOT_FOUND, RES_INTERNAL.
 */
enum result	course_get(struct dctx *, const char *slug,
		    struct course_row *, struct course_cached **);
/*
 * course_outline() with what course_get() gives besides (the row and the
 * parse, for a page built on both). The outline is kept per course,
 * version and language (borrowed like course_get's answer), so after the
 * first call it runs no query. RES_NOT_FOUND, RES_INTERNAL.
 */
enum result	course_outline_get(struct dctx *, const char *slug,
		    const char *lang, struct course_outline *,
		    struct course_row *, struct course_cached **);
/*
 * Stores pkg with files as a new version of its course in one
 * transaction, unless it equals the current version (*changed 0).
 * Files whose data is NULL must already have their blob stored.
 */
enum result	course_store_version(struct dctx *, const struct course_pkg *,
		    const struct pkg_files *, const char *note,
		    int64_t *version, int *changed);
/*
 * course_store_version's work inside a transaction the caller began (and
 * ends: commit on RES_OK, roll back on anything else), so that a save
 * and the rows that go with it (the studio's first owner) are one
 * transaction. *course_id is the course's id, new or not.
 */
enum result	course_store_version_in(struct dctx *,
		    const struct course_pkg *, const struct pkg_files *,
		    const char *note, int64_t *version, int *changed,
		    int64_t *course_id);
/*
 * Checks the ::case[slug] directives of the package's lesson files (only
 * the file with path only, when not NULL): each must be well formed and
 * name a published case. Problems go to errs as "file:line: message";
 * returns their number. Reads only.
 */
size_t		course_check_cases(struct dctx *, const struct course_pkg *,
		    const struct pkg_files *, const char *only,
		    struct pkg_errors *);
/* SHA-256 of data in lower-case hex. */
void		course_hash_hex(const void *data, size_t len, char out[65]);
/* Empties the course caches, the catalog's too. */
void		course_cache_clear(void);
/* Frees the catalog snapshot (the next catalog reloads it). */
void		course_catalog_drop(void);

#endif
