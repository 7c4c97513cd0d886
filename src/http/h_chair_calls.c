/*
 * h_chair_calls.c: the chair's calls: the list of calls a chair runs, and
 * the call form (create, edit, with its rubric of up to CALL_MAX_CRITERIA
 * criteria).
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/call.h"
#include "domain/call_chair.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/h_chair.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_chair(struct http_request *);
int	page_chair_call_new(struct http_request *);
int	page_chair_call_edit(struct http_request *);

static void	call_form_read(struct ctx *, struct call_form *);
static void	call_form_page(struct ctx *, int, int64_t,
		    const struct call *, const struct form_errors *);
static void	call_edit(struct http_request *, int64_t);

static const char *const call_fields[] = {
	"default_lang", "title_en", "description_en", "other_lang",
	"title_other", "description_other", "opens", "closes", "blind_mode",
	"reviewers", "public_fields", "rubric", NULL
};

int
page_chair(struct http_request *req)
{
	struct ctx	 c;
	struct call_row	*rows;
	size_t		 n;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_CHAIR))
		goto out;
	if (!ctx_ok(&c, call_list(&c.dc, i18n_code(c.lang), &rows, &n)))
		goto out;
	ctx_title(&c, N_("Calls you run"));
	hc_calls(&c, c.view, "calls", rows, n);
	ctx_render(&c, 200, "chair_calls");
out:
	return (ctx_end(&c));
}

static void
call_form_read(struct ctx *c, struct call_form *f)
{
	char	n[32];
	size_t	i;
	int	k;

	memset(f, 0, sizeof(*f));
	f->default_lang = ctx_param(c, "default_lang");
	f->title_en = ctx_param(c, "title_en");
	f->description_en = ctx_param(c, "description_en");
	f->other_lang = ctx_param(c, "other_lang");
	f->title_other = ctx_param(c, "title_other");
	f->description_other = ctx_param(c, "description_other");
	f->opens = ctx_param(c, "opens");
	f->closes = ctx_param(c, "closes");
	f->blind_mode = ctx_param(c, "blind_mode");
	f->reviewers = ctx_param(c, "reviewers");
	f->public_fields = hc_join(c, "public", CALL_MAX_PUBLIC_FIELDS);
	for (i = 0; i < CALL_MAX_CRITERIA; i++) {
		(void)snprintf(n, sizeof(n), "c%zu_id", i);
		f->crit[i].id = ctx_param_int(c, n, 1, INT64_MAX, 0);
		f->crit[i].position = (int64_t)i + 1;
		(void)snprintf(n, sizeof(n), "c%zu_name", i);
		f->crit[i].name = (char *)ctx_param(c, n);
		(void)snprintf(n, sizeof(n), "c%zu_desc", i);
		f->crit[i].description = (char *)(ctx_param(c, n) ?
		    ctx_param(c, n) : "");
		for (k = 0; k < CRIT_NANCHORS; k++) {
			(void)snprintf(n, sizeof(n), "c%zu_a%d", i, k + 1);
			f->crit[i].anchor[k] = (char *)(ctx_param(c, n) ?
			    ctx_param(c, n) : "");
		}
	}
	f->ncrit = CALL_MAX_CRITERIA;
}

/* The call form, from the stored call (call != NULL, no errors) or the
 * request. */
static void
call_form_page(struct ctx *c, int status, int64_t id, const struct call *call,
    const struct form_errors *fe)
{
	struct crit_row	 def[CALL_MAX_CRITERIA];
	const struct crit_row *crit;
	struct tv	*form, *list, *item, *al, *ai;
	size_t		 ncrit, i, k;
	const char	*pub, *mode, *dl, *ol;
	char		 n[32], *t, *d;

	ctx_title(c, id == 0 ? N_("New call") : N_("Edit the call"));
	tv_str(c->view, "action", id == 0 ? "/chair/calls/new" :
	    arena_printf(c->dc.a, "/chair/calls/%lld", (long long)id));
	tv_int(c->view, "call_id", id);
	ctx_form(c, fe, call_fields);
	form = (struct tv *)tv_get(c->view, "form");
	crit = NULL;
	ncrit = 0;
	dl = "en";
	ol = NULL;
	if (call != NULL && (fe == NULL || fe->n == 0)) {
		dl = call->r.default_lang;
		tv_str(form, "default_lang", dl);
		if (call_text(&c->dc, id, "en", &t, &d) == RES_OK) {
			tv_str(form, "title_en", t);
			tv_str(form, "description_en", d);
		}
		ol = strcmp(dl, "en") != 0 ? dl : "ko";
		if (call_text(&c->dc, id, ol, &t, &d) == RES_OK) {
			tv_str(form, "title_other", t);
			tv_str(form, "description_other", d);
		} else
			ol = NULL;
		tv_str(form, "opens", call_format_utc(c->dc.a,
		    call->r.opens_at));
		tv_str(form, "closes", call_format_utc(c->dc.a,
		    call->r.closes_at));
		tv_int(form, "reviewers", call->r.reviewers_per_case);
		pub = call->r.public_fields;
		mode = call->r.blind_mode;
		crit = call->crit;
		ncrit = call->ncrit;
	} else if (c->is_post) {
		pub = hc_join(c, "public", CALL_MAX_PUBLIC_FIELDS);
		mode = ctx_param(c, "blind_mode");
		dl = ctx_param(c, "default_lang");
		ol = ctx_param(c, "other_lang");
	} else {
		pub = "organisation,country,sector,summary,ai_system,actions,"
		    "outcomes,lessons,links,attachments";
		mode = "double";
		tv_int(form, "reviewers", 3);
		tv_str(form, "default_lang", "en");
		tv_str(form, "opens", call_format_utc(c->dc.a, c->dc.now));
		tv_str(form, "closes", call_format_utc(c->dc.a,
		    c->dc.now + 60 * 86400));
		ncrit = call_default_rubric(def);
		crit = def;
	}
	hc_refs(c, c->view, "blind_modes", call_blind_modes, "checked", mode);
	hc_public_fields(c, c->view, pub);
	list = tv_list(c->view, "ui_langs");
	for (i = 0; i < i18n_count(); i++) {
		item = tv_push_map(list);
		tv_str(item, "code", i18n_code(i18n_nth(i)));
		tv_str(item, "name", i18n_native_name(i18n_nth(i)));
		tv_bool(item, "selected", dl != NULL &&
		    strcmp(dl, i18n_code(i18n_nth(i))) == 0);
		tv_bool(item, "other_selected", ol != NULL &&
		    strcmp(ol, i18n_code(i18n_nth(i))) == 0);
	}
	list = tv_list(c->view, "criteria");
	for (i = 0; i < CALL_MAX_CRITERIA; i++) {
		item = tv_push_map(list);
		tv_int(item, "i", (int64_t)i);
		tv_int(item, "n", (int64_t)i + 1);
		al = tv_list(item, "anchors");
		if (crit != NULL && i < ncrit) {
			tv_int(item, "id", crit[i].id);
			tv_str(item, "name", crit[i].name);
			tv_str(item, "desc", crit[i].description);
		} else if (crit == NULL) {
			(void)snprintf(n, sizeof(n), "c%zu_id", i);
			tv_str(item, "id", ctx_param(c, n));
			(void)snprintf(n, sizeof(n), "c%zu_name", i);
			tv_str(item, "name", ctx_param(c, n));
			(void)snprintf(n, sizeof(n), "c%zu_desc", i);
			tv_str(item, "desc", ctx_param(c, n));
		}
		for (k = 0; k < CRIT_NANCHORS; k++) {
			ai = tv_push_map(al);
			tv_int(ai, "k", (int64_t)k + 1);
			if (crit != NULL && i < ncrit)
				tv_str(ai, "text", crit[i].anchor[k]);
			else if (crit == NULL) {
				(void)snprintf(n, sizeof(n), "c%zu_a%zu", i,
				    k + 1);
				tv_str(ai, "text", ctx_param(c, n));
			}
		}
	}
	ctx_render(c, status, "chair_call_form");
}

static void
call_edit(struct http_request *req, int64_t id)
{
	struct ctx		c;
	struct call_form	f;
	struct call		call;
	enum result		r;
	int64_t			out_id;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_CHAIR))
		goto out;
	if (id != 0 && !ctx_ok(&c, call_get(&c.dc, id, "en", &call)))
		goto out;
	if (!c.is_post) {
		call_form_page(&c, 200, id, id != 0 ? &call : NULL, NULL);
		goto out;
	}
	call_form_read(&c, &f);
	r = call_save(&c.dc, id, &f, &c.fe, &out_id);
	if (r == RES_INVALID) {
		call_form_page(&c, 400, id, NULL, &c.fe);
		goto out;
	}
	ctx_done(&c, r, FLASH_CALL_SAVED, arena_printf(c.dc.a,
	    "/chair/calls/%lld", (long long)out_id));
out:
	(void)ctx_end(&c);
}

int
page_chair_call_new(struct http_request *req)
{
	call_edit(req, 0);
	return (KORE_RESULT_OK);
}

int
page_chair_call_edit(struct http_request *req)
{
	int64_t	id = 0;

	(void)sscanf(req->path, "/chair/calls/%lld", (long long *)&id);
	if (id <= 0)
		id = -1;
	call_edit(req, id);
	return (KORE_RESULT_OK);
}
