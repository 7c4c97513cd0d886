/*
 * db.h: the database driver interface under the store.
 *
 * Two drivers implement it: db_sqlite.c (default, a file under DATA/) and
 * db_pg.c (libpq, synchronous). Only files in src/store/ include this
 * header; the domain sees store_*() functions and an opaque struct db.
 *
 * SQL given to db_prepare() is one portable dialect: parameters are written
 * $1, $2, ... (the SQLite driver rewrites them to ?1, ?2), integers are
 * 64-bit, times are unix seconds in BIGINT columns, booleans are integers,
 * and new ids come back with INSERT ... RETURNING id.
 *
 * Statements are cached per connection, keyed by the SQL text pointer (pass
 * string literals). A statement is borrowed: always call db_reset() after
 * the last db_step(), also on error paths; text and blob columns are valid
 * only until the next db_step() or db_reset().
 */
#ifndef ETHICA_DB_H
#define ETHICA_DB_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_kind {
	DB_SQLITE = 1,
	DB_PG = 2
};

/* Results of db_step() and error codes of the other calls. */
#define DB_OK		0
#define DB_ROW		1
#define DB_DONE		2
#define DB_ERROR	-1
#define DB_CONSTRAINT	-2	/* unique / foreign key / check violated */
#define DB_BUSY		-3	/* locked, or serialization failure */

/*
 * Opens a connection. target is "postgresql://..." or "postgres://..." for
 * PostgreSQL (gssencmode=disable is added), anything else is a SQLite file
 * path (created if missing; WAL, foreign keys, synchronous=FULL, a busy
 * handler napping at most 1 ms at a time and giving up after 5 s). Returns DB_OK and sets *out, or DB_ERROR with a
 * message in err.
 */
int		 db_open(struct db **out, const char *target, char *err,
		    size_t errlen);
/* Closes the connection and finalizes its cached statements. */
void		 db_close(struct db *);
enum db_kind	 db_kind(const struct db *);
/* The last error message of this connection (borrowed). */
const char	*db_errmsg(const struct db *);

/*
 * Every failed call (but a constraint refusal, which callers expect) is
 * logged on stderr with the backend's code and the first words of the
 * statement's SQL (never a bound value), and kept as this process's last
 * store error. db_last_error() copies it out: 1 when there was one (code
 * like "SQLITE_FULL (13)" or "SQLSTATE 53100", stmt the SQL's first
 * words, *when the unix time), else 0.
 */
int		 db_last_error(char *code, size_t, char *stmt, size_t,
		    int64_t *when);

/* How many times this connection went to its database: round trips to
 * the server on PostgreSQL (each prepare, execute, BEGIN, COMMIT),
 * statements run on SQLite. Only grows; for counting a page's cost. */
uint64_t	 db_trips(const struct db *);

/* Runs SQL text with no parameters, several statements allowed. */
int		 db_exec(struct db *, const char *sql);

/* Transactions. db_begin() takes the write lock at once (BEGIN IMMEDIATE
 * on SQLite). Nested calls are refused with DB_ERROR. */
int		 db_begin(struct db *);
int		 db_commit(struct db *);
/*
 * Starts a transaction like db_begin, for writes whose loss in a power
 * failure costs little and can be redone by their user (a learner's
 * "lesson read" marks, where they left off): unless the operator asked
 * for full durability (db_lazy_allowed), its commit does not wait for the
 * disk. SQLite (WAL) writes it to the WAL without fsync (synchronous=
 * NORMAL for this transaction: SQLite refuses to change it inside one, so
 * it is chosen here). That is as safe as any commit against the process
 * being killed (kill -9, a crashed worker); a power failure or OS crash
 * may lose the last such commits (those after the last fsynced commit or
 * checkpoint, which carries every earlier one with it), never corrupts
 * the database, and never loses a db_begin transaction committed before
 * them. On PostgreSQL it is db_begin: there synchronous_commit off would
 * also lose commits when the database server crashes, which is no rarer
 * than the ethica server being killed; an operator who wants that sets
 * it on the server.
 */
int		 db_begin_lazy(struct db *);
/* db_begin_lazy, but DB_BUSY at once (not logged) when another
 * connection holds the write lock, instead of waiting for it. */
int		 db_begin_lazy_try(struct db *);
/* 1 when db_begin_lazy may skip the wait for the disk: the environment
 * variable ETHICA_DURABILITY is unset, empty or "lazy"; "full" (or any
 * other value) makes every commit wait. Read once per process. */
int		 db_lazy_allowed(void);
int		 db_rollback(struct db *);
/* A savepoint in the open transaction (one level), and its end: keep 1
 * keeps what ran since, 0 undoes it; the transaction stays open. See
 * db.c. */
int		 db_savepoint(struct db *);
int		 db_savepoint_end(struct db *, int keep);
int		 db_in_tx(const struct db *);

/*
 * A read snapshot for the reads of one page: on SQLite they then share
 * one read transaction (one state of the database, the WAL read lock
 * taken once instead of per statement), opened by the first read.
 * Anything that writes (db_begin, db_exec, a statement that is not
 * read-only) ends the snapshot first, so no write ever runs inside it.
 * A no-op on PostgreSQL.
 */
int		 db_snapshot_begin(struct db *);
void		 db_snapshot_end(struct db *);
/* A number that moves with every write statement, transaction and
 * snapshot boundary of this connection: equal values from two calls
 * inside one snapshot mean that every read between them saw the same
 * state. */
uint64_t	 db_generation(struct db *);

/*
 * What the database looked like when last read: both numbers change
 * whenever a commit by another connection (committed) or a write by this
 * one (own) changed it. Read inside a snapshot, they describe the
 * snapshot, so equal versions mean equal reads. DB_OK, or DB_ERROR when
 * the driver cannot tell (PostgreSQL) or the read failed.
 */
struct db_version {
	int64_t	committed;
	int64_t	own;
};
int		 db_data_version(struct db *, struct db_version *);

/* Returns a cached prepared statement, or NULL (see db_errmsg). */
struct db_stmt	*db_prepare(struct db *, const char *sql);
/* Parameter indexes start at 1. Text/blob values are copied. */
void		 db_bind_int(struct db_stmt *, int, int64_t);
void		 db_bind_text(struct db_stmt *, int, const char *);
void		 db_bind_textn(struct db_stmt *, int, const char *, size_t);
/* db_bind_text without the copy, where the driver can: s must stay as it
 * is until db_reset (for the few queries every page runs). */
void		 db_bind_text_ref(struct db_stmt *, int, const char *);
void		 db_bind_blob(struct db_stmt *, int, const void *, size_t);
void		 db_bind_null(struct db_stmt *, int);
/* DB_ROW, DB_DONE, or an error code (DB_CONSTRAINT, DB_BUSY, DB_ERROR). */
int		 db_step(struct db_stmt *);
/* Column indexes start at 0. NULL text reads as NULL, NULL int as 0. */
int64_t		 db_col_int(struct db_stmt *, int);
const char	*db_col_text(struct db_stmt *, int);
const void	*db_col_blob(struct db_stmt *, int, size_t *);
int		 db_col_isnull(struct db_stmt *, int);
/* Ends the use of a statement; always call it. Clears bindings. */
void		 db_reset(struct db_stmt *);

/*
 * Applies the numbered migrations NNNN_name.sql found in dir (the caller
 * picks migrations/sqlite or migrations/pg) that are not yet recorded in
 * schema_migrations, each in its own transaction, in order. On PostgreSQL
 * an advisory lock makes concurrent callers wait, so each runs once.
 * Returns DB_OK or DB_ERROR with a message in err naming the file.
 */
int		 db_migrate(struct db *, const char *dir, char *err,
		    size_t errlen);

/* Copies a SQLite database to a file with the online backup API. */
int		 db_backup(struct db *, const char *path, char *err,
		    size_t errlen);

/*
 * Moves a SQLite connection's WAL checkpoints off its thread: a commit
 * that leaves 1,000 pages or more in the WAL wakes a thread of this
 * process, which checkpoints on a connection of its own (PASSIVE: it
 * never waits for a lock, and writers go on meanwhile), instead of the
 * committer copying the WAL into the file and fsyncing both itself (tens
 * of milliseconds of a worker's event loop every few hundred commits).
 * One file per process. DB_OK (a no-op on PostgreSQL), or DB_ERROR when
 * the thread cannot start or another file already has it (the
 * connection then checkpoints itself, as SQLite does). If the thread
 * cannot open the file, committers checkpoint as before.
 */
int		 db_checkpoint_thread(struct db *);
/* Tests only: the checkpoints the thread has run. */
uint64_t	 db_checkpoint_runs(void);

/* Tests only: fn (NULL: none) is called with arg, the try number (from 0)
 * and the nap in microseconds before each nap of a SQLite connection
 * waiting for a lock another connection holds. */
void		 db_sqlite_busy_hook(void (*fn)(void *, int, long),
		    void *arg);

/*
 * Pushed notifications (PostgreSQL LISTEN/NOTIFY; see st_push.c).
 * db_listen runs listen_sql (a string literal "LISTEN channel", kept
 * borrowed) now and again after every reconnect. DB_OK, or DB_ERROR on
 * SQLite, inside a transaction, or when the server refuses.
 * db_notified reads, without waiting and without a round trip, what the
 * server pushed since the last call, calling fn(arg, payload) for each
 * notification in the order they came, and sets *epoch to a number that
 * changes with every (re)connect of this connection (notifications may
 * have been lost when it changed). DB_ERROR when the connection does not
 * listen or is broken: the caller must then trust nothing it kept.
 * db_sync is one round trip that runs nothing: when it returns DB_OK,
 * every notification the server was signalled before it read the sync
 * has been received (db_notified applies them). DB_ERROR on SQLite,
 * inside a transaction, or on a broken connection (made again by the
 * next statement).
 */
int		 db_listen(struct db *, const char *listen_sql);
int		 db_notified(struct db *, void (*fn)(void *, const char *),
		    void *arg, uint64_t *epoch);
int		 db_sync(struct db *);

/* Builds the libpq connection string for a postgres URL: the URL with
 * gssencmode=disable appended as a query parameter ('?' or '&' as the URL
 * needs). Returns a string the caller frees (free()). */
char		*db_pg_conninfo(const char *url);
/* Rewrites $N parameters to ?N outside quoted strings, quoted identifiers
 * and comments. Returns a same-length copy the caller frees (free()). */
char		*db_sql_qmark(const char *sql);
/* The highest $N parameter number used outside quotes and comments
 * (0 when there are none). */
int		 db_sql_nparams(const char *sql);

/*
 * Driver side. Only src/store/db*.c use what follows: the store_* files
 * and everything above them treat struct db and struct db_stmt as opaque.
 *
 * A driver embeds struct db (or struct db_stmt) as the first member of its
 * own connection (statement) struct and fills a struct db_driver table;
 * db.c owns the statement cache, the transaction flag and the error text,
 * and forwards every public call through the table.
 */
struct db_driver {
	const char	 *begin_sql;	/* "BEGIN IMMEDIATE" / "BEGIN" */
	/* Starts a read snapshot; NULL when the driver needs none. */
	const char	 *snapshot_sql;
	/* Frees the connection (its cached statements are already gone). */
	void		 (*close)(struct db *);
	int		 (*exec)(struct db *, const char *);
	int		 (*commit)(struct db *);
	/* Starts a lazy transaction (db_begin_lazy; NULL: the driver has
	 * none), and restores the connection after it ends (NULL: nothing
	 * to restore). */
	const char	 *begin_lazy_sql;
	const char	 *end_lazy_sql;
	/* 1 when the server side still has a transaction open. */
	int		 (*tx_active)(const struct db *);
	/* A new statement for sql (compiled/prepared), or NULL + errmsg. */
	struct db_stmt	*(*stmt_new)(struct db *, const char *);
	void		 (*stmt_free)(struct db_stmt *);
	/* Bind and column calls get indexes already checked >= 1 / >= 0. */
	void		 (*bind_int)(struct db_stmt *, int, int64_t);
	void		 (*bind_textn)(struct db_stmt *, int, const char *,
			    size_t);
	void		 (*bind_blob)(struct db_stmt *, int, const void *,
			    size_t);
	/* Binds without copying; NULL: db_bind_text_ref copies. */
	void		 (*bind_text_ref)(struct db_stmt *, int, const char *,
			    size_t);
	void		 (*bind_null)(struct db_stmt *, int);
	int		 (*step)(struct db_stmt *);
	/* 1 when the statement never writes (for snapshots and pages). */
	int		 (*stmt_readonly)(struct db_stmt *);
	int64_t		 (*col_int)(struct db_stmt *, int);
	const char	*(*col_text)(struct db_stmt *, int);
	const void	*(*col_blob)(struct db_stmt *, int, size_t *);
	int		 (*col_isnull)(struct db_stmt *, int);
	void		 (*reset)(struct db_stmt *);
	/* A read-only query whose one value changes with every commit by
	 * another connection, and this connection's count of changed rows
	 * (see db_data_version); NULL when the driver has none. */
	const char	 *data_version_sql;
	int64_t		 (*own_changes)(struct db *);
	/* NULL when the driver has no backup. */
	int		 (*backup)(struct db *, const char *, char *, size_t);
};

struct db {
	const struct db_driver	*drv;
	enum db_kind		 kind;
	int			 in_tx;
	int			 lazy;		/* db_begin_lazy's, until it ends */
	int			 nowait;	/* db_begin_lazy_try: no busy wait */
	int			 snap_want;	/* reads share a snapshot */
	int			 snap;		/* ... and it is open */
	int			 page;		/* db_snapshot_begin called */
	uint64_t		 gen;		/* see db_generation */
	uint64_t		 trips;		/* see db_trips; drivers count */
	struct db_stmt		**cache;	/* open addressing, by sql */
	size_t			 ncache;	/* slots (power of two) */
	size_t			 nused;
	char			 errmsg[1024];
	char			 errcode[32];	/* set by the driver */
};

struct db_stmt {
	struct db	*db;
	const char	*sql;		/* the cache key (caller's pointer) */
	int		 busy;		/* stepped and not yet reset */
	int		 bind_err;	/* first bad parameter index, or 0 */
};

/* Sets the connection's error text (printf style). */
void		 db_seterr(struct db *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Initialises the common part of a new connection. */
void		 db_init_base(struct db *, const struct db_driver *,
		    enum db_kind);
/* Initialises the common part of a new statement. */
void		 db_init_stmt(struct db_stmt *, struct db *, const char *);
/* The two drivers' open functions (called by db_open()). */
int		 db_sqlite_open(struct db **, const char *, char *, size_t);
int		 db_pg_open(struct db **, const char *, char *, size_t);

#endif
