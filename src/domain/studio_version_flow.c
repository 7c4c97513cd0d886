/*
 * studio_version_flow.c: the review workflow's one table
 * (studio_version_flow.h). Every transition is a row; who may take it is
 * the act of its row, asked of studio.c's rule table. Handlers and
 * templates ask sv_may, never a role.
 */
#include <string.h>

#include "domain/studio.h"
#include "domain/studio_version_flow.h"

enum when { ALWAYS = 0, UNREVIEWED };	/* UNREVIEWED: approval not required */

static const struct {
	enum sv_step	 step;
	enum sv_state	 from;
	enum sv_state	 to;
	enum studio_act	 act;
	enum when	 when;
} flow[] = {
	{ SV_SUBMIT,	SV_DRAFT,	SV_REVIEW,	STUDIO_SUBMIT,	ALWAYS },
	{ SV_APPROVE,	SV_REVIEW,	SV_APPROVED,	STUDIO_APPROVE,	ALWAYS },
	{ SV_RETURN,	SV_REVIEW,	SV_DRAFT,	STUDIO_APPROVE,	ALWAYS },
	{ SV_RETURN,	SV_APPROVED,	SV_DRAFT,	STUDIO_APPROVE,	ALWAYS },
	{ SV_PUBLISH,	SV_APPROVED,	SV_DRAFT,	STUDIO_PUBLISH,	ALWAYS },
	{ SV_PUBLISH,	SV_DRAFT,	SV_DRAFT,	STUDIO_PUBLISH,	UNREVIEWED },
	{ SV_PUBLISH,	SV_REVIEW,	SV_DRAFT,	STUDIO_PUBLISH,	UNREVIEWED },
	{ SV_PUBLISH,	SV_DRAFT,	SV_DRAFT,	STUDIO_SUBMIT,	UNREVIEWED },
};

static const char *const state_names[SV_NSTATES] = {
	[SV_DRAFT] = "draft",
	[SV_REVIEW] = "review",
	[SV_APPROVED] = "approved"
};

static const char *const step_names[SV_NSTEPS] = {
	[SV_SUBMIT] = "submit",
	[SV_APPROVE] = "approve",
	[SV_RETURN] = "return",
	[SV_PUBLISH] = "publish"
};

int
sv_may(enum studio_role role, enum sv_state from, int required,
    enum sv_step step, enum sv_state *to)
{
	size_t	i;

	for (i = 0; i < sizeof(flow) / sizeof(flow[0]); i++) {
		if (flow[i].step != step || flow[i].from != from ||
		    (flow[i].when == UNREVIEWED && required) ||
		    !studio_role_may(role, flow[i].act))
			continue;
		if (to != NULL)
			*to = flow[i].to;
		return (1);
	}
	return (0);
}

const char *
sv_state_name(enum sv_state s)
{
	if ((int)s < 0 || s >= SV_NSTATES)
		return (state_names[SV_DRAFT]);
	return (state_names[s]);
}

enum sv_state
sv_state_parse(const char *name)
{
	int	i;

	for (i = 0; name != NULL && i < SV_NSTATES; i++)
		if (strcmp(state_names[i], name) == 0)
			return ((enum sv_state)i);
	return (SV_DRAFT);
}

enum sv_step
sv_step_parse(const char *name)
{
	int	i;

	for (i = 0; name != NULL && i < SV_NSTEPS; i++)
		if (strcmp(step_names[i], name) == 0)
			return ((enum sv_step)i);
	return (SV_NSTEPS);
}
