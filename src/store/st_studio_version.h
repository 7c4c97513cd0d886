/*
 * st_studio_version.h: what the studio's version pages
 * (src/domain/studio_version.c) read of the stored versions of a course
 * (table course_versions, migration 0002): a page of the list, newest
 * first, with who saved each and the note, and one version by number.
 * The files of a version are store_course_files (st_courses.h). The caps
 * and rules are the domain's; this only reads.
 */
#ifndef ETHICA_ST_STUDIO_VERSION_H
#define ETHICA_ST_STUDIO_VERSION_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct version_row {
	int64_t		 id;		/* course_versions.id */
	int64_t		 version;	/* 1, 2, ... within the course */
	int64_t		 created_at;
	int64_t		 created_by;	/* 0: the operator tool */
	char		*author;	/* display name, "" when none */
	char		*note;
	char		*digest;
};

/*
 * The versions of course_id older than before (0: from the newest),
 * newest first, at most max rows. STORE_OK (n may be 0), STORE_ERROR.
 */
int	store_version_list(struct db *, struct arena *, int64_t course_id,
	    int64_t before, size_t max, struct version_row **rows, size_t *n);
/* Version number version of course_id into *row; STORE_NOT_FOUND. */
int	store_version_get(struct db *, struct arena *, int64_t course_id,
	    int64_t version, struct version_row *row);

#endif
