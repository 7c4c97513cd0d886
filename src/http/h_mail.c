/*
 * h_mail.c: the administrator's mail outbox (/admin/mail): what waits to
 * be sent, what could not be delivered (dead letters), and a "retry"
 * button per dead letter. The domain (mail.c) checks the permission and
 * owns the states; delivery itself never runs here.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/mail.h"
#include "http/app.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/keypager.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_admin_mail(struct http_request *);
int	page_admin_mail_retry(struct http_request *);

static const char	*when(struct ctx *, int64_t);
static void		 rows_view(struct ctx *, const char *,
			    const struct outbox_row *, size_t);

/* A message's fields shown as they are (rows_view() adds the dates). */
static const struct tv_field outbox_fields[] = {
	TVF(struct outbox_row, "id", id),
	TVF(struct outbox_row, "to", to_addr),
	TVF(struct outbox_row, "subject", subject),
	TVF(struct outbox_row, "attempts", attempts),
	TVF(struct outbox_row, "error", last_error),
	{ NULL, 0, 0 }
};

static const char *
when(struct ctx *c, int64_t t)
{
	return (t > 0 ? ctx_date(c, t, 1) : "");
}

static void
rows_view(struct ctx *c, const char *name, const struct outbox_row *r,
    size_t n)
{
	struct tv	*list, *item;
	size_t		 i;

	list = tv_list(c->view, name);
	for (i = 0; i < n; i++) {
		item = tv_push_map(list);
		tv_fields(item, &r[i], outbox_fields);
		tv_str(item, "queued", when(c, r[i].created_at));
		tv_str(item, "next", when(c, r[i].next_attempt_at));
		tv_str(item, "dead", when(c, r[i].dead_at));
	}
}

int
page_admin_mail(struct http_request *req)
{
	struct ctx		c;
	struct keypage		pg;
	struct mail_admin_view	v;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_USER))
		goto out;
	keypager_read(&c, &pg);
	if (!ctx_ok(&c, mail_admin_list(&c.dc, &pg, &v)))
		goto out;
	ctx_title(&c, N_("Mail outbox"));
	tv_int(c.view, "total_pending", v.total_pending);
	tv_int(c.view, "total_dead", v.total_dead);
	rows_view(&c, "pending", v.pending, v.npending);
	rows_view(&c, "dead", v.dead, v.ndead);
	keypager_view(&c, "/admin/mail", NULL, &pg);
	ctx_render(&c, 200, "admin_mail");
out:
	return (ctx_end(&c));
}

int
page_admin_mail_retry(struct http_request *req)
{
	struct ctx	c;
	int64_t		id;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_POST, GATE_USER))
		goto out;
	if ((id = ctx_param_int(&c, "id", 1, INT64_MAX, 0)) == 0) {
		ctx_error(&c, 400);
		goto out;
	}
	if (!ctx_ok(&c, mail_admin_retry(&c.dc, id)))
		goto out;
	mail_wake(app.data);
	ctx_flash(&c, FLASH_MAIL_RETRIED);
	ctx_redirect(&c, "/admin/mail");
out:
	return (ctx_end(&c));
}
