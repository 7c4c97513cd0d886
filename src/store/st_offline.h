/*
 * st_offline.h: the offline editions of courses (table offline_editions):
 * which language of which course has a zip, made from which version,
 * when, and how large.
 */
#ifndef ETHICA_ST_OFFLINE_H
#define ETHICA_ST_OFFLINE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct offline_row {
	const char	*lang;
	int64_t		 version;
	int64_t		 bytes;
	int64_t		 made_at;
};

/* Records (or replaces) the edition of course_id in lang. STORE_OK or
 * STORE_ERROR. */
int	store_offline_put(struct db *, int64_t course_id, const char *lang,
	    int64_t version, int64_t bytes, int64_t made_at);
/* The editions of course_id by language code, at most max, into *rows
 * (arena; *n of them). STORE_OK or STORE_ERROR. */
int	store_offline_list(struct db *, struct arena *, int64_t course_id,
	    size_t max, struct offline_row **rows, size_t *n);

#endif
