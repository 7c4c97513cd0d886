/*
 * studio_version_flow.h: the review workflow of a course's versions
 * (issue 16.6 point 4), as one table: the studio's head (the newest
 * version, what authors edit) goes draft -> in review -> approved, and
 * publishing makes it what learners see. Who may take each step is the
 * act the table names, asked of studio.c's rule table (a role's right
 * in one place), and whether the course requires a reviewer's approval
 * before publishing decides which publishing steps exist:
 *
 *   submit   draft -> review       STUDIO_SUBMIT  (authors, owners)
 *   approve  review -> approved    STUDIO_APPROVE (reviewers, owners)
 *   return   review -> draft       STUDIO_APPROVE, with a comment
 *   return   approved -> draft     STUDIO_APPROVE (approval withdrawn)
 *   publish  approved -> draft     STUDIO_PUBLISH (owners)
 *   publish  draft|review -> draft STUDIO_PUBLISH, only when approval
 *                                  is not required
 *   publish  draft -> draft        STUDIO_SUBMIT, only when approval is
 *                                  not required (an author publishes)
 *
 * After publishing, the head is the published version and the next save
 * starts a new draft. Pure: no store, no Kore.
 */
#ifndef ETHICA_STUDIO_VERSION_FLOW_H
#define ETHICA_STUDIO_VERSION_FLOW_H

#include "domain/studio.h"

enum sv_state {
	SV_DRAFT = 0,
	SV_REVIEW,
	SV_APPROVED,
	SV_NSTATES
};

enum sv_step {
	SV_SUBMIT = 0,
	SV_APPROVE,
	SV_RETURN,
	SV_PUBLISH,
	SV_NSTEPS
};

/*
 * 1 when role may take step from state on a course that does (required
 * 1) or does not require a reviewer's approval before publishing, with
 * the state it leads to in *to (may be NULL); 0 when the step does not
 * exist from state or the role may not take it.
 */
int		 sv_may(enum studio_role, enum sv_state from, int required,
		    enum sv_step, enum sv_state *to);
/* The stored name of a state ("draft", "review", "approved"), and back
 * (SV_DRAFT for anything unknown). */
const char	*sv_state_name(enum sv_state);
enum sv_state	 sv_state_parse(const char *);
/* The step named name ("submit"...), or SV_NSTEPS when unknown. */
enum sv_step	 sv_step_parse(const char *);

#endif
