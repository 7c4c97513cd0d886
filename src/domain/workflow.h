/*
 * workflow.h: the life of a submission as an explicit state table.
 *
 *	draft -> submitted -> under_review -> decided -> published
 *	  \          \
 *	   +----------+--> withdrawn -> draft (reopen)
 *
 * Each row of the table says who (a role relative to the submission) may
 * move it from one state to another, and under which condition. Nothing
 * else in the code decides whether a state change is allowed.
 */
#ifndef ETHICA_WORKFLOW_H
#define ETHICA_WORKFLOW_H

#include "domain/result.h"

enum wf_state {
	WF_DRAFT = 0,
	WF_SUBMITTED,
	WF_UNDER_REVIEW,
	WF_DECIDED,
	WF_PUBLISHED,
	WF_WITHDRAWN,
	WF_NSTATES
};

/* Roles relative to one submission (bits: a user may hold several). */
#define WF_ANON		0x01	/* nobody signed in */
#define WF_SUBMITTER	0x02	/* its owner */
#define WF_REVIEWER	0x04	/* assigned and not conflicted */
#define WF_CHAIR	0x08	/* chair of the programme */
#define WF_ADMIN	0x10
#define WF_NROLES	5

/* Conditions a row may require. */
enum wf_cond {
	WF_ALWAYS = 0,
	WF_BEFORE_DEADLINE,	/* the call is open (opens <= now < closes) */
	WF_PUBLISHABLE		/* selected or accepted, with consent */
};

/* Facts about the submission the conditions are checked against. */
struct wf_facts {
	int	before_deadline;
	int	publishable;
};

struct wf_rule {
	enum wf_state	from;
	enum wf_state	to;
	int		roles;		/* WF_* bits allowed */
	enum wf_cond	cond;
};

extern const struct wf_rule	wf_rules[];
extern const size_t		wf_nrules;

/*
 * Whether a holder of roles may move a submission from -> to given the
 * facts: RES_OK; RES_FORBIDDEN when no row lets these roles make this
 * move; RES_CONFLICT when a row matches but its condition fails.
 */
enum result	 workflow_check(enum wf_state from, enum wf_state to,
		    int roles, const struct wf_facts *);
/* Whether the submitter may change the content: draft or submitted, and
 * before the deadline. */
int		 workflow_editable(enum wf_state, const struct wf_facts *);
/* "draft" ... "withdrawn"; and back (-1 when unknown). */
const char	*workflow_name(enum wf_state);
int		 workflow_parse(const char *);
/* An English msgid for the state, for pages ("Under review"). */
const char	*workflow_label(enum wf_state);

#endif
