/*
 * h_studio_translate.c: translating a course in the studio (issue
 * 16.5): /studio/courses/SLUG/translations (the table of languages ×
 * lessons with each translation's state, and adding a language) and
 * /studio/courses/SLUG/translations/LESSON/LANG (the editor: the source
 * beside the translation, the source's diff when it is outdated, save
 * and confirm). Plain forms that work without JavaScript; the domain
 * (studio_translate.c) decides who may and saves.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_translate.h"
#include "http/ctx.h"
#include "http/h_studio.h"
#include "http/gate.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_studio_translations(struct http_request *);
int	page_studio_translate(struct http_request *);

static const char *const table_fields[] = { "lang", NULL };
static const char *const edit_fields[] = { "title", "text", NULL };

static int	 path_parts(struct ctx *, const char *, const char **,
		    const char **, const char **);
static const char *lang_name(struct ctx *, const char *);
static void	 table_view(struct ctx *, const struct studio_course *,
		    const struct studio_tr_table *);
static void	 edit_view(struct ctx *, const struct studio_course *,
		    const char *, const char *,
		    const struct studio_tr_lesson *);

/*
 * The SLUG, LESSON and LANG of /studio/courses/SLUG/translations[/
 * LESSON/LANG] (arena; lesson and lang NULL for the table). 0 when the
 * path has another shape.
 */
static int
path_parts(struct ctx *c, const char *path, const char **slug,
    const char **lesson, const char **lang)
{
	const char	*s, *e;

	*slug = *lesson = *lang = NULL;
	if (strncmp(path, "/studio/courses/", 16) != 0)
		return (0);
	s = path + 16;
	if ((e = strchr(s, '/')) == NULL)
		return (0);
	*slug = arena_strndup(c->dc.a, s, (size_t)(e - s));
	s = e + sizeof("/translations") - 1;
	if (*s == '\0')
		return (1);
	s++;
	if ((e = strchr(s, '/')) == NULL)
		return (0);
	*lesson = arena_strndup(c->dc.a, s, (size_t)(e - s));
	*lang = arena_strdup(c->dc.a, e + 1);
	return (1);
}

/* The name of language code in the viewer's language (arena). */
static const char *
lang_name(struct ctx *c, const char *code)
{
	char	nm[128];

	if (i18n_language_name(c->lang, code, nm, sizeof(nm)) == 0)
		return (arena_strdup(c->dc.a, nm));
	return (code);
}

static void
table_view(struct ctx *c, const struct studio_course *sc,
    const struct studio_tr_table *t)
{
	static const char *const codes[] = { I18N_LANGS, NULL };
	struct tv	*list, *it, *cells, *cell;
	size_t		 i, k;

	studio_page_head(c, sc);
	tv_str(c->view, "source_lang", lang_name(c, sc->pkg->default_language));
	list = tv_list(c->view, "langs");
	for (k = 0; k < t->nlangs; k++) {
		it = tv_push_map(list);
		tv_str(it, "code", t->langs[k]);
		tv_str(it, "name", lang_name(c, t->langs[k]));
	}
	list = tv_list(c->view, "rows");
	for (i = 0; i < t->nrows; i++) {
		it = tv_push_map(list);
		tv_str(it, "lesson", t->rows[i].lesson);
		tv_str(it, "title", t->rows[i].title);
		tv_str(it, "title_lang", t->rows[i].title_lang);
		tv_int(it, "module", (int64_t)t->rows[i].module + 1);
		cells = tv_list(it, "cells");
		for (k = 0; k < t->nlangs; k++) {
			cell = tv_push_map(cells);
			tv_str(cell, "state", studio_tr_state_name(
			    t->rows[i].cells[k]));
			tv_str(cell, "label", ctx_tr(c, studio_tr_state_label(
			    t->rows[i].cells[k])));
			tv_str(cell, "href", arena_printf(c->dc.a,
			    "/studio/courses/%s/translations/%s/%s", sc->slug,
			    t->rows[i].lesson, t->langs[k]));
			tv_str(cell, "lang_name", lang_name(c, t->langs[k]));
		}
	}
	tv_bool(c->view, "can_add", studio_role_may(sc->role,
	    STUDIO_OUTLINE));
	list = tv_list(c->view, "addable");
	for (i = 0; codes[i] != NULL; i++) {
		if (pkg_has_lang(sc->pkg, codes[i]))
			continue;
		it = tv_push_map(list);
		tv_str(it, "code", codes[i]);
		tv_str(it, "name", lang_name(c, codes[i]));
	}
	ctx_title(c, N_("Translations"));
}

/*
 * GET /studio/courses/SLUG/translations: languages × lessons with each
 * translation's state; POST (op lang-add) adds a language to the course.
 */
int
page_studio_translations(struct http_request *req)
{
	struct ctx		 c;
	struct studio_course	 sc;
	struct studio_tr_table	 t;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct tv		*list;
	const char		*slug, *lesson, *lang, *op;
	enum result		 r;
	size_t			 i;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	if (!path_parts(&c, req->path, &slug, &lesson, &lang)) {
		ctx_error(&c, 404);
		goto out;
	}
	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, c.dc.a, "");
	if (c.is_post) {
		op = ctx_param(&c, "op");
		if (op == NULL || strcmp(op, "lang-add") != 0) {
			ctx_error(&c, 400);
			goto out;
		}
		r = studio_tr_lang_add(&c.dc, slug, ctx_param(&c, "lang"), &fe,
		    &errs);
		if (r != RES_INVALID) {
			ctx_done(&c, r, FLASH_LANGUAGE_ADDED, arena_printf(
			    c.dc.a, "/studio/courses/%s/translations", slug));
			goto out;
		}
		ctx_form(&c, &fe, table_fields);
		list = tv_list(c.view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
	}
	if (!ctx_ok(&c, studio_tr_table(&c.dc, slug, i18n_code(c.lang), &sc,
	    &t)))
		goto out;
	table_view(&c, &sc, &t);
	ctx_render(&c, c.is_post ? 400 : 200, "studio_translate");
out:
	return (ctx_end(&c));
}

static void
edit_view(struct ctx *c, const struct studio_course *sc, const char *lesson,
    const char *lang, const struct studio_tr_lesson *v)
{
	struct tv	*list, *it, *form;
	size_t		 i;

	studio_page_head(c, sc);
	tv_str(c->view, "lesson", lesson);
	tv_str(c->view, "tr_lang", lang);
	tv_str(c->view, "lang_name", lang_name(c, lang));
	tv_str(c->view, "tr_dir", i18n_code_dir(lang));
	tv_str(c->view, "def", v->def);
	tv_str(c->view, "def_name", lang_name(c, v->def));
	tv_str(c->view, "def_dir", i18n_code_dir(v->def));
	tv_str(c->view, "source_title", v->source_title);
	tv_str(c->view, "source", v->source);
	tv_str(c->view, "state", studio_tr_state_name(v->state));
	tv_str(c->view, "state_label", ctx_tr(c,
	    studio_tr_state_label(v->state)));
	tv_bool(c->view, "outdated", v->state == STUDIO_TR_OUTDATED);
	tv_bool(c->view, "missing", v->state == STUDIO_TR_MISSING);
	tv_bool(c->view, "may_edit", v->may_edit);
	tv_bool(c->view, "unknown_source", v->state == STUDIO_TR_OUTDATED &&
	    v->old_source == NULL);
	if (ctx_param(c, "text") == NULL || !c->is_post) {
		form = tv_child(c->view, "form");
		tv_str(form, "title", v->title);
		tv_str(form, "text", v->text);
	}
	list = tv_list(c->view, "diff");
	for (i = 0; i < v->ndiff; i++) {
		it = tv_push_map(list);
		tv_bool(it, "del", v->diff[i].op == STUDIO_TR_DEL);
		tv_bool(it, "add", v->diff[i].op == STUDIO_TR_ADD);
		tv_bool(it, "gap", v->diff[i].op == STUDIO_TR_GAP);
		tv_str(it, "text", v->diff[i].text);
	}
	tv_bool(c->view, "diff_too_large", v->diff_too_large);
	tv_str(c->view, "self", arena_printf(c->dc.a,
	    "/studio/courses/%s/translations/%s/%s", sc->slug, lesson, lang));
	tv_str(c->view, "back", arena_printf(c->dc.a,
	    "/studio/courses/%s/translations", sc->slug));
	ctx_title(c, N_("Translate a lesson"));
}

/*
 * GET /studio/courses/SLUG/translations/LESSON/LANG: the editor; POST
 * saves the title and text (op save) or confirms the translation
 * against the current source (op confirm).
 */
int
page_studio_translate(struct http_request *req)
{
	struct ctx		 c;
	struct studio_course	 sc;
	struct studio_tr_lesson	 v;
	struct studio_tr_edit	 e;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct tv		*list;
	const char		*slug, *lesson, *lang, *op;
	enum result		 r;
	size_t			 i;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	if (!path_parts(&c, req->path, &slug, &lesson, &lang) ||
	    lesson == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	memset(&fe, 0, sizeof(fe));
	pkg_errors_init(&errs, c.dc.a, "");
	if (c.is_post) {
		op = ctx_param(&c, "op");
		memset(&e, 0, sizeof(e));
		if (op != NULL && strcmp(op, "confirm") == 0)
			e.confirm = 1;
		else if (op == NULL || strcmp(op, "save") != 0) {
			ctx_error(&c, 400);
			goto out;
		}
		e.title = ctx_param(&c, "title");
		e.text = ctx_param(&c, "text");
		r = studio_tr_lesson_save(&c.dc, slug, lesson, lang, &e, &fe,
		    &errs);
		if (r != RES_INVALID) {
			ctx_done(&c, r, e.confirm ? FLASH_TRANSLATION_CONFIRMED :
			    FLASH_TRANSLATION_SAVED, arena_printf(c.dc.a,
			    "/studio/courses/%s/translations/%s/%s", slug,
			    lesson, lang));
			goto out;
		}
		ctx_form(&c, &fe, edit_fields);
		list = tv_list(c.view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
	}
	if (!ctx_ok(&c, studio_tr_lesson_get(&c.dc, slug, lesson, lang, &sc,
	    &v)))
		goto out;
	edit_view(&c, &sc, lesson, lang, &v);
	ctx_render(&c, c.is_post ? 400 : 200, "studio_translate_edit");
out:
	return (ctx_end(&c));
}
