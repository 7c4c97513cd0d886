/*
 * test_push.c: what PostgreSQL pushes to a worker (st_push.c, migration
 * 0023), on two connections to one database: B listens as a worker
 * does (store_push_start), A is another node. B answers the content
 * version and a session's user without a round trip once it has read
 * them; a commit on A that moves the version, ends the session (sign-out,
 * everywhere), changes the user (role) or deletes the account is seen by
 * B at its very next request; a connection B lost and made again reads
 * the database, never what it kept. PostgreSQL only (skipped without
 * ETHICA_TEST_PG); on SQLite store_push_start is a no-op, checked too.
 *
 * The "next request" of B follows B's server having had the signal of
 * A's commit: A's COMMIT signals the listeners before it returns, and a
 * server sends pending notifications before it tells its client it is
 * ready again. b_next() is that: one trivial statement on B, as the
 * request before it would have been.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_learning.h"
#include "store/store.h"
#include "t.h"
#include "tstore.h"

#define TOKEN_A	"aaaa000000000000000000000000000000000000000000000000000000000001"
#define TOKEN_B	"bbbb000000000000000000000000000000000000000000000000000000000002"

static struct db	*a_db, *b_db;
static int64_t		 ann;	/* the user of both sessions */

/* The request before B's next one (see the top). */
static void
b_next(void)
{
	T_ASSERT(db_exec(b_db, "SELECT 1") == DB_OK);
}

static int
setup(void)
{
	struct user_row	u;

	if ((a_db = tstore_open(1)) == NULL)
		return (-1);
	if ((b_db = tstore_open_other()) == NULL)
		return (-1);
	T_ASSERT(store_push_start(b_db, 0) == STORE_OK);
	memset(&u, 0, sizeof(u));
	u.email = "ann@example.org";
	u.display_name = "Ann";
	u.password_hash = "x";
	u.role = "learner";
	u.language = "";
	u.country = "";
	T_ASSERT(store_user_insert(a_db, &u, 1000, &ann) == STORE_OK);
	T_ASSERT(store_session_insert(a_db, TOKEN_A, ann, 1000, 999999) ==
	    STORE_OK);
	T_ASSERT(store_session_insert(a_db, TOKEN_B, ann, 1000, 999999) ==
	    STORE_OK);
	return (0);
}

static void
teardown(void)
{
	store_close(b_db);
	b_db = NULL;
	tstore_close(a_db);
	a_db = NULL;
}

/* B's session read: its result, the role, and the trips it cost. */
static int
b_session(const char *token, struct arena *ar, const char **role,
    uint64_t *trips, int64_t *version)
{
	struct user_row	u;
	uint64_t	t0;
	int64_t		seen;
	int		rc;

	memset(&u, 0, sizeof(u));
	t0 = store_trips(b_db);
	rc = store_session_user(b_db, ar, token, 2000, 1000, &u, &seen,
	    version);
	*trips = store_trips(b_db) - t0;
	*role = u.role;
	return (rc);
}

static void
test_push_version(void)
{
	int64_t		v1, v2, va;
	uint64_t	t0;

	if (!t_have_pg()) {
		T_SKIP("ETHICA_TEST_PG unset");
		return;
	}
	if (setup() == -1) {
		T_ASSERT(0);
		goto out;
	}
	t0 = store_trips(b_db);
	T_ASSERT(store_content_version(b_db, &v1) == STORE_OK);
	T_ASSERT(store_trips(b_db) - t0 >= 1);	/* and prepares */
	t0 = store_trips(b_db);
	T_ASSERT(store_content_version(b_db, &v2) == STORE_OK);
	T_ASSERT(store_trips(b_db) - t0 == 0);
	T_ASSERT(v1 == v2);
	/* A writes public content: B's next read has the new version. */
	T_ASSERT(db_exec(a_db, "UPDATE content_version SET version ="
	    " version + 1 WHERE id = 1") == DB_OK);
	T_ASSERT(store_content_version(a_db, &va) == STORE_OK);
	T_ASSERT(va == v1 + 1);
	b_next();
	T_ASSERT(store_content_version(b_db, &v2) == STORE_OK);
	T_ASSERT(v2 == va);
	/* A rolled back write tells nothing and changes nothing. */
	T_ASSERT(store_begin(a_db) == STORE_OK);
	T_ASSERT(db_exec(a_db, "UPDATE content_version SET version ="
	    " version + 1 WHERE id = 1") == DB_OK);
	T_ASSERT(store_rollback(a_db) == STORE_OK);
	b_next();
	t0 = store_trips(b_db);
	T_ASSERT(store_content_version(b_db, &v2) == STORE_OK);
	T_ASSERT(store_trips(b_db) - t0 == 0);
	T_ASSERT(v2 == va);
	/* B's own write, in a transaction: inside it B reads the database
	 * (its own write), after the commit the new version. */
	T_ASSERT(store_begin(b_db) == STORE_OK);
	T_ASSERT(db_exec(b_db, "UPDATE content_version SET version ="
	    " version + 1 WHERE id = 1") == DB_OK);
	T_ASSERT(store_content_version(b_db, &v2) == STORE_OK);
	T_ASSERT(v2 == va + 1);
	T_ASSERT(store_commit(b_db) == STORE_OK);
	T_ASSERT(store_content_version(b_db, &v2) == STORE_OK);
	T_ASSERT(v2 == va + 1);
out:
	teardown();
}

static void
test_push_session(void)
{
	struct arena	*ar;
	const char	*role;
	uint64_t	 trips;
	int64_t		 v;

	if (!t_have_pg()) {
		T_SKIP("ETHICA_TEST_PG unset");
		return;
	}
	ar = arena_new();
	if (setup() == -1) {
		T_ASSERT(0);
		goto out;
	}
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips >= 1);	/* the first also prepares */
	T_STREQ(role, "learner");
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	T_STREQ(role, "learner");
	T_ASSERT(b_session(TOKEN_B, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(b_session(TOKEN_B, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	/* A changes the user's role: B's next request has it. */
	T_ASSERT(store_user_set_role(a_db, ann, "chair", 1500) == STORE_OK);
	b_next();
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 1);
	T_STREQ(role, "chair");
	/* A signs session A out: B refuses it at once. */
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	T_ASSERT(store_session_delete(a_db, TOKEN_A) == STORE_OK);
	b_next();
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) ==
	    STORE_NOT_FOUND);
	/* The user's other session: read again (a notification names the
	 * user, not the session), then kept. */
	T_ASSERT(b_session(TOKEN_B, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 1);
	T_ASSERT(b_session(TOKEN_B, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	/* Signed out everywhere on A. */
	T_ASSERT(store_session_delete_user(a_db, ann) == STORE_OK);
	b_next();
	T_ASSERT(b_session(TOKEN_B, ar, &role, &trips, &v) ==
	    STORE_NOT_FOUND);
out:
	teardown();
	arena_free(ar);
}

/* B's server connection ends (a restart, a failover): B makes a new one
 * and trusts nothing it kept, since what was pushed meanwhile is lost. */
static void
test_push_reconnect(void)
{
	struct arena	*ar;
	struct db_stmt	*s;
	const char	*role;
	uint64_t	 trips;
	int64_t		 v, pid;

	if (!t_have_pg()) {
		T_SKIP("ETHICA_TEST_PG unset");
		return;
	}
	ar = arena_new();
	if (setup() == -1) {
		T_ASSERT(0);
		goto out;
	}
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	T_ASSERT((s = db_prepare(b_db, "SELECT pg_backend_pid()")) != NULL);
	T_ASSERT(db_step(s) == DB_ROW);
	pid = db_col_int(s, 0);
	db_reset(s);
	/* Waits (up to 5 s) until B's server process is gone. */
	T_ASSERT((s = db_prepare(a_db, "SELECT pg_terminate_backend($1,"
	    " 5000)")) != NULL);
	db_bind_int(s, 1, pid);
	T_ASSERT(db_step(s) == DB_ROW);
	T_ASSERT(db_col_int(s, 0) == 1);
	db_reset(s);
	/* Told to nobody: B was not connected. */
	T_ASSERT(store_user_set_role(a_db, ann, "admin", 1500) == STORE_OK);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_STREQ(role, "admin");
	/* Listening again on the new connection (its first answers are
	 * read, the epoch being new), then kept. */
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	T_ASSERT(store_user_set_role(a_db, ann, "learner", 1600) == STORE_OK);
	b_next();
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_STREQ(role, "learner");
out:
	teardown();
	arena_free(ar);
}

/* A learner's progress in a course: kept on B, and what A records
 * (enrolment, a lesson done) is on B's next request. */
static void
test_push_learner(void)
{
	struct arena		*ar;
	struct learner_course	 lc;
	const char		*role;
	uint64_t		 trips, t0;
	int64_t			 v;

	if (!t_have_pg()) {
		T_SKIP("ETHICA_TEST_PG unset");
		return;
	}
	ar = arena_new();
	if (setup() == -1) {
		T_ASSERT(0);
		goto out;
	}
	/* The version is known (the session's read brings it). */
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(store_learner_course(b_db, ar, ann, "c1", &lc) == STORE_OK);
	T_ASSERT(!lc.enrolled && lc.ndone == 0);
	t0 = store_trips(b_db);
	T_ASSERT(store_learner_course(b_db, ar, ann, "c1", &lc) == STORE_OK);
	T_ASSERT(store_trips(b_db) - t0 == 0);
	T_ASSERT(store_enrolment_add(a_db, ann, "c1", 1200) == STORE_OK);
	T_ASSERT(store_lesson_done_add(a_db, ann, "c1", "l1", 1200) ==
	    STORE_OK);
	b_next();
	T_ASSERT(store_learner_course(b_db, ar, ann, "c1", &lc) == STORE_OK);
	T_ASSERT(lc.enrolled && lc.ndone == 1);
	if (lc.ndone == 1)
		T_STREQ(lc.done[0], "l1");
	t0 = store_trips(b_db);
	T_ASSERT(store_learner_course(b_db, ar, ann, "c1", &lc) == STORE_OK);
	T_ASSERT(store_trips(b_db) - t0 == 0);
	T_ASSERT(lc.enrolled && lc.ndone == 1);
	if (lc.ndone == 1)
		T_STREQ(lc.done[0], "l1");
	T_STREQ(lc.e.course_slug, "c1");
	T_ASSERT(store_lesson_done_add(a_db, ann, "c1", "l2", 1300) ==
	    STORE_OK);
	b_next();
	T_ASSERT(store_learner_course(b_db, ar, ann, "c1", &lc) == STORE_OK);
	T_ASSERT(lc.ndone == 2);
out:
	teardown();
	arena_free(ar);
}

/* Strict mode: the request's one round trip (a bare sync) is what
 * brings the notifications of every commit that ended before it. */
static void
test_push_strict(void)
{
	struct arena	*ar;
	const char	*role;
	uint64_t	 trips, t0;
	int64_t		 v;

	if (!t_have_pg()) {
		T_SKIP("ETHICA_TEST_PG unset");
		return;
	}
	ar = arena_new();
	if (setup() == -1) {
		T_ASSERT(0);
		goto out;
	}
	T_ASSERT(store_push_start(b_db, 1) == STORE_OK);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	t0 = store_trips(b_db);
	T_ASSERT(store_push_request(b_db) == 1);
	T_ASSERT(store_trips(b_db) - t0 == 1);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	T_ASSERT(store_session_delete(a_db, TOKEN_A) == STORE_OK);
	T_ASSERT(store_push_request(b_db) == 1);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) ==
	    STORE_NOT_FOUND);
	/* Not strict: the request costs nothing, and covers nothing. */
	T_ASSERT(store_push_start(b_db, 0) == STORE_OK);
	t0 = store_trips(b_db);
	T_ASSERT(store_push_request(b_db) == 0);
	T_ASSERT(store_trips(b_db) - t0 == 0);
out:
	teardown();
	arena_free(ar);
}

/* Strict mode, B's server process ended while idle: the sync fails (it
 * covers nothing, and all kept is dropped), and the next read connects
 * again and listens (the connection was left in pipeline mode). */
static void
test_push_sync_ended(void)
{
	struct arena	*ar;
	struct db_stmt	*s;
	const char	*role;
	uint64_t	 trips;
	int64_t		 v, pid;

	if (!t_have_pg()) {
		T_SKIP("ETHICA_TEST_PG unset");
		return;
	}
	ar = arena_new();
	if (setup() == -1) {
		T_ASSERT(0);
		goto out;
	}
	T_ASSERT(store_push_start(b_db, 1) == STORE_OK);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(store_push_request(b_db) == 1);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	T_ASSERT((s = db_prepare(b_db, "SELECT pg_backend_pid()")) != NULL);
	T_ASSERT(db_step(s) == DB_ROW);
	pid = db_col_int(s, 0);
	db_reset(s);
	T_ASSERT((s = db_prepare(a_db, "SELECT pg_terminate_backend($1,"
	    " 5000)")) != NULL);
	db_bind_int(s, 1, pid);
	T_ASSERT(db_step(s) == DB_ROW);
	T_ASSERT(db_col_int(s, 0) == 1);
	db_reset(s);
	T_ASSERT(store_user_set_role(a_db, ann, "admin", 1500) == STORE_OK);
	T_ASSERT(store_push_request(b_db) == 0);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_STREQ(role, "admin");
	T_ASSERT(trips >= 1);
	/* Listening again: a sync works and the session is kept. */
	T_ASSERT(store_push_request(b_db) == 1);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(store_push_request(b_db) == 1);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_ASSERT(trips == 0);
	T_ASSERT(store_user_set_role(a_db, ann, "learner", 1600) == STORE_OK);
	T_ASSERT(store_push_request(b_db) == 1);
	T_ASSERT(b_session(TOKEN_A, ar, &role, &trips, &v) == STORE_OK);
	T_STREQ(role, "learner");
out:
	teardown();
	arena_free(ar);
}

/* SQLite: nothing to listen to; every read asks the file. */
static void
test_push_sqlite(void)
{
	struct db	*db;
	int64_t		 v;
	uint64_t	 t0;

	if ((db = tstore_open(0)) == NULL) {
		T_ASSERT(0);
		return;
	}
	T_ASSERT(store_push_start(db, 0) == STORE_OK);
	T_ASSERT(store_content_version(db, &v) == STORE_OK);
	t0 = store_trips(db);
	T_ASSERT(store_content_version(db, &v) == STORE_OK);
	T_ASSERT(store_trips(db) - t0 == 1);
	tstore_close(db);
}

int
main(void)
{
	T_RUN(test_push_version);
	T_RUN(test_push_session);
	T_RUN(test_push_reconnect);
	T_RUN(test_push_learner);
	T_RUN(test_push_strict);
	T_RUN(test_push_sync_ended);
	T_RUN(test_push_sqlite);
	return (t_done());
}
