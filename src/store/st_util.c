/*
 * st_util.c: helpers for the store_*.c files (see st_util.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"

struct st_arg
st_i(int64_t v)
{
	struct st_arg	a = { ST_INT, v, NULL };

	return (a);
}

struct st_arg
st_t(const char *t)
{
	struct st_arg	a = { ST_TEXT, 0, t };

	return (a);
}

struct st_arg
st_opt(int64_t v)
{
	return (v > 0 ? st_i(v) : st_t(NULL));
}

struct db_stmt *
st_prep(struct db *db, const char *sql, const struct st_arg *args,
    size_t n)
{
	return (st_prep_row(db, sql, NULL, 0, NULL, args, n));
}

struct db_stmt *
st_prep_row(struct db *db, const char *sql, const struct st_col *cols,
    size_t ncols, const void *row, const struct st_arg *args, size_t nargs)
{
	struct db_stmt	*s;
	size_t		 i;
	int		 p;

	if ((s = db_prepare(db, sql)) == NULL)
		return (NULL);
	st_cols_bind(s, 1, cols, ncols, row);
	for (i = 0; i < nargs; i++) {
		p = (int)(ncols + i) + 1;
		if (args[i].kind == ST_TEXT)
			db_bind_text(s, p, args[i].t);
		else
			db_bind_int(s, p, args[i].i);
	}
	return (s);
}

void
st_cols_read(struct arena *a, struct db_stmt *s, int col,
    const struct st_col *cols, size_t n, void *row)
{
	char	*f;
	size_t	 i;

	for (i = 0; i < n; i++, col++) {
		f = (char *)row + cols[i].off;
		switch (cols[i].kind) {
		case ST_INT:
			*(int64_t *)(void *)f = db_col_int(s, col);
			break;
		case ST_TEXT:
			*(char **)(void *)f = st_text(a, s, col);
			break;
		case ST_BOOL:
			*(int *)(void *)f = db_col_int(s, col) != 0;
			break;
		}
	}
}

void
st_cols_bind(struct db_stmt *s, int first, const struct st_col *cols,
    size_t n, const void *row)
{
	const char	*f;
	size_t		 i;

	if (s == NULL)
		return;
	for (i = 0; i < n; i++) {
		f = (const char *)row + cols[i].off;
		switch (cols[i].kind) {
		case ST_INT:
			db_bind_int(s, first + (int)i,
			    *(const int64_t *)(const void *)f);
			break;
		case ST_TEXT:
			db_bind_text(s, first + (int)i,
			    *(char *const *)(const void *)f);
			break;
		case ST_BOOL:
			db_bind_int(s, first + (int)i,
			    *(const int *)(const void *)f);
			break;
		}
	}
}

void
st_int_read(struct arena *a, struct db_stmt *s, void *p)
{
	(void)a;
	*(int64_t *)p = db_col_int(s, 0);
}

void
st_str_read(struct arena *a, struct db_stmt *s, void *p)
{
	*(char **)p = st_text(a, s, 0);
}

int64_t
st_page_key(int64_t cursor)
{
	if (cursor == 0)
		return (INT64_MAX);
	return (cursor > 0 ? cursor : -cursor);
}

int
st_err(int rc)
{
	if (rc == DB_CONSTRAINT)
		return (STORE_DUPLICATE);
	return (STORE_ERROR);
}

int
st_run(struct db_stmt *s)
{
	int	rc;

	if (s == NULL)
		return (STORE_ERROR);
	while ((rc = db_step(s)) == DB_ROW)
		;
	db_reset(s);
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

/* Reads the current row of s into row: with rd, or with the n columns
 * of cols when rd is NULL. */
static void
read_row(struct arena *a, struct db_stmt *s, st_reader *rd,
    const struct st_col *cols, size_t ncols, void *row)
{
	if (rd != NULL)
		rd(a, s, row);
	else
		st_cols_read(a, s, 0, cols, ncols, row);
}

/* st_rows, reading each row as read_row does. */
static int
rows_read(struct arena *a, struct db_stmt *s, size_t sz, size_t max,
    st_reader *rd, const struct st_col *cols, size_t ncols, void **out,
    size_t *n)
{
	char	*arr = NULL;
	size_t	 cap = 0;
	int	 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return (STORE_ERROR);
	if (max == 0)
		max = ST_ROWS_MAX;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == max) {
			rc = DB_ERROR;
			break;
		}
		arr = st_grow(a, arr, *n, &cap, sz);
		read_row(a, s, rd, cols, ncols, arr + *n * sz);
		(*n)++;
	}
	db_reset(s);
	*out = arr;
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

/* st_row, reading the row as read_row does. */
static int
row_read(struct arena *a, struct db_stmt *s, st_reader *rd,
    const struct st_col *cols, size_t ncols, void *row)
{
	int	rc, ret;

	if (s == NULL)
		return (STORE_ERROR);
	rc = db_step(s);
	if (rc == DB_ROW) {
		read_row(a, s, rd, cols, ncols, row);
		ret = STORE_OK;
	} else if (rc == DB_DONE) {
		ret = STORE_NOT_FOUND;
	} else {
		ret = st_err(rc);
	}
	db_reset(s);
	return (ret);
}

int
st_rows(struct arena *a, struct db_stmt *s, size_t sz, size_t max,
    st_reader *rd, void **out, size_t *n)
{
	return (rows_read(a, s, sz, max, rd, NULL, 0, out, n));
}

int
st_rows_cols(struct arena *a, struct db_stmt *s, size_t sz, size_t max,
    const struct st_col *cols, size_t ncols, void **out, size_t *n)
{
	return (rows_read(a, s, sz, max, NULL, cols, ncols, out, n));
}

int
st_row(struct arena *a, struct db_stmt *s, st_reader *rd, void *row)
{
	return (row_read(a, s, rd, NULL, 0, row));
}

int
st_row_cols(struct arena *a, struct db_stmt *s, const struct st_col *cols,
    size_t ncols, void *row)
{
	return (row_read(a, s, NULL, cols, ncols, row));
}

void *
st_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	char	*bigger;

	if (n < *cap)
		return (v);
	*cap = *cap > 0 ? *cap * 2 : 16;
	bigger = arena_alloc(a, *cap * sz);
	if (n > 0)
		memcpy(bigger, v, n * sz);
	memset(bigger + n * sz, 0, (*cap - n) * sz);
	return (bigger);
}

int
st_int(struct db_stmt *s, int64_t *out)
{
	return (st_row(NULL, s, st_int_read, out));
}

int
st_one(struct db_stmt *s)
{
	int64_t	unused;

	return (st_int(s, &unused));
}

int
st_str(struct arena *a, struct db_stmt *s, char **out)
{
	return (st_row(a, s, st_str_read, out));
}

char *
st_text(struct arena *a, struct db_stmt *s, int col)
{
	const char	*t;

	t = db_col_text(s, col);
	return (arena_strdup(a, t != NULL ? t : ""));
}

char *
st_like_pattern(struct arena *a, const char *q)
{
	char	*p, *w;
	size_t	 n;

	if (q == NULL)
		q = "";
	n = strlen(q);
	p = arena_alloc(a, n * 2 + 3);
	w = p;
	*w++ = '%';
	for (; *q != '\0'; q++) {
		if (*q == '%' || *q == '_' || *q == '!')
			*w++ = '!';
		*w++ = *q;
	}
	*w++ = '%';
	*w = '\0';
	return (p);
}
