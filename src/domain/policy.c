/*
 * policy.c: who may do what (see policy.h). A role grants a fixed set of
 * actions; nothing is granted by default.
 */
#include <stddef.h>
#include <string.h>

#include "domain/policy.h"
#include "domain/validate.h"

#ifndef N_
#define N_(s)	(s)
#endif

const char *const policy_roles[] = {
	"learner", "author", "reviewer", "chair", "admin", NULL
};

const char *const policy_role_labels[] = {
	N_("Learner"), N_("Author"), N_("Reviewer"), N_("Chair"),
	N_("Administrator"), NULL
};

static int	role_is(const struct user *, const char *);

static int
role_is(const struct user *u, const char *role)
{
	return (u->role != NULL && strcmp(u->role, role) == 0);
}

int
policy_can(const struct user *u, enum action act)
{
	if (u == NULL || !u->verified)
		return (0);
	if (role_is(u, "admin"))
		return (1);
	switch (act) {
	case ACT_COURSE_AUTHOR:
		return (role_is(u, "author"));
	case ACT_CALL_CHAIR:
	case ACT_QUIZ_GRANT:
		return (role_is(u, "chair"));
	case ACT_REVIEW:
		return (role_is(u, "reviewer") || role_is(u, "chair"));
	case ACT_ADMIN_USERS:
	case ACT_ADMIN_AUDIT:
	case ACT_COURSE_ADMIN:
	default:
		return (0);
	}
}

int
policy_role_valid(const char *role)
{
	return (str_listed(policy_roles, role));
}
