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
	return (st_int(db_prepare(db, "SELECT version FROM content_version"
	    " WHERE id = 1"), version));
}

uint64_t
store_generation(struct db *db)
{
	return (db_generation(db));
}
