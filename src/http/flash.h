/*
 * flash.h: the short confirmations shown once on the page a successful
 * action redirects to ("Your profile is saved."). They are a fixed table
 * of messages, so that a cookie carries only the number of one, never
 * text: nothing a request sends can become a message on a page.
 */
#ifndef ETHICA_FLASH_H
#define ETHICA_FLASH_H

enum flash {
	FLASH_NONE = 0,
	FLASH_PROFILE_SAVED,
	FLASH_PASSWORD_CHANGED,
	FLASH_PASSWORD_RESET,
	FLASH_REVIEW_DRAFT_SAVED,
	FLASH_REVIEW_SUBMITTED,
	FLASH_DECISION_RECORDED,
	FLASH_CONFLICT_DECLARED,
	FLASH_CONFLICT_REMOVED,
	FLASH_REVIEWER_ASSIGNED,
	FLASH_REVIEWER_REMOVED,
	FLASH_CASE_MOVED,
	FLASH_CASE_PUBLISHED,
	FLASH_CASE_UNPUBLISHED,
	FLASH_DRAFT_SAVED,
	FLASH_SUBMITTED,
	FLASH_WITHDRAWN,
	FLASH_CALL_SAVED,
	FLASH_EXPERTISE_SAVED,
	FLASH_ROLE_CHANGED,
	FLASH_LESSON_SAVED,
	FLASH_ATTEMPTS_GRANTED,
	FLASH_CERTIFICATE_REVOKED,
	FLASH_MAIL_RETRIED,
	FLASH_TEMPLATES_SAVED,
	FLASH_REOPENED,
	FLASH_CONFLICT_UPDATED,
	FLASH_OFFLINE_RECORDED,
	FLASH_COUNT
};

/* The msgid of a confirmation, or NULL for FLASH_NONE and out of range. */
const char	*flash_msgid(int);

#endif
