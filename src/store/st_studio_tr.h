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

/* A translation's record (table course_translations, migration 0026). */
struct tr_row {
	char		*item;		/* lesson id */
	char		*lang;
	char		*source_hash;	/* the source it was made from */
};

/* The records of course_id, at most max, by item and language. */
int	store_tr_list(struct db *, struct arena *, int64_t course_id,
	    size_t max, struct tr_row **rows, size_t *n);
/* Records that item's text in lang was made from source_hash (insert or
 * replace). */
int	store_tr_put(struct db *, int64_t course_id, const char *item,
	    const char *lang, const char *source_hash, int64_t user_id,
	    int64_t now);

#endif
