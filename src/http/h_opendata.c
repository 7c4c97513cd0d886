/*
 * h_opendata.c: the case library as open data (CC BY 4.0): /cases.json,
 * /cases.csv, the Atom feed /cases.atom, and the read-only JSON API
 * /api/cases (search, facets, paging) and /api/cases/SLUG (docs/api.md).
 * Every answer carries ETag and Last-Modified from the library's change
 * stamp and answers 304 to If-None-Match / If-Modified-Since; GET is
 * open to every origin (CORS *, with ETag and Last-Modified exposed to
 * scripts), and an OPTIONS preflight gets 204. A paging parameter out of
 * range is a 400 with a JSON error, never silently replaced.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/cases.h"
#include "domain/facets.h"
#include "http/app.h"
#include "http/ctx.h"
#include "http/offload.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_cases_json(struct http_request *);
int	page_cases_csv(struct http_request *);
int	page_cases_atom(struct http_request *);
int	page_api_cases(struct http_request *);
int	page_api_case(struct http_request *);

static int	 open_to_all(struct ctx *);
static int	 paging(struct ctx *, const char *, int64_t, int64_t,
		    int64_t, int64_t *);
static void	 json_error(struct ctx *, int, const char *, const char *);
static int	 fresh(struct ctx *, int64_t *lm);
static int	 open_data(struct ctx *, int64_t *lm);
static void	 send_doc(struct ctx *, const char *type, struct buf *);
static void	 results_json(struct ctx *, const struct case_search *,
		    const struct case_results *, struct buf *);
static const char *iso8601(struct ctx *, int64_t);
static void	 http_date(int64_t, char *, size_t);

static const char json_type[] = "application/json; charset=utf-8";

static void
http_date(int64_t t, char *out, size_t len)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	(void)gmtime_r(&tt, &tm);
	if (strftime(out, len, "%a, %d %b %Y %H:%M:%S GMT", &tm) == 0)
		out[0] = '\0';
}

static const char *
iso8601(struct ctx *c, int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;
	char		out[32];

	(void)gmtime_r(&tt, &tm);
	if (strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return ("");
	return (arena_strdup(c->dc.a, out));
}

/*
 * The CORS headers every answer of open data carries, errors included, so
 * that another site's script can read the status, the ETag and the
 * Last-Modified date. Answers an OPTIONS preflight with 204 and returns 1;
 * 0 to go on.
 */
static int
open_to_all(struct ctx *c)
{
	http_response_header(c->req, "access-control-allow-origin", "*");
	http_response_header(c->req, "access-control-expose-headers",
	    "ETag, Last-Modified");
	if (c->req->method != HTTP_METHOD_OPTIONS)
		return (0);
	http_response_header(c->req, "allow", "GET, HEAD, OPTIONS");
	http_response_header(c->req, "access-control-allow-methods",
	    "GET, HEAD, OPTIONS");
	http_response_header(c->req, "access-control-allow-headers",
	    "If-None-Match, If-Modified-Since");
	http_response_header(c->req, "access-control-max-age", "86400");
	http_response(c->req, 204, NULL, 0);
	return (1);
}

/* A JSON error document {"error": msg, "reason": reason} with status;
 * reason NULL: none. */
static void
json_error(struct ctx *c, int status, const char *msg, const char *reason)
{
	struct buf	b;
	struct json	j;

	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j);
	json_kv_str(&j, "error", msg);
	if (reason != NULL)
		json_kv_str(&j, "reason", reason);
	json_obj_close(&j);
	ctx_send(c, status, json_type, b.data, b.len);
	buf_free(&b);
}

/*
 * The paging parameter name in [min, max] into *out (def when the query
 * does not name it). A value given but not a whole number in range (Kore's
 * validator drops what is not digits, so the raw query string is asked
 * whether it was given) sends a 400 and returns 0.
 */
static int
paging(struct ctx *c, const char *name, int64_t min, int64_t max,
    int64_t def, int64_t *out)
{
	int	given;

	given = ctx_query_raw(c, name) != NULL;
	*out = ctx_param_int(c, name, min, max, 0);
	if (*out != 0 || !given) {
		if (*out == 0)
			*out = def;
		return (1);
	}
	json_error(c, 400, arena_printf(c->dc.a,
	    "%s must be a whole number from %lld to %lld", name,
	    (long long)min, (long long)max), NULL);
	return (0);
}

/*
 * Sets the caching headers; 1 (and a 304 sent) when the client's
 * copy is current, 0 to go on, -1 (500 sent) on a storage error.
 */
static int
fresh(struct ctx *c, int64_t *lm)
{
	const char	*inm, *ims;
	char		 etag[64], date[64];
	struct tm	 tm;

	if (case_stamp(&c->dc, lm, etag, sizeof(etag)) != RES_OK) {
		ctx_error(c, 500);
		return (-1);
	}
	http_date(*lm, date, sizeof(date));
	http_response_header(c->req, "etag", etag);
	http_response_header(c->req, "last-modified", date);
	http_response_header(c->req, "cache-control", "public, max-age=60");
	if (http_request_header(c->req, "if-none-match", &inm)) {
		if (strstr(inm, etag) != NULL || strcmp(inm, "*") == 0)
			goto not_modified;
		return (0);
	}
	if (http_request_header(c->req, "if-modified-since", &ims)) {
		memset(&tm, 0, sizeof(tm));
		if (strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm) != NULL &&
		    (int64_t)timegm(&tm) >= *lm)
			goto not_modified;
	}
	return (0);
not_modified:
	http_response(c->req, 304, NULL, 0);
	return (1);
}

/*
 * Starts every answer of open data: CORS (open_to_all()), GET only, the
 * caching headers and the library's change stamp into *lm (fresh()).
 * 0 when the answer is sent (preflight, 405, 304 or 500).
 */
static int
open_data(struct ctx *c, int64_t *lm)
{
	return (!open_to_all(c) && ctx_method(c, CTX_GET) && fresh(c, lm) == 0);
}

/* The whole dumps, in the shape offload_export() runs off the loop. */
static enum result
dump_json(struct dctx *dc, int64_t arg, struct buf *b)
{
	(void)arg;
	return (case_dump_json(dc, dc->public_url, b));
}

static enum result
dump_csv(struct dctx *dc, int64_t arg, struct buf *b)
{
	(void)arg;
	return (case_dump_csv(dc, dc->public_url, b));
}

/*
 * The dump of fn, built off the event loop: returns NULL after parking
 * the request (or showing the busy page), then, when Kore calls the
 * handler again, the dump (NULL too, with the 500 page, on failure).
 */
static struct buf *
dump_of(struct ctx *c, enum result (*fn)(struct dctx *, int64_t,
    struct buf *))
{
	struct buf	*b;
	enum result	 r;

	if ((b = offload_export_done(c->req, &r)) == NULL) {
		if (offload_export(c->req, &c->dc, fn, 0))
			c->parked = 1;
		else
			offload_busy(c);
		return (NULL);
	}
	if (r != RES_OK) {
		ctx_error(c, 500);
		return (NULL);
	}
	return (b);
}

static void
send_doc(struct ctx *c, const char *type, struct buf *b)
{
	ctx_send(c, 200, type, b->data != NULL ? b->data : "", b->len);
}

/*
 * A whole dump (fn) in type, a download named filename unless NULL: the
 * handler of /cases.json and /cases.csv.
 */
static int
dump_page(struct http_request *req, enum result (*fn)(struct dctx *, int64_t,
    struct buf *), const char *type, const char *filename)
{
	struct ctx	c;
	struct buf	*b;
	int64_t		lm;

	ctx_begin(&c, req);
	if (!open_data(&c, &lm) || (b = dump_of(&c, fn)) == NULL)
		goto out;
	if (filename != NULL)
		http_response_header(req, "content-disposition",
		    arena_printf(c.dc.a, "attachment; filename=\"%s\"",
		    filename));
	send_doc(&c, type, b);
out:
	return (ctx_end(&c));
}

int
page_cases_json(struct http_request *req)
{
	return (dump_page(req, dump_json, json_type,
	    NULL));
}

int
page_cases_csv(struct http_request *req)
{
	return (dump_page(req, dump_csv,
	    "text/csv; charset=utf-8; header=present", "ethica-cases.csv"));
}

int
page_cases_atom(struct http_request *req)
{
	struct ctx		 c;
	struct case_row		*rows;
	struct case_text_row	*texts;
	struct tv		*v, *l, *it;
	struct buf		 b;
	int64_t			 lm;
	size_t			 n, i;

	ctx_begin(&c, req);
	if (!open_data(&c, &lm))
		goto out;
	if (case_recent(&c.dc, 50, &rows, &texts, &n) != RES_OK) {
		ctx_error(&c, 500);
		goto out;
	}
	v = tv_map(c.dc.a);
	tv_str(v, "base", c.dc.public_url);
	tv_str(v, "updated", iso8601(&c, lm));
	l = tv_list(v, "entries");
	for (i = 0; i < n; i++) {
		it = tv_push_map(l);
		tv_str(it, "url", arena_printf(c.dc.a, "%s/cases/%s",
		    c.dc.public_url, rows[i].slug));
		tv_str(it, "title", texts[i].title);
		tv_str(it, "summary", texts[i].summary);
		tv_str(it, "author", *rows[i].organisation ?
		    rows[i].organisation : "Ethica");
		tv_str(it, "lang", rows[i].language);
		tv_str(it, "published", iso8601(&c, rows[i].published_at));
		tv_str(it, "updated", iso8601(&c, rows[i].updated_at));
		tv_int(it, "version", rows[i].version);
	}
	buf_init(&b);
	if (tmpl_render(app.tmpl, "feeds/cases_atom", v, NULL, &b) == -1)
		ctx_error(&c, 500);
	else
		send_doc(&c, "application/atom+xml; charset=utf-8", &b);
	buf_free(&b);
out:
	return (ctx_end(&c));
}

/* The JSON of a page of search results: counts, the next page's address,
 * the cases and the facets' counts. */
static void
results_json(struct ctx *c, const struct case_search *s,
    const struct case_results *r, struct buf *b)
{
	struct json	j;
	size_t		k, i;

	json_init(&j, b);
	json_obj_open(&j);
	json_kv_int(&j, "total", r->total);
	json_kv_int(&j, "page", r->page);
	json_kv_int(&j, "pages", r->pages);
	json_kv_int(&j, "per_page", s->per_page);
	json_kv_str(&j, "licence", CASE_LICENCE);
	if (r->page < r->pages)
		json_kv_str(&j, "next", facets_url(c->dc.a, "/api/cases", s,
		    -1, NULL, s->sort, r->page + 1));
	json_key(&j, "cases");
	json_arr_open(&j);
	for (i = 0; i < r->n; i++) {
		json_obj_open(&j);
		json_kv_str(&j, "slug", r->rows[i].c.slug);
		json_kv_str(&j, "url", arena_printf(c->dc.a, "%s/cases/%s",
		    c->dc.public_url, r->rows[i].c.slug));
		json_kv_str(&j, "api", arena_printf(c->dc.a, "/api/cases/%s",
		    r->rows[i].c.slug));
		json_kv_str(&j, "title", r->rows[i].title);
		json_kv_str(&j, "summary", r->rows[i].summary);
		json_kv_str(&j, "category", r->rows[i].c.category);
		json_kv_str(&j, "country", r->rows[i].c.country);
		json_kv_str(&j, "region", r->rows[i].c.region);
		json_kv_int(&j, "year", r->rows[i].c.year);
		json_kv_bool(&j, "example_entry", (int)r->rows[i].c.is_example);
		json_kv_int(&j, "updated_at", r->rows[i].c.updated_at);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_key(&j, "facets");
	json_obj_open(&j);
	for (k = 0; k < r->ngroups; k++) {
		json_key(&j, r->groups[k].kind);
		json_obj_open(&j);
		for (i = 0; i < r->groups[k].n; i++)
			json_kv_int(&j, r->groups[k].v[i].slug,
			    r->groups[k].v[i].count);
		json_obj_close(&j);
	}
	json_obj_close(&j);
	json_obj_close(&j);
}

int
page_api_cases(struct http_request *req)
{
	struct ctx		 c;
	struct case_search	 s;
	struct case_results	 r;
	struct buf		 b;
	int64_t			 lm;
	size_t			 k;

	ctx_begin(&c, req);
	if (!open_data(&c, &lm))
		goto out;
	memset(&s, 0, sizeof(s));
	s.q = ctx_param(&c, "q");
	for (k = 0; k < FACETS_NKINDS; k++)
		s.slug[k] = ctx_param(&c, facet_kinds[k]);
	case_search_normalise(c.dc.a, &s);
	s.sort = facets_sort_parse(ctx_param(&c, "sort"));
	if (s.sort == CASE_SORT_RELEVANCE && (s.q == NULL || *s.q == '\0'))
		s.sort = CASE_SORT_NEWEST;
	if (!paging(&c, "page", 1, FACETS_PAGE_MAX, 1, &s.page) ||
	    !paging(&c, "per_page", 1, FACETS_MAX_PER_PAGE, FACETS_PAGE,
	    &s.per_page))
		goto out;
	if (case_search_run(&c.dc, &s, 1, &r) != RES_OK) {
		ctx_error(&c, 500);
		goto out;
	}
	buf_init(&b);
	results_json(&c, &s, &r, &b);
	send_doc(&c, json_type, &b);
	buf_free(&b);
out:
	return (ctx_end(&c));
}

int
page_api_case(struct http_request *req)
{
	struct ctx		 c;
	struct case_view	 v;
	struct buf		 b;
	const char		*slug;
	int64_t			 lm;
	enum result		 res;

	ctx_begin(&c, req);
	if (!open_data(&c, &lm))
		goto out;
	slug = req->path + strlen("/api/cases/");
	buf_init(&b);
	res = case_get(&c.dc, slug, NULL, &v);
	if (res == RES_OK && strcmp(v.c.state, "published") == 0) {
		case_json(&b, &v.c, v.text, v.ch.tags, v.ch.ntags,
		    c.dc.public_url);
		send_doc(&c, json_type, &b);
	} else if (res == RES_OK)
		json_error(&c, 410, "unpublished", v.c.unpublish_reason);
	else if (res == RES_NOT_FOUND)
		json_error(&c, 404, "not found", NULL);
	else
		ctx_error(&c, 500);
	buf_free(&b);
out:
	return (ctx_end(&c));
}
