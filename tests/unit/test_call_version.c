/*
 * test_call_version.c: the data version of a call (migration 0022, issue
 * 14.1) on SQLite and, with ETHICA_TEST_PG, on PostgreSQL. Every write
 * that changes what the chair's case list of a call shows moves that
 * call's version, inside its transaction (a rollback does not), seen at
 * once by another connection (a second node): an insert, update and
 * delete of a submitted case, an assignment, a conflict and a review.
 * Drafts, which the list never shows, and other calls' writes leave it.
 * call_cases_version() asks the chair's right and knows no version for a
 * call without one.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/call_chair.h"
#include "domain/dctx.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/db.h"
#include "store/st_calls.h"
#include "store/store.h"
#include "t.h"
#include "tstore.h"

static struct db	*g_db, *g_other;
static int		 g_pg;
static int64_t		 g_call, g_call2, g_user, g_rev, g_sub;

static int64_t
ver(struct db *db, int64_t call)
{
	int64_t	v = -1;

	T_ASSERT(store_call_data_version(db, call, &v) == STORE_OK);
	return (v);
}

static int
run_sql(const char *fmt, long long a, long long b)
{
	char	sql[512];

	(void)snprintf(sql, sizeof(sql), fmt, a, b);
	return (db_exec(g_db, sql) == DB_OK);
}

/* One write: it moves call's version (moves 1) or leaves it, and the
 * other call's always stays; the other connection sees the same. */
static void
check(const char *what, int moves, const char *fmt, long long a,
    long long b)
{
	int64_t	v0, w0;

	v0 = ver(g_db, g_call);
	w0 = ver(g_db, g_call2);
	T_ASSERT(run_sql(fmt, a, b));
	if ((ver(g_db, g_call) != v0) != moves ||
	    (ver(g_other, g_call) != v0) != moves) {
		printf("  %s: the version %s\n", what, moves ? "stayed" :
		    "moved");
		t_cur_failed = 1;
	}
	T_ASSERT(ver(g_db, g_call2) == w0);
}

static int64_t
new_call(void)
{
	struct call_row	r;
	int64_t		id = 0;

	memset(&r, 0, sizeof(r));
	r.default_lang = "en";
	r.opens_at = 1;
	r.closes_at = 2000000000;
	r.blind_mode = "double";
	r.reviewers_per_case = 3;
	r.public_fields = "";
	T_ASSERT(store_begin(g_db) == STORE_OK);
	T_ASSERT(store_call_insert(g_db, &r, 1, &id) == STORE_OK);
	T_ASSERT(store_commit(g_db) == STORE_OK);
	return (id);
}

static int64_t
new_user(const char *email, const char *role)
{
	struct db_stmt	*st;
	int64_t		 id = 0;

	st = db_prepare(g_db, "INSERT INTO users (email, display_name,"
	    " password_hash, role, created_at, updated_at) VALUES ($1, $1,"
	    " 'x', $2, 1, 1) RETURNING id");
	T_ASSERT(st != NULL);
	if (st == NULL)
		return (0);
	db_bind_text(st, 1, email);
	db_bind_text(st, 2, role);
	T_ASSERT(db_step(st) == DB_ROW);
	id = db_col_int(st, 0);
	db_reset(st);
	return (id);
}

static void
test_setup(void)
{
	g_call = new_call();
	g_call2 = new_call();
	g_user = new_user("dv-s@example.org", "learner");
	g_rev = new_user("dv-r@example.org", "reviewer");
	/* A new call has its version. */
	T_ASSERT(ver(g_db, g_call) == 0);
	T_ASSERT(ver(g_db, g_call2) == 0);
}

static void
test_submissions(void)
{
	struct db_stmt	*st;

	/* A draft is not on the list: its writes leave the version. */
	check("draft insert", 0, "INSERT INTO submissions (call_id,"
	    " submitter_id, state, created_at, updated_at) VALUES (%lld,"
	    " %lld, 'draft', 1, 1)", g_call, g_user);
	st = db_prepare(g_db, "SELECT MAX(id) FROM submissions");
	T_ASSERT(st != NULL && db_step(st) == DB_ROW);
	g_sub = db_col_int(st, 0);
	db_reset(st);
	check("draft update", 0, "UPDATE submissions SET title = 'x' WHERE"
	    " id = %lld AND call_id = %lld", g_sub, g_call);
	check("submitting", 1, "UPDATE submissions SET state = 'submitted'"
	    " WHERE id = %lld AND call_id = %lld", g_sub, g_call);
	check("a decision", 1, "UPDATE submissions SET decision = 'accept'"
	    " WHERE id = %lld AND call_id = %lld", g_sub, g_call);
	check("a submitted insert", 1, "INSERT INTO submissions (call_id,"
	    " submitter_id, state, created_at, updated_at) VALUES (%lld,"
	    " %lld, 'submitted', 1, 1)", g_call, g_user);
	check("a submitted delete", 1, "DELETE FROM submissions WHERE"
	    " call_id = %lld AND id > %lld", g_call, g_sub);
	check("a draft delete", 0, "INSERT INTO submissions (call_id,"
	    " submitter_id, state, created_at, updated_at) VALUES (%lld,"
	    " %lld, 'draft', 1, 1)", g_call, g_user);
	check("a draft delete", 0, "DELETE FROM submissions WHERE"
	    " call_id = %lld AND id > %lld", g_call, g_sub);
}

static void
test_children(void)
{
	check("assignment insert", 1, "INSERT INTO assignments"
	    " (submission_id, user_id, created_at) VALUES (%lld, %lld, 1)",
	    g_sub, g_rev);
	check("assignment update", 1, "UPDATE assignments SET created_at = 2"
	    " WHERE submission_id = %lld AND user_id = %lld", g_sub, g_rev);
	check("assignment delete", 1, "DELETE FROM assignments WHERE"
	    " submission_id = %lld AND user_id = %lld", g_sub, g_rev);
	check("conflict insert", 1, "INSERT INTO conflicts (submission_id,"
	    " user_id, status, created_at) VALUES (%lld, %lld, 'declared', 1)",
	    g_sub, g_rev);
	check("conflict update", 1, "UPDATE conflicts SET status ="
	    " 'dismissed' WHERE submission_id = %lld AND user_id = %lld",
	    g_sub, g_rev);
	check("conflict delete", 1, "DELETE FROM conflicts WHERE"
	    " submission_id = %lld AND user_id = %lld", g_sub, g_rev);
	check("review insert", 1, "INSERT INTO reviews (submission_id,"
	    " user_id, created_at, updated_at) VALUES (%lld, %lld, 1, 1)",
	    g_sub, g_rev);
	check("review update", 1, "UPDATE reviews SET state = 'submitted'"
	    " WHERE submission_id = %lld AND user_id = %lld", g_sub, g_rev);
	check("review delete", 1, "DELETE FROM reviews WHERE"
	    " submission_id = %lld AND user_id = %lld", g_sub, g_rev);
}

/* Moved inside the writing transaction (on PostgreSQL at its commit:
 * deferred triggers), never seen elsewhere before the commit; a rollback
 * leaves it. */
static void
test_transaction(void)
{
	int64_t	v0;

	v0 = ver(g_db, g_call);
	T_ASSERT(store_begin(g_db) == STORE_OK);
	T_ASSERT(run_sql("UPDATE submissions SET decision = 'reject' WHERE"
	    " id = %lld AND call_id = %lld", g_sub, g_call));
	if (!g_pg)
		T_ASSERT(ver(g_db, g_call) > v0);
	T_ASSERT(ver(g_other, g_call) == v0);
	T_ASSERT(store_rollback(g_db) == STORE_OK);
	T_ASSERT(ver(g_db, g_call) == v0);
	T_ASSERT(ver(g_other, g_call) == v0);
	/* Committed: every connection sees it. */
	T_ASSERT(store_begin(g_db) == STORE_OK);
	T_ASSERT(run_sql("UPDATE submissions SET decision = 'reject' WHERE"
	    " id = %lld AND call_id = %lld", g_sub, g_call));
	T_ASSERT(store_commit(g_db) == STORE_OK);
	T_ASSERT(ver(g_db, g_call) > v0);
	T_ASSERT(ver(g_other, g_call) > v0);
}

/* The domain's reader: the chair's right, no version without a row. */
static void
test_domain(void)
{
	struct dctx	dc;
	struct user	chair, learner;
	int64_t		v;

	memset(&dc, 0, sizeof(dc));
	memset(&chair, 0, sizeof(chair));
	memset(&learner, 0, sizeof(learner));
	chair.id = 1;
	chair.role = "chair";
	chair.verified = 1;
	learner.id = g_user;
	learner.role = "learner";
	learner.verified = 1;
	dc.db = g_db;
	dc.a = arena_new();
	dc.user = &chair;
	T_ASSERT(call_cases_version(&dc, g_call, &v) == RES_OK);
	T_ASSERT(v == ver(g_db, g_call));
	T_ASSERT(call_cases_version(&dc, 987654, &v) == RES_OK);
	T_ASSERT(v == CACHE_NO_VERSION);
	dc.user = &learner;
	T_ASSERT(call_cases_version(&dc, g_call, &v) == RES_FORBIDDEN);
	T_ASSERT(v == CACHE_NO_VERSION);
	arena_free(dc.a);
}

static void
run(int pg)
{
	struct db	*db, *other;

	if ((db = tstore_open_run(pg)) == NULL)
		return;
	if ((other = tstore_open_other()) == NULL) {
		printf("FAIL second connection\n");
		t_failed++;
		tstore_close(db);
		return;
	}
	g_db = db;
	g_other = other;
	g_pg = pg;
	T_RUN(test_setup);
	T_RUN(test_submissions);
	T_RUN(test_children);
	T_RUN(test_transaction);
	T_RUN(test_domain);
	store_close(other);
	tstore_close(db);
}

int
main(void)
{
	run(0);
	run(1);
	return (t_done());
}
