/*
 * h_submission.c: the submitter's pages: the submission form (new and
 * edit; save as draft without JavaScript, submit), the list of one's
 * submissions, a submission's page with its decision and feedback,
 * withdraw and reopen, and attachment downloads (for every viewer the
 * visibility rule allows).
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/submission.h"
#include "domain/upload.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/keypager.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_submission_new(struct http_request *);
int	page_submissions(struct http_request *);
int	page_submission(struct http_request *);
int	page_submission_withdraw(struct http_request *);
int	page_submission_reopen(struct http_request *);
int	page_submission_file(struct http_request *);

static void	form_read(struct ctx *, struct submission_form *);
static void	form_page(struct ctx *, int status, const struct call *,
		    int64_t submission_id, const struct submission_view *,
		    const struct form_errors *, int from_params);

/* Every field of the form, with the two that only carry errors. */
static const char *const form_fields[] = {
	"organisation", "sector", "country", "category", "title", "summary",
	"ai_system", "actions", "outcomes", "lessons", "links", "language",
	"collaborators", "tags", "attachments", NULL
};

static void
form_read(struct ctx *c, struct submission_form *f)
{
	memset(f, 0, sizeof(*f));
	f->organisation = ctx_param(c, "organisation");
	f->sector = ctx_param(c, "sector");
	f->country = ctx_param(c, "country");
	f->category = ctx_param(c, "category");
	f->tags = hc_join(c, "tag", SUB_MAX_TAGS);
	f->title = ctx_param(c, "title");
	f->summary = ctx_param(c, "summary");
	f->ai_system = ctx_param(c, "ai_system");
	f->actions = ctx_param(c, "actions");
	f->outcomes = ctx_param(c, "outcomes");
	f->lessons = ctx_param(c, "lessons");
	f->links = ctx_param(c, "links");
	f->language = ctx_param(c, "language");
	f->collaborators = ctx_param(c, "collaborators");
	f->consent_publish = ctx_param(c, "consent_publish") != NULL;
	f->consent_contact = ctx_param(c, "consent_contact") != NULL;
	f->nremove = hc_ids(c, "remove", f->remove, SUB_MAX_UPLOADS);
	hc_files(c, "attachment", f);
}

/*
 * The form page. Values come from the request (from_params) or from the
 * stored submission; attachments always from the store.
 */
static void
form_page(struct ctx *c, int status, const struct call *call,
    int64_t submission_id, const struct submission_view *sv,
    const struct form_errors *fe, int from_params)
{
	struct tv	*form;
	const char	*tags, *sector, *country, *category, *lang;

	hc_call(c, tv_child(c->view, "call"), call);
	tv_str(c->view, "action", submission_id == 0 ? arena_printf(c->dc.a,
	    "/calls/%lld/submit", (long long)call->r.id) :
	    arena_printf(c->dc.a, "/submissions/%lld",
	    (long long)submission_id));
	ctx_title(c, submission_id == 0 ? N_("Submit a case") :
	    N_("Edit your case"));
	ctx_form(c, fe, form_fields);
	form = (struct tv *)tv_get(c->view, "form");
	if (from_params || sv == NULL) {
		tags = hc_join(c, "tag", SUB_MAX_TAGS);
		sector = ctx_param(c, "sector");
		country = ctx_param(c, "country");
		category = ctx_param(c, "category");
		lang = ctx_param(c, "language");
		if (sv == NULL && !c->is_post)
			lang = i18n_code(c->lang);
		tv_bool(form, "consent_publish",
		    ctx_param(c, "consent_publish") != NULL);
		tv_bool(form, "consent_contact",
		    ctx_param(c, "consent_contact") != NULL);
	} else {
		hc_case(c, form, &sv->s);
		tv_str(form, "title", sv->s.title);
		tags = sv->s.tags;
		sector = sv->s.sector;
		country = sv->s.country;
		category = sv->s.category;
		lang = sv->s.language;
	}
	hc_files_view(c, c->view, sv);
	tv_int(c->view, "submission_id", submission_id);
	tv_bool(c->view, "is_submitted", sv != NULL &&
	    strcmp(sv->s.state, "submitted") == 0);
	hc_options(c, sector, country, category, tags, lang);
	ctx_render(c, status, "submission_form");
}

int
page_submission_new(struct http_request *req)
{
	struct ctx		c;
	struct submission_form		f;
	struct submission_view		sv;
	struct call		call;
	enum result		r;
	int64_t			call_id, id;
	int			submit;

	ctx_begin(&c, req);
	if (!gate_upload(&c, CTX_GET | CTX_POST, GATE_USER,
	    UPLOAD_REQUEST_MAX))
		goto out;
	call_id = hc_path_id(&c, "/calls/");
	if (!ctx_ok(&c, call_get(&c.dc, call_id, i18n_code(c.lang), &call)))
		goto out;
	if (!call.open) {
		ctx_fail(&c, RES_CONFLICT);
		goto out;
	}
	if (!c.is_post) {
		form_page(&c, 200, &call, 0, NULL, NULL, 1);
		goto out;
	}
	form_read(&c, &f);
	submit = ctx_param(&c, "action") != NULL &&
	    strcmp(ctx_param(&c, "action"), "submit") == 0;
	r = submission_create(&c.dc, call_id, &f, submit, &c.fe, &id);
	ctx_mail_flush(&c);
	if (r == RES_INVALID && id != 0) {
		if (submission_get(&c.dc, id, i18n_code(c.lang), &sv)
		    != RES_OK) {
			ctx_fail(&c, RES_INTERNAL);
			goto out;
		}
		form_page(&c, 400, &call, id, &sv, &c.fe, 1);
		goto out;
	}
	if (r == RES_INVALID) {
		/* Nothing stored (a cap was passed): the form again, as
		 * typed. */
		form_page(&c, 400, &call, 0, NULL, &c.fe, 1);
		goto out;
	}
	ctx_done(&c, r, submit ? FLASH_SUBMITTED : FLASH_DRAFT_SAVED,
	    arena_printf(c.dc.a, "/submissions/%lld", (long long)id));
out:
	return (ctx_end(&c));
}

int
page_submissions(struct http_request *req)
{
	struct ctx	 c;
	struct keypage	 pg;
	struct submission_row	*rows;
	struct tv	*list;
	size_t		 n, i;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_USER))
		goto out;
	keypager_read(&c, &pg);
	if (!ctx_ok(&c, submission_mine(&c.dc, &pg, &rows, &n)))
		goto out;
	ctx_title(&c, N_("Your submissions"));
	list = tv_list(c.view, "submissions");
	for (i = 0; i < n; i++)
		hc_case(&c, tv_push_map(list), &rows[i]);
	keypager_view(&c, "/submissions", NULL, &pg);
	ctx_render(&c, 200, "submissions");
out:
	return (ctx_end(&c));
}

int
page_submission(struct http_request *req)
{
	struct ctx		 c;
	struct submission_form		 f;
	struct submission_view		 sv;
	struct tv		*m, *list, *item;
	enum result		 r;
	int64_t			 id;
	size_t			 i;
	const char		*act;

	ctx_begin(&c, req);
	if (!gate_upload(&c, CTX_GET | CTX_POST, GATE_USER,
	    UPLOAD_REQUEST_MAX))
		goto out;
	id = hc_path_id(&c, "/submissions/");
	if (!ctx_ok(&c, submission_get(&c.dc, id, i18n_code(c.lang), &sv)))
		goto out;
	if (sv.access != SA_OWNER) {
		/* Reviewers and chairs read cases on their own pages. */
		ctx_redirect(&c, arena_printf(c.dc.a, sv.access == SA_CHAIR ?
		    "/chair/cases/%lld" : "/review/cases/%lld", (long long)id));
		goto out;
	}
	if (c.is_post) {
		form_read(&c, &f);
		act = ctx_param(&c, "action");
		r = submission_save(&c.dc, id, &f, act != NULL &&
		    strcmp(act, "submit") == 0, &c.fe);
		ctx_mail_flush(&c);
		if (r == RES_INVALID) {
			(void)submission_get(&c.dc, id, i18n_code(c.lang), &sv);
			form_page(&c, 400, &sv.call, id, &sv, &c.fe, 1);
			goto out;
		}
		ctx_done(&c, r, act != NULL && strcmp(act, "submit") == 0 ?
		    FLASH_SUBMITTED : FLASH_DRAFT_SAVED, arena_printf(c.dc.a,
		    "/submissions/%lld", (long long)id));
		goto out;
	}
	if (sv.editable && ctx_param(&c, "edit") != NULL) {
		form_page(&c, 200, &sv.call, id, &sv, NULL, 0);
		goto out;
	}
	tv_str(c.view, "title", sv.s.title[0] ? sv.s.title :
	    ctx_tr(&c, N_("(untitled)")));
	m = tv_child(c.view, "case");
	hc_case(&c, m, &sv.s);
	hc_call(&c, tv_child(c.view, "call"), &sv.call);
	hc_files_view(&c, c.view, &sv);
	tv_bool(c.view, "editable", sv.editable);
	tv_bool(c.view, "can_withdraw", sv.can_withdraw);
	tv_bool(c.view, "can_reopen", sv.can_reopen);
	tv_bool(c.view, "is_draft", strcmp(sv.s.state, "draft") == 0);
	tv_bool(c.view, "decided", sv.s.decision[0] != '\0' &&
	    (strcmp(sv.s.state, "decided") == 0 ||
	    strcmp(sv.s.state, "published") == 0));
	list = tv_list(c.view, "feedback");
	for (i = 0; i < sv.nfeedback; i++) {
		item = tv_push_map(list);
		tv_int(item, "n", (int64_t)i + 1);
		tv_str(item, "name", sv.feedback[i].display_name);
		tv_str(item, "text", sv.feedback[i].to_submitter);
	}
	ctx_render(&c, 200, "submission");
out:
	return (ctx_end(&c));
}

int
page_submission_withdraw(struct http_request *req)
{
	struct ctx	c;
	struct submission_view	sv;
	enum result	r;
	int64_t		id;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_USER, "/submissions/")) == 0)
		goto out;
	if (ctx_param(&c, "confirm") == NULL) {
		/* The first press asks; the form there says confirm=1. */
		r = submission_get(&c.dc, id, i18n_code(c.lang), &sv);
		if (r == RES_OK && sv.access != SA_OWNER)
			r = RES_NOT_FOUND;
		if (r == RES_OK && !sv.can_withdraw)
			r = RES_CONFLICT;
		if (!ctx_ok(&c, r))
			goto out;
		ctx_title(&c, N_("Withdraw this submission?"));
		tv_str(c.view, "case_title", sv.s.title[0] ? sv.s.title :
		    ctx_tr(&c, N_("(untitled)")));
		tv_int(c.view, "id", id);
		hc_call(&c, tv_child(c.view, "call"), &sv.call);
		ctx_render(&c, 200, "submission_withdraw");
		goto out;
	}
	r = submission_withdraw(&c.dc, id);
	ctx_done(&c, r, FLASH_WITHDRAWN, arena_printf(c.dc.a,
	    "/submissions/%lld", (long long)id));
out:
	return (ctx_end(&c));
}

int
page_submission_reopen(struct http_request *req)
{
	struct ctx	c;
	enum result	r;
	int64_t		id;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_USER, "/submissions/")) == 0)
		goto out;
	r = submission_reopen(&c.dc, id);
	ctx_done(&c, r, FLASH_REOPENED, arena_printf(c.dc.a,
	    "/submissions/%lld?edit=1", (long long)id));
out:
	return (ctx_end(&c));
}

int
page_submission_file(struct http_request *req)
{
	struct ctx	 c;
	struct file_row	 f;
	enum result	 r;
	int64_t		 id, fid;
	const char	*p;
	char		*disp, *o;
	size_t		 i;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	id = hc_path_id(&c, "/submissions/");
	p = strstr(req->path, "/files/");
	fid = 0;
	if (p != NULL)
		(void)sscanf(p, "/files/%lld", (long long *)&fid);
	if (id == 0 || fid <= 0) {
		ctx_error(&c, 404);
		goto out;
	}
	/* Files of published cases are public when the call says so;
	 * other visitors sign in first. */
	if ((r = submission_file(&c.dc, id, fid, &f)) != RES_OK) {
		if (ctx_require_user(&c))
			ctx_fail(&c, r);
		goto out;
	}
	/* An ASCII-only name in the header; the page shows the full one. */
	disp = arena_strdup(c.dc.a, f.filename);
	for (o = disp, i = 0; disp[i] != '\0'; i++) {
		if ((unsigned char)disp[i] >= 0x20 && (unsigned char)disp[i] <
		    0x7f && disp[i] != '"' && disp[i] != '\\' && disp[i] != ';')
			*o++ = disp[i];
	}
	*o = '\0';
	http_response_header(req, "content-disposition",
	    arena_printf(c.dc.a, "attachment; filename=\"%s\"",
	    *disp ? disp : "attachment"));
	http_response_header(req, "cache-control", "private, no-store");
	ctx_send(&c, 200, f.content_type, f.data, (size_t)f.size);
out:
	return (ctx_end(&c));
}
