/*
 * st_requests.c: the queue of account requests (password reset, sign-up)
 * that the web forms write and a worker timer works off (account.c). A
 * row holds an address someone typed, known or not, and lives until the
 * next tick; it never says whether the address has an account.
 */
#include <stddef.h>

#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"

int
store_request_add(struct db *db, const char *kind, const char *email,
    const char *display_name, const char *password_hash, const char *lang,
    int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO account_requests (kind, email,"
	    " display_name, password_hash, lang, created_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6)", st_t(kind), st_t(email),
	    st_t(display_name), st_t(password_hash), st_t(lang), st_i(now))));
}

int
store_request_take(struct db *db, struct arena *a,
    struct account_request_row *r)
{
	struct db_stmt	*s;
	int		 rc, ret;

	if ((s = db_prepare(db, "DELETE FROM account_requests WHERE id ="
	    " (SELECT min(id) FROM account_requests) RETURNING id, kind,"
	    " email, display_name, password_hash, lang, created_at")) == NULL)
		return (STORE_ERROR);
	rc = db_step(s);
	if (rc == DB_ROW) {
		r->id = db_col_int(s, 0);
		r->kind = st_text(a, s, 1);
		r->email = st_text(a, s, 2);
		r->display_name = st_text(a, s, 3);
		r->password_hash = st_text(a, s, 4);
		r->lang = st_text(a, s, 5);
		r->created_at = db_col_int(s, 6);
		ret = STORE_OK;
		/* Step to the end so that the statement is complete. */
		if (db_step(s) != DB_DONE)
			ret = STORE_ERROR;
	} else {
		ret = rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
	}
	db_reset(s);
	return (ret);
}

int
store_request_count(struct db *db, int64_t *n)
{
	struct db_stmt	*s;

	if ((s = db_prepare(db, "SELECT count(*) FROM account_requests"))
	    == NULL)
		return (STORE_ERROR);
	return (st_int(s, n));
}
