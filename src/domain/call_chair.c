/*
 * call_chair.c: chairs' reads of a call (see call_chair.h). Every case
 * list is filtered with submission_access(); the case list is paged by
 * id (domain/keypage.c), each page one range of an index whose rows
 * carry the assignment and score counts the submission keeps and the
 * chair's own conflict and assignment, never one query per case; the audit trail is paged the same way, what the chair
 * may not see left out by its query; the export reads scores in one query
 * per call.
 */
#include <stdio.h>
#include <string.h>

#include "domain/call.h"
#include "domain/call_chair.h"
#include "domain/csv.h"
#include "domain/policy.h"
#include "domain/workflow.h"
#include "lib/buf.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

static enum result	visible_cases(struct dctx *, int64_t,
			    struct submission_row **, size_t *);
static int64_t		case_key(const void *);
static int64_t		audit_key(const void *);

/* The call's cases the acting chair may see. */
static enum result
visible_cases(struct dctx *dc, int64_t call_id, struct submission_row **rows,
    size_t *n)
{
	struct submission_row	*all;
	struct viewer	 v;
	size_t		 nall, i;

	*n = 0;
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (viewer_cases(dc, call_id, &v, &all, &nall) != RES_OK)
		return (RES_INTERNAL);
	*rows = arena_alloc(dc->a, (nall + 1) * sizeof(**rows));
	for (i = 0; i < nall; i++) {
		if (submission_access(&v, &all[i]) == SA_CHAIR)
			(*rows)[(*n)++] = all[i];
	}
	return (RES_OK);
}

static int64_t
case_key(const void *p)
{
	return (((const struct chair_submission *)p)->s.id);
}

enum result
call_cases(struct dctx *dc, int64_t call_id, struct chair_page *pg,
    struct chair_submission **out, size_t *n)
{
	struct call		 c;
	struct viewer		 v;
	struct pair_row		 pairs[2];
	struct submission_listed	*rows;
	struct chair_submission	*cc;
	size_t			 nr, i, want = CHAIR_PAGE + 1;
	int64_t			 cur;
	enum result		 r;

	*n = 0;
	*out = NULL;
	pg->k.prev = pg->k.next = 0;
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	/* The call (from the call cache, as the page shows it); what the
	 * chair may see comes with each row (conflict, assignment), so a
	 * page of the list is one query. */
	if ((r = call_get(dc, call_id, NULL, &c)) != RES_OK)
		return (r);
	*out = cc = arena_alloc(dc->a, want * sizeof(*cc));
	if (pg->state != NULL && *pg->state != '\0' &&
	    workflow_parse(pg->state) < 0)
		return (RES_OK);
again:
	*n = 0;
	cur = keypage_cursor(&pg->k);
	/* Rows the chair may not see are skipped: read on until the page
	 * and one more are found or the call ends. */
	for (;;) {
		if (store_sub_page_call(dc->db, dc->a, call_id, dc->user->id,
		    pg->state, cur, want, &rows, &nr) != STORE_OK)
			return (RES_INTERNAL);
		for (i = 0; i < nr && *n < want; i++) {
			cur = cur < 0 ? -rows[i].s.id : rows[i].s.id;
			viewer_of_case(dc, call_id, rows[i].s.id,
			    rows[i].conflicted, rows[i].assigned, &v, pairs);
			if (submission_access(&v, &rows[i].s) != SA_CHAIR)
				continue;
			cc[*n].s = rows[i].s;
			cc[*n].nassigned = (size_t)rows[i].nassigned;
			cc[*n].mean10 = rows[i].score_n > 0 ?
			    (rows[i].score_sum * 10 + rows[i].score_n / 2) /
			    rows[i].score_n : -1;
			(*n)++;
		}
		if (nr < want || *n == want)
			break;
	}
	if (keypage_done(&pg->k, cc, sizeof(*cc), n, CHAIR_PAGE, case_key))
		goto again;
	return (RES_OK);
}

enum result
call_cases_version(struct dctx *dc, int64_t call_id, int64_t *version)
{
	int	rc;

	*version = CACHE_NO_VERSION;
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	rc = store_call_data_version(dc->db, call_id, version);
	if (rc == STORE_OK)
		return (RES_OK);
	*version = CACHE_NO_VERSION;
	return (rc == STORE_NOT_FOUND ? RES_OK : RES_INTERNAL);
}

enum result
call_case(struct dctx *dc, int64_t submission_id, const char *lang,
    struct chair_submission_view *cv)
{
	enum result	res;

	memset(cv, 0, sizeof(*cv));
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if ((res = review_case(dc, submission_id, lang, &cv->rc)) != RES_OK)
		return (res);
	if (cv->rc.v.access != SA_CHAIR)
		return (RES_NOT_FOUND);
	if (store_assign_for_submission(dc->db, dc->a, submission_id, &cv->assigned,
	    &cv->nassigned) != STORE_OK || store_conflicts_for_submission(dc->db,
	    dc->a, submission_id, &cv->conflicts, &cv->nconflicts) != STORE_OK ||
	    store_reviewers_in_call(dc->db, dc->a, cv->rc.v.s.call_id,
	    &cv->reviewers, &cv->nreviewers) != STORE_OK ||
	    store_sub_audit(dc->db, dc->a, submission_id, &cv->audit, &cv->naudit)
	    != STORE_OK || store_sub_versions(dc->db, dc->a, submission_id,
	    &cv->versions, &cv->nversions) != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

static const struct {
	const char	*action;
	const char	*msgid;
} history_words[] = {
	{ "assign.add",		N_("Reviewer assigned") },
	{ "assign.remove",	N_("Reviewer removed") },
	{ "conflict.declare",	N_("Conflict of interest declared") },
	{ "conflict.propose",	N_("Possible conflict of interest found") },
	{ "conflict.set",	N_("Conflict of interest reviewed by a chair") },
	{ "conflict.undo",	N_("Conflict of interest declaration taken "
				    "back") },
	{ "review.save",	N_("Review draft saved") },
	{ "review.submit",	N_("Review submitted") },
	{ "submission.create",	N_("Draft started") },
	{ "submission.save",	N_("Draft saved") },
	{ "submission.submit",	N_("Submitted") },
	{ "submission.update",	N_("Submission changed") },
	{ "submission.withdraw", N_("Withdrawn") },
	{ "submission.reopen",	N_("Reopened as a draft") },
	{ "submission.state",	N_("State changed") },
	{ "submission.decide",	N_("Decision recorded") },
	{ "submission.publish",	N_("Published in the library") },
	{ "submission.unpublish", N_("Taken out of the library") },
	{ "case.unpublish",	N_("Taken out of the library") },
};

/* The name of user id among the case's people, or NULL. */
static const char *
history_name(const struct chair_submission_view *cv, int64_t id)
{
	size_t	i;

	for (i = 0; i < cv->nreviewers; i++)
		if (cv->reviewers[i].id == id)
			return (cv->reviewers[i].display_name);
	for (i = 0; i < cv->nassigned; i++)
		if (cv->assigned[i].id == id)
			return (cv->assigned[i].display_name);
	for (i = 0; i < cv->nconflicts; i++)
		if (cv->conflicts[i].id == id)
			return (cv->conflicts[i].display_name);
	return (NULL);
}

/* "a -> b" into two state label msgids. */
static void
history_states(const char *d, struct history_row *h)
{
	const char	*arrow;
	char		 from[32];
	size_t		 n;
	int		 a, b;

	if ((arrow = strstr(d, " -> ")) == NULL ||
	    (n = (size_t)(arrow - d)) >= sizeof(from))
		return;
	memcpy(from, d, n);
	from[n] = '\0';
	a = workflow_parse(from);
	b = workflow_parse(arrow + 4);
	if (a >= 0 && b >= 0) {
		h->from = workflow_label(a);
		h->to = workflow_label(b);
	}
}

void
call_case_history(struct dctx *dc, const struct chair_submission_view *cv,
    struct history_row **out)
{
	const struct audit_row	*r;
	struct history_row	*h;
	const char		*d, *colon;
	long long		 id;
	size_t			 i, k;
	char			 st[32];

	*out = arena_alloc(dc->a, (cv->naudit + 1) * sizeof(**out));
	for (i = 0; i < cv->naudit; i++) {
		r = &cv->audit[i];
		h = &(*out)[i];
		memset(h, 0, sizeof(*h));
		h->at = r->at;
		h->actor = r->actor_id != 0 ? r->actor_name : NULL;
		h->what = r->action;
		for (k = 0; k < sizeof(history_words) /
		    sizeof(history_words[0]); k++)
			if (strcmp(history_words[k].action, r->action) == 0)
				h->what = history_words[k].msgid;
		d = r->detail != NULL ? r->detail : "";
		if (sscanf(d, "user %lld", &id) == 1) {
			h->person = history_name(cv, (int64_t)id);
			h->former = h->person == NULL;
			if (strstr(d, "(automatic)") != NULL)
				h->note = N_("automatically");
			else if (strstr(d, "(manual)") != NULL)
				h->note = N_("by a chair");
			else if (strstr(d, ": confirmed") != NULL)
				h->note = N_("confirmed");
			else if (strstr(d, ": dismissed") != NULL)
				h->note = N_("dismissed");
		} else if (sscanf(d, "version %lld", &id) == 1)
			h->version = (int64_t)id;
		else if (strcmp(r->action, "submission.decide") == 0) {
			/* "under_review -> decided: accepted" */
			if ((colon = strstr(d, ": ")) != NULL) {
				h->note = call_ref_label(call_decisions,
				    colon + 2);
				(void)snprintf(st, sizeof(st), "%.*s",
				    (int)(colon - d), d);
				history_states(st, h);
			}
		} else
			history_states(d, h);
	}
}

/* The sums row of (submission, criterion) in sums, ordered by both
 * (store_score_sums_call), or NULL: a binary search, so that the export
 * stays linear in the cases times their criteria. */
static const struct score_row *
sum_find(const struct score_row *sums, size_t n, int64_t sub, int64_t crit)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sums[mid].review_id < sub || (sums[mid].review_id == sub &&
		    sums[mid].criterion_id < crit))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && sums[lo].review_id == sub &&
	    sums[lo].criterion_id == crit)
		return (&sums[lo]);
	return (NULL);
}

enum result
call_export_csv(struct dctx *dc, int64_t call_id, struct buf *out)
{
	struct call	 c;
	struct submission_row	*subs;
	struct score_row *sums;
	const struct score_row *sum;
	size_t		 ns, nsum, i, k;
	enum result	 res;
	int64_t		 tot, cnt;
	char		 mean[32];

	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if ((res = call_get(dc, call_id, "en", &c)) != RES_OK)
		return (res);
	if ((res = visible_cases(dc, call_id, &subs, &ns)) != RES_OK)
		return (res);
	if (store_score_sums_call(dc->db, dc->a, call_id, &sums, &nsum)
	    != STORE_OK)
		return (RES_INTERNAL);
	csv_begin(out);
	csv_cell(out, "id", 1);
	csv_cell(out, "state", 0);
	csv_cell(out, "version", 0);
	csv_cell(out, "title", 0);
	csv_cell(out, "organisation", 0);
	csv_cell(out, "sector", 0);
	csv_cell(out, "country", 0);
	csv_cell(out, "category", 0);
	csv_cell(out, "tags", 0);
	csv_cell(out, "language", 0);
	csv_cell(out, "decision", 0);
	for (k = 0; k < c.ncrit; k++)
		csv_cell(out, c.crit[k].name, 0);
	csv_cell(out, "mean", 0);
	csv_end(out);
	for (i = 0; i < ns; i++) {
		csv_int(out, subs[i].id, 1);
		csv_cell(out, subs[i].state, 0);
		csv_int(out, subs[i].version, 0);
		csv_cell(out, subs[i].title, 0);
		csv_cell(out, subs[i].organisation, 0);
		csv_cell(out, subs[i].sector, 0);
		csv_cell(out, subs[i].country, 0);
		csv_cell(out, subs[i].category, 0);
		csv_cell(out, subs[i].tags, 0);
		csv_cell(out, subs[i].language, 0);
		csv_cell(out, subs[i].decision, 0);
		tot = cnt = 0;
		for (k = 0; k < c.ncrit; k++) {
			mean[0] = '\0';
			sum = sum_find(sums, nsum, subs[i].id, c.crit[k].id);
			if (sum != NULL && sum->n > 0) {
				(void)snprintf(mean, sizeof(mean), "%.2f",
				    (double)sum->score / (double)sum->n);
				tot += sum->score;
				cnt += sum->n;
			}
			csv_cell(out, mean, 0);
		}
		if (cnt > 0)
			(void)snprintf(mean, sizeof(mean), "%.2f",
			    (double)tot / (double)cnt);
		else
			mean[0] = '\0';
		csv_cell(out, mean, 0);
		csv_end(out);
	}
	return (RES_OK);
}

enum result
call_fairness(struct dctx *dc, int64_t call_id, struct fairness_item **out,
    size_t *n)
{
	struct submission_row	*subs;
	size_t		 ns, i;
	enum result	 res;

	*n = 0;
	if ((res = visible_cases(dc, call_id, &subs, &ns)) != RES_OK)
		return (res);
	*out = arena_alloc(dc->a, (ns + 1) * sizeof(**out));
	for (i = 0; i < ns; i++) {
		if (strcmp(subs[i].state, "withdrawn") == 0)
			continue;
		(*out)[*n].country = subs[i].country;
		(*out)[*n].sector = subs[i].sector;
		(*out)[*n].category = subs[i].category;
		(*out)[*n].language = subs[i].language;
		(*out)[*n].selected = strcmp(subs[i].decision, "excellent")
		    == 0 || strcmp(subs[i].decision, "accepted") == 0;
		(*n)++;
	}
	return (RES_OK);
}

static int64_t
audit_key(const void *p)
{
	return (((const struct audit_row *)p)->id);
}

enum result
call_audit(struct dctx *dc, int64_t call_id, struct keypage *pg,
    struct audit_row **rows, size_t *n)
{
	*n = 0;
	*rows = NULL;
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	/* What the chair may not see is left out by the query itself (the
	 * rule of submission_access() for a chair). */
	do {
		if (store_call_audit(dc->db, dc->a, call_id, dc->user->id,
		    keypage_cursor(pg), CHAIR_PAGE + 1, rows, n) != STORE_OK)
			return (RES_INTERNAL);
	} while (keypage_done(pg, *rows, sizeof(**rows), n, CHAIR_PAGE,
	    audit_key));
	return (RES_OK);
}

enum result
call_reviewers(struct dctx *dc, int64_t call_id, struct person_row **rows,
    size_t *n)
{
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (store_reviewers_in_call(dc->db, dc->a, call_id, rows, n)
	    != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}
