/*
 * h_chair_decisions.c: the chair's decisions: on many cases of a call at
 * once or on one case (with the confirmation page when the domain holds a
 * decision back), and the decision mail templates of a call.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/workflow.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/h_chair.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_chair_decide(struct http_request *);
int	page_chair_case_decide(struct http_request *);
int	page_chair_templates(struct http_request *);

static void	decide_confirm(struct ctx *, const struct form_errors *,
		    const int64_t *, size_t, const char *, const char *);
static int	decide(struct ctx *, const int64_t *, size_t, int,
		    const char *, const char *, size_t *);

/* The page asking a chair to confirm a decision the domain held back
 * (no submitted review): the same form again, with confirm=1. */
static void
decide_confirm(struct ctx *c, const struct form_errors *fe,
    const int64_t *ids, size_t n, const char *action, const char *back)
{
	struct tv	*list;
	const char	*d;
	size_t		 i;

	ctx_title(c, N_("Confirm the decision"));
	tv_str(c->view, "message", ctx_tr(c, form_error_for(fe, "confirm")));
	tv_str(c->view, "action", action);
	tv_str(c->view, "back", back);
	d = ctx_param(c, "decision");
	tv_str(c->view, "decision", d);
	tv_str(c->view, "decision_label", ctx_tr(c,
	    call_ref_label(call_decisions, d)));
	tv_str(c->view, "reason", ctx_param(c, "reason"));
	list = tv_list(c->view, "ids");
	for (i = 0; i < n; i++)
		tv_int(tv_push_map(list), "id", ids[i]);
	ctx_render(c, 200, "chair_confirm");
}

/*
 * Records the chair's decision (form: decision, reason, confirm) on the n
 * cases ids, and mails it. When it is not recorded the page says why: the
 * confirmation page when the domain holds it back (the form again, to
 * action, its ids repeated when listed; back to back), else the message
 * page or the error. Returns 1 with *done set when recorded, else 0 (the
 * page is sent).
 */
static int
decide(struct ctx *c, const int64_t *ids, size_t n, int listed,
    const char *action, const char *back, size_t *done)
{
	enum result		r;

	r = submission_decide(&c->dc, ids, n, ctx_param(c, "decision"),
	    ctx_param(c, "reason"), ctx_param(c, "confirm") != NULL, &c->fe,
	    done);
	ctx_mail_flush(c);
	if (r == RES_INVALID && form_error_for(&c->fe, "confirm") != NULL) {
		decide_confirm(c, &c->fe, listed ? ids : NULL, listed ? n : 0,
		    action, back);
		return (0);
	}
	if (r == RES_INVALID) {
		ctx_title(c, N_("The decision was not recorded"));
		tv_str(c->view, "message", ctx_tr(c, c->fe.msgid[0]));
		ctx_render(c, 400, "message");
		return (0);
	}
	return (ctx_ok(c, r));
}

int
page_chair_decide(struct http_request *req)
{
	struct ctx	c;
	int64_t		id, ids[SUB_MAX_DECIDE + 1];
	size_t		n, done;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_CHAIR, "/chair/calls/")) == 0)
		goto out;
	n = hc_ids(&c, "id", ids, SUB_MAX_DECIDE + 1);
	if (!decide(&c, ids, n, 1, arena_printf(c.dc.a,
	    "/chair/calls/%lld/decide", (long long)id), arena_printf(c.dc.a,
	    "/chair/calls/%lld/cases", (long long)id), &done))
		goto out;
	ctx_redirect(&c, arena_printf(c.dc.a,
	    "/chair/calls/%lld/cases?done=%zu", (long long)id, done));
out:
	return (ctx_end(&c));
}

int
page_chair_case_decide(struct http_request *req)
{
	struct ctx	c;
	int64_t		id;
	size_t		done;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_CHAIR, "/chair/cases/")) == 0)
		goto out;
	if (!decide(&c, &id, 1, 0, arena_printf(c.dc.a,
	    "/chair/cases/%lld/decide", (long long)id), arena_printf(c.dc.a,
	    "/chair/cases/%lld", (long long)id), &done))
		goto out;
	ctx_flash(&c, FLASH_DECISION_RECORDED);
	ctx_redirect(&c, arena_printf(c.dc.a, "/chair/cases/%lld",
	    (long long)id));
out:
	return (ctx_end(&c));
}

int
page_chair_templates(struct http_request *req)
{
	struct ctx		 c;
	struct call		 call;
	struct call_tmpl	 t[CALL_NDECISIONS];
	struct tv		*list, *item;
	const char		*lang, *subj[CALL_NDECISIONS];
	const char		*body[CALL_NDECISIONS];
	char			 n[16];
	size_t			 i;
	enum result		 r;
	int64_t			 id;

	ctx_begin(&c, req);
	if (!chair_call_page(&c, CTX_GET | CTX_POST, &id, &call))
		goto out;
	lang = ctx_param(&c, "lang");
	if (lang == NULL)
		lang = i18n_code(c.lang);
	if (c.is_post) {
		for (i = 0; i < CALL_NDECISIONS; i++) {
			(void)snprintf(n, sizeof(n), "subject_%zu", i);
			subj[i] = ctx_param(&c, n);
			(void)snprintf(n, sizeof(n), "body_%zu", i);
			body[i] = ctx_param(&c, n);
		}
		r = call_templates_save(&c.dc, id, lang, subj, body, &c.fe);
		if (r == RES_OK) {
			ctx_flash(&c, FLASH_TEMPLATES_SAVED);
			ctx_redirect(&c, arena_printf(c.dc.a,
			    "/chair/calls/%lld/templates?lang=%s",
			    (long long)id, lang));
			goto out;
		}
		if (r != RES_INVALID) {
			ctx_fail(&c, r);
			goto out;
		}
	}
	if (!ctx_ok(&c, call_templates(&c.dc, id, lang, t)))
		goto out;
	ctx_title(&c, N_("Decision mail templates"));
	tv_str(c.view, "tlang", lang);
	list = tv_list(c.view, "langs");
	for (i = 0; i < i18n_count(); i++) {
		item = tv_push_map(list);
		tv_str(item, "code", i18n_code(i18n_nth(i)));
		tv_str(item, "name", i18n_native_name(i18n_nth(i)));
		tv_bool(item, "selected", strcmp(lang,
		    i18n_code(i18n_nth(i))) == 0);
	}
	list = tv_list(c.view, "templates");
	for (i = 0; i < CALL_NDECISIONS; i++) {
		item = tv_push_map(list);
		tv_int(item, "i", (int64_t)i);
		tv_str(item, "decision", ctx_tr(&c, call_decisions[i].label));
		tv_str(item, "subject", c.is_post && subj[i] ? subj[i] :
		    t[i].subject);
		tv_str(item, "body", c.is_post && body[i] ? body[i] :
		    t[i].body);
		(void)snprintf(n, sizeof(n), "subject_%zu", i);
		if (form_error_for(&c.fe, n) != NULL)
			tv_str(item, "subject_error", ctx_tr(&c,
			    form_error_for(&c.fe, n)));
		(void)snprintf(n, sizeof(n), "body_%zu", i);
		if (form_error_for(&c.fe, n) != NULL)
			tv_str(item, "body_error", ctx_tr(&c,
			    form_error_for(&c.fe, n)));
	}
	tv_bool(c.view, "has_errors", c.fe.n > 0);
	ctx_render(&c, c.fe.n > 0 ? 400 : 200, "chair_templates");
out:
	return (ctx_end(&c));
}
