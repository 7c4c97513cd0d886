/*
 * st_calls.c: the SQL of the open call (see st_calls.h): calls, texts,
 * rubric, mail templates, reviewers' expertise, conflicts, assignments.
 * Submissions, files, reviews and discussion are in st_submissions.c.
 * It moves values only; the domain decides who may read or write them.
 */
#include <stddef.h>
#include <string.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_calls.h"
#include "store/st_util.h"

#define CALL_COLS "c.id, c.default_lang, c.opens_at, c.closes_at," \
	" c.blind_mode, c.reviewers_per_case, c.public_fields," \
	" COALESCE(t.title, d.title, ''), COALESCE(t.description," \
	" d.description, ''), c.created_at FROM calls c" \
	" LEFT JOIN call_texts t ON t.call_id = c.id AND t.lang = $1" \
	" LEFT JOIN call_texts d ON d.call_id = c.id AND" \
	" d.lang = c.default_lang"

/* A user u with their expertise e (EXPERTISE, after users u in the
 * FROM): person_cols up to languages; each query adds status, reason and
 * load. */
#define PERSON_COLS "u.id, u.email, u.display_name, u.country, u.language," \
	" COALESCE(e.organisation, ''), COALESCE(e.principles, '')," \
	" COALESCE(e.regions, ''), COALESCE(e.languages, '')"
#define EXPERTISE " LEFT JOIN reviewer_expertise e ON e.user_id = u.id"

/* Two text columns (0 and 1). */
struct two_texts {
	char	*first;
	char	*second;
};

static int	crit_write(struct db *, const char *, int64_t, int64_t,
		    const struct crit_row *);
static int	call_headline_one(struct db *, struct arena *, const char *,
		    int64_t, const char *, struct call_row *);

static const struct st_col call_cols[] = {
	ST_COL(struct call_row, id),
	ST_COL(struct call_row, default_lang),
	ST_COL(struct call_row, opens_at),
	ST_COL(struct call_row, closes_at),
	ST_COL(struct call_row, blind_mode),
	ST_COL(struct call_row, reviewers_per_case),
	ST_COL(struct call_row, public_fields),
	ST_COL(struct call_row, title),
	ST_COL(struct call_row, description),
	ST_COL(struct call_row, created_at)
};

static const struct st_col two_cols[] = {
	ST_COL(struct two_texts, first),
	ST_COL(struct two_texts, second)
};

/* What the insert and the update write: call_cols from default_lang to
 * public_fields, as $1..$6. */
#define CALL_WRITTEN	1
#define CALL_NWRITTEN	6

int
store_call_insert(struct db *db, const struct call_row *c, int64_t now,
    int64_t *id)
{
	if (st_int(ST_PREP_ROW(db, "INSERT INTO calls (default_lang, opens_at,"
	    " closes_at, blind_mode, reviewers_per_case, public_fields,"
	    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)"
	    " RETURNING id", call_cols + CALL_WRITTEN, CALL_NWRITTEN, c,
	    st_i(now)), id) != STORE_OK)
		return (STORE_ERROR);
	/* Its data version (migration 0022), in the caller's transaction. */
	return (st_run(ST_PREP(db, "INSERT INTO call_data_version (call_id,"
	    " version) VALUES ($1, 0)", st_i(*id))));
}

int
store_call_data_version(struct db *db, int64_t call_id, int64_t *version)
{
	return (st_int(ST_PREP(db, "SELECT version FROM call_data_version"
	    " WHERE call_id = $1", st_i(call_id)), version));
}

int
store_call_update(struct db *db, const struct call_row *c, int64_t now)
{
	return (st_run(ST_PREP_ROW(db, "UPDATE calls SET default_lang = $1,"
	    " opens_at = $2, closes_at = $3, blind_mode = $4,"
	    " reviewers_per_case = $5, public_fields = $6, updated_at = $7"
	    " WHERE id = $8", call_cols + CALL_WRITTEN, CALL_NWRITTEN, c,
	    st_i(now), st_i(c->id))));
}

int
store_call_get(struct db *db, struct arena *a, int64_t id, const char *lang,
    struct call_row *c)
{
	return (ST_ROW_COLS(a, ST_PREP(db, "SELECT " CALL_COLS " WHERE c.id ="
	    " $2", st_t(lang), st_i(id)), call_cols, c));
}

int
store_call_list(struct db *db, struct arena *a, const char *lang,
    struct call_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " CALL_COLS " ORDER BY"
	    " c.closes_at DESC, c.id DESC", st_t(lang)), call_cols, rows, n));
}

int
store_call_next_change(struct db *db, int64_t now, int64_t *t)
{
	return (st_int(ST_PREP(db, "SELECT COALESCE(MIN(t), 0) FROM"
	    " (SELECT MIN(opens_at) AS t FROM calls WHERE opens_at > $1"
	    " UNION ALL SELECT MIN(closes_at) FROM calls WHERE"
	    " closes_at > $1) x", st_i(now)), t));
}

int
store_call_headline(struct db *db, struct arena *a, const char *lang,
    int64_t now, struct call_row *c)
{
	int	rc;

	/* Each query walks its index (migration 0009) in order. */
	rc = call_headline_one(db, a, lang, now, "SELECT " CALL_COLS
	    " WHERE c.closes_at > $2 AND c.opens_at <= $2"
	    " ORDER BY c.closes_at, c.id LIMIT 1", c);
	if (rc == STORE_NOT_FOUND)
		rc = call_headline_one(db, a, lang, now, "SELECT "
		    CALL_COLS " WHERE c.opens_at > $2"
		    " ORDER BY c.opens_at, c.id LIMIT 1", c);
	return (rc);
}

static int
call_headline_one(struct db *db, struct arena *a, const char *lang,
    int64_t now, const char *sql, struct call_row *c)
{
	struct db_stmt	*s;

	memset(c, 0, sizeof(*c));
	s = ST_PREP(db, sql, st_t(lang), st_i(now));
	return (ST_ROW_COLS(a, s, call_cols, c));
}

int
store_call_text_set(struct db *db, int64_t call_id, const char *lang,
    const char *title, const char *description)
{
	return (st_run(ST_PREP(db, "INSERT INTO call_texts (call_id, lang,"
	    " title, description) VALUES ($1, $2, $3, $4) ON CONFLICT"
	    " (call_id, lang) DO UPDATE SET title = excluded.title,"
	    " description = excluded.description", st_i(call_id), st_t(lang),
	    st_t(title), st_t(description))));
}

int
store_call_text_get(struct db *db, struct arena *a, int64_t call_id,
    const char *lang, char **title, char **description)
{
	struct db_stmt		*s;
	struct two_texts	 t;
	int			 rc;

	s = ST_PREP(db, "SELECT title, description FROM call_texts"
	    " WHERE call_id = $1 AND lang = $2", st_i(call_id), st_t(lang));
	if ((rc = ST_ROW_COLS(a, s, two_cols, &t)) == STORE_OK) {
		*title = t.first;
		*description = t.second;
	}
	return (rc);
}

/* A criterion's columns, in the order of the SELECT below; the insert
 * and the update write those from name on, as $3..$9. */
static const struct st_col crit_cols[] = {
	ST_COL(struct crit_row, id),
	ST_COL(struct crit_row, position),
	ST_COL(struct crit_row, name),
	ST_COL(struct crit_row, description),
	ST_COL(struct crit_row, anchor[0]),
	ST_COL(struct crit_row, anchor[1]),
	ST_COL(struct crit_row, anchor[2]),
	ST_COL(struct crit_row, anchor[3]),
	ST_COL(struct crit_row, anchor[4])
};
_Static_assert(ST_NITEMS(crit_cols) == 4 + CRIT_NANCHORS,
    "a column per anchor");
#define CRIT_WRITTEN	2
#define CRIT_NWRITTEN	(ST_NITEMS(crit_cols) - CRIT_WRITTEN)

int
store_criteria_list(struct db *db, struct arena *a, int64_t call_id,
    struct crit_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT id, position, name,"
	    " description, anchor1, anchor2, anchor3, anchor4, anchor5 FROM"
	    " call_criteria WHERE call_id = $1 ORDER BY position, id",
	    st_i(call_id)), crit_cols, rows, n));
}

/* Runs sql with $1 the call, $2 key and $3..$9 the fields of c from
 * its name on (crit_cols). */
static int
crit_write(struct db *db, const char *sql, int64_t call_id, int64_t key,
    const struct crit_row *c)
{
	struct db_stmt	*s;

	s = ST_PREP(db, sql, st_i(call_id), st_i(key));
	st_cols_bind(s, 3, crit_cols + CRIT_WRITTEN, CRIT_NWRITTEN, c);
	return (st_run(s));
}

int
store_criterion_insert(struct db *db, int64_t call_id,
    const struct crit_row *c)
{
	return (crit_write(db, "INSERT INTO call_criteria (call_id, position,"
	    " name, description, anchor1, anchor2, anchor3, anchor4, anchor5)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", call_id,
	    c->position, c));
}

int
store_criterion_update(struct db *db, int64_t call_id,
    const struct crit_row *c)
{
	return (crit_write(db, "UPDATE call_criteria SET name = $3,"
	    " description = $4, anchor1 = $5, anchor2 = $6, anchor3 = $7,"
	    " anchor4 = $8, anchor5 = $9 WHERE call_id = $1 AND id = $2",
	    call_id, c->id, c));
}

int
store_criterion_delete(struct db *db, int64_t call_id, int64_t id)
{
	return (st_run(ST_PREP(db, "DELETE FROM call_criteria WHERE id = $1"
	    " AND call_id = $2", st_i(id), st_i(call_id))));
}

int
store_mail_tmpl_get(struct db *db, struct arena *a, int64_t call_id,
    const char *lang, const char *decision, char **subject, char **body)
{
	struct db_stmt		*s;
	struct two_texts	 t;
	int			 rc;

	s = ST_PREP(db, "SELECT subject, body FROM"
	    " call_mail_templates WHERE call_id = $1 AND lang = $2 AND"
	    " decision = $3", st_i(call_id), st_t(lang), st_t(decision));
	if ((rc = ST_ROW_COLS(a, s, two_cols, &t)) == STORE_OK) {
		*subject = t.first;
		*body = t.second;
	}
	return (rc);
}

int
store_mail_tmpl_set(struct db *db, int64_t call_id, const char *lang,
    const char *decision, const char *subject, const char *body)
{
	return (st_run(ST_PREP(db, "INSERT INTO call_mail_templates (call_id,"
	    " lang, decision, subject, body) VALUES ($1, $2, $3, $4, $5)"
	    " ON CONFLICT (call_id, lang, decision) DO UPDATE SET"
	    " subject = excluded.subject, body = excluded.body", st_i(call_id),
	    st_t(lang), st_t(decision), st_t(subject), st_t(body))));
}

int
store_call_score_count(struct db *db, int64_t call_id, int64_t *n)
{
	return (st_int(ST_PREP(db, "SELECT COUNT(*) FROM review_scores r"
	    " JOIN call_criteria c ON c.id = r.criterion_id"
	    " WHERE c.call_id = $1", st_i(call_id)), n));
}

/* PERSON_COLS, status, reason, load. */
static const struct st_col person_cols[] = {
	ST_COL(struct person_row, id),
	ST_COL(struct person_row, email),
	ST_COL(struct person_row, display_name),
	ST_COL(struct person_row, country),
	ST_COL(struct person_row, language),
	ST_COL(struct person_row, organisation),
	ST_COL(struct person_row, principles),
	ST_COL(struct person_row, regions),
	ST_COL(struct person_row, languages),
	ST_COL(struct person_row, status),
	ST_COL(struct person_row, reason),
	ST_COL(struct person_row, load)
};

int
store_expertise_get(struct db *db, struct arena *a, int64_t user_id,
    struct person_row *r)
{
	return (ST_ROW_COLS(a, ST_PREP(db, "SELECT " PERSON_COLS ", '', '', 0"
	    " FROM users u" EXPERTISE " WHERE u.id = $1", st_i(user_id)),
	    person_cols, r));
}

int
store_expertise_set(struct db *db, const struct person_row *r, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO reviewer_expertise (user_id,"
	    " organisation, principles, regions, languages, updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id) DO UPDATE"
	    " SET organisation = excluded.organisation, principles ="
	    " excluded.principles, regions = excluded.regions, languages ="
	    " excluded.languages, updated_at = excluded.updated_at",
	    st_i(r->id), st_t(r->organisation), st_t(r->principles),
	    st_t(r->regions), st_t(r->languages), st_i(now))));
}

int
store_reviewers_in_call(struct db *db, struct arena *a, int64_t call_id,
    struct person_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " PERSON_COLS ", '', '',"
	    " (SELECT COUNT(*) FROM assignments x JOIN submissions y ON y.id ="
	    " x.submission_id WHERE x.user_id = u.id AND y.call_id = $1) FROM"
	    " users u" EXPERTISE " WHERE u.role = 'reviewer' AND u.verified_at"
	    " IS NOT NULL ORDER BY u.display_name, u.id", st_i(call_id)),
	    person_cols, rows, n));
}

int
store_conflict_set(struct db *db, int64_t submission_id, int64_t user_id,
    const char *status, const char *reason, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO conflicts (submission_id,"
	    " user_id, status, reason, created_at) VALUES ($1, $2, $3, $4, $5)"
	    " ON CONFLICT (submission_id, user_id) DO UPDATE SET"
	    " status = excluded.status, reason = CASE WHEN excluded.reason"
	    " = '' THEN conflicts.reason ELSE excluded.reason END",
	    st_i(submission_id), st_i(user_id), st_t(status), st_t(reason),
	    st_i(now))));
}

int
store_conflict_propose(struct db *db, int64_t submission_id, int64_t user_id,
    const char *reason, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO conflicts (submission_id,"
	    " user_id, status, reason, created_at) VALUES ($1, $2,"
	    " 'proposed', $3, $4) ON CONFLICT (submission_id, user_id)"
	    " DO NOTHING", st_i(submission_id), st_i(user_id), st_t(reason),
	    st_i(now))));
}

int
store_conflicts_for_submission(struct db *db, struct arena *a, int64_t submission_id,
    struct person_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " PERSON_COLS ", k.status,"
	    " k.reason, 0 FROM conflicts k JOIN users u ON u.id = k.user_id"
	    EXPERTISE " WHERE k.submission_id = $1 ORDER BY u.display_name",
	    st_i(submission_id)), person_cols, rows, n));
}

static const struct st_col pair_cols[] = {
	ST_COL(struct pair_row, submission_id),
	ST_COL(struct pair_row, user_id)
};

/*
 * A user's pairs go through that user's index, not the whole call:
 * CROSS JOIN keeps SQLite's loop order (PostgreSQL plans it freely).
 * Everyone's pairs ($2 = 0) go through the call. $1 is the call, $2 the
 * user. Indexed [conflicts, assignments][one user, everyone].
 */
static const char *const pairs_sql[2][2] = {
	{ "SELECT k.submission_id, k.user_id FROM conflicts k CROSS JOIN"
	  " submissions x WHERE x.id = k.submission_id AND k.user_id = $2"
	  " AND x.call_id = $1 AND k.status <> 'dismissed' ORDER BY 1, 2",
	  "SELECT k.submission_id, k.user_id FROM conflicts k JOIN"
	  " submissions x ON x.id = k.submission_id WHERE x.call_id = $1"
	  " AND ($2 = 0 OR k.user_id = $2) AND k.status <> 'dismissed'"
	  " ORDER BY 1, 2" },
	{ "SELECT k.submission_id, k.user_id FROM assignments k CROSS JOIN"
	  " submissions x WHERE x.id = k.submission_id AND k.user_id = $2"
	  " AND x.call_id = $1 ORDER BY 1, 2",
	  "SELECT k.submission_id, k.user_id FROM assignments k JOIN"
	  " submissions x ON x.id = k.submission_id WHERE x.call_id = $1"
	  " AND ($2 = 0 OR k.user_id = $2) ORDER BY 1, 2" }
};

int
store_call_pairs(struct db *db, struct arena *a, int64_t call_id,
    int64_t user_id, struct pair_row **conf, size_t *nconf,
    struct pair_row **asg, size_t *nasg)
{
	int	all = user_id == 0, rc;

	rc = ST_ROWS_COLS(a, ST_PREP(db, pairs_sql[0][all], st_i(call_id),
	    st_i(user_id)), pair_cols, conf, nconf);
	if (rc != STORE_OK)
		return (rc);
	return (ST_ROWS_COLS(a, ST_PREP(db, pairs_sql[1][all], st_i(call_id),
	    st_i(user_id)), pair_cols, asg, nasg));
}

static const struct st_col declared_cols[] = {
	ST_COL(struct declared_row, submission_id),
	ST_COL(struct declared_row, reason),
	ST_COL(struct declared_row, created_at)
};

int
store_conflicts_declared(struct db *db, struct arena *a, int64_t call_id,
    int64_t user_id, struct declared_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT k.submission_id, k.reason,"
	    " k.created_at FROM conflicts k JOIN submissions x ON x.id ="
	    " k.submission_id WHERE x.call_id = $1 AND k.user_id = $2 AND"
	    " k.status = 'declared' ORDER BY k.created_at, k.submission_id",
	    st_i(call_id), st_i(user_id)), declared_cols, rows, n));
}

int
store_conflict_del(struct db *db, int64_t submission_id, int64_t user_id,
    const char *status)
{
	return (st_run(ST_PREP(db, "DELETE FROM conflicts WHERE submission_id ="
	    " $1 AND user_id = $2 AND status = $3", st_i(submission_id),
	    st_i(user_id), st_t(status))));
}

int
store_assign_add(struct db *db, int64_t submission_id, int64_t user_id, int64_t by,
    int64_t now)
{
	struct db_stmt	*s;

	s = ST_PREP(db, "INSERT INTO assignments (submission_id,"
	    " user_id, assigned_by, created_at) VALUES ($1, $2, $3, $4)",
	    st_i(submission_id), st_i(user_id), st_i(by), st_i(now));
	if (st_run(s) != STORE_OK)
		return (STORE_ERROR);
	return (store_submission_recount(db, submission_id));
}

int
store_assign_del(struct db *db, int64_t submission_id, int64_t user_id)
{
	struct db_stmt	*s;

	s = ST_PREP(db, "DELETE FROM assignments WHERE"
	    " submission_id = $1 AND user_id = $2", st_i(submission_id),
	    st_i(user_id));
	if (st_run(s) != STORE_OK)
		return (STORE_ERROR);
	return (store_submission_recount(db, submission_id));
}

int
store_assign_for_submission(struct db *db, struct arena *a, int64_t submission_id,
    struct person_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " PERSON_COLS ","
	    " COALESCE(r.state, ''), '', 0 FROM assignments k JOIN users u ON"
	    " u.id = k.user_id" EXPERTISE " LEFT JOIN reviews r ON"
	    " r.submission_id = k.submission_id AND r.user_id = k.user_id"
	    " WHERE k.submission_id = $1 ORDER BY k.created_at, u.id",
	    st_i(submission_id)), person_cols, rows, n));
}
