/*
 * h_review.c: the reviewer's pages: assigned cases, expertise, conflict
 * declarations, one case with the review form (rubric scores, comments),
 * the others' reviews once one's own is submitted, and the discussion.
 * The domain decides what is visible; a conflicted reviewer gets 404.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/call.h"
#include "domain/fairness.h"
#include "domain/policy.h"
#include "domain/review.h"
#include "domain/taxonomy.h"
#include "domain/assign.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/keypager.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_review(struct http_request *);
int	page_review_expertise(struct http_request *);
int	page_review_conflicts(struct http_request *);
int	page_review_case(struct http_request *);
int	page_review_discuss(struct http_request *);

static void	case_page(struct ctx *, int, const struct review_case *,
		    const struct form_errors *, const int64_t *);
static void	expertise_view(struct ctx *, const struct person_row *);

static const char *const review_fields[] = {
	"to_submitter", "confidential", "scores", NULL
};
static const char *const expertise_fields[] = {
	"organisation", "principles", "regions", "languages", NULL
};
static const char *const langs[] = {
	"en", "fr", "es", "ar", "zh", "ru", "ko", "ja", "de", "pt", "hi",
	"id", "sw", "tr", NULL
};

int
page_review(struct http_request *req)
{
	static const char *const progress_labels[] = {
		[REVIEW_NOT_STARTED] = N_("Not started"),
		[REVIEW_DRAFT] = N_("Draft saved"),
		[REVIEW_SUBMITTED] = N_("Submitted"),
	};
	struct ctx		 c;
	struct keypage		 pg;
	struct review_assigned	*rows;
	struct call_row		*calls;
	struct tv		*list, *item;
	size_t			 n, nc, i, k;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_USER))
		goto out;
	keypager_read(&c, &pg);
	if (!ctx_ok(&c, review_assignments(&c.dc, &pg, &rows, &n)) ||
	    !ctx_ok(&c, call_list(&c.dc, i18n_code(c.lang), &calls, &nc)))
		goto out;
	ctx_title(&c, N_("Cases to review"));
	list = tv_list(c.view, "cases");
	for (i = 0; i < n; i++) {
		item = tv_push_map(list);
		tv_int(item, "id", rows[i].s.id);
		tv_str(item, "title", rows[i].s.title);
		tv_str(item, "state_label", hc_state(&c, rows[i].s.state));
		tv_str(item, "progress", ctx_tr(&c,
		    progress_labels[rows[i].progress]));
		tv_bool(item, "to_do", rows[i].progress != REVIEW_SUBMITTED);
		for (k = 0; k < nc && calls[k].id != rows[i].s.call_id; k++)
			;
		if (k < nc)
			tv_str(item, "call", calls[k].title);
	}
	keypager_view(&c, "/review", NULL, &pg);
	list = tv_list(c.view, "calls");
	for (i = 0; i < nc; i++) {
		item = tv_push_map(list);
		tv_int(item, "id", calls[i].id);
		tv_str(item, "title", calls[i].title);
	}
	ctx_render(&c, 200, "review_home");
out:
	return (ctx_end(&c));
}

static void
expertise_view(struct ctx *c, const struct person_row *p)
{
	struct tv		*list, *item;
	size_t			 i;
	char			 name[128];

	tv_int(c->view, "user_id", p->id);
	tv_str(c->view, "person", p->display_name);
	tv_str(tv_child(c->view, "form"), "organisation", p->organisation);
	hc_taxonomy(c, c->view, "principles", TAX_PRINCIPLE, "checked",
	    p->principles);
	list = tv_list(c->view, "regions");
	for (i = 0; fairness_regions[i] != NULL; i++) {
		item = tv_push_map(list);
		tv_str(item, "slug", fairness_regions[i]);
		tv_str(item, "name", ctx_tr(c,
		    fairness_region_label(fairness_regions[i])));
		tv_bool(item, "checked", assign_list_has(p->regions,
		    fairness_regions[i]));
	}
	list = tv_list(c->view, "langs");
	for (i = 0; langs[i] != NULL; i++) {
		if (i18n_language_name(c->lang, langs[i], name, sizeof(name))
		    != 0)
			continue;
		item = tv_push_map(list);
		tv_str(item, "code", langs[i]);
		tv_str(item, "name", arena_strdup(c->dc.a, name));
		tv_bool(item, "checked", assign_list_has(p->languages,
		    langs[i]));
	}
}

int
page_review_expertise(struct http_request *req)
{
	struct ctx		c;
	struct person_row	p;
	enum result		r;
	int64_t			uid;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	uid = ctx_param_int(&c, "user", 1, INT64_MAX, c.user->id);
	if (!ctx_ok(&c, review_expertise(&c.dc, uid, &p)))
		goto out;
	ctx_title(&c, N_("Expertise"));
	if (c.is_post) {
		/* As typed, for the form again if it has errors. */
		p.organisation = (char *)(ctx_param(&c, "organisation") ?
		    ctx_param(&c, "organisation") : "");
		p.principles = hc_join(&c, "principle", REVIEW_MAX_PRINCIPLES);
		p.regions = hc_join(&c, "region", REVIEW_MAX_REGIONS);
		p.languages = hc_join(&c, "language", REVIEW_MAX_LANGUAGES);
		r = review_expertise_save(&c.dc, uid, p.organisation,
		    p.principles, p.regions, p.languages, &c.fe);
		if (r == RES_OK) {
			ctx_flash(&c, FLASH_EXPERTISE_SAVED);
			ctx_redirect(&c, uid == c.user->id ? "/review" :
			    arena_printf(c.dc.a, "/review/expertise?user=%lld",
			    (long long)uid));
			goto out;
		}
		if (r != RES_INVALID) {
			ctx_fail(&c, r);
			goto out;
		}
	}
	ctx_form(&c, &c.fe, expertise_fields);
	expertise_view(&c, &p);
	ctx_render(&c, c.fe.n > 0 ? 400 : 200, "review_expertise");
out:
	return (ctx_end(&c));
}

int
page_review_conflicts(struct http_request *req)
{
	struct ctx		 c;
	struct call		 call;
	struct submission_row		*rows;
	struct declared_row	*mine;
	struct tv		*list, *item;
	size_t			 n, nmine, i;
	enum result		 r;
	int64_t			 call_id, sid;
	int			 undo;

	ctx_begin(&c, req);
	if ((call_id = gate_id(&c, CTX_GET | CTX_POST, GATE_USER,
	    "/review/calls/")) == 0)
		goto out;
	if (c.is_post) {
		sid = ctx_param_int(&c, "submission_id", 1, INT64_MAX, 0);
		undo = ctx_param(&c, "op") != NULL &&
		    strcmp(ctx_param(&c, "op"), "undo") == 0;
		r = undo ? review_conflict_undo(&c.dc, sid) :
		    review_conflict_declare(&c.dc, sid,
		    ctx_param(&c, "reason"));
		ctx_done(&c, r, undo ? FLASH_CONFLICT_REMOVED :
		    FLASH_CONFLICT_DECLARED, arena_printf(c.dc.a,
		    "/review/calls/%lld/conflicts", (long long)call_id));
		goto out;
	}
	if (!ctx_ok(&c, call_get(&c.dc, call_id, i18n_code(c.lang), &call)) ||
	    !ctx_ok(&c, review_candidates(&c.dc, call_id, &rows, &n)) ||
	    !ctx_ok(&c, review_conflicts_mine(&c.dc, call_id, &mine, &nmine)))
		goto out;
	ctx_title(&c, N_("Declare conflicts of interest"));
	hc_call(&c, tv_child(c.view, "call"), &call);
	list = tv_list(c.view, "cases");
	for (i = 0; i < n; i++) {
		item = tv_push_map(list);
		hc_case(&c, item, &rows[i]);
	}
	/* Nobody's organisation is known in a double-blind call. */
	tv_bool(c.view, "show_organisation", !call_is_double_blind(&call.r));
	list = tv_list(c.view, "mine");
	for (i = 0; i < nmine; i++) {
		item = tv_push_map(list);
		tv_int(item, "id", mine[i].submission_id);
		tv_int(item, "call_id", call_id);
		tv_str(item, "at", hc_date(&c, mine[i].created_at));
		tv_str(item, "reason", mine[i].reason[0] ? mine[i].reason :
		    ctx_tr(&c, N_("(no reason given)")));
	}
	ctx_render(&c, 200, "review_conflicts");
out:
	return (ctx_end(&c));
}

void
hc_reviews(struct ctx *c, struct tv *m, const struct review_case *rc,
    int chair)
{
	struct tv	*list, *item, *sl, *si;
	size_t		 i, k, j;
	int		 shown = 0;

	tv_bool(m, "see_others", rc->see_others);
	list = tv_list(m, "reviews");
	for (i = 0; i < rc->nreviews; i++) {
		if (!chair && strcmp(rc->reviews[i].state, "submitted") != 0)
			continue;
		item = tv_push_map(list);
		shown++;
		tv_int(item, "n", shown);
		tv_str(item, "name", rc->reviews[i].display_name);
		if (rc->review_alias != NULL && rc->review_alias[i] != NULL)
			tv_str(item, "alias", rc->review_alias[i]);
		tv_bool(item, "mine", rc->reviews[i].user_id == c->user->id);
		tv_bool(item, "draft", strcmp(rc->reviews[i].state,
		    "submitted") != 0);
		tv_str(item, "to_submitter", rc->reviews[i].to_submitter);
		tv_str(item, "confidential", rc->reviews[i].confidential);
		sl = tv_list(item, "scores");
		for (k = 0; k < rc->v.call.ncrit; k++) {
			si = tv_push_map(sl);
			tv_str(si, "name", ctx_tr(c, rc->v.call.crit[k].name));
			tv_str(si, "score", "–");
			for (j = 0; j < rc->nscores; j++) {
				if (rc->scores[j].review_id ==
				    rc->reviews[i].id &&
				    rc->scores[j].criterion_id ==
				    rc->v.call.crit[k].id)
					tv_str(si, "score", arena_printf(
					    c->dc.a, "%lld",
					    (long long)rc->scores[j].score));
			}
		}
	}
	list = tv_list(m, "posts");
	for (i = 0; i < rc->nposts; i++) {
		item = tv_push_map(list);
		tv_str(item, "name", rc->posts[i].display_name);
		if (rc->post_alias != NULL && rc->post_alias[i] != NULL)
			tv_str(item, "alias", rc->post_alias[i]);
		tv_str(item, "body", rc->posts[i].body);
		tv_str(item, "at", hc_date(c, rc->posts[i].created_at));
	}
}

static void
case_page(struct ctx *c, int status, const struct review_case *rc,
    const struct form_errors *fe, const int64_t *posted)
{
	struct tv	*m, *rub, *item, *opts, *o;
	size_t		 i;
	int		 k;
	int64_t		 cur;

	tv_str(c->view, "title", rc->v.s.title);
	m = tv_child(c->view, "case");
	hc_case(c, m, &rc->v.s);
	tv_bool(c->view, "blind", rc->v.blind);
	hc_call(c, tv_child(c->view, "call"), &rc->v.call);
	ctx_form(c, fe, review_fields);
	if (posted == NULL) {
		tv_str((struct tv *)tv_get(c->view, "form"), "to_submitter",
		    rc->have_mine ? rc->mine.to_submitter : "");
		tv_str((struct tv *)tv_get(c->view, "form"), "confidential",
		    rc->have_mine ? rc->mine.confidential : "");
	}
	tv_bool(c->view, "can_edit", rc->can_edit);
	tv_bool(c->view, "submitted", rc->have_mine &&
	    strcmp(rc->mine.state, "submitted") == 0);
	rub = tv_list(c->view, "rubric");
	for (i = 0; i < rc->v.call.ncrit; i++) {
		item = tv_push_map(rub);
		tv_int(item, "index", (int64_t)i);
		tv_str(item, "name", ctx_tr(c, rc->v.call.crit[i].name));
		tv_str(item, "description", ctx_tr(c,
		    rc->v.call.crit[i].description));
		cur = posted != NULL ? posted[i] : rc->my_scores[i];
		opts = tv_list(item, "options");
		for (k = 0; k < CRIT_NANCHORS; k++) {
			o = tv_push_map(opts);
			tv_int(o, "score", k + 1);
			tv_str(o, "text", ctx_tr(c,
			    rc->v.call.crit[i].anchor[k]));
			tv_bool(o, "checked", cur == k + 1);
		}
	}
	hc_files_view(c, c->view, &rc->v);
	hc_reviews(c, c->view, rc, 0);
	ctx_render(c, status, "review_case");
}

int
page_review_case(struct http_request *req)
{
	struct ctx		c;
	struct review_case	rc;
	enum result		r;
	int64_t			id, *scores;
	char			name[16];
	size_t			i;
	const char		*act;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_GET | CTX_POST, GATE_USER,
	    "/review/cases/")) == 0)
		goto out;
	if (!ctx_ok(&c, review_case(&c.dc, id, i18n_code(c.lang), &rc)))
		goto out;
	if (!c.is_post) {
		case_page(&c, 200, &rc, NULL, NULL);
		goto out;
	}
	/* One score per criterion of this call, sized from it. */
	scores = arena_alloc(c.dc.a, (rc.v.call.ncrit + 1) * sizeof(*scores));
	for (i = 0; i < rc.v.call.ncrit; i++) {
		(void)snprintf(name, sizeof(name), "score_%zu", i);
		scores[i] = ctx_param_int(&c, name, 1, 5, 0);
	}
	act = ctx_param(&c, "action");
	r = review_save(&c.dc, id, scores, rc.v.call.ncrit,
	    ctx_param(&c, "to_submitter"), ctx_param(&c, "confidential"),
	    act != NULL && strcmp(act, "submit") == 0, &c.fe);
	if (r == RES_INVALID) {
		case_page(&c, 400, &rc, &c.fe, scores);
		goto out;
	}
	ctx_done(&c, r, act != NULL && strcmp(act, "submit") == 0 ?
	    FLASH_REVIEW_SUBMITTED : FLASH_REVIEW_DRAFT_SAVED,
	    arena_printf(c.dc.a, "/review/cases/%lld", (long long)id));
out:
	return (ctx_end(&c));
}

int
page_review_discuss(struct http_request *req)
{
	struct ctx		c;
	enum result		r;
	int64_t			id;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_USER, "/review/cases/")) == 0)
		goto out;
	r = review_post(&c.dc, id, ctx_param(&c, "body"), &c.fe);
	ctx_done(&c, r, FLASH_NONE, arena_printf(c.dc.a, policy_can(c.user,
	    ACT_CALL_CHAIR) ? "/chair/cases/%lld#discussion" :
	    "/review/cases/%lld#discussion", (long long)id));
out:
	return (ctx_end(&c));
}
