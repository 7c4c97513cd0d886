/*
 * st_seed.c: the SQL of `ethica dev seed` (see st_seed.h): idempotent
 * inserts of synthetic courses, learners, enrolments and lesson progress.
 * It only moves values; cmd_dev.c decides what to generate. Never used by
 * the web server, never deletes anything.
 */
#include <stddef.h>
#include <string.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_calls.h"
#include "store/st_courses.h"
#include "store/st_seed.h"
#include "store/st_util.h"
#include "store/store.h"

static int	seed_account(struct db *, const char *, const char *,
		    const char *, const char *, int64_t, int64_t *);

int
store_seed_tune(struct db *db)
{
	if (db_kind(db) != DB_SQLITE)
		return (STORE_OK);
	/* 256 MiB of page cache: the progress index stays in memory. */
	return (db_exec(db, "PRAGMA cache_size=-262144;"
	    "PRAGMA temp_store=MEMORY;") == DB_OK ? STORE_OK : STORE_ERROR);
}

/* The catalog's courses (store_catalog) but the seeded ones,
 * each with its active lessons' keys (store_course_lessons). */
int
store_seed_templates(struct db *db, struct arena *a,
    struct seed_template **rows, size_t *n)
{
	struct catalog_rows		 cat;
	struct course_row		*c;
	struct course_lesson_row	*l;
	struct seed_template		*t;
	size_t				 nc, nl, i, j;

	*n = 0;
	if (store_catalog(db, a, &cat) != STORE_OK)
		return (STORE_ERROR);
	c = cat.courses;
	nc = cat.ncourses;
	*rows = arena_alloc(a, nc * sizeof(**rows));
	for (i = 0; i < nc; i++) {
		if (strncmp(c[i].slug, "seed-", 5) == 0)
			continue;
		if (store_course_lessons(db, a, c[i].id, &l, &nl) != STORE_OK)
			return (STORE_ERROR);
		t = &(*rows)[(*n)++];
		t->c = c[i];
		t->lessons = arena_alloc(a, nl * sizeof(*t->lessons));
		for (j = 0; j < nl; j++)
			t->lessons[j] = l[j].key;
		t->nlessons = nl;
	}
	return (STORE_OK);
}

int
store_seed_course(struct db *db, const struct seed_template *t,
    const char *slug, const char *level, int64_t now, int64_t *id)
{
	struct db_stmt	*s;

	s = ST_PREP(db, "INSERT INTO courses (slug, version,"
	    " version_id, digest, default_language, languages, level, minutes,"
	    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
	    " $9, $9) ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug"
	    " RETURNING id", st_t(slug), st_i(t->c.version),
	    st_i(t->c.version_id), st_t(t->c.digest),
	    st_t(t->c.default_language), st_t(t->c.languages), st_t(level),
	    st_i(t->c.minutes), st_i(now));
	if (st_int(s, id) != STORE_OK)
		return (STORE_ERROR);
	s = ST_PREP(db, "INSERT INTO course_lessons (course_id,"
	    " lesson_key, module_key, position, required, minutes, active)"
	    " SELECT CAST($1 AS BIGINT), lesson_key, module_key, position,"
	    " required, minutes, 1 FROM course_lessons WHERE course_id = $2"
	    " AND active = 1 ON CONFLICT (course_id, lesson_key) DO NOTHING",
	    st_i(*id), st_i(t->c.id));
	if (st_run(s) != STORE_OK)
		return (STORE_ERROR);
	s = ST_PREP(db, "INSERT INTO course_quizzes (course_id,"
	    " quiz_key, module_key, path, graded, active)"
	    " SELECT CAST($1 AS BIGINT), quiz_key, module_key, path, graded, 1"
	    " FROM course_quizzes WHERE course_id = $2 AND active = 1"
	    " ON CONFLICT (course_id, quiz_key) DO NOTHING", st_i(*id),
	    st_i(t->c.id));
	return (st_run(s));
}

int
store_seed_course_text(struct db *db, int64_t course_id, const char *lang,
    const char *title, const char *summary)
{
	return (st_run(ST_PREP(db, "INSERT INTO course_texts (course_id, lang,"
	    " title, summary) VALUES ($1, $2, $3, $4)"
	    " ON CONFLICT (course_id, lang) DO NOTHING", st_i(course_id),
	    st_t(lang), st_t(title), st_t(summary))));
}

int
store_seed_user(struct db *db, const char *email, const char *name,
    const char *password_hash, int64_t now, int64_t *id)
{
	return (seed_account(db, "learner", email, name, password_hash, now,
	    id));
}

/* A verified account with role; an existing email is kept (its id). */
static int
seed_account(struct db *db, const char *role, const char *email,
    const char *name, const char *password_hash, int64_t now, int64_t *id)
{
	return (st_int(ST_PREP(db, "INSERT INTO users (email, display_name,"
	    " password_hash, role, verified_at, created_at, updated_at)"
	    " VALUES ($1, $2, $3, $5, $4, $4, $4)"
	    " ON CONFLICT (email) DO UPDATE SET email = excluded.email"
	    " RETURNING id", st_t(email), st_t(name), st_t(password_hash),
	    st_i(now), st_t(role)), id));
}

int
store_seed_enrolment(struct db *db, int64_t user_id, const char *slug,
    const char *last_lesson, int64_t enrolled_at, int64_t seen_at)
{
	return (st_run(ST_PREP(db, "INSERT INTO enrolments (user_id,"
	    " course_slug, enrolled_at, last_lesson, last_seen_at) VALUES ($1,"
	    " $2, $3, $4, $5) ON CONFLICT (user_id, course_slug) DO NOTHING",
	    st_i(user_id), st_t(slug), st_i(enrolled_at), st_t(last_lesson),
	    st_i(seen_at))));
}

int
store_seed_reviewer(struct db *db, const char *email, const char *name,
    const char *password_hash, int64_t now, int64_t *id)
{
	return (seed_account(db, "reviewer", email, name, password_hash, now,
	    id));
}

int
store_seed_criteria(struct db *db, struct arena *a, int64_t call_id,
    int64_t **ids, size_t *n)
{
	return (ST_ROWS(a, ST_PREP(db, "SELECT id FROM call_criteria WHERE"
	    " call_id = $1 ORDER BY position, id", st_i(call_id)), st_int_read,
	    ids, n));
}

int
store_seed_submission(struct db *db, const struct seed_sub *in, int64_t *id,
    int *added)
{
	struct db_stmt	*s;
	int		 rc;

	*added = 0;
	s = ST_PREP(db, "SELECT id FROM submissions WHERE"
	    " submitter_id = $1 AND call_id = $2", st_i(in->submitter_id),
	    st_i(in->call_id));
	if ((rc = st_int(s, id)) != STORE_NOT_FOUND)
		return (rc);
	s = ST_PREP(db, "INSERT INTO submissions (call_id,"
	    " submitter_id, state, version, organisation, sector, country,"
	    " category, tags, title, summary, language, consent_publish,"
	    " submitted_at, created_at, updated_at) VALUES ($1, $2,"
	    " 'under_review', 1, $3, $4, $5, $6, $7, $8, $9, 'en', 1, $10,"
	    " $10, $10) RETURNING id", st_i(in->call_id),
	    st_i(in->submitter_id), st_t(in->organisation), st_t(in->sector),
	    st_t(in->country), st_t(in->category), st_t(in->tags),
	    st_t(in->title), st_t(in->summary), st_i(in->now));
	if ((rc = st_int(s, id)) == STORE_OK)
		*added = 1;
	return (rc);
}

int
store_seed_review(struct db *db, int64_t submission_id, int64_t user_id,
    const int64_t *criteria, const int *scores, size_t n, int64_t now)
{
	struct db_stmt	*s;
	int64_t		 rid;
	size_t		 i;
	int		 rc;

	s = ST_PREP(db, "INSERT INTO assignments (submission_id,"
	    " user_id, assigned_by, created_at) VALUES ($1, $2, NULL, $3)"
	    " ON CONFLICT (submission_id, user_id) DO NOTHING",
	    st_i(submission_id), st_i(user_id), st_i(now));
	if ((rc = st_run(s)) != STORE_OK)
		return (rc);
	s = ST_PREP(db, "INSERT INTO reviews (submission_id, user_id,"
	    " state, created_at, updated_at, submitted_at) VALUES ($1, $2,"
	    " 'submitted', $3, $3, $3) ON CONFLICT (submission_id, user_id)"
	    " DO UPDATE SET submission_id = excluded.submission_id"
	    " RETURNING id", st_i(submission_id), st_i(user_id), st_i(now));
	if ((rc = st_int(s, &rid)) != STORE_OK)
		return (rc);
	for (i = 0; i < n; i++) {
		s = ST_PREP(db, "INSERT INTO review_scores (review_id,"
		    " criterion_id, score) VALUES ($1, $2, $3) ON CONFLICT"
		    " (review_id, criterion_id) DO NOTHING", st_i(rid),
		    st_i(criteria[i]), st_i(scores[i]));
		if ((rc = st_run(s)) != STORE_OK)
			return (rc);
	}
	return (store_submission_recount(db, submission_id));
}
