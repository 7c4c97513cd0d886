/*
 * st_outbox.c: the mail outbox. Rows are claimed with a lease so that
 * several nodes delivering at once never send a message twice: on
 * PostgreSQL the claim skips rows locked by another claimer (FOR UPDATE
 * SKIP LOCKED); SQLite has one writer at a time, so the UPDATE is atomic.
 */
#include <stddef.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"

#define CLAIM_SQLITE "UPDATE outbox SET claimed_by = $1, claimed_until = $3" \
	" WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL" \
	" AND next_attempt_at <= $2 AND claimed_until <= $2 ORDER BY id" \
	" LIMIT $4) RETURNING id, to_addr, subject, body, attempts, created_at"
#define CLAIM_PG "UPDATE outbox SET claimed_by = $1, claimed_until = $3" \
	" WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL" \
	" AND next_attempt_at <= $2 AND claimed_until <= $2 ORDER BY id" \
	" LIMIT $4 FOR UPDATE SKIP LOCKED)" \
	" RETURNING id, to_addr, subject, body, attempts, created_at"

int
store_outbox_add(struct db *db, const char *to, const char *subject,
    const char *body, int64_t now)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO outbox (to_addr, subject, body,"
	    " created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)"))
	    == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, to);
	db_bind_text(s, 2, subject);
	db_bind_text(s, 3, body);
	db_bind_int(s, 4, now);
	return (st_run(s));
}

int
store_outbox_claim(struct db *db, struct arena *a, const char *claimer,
    int64_t now, int64_t lease, size_t max, struct outbox_row **rows,
    size_t *nrows)
{
	struct db_stmt		*s;
	struct outbox_row	*r;
	size_t			 n;
	int			 rc;

	s = db_prepare(db, db_kind(db) == DB_PG ? CLAIM_PG : CLAIM_SQLITE);
	if (s == NULL)
		return (STORE_ERROR);
	*rows = arena_alloc(a, sizeof(**rows) * (max > 0 ? max : 1));
	db_bind_text(s, 1, claimer);
	db_bind_int(s, 2, now);
	db_bind_int(s, 3, now + lease);
	db_bind_int(s, 4, (int64_t)max);
	n = 0;
	while ((rc = db_step(s)) == DB_ROW && n < max) {
		r = &(*rows)[n++];
		r->id = db_col_int(s, 0);
		r->to_addr = st_text(a, s, 1);
		r->subject = st_text(a, s, 2);
		r->body = st_text(a, s, 3);
		r->attempts = db_col_int(s, 4);
		r->created_at = db_col_int(s, 5);
	}
	db_reset(s);
	*nrows = n;
	return (rc == DB_DONE || rc == DB_ROW ? STORE_OK : STORE_ERROR);
}

int
store_outbox_sent(struct db *db, int64_t id, int64_t now)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "UPDATE outbox SET sent_at = $1,"
	    " attempts = attempts + 1, last_error = '' WHERE id = $2")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, id);
	return (st_run(s));
}

int
store_outbox_failed(struct db *db, int64_t id, const char *error,
    int64_t next_attempt_at)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "UPDATE outbox SET attempts = attempts + 1,"
	    " last_error = $1, next_attempt_at = $2, claimed_until = 0"
	    " WHERE id = $3")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, error);
	db_bind_int(s, 2, next_attempt_at);
	db_bind_int(s, 3, id);
	return (st_run(s));
}

int
store_outbox_pending(struct db *db, int64_t *n)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "SELECT count(*) FROM outbox WHERE"
	    " sent_at IS NULL")) == NULL)
		return (STORE_ERROR);
	return (st_int(s, n));
}
