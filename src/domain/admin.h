/*
 * admin.h: the administrator's user management: list and search users,
 * change roles (audited), read the audit log.
 */
#ifndef ETHICA_ADMIN_H
#define ETHICA_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/keypage.h"
#include "domain/result.h"
#include "store/store.h"

/* Rows a page of the user list or of the audit log shows. */
#define ADMIN_PAGE_SIZE	25

/* A page of users (or of the audit log): k in, the page's keys
 * (domain/keypage.h); out, its neighbours'. */
struct user_page {
	struct user_row	*rows;
	size_t		 n;
	struct keypage	 k;
};

struct audit_page {
	struct audit_row *rows;
	size_t		 n;
	struct keypage	 k;
};

/* Admin: a page of the users whose email or name contains q (NULL or "":
 * all), newest first, by up->k. One walk down an index. */
enum result	admin_users(struct dctx *, const char *q, struct user_page *up);
/* Sets the role of user_id; by_cli skips the policy check (operator). */
enum result	admin_set_role(struct dctx *, int64_t user_id,
		    const char *role, int by_cli);
/* Admin: a page of the audit log, newest first, by ap->k, without the
 * entries about a case the administrator has a conflict on (filtered by
 * the store's query: every page is full). */
enum result	admin_audit(struct dctx *, struct audit_page *ap);

#endif
