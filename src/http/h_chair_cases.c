/*
 * h_chair_cases.c: the cases of a call as a chair sees them: the list
 * (filtered by state, paged), one case (assignments, conflicts, reviews,
 * discussion, decision, submitted versions, history) and moving a case
 * between states.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/publish.h"
#include "domain/review.h"
#include "domain/taxonomy.h"
#include "domain/workflow.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/h_chair.h"
#include "http/keypager.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_chair_cases(struct http_request *);
int	page_chair_case(struct http_request *);
int	page_chair_state(struct http_request *);

static char	*mean_str(struct ctx *, int64_t);
static const char *snap_display(struct ctx *, const char *, const char *);
static void	versions_view(struct ctx *,
		    const struct chair_submission_view *);

static char *
mean_str(struct ctx *c, int64_t m10)
{
	if (m10 < 0)
		return ("–");
	return (arena_printf(c->dc.a, "%lld.%lld", (long long)m10 / 10,
	    (long long)m10 % 10));
}

int
page_chair_cases(struct http_request *req)
{
	struct ctx		 c;
	struct call		 call;
	struct chair_page	 pg;
	struct chair_submission	*cases;
	const struct submission_row	*s;
	struct tv		*list, *item;
	size_t			 n, i;
	int64_t			 id, ver;
	const char		*l, *filter[3];
	char			 name[128];

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_GET, GATE_CHAIR, "/chair/calls/")) == 0)
		goto out;
	/* Kept per viewer until the call's data version moves (read only
	 * when pages are kept: one round trip less when not). */
	if (ctx_keeping() && (!ctx_ok(&c, call_cases_version(&c.dc, id,
	    &ver)) || ctx_cached_user(&c, arena_printf(c.dc.a,
	    "chair-cases %lld", (long long)id), ver)))
		goto out;
	if (!chair_call_load(&c, id, &call))
		goto out;
	if (c.dc.now < call.r.closes_at)
		ctx_cache_until(&c, c.dc.now < call.r.opens_at ?
		    call.r.opens_at : call.r.closes_at);
	memset(&pg, 0, sizeof(pg));
	pg.state = ctx_param(&c, "state");
	keypager_read(&c, &pg.k);
	if (!ctx_ok(&c, call_cases(&c.dc, id, &pg, &cases, &n)))
		goto out;
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
	hc_refs(&c, c.view, "decisions", call_decisions, "selected", NULL);
	tv_str(c.view, "done", ctx_param(&c, "done"));
	tv_str(c.view, "added", ctx_param(&c, "added"));
	tv_str(c.view, "short", ctx_param(&c, "short"));
	tv_str(c.view, "found", ctx_param(&c, "found"));
	ctx_render(&c, 200, "chair_submissions");
out:
	return (ctx_end(&c));
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
versions_view(struct ctx *c, const struct chair_submission_view *cv)
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
			tv_str(f, "label", ctx_tr(c,
			    submission_fields[k].label));
			tv_str(f, "value", snap_display(c,
			    submission_fields[k].slug,
			    vals[i * SUB_SNAP_NFIELDS + k]));
			if (i + 1 < cv->nversions && strcmp(vals[i *
			    SUB_SNAP_NFIELDS + k], vals[(i + 1) *
			    SUB_SNAP_NFIELDS + k]) != 0) {
				nchanged++;
				tv_bool(f, "changed", 1);
				tv_str(f, "before", snap_display(c,
				    submission_fields[k].slug,
				    vals[(i + 1) * SUB_SNAP_NFIELDS + k]));
			}
		}
		tv_int(item, "nchanged", (int64_t)nchanged);
	}
}

int
page_chair_case(struct http_request *req)
{
	struct ctx		 c;
	struct chair_submission_view	 cv;
	struct history_row	*hist;
	struct tv		*list, *item;
	const struct wf_rule	*moves[WF_NSTATES];
	size_t			 i, k, nm;
	int64_t			 id;
	int			 st;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_GET, GATE_CHAIR, "/chair/cases/")) == 0)
		goto out;
	if (!ctx_ok(&c, call_case(&c.dc, id, i18n_code(c.lang), &cv)))
		goto out;
	tv_str(c.view, "title", cv.rc.v.s.title);
	hc_case(&c, tv_child(c.view, "case"), &cv.rc.v.s);
	hc_call(&c, tv_child(c.view, "call"), &cv.rc.v.call);
	hc_files_view(&c, c.view, &cv.rc.v);
	hc_reviews(&c, c.view, &cv.rc, 1);
	list = tv_list(c.view, "assigned");
	for (i = 0; i < cv.nassigned; i++) {
		item = tv_push_map(list);
		tv_fields(item, &cv.assigned[i], chair_person_fields);
		st = cv.assigned[i].status[0] == '\0' ? 0 :
		    strcmp(cv.assigned[i].status, "submitted") == 0 ? 2 : 1;
		tv_str(item, "review", ctx_tr(&c, st == 0 ? N_("not started") :
		    st == 2 ? N_("submitted") : N_("draft")));
	}
	list = tv_list(c.view, "conflicts");
	for (i = 0; i < cv.nconflicts; i++) {
		item = tv_push_map(list);
		tv_fields(item, &cv.conflicts[i], chair_person_fields);
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
		tv_fields(tv_push_map(list), &cv.reviewers[i],
		    chair_person_fields);
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
	hc_refs(&c, c.view, "decisions", call_decisions, "selected",
	    cv.rc.v.s.decision);
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
	ctx_render(&c, 200, "chair_submission");
out:
	return (ctx_end(&c));
}

int
page_chair_state(struct http_request *req)
{
	struct ctx		 c;
	enum result		 r;
	int64_t			 id;
	const char		*to, *slug = NULL;

	ctx_begin(&c, req);
	if ((id = gate_id(&c, CTX_POST, GATE_CHAIR, "/chair/cases/")) == 0)
		goto out;
	to = ctx_param(&c, "to");
	r = submission_move(&c.dc, id, to, ctx_param(&c, "reason"), &c.fe,
	    &slug);
	if (r == RES_INVALID && c.fe.n > 0) {
		ctx_title(&c, to != NULL && strcmp(to, "published") == 0 ?
		    N_("The case was not published") :
		    N_("The case was not moved"));
		tv_str(c.view, "message", ctx_tr(&c, c.fe.msgid[0]));
		ctx_render(&c, 400, "message");
		goto out;
	}
	if (!ctx_ok(&c, r))
		goto out;
	/* A move to "decided" that is not a decision is an unpublish. */
	ctx_flash(&c, slug != NULL ? FLASH_CASE_PUBLISHED :
	    strcmp(to, "decided") == 0 ? FLASH_CASE_UNPUBLISHED :
	    FLASH_CASE_MOVED);
	ctx_redirect(&c, slug != NULL ? arena_printf(c.dc.a, "/cases/%s",
	    slug) : arena_printf(c.dc.a, "/chair/cases/%lld", (long long)id));
out:
	return (ctx_end(&c));
}
