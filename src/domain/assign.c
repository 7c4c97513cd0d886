/*
 * assign.c: automatic assignment (see assign.h). assign_solve() fills
 * rounds (every case gets its k-th reviewer before any gets its k+1-th),
 * always from the least-loaded eligible reviewers, then repairs the loads
 * with augmenting paths: a case moves from an over-loaded reviewer along a
 * chain of eligible reviewers to an under-loaded one.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/assign.h"
#include "domain/audit.h"
#include "domain/fairness.h"
#include "domain/mail.h"
#include "domain/policy.h"
#include "domain/submission.h"
#include "domain/validate.h"
#include "domain/workflow.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

struct solver {
	const struct assign_case	*cs;
	size_t				 nc;
	const struct assign_reviewer	*rs;
	size_t				 nr;
	int				(*blocked)(void *, size_t, size_t);
	void				*arg;
	unsigned char			*on;	/* nc * nr: assigned here */
	size_t				*load;
	size_t				*have;
};

/* What blocked() looks at during assign_auto(). */
struct auto_ctx {
	const struct submission_row	*subs;
	const struct person_row	*revs;
	const struct pair_row	*conf;		/* conflicts of the call */
	size_t			 nconf;
	const struct pair_row	*asg;		/* assignments of the call */
	size_t			 nasg;
};

static int	may_take(struct solver *, size_t c, size_t r);
static int	auto_blocked(void *, size_t, size_t);
static int	pair_in(const struct pair_row *, size_t, int64_t, int64_t);
static int	add_one(struct dctx *, const struct submission_row *, int64_t,
		    const char *);
static int	repair_once(struct arena *, struct solver *);

int
assign_list_has(const char *list, const char *word)
{
	const char	*p, *e;
	size_t		 n;

	if (list == NULL || word == NULL || *word == '\0')
		return (0);
	n = strlen(word);
	for (p = list; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && strncmp(p, word, n) == 0)
			return (1);
	}
	return (0);
}

int
assign_score(const struct assign_case *c, const struct assign_reviewer *r)
{
	const char	*p = c->tags;
	char		 tag[64];
	int		 s = 0;

	while (list_next(&p, tag, sizeof(tag)) != 0) {
		if (assign_list_has(r->principles, tag))
			s += 2;
	}
	if (assign_list_has(r->languages, c->language))
		s += 4;
	if (assign_list_has(r->regions, c->region))
		s += 2;
	if (r->home_region != NULL && c->region != NULL &&
	    strcmp(r->home_region, c->region) != 0)
		s += 3;
	return (s);
}

static int
may_take(struct solver *sv, size_t c, size_t r)
{
	return (!sv->on[c * sv->nr + r] &&
	    !sv->blocked(sv->arg, c, r));
}

/*
 * One augmenting path from a reviewer of maximal load to one of minimal
 * load when they differ by two or more. Returns 1 when a case moved.
 */
static int
repair_once(struct arena *a, struct solver *sv)
{
	size_t	*prev_r, *prev_c, *queue, qh = 0, qt = 0;
	size_t	 r, c, r2, min = SIZE_MAX, max = 0, end = SIZE_MAX, x;

	for (r = 0; r < sv->nr; r++) {
		if (sv->load[r] < min)
			min = sv->load[r];
		if (sv->load[r] > max)
			max = sv->load[r];
	}
	if (sv->nr == 0 || max < min + 2)
		return (0);
	prev_r = arena_alloc(a, sv->nr * sizeof(*prev_r));
	prev_c = arena_alloc(a, sv->nr * sizeof(*prev_c));
	queue = arena_alloc(a, sv->nr * sizeof(*queue));
	for (r = 0; r < sv->nr; r++) {
		prev_r[r] = SIZE_MAX;
		if (sv->load[r] == max) {
			prev_r[r] = r;		/* a root */
			queue[qt++] = r;
		}
	}
	while (qh < qt && end == SIZE_MAX) {
		r = queue[qh++];
		for (c = 0; c < sv->nc && end == SIZE_MAX; c++) {
			/* Only cases assigned by this run can move. */
			if (!sv->on[c * sv->nr + r])
				continue;
			for (r2 = 0; r2 < sv->nr; r2++) {
				if (prev_r[r2] != SIZE_MAX ||
				    !may_take(sv, c, r2))
					continue;
				prev_r[r2] = r;
				prev_c[r2] = c;
				if (sv->load[r2] <= max - 2) {
					end = r2;
					break;
				}
				queue[qt++] = r2;
			}
		}
	}
	if (end == SIZE_MAX)
		return (0);
	for (x = end; prev_r[x] != x; x = prev_r[x]) {
		c = prev_c[x];
		sv->on[c * sv->nr + prev_r[x]] = 0;
		sv->on[c * sv->nr + x] = 1;
	}
	sv->load[end]++;
	sv->load[x]--;
	return (1);
}

size_t
assign_solve(struct arena *a, const struct assign_case *cs, size_t nc,
    const struct assign_reviewer *rs, size_t nr, size_t per_case,
    int (*blocked)(void *, size_t, size_t), void *arg,
    struct assign_pair **out, size_t *uncovered)
{
	struct solver	 sv;
	struct assign_pair *pairs;
	size_t		 round, c, r, best, np = 0, guard;
	int		 bs, s;

	memset(&sv, 0, sizeof(sv));
	sv.cs = cs; sv.nc = nc; sv.rs = rs; sv.nr = nr;
	sv.blocked = blocked; sv.arg = arg;
	sv.on = arena_alloc(a, nc * nr + 1);
	memset(sv.on, 0, nc * nr + 1);
	sv.load = arena_alloc(a, (nr + 1) * sizeof(size_t));
	sv.have = arena_alloc(a, (nc + 1) * sizeof(size_t));
	for (r = 0; r < nr; r++)
		sv.load[r] = rs[r].load;
	for (c = 0; c < nc; c++)
		sv.have[c] = cs[c].have;
	for (round = 1; round <= per_case; round++) {
		for (c = 0; c < nc; c++) {
			if (sv.have[c] >= round)
				continue;
			best = SIZE_MAX;
			bs = 0;
			for (r = 0; r < nr; r++) {
				if (!may_take(&sv, c, r))
					continue;
				s = assign_score(&cs[c], &rs[r]);
				if (best == SIZE_MAX ||
				    sv.load[r] < sv.load[best] ||
				    (sv.load[r] == sv.load[best] && s > bs)) {
					best = r;
					bs = s;
				}
			}
			if (best == SIZE_MAX)
				continue;
			sv.on[c * nr + best] = 1;
			sv.load[best]++;
			sv.have[c]++;
		}
	}
	for (guard = 0; guard < nc * per_case + 1 && repair_once(a, &sv);
	    guard++)
		;
	pairs = arena_alloc(a, (nc * per_case + 1) * sizeof(*pairs));
	*uncovered = 0;
	for (c = 0; c < nc; c++) {
		for (r = 0; r < nr; r++) {
			if (sv.on[c * nr + r]) {
				pairs[np].c = c;
				pairs[np].r = r;
				np++;
			}
		}
		if (sv.have[c] < per_case)
			(*uncovered)++;
	}
	*out = pairs;
	return (np);
}

static int
pair_in(const struct pair_row *p, size_t n, int64_t sub, int64_t user)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (p[i].submission_id == sub && p[i].user_id == user)
			return (1);
	}
	return (0);
}

static int
auto_blocked(void *arg, size_t c, size_t r)
{
	struct auto_ctx	*ac = arg;

	return (pair_in(ac->conf, ac->nconf, ac->subs[c].id, ac->revs[r].id) ||
	    pair_in(ac->asg, ac->nasg, ac->subs[c].id, ac->revs[r].id) ||
	    ac->subs[c].submitter_id == ac->revs[r].id);
}

/* Stores one assignment with its audit entry, state move and mail. */
static int
add_one(struct dctx *dc, const struct submission_row *s, int64_t user_id,
    const char *how)
{
	struct user_row		 u;
	const struct i18n_lang	*l;
	const char		*keys[2], *vals[2];

	if (store_user_by_id(dc->db, dc->a, user_id, &u) != STORE_OK ||
	    store_assign_add(dc->db, s->id, user_id, dc->user->id, dc->now)
	    != STORE_OK || audit_log(dc, 0, "assign.add", "submission", s->id,
	    arena_printf(dc->a, "user %lld (%s)", (long long)user_id, how))
	    == -1)
		return (-1);
	/* The first reviewer starts the review, as the table's chair move
	 * submitted -> under_review (the caller checked the chair sees it). */
	if (strcmp(s->state, "submitted") == 0 &&
	    workflow_action(WF_SUBMITTED, WF_UNDER_REVIEW) == WF_MOVE &&
	    workflow_check(WF_SUBMITTED, WF_UNDER_REVIEW, WF_CHAIR, NULL) ==
	    RES_OK && (store_sub_set_state(dc->db, s->id, "under_review", 0,
	    dc->now) != STORE_OK || audit_log(dc, 0, "submission.state",
	    "submission", s->id, "submitted -> under_review") == -1))
		return (-1);
	l = mail_lang(u.language, NULL);
	keys[0] = "name"; vals[0] = u.display_name;
	keys[1] = "link";
	vals[1] = arena_printf(dc->a, "%s/review/cases/%lld", dc->public_url,
	    (long long)s->id);
	return (mail_queue(dc, u.email, l,
	    N_("A case was assigned to you for review"),
	    N_("Hello {name},\n\nA case was assigned to you for review. "
	    "Read it and score it on the rubric here:\n{link}\n\nIf you "
	    "have a conflict of interest with it, declare it on that page "
	    "before reading further.\n"), keys, vals, 2));
}

enum result
assign_auto(struct dctx *dc, int64_t call_id, size_t *added,
    size_t *uncovered)
{
	struct call_row		 c;
	struct submission_row		*all, *subs;
	struct person_row	*revs;
	struct auto_ctx		 ac;
	struct assign_case	*cs;
	struct assign_reviewer	*rs;
	struct assign_pair	*pairs;
	struct viewer		 v;
	size_t			 nall, ns = 0, nr, np, i, k;

	*added = 0;
	*uncovered = 0;
	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (store_call_get(dc->db, dc->a, call_id, "en", &c) != STORE_OK)
		return (RES_NOT_FOUND);
	memset(&ac, 0, sizeof(ac));
	if (viewer_cases(dc, call_id, &v, &all, &nall) != RES_OK ||
	    store_reviewers_in_call(dc->db, dc->a, call_id,
	    &revs, &nr) != STORE_OK || store_call_pairs(dc->db, dc->a,
	    call_id, 0, (struct pair_row **)&ac.conf, &ac.nconf,
	    (struct pair_row **)&ac.asg, &ac.nasg) != STORE_OK)
		return (RES_INTERNAL);
	subs = arena_alloc(dc->a, (nall + 1) * sizeof(*subs));
	cs = arena_alloc(dc->a, (nall + 1) * sizeof(*cs));
	for (i = 0; i < nall; i++) {
		/* Only cases this chair may see, waiting for review. */
		if (submission_access(&v, &all[i]) != SA_CHAIR ||
		    (strcmp(all[i].state, "submitted") != 0 &&
		    strcmp(all[i].state, "under_review") != 0))
			continue;
		subs[ns] = all[i];
		memset(&cs[ns], 0, sizeof(cs[ns]));
		cs[ns].id = all[i].id;
		cs[ns].region = fairness_region(all[i].country);
		cs[ns].language = all[i].language;
		cs[ns].tags = all[i].tags;
		ns++;
	}
	for (i = 0; i < ac.nasg; i++) {
		for (k = 0; k < ns; k++)
			if (subs[k].id == ac.asg[i].submission_id)
				cs[k].have++;
	}
	rs = arena_alloc(dc->a, (nr + 1) * sizeof(*rs));
	for (i = 0; i < nr; i++) {
		memset(&rs[i], 0, sizeof(rs[i]));
		rs[i].id = revs[i].id;
		rs[i].home_region = fairness_region(revs[i].country);
		rs[i].regions = revs[i].regions;
		rs[i].languages = revs[i].languages;
		rs[i].principles = revs[i].principles;
		rs[i].load = (size_t)revs[i].load;
	}
	ac.subs = subs;
	ac.revs = revs;
	np = assign_solve(dc->a, cs, ns, rs, nr,
	    (size_t)c.reviewers_per_case, auto_blocked, &ac, &pairs,
	    uncovered);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < np; i++) {
		if (add_one(dc, &subs[pairs[i].c], revs[pairs[i].r].id,
		    "automatic") == -1)
			return (dctx_abort(dc, RES_INTERNAL));
		subs[pairs[i].c].state = "under_review";
	}
	if (store_commit(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	*added = np;
	return (RES_OK);
}

enum result
assign_manual(struct dctx *dc, int64_t submission_id, int64_t user_id, int add)
{
	struct submission_row		 s;
	struct user_row		 u;
	struct pair_row		*conf, *asg;
	size_t			 nconf, nasg;
	int			 rc;

	if (!policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (!submission_chair_sees(dc, submission_id, &s))
		return (RES_NOT_FOUND);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (!add) {
		if (store_assign_del(dc->db, submission_id, user_id) != STORE_OK ||
		    audit_log(dc, 0, "assign.remove", "submission", submission_id,
		    arena_printf(dc->a, "user %lld", (long long)user_id)) == -1)
			goto fail;
		return (dctx_commit(dc));
	}
	if (strcmp(s.state, "submitted") != 0 &&
	    strcmp(s.state, "under_review") != 0)
		return (dctx_abort(dc, RES_CONFLICT));
	if (store_user_by_id(dc->db, dc->a, user_id, &u) != STORE_OK ||
	    strcmp(u.role, "reviewer") != 0 || u.verified_at == 0 ||
	    user_id == s.submitter_id)
		return (dctx_abort(dc, RES_INVALID));
	if (store_call_pairs(dc->db, dc->a, s.call_id, user_id, &conf,
	    &nconf, &asg, &nasg) != STORE_OK)
		goto fail;
	if (pair_in(conf, nconf, submission_id, user_id))
		return (dctx_abort(dc, RES_CONFLICT));
	if (pair_in(asg, nasg, submission_id, user_id))
		return (dctx_commit(dc));
	rc = add_one(dc, &s, user_id, "manual");
	if (rc == -1)
		goto fail;
	return (dctx_commit(dc));
fail:
	return (dctx_abort(dc, RES_INTERNAL));
}
