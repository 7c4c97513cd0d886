/*
 * st_studio_tr.h: what the studio's zip download and translations
 * (src/domain/studio_zip.c, studio_translate.c) read and write beside
 * course versions. The rules are the domain's; this only stores.
 */
#ifndef ETHICA_ST_STUDIO_TR_H
#define ETHICA_ST_STUDIO_TR_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

/* The id of the current version of course_id into *version_id;
 * STORE_NOT_FOUND when there is no such course or it has no content,
 * STORE_ERROR. */
int	store_course_current_version(struct db *, int64_t course_id,
	    int64_t *version_id);

#endif
