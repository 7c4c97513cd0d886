/*
 * st_sessions.c: sessions, one-time tokens (email verification, password
 * reset) and login attempts. Only hashes of tokens are ever stored.
 */
#include <stddef.h>

#include "store/db.h"
#include "store/st_push.h"
#include "store/st_util.h"
#include "store/store.h"

static void	session_user_read(struct arena *, struct db_stmt *, void *);

int
store_session_insert(struct db *db, const char *token_hash, int64_t user_id,
    int64_t now, int64_t expires_at)
{
	return (st_run(ST_PREP(db, "INSERT INTO sessions (token_hash, user_id,"
	    " created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3,"
	    " $4)", st_t(token_hash), st_i(user_id), st_i(now),
	    st_i(expires_at))));
}

/* A session's user, its last_seen_at, and the content version read
 * beside them. */
struct session_user {
	struct user_row	*u;
	int64_t		 last_seen;
	int64_t		 expires_at;
	int64_t		 version;
	int		 found;
};

/* Columns: the content version, then the session's user (all NULL when
 * no live session matched: the LEFT JOIN's empty side). */
static void
session_user_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct session_user	*su = p;
	struct user_row		*u = su->u;

	su->version = db_col_int(s, 0);
	if ((su->found = !db_col_isnull(s, 1)) == 0)
		return;
	u->id = db_col_int(s, 1);
	u->email = st_text(a, s, 2);
	u->display_name = st_text(a, s, 3);
	u->password_hash = NULL;
	u->role = st_text(a, s, 4);
	u->language = st_text(a, s, 5);
	u->country = st_text(a, s, 6);
	u->verified_at = db_col_int(s, 7);
	u->created_at = db_col_int(s, 8);
	su->last_seen = db_col_int(s, 9);
	su->expires_at = db_col_int(s, 10);
}

/*
 * One statement for what every signed-in request reads first: the
 * content version (st_content.c) and the session's user, so that a page
 * pays one round trip for both on PostgreSQL. The version's one row
 * (seeded by migration 0018) is always there; the session's side is
 * NULL when the token matches no live session. On the connection the
 * database pushes to (st_push.c) both usually come from memory: no
 * round trip.
 */
int
store_session_user(struct db *db, struct arena *a, const char *token_hash,
    int64_t now, int64_t idle_after, struct user_row *u, int64_t *last_seen,
    int64_t *version)
{
	struct db_stmt		*s;
	struct session_user	 su;
	uint64_t		 mark;
	int			 rc;

	if (st_push_session(db, a, token_hash, now, idle_after, u, last_seen,
	    version, &mark))
		return (STORE_OK);
	if ((s = db_prepare(db, "SELECT v.version, x.id, x.email,"
	    " x.display_name, x.role, x.language, x.country, x.verified_at,"
	    " x.created_at, x.last_seen_at, x.expires_at FROM content_version v"
	    " LEFT JOIN (SELECT u.id, u.email, u.display_name, u.role,"
	    " u.language, u.country, COALESCE(u.verified_at, 0) AS verified_at,"
	    " u.created_at, s.last_seen_at, s.expires_at"
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " WHERE s.token_hash = $1 AND s.expires_at > $2"
	    " AND s.last_seen_at >= $3) x ON 1 = 1 WHERE v.id = 1")) != NULL) {
		db_bind_text_ref(s, 1, token_hash);
		db_bind_int(s, 2, now);
		db_bind_int(s, 3, idle_after);
	}
	su.u = u;
	su.found = 0;
	if ((rc = st_row(a, s, session_user_read, &su)) != STORE_OK)
		return (rc);
	*version = su.version;
	if (!su.found) {
		st_push_version_put(db, mark, su.version);
		return (STORE_NOT_FOUND);
	}
	*last_seen = su.last_seen;
	st_push_session_put(db, mark, token_hash, u, su.last_seen,
	    su.expires_at, su.version);
	return (STORE_OK);
}

int
store_session_touch(struct db *db, const char *token_hash, int64_t now)
{
	int	rc;

	rc = st_run(ST_PREP(db, "UPDATE sessions SET last_seen_at = $1"
	    " WHERE token_hash = $2", st_i(now), st_t(token_hash)));
	if (rc == STORE_OK)
		st_push_session_touch(db, token_hash, now);
	return (rc);
}

int
store_session_delete(struct db *db, const char *token_hash)
{
	return (st_run(ST_PREP(db, "DELETE FROM sessions WHERE token_hash ="
	    " $1", st_t(token_hash))));
}

int
store_session_delete_user(struct db *db, int64_t user_id)
{
	return (st_run(ST_PREP(db, "DELETE FROM sessions WHERE user_id = $1",
	    st_i(user_id))));
}

int
store_session_prune(struct db *db, int64_t now, int64_t idle_before)
{
	return (st_run(ST_PREP(db, "DELETE FROM sessions WHERE expires_at <= $1"
	    " OR last_seen_at < $2", st_i(now), st_i(idle_before))));
}

int
store_token_insert(struct db *db, const char *token_hash, int64_t user_id,
    const char *purpose, int64_t now, int64_t expires_at)
{
	return (st_run(ST_PREP(db, "INSERT INTO user_tokens (token_hash,"
	    " user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3,"
	    " $4, $5)", st_t(token_hash), st_i(user_id), st_t(purpose),
	    st_i(now), st_i(expires_at))));
}

int
store_token_check(struct db *db, const char *token_hash, const char *purpose,
    int64_t now, int64_t *user_id)
{
	return (st_int(ST_PREP(db, "SELECT user_id FROM user_tokens WHERE"
	    " token_hash = $1 AND purpose = $2 AND expires_at > $3"
	    " AND used_at IS NULL", st_t(token_hash), st_t(purpose),
	    st_i(now)), user_id));
}

int
store_token_consume(struct db *db, const char *token_hash,
    const char *purpose, int64_t now, int64_t *user_id)
{
	return (st_int(ST_PREP(db, "UPDATE user_tokens SET used_at = $3"
	    " WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3"
	    " AND used_at IS NULL RETURNING user_id", st_t(token_hash),
	    st_t(purpose), st_i(now)), user_id));
}

int
store_token_revoke_user(struct db *db, int64_t user_id, const char *purpose,
    int64_t now)
{
	return (st_run(ST_PREP(db, "UPDATE user_tokens SET used_at = $3"
	    " WHERE user_id = $1 AND (CAST($2 AS TEXT) = ''"
	    " OR purpose = CAST($2 AS TEXT)) AND used_at IS NULL",
	    st_i(user_id), st_t(purpose), st_i(now))));
}

int
store_attempt_add(struct db *db, const char *kind, const char *subject,
    int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO login_attempts (kind, subject,"
	    " at) VALUES ($1, $2, $3)", st_t(kind), st_t(subject),
	    st_i(now))));
}

int
store_attempt_count(struct db *db, const char *kind, const char *subject,
    int64_t since, int64_t *n)
{
	return (st_int(ST_PREP(db, "SELECT count(*) FROM login_attempts WHERE"
	    " kind = $1 AND subject = $2 AND at >= $3", st_t(kind),
	    st_t(subject), st_i(since)), n));
}

int
store_attempt_clear(struct db *db, const char *kind, const char *subject)
{
	return (st_run(ST_PREP(db, "DELETE FROM login_attempts WHERE kind = $1"
	    " AND subject = $2", st_t(kind), st_t(subject))));
}

int
store_attempt_prune(struct db *db, int64_t before)
{
	return (st_run(ST_PREP(db, "DELETE FROM login_attempts WHERE at < $1",
	    st_i(before))));
}
