/*
 * h_chair_reports.c: what a chair reads about a call as a whole: the
 * fairness report, the audit trail and the CSV export of its cases.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/fairness.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/h_chair.h"
#include "http/keypager.h"
#include "http/offload.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_chair_fairness(struct http_request *);
int	page_chair_audit(struct http_request *);
int	page_chair_export(struct http_request *);

int
page_chair_fairness(struct http_request *req)
{
	static const char *const dims[FAIR_NDIMS] = {
		N_("Region"), N_("Country"), N_("Sector"), N_("Category"),
		N_("Language")
	};
	struct ctx		 c;
	struct call		 call;
	struct fairness_item	*items;
	struct fairness_group	*g;
	struct tv		*tables, *t, *rows, *row;
	size_t			 n, ng, i;
	int			 d;
	int64_t			 id, tsub = 0, tsel = 0;

	ctx_begin(&c, req);
	if (!chair_call_page(&c, CTX_GET, &id, &call))
		goto out;
	if (!ctx_ok(&c, call_fairness(&c.dc, id, &items, &n)))
		goto out;
	ctx_title(&c, N_("Fairness report"));
	tables = tv_list(c.view, "tables");
	for (d = 0; d < FAIR_NDIMS; d++) {
		fairness_group(c.dc.a, items, n, d, &g, &ng);
		t = tv_push_map(tables);
		tv_str(t, "name", ctx_tr(&c, dims[d]));
		rows = tv_list(t, "rows");
		for (i = 0; i < ng; i++) {
			row = tv_push_map(rows);
			tv_str(row, "label", chair_group_label(&c, d,
			    g[i].key));
			tv_str(row, "submitted", fairness_cell(c.dc.a,
			    g[i].submitted));
			tv_str(row, "selected", fairness_cell(c.dc.a,
			    g[i].selected));
			tv_str(row, "rate", fairness_rate(c.dc.a,
			    g[i].selected, g[i].submitted));
		}
	}
	for (i = 0; i < n; i++) {
		tsub++;
		tsel += items[i].selected ? 1 : 0;
	}
	tv_str(c.view, "total_submitted", fairness_cell(c.dc.a, tsub));
	tv_str(c.view, "total_selected", fairness_cell(c.dc.a, tsel));
	tv_str(c.view, "total_rate", fairness_rate(c.dc.a, tsel, tsub));
	ctx_render(&c, 200, "chair_fairness");
out:
	return (ctx_end(&c));
}

int
page_chair_audit(struct http_request *req)
{
	struct ctx		 c;
	struct call		 call;
	struct keypage		 pg;
	struct audit_row	*rows;
	size_t			 n;
	int64_t			 id;

	ctx_begin(&c, req);
	if (!chair_call_page(&c, CTX_GET, &id, &call))
		goto out;
	keypager_read(&c, &pg);
	if (!ctx_ok(&c, call_audit(&c.dc, id, &pg, &rows, &n)))
		goto out;
	ctx_title(&c, N_("Audit trail"));
	hc_audit(&c, tv_list(c.view, "entries"), rows, n, 1);
	keypager_view(&c, arena_printf(c.dc.a, "/chair/calls/%lld/audit",
	    (long long)id), NULL, &pg);
	ctx_render(&c, 200, "chair_audit");
out:
	return (ctx_end(&c));
}

int
page_chair_export(struct http_request *req)
{
	struct ctx	c;
	struct buf	*b;
	enum result	r;
	int64_t		id;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_GET, GATE_CHAIR, "/chair/calls/")) == 0)
		goto out;
	/* A whole call: built off the event loop, Kore calls again. */
	if ((b = offload_export_done(req, &r)) == NULL) {
		if (offload_export(req, &c.dc, call_export_csv, id))
			c.parked = 1;
		else
			offload_busy(&c);
		goto out;
	}
	if (!ctx_ok(&c, r))
		goto out;
	http_response_header(req, "content-disposition", arena_printf(c.dc.a,
	    "attachment; filename=\"call-%lld-cases.csv\"", (long long)id));
	http_response_header(req, "cache-control", "private, no-store");
	ctx_send(&c, 200, "text/csv; charset=utf-8",
	    b->data != NULL ? b->data : "", b->len);
out:
	return (ctx_end(&c));
}
