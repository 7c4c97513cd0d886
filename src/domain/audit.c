/*
 * audit.c: writes audit log entries through the store.
 */
#include <inttypes.h>
#include <stdio.h>

#include "domain/audit.h"
#include "store/store.h"

int
audit_log(struct dctx *dc, int64_t actor, const char *action,
    const char *object_type, int64_t object_id, const char *detail)
{
	char	id[32];

	if (actor == 0 && dc->user != NULL)
		actor = dc->user->id;
	(void)snprintf(id, sizeof(id), "%" PRId64, object_id);
	return (store_audit_add(dc->db, dc->now, actor, action, object_type,
	    id, detail) == STORE_OK ? 0 : -1);
}
