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
