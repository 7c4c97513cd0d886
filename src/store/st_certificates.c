/*
 * st_certificates.c: SQL for signing keys and certificates (see
 * st_certificates.h). Inserts use ON CONFLICT DO NOTHING so that a
 * collision never aborts the caller's transaction on PostgreSQL.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_certificates.h"
#include "store/st_util.h"
#include "store/store.h"

#define KEY_COLS "id, kid, public_x, secret_seed, active, created_at, " \
	"COALESCE(retired_at, 0)"
#define CERT_COLS "id, slug, user_id, course_slug, course_title, " \
	"description, criteria, learner_name, issued_at, status_index, kid, " \
	"jwt, COALESCE(revoked_at, 0), COALESCE(revoked_reason, '')"

int
store_cert_in_tx(struct db *db)
{
	return (db_in_tx(db));
}

/* KEY_COLS, in order. */
static const struct st_col key_cols[] = {
	ST_COL(struct key_row, id),
	ST_COL(struct key_row, kid),
	ST_COL(struct key_row, public_x),
	ST_COL(struct key_row, secret_seed),
	ST_COL(struct key_row, active),
	ST_COL(struct key_row, created_at),
	ST_COL(struct key_row, retired_at)
};

/* CERT_COLS, in order. */
static const struct st_col cert_cols[] = {
	ST_COL(struct cert_row, id),
	ST_COL(struct cert_row, slug),
	ST_COL(struct cert_row, user_id),
	ST_COL(struct cert_row, course_slug),
	ST_COL(struct cert_row, course_title),
	ST_COL(struct cert_row, description),
	ST_COL(struct cert_row, criteria),
	ST_COL(struct cert_row, learner_name),
	ST_COL(struct cert_row, issued_at),
	ST_COL(struct cert_row, status_index),
	ST_COL(struct cert_row, kid),
	ST_COL(struct cert_row, jwt),
	ST_COL(struct cert_row, revoked_at),
	ST_COL(struct cert_row, revoked_reason)
};

int
store_key_get(struct db *db, struct arena *a, const char *kid,
    struct key_row *r)
{
	/* At most one key is active (signing_keys_one_active). */
	return (ST_ROW_COLS(a, ST_PREP(db, "SELECT " KEY_COLS " FROM"
	    " signing_keys WHERE kid = $1 OR (CAST($1 AS TEXT) IS NULL AND"
	    " active = 1)", st_t(kid)), key_cols, r));
}

int
store_key_list(struct db *db, struct arena *a, struct key_row **rows,
    size_t *n)
{
	return (ST_ROWS_COLS(a, db_prepare(db, "SELECT " KEY_COLS " FROM"
	    " signing_keys ORDER BY id DESC"), key_cols, rows, n));
}

int
store_key_insert(struct db *db, const struct key_row *r, int64_t now)
{
	int	rc;

	rc = st_one(ST_PREP(db, "INSERT INTO signing_keys (kid, public_x,"
	    " secret_seed, active, created_at) VALUES ($1, $2, $3, $4, $5)"
	    " ON CONFLICT DO NOTHING RETURNING id", st_t(r->kid),
	    st_t(r->public_x), st_t(r->secret_seed), st_i(r->active ? 1 : 0),
	    st_i(now)));
	return (rc == STORE_NOT_FOUND ? STORE_DUPLICATE : rc);
}

int
store_key_retire_active(struct db *db, int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE signing_keys SET active = 0,"
	    " retired_at = $1 WHERE active = 1", st_i(now))));
}

int
store_cert_insert(struct db *db, const struct cert_row *r, int64_t *id)
{
	int	rc;

	/* cert_cols from slug to jwt. */
	rc = st_int(st_prep_row(db, "INSERT INTO certificates (slug, user_id,"
	    " course_slug, course_title, description, criteria, learner_name,"
	    " issued_at, status_index, kid, jwt) VALUES ($1, $2, $3, $4, $5,"
	    " $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id",
	    cert_cols + 1, 11, r, NULL, 0), id);
	return (rc == STORE_NOT_FOUND ? STORE_DUPLICATE : rc);
}

int
store_cert_by_slug(struct db *db, struct arena *a, const char *slug,
    struct cert_row *r)
{
	return (ST_ROW_COLS(a, ST_PREP(db, "SELECT " CERT_COLS " FROM"
	    " certificates WHERE slug = $1", st_t(slug)), cert_cols, r));
}

int
store_cert_by_user_course(struct db *db, struct arena *a, int64_t user_id,
    const char *course_slug, struct cert_row *r)
{
	return (ST_ROW_COLS(a, ST_PREP(db, "SELECT " CERT_COLS " FROM"
	    " certificates WHERE user_id = $1 AND course_slug = $2",
	    st_i(user_id), st_t(course_slug)), cert_cols, r));
}

int
store_cert_list_user(struct db *db, struct arena *a, int64_t user_id,
    struct cert_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT " CERT_COLS " FROM"
	    " certificates WHERE user_id = $1 ORDER BY issued_at DESC, id DESC",
	    st_i(user_id)), cert_cols, rows, n));
}

int
store_cert_index_used(struct db *db, int64_t idx, int *used)
{
	struct db_stmt	*s;
	int64_t		 n;
	int		 rc;

	s = ST_PREP(db, "SELECT COUNT(*) FROM certificates"
	    " WHERE status_index = $1", st_i(idx));
	if ((rc = st_int(s, &n)) != STORE_OK)
		return (rc);
	*used = n > 0;
	return (STORE_OK);
}

int
store_cert_revoke(struct db *db, int64_t id, int64_t now,
    const char *reason, int64_t by)
{
	return (st_one(ST_PREP(db, "UPDATE certificates SET revoked_at = $1,"
	    " revoked_reason = $2, revoked_by = $3"
	    " WHERE id = $4 AND revoked_at IS NULL RETURNING id", st_i(now),
	    st_t(reason), st_opt(by), st_i(id))));
}

int
store_cert_revoked_indexes(struct db *db, struct arena *a, int64_t **idx,
    size_t *n)
{
	return (ST_ROWS(a, db_prepare(db, "SELECT status_index FROM"
	    " certificates WHERE revoked_at IS NOT NULL"), st_int_read, idx,
	    n));
}
