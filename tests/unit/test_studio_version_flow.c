/*
 * test_studio_version_flow.c: the review workflow's table
 * (studio_version_flow.c), walked for every role, state, step and both
 * settings of "approval required": each allowed transition and where it
 * leads, and every other one refused (a reviewer only approves and
 * returns, a translator does nothing, an author submits and publishes
 * only when no approval is required, an owner publishes an approved
 * head, nobody publishes an unapproved head of a course that requires
 * approval).
 */
#include <string.h>

#include "domain/studio.h"
#include "domain/studio_version_flow.h"
#include "t.h"

/* The expected outcome: -1 refused, else the state it leads to. */
static int
want(enum studio_role r, enum sv_state s, int req, enum sv_step st)
{
	int	owner = r == STUDIO_OWNER || r == STUDIO_ADMIN;
	int	author = r == STUDIO_AUTHOR || owner;
	int	reviewer = r == STUDIO_REVIEWER || owner;

	switch (st) {
	case SV_SUBMIT:
		return (author && s == SV_DRAFT ? SV_REVIEW : -1);
	case SV_APPROVE:
		return (reviewer && s == SV_REVIEW ? SV_APPROVED : -1);
	case SV_RETURN:
		return (reviewer && (s == SV_REVIEW || s == SV_APPROVED) ?
		    SV_DRAFT : -1);
	case SV_PUBLISH:
		if (s == SV_APPROVED)
			return (owner ? SV_DRAFT : -1);
		if (req)
			return (-1);
		if (owner)
			return (SV_DRAFT);
		return (author && s == SV_DRAFT ? SV_DRAFT : -1);
	default:
		return (-1);
	}
}

static void
test_every_transition(void)
{
	enum sv_state	to;
	int		r, s, req, st, got, n = 0, allowed = 0;

	for (r = 0; r < STUDIO_NROLES; r++)
		for (s = 0; s < SV_NSTATES; s++)
			for (req = 0; req <= 1; req++)
				for (st = 0; st < SV_NSTEPS; st++) {
					to = SV_NSTATES;
					got = sv_may((enum studio_role)r,
					    (enum sv_state)s, req,
					    (enum sv_step)st, &to) ?
					    (int)to : -1;
					if (got != want((enum studio_role)r,
					    (enum sv_state)s, req,
					    (enum sv_step)st)) {
						printf("  role %d state %d req %d "
						    "step %d: got %d\n", r, s,
						    req, st, got);
						t_cur_failed = 1;
					}
					n++;
					allowed += got != -1;
				}
	T_ASSERT(n == STUDIO_NROLES * SV_NSTATES * 2 * SV_NSTEPS);
	T_ASSERT(allowed > 0 && allowed < n);
}

static void
test_roles_spelled_out(void)
{
	/* A few rows as the issue says them. */
	T_ASSERT(!sv_may(STUDIO_TRANSLATOR, SV_DRAFT, 0, SV_PUBLISH, NULL));
	T_ASSERT(!sv_may(STUDIO_TRANSLATOR, SV_DRAFT, 0, SV_SUBMIT, NULL));
	T_ASSERT(!sv_may(STUDIO_REVIEWER, SV_DRAFT, 0, SV_SUBMIT, NULL));
	T_ASSERT(sv_may(STUDIO_REVIEWER, SV_REVIEW, 1, SV_APPROVE, NULL));
	T_ASSERT(!sv_may(STUDIO_REVIEWER, SV_APPROVED, 1, SV_PUBLISH, NULL));
	T_ASSERT(sv_may(STUDIO_AUTHOR, SV_DRAFT, 0, SV_PUBLISH, NULL));
	T_ASSERT(!sv_may(STUDIO_AUTHOR, SV_DRAFT, 1, SV_PUBLISH, NULL));
	T_ASSERT(!sv_may(STUDIO_AUTHOR, SV_APPROVED, 1, SV_PUBLISH, NULL));
	T_ASSERT(!sv_may(STUDIO_AUTHOR, SV_REVIEW, 1, SV_APPROVE, NULL));
	T_ASSERT(sv_may(STUDIO_OWNER, SV_APPROVED, 1, SV_PUBLISH, NULL));
	T_ASSERT(!sv_may(STUDIO_OWNER, SV_DRAFT, 1, SV_PUBLISH, NULL));
	T_ASSERT(!sv_may(STUDIO_NONE, SV_REVIEW, 0, SV_APPROVE, NULL));
	T_ASSERT(!sv_may(STUDIO_OWNER, SV_DRAFT, 0, SV_NSTEPS, NULL));
}

static void
test_names(void)
{
	int	i;

	for (i = 0; i < SV_NSTATES; i++)
		T_ASSERT(sv_state_parse(sv_state_name((enum sv_state)i)) ==
		    (enum sv_state)i);
	T_ASSERT(sv_state_parse("published") == SV_DRAFT);
	T_ASSERT(sv_state_parse(NULL) == SV_DRAFT);
	T_ASSERT(sv_step_parse("approve") == SV_APPROVE);
	T_ASSERT(sv_step_parse("publish") == SV_PUBLISH);
	T_ASSERT(sv_step_parse("delete") == SV_NSTEPS);
}

int
main(void)
{
	T_RUN(test_every_transition);
	T_RUN(test_roles_spelled_out);
	T_RUN(test_names);
	return (t_done());
}
