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

static void	user_read(struct arena *, struct db_stmt *, struct user_row *);
static int	user_one(struct arena *, struct db_stmt *, struct user_row *);

static void
user_read(struct arena *a, struct db_stmt *s, struct user_row *u)
{
	u->id = db_col_int(s, 0);
	u->email = st_text(a, s, 1);
	u->display_name = st_text(a, s, 2);
	u->password_hash = st_text(a, s, 3);
	u->role = st_text(a, s, 4);
	u->language = st_text(a, s, 5);
	u->country = st_text(a, s, 6);
	u->verified_at = db_col_int(s, 7);
	u->created_at = db_col_int(s, 8);
}

static int
user_one(struct arena *a, struct db_stmt *s, struct user_row *u)
{
	int	rc, ret;

	rc = db_step(s);
	if (rc == DB_ROW) {
		user_read(a, s, u);
		ret = STORE_OK;
	} else {
		ret = rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
	}
	db_reset(s);
	return (ret);
}

int
store_user_by_email(struct db *db, struct arena *a, const char *email,
    struct user_row *u)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "SELECT " USER_COLS
	    " FROM users WHERE email = $1")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, email);
	return (user_one(a, s, u));
}

int
store_user_by_id(struct db *db, struct arena *a, int64_t id,
    struct user_row *u)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "SELECT " USER_COLS
	    " FROM users WHERE id = $1")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, id);
	return (user_one(a, s, u));
}

int
store_user_insert(struct db *db, const struct user_row *u, int64_t now,
    int64_t *id)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "INSERT INTO users (email, display_name,"
	    " password_hash, role, language, country, verified_at,"
	    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6,"
	    " NULLIF($7, 0), $8, $8) RETURNING id")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, u->email);
	db_bind_text(s, 2, u->display_name);
	db_bind_text(s, 3, u->password_hash);
	db_bind_text(s, 4, u->role);
	db_bind_text(s, 5, u->language != NULL ? u->language : "");
	db_bind_text(s, 6, u->country != NULL ? u->country : "");
	db_bind_int(s, 7, u->verified_at);
	db_bind_int(s, 8, now);
	return (st_int(s, id));
}

int
store_user_update_profile(struct db *db, int64_t id, const char *name,
    const char *language, const char *country, int64_t now)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "UPDATE users SET display_name = $1,"
	    " language = $2, country = $3, updated_at = $4 WHERE id = $5"))
	    == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, language);
	db_bind_text(s, 3, country);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, id);
	return (st_run(s));
}

int
store_user_set_password(struct db *db, int64_t id, const char *hash,
    int64_t now)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "UPDATE users SET password_hash = $1,"
	    " updated_at = $2 WHERE id = $3")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, now);
	db_bind_int(s, 3, id);
	return (st_run(s));
}

int
store_user_set_role(struct db *db, int64_t id, const char *role, int64_t now)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "UPDATE users SET role = $1, updated_at = $2"
	    " WHERE id = $3")) == NULL)
		return (STORE_ERROR);
	db_bind_text(s, 1, role);
	db_bind_int(s, 2, now);
	db_bind_int(s, 3, id);
	return (st_run(s));
}

int
store_user_set_verified(struct db *db, int64_t id, int64_t now)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "UPDATE users SET verified_at ="
	    " COALESCE(verified_at, $1), updated_at = $1 WHERE id = $2"))
	    == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, id);
	return (st_run(s));
}

int
store_user_search(struct db *db, struct arena *a, const char *q,
    int64_t cursor, size_t limit, struct user_row **rows, size_t *nrows)
{
	struct db_stmt	*s;
	size_t		 n;
	int		 rc;

	/* Newest first: after a key, the smaller ids; before it, the larger
	 * ones nearest first. One walk down the primary key. */
	if ((s = db_prepare(db, cursor >= 0 ? "SELECT " USER_COLS " FROM"
	    " users WHERE (email LIKE $1 ESCAPE '!' OR lower(display_name)"
	    " LIKE lower($1) ESCAPE '!') AND id < $2 ORDER BY id DESC"
	    " LIMIT $3" : "SELECT " USER_COLS " FROM users WHERE (email LIKE"
	    " $1 ESCAPE '!' OR lower(display_name) LIKE lower($1) ESCAPE '!')"
	    " AND id > $2 ORDER BY id LIMIT $3")) == NULL)
		return (STORE_ERROR);
	*rows = arena_alloc(a, sizeof(**rows) * (limit > 0 ? limit : 1));
	db_bind_text(s, 1, st_like_pattern(a, q));
	db_bind_int(s, 2, cursor > 0 ? cursor : cursor < 0 ? -cursor :
	    INT64_MAX);
	db_bind_int(s, 3, (int64_t)limit);
	n = 0;
	while ((rc = db_step(s)) == DB_ROW && n < limit)
		user_read(a, s, &(*rows)[n++]);
	db_reset(s);
	*nrows = n;
	return (rc == DB_DONE || rc == DB_ROW ? STORE_OK : STORE_ERROR);
}
