/*
 * st_util.h: small helpers shared by the store_*.c files: run a statement
 * that returns no rows, copy a text column into an arena.
 */
#ifndef ETHICA_ST_UTIL_H
#define ETHICA_ST_UTIL_H

#include <stdint.h>

struct arena;
struct db_stmt;

/* Steps s to completion, resets it; returns a STORE_* code. */
int	 st_run(struct db_stmt *);
/* Steps s once expecting one row with one integer; resets it. */
int	 st_int(struct db_stmt *, int64_t *);
/* Column col as an arena string ("" for NULL). */
char	*st_text(struct arena *, struct db_stmt *, int col);
/* "%q%" for LIKE ... ESCAPE '!', with %, _ and ! in q escaped; NULL q
 * matches everything. */
char	*st_like_pattern(struct arena *, const char *q);
/* Maps a db_step() error code to a STORE_* code. */
int	 st_err(int rc);

#endif
