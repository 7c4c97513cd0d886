/*
 * db_migrate.c: applies numbered schema migrations (see db_migrate() in
 * db.h).
 *
 * A migration is a file NNNN_name.sql in the directory the caller gives;
 * each one not yet listed in schema_migrations runs in its own
 * transaction together with the row that records it, so a failing file
 * leaves nothing behind. On PostgreSQL a session advisory lock serialises
 * nodes that start together. It owns no state between calls and never
 * formats values into SQL: the migration files are trusted text shipped
 * with the program.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "store/db.h"

#define MIGRATE_LOCK_SQL	"SELECT pg_advisory_lock(7353421)"
#define MIGRATE_UNLOCK_SQL	"SELECT pg_advisory_unlock(7353421)"
#define MIGRATE_MAX_SIZE	(16 * 1024 * 1024)

static int	migrate_filter(const struct dirent *);
static int	migrate_all(struct db *, const char *, char *, size_t);
static int	migrate_one(struct db *, const char *, const char *, char *,
		    size_t);
static int	migrate_done(struct db *, int, int *);
static int	migrate_record(struct db *, int, const char *);
static int	read_file(const char *, struct buf *);

/*
 * Applies the migrations of dir not yet recorded, in file name order, each
 * in its own transaction. Must be called outside a transaction. Returns
 * DB_OK, or DB_ERROR with "file: message" in err (earlier files stay
 * applied, the failing one is rolled back completely).
 */
int
db_migrate(struct db *db, const char *dir, char *err, size_t errlen)
{
	int	rc;

	if (db_in_tx(db)) {
		snprintf(err, errlen, "migrate: called inside a transaction");
		return (DB_ERROR);
	}
	if (db_kind(db) == DB_PG && db_exec(db, MIGRATE_LOCK_SQL) != DB_OK) {
		snprintf(err, errlen, "migrate: lock: %s", db_errmsg(db));
		return (DB_ERROR);
	}
	rc = migrate_all(db, dir, err, errlen);
	if (db_kind(db) == DB_PG)
		(void)db_exec(db, MIGRATE_UNLOCK_SQL);
	return (rc);
}

/* Creates the bookkeeping table, lists dir and applies each file. */
static int
migrate_all(struct db *db, const char *dir, char *err, size_t errlen)
{
	struct dirent	**names;
	int		  i, n, rc;

	names = NULL;
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	    "applied_at BIGINT NOT NULL)") != DB_OK) {
		snprintf(err, errlen, "schema_migrations: %s", db_errmsg(db));
		return (DB_ERROR);
	}
	if ((n = scandir(dir, &names, migrate_filter, alphasort)) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return (DB_ERROR);
	}
	rc = DB_OK;
	for (i = 0; i < n; i++) {
		if (rc == DB_OK && i > 0 && strncmp(names[i]->d_name,
		    names[i - 1]->d_name, 4) == 0) {
			snprintf(err, errlen, "%s: version number used twice",
			    names[i]->d_name);
			rc = DB_ERROR;
		}
		if (rc == DB_OK)
			rc = migrate_one(db, dir, names[i]->d_name, err,
			    errlen);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return (rc);
}

/* Keeps names of the form NNNN_*.sql. */
static int
migrate_filter(const struct dirent *d)
{
	const char	*s;
	size_t		 len;
	int		 i;

	s = d->d_name;
	for (i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (0);
	}
	len = strlen(s);
	return (s[4] == '_' && len > 9 && strcmp(s + len - 4, ".sql") == 0);
}

/* Applies one file unless recorded: file and record in one transaction. */
static int
migrate_one(struct db *db, const char *dir, const char *name, char *err,
    size_t errlen)
{
	struct buf	 sql;
	char		 path[4096];
	int		 version, done;

	buf_init(&sql);
	version = atoi(name);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (read_file(path, &sql) == -1) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		goto fail;
	}
	if (db_begin(db) != DB_OK)
		goto dberr;
	if (migrate_done(db, version, &done) != DB_OK)
		goto dberr;
	if (!done && (db_exec(db, sql.data != NULL ? sql.data : "") !=
	    DB_OK || migrate_record(db, version, name) != DB_OK))
		goto dberr;
	if (db_commit(db) != DB_OK)
		goto dberr;
	buf_free(&sql);
	return (DB_OK);
dberr:
	snprintf(err, errlen, "%s: %s", name, db_errmsg(db));
	(void)db_rollback(db);
fail:
	buf_free(&sql);
	return (DB_ERROR);
}

/* Sets *done when version is already recorded. */
static int
migrate_done(struct db *db, int version, int *done)
{
	struct db_stmt	*st;
	int		 rc;

	*done = 0;
	st = db_prepare(db,
	    "SELECT 1 FROM schema_migrations WHERE version = $1");
	if (st == NULL)
		return (DB_ERROR);
	db_bind_int(st, 1, version);
	rc = db_step(st);
	if (rc == DB_ROW)
		*done = 1;
	db_reset(st);
	return (rc == DB_ROW || rc == DB_DONE ? DB_OK : rc);
}

/* Inserts the schema_migrations row for version. */
static int
migrate_record(struct db *db, int version, const char *name)
{
	struct db_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT INTO schema_migrations "
	    "(version, name, applied_at) VALUES ($1, $2, $3)");
	if (st == NULL)
		return (DB_ERROR);
	db_bind_int(st, 1, version);
	db_bind_text(st, 2, name);
	db_bind_int(st, 3, (int64_t)time(NULL));
	rc = db_step(st);
	db_reset(st);
	return (rc == DB_DONE ? DB_OK : rc);
}

/* Reads a whole file into b; -1 with errno on failure. */
static int
read_file(const char *path, struct buf *b)
{
	char	chunk[8192];
	ssize_t	n;
	int	fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_append(b, chunk, (size_t)n);
		if (b->len > MIGRATE_MAX_SIZE) {
			n = -1;
			errno = EFBIG;
			break;
		}
	}
	saved = errno;
	close(fd);
	errno = saved;
	return (n == -1 ? -1 : 0);
}
