/*
 * review.c: reviews, discussion, conflicts and expertise (see review.h).
 */
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/assign.h"
#include "domain/call.h"
#include "domain/fairness.h"
#include "domain/policy.h"
#include "domain/review.h"
#include "domain/taxonomy.h"
#include "domain/validate.h"
#include "domain/workflow.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

static const char *const webmail[] = {
	"gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
	"live.com", "yahoo.com", "icloud.com", "proton.me", "protonmail.com",
	"naver.com", "daum.net", "qq.com", "163.com", "yandex.ru", "mail.ru",
	"gmx.de", "aol.com", NULL
};

static const char	*domain_of(const char *);
static int		 is_tag(const char *);
static int		 is_region(const char *);
static int		 is_lang(const char *);
static size_t		 index_of(const int64_t *, size_t, int64_t);
static const char	*letter(struct dctx *, size_t);
static enum result	 aliases(struct dctx *, struct review_case *);
static int64_t		 assigned_key(const void *);

static const char *
domain_of(const char *email)
{
	const char	*at;
	size_t		 i;

	if (email == NULL || (at = strrchr(email, '@')) == NULL)
		return (NULL);
	for (i = 0; webmail[i] != NULL; i++) {
		if (strcasecmp(at + 1, webmail[i]) == 0)
			return (NULL);
	}
	return (at + 1);
}

const char *
review_conflict_reason(const struct person_row *r, const struct submission_row *s)
{
	const char	*d1, *d2, *p;
	size_t		 n;

	if (r->id == s->submitter_id)
		return (N_("The reviewer submitted this case."));
	if (r->organisation[0] != '\0' && s->organisation[0] != '\0' &&
	    strcasecmp(r->organisation, s->organisation) == 0)
		return (N_("Same organisation."));
	d1 = domain_of(r->email);
	d2 = domain_of(s->submitter_email);
	if (d1 != NULL && d2 != NULL && strcasecmp(d1, d2) == 0)
		return (N_("Same email domain."));
	n = strlen(r->email);
	for (p = s->collaborators; n > 0 && (p = strcasestr(p, r->email))
	    != NULL; p += n) {
		if ((p == s->collaborators || strchr(", ;\n\r", p[-1]) != NULL)
		    && strchr(", ;\n\r", p[n]) != NULL)
			return (N_("Listed as a collaborator."));
	}
	return (NULL);
}

enum result
review_case(struct dctx *dc, int64_t submission_id, const char *lang,
    struct review_case *rc)
{
	struct score_row *sc;
	size_t		 nsc, i, k;
	int		 rcode;
	enum result	 res;

	memset(rc, 0, sizeof(*rc));
	if ((res = submission_get(dc, submission_id, lang, &rc->v)) != RES_OK)
		return (res);
	if (rc->v.access != SA_REVIEWER && rc->v.access != SA_CHAIR)
		return (RES_NOT_FOUND);
	rcode = store_review_get(dc->db, dc->a, submission_id, dc->user->id,
	    &rc->mine);
	if (rcode != STORE_OK && rcode != STORE_NOT_FOUND)
		return (RES_INTERNAL);
	rc->have_mine = rcode == STORE_OK;
	if (store_scores_for_submission(dc->db, dc->a, submission_id, &sc, &nsc) != STORE_OK)
		return (RES_INTERNAL);
	rc->my_scores = arena_alloc(dc->a, (rc->v.call.ncrit + 1) *
	    sizeof(*rc->my_scores));
	memset(rc->my_scores, 0, (rc->v.call.ncrit + 1) *
	    sizeof(*rc->my_scores));
	for (i = 0; rc->have_mine && i < nsc; i++) {
		if (sc[i].review_id != rc->mine.id)
			continue;
		for (k = 0; k < rc->v.call.ncrit; k++)
			if (rc->v.call.crit[k].id == sc[i].criterion_id)
				rc->my_scores[k] = sc[i].score;
	}
	rc->can_edit = rc->v.access == SA_REVIEWER &&
	    strcmp(rc->v.s.state, "under_review") == 0;
	rc->see_others = rc->v.access == SA_CHAIR || (rc->have_mine &&
	    strcmp(rc->mine.state, "submitted") == 0);
	if (!rc->see_others)
		return (RES_OK);
	rc->scores = sc;
	rc->nscores = nsc;
	if (store_reviews_for_submission(dc->db, dc->a, submission_id, &rc->reviews,
	    &rc->nreviews) != STORE_OK || store_posts_for_submission(dc->db, dc->a,
	    submission_id, &rc->posts, &rc->nposts) != STORE_OK)
		return (RES_INTERNAL);
	return (aliases(dc, rc));
}

/* The index of id in ids[0..n), or n. */
static size_t
index_of(const int64_t *ids, size_t n, int64_t id)
{
	size_t	i;

	for (i = 0; i < n && ids[i] != id; i++)
		;
	return (i);
}

static const char *
letter(struct dctx *dc, size_t k)
{
	if (k < 26)
		return (arena_printf(dc->a, "%c", (int)('A' + k)));
	return (arena_printf(dc->a, "%zu", k + 1));
}

/* Fills rc's aliases (see review.h): reviewers of a double-blind call
 * never read each other's names. */
static enum result
aliases(struct dctx *dc, struct review_case *rc)
{
	struct person_row	*asg;
	int64_t			*ids;
	size_t			 nasg, n = 0, i, k;

	rc->review_alias = arena_alloc(dc->a, (rc->nreviews + 1) *
	    sizeof(*rc->review_alias));
	memset(rc->review_alias, 0, (rc->nreviews + 1) *
	    sizeof(*rc->review_alias));
	rc->post_alias = arena_alloc(dc->a, (rc->nposts + 1) *
	    sizeof(*rc->post_alias));
	memset(rc->post_alias, 0, (rc->nposts + 1) * sizeof(*rc->post_alias));
	if (rc->v.access != SA_REVIEWER ||
	    strcmp(rc->v.call.r.blind_mode, "double") != 0)
		return (RES_OK);
	if (store_assign_for_submission(dc->db, dc->a, rc->v.s.id, &asg, &nasg)
	    != STORE_OK)
		return (RES_INTERNAL);
	ids = arena_alloc(dc->a, (nasg + rc->nreviews + 1) * sizeof(*ids));
	for (i = 0; i < nasg; i++)
		ids[n++] = asg[i].id;
	for (i = 0; i < rc->nreviews; i++) {
		if (index_of(ids, n, rc->reviews[i].user_id) == n)
			ids[n++] = rc->reviews[i].user_id;
	}
	for (i = 0; i < rc->nreviews; i++) {
		k = index_of(ids, n, rc->reviews[i].user_id);
		rc->review_alias[i] = letter(dc, k);
		rc->reviews[i].display_name = "";
	}
	for (i = 0; i < rc->nposts; i++) {
		if ((k = index_of(ids, n, rc->posts[i].user_id)) == n)
			continue;	/* a chair */
		rc->post_alias[i] = letter(dc, k);
		rc->posts[i].display_name = "";
	}
	return (RES_OK);
}

enum result
review_save(struct dctx *dc, int64_t submission_id, const int64_t *scores, size_t n,
    const char *to_submitter, const char *confidential, int submit,
    struct form_errors *fe)
{
	struct review_case rc;
	const char	*ts, *cf;
	enum result	 res;
	int64_t		 rid;
	size_t		 i;
	int		 missing = 0;

	if (!policy_can(dc->user, ACT_REVIEW))
		return (RES_FORBIDDEN);
	if ((res = review_case(dc, submission_id, "en", &rc)) != RES_OK)
		return (res);
	if (rc.v.access != SA_REVIEWER)
		return (RES_FORBIDDEN);
	if (!rc.can_edit)
		return (RES_CONFLICT);
	ts = str_trim(dc->a, to_submitter != NULL ? to_submitter : "");
	cf = str_trim(dc->a, confidential != NULL ? confidential : "");
	if (utf8_chars(ts) > 20000)
		form_error(fe, "to_submitter", N_("Use at most 20000 "
		    "characters."));
	if (utf8_chars(cf) > 20000)
		form_error(fe, "confidential", N_("Use at most 20000 "
		    "characters."));
	for (i = 0; i < rc.v.call.ncrit; i++) {
		if (i >= n || scores[i] == 0)
			missing = 1;
		else if (scores[i] < 1 || scores[i] > 5)
			form_error(fe, "scores", N_("Scores go from 1 to 5."));
	}
	if ((submit || strcmp(rc.have_mine ? rc.mine.state : "", "submitted")
	    == 0) && missing)
		form_error(fe, "scores", N_("Give a score for every "
		    "criterion."));
	if (submit || (rc.have_mine && strcmp(rc.mine.state, "submitted")
	    == 0))
		(void)check_required(fe, "to_submitter", ts);
	if (fe->n > 0)
		return (RES_INVALID);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_review_save(dc->db, submission_id, dc->user->id, ts, cf, submit,
	    dc->now, &rid) != STORE_OK)
		goto fail;
	for (i = 0; i < rc.v.call.ncrit && i < n; i++) {
		if (store_score_set(dc->db, rid, rc.v.call.crit[i].id,
		    scores[i]) != STORE_OK)
			goto fail;
	}
	if (audit_log(dc, 0, submit ? "review.submit" : "review.save",
	    "submission", submission_id, "") == -1)
		goto fail;
	return (dctx_commit(dc));
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

enum result
review_post(struct dctx *dc, int64_t submission_id, const char *body,
    struct form_errors *fe)
{
	struct review_case rc;
	const char	*b;
	enum result	 res;

	if (!policy_can(dc->user, ACT_REVIEW))
		return (RES_FORBIDDEN);
	if ((res = review_case(dc, submission_id, "en", &rc)) != RES_OK)
		return (res);
	if (!rc.see_others)
		return (RES_FORBIDDEN);
	b = str_trim(dc->a, body != NULL ? body : "");
	if (check_required(fe, "body", b) && utf8_chars(b) > 10000)
		form_error(fe, "body", N_("Use at most 10000 characters."));
	if (fe->n > 0)
		return (RES_INVALID);
	if (store_post_add(dc->db, submission_id, dc->user->id, b, dc->now)
	    != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

static int64_t
assigned_key(const void *p)
{
	return (((const struct review_assigned *)p)->s.id);
}

enum result
review_assignments(struct dctx *dc, struct keypage *pg,
    struct review_assigned **out, size_t *n)
{
	struct submission_listed	*rows;
	struct review_assigned	*ra;
	struct viewer		 v;
	struct pair_row		 pairs[2];
	enum submission_role		 sa;
	size_t			 nr, i, want = REVIEW_PAGE + 1;
	int64_t			 cur;

	*n = 0;
	*out = NULL;
	if (!policy_can(dc->user, ACT_REVIEW))
		return (RES_FORBIDDEN);
	*out = ra = arena_alloc(dc->a, want * sizeof(*ra));
again:
	*n = 0;
	cur = keypage_cursor(pg);
	/* Cases the reviewer may no longer see (a conflict since) are
	 * skipped: read on until the page and one more are found. */
	for (;;) {
		if (store_assign_for_user(dc->db, dc->a, dc->user->id, cur,
		    want, &rows, &nr) != STORE_OK)
			return (RES_INTERNAL);
		for (i = 0; i < nr && *n < want; i++) {
			cur = cur < 0 ? -rows[i].s.id : rows[i].s.id;
			/* The row's own facts (assigned: it is one of the
			 * reviewer's assignments), not every pair of the
			 * call: a page costs the same at any list length. */
			viewer_of_case(dc, rows[i].s.call_id, rows[i].s.id,
			    rows[i].conflicted, 1, &v, pairs);
			sa = submission_access(&v, &rows[i].s);
			if (sa != SA_REVIEWER && sa != SA_CHAIR)
				continue;
			ra[*n].s = rows[i].s;
			ra[*n].progress = rows[i].review_state[0] == '\0' ?
			    REVIEW_NOT_STARTED : strcmp(rows[i].review_state,
			    "submitted") == 0 ? REVIEW_SUBMITTED : REVIEW_DRAFT;
			(*n)++;
		}
		if (nr < want || *n == want)
			break;
	}
	if (keypage_done(pg, ra, sizeof(*ra), n, REVIEW_PAGE, assigned_key))
		goto again;
	return (RES_OK);
}

enum result
review_candidates(struct dctx *dc, int64_t call_id, struct submission_row **rows,
    size_t *n)
{
	struct submission_row	*all;
	struct call_row	 c;
	struct viewer	 v;
	size_t		 nall, i;

	*rows = NULL;
	*n = 0;
	if (!policy_can(dc->user, ACT_REVIEW))
		return (RES_FORBIDDEN);
	if (store_call_get(dc->db, dc->a, call_id, "en", &c) != STORE_OK)
		return (RES_NOT_FOUND);
	if (viewer_cases(dc, call_id, &v, &all, &nall) != RES_OK)
		return (RES_INTERNAL);
	*rows = arena_alloc(dc->a, (nall + 1) * sizeof(**rows));
	for (i = 0; i < nall; i++) {
		if (viewer_conflicted(&v, all[i].id) ||
		    all[i].submitter_id == dc->user->id ||
		    strcmp(all[i].state, "withdrawn") == 0)
			continue;
		if (call_is_double_blind(&c)) {
			all[i].organisation = "";
			all[i].submitter_name = "";
			all[i].submitter_email = "";
			all[i].collaborators = "";
			all[i].links = "";
		}
		(*rows)[(*n)++] = all[i];
	}
	return (RES_OK);
}

enum result
review_conflict_declare(struct dctx *dc, int64_t submission_id, const char *reason)
{
	struct submission_row	*rows;
	size_t		 n, i;
	struct submission_row	 s;
	const char	*why;

	if (!policy_can(dc->user, ACT_REVIEW))
		return (RES_FORBIDDEN);
	if (store_sub_get(dc->db, dc->a, submission_id, &s) != STORE_OK ||
	    review_candidates(dc, s.call_id, &rows, &n) != RES_OK)
		return (RES_NOT_FOUND);
	for (i = 0; i < n && rows[i].id != submission_id; i++)
		;
	if (i == n)
		return (RES_NOT_FOUND);
	why = str_trim(dc->a, reason != NULL ? reason : "");
	if (utf8_chars(why) > 500)
		why = "";
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_conflict_set(dc->db, submission_id, dc->user->id, "declared", why,
	    dc->now) != STORE_OK || store_assign_del(dc->db, submission_id,
	    dc->user->id) != STORE_OK || audit_log(dc, 0, "conflict.declare",
	    "submission", submission_id, "") == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

const char *
review_conflict_label(const char *status)
{
	static const struct call_ref labels[] = {
		{ "declared", N_("Declared by the reviewer") },
		{ "proposed", N_("Found by the system, to be checked") },
		{ "confirmed", N_("Confirmed by a chair") },
		{ "dismissed", N_("Dismissed by a chair") },
		{ NULL, NULL }
	};
	const char	*l;

	if ((l = call_ref_label(labels, status)) != NULL)
		return (l);
	return (status != NULL ? status : "");
}

enum result
review_conflicts_mine(struct dctx *dc, int64_t call_id,
    struct declared_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (!policy_can(dc->user, ACT_REVIEW))
		return (RES_FORBIDDEN);
	if (store_conflicts_declared(dc->db, dc->a, call_id, dc->user->id,
	    rows, n) != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
review_conflict_undo(struct dctx *dc, int64_t submission_id)
{
	struct person_row	*rows;
	size_t			 n, i;

	if (!policy_can(dc->user, ACT_REVIEW))
		return (RES_FORBIDDEN);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_conflicts_for_submission(dc->db, dc->a, submission_id, &rows, &n)
	    != STORE_OK)
		goto fail;
	for (i = 0; i < n; i++)
		if (rows[i].id == dc->user->id &&
		    strcmp(rows[i].status, "declared") == 0)
			break;
	if (i == n)
		return (dctx_abort(dc, RES_NOT_FOUND));
	if (store_conflict_del(dc->db, submission_id, dc->user->id, "declared")
	    != STORE_OK || audit_log(dc, 0, "conflict.undo", "submission",
	    submission_id, "") == -1)
		goto fail;
	return (dctx_commit(dc));
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

enum result
review_conflict_set(struct dctx *dc, int64_t submission_id, int64_t user_id,
    const char *status)
{
	struct submission_row	 s;

	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (status == NULL || (strcmp(status, "confirmed") != 0 &&
	    strcmp(status, "dismissed") != 0))
		return (RES_INVALID);
	if (!submission_chair_sees(dc, submission_id, &s))
		return (RES_NOT_FOUND);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_conflict_set(dc->db, submission_id, user_id, status, "", dc->now)
	    != STORE_OK || (strcmp(status, "confirmed") == 0 &&
	    store_assign_del(dc->db, submission_id, user_id) != STORE_OK) ||
	    audit_log(dc, 0, "conflict.set", "submission", submission_id,
	    arena_printf(dc->a, "user %lld: %s", (long long)user_id, status))
	    == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
review_conflicts_detect(struct dctx *dc, int64_t call_id, size_t *found)
{
	struct submission_row		*subs;
	struct person_row	*revs, *conf;
	struct viewer		 v;
	size_t			 ns, nr, nc, i, j, k;
	const char		*why;

	*found = 0;
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (viewer_cases(dc, call_id, &v, &subs, &ns) != RES_OK ||
	    store_reviewers_in_call(dc->db, dc->a, call_id,
	    &revs, &nr) != STORE_OK)
		return (RES_INTERNAL);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < ns; i++) {
		/* A chair's conflict hides the case from their actions too. */
		if (submission_access(&v, &subs[i]) != SA_CHAIR)
			continue;
		if (store_conflicts_for_submission(dc->db, dc->a, subs[i].id, &conf,
		    &nc) != STORE_OK)
			goto fail;
		for (j = 0; j < nr; j++) {
			if ((why = review_conflict_reason(&revs[j], &subs[i]))
			    == NULL)
				continue;
			for (k = 0; k < nc && conf[k].id != revs[j].id; k++)
				;
			if (k < nc)
				continue;
			if (store_conflict_propose(dc->db, subs[i].id,
			    revs[j].id, why, dc->now) != STORE_OK ||
			    audit_log(dc, 0, "conflict.propose", "submission",
			    subs[i].id, arena_printf(dc->a, "user %lld",
			    (long long)revs[j].id)) == -1)
				goto fail;
			(*found)++;
		}
	}
	return (dctx_commit(dc));
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}

enum result
review_expertise(struct dctx *dc, int64_t user_id, struct person_row *r)
{
	if (dc->user == NULL || (dc->user->id != user_id &&
	    !policy_can(dc->user, ACT_CALL_CHAIR)) ||
	    !policy_can(dc->user, ACT_REVIEW))
		return (RES_FORBIDDEN);
	if (store_expertise_get(dc->db, dc->a, user_id, r) != STORE_OK)
		return (RES_NOT_FOUND);
	return (RES_OK);
}

static int
is_tag(const char *w)
{
	return (taxonomy_find(TAX_PRINCIPLE, w) != NULL ||
	    taxonomy_find(TAX_POLICY_AREA, w) != NULL);
}

static int
is_region(const char *w)
{
	return (str_listed(fairness_regions, w));
}

static int
is_lang(const char *w)
{
	char	name[128];

	return (strlen(w) >= 2 && strlen(w) <= 3 &&
	    strspn(w, "abcdefghijklmnopqrstuvwxyz") == strlen(w) &&
	    i18n_language_name(NULL, w, name, sizeof(name)) == 0);
}

enum result
review_expertise_save(struct dctx *dc, int64_t user_id,
    const char *organisation, const char *principles, const char *regions,
    const char *languages, struct form_errors *fe)
{
	struct person_row	r;
	enum result		res;

	if ((res = review_expertise(dc, user_id, &r)) != RES_OK)
		return (res);
	r.organisation = str_trim(dc->a, organisation != NULL ? organisation :
	    "");
	r.principles = (char *)(principles != NULL ? principles : "");
	r.regions = (char *)(regions != NULL ? regions : "");
	r.languages = (char *)(languages != NULL ? languages : "");
	if (utf8_chars(r.organisation) > 200)
		form_error(fe, "organisation", N_("Use at most 200 "
		    "characters."));
	(void)check_choices(fe, "principles", r.principles,
	    REVIEW_MAX_PRINCIPLES, is_tag, N_("Choose principles and areas "
	    "from the list."));
	(void)check_choices(fe, "regions", r.regions, REVIEW_MAX_REGIONS,
	    is_region, N_("Choose regions from the list."));
	(void)check_choices(fe, "languages", r.languages,
	    REVIEW_MAX_LANGUAGES, is_lang, N_("Choose languages from the "
	    "list."));
	if (fe->n > 0)
		return (RES_INVALID);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_expertise_set(dc->db, &r, dc->now) != STORE_OK ||
	    audit_log(dc, 0, "expertise.update", "user", user_id, "") == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}
