/*
 * st_content.c: the content version (migration 0018): one number the
 * triggers on every table public pages read move in each writing
 * transaction, read here by the caches that keep what those pages show.
 * Never written here: only the triggers write it.
 */
#include <stdint.h>

#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"

int
store_content_version(struct db *db, int64_t *version)
{
	struct db_stmt	*s;
	int		 rc, ret;

	if ((s = db_prepare(db, "SELECT version FROM content_version"
	    " WHERE id = 1")) == NULL)
		return (STORE_ERROR);
	rc = db_step(s);
	if (rc == DB_ROW) {
		*version = db_col_int(s, 0);
		ret = STORE_OK;
	} else
		ret = rc == DB_DONE ? STORE_NOT_FOUND : st_err(rc);
	db_reset(s);
	return (ret);
}

uint64_t
store_generation(struct db *db)
{
	return (db_generation(db));
}
