/*
 * db_pg.c: the PostgreSQL driver behind db.h (libpq, synchronous).
 *
 * One connection per worker. Each cached statement becomes a server-side
 * prepared statement named "s<N>"; parameters are sent as text except
 * blobs (binary), results come back as text and bytea columns are decoded
 * on demand. The first db_step() executes and keeps the PGresult, later
 * steps walk its rows. A connection that dropped is made again (waiting
 * up to about 2 s for a restarting server) and the call retried once when
 * that is safe: a read outside a transaction, any statement the server
 * ended the session under (57P01-57P03: it rolled back), or the first
 * statement of a transaction (BEGIN is sent again; nothing of it reached
 * the server). Otherwise the caller gets the error and rolls back. It owns
 * the PGconn, the results and the parameter copies; it never builds SQL
 * from values.
 *
 * A connection may also listen (db_listen): its LISTEN statement runs
 * again after every reconnect, and each (re)connect gets a new epoch, so
 * that whoever keeps what the notifications tell (st_push.c) knows when
 * some may have been lost. db_notified reads them off the socket without
 * waiting and without a round trip; db_sync makes the server send what
 * it was signalled, for one bare Sync message (pipeline mode) and no
 * statement.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libpq-fe.h>

#include "lib/mem.h"
#include "store/db.h"

#define PG_OID_BOOL	16
#define PG_OID_BYTEA	17

struct pg_db {
	struct db	 base;
	PGconn		*conn;
	unsigned int	 next_id;
	int		 fresh;		/* BEGIN done, nothing run since */
	int		 ended;		/* last error: the server ended us */
	const char	*listen;	/* db_listen's SQL (borrowed), or NULL */
	uint64_t	 epoch;		/* of the last LISTEN, 0 before one */
	int		 doomed;	/* the server said FATAL while idle */
};

/* The epochs of every listening connection of this process: only grows,
 * so that no two (re)connects share one. */
static uint64_t	 pg_epochs;

struct pg_stmt {
	struct db_stmt	  base;
	char		  name[16];
	int		  prepared;	/* exists on the server */
	int		  nparams;
	char		**vals;		/* nparams copies, NULL = SQL NULL */
	int		 *lens;
	int		 *fmts;		/* 0 text, 1 binary */
	int		  executed;	/* first step done */
	int		  rc;		/* its result code */
	PGresult	 *res;
	int		  row;
	int		  nrows;
	unsigned char	**dec;		/* decoded bytea, per column */
	size_t		 *declen;
	int		  ndec;
};

static int		 pg_code(const PGresult *);
static int		 pg_fail(struct db *, PGresult *);
static int		 pg_dropped(struct db *, int, int);
static int		 pg_reads(const char *);
static void		 pg_nap(long);
static PGresult		*pg_trip(struct db *, PGresult *);
static int		 pg_ensure(struct db *);
static int		 pg_setup(struct db *);
static void		 pg_notice(void *, const PGresult *);
static void		 pg_close(struct db *);
static int		 pg_exec(struct db *, const char *);
static int		 pg_commit(struct db *);
static int		 pg_tx_active(const struct db *);
static struct db_stmt	*pg_stmt_new(struct db *, const char *);
static void		 pg_stmt_free(struct db_stmt *);
static int		 pg_server_prepare(struct pg_stmt *);
static void		 pg_set(struct db_stmt *, int, char *, int, int);
static void		 pg_bind_int(struct db_stmt *, int, int64_t);
static void		 pg_bind_textn(struct db_stmt *, int, const char *,
			    size_t);
static void		 pg_bind_blob(struct db_stmt *, int, const void *,
			    size_t);
static void		 pg_bind_null(struct db_stmt *, int);
static int		 pg_execute(struct pg_stmt *, int *);
static int		 pg_run(struct pg_stmt *);
static int		 pg_step(struct db_stmt *);
static int		 pg_stmt_readonly(struct db_stmt *);
static int		 pg_has(struct pg_stmt *, int);
static int64_t		 pg_col_int(struct db_stmt *, int);
static const char	*pg_col_text(struct db_stmt *, int);
static const void	*pg_col_blob(struct db_stmt *, int, size_t *);
static int		 pg_col_isnull(struct db_stmt *, int);
static void		 pg_free_decoded(struct pg_stmt *);
static void		 pg_reset(struct db_stmt *);

/*
 * A lazy transaction (db_begin_lazy): its commit does not wait for the
 * WAL's flush; the WAL writer flushes it within about three times
 * wal_writer_delay. A crash of the server or the machine may lose such
 * commits, never half of one. One round trip; SET LOCAL ends with it.
 */
#define PG_BEGIN_LAZY	"BEGIN; SET LOCAL synchronous_commit TO OFF"

static const struct db_driver pg_driver = {
	.begin_sql = "BEGIN",
	.begin_lazy_sql = PG_BEGIN_LAZY,
	.close = pg_close,
	.exec = pg_exec,
	.commit = pg_commit,
	.tx_active = pg_tx_active,
	.stmt_new = pg_stmt_new,
	.stmt_free = pg_stmt_free,
	.bind_int = pg_bind_int,
	.bind_textn = pg_bind_textn,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.stmt_readonly = pg_stmt_readonly,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.col_isnull = pg_col_isnull,
	.reset = pg_reset,
	.backup = NULL,
};

#define PG(db)		((struct pg_db *)(db))
#define PGC(db)		((const struct pg_db *)(db))
#define PGS(st)		((struct pg_stmt *)(st))

/*
 * Connects to the postgres URL (with gssencmode=disable added) and sets
 * the session time zone to UTC. DB_OK and *out (free with db_close), or
 * DB_ERROR with a message in err.
 */
int
db_pg_open(struct db **out, const char *url, char *err, size_t errlen)
{
	struct pg_db	*d;
	char		*conninfo;

	*out = NULL;
	d = xcalloc(1, sizeof(*d));
	db_init_base(&d->base, &pg_driver, DB_PG);
	conninfo = db_pg_conninfo(url);
	d->conn = PQconnectdb(conninfo);
	free(conninfo);
	if (d->conn == NULL || PQstatus(d->conn) != CONNECTION_OK) {
		snprintf(err, errlen, "postgresql: %s", d->conn != NULL ?
		    PQerrorMessage(d->conn) : "out of memory");
		goto fail;
	}
	PQsetNoticeReceiver(d->conn, pg_notice, d);
	if (pg_setup(&d->base) != DB_OK) {
		snprintf(err, errlen, "postgresql: %s", d->base.errmsg);
		goto fail;
	}
	*out = &d->base;
	return (DB_OK);
fail:
	db_close(&d->base);
	return (DB_ERROR);
}

/* Drops server notices ("... already exists, skipping"): they are not
 * errors and would only clutter the worker's stderr. But an idle
 * connection's server that ends it (a terminated backend, a shutdown)
 * says FATAL through here before it closes: the connection is doomed,
 * and what it listened to may already be lost (db_notified). */
static void
pg_notice(void *arg, const PGresult *res)
{
	struct pg_db	*d = arg;
	const char	*sev;

	sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	if (sev != NULL && (strcmp(sev, "FATAL") == 0 ||
	    strcmp(sev, "PANIC") == 0))
		d->doomed = 1;
}

/* Session settings, after every (re)connect. */
static int
pg_setup(struct db *db)
{
	PGresult	*res;

	res = pg_trip(db, PQexec(PG(db)->conn, "SET TIME ZONE 'UTC'"));
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return (pg_fail(db, res));
	PQclear(res);
	PG(db)->doomed = 0;
	if (PG(db)->listen == NULL)
		return (DB_OK);
	res = pg_trip(db, PQexec(PG(db)->conn, PG(db)->listen));
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return (pg_fail(db, res));
	PQclear(res);
	PG(db)->epoch = ++pg_epochs;
	return (DB_OK);
}

int
db_listen(struct db *db, const char *listen_sql)
{
	if (db->kind != DB_PG || db->in_tx) {
		db_seterr(db, "listen: not on this connection");
		return (DB_ERROR);
	}
	if (pg_ensure(db) != DB_OK)
		return (DB_ERROR);
	PG(db)->listen = listen_sql;
	if (pg_setup(db) != DB_OK) {
		PG(db)->listen = NULL;
		PG(db)->epoch = 0;
		return (DB_ERROR);
	}
	return (DB_OK);
}

int
db_notified(struct db *db, void (*fn)(void *, const char *), void *arg,
    uint64_t *epoch)
{
	PGnotify	*n;

	if (db->kind != DB_PG || PG(db)->listen == NULL ||
	    PG(db)->epoch == 0 || PQstatus(PG(db)->conn) != CONNECTION_OK ||
	    PG(db)->doomed)
		return (DB_ERROR);
	/* Never blocks: libpq's socket is non-blocking; what arrived
	 * meanwhile (also during the last statements) is queued, and
	 * parsed by PQnotifies (a FATAL goes to pg_notice then). */
	if (PQconsumeInput(PG(db)->conn) == 0)
		return (DB_ERROR);
	while ((n = PQnotifies(PG(db)->conn)) != NULL) {
		fn(arg, n->extra);
		PQfreemem(n);
	}
	if (PQstatus(PG(db)->conn) != CONNECTION_OK || PG(db)->doomed)
		return (DB_ERROR);
	*epoch = PG(db)->epoch;
	return (DB_OK);
}

/*
 * One Sync message alone (libpq's pipeline mode): the server answers
 * ReadyForQuery, and an idle server sends every notification it was
 * signalled before that answer (PostgreSQL 15's postgres.c: the 'S'
 * message sets send_ready_for_query, whose idle branch runs
 * ProcessNotifyInterrupt first), without starting a transaction as an
 * empty query does. Counts one trip.
 */
int
db_sync(struct db *db)
{
	PGconn		*conn;
	PGresult	*res;
	int		 bad, done, n;

	if (db->kind != DB_PG || db->in_tx) {
		db_seterr(db, "sync: not on this connection");
		return (DB_ERROR);
	}
	if (pg_ensure(db) != DB_OK)
		return (DB_ERROR);
	conn = PG(db)->conn;
	if (PQenterPipelineMode(conn) == 0)
		return (pg_fail(db, NULL));
	db->trips++;
	bad = PQpipelineSync(conn) != 1;
	done = 0;
	/* The one answer expected is the sync's; anything before it (a
	 * FATAL from an ended backend) is an error. A few calls at most:
	 * nothing else was sent. */
	for (n = 0; !bad && !done && n < 4; n++) {
		if ((res = PQgetResult(conn)) == NULL)
			continue;
		if (PQresultStatus(res) == PGRES_PIPELINE_SYNC)
			done = 1;
		else
			bad = 1;
		PQclear(res);
	}
	if (PQexitPipelineMode(conn) == 1 && done && !bad)
		return (DB_OK);
	db_seterr(db, "sync: %s", PQerrorMessage(conn));
	snprintf(db->errcode, sizeof(db->errcode), "SQLSTATE 08006");
	/* Still in pipeline mode: pg_ensure connects again next time. */
	return (DB_ERROR);
}

/* Maps a failed result's SQLSTATE to a DB_* code. */
static int
pg_code(const PGresult *res)
{
	const char	*state;

	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (state == NULL)
		return (DB_ERROR);
	if (strncmp(state, "23", 2) == 0)
		return (DB_CONSTRAINT);
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
		return (DB_BUSY);
	return (DB_ERROR);
}

/* Records the error of res (or of the connection), frees res, and
 * returns the DB_* code. */
static int
pg_fail(struct db *db, PGresult *res)
{
	const char	*msg, *state;
	int		 rc;

	msg = res != NULL ? PQresultErrorMessage(res) : "";
	if (*msg == '\0')
		msg = PQerrorMessage(PG(db)->conn);
	db_seterr(db, "%s", msg);
	state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	PG(db)->ended = state != NULL && strncmp(state, "57P0", 4) == 0;
	snprintf(db->errcode, sizeof(db->errcode), "SQLSTATE %s",
	    state != NULL ? state : (PQstatus(PG(db)->conn) != CONNECTION_OK ?
	    "08006" : "XX000"));
	rc = res != NULL ? pg_code(res) : DB_ERROR;
	PQclear(res);
	return (rc);
}

/*
 * 1 when a failed first attempt may run again on a new connection: the
 * connection is gone and the statement cannot have taken effect. Inside a
 * transaction only its first statement qualifies (the server rolled the
 * transaction back with the connection); outside one, safe says whether
 * this statement may run twice (see pg_run).
 */
static int
pg_dropped(struct db *db, int attempt, int safe)
{
	if (attempt != 0 || PQstatus(PG(db)->conn) == CONNECTION_OK)
		return (0);
	if (db->in_tx)
		return (PG(db)->fresh);
	return (safe);
}

/* 1 when sql only reads: it starts with SELECT (our store's reads). */
static int
pg_reads(const char *sql)
{
	while (isspace((unsigned char)*sql))
		sql++;
	return (strncasecmp(sql, "SELECT", 6) == 0 &&
	    !isalnum((unsigned char)sql[6]));
}

/* Counts one round trip to the server (db_trips) and returns res. */
static PGresult *
pg_trip(struct db *db, PGresult *res)
{
	db->trips++;
	return (res);
}

/* Sleeps ms milliseconds. */
static void
pg_nap(long ms)
{
	struct timespec	ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	(void)nanosleep(&ts, NULL);
}

/*
 * Makes sure the connection is usable. When it is not, outside a
 * transaction or at the start of one (see pg_dropped), connects again,
 * trying for about 2 s (a server restart), forgets every server-side
 * statement, and sends BEGIN again when a transaction had begun.
 */
static int
pg_ensure(struct db *db)
{
	PGresult	*res;
	size_t		 i;
	long		 nap;
	int		 tries;

	/* A connection left in pipeline mode (db_sync failed half-way)
	 * is made again too: no statement could run on it. */
	if (PQstatus(PG(db)->conn) == CONNECTION_OK &&
	    PQpipelineStatus(PG(db)->conn) == PQ_PIPELINE_OFF)
		return (DB_OK);
	if (db->in_tx && !PG(db)->fresh) {
		db_seterr(db, "connection lost inside a transaction");
		snprintf(db->errcode, sizeof(db->errcode), "SQLSTATE 08006");
		return (DB_ERROR);
	}
	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i] != NULL)
			PGS(db->cache[i])->prepared = 0;
	}
	nap = 25;
	for (tries = 0; ; tries++) {
		PQreset(PG(db)->conn);
		if (PQstatus(PG(db)->conn) == CONNECTION_OK)
			break;
		if (tries == 8) {
			db_seterr(db, "reconnect: %s",
			    PQerrorMessage(PG(db)->conn));
			snprintf(db->errcode, sizeof(db->errcode),
			    "SQLSTATE 08001");
			return (DB_ERROR);
		}
		pg_nap(nap);
		if (nap < 400)
			nap *= 2;
	}
	if (pg_setup(db) != DB_OK)
		return (DB_ERROR);
	if (!db->in_tx)
		return (DB_OK);
	res = pg_trip(db, PQexec(PG(db)->conn, "BEGIN"));
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return (pg_fail(db, res));
	PQclear(res);
	return (DB_OK);
}

static void
pg_close(struct db *db)
{
	PQfinish(PG(db)->conn);
	free(db);
}

/* PQexec, retried once on a dropped connection outside a transaction. */
static int
pg_exec(struct db *db, const char *sql)
{
	PGresult	*res;
	int		 attempt, rc;

	for (attempt = 0; ; attempt++) {
		if ((rc = pg_ensure(db)) != DB_OK)
			return (rc);
		res = pg_trip(db, PQexec(PG(db)->conn, sql));
		switch (PQresultStatus(res)) {
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
		case PGRES_EMPTY_QUERY:
			PQclear(res);
			PG(db)->fresh = strcmp(sql, "BEGIN") == 0 ||
			    strcmp(sql, PG_BEGIN_LAZY) == 0;
			return (DB_OK);
		default:
			break;
		}
		rc = pg_fail(db, res);
		if (!pg_dropped(db, attempt, 1))
			return (rc);
	}
}

/* COMMIT; an aborted transaction answers "ROLLBACK", which is an error. */
static int
pg_commit(struct db *db)
{
	PGresult	*res;

	PG(db)->fresh = 0;
	res = pg_trip(db, PQexec(PG(db)->conn, "COMMIT"));
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return (pg_fail(db, res));
	if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		db_seterr(db, "commit: transaction was aborted and rolled "
		    "back");
		PQclear(res);
		return (DB_ERROR);
	}
	PQclear(res);
	return (DB_OK);
}

static int
pg_tx_active(const struct db *db)
{
	switch (PQtransactionStatus(PGC(db)->conn)) {
	case PQTRANS_ACTIVE:
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
		return (1);
	default:
		return (0);
	}
}

/* A new statement, prepared on the server at once so that SQL errors
 * show up in db_prepare(). */
static struct db_stmt *
pg_stmt_new(struct db *db, const char *sql)
{
	struct pg_stmt	*s;
	int		 n;

	s = xcalloc(1, sizeof(*s));
	db_init_stmt(&s->base, db, sql);
	snprintf(s->name, sizeof(s->name), "s%u", PG(db)->next_id++);
	n = db_sql_nparams(sql);
	s->nparams = n;
	if (n > 0) {
		s->vals = xcalloc(n, sizeof(*s->vals));
		s->lens = xcalloc(n, sizeof(*s->lens));
		s->fmts = xcalloc(n, sizeof(*s->fmts));
	}
	if (pg_server_prepare(s) != DB_OK) {
		pg_stmt_free(&s->base);
		return (NULL);
	}
	return (&s->base);
}

static void
pg_stmt_free(struct db_stmt *st)
{
	struct pg_stmt	*s;

	s = PGS(st);
	pg_reset(st);
	free(s->vals);
	free(s->lens);
	free(s->fmts);
	free(s);
}

/* PQprepare with types left to the server, retried once on a dropped
 * connection outside a transaction. */
static int
pg_server_prepare(struct pg_stmt *s)
{
	struct db	*db;
	PGresult	*res;
	int		 attempt, rc;

	db = s->base.db;
	for (attempt = 0; ; attempt++) {
		if ((rc = pg_ensure(db)) != DB_OK)
			return (rc);
		res = pg_trip(db, PQprepare(PG(db)->conn, s->name, s->base.sql,
		    0, NULL));
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			s->prepared = 1;
			return (DB_OK);
		}
		rc = pg_fail(db, res);
		if (!pg_dropped(db, attempt, 1))
			return (rc);
	}
}

/* Takes over v as parameter i (freeing the previous value). */
static void
pg_set(struct db_stmt *st, int i, char *v, int len, int fmt)
{
	struct pg_stmt	*s;

	s = PGS(st);
	if (i > s->nparams) {
		if (st->bind_err == 0)
			st->bind_err = i;
		free(v);
		return;
	}
	free(s->vals[i - 1]);
	s->vals[i - 1] = v;
	s->lens[i - 1] = len;
	s->fmts[i - 1] = fmt;
}

static void
pg_bind_int(struct db_stmt *st, int i, int64_t v)
{
	char	*s;

	s = xmalloc(24);
	snprintf(s, 24, "%lld", (long long)v);
	pg_set(st, i, s, 0, 0);
}

static void
pg_bind_textn(struct db_stmt *st, int i, const char *p, size_t n)
{
	char	*s;

	s = xmalloc(n + 1);
	memcpy(s, p, n);
	s[n] = '\0';
	pg_set(st, i, s, 0, 0);
}

static void
pg_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	char	*s;

	if (n > 0x7fffffff) {
		if (st->bind_err == 0)
			st->bind_err = i;
		return;
	}
	s = xmalloc(n + 1);
	memcpy(s, p, n);
	pg_set(st, i, s, (int)n, 1);
}

static void
pg_bind_null(struct db_stmt *st, int i)
{
	pg_set(st, i, NULL, 0, 0);
}

/* One PQexecPrepared; keeps a good result in s->res. *lost is set when
 * the server does not know the statement (SQLSTATE 26000). */
static int
pg_execute(struct pg_stmt *s, int *lost)
{
	struct db	*db;
	PGresult	*res;
	const char	*state;

	db = s->base.db;
	*lost = 0;
	res = pg_trip(db, PQexecPrepared(PG(db)->conn, s->name, s->nparams,
	    (const char * const *)s->vals, s->lens, s->fmts, 0));
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		s->res = res;
		s->nrows = PQntuples(res);
		s->row = -1;
		s->ndec = PQnfields(res);
		if (s->ndec > 0) {
			s->dec = xcalloc(s->ndec, sizeof(*s->dec));
			s->declen = xcalloc(s->ndec, sizeof(*s->declen));
		}
		return (DB_OK);
	default:
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		*lost = state != NULL && strcmp(state, "26000") == 0;
		return (pg_fail(db, res));
	}
}

/*
 * The first step: (re)prepare if needed and execute, retried once when the
 * connection dropped or the server forgot the statement, outside a
 * transaction.
 */
static int
pg_run(struct pg_stmt *s)
{
	struct db	*db;
	int		 attempt, rc, lost;

	db = s->base.db;
	for (attempt = 0; ; attempt++) {
		if ((rc = pg_ensure(db)) != DB_OK)
			return (rc);
		if (!s->prepared && (rc = pg_server_prepare(s)) != DB_OK)
			return (rc);
		if ((rc = pg_execute(s, &lost)) == DB_OK) {
			PG(db)->fresh = 0;
			return (DB_OK);
		}
		/* Outside a transaction a read may run twice, and so may
		 * a write the server ended the session under (57P0x: it
		 * rolled back); a write whose answer was lost may not. */
		if (pg_dropped(db, attempt, pg_reads(s->base.sql) ||
		    PG(db)->ended))
			continue;
		if (lost && attempt == 0 && !db->in_tx) {
			s->prepared = 0;
			continue;
		}
		return (rc);
	}
}

static int
pg_step(struct db_stmt *st)
{
	struct pg_stmt	*s;

	s = PGS(st);
	pg_free_decoded(s);
	if (!s->executed) {
		s->executed = 1;
		s->rc = pg_run(s);
	}
	if (s->rc != DB_OK)
		return (s->rc);
	if (s->row < s->nrows)
		s->row++;
	return (s->row < s->nrows ? DB_ROW : DB_DONE);
}

/* 1 when the statement only reads (a SELECT: see pg_reads). */
static int
pg_stmt_readonly(struct db_stmt *st)
{
	return (pg_reads(st->sql));
}

/* 1 when a current row has column col. */
static int
pg_has(struct pg_stmt *s, int col)
{
	return (s->res != NULL && s->row >= 0 && s->row < s->nrows &&
	    col < PQnfields(s->res));
}

static int64_t
pg_col_int(struct db_stmt *st, int col)
{
	struct pg_stmt	*s;
	const char	*v;

	s = PGS(st);
	if (!pg_has(s, col) || PQgetisnull(s->res, s->row, col))
		return (0);
	v = PQgetvalue(s->res, s->row, col);
	if (PQftype(s->res, col) == PG_OID_BOOL)
		return (v[0] == 't');
	return (strtoll(v, NULL, 10));
}

static const char *
pg_col_text(struct db_stmt *st, int col)
{
	struct pg_stmt	*s;

	s = PGS(st);
	if (!pg_has(s, col) || PQgetisnull(s->res, s->row, col))
		return (NULL);
	return (PQgetvalue(s->res, s->row, col));
}

/* bytea is decoded into memory the statement owns until the next step or
 * reset; other types give their text bytes. */
static const void *
pg_col_blob(struct db_stmt *st, int col, size_t *len)
{
	struct pg_stmt	*s;
	const char	*v;

	s = PGS(st);
	if (!pg_has(s, col) || PQgetisnull(s->res, s->row, col))
		return (NULL);
	v = PQgetvalue(s->res, s->row, col);
	if (PQftype(s->res, col) != PG_OID_BYTEA) {
		*len = (size_t)PQgetlength(s->res, s->row, col);
		return (v);
	}
	if (s->dec[col] == NULL) {
		s->dec[col] = PQunescapeBytea((const unsigned char *)v,
		    &s->declen[col]);
		if (s->dec[col] == NULL)
			mem_fatal("PQunescapeBytea");
	}
	*len = s->declen[col];
	return (s->dec[col]);
}

static int
pg_col_isnull(struct db_stmt *st, int col)
{
	struct pg_stmt	*s;

	s = PGS(st);
	if (!pg_has(s, col))
		return (1);
	return (PQgetisnull(s->res, s->row, col));
}

/* Frees the bytea values decoded for the current row. */
static void
pg_free_decoded(struct pg_stmt *s)
{
	int	i;

	for (i = 0; i < s->ndec; i++) {
		if (s->dec[i] != NULL)
			PQfreemem(s->dec[i]);
		s->dec[i] = NULL;
		s->declen[i] = 0;
	}
}

/* Drops the result, the decoded values and the bound parameters. */
static void
pg_reset(struct db_stmt *st)
{
	struct pg_stmt	*s;
	int		 i;

	s = PGS(st);
	pg_free_decoded(s);
	free(s->dec);
	free(s->declen);
	s->dec = NULL;
	s->declen = NULL;
	s->ndec = 0;
	PQclear(s->res);
	s->res = NULL;
	s->executed = 0;
	s->rc = DB_OK;
	s->row = -1;
	s->nrows = 0;
	for (i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
		s->lens[i] = 0;
		s->fmts[i] = 0;
	}
}
