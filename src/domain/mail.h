/*
 * mail.h: mail to users. Messages are composed in the recipient's
 * language from translated msgids, queued in the outbox inside the
 * caller's transaction, and delivered afterwards by mail_deliver(): as
 * .eml files under DATA/mail/ when no SMTP server is configured, else by
 * SMTP (libcurl) with retries and back-off.
 */
#ifndef ETHICA_MAIL_H
#define ETHICA_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"

struct i18n_lang;

struct mail_config {
	const char	*smtp_url;	/* "smtp://host:25" or NULL: files */
	const char	*smtp_user;
	const char	*smtp_pass;
	const char	*from;		/* "Ethica <no-reply@...>" */
};

extern struct mail_config mail_config;

/*
 * Queues a message. subject and body are msgids translated into lang;
 * "{key}" placeholders are replaced by the values (plain text).
 * Returns 0, or -1 when the store refused it.
 */
int	mail_queue(struct dctx *, const char *to, const struct i18n_lang *lang,
	    const char *subject_msgid, const char *body_msgid,
	    const char *const *keys, const char *const *values, size_t n);
/*
 * Delivers due messages (at most max). claimer names this process.
 * Returns the number delivered, or -1 when the store failed.
 */
int	mail_deliver(struct dctx *, const char *claimer, size_t max);

/* Fills "{key}" placeholders of text (helper, exposed for tests). */
char	*mail_fill(struct dctx *, const char *text, const char *const *keys,
	    const char *const *values, size_t n);

#endif
