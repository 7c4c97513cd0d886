/*
 * db_sqlite.c: the SQLite driver behind db.h.
 *
 * One connection per worker process, opened without SQLite's own mutexes,
 * in WAL mode with foreign keys on and synchronous=FULL. A writer that
 * finds the write lock taken (by the other worker's commit, which holds
 * it for well under a millisecond) waits in short jittered naps of 10 us
 * to 1 ms and gives up after 5 s (sq_busy): SQLite's own busy timeout
 * slept up to 100 ms at a time, the waiting worker's whole event loop
 * with it, while the other took the lock again and again. A worker's
 * WAL checkpoints run on a thread of their own (db_checkpoint_thread),
 * and lazy transactions (db_begin_lazy) commit without fsync.
 * Statements are compiled once per connection (persistent) after
 * the portable $N parameters are rewritten to ?N. It owns the sqlite3
 * handle and its statements; the cache itself lives in db.c. It never
 * builds SQL from values.
 */
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/mem.h"
#include "store/db.h"

/* The busy handler's limits: the longest nap, the first nap's ceiling
 * (doubled per try up to the longest), and the total wait. */
#define SQ_NAP_MAX_US		1000
#define SQ_NAP_FIRST_US		20
#define SQ_BUSY_LIMIT_NS	5000000000LL
/* WAL pages after which a checkpoint is due (SQLite's own default). */
#define SQ_CKPT_PAGES		1000

struct sq_db {
	struct db	 base;
	sqlite3		*h;
	int64_t		 busy_since;	/* ns, monotonic: first try */
	uint32_t	 rnd;		/* xorshift state for the jitter */
};

struct sq_stmt {
	struct db_stmt	 base;
	sqlite3_stmt	*st;
	int		 done;	/* DB_DONE seen: stays done until reset */
};

static int		 sq_code(int);
static int		 sq_fail(struct db *, int);
static void		 sq_errcode(struct db *, int);
static void		 sq_close(struct db *);
static int		 sq_exec(struct db *, const char *);
static int		 sq_commit(struct db *);
static int		 sq_tx_active(const struct db *);
static struct db_stmt	*sq_stmt_new(struct db *, const char *);
static void		 sq_stmt_free(struct db_stmt *);
static void		 sq_bind_check(struct db_stmt *, int, int);
static void		 sq_bind_int(struct db_stmt *, int, int64_t);
static void		 sq_bind_text_ref(struct db_stmt *, int, const char *,
			    size_t);
static void		 sq_bind_textn(struct db_stmt *, int, const char *,
			    size_t);
static void		 sq_bind_blob(struct db_stmt *, int, const void *,
			    size_t);
static void		 sq_bind_null(struct db_stmt *, int);
static int		 sq_step(struct db_stmt *);
static int		 sq_stmt_readonly(struct db_stmt *);
static int64_t		 sq_col_int(struct db_stmt *, int);
static const char	*sq_col_text(struct db_stmt *, int);
static const void	*sq_col_blob(struct db_stmt *, int, size_t *);
static int		 sq_col_isnull(struct db_stmt *, int);
static void		 sq_reset(struct db_stmt *);
static int		 sq_backup(struct db *, const char *, char *, size_t);
static int64_t		 sq_own_changes(struct db *);
static int		 sq_copy(sqlite3 *, const char *, char *, size_t);
static int		 sq_busy(void *, int);
static int64_t		 sq_now_ns(void);
static int		 fsync_path(const char *, int);
static int		 sq_wal_hook(void *, sqlite3 *, const char *, int);
static void		*sq_ckpt_main(void *);

static const struct db_driver sq_driver = {
	.begin_sql = "BEGIN IMMEDIATE",
	.snapshot_sql = "BEGIN DEFERRED",
	.data_version_sql = "PRAGMA data_version",
	.own_changes = sq_own_changes,
	.close = sq_close,
	.exec = sq_exec,
	.commit = sq_commit,
	/* In WAL mode synchronous=NORMAL writes a commit to the WAL and
	 * leaves the fsync to the next FULL commit or checkpoint, which
	 * carries every earlier frame with it. SQLite refuses to change it
	 * inside a transaction, hence before BEGIN. */
	.begin_lazy_sql = "PRAGMA synchronous=NORMAL; BEGIN IMMEDIATE",
	.end_lazy_sql = "PRAGMA synchronous=FULL",
	.tx_active = sq_tx_active,
	.stmt_new = sq_stmt_new,
	.stmt_free = sq_stmt_free,
	.bind_int = sq_bind_int,
	.bind_textn = sq_bind_textn,
	.bind_blob = sq_bind_blob,
	.bind_text_ref = sq_bind_text_ref,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.stmt_readonly = sq_stmt_readonly,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.col_isnull = sq_col_isnull,
	.reset = sq_reset,
	.backup = sq_backup,
};

/*
 * The process's checkpoint thread (db_checkpoint_thread): one, for the
 * one database file a worker writes. A commit that leaves SQ_CKPT_PAGES
 * or more in the WAL sets want; the thread, on a connection of its own,
 * runs a PASSIVE checkpoint (never waits for a lock: writers go on
 * meanwhile). failed: the thread could not open its connection, so the
 * committer checkpoints itself as SQLite would.
 */
static struct {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	char		*path;
	int		 want;
	int		 failed;
	uint64_t	 runs;
} ckpt = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0,
    0 };

/* See db_sqlite_busy_hook (tests). */
static void		(*busy_hook)(void *, int, long);
static void		*busy_hook_arg;

#define SQ(db)		((struct sq_db *)(db))
#define SQC(db)		((const struct sq_db *)(db))
#define SQS(st)		((struct sq_stmt *)(st))

/*
 * Opens (creating if missing) the SQLite file at path and applies the
 * connection settings. DB_OK and *out (free with db_close), or DB_ERROR
 * with a message in err.
 */
int
db_sqlite_open(struct db **out, const char *path, char *err, size_t errlen)
{
	struct sq_db	*d;
	int		 rc, flags;

	*out = NULL;
	/* No memory statistics (nothing reads them): each of SQLite's
	 * allocations would take a global mutex to count itself. Only
	 * possible before the library starts; later calls change nothing. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	d = xcalloc(1, sizeof(*d));
	db_init_base(&d->base, &sq_driver, DB_SQLITE);
	flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(path, &d->h, flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, d->h != NULL ?
		    sqlite3_errmsg(d->h) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(d->h, 1);
	d->rnd = (uint32_t)getpid() ^ (uint32_t)(uintptr_t)d ^
	    (uint32_t)sq_now_ns();
	if (d->rnd == 0)
		d->rnd = 1;
	sqlite3_busy_handler(d->h, sq_busy, d);
	/* Plans must not depend on bound values: otherwise a LIKE with a
	 * bound pattern makes SQLite re-prepare the statement every run. */
	(void)sqlite3_db_config(d->h, SQLITE_DBCONFIG_ENABLE_QPSG, 1, NULL);
	/* Reads: up to 32 MB of pages cached per connection, and the file
	 * mapped (read-only) so cache misses need no read(2). */
	if (sq_exec(&d->base, "PRAGMA journal_mode=WAL;"
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA cache_size=-32768;"
	    "PRAGMA mmap_size=1073741824;") != DB_OK) {
		snprintf(err, errlen, "%s: %s", path, d->base.errmsg);
		goto fail;
	}
	*out = &d->base;
	return (DB_OK);
fail:
	db_close(&d->base);
	return (DB_ERROR);
}

/* The monotonic clock in nanoseconds. */
static int64_t
sq_now_ns(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

/*
 * SQLite's busy handler for this connection: count is the number of
 * earlier calls for the same lock. Naps a jittered time (so that two
 * waiters do not wake in step) whose ceiling starts at SQ_NAP_FIRST_US
 * and doubles per try up to SQ_NAP_MAX_US, and gives up (0: the caller
 * gets DB_BUSY) once SQ_BUSY_LIMIT_NS have passed since the first try,
 * or at once for db_begin_lazy_try (nowait).
 */
static int
sq_busy(void *arg, int count)
{
	struct sq_db	*d = arg;
	struct timespec	 ts;
	int64_t		 now;
	long		 cap, us;

	if (d->base.nowait)
		return (0);
	now = sq_now_ns();
	if (count == 0)
		d->busy_since = now;
	else if (now - d->busy_since >= SQ_BUSY_LIMIT_NS)
		return (0);
	cap = count >= 6 ? SQ_NAP_MAX_US : (long)SQ_NAP_FIRST_US << count;
	if (cap > SQ_NAP_MAX_US)
		cap = SQ_NAP_MAX_US;
	d->rnd ^= d->rnd << 13;
	d->rnd ^= d->rnd >> 17;
	d->rnd ^= d->rnd << 5;
	us = cap / 2 + (long)(d->rnd % (uint32_t)(cap / 2 + 1));
	if (busy_hook != NULL)
		busy_hook(busy_hook_arg, count, us);
	ts.tv_sec = 0;
	ts.tv_nsec = us * 1000L;
	(void)nanosleep(&ts, NULL);
	return (1);
}

/*
 * Tests only: fn (NULL: none) is called with arg, the try number and the
 * nap in microseconds before each nap of any SQLite connection's busy
 * handler in this process.
 */
void
db_sqlite_busy_hook(void (*fn)(void *, int, long), void *arg)
{
	busy_hook = fn;
	busy_hook_arg = arg;
}

/*
 * Moves this SQLite connection's WAL checkpoints to a thread of their own
 * (see db.h). DB_OK (also on PostgreSQL, where there is nothing to move),
 * or DB_ERROR when the thread cannot start or another file already has
 * it: the connection then checkpoints itself as before.
 */
int
db_checkpoint_thread(struct db *db)
{
	pthread_attr_t	 attr;
	pthread_t	 t;
	sigset_t	 all, old;
	const char	*path;
	int		 rc;

	if (db->kind != DB_SQLITE)
		return (DB_OK);
	path = sqlite3_db_filename(SQ(db)->h, "main");
	if (path == NULL || *path == '\0') {
		db_seterr(db, "checkpoint thread: no database file");
		return (DB_ERROR);
	}
	rc = DB_OK;
	pthread_mutex_lock(&ckpt.mu);
	if (ckpt.path == NULL) {
		ckpt.path = xstrdup(path);
		(void)pthread_attr_init(&attr);
		(void)pthread_attr_setdetachstate(&attr,
		    PTHREAD_CREATE_DETACHED);
		/* Signals for the process stay with the event loop's
		 * thread (see lib/workq.c). */
		sigfillset(&all);
		(void)pthread_sigmask(SIG_SETMASK, &all, &old);
		if (pthread_create(&t, &attr, sq_ckpt_main, NULL) != 0) {
			free(ckpt.path);
			ckpt.path = NULL;
			rc = DB_ERROR;
		}
		(void)pthread_sigmask(SIG_SETMASK, &old, NULL);
		(void)pthread_attr_destroy(&attr);
	} else if (strcmp(ckpt.path, path) != 0)
		rc = DB_ERROR;
	pthread_mutex_unlock(&ckpt.mu);
	if (rc != DB_OK) {
		db_seterr(db, "checkpoint thread: cannot start for %s", path);
		return (rc);
	}
	/* Replaces SQLite's own hook, its automatic checkpoint. */
	(void)sqlite3_wal_hook(SQ(db)->h, sq_wal_hook, NULL);
	return (DB_OK);
}

/* After each commit: pages is the WAL's length. Wakes the checkpoint
 * thread once it is due; checkpoints here if the thread has none. */
static int
sq_wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
	int	failed;

	(void)arg;
	if (pages < SQ_CKPT_PAGES)
		return (SQLITE_OK);
	pthread_mutex_lock(&ckpt.mu);
	failed = ckpt.failed;
	if (!failed) {
		ckpt.want = 1;
		pthread_cond_signal(&ckpt.cv);
	}
	pthread_mutex_unlock(&ckpt.mu);
	if (failed)
		(void)sqlite3_wal_checkpoint_v2(h, name,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return (SQLITE_OK);
}

/* The checkpoint thread: its own connection (synchronous FULL, SQLite's
 * default: a checkpoint fsyncs the WAL before and the file after), one
 * PASSIVE checkpoint per wake-up. */
static void *
sq_ckpt_main(void *arg)
{
	sqlite3	*h;

	(void)arg;
	h = NULL;
	if (sqlite3_open_v2(ckpt.path, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		pthread_mutex_lock(&ckpt.mu);
		ckpt.failed = 1;
		pthread_mutex_unlock(&ckpt.mu);
		return (NULL);
	}
	for (;;) {
		pthread_mutex_lock(&ckpt.mu);
		while (!ckpt.want)
			pthread_cond_wait(&ckpt.cv, &ckpt.mu);
		ckpt.want = 0;
		pthread_mutex_unlock(&ckpt.mu);
		/* A connection that has read nothing has no WAL open, and
		 * its checkpoint does nothing: read the schema first. */
		(void)sqlite3_exec(h, "PRAGMA schema_version", NULL, NULL,
		    NULL);
		(void)sqlite3_wal_checkpoint_v2(h, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&ckpt.mu);
		ckpt.runs++;
		pthread_mutex_unlock(&ckpt.mu);
	}
	return (NULL);
}

/* Tests only: how many checkpoints the thread has run. */
uint64_t
db_checkpoint_runs(void)
{
	uint64_t	n;

	pthread_mutex_lock(&ckpt.mu);
	n = ckpt.runs;
	pthread_mutex_unlock(&ckpt.mu);
	return (n);
}

/* Maps a SQLite result code to a DB_* code. */
static int
sq_code(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return (DB_OK);
	case SQLITE_CONSTRAINT:
		return (DB_CONSTRAINT);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return (DB_BUSY);
	default:
		return (DB_ERROR);
	}
}

/* Names rc for the store's error log: "SQLITE_FULL (13)". */
static void
sq_errcode(struct db *db, int rc)
{
	static const struct {
		int		 rc;
		const char	*name;
	} names[] = {
		{ SQLITE_ERROR, "SQLITE_ERROR" },
		{ SQLITE_PERM, "SQLITE_PERM" },
		{ SQLITE_ABORT, "SQLITE_ABORT" },
		{ SQLITE_BUSY, "SQLITE_BUSY" },
		{ SQLITE_LOCKED, "SQLITE_LOCKED" },
		{ SQLITE_NOMEM, "SQLITE_NOMEM" },
		{ SQLITE_READONLY, "SQLITE_READONLY" },
		{ SQLITE_INTERRUPT, "SQLITE_INTERRUPT" },
		{ SQLITE_IOERR, "SQLITE_IOERR" },
		{ SQLITE_CORRUPT, "SQLITE_CORRUPT" },
		{ SQLITE_FULL, "SQLITE_FULL" },
		{ SQLITE_CANTOPEN, "SQLITE_CANTOPEN" },
		{ SQLITE_PROTOCOL, "SQLITE_PROTOCOL" },
		{ SQLITE_SCHEMA, "SQLITE_SCHEMA" },
		{ SQLITE_TOOBIG, "SQLITE_TOOBIG" },
		{ SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT" },
		{ SQLITE_MISMATCH, "SQLITE_MISMATCH" },
		{ SQLITE_MISUSE, "SQLITE_MISUSE" },
		{ SQLITE_NOLFS, "SQLITE_NOLFS" },
		{ SQLITE_AUTH, "SQLITE_AUTH" },
		{ SQLITE_RANGE, "SQLITE_RANGE" },
		{ SQLITE_NOTADB, "SQLITE_NOTADB" },
	};
	const char	*name;
	size_t		 i;

	name = "SQLITE";
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].rc == (rc & 0xff))
			name = names[i].name;
	}
	snprintf(db->errcode, sizeof(db->errcode), "%s (%d)", name, rc);
}

/* Records the connection's error text and code for rc and returns its
 * DB_* code. */
static int
sq_fail(struct db *db, int rc)
{
	db_seterr(db, "%s", sqlite3_errmsg(SQ(db)->h));
	sq_errcode(db, rc);
	return (sq_code(rc));
}

static void
sq_close(struct db *db)
{
	sqlite3_close(SQ(db)->h);
	free(db);
}

static int
sq_exec(struct db *db, const char *sql)
{
	char	*msg;
	int	 rc;

	msg = NULL;
	db->trips++;
	rc = sqlite3_exec(SQ(db)->h, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return (DB_OK);
	db_seterr(db, "%s", msg != NULL ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	rc = sqlite3_extended_errcode(SQ(db)->h);
	sq_errcode(db, rc);
	return (sq_code(rc));
}

static int
sq_commit(struct db *db)
{
	return (sq_exec(db, "COMMIT"));
}

static int
sq_tx_active(const struct db *db)
{
	return (!sqlite3_get_autocommit(SQC(db)->h));
}

/* Rows changed by this connection since it opened: grows with each of its
 * writes, even those rolled back. */
static int64_t
sq_own_changes(struct db *db)
{
	return ((int64_t)sqlite3_total_changes64(SQ(db)->h));
}

/* Compiles exactly one statement, after the $N -> ?N rewrite. */
static struct db_stmt *
sq_stmt_new(struct db *db, const char *sql)
{
	struct sq_stmt	*s;
	sqlite3_stmt	*st;
	const char	*tail;
	char		*q;
	int		 rc;

	st = NULL;
	s = NULL;
	q = db_sql_qmark(sql);
	rc = sqlite3_prepare_v3(SQ(db)->h, q, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, &tail);
	if (rc != SQLITE_OK) {
		db_seterr(db, "%s in: %.200s", sqlite3_errmsg(SQ(db)->h), sql);
		sq_errcode(db, rc);
		goto out;
	}
	while (tail != NULL && isspace((unsigned char)*tail))
		tail++;
	if (st == NULL || (tail != NULL && *tail != '\0')) {
		db_seterr(db, "db_prepare takes exactly one statement: %.200s",
		    sql);
		sqlite3_finalize(st);
		goto out;
	}
	s = xcalloc(1, sizeof(*s));
	db_init_stmt(&s->base, db, sql);
	s->st = st;
out:
	free(q);
	return (s == NULL ? NULL : &s->base);
}

static void
sq_stmt_free(struct db_stmt *st)
{
	sqlite3_finalize(SQS(st)->st);
	free(st);
}

/* Remembers the first failed bind for db_step() to report. */
static void
sq_bind_check(struct db_stmt *st, int i, int rc)
{
	if (rc != SQLITE_OK && st->bind_err == 0)
		st->bind_err = i;
}

static void
sq_bind_int(struct db_stmt *st, int i, int64_t v)
{
	sq_bind_check(st, i, sqlite3_bind_int64(SQS(st)->st, i, v));
}

static void
sq_bind_textn(struct db_stmt *st, int i, const char *s, size_t n)
{
	sq_bind_check(st, i, sqlite3_bind_text64(SQS(st)->st, i, s, n,
	    SQLITE_TRANSIENT, SQLITE_UTF8));
}

/* SQLITE_STATIC: the caller keeps s until sq_reset, which clears it. */
static void
sq_bind_text_ref(struct db_stmt *st, int i, const char *s, size_t n)
{
	sq_bind_check(st, i, sqlite3_bind_text64(SQS(st)->st, i, s, n,
	    SQLITE_STATIC, SQLITE_UTF8));
}

static void
sq_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	int	rc;

	if (n == 0)
		rc = sqlite3_bind_zeroblob(SQS(st)->st, i, 0);
	else
		rc = sqlite3_bind_blob64(SQS(st)->st, i, p, n,
		    SQLITE_TRANSIENT);
	sq_bind_check(st, i, rc);
}

static void
sq_bind_null(struct db_stmt *st, int i)
{
	sq_bind_check(st, i, sqlite3_bind_null(SQS(st)->st, i));
}

static int
sq_step(struct db_stmt *st)
{
	int	rc;

	if (SQS(st)->done)
		return (DB_DONE);
	if (!sqlite3_stmt_busy(SQS(st)->st))
		st->db->trips++;
	rc = sqlite3_step(SQS(st)->st);
	if (rc == SQLITE_ROW)
		return (DB_ROW);
	if (rc == SQLITE_DONE) {
		SQS(st)->done = 1;
		return (DB_DONE);
	}
	return (sq_fail(st->db, rc));
}

static int
sq_stmt_readonly(struct db_stmt *st)
{
	return (sqlite3_stmt_readonly(SQS(st)->st));
}

static int64_t
sq_col_int(struct db_stmt *st, int col)
{
	return (sqlite3_column_int64(SQS(st)->st, col));
}

static const char *
sq_col_text(struct db_stmt *st, int col)
{
	return ((const char *)sqlite3_column_text(SQS(st)->st, col));
}

static const void *
sq_col_blob(struct db_stmt *st, int col, size_t *len)
{
	const void	*p;

	if (sqlite3_column_type(SQS(st)->st, col) == SQLITE_NULL)
		return (NULL);
	p = sqlite3_column_blob(SQS(st)->st, col);
	*len = (size_t)sqlite3_column_bytes(SQS(st)->st, col);
	return (p == NULL ? "" : p);
}

static int
sq_col_isnull(struct db_stmt *st, int col)
{
	return (sqlite3_column_type(SQS(st)->st, col) == SQLITE_NULL);
}

static void
sq_reset(struct db_stmt *st)
{
	sqlite3_reset(SQS(st)->st);
	sqlite3_clear_bindings(SQS(st)->st);
	SQS(st)->done = 0;
}

/*
 * Copies the database into path.tmp with the backup API, fsyncs it,
 * renames it over path and fsyncs the directory.
 */
static int
sq_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	char	*tmp, *dir;
	size_t	 n;
	int	 rc;

	rc = DB_ERROR;
	n = strlen(path) + sizeof(".tmp");
	tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp", path);
	dir = xstrdup(path);
	if (unlink(tmp) == -1 && errno != ENOENT) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (sq_copy(SQ(db)->h, tmp, err, errlen) != DB_OK)
		goto out;
	if (fsync_path(tmp, 0) == -1 || rename(tmp, path) == -1 ||
	    fsync_path(dirname(dir), 1) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = DB_OK;
out:
	if (rc != DB_OK)
		unlink(tmp);
	free(dir);
	free(tmp);
	return (rc);
}

/* The backup proper: every page of main into a new file at path. */
static int
sq_copy(sqlite3 *src, const char *path, char *err, size_t errlen)
{
	sqlite3		*dst;
	sqlite3_backup	*b;
	int		 rc;

	dst = NULL;
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		rc = sqlite3_errcode(dst);
		goto fail;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = rc == SQLITE_OK ? SQLITE_ERROR : rc;
		goto fail;
	}
	if ((rc = sqlite3_close(dst)) != SQLITE_OK) {
		dst = NULL;
		goto fail;
	}
	return (DB_OK);
fail:
	snprintf(err, errlen, "backup %s: %s", path, dst != NULL ?
	    sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	sqlite3_close(dst);
	return (sq_code(rc) == DB_OK ? DB_ERROR : sq_code(rc));
}

/* fsync a file (isdir 0) or a directory (isdir 1); -1 with errno. */
static int
fsync_path(const char *path, int isdir)
{
	int	fd, rc, saved;

	fd = open(path, (isdir ? O_RDONLY | O_DIRECTORY : O_RDWR) |
	    O_CLOEXEC);
	if (fd == -1)
		return (-1);
	rc = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return (rc);
}
