/*
 * audit.h: the audit log of the domain: who did what, when, to what.
 * Call inside the transaction of the change it records.
 */
#ifndef ETHICA_AUDIT_H
#define ETHICA_AUDIT_H

#include <stdint.h>

#include "domain/dctx.h"

/* Records action on (object_type, object_id) by actor (0: the system, or
 * the acting user when actor is 0 and dc->user is set). 0 ok, -1 error. */
int	audit_log(struct dctx *, int64_t actor, const char *action,
	    const char *object_type, int64_t object_id, const char *detail);

#endif
