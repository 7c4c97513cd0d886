/*
 * account.c: accounts and sessions (see account.h). It never learns about
 * HTTP: the caller hands in strings and gets back result values, form
 * errors and tokens to put in a cookie or a link.
 */
#include <stdio.h>
#include <string.h>

#include "domain/account.h"
#include "domain/audit.h"
#include "domain/mail.h"
#include "domain/validate.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"

struct account_limits account_limits = {
	.session_idle = 7 * 86400,
	.session_max = 30 * 86400,
	.login_max_account = 10,
	.login_max_addr = 50,
	.login_window = 15 * 60,
	.verify_ttl = 3 * 86400,
	.reset_ttl = 3600,
};

static enum result	 session_start(struct dctx *, int64_t user_id,
			    char token_out[TOKEN_LEN + 1]);
static int		 token_issue(struct dctx *, int64_t user_id,
			    const char *purpose, int64_t ttl,
			    char token_out[TOKEN_LEN + 1]);
static enum result	 rate_limited(struct dctx *, const char *email);
static void		 attempt_failed(struct dctx *, const char *email);
static const struct i18n_lang *user_lang(struct dctx *,
			    const struct user_row *);
static char		*email_norm(struct dctx *, const char *);
static int		 revoke_all(struct dctx *, int64_t user_id);
static enum result	 reset_link(struct dctx *, const char *token,
			    char h[HASH_HEX_LEN + 1], int64_t *user_id);
static enum result	 request_queue(struct dctx *, const char *kind,
			    const char *email, const char *name,
			    const char *pw);
static int		 register_run(struct dctx *,
			    const struct account_request_row *);
static int		 forgot_run(struct dctx *,
			    const struct account_request_row *);
static struct pw_work	*pw_fresh(struct pw_work *, struct pw_work *);
static enum result	 pw_go(struct pw_work *, struct pw_work *,
			    struct pw_work **);
static enum result	 pw_end(struct dctx *, struct pw_work *, int);

/*
 * The slow step of a function (crypto.h): the struct to describe it in,
 * or NULL when the caller's w has run already and the function finishes
 * with it. Without a caller's w the step runs here, in local.
 */
static struct pw_work *
pw_fresh(struct pw_work *w, struct pw_work *local)
{
	if (w != NULL && w->state == PW_DONE)
		return (NULL);
	if (w == NULL)
		w = local;
	pw_work_clear(w);
	return (w);
}

/*
 * The step d is described: RES_PENDING when the caller's w is to be run
 * apart (d is w), else runs it now and points *done at it (RES_OK).
 */
static enum result
pw_go(struct pw_work *w, struct pw_work *d, struct pw_work **done)
{
	d->state = PW_READY;
	if (w != NULL)
		return (RES_PENDING);
	pw_work_run(d);
	*done = d;
	return (RES_OK);
}

/*
 * The end of a password flow's write, begun with store_begin: commits
 * unless failed, else rolls back (RES_INTERNAL); then wipes local, the
 * flow's own work.
 */
static enum result
pw_end(struct dctx *dc, struct pw_work *local, int failed)
{
	enum result	r;

	r = failed ? dctx_abort(dc, RES_INTERNAL) : dctx_commit(dc);
	pw_work_clear(local);
	return (r);
}

/*
 * Ends every session of the user and spends every unused one-time token
 * (reset and verification links): what a password change or reset must
 * do, inside the caller's transaction. Returns a STORE_ code.
 */
static int
revoke_all(struct dctx *dc, int64_t user_id)
{
	if (store_session_delete_user(dc->db, user_id) != STORE_OK)
		return (STORE_ERROR);
	return (store_token_revoke_user(dc->db, user_id, "", dc->now));
}

static char *
email_norm(struct dctx *dc, const char *email)
{
	char	*e;

	if ((e = str_trim(dc->a, email)) != NULL)
		str_lower_ascii(e);
	return (e);
}

struct user *
account_user(struct dctx *dc, const struct user_row *r)
{
	struct user	*u;

	u = arena_alloc(dc->a, sizeof(*u));
	u->id = r->id;
	u->email = r->email;
	u->display_name = r->display_name;
	u->role = r->role;
	u->language = r->language;
	u->country = r->country;
	u->verified = r->verified_at != 0;
	u->created_at = r->created_at;
	return (u);
}

static const struct i18n_lang *
user_lang(struct dctx *dc, const struct user_row *r)
{
	return (mail_lang(r != NULL ? r->language : NULL, dc->lang));
}

static int
token_issue(struct dctx *dc, int64_t user_id, const char *purpose,
    int64_t ttl, char token_out[TOKEN_LEN + 1])
{
	char	h[HASH_HEX_LEN + 1];

	token_new(token_out);
	hash_hex(token_out, h);
	return (store_token_insert(dc->db, h, user_id, purpose, dc->now,
	    dc->now + ttl));
}

static enum result
session_start(struct dctx *dc, int64_t user_id, char token_out[TOKEN_LEN + 1])
{
	char	h[HASH_HEX_LEN + 1];

	token_new(token_out);
	hash_hex(token_out, h);
	if (store_session_insert(dc->db, h, user_id, dc->now,
	    dc->now + account_limits.session_max) != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
account_register(struct dctx *dc, const char *email, const char *name,
    const char *password, struct pw_work *w, struct form_errors *fe)
{
	struct pw_work	 local, *d, *done = w;
	enum result	 r;
	char		*e, *n;

	memset(&local, 0, sizeof(local));
	e = email_norm(dc, email);
	n = str_trim(dc->a, name);
	check_email(fe, "email", e);
	check_display_name(fe, "display_name", n);
	check_password(fe, "password", password, e, n);
	if (fe->n > 0)
		return (RES_INVALID);
	if ((d = pw_fresh(w, &local)) != NULL) {
		d->new_pw = pw_work_copy(password);
		if ((r = pw_go(w, d, &done)) != RES_OK)
			return (r);
	}
	if (!done->hashed)
		r = RES_INTERNAL;
	else
		r = request_queue(dc, "register", e, n, done->new_hash);
	pw_work_clear(&local);
	return (r);
}

/*
 * Queues one request row, the same for every address: whether it has an
 * account is only looked at by account_requests_run(), off the request.
 */
static enum result
request_queue(struct dctx *dc, const char *kind, const char *email,
    const char *name, const char *pw)
{
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_request_add(dc->db, kind, email, name, pw,
	    i18n_code(dc->lang != NULL ? dc->lang : i18n_default()), dc->now)
	    != STORE_OK)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

/* A queued sign-up, inside the caller's transaction: the account and its
 * verification mail, or a mail to the owner of an existing account. */
static int
register_run(struct dctx *dc, const struct account_request_row *q)
{
	struct user_row	 u, old;
	char		 tok[TOKEN_LEN + 1];
	const char	*keys[2], *vals[2];
	int64_t		 id;
	int		 rc;

	memset(&old, 0, sizeof(old));
	rc = store_user_by_email(dc->db, dc->a, q->email, &old);
	if (rc == STORE_OK) {
		/* Tell the owner, not the visitor. */
		keys[0] = "name"; vals[0] = old.display_name;
		keys[1] = "link";
		vals[1] = arena_printf(dc->a, "%s/password/forgot",
		    dc->public_url);
		return (mail_queue(dc, q->email, user_lang(dc, &old),
		    N_("Someone tried to register with your address"),
		    N_("Hello {name},\n\nSomeone tried to create an Ethica "
		    "account with this email address, which already has one. "
		    "If it was you, log in, or set a new password here:\n"
		    "{link}\n\nIf it was not you, you can ignore this "
		    "message.\n"), keys, vals, 2));
	}
	if (rc != STORE_NOT_FOUND)
		return (-1);
	memset(&u, 0, sizeof(u));
	u.email = q->email;
	u.display_name = q->display_name;
	u.password_hash = q->password_hash;
	u.role = "learner";
	/* Mail later (decisions, assignments) follows the profile language:
	 * it starts as the language the account was made in. */
	u.language = dc->lang != NULL ? (char *)i18n_code(dc->lang) : "";
	u.country = "";
	if (store_user_insert(dc->db, &u, dc->now, &id) != STORE_OK ||
	    token_issue(dc, id, "verify", account_limits.verify_ttl, tok)
	    != STORE_OK)
		return (-1);
	keys[0] = "name"; vals[0] = q->display_name;
	keys[1] = "link";
	vals[1] = arena_printf(dc->a, "%s/verify?token=%s", dc->public_url,
	    tok);
	if (mail_queue(dc, q->email, dc->lang, N_("Confirm your email address"),
	    N_("Hello {name},\n\nWelcome to Ethica. Please confirm your "
	    "email address by opening this link:\n{link}\n\nThe link works "
	    "for 3 days. If you did not create an account, ignore this "
	    "message.\n"), keys, vals, 2) == -1 ||
	    audit_log(dc, id, "user.register", "user", id, "") == -1)
		return (-1);
	return (0);
}

/* A queued reset request, inside the caller's transaction: a token and
 * its mail when the address has an account, nothing otherwise. */
static int
forgot_run(struct dctx *dc, const struct account_request_row *q)
{
	struct user_row	 u;
	char		 tok[TOKEN_LEN + 1];
	const char	*keys[2], *vals[2];
	int		 rc;

	memset(&u, 0, sizeof(u));
	rc = store_user_by_email(dc->db, dc->a, q->email, &u);
	if (rc == STORE_NOT_FOUND)
		return (0);
	if (rc != STORE_OK || token_issue(dc, u.id, "reset",
	    account_limits.reset_ttl, tok) != STORE_OK)
		return (-1);
	keys[0] = "name"; vals[0] = u.display_name;
	keys[1] = "link";
	vals[1] = arena_printf(dc->a, "%s/password/reset?token=%s",
	    dc->public_url, tok);
	return (mail_queue(dc, q->email, user_lang(dc, &u),
	    N_("Set a new password"),
	    N_("Hello {name},\n\nTo set a new password for your Ethica "
	    "account, open this link within one hour:\n{link}\n\nThe link "
	    "works once. If you did not ask for it, ignore this message: "
	    "your password stays as it is.\n"), keys, vals, 2));
}

int
account_requests_run(struct dctx *dc, size_t max)
{
	struct account_request_row	 q;
	const struct i18n_lang		*saved;
	int64_t				 waiting;
	size_t				 n;
	int				 rc;

	/* Idle most of the time: a read, not a write lock, says so. */
	if (store_request_count(dc->db, &waiting) != STORE_OK ||
	    waiting == 0)
		return (0);
	saved = dc->lang;
	for (n = 0; n < max; n++) {
		if (store_begin(dc->db) != STORE_OK)
			break;
		memset(&q, 0, sizeof(q));
		if ((rc = store_request_take(dc->db, dc->a, &q)) != STORE_OK) {
			(void)store_rollback(dc->db);
			break;
		}
		if ((dc->lang = i18n_lang_get(q.lang)) == NULL)
			dc->lang = i18n_default();
		if (strcmp(q.kind, "register") == 0)
			rc = register_run(dc, &q);
		else
			rc = forgot_run(dc, &q);
		if (rc == -1) {
			/* Put back for the next tick. */
			(void)store_rollback(dc->db);
			break;
		}
		if (store_commit(dc->db) != STORE_OK)
			break;
	}
	dc->lang = saved;
	return ((int)n);
}

enum result
account_verify(struct dctx *dc, const char *token)
{
	char	h[HASH_HEX_LEN + 1];
	int64_t	uid;
	int	rc;

	if (token == NULL || *token == '\0')
		return (RES_EXPIRED);
	hash_hex(token, h);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	rc = store_token_consume(dc->db, h, "verify", dc->now, &uid);
	if (rc == STORE_NOT_FOUND)
		return (dctx_abort(dc, RES_EXPIRED));
	/* The address is confirmed: the account's other links for it are
	 * spent too. */
	if (rc != STORE_OK || store_user_set_verified(dc->db, uid, dc->now)
	    != STORE_OK || store_token_revoke_user(dc->db, uid, "verify",
	    dc->now) != STORE_OK || audit_log(dc, uid, "user.verify", "user",
	    uid, "") == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

static enum result
rate_limited(struct dctx *dc, const char *email)
{
	int64_t	n, since;

	since = dc->now - account_limits.login_window;
	if (store_attempt_count(dc->db, "account", email, since, &n)
	    != STORE_OK)
		return (RES_INTERNAL);
	if (n >= account_limits.login_max_account)
		return (RES_RATE_LIMITED);
	if (dc->client_addr != NULL) {
		if (store_attempt_count(dc->db, "addr", dc->client_addr, since,
		    &n) != STORE_OK)
			return (RES_INTERNAL);
		if (n >= account_limits.login_max_addr)
			return (RES_RATE_LIMITED);
	}
	return (RES_OK);
}

static void
attempt_failed(struct dctx *dc, const char *email)
{
	(void)store_attempt_add(dc->db, "account", email, dc->now);
	if (dc->client_addr != NULL)
		(void)store_attempt_add(dc->db, "addr", dc->client_addr,
		    dc->now);
}

enum result
account_login(struct dctx *dc, const char *email, const char *password,
    struct pw_work *w, char token_out[TOKEN_LEN + 1],
    struct form_errors *fe)
{
	struct user_row	 u;
	struct pw_work	 local, *d, *done = w;
	enum result	 r;
	const char	*stored;
	char		*e;
	int		 rc, ok;

	memset(&local, 0, sizeof(local));
	e = email_norm(dc, email);
	check_required(fe, "email", e);
	check_required(fe, "password", password);
	if (fe->n > 0)
		return (RES_INVALID);
	if ((r = rate_limited(dc, e)) != RES_OK)
		return (r);
	memset(&u, 0, sizeof(u));
	rc = store_user_by_email(dc->db, dc->a, e, &u);
	if (rc == STORE_ERROR)
		return (RES_INTERNAL);
	/* An unknown address costs the same work as a known one. */
	stored = password_dummy_hash();
	if (rc == STORE_OK && strlen(u.password_hash) < PW_HASH_MAX)
		stored = u.password_hash;
	if ((d = pw_fresh(w, &local)) != NULL) {
		(void)snprintf(d->verify_hash, sizeof(d->verify_hash), "%s",
		    stored);
		d->verify_pw = pw_work_copy(password);
		/* Made with older limits: hashed again with today's. */
		if (rc == STORE_OK && password_needs_rehash(stored))
			d->new_pw = pw_work_copy(password);
		if ((r = pw_go(w, d, &done)) != RES_OK)
			return (r);
	}
	/* The hash checked must still be the account's: a password changed
	 * meanwhile, or an account made meanwhile, fails this attempt. A
	 * hash that moved is checked once more (another login of the
	 * account may have made it again with today's limits). */
	ok = rc == STORE_OK && done->verified &&
	    strcmp(done->verify_hash, stored) == 0;
	if (!ok && rc == STORE_OK && done->verified && !done->again) {
		d = w != NULL ? w : &local;
		pw_work_clear(d);
		(void)snprintf(d->verify_hash, sizeof(d->verify_hash), "%s",
		    stored);
		d->verify_pw = pw_work_copy(password);
		d->again = 1;
		if ((r = pw_go(w, d, &done)) != RES_OK)
			return (r);
		ok = done->verified;
	}
	if (!ok) {
		attempt_failed(dc, e);
		form_error(fe, "password", N_("The email address or the "
		    "password is not right."));
		r = RES_INVALID;
		goto out;
	}
	if (u.verified_at == 0) {
		form_error(fe, "email", N_("Please confirm your email address "
		    "first: open the link we sent you."));
		r = RES_INVALID;
		goto out;
	}
	r = RES_INTERNAL;
	if (store_begin(dc->db) != STORE_OK)
		goto out;
	return (pw_end(dc, &local, store_attempt_clear(dc->db, "account", e)
	    != STORE_OK || (done->hashed && store_user_set_password(dc->db,
	    u.id, done->new_hash, dc->now) != STORE_OK) ||
	    session_start(dc, u.id, token_out) != RES_OK));
out:
	pw_work_clear(&local);
	return (r);
}

void
account_session_id(const char *token, char out[HASH_HEX_LEN + 1])
{
	hash_hex(token, out);
}

enum result
account_session(struct dctx *dc, const char *token, struct user **out)
{
	char	h[HASH_HEX_LEN + 1];

	if (token == NULL || strlen(token) != TOKEN_LEN)
		return (RES_NOT_FOUND);
	account_session_id(token, h);
	return (account_session_by_id(dc, token, h, out));
}

enum result
account_session_by_id(struct dctx *dc, const char *token, const char *h,
    struct user **out)
{
	struct user_row	 u;
	int64_t		 seen, version;
	int		 rc;

	if (token == NULL || strlen(token) != TOKEN_LEN)
		return (RES_NOT_FOUND);
	memset(&u, 0, sizeof(u));
	version = CACHE_NO_VERSION;
	rc = store_session_user(dc->db, dc->a, h, dc->now,
	    dc->now - account_limits.session_idle, &u, &seen, &version);
	/* Read in the same round trip: the page's caches need no other. */
	if (version != CACHE_NO_VERSION)
		dctx_content_version_seen(dc, version);
	if (rc == STORE_NOT_FOUND)
		return (RES_NOT_FOUND);
	if (rc != STORE_OK)
		return (RES_INTERNAL);
	/* Refresh the idle clock at most every five minutes. */
	if (dc->now - seen > 300)
		(void)store_session_touch(dc->db, h, dc->now);
	*out = account_user(dc, &u);
	return (RES_OK);
}

enum result
account_logout(struct dctx *dc, const char *token)
{
	char	h[HASH_HEX_LEN + 1];

	if (token == NULL)
		return (RES_OK);
	hash_hex(token, h);
	return (store_session_delete(dc->db, h) == STORE_OK ? RES_OK :
	    RES_INTERNAL);
}

enum result
account_logout_all(struct dctx *dc)
{
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_session_delete_user(dc->db, dc->user->id) != STORE_OK ||
	    audit_log(dc, dc->user->id, "user.logout_all", "user",
	    dc->user->id, "") == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
account_forgot(struct dctx *dc, const char *email, struct form_errors *fe)
{
	char	*e;

	e = email_norm(dc, email);
	if (!check_email(fe, "email", e))
		return (RES_INVALID);
	return (request_queue(dc, "forgot", e, "", ""));
}

/*
 * The reset link's token hashed into h, and whether it can still be used:
 * RES_OK with its account in *user_id; RES_EXPIRED when the token is
 * empty, unknown, used or expired; RES_INTERNAL.
 */
static enum result
reset_link(struct dctx *dc, const char *token, char h[HASH_HEX_LEN + 1],
    int64_t *user_id)
{
	int	rc;

	if (token == NULL || *token == '\0')
		return (RES_EXPIRED);
	hash_hex(token, h);
	rc = store_token_check(dc->db, h, "reset", dc->now, user_id);
	if (rc == STORE_NOT_FOUND)
		return (RES_EXPIRED);
	return (rc == STORE_OK ? RES_OK : RES_INTERNAL);
}

enum result
account_reset_check(struct dctx *dc, const char *token)
{
	char	h[HASH_HEX_LEN + 1];
	int64_t	uid;

	return (reset_link(dc, token, h, &uid));
}

enum result
account_reset(struct dctx *dc, const char *token, const char *password,
    struct pw_work *w, struct form_errors *fe)
{
	struct user_row	 u;
	struct pw_work	 local, *d, *done = w;
	enum result	 r;
	char		 h[HASH_HEX_LEN + 1];
	int64_t		 uid;
	int		 rc;

	if ((r = reset_link(dc, token, h, &uid)) != RES_OK)
		return (r);
	memset(&u, 0, sizeof(u));
	if (store_user_by_id(dc->db, dc->a, uid, &u) != STORE_OK)
		return (RES_INTERNAL);
	if (!check_password(fe, "password", password, u.email,
	    u.display_name))
		return (RES_INVALID);
	memset(&local, 0, sizeof(local));
	if ((d = pw_fresh(w, &local)) != NULL) {
		d->new_pw = pw_work_copy(password);
		if ((r = pw_go(w, d, &done)) != RES_OK)
			return (r);
	}
	r = RES_INTERNAL;
	if (!done->hashed || store_begin(dc->db) != STORE_OK)
		goto out;
	rc = store_token_consume(dc->db, h, "reset", dc->now, &uid);
	if (rc == STORE_NOT_FOUND) {
		r = dctx_abort(dc, RES_EXPIRED);
		goto out;
	}
	/* Whoever holds the link also controls the mailbox: verify it.
	 * The new password ends everything the old state handed out: every
	 * session and every other reset or verification link. */
	return (pw_end(dc, &local, rc != STORE_OK ||
	    store_user_set_password(dc->db, uid, done->new_hash, dc->now)
	    != STORE_OK || store_user_set_verified(dc->db, uid, dc->now)
	    != STORE_OK || revoke_all(dc, uid) != STORE_OK ||
	    store_attempt_clear(dc->db, "account", u.email) != STORE_OK ||
	    audit_log(dc, uid, "user.password_reset", "user", uid, "") == -1));
out:
	pw_work_clear(&local);
	return (r);
}

enum result
account_update_profile(struct dctx *dc, const char *name,
    const char *language, const char *country, struct form_errors *fe)
{
	char	*n;

	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	n = str_trim(dc->a, name);
	check_display_name(fe, "display_name", n);
	check_language(fe, "language", language);
	check_country(fe, "country", country);
	if (fe->n > 0)
		return (RES_INVALID);
	if (store_user_update_profile(dc->db, dc->user->id, n,
	    language != NULL ? language : "", country != NULL ? country : "",
	    dc->now) != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
account_change_password(struct dctx *dc, const char *current,
    const char *password, struct pw_work *w, char token_out[TOKEN_LEN + 1],
    struct form_errors *fe)
{
	struct user_row		 u;
	struct form_errors	 rules;
	struct pw_work		 local, *d, *done = w;
	enum result		 r;

	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	memset(&u, 0, sizeof(u));
	if (store_user_by_id(dc->db, dc->a, dc->user->id, &u) != STORE_OK)
		return (RES_INTERNAL);
	if (!check_required(fe, "current_password", current))
		return (RES_INVALID);
	if (strlen(u.password_hash) >= PW_HASH_MAX)
		return (RES_INTERNAL);
	/* The current password is checked first, the new one's rules only
	 * then; the new one is hashed in the same step when both pass. */
	memset(&rules, 0, sizeof(rules));
	memset(&local, 0, sizeof(local));
	if ((d = pw_fresh(w, &local)) != NULL) {
		(void)snprintf(d->verify_hash, sizeof(d->verify_hash), "%s",
		    u.password_hash);
		d->verify_pw = pw_work_copy(current);
		if (check_password(&rules, "new_password", password, u.email,
		    u.display_name))
			d->new_pw = pw_work_copy(password);
		if ((r = pw_go(w, d, &done)) != RES_OK)
			return (r);
	}
	r = RES_INVALID;
	if (!done->verified ||
	    strcmp(done->verify_hash, u.password_hash) != 0) {
		form_error(fe, "current_password", N_("This is not your "
		    "current password."));
		goto out;
	}
	if (!check_password(fe, "new_password", password, u.email,
	    u.display_name))
		goto out;
	r = RES_INTERNAL;
	if (!done->hashed || store_begin(dc->db) != STORE_OK)
		goto out;
	/* Every session ends, this one included: the caller gets a fresh
	 * token, so it stays signed in under a new session id. */
	return (pw_end(dc, &local, store_user_set_password(dc->db, u.id,
	    done->new_hash, dc->now) != STORE_OK ||
	    revoke_all(dc, u.id) != STORE_OK ||
	    session_start(dc, u.id, token_out) != RES_OK ||
	    audit_log(dc, u.id, "user.password_change", "user", u.id, "")
	    == -1));
out:
	pw_work_clear(&local);
	return (r);
}

enum result
account_create(struct dctx *dc, const char *email, const char *name,
    const char *password, const char *role, int64_t *id)
{
	struct user_row	 u;
	char		 pw[256];
	int		 rc;

	if (password_hash(password, pw, sizeof(pw)) == -1)
		return (RES_INTERNAL);
	memset(&u, 0, sizeof(u));
	u.email = email_norm(dc, email);
	u.display_name = (char *)name;
	u.password_hash = pw;
	u.role = (char *)role;
	u.language = "";
	u.country = "";
	u.verified_at = dc->now;
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	rc = store_user_insert(dc->db, &u, dc->now, id);
	if (rc == STORE_DUPLICATE)
		return (dctx_abort(dc, RES_CONFLICT));
	if (rc != STORE_OK || audit_log(dc, *id, "user.create", "user", *id,
	    role) == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

void
account_housekeeping(struct dctx *dc)
{
	(void)store_session_prune(dc->db, dc->now,
	    dc->now - account_limits.session_idle);
	(void)store_attempt_prune(dc->db, dc->now -
	    account_limits.login_window);
}
