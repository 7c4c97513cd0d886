/*
 * st_users.c: the users table. Emails are stored lower-cased by the
 * domain; this file never interprets values, it only moves them.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"

#define USER_COLS "id, email, display_name, password_hash, role, language," \
	" country, COALESCE(verified_at, 0), created_at"

static int	user_one(struct db *, struct arena *, const char *,
		    struct st_arg, struct user_row *);

/* USER_COLS into a user_row. */
static const struct st_col user_cols[] = {
	ST_COL(struct user_row, id),
	ST_COL(struct user_row, email),
	ST_COL(struct user_row, display_name),
	ST_COL(struct user_row, password_hash),
	ST_COL(struct user_row, role),
	ST_COL(struct user_row, language),
	ST_COL(struct user_row, country),
	ST_COL(struct user_row, verified_at),
	ST_COL(struct user_row, created_at)
};

/* The user of sql, whose one parameter is key, into u. */
static int
user_one(struct db *db, struct arena *a, const char *sql, struct st_arg key,
    struct user_row *u)
{
	return (ST_ROW_COLS(a, ST_PREP(db, sql, key), user_cols, u));
}

int
store_user_by_email(struct db *db, struct arena *a, const char *email,
    struct user_row *u)
{
	return (user_one(db, a, "SELECT " USER_COLS " FROM users"
	    " WHERE email = $1", st_t(email), u));
}

int
store_user_by_id(struct db *db, struct arena *a, int64_t id,
    struct user_row *u)
{
	return (user_one(db, a, "SELECT " USER_COLS " FROM users"
	    " WHERE id = $1", st_i(id), u));
}

/* What the insert writes: user_cols from email to verified_at, as
 * $1..$7. */
#define USER_WRITTEN	1
#define USER_NWRITTEN	7

int
store_user_insert(struct db *db, const struct user_row *u, int64_t now,
    int64_t *id)
{
	/* No language or country is "", not NULL. */
	return (st_int(ST_PREP_ROW(db, "INSERT INTO users (email, display_name,"
	    " password_hash, role, language, country, verified_at,"
	    " created_at, updated_at) VALUES ($1, $2, $3, $4, COALESCE($5, ''),"
	    " COALESCE($6, ''), NULLIF($7, 0), $8, $8) RETURNING id",
	    user_cols + USER_WRITTEN, USER_NWRITTEN, u, st_i(now)), id));
}

int
store_user_update_profile(struct db *db, int64_t id, const char *name,
    const char *language, const char *country, int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE users SET display_name = $1,"
	    " language = $2, country = $3, updated_at = $4 WHERE id = $5",
	    st_t(name), st_t(language), st_t(country), st_i(now), st_i(id))));
}

int
store_user_set_password(struct db *db, int64_t id, const char *hash,
    int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE users SET password_hash = $1,"
	    " updated_at = $2 WHERE id = $3", st_t(hash), st_i(now),
	    st_i(id))));
}

int
store_user_set_role(struct db *db, int64_t id, const char *role, int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE users SET role = $1, updated_at = $2"
	    " WHERE id = $3", st_t(role), st_i(now), st_i(id))));
}

int
store_user_set_verified(struct db *db, int64_t id, int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE users SET verified_at ="
	    " COALESCE(verified_at, $1), updated_at = $1 WHERE id = $2",
	    st_i(now), st_i(id))));
}

int
store_user_search(struct db *db, struct arena *a, const char *q,
    int64_t cursor, size_t limit, struct user_row **rows, size_t *nrows)
{
	struct db_stmt	*s;

	/* Newest first: after a key, the smaller ids; before it, the larger
	 * ones nearest first. One walk down the primary key. */
	s = ST_PREP(db, cursor >= 0 ? "SELECT " USER_COLS " FROM"
	    " users WHERE (email LIKE $1 ESCAPE '!' OR lower(display_name)"
	    " LIKE lower($1) ESCAPE '!') AND id < $2 ORDER BY id DESC"
	    " LIMIT $3" : "SELECT " USER_COLS " FROM users WHERE (email LIKE"
	    " $1 ESCAPE '!' OR lower(display_name) LIKE lower($1) ESCAPE '!')"
	    " AND id > $2 ORDER BY id LIMIT $3", st_t(st_like_pattern(a, q)),
	    st_i(st_page_key(cursor)),
	    st_i((int64_t)limit));
	return (ST_ROWS_COLS(a, s, user_cols, rows, nrows));
}
