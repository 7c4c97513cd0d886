/*
 * test_db.c: the conformance suite of the database driver layer (db.h).
 *
 * Every backend test runs against SQLite (a file in a fresh directory
 * under /tmp, removed at the end) and, when ETHICA_TEST_PG holds a
 * postgresql:// URL, against PostgreSQL too. The PostgreSQL run works in
 * its own schema (ethica_test_db, dropped and recreated first) so it
 * never touches other tables of that database. Run it with:
 *
 *	scripts/pg-temp.sh start /tmp/pgt
 *	ETHICA_TEST_PG=$(cat /tmp/pgt/url) build/tests/test_db
 *	scripts/pg-temp.sh stop /tmp/pgt
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/mem.h"
#include "store/db.h"
#include "t.h"

#define PG_SCHEMA	"ethica_test_db"

static struct db	*tdb;		/* the backend under test */
static const char	*turl;		/* its target (for second handles) */
static char		 tdir[64];	/* scratch directory */

static void	 table(const char *, const char *, const char *);
static int64_t	 count_rows(const char *);
static int	 insert_text(const char *, const char *);
static void	 write_file(const char *, const char *, const char *);
static void	 rm_in(const char *, const char *);
static int	 kill_backend(void);
static void	 run_backend(const char *);
static char	*pg_setup(const char *);
static void	 pg_teardown(const char *);

/* Drops and creates a table; cols differ per backend when needed. */
static void
table(const char *name, const char *sqlite_cols, const char *pg_cols)
{
	char	sql[512];

	snprintf(sql, sizeof(sql), "DROP TABLE IF EXISTS %s; "
	    "CREATE TABLE %s (%s)", name, name,
	    db_kind(tdb) == DB_PG && pg_cols != NULL ? pg_cols : sqlite_cols);
	if (db_exec(tdb, sql) != DB_OK)
		printf("  table %s: %s\n", name, db_errmsg(tdb));
}

/* SELECT COUNT(*) from a query text; -1 when it fails. */
static int64_t
count_rows(const char *sql)
{
	struct db_stmt	*st;
	int64_t		 n;

	if ((st = db_prepare(tdb, sql)) == NULL)
		return (-1);
	n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_reset(st);
	return (n);
}

/* Runs a one-parameter INSERT with a text value; returns db_step(). */
static int
insert_text(const char *sql, const char *v)
{
	struct db_stmt	*st;
	int		 rc;

	if ((st = db_prepare(tdb, sql)) == NULL)
		return (DB_ERROR);
	db_bind_text(st, 1, v);
	rc = db_step(st);
	db_reset(st);
	return (rc);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char	path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

static void
rm_in(const char *dir, const char *name)
{
	char	path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

/* ---- pure functions ---- */

static void
test_sql_qmark(void)
{
	char	*s;

	s = db_sql_qmark("SELECT $1, '$2', \"$3\", $10 -- $4\n/* $5 */ $6");
	T_STREQ(s, "SELECT ?1, '$2', \"$3\", ?10 -- $4\n/* $5 */ ?6");
	free(s);
	s = db_sql_qmark("'it''s $1' $2 '$3");
	T_STREQ(s, "'it''s $1' ?2 '$3");
	free(s);
	s = db_sql_qmark("SELECT price$ FROM t WHERE a = $");
	T_STREQ(s, "SELECT price$ FROM t WHERE a = $");
	free(s);
	T_ASSERT(db_sql_nparams("SELECT $1, '$2', \"$3\", $10 -- $11") == 10);
	T_ASSERT(db_sql_nparams("SELECT '$1'") == 0);
	T_ASSERT(db_sql_nparams("SELECT 1") == 0);
}

static void
test_pg_conninfo(void)
{
	char	*s;

	s = db_pg_conninfo("postgresql://u@h:5/db");
	T_STREQ(s, "postgresql://u@h:5/db?gssencmode=disable");
	free(s);
	s = db_pg_conninfo("postgres://h/db?sslmode=disable");
	T_STREQ(s, "postgres://h/db?sslmode=disable&gssencmode=disable");
	free(s);
	s = db_pg_conninfo("postgresql://h/db?");
	T_STREQ(s, "postgresql://h/db?gssencmode=disable");
	free(s);
}

static void
test_open_errors(void)
{
	struct db	*db;
	char		 err[256];

	err[0] = '\0';
	T_ASSERT(db_open(&db, "/nonexistent-dir/x/y.db", err, sizeof(err)) ==
	    DB_ERROR);
	T_ASSERT(db == NULL);
	T_ASSERT(err[0] != '\0');
	err[0] = '\0';
	T_ASSERT(db_open(&db, "postgresql://postgres@127.0.0.1:1/x", err,
	    sizeof(err)) == DB_ERROR);
	T_ASSERT(db == NULL);
	T_CONTAINS(err, "postgresql");
}

/* ---- the conformance suite, run on each backend ---- */

static void
test_migrate(void)
{
	char		 mdir[128], err[256];
	struct db	*db2;
	struct db_stmt	*st;

	snprintf(mdir, sizeof(mdir), "%s/mig", tdir);
	T_ASSERT(mkdir(mdir, 0700) == 0);
	write_file(mdir, "0001_first.sql", "CREATE TABLE m_a (id INTEGER "
	    "PRIMARY KEY, v TEXT NOT NULL);\n"
	    "INSERT INTO m_a (id, v) VALUES (1, 'it''s; one');\n");
	write_file(mdir, "0002_second.sql", "-- adds a column\n"
	    "ALTER TABLE m_a ADD COLUMN w INTEGER;\n"
	    "CREATE TABLE m_b (id INTEGER PRIMARY KEY);\n");
	write_file(mdir, "README", "not a migration");
	write_file(mdir, "12_short.sql", "SELEC broken;");
	err[0] = '\0';
	T_ASSERT(db_migrate(tdb, mdir, err, sizeof(err)) == DB_OK);
	T_STREQ(err, "");
	T_ASSERT(count_rows("SELECT COUNT(*) FROM schema_migrations") == 2);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM m_a WHERE w IS NULL") == 1);

	/* Idempotent: 0001 would fail on its duplicate key if re-run. */
	T_ASSERT(db_migrate(tdb, mdir, err, sizeof(err)) == DB_OK);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM schema_migrations") == 2);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM m_a") == 1);

	/* A broken third file: reported by name, nothing of it remains. */
	write_file(mdir, "0003_broken.sql", "CREATE TABLE m_c (id INTEGER);\n"
	    "INSERT INTO m_a (id, v) VALUES (2, 'two');\n"
	    "SELEC oops;\n");
	T_ASSERT(db_migrate(tdb, mdir, err, sizeof(err)) == DB_ERROR);
	T_CONTAINS(err, "0003_broken.sql");
	T_ASSERT(!db_in_tx(tdb));
	T_ASSERT(count_rows("SELECT COUNT(*) FROM schema_migrations") == 2);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM m_a") == 1);
	T_ASSERT(db_prepare(tdb, "SELECT COUNT(*) FROM m_c") == NULL);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM schema_migrations "
	    "WHERE version = 2 AND name = '0002_second.sql' "
	    "AND applied_at > 1600000000") == 1);

	/* On PostgreSQL the advisory lock was released despite the error. */
	if (db_kind(tdb) == DB_PG &&
	    db_open(&db2, turl, err, sizeof(err)) == DB_OK) {
		st = db_prepare(db2, "SELECT pg_try_advisory_lock(7353421)");
		T_ASSERT(st != NULL && db_step(st) == DB_ROW &&
		    db_col_int(st, 0) == 1);
		db_reset(st);
		db_close(db2);
	}

	/* Fixed, it applies. */
	write_file(mdir, "0003_broken.sql", "CREATE TABLE m_c (id INTEGER);\n");
	T_ASSERT(db_migrate(tdb, mdir, err, sizeof(err)) == DB_OK);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM schema_migrations") == 3);

	T_ASSERT(db_migrate(tdb, "/nonexistent-migrations", err,
	    sizeof(err)) == DB_ERROR);
	T_CONTAINS(err, "/nonexistent-migrations");

	rm_in(mdir, "0001_first.sql");
	rm_in(mdir, "0002_second.sql");
	rm_in(mdir, "0003_broken.sql");
	rm_in(mdir, "README");
	rm_in(mdir, "12_short.sql");
	rmdir(mdir);
}

static void
test_insert_returning(void)
{
	static const char *sql = "INSERT INTO t_ret (name) VALUES ($1) "
	    "RETURNING id";
	struct db_stmt	*st;
	int64_t		 id1, id2;

	table("t_ret", "id INTEGER PRIMARY KEY, name TEXT NOT NULL",
	    "id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL");
	id1 = id2 = -1;
	st = db_prepare(tdb, sql);
	T_ASSERT(st != NULL);
	if (st == NULL)
		return;
	db_bind_text(st, 1, "first");
	T_ASSERT(db_step(st) == DB_ROW);
	id1 = db_col_int(st, 0);
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	db_bind_text(st, 1, "second");
	T_ASSERT(db_step(st) == DB_ROW);
	id2 = db_col_int(st, 0);
	db_reset(st);
	T_ASSERT(id1 > 0);
	T_ASSERT(id2 > id1);
}

static void
test_int64(void)
{
	static const int64_t vals[] = { INT64_MIN, -1, 0, 1, INT64_MAX };
	struct db_stmt	*st;
	size_t		 i;

	table("t_int", "v BIGINT NOT NULL", NULL);
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		st = db_prepare(tdb, "INSERT INTO t_int (v) VALUES ($1)");
		T_ASSERT(st != NULL);
		if (st == NULL)
			return;
		db_bind_int(st, 1, vals[i]);
		T_ASSERT(db_step(st) == DB_DONE);
		db_reset(st);
	}
	st = db_prepare(tdb, "SELECT v FROM t_int ORDER BY v");
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		T_ASSERT(db_step(st) == DB_ROW);
		T_ASSERT(db_col_int(st, 0) == vals[i]);
	}
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	st = db_prepare(tdb, "SELECT COUNT(*) FROM t_int WHERE v = $1");
	db_bind_int(st, 1, INT64_MIN);
	T_ASSERT(db_step(st) == DB_ROW && db_col_int(st, 0) == 1);
	db_reset(st);
}

static void
test_text(void)
{
	static const char *v = "O'Brien said \"hi\"; -- $1 ?1 '' \\ "
	    "\xc3\xbc" "n\xc3\xaf" "c\xc3\xb8" "d\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac "
	    "\xe2\x80\x94 \xf0\x9f\x99\x82";
	struct db_stmt	*st;
	char		 buf[8];

	table("t_text", "id INTEGER, v TEXT", NULL);
	st = db_prepare(tdb, "INSERT INTO t_text (id, v) VALUES ($1, $2)");
	db_bind_int(st, 1, 1);
	db_bind_text(st, 2, v);
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	db_bind_int(st, 1, 2);
	db_bind_textn(st, 2, "abcdef", 3);
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	st = db_prepare(tdb, "SELECT v FROM t_text ORDER BY id");
	T_ASSERT(db_step(st) == DB_ROW);
	T_STREQ(db_col_text(st, 0), v);
	T_ASSERT(db_step(st) == DB_ROW);
	T_STREQ(db_col_text(st, 0), "abc");
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	st = db_prepare(tdb, "SELECT COUNT(*) FROM t_text WHERE v = $1");
	db_bind_text(st, 1, v);
	T_ASSERT(db_step(st) == DB_ROW && db_col_int(st, 0) == 1);
	db_reset(st);
	/* Bound without a copy: the same rows; a NULL binds SQL NULL. */
	(void)snprintf(buf, sizeof(buf), "%s", "abc");
	db_bind_text_ref(st, 1, buf);
	T_ASSERT(db_step(st) == DB_ROW && db_col_int(st, 0) == 1);
	db_reset(st);
	db_bind_text_ref(st, 1, NULL);
	T_ASSERT(db_step(st) == DB_ROW && db_col_int(st, 0) == 0);
	db_reset(st);
}

static void
test_nulls(void)
{
	struct db_stmt	*st;
	size_t		 len;

	table("t_null", "id INTEGER, a INTEGER, b TEXT, c BLOB",
	    "id INTEGER, a INTEGER, b TEXT, c BYTEA");
	st = db_prepare(tdb, "INSERT INTO t_null (id, a, b, c) "
	    "VALUES ($1, $2, $3, $4)");
	db_bind_int(st, 1, 1);
	db_bind_null(st, 2);
	db_bind_text(st, 3, NULL);
	db_bind_null(st, 4);
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	/* Unbound parameters are NULL too; bindings do not survive reset. */
	db_bind_int(st, 1, 2);
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	st = db_prepare(tdb, "SELECT a, b, c, id FROM t_null ORDER BY id");
	while (db_step(st) == DB_ROW) {
		T_ASSERT(db_col_isnull(st, 0));
		T_ASSERT(db_col_isnull(st, 1));
		T_ASSERT(db_col_isnull(st, 2));
		T_ASSERT(!db_col_isnull(st, 3));
		T_ASSERT(db_col_int(st, 0) == 0);
		T_ASSERT(db_col_text(st, 1) == NULL);
		len = 99;
		T_ASSERT(db_col_blob(st, 2, &len) == NULL);
		T_ASSERT(len == 0);
	}
	db_reset(st);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM t_null WHERE a IS NULL "
	    "AND b IS NULL AND c IS NULL") == 2);
}

static void
test_blob(void)
{
	static const unsigned char data[] = { 0, 1, 0, 0xff, 0, 'a', 0 };
	struct db_stmt	*st;
	const void	*p;
	size_t		 len;

	table("t_blob", "id INTEGER, v BLOB", "id INTEGER, v BYTEA");
	st = db_prepare(tdb, "INSERT INTO t_blob (id, v) VALUES ($1, $2)");
	db_bind_int(st, 1, 1);
	db_bind_blob(st, 2, data, sizeof(data));
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	db_bind_int(st, 1, 2);
	db_bind_blob(st, 2, data, 0);
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	st = db_prepare(tdb, "SELECT v FROM t_blob ORDER BY id");
	T_ASSERT(db_step(st) == DB_ROW);
	p = db_col_blob(st, 0, &len);
	T_ASSERT(p != NULL && len == sizeof(data) &&
	    memcmp(p, data, sizeof(data)) == 0);
	T_ASSERT(db_step(st) == DB_ROW);
	len = 99;
	p = db_col_blob(st, 0, &len);
	T_ASSERT(p != NULL && len == 0);
	T_ASSERT(!db_col_isnull(st, 0));
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	st = db_prepare(tdb, "SELECT COUNT(*) FROM t_blob WHERE v = $1");
	db_bind_blob(st, 1, data, sizeof(data));
	T_ASSERT(db_step(st) == DB_ROW && db_col_int(st, 0) == 1);
	db_reset(st);
}

static void
test_unique(void)
{
	static const char *ins = "INSERT INTO t_uniq (k) VALUES ($1)";

	table("t_uniq", "k TEXT NOT NULL UNIQUE", NULL);
	T_ASSERT(insert_text(ins, "a") == DB_DONE);
	T_ASSERT(insert_text(ins, "a") == DB_CONSTRAINT);
	T_ASSERT(db_errmsg(tdb)[0] != '\0');
	T_ASSERT(insert_text(ins, NULL) == DB_CONSTRAINT);
	T_ASSERT(insert_text(ins, "b") == DB_DONE);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM t_uniq") == 2);
	T_ASSERT(db_exec(tdb, "INSERT INTO t_uniq (k) VALUES ('a')") ==
	    DB_CONSTRAINT);
}

static void
test_foreign_key(void)
{
	static const char *ins = "INSERT INTO t_child (pid) VALUES ($1)";
	struct db_stmt	*st;

	db_exec(tdb, "DROP TABLE IF EXISTS t_child");
	table("t_parent", "id INTEGER PRIMARY KEY", NULL);
	table("t_child", "pid INTEGER NOT NULL REFERENCES t_parent (id)",
	    NULL);
	st = db_prepare(tdb, ins);
	db_bind_int(st, 1, 42);
	T_ASSERT(db_step(st) == DB_CONSTRAINT);
	db_reset(st);
}

static void
test_rollback(void)
{
	static const char *ins = "INSERT INTO t_tx (k) VALUES ($1)";

	table("t_tx", "k TEXT UNIQUE", NULL);
	T_ASSERT(!db_in_tx(tdb));
	T_ASSERT(db_begin(tdb) == DB_OK);
	T_ASSERT(db_in_tx(tdb));
	T_ASSERT(db_begin(tdb) == DB_ERROR);
	T_ASSERT(insert_text(ins, "x") == DB_DONE);
	T_ASSERT(db_rollback(tdb) == DB_OK);
	T_ASSERT(!db_in_tx(tdb));
	T_ASSERT(count_rows("SELECT COUNT(*) FROM t_tx") == 0);

	/* A failed statement inside: the caller rolls back, nothing stays. */
	T_ASSERT(db_begin(tdb) == DB_OK);
	T_ASSERT(insert_text(ins, "y") == DB_DONE);
	T_ASSERT(insert_text(ins, "y") == DB_CONSTRAINT);
	T_ASSERT(db_rollback(tdb) == DB_OK);
	T_ASSERT(!db_in_tx(tdb));
	T_ASSERT(count_rows("SELECT COUNT(*) FROM t_tx") == 0);

	/* On PostgreSQL committing an aborted transaction is an error. */
	if (db_kind(tdb) == DB_PG) {
		T_ASSERT(db_begin(tdb) == DB_OK);
		T_ASSERT(insert_text(ins, "z") == DB_DONE);
		T_ASSERT(insert_text(ins, "z") == DB_CONSTRAINT);
		T_ASSERT(db_commit(tdb) == DB_ERROR);
		T_ASSERT(!db_in_tx(tdb));
		T_ASSERT(count_rows("SELECT COUNT(*) FROM t_tx") == 0);
	}

	T_ASSERT(db_begin(tdb) == DB_OK);
	T_ASSERT(insert_text(ins, "kept") == DB_DONE);
	T_ASSERT(db_commit(tdb) == DB_OK);
	T_ASSERT(!db_in_tx(tdb));
	T_ASSERT(db_commit(tdb) == DB_ERROR);
	T_ASSERT(db_rollback(tdb) == DB_OK);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM t_tx") == 1);
}

static void
test_cache(void)
{
	static const char *sql = "SELECT 7";
	static char	 texts[40][32];
	struct db_stmt	*a, *b, *c, *v[40];
	char		 copy[16];
	int		 i;

	a = db_prepare(tdb, sql);
	T_ASSERT(a != NULL && db_step(a) == DB_ROW && db_col_int(a, 0) == 7);
	/* Still in use: a second borrow is refused. */
	T_ASSERT(db_prepare(tdb, sql) == NULL);
	T_CONTAINS(db_errmsg(tdb), "in use");
	db_reset(a);
	b = db_prepare(tdb, sql);
	T_ASSERT(a == b);
	T_ASSERT(b != NULL && db_step(b) == DB_ROW && db_col_int(b, 0) == 7);
	db_reset(b);

	/* Same text at another address is another statement. */
	snprintf(copy, sizeof(copy), "%s", sql);
	c = db_prepare(tdb, copy);
	T_ASSERT(c != NULL && c != a);
	T_ASSERT(c != NULL && db_step(c) == DB_ROW && db_col_int(c, 0) == 7);
	db_reset(c);

	/* Enough statements to grow the table; each is found again. */
	for (i = 0; i < 40; i++) {
		snprintf(texts[i], sizeof(texts[i]), "SELECT %d + 1", i);
		v[i] = db_prepare(tdb, texts[i]);
		T_ASSERT(v[i] != NULL);
	}
	for (i = 0; i < 40; i++) {
		T_ASSERT(db_prepare(tdb, texts[i]) == v[i]);
		if (v[i] == NULL)
			continue;
		T_ASSERT(db_step(v[i]) == DB_ROW &&
		    db_col_int(v[i], 0) == i + 1);
		db_reset(v[i]);
	}
	T_ASSERT(db_prepare(tdb, "SELEC 1") == NULL);
	T_ASSERT(db_errmsg(tdb)[0] != '\0');
}

static void
test_dollar_literal(void)
{
	struct db_stmt	*st;

	st = db_prepare(tdb, "SELECT '$1', CAST($1 AS TEXT), 'it''s $2' "
	    "-- $3\n");
	T_ASSERT(st != NULL);
	if (st == NULL)
		return;
	db_bind_text(st, 1, "x");
	T_ASSERT(db_step(st) == DB_ROW);
	T_STREQ(db_col_text(st, 0), "$1");
	T_STREQ(db_col_text(st, 1), "x");
	T_STREQ(db_col_text(st, 2), "it's $2");
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
}

static void
test_bad_bind(void)
{
	struct db_stmt	*st;

	st = db_prepare(tdb, "SELECT CAST($1 AS TEXT)");
	T_ASSERT(st != NULL);
	if (st == NULL)
		return;
	db_bind_text(st, 2, "too far");
	T_ASSERT(db_step(st) == DB_ERROR);
	T_CONTAINS(db_errmsg(tdb), "parameter 2");
	db_reset(st);
	db_bind_text(st, 0, "zero");
	T_ASSERT(db_step(st) == DB_ERROR);
	db_reset(st);
	db_bind_text(st, 1, "fine");
	T_ASSERT(db_step(st) == DB_ROW);
	T_STREQ(db_col_text(st, 0), "fine");
	db_reset(st);
}

static void
test_many_rows(void)
{
	struct db_stmt	*st;
	int64_t		 i, sum;
	int		 ok;

	table("t_many", "i BIGINT NOT NULL, s TEXT NOT NULL", NULL);
	T_ASSERT(db_begin(tdb) == DB_OK);
	st = db_prepare(tdb, "INSERT INTO t_many (i, s) VALUES ($1, $2)");
	ok = 1;
	for (i = 0; i < 3000 && st != NULL; i++) {
		db_bind_int(st, 1, i);
		db_bind_text(st, 2, i % 2 ? "odd" : "even");
		if (db_step(st) != DB_DONE)
			ok = 0;
		db_reset(st);
	}
	T_ASSERT(ok);
	T_ASSERT(db_commit(tdb) == DB_OK);
	st = db_prepare(tdb, "SELECT i, s FROM t_many ORDER BY i");
	i = sum = 0;
	while (db_step(st) == DB_ROW) {
		if (db_col_int(st, 0) != i ||
		    strcmp(db_col_text(st, 1), i % 2 ? "odd" : "even") != 0)
			ok = 0;
		sum += db_col_int(st, 0);
		i++;
	}
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
	T_ASSERT(ok);
	T_ASSERT(i == 3000);
	T_ASSERT(sum == 2999 * 3000 / 2);
}

static void
test_backup(void)
{
	struct db	*copy;
	struct db_stmt	*st;
	char		 path[128], err[256];

	snprintf(path, sizeof(path), "%s/backup.db", tdir);
	if (db_kind(tdb) == DB_PG) {
		T_ASSERT(db_backup(tdb, path, err, sizeof(err)) == DB_ERROR);
		return;
	}
	table("t_bk", "v TEXT", NULL);
	T_ASSERT(insert_text("INSERT INTO t_bk (v) VALUES ($1)", "saved") ==
	    DB_DONE);
	T_ASSERT(db_backup(tdb, path, err, sizeof(err)) == DB_OK);
	/* A second backup replaces the first. */
	T_ASSERT(db_backup(tdb, path, err, sizeof(err)) == DB_OK);
	T_ASSERT(access(path, F_OK) == 0);
	T_ASSERT(db_open(&copy, path, err, sizeof(err)) == DB_OK);
	if (copy == NULL)
		return;
	st = db_prepare(copy, "SELECT v FROM t_bk");
	T_ASSERT(st != NULL && db_step(st) == DB_ROW);
	if (st != NULL)
		T_STREQ(db_col_text(st, 0), "saved");
	db_reset(st);
	db_close(copy);
	rm_in(tdir, "backup.db");
	rm_in(tdir, "backup.db-wal");
	rm_in(tdir, "backup.db-shm");
	T_ASSERT(db_backup(tdb, "/nonexistent-dir/b.db", err, sizeof(err)) ==
	    DB_ERROR);
}

/* ---- PostgreSQL only ---- */

/* Terminates tdb's server process from a second connection. */
static int
kill_backend(void)
{
	static const char *pidsql = "SELECT pg_backend_pid()";
	struct db	*db2;
	struct db_stmt	*st;
	char		 err[256];
	int64_t		 pid;
	int		 ok;

	st = db_prepare(tdb, pidsql);
	if (st == NULL || db_step(st) != DB_ROW) {
		db_reset(st);
		return (0);
	}
	pid = db_col_int(st, 0);
	db_reset(st);
	if (db_open(&db2, turl, err, sizeof(err)) != DB_OK)
		return (0);
	/* Waits (up to 10 s) until the process is gone. */
	st = db_prepare(db2, "SELECT pg_terminate_backend($1, 10000)");
	ok = 0;
	if (st != NULL) {
		db_bind_int(st, 1, pid);
		ok = db_step(st) == DB_ROW && db_col_int(st, 0) == 1;
		db_reset(st);
	}
	db_close(db2);
	return (ok);
}

static void
test_pg_reconnect(void)
{
	static const char *pidsql = "SELECT pg_backend_pid()";
	struct db_stmt	*st;
	int64_t		 before;

	st = db_prepare(tdb, pidsql);
	T_ASSERT(st != NULL && db_step(st) == DB_ROW);
	before = db_col_int(st, 0);
	db_reset(st);

	/* A cached statement after the server side vanished. */
	T_ASSERT(kill_backend());
	st = db_prepare(tdb, pidsql);
	T_ASSERT(st != NULL && db_step(st) == DB_ROW);
	T_ASSERT(db_col_int(st, 0) != before);
	db_reset(st);
	T_ASSERT(db_exec(tdb, "SELECT 1") == DB_OK);

	/* db_exec retries too, and the session is set up again. */
	T_ASSERT(kill_backend());
	T_ASSERT(db_exec(tdb, "SELECT 1") == DB_OK);
	st = db_prepare(tdb, "SELECT current_setting('TimeZone')");
	T_ASSERT(st != NULL && db_step(st) == DB_ROW);
	T_STREQ(db_col_text(st, 0), "UTC");
	db_reset(st);

	/* Inside a transaction there is no silent retry. */
	T_ASSERT(db_begin(tdb) == DB_OK);
	T_ASSERT(kill_backend());
	st = db_prepare(tdb, pidsql);
	T_ASSERT(st != NULL && db_step(st) < 0);
	db_reset(st);
	(void)db_rollback(tdb);
	T_ASSERT(!db_in_tx(tdb));
	st = db_prepare(tdb, pidsql);
	T_ASSERT(st != NULL && db_step(st) == DB_ROW);
	db_reset(st);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM t_tx") == 1);
}

/* Adds 1 to t_gen.v from a second connection (another worker). */
static void
other_writes_gen(struct db *other)
{
	T_ASSERT(db_exec(other, "UPDATE t_gen SET v = v + 1") == DB_OK);
}

/* Sets t_snap.v from a second connection (another worker). */
static void
other_writes(struct db *other, int64_t v)
{
	struct db_stmt	*st;

	st = db_prepare(other, "UPDATE t_snap SET v = $1");
	T_ASSERT(st != NULL);
	if (st == NULL)
		return;
	db_bind_int(st, 1, v);
	T_ASSERT(db_step(st) == DB_DONE);
	db_reset(st);
}

static void
test_snapshot(void)
{
	static const char *get = "SELECT v FROM t_snap";
	struct db	*other;
	struct db_stmt	*st;
	char		 err[512];
	int		 sqlite = db_kind(tdb) == DB_SQLITE;

	table("t_snap", "v BIGINT", NULL);
	T_ASSERT(db_exec(tdb, "INSERT INTO t_snap (v) VALUES (1)") == DB_OK);
	T_ASSERT(db_open(&other, turl, err, sizeof(err)) == DB_OK);

	/* The reads of a page see one state (SQLite; PostgreSQL reads
	 * statement by statement). */
	T_ASSERT(db_snapshot_begin(tdb) == DB_OK);
	T_ASSERT(!db_in_tx(tdb));
	T_ASSERT(count_rows(get) == 1);
	other_writes(other, 2);
	T_ASSERT(count_rows(get) == (sqlite ? 1 : 2));
	db_snapshot_end(tdb);
	T_ASSERT(count_rows(get) == 2);

	/* A write after reads ends the snapshot: it never fails for having
	 * seen an old state, and what follows is current. */
	T_ASSERT(db_snapshot_begin(tdb) == DB_OK);
	T_ASSERT(count_rows(get) == 2);
	other_writes(other, 3);
	st = db_prepare(tdb, "UPDATE t_snap SET v = v + 10");
	T_ASSERT(st != NULL && db_step(st) == DB_DONE);
	db_reset(st);
	T_ASSERT(count_rows(get) == 13);
	other_writes(other, 4);
	T_ASSERT(count_rows(get) == 4);
	db_snapshot_end(tdb);

	/* So does a transaction, and a rollback outside one is a no-op. */
	T_ASSERT(db_snapshot_begin(tdb) == DB_OK);
	T_ASSERT(count_rows(get) == 4);
	T_ASSERT(db_rollback(tdb) == DB_OK);
	other_writes(other, 5);
	T_ASSERT(db_begin(tdb) == DB_OK);
	T_ASSERT(count_rows(get) == 5);
	T_ASSERT(db_exec(tdb, "UPDATE t_snap SET v = v + 1") == DB_OK);
	T_ASSERT(db_commit(tdb) == DB_OK);
	T_ASSERT(count_rows(get) == 6);
	db_snapshot_end(tdb);
	T_ASSERT(!db_in_tx(tdb));

	/* A snapshot left open is ended by the next begin. */
	T_ASSERT(db_snapshot_begin(tdb) == DB_OK);
	T_ASSERT(count_rows(get) == 6);
	other_writes(other, 7);
	T_ASSERT(db_snapshot_begin(tdb) == DB_OK);
	T_ASSERT(count_rows(get) == 7);
	db_snapshot_end(tdb);
	db_close(other);
}

/* The generation within a page's reads: one number until this
 * connection writes, also on PostgreSQL, where a write statement outside
 * a transaction moved nothing (the page's memos kept what it read before
 * its own write). */
static void
test_read_generation(void)
{
	static const char *get = "SELECT v FROM t_gen";
	struct db	*other;
	struct db_stmt	*st;
	uint64_t	 g1;
	char		 err[512];

	table("t_gen", "v BIGINT", NULL);
	T_ASSERT(db_exec(tdb, "INSERT INTO t_gen (v) VALUES (1)") == DB_OK);
	T_ASSERT(db_open(&other, turl, err, sizeof(err)) == DB_OK);
	T_ASSERT(db_snapshot_begin(tdb) == DB_OK);
	T_ASSERT(count_rows(get) == 1);
	g1 = db_generation(tdb);
		T_ASSERT(count_rows(get) == 1);
	T_ASSERT(db_generation(tdb) == g1);
	other_writes_gen(other);
	(void)count_rows(get);
	T_ASSERT(db_generation(tdb) == g1);
	/* A write of its own ends it. */
	T_ASSERT(db_exec(tdb, "UPDATE t_gen SET v = v + 1") == DB_OK);
	T_ASSERT(db_generation(tdb) != g1);
	T_ASSERT(db_snapshot_begin(tdb) == DB_OK);
	T_ASSERT(count_rows(get) == 3);
	g1 = db_generation(tdb);
		st = db_prepare(tdb, "UPDATE t_gen SET v = v + 1");
	T_ASSERT(st != NULL && db_step(st) == DB_DONE);
	if (st != NULL)
		db_reset(st);
	T_ASSERT(db_generation(tdb) != g1);
	db_snapshot_end(tdb);
	db_close(other);
}

/* The data version: unchanged by reads, changed by another connection's
 * commit and by this connection's writes; inside a snapshot it is the
 * snapshot's. PostgreSQL cannot tell. */
static void
test_data_version(void)
{
	struct db		*other;
	struct db_version	 v0, v1, v2;
	char			 err[512];

	table("t_ver", "v BIGINT", NULL);
	if (db_kind(tdb) != DB_SQLITE) {
		T_ASSERT(db_data_version(tdb, &v0) == DB_ERROR);
		return;
	}
	T_ASSERT(db_open(&other, turl, err, sizeof(err)) == DB_OK);
	T_ASSERT(db_data_version(tdb, &v0) == DB_OK);
	T_ASSERT(count_rows("SELECT count(*) FROM t_ver") == 0);
	T_ASSERT(db_data_version(tdb, &v1) == DB_OK);
	T_ASSERT(v1.committed == v0.committed && v1.own == v0.own);

	T_ASSERT(db_exec(other, "INSERT INTO t_ver (v) VALUES (1)") == DB_OK);
	T_ASSERT(db_data_version(tdb, &v1) == DB_OK);
	T_ASSERT(v1.committed != v0.committed);

	T_ASSERT(db_exec(tdb, "INSERT INTO t_ver (v) VALUES (2)") == DB_OK);
	T_ASSERT(db_data_version(tdb, &v2) == DB_OK);
	T_ASSERT(v2.own != v1.own);

	/* Inside a snapshot: the snapshot's version until it ends. */
	T_ASSERT(db_snapshot_begin(tdb) == DB_OK);
	T_ASSERT(db_data_version(tdb, &v0) == DB_OK);
	T_ASSERT(db_exec(other, "INSERT INTO t_ver (v) VALUES (3)") == DB_OK);
	T_ASSERT(db_data_version(tdb, &v1) == DB_OK);
	T_ASSERT(v1.committed == v0.committed && v1.own == v0.own);
	T_ASSERT(count_rows("SELECT count(*) FROM t_ver") == 2);
	db_snapshot_end(tdb);
	T_ASSERT(db_data_version(tdb, &v2) == DB_OK);
	T_ASSERT(v2.committed != v0.committed);
	db_close(other);
}

/* What the busy hook saw, and the connection it lets go of. */
static struct {
	struct db	*holder;	/* holds the write lock */
	int		 release_at;	/* commit holder at this try */
	int		 calls;
	long		 longest;	/* us */
	int		 released;
} busy;

/* The busy hook: counts naps, keeps the longest, and at try release_at
 * commits the holder's transaction (another worker finishing). */
static void
busy_note(void *arg, int count, long us)
{
	(void)arg;
	busy.calls++;
	if (us > busy.longest)
		busy.longest = us;
	if (count >= busy.release_at && !busy.released) {
		busy.released = 1;
		T_ASSERT(db_commit(busy.holder) == DB_OK);
	}
}

/* A writer that finds the write lock held naps briefly, tries again and
 * commits as soon as the holder commits: no nap is longer than 1 ms
 * (SQLite's default handler sleeps up to 100 ms at a time, the worker's
 * event loop with it). SQLite only: PostgreSQL waits in the server. */
static void
test_busy_short_naps(void)
{
	struct db	*holder;
	char		 err[512];

	table("t_busy", "v BIGINT", NULL);
	T_ASSERT(db_open(&holder, turl, err, sizeof(err)) == DB_OK);
	if (holder == NULL)
		return;
	T_ASSERT(db_begin(holder) == DB_OK);
	T_ASSERT(db_exec(holder, "INSERT INTO t_busy (v) VALUES (1)") ==
	    DB_OK);

	memset(&busy, 0, sizeof(busy));
	busy.holder = holder;
	busy.release_at = 8;
	db_sqlite_busy_hook(busy_note, NULL);
	T_ASSERT(db_begin(tdb) == DB_OK);
	T_ASSERT(db_exec(tdb, "INSERT INTO t_busy (v) VALUES (2)") == DB_OK);
	T_ASSERT(db_commit(tdb) == DB_OK);
	db_sqlite_busy_hook(NULL, NULL);

	T_ASSERT(busy.released);
	T_ASSERT(busy.calls >= 9);
	T_ASSERT(busy.calls <= 12);
	T_ASSERT(busy.longest > 0 && busy.longest <= 1000);
	T_ASSERT(count_rows("SELECT COUNT(*) FROM t_busy") == 2);
	if (!busy.released)
		(void)db_rollback(holder);
	db_close(holder);
}

/* A lazy transaction commits (another connection sees it at once) and
 * rolls back like any other, and the connection's next transaction waits
 * for the disk again: SQLite's synchronous back to FULL (2), PostgreSQL's
 * synchronous_commit back to on (SET LOCAL; the test cluster runs with it
 * off, so the session sets it on first, as a production server has it). */
static void
test_begin_lazy(void)
{
	struct db	*other;
	struct db_stmt	*st;
	const char	*sql, *want;
	char		 err[512], before[16];
	int		 i;

	table("t_lazy", "v BIGINT", NULL);
	T_ASSERT(db_open(&other, turl, err, sizeof(err)) == DB_OK);
	if (other == NULL)
		return;
	T_ASSERT(unsetenv("ETHICA_DURABILITY") == 0);
	T_ASSERT(db_lazy_allowed());
	sql = db_kind(tdb) == DB_PG ? "SHOW synchronous_commit" :
	    "PRAGMA synchronous";
	if (db_kind(tdb) == DB_PG)
		T_ASSERT(db_exec(tdb, "SET synchronous_commit TO on") ==
		    DB_OK);
	before[0] = '\0';
	if ((st = db_prepare(tdb, sql)) != NULL && db_step(st) == DB_ROW)
		snprintf(before, sizeof(before), "%s", db_col_text(st, 0));
	if (st != NULL)
		db_reset(st);
	T_ASSERT(strcmp(before, db_kind(tdb) == DB_PG ? "on" : "2") == 0);
	for (i = 0; i < 3; i++) {
		T_ASSERT(db_begin_lazy(tdb) == DB_OK);
		T_ASSERT(db_begin_lazy(tdb) == DB_ERROR);	/* nested */
		T_ASSERT(db_exec(tdb, "INSERT INTO t_lazy (v) VALUES (1)") ==
		    DB_OK);
		/* Inside: SQLite NORMAL (1), PostgreSQL off. */
		want = db_kind(tdb) == DB_PG ? "off" : "1";
		st = db_prepare(tdb, sql);
		T_ASSERT(st != NULL && db_step(st) == DB_ROW &&
		    strcmp(db_col_text(st, 0), want) == 0);
		if (st != NULL)
			db_reset(st);
		/* Ended by a commit, a rollback, or a failed statement and
		 * the rollback after it. */
		if (i == 0)
			T_ASSERT(db_commit(tdb) == DB_OK);
		else if (i == 1)
			T_ASSERT(db_rollback(tdb) == DB_OK);
		else {
			T_ASSERT(db_exec(tdb, "INSERT INTO t_no_such (v) "
			    "VALUES (1)") != DB_OK);
			T_ASSERT(db_rollback(tdb) == DB_OK);
		}
		T_ASSERT(!db_in_tx(tdb));
		/* SQLite: FULL again; PostgreSQL: the session's on. */
		want = db_kind(tdb) == DB_PG ? "on" : "2";
		st = db_prepare(tdb, sql);
		T_ASSERT(st != NULL && db_step(st) == DB_ROW &&
		    strcmp(db_col_text(st, 0), want) == 0);
		if (st != NULL)
			db_reset(st);
	}
	st = db_prepare(other, "SELECT COUNT(*) FROM t_lazy");
	T_ASSERT(st != NULL && db_step(st) == DB_ROW &&
	    db_col_int(st, 0) == 1);
	if (st != NULL)
		db_reset(st);
	T_ASSERT(setenv("ETHICA_DURABILITY", "full", 1) == 0);
	T_ASSERT(!db_lazy_allowed());
	/* The operator's switch: a lazy begin is an ordinary one. */
	T_ASSERT(db_begin_lazy(tdb) == DB_OK);
	st = db_prepare(tdb, sql);
	T_ASSERT(st != NULL && db_step(st) == DB_ROW &&
	    strcmp(db_col_text(st, 0), db_kind(tdb) == DB_PG ? "on" : "2") ==
	    0);
	if (st != NULL)
		db_reset(st);
	T_ASSERT(db_rollback(tdb) == DB_OK);
	T_ASSERT(setenv("ETHICA_DURABILITY", "lazzy", 1) == 0);
	T_ASSERT(!db_lazy_allowed());
	T_ASSERT(setenv("ETHICA_DURABILITY", "lazy", 1) == 0);
	T_ASSERT(db_lazy_allowed());
	T_ASSERT(unsetenv("ETHICA_DURABILITY") == 0);
	if (db_kind(tdb) == DB_PG)
		T_ASSERT(db_exec(tdb, "SET synchronous_commit TO DEFAULT") ==
		    DB_OK);
	db_close(other);
}

/*
 * A VFS over SQLite's default one that counts xSync calls: proof of what
 * a commit asked of the disk.
 */
struct tsync_file {
	sqlite3_file	 base;
	sqlite3_file	*real;
	int		 main_db;	/* the database file, not its WAL */
};

static sqlite3_vfs	*tsync_real;
static sqlite3_vfs	 tsync_vfs;
static sqlite3_io_methods tsync_io;
static int		 tsync_count;	/* xSync calls on the main thread */
static int		 tsync_other;	/* ... on any other (atomic) */
static int		 tsync_db_main;	/* of a database file, main thread */
static pthread_t	 tsync_main;

#define TSF(f)	(((struct tsync_file *)(f))->real)

static int
tsync_close(sqlite3_file *f)
{
	return (TSF(f)->pMethods->xClose(TSF(f)));
}

static int
tsync_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return (TSF(f)->pMethods->xRead(TSF(f), p, n, off));
}

static int
tsync_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	return (TSF(f)->pMethods->xWrite(TSF(f), p, n, off));
}

static int
tsync_truncate(sqlite3_file *f, sqlite3_int64 n)
{
	return (TSF(f)->pMethods->xTruncate(TSF(f), n));
}

static int
tsync_sync(sqlite3_file *f, int flags)
{
	if (pthread_equal(pthread_self(), tsync_main)) {
		tsync_count++;
		if (((struct tsync_file *)f)->main_db)
			tsync_db_main++;
	} else
		__atomic_fetch_add(&tsync_other, 1, __ATOMIC_SEQ_CST);
	return (TSF(f)->pMethods->xSync(TSF(f), flags));
}

static int
tsync_size(sqlite3_file *f, sqlite3_int64 *n)
{
	return (TSF(f)->pMethods->xFileSize(TSF(f), n));
}

static int
tsync_lock(sqlite3_file *f, int l)
{
	return (TSF(f)->pMethods->xLock(TSF(f), l));
}

static int
tsync_unlock(sqlite3_file *f, int l)
{
	return (TSF(f)->pMethods->xUnlock(TSF(f), l));
}

static int
tsync_reserved(sqlite3_file *f, int *out)
{
	return (TSF(f)->pMethods->xCheckReservedLock(TSF(f), out));
}

static int
tsync_fcntl(sqlite3_file *f, int op, void *arg)
{
	return (TSF(f)->pMethods->xFileControl(TSF(f), op, arg));
}

static int
tsync_sector(sqlite3_file *f)
{
	return (TSF(f)->pMethods->xSectorSize(TSF(f)));
}

static int
tsync_device(sqlite3_file *f)
{
	return (TSF(f)->pMethods->xDeviceCharacteristics(TSF(f)));
}

static int
tsync_shm_map(sqlite3_file *f, int i, int sz, int ext, void volatile **pp)
{
	return (TSF(f)->pMethods->xShmMap(TSF(f), i, sz, ext, pp));
}

static int
tsync_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return (TSF(f)->pMethods->xShmLock(TSF(f), off, n, flags));
}

static void
tsync_shm_barrier(sqlite3_file *f)
{
	TSF(f)->pMethods->xShmBarrier(TSF(f));
}

static int
tsync_shm_unmap(sqlite3_file *f, int del)
{
	return (TSF(f)->pMethods->xShmUnmap(TSF(f), del));
}

static int
tsync_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	return (TSF(f)->pMethods->xFetch(TSF(f), off, n, pp));
}

static int
tsync_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return (TSF(f)->pMethods->xUnfetch(TSF(f), off, p));
}

static int
tsync_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
    int *oflags)
{
	struct tsync_file	*t = (struct tsync_file *)f;
	int			 rc;

	(void)vfs;
	t->real = (sqlite3_file *)&t[1];
	t->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
	rc = tsync_real->xOpen(tsync_real, name, t->real, flags, oflags);
	f->pMethods = t->real->pMethods != NULL ? &tsync_io : NULL;
	return (rc);
}

/* Makes the counting VFS the default for connections opened next. */
static void
tsync_register(void)
{
	tsync_main = pthread_self();
	tsync_real = sqlite3_vfs_find(NULL);
	tsync_vfs = *tsync_real;
	tsync_vfs.pNext = NULL;
	tsync_vfs.zName = "ethica-test-sync";
	tsync_vfs.szOsFile = (int)sizeof(struct tsync_file) +
	    tsync_real->szOsFile;
	tsync_vfs.xOpen = tsync_open;
	tsync_io.iVersion = 3;
	tsync_io.xClose = tsync_close;
	tsync_io.xRead = tsync_read;
	tsync_io.xWrite = tsync_write;
	tsync_io.xTruncate = tsync_truncate;
	tsync_io.xSync = tsync_sync;
	tsync_io.xFileSize = tsync_size;
	tsync_io.xLock = tsync_lock;
	tsync_io.xUnlock = tsync_unlock;
	tsync_io.xCheckReservedLock = tsync_reserved;
	tsync_io.xFileControl = tsync_fcntl;
	tsync_io.xSectorSize = tsync_sector;
	tsync_io.xDeviceCharacteristics = tsync_device;
	tsync_io.xShmMap = tsync_shm_map;
	tsync_io.xShmLock = tsync_shm_lock;
	tsync_io.xShmBarrier = tsync_shm_barrier;
	tsync_io.xShmUnmap = tsync_shm_unmap;
	tsync_io.xFetch = tsync_fetch;
	tsync_io.xUnfetch = tsync_unfetch;
	T_ASSERT(sqlite3_vfs_register(&tsync_vfs, 1) == SQLITE_OK);
}

/* One write transaction on db, lazy or not; the xSync calls it made. */
static int
tsync_commit(struct db *db, int lazy, int64_t v)
{
	struct db_stmt	*st;

	tsync_count = 0;
	T_ASSERT((lazy ? db_begin_lazy(db) : db_begin(db)) == DB_OK);
	st = db_prepare(db, "INSERT INTO t_sync (v) VALUES ($1)");
	T_ASSERT(st != NULL);
	if (st != NULL) {
		db_bind_int(st, 1, v);
		T_ASSERT(db_step(st) == DB_DONE);
		db_reset(st);
	}
	T_ASSERT(db_commit(db) == DB_OK);
	return (tsync_count);
}

/*
 * SQLite: a commit fsyncs the WAL, a lazy one does not (unless the
 * operator set ETHICA_DURABILITY=full), and the commit after a lazy one
 * fsyncs again, carrying the lazy one's frames to the disk with it.
 */
static void
test_lazy_no_fsync(void)
{
	struct db	*db;
	char		 path[128], err[512];

	snprintf(path, sizeof(path), "%s/sync.db", tdir);
	tsync_register();
	T_ASSERT(db_open(&db, path, err, sizeof(err)) == DB_OK);
	T_ASSERT(sqlite3_vfs_unregister(&tsync_vfs) == SQLITE_OK);
	if (db == NULL)
		return;
	T_ASSERT(unsetenv("ETHICA_DURABILITY") == 0);
	T_ASSERT(db_exec(db, "CREATE TABLE t_sync (v BIGINT)") == DB_OK);
	T_ASSERT(tsync_commit(db, 0, 1) >= 1);
	T_ASSERT(tsync_commit(db, 1, 2) == 0);
	T_ASSERT(tsync_commit(db, 1, 3) == 0);
	T_ASSERT(tsync_commit(db, 0, 4) >= 1);
	T_ASSERT(setenv("ETHICA_DURABILITY", "full", 1) == 0);
	T_ASSERT(tsync_commit(db, 1, 5) >= 1);
	T_ASSERT(unsetenv("ETHICA_DURABILITY") == 0);
	db_close(db);
	rm_in(tdir, "sync.db");
	rm_in(tdir, "sync.db-wal");
	rm_in(tdir, "sync.db-shm");
}

/* Lazy transactions of 8 KB rows on db until the WAL has passed a few
 * checkpoints' worth; the fsyncs of the database file (which only a
 * checkpoint makes) on this thread. Not of the WAL: a committer that
 * starts the WAL over after a checkpoint fsyncs its new header. */
static int
tsync_fill(struct db *db)
{
	struct db_stmt	*st;
	static char	 blob[8192];
	int		 i;

	tsync_db_main = 0;
	for (i = 0; i < 600; i++) {
		T_ASSERT(db_begin_lazy(db) == DB_OK);
		st = db_prepare(db, "INSERT INTO t_ck (b) VALUES ($1)");
		T_ASSERT(st != NULL);
		if (st != NULL) {
			db_bind_blob(st, 1, blob, sizeof(blob));
			T_ASSERT(db_step(st) == DB_DONE);
			db_reset(st);
		}
		T_ASSERT(db_commit(db) == DB_OK);
	}
	return (tsync_db_main);
}

/*
 * SQLite: with db_checkpoint_thread, a committer never checkpoints (no
 * fsync of the database file on its thread over 600 lazy commits, ~2,400
 * WAL pages) and the checkpoint thread does; without it (the control,
 * another file) the committer checkpoints itself.
 */
static void
test_checkpoint_thread(void)
{
	struct db	*db, *ctl;
	struct timespec	 ts = { 0, 10000000 };
	char		 path[128], err[512];
	int		 i;

	tsync_register();
	T_ASSERT(unsetenv("ETHICA_DURABILITY") == 0);
	snprintf(path, sizeof(path), "%s/ctl.db", tdir);
	T_ASSERT(db_open(&ctl, path, err, sizeof(err)) == DB_OK);
	snprintf(path, sizeof(path), "%s/ck.db", tdir);
	T_ASSERT(db_open(&db, path, err, sizeof(err)) == DB_OK);
	if (db == NULL || ctl == NULL)
		goto out;
	T_ASSERT(db_exec(ctl, "CREATE TABLE t_ck (b BLOB)") == DB_OK);
	T_ASSERT(db_exec(db, "CREATE TABLE t_ck (b BLOB)") == DB_OK);
	T_ASSERT(tsync_fill(ctl) > 0);

	T_ASSERT(db_checkpoint_thread(db) == DB_OK);
	T_ASSERT(db_checkpoint_thread(db) == DB_OK);	/* again: fine */
	T_ASSERT(db_checkpoint_thread(ctl) == DB_ERROR); /* another file */
	T_ASSERT(tsync_fill(db) == 0);
	/* The thread runs on its own time: wait for it (at most 10 s). */
	for (i = 0; i < 1000 && (db_checkpoint_runs() == 0 ||
	    __atomic_load_n(&tsync_other, __ATOMIC_SEQ_CST) == 0); i++)
		(void)nanosleep(&ts, NULL);
	T_ASSERT(db_checkpoint_runs() > 0);
	T_ASSERT(__atomic_load_n(&tsync_other, __ATOMIC_SEQ_CST) > 0);
	T_ASSERT(count_rows("SELECT 1") == 1);
out:
	db_close(db);
	db_close(ctl);
	/* The thread keeps its connection (and this VFS, which stays
	 * valid) until the process exits; main removes the files. */
	T_ASSERT(sqlite3_vfs_unregister(&tsync_vfs) == SQLITE_OK);
}

/* ---- drivers ---- */

/* Runs the whole suite on the backend at target. */
static void
run_backend(const char *target)
{
	char	err[512];

	turl = target;
	if (db_open(&tdb, target, err, sizeof(err)) != DB_OK) {
		printf("FAIL open %s: %s\n", target, err);
		t_failed++;
		return;
	}
	printf("# backend: %s\n", db_kind(tdb) == DB_PG ? "pg" : "sqlite");
	T_RUN(test_migrate);
	T_RUN(test_insert_returning);
	T_RUN(test_int64);
	T_RUN(test_text);
	T_RUN(test_nulls);
	T_RUN(test_blob);
	T_RUN(test_unique);
	T_RUN(test_foreign_key);
	T_RUN(test_rollback);
	T_RUN(test_snapshot);
	T_RUN(test_read_generation);
	T_RUN(test_data_version);
	T_RUN(test_cache);
	T_RUN(test_dollar_literal);
	T_RUN(test_bad_bind);
	T_RUN(test_many_rows);
	T_RUN(test_backup);
	T_RUN(test_begin_lazy);
	if (db_kind(tdb) == DB_PG)
		T_RUN(test_pg_reconnect);
	else {
		T_RUN(test_busy_short_naps);
		T_RUN(test_lazy_no_fsync);
		T_RUN(test_checkpoint_thread);
	}
	db_close(tdb);
	tdb = NULL;
}

/* Recreates the test schema; returns the URL that selects it (free()). */
static char *
pg_setup(const char *url)
{
	struct db	*db;
	char		 err[512], *out;
	size_t		 n;

	if (db_open(&db, url, err, sizeof(err)) != DB_OK) {
		printf("FAIL pg open: %s\n", err);
		t_failed++;
		return (NULL);
	}
	if (db_exec(db, "DROP SCHEMA IF EXISTS " PG_SCHEMA " CASCADE; "
	    "CREATE SCHEMA " PG_SCHEMA) != DB_OK) {
		printf("FAIL pg schema: %s\n", db_errmsg(db));
		t_failed++;
		db_close(db);
		return (NULL);
	}
	db_close(db);
	n = strlen(url) + 64;
	out = xmalloc(n);
	snprintf(out, n, "%s%soptions=-csearch_path%%3D" PG_SCHEMA, url,
	    strchr(url, '?') != NULL ? "&" : "?");
	return (out);
}

static void
pg_teardown(const char *url)
{
	struct db	*db;
	char		 err[512];

	if (db_open(&db, url, err, sizeof(err)) != DB_OK)
		return;
	(void)db_exec(db, "DROP SCHEMA IF EXISTS " PG_SCHEMA " CASCADE");
	db_close(db);
}

int
main(void)
{
	const char	*pg;
	char		 path[128], *pgurl;

	T_RUN(test_sql_qmark);
	T_RUN(test_pg_conninfo);
	T_RUN(test_open_errors);

	snprintf(tdir, sizeof(tdir), "/tmp/ethica-test-db-XXXXXX");
	if (mkdtemp(tdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	snprintf(path, sizeof(path), "%s/test.db", tdir);
	run_backend(path);
	rm_in(tdir, "test.db");
	rm_in(tdir, "test.db-wal");
	rm_in(tdir, "test.db-shm");

	pg = getenv("ETHICA_TEST_PG");
	if (pg == NULL || *pg == '\0') {
		T_SKIPPED("PostgreSQL backend", "ETHICA_TEST_PG unset");
	} else if ((pgurl = pg_setup(pg)) != NULL) {
		run_backend(pgurl);
		free(pgurl);
		pg_teardown(pg);
	}
	rm_in(tdir, "backup.db.tmp");
	rm_in(tdir, "ck.db");
	rm_in(tdir, "ck.db-wal");
	rm_in(tdir, "ck.db-shm");
	rm_in(tdir, "ctl.db");
	rm_in(tdir, "ctl.db-wal");
	rm_in(tdir, "ctl.db-shm");
	if (rmdir(tdir) == -1)
		perror(tdir);
	return (t_done());
}
