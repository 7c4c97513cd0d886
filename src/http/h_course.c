/*
 * h_course.c: the catalog (/courses), a course's page (/courses/SLUG) and
 * course media (/courses/SLUG/media/PATH, also under lessons/ so relative
 * image links in lessons resolve). The domain decides; these handlers turn
 * answers into views or bytes.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/course_offline.h"
#include "domain/course_view.h"
#include "domain/learning.h"
#include "domain/taxonomy.h"
#include "http/ctx.h"
#include "http/h_call.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_courses(struct http_request *);
int	page_course(struct http_request *);
int	page_course_media(struct http_request *);

static char	*catalog_href(struct ctx *, const struct catalog_query *,
		    int, const char *, int64_t);
static void	catalog_view(struct ctx *, const struct catalog_query *,
		    const struct catalog *);
static char	*slug_at(struct ctx *, const char *, size_t);
static void	 offline_view(struct ctx *, const struct course_page *);
static void	course_view(struct ctx *, const struct course_page *,
		    const struct learning_course_state *);

static const char *const kind_labels[CAT_NKINDS] = {
	N_("Principle"), N_("Policy area"), N_("Track"), N_("Language"),
	N_("Level")
};

/* A catalog card's fields as they are (tv_fields()). */
static const struct tv_field catalog_fields[] = {
	TVF(struct catalog_item, "slug", slug),
	TVF(struct catalog_item, "title", title),
	TVF(struct catalog_item, "summary", summary),
	TVF(struct catalog_item, "text_lang", text_lang),
	TVF(struct catalog_item, "languages", languages),
	{ NULL, 0, 0 }
};
/* The course page's (course_view()). */
static const struct tv_field outline_fields[] = {
	TVF(struct course_outline, "slug", course.slug),
	TVF(struct course_outline, "course_title", title),
	TVF(struct course_outline, "text_lang", lang),
	TVF(struct course_outline, "version", course.version),
	TVF_FLAG(struct course_outline, "required_all", required_all),
	{ NULL, 0, 0 }
};
static const struct tv_field progress_fields[] = {
	TVF(struct learning_progress, "steps_done", steps_done),
	TVF(struct learning_progress, "steps_total", steps_total),
	TVF(struct learning_progress, "percent", percent),
	TVF_FLAG(struct learning_progress, "complete", completed_at),
	{ NULL, 0, 0 }
};
static const struct tv_field standing_fields[] = {
	TVF(struct learning_course_state, "continue_path", continue_path),
	TVF(struct learning_course_state, "continue_title", continue_title),
	TVF(struct learning_course_state, "certificate_path",
	    certificate_path),
	{ NULL, 0, 0 }
};
static const struct tv_field module_fields[] = {
	TVF(struct course_outline_module, "id", id),
	TVF(struct course_outline_module, "title", title),
	{ NULL, 0, 0 }
};
static const struct tv_field outline_lesson_fields[] = {
	TVF(struct course_outline_lesson, "key", key),
	TVF(struct course_outline_lesson, "title", title),
	TVF_FLAG(struct course_outline_lesson, "required", required),
	{ NULL, 0, 0 }
};
static const struct tv_field outline_quiz_fields[] = {
	TVF(struct course_outline_quiz, "id", id),
	TVF(struct course_outline_quiz, "title", title),
	TVF_FLAG(struct course_outline_quiz, "graded", graded),
	{ NULL, 0, 0 }
};

/* The catalog URL with kind set to slug (NULL: cleared; kind -1: none). */
static char *
catalog_href(struct ctx *c, const struct catalog_query *q, int kind,
    const char *slug, int64_t page)
{
	struct buf	 b;
	const char	*v;
	char		*out;
	int		 k;

	buf_init(&b);
	buf_puts(&b, "/courses");
	if (q->q != NULL && *q->q != '\0') {
		buf_puts(&b, "?q=");
		url_escape_component(&b, q->q);
	}
	for (k = 0; k < CAT_NKINDS; k++) {
		v = k == kind ? slug : q->f[k];
		if (v == NULL)
			continue;
		buf_appendf(&b, "%s%s=", b.len > 8 ? "&" : "?",
		    catalog_param((enum catalog_kind)k));
		url_escape_component(&b, v);
	}
	if (page > 1)
		buf_appendf(&b, "%spage=%" PRId64, b.len > 8 ? "&" : "?", page);
	out = arena_strdup(c->dc.a, b.data);
	buf_free(&b);
	return (out);
}

static void
catalog_view(struct ctx *c, const struct catalog_query *q,
    const struct catalog *cat)
{
	struct tv	*list, *it, *groups, *g, *items, *p, *active;
	size_t		 i;
	int		 k, any = 0;

	tv_str(c->view, "q", q->q);
	active = tv_list(c->view, "active");	/* kept by a new search */
	tv_int(c->view, "total", cat->total);
	list = tv_list(c->view, "courses");
	for (i = 0; i < cat->n; i++) {
		it = tv_push_map(list);
		tv_fields(it, &cat->items[i], catalog_fields);
		tv_str(it, "text_dir", i18n_code_dir(cat->items[i].text_lang));
		tv_str(it, "level", ctx_tr(c, cat->items[i].level));
		tv_str(it, "time", ctx_minutes(c, cat->items[i].minutes));
	}
	groups = tv_list(c->view, "filters");
	for (k = 0; k < CAT_NKINDS; k++) {
		g = tv_push_map(groups);
		tv_str(g, "label", ctx_tr(c, kind_labels[k]));
		tv_str(g, "param", catalog_param((enum catalog_kind)k));
		if (q->f[k] != NULL) {
			any = 1;
			tv_str(g, "clear", catalog_href(c, q, k, NULL, 1));
			it = tv_push_map(active);
			tv_str(it, "name", catalog_param((enum catalog_kind)k));
			tv_str(it, "slug", q->f[k]);
		}
		items = tv_list(g, "items");
		for (i = 0; i < cat->nfacets[k]; i++) {
			it = tv_push_map(items);
			tv_str(it, "name", ctx_tr(c, cat->facets[k][i].name));
			tv_int(it, "count", cat->facets[k][i].count);
			tv_bool(it, "selected", cat->facets[k][i].selected);
			tv_str(it, "href", catalog_href(c, q, k,
			    cat->facets[k][i].slug, 1));
		}
	}
	tv_bool(c->view, "filtered", any || (q->q != NULL && *q->q != '\0'));
	p = tv_child(c->view, "pager");
	tv_int(p, "page", cat->page);
	tv_int(p, "pages", cat->pages);
	if (cat->page > 1)
		tv_str(p, "prev", catalog_href(c, q, -1, NULL, cat->page - 1));
	if (cat->page < cat->pages)
		tv_str(p, "next", catalog_href(c, q, -1, NULL, cat->page + 1));
}

int
page_courses(struct http_request *req)
{
	struct ctx		c;
	struct catalog_query	q;
	struct catalog		cat;
	int			k;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET) || ctx_cached(&c))
		goto out;
	memset(&q, 0, sizeof(q));
	q.q = ctx_param(&c, "q");
	for (k = 0; k < CAT_NKINDS; k++)
		q.f[k] = ctx_param(&c, catalog_param((enum catalog_kind)k));
	q.page = ctx_param_int(&c, "page", 1, 100000, 1);
	if (!ctx_ok(&c, course_catalog(&c.dc, &q, i18n_code(c.lang), &cat)))
		goto out;
	ctx_title(&c, N_("Courses"));
	catalog_view(&c, &q, &cat);
	ctx_render(&c, 200, "catalog");
out:
	return (ctx_end(&c));
}

/* The path segment starting at offset off, up to the next '/'. */
static char *
slug_at(struct ctx *c, const char *path, size_t off)
{
	const char	*s, *e;

	if (strlen(path) <= off)
		return (NULL);
	s = path + off;
	e = strchr(s, '/');
	return (arena_strndup(c->dc.a, s, e != NULL ? (size_t)(e - s) :
	    strlen(s)));
}

/* The course page; st is the learner's standing (enrolled 0: none). */
static void
course_view(struct ctx *c, const struct course_page *cp,
    const struct learning_course_state *st)
{
	const struct course_pkg	*p = cp->pkg;
	const struct course_outline *o = &cp->o;
	const struct learning_progress *lp = &st->p;
	int			 mine;
	struct tv		*v, *mods, *m, *ls, *l, *tags, *langs;
	const char		*name;
	char			 nm[128];
	size_t			 i, j;

	v = c->view;
	tv_fields(v, o, outline_fields);
	tv_str(v, "summary", cp->summary);
	/* The course's texts may be in another language than the page's. */
	tv_str(v, "text_dir", i18n_code_dir(o->lang));
	if (o->lang != NULL && strcmp(o->lang, i18n_code(c->lang)) != 0) {
		tv_str(v, "fallback_lang", i18n_language_name(c->lang, o->lang,
		    nm, sizeof(nm)) == 0 ? arena_strdup(c->dc.a, nm) :
		    o->lang);
	}
	tv_str(v, "level", ctx_tr(c, taxonomy_name(TAX_LEVEL, p->level) ?
	    taxonomy_name(TAX_LEVEL, p->level) : p->level));
	tv_str(v, "time", ctx_minutes(c, p->minutes));
	tv_str(v, "licence", p->licence);
	tv_bool(v, "can_edit", cp->can_edit);
	tv_bool(v, "quizzes_graded", o->quizzes_graded && o->nquizzes > 0);
	if (o->nlessons > 0)
		tv_str(v, "first_lesson", o->lessons[0].key);
	/* The learner's own: this page is then never cached (ctx_cached
	 * keeps anonymous pages only). */
	mine = lp->enrolled && lp->outline.nlessons == o->nlessons &&
	    lp->outline.nquizzes == o->nquizzes;
	tv_bool(v, "enrolled", mine);
	if (mine) {
		tv_fields(v, lp, progress_fields);
		tv_fields(v, st, standing_fields);
	}
	langs = tv_list(v, "course_languages");
	for (i = 0; i < p->languages.n; i++) {
		if (i18n_language_name(c->lang, p->languages.v[i], nm,
		    sizeof(nm)) == 0)
			tv_push_str(langs, arena_strdup(c->dc.a, nm));
		else
			tv_push_str(langs, p->languages.v[i]);
	}
	tags = tv_list(v, "authors");
	for (i = 0; i < p->nauthors; i++)
		tv_push_str(tags, p->authors[i].name);
	tags = tv_list(v, "principles");
	for (i = 0; i < p->principles.n; i++)
		if ((name = taxonomy_name(TAX_PRINCIPLE, p->principles.v[i])))
			tv_push_str(tags, ctx_tr(c, name));
	tags = tv_list(v, "policy_areas");
	for (i = 0; i < p->policy_areas.n; i++)
		if ((name = taxonomy_name(TAX_POLICY_AREA,
		    p->policy_areas.v[i])))
			tv_push_str(tags, ctx_tr(c, name));
	tags = tv_list(v, "values");
	for (i = 0; i < p->values.n; i++)
		if ((name = taxonomy_name(TAX_VALUE, p->values.v[i])))
			tv_push_str(tags, ctx_tr(c, name));
	mods = tv_list(v, "modules");
	for (i = 0; i < o->nmodules; i++) {
		m = tv_push_map(mods);
		tv_fields(m, &o->modules[i], module_fields);
		name = taxonomy_name(TAX_TRACK, o->modules[i].track);
		tv_str(m, "track", name != NULL ? ctx_tr(c, name) : "");
		tv_bool(m, "has_quiz", o->modules[i].quiz_id != NULL);
		ls = tv_list(m, "lessons");
		for (j = o->modules[i].first; j < o->modules[i].first +
		    o->modules[i].nlessons; j++) {
			l = tv_push_map(ls);
			tv_fields(l, &o->lessons[j], outline_lesson_fields);
			tv_str(l, "time", ctx_minutes(c,
			    o->lessons[j].minutes));
			tv_bool(l, "done", mine && lp->lesson_done[j]);
		}
	}
	ls = tv_list(v, "quizzes");
	for (i = 0; i < o->nquizzes; i++) {
		m = tv_push_map(ls);
		tv_fields(m, &o->quizzes[i], outline_quiz_fields);
		tv_bool(m, "passed", mine && lp->quiz_passed[i]);
	}
	offline_view(c, cp);
}

/* The course's offline editions: language, size, when made and whether
 * from an earlier version than the one shown. */
static void
offline_view(struct ctx *c, const struct course_page *cp)
{
	const struct course_offline	*ed;
	struct tv			*list, *it;
	char				 nm[128], date[64];
	size_t				 i;

	list = tv_list(c->view, "offline");
	for (i = 0; i < cp->noffline; i++) {
		ed = &cp->offline[i];
		it = tv_push_map(list);
		tv_str(it, "lang", ed->lang);
		tv_str(it, "name", i18n_language_name(c->lang, ed->lang, nm,
		    sizeof(nm)) == 0 ? arena_strdup(c->dc.a, nm) : ed->lang);
		tv_str(it, "href", arena_printf(c->dc.a,
		    "/courses/%s/offline/%s.zip", cp->o.course.slug, ed->lang));
		tv_int(it, "kb", (ed->bytes + 1023) / 1024);
		if (i18n_format_date(c->lang, ed->made_at, hc_tz(c), 0, date,
		    sizeof(date)) == 0)
			tv_str(it, "made", arena_strdup(c->dc.a, date));
		tv_bool(it, "earlier", !ed->current);
	}
}

int
page_course(struct http_request *req)
{
	struct ctx			 c;
	struct course_page		 cp;
	struct learning_course_state	 st;
	const char			*slug;
	enum result			 r;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET) || ctx_cached(&c))
		goto out;
	memset(&st, 0, sizeof(st));
	slug = slug_at(&c, req->path, sizeof("/courses/") - 1);
	if (slug == NULL || (r = course_page(&c.dc, slug, i18n_code(c.lang),
	    &cp)) == RES_NOT_FOUND) {
		ctx_error(&c, 404);
		goto out;
	}
	if (!ctx_ok(&c, r))
		goto out;
	if (c.user != NULL && !ctx_ok(&c, learning_course_state(&c.dc, slug,
	    i18n_code(c.lang), &st)))
		goto out;
	tv_str(c.view, "title", cp.o.title);
	course_view(&c, &cp, &st);
	ctx_render(&c, 200, "course");
out:
	return (ctx_end(&c));
}

int
page_course_media(struct http_request *req)
{
	struct ctx	 c;
	const char	*slug, *path, *data, *type, *etag, *inm;
	size_t		 len, off;
	enum result	 r;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	off = sizeof("/courses/") - 1;
	slug = slug_at(&c, req->path, off);
	if (slug == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	path = req->path + off + strlen(slug) + 1;
	if (strncmp(path, "lessons/", 8) == 0)
		path += 8;
	r = course_media(&c.dc, slug, path, &data, &len, &type, &etag);
	if (!ctx_ok(&c, r))
		goto out;
	http_response_header(req, "etag", etag);
	http_response_header(req, "cache-control", "public, max-age=300");
	if (http_request_header(req, "if-none-match", &inm) &&
	    strcmp(inm, etag) == 0) {
		ctx_send(&c, 304, type, NULL, 0);
		goto out;
	}
	ctx_send(&c, 200, type, data, len);
out:
	return (ctx_end(&c));
}
