/*
 * submission_decide.c: the chair's moves on cases (see submission.h):
 * decisions with their mail, workflow transitions, and publication for
 * the case library. Each checks policy, the visibility rule (a conflicted
 * chair cannot act on a case) and the workflow table, whose row also
 * says what the move does; the move and its library change are one
 * transaction.
 */
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/cases.h"
#include "domain/call.h"
#include "domain/mail.h"
#include "domain/policy.h"
#include "domain/publish.h"
#include "domain/submission.h"
#include "domain/validate.h"
#include "domain/workflow.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

static enum result	chair_load(struct dctx *, int64_t, struct submission_row *,
			    struct call_row *, struct wf_facts *, int *roles);
static int		decision_mail(struct dctx *, const struct submission_row *,
			    const char *, const char *);
static int		reviewed(struct dctx *, int64_t);
static int		may_decide(int, int, const struct wf_facts *);

/* Loads case id for a chair action: RES_NOT_FOUND unless SA_CHAIR. */
static enum result
chair_load(struct dctx *dc, int64_t id, struct submission_row *s,
    struct call_row *c, struct wf_facts *wf, int *roles)
{
	struct viewer	v;
	enum result	res;

	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if ((res = submission_load(dc, id, SA_CHAIR, s, c, &v, wf)) != RES_OK)
		return (res);
	*roles = submission_roles(&v, s);
	return (RES_OK);
}

static int
decision_mail(struct dctx *dc, const struct submission_row *s, const char *decision,
    const char *reason)
{
	const struct i18n_lang	*l;
	const char		*subject, *body, *keys[5], *vals[5];

	l = mail_lang(s->submitter_lang, NULL);
	call_decision_mail(dc, s->call_id, i18n_code(l), decision, &subject,
	    &body);
	keys[0] = "name"; vals[0] = s->submitter_name;
	keys[1] = "title"; vals[1] = s->title;
	keys[2] = "decision";
	vals[2] = i18n_gettext(l, call_ref_label(call_decisions, decision));
	keys[3] = "reason"; vals[3] = reason;
	keys[4] = "link";
	vals[4] = arena_printf(dc->a, "%s/submissions/%lld", dc->public_url,
	    (long long)s->id);
	return (mail_queue(dc, s->submitter_email, l, subject, body, keys,
	    vals, 5));
}

/* Whether some reviewer submitted a review of case id: 1, 0, -1. */
static int
reviewed(struct dctx *dc, int64_t id)
{
	struct review_row	*rv;
	size_t			 n, i;

	if (store_reviews_for_submission(dc->db, dc->a, id, &rv, &n) != STORE_OK)
		return (-1);
	for (i = 0; i < n; i++) {
		if (strcmp(rv[i].state, "submitted") == 0)
			return (1);
	}
	return (0);
}

/* Whether the table lets roles decide case s (in state st). */
static int
may_decide(int st, int roles, const struct wf_facts *wf)
{
	return (st >= 0 && workflow_action(st, WF_DECIDED) == WF_DECIDE &&
	    workflow_check(st, WF_DECIDED, roles, wf) == RES_OK);
}

enum result
submission_decide(struct dctx *dc, const int64_t *ids, size_t n,
    const char *decision, const char *reason, int confirmed,
    struct form_errors *fe, size_t *done)
{
	struct submission_row	 s;
	struct call_row	 c;
	struct wf_facts	 wf;
	char		*why;
	size_t		 i, visible = 0;
	int		 roles, st, rv;

	*done = 0;
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (decision == NULL || *decision == '\0')
		form_error(fe, "decision", N_("Choose a decision: none was "
		    "chosen, so nothing was recorded."));
	else if (call_ref_label(call_decisions, decision) == NULL)
		form_error(fe, "decision", N_("Choose one of the options."));
	why = str_trim(dc->a, reason != NULL ? reason : "");
	if (check_required(fe, "reason", why) && utf8_chars(why) > 5000)
		form_error(fe, "reason", N_("Use at most 5000 characters."));
	if (n == 0)
		form_error(fe, "ids", N_("Choose at least one case."));
	else if (n > SUB_MAX_DECIDE)
		form_error(fe, "ids",
		    N_("Too many choices for this field; choose fewer."));
	if (fe->n > 0)
		return (RES_INVALID);
	for (i = 0; !confirmed && i < n; i++) {
		if (chair_load(dc, ids[i], &s, &c, &wf, &roles) != RES_OK ||
		    !may_decide(workflow_parse(s.state), roles, &wf))
			continue;
		if ((rv = reviewed(dc, s.id)) == -1)
			return (RES_INTERNAL);
		if (rv == 0) {
			form_error(fe, "confirm", N_("No reviewer has "
			    "submitted a review of this case yet. Record the "
			    "decision anyway?"));
			return (RES_INVALID);
		}
	}
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < n; i++) {
		if (chair_load(dc, ids[i], &s, &c, &wf, &roles) != RES_OK)
			continue;
		visible++;
		st = workflow_parse(s.state);
		if (!may_decide(st, roles, &wf))
			continue;
		if (store_sub_set_decision(dc->db, s.id, decision, why,
		    dc->now) != STORE_OK || (st != WF_DECIDED &&
		    store_sub_set_state(dc->db, s.id, "decided", 0, dc->now)
		    != STORE_OK) || audit_log(dc, 0, "submission.decide",
		    "submission", s.id, arena_printf(dc->a, "%s -> decided: %s",
		    s.state, decision)) == -1 ||
		    decision_mail(dc, &s, decision, why) == -1)
			return (dctx_abort(dc, RES_INTERNAL));
		(*done)++;
	}
	if (*done == 0)
		return (dctx_abort(dc, visible == 0 ? RES_NOT_FOUND : RES_CONFLICT));
	return (dctx_commit(dc));
}

enum result
submission_move(struct dctx *dc, int64_t id, const char *to,
    const char *reason, struct form_errors *fe, const char **slug)
{
	struct submission_row		 s;
	struct call_row		 c;
	struct wf_facts		 wf;
	struct case_input	 in;
	enum result		 res;
	const char		*why = "", *what;
	int			 roles, st, dst, act;

	if (slug != NULL)
		*slug = NULL;
	if ((res = chair_load(dc, id, &s, &c, &wf, &roles)) != RES_OK)
		return (res);
	st = workflow_parse(s.state);
	if ((dst = workflow_parse(to != NULL ? to : "")) < 0 || st < 0)
		return (RES_INVALID);
	if ((act = workflow_action(st, dst)) == WF_DECIDE)
		return (RES_INVALID);	/* submission_decide() */
	if ((res = workflow_check(st, dst, roles, &wf)) != RES_OK)
		return (res);
	if (act == WF_PUBLISH && (res = publish_input(dc, id, &in)) != RES_OK)
		return (res);
	if (act == WF_UNPUBLISH) {
		why = str_trim(dc->a, reason != NULL ? reason : "");
		if (!check_required(fe, "reason", why))
			return (RES_INVALID);
	}
	what = act == WF_PUBLISH ? "submission.publish" :
	    act == WF_UNPUBLISH ? "submission.unpublish" : "submission.state";
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_sub_set_state(dc->db, id, workflow_name(dst), 0, dc->now)
	    != STORE_OK || audit_log(dc, 0, what, "submission", id,
	    arena_printf(dc->a, "%s -> %s", s.state, workflow_name(dst)))
	    == -1) {
		res = RES_INTERNAL;
		goto fail;
	}
	if (act == WF_PUBLISH)
		res = case_publish_tx(dc, &in, fe, slug);
	else if (act == WF_UNPUBLISH)
		res = case_unpublish_tx(dc, publish_slug(dc, id, s.title), why);
	if (res != RES_OK)
		goto fail;
	return (dctx_commit(dc));
fail:
	(void)store_rollback(dc->db);
	if (slug != NULL)
		*slug = NULL;
	return (res);
}

int
submission_can_move(struct dctx *dc, int64_t id, const char *to)
{
	struct submission_row	 s;
	struct call_row	 c;
	struct wf_facts	 wf;
	int		 roles, st, dst;

	if (chair_load(dc, id, &s, &c, &wf, &roles) != RES_OK)
		return (0);
	st = workflow_parse(s.state);
	dst = workflow_parse(to != NULL ? to : "");
	return (st >= 0 && dst >= 0 && workflow_check(st, dst, roles, &wf) ==
	    RES_OK);
}
