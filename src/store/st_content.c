/*
 * st_content.c: the content version (migration 0018): one number the
 * triggers on every table public pages read move in each writing
 * transaction, read here by the caches that keep what those pages show.
 * Never written here: only the triggers write it. On the connection the
 * database pushes to (st_push.c, migration 0023) it comes from memory
 * until a notification says it moved.
 */
#include <stdint.h>

#include "store/db.h"
#include "store/st_push.h"
#include "store/st_util.h"
#include "store/store.h"

int
store_content_version(struct db *db, int64_t *version)
{
	uint64_t	mark;
	int		rc;

	if (st_push_version(db, version, &mark))
		return (STORE_OK);
	if ((rc = st_int(db_prepare(db, "SELECT version FROM content_version"
	    " WHERE id = 1"), version)) == STORE_OK)
		st_push_version_put(db, mark, *version);
	return (rc);
}

uint64_t
store_generation(struct db *db)
{
	return (db_generation(db));
}
