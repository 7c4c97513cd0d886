/*
 * h_admin.c: the administrator's pages: users (search, roles) and the
 * audit log, each paged by key (http/keypager.h). The domain checks the
 * permission; these pages only turn its answers into views.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/admin.h"
#include "domain/policy.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/keypager.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_admin_users(struct http_request *);
int	page_admin_user_role(struct http_request *);
int	page_admin_audit(struct http_request *);


/* A user's fields shown as they are (page_admin_users() adds the rest). */
static const struct tv_field user_fields[] = {
	TVF(struct user_row, "id", id),
	TVF(struct user_row, "email", email),
	TVF(struct user_row, "display_name", display_name),
	TVF(struct user_row, "role", role),
	TVF_FLAG(struct user_row, "verified", verified_at),
	{ NULL, 0, 0 }
};


int
page_admin_users(struct http_request *req)
{
	struct ctx		 c;
	struct user_page	 up;
	struct tv		*list, *item, *roles, *r;
	const char		*q, *filter[3];
	size_t			 i, k;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_USER))
		goto out;
	q = ctx_param(&c, "q");
	memset(&up, 0, sizeof(up));
	keypager_read(&c, &up.k);
	if (!ctx_ok(&c, admin_users(&c.dc, q, &up)))
		goto out;
	ctx_title(&c, N_("Users"));
	tv_str(c.view, "q", q);
	list = tv_list(c.view, "users");
	for (i = 0; i < up.n; i++) {
		item = tv_push_map(list);
		tv_fields(item, &up.rows[i], user_fields);
		tv_str(item, "created", ctx_date(&c, up.rows[i].created_at, 1));
		roles = tv_list(item, "roles");
		for (k = 0; policy_roles[k] != NULL; k++) {
			r = tv_push_map(roles);
			tv_str(r, "name", policy_roles[k]);
			tv_str(r, "label", ctx_tr(&c, policy_role_labels[k]));
			tv_bool(r, "selected", strcmp(policy_roles[k],
			    up.rows[i].role) == 0);
		}
	}
	filter[0] = "q";
	filter[1] = q;
	filter[2] = NULL;
	keypager_view(&c, "/admin/users", filter, &up.k);
	ctx_render(&c, 200, "admin_users");
out:
	return (ctx_end(&c));
}

int
page_admin_user_role(struct http_request *req)
{
	struct ctx	c;
	enum result	r;
	int64_t		id;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_POST, GATE_USER))
		goto out;
	id = ctx_param_int(&c, "user_id", 1, INT64_MAX, 0);
	if (id == 0 || ctx_param(&c, "role") == NULL) {
		ctx_error(&c, 400);
		goto out;
	}
	r = admin_set_role(&c.dc, id, ctx_param(&c, "role"), 0);
	ctx_done(&c, r, FLASH_ROLE_CHANGED, "/admin/users");
out:
	return (ctx_end(&c));
}

int
page_admin_audit(struct http_request *req)
{
	struct ctx		 c;
	struct audit_page	 ap;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_USER))
		goto out;
	memset(&ap, 0, sizeof(ap));
	keypager_read(&c, &ap.k);
	if (!ctx_ok(&c, admin_audit(&c.dc, &ap)))
		goto out;
	ctx_title(&c, N_("Audit log"));
	hc_audit(&c, tv_list(c.view, "entries"), ap.rows, ap.n, 0);
	keypager_view(&c, "/admin/audit", NULL, &ap.k);
	ctx_render(&c, 200, "admin_audit");
out:
	return (ctx_end(&c));
}
