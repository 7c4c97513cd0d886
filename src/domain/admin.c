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

static int64_t	pages_of(int64_t total);
static int	conflicted_row(const struct audit_row *,
		    const struct pair_row *, size_t);

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

/* Whether audit row r is about a submission (or its library case) in
 * the conflicts conf (pairs as store_conflicts_of_user() gives them). */
static int
conflicted_row(const struct audit_row *r, const struct pair_row *conf,
    size_t nconf)
{
	size_t	i;
	char	id[32];

	for (i = 0; i < nconf; i++) {
		if (strcmp(r->object_type, "submission") == 0)
			(void)snprintf(id, sizeof(id), "%lld",
			    (long long)conf[i].submission_id);
		else if (strcmp(r->object_type, "case") == 0 &&
		    conf[i].user_id != 0)
			(void)snprintf(id, sizeof(id), "%lld",
			    (long long)conf[i].user_id);
		else
			continue;
		if (strcmp(id, r->object_id) == 0)
			return (1);
	}
	return (0);
}

enum result
admin_audit(struct dctx *dc, int64_t page, struct audit_page *out)
{
	struct pair_row	*conf;
	size_t		 nconf, i, k;

	if (!policy_can(dc->user, ACT_ADMIN_AUDIT))
		return (RES_FORBIDDEN);
	if (page < 1)
		page = 1;
	memset(out, 0, sizeof(*out));
	if (store_audit_list(dc->db, dc->a, NULL, (page - 1) *
	    ADMIN_PAGE_SIZE, ADMIN_PAGE_SIZE, &out->rows, &out->n,
	    &out->total) != STORE_OK ||
	    store_conflicts_of_user(dc->db, dc->a, dc->user->id, &conf, &nconf)
	    != STORE_OK)
		return (RES_INTERNAL);
	/* A conflict hides the case from its admin too: every entry about
	 * the submission or its library case. */
	for (i = k = 0; i < out->n; i++) {
		if (!conflicted_row(&out->rows[i], conf, nconf))
			out->rows[k++] = out->rows[i];
	}
	out->n = k;
	out->page = page;
	out->pages = pages_of(out->total);
	return (RES_OK);
}
