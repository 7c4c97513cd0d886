/*
 * st_offline.c: the offline_editions table (st_offline.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_offline.h"
#include "store/st_util.h"
#include "store/store.h"

int
store_offline_put(struct db *db, int64_t course_id, const char *lang,
    int64_t version, int64_t bytes, int64_t made_at)
{
	return (st_run(ST_PREP(db, "INSERT INTO offline_editions (course_id,"
	    " lang, version, bytes, made_at) VALUES ($1, $2, $3, $4, $5) ON"
	    " CONFLICT (course_id, lang) DO UPDATE SET version ="
	    " excluded.version, bytes = excluded.bytes, made_at ="
	    " excluded.made_at", st_i(course_id), st_t(lang), st_i(version),
	    st_i(bytes), st_i(made_at))));
}

static const struct st_col offline_cols[] = {
	ST_COL(struct offline_row, lang),
	ST_COL(struct offline_row, version),
	ST_COL(struct offline_row, bytes),
	ST_COL(struct offline_row, made_at)
};

int
store_offline_list(struct db *db, struct arena *a, int64_t course_id,
    size_t max, struct offline_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT lang, version, bytes,"
	    " made_at FROM offline_editions WHERE course_id = $1 ORDER BY lang"
	    " LIMIT $2", st_i(course_id), st_i((int64_t)max)), offline_cols,
	    rows, n));
}
