/*
 * h_principles.c: /principles (the index of the Recommendation's 4
 * values, 10 principles and 11 policy areas) and one page per item
 * (/principles/SLUG, /values/SLUG, /policy-areas/SLUG): our short text,
 * then the lessons (principles and policy areas: lessons are tagged with
 * those), the courses and the published cases tagged with it.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "domain/cases.h"
#include "domain/course.h"
#include "domain/facets.h"
#include "domain/taxonomy.h"
#include "http/app.h"
#include "http/ctx.h"
#include "http/h_cases.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/markdown.h"
#include "web/tmpl.h"

int	page_principles(struct http_request *);
int	page_principle(struct http_request *);
int	page_value(struct http_request *);
int	page_policy_area(struct http_request *);

static void	list_kind(struct ctx *, const char *key, enum tax_kind,
		    const char *prefix);
static int	topic(struct http_request *, enum tax_kind, const char *kind,
		    const char *prefix, const char *kind_msgid);

static void
list_kind(struct ctx *c, const char *key, enum tax_kind k, const char *prefix)
{
	const struct tax_entry	*e;
	struct tv		*l, *it;
	size_t			 n, i;

	e = taxonomy_list(k, &n);
	l = tv_list(c->view, key);
	for (i = 0; i < n; i++) {
		it = tv_push_map(l);
		tv_str(it, "name", ctx_tr(c, e[i].name));
		tv_str(it, "href", arena_printf(c->dc.a, "%s%s", prefix,
		    e[i].slug));
	}
}

int
page_principles(struct http_request *req)
{
	struct ctx	c;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	ctx_title(&c, N_("Values, principles and policy areas"));
	list_kind(&c, "values", TAX_VALUE, "/values/");
	list_kind(&c, "principles", TAX_PRINCIPLE, "/principles/");
	list_kind(&c, "areas", TAX_POLICY_AREA, "/policy-areas/");
	ctx_render(&c, 200, "principles");
out:
	return (ctx_end(&c));
}

static int
topic(struct http_request *req, enum tax_kind tk, const char *kind,
    const char *prefix, const char *kind_msgid)
{
	struct ctx		 c;
	struct case_search	 s;
	struct case_results	 r;
	struct case_course_row	*co;
	struct course_tagged_lesson *ls = NULL;
	size_t			 nls = 0;
	const struct tax_entry	*e;
	struct tv		*l, *it;
	char			*md;
	size_t			 n, i;
	enum result		 res;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET) || ctx_cached(&c))
		goto out;
	e = taxonomy_find(tk, req->path + strlen(prefix));
	if (e == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	res = case_topic(&c.dc, app.share, kind, e->slug, i18n_code(c.lang),
	    &md, &co, &n);
	memset(&s, 0, sizeof(s));
	s.slug[facet_kind_index(kind)] = e->slug;
	s.sort = CASE_SORT_NEWEST;
	s.per_page = 50;
	s.lang = i18n_code(c.lang);
	if (res == RES_OK && tk != TAX_VALUE)
		res = course_lessons_tagged(&c.dc, kind, e->slug,
		    i18n_code(c.lang), &ls, &nls);
	if (res == RES_OK)
		res = case_search_run(&c.dc, &s, 0, &r);
	if (!ctx_ok(&c, res))
		goto out;
	ctx_title(&c, e->name);
	tv_str(c.view, "kind", ctx_tr(&c, kind_msgid));
	if (md != NULL)
		tv_html(c.view, "text", markdown_render(c.dc.a, md,
		    strlen(md)));
	tv_bool(c.view, "has_lessons", tk != TAX_VALUE);
	l = tv_list(c.view, "lessons");
	for (i = 0; i < nls; i++) {
		it = tv_push_map(l);
		tv_str(it, "title", ls[i].lesson_title);
		tv_str(it, "course", ls[i].course_title);
		tv_str(it, "href", ls[i].href);
	}
	l = tv_list(c.view, "courses");
	for (i = 0; i < n; i++) {
		it = tv_push_map(l);
		tv_str(it, "title", co[i].title);
		tv_str(it, "href", arena_printf(c.dc.a, "/courses/%s",
		    co[i].slug));
	}
	tv_str(c.view, "courses_href", arena_printf(c.dc.a,
	    "/courses?%s=%s", kind, e->slug));
	l = tv_list(c.view, "cases");
	for (i = 0; i < r.n; i++) {
		it = tv_push_map(l);
		tv_fields(it, &r.rows[i], case_card_fields);
	}
	tv_int(c.view, "ncases", r.total);
	tv_str(c.view, "cases_href", facets_url(c.dc.a, "/cases", &s, -1,
	    NULL, CASE_SORT_NEWEST, 1));
	ctx_render(&c, 200, "principle");
out:
	return (ctx_end(&c));
}

int
page_principle(struct http_request *req)
{
	return (topic(req, TAX_PRINCIPLE, "principle", "/principles/",
	    N_("Principle")));
}

int
page_value(struct http_request *req)
{
	return (topic(req, TAX_VALUE, "value", "/values/", N_("Value")));
}

int
page_policy_area(struct http_request *req)
{
	return (topic(req, TAX_POLICY_AREA, "policy_area", "/policy-areas/",
	    N_("Policy area")));
}
