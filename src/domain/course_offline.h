/*
 * course_offline.h: the offline editions of a course (issue 20.4): where
 * their files are named, which exist (made by `ethica course pack`, kept
 * in the database so every node's course page offers them), and the
 * lessons a learner read offline, brought back online.
 */
#ifndef ETHICA_COURSE_OFFLINE_H
#define ETHICA_COURSE_OFFLINE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/result.h"

struct arena;
struct dctx;

/* At most this many lesson ids are read from one link (a longer list is
 * forged: Kore refuses URLs of 2,000 bytes and more anyway). */
#define OFFLINE_MAX_READ	500

struct course_offline {
	const char	*lang;
	int64_t		 version;	/* of the course it was made from */
	int		 current;	/* that version is the current one */
	int64_t		 bytes;
	int64_t		 made_at;	/* unix seconds */
};

/* The file name of the edition in DATA/offline/: "SLUG.LANG.zip"; NULL
 * when slug or lang holds anything but [a-z0-9-] (lang may have one
 * '-'-joined region, e.g. "zh-hans": letters only). Arena memory. */
const char	*course_offline_file(struct arena *, const char *slug,
		    const char *lang);
/* Records that the edition of slug in lang, made from the current
 * version, is bytes long and was made now. RES_NOT_FOUND, RES_INTERNAL. */
enum result	 course_offline_record(struct dctx *, const char *slug,
		    const char *lang, int64_t bytes);
/* The editions of slug, by language. RES_NOT_FOUND, RES_INTERNAL. */
enum result	 course_offline_list(struct dctx *, const char *slug,
		    struct course_offline **, size_t *n);
/* The edition of slug in lang: RES_OK, or RES_NOT_FOUND when the course
 * has none in lang. */
enum result	 course_offline_get(struct dctx *, const char *slug,
		    const char *lang, struct course_offline *);

struct offline_lesson {
	const char	*key;
	const char	*title;
};

/*
 * The lessons of slug named in ids ("12.13.15": their stable ids, which
 * survive new versions, as the offline edition's link writes them), in
 * course order, titles in lang; unknown ids, other text and repeats are
 * dropped, at most OFFLINE_MAX_READ are read. RES_NOT_FOUND for an
 * unknown course, RES_INTERNAL.
 */
enum result	 course_offline_lessons(struct dctx *, const char *slug,
		    const char *ids, const char *lang,
		    struct offline_lesson **, size_t *n);

#endif
