/*
 * result.h: the error values every domain function returns, and the form
 * errors it hands back for the page to show beside each field.
 *
 * Messages are English msgids; the HTTP layer translates them. The mapping
 * from result to HTTP status lives in one place (src/http/ctx.c).
 */
#ifndef ETHICA_RESULT_H
#define ETHICA_RESULT_H

enum result {
	RES_OK = 0,
	RES_INVALID,		/* input refused; see the form errors */
	RES_NOT_FOUND,		/* no such thing, or not visible to this user */
	RES_FORBIDDEN,		/* visible but not allowed */
	RES_CONFLICT,		/* state does not allow it (e.g. after deadline) */
	RES_RATE_LIMITED,		/* too many attempts */
	RES_EXPIRED,		/* a link or token that expired or was used */
	RES_INTERNAL,		/* storage failed; nothing was written */
	RES_PENDING		/* slow work to run first (crypto.h, pw_work) */
};

#define FORM_MAX_ERRORS	16

struct form_errors {
	int		 n;
	const char	*field[FORM_MAX_ERRORS];
	const char	*msgid[FORM_MAX_ERRORS];
};

/*
 * The result of a store call that reads one thing: RES_OK for STORE_OK,
 * RES_NOT_FOUND for STORE_NOT_FOUND, RES_INTERNAL for any other code.
 */
enum result	 result_from_store(int store_rc);

/* Adds an error for field (both strings borrowed, usually literals). */
void		 form_error(struct form_errors *, const char *field,
		    const char *msgid);
/* The first message for field, or NULL. */
const char	*form_error_for(const struct form_errors *, const char *field);

#endif
