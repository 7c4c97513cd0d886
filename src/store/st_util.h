/*
 * st_util.h: small helpers shared by the st_*.c files, the one way the
 * store reads rows: run a statement that returns no rows (st_run), read
 * one integer (st_int), one row into a struct (st_row) or every row into
 * an arena array (st_rows, ST_ROWS) with a row reader, grow an array
 * filled by hand (st_grow); copy a text column into an arena.
 */
#ifndef ETHICA_ST_UTIL_H
#define ETHICA_ST_UTIL_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db_stmt;

/* The most rows st_rows reads into one array unless told fewer: more is a
 * bug or a list that wants paging, and fails instead of filling memory. */
#define ST_ROWS_MAX	(1 << 20)

/* Reads the current row of s into the struct at row (strings go into the
 * arena). */
typedef void	st_reader(struct arena *, struct db_stmt *, void *row);

/*
 * Steps s to the end, reading each row with rd into a zeroed element of
 * an arena array of elements of sz bytes: *out and *n are the array and
 * its length (NULL and 0 without rows). More than max rows (0: ST_ROWS_MAX)
 * is STORE_ERROR. A NULL s (a failed prepare) is STORE_ERROR. Resets s.
 */
int	 st_rows(struct arena *, struct db_stmt *, size_t sz, size_t max,
	    st_reader *rd, void **out, size_t *n);
/* st_rows into a typed array: ST_ROWS(a, s, rd, &rows, &n). */
#define ST_ROWS(a, s, rd, out, n)					\
	st_rows((a), (s), sizeof(**(out)), 0, (rd), (void **)(out), (n))
/*
 * Steps s once: reads the row with rd into row (left as it was when there
 * is none) and returns STORE_OK, or STORE_NOT_FOUND. A NULL s is
 * STORE_ERROR. Resets s.
 */
int	 st_row(struct arena *, struct db_stmt *, st_reader *rd, void *row);
/* Row readers of column 0: into an int64_t, into a char * (arena). */
void	 st_int_read(struct arena *, struct db_stmt *, void *);
void	 st_str_read(struct arena *, struct db_stmt *, void *);
/* The audit columns (id, at, actor id, actor name, action, object type,
 * object id, detail) into a struct audit_row (st_audit.c). */
void	 st_audit_read(struct arena *, struct db_stmt *, void *);
/*
 * Room for element n of the arena array v of *cap elements of sz bytes:
 * returns v, or a copy twice as large (at least 16 elements) whose new
 * room is zeroed, with *cap updated. For arrays filled by hand (several
 * side by side, or a row that feeds one of several lists); st_rows does
 * the usual case.
 */
void	*st_grow(struct arena *, void *v, size_t n, size_t *cap, size_t sz);

/* Steps s to completion, resets it; returns a STORE_* code. */
int	 st_run(struct db_stmt *);
/* Steps s once expecting one row with one integer; resets it. */
int	 st_int(struct db_stmt *, int64_t *);
/* Steps s once expecting one row with one text column (into the arena);
 * STORE_NOT_FOUND without a row. Resets s. */
int	 st_str(struct arena *, struct db_stmt *, char **);
/* Column col as an arena string ("" for NULL). */
char	*st_text(struct arena *, struct db_stmt *, int col);
/* "%q%" for LIKE ... ESCAPE '!', with %, _ and ! in q escaped; NULL q
 * matches everything. */
char	*st_like_pattern(struct arena *, const char *q);
/* Maps a db_step() error code to a STORE_* code. */
int	 st_err(int rc);

#endif
