/*
 * test_workflow.c: walks every transition of the submission state table
 * (6 x 6 state pairs) for every role (anonymous, submitter, reviewer,
 * chair, admin) under every combination of facts (before/after the
 * deadline, publishable or not), and compares with the expected table
 * written out independently below.
 */
#include <stdio.h>
#include <string.h>

#include "domain/workflow.h"
#include "t.h"

/* Expected allowed moves: "from>to:roles:condition:action" with roles
 * letters S(ubmitter) C(hair) A(dmin), condition - (always), D (before
 * the deadline), P (publishable), and action m(ove), d(ecide),
 * p(ublish), u(npublish). A published case is never decided again
 * without leaving the library first. */
static const char *const expected[] = {
	"draft>submitted:S:D:m",
	"draft>withdrawn:S:D:m",
	"submitted>withdrawn:S:D:m",
	"submitted>under_review:CA:-:m",
	"under_review>submitted:CA:-:m",
	"under_review>decided:CA:-:d",
	"decided>decided:CA:-:d",
	"decided>under_review:CA:-:m",
	"decided>published:CA:P:p",
	"published>decided:CA:-:u",
	"withdrawn>draft:S:D:m",
	NULL
};

static const int roles[WF_NROLES] = {
	WF_ANON, WF_SUBMITTER, WF_REVIEWER, WF_CHAIR, WF_ADMIN
};
static const char role_letter[WF_NROLES] = { 'N', 'S', 'R', 'C', 'A' };

/* Expected result for (from, to, role index, facts). */
static enum result
expect(int from, int to, int ri, const struct wf_facts *f)
{
	char		 key[64];
	const char	*e, *colon;
	size_t		 i, n;

	(void)snprintf(key, sizeof(key), "%s>%s:", workflow_name(from),
	    workflow_name(to));
	n = strlen(key);
	for (i = 0; expected[i] != NULL; i++) {
		e = expected[i];
		if (strncmp(e, key, n) != 0)
			continue;
		colon = strchr(e + n, ':');
		if (memchr(e + n, role_letter[ri], (size_t)(colon - (e + n)))
		    == NULL)
			return (RES_FORBIDDEN);
		switch (colon[1]) {
		case 'D':
			return (f->before_deadline ? RES_OK : RES_CONFLICT);
		case 'P':
			return (f->publishable ? RES_OK : RES_CONFLICT);
		default:
			return (RES_OK);
		}
	}
	return (RES_FORBIDDEN);
}

static void
test_every_transition_every_role(void)
{
	struct wf_facts	f;
	int		from, to, ri, d, p, checked = 0, allowed = 0;
	enum result	got, want;

	for (from = 0; from < WF_NSTATES; from++)
	for (to = 0; to < WF_NSTATES; to++)
	for (ri = 0; ri < WF_NROLES; ri++)
	for (d = 0; d < 2; d++)
	for (p = 0; p < 2; p++) {
		f.before_deadline = d;
		f.publishable = p;
		got = workflow_check(from, to, roles[ri], &f);
		want = expect(from, to, ri, &f);
		if (got != want) {
			printf("  %s -> %s as %c (deadline %d, publishable %d):"
			    " got %d, want %d\n", workflow_name(from),
			    workflow_name(to), role_letter[ri], d, p, got,
			    want);
			t_cur_failed = 1;
		}
		checked++;
		allowed += got == RES_OK;
	}
	T_ASSERT(checked == WF_NSTATES * WF_NSTATES * WF_NROLES * 4);
	T_ASSERT(allowed > 0);
}

static void
test_table_rows_are_expected(void)
{
	char	row[80];
	size_t	i, k;
	int	found;

	/* Every row of the table appears in the expected list: nothing was
	 * added to the table without a test saying so. */
	for (i = 0; i < wf_nrules; i++) {
		(void)snprintf(row, sizeof(row), "%s>%s:",
		    workflow_name(wf_rules[i].from),
		    workflow_name(wf_rules[i].to));
		found = 0;
		for (k = 0; expected[k] != NULL; k++)
			if (strncmp(expected[k], row, strlen(row)) == 0)
				found = 1;
		T_ASSERT(found);
	}
}

static void
test_every_action(void)
{
	char		 key[64];
	const char	*e, *want;
	const struct wf_rule *mv[WF_NSTATES];
	int		 from, to, act;
	size_t		 k, n, i;

	for (from = 0; from < WF_NSTATES; from++)
	for (to = 0; to < WF_NSTATES; to++) {
		(void)snprintf(key, sizeof(key), "%s>%s:",
		    workflow_name(from), workflow_name(to));
		want = NULL;
		for (k = 0; expected[k] != NULL; k++)
			if (strncmp(expected[k], key, strlen(key)) == 0)
				want = expected[k];
		act = workflow_action(from, to);
		if (want == NULL) {
			T_ASSERT(act == -1);
			continue;
		}
		e = strrchr(want, ':') + 1;
		T_ASSERT(act == (*e == 'm' ? WF_MOVE : *e == 'd' ? WF_DECIDE :
		    *e == 'p' ? WF_PUBLISH : WF_UNPUBLISH));
	}
	/* The decide path never takes a published case. */
	T_ASSERT(workflow_action(WF_PUBLISHED, WF_DECIDED) == WF_UNPUBLISH);
	/* The moves a chair is offered are the table's rows. */
	for (from = 0; from < WF_NSTATES; from++) {
		n = workflow_moves(from, WF_CHAIR, mv, WF_NSTATES);
		for (i = 0; i < n; i++)
			T_ASSERT((int)mv[i]->from == from &&
			    (mv[i]->roles & WF_CHAIR) != 0);
		for (to = 0, k = 0; to < WF_NSTATES; to++)
			k += workflow_check(from, to, WF_CHAIR, NULL) !=
			    RES_FORBIDDEN;
		T_ASSERT(k == n);
	}
	T_ASSERT(workflow_moves(WF_SUBMITTED, WF_CHAIR, mv, WF_NSTATES) == 1 &&
	    mv[0]->to == WF_UNDER_REVIEW);
}

static void
test_nobody_skips_review(void)
{
	struct wf_facts	f = { 1, 1 };
	int		ri;

	for (ri = 0; ri < WF_NROLES; ri++) {
		T_ASSERT(workflow_check(WF_DRAFT, WF_DECIDED, roles[ri], &f)
		    != RES_OK);
		T_ASSERT(workflow_check(WF_SUBMITTED, WF_PUBLISHED, roles[ri],
		    &f) != RES_OK);
		T_ASSERT(workflow_check(WF_WITHDRAWN, WF_SUBMITTED, roles[ri],
		    &f) != RES_OK);
	}
	/* Several roles at once: still only what one of them may do. */
	T_ASSERT(workflow_check(WF_DRAFT, WF_SUBMITTED,
	    WF_REVIEWER | WF_CHAIR, &f) == RES_FORBIDDEN);
	/* Without facts, conditions fail closed. */
	T_ASSERT(workflow_check(WF_DRAFT, WF_SUBMITTED, WF_SUBMITTER, NULL)
	    == RES_CONFLICT);
}

static void
test_editable_and_names(void)
{
	struct wf_facts	open = { 1, 0 }, closed = { 0, 0 };
	int		s;

	T_ASSERT(workflow_editable(WF_DRAFT, &open));
	T_ASSERT(workflow_editable(WF_SUBMITTED, &open));
	T_ASSERT(!workflow_editable(WF_SUBMITTED, &closed));
	T_ASSERT(!workflow_editable(WF_DRAFT, &closed));
	for (s = WF_UNDER_REVIEW; s < WF_NSTATES; s++)
		T_ASSERT(!workflow_editable(s, &open));
	for (s = 0; s < WF_NSTATES; s++)
		T_ASSERT(workflow_parse(workflow_name(s)) == s);
	T_ASSERT(workflow_parse("bogus") == -1);
	T_ASSERT(workflow_parse(NULL) == -1);
	T_STREQ(workflow_name(WF_UNDER_REVIEW), "under_review");
	T_STREQ(workflow_label(WF_UNDER_REVIEW), "Under review");
}

int
main(void)
{
	T_RUN(test_every_transition_every_role);
	T_RUN(test_table_rows_are_expected);
	T_RUN(test_every_action);
	T_RUN(test_nobody_skips_review);
	T_RUN(test_editable_and_names);
	return (t_done());
}
