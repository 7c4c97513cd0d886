/*
 * h_account.c: the account pages: register, verify, log in and out,
 * forgotten password, profile, password change and the language switch.
 * Register, log in, reset and password change need argon2id: their
 * domain call answers RES_PENDING the first time, the step runs off the
 * event loop (offload.h) and Kore calls the handler again to finish.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "domain/account.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/offload.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_register(struct http_request *);
int	page_register_sent(struct http_request *);
int	page_verify(struct http_request *);
int	page_login(struct http_request *);
int	page_logout(struct http_request *);
int	page_logout_all(struct http_request *);
int	page_password_forgot(struct http_request *);
int	page_password_forgot_sent(struct http_request *);
int	page_password_reset(struct http_request *);
int	page_account(struct http_request *);
int	page_account_password(struct http_request *);
int	page_language(struct http_request *);

static const char *const register_fields[] = {
	"email", "display_name", "password", NULL
};
static const char *const login_fields[] = {
	"email", "password", "next", NULL
};
static const char *const forgot_fields[] = { "email", NULL };
static const char *const reset_fields[] = { "password", NULL };
static const char *const profile_fields[] = {
	"display_name", "language", "country", NULL
};
static const char *const password_fields[] = {
	"current_password", "new_password", NULL
};

static void	account_view(struct ctx *);
static struct pw_work *pending_work(struct ctx *, struct pw_work *);
static int	pending(struct ctx *, enum result, struct pw_work *,
		    const char *, const char *const *);
static void	message_page(struct ctx *, const char *, const char *);
static int	message_get(struct http_request *, const char *,
		    const char *);
static int	form_start(struct ctx *, const char *, const char *);
static int	form_done(struct ctx *, enum result,
		    const struct form_errors *, const char *const *,
		    const char *);
static void	reset_expired(struct ctx *);

static void
message_page(struct ctx *c, const char *title, const char *msg)
{
	ctx_title(c, title);
	tv_str(c->view, "message", ctx_tr(c, msg));
	ctx_render(c, 200, "message");
}

/* A page that only shows a message (after a form sent mail). */
static int
message_get(struct http_request *req, const char *title, const char *msg)
{
	struct ctx	c;

	ctx_begin(&c, req);
	if (ctx_method(&c, CTX_GET))
		message_page(&c, title, msg);
	return (ctx_end(&c));
}

/*
 * The slow step of this request: the finished one when Kore calls the
 * handler again after offload_park(), else first (zeroed, the caller's).
 */
static struct pw_work *
pending_work(struct ctx *c, struct pw_work *first)
{
	struct pw_work	*w;

	memset(first, 0, sizeof(*first));
	if ((w = offload_done(c->req)) != NULL)
		return (w);
	return (first);
}

/*
 * After a domain call: returns 0 unless r is RES_PENDING. Then parks the
 * request until the step w has run (c->parked: ctx_end() tells Kore to
 * call again), or, when this worker holds as many steps as it may, shows
 * the form of page again with what was typed (never a password) and the
 * busy message: 503 with Retry-After. Returns 1: the handler is done.
 */
static int
pending(struct ctx *c, enum result r, struct pw_work *w, const char *page,
    const char *const *fields)
{
	if (r != RES_PENDING)
		return (0);
	if (offload_park(c->req, w)) {
		c->parked = 1;
		return (1);
	}
	if (strcmp(page, "account") == 0)
		account_view(c);
	ctx_form(c, NULL, fields);
	tv_str(c->view, "busy", ctx_tr(c, N_("Many people are signing in "
	    "right now, so we could not check the password yet. Please type "
	    "it again and send the form in a few seconds.")));
	http_response_header(c->req, "retry-after", OFFLOAD_RETRY_AFTER);
	ctx_render(c, 503, page);
	return (1);
}

/*
 * Starts a form page that GET shows and POST sends: the method, the
 * title, and on GET the empty form (template page). Returns 1 when a POST
 * with a valid CSRF token is to be handled, else 0 (the page is sent).
 */
static int
form_start(struct ctx *c, const char *title, const char *page)
{
	if (!gate(c, CTX_GET | CTX_POST, GATE_ANYONE))
		return (0);
	ctx_title(c, title);
	if (!c->is_post) {
		ctx_render(c, 200, page);
		return (0);
	}
	return (1);
}

/*
 * After a form's domain call: on RES_INVALID the form again (template
 * page, with the account's view for "account") with what was typed in
 * fields and the errors, 400; on another
 * failure the error page. Returns 1 when r is RES_OK, else 0 (the page is
 * sent).
 */
static int
form_done(struct ctx *c, enum result r, const struct form_errors *fe,
    const char *const *fields, const char *page)
{
	if (r == RES_INVALID) {
		if (strcmp(page, "account") == 0)
			account_view(c);
		ctx_form(c, fe, fields);
		ctx_render(c, 400, page);
		return (0);
	}
	return (ctx_ok(c, r));
}

int
page_register(struct http_request *req)
{
	struct ctx		c;
	struct pw_work		first, *w;
	enum result		r;

	ctx_begin(&c, req);
	w = pending_work(&c, &first);
	if (!form_start(&c, N_("Create an account"), "register"))
		goto out;
	r = account_register(&c.dc, ctx_param(&c, "email"),
	    ctx_param(&c, "display_name"), ctx_param(&c, "password"), w, &c.fe);
	if (pending(&c, r, w, "register", register_fields) ||
	    !form_done(&c, r, &c.fe, register_fields, "register"))
		goto out;
	ctx_redirect(&c, "/register/sent");
out:
	pw_work_clear(&first);
	return (ctx_end(&c));
}

int
page_register_sent(struct http_request *req)
{
	return (message_get(req, N_("Check your email"), N_("We sent a link "
	    "to the address you gave. Open it to confirm your address, "
	    "then log in. If nothing arrives within a few minutes, look "
	    "in your spam folder.")));
}

/*
 * A reset link already used, replaced or too old: says so and offers
 * the way on, a new link, instead of a dead end (410: the link is gone).
 */
static void
reset_expired(struct ctx *c)
{
	ctx_title(c, N_("This link has expired"));
	tv_str(c->view, "message", ctx_tr(c, N_("This link was already "
	    "used or is too old. Ask for a new one.")));
	tv_str(c->view, "next_href", "/password/forgot");
	tv_str(c->view, "next_label", ctx_tr(c, N_("Send me a new link")));
	ctx_render(c, 410, "message");
}

int
page_verify(struct http_request *req)
{
	struct ctx	c;
	enum result	r;

	ctx_begin(&c, req);
	c.secret_url = 1;
	if (!ctx_method(&c, CTX_GET))
		goto out;
	r = account_verify(&c.dc, ctx_param(&c, "token"));
	if (r == RES_OK) {
		tv_bool(c.view, "show_login", 1);
		message_page(&c, N_("Your email address is confirmed"),
		    N_("Thank you. You can now log in."));
	} else if (r == RES_EXPIRED) {
		ctx_error(&c, 410);
	} else {
		ctx_fail(&c, r);
	}
out:
	return (ctx_end(&c));
}

int
page_login(struct http_request *req)
{
	struct ctx		c;
	struct pw_work		first, *w;
	enum result		r;
	char			tok[TOKEN_LEN + 1];
	const char		*next;

	ctx_begin(&c, req);
	w = pending_work(&c, &first);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_ANYONE))
		goto out;
	ctx_title(&c, N_("Log in"));
	next = ctx_param(&c, "next");
	if (!ctx_local_path(next))
		next = "/me";
	if (!c.is_post) {
		tv_child(c.view, "form");
		tv_str(tv_child(c.view, "form"), "next", next);
		ctx_render(&c, 200, "login");
		goto out;
	}
	r = account_login(&c.dc, ctx_param(&c, "email"),
	    ctx_param(&c, "password"), w, tok, &c.fe);
	if (pending(&c, r, w, "login", login_fields) ||
	    !form_done(&c, r, &c.fe, login_fields, "login"))
		goto out;
	ctx_session_set(&c, tok);
	ctx_redirect(&c, next);
out:
	pw_work_clear(&first);
	return (ctx_end(&c));
}

int
page_logout(struct http_request *req)
{
	struct ctx	c;

	ctx_begin(&c, req);
	if (gate(&c, CTX_POST, GATE_ANYONE)) {
		(void)account_logout(&c.dc, c.session);
		ctx_session_clear(&c);
		ctx_redirect(&c, "/");
	}
	return (ctx_end(&c));
}

int
page_logout_all(struct http_request *req)
{
	struct ctx	c;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_POST, GATE_USER))
		goto out;
	if (!ctx_ok(&c, account_logout_all(&c.dc)))
		goto out;
	ctx_session_clear(&c);
	ctx_flash(&c, FLASH_PASSWORD_RESET);
	ctx_redirect(&c, "/login");
out:
	return (ctx_end(&c));
}

int
page_password_forgot(struct http_request *req)
{
	struct ctx		c;
	enum result		r;

	ctx_begin(&c, req);
	if (!form_start(&c, N_("Forgot your password?"), "forgot"))
		goto out;
	r = account_forgot(&c.dc, ctx_param(&c, "email"), &c.fe);
	if (!form_done(&c, r, &c.fe, forgot_fields, "forgot"))
		goto out;
	ctx_redirect(&c, "/password/forgot/sent");
out:
	return (ctx_end(&c));
}

int
page_password_forgot_sent(struct http_request *req)
{
	return (message_get(req, N_("Check your email"), N_("If an account "
	    "uses this address, we sent it a link to set a new password. "
	    "The link works for one hour, once.")));
}

int
page_password_reset(struct http_request *req)
{
	struct ctx		c;
	struct pw_work		first, *w;
	enum result		r;
	const char		*token;

	ctx_begin(&c, req);
	c.secret_url = 1;
	w = pending_work(&c, &first);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_ANYONE))
		goto out;
	ctx_title(&c, N_("Set a new password"));
	token = ctx_param(&c, "token");
	tv_str(c.view, "token", token);
	if (!c.is_post) {
		r = account_reset_check(&c.dc, token);
		if (r == RES_OK)
			ctx_render(&c, 200, "reset");
		else if (r == RES_EXPIRED)
			reset_expired(&c);
		else
			ctx_fail(&c, r);
		goto out;
	}
	r = account_reset(&c.dc, token, ctx_param(&c, "password"), w, &c.fe);
	if (pending(&c, r, w, "reset", reset_fields))
		goto out;
	if (r == RES_INVALID) {
		ctx_form(&c, &c.fe, reset_fields);
		ctx_render(&c, 400, "reset");
		goto out;
	}
	if (r == RES_EXPIRED) {
		reset_expired(&c);
		goto out;
	}
	if (!ctx_ok(&c, r))
		goto out;
	ctx_session_clear(&c);
	ctx_flash(&c, FLASH_PASSWORD_RESET);
	ctx_redirect(&c, "/login");
out:
	pw_work_clear(&first);
	return (ctx_end(&c));
}

static void
account_view(struct ctx *c)
{
	struct tv	*countries, *langs, *item, *form;
	const char *const *cc;
	const struct i18n_lang *l;
	char		 name[128];
	const char	*sel_lang, *sel_cc;
	size_t		 i;

	form = tv_child(c->view, "form");
	tv_str(form, "display_name", c->user->display_name);
	sel_lang = ctx_param(c, "language");
	if (sel_lang == NULL)
		sel_lang = c->user->language;
	sel_cc = ctx_param(c, "country");
	if (sel_cc == NULL)
		sel_cc = c->user->country;
	tv_str(c->view, "email", c->user->email);
	langs = tv_list(c->view, "profile_languages");
	for (i = 0; i < i18n_count(); i++) {
		l = i18n_nth(i);
		item = tv_push_map(langs);
		tv_str(item, "code", i18n_code(l));
		tv_str(item, "name", i18n_native_name(l));
		tv_bool(item, "selected", strcmp(i18n_code(l), sel_lang) == 0);
	}
	countries = tv_list(c->view, "countries");
	for (cc = i18n_countries_by_name(c->lang); *cc != NULL; cc++) {
		if (i18n_country_name(c->lang, *cc, name, sizeof(name)) == -1)
			continue;
		item = tv_push_map(countries);
		tv_str(item, "code", *cc);
		tv_str(item, "name", arena_strdup(c->dc.a, name));
		tv_bool(item, "selected", strcmp(*cc, sel_cc) == 0);
	}
}

int
page_account(struct http_request *req)
{
	struct ctx		c;
	enum result		r;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	ctx_title(&c, N_("Your account"));
	if (!c.is_post) {
		account_view(&c);
		ctx_render(&c, 200, "account");
		goto out;
	}
	r = account_update_profile(&c.dc, ctx_param(&c, "display_name"),
	    ctx_param(&c, "language"), ctx_param(&c, "country"), &c.fe);
	if (!form_done(&c, r, &c.fe, profile_fields, "account"))
		goto out;
	if (ctx_param(&c, "language") != NULL)
		ctx_cookie(&c, "lang", ctx_param(&c, "language"), 31536000);
	ctx_flash(&c, FLASH_PROFILE_SAVED);
	ctx_redirect(&c, "/account");
out:
	return (ctx_end(&c));
}

int
page_account_password(struct http_request *req)
{
	struct ctx		c;
	struct pw_work		first, *w;
	enum result		r;
	char			tok[TOKEN_LEN + 1];

	ctx_begin(&c, req);
	w = pending_work(&c, &first);
	if (!gate(&c, CTX_POST, GATE_USER))
		goto out;
	ctx_title(&c, N_("Your account"));
	r = account_change_password(&c.dc, ctx_param(&c, "current_password"),
	    ctx_param(&c, "new_password"), w, tok, &c.fe);
	if (pending(&c, r, w, "account", password_fields) ||
	    !form_done(&c, r, &c.fe, password_fields, "account"))
		goto out;
	ctx_session_set(&c, tok);
	ctx_flash(&c, FLASH_PASSWORD_CHANGED);
	ctx_redirect(&c, "/account");
out:
	pw_work_clear(&first);
	return (ctx_end(&c));
}

int
page_language(struct http_request *req)
{
	struct ctx		c;
	const char		*lang, *next;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_POST, GATE_ANYONE))
		goto out;
	lang = ctx_param(&c, "lang");
	next = ctx_param(&c, "next");
	if (lang == NULL || i18n_lang_get(lang) == NULL) {
		ctx_error(&c, 400);
		goto out;
	}
	if (c.user != NULL)
		(void)account_update_profile(&c.dc, c.user->display_name, lang,
		    c.user->country, &c.fe);
	ctx_cookie(&c, "lang", lang, 31536000);
	ctx_redirect(&c, ctx_local_path(next) ? next : "/");
out:
	return (ctx_end(&c));
}
