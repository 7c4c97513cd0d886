/*
 * flash.c: the table of confirmations (see flash.h). Only texts live here;
 * ctx.c carries the number in the "flash" cookie from the action to the
 * next page and shows the text there in the reader's language.
 */
#include <stddef.h>

#include "http/flash.h"
#include "web/i18n.h"

static const char *const msgids[FLASH_COUNT] = {
	[FLASH_NONE] = NULL,
	[FLASH_PROFILE_SAVED] = N_("Your profile is saved."),
	[FLASH_PASSWORD_CHANGED] = N_("Your password is changed. Every other "
	    "session of your account is signed out."),
	[FLASH_PASSWORD_RESET] = N_("Your new password is set. Every other "
	    "session and reset link of your account no longer works."),
	[FLASH_REVIEW_DRAFT_SAVED] = N_("Your review draft is saved. Only you "
	    "can see it until you submit it."),
	[FLASH_REVIEW_SUBMITTED] = N_("Your review is submitted."),
	[FLASH_DECISION_RECORDED] = N_("The decision is recorded."),
	[FLASH_CONFLICT_DECLARED] = N_("Your conflict of interest is "
	    "recorded: you will not see or review this case."),
	[FLASH_CONFLICT_REMOVED] = N_("The conflict of interest is "
	    "removed."),
	[FLASH_REVIEWER_ASSIGNED] = N_("The reviewer is assigned and will "
	    "be told by mail."),
	[FLASH_REVIEWER_REMOVED] = N_("The reviewer is no longer assigned."),
	[FLASH_CASE_MOVED] = N_("The case has moved to its new state."),
	[FLASH_CASE_PUBLISHED] = N_("The case is published in the library."),
	[FLASH_CASE_UNPUBLISHED] = N_("The case is taken out of the "
	    "library."),
	[FLASH_DRAFT_SAVED] = N_("Your draft is saved. You can come back "
	    "and edit it until the deadline."),
	[FLASH_SUBMITTED] = N_("Your case is submitted. We have sent you a "
	    "confirmation by mail."),
	[FLASH_WITHDRAWN] = N_("Your submission is withdrawn."),
	[FLASH_CALL_SAVED] = N_("The call is saved."),
	[FLASH_EXPERTISE_SAVED] = N_("Your expertise is saved."),
	[FLASH_ROLE_CHANGED] = N_("The role is changed."),
	[FLASH_LESSON_SAVED] = N_("The lesson is saved as a new version of "
	    "the course."),
	[FLASH_ATTEMPTS_GRANTED] = N_("Attempts granted: the learner can take "
	    "the quiz again."),
	[FLASH_MAIL_RETRIED] = N_("The message is queued again."),
	[FLASH_CERTIFICATE_REVOKED] = N_("The certificate is revoked."),
	[FLASH_TEMPLATES_SAVED] = N_("The decision mail templates are "
	    "saved."),
	[FLASH_REOPENED] = N_("Your submission is a draft again: edit it "
	    "and submit it before the deadline."),
	[FLASH_CONFLICT_UPDATED] = N_("The conflict of interest is "
	    "updated."),
	[FLASH_OFFLINE_RECORDED] = N_("The lessons you read offline are "
	    "recorded as done."),
	[FLASH_COURSE_CREATED] = N_("The course is created as version 1. "
	    "Build its outline here."),
	[FLASH_OUTLINE_SAVED] = N_("The outline is saved as a new version of "
	    "the course."),
	[FLASH_TEAM_SAVED] = N_("The course team is saved."),
	[FLASH_COURSE_ARCHIVED] = N_("The course is archived: it has left "
	    "the catalog."),
	[FLASH_COURSE_UNARCHIVED] = N_("The course is back in the catalog."),
	[FLASH_ROLLED_BACK] = N_("The course is rolled back: the earlier "
	    "version's files are its newest version."),
	[FLASH_QUIZ_SAVED] = N_("The quiz is saved as a new version of the "
	    "course."),
	[FLASH_PACKAGE_IMPORTED] = N_("The package is saved as a new version "
	    "of the course."),
	[FLASH_PACKAGE_UNCHANGED] = N_("The package equals the course's "
	    "current version: nothing changed."),
	[FLASH_LANGUAGE_ADDED] = N_("The language is added: its "
	    "translations are missing until someone writes them."),
	[FLASH_TRANSLATION_SAVED] = N_("The translation is saved as a new "
	    "version of the course."),
	[FLASH_TRANSLATION_CONFIRMED] = N_("The translation is confirmed: "
	    "it follows the current source."),
};

const char *
flash_msgid(int n)
{
	if (n <= FLASH_NONE || n >= FLASH_COUNT)
		return (NULL);
	return (msgids[n]);
}
