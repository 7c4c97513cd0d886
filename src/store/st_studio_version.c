/*
 * st_studio_version.c: reading a course's stored versions for the
 * studio's version pages (st_studio_version.h). Never a rule: the domain
 * decides, this reads.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/mem.h"
#include "store/db.h"
#include "store/st_studio_version.h"
#include "store/st_util.h"
#include "store/store.h"

static const struct st_col version_cols[] = {
	ST_COL(struct version_row, id),
	ST_COL(struct version_row, version),
	ST_COL(struct version_row, created_at),
	ST_COL(struct version_row, created_by),
	ST_COL(struct version_row, author),
	ST_COL(struct version_row, note),
	ST_COL(struct version_row, digest)
};

#define VERSION_SEL "SELECT v.id, v.version, v.created_at," \
	" COALESCE(v.created_by, 0), COALESCE(u.display_name, ''), v.note," \
	" v.digest FROM course_versions v" \
	" LEFT JOIN users u ON u.id = v.created_by"

int
store_version_list(struct db *db, struct arena *a, int64_t course_id,
    int64_t before, size_t max, struct version_row **rows, size_t *n)
{
	return (st_rows_cols(a, ST_PREP(db, VERSION_SEL
	    " WHERE v.course_id = $1 AND ($2 = 0 OR v.version < $2)"
	    " ORDER BY v.version DESC LIMIT $3", st_i(course_id),
	    st_i(before), st_i((int64_t)max)), sizeof(**rows), max,
	    version_cols, ST_NITEMS(version_cols), (void **)rows, n));
}

int
store_version_get(struct db *db, struct arena *a, int64_t course_id,
    int64_t version, struct version_row *row)
{
	return (ST_ROW_COLS(a, ST_PREP(db, VERSION_SEL
	    " WHERE v.course_id = $1 AND v.version = $2", st_i(course_id),
	    st_i(version)), version_cols, row));
}
