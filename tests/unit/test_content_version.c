/*
 * test_content_version.c: the content version (migration 0018, issue
 * 14.3) on SQLite and, with ETHICA_TEST_PG, on PostgreSQL. Every table of
 * the schema either moves the version on insert, update and delete (a
 * trigger) or is listed below as never shown on a public page: a new
 * table that is in neither fails here, so a public table cannot forget
 * the version. Writes to public tables move it inside their transaction
 * (a rollback does not); writes to private ones (a session, a setting)
 * do not; another connection sees the move at once (a second node); a
 * page reads it once, and again after its own write; a signed-in page
 * reads it with the session, in the same statement.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/account.h"
#include "domain/crypto.h"
#include "domain/dctx.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/db.h"
#include "store/store.h"
#include "t.h"
#include "tstore.h"

/*
 * Tables no public page (nor any cache keyed on the content version)
 * reads, and tables written only together with a public one in the same
 * transaction. Adding a table here is a claim: check it.
 */
static const char *const private_tables[] = {
	"schema_migrations", "content_version", "settings",
	/* the chair's list's version of each call (migration 0022) */
	"call_data_version",
	/* people and their sessions */
	"users", "sessions", "user_tokens", "login_attempts",
	"account_requests", "outbox", "audit_log",
	/* a learner's own progress */
	"enrolments", "lesson_progress", "quiz_attempts", "quiz_grants",
	"certificates", "signing_keys",
	/* the review of submissions, never public until a case is
	 * published (cases, case_*) */
	"call_mail_templates", "submissions", "submission_versions",
	"submission_files", "reviewer_expertise", "conflicts", "assignments",
	"reviews", "review_scores", "discussion",
	/* the word index of cases, written with the cases row */
	"case_fts", "case_fts_data", "case_fts_idx", "case_fts_content",
	"case_fts_docsize", "case_fts_config",
	/* which source each translation follows: the studio's pages only
	 * (migration 0026) */
	"course_translations",
	NULL
};

static int
is_private(const char *t)
{
	size_t	i;

	for (i = 0; private_tables[i] != NULL; i++)
		if (strcmp(private_tables[i], t) == 0)
			return (1);
	return (0);
}

/* The number of trigger events (of insert, update, delete) on table t
 * that bump the content version. */
static int
bumping_events(struct db *db, int pg, const char *t)
{
	struct db_stmt	*st;
	int		 n = 0;

	if (pg)
		st = db_prepare(db, "SELECT COUNT(DISTINCT event_manipulation)"
		    " FROM information_schema.triggers WHERE"
		    " event_object_schema = current_schema() AND"
		    " event_object_table = $1 AND action_statement LIKE"
		    " '%content_version_bump%' AND event_manipulation IN"
		    " ('INSERT', 'UPDATE', 'DELETE')");
	else
		st = db_prepare(db, "SELECT COUNT(*) FROM sqlite_master WHERE"
		    " type = 'trigger' AND tbl_name = $1 AND sql LIKE"
		    " '%UPDATE content_version SET version = version + 1%' AND"
		    " (sql LIKE '%AFTER INSERT ON%' OR sql LIKE"
		    " '%AFTER UPDATE ON%' OR sql LIKE '%AFTER DELETE ON%')");
	if (st == NULL)
		return (-1);
	db_bind_text(st, 1, t);
	if (db_step(st) == DB_ROW)
		n = (int)db_col_int(st, 0);
	db_reset(st);
	return (n);
}

static struct db	*g_db, *g_other;
static int		 g_pg;

static void
test_tables(void)
{
	struct db	*db = g_db;
	int		 pg = g_pg;
	struct db_stmt	*st;
	char		 names[128][64];
	size_t		 n = 0, i, npublic = 0;
	int		 rc, ev;

	st = db_prepare(db, pg ? "SELECT table_name FROM"
	    " information_schema.tables WHERE table_schema = current_schema()"
	    " AND table_type = 'BASE TABLE' ORDER BY 1" :
	    "SELECT name FROM sqlite_master WHERE type = 'table' AND name"
	    " NOT LIKE 'sqlite_%' ORDER BY 1");
	T_ASSERT(st != NULL);
	if (st == NULL)
		return;
	while ((rc = db_step(st)) == DB_ROW && n < 128)
		(void)snprintf(names[n++], sizeof(names[0]), "%s",
		    db_col_text(st, 0));
	db_reset(st);
	T_ASSERT(rc == DB_DONE);
	T_ASSERT(n > 30);
	for (i = 0; i < n; i++) {
		if (is_private(names[i]))
			continue;
		npublic++;
		if ((ev = bumping_events(db, pg, names[i])) != 3) {
			printf("  table %s: %d of insert, update, delete move"
			    " the content version (add triggers in a"
			    " migration, or list it in private_tables)\n",
			    names[i], ev);
			t_cur_failed = 1;
		}
	}
	T_ASSERT(npublic >= 20);
}

static int64_t
version(struct db *db)
{
	int64_t	v = 0;

	T_ASSERT(store_content_version(db, &v) == STORE_OK);
	return (v);
}

static void
test_writes(void)
{
	struct db	*db = g_db, *other = g_other;
	struct arena	*a;
	char		*stored;
	int64_t		 v0, v1;

	a = arena_new();
	v0 = version(db);
	/* Private writes leave it. */
	T_ASSERT(store_setting_init(db, a, "cv_test", "x", &stored) ==
	    STORE_OK);
	T_ASSERT(db_exec(db, "INSERT INTO users (email, display_name,"
	    " password_hash, created_at, updated_at) VALUES"
	    " ('cv@example.org', 'cv', 'x', 1, 1)") == DB_OK);
	T_ASSERT(version(db) == v0);
	/* A public write moves it, on this connection and the other one. */
	T_ASSERT(db_exec(db, "INSERT INTO courses (slug, default_language,"
	    " languages, level, created_at, updated_at) VALUES ('cv-course',"
	    " 'en', 'en', 'intro', 1, 1)") == DB_OK);
	v1 = version(db);
	T_ASSERT(v1 > v0);
	T_ASSERT(version(other) == v1);
	/* A rolled back write does not. */
	T_ASSERT(store_begin(db) == STORE_OK);
	T_ASSERT(db_exec(db, "UPDATE courses SET level = 'advanced' WHERE"
	    " slug = 'cv-course'") == DB_OK);
	T_ASSERT(version(db) > v1);
	T_ASSERT(store_rollback(db) == STORE_OK);
	T_ASSERT(version(db) == v1);
	T_ASSERT(version(other) == v1);
	/* Update and delete move it too. */
	T_ASSERT(db_exec(db, "UPDATE courses SET level = 'advanced' WHERE"
	    " slug = 'cv-course'") == DB_OK);
	T_ASSERT(version(other) > v1);
	v1 = version(db);
	T_ASSERT(db_exec(db, "DELETE FROM courses WHERE slug = 'cv-course'")
	    == DB_OK);
	T_ASSERT(version(other) > v1);
	arena_free(a);
}

/* A page reads the version once; its own write makes it read again. */
static void
test_memo(void)
{
	struct db	*db = g_db, *other = g_other;
	struct dctx	dc;
	int64_t		v0;

	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dctx_read_begin(&dc);
	v0 = dctx_content_version(&dc);
	T_ASSERT(v0 != CACHE_NO_VERSION);
	/* Another node writes: this page keeps what it read. */
	T_ASSERT(db_exec(other, "INSERT INTO courses (slug,"
	    " default_language, languages, level, created_at, updated_at)"
	    " VALUES ('cv-memo', 'en', 'en', 'intro', 1, 1)") == DB_OK);
	T_ASSERT(dctx_content_version(&dc) == v0);
	dctx_read_end(&dc);
	/* The next page sees it. */
	dctx_read_begin(&dc);
	T_ASSERT(dctx_content_version(&dc) > v0);
	v0 = dctx_content_version(&dc);
	/* Its own write too. */
	T_ASSERT(db_exec(db, "DELETE FROM courses WHERE slug = 'cv-memo'") ==
	    DB_OK);
	T_ASSERT(dctx_content_version(&dc) > v0);
	dctx_read_end(&dc);
	/* No store: unknown. */
	dc.db = NULL;
	T_ASSERT(dctx_content_version(&dc) == CACHE_NO_VERSION);
}

/*
 * A signed-in page reads the version with its session (one statement,
 * one round trip on PostgreSQL: issue 14's trips per page), and its
 * caches then ask no more; also when the cookie names no live session.
 * A session whose idle clock is refreshed (a write) reads it again.
 */
static void
test_session(void)
{
	struct db	*db = g_db;
	struct dctx	 dc;
	struct user	*u;
	struct user_row	 row;
	char		 tok[TOKEN_LEN + 1], h[HASH_HEX_LEN + 1];
	char		 other[HASH_HEX_LEN + 1];
	int64_t		 uid, v;
	uint64_t	 t0, t1;

	memset(tok, 'k', TOKEN_LEN);
	tok[TOKEN_LEN] = '\0';
	account_session_id(tok, h);
	hash_hex("no such session", other);
	memset(&dc, 0, sizeof(dc));
	dc.db = db;
	dc.a = arena_new();
	dc.now = 1000000;
	memset(&row, 0, sizeof(row));
	row.email = "cv-s@example.org";
	row.display_name = "Sam";
	row.password_hash = "x";
	row.role = "learner";
	row.language = "";
	row.country = "";
	T_ASSERT(store_user_insert(db, &row, 1, &uid) == STORE_OK);
	T_ASSERT(store_session_insert(db, h, uid, dc.now, dc.now + 3600) ==
	    STORE_OK);
	v = version(db);
	/* Once first: the statement is then prepared, as on a worker. */
	T_ASSERT(account_session_by_id(&dc, tok, h, &u) == RES_OK);

	dctx_read_begin(&dc);
	t0 = db_trips(db);
	T_ASSERT(account_session_by_id(&dc, tok, h, &u) == RES_OK);
	T_STREQ(u->display_name, "Sam");
	t1 = db_trips(db);
	if (g_pg)
		T_ASSERT(t1 - t0 == 1);
	T_ASSERT(dctx_content_version(&dc) == v);
	T_ASSERT(db_trips(db) == t1);
	dctx_read_end(&dc);

	/* A cookie that names no session: the version came all the same. */
	dctx_read_begin(&dc);
	T_ASSERT(account_session_by_id(&dc, tok, other, &u) == RES_NOT_FOUND);
	t1 = db_trips(db);
	T_ASSERT(dctx_content_version(&dc) == v);
	T_ASSERT(db_trips(db) == t1);
	dctx_read_end(&dc);

	/* Ten minutes on, the session is touched (a write): the version is
	 * read again after it. */
	dc.now += 600;
	dctx_read_begin(&dc);
	T_ASSERT(account_session_by_id(&dc, tok, h, &u) == RES_OK);
	t1 = db_trips(db);
	T_ASSERT(dctx_content_version(&dc) == v);
	T_ASSERT(db_trips(db) > t1);
	dctx_read_end(&dc);
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
	T_RUN(test_tables);
	T_RUN(test_writes);
	T_RUN(test_memo);
	T_RUN(test_session);
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
