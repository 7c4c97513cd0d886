/*
 * h_home.c: the home page (the starter course, the open call, the newest
 * cases and the map of principles, in the viewer's language), the health
 * check, static files and the catch-all 404 page. The home page is the
 * busiest page: each section costs one or two indexed queries (the course
 * package and the case index are cached per process), never one per row.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <inttypes.h>
#include <string.h>

#include "domain/call.h"
#include "domain/course_view.h"
#include "domain/facets.h"
#include "domain/taxonomy.h"
#include "http/accesslog.h"
#include "http/app.h"
#include "http/ctx.h"
#include "http/h_call.h"
#include "http/h_cases.h"
#include "http/pipeline.h"
#include "http/proxycheck.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"
#include "web/gzip.h"
#include "web/i18n.h"
#include "web/tmpl.h"

/* The course every visitor is offered first (content/courses/). */
#define HOME_COURSE	"ethics-of-ai"
/* How many of the newest published cases the home page shows. */
#define HOME_CASES	3
/* /healthz when a proxy forwards without --trust-proxy (proxycheck.h). */
#define HEALTHZ_PROXY	"warning: X-Forwarded-For arrives without " \
	"--trust-proxy: every client shares the proxy's address and its " \
	"login limit\n"

int	page_home(struct http_request *);
int	page_healthz(struct http_request *);
int	page_static(struct http_request *);
int	page_favicon(struct http_request *);
int	page_not_found(struct http_request *);

static enum result	 home_course(struct ctx *);
static enum result	 home_call(struct ctx *);
static enum result	 home_cases(struct ctx *);
static void		 home_principles(struct ctx *);
static const char	*home_date(struct ctx *, int64_t);

int
page_home(struct http_request *req)
{
	struct ctx	c;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET) || ctx_cached(&c))
		goto out;
	if (!ctx_ok(&c, home_course(&c)) || !ctx_ok(&c, home_call(&c)) ||
	    !ctx_ok(&c, home_cases(&c)))
		goto out;
	home_principles(&c);
	ctx_title(&c, N_("Ethica: learn the ethics of AI"));
	tv_bool(c.view, "is_home", 1);
	ctx_render(&c, 200, "home");
out:
	return (ctx_end(&c));
}

/* t with its time in the viewer's language and time zone (ICU names the
 * zone), "" when it cannot be formatted. Arena memory. */
static const char *
home_date(struct ctx *c, int64_t t)
{
	char	out[128];

	if (i18n_format_date(c->lang, t, hc_tz(c), 1, out, sizeof(out)) == -1 &&
	    i18n_format_date(c->lang, t, "UTC", 1, out, sizeof(out)) == -1)
		return ("");
	return (arena_strdup(c->dc.a, out));
}

/*
 * view.course: the starter course in the viewer's language (else its
 * default). A site without it simply shows no course section.
 */
static enum result
home_course(struct ctx *c)
{
	struct course_page	 cp;
	struct tv		*m;
	enum result		 r;
	int64_t			 minutes;
	size_t			 i;

	r = course_page(&c->dc, HOME_COURSE, i18n_code(c->lang), &cp);
	if (r == RES_NOT_FOUND)
		return (RES_OK);
	if (r != RES_OK)
		return (r);
	minutes = cp.pkg->minutes;
	if (minutes <= 0)
		for (i = 0; i < cp.o.nlessons; i++)
			minutes += cp.o.lessons[i].minutes;
	m = tv_child(c->view, "course");
	tv_str(m, "slug", cp.o.course.slug);
	tv_str(m, "title", cp.o.title);
	tv_str(m, "lang", cp.o.lang);
	tv_str(m, "summary", cp.summary != NULL ? cp.summary : "");
	tv_int(m, "modules", (int64_t)cp.o.nmodules);
	tv_int(m, "lessons", (int64_t)cp.o.nlessons);
	tv_str(m, "time", ctx_minutes(c, minutes));
	if (cp.o.nlessons > 0)
		tv_str(m, "first", cp.o.lessons[0].key);
	return (RES_OK);
}

/* view.call: the open call closing first; else view.next_call, the next
 * one to open. */
static enum result
home_call(struct ctx *c)
{
	struct call_row	 r;
	struct tv	*m;
	enum result	 res;
	int64_t		 change;
	int		 open;

	/* Which call shows, and how, changes with the clock: the page
	 * cache keeps this page until the next call opens or closes. */
	if ((res = call_next_change(&c->dc, &change)) != RES_OK)
		return (res);
	if (change > 0)
		ctx_cache_until(c, change);
	res = call_headline(&c->dc, i18n_code(c->lang), &r, &open);
	if (res == RES_NOT_FOUND)
		return (RES_OK);
	if (res != RES_OK)
		return (res);
	m = tv_child(c->view, open ? "call" : "next_call");
	tv_int(m, "id", r.id);
	tv_str(m, "title", r.title);
	tv_str(m, open ? "closes" : "opens", home_date(c, open ? r.closes_at :
	    r.opens_at));
	return (RES_OK);
}

/* view.cases: the newest published cases, texts in the viewer's language
 * when the case has them (the in-memory index, then one query). */
static enum result
home_cases(struct ctx *c)
{
	struct case_search	 s;
	struct case_results	 r;
	struct tv		*list, *it;
	char			 country[128];
	size_t			 i;

	memset(&s, 0, sizeof(s));
	s.sort = CASE_SORT_NEWEST;
	s.page = 1;
	s.per_page = HOME_CASES;
	s.lang = i18n_code(c->lang);
	if (case_search_run(&c->dc, &s, 0, &r) != RES_OK)
		return (RES_INTERNAL);
	tv_int(c->view, "cases_total", r.total);
	list = tv_list(c->view, "cases");
	for (i = 0; i < r.n; i++) {
		it = tv_push_map(list);
		tv_fields(it, &r.rows[i], case_card_fields);
		if (r.rows[i].c.country != NULL && *r.rows[i].c.country &&
		    i18n_country_name(c->lang, r.rows[i].c.country, country,
		    sizeof(country)) == 0)
			tv_str(it, "country", arena_strdup(c->dc.a, country));
	}
	return (RES_OK);
}

/* view.principles: the ten principles, translated, with their pages. */
static void
home_principles(struct ctx *c)
{
	const struct tax_entry	*e;
	struct tv		*list, *it;
	size_t			 n, i;

	e = taxonomy_list(TAX_PRINCIPLE, &n);
	list = tv_list(c->view, "principles");
	for (i = 0; i < n; i++) {
		it = tv_push_map(list);
		tv_str(it, "name", ctx_tr(c, e[i].name));
		tv_str(it, "slug", e[i].slug);
	}
}

int
page_healthz(struct http_request *req)
{
	struct arena	*a;
	struct buf	 b;
	char		*v, code[32], stmt[64];
	int64_t		 when;
	int		 rc;

	accesslog_track(req);
	pipeline_check(req);
	a = arena_new();
	rc = store_setting_get(app.db, a, "csrf_key", &v);
	arena_free(a);
	http_response_header(req, "content-type", "text/plain");
	http_response_header(req, "cache-control", "no-store");
	if (rc != STORE_OK) {
		http_response(req, 503, "database unavailable\n", 21);
		return (KORE_RESULT_OK);
	}
	/*
	 * "ok", then a warning line when a proxy forwards without
	 * --trust-proxy (proxycheck.h), then this worker's last store error.
	 */
	buf_init(&b);
	buf_puts(&b, "ok\n");
	if (!app.trust_proxy && proxycheck_flagged())
		buf_puts(&b, HEALTHZ_PROXY);
	if (store_last_error(code, sizeof(code), stmt, sizeof(stmt), &when))
		buf_appendf(&b, "last-store-error: %s at %lld in \"%s\"\n",
		    code, (long long)when, stmt);
	http_response(req, 200, b.data, b.len);
	buf_free(&b);
	return (KORE_RESULT_OK);
}

int
page_static(struct http_request *req)
{
	const struct static_file	*sf;
	const char			*ae;

	accesslog_track(req);
	pipeline_check(req);
	if ((sf = app_static_find(req->path)) == NULL)
		return (page_not_found(req));
	http_response_header(req, "content-type", sf->type);
	http_response_header(req, "cache-control",
	    "public, max-age=31536000, immutable");
	http_response_header(req, "x-content-type-options", "nosniff");
	if (sf->gz != NULL) {
		/* Compressed once at start (app.c), sent as it is. */
		http_response_header(req, "vary", "accept-encoding");
		if (http_request_header(req, "accept-encoding", &ae) &&
		    gzip_accepted(ae)) {
			http_response_header(req, "content-encoding", "gzip");
			http_response(req, 200, sf->gz, sf->gzlen);
			return (KORE_RESULT_OK);
		}
	}
	http_response(req, 200, sf->data, sf->len);
	return (KORE_RESULT_OK);
}

int
page_favicon(struct http_request *req)
{
	const char	*url;

	accesslog_track(req);
	pipeline_check(req);
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
