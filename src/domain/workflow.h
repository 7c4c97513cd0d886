/*
 * workflow.h: the life of a submission as an explicit state table.
 *
 *	draft -> submitted -> under_review -> decided -> published
 *	  \          \
 *	   +----------+--> withdrawn -> draft (reopen)
 *
 * Each row of the table says who (a role relative to the submission) may
 * move it from one state to another, under which condition, and what the
 * move does besides changing the state (record a decision, put the case
 * into the library, take it out). Nothing else in the code decides
 * whether a state change is allowed or what it does: deciding, publishing
 * and unpublishing all look their row up here, and the pages offer the
 * moves the table lists.
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

/* What a move does besides the state change. */
enum wf_action {
	WF_MOVE = 0,		/* nothing else */
	WF_DECIDE,		/* records a decision, mails the submitter */
	WF_PUBLISH,		/* the case enters the library */
	WF_UNPUBLISH		/* the case leaves it, with a public reason */
};

struct wf_rule {
	enum wf_state	from;
	enum wf_state	to;
	int		roles;		/* WF_* bits allowed */
	enum wf_cond	cond;
	enum wf_action	action;
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
/* The action of the row from -> to (rows are unique per pair), or -1
 * when the table has no such row. */
int		 workflow_action(enum wf_state from, enum wf_state to);
/*
 * The rows leaving from that a holder of roles may take (conditions not
 * checked: see workflow_check()), in table order, into out[] (at most
 * max); returns how many.
 */
size_t		 workflow_moves(enum wf_state from, int roles,
		    const struct wf_rule **out, size_t max);
/* Whether the submitter may change the content: draft or submitted, and
 * before the deadline. */
int		 workflow_editable(enum wf_state, const struct wf_facts *);
/* "draft" ... "withdrawn"; and back (-1 when unknown). */
const char	*workflow_name(enum wf_state);
int		 workflow_parse(const char *);
/* An English msgid for the state, for pages ("Under review"). */
const char	*workflow_label(enum wf_state);

#endif
