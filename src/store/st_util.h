/*
 * st_util.h: small helpers shared by the st_*.c files, the one way the
 * store binds and reads: prepare a statement with its parameters bound
 * (ST_PREP), run it when it returns no rows (st_run), read one integer
 * (st_int), one row into a struct (st_row) or every row into an arena
 * array (st_rows, ST_ROWS) with a row reader, grow an array filled by
 * hand (st_grow); copy a text column into an arena.
 *
 * A row struct that the store reads or writes field by field has a
 * column table (struct st_col, one ST_COL a field, in the order of its
 * SELECT list or its parameters): st_cols_read reads the columns into
 * the struct and st_cols_bind binds the fields (st_prep_row: a write of
 * the fields, then other values), so the order lives once, next to the
 * SQL it matches. A query whose columns are all plain reads
 * through its table (ST_ROW_COLS, ST_ROWS_COLS); a reader function is
 * for rows that need more (blobs, offsets, several structs). SQL stays literal text; values are always
 * bound.
 */
#ifndef ETHICA_ST_UTIL_H
#define ETHICA_ST_UTIL_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct db_stmt;

/* What a parameter or a column holds. */
enum st_kind {
	ST_INT = 1,	/* int64_t */
	ST_TEXT,	/* char *: NULL binds SQL NULL, NULL reads as "" */
	ST_BOOL		/* int: a nonzero column reads as 1 */
};

/* One value to bind: st_i(), st_t() and st_opt() make them. */
struct st_arg {
	enum st_kind	 kind;
	int64_t		 i;
	const char	*t;
};
struct st_arg	 st_i(int64_t);
struct st_arg	 st_t(const char *);
/* An optional id or time: v, or SQL NULL when v <= 0 (absent). */
struct st_arg	 st_opt(int64_t v);

/*
 * Prepares sql and binds the n values of args as $1..$n. Returns the
 * statement, or NULL when the prepare failed (st_run, st_int, st_row and
 * st_rows turn NULL into STORE_ERROR, so the result can go straight to
 * them).
 */
struct db_stmt	*st_prep(struct db *, const char *sql,
		    const struct st_arg *args, size_t n);
/* st_prep with the values as arguments: ST_PREP(db, sql, st_i(id)). At
 * least one value; a statement without parameters is db_prepare's. */
#define ST_PREP(db, sql, ...)						\
	st_prep((db), (sql), (const struct st_arg[]){ __VA_ARGS__ },	\
	    sizeof((const struct st_arg[]){ __VA_ARGS__ }) /		\
	    sizeof(struct st_arg))

/* One field of a row struct: its kind and where it is. */
struct st_col {
	enum st_kind	 kind;
	size_t		 off;
};
/* The column table entry of field of struct type; its kind follows the
 * field's C type (int64_t, char * or const char *, int), so a field of
 * another type does not compile. */
#define ST_COL(type, field) {						\
	_Generic(((type *)0)->field, int64_t: ST_INT, char *: ST_TEXT,	\
	    const char *: ST_TEXT, int: ST_BOOL), offsetof(type, field) }
/* The number of entries of a table (an array, not a pointer). */
#define ST_NITEMS(t)	(sizeof(t) / sizeof((t)[0]))

/* Reads columns col, col + 1, ... of the current row of s into the n
 * fields of row that cols names (text into the arena). */
void	 st_cols_read(struct arena *, struct db_stmt *, int col,
	    const struct st_col *cols, size_t n, void *row);
/* Binds the n fields of row that cols names as $first, $first + 1, ...
 * A NULL s (a failed prepare) is left alone. */
void	 st_cols_bind(struct db_stmt *, int first,
	    const struct st_col *cols, size_t n, const void *row);
/*
 * Prepares sql and binds the ncols fields of row that cols names as
 * $1..$ncols, then the nargs values of args as the parameters after
 * them: how a row struct is written. NULL when the prepare failed.
 */
struct db_stmt	*st_prep_row(struct db *, const char *sql,
		    const struct st_col *cols, size_t ncols, const void *row,
		    const struct st_arg *args, size_t nargs);
/* st_prep_row with the values after the fields as arguments (at least
 * one): ST_PREP_ROW(db, sql, cols, ncols, row, st_i(now)). */
#define ST_PREP_ROW(db, sql, cols, ncols, row, ...)			\
	st_prep_row((db), (sql), (cols), (ncols), (row),		\
	    (const struct st_arg[]){ __VA_ARGS__ },			\
	    sizeof((const struct st_arg[]){ __VA_ARGS__ }) /		\
	    sizeof(struct st_arg))

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
/* st_rows and st_row reading columns 0, 1, ... into the ncols fields
 * that the column table cols names (st_cols_read): a reader as data. */
int	 st_rows_cols(struct arena *, struct db_stmt *, size_t sz, size_t max,
	    const struct st_col *cols, size_t ncols, void **out, size_t *n);
int	 st_row_cols(struct arena *, struct db_stmt *,
	    const struct st_col *cols, size_t ncols, void *row);
/* The same with the table's length taken from the table (an array):
 * ST_ROWS_COLS(a, s, cols, &rows, &n), ST_ROW_COLS(a, s, cols, &row). */
#define ST_ROWS_COLS(a, s, cols, out, n)				\
	st_rows_cols((a), (s), sizeof(**(out)), 0, (cols),		\
	    ST_NITEMS(cols), (void **)(out), (n))
#define ST_ROW_COLS(a, s, cols, row)					\
	st_row_cols((a), (s), (cols), ST_NITEMS(cols), (row))
/* Row readers of column 0: into an int64_t, into a char * (arena). */
void	 st_int_read(struct arena *, struct db_stmt *, void *);
void	 st_str_read(struct arena *, struct db_stmt *, void *);
/* The audit log's rows l with their actors' names, and the reader of
 * these columns into a struct audit_row (st_audit.c); the WHERE goes on. */
#define ST_AUDIT_SEL "SELECT l.id, l.at, COALESCE(l.actor_id, 0)," \
	" COALESCE(u.display_name, ''), l.action, l.object_type," \
	" l.object_id, l.detail FROM audit_log l LEFT JOIN users u" \
	" ON u.id = l.actor_id"
void	 st_audit_read(struct arena *, struct db_stmt *, void *);
/* The key a newest-first page of cursor compares ids with (see
 * domain/keypage.h): k for k > 0 (after id k) and -k < 0 (before id k),
 * INT64_MAX for 0 (the first page). */
int64_t	 st_page_key(int64_t cursor);
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
/* Steps s, a write with a RETURNING column, once: STORE_OK when it wrote
 * a row, STORE_NOT_FOUND when its WHERE (or ON CONFLICT DO NOTHING) left
 * every row alone. Resets s. */
int	 st_one(struct db_stmt *);
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
