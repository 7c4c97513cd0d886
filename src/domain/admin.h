/*
 * admin.h: the administrator's user management: list and search users,
 * change roles (audited), read the audit log.
 */
#ifndef ETHICA_ADMIN_H
#define ETHICA_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"
#include "store/store.h"

#define ADMIN_PAGE_SIZE	25

struct user_page {
	struct user_row	*rows;
	size_t		 n;
	int64_t		 total;
	int64_t		 page;		/* 1-based */
	int64_t		 pages;
};

struct audit_page {
	struct audit_row *rows;
	size_t		 n;
	int64_t		 total;
	int64_t		 page;
	int64_t		 pages;
};

enum result	admin_users(struct dctx *, const char *q, int64_t page,
		    struct user_page *);
/* Sets the role of user_id; by_cli skips the policy check (operator). */
enum result	admin_set_role(struct dctx *, int64_t user_id,
		    const char *role, int by_cli);
enum result	admin_audit(struct dctx *, int64_t page, struct audit_page *);

#endif
