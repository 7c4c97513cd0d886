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
	struct db_stmt	*s;

	s = db_prepare(db, "INSERT INTO offline_editions (course_id, lang,"
	    " version, bytes, made_at) VALUES ($1, $2, $3, $4, $5)"
	    " ON CONFLICT (course_id, lang) DO UPDATE SET"
	    " version = excluded.version, bytes = excluded.bytes,"
	    " made_at = excluded.made_at");
	if (s == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_text(s, 2, lang);
	db_bind_int(s, 3, version);
	db_bind_int(s, 4, bytes);
	db_bind_int(s, 5, made_at);
	return (st_run(s));
}

int
store_offline_list(struct db *db, struct arena *a, int64_t course_id,
    size_t max, struct offline_row **rows, size_t *n)
{
	struct db_stmt	*s;
	int		 rc;

	*n = 0;
	*rows = arena_alloc(a, (max + 1) * sizeof(**rows));
	s = db_prepare(db, "SELECT lang, version, bytes, made_at"
	    " FROM offline_editions WHERE course_id = $1 ORDER BY lang"
	    " LIMIT $2");
	if (s == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, course_id);
	db_bind_int(s, 2, (int64_t)max);
	while ((rc = db_step(s)) == DB_ROW && *n < max) {
		(*rows)[*n].lang = st_text(a, s, 0);
		(*rows)[*n].version = db_col_int(s, 1);
		(*rows)[*n].bytes = db_col_int(s, 2);
		(*rows)[*n].made_at = db_col_int(s, 3);
		(*n)++;
	}
	db_reset(s);
	return (rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR);
}
