/*
 * h_studio.c: the course studio's pages (issue 16): /studio (the courses
 * the user may edit and the new-course form), /studio/courses/SLUG (the
 * outline: add, rename, move and remove modules and lessons, required
 * lessons, the completion rule) and /studio/courses/SLUG/team (the team
 * and the archive mark). Each form is a plain POST that works without
 * JavaScript; the domain (studio.c) decides who may do what and saves.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/package.h"
#include "domain/studio.h"
#include "domain/taxonomy.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_call.h"
#include "http/h_studio.h"
#include "lib/mem.h"
#include "store/st_studio.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_studio(struct http_request *);
int	page_studio_course(struct http_request *);
int	page_studio_team(struct http_request *);

static const char *const new_fields[] = {
	"slug", "title", "summary", "default_language", "level", "licence",
	"track", "module_title", "lesson_title", "languages", "values",
	"principles", "policy_areas", NULL
};

static const char *const outline_fields[] = {
	"title", "lesson_title", "track", "outline", NULL
};

static const char *const team_fields[] = {
	"email", "role", "team", NULL
};

static const char	*studio_slug(struct ctx *, const char *);
static int		 in_list(const char *, const char *);
static void		 home_view(struct ctx *, const char *, const char *);
static void		 langs_view(struct ctx *, struct tv *, const char *,
			    const char *);
static void		 outline_view(struct ctx *,
			    const struct studio_course *);
static void		 course_head(struct ctx *,
			    const struct studio_course *);
static int		 outline_post(struct ctx *, const char *);
static void		 team_view(struct ctx *, const struct studio_course *,
			    const struct team_row *, size_t);

/* The SLUG of /studio/courses/SLUG[/...] (arena), or NULL. */
static const char *
studio_slug(struct ctx *c, const char *path)
{
	const char	*s, *e;

	s = path + sizeof("/studio/courses/") - 1;
	e = strchr(s, '/');
	return (arena_strndup(c->dc.a, s, e != NULL ? (size_t)(e - s) :
	    strlen(s)));
}

/* 1 when the comma-separated list holds item. */
static int
in_list(const char *list, const char *item)
{
	const char	*p, *e;
	size_t		 n = strlen(item);

	for (p = list != NULL ? list : ""; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && strncmp(p, item, n) == 0)
			return (1);
	}
	return (0);
}

/* The UI languages as checkboxes (or, with mark "selected", options). */
static void
langs_view(struct ctx *c, struct tv *map, const char *key, const char *marked)
{
	static const char *const codes[] = { I18N_LANGS, NULL };
	struct tv	*list, *it;
	char		 nm[128];
	size_t		 i;

	list = tv_list(map, key);
	for (i = 0; codes[i] != NULL; i++) {
		it = tv_push_map(list);
		tv_str(it, "code", codes[i]);
		tv_str(it, "name", i18n_language_name(c->lang, codes[i], nm,
		    sizeof(nm)) == 0 ? arena_strdup(c->dc.a, nm) : codes[i]);
		tv_bool(it, "on", in_list(marked, codes[i]));
	}
}

static void
home_view(struct ctx *c, const char *langs, const char *def)
{
	struct studio_course_row	*rows;
	struct tv			*list, *it;
	const struct tax_entry		*t;
	const char			*code;
	size_t				 i, n;

	code = i18n_code(c->lang);
	if (!ctx_ok(c, studio_home(&c->dc, code, &rows, &n)))
		return;
	list = tv_list(c->view, "courses");
	for (i = 0; i < n; i++) {
		it = tv_push_map(list);
		tv_str(it, "slug", rows[i].slug);
		tv_str(it, "title", rows[i].title);
		tv_int(it, "version", rows[i].version);
		tv_bool(it, "archived", rows[i].archived_at > 0);
		tv_str(it, "role", ctx_tr(c, studio_role_label(*rows[i].role ?
		    studio_role_parse(rows[i].role) : STUDIO_ADMIN)));
	}
	tv_bool(c->view, "can_create", studio_may_create(c->user));
	langs_view(c, c->view, "languages", langs);
	langs_view(c, c->view, "default_languages", def != NULL ? def :
	    code);
	list = tv_list(c->view, "levels");
	t = taxonomy_list(TAX_LEVEL, &n);
	for (i = 0; i < n; i++) {
		it = tv_push_map(list);
		tv_str(it, "slug", t[i].slug);
		tv_str(it, "name", ctx_tr(c, t[i].name));
		tv_bool(it, "on", ctx_param(c, "level") != NULL &&
		    strcmp(ctx_param(c, "level"), t[i].slug) == 0);
	}
	list = tv_list(c->view, "licences");
	for (i = 0; studio_licences[i] != NULL; i++) {
		it = tv_push_map(list);
		tv_str(it, "slug", studio_licences[i]);
		tv_bool(it, "on", ctx_param(c, "licence") != NULL ?
		    strcmp(ctx_param(c, "licence"), studio_licences[i]) == 0 :
		    i == 0);
	}
	hc_taxonomy(c, c->view, "values", TAX_VALUE, "checked",
	    hc_join(c, "value", STUDIO_TAGS_MAX));
	hc_taxonomy(c, c->view, "principles", TAX_PRINCIPLE, "checked",
	    hc_join(c, "principle", STUDIO_TAGS_MAX));
	hc_taxonomy(c, c->view, "areas", TAX_POLICY_AREA, "checked",
	    hc_join(c, "policy_area", STUDIO_TAGS_MAX));
	hc_taxonomy(c, c->view, "tracks", TAX_TRACK, "selected",
	    ctx_param(c, "track"));
	ctx_title(c, N_("Studio"));
	ctx_render(c, c->is_post ? 400 : 200, "studio");
}

/*
 * GET /studio: the courses the user may edit, and the new-course form
 * for those who may create one; POST /studio creates the course and
 * leads to its outline.
 */
int
page_studio(struct http_request *req)
{
	struct ctx		 c;
	struct studio_new	 in;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct tv		*list;
	enum result		 r;
	size_t			 i;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	if (!c.is_post) {
		home_view(&c, NULL, NULL);
		goto out;
	}
	memset(&in, 0, sizeof(in));
	memset(&fe, 0, sizeof(fe));
	in.slug = ctx_param(&c, "slug");
	in.title = ctx_param(&c, "title");
	in.summary = ctx_param(&c, "summary");
	in.default_language = ctx_param(&c, "default_language");
	in.languages = hc_join(&c, "language", STUDIO_LANGS_MAX);
	in.level = ctx_param(&c, "level");
	in.licence = ctx_param(&c, "licence");
	in.values = hc_join(&c, "value", STUDIO_TAGS_MAX);
	in.principles = hc_join(&c, "principle", STUDIO_TAGS_MAX);
	in.policy_areas = hc_join(&c, "policy_area", STUDIO_TAGS_MAX);
	in.track = ctx_param(&c, "track");
	in.module_title = ctx_param(&c, "module_title");
	in.lesson_title = ctx_param(&c, "lesson_title");
	pkg_errors_init(&errs, c.dc.a, "");
	r = studio_create(&c.dc, &in, &fe, &errs);
	if (r == RES_INVALID) {
		ctx_form(&c, &fe, new_fields);
		list = tv_list(c.view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
		home_view(&c, in.languages, in.default_language);
		goto out;
	}
	ctx_done(&c, r, FLASH_COURSE_CREATED, arena_printf(c.dc.a,
	    "/studio/courses/%s", in.slug));
out:
	return (ctx_end(&c));
}

/* The course's title, address and state, for both studio pages. */
static void
course_head(struct ctx *c, const struct studio_course *sc)
{
	const char	*code;

	code = i18n_code(c->lang);
	tv_str(c->view, "slug", sc->slug);
	tv_str(c->view, "course_title", pkg_text(&sc->pkg->title, code,
	    sc->pkg->default_language));
	tv_str(c->view, "course_lang", pkg_text_lang(&sc->pkg->title, code,
	    sc->pkg->default_language));
	tv_int(c->view, "version", sc->version);
	tv_bool(c->view, "archived", sc->archived_at > 0);
	tv_str(c->view, "my_role", ctx_tr(c, studio_role_label(sc->role)));
	tv_bool(c->view, "can_outline", studio_role_may(sc->role,
	    STUDIO_OUTLINE));
	tv_bool(c->view, "can_team", studio_role_may(sc->role, STUDIO_TEAM));
	tv_bool(c->view, "can_archive", studio_role_may(sc->role,
	    STUDIO_ARCHIVE));
}

static void
outline_view(struct ctx *c, const struct studio_course *sc)
{
	const struct course_pkg	*p = sc->pkg;
	const struct pkg_module	*m;
	const struct pkg_lesson	*l;
	const char		*code, *name;
	struct tv		*mods, *mv, *less, *lv;
	size_t			 i, j;

	code = i18n_code(c->lang);
	course_head(c, sc);
	tv_str(c->view, "default_lang", p->default_language);
	tv_bool(c->view, "required_all", p->required_all);
	tv_bool(c->view, "quizzes_graded", p->quizzes_graded);
	tv_int(c->view, "lessons_max", STUDIO_LESSONS_MAX);
	tv_int(c->view, "modules_max", STUDIO_MODULES_MAX);
	tv_bool(c->view, "modules_full", p->nmodules >= STUDIO_MODULES_MAX);
	mods = tv_list(c->view, "modules");
	for (i = 0; i < p->nmodules; i++) {
		m = &p->modules[i];
		mv = tv_push_map(mods);
		tv_str(mv, "id", m->id);
		tv_int(mv, "n", (int64_t)i + 1);
		tv_str(mv, "title", pkg_text(&m->title, code,
		    p->default_language));
		tv_str(mv, "title_lang", pkg_text_lang(&m->title, code,
		    p->default_language));
		tv_str(mv, "title_default", pkg_text(&m->title,
		    p->default_language, NULL));
		name = taxonomy_name(TAX_TRACK, m->track);
		tv_str(mv, "track", ctx_tr(c, name != NULL ? name : m->track));
		tv_bool(mv, "first", i == 0);
		tv_bool(mv, "last", i + 1 == p->nmodules);
		tv_bool(mv, "only", p->nmodules == 1);
		tv_bool(mv, "full", m->nlessons >= STUDIO_LESSONS_MAX);
		tv_bool(mv, "has_quiz", m->quiz_file != NULL);
		less = tv_list(mv, "lessons");
		for (j = 0; j < m->nlessons; j++) {
			l = &m->lessons[j];
			lv = tv_push_map(less);
			tv_str(lv, "id", l->id);
			tv_str(lv, "title", pkg_text(&l->title, code,
			    p->default_language));
			tv_str(lv, "title_lang", pkg_text_lang(&l->title, code,
			    p->default_language));
			tv_str(lv, "title_default", pkg_text(&l->title,
			    p->default_language, NULL));
			tv_bool(lv, "required", p->required_all ||
			    l->required);
			tv_bool(lv, "own_required", l->required);
			tv_bool(lv, "first", i == 0 && j == 0);
			tv_bool(lv, "last", i + 1 == p->nmodules &&
			    j + 1 == m->nlessons);
			tv_bool(lv, "only", m->nlessons == 1);
			/* The text editor in a language the user may edit:
			 * the default, or for a translator the next one. */
			if (studio_role_may(sc->role, STUDIO_TEXT) ||
			    (studio_role_may(sc->role, STUDIO_TRANSLATE) &&
			    p->languages.n > 1))
				tv_str(lv, "edit", arena_printf(c->dc.a,
				    "/studio/courses/%s/lessons/%s/%s",
				    sc->slug, l->id, studio_role_may(sc->role,
				    STUDIO_TEXT) ? p->default_language :
				    p->languages.v[1]));
		}
	}
	hc_taxonomy(c, c->view, "tracks", TAX_TRACK, "selected",
	    ctx_param(c, "track"));
	ctx_title(c, N_("Course outline"));
}

/* Handles an outline form; 0 when the page is sent. */
static int
outline_post(struct ctx *c, const char *slug)
{
	struct studio_edit	 e;
	struct studio_course	 sc;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct tv		*list;
	const char		*v;
	int64_t			 learners;
	enum result		 r;
	size_t			 i;

	memset(&e, 0, sizeof(e));
	memset(&fe, 0, sizeof(fe));
	if ((e.op = studio_op_parse(ctx_param(c, "op"))) == SOP_NONE) {
		ctx_error(c, 400);
		return (0);
	}
	e.module = ctx_param(c, "module");
	e.lesson = ctx_param(c, "lesson");
	e.title = ctx_param(c, "title");
	e.lang = ctx_param(c, "lang");
	e.lesson_title = ctx_param(c, "lesson_title");
	e.track = ctx_param(c, "track");
	e.required = (v = ctx_param(c, "required")) != NULL &&
	    strcmp(v, "yes") == 0;
	e.required_all = (v = ctx_param(c, "required_lessons")) == NULL ||
	    strcmp(v, "listed") != 0;
	e.quizzes_graded = (v = ctx_param(c, "quizzes")) == NULL ||
	    strcmp(v, "none") != 0;
	e.confirm = (v = ctx_param(c, "confirm")) != NULL &&
	    strcmp(v, "yes") == 0;
	pkg_errors_init(&errs, c->dc.a, "");
	r = studio_outline_edit(&c->dc, slug, &e, &fe, &errs, &learners);
	if (r == RES_CONFLICT) {
		if (!ctx_ok(c, studio_open(&c->dc, slug, STUDIO_OUTLINE, &sc)))
			return (0);
		course_head(c, &sc);
		tv_int(c->view, "learners", learners);
		tv_str(c->view, "op", ctx_param(c, "op"));
		tv_str(c->view, "module", e.module != NULL ? e.module : "");
		tv_str(c->view, "lesson", e.lesson != NULL ? e.lesson : "");
		tv_bool(c->view, "is_module", e.op == SOP_MODULE_REMOVE);
		ctx_title(c, N_("Remove with learners' progress?"));
		ctx_render(c, 409, "studio_confirm");
		return (0);
	}
	if (r == RES_INVALID) {
		if (!ctx_ok(c, studio_open(&c->dc, slug, STUDIO_OPEN, &sc)))
			return (0);
		ctx_form(c, &fe, outline_fields);
		list = tv_list(c->view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
		outline_view(c, &sc);
		ctx_render(c, 400, "studio_course");
		return (0);
	}
	ctx_done(c, r, FLASH_OUTLINE_SAVED, arena_printf(c->dc.a,
	    "/studio/courses/%s", slug));
	return (0);
}

/* GET /studio/courses/SLUG: the outline; POST: one change of it. */
int
page_studio_course(struct http_request *req)
{
	struct ctx		 c;
	struct studio_course	 sc;
	const char		*slug;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	slug = studio_slug(&c, req->path);
	if (c.is_post) {
		(void)outline_post(&c, slug);
		goto out;
	}
	if (!ctx_ok(&c, studio_open(&c.dc, slug, STUDIO_OPEN, &sc)))
		goto out;
	outline_view(&c, &sc);
	ctx_render(&c, 200, "studio_course");
out:
	return (ctx_end(&c));
}

static void
team_view(struct ctx *c, const struct studio_course *sc,
    const struct team_row *rows, size_t n)
{
	struct tv	*list, *it;
	size_t		 i;

	course_head(c, sc);
	list = tv_list(c->view, "team");
	for (i = 0; i < n; i++) {
		it = tv_push_map(list);
		tv_int(it, "user_id", rows[i].user_id);
		tv_str(it, "name", rows[i].display_name);
		tv_str(it, "email", rows[i].email);
		tv_str(it, "role", ctx_tr(c, studio_role_label(
		    studio_role_parse(rows[i].role))));
	}
	list = tv_list(c->view, "roles");
	for (i = 0; studio_team_roles[i] != NULL; i++) {
		it = tv_push_map(list);
		tv_str(it, "slug", studio_team_roles[i]);
		tv_str(it, "name", ctx_tr(c, studio_role_label(
		    studio_role_parse(studio_team_roles[i]))));
		/* Unless the form said otherwise: author, never owner. */
		tv_bool(it, "on", strcmp(ctx_param(c, "role") != NULL ?
		    ctx_param(c, "role") : "author", studio_team_roles[i]) == 0);
	}
	tv_int(c->view, "team_max", STUDIO_TEAM_MAX);
	ctx_title(c, N_("Course team"));
}

/*
 * GET /studio/courses/SLUG/team: the team and the archive mark; POST
 * (op add, remove, archive, unarchive) changes them.
 */
int
page_studio_team(struct http_request *req)
{
	struct ctx		 c;
	struct studio_course	 sc;
	struct form_errors	 fe;
	struct team_row		*rows;
	const char		*slug, *op;
	enum result		 r;
	enum flash		 f;
	size_t			 n;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	slug = studio_slug(&c, req->path);
	memset(&fe, 0, sizeof(fe));
	if (c.is_post) {
		op = ctx_param(&c, "op");
		f = FLASH_TEAM_SAVED;
		if (op != NULL && strcmp(op, "add") == 0)
			r = studio_team_put(&c.dc, slug, ctx_param(&c,
			    "email"), ctx_param(&c, "role"), &fe);
		else if (op != NULL && strcmp(op, "remove") == 0)
			r = studio_team_remove(&c.dc, slug,
			    ctx_param_int(&c, "user", 1, INT64_MAX, 0), &fe);
		else if (op != NULL && (strcmp(op, "archive") == 0 ||
		    strcmp(op, "unarchive") == 0)) {
			r = studio_archive(&c.dc, slug, strcmp(op,
			    "archive") == 0);
			f = strcmp(op, "archive") == 0 ? FLASH_COURSE_ARCHIVED :
			    FLASH_COURSE_UNARCHIVED;
		} else {
			ctx_error(&c, 400);
			goto out;
		}
		if (r != RES_INVALID) {
			ctx_done(&c, r, f, arena_printf(c.dc.a,
			    "/studio/courses/%s/team", slug));
			goto out;
		}
		ctx_form(&c, &fe, team_fields);
	}
	if (!ctx_ok(&c, studio_team(&c.dc, slug, &sc, &rows, &n)))
		goto out;
	team_view(&c, &sc, rows, n);
	ctx_render(&c, c.is_post ? 400 : 200, "studio_team");
out:
	return (ctx_end(&c));
}

/* studio_page_head: see h_studio.h (for h_studio_*.c). */
void
studio_page_head(struct ctx *c, const struct studio_course *sc)
{
	course_head(c, sc);
}
