/*
 * db.c: the driver-independent half of the database layer (see db.h).
 *
 * It owns the parts both drivers share: picking the driver from the
 * target string, the per-connection statement cache (an open addressing
 * hash table keyed by the caller's SQL text pointer), the transaction
 * flag, the error text, argument checks, and the $N parameter scanner.
 * Every public db_* call forwards to the driver's function table. It
 * never talks to SQLite or libpq itself.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/mem.h"
#include "store/db.h"

/* Ends a read snapshot (see db_snapshot_begin). */
#define SNAPSHOT_END	"COMMIT"

static size_t		 cache_slot(const struct db *, const char *);
static int		 begin(struct db *, int);
static void		 lazy_end(struct db *);
static int		 snapshot_run(struct db *, const char *);
static void		 snapshot_before(struct db_stmt *);
static void		 cache_put(struct db *, struct db_stmt *);
static void		 cache_grow(struct db *);
static size_t		 sql_skip(const char *, size_t);
static int		 sql_scan(const char *, char *);
static int		 bind_ok(struct db_stmt *, int);
static int		 report(struct db *, int, const char *);

/* This process's last store error (see db_last_error). */
static struct {
	char	code[32];
	char	stmt[64];
	int64_t	when;
} last_error;

/*
 * Picks the driver from target (postgresql:// or postgres:// for libpq,
 * anything else is a SQLite path) and opens a connection. See db.h.
 */
int
db_open(struct db **out, const char *target, char *err, size_t errlen)
{
	*out = NULL;
	if (target == NULL || *target == '\0') {
		snprintf(err, errlen, "no database target given");
		return (DB_ERROR);
	}
	if (strncmp(target, "postgresql://", 13) == 0 ||
	    strncmp(target, "postgres://", 11) == 0)
		return (db_pg_open(out, target, err, errlen));
	return (db_sqlite_open(out, target, err, errlen));
}

/*
 * Finalizes every cached statement, then lets the driver close the
 * connection and free it. NULL is fine.
 */
void
db_close(struct db *db)
{
	size_t	i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i] != NULL)
			db->drv->stmt_free(db->cache[i]);
	}
	free(db->cache);
	db->cache = NULL;
	db->drv->close(db);
}

/* The backend of this connection. */
enum db_kind
db_kind(const struct db *db)
{
	return (db->kind);
}

uint64_t
db_trips(const struct db *db)
{
	return (db->trips);
}

/* The last error text of this connection, borrowed ("" when none). */
const char *
db_errmsg(const struct db *db)
{
	return (db->errmsg);
}

/* Sets the connection's error text; a trailing newline is dropped. */
void
db_seterr(struct db *db, const char *fmt, ...)
{
	va_list	ap;
	size_t	len;

	va_start(ap, fmt);
	vsnprintf(db->errmsg, sizeof(db->errmsg), fmt, ap);
	va_end(ap);
	len = strlen(db->errmsg);
	while (len > 0 && (db->errmsg[len - 1] == '\n' ||
	    db->errmsg[len - 1] == ' '))
		db->errmsg[--len] = '\0';
}

/* Fills the common part of a connection made by a driver. */
void
db_init_base(struct db *db, const struct db_driver *drv, enum db_kind kind)
{
	db->drv = drv;
	db->kind = kind;
	db->in_tx = 0;
	db->lazy = 0;
	db->nowait = 0;
	db->snap_want = 0;
	db->snap = 0;
	db->page = 0;
	db->trips = 0;
	db->ncache = 16;
	db->nused = 0;
	db->cache = xcalloc(db->ncache, sizeof(*db->cache));
	db->errmsg[0] = '\0';
	db->errcode[0] = '\0';
}

/* Fills the common part of a statement made by a driver. */
void
db_init_stmt(struct db_stmt *st, struct db *db, const char *sql)
{
	st->db = db;
	st->sql = sql;
	st->busy = 0;
	st->bind_err = 0;
}

/* Runs several statements without parameters. DB_OK or an error code. */
int
db_exec(struct db *db, const char *sql)
{
	db_snapshot_end(db);
	return (report(db, db->drv->exec(db, sql), sql));
}

/*
 * Starts a transaction (BEGIN IMMEDIATE on SQLite, BEGIN on PostgreSQL).
 * Refuses a nested one with DB_ERROR.
 */
int
db_begin(struct db *db)
{
	return (begin(db, 0));
}

/*
 * Starts a transaction whose commit need not wait for the disk (see
 * db.h): the driver's begin_lazy_sql instead of begin_sql, unless the
 * operator asked for full durability.
 */
int
db_begin_lazy(struct db *db)
{
	return (begin(db, db_lazy_allowed() &&
	    db->drv->begin_lazy_sql != NULL));
}

/*
 * db_begin_lazy, except that when another connection holds the write
 * lock it returns DB_BUSY at once (not logged: the caller tries again
 * later) instead of waiting for it in the busy handler. For a batch that
 * can wait while the event loop serves other requests.
 */
int
db_begin_lazy_try(struct db *db)
{
	int	rc;

	db->nowait = 1;
	rc = begin(db, db_lazy_allowed() && db->drv->begin_lazy_sql != NULL);
	db->nowait = 0;
	return (rc);
}

/* db_begin, db_begin_lazy and db_begin_lazy_try. */
static int
begin(struct db *db, int lazy)
{
	const char	*sql;
	int		 rc;

	if (db->in_tx) {
		db_seterr(db, "transaction already open");
		return (DB_ERROR);
	}
	db_snapshot_end(db);
	sql = lazy ? db->drv->begin_lazy_sql : db->drv->begin_sql;
	db->lazy = lazy;
	rc = db->drv->exec(db, sql);
	if (!(rc == DB_BUSY && db->nowait))
		rc = report(db, rc, sql);
	if (rc == DB_OK)
		db->in_tx = 1;
	else
		lazy_end(db);
	return (rc);
}

/* After a lazy transaction: the driver's end_lazy_sql (SQLite: the
 * connection's synchronous=FULL again), so the next commit waits. */
static void
lazy_end(struct db *db)
{
	if (db->lazy && db->drv->end_lazy_sql != NULL)
		(void)db->drv->exec(db, db->drv->end_lazy_sql);
	db->lazy = 0;
}

/*
 * Commits. On failure the transaction may still be open (SQLite busy) or
 * already gone (PostgreSQL); db_in_tx() tells, and db_rollback() is always
 * safe to call afterwards.
 */
int
db_commit(struct db *db)
{
	int	rc;

	if (!db->in_tx) {
		db_seterr(db, "commit without a transaction");
		return (DB_ERROR);
	}
	rc = report(db, db->drv->commit(db), "COMMIT");
	db->in_tx = rc == DB_OK ? 0 : db->drv->tx_active(db);
	if (!db->in_tx)
		lazy_end(db);
	return (rc);
}

/*
 * A savepoint inside the open transaction: the items of a batch (a
 * worker's lesson marks) are each undone alone on failure while the
 * others commit together. One level; the name is fixed.
 */
int
db_savepoint(struct db *db)
{
	if (!db->in_tx) {
		db_seterr(db, "savepoint without a transaction");
		return (DB_ERROR);
	}
	return (report(db, db->drv->exec(db, "SAVEPOINT item"),
	    "SAVEPOINT"));
}

/*
 * Ends db_savepoint's savepoint: keep 1 keeps what ran since (RELEASE),
 * keep 0 undoes it (ROLLBACK TO, then RELEASE; on PostgreSQL this also
 * clears an error that aborted the transaction). The transaction stays
 * open either way; DB_ERROR when it could not, and then only a rollback
 * of the whole transaction is safe.
 */
int
db_savepoint_end(struct db *db, int keep)
{
	const char	*sql;

	if (!db->in_tx) {
		db_seterr(db, "savepoint without a transaction");
		return (DB_ERROR);
	}
	db->gen++;
	sql = keep ? "RELEASE SAVEPOINT item" :
	    "ROLLBACK TO SAVEPOINT item; RELEASE SAVEPOINT item";
	return (report(db, db->drv->exec(db, sql), keep ? "RELEASE" :
	    "ROLLBACK TO"));
}

/* ETHICA_DURABILITY: unset, empty or "lazy" allow lazy commits; "full"
 * and anything else (a typo fails safe) make every commit wait. Read at
 * each call: getenv is a short scan, and tests change it. */
int
db_lazy_allowed(void)
{
	const char	*v;

	v = getenv("ETHICA_DURABILITY");
	return (v == NULL || *v == '\0' || strcmp(v, "lazy") == 0);
}

/* Rolls back; a no-op returning DB_OK when no transaction is open. */
int
db_rollback(struct db *db)
{
	int	rc;

	if (!db->in_tx && (db->snap || !db->drv->tx_active(db))) {
		lazy_end(db);
		return (DB_OK);
	}
	rc = db->drv->exec(db, "ROLLBACK");
	db->in_tx = db->drv->tx_active(db);
	if (!db->in_tx)
		lazy_end(db);
	return (rc);
}

int
db_snapshot_begin(struct db *db)
{
	db_snapshot_end(db);	/* gen++ */
	db->snap_want = db->drv->snapshot_sql != NULL;
	db->page = 1;
	return (DB_OK);
}

uint64_t
db_generation(struct db *db)
{
	return (db->gen);
}

void
db_snapshot_end(struct db *db)
{
	db->gen++;
	db->snap_want = 0;
	db->page = 0;
	if (db->snap)
		(void)snapshot_run(db, SNAPSHOT_END);
	db->snap = 0;
}

int
db_data_version(struct db *db, struct db_version *v)
{
	struct db_stmt	*st;
	int		 rc;

	memset(v, 0, sizeof(*v));
	if (db->drv->data_version_sql == NULL || db->drv->own_changes == NULL)
		return (DB_ERROR);
	if ((st = db_prepare(db, db->drv->data_version_sql)) == NULL)
		return (DB_ERROR);
	if ((rc = db_step(st)) == DB_ROW)
		v->committed = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return (DB_ERROR);
	v->own = db->drv->own_changes(db);
	return (DB_OK);
}

/* Runs BEGIN DEFERRED or COMMIT as a cached statement (no parsing per
 * page). A failed COMMIT leaves the read transaction to the next write,
 * which then reports the error. */
static int
snapshot_run(struct db *db, const char *sql)
{
	struct db_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql)) == NULL)
		return (DB_ERROR);
	st->busy = 1;
	rc = db->drv->step(st);
	db_reset(st);
	return (rc == DB_DONE ? DB_OK : rc);
}

/* Before st runs: a write ends the snapshot, the first read opens it. */
static void
snapshot_before(struct db_stmt *st)
{
	struct db	*db = st->db;

	if (!db->drv->stmt_readonly(st)) {
		db_snapshot_end(db);
		return;
	}
	if (db->snap || !db->snap_want || db->in_tx || db->drv->tx_active(db))
		return;
	if (snapshot_run(db, db->drv->snapshot_sql) == DB_OK)
		db->snap = 1;
	else
		db->snap_want = 0;
}

/* 1 inside db_begin() .. db_commit()/db_rollback(), else 0. */
int
db_in_tx(const struct db *db)
{
	return (db->in_tx);
}

/*
 * Returns the cached statement for this SQL pointer, compiling it on first
 * use. NULL (see db_errmsg) when it does not compile, or when the cached
 * statement is still in use (stepped without db_reset()).
 */
struct db_stmt *
db_prepare(struct db *db, const char *sql)
{
	struct db_stmt	*st;

	st = db->cache[cache_slot(db, sql)];
	if (st != NULL) {
		if (st->busy) {
			db_seterr(db, "statement in use (missing db_reset?): "
			    "%.200s", sql);
			return (NULL);
		}
		return (st);
	}
	if ((st = db->drv->stmt_new(db, sql)) == NULL) {
		(void)report(db, DB_ERROR, sql);
		return (NULL);
	}
	cache_put(db, st);
	return (st);
}

/* Binds a 64-bit integer to parameter i (from 1). */
void
db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	if (bind_ok(st, i))
		st->db->drv->bind_int(st, i, v);
}

/* Binds a copy of a NUL-terminated text; NULL binds SQL NULL. */
void
db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (s == NULL)
		db_bind_null(st, i);
	else
		db_bind_textn(st, i, s, strlen(s));
}

/* Binds a copy of n bytes of text (no NUL inside); NULL binds SQL NULL. */
void
db_bind_textn(struct db_stmt *st, int i, const char *s, size_t n)
{
	if (s == NULL)
		db_bind_null(st, i);
	else if (bind_ok(st, i))
		st->db->drv->bind_textn(st, i, s, n);
}

/* Binds s without copying it when the driver can (see db.h). */
void
db_bind_text_ref(struct db_stmt *st, int i, const char *s)
{
	if (s == NULL || st->db->drv->bind_text_ref == NULL)
		db_bind_text(st, i, s);
	else if (bind_ok(st, i))
		st->db->drv->bind_text_ref(st, i, s, strlen(s));
}

/* Binds a copy of n bytes as a blob (n may be 0; p NULL with n 0 is an
 * empty blob, not NULL). */
void
db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	if (bind_ok(st, i))
		st->db->drv->bind_blob(st, i, p == NULL ? "" : p,
		    p == NULL ? 0 : n);
}

/* Binds SQL NULL. */
void
db_bind_null(struct db_stmt *st, int i)
{
	if (bind_ok(st, i))
		st->db->drv->bind_null(st, i);
}

/*
 * Runs the statement or moves to its next row: DB_ROW, DB_DONE, or an
 * error code with the text in db_errmsg(). A bad bind index is reported
 * here as DB_ERROR.
 */
int
db_step(struct db_stmt *st)
{
	if (st->db->snap_want || st->db->snap || st->db->page)
		snapshot_before(st);
	st->busy = 1;
	if (st->bind_err != 0) {
		db_seterr(st->db, "bind: parameter %d out of range in: %.200s",
		    st->bind_err == -1 ? 0 : st->bind_err, st->sql);
		return (DB_ERROR);
	}
	return (report(st->db, st->db->drv->step(st), st->sql));
}

/* Integer column (from 0); NULL reads as 0. */
int64_t
db_col_int(struct db_stmt *st, int col)
{
	if (col < 0)
		return (0);
	return (st->db->drv->col_int(st, col));
}

/* Text column, borrowed until the next step/reset; NULL for SQL NULL. */
const char *
db_col_text(struct db_stmt *st, int col)
{
	if (col < 0)
		return (NULL);
	return (st->db->drv->col_text(st, col));
}

/* Blob column, borrowed until the next step/reset; NULL (and *len 0) for
 * SQL NULL, a non-NULL pointer for an empty blob. len may be NULL. */
const void *
db_col_blob(struct db_stmt *st, int col, size_t *len)
{
	size_t	 dummy;

	if (len == NULL)
		len = &dummy;
	*len = 0;
	if (col < 0)
		return (NULL);
	return (st->db->drv->col_blob(st, col, len));
}

/* 1 when the column is SQL NULL (or out of range). */
int
db_col_isnull(struct db_stmt *st, int col)
{
	if (col < 0)
		return (1);
	return (st->db->drv->col_isnull(st, col));
}

/* Ends the use of the statement and clears its bindings. NULL is fine. */
void
db_reset(struct db_stmt *st)
{
	if (st == NULL)
		return;
	st->db->drv->reset(st);
	st->busy = 0;
	st->bind_err = 0;
}

/* Online backup into path (SQLite only). */
int
db_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	if (db->drv->backup == NULL) {
		snprintf(err, errlen, "backup: not supported on this backend "
		    "(use pg_dump)");
		return (DB_ERROR);
	}
	return (db->drv->backup(db, path, err, errlen));
}

/* See db.h. */
char *
db_sql_qmark(const char *sql)
{
	char	*out;

	out = xstrdup(sql);
	sql_scan(sql, out);
	return (out);
}

/* See db.h. */
int
db_sql_nparams(const char *sql)
{
	return (sql_scan(sql, NULL));
}

/* See db.h. */
char *
db_pg_conninfo(const char *url)
{
	const char	*sep;
	size_t		 len, n;
	char		*out;

	len = strlen(url);
	if (len > 0 && (url[len - 1] == '?' || url[len - 1] == '&'))
		sep = "";
	else if (strchr(url, '?') != NULL)
		sep = "&";
	else
		sep = "?";
	n = len + strlen(sep) + sizeof("gssencmode=disable");
	out = xmalloc(n);
	snprintf(out, n, "%s%sgssencmode=disable", url, sep);
	return (out);
}

/*
 * Walks sql and returns the highest $N outside quotes and comments; when
 * out (a copy of sql) is given, each such '$' becomes '?' there.
 */
static int
sql_scan(const char *sql, char *out)
{
	size_t	i, j;
	long	n, max;

	max = 0;
	i = 0;
	while (sql[i] != '\0') {
		if ((j = sql_skip(sql, i)) != i) {
			i = j;
			continue;
		}
		if (sql[i] != '$' || !isdigit((unsigned char)sql[i + 1])) {
			i++;
			continue;
		}
		if (out != NULL)
			out[i] = '?';
		n = 0;
		for (i++; isdigit((unsigned char)sql[i]); i++) {
			if (n < 100000)
				n = n * 10 + (sql[i] - '0');
		}
		if (n > max)
			max = n;
	}
	return ((int)max);
}

/*
 * If a quoted string, quoted identifier or comment starts at sql[i],
 * returns the index just past it; otherwise returns i.
 */
static size_t
sql_skip(const char *sql, size_t i)
{
	char	q;

	if (sql[i] == '\'' || sql[i] == '"' || sql[i] == '`') {
		q = sql[i++];
		while (sql[i] != '\0' && sql[i] != q)
			i++;
		return (sql[i] == q ? i + 1 : i);
	}
	if (sql[i] == '-' && sql[i + 1] == '-') {
		while (sql[i] != '\0' && sql[i] != '\n')
			i++;
		return (i);
	}
	if (sql[i] == '/' && sql[i + 1] == '*') {
		i += 2;
		while (sql[i] != '\0' && !(sql[i] == '*' && sql[i + 1] == '/'))
			i++;
		return (sql[i] == '\0' ? i : i + 2);
	}
	return (i);
}

/*
 * Passes rc through; when it is an error other than a constraint refusal,
 * logs the driver's code and the first words of sql (whitespace squeezed,
 * no values: those are bound, never in the text) and keeps them as the
 * last store error.
 */
static int
report(struct db *db, int rc, const char *sql)
{
	size_t	i, n;
	int	sp;

	if (rc >= 0 || rc == DB_CONSTRAINT)
		return (rc);
	n = 0;
	sp = 1;
	for (i = 0; sql[i] != '\0' && n < sizeof(last_error.stmt) - 1; i++) {
		if (isspace((unsigned char)sql[i])) {
			if (!sp)
				last_error.stmt[n++] = ' ';
			sp = 1;
			continue;
		}
		last_error.stmt[n++] = sql[i];
		sp = 0;
	}
	while (n > 0 && last_error.stmt[n - 1] == ' ')
		n--;
	last_error.stmt[n] = '\0';
	snprintf(last_error.code, sizeof(last_error.code), "%s",
	    db->errcode[0] != '\0' ? db->errcode : "unknown");
	last_error.when = (int64_t)time(NULL);
	fprintf(stderr, "ethica: store error %s in \"%s%s\"\n",
	    last_error.code, last_error.stmt, sql[i] != '\0' ? " ..." : "");
	db->errcode[0] = '\0';
	return (rc);
}

int
db_last_error(char *code, size_t codelen, char *stmt, size_t stmtlen,
    int64_t *when)
{
	if (last_error.when == 0)
		return (0);
	snprintf(code, codelen, "%s", last_error.code);
	snprintf(stmt, stmtlen, "%s", last_error.stmt);
	*when = last_error.when;
	return (1);
}

/* Records a bad (< 1) parameter index for db_step() to report. */
static int
bind_ok(struct db_stmt *st, int i)
{
	if (i >= 1)
		return (1);
	if (st->bind_err == 0)
		st->bind_err = i == 0 ? -1 : i;
	return (0);
}

/* The slot holding sql, or the empty slot where it would go. */
static size_t
cache_slot(const struct db *db, const char *sql)
{
	uint64_t	h;
	size_t		i, mask;

	mask = db->ncache - 1;
	h = (uint64_t)(uintptr_t)sql;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	i = (size_t)h & mask;
	while (db->cache[i] != NULL && db->cache[i]->sql != sql)
		i = (i + 1) & mask;
	return (i);
}

/* Inserts a new statement, growing the table past 70% load. */
static void
cache_put(struct db *db, struct db_stmt *st)
{
	if ((db->nused + 1) * 10 > db->ncache * 7)
		cache_grow(db);
	db->cache[cache_slot(db, st->sql)] = st;
	db->nused++;
}

/* Doubles the table and reinserts every statement. */
static void
cache_grow(struct db *db)
{
	struct db_stmt	**old;
	size_t		  i, n;

	old = db->cache;
	n = db->ncache;
	db->ncache = n * 2;
	db->cache = xcalloc(db->ncache, sizeof(*db->cache));
	for (i = 0; i < n; i++) {
		if (old[i] != NULL)
			db->cache[cache_slot(db, old[i]->sql)] = old[i];
	}
	free(old);
}
