/*
 * h_chair_reviewers.c: the chair and the reviewers of a call: the list of
 * reviewers with their expertise and load, automatic and manual
 * assignment, conflict detection and conflict rulings.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "domain/assign.h"
#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/fairness.h"
#include "domain/review.h"
#include "domain/taxonomy.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/h_chair.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_chair_reviewers(struct http_request *);
int	page_chair_autoassign(struct http_request *);
int	page_chair_detect(struct http_request *);
int	page_chair_assign(struct http_request *);
int	page_chair_conflict(struct http_request *);

static char	*labels_of(struct ctx *, int, const char *);

/*
 * The comma-separated slugs of a reviewer's expertise as translated
 * names: principles when d is -1, else the labels of fairness dimension d.
 */
static char *
labels_of(struct ctx *c, int d, const char *slugs)
{
	struct buf	 b;
	const char	*p, *e, *l;
	char		*one, *out;

	if (slugs == NULL || *slugs == '\0')
		return (arena_strdup(c->dc.a, ""));
	buf_init(&b);
	for (p = slugs; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		one = arena_strndup(c->dc.a, p, (size_t)(e - p));
		if (d == -1) {
			l = taxonomy_name(TAX_PRINCIPLE, one);
			l = l != NULL ? ctx_tr(c, l) : one;
		} else
			l = chair_group_label(c, d, one);
		buf_appendf(&b, "%s%s", b.len ? ", " : "", l);
	}
	out = arena_strdup(c->dc.a, b.data != NULL ? b.data : "");
	buf_free(&b);
	return (out);
}

int
page_chair_reviewers(struct http_request *req)
{
	struct ctx		 c;
	struct call		 call;
	struct person_row	*rows;
	struct tv		*list, *item;
	size_t			 n, i;
	int64_t			 id;

	ctx_begin(&c, req);
	if (!chair_call_page(&c, CTX_GET, &id, &call))
		goto out;
	if (!ctx_ok(&c, call_reviewers(&c.dc, id, &rows, &n)))
		goto out;
	ctx_title(&c, N_("Reviewers"));
	list = tv_list(c.view, "reviewers");
	for (i = 0; i < n; i++) {
		item = tv_push_map(list);
		tv_fields(item, &rows[i], chair_person_fields);
		tv_str(item, "principles", labels_of(&c, -1,
		    rows[i].principles));
		tv_str(item, "regions", labels_of(&c, FAIR_REGION,
		    rows[i].regions));
		tv_str(item, "languages", labels_of(&c, FAIR_LANGUAGE,
		    rows[i].languages));
	}
	ctx_render(&c, 200, "chair_reviewers");
out:
	return (ctx_end(&c));
}

int
page_chair_autoassign(struct http_request *req)
{
	struct ctx	c;
	int64_t		id;
	size_t		added, shortn;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_CHAIR, "/chair/calls/")) == 0)
		goto out;
	if (!ctx_ok(&c, assign_auto(&c.dc, id, &added, &shortn)))
		goto out;
	ctx_mail_flush(&c);
	ctx_redirect(&c, arena_printf(c.dc.a,
	    "/chair/calls/%lld/cases?added=%zu&short=%zu", (long long)id, added,
	    shortn));
out:
	return (ctx_end(&c));
}

int
page_chair_detect(struct http_request *req)
{
	struct ctx	c;
	enum result	r;
	int64_t		id;
	size_t		found;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_CHAIR, "/chair/calls/")) == 0)
		goto out;
	r = review_conflicts_detect(&c.dc, id, &found);
	ctx_done(&c, r, FLASH_NONE, arena_printf(c.dc.a,
	    "/chair/calls/%lld/cases?found=%zu", (long long)id, found));
out:
	return (ctx_end(&c));
}

int
page_chair_assign(struct http_request *req)
{
	struct ctx	 c;
	enum result	 r;
	int64_t		 id, uid;
	const char	*op;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_CHAIR, "/chair/cases/")) == 0)
		goto out;
	uid = ctx_param_int(&c, "user_id", 1, INT64_MAX, 0);
	op = ctx_param(&c, "op");
	if (uid == 0 || op == NULL) {
		ctx_error(&c, 400);
		goto out;
	}
	r = assign_manual(&c.dc, id, uid, strcmp(op, "remove") != 0);
	if (!ctx_ok(&c, r))
		goto out;
	ctx_mail_flush(&c);
	ctx_flash(&c, strcmp(op, "remove") != 0 ? FLASH_REVIEWER_ASSIGNED :
	    FLASH_REVIEWER_REMOVED);
	ctx_redirect(&c, arena_printf(c.dc.a, "/chair/cases/%lld",
	    (long long)id));
out:
	return (ctx_end(&c));
}

int
page_chair_conflict(struct http_request *req)
{
	struct ctx	c;
	enum result	r;
	int64_t		id, uid;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_CHAIR, "/chair/cases/")) == 0)
		goto out;
	uid = ctx_param_int(&c, "user_id", 1, INT64_MAX, 0);
	r = review_conflict_set(&c.dc, id, uid,
	    ctx_param(&c, "status"));
	ctx_done(&c, r, FLASH_CONFLICT_UPDATED, arena_printf(c.dc.a,
	    "/chair/cases/%lld", (long long)id));
out:
	return (ctx_end(&c));
}
