/*
 * mail.h: mail to users. Messages are composed in the recipient's
 * language from translated msgids, queued in the outbox inside the
 * caller's transaction, and delivered afterwards, in a process of their
 * own (never in a request), by mail_deliver(): as .eml files under
 * DATA/mail/ when no SMTP server is configured, else by SMTP (libcurl)
 * with retries, exponential back-off and a dead-letter state.
 */
#ifndef ETHICA_MAIL_H
#define ETHICA_MAIL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/keypage.h"
#include "domain/result.h"
#include "store/store.h"

struct buf;
struct i18n_lang;

/* An encoded-word carries at most 45 bytes: 60 base64 characters, so
 * with "=?UTF-8?B?" and "?=" at most 72 characters (RFC 2047: 75). */
#define MAIL_WORD_BYTES		45
#define MAIL_SMTP_TIMEOUT	60	/* seconds for one SMTP transfer */

struct mail_config {
	const char	*smtp_url;	/* "smtp://host:25" or NULL: files */
	const char	*smtp_user;
	const char	*smtp_pass;
	const char	*from;		/* "Ethica <no-reply@...>" */
	int64_t		 retry_base;	/* seconds before the 2nd attempt */
	int64_t		 max_attempts;	/* then a dead letter */
	int64_t		 lease;		/* seconds a claim holds */
	volatile sig_atomic_t *stop;	/* set: abort sending, stop */
};

extern struct mail_config mail_config;

/* Reads ETHICA_SMTP_URL, _USER, _PASS, ETHICA_MAIL_FROM,
 * ETHICA_MAIL_RETRY_BASE and ETHICA_MAIL_ATTEMPTS into mail_config. */
void	mail_config_env(void);

/*
 * The language of mail to someone: their profile language when set and
 * known, else fallback (the page's language for mail to the actor), else
 * the default. Every mail_queue() caller picks the language here.
 */
const struct i18n_lang *mail_lang(const char *profile_lang,
	    const struct i18n_lang *fallback);

/*
 * DATA/run/mail.wake, a FIFO the mail process reads: mail_wake() writes a
 * byte to it (non-blocking, never waits) so queued mail leaves at once
 * instead of at the next poll. Safe in a worker.
 */
void	mail_wake_path(const char *data_dir, char *out, size_t outlen);
void	mail_wake(const char *data_dir);

/* Seconds to wait after the attempts-th failed attempt (1, 2, 4 ...
 * times retry_base, at most a day). */
int64_t	mail_backoff(int64_t attempts);

/*
 * Queues a message. subject and body are msgids translated into lang;
 * "{key}" placeholders are replaced by the values (plain text).
 * Returns 0, or -1 when the store refused it.
 */
int	mail_queue(struct dctx *, const char *to, const struct i18n_lang *lang,
	    const char *subject_msgid, const char *body_msgid,
	    const char *const *keys, const char *const *values, size_t n);
/*
 * Delivers due messages, one claim at a time, at most max. claimer names
 * this process (node/pid): a claim it holds when it dies is freed by
 * store_outbox_release() or when the lease ends. A failed attempt is
 * retried after mail_backoff(); the max_attempts-th failure makes a dead
 * letter. dc->now 0 means the clock. Returns the number of messages
 * tried (sent or failed), or -1 when the store failed.
 */
int	mail_deliver(struct dctx *, const char *claimer, size_t max);

/* Forgets messages sent more than MAIL_KEEP_SENT seconds ago: their
 * text may hold sign-in links. 0, or -1 when the store failed. */
#define MAIL_KEEP_SENT	86400
int	mail_prune(struct dctx *);

/* Appends text as a header value: as is when printable ASCII, else as
 * RFC 2047 encoded-words of whole UTF-8 characters, at most 75
 * characters each, folded onto lines of their own. */
void	mail_header_encode(struct buf *, const char *);
/* Appends message m as RFC 5322 text; its Message-ID ends in the host of
 * public_url. */
void	mail_format(struct buf *, const struct outbox_row *m,
	    const char *public_url);

/* Fills "{key}" placeholders of text (helper, exposed for tests). */
char	*mail_fill(struct dctx *, const char *text, const char *const *keys,
	    const char *const *values, size_t n);

/* The administrator's view of the outbox (/admin/mail): the first
 * MAIL_ADMIN_LIST pending messages (oldest first: a queue that drains)
 * and a page of as many dead letters (newest first: they stay until
 * retried), without bodies (they may hold sign-in links). */
#define MAIL_ADMIN_LIST	100
struct mail_admin_view {
	struct outbox_row	*pending;
	size_t			 npending;
	int64_t			 total_pending;
	struct outbox_row	*dead;
	size_t			 ndead;
	int64_t			 total_dead;
};

/* Lists the outbox for an administrator, the dead letters' page by
 * dead_pg (domain/keypage.h); RES_FORBIDDEN otherwise. */
enum result	mail_admin_list(struct dctx *, struct keypage *dead_pg,
		    struct mail_admin_view *);
/* Queues dead letter id again with fresh attempts (audited);
 * RES_NOT_FOUND when id is not a dead letter. */
enum result	mail_admin_retry(struct dctx *, int64_t id);

#endif
