/*
 * h_home.c: the home page, the health check, static files and the
 * catch-all 404 page.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "http/app.h"
#include "http/ctx.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_home(struct http_request *);
int	page_healthz(struct http_request *);
int	page_static(struct http_request *);
int	page_favicon(struct http_request *);
int	page_not_found(struct http_request *);

int
page_home(struct http_request *req)
{
	struct ctx	c;

	ctx_begin(&c, req);
	if (ctx_method(&c, CTX_GET)) {
		ctx_title(&c, N_("Ethica: learn the ethics of AI"));
		tv_bool(c.view, "is_home", 1);
		ctx_render(&c, 200, "home");
	}
	return (ctx_end(&c));
}

int
page_healthz(struct http_request *req)
{
	struct arena	*a;
	char		*v;
	int		 rc;

	a = arena_new();
	rc = store_setting_get(app.db, a, "csrf_key", &v);
	arena_free(a);
	http_response_header(req, "content-type", "text/plain");
	http_response_header(req, "cache-control", "no-store");
	if (rc != STORE_OK) {
		http_response(req, 503, "database unavailable\n", 21);
		return (KORE_RESULT_OK);
	}
	http_response(req, 200, "ok\n", 3);
	return (KORE_RESULT_OK);
}

int
page_static(struct http_request *req)
{
	const struct static_file	*sf;

	if ((sf = app_static_find(req->path)) == NULL)
		return (page_not_found(req));
	http_response_header(req, "content-type", sf->type);
	http_response_header(req, "cache-control",
	    "public, max-age=31536000, immutable");
	http_response_header(req, "x-content-type-options", "nosniff");
	http_response(req, 200, sf->data, sf->len);
	return (KORE_RESULT_OK);
}

int
page_favicon(struct http_request *req)
{
	const char	*url;

	url = app_static_url("favicon.svg");
	if (*url == '\0')
		return (page_not_found(req));
	http_response_header(req, "location", url);
	http_response_header(req, "cache-control", "public, max-age=86400");
	http_response(req, 301, NULL, 0);
	return (KORE_RESULT_OK);
}

int
page_not_found(struct http_request *req)
{
	struct ctx	c;

	ctx_begin(&c, req);
	ctx_error(&c, 404);
	return (ctx_end(&c));
}
