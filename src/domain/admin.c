/*
 * admin.c: user management for administrators (see admin.h).
 */
#include <string.h>

#include "domain/admin.h"
#include "domain/audit.h"
#include "domain/policy.h"
#include "lib/mem.h"

static int64_t	pages_of(int64_t total);

static int64_t
pages_of(int64_t total)
{
	return (total == 0 ? 1 : (total + ADMIN_PAGE_SIZE - 1) /
	    ADMIN_PAGE_SIZE);
}

enum result
admin_users(struct dctx *dc, const char *q, int64_t page,
    struct user_page *out)
{
	if (!policy_can(dc->user, ACT_ADMIN_USERS))
		return (RES_FORBIDDEN);
	if (page < 1)
		page = 1;
	memset(out, 0, sizeof(*out));
	if (store_user_search(dc->db, dc->a, q, (page - 1) * ADMIN_PAGE_SIZE,
	    ADMIN_PAGE_SIZE, &out->rows, &out->n, &out->total) != STORE_OK)
		return (RES_INTERNAL);
	out->page = page;
	out->pages = pages_of(out->total);
	return (RES_OK);
}

enum result
admin_set_role(struct dctx *dc, int64_t user_id, const char *role,
    int by_cli)
{
	struct user_row	 u;
	const char	*detail;

	if (!by_cli && !policy_can(dc->user, ACT_ADMIN_USERS))
		return (RES_FORBIDDEN);
	if (!policy_role_valid(role))
		return (RES_INVALID);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	memset(&u, 0, sizeof(u));
	switch (store_user_by_id(dc->db, dc->a, user_id, &u)) {
	case STORE_OK:
		break;
	case STORE_NOT_FOUND:
		(void)store_rollback(dc->db);
		return (RES_NOT_FOUND);
	default:
		goto fail;
	}
	detail = arena_printf(dc->a, "%s -> %s", u.role, role);
	if (store_user_set_role(dc->db, user_id, role, dc->now) != STORE_OK ||
	    audit_log(dc, 0, "user.role", "user", user_id, detail) == -1)
		goto fail;
	return (store_commit(dc->db) == STORE_OK ? RES_OK : RES_INTERNAL);
fail:
	(void)store_rollback(dc->db);
	return (RES_INTERNAL);
}

enum result
admin_audit(struct dctx *dc, int64_t page, struct audit_page *out)
{
	if (!policy_can(dc->user, ACT_ADMIN_AUDIT))
		return (RES_FORBIDDEN);
	if (page < 1)
		page = 1;
	memset(out, 0, sizeof(*out));
	if (store_audit_list(dc->db, dc->a, NULL, (page - 1) *
	    ADMIN_PAGE_SIZE, ADMIN_PAGE_SIZE, &out->rows, &out->n,
	    &out->total) != STORE_OK)
		return (RES_INTERNAL);
	out->page = page;
	out->pages = pages_of(out->total);
	return (RES_OK);
}
