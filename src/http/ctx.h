/*
 * ctx.h: one request as our handlers see it. ctx_begin() loads the
 * session, picks the language, prepares the CSRF token and a view for the
 * templates; handlers read validated parameters, call one domain
 * function, then end with exactly one of ctx_render(), ctx_redirect(),
 * ctx_error() or ctx_send(). Every response carries the security headers.
 */
#ifndef ETHICA_CTX_H
#define ETHICA_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"
#include "domain/upload.h"
#include "http/flash.h"

struct http_request;
struct tv;
struct i18n_lang;

#define CTX_GET		0x01	/* GET and HEAD */
#define CTX_POST	0x02

struct ctx {
	struct http_request	*req;
	struct dctx		 dc;
	struct user		*user;		/* NULL when anonymous */
	const struct i18n_lang	*lang;
	int			 hant;	/* asked for Traditional Chinese */
	int			 gzip;	/* the client accepts gzip */
	int			 lang_from_link;	/* ?lang= chose it */
	int			 has_flash;	/* a confirmation cookie came */
	struct tv		*view;		/* root map for templates */
	struct form_errors	 fe;		/* the posted form's errors,
						 * which the domain fills */
	char			 csrf[65];	/* token expected in forms */
	char			 session[64];	/* cookie value, or "" */
	char			 session_id[65]; /* its account_session_id */
	char			 anon[40];	/* anonymous CSRF cookie */
	int			 is_post;
	int			 params_loaded;
	char			*cache_key;	/* ctx_render stores the page */
	int			 secret_url;	/* the URL holds a one-time
						 * token: send no Referer */
	int64_t			 cache_until;	/* ...true until this second */
	int			 parked;	/* asleep until a slow step ran
						 * (offload.h): no response yet */
};

/* Starts a request; never fails (a broken session just means anonymous). */
void		 ctx_begin(struct ctx *, struct http_request *);
/* ctx_begin for a request called again after it slept (offload.h): u is
 * the user its first call read from the session, which is not read
 * again (u NULL: as ctx_begin). */
void		 ctx_begin_as(struct ctx *, struct http_request *,
		    const struct user *);
/* How many requests this worker began (for the per-request cost of
 * the database logged when the worker stops). */
uint64_t	 ctx_requests(void);
/* Frees the request's arena. Returns KORE_RESULT_OK for the handler, or
 * KORE_RESULT_RETRY when c->parked (Kore calls the handler again). */
int		 ctx_end(struct ctx *);

/* Refuses (405 page) methods not in allowed; returns 1 when allowed. */
int		 ctx_method(struct ctx *, int allowed);
/* For POST: parses the form and checks the CSRF token; on failure the
 * 403 page is sent and 0 returned. Bodies over CTX_FORM_MAX get the 413
 * page (in the user's language); handlers that take file uploads call
 * ctx_post_upload() with their own limit instead. */
#define CTX_FORM_MAX	UPLOAD_TEXT_MAX
int		 ctx_post(struct ctx *);
int		 ctx_post_upload(struct ctx *, size_t max_body);
/* For a signed-in page: 0 and a redirect to /login when anonymous. */
int		 ctx_require_user(struct ctx *);

/* A validated parameter (query string for GET, form for POST), or NULL. */
const char	*ctx_param(struct ctx *, const char *name);
/* The raw (still percent-encoded) value of name in the query string,
 * whether or not the route declares it (arena copy), or NULL. For telling
 * a parameter given but refused from one not given at all. */
const char	*ctx_query_raw(struct ctx *, const char *name);
/* A parameter as an integer in [min, max], written with the digits of
 * any script (numerals.h), else def. */
int64_t		 ctx_param_int(struct ctx *, const char *name, int64_t min,
		    int64_t max, int64_t def);

/* Sends the regular file at path (200, of type, as an attachment named
 * download_name unless NULL) without reading it in the event loop: Kore
 * maps it and writes it as the socket takes it. -1 when it cannot be
 * opened (nothing sent). */
int		 ctx_send_file(struct ctx *, const char *path,
		    const char *type, const char *download_name);

/* Translates msgid in the request's language. */
const char	*ctx_tr(struct ctx *, const char *msgid);
/* A duration of m minutes in the viewer's language: "45 min", "2 h",
 * "1 h 30 min" (arena). */
const char	*ctx_minutes(struct ctx *, int64_t m);
/* The time t as a date in the viewer's language, in UTC, with the time of
 * day when with_time (arena); "" when it cannot be written. */
const char	*ctx_date(struct ctx *, int64_t t, int with_time);
/* Sets view.title to the translated msgid. */
void		 ctx_title(struct ctx *, const char *msgid);
/* Puts form values and translated errors into view.form / view.errors. */
void		 ctx_form(struct ctx *, const struct form_errors *,
		    const char *const *fields);

/*
 * For public pages that are the same for every anonymous visitor: when
 * this visitor is anonymous and the page cache holds this page as it would
 * be rendered now, sends it and returns 1 (the handler is done); else
 * returns 0 and, when the visitor is anonymous, has ctx_render keep the
 * page. A handler calls it first, and only when its page depends on
 * nothing but public content (the tables that move the content version,
 * migration 0018), the language, the time zone cookie, the path and the
 * query string (see src/web/pagecache.c).
 */
int		 ctx_cached(struct ctx *);
/* 1 when pages are kept at all (ETHICA_PAGE_CACHE): a handler that reads
 * a version only to key ctx_cached_user skips the read when not. */
int		 ctx_keeping(void);
/*
 * ctx_cached for a signed-in viewer's page that depends, beyond what
 * ctx_cached's pages do, on nothing but the viewer (id, role and name:
 * the key holds them, so no one is shown another's page) and on data
 * whose version the handler read (scope names it, such as "chair-cases
 * 12"; version is that version, CACHE_NO_VERSION: not cached). 0 for
 * anonymous visitors.
 */
int		 ctx_cached_user(struct ctx *, const char *scope,
		    int64_t version);
/* The page being rendered may change with the clock at second t (e.g. a
 * call opening): the page cache keeps it until then, not after. */
void		 ctx_cache_until(struct ctx *, int64_t t);
/* Renders pages/<page> in the layout with the given status. */
void		 ctx_render(struct ctx *, int status, const char *page);
/* 303 to a local path. */
void		 ctx_redirect(struct ctx *, const char *path);
/* The error page for status (400 403 404 405 409 410 413 429 500). */
void		 ctx_error(struct ctx *, int status);
/* Maps a domain result to its error page. */
void		 ctx_fail(struct ctx *, enum result);
/* After a domain call that answered r: 1 when r is RES_OK, else 0 and
 * the error page of r is sent. */
int		 ctx_ok(struct ctx *, enum result r);
/* Ends an action after its domain call answered r: on RES_OK leaves the
 * confirmation f (none for FLASH_NONE) and redirects to path, else the
 * error page of r. */
void		 ctx_done(struct ctx *, enum result r, enum flash f,
		    const char *path);
/* Sends a body as is, with the security headers. */
void		 ctx_send(struct ctx *, int status, const char *type,
		    const void *body, size_t len);

/* Cookies of our own (never Kore's helper: it copies Host to Domain=). */
/* Leaves the confirmation f (flash.h) for the page the next redirect
 * leads to; call just before ctx_redirect(). */
void		 ctx_flash(struct ctx *, enum flash);
void		 ctx_cookie(struct ctx *, const char *name, const char *value,
		    int64_t max_age);
/* Starts a signed-in session for token (sets the cookie). */
void		 ctx_session_set(struct ctx *, const char *token);
void		 ctx_session_clear(struct ctx *);

/* Wakes the mail process after the request's transaction queued mail;
 * never sends (no SMTP, no file writing in a worker). */
void		 ctx_mail_flush(struct ctx *);

/* 1 if path is a safe local redirect target ("/x", not "//x"). */
int		 ctx_local_path(const char *path);

#endif
