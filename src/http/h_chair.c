/*
 * h_chair.c: the chair's pages: calls (create, edit with rubric), the
 * cases of a call with bulk decisions, automatic assignment and conflict
 * detection, one case (assignments, conflicts, reviews, discussion,
 * decision, state, audit), reviewers, decision mail templates, the
 * fairness report, the audit trail and the CSV export. The domain checks
 * ACT_CALL_CHAIR and the visibility rule on every call.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/assign.h"
#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/fairness.h"
#include "domain/policy.h"
#include "domain/publish.h"
#include "domain/review.h"
#include "domain/taxonomy.h"
#include "domain/workflow.h"
#include "http/ctx.h"
#include "http/h_call.h"
#include "http/keypager.h"
#include "http/offload.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_chair(struct http_request *);
int	page_chair_call_new(struct http_request *);
int	page_chair_call_edit(struct http_request *);
int	page_chair_cases(struct http_request *);
int	page_chair_decide(struct http_request *);
int	page_chair_autoassign(struct http_request *);
int	page_chair_detect(struct http_request *);
int	page_chair_export(struct http_request *);
int	page_chair_fairness(struct http_request *);
int	page_chair_audit(struct http_request *);
int	page_chair_reviewers(struct http_request *);
int	page_chair_templates(struct http_request *);
int	page_chair_case(struct http_request *);
int	page_chair_assign(struct http_request *);
int	page_chair_conflict(struct http_request *);
int	page_chair_state(struct http_request *);
int	page_chair_case_decide(struct http_request *);

static int	chair_gate(struct ctx *, int methods);
static void	call_form_read(struct ctx *, struct call_form *);
static void	call_form_page(struct ctx *, int, int64_t, const struct call *,
		    const struct form_errors *);
static int	call_page_common(struct ctx *, int64_t, struct call *);
static void	decisions_view(struct ctx *, const char *);
static const char *snap_display(struct ctx *, const char *, const char *);
static void	versions_view(struct ctx *, const struct chair_case_view *);
static char	*mean_str(struct ctx *, int64_t);
static void	call_edit(struct http_request *, int64_t);
static const char *fair_label(struct ctx *, int, const char *);
static void	decide_confirm(struct ctx *, const struct form_errors *,
		    const int64_t *, size_t, const char *, const char *);
static char	*labels_of(struct ctx *, int, const char *);

static const char *const call_fields[] = {
	"default_lang", "title_en", "description_en", "other_lang",
	"title_other", "description_other", "opens", "closes", "blind_mode",
	"reviewers", "public_fields", "rubric", NULL
};

/* Starts a chair page: method, user, and (for POST) CSRF. */
static int
chair_gate(struct ctx *c, int methods)
{
	if (!ctx_method(c, methods) || !ctx_require_user(c))
		return (0);
	if (c->is_post && !ctx_post(c))
		return (0);
	if (!policy_can(c->user, ACT_CALL_CHAIR)) {
		ctx_error(c, 403);
		return (0);
	}
	return (1);
}

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

static char *
mean_str(struct ctx *c, int64_t m10)
{
	if (m10 < 0)
		return ("–");
	return (arena_printf(c->dc.a, "%lld.%lld", (long long)m10 / 10,
	    (long long)m10 % 10));
}

/* The decisions a chair chooses from; the one given (a case's current
 * decision, or NULL) is selected, else the empty "choose" option is. */
static void
decisions_view(struct ctx *c, const char *current)
{
	struct tv	*list, *item;
	size_t		 i;

	list = tv_list(c->view, "decisions");
	for (i = 0; call_decisions[i].slug != NULL; i++) {
		item = tv_push_map(list);
		tv_str(item, "slug", call_decisions[i].slug);
		tv_str(item, "name", ctx_tr(c, call_decisions[i].label));
		tv_bool(item, "selected", current != NULL &&
		    strcmp(current, call_decisions[i].slug) == 0);
	}
}

/* A snapshot field's value as a reader wants it: names, not codes. */
static const char *
snap_display(struct ctx *c, const char *key, const char *v)
{
	const char	*l;
	char		 name[128];

	if (*v == '\0')
		return (v);
	if (strcmp(key, "consent_publish") == 0 ||
	    strcmp(key, "consent_contact") == 0)
		return (ctx_tr(c, strcmp(v, "1") == 0 ? N_("Yes") : N_("No")));
	if (strcmp(key, "sector") == 0 &&
	    (l = call_ref_label(call_sectors, v)) != NULL)
		return (ctx_tr(c, l));
	if (strcmp(key, "category") == 0 &&
	    (l = taxonomy_name(TAX_CASE_CATEGORY, v)) != NULL)
		return (ctx_tr(c, l));
	if (strcmp(key, "country") == 0 && i18n_country_name(c->lang, v,
	    name, sizeof(name)) == 0)
		return (arena_strdup(c->dc.a, name));
	if (strcmp(key, "language") == 0 && i18n_language_name(c->lang, v,
	    name, sizeof(name)) == 0)
		return (arena_strdup(c->dc.a, name));
	return (v);
}

/*
 * Every submitted version (newest first) as labelled fields, each marked
 * when it differs from the version before, with the text it had there.
 * Each snapshot is read once: linear in their sizes.
 */
static void
versions_view(struct ctx *c, const struct chair_case_view *cv)
{
	struct tv	*list, *item, *fields, *f;
	char		**vals;
	size_t		 i, k, nchanged;

	vals = arena_alloc(c->dc.a, (cv->nversions + 1) * SUB_SNAP_NFIELDS *
	    sizeof(*vals));
	for (i = 0; i < cv->nversions; i++)
		submission_snapshot_parse(c->dc.a, cv->versions[i].snapshot,
		    vals + i * SUB_SNAP_NFIELDS);
	list = tv_list(c->view, "versions");
	for (i = 0; i < cv->nversions; i++) {
		item = tv_push_map(list);
		tv_int(item, "n", cv->versions[i].version);
		tv_str(item, "at", hc_date(c, cv->versions[i].created_at));
		tv_bool(item, "has_previous", i + 1 < cv->nversions);
		if (i + 1 < cv->nversions)
			tv_int(item, "previous", cv->versions[i + 1].version);
		fields = tv_list(item, "fields");
		for (k = 0, nchanged = 0; k < SUB_SNAP_NFIELDS; k++) {
			f = tv_push_map(fields);
			tv_str(f, "label", ctx_tr(c, sub_snap_fields[k].label));
			tv_str(f, "value", snap_display(c,
			    sub_snap_fields[k].key,
			    vals[i * SUB_SNAP_NFIELDS + k]));
			if (i + 1 < cv->nversions && strcmp(vals[i *
			    SUB_SNAP_NFIELDS + k], vals[(i + 1) *
			    SUB_SNAP_NFIELDS + k]) != 0) {
				nchanged++;
				tv_bool(f, "changed", 1);
				tv_str(f, "before", snap_display(c,
				    sub_snap_fields[k].key,
				    vals[(i + 1) * SUB_SNAP_NFIELDS + k]));
			}
		}
		tv_int(item, "nchanged", (int64_t)nchanged);
	}
}

/* Loads the call for a chair page; 0 (page sent) on failure. */
static int
call_page_common(struct ctx *c, int64_t id, struct call *call)
{
	enum result	r;

	if ((r = call_get(&c->dc, id, i18n_code(c->lang), call)) != RES_OK) {
		ctx_fail(c, r);
		return (0);
	}
	hc_call(c, tv_child(c->view, "call"), call);
	return (1);
}

int
page_chair(struct http_request *req)
{
	struct ctx	 c;
	struct call_row	*rows;
	struct call	 one;
	struct tv	*list;
	size_t		 n, i;
	enum result	 r;

	ctx_begin(&c, req);
	if (!chair_gate(&c, CTX_GET))
		goto out;
	if ((r = call_list(&c.dc, i18n_code(c.lang), &rows, &n)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_title(&c, N_("Calls you run"));
	list = tv_list(c.view, "calls");
	for (i = 0; i < n; i++) {
		memset(&one, 0, sizeof(one));
		one.r = rows[i];
		one.open = call_is_open(&rows[i], c.dc.now);
		one.upcoming = c.dc.now < rows[i].opens_at;
		hc_call(&c, tv_push_map(list), &one);
	}
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
		for (k = 0; k < 5; k++) {
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
	list = tv_list(c->view, "blind_modes");
	for (i = 0; call_blind_modes[i].slug != NULL; i++) {
		item = tv_push_map(list);
		tv_str(item, "slug", call_blind_modes[i].slug);
		tv_str(item, "name", ctx_tr(c, call_blind_modes[i].label));
		tv_bool(item, "checked", mode != NULL &&
		    strcmp(mode, call_blind_modes[i].slug) == 0);
	}
	list = tv_list(c->view, "public_fields");
	for (i = 0; call_public_fields[i].slug != NULL; i++) {
		item = tv_push_map(list);
		tv_str(item, "slug", call_public_fields[i].slug);
		tv_str(item, "name", ctx_tr(c, call_public_fields[i].label));
		tv_bool(item, "checked", pub != NULL &&
		    assign_list_has(pub, call_public_fields[i].slug));
	}
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
		for (k = 0; k < 5; k++) {
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
	struct form_errors	fe;
	struct call_form	f;
	struct call		call;
	enum result		r;
	int64_t			out_id;

	ctx_begin(&c, req);
	memset(&fe, 0, sizeof(fe));
	if (!chair_gate(&c, CTX_GET | CTX_POST))
		goto out;
	if (id != 0 && (r = call_get(&c.dc, id, "en", &call)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	if (!c.is_post) {
		call_form_page(&c, 200, id, id != 0 ? &call : NULL, NULL);
		goto out;
	}
	call_form_read(&c, &f);
	r = call_save(&c.dc, id, &f, &fe, &out_id);
	if (r == RES_INVALID) {
		call_form_page(&c, 400, id, NULL, &fe);
		goto out;
	}
	if (r != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_flash(&c, FLASH_CALL_SAVED);
	ctx_redirect(&c, arena_printf(c.dc.a, "/chair/calls/%lld",
	    (long long)out_id));
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

int
page_chair_cases(struct http_request *req)
{
	struct ctx		 c;
	struct call		 call;
	struct chair_page	 pg;
	struct chair_case	*cases;
	const struct sub_row	*s;
	struct tv		*list, *item;
	size_t			 n, i;
	enum result		 r;
	int64_t			 id;
	const char		*l, *filter[3];
	char			 name[128];

	ctx_begin(&c, req);
	if (!chair_gate(&c, CTX_GET))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	if (!call_page_common(&c, id, &call))
		goto out;
	memset(&pg, 0, sizeof(pg));
	pg.state = ctx_param(&c, "state");
	keypager_read(&c, &pg.k);
	if ((r = call_cases(&c.dc, id, &pg, &cases, &n)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_title(&c, N_("Cases"));
	/* Only what a row shows (hc_case() would format dates, languages
	 * and tags the list never prints: a quarter of the page's time). */
	list = tv_list(c.view, "cases");
	for (i = 0; i < n; i++) {
		s = &cases[i].s;
		item = tv_push_map(list);
		tv_int(item, "id", s->id);
		tv_str(item, "state", s->state);
		tv_str(item, "state_label", hc_state(&c, s->state));
		tv_str(item, "title", s->title[0] != '\0' ? s->title :
		    ctx_tr(&c, N_("(untitled)")));
		if (s->country[0] != '\0' && i18n_country_name(c.lang,
		    s->country, name, sizeof(name)) == 0)
			tv_str(item, "country", arena_strdup(c.dc.a, name));
		l = taxonomy_name(TAX_CASE_CATEGORY, s->category);
		tv_str(item, "category", l != NULL ? ctx_tr(&c, l) :
		    s->category);
		tv_str(item, "decision", hc_decision(&c, s->decision));
		tv_str(item, "decision_slug", s->decision);
		tv_int(item, "assigned", (int64_t)cases[i].nassigned);
		tv_str(item, "mean", mean_str(&c, cases[i].mean10));
	}
	filter[0] = "state";
	filter[1] = pg.state;
	filter[2] = NULL;
	keypager_view(&c, arena_printf(c.dc.a, "/chair/calls/%lld/cases",
	    (long long)id), filter, &pg.k);
	decisions_view(&c, NULL);
	tv_str(c.view, "done", ctx_param(&c, "done"));
	tv_str(c.view, "added", ctx_param(&c, "added"));
	tv_str(c.view, "short", ctx_param(&c, "short"));
	tv_str(c.view, "found", ctx_param(&c, "found"));
	ctx_render(&c, 200, "chair_cases");
out:
	return (ctx_end(&c));
}

int
page_chair_decide(struct http_request *req)
{
	struct ctx		c;
	struct form_errors	fe;
	enum result		r;
	int64_t			id, ids[SUB_MAX_DECIDE + 1];
	size_t			n, done;

	ctx_begin(&c, req);
	memset(&fe, 0, sizeof(fe));
	if (!chair_gate(&c, CTX_POST))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	n = hc_ids(&c, "id", ids, SUB_MAX_DECIDE + 1);
	r = submission_decide(&c.dc, ids, n, ctx_param(&c, "decision"),
	    ctx_param(&c, "reason"), ctx_param(&c, "confirm") != NULL, &fe,
	    &done);
	ctx_mail_flush(&c);
	if (r == RES_INVALID && form_error_for(&fe, "confirm") != NULL) {
		decide_confirm(&c, &fe, ids, n, arena_printf(c.dc.a,
		    "/chair/calls/%lld/decide", (long long)id), arena_printf(
		    c.dc.a, "/chair/calls/%lld/cases", (long long)id));
		goto out;
	}
	if (r == RES_INVALID) {
		ctx_title(&c, N_("The decision was not recorded"));
		tv_str(c.view, "message", ctx_tr(&c, fe.msgid[0]));
		ctx_render(&c, 400, "message");
		goto out;
	}
	if (r != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_redirect(&c, arena_printf(c.dc.a,
	    "/chair/calls/%lld/cases?done=%zu", (long long)id, done));
out:
	return (ctx_end(&c));
}

int
page_chair_autoassign(struct http_request *req)
{
	struct ctx	c;
	enum result	r;
	int64_t		id;
	size_t		added, shortn;

	ctx_begin(&c, req);
	if (!chair_gate(&c, CTX_POST))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	if ((r = assign_auto(&c.dc, id, &added, &shortn)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
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
	if (!chair_gate(&c, CTX_POST))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	if ((r = review_conflicts_detect(&c.dc, id, &found)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_redirect(&c, arena_printf(c.dc.a,
	    "/chair/calls/%lld/cases?found=%zu", (long long)id, found));
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
	if (!chair_gate(&c, CTX_GET))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	/* A whole call: built off the event loop, Kore calls again. */
	if ((b = offload_export_done(req, &r)) == NULL) {
		if (offload_export(req, &c.dc, call_export_csv, id))
			c.parked = 1;
		else
			offload_busy(&c);
		goto out;
	}
	if (r != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	http_response_header(req, "content-disposition", arena_printf(c.dc.a,
	    "attachment; filename=\"call-%lld-cases.csv\"", (long long)id));
	http_response_header(req, "cache-control", "private, no-store");
	ctx_send(&c, 200, "text/csv; charset=utf-8",
	    b->data != NULL ? b->data : "", b->len);
out:
	return (ctx_end(&c));
}

/* The translated label of a fairness group key. */
static const char *
fair_label(struct ctx *c, int d, const char *key)
{
	char		 name[128];
	const char	*l = NULL;

	if (*key == '\0')
		return (ctx_tr(c, N_("Not given")));
	switch (d) {
	case FAIR_REGION:
		return (ctx_tr(c, fairness_region_label(key)));
	case FAIR_COUNTRY:
		if (i18n_country_name(c->lang, key, name, sizeof(name)) == 0)
			return (arena_strdup(c->dc.a, name));
		break;
	case FAIR_SECTOR:
		l = call_ref_label(call_sectors, key);
		break;
	case FAIR_CATEGORY:
		l = taxonomy_name(TAX_CASE_CATEGORY, key);
		break;
	default:
		if (i18n_language_name(c->lang, key, name, sizeof(name)) == 0)
			return (arena_strdup(c->dc.a, name));
		break;
	}
	return (l != NULL ? ctx_tr(c, l) : key);
}

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
			l = fair_label(c, d, one);
		buf_appendf(&b, "%s%s", b.len ? ", " : "", l);
	}
	out = arena_strdup(c->dc.a, b.data != NULL ? b.data : "");
	buf_free(&b);
	return (out);
}

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
	enum result		 r;
	int64_t			 id, tsub = 0, tsel = 0;

	ctx_begin(&c, req);
	if (!chair_gate(&c, CTX_GET))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	if (!call_page_common(&c, id, &call))
		goto out;
	if ((r = call_fairness(&c.dc, id, &items, &n)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_title(&c, N_("Fairness report"));
	tables = tv_list(c.view, "tables");
	for (d = 0; d < FAIR_NDIMS; d++) {
		fairness_group(c.dc.a, items, n, d, &g, &ng);
		t = tv_push_map(tables);
		tv_str(t, "name", ctx_tr(&c, dims[d]));
		rows = tv_list(t, "rows");
		for (i = 0; i < ng; i++) {
			row = tv_push_map(rows);
			tv_str(row, "label", fair_label(&c, d, g[i].key));
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
	struct tv		*list, *item;
	size_t			 n, i;
	enum result		 r;
	int64_t			 id;

	ctx_begin(&c, req);
	if (!chair_gate(&c, CTX_GET))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	if (!call_page_common(&c, id, &call))
		goto out;
	keypager_read(&c, &pg);
	if ((r = call_audit(&c.dc, id, &pg, &rows, &n)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_title(&c, N_("Audit trail"));
	list = tv_list(c.view, "entries");
	for (i = 0; i < n; i++) {
		item = tv_push_map(list);
		tv_str(item, "at", hc_date(&c, rows[i].at));
		tv_str(item, "actor", rows[i].actor_name);
		tv_str(item, "action", rows[i].action);
		tv_str(item, "object", arena_printf(c.dc.a, "%s %s",
		    rows[i].object_type, rows[i].object_id));
		tv_bool(item, "is_case", strcmp(rows[i].object_type,
		    "submission") == 0);
		tv_str(item, "object_id", rows[i].object_id);
		tv_str(item, "detail", rows[i].detail);
	}
	keypager_view(&c, arena_printf(c.dc.a, "/chair/calls/%lld/audit",
	    (long long)id), NULL, &pg);
	ctx_render(&c, 200, "chair_audit");
out:
	return (ctx_end(&c));
}

int
page_chair_reviewers(struct http_request *req)
{
	struct ctx		 c;
	struct call		 call;
	struct person_row	*rows;
	struct tv		*list, *item;
	size_t			 n, i;
	enum result		 r;
	int64_t			 id;

	ctx_begin(&c, req);
	if (!chair_gate(&c, CTX_GET))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	if (!call_page_common(&c, id, &call))
		goto out;
	if ((r = call_reviewers(&c.dc, id, &rows, &n)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_title(&c, N_("Reviewers"));
	list = tv_list(c.view, "reviewers");
	for (i = 0; i < n; i++) {
		item = tv_push_map(list);
		tv_int(item, "id", rows[i].id);
		tv_str(item, "name", rows[i].display_name);
		tv_str(item, "email", rows[i].email);
		tv_str(item, "organisation", rows[i].organisation);
		tv_str(item, "principles", labels_of(&c, -1,
		    rows[i].principles));
		tv_str(item, "regions", labels_of(&c, FAIR_REGION,
		    rows[i].regions));
		tv_str(item, "languages", labels_of(&c, FAIR_LANGUAGE,
		    rows[i].languages));
		tv_int(item, "load", rows[i].load);
	}
	ctx_render(&c, 200, "chair_reviewers");
out:
	return (ctx_end(&c));
}

int
page_chair_templates(struct http_request *req)
{
	struct ctx		 c;
	struct form_errors	 fe;
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
	memset(&fe, 0, sizeof(fe));
	if (!chair_gate(&c, CTX_GET | CTX_POST))
		goto out;
	id = hc_path_id(&c, "/chair/calls/");
	if (!call_page_common(&c, id, &call))
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
		r = call_templates_save(&c.dc, id, lang, subj, body, &fe);
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
	if ((r = call_templates(&c.dc, id, lang, t)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
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
		if (form_error_for(&fe, n) != NULL)
			tv_str(item, "subject_error", ctx_tr(&c,
			    form_error_for(&fe, n)));
		(void)snprintf(n, sizeof(n), "body_%zu", i);
		if (form_error_for(&fe, n) != NULL)
			tv_str(item, "body_error", ctx_tr(&c,
			    form_error_for(&fe, n)));
	}
	tv_bool(c.view, "has_errors", fe.n > 0);
	ctx_render(&c, fe.n > 0 ? 400 : 200, "chair_templates");
out:
	return (ctx_end(&c));
}

int
page_chair_case(struct http_request *req)
{
	struct ctx		 c;
	struct chair_case_view	 cv;
	struct history_row	*hist;
	struct tv		*list, *item;
	const struct wf_rule	*moves[WF_NSTATES];
	size_t			 i, k, nm;
	enum result		 r;
	int64_t			 id;
	int			 st;

	ctx_begin(&c, req);
	if (!chair_gate(&c, CTX_GET))
		goto out;
	id = hc_path_id(&c, "/chair/cases/");
	if ((r = call_case(&c.dc, id, i18n_code(c.lang), &cv)) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	tv_str(c.view, "title", cv.rc.v.s.title);
	hc_case(&c, tv_child(c.view, "case"), &cv.rc.v.s);
	hc_call(&c, tv_child(c.view, "call"), &cv.rc.v.call);
	hc_files_view(&c, c.view, &cv.rc.v);
	hc_reviews(&c, c.view, &cv.rc, 1);
	list = tv_list(c.view, "assigned");
	for (i = 0; i < cv.nassigned; i++) {
		item = tv_push_map(list);
		tv_int(item, "id", cv.assigned[i].id);
		tv_str(item, "name", cv.assigned[i].display_name);
		st = cv.assigned[i].status[0] == '\0' ? 0 :
		    strcmp(cv.assigned[i].status, "submitted") == 0 ? 2 : 1;
		tv_str(item, "review", ctx_tr(&c, st == 0 ? N_("not started") :
		    st == 2 ? N_("submitted") : N_("draft")));
	}
	list = tv_list(c.view, "conflicts");
	for (i = 0; i < cv.nconflicts; i++) {
		item = tv_push_map(list);
		tv_int(item, "id", cv.conflicts[i].id);
		tv_str(item, "name", cv.conflicts[i].display_name);
		tv_str(item, "status", ctx_tr(&c,
		    review_conflict_label(cv.conflicts[i].status)));
		tv_str(item, "reason", ctx_tr(&c, cv.conflicts[i].reason));
		tv_bool(item, "proposed", strcmp(cv.conflicts[i].status,
		    "proposed") == 0 || strcmp(cv.conflicts[i].status,
		    "declared") == 0);
	}
	list = tv_list(c.view, "candidates");
	for (i = 0; i < cv.nreviewers; i++) {
		for (k = 0; k < cv.nassigned; k++)
			if (cv.assigned[k].id == cv.reviewers[i].id)
				break;
		if (k < cv.nassigned)
			continue;
		for (k = 0; k < cv.nconflicts; k++)
			if (cv.conflicts[k].id == cv.reviewers[i].id &&
			    strcmp(cv.conflicts[k].status, "dismissed") != 0)
				break;
		if (k < cv.nconflicts || cv.reviewers[i].id ==
		    cv.rc.v.s.submitter_id)
			continue;
		item = tv_push_map(list);
		tv_int(item, "id", cv.reviewers[i].id);
		tv_str(item, "name", cv.reviewers[i].display_name);
		tv_int(item, "load", cv.reviewers[i].load);
	}
	st = workflow_parse(cv.rc.v.s.state);
	list = tv_list(c.view, "moves");
	nm = st >= 0 ? workflow_moves(st, WF_CHAIR, moves, WF_NSTATES) : 0;
	for (k = 0, i = 0; i < nm; i++) {
		if (moves[i]->action == WF_DECIDE) {
			k = 1;
			continue;
		}
		item = tv_push_map(list);
		tv_str(item, "to", workflow_name(moves[i]->to));
		tv_str(item, "label", ctx_tr(&c, workflow_label(moves[i]->to)));
		tv_bool(item, "needs_reason", moves[i]->action ==
		    WF_UNPUBLISH);
	}
	if (st == WF_PUBLISHED)
		tv_str(c.view, "case_url", arena_printf(c.dc.a, "/cases/%s",
		    publish_slug(&c.dc, id, cv.rc.v.s.title)));
	tv_bool(c.view, "can_decide", k);
	decisions_view(&c, cv.rc.v.s.decision);
	versions_view(&c, &cv);
	call_case_history(&c.dc, &cv, &hist);
	list = tv_list(c.view, "audit");
	for (i = 0; i < cv.naudit; i++) {
		item = tv_push_map(list);
		tv_str(item, "at", hc_date(&c, hist[i].at));
		tv_str(item, "actor", hist[i].actor != NULL ? hist[i].actor :
		    ctx_tr(&c, N_("Ethica, automatically")));
		tv_str(item, "what", ctx_tr(&c, hist[i].what));
		if (hist[i].person != NULL)
			tv_str(item, "person", hist[i].person);
		else if (hist[i].former)
			tv_str(item, "person", ctx_tr(&c,
			    N_("a former reviewer")));
		if (hist[i].from != NULL) {
			tv_str(item, "from", ctx_tr(&c, hist[i].from));
			tv_str(item, "to", ctx_tr(&c, hist[i].to));
		}
		if (hist[i].note != NULL)
			tv_str(item, "note", ctx_tr(&c, hist[i].note));
		tv_int(item, "version", hist[i].version);
	}
	ctx_render(&c, 200, "chair_case");
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
	if (!chair_gate(&c, CTX_POST))
		goto out;
	id = hc_path_id(&c, "/chair/cases/");
	uid = ctx_param_int(&c, "user_id", 1, INT64_MAX, 0);
	op = ctx_param(&c, "op");
	if (uid == 0 || op == NULL) {
		ctx_error(&c, 400);
		goto out;
	}
	r = assign_manual(&c.dc, id, uid, strcmp(op, "remove") != 0);
	if (r != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
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
	if (!chair_gate(&c, CTX_POST))
		goto out;
	id = hc_path_id(&c, "/chair/cases/");
	uid = ctx_param_int(&c, "user_id", 1, INT64_MAX, 0);
	if ((r = review_conflict_set(&c.dc, id, uid,
	    ctx_param(&c, "status"))) != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_flash(&c, FLASH_CONFLICT_UPDATED);
	ctx_redirect(&c, arena_printf(c.dc.a, "/chair/cases/%lld",
	    (long long)id));
out:
	return (ctx_end(&c));
}

int
page_chair_state(struct http_request *req)
{
	struct ctx		 c;
	struct form_errors	 fe;
	enum result		 r;
	int64_t			 id;
	const char		*to, *slug = NULL;

	ctx_begin(&c, req);
	if (!chair_gate(&c, CTX_POST))
		goto out;
	id = hc_path_id(&c, "/chair/cases/");
	to = ctx_param(&c, "to");
	memset(&fe, 0, sizeof(fe));
	r = submission_move(&c.dc, id, to, ctx_param(&c, "reason"), &fe,
	    &slug);
	if (r == RES_INVALID && fe.n > 0) {
		ctx_title(&c, to != NULL && strcmp(to, "published") == 0 ?
		    N_("The case was not published") :
		    N_("The case was not moved"));
		tv_str(c.view, "message", ctx_tr(&c, fe.msgid[0]));
		ctx_render(&c, 400, "message");
		goto out;
	}
	if (r != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	/* A move to "decided" that is not a decision is an unpublish. */
	ctx_flash(&c, slug != NULL ? FLASH_CASE_PUBLISHED :
	    strcmp(to, "decided") == 0 ? FLASH_CASE_UNPUBLISHED :
	    FLASH_CASE_MOVED);
	ctx_redirect(&c, slug != NULL ? arena_printf(c.dc.a, "/cases/%s",
	    slug) : arena_printf(c.dc.a, "/chair/cases/%lld", (long long)id));
out:
	return (ctx_end(&c));
}

int
page_chair_case_decide(struct http_request *req)
{
	struct ctx		c;
	struct form_errors	fe;
	enum result		r;
	int64_t			id;
	size_t			done;

	ctx_begin(&c, req);
	memset(&fe, 0, sizeof(fe));
	if (!chair_gate(&c, CTX_POST))
		goto out;
	id = hc_path_id(&c, "/chair/cases/");
	r = submission_decide(&c.dc, &id, 1, ctx_param(&c, "decision"),
	    ctx_param(&c, "reason"), ctx_param(&c, "confirm") != NULL, &fe,
	    &done);
	ctx_mail_flush(&c);
	if (r == RES_INVALID && form_error_for(&fe, "confirm") != NULL) {
		decide_confirm(&c, &fe, NULL, 0, arena_printf(c.dc.a,
		    "/chair/cases/%lld/decide", (long long)id), arena_printf(
		    c.dc.a, "/chair/cases/%lld", (long long)id));
		goto out;
	}
	if (r == RES_INVALID) {
		ctx_title(&c, N_("The decision was not recorded"));
		tv_str(c.view, "message", ctx_tr(&c, fe.msgid[0]));
		ctx_render(&c, 400, "message");
		goto out;
	}
	if (r != RES_OK) {
		ctx_fail(&c, r);
		goto out;
	}
	ctx_flash(&c, FLASH_DECISION_RECORDED);
	ctx_redirect(&c, arena_printf(c.dc.a, "/chair/cases/%lld",
	    (long long)id));
out:
	return (ctx_end(&c));
}
