/*
 * h_cases.c: the case library pages: /cases (search, facets as links
 * with counts, sorting, paging, no JavaScript), /cases/SLUG (sections,
 * links and attachments, tags, licence, citations, lessons, versions;
 * 410 with the reason when unpublished) and the chair's unpublish form.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/cases.h"
#include "domain/citation.h"
#include "domain/facets.h"
#include "domain/policy.h"
#include "domain/taxonomy.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_cases.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/markdown.h"
#include "web/tmpl.h"

int	page_cases(struct http_request *);
int	page_case(struct http_request *);
int	page_case_unpublish(struct http_request *);

const struct tv_field	case_card_fields[] = {
	TVF(struct case_list_row, "slug", c.slug),
	TVF(struct case_list_row, "title", title),
	TVF(struct case_list_row, "summary", summary),
	TVF(struct case_list_row, "text_lang", lang),
	TVF(struct case_list_row, "organisation", c.organisation),
	TVF(struct case_list_row, "year", c.year),
	TVF_FLAG(struct case_list_row, "example", c.is_example),
	{ NULL, 0, 0 }
};

static const char	*facet_label(struct ctx *, const char *kind,
			    const char *slug);
static const char	*kind_title(const char *kind);
static const char	*tag_href(struct ctx *, const char *kind,
			    const char *slug);
static void		 search_from_params(struct ctx *,
			    struct case_search *);
static void		 view_facets(struct ctx *,
			    const struct case_search *,
			    const struct case_results *);
static void		 view_rows(struct ctx *,
			    const struct case_results *);
static void		 view_case(struct ctx *, const struct case_view *);
static const char	*slug_of(struct ctx *, const char *prefix,
			    const char *suffix);
static void		 section(struct ctx *, struct tv *, const char *,
			    const char *);


static const char *
kind_title(const char *kind)
{
	static const char *const t[][2] = {
		{ "category", N_("Category") }, { "value", N_("Value") },
		{ "principle", N_("Principle") },
		{ "policy_area", N_("Policy area") },
		{ "sector", N_("Sector") }, { "region", N_("Region") },
		{ "country", N_("Country") }, { "lang", N_("Language") },
		{ "year", N_("Year") }, { NULL, NULL }
	};
	size_t	i;

	for (i = 0; t[i][0] != NULL; i++)
		if (strcmp(t[i][0], kind) == 0)
			return (t[i][1]);
	return (kind);
}

static const char *
facet_label(struct ctx *c, const char *kind, const char *slug)
{
	const char	*n = NULL;
	char		 out[256];

	if (strcmp(kind, "category") == 0)
		n = taxonomy_name(TAX_CASE_CATEGORY, slug);
	else if (strcmp(kind, "value") == 0)
		n = taxonomy_name(TAX_VALUE, slug);
	else if (strcmp(kind, "principle") == 0)
		n = taxonomy_name(TAX_PRINCIPLE, slug);
	else if (strcmp(kind, "policy_area") == 0)
		n = taxonomy_name(TAX_POLICY_AREA, slug);
	else if (strcmp(kind, "sector") == 0)
		n = case_sector_label(slug);
	else if (strcmp(kind, "region") == 0)
		n = case_region_label(slug);
	else if (strcmp(kind, "country") == 0) {
		if (i18n_country_name(c->lang, slug, out, sizeof(out)) == 0)
			return (arena_strdup(c->dc.a, out));
	} else if (strcmp(kind, "lang") == 0) {
		if (i18n_language_name(c->lang, slug, out, sizeof(out)) == 0)
			return (arena_strdup(c->dc.a, out));
	}
	return (n != NULL ? ctx_tr(c, n) : slug);
}

static const char *
tag_href(struct ctx *c, const char *kind, const char *slug)
{
	if (strcmp(kind, "principle") == 0)
		return (arena_printf(c->dc.a, "/principles/%s", slug));
	if (strcmp(kind, "value") == 0)
		return (arena_printf(c->dc.a, "/values/%s", slug));
	if (strcmp(kind, "policy_area") == 0)
		return (arena_printf(c->dc.a, "/policy-areas/%s", slug));
	return (arena_printf(c->dc.a, "/cases?%s=%s", kind, slug));
}

static void
search_from_params(struct ctx *c, struct case_search *s)
{
	size_t	k;

	memset(s, 0, sizeof(*s));
	s->q = ctx_param(c, "q");
	for (k = 0; k < FACETS_NKINDS; k++)
		s->slug[k] = ctx_param(c, facet_kinds[k]);
	s->sort = facets_sort_parse(ctx_param(c, "sort"));
	if (s->sort == CASE_SORT_RELEVANCE && (s->q == NULL || *s->q == '\0'))
		s->sort = CASE_SORT_NEWEST;
	s->page = ctx_param_int(c, "page", 1, FACETS_PAGE_MAX, 1);
	s->lang = i18n_code(c->lang);
	case_search_normalise(c->dc.a, s);
}

static void
view_facets(struct ctx *c, const struct case_search *s,
    const struct case_results *r)
{
	struct tv	*groups, *g, *vals, *v;
	size_t		 k, i;

	groups = tv_list(c->view, "facets");
	for (k = 0; k < r->ngroups; k++) {
		if (r->groups[k].n == 0)
			continue;
		g = tv_push_map(groups);
		tv_str(g, "kind", r->groups[k].kind);
		tv_str(g, "title", ctx_tr(c, kind_title(r->groups[k].kind)));
		vals = tv_list(g, "values");
		for (i = 0; i < r->groups[k].n; i++) {
			v = tv_push_map(vals);
			tv_str(v, "label", facet_label(c, r->groups[k].kind,
			    r->groups[k].v[i].slug));
			tv_int(v, "count", r->groups[k].v[i].count);
			tv_bool(v, "selected", r->groups[k].v[i].selected);
			tv_str(v, "href", facets_url(c->dc.a, "/cases", s,
			    (int)k, r->groups[k].v[i].selected ? NULL :
			    r->groups[k].v[i].slug, s->sort, 1));
		}
	}
}

static void
view_rows(struct ctx *c, const struct case_results *r)
{
	struct tv	*list, *it;
	size_t		 i;

	list = tv_list(c->view, "cases");
	for (i = 0; i < r->n; i++) {
		it = tv_push_map(list);
		tv_fields(it, &r->rows[i], case_card_fields);
		tv_str(it, "text_dir", i18n_code_dir(r->rows[i].lang));
		tv_str(it, "country", facet_label(c, "country",
		    r->rows[i].c.country));
		tv_str(it, "category", facet_label(c, "category",
		    r->rows[i].c.category));
	}
}

int
page_cases(struct http_request *req)
{
	struct ctx		 c;
	struct case_search	 s;
	struct case_results	 r;
	struct tv		*sorts, *so, *p, *act, *a;
	size_t			 k;
	int			 i;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	search_from_params(&c, &s);
	if (!ctx_ok(&c, case_search_run(&c.dc, &s, 1, &r)))
		goto out;
	ctx_title(&c, N_("Case library"));
	tv_str(c.view, "q", s.q);
	tv_int(c.view, "total", r.total);
	view_rows(&c, &r);
	view_facets(&c, &s, &r);
	act = tv_list(c.view, "active");
	for (k = 0; k < FACETS_NKINDS; k++) {
		if (s.slug[k] == NULL)
			continue;
		a = tv_push_map(act);
		tv_str(a, "kind", ctx_tr(&c, kind_title(facet_kinds[k])));
		tv_str(a, "label", facet_label(&c, facet_kinds[k], s.slug[k]));
		tv_str(a, "href", facets_url(c.dc.a, "/cases", &s, (int)k,
		    NULL, s.sort, 1));
		tv_str(a, "name", facet_kinds[k]);
		tv_str(a, "slug", s.slug[k]);
	}
	/* The open data of what the reader sees: this search, as JSON. */
	if ((s.q != NULL && *s.q != '\0') || tv_list_len(act) > 0)
		tv_str(c.view, "search_api", facets_url(c.dc.a, "/api/cases",
		    &s, -1, NULL, s.sort, 1));
	sorts = tv_list(c.view, "sorts");
	for (i = 0; i < 3; i++) {
		if (i == CASE_SORT_RELEVANCE && (s.q == NULL || *s.q == '\0'))
			continue;
		so = tv_push_map(sorts);
		tv_str(so, "value", facets_sort_name((enum case_sort)i));
		tv_str(so, "label", ctx_tr(&c, i == 0 ? N_("Relevance") :
		    i == 1 ? N_("Newest first") : N_("Title")));
		tv_bool(so, "selected", (int)s.sort == i);
	}
	if (r.pages > 1) {
		p = tv_child(c.view, "pager");
		tv_int(p, "page", r.page);
		tv_int(p, "pages", r.pages);
		if (r.page > 1)
			tv_str(p, "prev", facets_url(c.dc.a, "/cases", &s, -1,
			    NULL, s.sort, r.page - 1));
		if (r.page < r.pages)
			tv_str(p, "next", facets_url(c.dc.a, "/cases", &s, -1,
			    NULL, s.sort, r.page + 1));
	}
	ctx_render(&c, 200, "case_list");
out:
	return (ctx_end(&c));
}

static const char *
slug_of(struct ctx *c, const char *prefix, const char *suffix)
{
	const char	*p = c->req->path;
	size_t		 n, sl;

	n = strlen(prefix);
	if (strncmp(p, prefix, n) != 0)
		return (NULL);
	p += n;
	sl = strlen(p);
	if (suffix != NULL) {
		if (sl <= strlen(suffix) ||
		    strcmp(p + sl - strlen(suffix), suffix) != 0)
			return (NULL);
		sl -= strlen(suffix);
	}
	if (sl == 0 || sl > 100)
		return (NULL);
	return (arena_strndup(c->dc.a, p, sl));
}

static void
section(struct ctx *c, struct tv *list, const char *title, const char *text)
{
	struct tv	*s;

	if (text == NULL || *text == '\0')
		return;
	s = tv_push_map(list);
	tv_str(s, "title", ctx_tr(c, title));
	tv_html(s, "html", markdown_render(c->dc.a, text, strlen(text)));
}

static void
view_case(struct ctx *c, const struct case_view *v)
{
	struct tv		*secs, *l, *it, *cite, *att;
	struct cite		 ct;
	const char		*url;
	size_t			 i;

	tv_str(c->view, "slug", v->c.slug);
	tv_str(c->view, "case_title", v->text->title);
	tv_str(c->view, "text_lang", v->text->lang);
	tv_str(c->view, "text_dir", i18n_code_dir(v->text->lang));
	tv_bool(c->view, "example", (int)v->c.is_example);
	tv_str(c->view, "organisation", v->c.organisation);
	tv_str(c->view, "country", facet_label(c, "country", v->c.country));
	tv_str(c->view, "region", facet_label(c, "region", v->c.region));
	tv_str(c->view, "sector", *v->c.sector ? facet_label(c, "sector",
	    v->c.sector) : "");
	tv_str(c->view, "category", facet_label(c, "category",
	    v->c.category));
	tv_str(c->view, "category_href", tag_href(c, "category",
	    v->c.category));
	if (v->c.year > 0)
		tv_int(c->view, "year", v->c.year);
	tv_int(c->view, "version", v->c.version);
	tv_str(c->view, "published", ctx_date(c, v->c.published_at, 0));
	tv_str(c->view, "updated", ctx_date(c, v->c.updated_at, 0));
	tv_bool(c->view, "was_updated", v->c.version > 1);
	secs = tv_list(c->view, "sections");
	section(c, secs, N_("Summary"), v->text->summary);
	section(c, secs, N_("AI system concerned"), v->text->ai_system);
	section(c, secs, N_("What was done"), v->text->actions);
	section(c, secs, N_("Outcomes and evidence"), v->text->outcomes);
	section(c, secs, N_("Lessons learned"), v->text->lessons);
	l = tv_list(c->view, "sources");
	att = NULL;
	for (i = 0; i < v->nlinks; i++) {
		/* One list of attachments (tv_list makes a new one). */
		if (strcmp(v->links[i].kind, "attachment") == 0 && att == NULL)
			att = tv_list(c->view, "attachments");
		it = tv_push_map(strcmp(v->links[i].kind, "attachment") == 0 ?
		    att : l);
		tv_str(it, "title", v->links[i].title);
		tv_str(it, "url", v->links[i].url);
	}
	l = tv_list(c->view, "tags");
	for (i = 0; i < v->ntags; i++) {
		if (strcmp(v->tags[i].kind, "value") != 0 &&
		    strcmp(v->tags[i].kind, "principle") != 0 &&
		    strcmp(v->tags[i].kind, "policy_area") != 0)
			continue;
		it = tv_push_map(l);
		tv_str(it, "kind", ctx_tr(c, kind_title(v->tags[i].kind)));
		tv_str(it, "label", facet_label(c, v->tags[i].kind,
		    v->tags[i].slug));
		tv_str(it, "href", tag_href(c, v->tags[i].kind,
		    v->tags[i].slug));
	}
	l = tv_list(c->view, "case_languages");
	for (i = 0; i < v->ntexts; i++)
		tv_push_str(l, facet_label(c, "lang", v->texts[i].lang));
	l = tv_list(c->view, "lessons");
	for (i = 0; i < v->nlessons; i++) {
		it = tv_push_map(l);
		tv_str(it, "href", arena_printf(c->dc.a,
		    "/courses/%s/lessons/%s", v->lessons[i].course_slug,
		    v->lessons[i].lesson_key));
		tv_str(it, "course", v->lessons[i].course_title);
		tv_str(it, "course_lang", v->lessons[i].course_lang);
		tv_str(it, "course_dir",
		    i18n_code_dir(v->lessons[i].course_lang));
		tv_str(it, "lesson", v->lessons[i].lesson_title);
		tv_str(it, "lesson_lang", v->lessons[i].lesson_lang);
		tv_str(it, "lesson_dir",
		    i18n_code_dir(v->lessons[i].lesson_lang));
	}
	l = tv_list(c->view, "versions");
	for (i = 0; i < v->nversions; i++) {
		it = tv_push_map(l);
		tv_int(it, "version", v->versions[i].version);
		tv_str(it, "date", ctx_date(c, v->versions[i].created_at, 0));
		tv_str(it, "note", v->versions[i].note);
	}
	url = arena_printf(c->dc.a, "%s/cases/%s", c->dc.public_url,
	    v->c.slug);
	memset(&ct, 0, sizeof(ct));
	ct.slug = v->c.slug;
	ct.title = v->text->title;
	ct.organisation = v->c.organisation;
	ct.year = v->c.year;
	ct.url = url;
	ct.version = v->c.version;
	ct.updated_at = v->c.updated_at;
	ct.language = v->text->lang;
	cite = tv_child(c->view, "cite");
	tv_str(cite, "url", url);
	tv_str(cite, "text", citation_text(c->dc.a, &ct));
	tv_str(cite, "bibtex", citation_bibtex(c->dc.a, &ct));
	tv_str(cite, "csl", citation_csl(c->dc.a, &ct));
	tv_bool(c->view, "can_unpublish", case_can_unpublish(&c->dc, &v->c));
}

int
page_case(struct http_request *req)
{
	struct ctx		 c;
	struct case_view	 v;
	const char		*slug;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET) || ctx_cached(&c))
		goto out;
	if ((slug = slug_of(&c, "/cases/", NULL)) == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	if (!ctx_ok(&c, case_get(&c.dc, slug, i18n_code(c.lang), &v)))
		goto out;
	if (strcmp(v.c.state, "published") != 0) {
		ctx_title(&c, N_("This case was unpublished"));
		tv_str(c.view, "case_title", v.c.title);
		tv_str(c.view, "reason", v.c.unpublish_reason);
		tv_str(c.view, "when", ctx_date(&c, v.c.unpublished_at, 0));
		ctx_render(&c, 410, "case_gone");
		goto out;
	}
	view_case(&c, &v);
	tv_str(c.view, "title", v.text->title);
	ctx_render(&c, 200, "case");
out:
	return (ctx_end(&c));
}

int
page_case_unpublish(struct http_request *req)
{
	struct ctx	 c;
	const char	*slug;
	enum result	 res;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_POST, GATE_USER))
		goto out;
	if ((slug = slug_of(&c, "/cases/", "/unpublish")) == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	res = case_unpublish(&c.dc, slug, ctx_param(&c, "reason"), 0);
	ctx_done(&c, res, FLASH_NONE, arena_printf(c.dc.a, "/cases/%s", slug));
out:
	return (ctx_end(&c));
}
