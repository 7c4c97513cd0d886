/*
 * h_author.c: the author's lesson editor
 * (/author/courses/SLUG/lessons/LESSON/LANG): the Markdown of one lesson
 * in one language, a server-rendered preview (second submit button
 * "preview") identical to the lesson page, case cards included, with the
 * case names that match no published case flagged before any save, and
 * saving as a new course version. Only admins and the
 * authors listed on the course get past the domain; a failed save keeps
 * the text and lists every problem.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/course_view.h"
#include "domain/package.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/lesson_body.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/markdown.h"
#include "web/tmpl.h"

int	page_author_lesson(struct http_request *);
int	page_author_media(struct http_request *);

static int	author_path(struct ctx *, const char *, char **, char **,
		    char **);
static void	author_view(struct ctx *, const char *, const char *,
		    const char *, const struct author_lesson *, const char *);
static void	author_post(struct ctx *, const char *, const char *,
		    const char *, const struct author_lesson *);
static int	author_check(struct ctx *, const char *, const char *, int);

/*
 * Renders text as the lesson page would (into "body" when preview is set)
 * and flags, in the view, the ::case names that match no published case
 * ("unknown_cases") and a malformed directive ("directive_error"): the
 * problems a save would refuse, shown before it. 0, or -1 with the error
 * page sent.
 */
static int
author_check(struct ctx *c, const char *text, const char *lang, int preview)
{
	struct lesson_view	  lv;
	const char		**unknown;
	struct tv		 *list;
	char			  err[256];
	size_t			  i, n;
	enum result		  r;

	err[0] = '\0';
	r = course_lesson_preview(&c->dc, text, lang, &lv, &unknown, &n, err,
	    sizeof(err));
	if (r == RES_INVALID) {
		tv_str(c->view, "directive_error", arena_strdup(c->dc.a, err));
		return (0);
	}
	if (!ctx_ok(c, r))
		return (-1);
	if (n > 0) {
		list = tv_list(c->view, "unknown_cases");
		for (i = 0; i < n; i++)
			tv_push_str(list, unknown[i]);
	}
	if (preview) {
		tv_bool(c->view, "preview", 1);
		lesson_body_view(c, &lv);
	}
	return (0);
}

/* Splits /author/courses/SLUG/lessons/LESSON/LANG. */
static int
author_path(struct ctx *c, const char *path, char **slug, char **lesson,
    char **lang)
{
	const char	*s, *e, *l;

	s = path + sizeof("/author/courses/") - 1;
	if ((e = strchr(s, '/')) == NULL || strncmp(e, "/lessons/", 9) != 0)
		return (-1);
	*slug = arena_strndup(c->dc.a, s, (size_t)(e - s));
	s = e + 9;
	if ((l = strchr(s, '/')) == NULL || strchr(l + 1, '/') != NULL)
		return (-1);
	*lesson = arena_strndup(c->dc.a, s, (size_t)(l - s));
	*lang = arena_strdup(c->dc.a, l + 1);
	return (**slug && **lesson && **lang ? 0 : -1);
}

static void
author_view(struct ctx *c, const char *slug, const char *lesson,
    const char *lang, const struct author_lesson *al, const char *text)
{
	struct tv	*list, *it;
	char		 nm[128];
	size_t		 i;

	tv_str(c->view, "slug", slug);
	tv_str(c->view, "key", lesson);
	tv_str(c->view, "content_lang", lang);
	tv_str(c->view, "content_dir", i18n_code_dir(lang));
	tv_str(c->view, "content_lang_name", i18n_language_name(c->lang, lang,
	    nm, sizeof(nm)) == 0 ? arena_strdup(c->dc.a, nm) : lang);
	tv_str(c->view, "course_title", al->course_title);
	tv_str(c->view, "lesson_title", al->lesson_title);
	tv_bool(c->view, "other_langs", al->nlangs > 1);
	tv_str(c->view, "text", text);
	tv_str(c->view, "action", arena_printf(c->dc.a,
	    "/author/courses/%s/lessons/%s/%s", slug, lesson, lang));
	list = tv_list(c->view, "langs");
	for (i = 0; i < al->nlangs; i++) {
		it = tv_push_map(list);
		tv_str(it, "code", al->langs[i]);
		tv_str(it, "name", i18n_language_name(c->lang, al->langs[i],
		    nm, sizeof(nm)) == 0 ? arena_strdup(c->dc.a, nm) :
		    al->langs[i]);
		tv_bool(it, "current", strcmp(al->langs[i], lang) == 0);
		tv_str(it, "href", arena_printf(c->dc.a,
		    "/author/courses/%s/lessons/%s/%s", slug, lesson,
		    al->langs[i]));
	}
	ctx_title(c, N_("Edit lesson"));
}

static void
author_post(struct ctx *c, const char *slug, const char *lesson,
    const char *lang, const struct author_lesson *al)
{
	struct pkg_errors	 errs;
	struct tv		*list;
	const char		*text;
	int64_t			 version;
	enum result		 r;
	size_t			 i;
	int			 line;

	if ((text = ctx_param(c, "text")) == NULL) {
		ctx_error(c, 400);
		return;
	}
	if (ctx_param(c, "preview") != NULL) {
		author_view(c, slug, lesson, lang, al, text);
		if (author_check(c, text, lang, 1) == -1)
			return;
		if (!markdown_images_have_alt(text, strlen(text), &line))
			tv_str(c->view, "alt_warning", arena_printf(c->dc.a,
			    "%d", line));
		ctx_render(c, 200, "author_lesson");
		return;
	}
	pkg_errors_init(&errs, c->dc.a, "");
	r = course_author_save(&c->dc, slug, lesson, lang, text, &errs,
	    &version);
	if (r == RES_INVALID) {
		author_view(c, slug, lesson, lang, al, text);
		list = tv_list(c->view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
		tv_bool(c->view, "has_errors", 1);
		ctx_render(c, 400, "author_lesson");
		return;
	}
	ctx_done(c, r, FLASH_LESSON_SAVED, arena_printf(c->dc.a,
	    "/courses/%s/lessons/%s", slug, lesson));
}

int
page_author_lesson(struct http_request *req)
{
	struct ctx		 c;
	struct author_lesson	 al;
	char			*slug, *lesson, *lang;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	if (author_path(&c, req->path, &slug, &lesson, &lang) == -1) {
		ctx_error(&c, 404);
		goto out;
	}
	if (!ctx_ok(&c, course_author_lesson(&c.dc, slug, lesson, lang, &al)))
		goto out;
	if (c.is_post) {
		author_post(&c, slug, lesson, lang, &al);
		goto out;
	}
	author_view(&c, slug, lesson, lang, &al, al.text);
	if (author_check(&c, al.text, lang, 0) == -1)
		goto out;
	ctx_render(&c, 200, "author_lesson");
out:
	return (ctx_end(&c));
}

/*
 * GET /author/courses/SLUG/lessons/LESSON/media/FILE: where a preview's
 * relative media/FILE link lands (the editor's address is one level
 * deeper than the lesson's); sent on to /courses/SLUG/lessons/media/FILE,
 * which serves the course's files to everyone, as on the lesson page.
 */
int
page_author_media(struct http_request *req)
{
	struct ctx	 c;
	const char	*s, *e, *m;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	s = req->path + sizeof("/author/courses/") - 1;
	if ((e = strchr(s, '/')) == NULL ||
	    (m = strstr(e, "/media/")) == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	ctx_redirect(&c, arena_printf(c.dc.a, "/courses/%.*s/lessons%s",
	    (int)(e - s), s, m));
out:
	return (ctx_end(&c));
}
