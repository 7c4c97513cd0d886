/*
 * st_outbox.c: the mail outbox. Rows are claimed with a lease so that
 * several nodes delivering at once never send a message twice: on
 * PostgreSQL the claim skips rows locked by another claimer (FOR UPDATE
 * SKIP LOCKED); SQLite has one writer at a time, so the UPDATE is atomic.
 * Marking a row sent or failed only touches it while the caller still
 * holds the claim. A row is pending (sent_at and dead_at NULL), sent, or
 * dead (dead_at set: every attempt failed; an administrator may retry).
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"

static int	outbox_count(struct db *, int, int64_t *);

#define CLAIM_WHERE " WHERE id IN (SELECT id FROM outbox WHERE" \
	" sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $2" \
	" AND claimed_until <= $2 ORDER BY id LIMIT $4"
#define CLAIM_RETURNING " RETURNING id, to_addr, subject, body, attempts," \
	" created_at, next_attempt_at, last_error, dead_at"
#define CLAIM_SQLITE "UPDATE outbox SET claimed_by = $1, claimed_until = $3" \
	CLAIM_WHERE ")" CLAIM_RETURNING
#define CLAIM_PG "UPDATE outbox SET claimed_by = $1, claimed_until = $3" \
	CLAIM_WHERE " FOR UPDATE SKIP LOCKED)" CLAIM_RETURNING

#define LIST_COLS "SELECT id, to_addr, subject, '', attempts, created_at," \
	" next_attempt_at, last_error, dead_at FROM outbox"

/* CLAIM_RETURNING or LIST_COLS (whose body is ''), in order, into an
 * outbox_row (a NULL dead_at reads as 0). */
static const struct st_col row_cols[] = {
	ST_COL(struct outbox_row, id),
	ST_COL(struct outbox_row, to_addr),
	ST_COL(struct outbox_row, subject),
	ST_COL(struct outbox_row, body),
	ST_COL(struct outbox_row, attempts),
	ST_COL(struct outbox_row, created_at),
	ST_COL(struct outbox_row, next_attempt_at),
	ST_COL(struct outbox_row, last_error),
	ST_COL(struct outbox_row, dead_at)
};

int
store_outbox_add(struct db *db, const char *to, const char *subject,
    const char *body, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO outbox (to_addr, subject, body,"
	    " created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)",
	    st_t(to), st_t(subject), st_t(body), st_i(now))));
}

int
store_outbox_claim(struct db *db, struct arena *a, const char *claimer,
    int64_t now, int64_t lease, size_t max, struct outbox_row **rows,
    size_t *nrows)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, db_kind(db) == DB_PG ? CLAIM_PG :
	    CLAIM_SQLITE, st_t(claimer), st_i(now), st_i(now + lease),
	    st_i((int64_t)max)), row_cols, rows, nrows));
}

int
store_outbox_sent(struct db *db, int64_t id, const char *claimer,
    int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE outbox SET sent_at = $1,"
	    " attempts = attempts + 1, last_error = '', claimed_until = 0"
	    " WHERE id = $2 AND claimed_by = $3 AND sent_at IS NULL", st_i(now),
	    st_i(id), st_t(claimer))));
}

int
store_outbox_failed(struct db *db, int64_t id, const char *claimer,
    const char *error, int64_t next_attempt_at, int64_t dead_at)
{
	return (st_run(ST_PREP(db, "UPDATE outbox SET attempts = attempts + 1,"
	    " last_error = $1, next_attempt_at = $2, claimed_until = 0,"
	    " claimed_by = NULL, dead_at = $3 WHERE id = $4 AND"
	    " claimed_by = $5 AND sent_at IS NULL", st_t(error),
	    st_i(next_attempt_at), st_opt(dead_at), st_i(id), st_t(claimer))));
}

int
store_outbox_release(struct db *db, const char *claimer)
{
	return (st_run(ST_PREP(db, "UPDATE outbox SET claimed_until = 0,"
	    " claimed_by = NULL WHERE claimed_by = $1 AND sent_at IS NULL",
	    st_t(claimer))));
}

int
store_outbox_retry(struct db *db, int64_t id, int64_t now)
{
	return (st_one(ST_PREP(db, "UPDATE outbox SET dead_at = NULL,"
	    " attempts = 0, next_attempt_at = $1, claimed_until = 0,"
	    " claimed_by = NULL WHERE id = $2 AND sent_at IS NULL AND"
	    " dead_at IS NOT NULL RETURNING id", st_i(now), st_i(id))));
}

int
store_outbox_list(struct db *db, struct arena *a, int dead, int64_t cursor,
    size_t max, struct outbox_row **rows, size_t *nrows, int64_t *total)
{
	struct db_stmt	*s;
	int		 rc;

	*rows = NULL;
	*nrows = 0;
	if ((rc = outbox_count(db, dead, total)) != STORE_OK)
		return (rc);
	/* Dead letters newest first from cursor (outbox_dead), the queue
	 * from its head (outbox_unsent). */
	s = ST_PREP(db, !dead ? LIST_COLS " WHERE sent_at IS NULL"
	    " AND dead_at IS NULL AND id > $2 ORDER BY id LIMIT $1" :
	    cursor >= 0 ? LIST_COLS " WHERE sent_at IS NULL AND dead_at IS"
	    " NOT NULL AND id < $2 ORDER BY id DESC LIMIT $1" : LIST_COLS
	    " WHERE sent_at IS NULL AND dead_at IS NOT NULL AND id > $2"
	    " ORDER BY id LIMIT $1", st_i((int64_t)max),
	    st_i(!dead ? 0 : st_page_key(cursor)));
	return (ST_ROWS_COLS(a, s, row_cols, rows, nrows));
}

int
store_outbox_prune(struct db *db, int64_t before)
{
	return (st_run(ST_PREP(db, "DELETE FROM outbox WHERE sent_at IS NOT"
	    " NULL AND sent_at < $1", st_i(before))));
}

int
store_outbox_pending(struct db *db, int64_t *n)
{
	return (outbox_count(db, 0, n));
}

/* *n: the dead letters (dead), or the rows waiting to be sent. */
static int
outbox_count(struct db *db, int dead, int64_t *n)
{
	return (st_int(db_prepare(db, dead ? "SELECT count(*) FROM outbox"
	    " WHERE sent_at IS NULL AND dead_at IS NOT NULL" : "SELECT"
	    " count(*) FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL"),
	    n));
}
