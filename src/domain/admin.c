/*
 * admin.c: user management for administrators (see admin.h).
 */
#include <stdio.h>
#include <string.h>

#include "domain/admin.h"
#include "domain/audit.h"
#include "domain/policy.h"
#include "lib/mem.h"
#include "store/st_calls.h"
#include "store/store.h"

static int64_t	user_key(const void *);
static int64_t	audit_key(const void *);

static int64_t
user_key(const void *p)
{
	return (((const struct user_row *)p)->id);
}

static int64_t
audit_key(const void *p)
{
	return (((const struct audit_row *)p)->id);
}

enum result
admin_users(struct dctx *dc, const char *q, struct user_page *up)
{
	if (!policy_can(dc->user, ACT_ADMIN_USERS))
		return (RES_FORBIDDEN);
	do {
		if (store_user_search(dc->db, dc->a, q,
		    keypage_cursor(&up->k), ADMIN_PAGE_SIZE + 1, &up->rows,
		    &up->n) != STORE_OK)
			return (RES_INTERNAL);
	} while (keypage_done(&up->k, up->rows, sizeof(*up->rows), &up->n,
	    ADMIN_PAGE_SIZE, user_key));
	return (RES_OK);
}

enum result
admin_set_role(struct dctx *dc, int64_t user_id, const char *role,
    int by_cli)
{
	struct user_row	 u;
	enum result	 res;
	const char	*detail;

	if (!by_cli && !policy_can(dc->user, ACT_ADMIN_USERS))
		return (RES_FORBIDDEN);
	if (!policy_role_valid(role))
		return (RES_INVALID);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	memset(&u, 0, sizeof(u));
	if ((res = result_from_store(store_user_by_id(dc->db, dc->a, user_id,
	    &u))) != RES_OK)
		return (dctx_abort(dc, res));
	detail = arena_printf(dc->a, "%s -> %s", u.role, role);
	if (store_user_set_role(dc->db, user_id, role, dc->now) != STORE_OK ||
	    audit_log(dc, 0, "user.role", "user", user_id, detail) == -1)
		goto fail;
	return (dctx_commit(dc));
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

enum result
admin_audit(struct dctx *dc, struct audit_page *ap)
{
	if (!policy_can(dc->user, ACT_ADMIN_AUDIT))
		return (RES_FORBIDDEN);
	/* A conflict hides the case from its admin too: every entry about
	 * the submission or its library case (in the query). */
	do {
		if (store_audit_list(dc->db, dc->a, dc->user->id,
		    keypage_cursor(&ap->k), ADMIN_PAGE_SIZE + 1, &ap->rows,
		    &ap->n) != STORE_OK)
			return (RES_INTERNAL);
	} while (keypage_done(&ap->k, ap->rows, sizeof(*ap->rows), &ap->n,
	    ADMIN_PAGE_SIZE, audit_key));
	return (RES_OK);
}
