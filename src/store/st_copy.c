/*
 * st_copy.c: store_copy(), the engine of `ethica db copy` (see st_copy.h).
 *
 * It reads the table list and foreign keys from the SQLite catalogue, the
 * columns and their types from the PostgreSQL catalogue, and copies rows
 * column by column through the db_* calls. It is the one store file that
 * assembles SQL text at run time, and only from catalogue names that
 * passed ident_ok() ([a-z_][a-z0-9_]*), always double-quoted; values are
 * always bound. It never writes to the source database.
 */
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "store/db.h"
#include "store/st_copy.h"
#include "store/st_util.h"
#include "store/store.h"

#define COL_TEXT	0
#define COL_INT		1
#define COL_BLOB	2

struct ctable {
	char		 *name;
	char		**deps;		/* parent tables (foreign keys) */
	size_t		  ndeps;
	char		**cols;		/* target columns, not generated */
	int		 *kinds;	/* COL_* by the target column type */
	size_t		  ncols;
	char		**ids;		/* identity columns of the target */
	size_t		  nids;
	int		  placed;
	int		  rowid;	/* 0 for a WITHOUT ROWID table */
	int64_t		  rows;
};

struct copy {
	struct db	*src;
	struct db	*dst;
	struct arena	*a;
	char		*err;
	size_t		 errlen;
	struct ctable	*t;
	size_t		 nt;
};

static int	 ident_ok(const char *);
static int	 clear_seeded(struct copy *);
static void	 push(struct arena *, char ***, size_t *, char *);
static int	 fail(struct copy *, struct db *, const char *, const char *);
static int	 count_rows(struct copy *, struct db *, const char *,
		    int64_t *);
static int	 versions(struct copy *, struct db *, struct buf *);
static int	 check_versions(struct copy *);
static int	 check_empty(struct copy *);
static int	 is_shadow(const char *, char **, size_t);
static int	 src_tables(struct copy *);
static int	 dst_has(struct copy *, const char *);
static int	 load_deps(struct copy *, struct ctable *);
static int	 order_tables(struct copy *);
static int	 load_columns(struct copy *, struct ctable *);
static int	 src_columns(struct copy *, struct ctable *);
static void	 bind_value(struct db_stmt *, struct db_stmt *, size_t, int);
static int	 copy_rows(struct copy *, struct ctable *);
static int	 reset_sequences(struct copy *, struct ctable *);
static int	 verify_counts(struct copy *, struct ctable *);
static int	 run(struct copy *);

/* 1 when s is a plain lower-case SQL name we are willing to quote. */
static int
ident_ok(const char *s)
{
	size_t	n;

	n = strlen(s);
	if (n == 0 || n > 63 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return (0);
	return (strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n);
}

/* Appends s to the arena array *arr of *n strings (grown by st_grow,
 * whose capacities are 0, 16, 32, 64, ...: the one for *n is implied). */
static void
push(struct arena *a, char ***arr, size_t *n, char *s)
{
	size_t	cap;

	for (cap = *n > 0 ? 16 : 0; cap > 0 && cap < *n; cap *= 2)
		;
	*arr = st_grow(a, *arr, *n, &cap, sizeof(**arr));
	(*arr)[(*n)++] = s;
}

/* Records "what name: error of db" and returns STORE_ERROR. */
static int
fail(struct copy *cp, struct db *db, const char *what, const char *name)
{
	snprintf(cp->err, cp->errlen, "%s %s: %s", what, name,
	    db != NULL ? db_errmsg(db) : "");
	return (STORE_ERROR);
}

static int
count_rows(struct copy *cp, struct db *db, const char *table, int64_t *n)
{
	char	*sql;

	sql = arena_printf(cp->a, "SELECT count(*) FROM \"%s\"", table);
	if (st_int(db_prepare(db, sql), n) != STORE_OK)
		return (fail(cp, db, "counting rows of", table));
	return (STORE_OK);
}

/* The applied migration versions of db as "1,2,3". */
static int
versions(struct copy *cp, struct db *db, struct buf *out)
{
	struct db_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT version FROM schema_migrations "
	    "ORDER BY version");
	if (st == NULL)
		return (fail(cp, db, "reading", "schema_migrations"));
	while ((rc = db_step(st)) == DB_ROW)
		buf_appendf(out, "%s%lld", out->len > 0 ? "," : "",
		    (long long)db_col_int(st, 0));
	db_reset(st);
	if (rc != DB_DONE)
		return (fail(cp, db, "reading", "schema_migrations"));
	buf_putc(out, '\0');
	return (STORE_OK);
}

/* Both databases must have exactly the same migrations applied. */
static int
check_versions(struct copy *cp)
{
	struct buf	s, d;
	int		rc;

	buf_init(&s);
	buf_init(&d);
	rc = versions(cp, cp->src, &s);
	if (rc == STORE_OK)
		rc = versions(cp, cp->dst, &d);
	if (rc == STORE_OK && strcmp(s.data, d.data) != 0) {
		snprintf(cp->err, cp->errlen, "schema versions differ: source "
		    "has [%s], target has [%s] (run `ethica migrate` on both "
		    "with the same release)", s.data, d.data);
		rc = STORE_ERROR;
	}
	buf_free(&s);
	buf_free(&d);
	return (rc);
}

/* Every table of the target but schema_migrations must be empty. */
static int
check_empty(struct copy *cp)
{
	struct db_stmt	 *st;
	char		**names;
	size_t		  n, i;
	int64_t		  rows;

	/* Migrations seed content_version's single row: the copy
	 * replaces it with the source's (see clear_seeded). */
	st = db_prepare(cp->dst, "SELECT table_name FROM "
	    "information_schema.tables WHERE table_schema = current_schema() "
	    "AND table_type = 'BASE TABLE' AND table_name NOT IN "
	    "('schema_migrations', 'content_version') ORDER BY table_name");
	if (ST_ROWS(cp->a, st, st_str_read, &names, &n) != STORE_OK)
		return (fail(cp, cp->dst, "listing", "target tables"));
	for (i = 0; i < n; i++) {
		if (!ident_ok(names[i]))
			return (fail(cp, NULL, "unsupported table name",
			    names[i]));
		if (count_rows(cp, cp->dst, names[i], &rows) != STORE_OK)
			return (STORE_ERROR);
		if (rows > 0) {
			snprintf(cp->err, cp->errlen, "the target is not empty: "
			    "table %s has %lld rows (copy only into a new, "
			    "migrated database)", names[i], (long long)rows);
			return (STORE_ERROR);
		}
	}
	return (STORE_OK);
}

/* 1 when name is a shadow table of one of the virtual tables vt. */
static int
is_shadow(const char *name, char **vt, size_t nvt)
{
	size_t	i, len;

	for (i = 0; i < nvt; i++) {
		len = strlen(vt[i]);
		if (strncmp(name, vt[i], len) == 0 && name[len] == '_')
			return (1);
	}
	return (0);
}

/* The source tables worth copying, into cp->t. */
static int
src_tables(struct copy *cp)
{
	struct db_stmt	 *st;
	char		**all, **sqls, **vt, *sql;
	size_t		  nall, nsqls, nvt, i;
	int		  rc;

	all = sqls = vt = NULL;
	nall = nsqls = nvt = 0;
	st = db_prepare(cp->src, "SELECT name, COALESCE(sql, '') FROM "
	    "sqlite_master WHERE type = 'table' ORDER BY name");
	if (st == NULL)
		return (fail(cp, cp->src, "reading", "sqlite_master"));
	while ((rc = db_step(st)) == DB_ROW) {
		sql = st_text(cp->a, st, 1);
		if (strncmp(sql, "CREATE VIRTUAL", 14) == 0)
			push(cp->a, &vt, &nvt, st_text(cp->a, st, 0));
		else {
			push(cp->a, &all, &nall, st_text(cp->a, st, 0));
			push(cp->a, &sqls, &nsqls, sql);
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return (fail(cp, cp->src, "reading", "sqlite_master"));
	cp->t = arena_alloc(cp->a, (nall + 1) * sizeof(*cp->t));
	for (i = 0; i < nall; i++) {
		if (strncmp(all[i], "sqlite_", 7) == 0 ||
		    strcmp(all[i], "schema_migrations") == 0 ||
		    is_shadow(all[i], vt, nvt))
			continue;
		if (!ident_ok(all[i]))
			return (fail(cp, NULL, "unsupported table name", all[i]));
		cp->t[cp->nt].rowid = strstr(sqls[i], "WITHOUT ROWID") == NULL;
		cp->t[cp->nt++].name = all[i];
	}
	return (STORE_OK);
}

/* 1 when the target has the table, 0 when not, -1 on error. */
static int
dst_has(struct copy *cp, const char *name)
{
	struct db_stmt	*st;
	int64_t		 one;
	int		 rc;

	if ((st = db_prepare(cp->dst, "SELECT 1 FROM information_schema.tables "
	    "WHERE table_schema = current_schema() AND table_name = $1 "
	    "AND table_type = 'BASE TABLE'")) != NULL)
		db_bind_text(st, 1, name);
	if ((rc = st_int(st, &one)) == STORE_OK)
		return (1);
	return (rc == STORE_NOT_FOUND ? 0 : -1);
}

/* The tables t refers to with foreign keys in the source. */
static int
load_deps(struct copy *cp, struct ctable *t)
{
	struct db_stmt	*st;
	char		*dep;
	int		 rc;

	st = db_prepare(cp->src, "SELECT DISTINCT \"table\" FROM "
	    "pragma_foreign_key_list($1)");
	if (st == NULL)
		return (fail(cp, cp->src, "foreign keys of", t->name));
	db_bind_text(st, 1, t->name);
	while ((rc = db_step(st)) == DB_ROW) {
		dep = st_text(cp->a, st, 0);
		if (strcmp(dep, t->name) != 0)
			push(cp->a, &t->deps, &t->ndeps, dep);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return (fail(cp, cp->src, "foreign keys of", t->name));
	return (STORE_OK);
}

/* Sorts cp->t so that every table comes after the tables it refers to. */
static int
order_tables(struct copy *cp)
{
	struct ctable	*out;
	size_t		 n, i, j, k, before;

	out = arena_alloc(cp->a, (cp->nt + 1) * sizeof(*out));
	n = 0;
	while (n < cp->nt) {
		before = n;
		for (i = 0; i < cp->nt; i++) {
			if (cp->t[i].placed)
				continue;
			for (j = 0; j < cp->t[i].ndeps; j++) {
				for (k = 0; k < n; k++) {
					if (strcmp(out[k].name,
					    cp->t[i].deps[j]) == 0)
						break;
				}
				if (k == n)
					break;
			}
			if (j < cp->t[i].ndeps)
				continue;
			cp->t[i].placed = 1;
			out[n++] = cp->t[i];
		}
		if (n == before) {
			snprintf(cp->err, cp->errlen, "cannot order the tables "
			    "by their foreign keys (a cycle, or a reference to "
			    "a table that is not copied)");
			return (STORE_ERROR);
		}
	}
	cp->t = out;
	return (STORE_OK);
}

/* The target's columns of t, their kinds and identity columns; then
 * checks that the source has the same set of columns. */
static int
load_columns(struct copy *cp, struct ctable *t)
{
	struct db_stmt	*st;
	const char	*type;
	char		*col;
	int		 rc, kind;

	st = db_prepare(cp->dst, "SELECT column_name, data_type, is_identity "
	    "FROM information_schema.columns WHERE table_schema = "
	    "current_schema() AND table_name = $1 AND is_generated = 'NEVER' "
	    "ORDER BY ordinal_position");
	if (st == NULL)
		return (fail(cp, cp->dst, "columns of", t->name));
	db_bind_text(st, 1, t->name);
	t->kinds = arena_alloc(cp->a, 256 * sizeof(*t->kinds));
	while ((rc = db_step(st)) == DB_ROW && t->ncols < 256) {
		col = st_text(cp->a, st, 0);
		type = db_col_text(st, 1);
		kind = COL_TEXT;
		if (strcmp(type, "bigint") == 0 || strcmp(type, "integer") == 0
		    || strcmp(type, "smallint") == 0 ||
		    strcmp(type, "boolean") == 0)
			kind = COL_INT;
		else if (strcmp(type, "bytea") == 0)
			kind = COL_BLOB;
		t->kinds[t->ncols] = kind;
		if (strcmp(db_col_text(st, 2), "YES") == 0)
			push(cp->a, &t->ids, &t->nids, col);
		push(cp->a, &t->cols, &t->ncols, col);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return (fail(cp, cp->dst, "columns of", t->name));
	return (src_columns(cp, t));
}

/* Every source column must exist in the target and the other way round. */
static int
src_columns(struct copy *cp, struct ctable *t)
{
	struct db_stmt	*st;
	const char	*name;
	size_t		 i, seen;
	int		 rc;

	seen = 0;
	st = db_prepare(cp->src, "SELECT name FROM pragma_table_info($1)");
	if (st == NULL)
		return (fail(cp, cp->src, "columns of", t->name));
	db_bind_text(st, 1, t->name);
	while ((rc = db_step(st)) == DB_ROW) {
		name = db_col_text(st, 0);
		for (i = 0; i < t->ncols; i++) {
			if (strcmp(t->cols[i], name) == 0)
				break;
		}
		if (i == t->ncols) {
			snprintf(cp->err, cp->errlen, "column %s.%s of the "
			    "source has no place in the target", t->name, name);
			db_reset(st);
			return (STORE_ERROR);
		}
		seen++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return (fail(cp, cp->src, "columns of", t->name));
	if (seen != t->ncols) {
		snprintf(cp->err, cp->errlen, "table %s: the target has %zu "
		    "columns, the source %zu", t->name, t->ncols, seen);
		return (STORE_ERROR);
	}
	for (i = 0; i < t->ncols; i++) {
		if (!ident_ok(t->cols[i]))
			return (fail(cp, NULL, "unsupported column name",
			    t->cols[i]));
	}
	return (STORE_OK);
}

/* Binds column i of the current source row as parameter i + 1. */
static void
bind_value(struct db_stmt *sel, struct db_stmt *ins, size_t i, int kind)
{
	const void	*p;
	size_t		 len;
	int		 col;

	col = (int)i;
	if (db_col_isnull(sel, col)) {
		db_bind_null(ins, col + 1);
		return;
	}
	switch (kind) {
	case COL_INT:
		db_bind_int(ins, col + 1, db_col_int(sel, col));
		break;
	case COL_BLOB:
		len = 0;
		p = db_col_blob(sel, col, &len);
		db_bind_blob(ins, col + 1, p != NULL ? p : "", len);
		break;
	default:
		db_bind_text(ins, col + 1, db_col_text(sel, col));
		break;
	}
}

/* Copies every row of t. */
static int
copy_rows(struct copy *cp, struct ctable *t)
{
	struct db_stmt	*sel, *ins;
	struct buf	 s, w;
	size_t		 i;
	int		 rc, irc;

	buf_init(&s);
	buf_init(&w);
	for (i = 0; i < t->ncols; i++) {
		buf_appendf(&s, "%s\"%s\"", i > 0 ? ", " : "", t->cols[i]);
		buf_appendf(&w, "%s$%zu", i > 0 ? ", " : "", i + 1);
	}
	buf_putc(&s, '\0');
	buf_putc(&w, '\0');
	/* In rowid order, so that parents of self references come first. */
	sel = db_prepare(cp->src, arena_printf(cp->a, "SELECT %s FROM \"%s\"%s",
	    s.data, t->name, t->rowid ? " ORDER BY rowid" : ""));
	ins = db_prepare(cp->dst, arena_printf(cp->a, "INSERT INTO \"%s\" "
	    "(%s) VALUES (%s)", t->name, s.data, w.data));
	buf_free(&s);
	buf_free(&w);
	if (sel == NULL)
		return (fail(cp, cp->src, "reading", t->name));
	if (ins == NULL)
		return (fail(cp, cp->dst, "inserting into", t->name));
	while ((rc = db_step(sel)) == DB_ROW) {
		for (i = 0; i < t->ncols; i++)
			bind_value(sel, ins, i, t->kinds[i]);
		irc = db_step(ins);
		db_reset(ins);
		if (irc != DB_DONE) {
			db_reset(sel);
			return (fail(cp, cp->dst, "inserting into", t->name));
		}
		t->rows++;
	}
	db_reset(sel);
	if (rc != DB_DONE)
		return (fail(cp, cp->src, "reading", t->name));
	return (STORE_OK);
}

/* Moves each identity sequence of t past the largest copied id. */
static int
reset_sequences(struct copy *cp, struct ctable *t)
{
	struct db_stmt	*st;
	char		*seq;
	int64_t		 max;
	size_t		 i;

	for (i = 0; i < t->nids; i++) {
		if ((st = db_prepare(cp->dst, "SELECT "
		    "pg_get_serial_sequence($1, $2)")) != NULL) {
			db_bind_text(st, 1, t->name);
			db_bind_text(st, 2, t->ids[i]);
		}
		if (st_str(cp->a, st, &seq) != STORE_OK)
			return (fail(cp, cp->dst, "sequence of", t->name));
		if (*seq == '\0')
			continue;
		if (st_int(db_prepare(cp->dst, arena_printf(cp->a, "SELECT "
		    "COALESCE(max(\"%s\"), 0) FROM \"%s\"", t->ids[i],
		    t->name)), &max) != STORE_OK)
			return (fail(cp, cp->dst, "max id of", t->name));
		st = db_prepare(cp->dst, "SELECT setval(CAST($1 AS regclass), "
		    "$2, $3)");
		if (st == NULL)
			return (fail(cp, cp->dst, "setval for", t->name));
		db_bind_text(st, 1, seq);
		db_bind_int(st, 2, max > 0 ? max : 1);
		db_bind_text(st, 3, max > 0 ? "true" : "false");
		if (st_run(st) != STORE_OK)
			return (fail(cp, cp->dst, "setval for", t->name));
	}
	return (STORE_OK);
}

/* Source rows = copied rows = target rows. */
static int
verify_counts(struct copy *cp, struct ctable *t)
{
	int64_t	ns, nd;

	if (count_rows(cp, cp->src, t->name, &ns) != STORE_OK ||
	    count_rows(cp, cp->dst, t->name, &nd) != STORE_OK)
		return (STORE_ERROR);
	if (ns != t->rows || nd != t->rows) {
		snprintf(cp->err, cp->errlen, "table %s: %lld rows in the "
		    "source, %lld copied, %lld in the target", t->name,
		    (long long)ns, (long long)t->rows, (long long)nd);
		return (STORE_ERROR);
	}
	return (STORE_OK);
}

/* Empties the tables whose rows the migrations made, so the source's
 * rows take their place. */
static int
clear_seeded(struct copy *cp)
{
	if (db_exec(cp->dst, "DELETE FROM content_version") != DB_OK)
		return (fail(cp, cp->dst, "clearing", "content_version"));
	return (STORE_OK);
}

/* Every step, inside the transactions store_copy() opened. */
static int
run(struct copy *cp)
{
	size_t	i;
	int	has;

	if (check_versions(cp) != STORE_OK || check_empty(cp) != STORE_OK ||
	    clear_seeded(cp) != STORE_OK || src_tables(cp) != STORE_OK)
		return (STORE_ERROR);
	for (i = 0; i < cp->nt; i++) {
		if ((has = dst_has(cp, cp->t[i].name)) != 1)
			return (has == 0 ? fail(cp, NULL, "the target has no "
			    "table", cp->t[i].name) : fail(cp, cp->dst,
			    "looking up", cp->t[i].name));
		if (load_deps(cp, &cp->t[i]) != STORE_OK ||
		    load_columns(cp, &cp->t[i]) != STORE_OK)
			return (STORE_ERROR);
	}
	if (order_tables(cp) != STORE_OK)
		return (STORE_ERROR);
	for (i = 0; i < cp->nt; i++) {
		if (copy_rows(cp, &cp->t[i]) != STORE_OK ||
		    reset_sequences(cp, &cp->t[i]) != STORE_OK)
			return (STORE_ERROR);
	}
	for (i = 0; i < cp->nt; i++) {
		if (verify_counts(cp, &cp->t[i]) != STORE_OK)
			return (STORE_ERROR);
	}
	return (STORE_OK);
}

int
store_copy(struct db *src, struct db *dst, struct arena *a,
    struct copy_table **tables, size_t *ntables, char *err, size_t errlen)
{
	struct copy	cp;
	size_t		i;
	int		rc;

	*tables = NULL;
	*ntables = 0;
	if (db_kind(src) != DB_SQLITE || db_kind(dst) != DB_PG) {
		snprintf(err, errlen, "copy goes from SQLite to PostgreSQL");
		return (STORE_ERROR);
	}
	memset(&cp, 0, sizeof(cp));
	cp.src = src;
	cp.dst = dst;
	cp.a = a;
	cp.err = err;
	cp.errlen = errlen;
	if (db_begin(src) != DB_OK)
		return (fail(&cp, src, "locking", "the source"));
	if (db_begin(dst) != DB_OK) {
		(void)db_rollback(src);
		return (fail(&cp, dst, "starting", "a transaction"));
	}
	rc = run(&cp);
	if (rc == STORE_OK && db_commit(dst) != DB_OK)
		rc = fail(&cp, dst, "committing", "the copy");
	if (rc != STORE_OK && db_in_tx(dst))
		(void)db_rollback(dst);
	(void)db_rollback(src);
	if (rc != STORE_OK)
		return (rc);
	*tables = arena_alloc(a, (cp.nt + 1) * sizeof(**tables));
	for (i = 0; i < cp.nt; i++) {
		(*tables)[i].name = cp.t[i].name;
		(*tables)[i].rows = cp.t[i].rows;
	}
	*ntables = cp.nt;
	return (STORE_OK);
}
