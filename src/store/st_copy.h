/*
 * st_copy.h: copying a whole SQLite deployment into an empty PostgreSQL
 * database (`ethica db copy`). Only the CLI uses it.
 */
#ifndef ETHICA_ST_COPY_H
#define ETHICA_ST_COPY_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct copy_table {
	const char	*name;
	int64_t		 rows;		/* rows in source and target */
};

/*
 * Copies every table of src (SQLite, tables read from sqlite_master, FTS
 * virtual tables and their shadow tables left out, schema_migrations too)
 * into dst (PostgreSQL, migrated to the same schema versions, no rows in
 * any table) inside one transaction on dst, parents before children
 * (foreign keys of the source), ids and every column value preserved:
 * integers, text, blobs and NULLs, read by the target column's type. Then
 * sets each identity sequence to max(id) and compares the row count of
 * every table in both databases; only then commits.
 *
 * src is read inside one transaction (a consistent snapshot; it holds the
 * SQLite write lock while copying). On success returns STORE_OK and the
 * tables in copy order (*tables, *ntables, arena memory). Otherwise
 * STORE_ERROR with a message in err, and dst is left untouched (rolled
 * back).
 *
 * The SQL for each table is built in arena a from catalogue names (only
 * [a-z_][a-z0-9_]* names are accepted, always double-quoted) and the
 * connections cache statements keyed by those texts: close both
 * connections before freeing a.
 */
int	store_copy(struct db *src, struct db *dst, struct arena *a,
	    struct copy_table **tables, size_t *ntables, char *err,
	    size_t errlen);

#endif
