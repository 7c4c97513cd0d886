/*
 * studio_zip.h: a course package as one zip file, for the studio's
 * download and upload (issue 16.7): the same files as `ethica course
 * export SLUG DIR` writes and `ethica course import DIR` reads, at the
 * root of the zip (a zip whose files all sit in one folder is read as
 * if they did not).
 *
 * The reader is a parser of outside input: the caps below bound the
 * entries, each file and the whole of what it inflates (zip bombs), and
 * names must be package paths (no absolute path, no "..", no link).
 * Each refusal is a msgid with the entry's name.
 */
#ifndef ETHICA_STUDIO_ZIP_H
#define ETHICA_STUDIO_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/result.h"

struct arena;
struct buf;

/* The caps, in one place: the upload form says them, Kore's route and
 * the handler ask them. */
#define STUDIO_ZIP_UPLOAD_MB	16	/* the zip file itself */
#define STUDIO_ZIP_UPLOAD_MAX	(STUDIO_ZIP_UPLOAD_MB * 1024 * 1024)
#define STUDIO_ZIP_ENTRIES_MAX	1000	/* entries, folders included */
#define STUDIO_ZIP_FILE_MB	8	/* one file, inflated */
#define STUDIO_ZIP_FILE_MAX	(STUDIO_ZIP_FILE_MB * 1024 * 1024)
#define STUDIO_ZIP_TOTAL_MB	32	/* every file together, inflated */
#define STUDIO_ZIP_TOTAL_MAX	(STUDIO_ZIP_TOTAL_MB * 1024 * 1024)

/* Why a zip was refused: a msgid (the upload page says the caps) and
 * the entry concerned ("" when the zip as a whole). */
struct studio_zip_problem {
	const char	*msgid;
	const char	*name;
};

/*
 * Reads the zip of len bytes at data into files (arena copies, each
 * with its SHA-256). Folders and hidden names (a segment starting with
 * '.', "__MACOSX") are skipped; when no course.yaml is at the root and
 * every file sits in the same top folder, that folder is dropped from
 * the names. Returns 0, or -1 with *p set: not a zip, too many entries,
 * a file or the whole too large once inflated, an absolute name, a ".."
 * segment, a link, a name that is no package path, an entry that cannot
 * be read (encrypted, damaged). Work and memory are bounded by the caps.
 */
int		 studio_zip_read(struct arena *, const void *data, size_t len,
		    struct pkg_files *files, struct studio_zip_problem *p);
/*
 * Writes files (each with its data) as a zip into out, in path order,
 * deflated. 0, or -1 when libzip fails.
 */
int		 studio_zip_write(const struct pkg_files *files,
		    struct buf *out);
/*
 * The zip of the current version of the course with id course_id, for
 * dc->user, into out: RES_NOT_FOUND when there is no such course or the
 * user may not open it in the studio, RES_INTERNAL. Safe on a pool
 * thread (offload_export()): it uses no per-worker cache.
 */
enum result	 studio_zip_export(struct dctx *, int64_t course_id,
		    struct buf *out);
/*
 * Imports an uploaded zip as `ethica course import` does (pkg_load, the
 * package checks, the case check, course_store_version), for dc->user:
 * a new course when its slug is free and the user may create courses
 * (they become its owner), else a new version of a course they may
 * edit the outline of; with only, a new version of course only alone
 * (another slug: RES_INVALID with *p). RES_INVALID with *p (the zip) or errs (the
 * package, "file:line: message"); RES_FORBIDDEN when the user may not
 * (nothing told about a course they cannot open: RES_FORBIDDEN too);
 * RES_INTERNAL. *slug gets the course's slug, *changed 0 when the
 * package equals the current version (nothing stored). One transaction.
 */
enum result	 studio_zip_import(struct dctx *, const void *data,
		    size_t len, const char *only, struct studio_zip_problem *p,
		    struct pkg_errors *errs, const char **slug,
		    int *changed);

#endif
