/*
 * workflow.c: the state table of submissions (see workflow.h). The table
 * is the only place that says which move is allowed; callers compute the
 * actor's roles and the facts, and ask workflow_check(). Submitters act
 * only while the call is open: after the deadline nothing of theirs
 * changes. Chairs move cases through review, decision and publication.
 * A published case is decided again only after it left the library
 * (unpublish, with a public reason): no row decides a published case.
 */
#include <stddef.h>
#include <string.h>

#include "domain/workflow.h"
#include "web/i18n.h"

#define CHAIRS	(WF_CHAIR | WF_ADMIN)
#define OWNER	WF_SUBMITTER
#define OPEN	WF_BEFORE_DEADLINE

#define ANY	WF_ALWAYS
#define PUB	WF_PUBLISHABLE

const struct wf_rule wf_rules[] = {
	/* from		    to		     who     when  what */
	{ WF_DRAFT,	    WF_SUBMITTED,    OWNER,  OPEN, WF_MOVE },
	{ WF_DRAFT,	    WF_WITHDRAWN,    OWNER,  OPEN, WF_MOVE },
	{ WF_SUBMITTED,	    WF_WITHDRAWN,    OWNER,  OPEN, WF_MOVE },
	{ WF_SUBMITTED,	    WF_UNDER_REVIEW, CHAIRS, ANY,  WF_MOVE },
	{ WF_UNDER_REVIEW,  WF_SUBMITTED,    CHAIRS, ANY,  WF_MOVE },
	{ WF_UNDER_REVIEW,  WF_DECIDED,	     CHAIRS, ANY,  WF_DECIDE },
	{ WF_DECIDED,	    WF_DECIDED,	     CHAIRS, ANY,  WF_DECIDE },
	{ WF_DECIDED,	    WF_UNDER_REVIEW, CHAIRS, ANY,  WF_MOVE },
	{ WF_DECIDED,	    WF_PUBLISHED,    CHAIRS, PUB,  WF_PUBLISH },
	{ WF_PUBLISHED,	    WF_DECIDED,	     CHAIRS, ANY,  WF_UNPUBLISH },
	{ WF_WITHDRAWN,	    WF_DRAFT,	     OWNER,  OPEN, WF_MOVE },
};
const size_t wf_nrules = sizeof(wf_rules) / sizeof(wf_rules[0]);

static const char *const names[WF_NSTATES] = {
	"draft", "submitted", "under_review", "decided", "published",
	"withdrawn"
};

static const char *const labels[WF_NSTATES] = {
	N_("Draft"), N_("Submitted"), N_("Under review"), N_("Decided"),
	N_("Published"), N_("Withdrawn")
};

enum result
workflow_check(enum wf_state from, enum wf_state to, int roles,
    const struct wf_facts *f)
{
	size_t		i;
	int		cond_failed = 0;

	for (i = 0; i < wf_nrules; i++) {
		if (wf_rules[i].from != from || wf_rules[i].to != to ||
		    (wf_rules[i].roles & roles) == 0)
			continue;
		switch (wf_rules[i].cond) {
		case WF_ALWAYS:
			return (RES_OK);
		case WF_BEFORE_DEADLINE:
			if (f != NULL && f->before_deadline)
				return (RES_OK);
			break;
		case WF_PUBLISHABLE:
			if (f != NULL && f->publishable)
				return (RES_OK);
			break;
		}
		cond_failed = 1;
	}
	return (cond_failed ? RES_CONFLICT : RES_FORBIDDEN);
}

int
workflow_action(enum wf_state from, enum wf_state to)
{
	size_t	i;

	for (i = 0; i < wf_nrules; i++) {
		if (wf_rules[i].from == from && wf_rules[i].to == to)
			return ((int)wf_rules[i].action);
	}
	return (-1);
}

size_t
workflow_moves(enum wf_state from, int roles, const struct wf_rule **out,
    size_t max)
{
	size_t	i, n = 0;

	for (i = 0; i < wf_nrules && n < max; i++) {
		if (wf_rules[i].from == from && (wf_rules[i].roles & roles))
			out[n++] = &wf_rules[i];
	}
	return (n);
}

int
workflow_editable(enum wf_state s, const struct wf_facts *f)
{
	return ((s == WF_DRAFT || s == WF_SUBMITTED) && f != NULL &&
	    f->before_deadline);
}

const char *
workflow_name(enum wf_state s)
{
	if ((int)s < 0 || s >= WF_NSTATES)
		return ("");
	return (names[s]);
}

int
workflow_parse(const char *s)
{
	int	i;

	for (i = 0; s != NULL && i < WF_NSTATES; i++) {
		if (strcmp(names[i], s) == 0)
			return (i);
	}
	return (-1);
}

const char *
workflow_label(enum wf_state s)
{
	if ((int)s < 0 || s >= WF_NSTATES)
		return ("");
	return (labels[s]);
}
