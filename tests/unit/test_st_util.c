/*
 * test_st_util.c: the store's one way of binding and reading rows
 * (st_util.h): values bound by ST_PREP (st_opt: a value or NULL), every
 * row into an array (st_rows, its cap), one row into a struct (st_row),
 * a struct read and bound through its column table (st_cols_read,
 * st_cols_bind), rows read through a column table (ST_ROWS_COLS,
 * ST_ROW_COLS), the user insert bound through user_cols, an array grown
 * by hand (st_grow). On SQLite and, with ETHICA_TEST_PG, on PostgreSQL
 * (a fresh migrated store from tstore.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"
#include "t.h"
#include "tstore.h"

/* The numbers 1..$1, one a row, with their text. */
#define COUNT_SQL "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL" \
	" SELECT x + 1 FROM c WHERE x < CAST($1 AS BIGINT))" \
	" SELECT x, CAST(x AS TEXT) FROM c"

struct num {
	int64_t	 x;
	char	*text;
	int64_t	 untouched;	/* never read: must stay zero */
};

/* A row with a field of each kind, and its column table. */
struct mixed {
	int64_t	 n;
	char	*text;
	int	 flag;
	char	*none;		/* bound NULL, read back as "" */
};

static const struct st_col mixed_cols[] = {
	ST_COL(struct mixed, n),
	ST_COL(struct mixed, text),
	ST_COL(struct mixed, flag),
	ST_COL(struct mixed, none)
};

static struct db	*tdb;

static void
num_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct num	*r = p;

	r->x = db_col_int(s, 0);
	r->text = st_text(a, s, 1);
}

static struct db_stmt *
count_stmt(int64_t upto)
{
	struct db_stmt	*s;

	if ((s = db_prepare(tdb, COUNT_SQL)) != NULL)
		db_bind_int(s, 1, upto);
	return (s);
}

/* Many rows, past several growths: all there, in order, the rest zero. */
static void
test_rows_all(void)
{
	struct arena	*a = arena_new();
	struct num	*rows;
	size_t		 n, i;
	char		 want[32];
	int		 ok = 1;

	T_ASSERT(ST_ROWS(a, count_stmt(1000), num_read, &rows, &n) ==
	    STORE_OK);
	T_ASSERT(n == 1000);
	for (i = 0; i < n; i++) {
		(void)snprintf(want, sizeof(want), "%zu", i + 1);
		if (rows[i].x != (int64_t)i + 1 ||
		    strcmp(rows[i].text, want) != 0 || rows[i].untouched != 0)
			ok = 0;
	}
	T_ASSERT(ok);
	arena_free(a);
}

/* No rows: NULL and 0, not an error; a failed prepare is an error. */
static void
test_rows_empty(void)
{
	struct arena	*a = arena_new();
	struct num	*rows = (struct num *)1;
	size_t		 n = 7;

	T_ASSERT(ST_ROWS(a, db_prepare(tdb, "SELECT 1, '' WHERE 1 = 0"),
	    num_read, &rows, &n) == STORE_OK);
	T_ASSERT(rows == NULL && n == 0);
	rows = (struct num *)1;
	T_ASSERT(ST_ROWS(a, NULL, num_read, &rows, &n) == STORE_ERROR);
	T_ASSERT(rows == NULL && n == 0);
	arena_free(a);
}

/* The cap: max rows is fine, one more fails (and the statement is reset,
 * so the connection can go on). */
static void
test_rows_cap(void)
{
	struct arena	*a = arena_new();
	struct num	*rows;
	size_t		 n;

	T_ASSERT(st_rows(a, count_stmt(10), sizeof(*rows), 10, num_read,
	    (void **)&rows, &n) == STORE_OK && n == 10);
	T_ASSERT(st_rows(a, count_stmt(11), sizeof(*rows), 10, num_read,
	    (void **)&rows, &n) == STORE_ERROR);
	T_ASSERT(ST_ROWS(a, count_stmt(3), num_read, &rows, &n) ==
	    STORE_OK && n == 3 && rows[2].x == 3);
	arena_free(a);
}

/* One row: read; none: STORE_NOT_FOUND and the struct as it was. */
static void
test_row(void)
{
	struct arena	*a = arena_new();
	struct num	 r;

	memset(&r, 0, sizeof(r));
	T_ASSERT(st_row(a, count_stmt(5), num_read, &r) == STORE_OK);
	T_ASSERT(r.x == 1);
	T_STREQ(r.text, "1");
	r.x = 42;
	T_ASSERT(st_row(a, db_prepare(tdb, "SELECT 1, '' WHERE 1 = 0"),
	    num_read, &r) == STORE_NOT_FOUND);
	T_ASSERT(r.x == 42);
	T_ASSERT(st_row(a, NULL, num_read, &r) == STORE_ERROR);
	arena_free(a);
}

/* ST_PREP binds $1..$n in order, integers and text (NULL as SQL NULL);
 * a failed prepare is NULL, which the readers turn into STORE_ERROR. */
static void
test_prep(void)
{
	struct arena	*a = arena_new();
	char		*t = NULL;
	int64_t		 v = 0;

	T_ASSERT(st_int(ST_PREP(tdb, "SELECT CAST($1 AS BIGINT) * 10 +"
	    " CAST($2 AS BIGINT)", st_i(4), st_i(2)), &v) == STORE_OK);
	T_ASSERT(v == 42);
	T_ASSERT(st_str(a, ST_PREP(tdb, "SELECT CAST($1 AS TEXT) ||"
	    " CAST($2 AS TEXT)", st_t("ab"), st_t("c")), &t) == STORE_OK);
	T_STREQ(t, "abc");
	T_ASSERT(st_int(ST_PREP(tdb, "SELECT CASE WHEN CAST($1 AS TEXT)"
	    " IS NULL THEN 7 ELSE 0 END", st_t(NULL)), &v) == STORE_OK);
	T_ASSERT(v == 7);
	T_ASSERT(ST_PREP(tdb, "SELEC nothing", st_i(1)) == NULL);
	T_ASSERT(st_run(ST_PREP(tdb, "SELEC nothing", st_i(1))) ==
	    STORE_ERROR);
	arena_free(a);
}

static void
mixed_read(struct arena *a, struct db_stmt *s, void *p)
{
	st_cols_read(a, s, 1, mixed_cols, ST_NITEMS(mixed_cols), p);
}

/* A struct bound through its column table comes back the same through
 * the same table, read from a given first column. */
/* st_opt binds a value, or SQL NULL for 0 and below (absent), into an
 * integer parameter. */
static void
test_opt(void)
{
	int64_t	v = 0;

	T_ASSERT(st_int(ST_PREP(tdb, "SELECT COALESCE(CAST($1 AS BIGINT), -1)",
	    st_opt(42)), &v) == STORE_OK);
	T_ASSERT(v == 42);
	T_ASSERT(st_int(ST_PREP(tdb, "SELECT COALESCE(CAST($1 AS BIGINT), -1)",
	    st_opt(0)), &v) == STORE_OK);
	T_ASSERT(v == -1);
	T_ASSERT(st_int(ST_PREP(tdb, "SELECT COALESCE(CAST($1 AS BIGINT), -1)",
	    st_opt(-5)), &v) == STORE_OK);
	T_ASSERT(v == -1);
}

static void
test_cols(void)
{
	struct arena	*a = arena_new();
	struct mixed	 in = { -5, "x'y", 3, NULL }, out;
	struct db_stmt	*s;

	memset(&out, 0, sizeof(out));
	s = db_prepare(tdb, "SELECT 99, CAST($1 AS BIGINT),"
	    " CAST($2 AS TEXT), CAST($3 AS BIGINT), CAST($4 AS TEXT)");
	st_cols_bind(s, 1, mixed_cols, ST_NITEMS(mixed_cols), &in);
	T_ASSERT(st_row(a, s, mixed_read, &out) == STORE_OK);
	T_ASSERT(out.n == -5);
	T_STREQ(out.text, "x'y");
	T_ASSERT(out.flag == 1);
	T_STREQ(out.none, "");
	st_cols_bind(NULL, 1, mixed_cols, ST_NITEMS(mixed_cols), &in);
	arena_free(a);
}

/* st_prep_row binds the fields as $1..$n and the values after them. */
static void
test_prep_row(void)
{
	struct arena	*a = arena_new();
	struct mixed	 in = { 7, "row", 0, NULL }, out;
	char		*t = NULL;

	memset(&out, 0, sizeof(out));
	T_ASSERT(st_row(a, ST_PREP_ROW(tdb, "SELECT 0, CAST($5 AS BIGINT) +"
	    " CAST($1 AS BIGINT), CAST($2 AS TEXT) || CAST($6 AS TEXT),"
	    " CAST($3 AS BIGINT), CAST($4 AS TEXT)", mixed_cols,
	    ST_NITEMS(mixed_cols), &in, st_i(100), st_t("+arg")), mixed_read,
	    &out) == STORE_OK);
	T_ASSERT(out.n == 107);
	T_STREQ(out.text, "row+arg");
	T_ASSERT(out.flag == 0);
	T_STREQ(out.none, "");
	T_ASSERT(st_str(a, st_prep_row(tdb, "SELECT CAST($1 AS TEXT)",
	    mixed_cols + 1, 1, &in, NULL, 0), &t) == STORE_OK);
	T_STREQ(t, "row");
	arena_free(a);
}

/* (x, text) of COUNT_SQL into a struct num: a reader as data. */
static const struct st_col num_cols[] = {
	ST_COL(struct num, x),
	ST_COL(struct num, text)
};

/* ST_ROWS_COLS and ST_ROW_COLS read through a column table as st_rows and
 * st_row do through a reader: every row, the cap, one row, none, and a
 * failed prepare. */
static void
test_rows_cols(void)
{
	struct arena	*a = arena_new();
	struct num	*rows, r;
	size_t		 n;

	T_ASSERT(ST_ROWS_COLS(a, count_stmt(40), num_cols, &rows, &n) ==
	    STORE_OK);
	T_ASSERT(n == 40 && rows[39].x == 40 && rows[0].untouched == 0);
	T_STREQ(rows[39].text, "40");
	T_ASSERT(st_rows_cols(a, count_stmt(5), sizeof(*rows), 4, num_cols,
	    ST_NITEMS(num_cols), (void **)&rows, &n) == STORE_ERROR);
	T_ASSERT(ST_ROWS_COLS(a, NULL, num_cols, &rows, &n) == STORE_ERROR &&
	    rows == NULL && n == 0);
	memset(&r, 0, sizeof(r));
	T_ASSERT(ST_ROW_COLS(a, count_stmt(5), num_cols, &r) == STORE_OK);
	T_ASSERT(r.x == 1 && r.untouched == 0);
	T_STREQ(r.text, "1");
	r.x = 42;
	T_ASSERT(ST_ROW_COLS(a, db_prepare(tdb, "SELECT 1, '' WHERE 1 = 0"),
	    num_cols, &r) == STORE_NOT_FOUND && r.x == 42);
	T_ASSERT(ST_ROW_COLS(a, NULL, num_cols, &r) == STORE_ERROR);
	arena_free(a);
}

/* A user inserted without a language or a country (bound through
 * user_cols) has "" for both, and NULLIF keeps an unset verified_at NULL
 * (read back as 0). */
static void
test_user_insert(void)
{
	struct arena	*a = arena_new();
	struct user_row	 u, got;
	int64_t		 id = 0;

	memset(&u, 0, sizeof(u));
	u.email = "nolang@example.org";
	u.display_name = "No Lang";
	u.password_hash = "h";
	u.role = "learner";
	T_ASSERT(store_user_insert(tdb, &u, 1000, &id) == STORE_OK && id > 0);
	T_ASSERT(store_user_by_id(tdb, a, id, &got) == STORE_OK);
	T_STREQ(got.email, "nolang@example.org");
	T_STREQ(got.language, "");
	T_STREQ(got.country, "");
	T_ASSERT(got.verified_at == 0 && got.created_at == 1000);
	T_ASSERT(store_user_insert(tdb, &u, 1000, &id) == STORE_DUPLICATE);
	arena_free(a);
}

/* The key of a newest-first page: the first page sees every id, after
 * and before id k compare with k. */
static void
test_page_key(void)
{
	T_ASSERT(st_page_key(0) == INT64_MAX);
	T_ASSERT(st_page_key(17) == 17);
	T_ASSERT(st_page_key(-17) == 17);
}

/* st_grow keeps what was there and hands out zeroed room. */
static void
test_grow(void)
{
	struct arena	*a = arena_new();
	int64_t		*v = NULL;
	size_t		 cap = 0, i;
	int		 ok = 1;

	for (i = 0; i < 100; i++) {
		v = st_grow(a, v, i, &cap, sizeof(*v));
		if (v[i] != 0)
			ok = 0;
		v[i] = (int64_t)i * 3;
	}
	T_ASSERT(cap >= 100 && cap < 200);
	for (i = 0; i < 100; i++) {
		if (v[i] != (int64_t)i * 3)
			ok = 0;
	}
	T_ASSERT(ok);
	arena_free(a);
}

static void
run_backend(int pg)
{
	if ((tdb = tstore_open(pg)) == NULL) {
		t_failed++;
		printf("FAIL open the %s store\n", pg ? "PostgreSQL" :
		    "SQLite");
		return;
	}
	T_RUN(test_rows_all);
	T_RUN(test_rows_empty);
	T_RUN(test_rows_cap);
	T_RUN(test_row);
	T_RUN(test_prep);
	T_RUN(test_opt);
	T_RUN(test_cols);
	T_RUN(test_prep_row);
	T_RUN(test_rows_cols);
	T_RUN(test_user_insert);
	tstore_close(tdb);
	tdb = NULL;
}

int
main(void)
{
	run_backend(0);
	if (t_have_pg())
		run_backend(1);
	else
		T_SKIPPED("PostgreSQL backend", "ETHICA_TEST_PG unset");
	T_RUN(test_grow);
	T_RUN(test_page_key);
	return (t_done());
}
