/*
 * st_settings.c: the settings table, key/value pairs shared by all nodes
 * (secrets generated once, e.g. the CSRF key).
 */
#include <stddef.h>

#include "store/db.h"
#include "store/st_util.h"
#include "store/store.h"

int
store_setting_get(struct db *db, struct arena *a, const char *key,
    char **value)
{
	return (st_str(a, ST_PREP(db, "SELECT value FROM settings WHERE key ="
	    " $1", st_t(key)), value));
}

int
store_setting_init(struct db *db, struct arena *a, const char *key,
    const char *value, char **stored)
{
	struct db_stmt	*s;
	int		 rc;

	s = ST_PREP(db, "INSERT INTO settings (key, value) VALUES ($1, $2)"
	    " ON CONFLICT (key) DO NOTHING", st_t(key), st_t(value));
	if ((rc = st_run(s)) != STORE_OK)
		return (rc);
	return (store_setting_get(db, a, key, stored));
}
