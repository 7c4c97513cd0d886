/*
 * policy.h: deny-by-default authorisation. Every domain function that
 * acts for a user asks policy_can() first; pages only hide links.
 */
#ifndef ETHICA_POLICY_H
#define ETHICA_POLICY_H

#include "domain/dctx.h"

enum action {
	ACT_ADMIN_USERS,	/* list users, change roles */
	ACT_ADMIN_AUDIT,	/* read the audit log */
	ACT_COURSE_AUTHOR,	/* edit courses one is listed on */
	ACT_COURSE_ADMIN,	/* edit any course, revoke certificates */
	ACT_CALL_CHAIR,		/* run calls, assign, decide, publish */
	ACT_REVIEW,		/* review assigned cases */
	ACT_QUIZ_GRANT		/* grant a learner more quiz attempts (the
				   course's listed authors may too: learning.c) */
};

/* 1 when user (NULL: anonymous) may do act; anything unknown is denied. */
int		 policy_can(const struct user *, enum action);
/* 1 if role is one of the five roles. */
int		 policy_role_valid(const char *role);
/* The roles, in order of rising power, NULL-terminated. */
extern const char *const policy_roles[];
/* Their names for people (msgids to translate), in the same order. */
extern const char *const policy_role_labels[];

#endif
