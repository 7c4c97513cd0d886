/*
 * studio_version.h: a course's versions in the studio (issue 16.6): the
 * list of versions, newest first, with who saved each, when, and its
 * note; the diff between any two versions (which files were added,
 * removed or changed, and for text files the line diff of textdiff.h,
 * with unchanged stretches folded); and rolling back, which stores an
 * earlier version's files as a new version ("rolled back to N"), never
 * rewriting history.
 *
 * Who may do what is studio.c's rule table: everyone on the team who may
 * open the course sees the list and the diffs (STUDIO_OPEN); rolling
 * back is an edit of the whole course (STUDIO_OUTLINE). The caps are the
 * constants below, in one place.
 */
#ifndef ETHICA_STUDIO_VERSION_H
#define ETHICA_STUDIO_VERSION_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"
#include "domain/studio.h"

struct form_errors;
struct version_row;

#define STUDIO_VERSIONS_PAGE	20	/* versions on one page of the list */
#define STUDIO_DIFF_FILES_MAX	500	/* files listed in one diff */
#define STUDIO_DIFF_LINES_MAX	4000	/* diff lines shown, all files */
#define STUDIO_DIFF_CONTEXT	3	/* unchanged lines around a change */
/* Bytes of text (both sides) compared line by line for one diff page:
 * the work of a page is bounded, whatever the package's size. */
#define STUDIO_DIFF_BYTES_MAX	(1024 * 1024)

/*
 * A page of course slug's versions (STUDIO_OPEN), newest first, older
 * than before (0: from the newest), at most STUDIO_VERSIONS_PAGE;
 * *older is the before of the next page, 0 when this is the last.
 * RES_NOT_FOUND, RES_FORBIDDEN (studio_open), RES_INTERNAL.
 */
enum result	 studio_versions(struct dctx *, const char *slug,
		    int64_t before, struct studio_course *sc,
		    struct version_row **rows, size_t *n, int64_t *older);

enum studio_change {
	SCHANGE_ADDED = 0,
	SCHANGE_REMOVED,
	SCHANGE_CHANGED
};

/* One line of a file's diff, or (skip > 0) a fold of unchanged lines. */
struct studio_diff_line {
	char		 op;		/* ' ', '-', '+' */
	int64_t		 old_no;	/* 1-based; 0 for an added line */
	int64_t		 new_no;	/* 1-based; 0 for a removed line */
	const char	*text;		/* the line, without '\n' */
	int64_t		 skip;		/* >0: this many unchanged lines */
};

struct studio_diff_file {
	const char		*path;
	enum studio_change	 change;
	int			 text;		/* a text file: lines below */
	int			 too_large;	/* text, but over textdiff's caps */
	int			 coarse;	/* textdiff's edit cap reached */
	int			 skipped;	/* text, not compared: the page's
						   line or byte budget was spent */
	int64_t			 removed, added;
	struct studio_diff_line	*lines;
	size_t			 nlines;
};

struct studio_diff {
	struct version_row	*from;
	struct version_row	*to;
	struct studio_diff_file	*files;
	size_t			 nfiles;
	int			 files_cut;	/* more than the files cap */
	int			 lines_cut;	/* more than the lines cap */
};

/*
 * The diff of course slug from version from to version to (STUDIO_OPEN;
 * any two versions, either order), files by path. RES_NOT_FOUND when
 * either version does not exist; RES_FORBIDDEN, RES_INTERNAL. All in
 * dc->a.
 */
enum result	 studio_version_diff(struct dctx *, const char *slug,
		    int64_t from, int64_t to, struct studio_course *sc,
		    struct studio_diff *diff);

/*
 * Makes version's files the course's newest version, stored as a new
 * version with the note "rolled back to N" and an audit line, in one
 * transaction (STUDIO_OUTLINE). RES_INVALID (fe, field "version") when
 * it is the newest version or the newest already has the same files, or
 * (errs) when its package no longer passes today's checks (a case it
 * embeds was withdrawn); RES_NOT_FOUND, RES_FORBIDDEN, RES_INTERNAL.
 * *made gets the new version's number.
 */
enum result	 studio_rollback(struct dctx *, const char *slug,
		    int64_t version, struct form_errors *,
		    struct pkg_errors *, int64_t *made);

#endif
