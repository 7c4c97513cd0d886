/*
 * st_submissions.c: the SQL of submissions, their versions and files, and
 * of reviews, scores, the discussion and the audit trail of a call (see
 * st_calls.h). Moves values only.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_calls.h"
#include "store/st_util.h"

#define SUB_SEL "s.id, s.call_id, s.submitter_id, u.display_name, u.email," \
	" u.language, s.state, s.version, s.organisation, s.sector," \
	" s.country, s.category, s.tags, s.title, s.summary, s.ai_system," \
	" s.actions, s.outcomes, s.lessons, s.links, s.language," \
	" s.consent_publish, s.consent_contact, s.collaborators," \
	" s.decision, s.decision_reason, s.submitted_at, s.decided_at," \
	" s.created_at, s.updated_at"
#define SUB_FROM " FROM submissions s JOIN users u ON u.id = s.submitter_id"
#define SUB_COLS SUB_SEL SUB_FROM
/* A listed case (struct submission_listed, listed_cols): only what a row
 * shows and what submission_access() reads, with the counts the row
 * keeps (store_submission_recount()); then the viewer's review state,
 * conflict and assignment. */
#define LISTED_COLS "s.id, s.call_id, s.submitter_id, s.state, s.title," \
	" s.country, s.category, s.decision, s.n_assigned, s.score_sum," \
	" s.score_n"
/* The chair's list, viewer $4. */
#define LISTED_SEL LISTED_COLS ", '', CASE WHEN EXISTS (SELECT 1 FROM" \
	" conflicts c WHERE c.submission_id = s.id AND c.user_id = $4 AND" \
	" c.status <> 'dismissed') THEN 1 ELSE 0 END, CASE WHEN EXISTS" \
	" (SELECT 1 FROM assignments k WHERE k.submission_id = s.id AND" \
	" k.user_id = $4) THEN 1 ELSE 0 END FROM submissions s"
/* A reviewer's assigned cases ($1), with the state of the reviewer's own
 * review; the WHERE goes on with AND. */
#define ASSIGNED_SEL LISTED_COLS ", COALESCE(r.state, ''), CASE WHEN" \
	" EXISTS (SELECT 1 FROM conflicts c WHERE c.submission_id =" \
	" k.submission_id AND c.user_id = k.user_id AND c.status <>" \
	" 'dismissed') THEN 1 ELSE 0 END, 1" \
	" FROM assignments k CROSS JOIN submissions s" \
	" LEFT JOIN reviews r ON r.submission_id = k.submission_id AND" \
	" r.user_id = k.user_id WHERE k.user_id = $1 AND s.id =" \
	" k.submission_id"
/* A review with its author's name. */
#define REVIEW_COLS "r.id, r.submission_id, r.user_id, u.display_name," \
	" r.state, r.to_submitter, r.confidential, r.updated_at," \
	" r.submitted_at FROM reviews r JOIN users u ON u.id = r.user_id"

/* A submission's assignments and its submitted reviews' scores (sum and
 * count), recounted from their rows, for the submission WHERE adds. */
#define RECOUNT "UPDATE submissions SET n_assigned = (SELECT COUNT(*)" \
	" FROM assignments k WHERE k.submission_id = submissions.id)," \
	" score_sum = (SELECT COALESCE(SUM(x.score), 0) FROM reviews r" \
	" JOIN review_scores x ON x.review_id = r.id WHERE r.submission_id =" \
	" submissions.id AND r.state = 'submitted'), score_n = (SELECT" \
	" COUNT(x.score) FROM reviews r JOIN review_scores x ON x.review_id =" \
	" r.id WHERE r.submission_id = submissions.id AND r.state =" \
	" 'submitted') WHERE "

static void	file_read(struct arena *, struct db_stmt *, void *);
static void	file_data_read(struct arena *, struct db_stmt *, void *);

static const struct st_col submission_cols[] = {
	ST_COL(struct submission_row, id),
	ST_COL(struct submission_row, call_id),
	ST_COL(struct submission_row, submitter_id),
	ST_COL(struct submission_row, submitter_name),
	ST_COL(struct submission_row, submitter_email),
	ST_COL(struct submission_row, submitter_lang),
	ST_COL(struct submission_row, state),
	ST_COL(struct submission_row, version),
	ST_COL(struct submission_row, organisation),
	ST_COL(struct submission_row, sector),
	ST_COL(struct submission_row, country),
	ST_COL(struct submission_row, category),
	ST_COL(struct submission_row, tags),
	ST_COL(struct submission_row, title),
	ST_COL(struct submission_row, summary),
	ST_COL(struct submission_row, ai_system),
	ST_COL(struct submission_row, actions),
	ST_COL(struct submission_row, outcomes),
	ST_COL(struct submission_row, lessons),
	ST_COL(struct submission_row, links),
	ST_COL(struct submission_row, language),
	ST_COL(struct submission_row, consent_publish),
	ST_COL(struct submission_row, consent_contact),
	ST_COL(struct submission_row, collaborators),
	ST_COL(struct submission_row, decision),
	ST_COL(struct submission_row, decision_reason),
	ST_COL(struct submission_row, submitted_at),
	ST_COL(struct submission_row, decided_at),
	ST_COL(struct submission_row, created_at),
	ST_COL(struct submission_row, updated_at)
};

/* The content fields a submitter writes: submission_cols from
 * organisation to collaborators, in the order of the parameters $1..$16
 * of the insert and the update. */
#define SUB_CONTENT	8
#define SUB_NCONTENT	16

int
store_sub_insert(struct db *db, const struct submission_row *r, int64_t now,
    int64_t *id)
{
	return (st_int(ST_PREP_ROW(db, "INSERT INTO submissions (organisation,"
	    " sector, country, category, tags, title, summary, ai_system,"
	    " actions, outcomes, lessons, links, language, consent_publish,"
	    " consent_contact, collaborators, call_id, submitter_id, state,"
	    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
	    " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'draft', $19,"
	    " $19) RETURNING id", submission_cols + SUB_CONTENT, SUB_NCONTENT,
	    r, st_i(r->call_id), st_i(r->submitter_id), st_i(now)), id));
}

int
store_sub_update(struct db *db, const struct submission_row *r, int64_t now)
{
	return (st_run(ST_PREP_ROW(db, "UPDATE submissions SET organisation ="
	    " $1, sector = $2, country = $3, category = $4, tags = $5,"
	    " title = $6, summary = $7, ai_system = $8, actions = $9,"
	    " outcomes = $10, lessons = $11, links = $12, language = $13,"
	    " consent_publish = $14, consent_contact = $15,"
	    " collaborators = $16, updated_at = $17 WHERE id = $18",
	    submission_cols + SUB_CONTENT, SUB_NCONTENT, r, st_i(now),
	    st_i(r->id))));
}

int
store_sub_get(struct db *db, struct arena *a, int64_t id, struct submission_row *r)
{
	return (ST_ROW_COLS(a, ST_PREP(db, "SELECT " SUB_COLS " WHERE s.id ="
	    " $1", st_i(id)), submission_cols, r));
}

int
store_sub_set_state(struct db *db, int64_t id, const char *state, int bump,
    int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE submissions SET state = $1,"
	    " version = version + $2, submitted_at = CASE WHEN $2 = 1"
	    " THEN $3 ELSE submitted_at END, updated_at = $3"
	    " WHERE id = $4", st_t(state), st_i(bump ? 1 : 0), st_i(now),
	    st_i(id))));
}

int
store_sub_set_decision(struct db *db, int64_t id, const char *decision,
    const char *reason, int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE submissions SET decision = $1,"
	    " decision_reason = $2, decided_at = $3, updated_at = $3"
	    " WHERE id = $4", st_t(decision), st_t(reason), st_i(now),
	    st_i(id))));
}

int
store_sub_list_call(struct db *db, struct arena *a, int64_t call_id,
    struct submission_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " SUB_COLS " WHERE"
	    " s.call_id = $1 AND s.state <> 'draft' ORDER BY s.id",
	    st_i(call_id)), submission_cols, rows, n));
}

/* LISTED_SEL and ASSIGNED_SEL, in order (the other fields of the
 * submission stay NULL: st_rows hands out zeroed rows). */
static const struct st_col listed_cols[] = {
	ST_COL(struct submission_listed, s.id),
	ST_COL(struct submission_listed, s.call_id),
	ST_COL(struct submission_listed, s.submitter_id),
	ST_COL(struct submission_listed, s.state),
	ST_COL(struct submission_listed, s.title),
	ST_COL(struct submission_listed, s.country),
	ST_COL(struct submission_listed, s.category),
	ST_COL(struct submission_listed, s.decision),
	ST_COL(struct submission_listed, nassigned),
	ST_COL(struct submission_listed, score_sum),
	ST_COL(struct submission_listed, score_n),
	ST_COL(struct submission_listed, review_state),
	ST_COL(struct submission_listed, conflicted),
	ST_COL(struct submission_listed, assigned)
};

int
store_submission_recount(struct db *db, int64_t submission_id)
{
	return (st_run(ST_PREP(db, RECOUNT "id = $1", st_i(submission_id))));
}

int
store_sub_page_call(struct db *db, struct arena *a, int64_t call_id,
    int64_t viewer_id, const char *state, int64_t after, size_t limit,
    struct submission_listed **rows, size_t *n)
{
	static const char *const sql[2][2] = {
		{ "SELECT " LISTED_SEL " WHERE s.call_id = $1 AND"
		  " s.state <> 'draft' AND s.id > $2 ORDER BY s.id LIMIT $3",
		  "SELECT " LISTED_SEL " WHERE s.call_id = $1 AND"
		  " s.state <> 'draft' AND s.id < $2 ORDER BY s.id DESC"
		  " LIMIT $3" },
		{ "SELECT " LISTED_SEL " WHERE s.call_id = $1 AND"
		  " s.state = $5 AND s.state <> 'draft' AND s.id > $2"
		  " ORDER BY s.id LIMIT $3",
		  "SELECT " LISTED_SEL " WHERE s.call_id = $1 AND"
		  " s.state = $5 AND s.state <> 'draft' AND s.id < $2"
		  " ORDER BY s.id DESC LIMIT $3" }
	};
	struct db_stmt	*s;
	int		 st = state != NULL && *state != '\0';

	if ((s = db_prepare(db, sql[st][after < 0])) != NULL) {
		db_bind_int(s, 1, call_id);
		db_bind_int(s, 2, after < 0 ? -after : after);
		db_bind_int(s, 3, (int64_t)limit);
		db_bind_int(s, 4, viewer_id);
		if (st)
			db_bind_text(s, 5, state);
	}
	return (ST_ROWS_COLS(a, s, listed_cols, rows, n));
}

int
store_sub_list_user(struct db *db, struct arena *a, int64_t user_id,
    int64_t cursor, size_t limit, struct submission_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, cursor >= 0 ?
	    "SELECT " SUB_COLS " WHERE s.submitter_id = $1 AND s.id < $2"
	    " ORDER BY s.id DESC LIMIT $3" :
	    "SELECT " SUB_COLS " WHERE s.submitter_id = $1 AND s.id > $2"
	    " ORDER BY s.id LIMIT $3", st_i(user_id),
	    st_i(st_page_key(cursor)), st_i((int64_t)limit)), submission_cols,
	    rows, n));
}

int
store_sub_version_add(struct db *db, int64_t id, int64_t version,
    const char *snapshot, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO submission_versions"
	    " (submission_id, version, snapshot, created_at) VALUES"
	    " ($1, $2, $3, $4)", st_i(id), st_i(version), st_t(snapshot),
	    st_i(now))));
}

static const struct st_col version_cols[] = {
	ST_COL(struct version_row, version),
	ST_COL(struct version_row, snapshot),
	ST_COL(struct version_row, created_at)
};

int
store_sub_versions(struct db *db, struct arena *a, int64_t id,
    struct version_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT version, snapshot,"
	    " created_at FROM submission_versions WHERE submission_id = $1"
	    " ORDER BY version DESC", st_i(id)), version_cols, rows, n));
}

static const struct st_col file_cols[] = {
	ST_COL(struct file_row, id),
	ST_COL(struct file_row, submission_id),
	ST_COL(struct file_row, filename),
	ST_COL(struct file_row, content_type),
	ST_COL(struct file_row, size)
};

static void
file_read(struct arena *a, struct db_stmt *s, void *p)
{
	st_cols_read(a, s, 0, file_cols, ST_NITEMS(file_cols), p);
}

int
store_file_add(struct db *db, int64_t submission_id, const char *name,
    const char *type, const void *data, size_t len, int64_t now, int64_t *id)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO submission_files (submission_id,"
	    " filename, content_type, size, data, created_at) VALUES"
	    " ($1, $2, $3, $4, $5, $6) RETURNING id")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, submission_id);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, type);
	db_bind_int(s, 4, (int64_t)len);
	db_bind_blob(s, 5, data, len);
	db_bind_int(s, 6, now);
	return (st_int(s, id));
}

int
store_file_list(struct db *db, struct arena *a, int64_t submission_id,
    struct file_row **rows, size_t *n)
{
	return (ST_ROWS(a, ST_PREP(db, "SELECT id, submission_id, filename,"
	    " content_type, size FROM submission_files WHERE submission_id = $1"
	    " ORDER BY id", st_i(submission_id)), file_read, rows, n));
}

int
store_file_get(struct db *db, struct arena *a, int64_t submission_id, int64_t id,
    struct file_row *f)
{
	return (st_row(a, ST_PREP(db, "SELECT id, submission_id, filename,"
	    " content_type, size, data FROM submission_files WHERE id = $1 AND"
	    " submission_id = $2", st_i(id), st_i(submission_id)),
	    file_data_read, f));
}

/* file_read, then column 5 (the bytes) into f->data, NUL-terminated. */
static void
file_data_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct file_row	*f = p;
	const void	*d;
	size_t		 len;

	file_read(a, s, f);
	d = db_col_blob(s, 5, &len);
	f->data = arena_alloc(a, len + 1);
	if (len > 0)
		memcpy(f->data, d, len);
	f->size = (int64_t)len;
}

int
store_file_delete(struct db *db, int64_t submission_id, int64_t id)
{
	return (st_run(ST_PREP(db, "DELETE FROM submission_files WHERE id = $1"
	    " AND submission_id = $2", st_i(id), st_i(submission_id))));
}

int
store_assign_for_user(struct db *db, struct arena *a, int64_t user_id,
    int64_t cursor, size_t limit, struct submission_listed **rows, size_t *n)
{
	struct db_stmt	*s;

	/* CROSS JOIN keeps SQLite on assignments_user_sub first. */
	s = ST_PREP(db, cursor >= 0 ? "SELECT " ASSIGNED_SEL
	    " AND k.submission_id < $2 ORDER BY k.submission_id DESC LIMIT $3" :
	    "SELECT " ASSIGNED_SEL " AND k.submission_id > $2"
	    " ORDER BY k.submission_id LIMIT $3", st_i(user_id),
	    st_i(st_page_key(cursor)),
	    st_i((int64_t)limit));
	return (ST_ROWS_COLS(a, s, listed_cols, rows, n));
}

/* REVIEW_COLS, in order. */
static const struct st_col review_cols[] = {
	ST_COL(struct review_row, id),
	ST_COL(struct review_row, submission_id),
	ST_COL(struct review_row, user_id),
	ST_COL(struct review_row, display_name),
	ST_COL(struct review_row, state),
	ST_COL(struct review_row, to_submitter),
	ST_COL(struct review_row, confidential),
	ST_COL(struct review_row, updated_at),
	ST_COL(struct review_row, submitted_at)
};

int
store_review_get(struct db *db, struct arena *a, int64_t submission_id,
    int64_t user_id, struct review_row *r)
{
	return (ST_ROW_COLS(a, ST_PREP(db, "SELECT " REVIEW_COLS " WHERE"
	    " r.submission_id = $1 AND r.user_id = $2", st_i(submission_id),
	    st_i(user_id)), review_cols, r));
}

int
store_review_save(struct db *db, int64_t submission_id, int64_t user_id,
    const char *to_submitter, const char *confidential, int submit,
    int64_t now, int64_t *id)
{
	struct db_stmt	*s;

	s = ST_PREP(db, "INSERT INTO reviews (submission_id, user_id,"
	    " state, to_submitter, confidential, created_at, updated_at,"
	    " submitted_at) VALUES ($1, $2, CASE WHEN $5 = 1 THEN 'submitted'"
	    " ELSE 'draft' END, $3, $4, $6, $6, $6 * CAST($5 AS BIGINT))"
	    " ON CONFLICT (submission_id, user_id) DO UPDATE SET"
	    " to_submitter = excluded.to_submitter, confidential ="
	    " excluded.confidential, updated_at = excluded.updated_at,"
	    " state = CASE WHEN reviews.state = 'submitted' THEN 'submitted'"
	    " ELSE excluded.state END, submitted_at = CASE WHEN"
	    " reviews.submitted_at > 0 THEN reviews.submitted_at ELSE"
	    " excluded.submitted_at END RETURNING id", st_i(submission_id),
	    st_i(user_id), st_t(to_submitter), st_t(confidential),
	    st_i(submit ? 1 : 0), st_i(now));
	if (st_int(s, id) != STORE_OK)
		return (STORE_ERROR);
	return (store_submission_recount(db, submission_id));
}

int
store_reviews_for_submission(struct db *db, struct arena *a, int64_t submission_id,
    struct review_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " REVIEW_COLS " WHERE"
	    " r.submission_id = $1 ORDER BY r.id", st_i(submission_id)),
	    review_cols, rows, n));
}

static const struct st_col score_cols[] = {
	ST_COL(struct score_row, review_id),
	ST_COL(struct score_row, criterion_id),
	ST_COL(struct score_row, score),
	ST_COL(struct score_row, n)
};

int
store_score_set(struct db *db, int64_t review_id, int64_t crit_id,
    int64_t score)
{
	int	rc;

	rc = st_run(score == 0 ? ST_PREP(db, "DELETE FROM review_scores WHERE"
	    " review_id = $1 AND criterion_id = $2", st_i(review_id),
	    st_i(crit_id)) : ST_PREP(db, "INSERT INTO review_scores (review_id,"
	    " criterion_id, score) VALUES ($1, $2, $3) ON CONFLICT"
	    " (review_id, criterion_id) DO UPDATE SET score = excluded.score",
	    st_i(review_id), st_i(crit_id), st_i(score)));
	if (rc != STORE_OK)
		return (rc);
	return (st_run(ST_PREP(db, RECOUNT "id = (SELECT submission_id FROM"
	    " reviews WHERE id = $1)", st_i(review_id))));
}

int
store_scores_for_submission(struct db *db, struct arena *a, int64_t submission_id,
    struct score_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT x.review_id,"
	    " x.criterion_id, x.score, 1 FROM review_scores x JOIN reviews r ON"
	    " r.id = x.review_id WHERE r.submission_id = $1",
	    st_i(submission_id)), score_cols, rows, n));
}

int
store_score_sums_call(struct db *db, struct arena *a, int64_t call_id,
    struct score_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT r.submission_id,"
	    " x.criterion_id, SUM(x.score), COUNT(*) FROM review_scores x JOIN"
	    " reviews r ON r.id = x.review_id JOIN submissions y ON y.id ="
	    " r.submission_id WHERE y.call_id = $1 AND r.state = 'submitted'"
	    " GROUP BY r.submission_id, x.criterion_id ORDER BY"
	    " r.submission_id, x.criterion_id", st_i(call_id)), score_cols,
	    rows, n));
}

static const struct st_col post_cols[] = {
	ST_COL(struct post_row, id),
	ST_COL(struct post_row, user_id),
	ST_COL(struct post_row, display_name),
	ST_COL(struct post_row, body),
	ST_COL(struct post_row, created_at)
};

int
store_post_add(struct db *db, int64_t submission_id, int64_t user_id,
    const char *body, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO discussion (submission_id,"
	    " user_id, body, created_at) VALUES ($1, $2, $3, $4)",
	    st_i(submission_id), st_i(user_id), st_t(body), st_i(now))));
}

int
store_posts_for_submission(struct db *db, struct arena *a, int64_t submission_id,
    struct post_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT d.id, COALESCE(d.user_id,"
	    " 0), COALESCE(u.display_name, ''), d.body, d.created_at FROM"
	    " discussion d LEFT JOIN users u ON u.id = d.user_id WHERE"
	    " d.submission_id = $1 ORDER BY d.id", st_i(submission_id)),
	    post_cols, rows, n));
}

/* The chair's audit of a call ($1) as user $3 may read it: entries about
 * the call, and about its submissions other than drafts, the user's own
 * and those the user has a conflict on (not dismissed). */
#define CALL_AUDIT ST_AUDIT_SEL " WHERE l.call_id = $1 AND" \
	" (l.object_type <> 'submission' OR EXISTS (SELECT 1 FROM" \
	" submissions s WHERE s.id = CAST(l.object_id AS BIGINT) AND s.state <> 'draft' AND" \
	" s.submitter_id <> $3 AND NOT EXISTS (SELECT 1 FROM conflicts k" \
	" WHERE k.submission_id = s.id AND k.user_id = $3 AND k.status <>" \
	" 'dismissed')))"

int
store_call_audit(struct db *db, struct arena *a, int64_t call_id,
    int64_t user_id, int64_t cursor, size_t limit, struct audit_row **rows,
    size_t *n)
{
	return (ST_ROWS(a, ST_PREP(db, cursor >= 0 ?
	    CALL_AUDIT " AND l.id < $2 ORDER BY l.id DESC LIMIT $4" :
	    CALL_AUDIT " AND l.id > $2 ORDER BY l.id LIMIT $4",
	    st_i(call_id), st_i(st_page_key(cursor)),
	    st_i(user_id), st_i((int64_t)limit)), st_audit_read, rows, n));
}

int
store_sub_audit(struct db *db, struct arena *a, int64_t submission_id,
    struct audit_row **rows, size_t *n)
{
	return (ST_ROWS(a, ST_PREP(db, ST_AUDIT_SEL " WHERE l.object_type ="
	    " 'submission' AND l.object_id = $1 ORDER BY l.id DESC",
	    st_t(arena_printf(a, "%lld", (long long)submission_id))),
	    st_audit_read, rows, n));
}
