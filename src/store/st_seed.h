/*
 * st_seed.h: bulk inserts for `ethica dev seed` (synthetic data for
 * benchmarks): catalog courses cloned from an imported course, learners,
 * enrolments and lesson progress. Every insert is idempotent (the same
 * keys again change nothing), so seeding twice with the same counts adds
 * nothing. Never used by the web server.
 *
 * Return codes and arena rules as in store.h. The caller runs the whole
 * seed in one store_begin()/store_commit(): statements are prepared once
 * and reused, so a row costs one bind and one step.
 */
#ifndef ETHICA_ST_SEED_H
#define ETHICA_ST_SEED_H

#include <stddef.h>
#include <stdint.h>

#include "store/st_courses.h"

struct arena;
struct db;

/* An imported course that seeded courses and progress point at: its
 * course row (level and updated_at not read) and its lesson keys. */
struct seed_template {
	struct course_row	 c;
	char			**lessons;	/* active keys, course order */
	size_t			 nlessons;
};
/*
 * Tunes the connection for one long write transaction (SQLite: a larger
 * page cache; PostgreSQL: nothing). Call before store_begin().
 */
int	store_seed_tune(struct db *);

/*
 * The imported courses (current version set, slug not starting with
 * "seed-"), oldest first, with their active lesson keys. *rows is arena
 * memory; *n may be 0.
 */
int	store_seed_templates(struct db *, struct arena *,
	    struct seed_template **rows, size_t *n);

/*
 * Inserts the catalog course slug as a clone of t (same version, files
 * and lessons, so its pages work) with its own level; an existing slug is
 * kept. *id is the course id either way. Also copies t's active lessons
 * and quizzes (missing ones only).
 */
int	store_seed_course(struct db *, const struct seed_template *t,
	    const char *slug, const char *level, int64_t now, int64_t *id);
/* Adds a title and summary in lang (kept when present). */
int	store_seed_course_text(struct db *, int64_t course_id,
	    const char *lang, const char *title, const char *summary);
/* Catalog tags: store_course_tag_add (st_courses.h), which keeps a tag
 * that is there. */

/*
 * Inserts a verified learner with the given argon2id hash; an existing
 * email is kept. *id is the user id either way.
 */
int	store_seed_user(struct db *, const char *email, const char *name,
	    const char *password_hash, int64_t now, int64_t *id);
/* Enrols the user (kept when present) with last_lesson as last visited. */
int	store_seed_enrolment(struct db *, int64_t user_id, const char *slug,
	    const char *last_lesson, int64_t enrolled_at, int64_t seen_at);
/* Lesson progress: store_lesson_done_add (st_learning.h), which keeps a
 * lesson already done. */

/* A generated submission of `ethica dev seed-submissions`. */
struct seed_sub {
	int64_t		 call_id;
	int64_t		 submitter_id;
	const char	*organisation, *sector, *country, *category, *tags;
	const char	*title, *summary;
	int64_t		 now;
};

/* Adds (or keeps) a user with the reviewer role; *id its id. */
int	store_seed_reviewer(struct db *, const char *email, const char *name,
	    const char *password_hash, int64_t now, int64_t *id);
/* The ids of the call's criteria in rubric order (arena array). */
int	store_seed_criteria(struct db *, struct arena *, int64_t call_id,
	    int64_t **ids, size_t *n);
/* The submitter's case in the call under review (kept when the submitter
 * already has one there); *added 1 when it was inserted. */
int	store_seed_submission(struct db *, const struct seed_sub *,
	    int64_t *id, int *added);
/* Assigns the reviewer and adds a submitted review with n scores (all
 * kept when present). */
int	store_seed_review(struct db *, int64_t submission_id, int64_t user_id,
	    const int64_t *criteria, const int *scores, size_t n, int64_t now);

#endif
