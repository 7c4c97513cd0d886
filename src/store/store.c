/*
 * store.c: opening the store, migrations, transactions and backups: the
 * thin part of store.h that maps straight onto the driver (db.h).
 */
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/st_push.h"
#include "store/store.h"

static int	store_code(int);

static int
store_code(int rc)
{
	switch (rc) {
	case DB_OK:
	case DB_DONE:
		return (STORE_OK);
	case DB_CONSTRAINT:
		return (STORE_DUPLICATE);
	default:
		return (STORE_ERROR);
	}
}

int
store_open(struct db **out, const char *target, char *err, size_t errlen)
{
	return (db_open(out, target, err, errlen) == DB_OK ?
	    STORE_OK : STORE_ERROR);
}

void
store_close(struct db *db)
{
	if (db != NULL) {
		st_push_forget(db);
		db_close(db);
	}
}

uint64_t
store_trips(const struct db *db)
{
	return (db_trips(db));
}

int
store_in_tx(struct db *db)
{
	return (db_in_tx(db));
}

const char *
store_backend(const struct db *db)
{
	return (db_kind(db) == DB_PG ? "postgresql" : "sqlite");
}

int
store_migrate(struct db *db, const char *share, char *err, size_t errlen)
{
	char	dir[4096];
	int	n;

	n = snprintf(dir, sizeof(dir), "%s/src/store/migrations/%s", share,
	    db_kind(db) == DB_PG ? "pg" : "sqlite");
	if (n < 0 || (size_t)n >= sizeof(dir)) {
		snprintf(err, errlen, "share path too long");
		return (STORE_ERROR);
	}
	return (db_migrate(db, dir, err, errlen) == DB_OK ?
	    STORE_OK : STORE_ERROR);
}

/*
 * Creates a table inside a transaction and rolls it back: the smallest
 * write both backends refuse when the database is read-only (the file,
 * its -wal or -shm file, its folder or filesystem; a standby server), and
 * it needs no migrated schema. Outside any transaction.
 */
int
store_check_write(struct db *db, char *err, size_t errlen)
{
	int	rc;

	if ((rc = db_begin(db)) == DB_OK)
		rc = db_exec(db, "CREATE TABLE ethica_write_check (x BIGINT)");
	if (rc != DB_OK)
		snprintf(err, errlen, "%s", db_errmsg(db));
	(void)db_rollback(db);
	return (rc == DB_OK ? STORE_OK : STORE_ERROR);
}

int
store_begin(struct db *db)
{
	return (store_code(db_begin(db)));
}

int
store_begin_lazy(struct db *db)
{
	return (store_code(db_begin_lazy(db)));
}

int
store_begin_lazy_try(struct db *db)
{
	int	rc;

	rc = db_begin_lazy_try(db);
	return (rc == DB_BUSY ? STORE_BUSY : store_code(rc));
}

int
store_checkpoint_thread(struct db *db)
{
	return (store_code(db_checkpoint_thread(db)));
}

int
store_read_begin(struct db *db)
{
	return (store_code(db_snapshot_begin(db)));
}

void
store_read_end(struct db *db)
{
	db_snapshot_end(db);
}

int
store_commit(struct db *db)
{
	return (store_code(db_commit(db)));
}

int
store_rollback(struct db *db)
{
	return (store_code(db_rollback(db)));
}

int
store_savepoint(struct db *db)
{
	return (store_code(db_savepoint(db)));
}

int
store_savepoint_end(struct db *db, int keep)
{
	return (store_code(db_savepoint_end(db, keep)));
}

int
store_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	if (db_kind(db) != DB_SQLITE) {
		snprintf(err, errlen, "backup: use pg_dump for PostgreSQL");
		return (STORE_ERROR);
	}
	return (db_backup(db, path, err, errlen) == DB_OK ?
	    STORE_OK : STORE_ERROR);
}

int
store_last_error(char *code, size_t codelen, char *stmt, size_t stmtlen,
    int64_t *when)
{
	return (db_last_error(code, codelen, stmt, stmtlen, when));
}
