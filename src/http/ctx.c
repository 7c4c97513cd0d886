/*
 * ctx.c: the request context (see ctx.h): session, language, CSRF,
 * parameters, rendering and every response's headers. The mapping from
 * domain results to HTTP statuses lives here and nowhere else.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <kore/kore.h>
#include <kore/http.h>

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "domain/account.h"
#include "domain/mail.h"
#include "domain/numerals.h"
#include "domain/policy.h"
#include "http/accesslog.h"
#include "http/app.h"
#include "http/ctx.h"
#include "http/flash.h"
#include "http/netwrite.h"
#include "http/routeorder.h"
#include "http/pipeline.h"
#include "http/proxycheck.h"
#include "http/pushsync.h"
#include "lib/buf.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/gzip.h"
#include "web/i18n.h"
#include "web/pagecache.h"
#include "web/tmpl.h"

#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; media-src 'self' https:; connect-src 'self'; " \
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

static void	ctx_headers(struct ctx *);
static void	ctx_client_addr(struct ctx *);
static void	ctx_pick_lang(struct ctx *);
static void	ctx_send_body(struct ctx *, int, const char *, const void *,
		    size_t, int);
static void	ctx_csrf_prepare(struct ctx *);
static const struct tv *ctx_languages(const struct i18n_lang *);
static void	ctx_view_base(struct ctx *);
static void	ctx_flash_take(struct ctx *);
static const char *ctx_here(struct ctx *);
static int	ctx_status_of(enum result);

/* Requests begun by this worker (ctx_requests). */
static uint64_t	nrequests;

void
ctx_begin(struct ctx *c, struct http_request *req)
{
	ctx_begin_as(c, req, NULL);
}

void
ctx_begin_as(struct ctx *c, struct http_request *req, const struct user *u)
{
	const char	*hdr;
	char		*v;

	memset(c, 0, sizeof(*c));
	c->req = req;
	nrequests++;
	accesslog_track(req);
	pipeline_check(req);
	netwrite_use(req->owner);
	routeorder_hit(req);
	c->dc.a = arena_new();
	c->dc.db = app.db;
	c->dc.now = (int64_t)time(NULL);
	c->dc.public_url = app.public_url;
	c->dc.data_dir = app.data;
	c->is_post = req->method == HTTP_METHOD_POST;
	c->gzip = http_request_header(req, "accept-encoding", &hdr) &&
	    gzip_accepted(hdr);
	dctx_read_end(&c->dc);		/* never a snapshot left over */
	/* What other nodes committed: one sync covers every request
	 * read before it (pushsync.c). */
	if (!pushsync_covered(req) && store_push_request(c->dc.db))
		pushsync_mark(req);
	if (!c->is_post)
		dctx_read_begin(&c->dc);
	ctx_client_addr(c);
	http_populate_cookies(req);
	if (http_request_cookie(req, "sid", &v) && strlen(v) < sizeof(c->session)) {
		(void)snprintf(c->session, sizeof(c->session), "%s", v);
		account_session_id(c->session, c->session_id);
		if (u != NULL) {
			c->user = arena_alloc(c->dc.a, sizeof(*c->user));
			*c->user = *u;
		} else if (account_session_by_id(&c->dc, c->session,
		    c->session_id, &c->user) != RES_OK) {
			c->user = NULL;
			c->session[0] = '\0';
			c->session_id[0] = '\0';
		}
	}
	c->dc.user = c->user;
	ctx_pick_lang(c);
	c->dc.lang = c->lang;
	ctx_csrf_prepare(c);
	c->view = tv_map(c->dc.a);
	ctx_view_base(c);
	ctx_flash_take(c);
}

uint64_t
ctx_requests(void)
{
	return (nrequests);
}

/*
 * The confirmation a redirect left for this page (the "flash" cookie
 * holds its number in flash.c's table): shown once, in the reader's
 * language, then the cookie is dropped. A page that shows one is never
 * taken from or put in the page cache (ctx_cached()).
 */
static void
ctx_flash_take(struct ctx *c)
{
	const char	*msgid;
	char		*v, *end;
	long		 n;

	if (c->is_post || !http_request_cookie(c->req, "flash", &v))
		return;
	c->has_flash = 1;
	ctx_cookie(c, "flash", "", -1);
	n = strtol(v, &end, 10);
	if (*end != '\0' || (msgid = flash_msgid((int)n)) == NULL)
		return;
	tv_str(c->view, "flash", ctx_tr(c, msgid));
}

void
ctx_flash(struct ctx *c, enum flash f)
{
	ctx_cookie(c, "flash", arena_printf(c->dc.a, "%d", (int)f), 60);
}

int
ctx_ok(struct ctx *c, enum result r)
{
	if (r == RES_OK)
		return (1);
	ctx_fail(c, r);
	return (0);
}

void
ctx_done(struct ctx *c, enum result r, enum flash f, const char *path)
{
	if (!ctx_ok(c, r))
		return;
	if (f != FLASH_NONE)
		ctx_flash(c, f);
	ctx_redirect(c, path);
}

int
ctx_end(struct ctx *c)
{
	dctx_read_end(&c->dc);
	arena_free(c->dc.a);
	c->dc.a = NULL;
	return (c->parked ? KORE_RESULT_RETRY : KORE_RESULT_OK);
}

static void
ctx_client_addr(struct ctx *c)
{
	struct connection	*conn = c->req->owner;
	const char		*fwd, *last;
	char			 ip[INET6_ADDRSTRLEN];

	ip[0] = '\0';
	if (conn->family == AF_INET)
		inet_ntop(AF_INET, &conn->addr.ipv4.sin_addr, ip, sizeof(ip));
	else if (conn->family == AF_INET6)
		inet_ntop(AF_INET6, &conn->addr.ipv6.sin6_addr, ip, sizeof(ip));
	c->dc.client_addr = arena_strdup(c->dc.a, ip);
	if (!app.trust_proxy && http_request_header(c->req, "x-forwarded-for",
	    &fwd))
		proxycheck_note();
	else if (app.trust_proxy && http_request_header(c->req,
	    "x-forwarded-for", &fwd)) {
		last = strrchr(fwd, ',');
		last = last != NULL ? last + 1 : fwd;
		while (*last == ' ')
			last++;
		if (*last != '\0' && strlen(last) < 64)
			c->dc.client_addr = arena_strdup(c->dc.a, last);
	}
}

/*
 * The reading language: a link's ?lang= (unless the page declares lang as
 * a parameter of its own: there it filters content, as on /cases and
 * /courses), which also sets the lang cookie, else the profile's, the
 * lang cookie's (the language menu), Accept-Language's, English.
 */
static void
ctx_pick_lang(struct ctx *c)
{
	const struct i18n_lang	*l = NULL;
	const char		*hdr, *q;
	char			*v;

	if (!c->is_post && (q = ctx_query_raw(c, "lang")) != NULL &&
	    ctx_param(c, "lang") == NULL)
		c->lang_from_link = (l = i18n_lang_get(q)) != NULL;
	/* A link's language sets the reader's, as the menu does (issue
	 * 20.5): the next pages stay in it. A profile's language still
	 * comes first on them: the reader chose it. */
	if (c->lang_from_link && (!http_request_cookie(c->req, "lang", &v) ||
	    strcmp(v, i18n_code(l)) != 0))
		ctx_cookie(c, "lang", i18n_code(l), 31536000);
	if (l == NULL && c->user != NULL && c->user->language[0] != '\0')
		l = i18n_lang_get(c->user->language);
	if (l == NULL && http_request_cookie(c->req, "lang", &v))
		l = i18n_lang_get(v);
	if (l == NULL) {
		if (!http_request_header(c->req, "accept-language", &hdr))
			hdr = NULL;
		l = i18n_negotiate(hdr);
		c->hant = l != NULL && strcmp(i18n_code(l), "zh") == 0 &&
		    i18n_wants_traditional_chinese(hdr);
	}
	c->lang = l != NULL ? l : i18n_default();
}

static void
ctx_csrf_prepare(struct ctx *c)
{
	char	 msg[128];
	char	*v;

	if (c->user != NULL) {
		(void)snprintf(msg, sizeof(msg), "s:%s", c->session_id);
	} else {
		if (http_request_cookie(c->req, "csrf", &v) &&
		    strlen(v) == 32 && strspn(v, "0123456789abcdef") == 32) {
			(void)snprintf(c->anon, sizeof(c->anon), "%s", v);
		} else {
			random_hex(c->anon, 16);
			if (!c->is_post)
				ctx_cookie(c, "csrf", c->anon, 0);
			else
				c->anon[0] = '\0';
		}
		(void)snprintf(msg, sizeof(msg), "a:%s", c->anon);
	}
	hmac_hex_keyed(&app.csrf_key, msg, c->csrf);
}

/*
 * The language menu with current marked: the same for every page in
 * that language, so built once per worker and language.
 */
static const struct tv *
ctx_languages(const struct i18n_lang *current)
{
	static struct arena	*a;
	static struct tv	**lists;	/* by i18n_nth index */
	const struct i18n_lang	*l;
	struct tv		*holder, *item;
	size_t			 i, cur;

	cur = i18n_index(current);
	if (a == NULL) {
		a = arena_new();
		lists = arena_alloc(a, sizeof(*lists) * i18n_count());
	}
	if (lists[cur] != NULL)
		return (lists[cur]);
	holder = tv_map(a);
	lists[cur] = tv_list(holder, "site_languages");
	for (i = 0; i < i18n_count(); i++) {
		l = i18n_nth(i);
		if (!i18n_lang_complete(l))
			continue;
		item = tv_push_map(lists[cur]);
		tv_str(item, "code", i18n_code(l));
		tv_str(item, "name", i18n_native_name(l));
		tv_bool(item, "current", l == current);
	}
	return (lists[cur]);
}

/*
 * Where the language menu comes back to: the page with its query (a
 * search, its filters, a page number), never losing them; without a
 * link's ?lang=, which would override the language just chosen.
 */
static const char *
ctx_here(struct ctx *c)
{
	struct buf	 b;
	const char	*p, *end, *out;

	if (c->req->query_string == NULL || *c->req->query_string == '\0')
		return (c->req->path);
	if (!c->lang_from_link)
		return (arena_printf(c->dc.a, "%s?%s", c->req->path,
		    c->req->query_string));
	buf_init(&b);
	buf_puts(&b, c->req->path);
	for (p = c->req->query_string; *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "&");
		if (end == p || strncmp(p, "lang=", 5) == 0)
			continue;
		buf_append(&b, b.len == strlen(c->req->path) ? "?" : "&", 1);
		buf_append(&b, p, (size_t)(end - p));
	}
	out = arena_strndup(c->dc.a, b.data, b.len);
	buf_free(&b);
	return (out);
}

static void
ctx_view_base(struct ctx *c)
{
	struct tv	*u;

	tv_str(c->view, "lang", i18n_code(c->lang));
	tv_str(c->view, "dir", i18n_dir(c->lang));
	tv_bool(c->view, "hant_notice", c->hant);
	tv_str(c->view, "csrf", c->csrf);
	tv_str(c->view, "css", app_static_url("ethica.css"));
	tv_str(c->view, "js", app_static_url("ethica.js"));
	tv_str(c->view, "path", c->req->path);
	tv_str(c->view, "here", ctx_here(c));
	if (c->user != NULL) {
		u = tv_child(c->view, "user");
		tv_str(u, "display_name", c->user->display_name);
		tv_str(u, "role", c->user->role);
		tv_bool(u, "is_admin", policy_can(c->user, ACT_ADMIN_USERS));
		tv_bool(u, "is_author", policy_can(c->user,
		    ACT_COURSE_AUTHOR));
		tv_bool(u, "is_chair", policy_can(c->user, ACT_CALL_CHAIR));
		tv_bool(u, "is_reviewer", policy_can(c->user, ACT_REVIEW));
	}
	tv_borrow(c->view, "site_languages", ctx_languages(c->lang));
}

int
ctx_method(struct ctx *c, int allowed)
{
	int	m = c->req->method;

	if ((allowed & CTX_GET) && (m == HTTP_METHOD_GET ||
	    m == HTTP_METHOD_HEAD))
		return (1);
	if ((allowed & CTX_POST) && m == HTTP_METHOD_POST)
		return (1);
	http_response_header(c->req, "allow", (allowed & CTX_POST) ?
	    ((allowed & CTX_GET) ? "GET, HEAD, POST" : "POST") : "GET, HEAD");
	ctx_error(c, 405);
	return (0);
}

static void
ctx_load_params(struct ctx *c)
{
	const char	*type;

	if (c->params_loaded)
		return;
	c->params_loaded = 1;
	/* Parsed already: the handler runs again after a wait (offload.h). */
	if (!TAILQ_EMPTY(&c->req->arguments))
		return;
	if (c->req->method == HTTP_METHOD_POST) {
		if (http_request_header(c->req, "content-type", &type) &&
		    strncasecmp(type, "multipart/form-data", 19) == 0)
			http_populate_multipart_form(c->req);
		else
			http_populate_post(c->req);
	} else {
		http_populate_qs(c->req);
	}
}

const char *
ctx_query_raw(struct ctx *c, const char *name)
{
	const char	*p, *end;
	size_t		 len;

	len = strlen(name);
	for (p = c->req->query_string; p != NULL && *p != '\0';
	    p = strchr(p, '&')) {
		if (*p == '&')
			p++;
		if (strncmp(p, name, len) == 0 && p[len] == '=') {
			p += len + 1;
			end = p + strcspn(p, "&");
			return (arena_strndup(c->dc.a, p, (size_t)(end - p)));
		}
	}
	return (NULL);
}

int
ctx_post(struct ctx *c)
{
	return (ctx_post_upload(c, CTX_FORM_MAX));
}

int
ctx_post_upload(struct ctx *c, size_t max_body)
{
	const char	*tok;

	if (c->req->content_length > max_body) {
		ctx_error(c, 413);
		return (0);
	}
	ctx_load_params(c);
	tok = ctx_param(c, "csrf");
	if (tok == NULL || (c->user == NULL && c->anon[0] == '\0') ||
	    !str_equal_ct(tok, c->csrf)) {
		ctx_error(c, 403);
		return (0);
	}
	return (1);
}

int
ctx_require_user(struct ctx *c)
{
	char	*to;

	if (c->user != NULL)
		return (1);
	to = arena_printf(c->dc.a, "/login?next=%s", c->req->path);
	ctx_redirect(c, to);
	return (0);
}

const char *
ctx_param(struct ctx *c, const char *name)
{
	char	*v;

	ctx_load_params(c);
	if (!http_argument_get_string(c->req, name, &v))
		return (NULL);
	return (v);
}

int64_t
ctx_param_int(struct ctx *c, const char *name, int64_t min, int64_t max,
    int64_t def)
{
	const char	*v;
	int64_t		 n;

	if ((v = ctx_param(c, name)) == NULL || *v == '\0' ||
	    numerals_int(v, min, max, &n) == -1)
		return (def);
	return (n);
}

const char *
ctx_tr(struct ctx *c, const char *msgid)
{
	return (i18n_gettext(c->lang, msgid));
}

void
ctx_title(struct ctx *c, const char *msgid)
{
	tv_str(c->view, "title", ctx_tr(c, msgid));
}

void
ctx_form(struct ctx *c, const struct form_errors *fe,
    const char *const *fields)
{
	struct tv	*form, *errs;
	const char	*v, *m;
	size_t		 i;

	form = tv_child(c->view, "form");
	errs = tv_child(c->view, "errors");
	for (i = 0; fields != NULL && fields[i] != NULL; i++) {
		if (strstr(fields[i], "password") == NULL &&
		    (v = ctx_param(c, fields[i])) != NULL)
			tv_str(form, fields[i], v);
		if (fe != NULL && (m = form_error_for(fe, fields[i])) != NULL)
			tv_str(errs, fields[i], ctx_tr(c, m));
	}
	if (fe != NULL && fe->n > 0)
		tv_bool(c->view, "has_errors", 1);
}

static void
ctx_headers(struct ctx *c)
{
	http_response_header(c->req, "content-security-policy", CSP);
	http_response_header(c->req, "x-content-type-options", "nosniff");
	/* A token in the URL must not leave the page as a Referer, not
	 * even to our own assets (the access log would keep it). */
	http_response_header(c->req, "referrer-policy", c->secret_url ?
	    "no-referrer" : "same-origin");
	http_response_header(c->req, "x-frame-options", "DENY");
	if (app.secure)
		http_response_header(c->req, "strict-transport-security",
		    "max-age=31536000");
}

void
ctx_send(struct ctx *c, int status, const char *type, const void *body,
    size_t len)
{
	ctx_send_body(c, status, type, body, len, 0);
}

/*
 * Sends body of type: compressed (zlib level 1, as cheap as nginx's
 * default) when the client accepts gzip and it is text of at least
 * GZIP_MIN_BYTES, or as it is; gzipped says body is a gzip member already
 * (from the page cache). Text says that it varies by Accept-Encoding.
 */
static void
ctx_send_body(struct ctx *c, int status, const char *type, const void *body,
    size_t len, int gzipped)
{
	struct buf	z;
	int		text;

	ctx_headers(c);
	http_response_header(c->req, "content-type", type);
	text = gzip_type_ok(type);
	if (text)
		http_response_header(c->req, "vary", "accept-encoding");
	if (gzipped) {
		http_response_header(c->req, "content-encoding", "gzip");
		http_response(c->req, status, body, len);
		return;
	}
	buf_init(&z);
	if (c->gzip && text && len >= GZIP_MIN_BYTES &&
	    gzip_body(body, len, 1, &z) == 0 && z.len < len) {
		http_response_header(c->req, "content-encoding", "gzip");
		http_response(c->req, status, z.data, z.len);
	} else {
		http_response(c->req, status, body, len);
	}
	buf_free(&z);
}

int
ctx_send_file(struct ctx *c, const char *path, const char *type,
    const char *download_name)
{
	struct kore_fileref	*ref;
	struct stat		 st;
	int			 fd;

	if ((ref = kore_fileref_get(path, 0)) == NULL) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			return (-1);
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
		    (ref = kore_fileref_create(c->req->owner->owner->server,
		    path, fd, st.st_size, &st.st_mtim)) == NULL) {
			(void)close(fd);
			return (-1);
		}
	}
	ctx_headers(c);
	/* Kore names the type of the extensions it knows itself. */
	if (http_media_type(path) == NULL)
		http_response_header(c->req, "content-type", type);
	if (download_name != NULL)
		http_response_header(c->req, "content-disposition",
		    arena_printf(c->dc.a, "attachment; filename=\"%s\"",
		    download_name));
	http_response_fileref(c->req, 200, ref);
	return (0);
}

/* ctx_cached and ctx_cached_user: who is "" for every anonymous
 * visitor, else the page's scope and its viewer (never starting with a
 * newline, so no viewer's key is an anonymous one). */
static int
cached_for(struct ctx *c, const char *who)
{
	struct buf	 out;
	const char	*qs, *tz;
	char		*cookie;
	int		 hit;

	if (c->is_post || c->has_flash || !pagecache_enabled() ||
	    pagecache_sync(dctx_content_version(&c->dc)) == -1)
		return (0);
	qs = c->req->query_string != NULL ? c->req->query_string : "";
	tz = http_request_cookie(c->req, "tz", &cookie) ? cookie : "";
	if (strlen(who) + strlen(qs) + strlen(tz) + strlen(c->req->path) +
	    64 >= PAGECACHE_KEY_MAX)
		return (0);
	c->cache_until = PAGECACHE_FOREVER;
	c->cache_key = arena_printf(c->dc.a, "%s\n%s\n%s\n%s?%s", who,
	    c->hant ? "zh-Hant" : i18n_code(c->lang), tz, c->req->path, qs);
	buf_init(&out);
	if ((hit = pagecache_get(c->cache_key, c->dc.now, c->csrf, c->gzip,
	    &out)) != 0) {
		c->cache_key = NULL;
		http_response_header(c->req, "cache-control", "no-store");
		ctx_send_body(c, 200, "text/html; charset=utf-8", out.data,
		    out.len, hit == PAGECACHE_GZIP);
	}
	buf_free(&out);
	return (hit);
}

int
ctx_cached(struct ctx *c)
{
	if (c->user != NULL)
		return (0);
	return (cached_for(c, ""));
}

int
ctx_keeping(void)
{
	return (pagecache_enabled());
}

int
ctx_cached_user(struct ctx *c, const char *scope, int64_t version)
{
	if (c->user == NULL || version == CACHE_NO_VERSION ||
	    *scope == '\0' || strchr(scope, '\n') != NULL)
		return (0);
	/* The viewer as the layout shows them: id, role and name. */
	return (cached_for(c, arena_printf(c->dc.a, "%s %lld\n%lld\n%s\n%s",
	    scope, (long long)version, (long long)c->user->id,
	    c->user->role, c->user->display_name)));
}

void
ctx_cache_until(struct ctx *c, int64_t t)
{
	if (t < c->cache_until)
		c->cache_until = t;
}

void
ctx_render(struct ctx *c, int status, const char *page)
{
	struct buf	 out;
	char		*name;
	int		 rc;

	name = arena_printf(c->dc.a, "pages/%s", page);
	buf_init(&out);
	buf_reserve(&out, TMPL_PAGE_GUESS);
	tv_tmpl(c->view, "page_body", name);
	if ((rc = tmpl_render(app.tmpl, "layout", c->view, c->lang, &out)) ==
	    -1) {
		/* A missing page template fails the render too. */
		kore_log(LOG_ERR, "template %s is missing or did not render",
		    name);
		buf_free(&out);
		status = 500;
		ctx_title(c, N_("Something went wrong"));
		tv_str(c->view, "message", ctx_tr(c, N_("Something went "
		    "wrong on our side. Please try again later.")));
		tv_tmpl(c->view, "page_body", "pages/error");
		buf_init(&out);
		(void)tmpl_render(app.tmpl, "layout", c->view, c->lang, &out);
	}
	if (c->cache_key != NULL && status == 200 && rc == 0)
		pagecache_put(c->cache_key, c->dc.now, c->cache_until,
		    out.data, out.len, c->csrf);
	http_response_header(c->req, "cache-control", "no-store");
	ctx_send(c, status, "text/html; charset=utf-8", out.data, out.len);
	buf_free(&out);
}

void
ctx_redirect(struct ctx *c, const char *path)
{
	if (!ctx_local_path(path))
		path = "/";
	ctx_headers(c);
	http_response_header(c->req, "location", path);
	http_response(c->req, 303, NULL, 0);
}

/* The error pages of ctx_error(): title and message by status; the last
 * is for any other status. */
static const struct ctx_error_page {
	int		 status;
	const char	*title;
	const char	*msg;
} ctx_error_pages[] = {
	{ 400, N_("The request could not be understood"), N_("Something in "
	    "the request was missing or malformed. Go back, check the form and "
	    "try again.") },
	{ 403, N_("You may not do this"), N_("You do not have permission for "
	    "this page or action, or the form expired. Reload the page and try "
	    "again.") },
	{ 404, N_("Page not found"), N_("There is no page at this address. It "
	    "may have moved, or the link may be mistyped.") },
	{ 405, N_("Method not allowed"), N_("This address does not accept "
	    "this kind of request.") },
	{ 409, N_("This cannot be changed now"), N_("The item is in a state "
	    "that does not allow this change.") },
	{ 410, N_("This link has expired"), N_("The link was already used or "
	    "is too old. Ask for a new one.") },
	{ 413, N_("The upload is too large"), N_("The file or form you sent "
	    "is larger than we accept. Send a smaller one.") },
	{ 429, N_("Too many attempts"), N_("There were too many attempts in a "
	    "short time. Wait 15 minutes, or reset your password by email.") },
	/* The store failed (RES_INTERNAL): a full disk, a lost database.
	 * Every write is one transaction, so nothing of this one was kept
	 * and nothing older was lost. */
	{ 503, N_("Your change was not saved"), N_("We could not store it "
	    "just now, so nothing was changed, and nothing saved before was "
	    "lost. Go back to keep what you typed, and try again in a few "
	    "minutes.") },
	{ 500, N_("Something went wrong"), N_("Something went wrong on our "
	    "side. Please try again later.") }
};

void
ctx_error(struct ctx *c, int status)
{
	const struct ctx_error_page	*e;
	size_t				 n;

	n = sizeof(ctx_error_pages) / sizeof(ctx_error_pages[0]);
	for (e = ctx_error_pages; e < ctx_error_pages + n - 1; e++)
		if (e->status == status)
			break;
	if (e->status == 503)
		http_response_header(c->req, "retry-after", "120");
	ctx_title(c, e->title);
	tv_str(c->view, "message", ctx_tr(c, e->msg));
	tv_int(c->view, "status", e->status);
	ctx_render(c, e->status, "error");
}

static int
ctx_status_of(enum result r)
{
	switch (r) {
	case RES_INVALID:
		return (400);
	case RES_NOT_FOUND:
		return (404);
	case RES_FORBIDDEN:
		return (403);
	case RES_CONFLICT:
		return (409);
	case RES_RATE_LIMITED:
		return (429);
	case RES_EXPIRED:
		return (410);
	case RES_INTERNAL:
		return (503);
	case RES_OK:
	default:
		return (500);
	}
}

void
ctx_fail(struct ctx *c, enum result r)
{
	ctx_error(c, ctx_status_of(r));
}

void
ctx_cookie(struct ctx *c, const char *name, const char *value,
    int64_t max_age)
{
	char	*h;

	h = arena_printf(c->dc.a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	    name, value, app.secure ? "; Secure" : "",
	    max_age > 0 ? arena_printf(c->dc.a, "; Max-Age=%lld",
	    (long long)max_age) : (max_age < 0 ? "; Max-Age=0" : ""));
	http_response_header(c->req, "set-cookie", h);
}

void
ctx_session_set(struct ctx *c, const char *token)
{
	ctx_cookie(c, "sid", token, account_limits.session_max);
}

void
ctx_session_clear(struct ctx *c)
{
	ctx_cookie(c, "sid", "", -1);
}

void
ctx_mail_flush(struct ctx *c)
{
	(void)c;
	mail_wake(app.data);
}

int
ctx_local_path(const char *p)
{
	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return (0);
	for (; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return (0);
	}
	return (1);
}

const char *
ctx_minutes(struct ctx *c, int64_t m)
{
	if (m < 60)
		return (arena_printf(c->dc.a, "%" PRId64 " %s", m,
		    ctx_tr(c, N_("min"))));
	if (m % 60 == 0)
		return (arena_printf(c->dc.a, "%" PRId64 " %s", m / 60,
		    ctx_tr(c, N_("h"))));
	return (arena_printf(c->dc.a, "%" PRId64 " %s %" PRId64 " %s", m / 60,
	    ctx_tr(c, N_("h")), m % 60, ctx_tr(c, N_("min"))));
}

const char *
ctx_date(struct ctx *c, int64_t t, int with_time)
{
	char	out[128];

	if (i18n_format_date(c->lang, t, "UTC", with_time, out,
	    sizeof(out)) == -1)
		return ("");
	return (arena_strdup(c->dc.a, out));
}
