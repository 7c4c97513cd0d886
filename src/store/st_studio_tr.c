/*
 * st_studio_tr.c: the studio's zip download and translations
 * (st_studio_tr.h). Never a rule: the domain decides, this stores.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_studio_tr.h"
#include "store/st_util.h"
#include "store/store.h"

int
store_course_current_version(struct db *db, int64_t course_id,
    int64_t *version_id)
{
	return (st_int(ST_PREP(db, "SELECT version_id FROM courses"
	    " WHERE id = $1 AND version > 0", st_i(course_id)), version_id));
}

static const struct st_col tr_cols[] = {
	ST_COL(struct tr_row, item),
	ST_COL(struct tr_row, lang),
	ST_COL(struct tr_row, source_hash)
};

int
store_tr_list(struct db *db, struct arena *a, int64_t course_id,
    size_t max, struct tr_row **rows, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT item, lang, source_hash"
	    " FROM course_translations WHERE course_id = $1"
	    " ORDER BY item, lang LIMIT $2", st_i(course_id),
	    st_i((int64_t)max)), tr_cols, rows, n));
}

int
store_tr_put(struct db *db, int64_t course_id, const char *item,
    const char *lang, const char *source_hash, int64_t user_id, int64_t now)
{
	return (st_run(ST_PREP(db, "INSERT INTO course_translations"
	    " (course_id, item, lang, source_hash, updated_by, updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6)"
	    " ON CONFLICT (course_id, item, lang) DO UPDATE SET"
	    " source_hash = excluded.source_hash,"
	    " updated_by = excluded.updated_by,"
	    " updated_at = excluded.updated_at", st_i(course_id), st_t(item),
	    st_t(lang), st_t(source_hash), st_i(user_id), st_i(now))));
}
