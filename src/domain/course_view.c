/*
 * course_view.c: the read side of courses for the pages (see
 * course_view.h; the catalog is in course_catalog.c) and the author's
 * lesson editor. Lesson Markdown is rendered once per version and file
 * and kept in the version cache, and the outline's lesson rows are cached
 * per course version (course.c), so a lesson page costs one indexed
 * query (the course row) after the first.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/case_ref.h"
#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/course_offline.h"
#include "domain/course_view.h"
#include "domain/policy.h"
#include "domain/studio.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "store/store.h"
#include "web/markdown.h"

static int		 can_edit(struct dctx *, int64_t);
static const struct course_render *render(struct course_cached *,
			    const struct pkg_file *);
static void		 render_parts(struct arena *,
			    struct course_render *, const char *, size_t);
static void		 render_text(struct arena *, struct course_render *,
			    const char *, size_t);
static enum result	 body(struct dctx *, const struct course_render *,
			    const char *, struct lesson_view *);

/* 1 when the actor may edit the course's text: the studio's rule table
 * (admin, owner or author of its team, a listed author). */
static int
can_edit(struct dctx *dc, int64_t course_id)
{
	if (dc->user == NULL)
		return (0);
	return (studio_user_may(dc, course_id, STUDIO_TEXT));
}

int
course_user_can_edit(struct dctx *dc, const char *slug)
{
	struct course_row	 c;
	struct course_cached	*e;

	if (dc->user == NULL || course_get(dc, slug, &c, &e) != RES_OK)
		return (0);
	return (can_edit(dc, c.id));
}

enum result
course_page(struct dctx *dc, const char *slug, const char *lang,
    struct course_page *out)
{
	struct course_row	 c;
	struct course_cached	*e;
	enum result		 r;

	memset(out, 0, sizeof(*out));
	if ((r = course_outline_get(dc, slug, lang, &out->o, &c, &e)) !=
	    RES_OK)
		return (r);
	out->pkg = e->pkg;
	out->summary = pkg_text(&e->pkg->summary, out->o.lang,
	    e->pkg->default_language);
	out->can_edit = can_edit(dc, c.id);
	return (course_offline_list(dc, slug, &out->offline,
	    &out->noffline));
}

/* The rendered file, from the cache or rendered now into it. */
static const struct course_render *
render(struct course_cached *e, const struct pkg_file *f)
{
	struct course_render	*r;
	size_t			 i;

	for (i = 0; i < e->nrender; i++)
		if (strcmp(e->render[i].path, f->path) == 0)
			return (&e->render[i]);
	if (e->nrender == e->caprender) {
		e->caprender = e->caprender ? e->caprender * 2 : 16;
		e->render = xrealloc(e->render, e->caprender *
		    sizeof(*e->render));
	}
	r = &e->render[e->nrender++];
	memset(r, 0, sizeof(*r));
	r->path = f->path;
	render_text(e->a, r, f->data, f->len);
	return (r);
}

/* Renders a lesson's Markdown into r (memory of a): the one way a lesson
 * becomes HTML, for the page and for the author's preview alike. */
static void
render_text(struct arena *a, struct course_render *r, const char *data,
    size_t len)
{
	render_parts(a, r, data, len);
	if (r->parts == NULL)
		r->html = markdown_render_ex(a, data, len, &r->toc);
}

/*
 * Splits a file with ::case[slug] directives into rendered Markdown parts
 * and directives, joining the parts' tables of contents. Leaves r->parts
 * NULL when the file has no directive (or a malformed one: imports reject
 * those, so only a version stored before the check could have it).
 */
static void
render_parts(struct arena *a, struct course_render *r, const char *data,
    size_t len)
{
	struct case_ref_part	*p;
	struct md_toc		 t;
	struct md_toc_entry	*all;
	char			 err[128];
	int			 n, i, cards = 0;
	size_t			 cap = 0;

	if ((n = case_refs_parse(a, data, len, &p, err, sizeof(err))) <= 0)
		return;
	for (i = 0; i < n; i++)
		if (p[i].slug != NULL)
			cards++;
	if (cards == 0)
		return;
	r->parts = arena_alloc(a, (size_t)n * sizeof(*r->parts));
	for (i = 0; i < n; i++) {
		r->parts[i].slug = p[i].slug;
		if (p[i].slug != NULL)
			continue;
		memset(&t, 0, sizeof(t));
		r->parts[i].html = markdown_render_ex(a, p[i].md, p[i].len,
		    &t);
		if (t.n == 0)
			continue;
		if (r->toc.n + t.n > cap) {
			cap = (r->toc.n + t.n) * 2;
			all = arena_alloc(a, cap * sizeof(*all));
			if (r->toc.n > 0)
				memcpy(all, r->toc.entries, r->toc.n *
				    sizeof(*all));
			r->toc.entries = all;
		}
		memcpy(r->toc.entries + r->toc.n, t.entries, t.n *
		    sizeof(*all));
		r->toc.n += t.n;
	}
	r->nparts = (size_t)n;
}

/* The body of out from the cached render rd: parts with their cards. */
static enum result
body(struct dctx *dc, const struct course_render *rd, const char *lang,
    struct lesson_view *out)
{
	size_t	i;

	out->toc = &rd->toc;
	if (rd->parts == NULL) {
		out->html = rd->html;
		out->parts = arena_alloc(dc->a, sizeof(*out->parts));
		out->parts[0].html = rd->html;
		out->nparts = 1;
		return (RES_OK);
	}
	out->parts = arena_alloc(dc->a, rd->nparts * sizeof(*out->parts));
	for (i = 0; i < rd->nparts; i++) {
		out->parts[i].html = rd->parts[i].html;
		if (rd->parts[i].slug == NULL)
			continue;
		out->parts[i].card = arena_alloc(dc->a,
		    sizeof(*out->parts[i].card));
		if (case_card_get(dc, rd->parts[i].slug, lang,
		    out->parts[i].card) == -1)
			return (RES_INTERNAL);
	}
	out->nparts = rd->nparts;
	return (RES_OK);
}

enum result
course_lesson_view(struct dctx *dc, const char *slug, const char *lesson,
    const char *lang, struct lesson_view *out)
{
	struct course_row		 c;
	struct course_cached		*e;
	struct course_outline		 o;
	const struct course_pkg		*p;
	const struct pkg_lesson		*l;
	const struct pkg_module		*m;
	const struct pkg_file		*f;
	const struct course_render	*rd;
	const char			*def, *path;
	enum result			 r;
	size_t				 i;
	int				 nc;

	memset(out, 0, sizeof(*out));
	if ((r = course_outline_get(dc, slug, lang, &o, &c, &e)) != RES_OK)
		return (r);
	p = e->pkg;
	def = p->default_language;
	if ((l = pkg_lesson_find(p, lesson, &m)) == NULL)
		return (RES_NOT_FOUND);
	out->course = o.course;
	out->course_title = o.title;
	out->lang = pkg_has_lang(p, lang) ? lang : def;
	out->fallback = lang != NULL && !pkg_has_lang(p, lang);
	out->key = l->id;
	out->title = pkg_text(&l->title, out->lang, def);
	out->module_title = pkg_text(&m->title, out->lang, def);
	out->minutes = l->minutes;
	out->count = o.nlessons;
	for (i = 0; i < o.nlessons; i++) {
		if (strcmp(o.lessons[i].key, l->id) != 0)
			continue;
		out->lesson_id = o.lessons[i].id;
		out->index = i + 1;
		if (i > 0) {
			out->prev_key = o.lessons[i - 1].key;
			out->prev_title = o.lessons[i - 1].title;
		}
		if (i + 1 < o.nlessons) {
			out->next_key = o.lessons[i + 1].key;
			out->next_title = o.lessons[i + 1].title;
		}
	}
	path = arena_printf(dc->a, "%s.%s.md", l->file, out->lang);
	if ((f = pkg_files_get(&e->files, path)) == NULL || f->data == NULL)
		return (RES_INTERNAL);
	rd = render(e, f);
	if ((r = body(dc, rd, out->lang, out)) != RES_OK)
		return (r);
	if (l->video != NULL) {
		out->video_url = l->video->url;
		out->video_external = strncmp(out->video_url, "https://",
		    8) == 0;
		if (!out->video_external)
			out->video_url = arena_printf(dc->a, "/courses/%s/%s",
			    slug, l->video->url);
		out->captions = arena_alloc(dc->a, (l->video->captions.n + 1) *
		    sizeof(*out->captions));
		for (i = 0; i < l->video->captions.n; i++) {
			out->captions[i].lang = l->video->captions.v[i].lang;
			out->captions[i].src = arena_printf(dc->a,
			    "/courses/%s/%s", slug,
			    l->video->captions.v[i].text);
		}
		out->ncaptions = l->video->captions.n;
		f = pkg_files_get(&e->files, pkg_text(&l->video->captions,
		    out->lang, def));
		if (f != NULL && f->data != NULL && (nc = pkg_vtt_cues(dc->a,
		    f->data, f->len, &out->transcript)) > 0)
			out->ntranscript = (size_t)nc;
	}
	out->att = arena_alloc(dc->a, (l->natt + 1) * sizeof(*out->att));
	for (i = 0; i < l->natt; i++) {
		out->att[i].title = pkg_text(&l->att[i].title, out->lang, def);
		out->att[i].file = l->att[i].file;
		out->att[i].href = arena_printf(dc->a, "/courses/%s/%s", slug,
		    l->att[i].file);
	}
	out->natt = l->natt;
	out->can_edit = can_edit(dc, c.id);
	return (RES_OK);
}

enum result
course_media(struct dctx *dc, const char *slug, const char *path,
    const char **data, size_t *len, const char **type, const char **etag)
{
	char	*d, *h;
	int	 rc;

	if (!pkg_path_ok(path) || strncmp(path, "media/", 6) != 0)
		return (RES_NOT_FOUND);
	rc = store_course_media(dc->db, dc->a, slug, path, &d, len, &h);
	if (rc != STORE_OK)
		return (result_from_store(rc));
	*data = d;
	*type = pkg_content_type(path);
	*etag = arena_printf(dc->a, "\"%.32s\"", h);
	return (RES_OK);
}

enum result
course_media_list(struct dctx *dc, const char *slug, const char ***paths,
    size_t *n)
{
	struct course_row	 c;
	struct course_cached	*e;
	enum result		 r;
	size_t			 i;

	*paths = NULL;
	*n = 0;
	if ((r = course_get(dc, slug, &c, &e)) != RES_OK)
		return (r);
	*paths = arena_alloc(dc->a, (e->files.n + 1) * sizeof(**paths));
	for (i = 0; i < e->files.n; i++) {
		if (strncmp(e->files.v[i].path, "media/", 6) == 0)
			(*paths)[(*n)++] = arena_strdup(dc->a,
			    e->files.v[i].path);
	}
	return (RES_OK);
}

enum result
course_author_lesson(struct dctx *dc, const char *slug, const char *lesson,
    const char *lang, struct author_lesson *out)
{
	struct course_row	 c;
	struct course_cached	*e;
	const struct pkg_lesson	*l;
	const struct pkg_file	*f;
	enum result		 r;

	memset(out, 0, sizeof(*out));
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	if ((r = course_get(dc, slug, &c, &e)) != RES_OK)
		return (r);
	if (!can_edit(dc, c.id))
		return (RES_FORBIDDEN);
	if ((l = pkg_lesson_find(e->pkg, lesson, NULL)) == NULL ||
	    !pkg_has_lang(e->pkg, lang))
		return (RES_NOT_FOUND);
	out->path = arena_printf(dc->a, "%s.%s.md", l->file, lang);
	if ((f = pkg_files_get(&e->files, out->path)) == NULL ||
	    f->data == NULL)
		return (RES_INTERNAL);
	out->text = arena_strdup(dc->a, f->data);
	out->course_title = pkg_text(&e->pkg->title, lang,
	    e->pkg->default_language);
	out->lesson_title = pkg_text(&l->title, lang,
	    e->pkg->default_language);
	out->langs = e->pkg->languages.v;
	out->nlangs = e->pkg->languages.n;
	return (RES_OK);
}

enum result
course_author_save(struct dctx *dc, const char *slug, const char *lesson,
    const char *lang, const char *text, struct pkg_errors *errs,
    int64_t *version)
{
	struct author_lesson	 al;
	struct course_row	 c;
	struct course_file_row	*rows;
	struct pkg_files	 files;
	struct course_pkg	*pkg;
	enum result		 r;
	size_t			 i, n;
	int			 changed;
	char			 hash[65], *lf;

	if ((r = course_author_lesson(dc, slug, lesson, lang, &al)) != RES_OK)
		return (r);
	/* Browsers send textarea lines as CRLF; files keep LF. */
	lf = arena_strdup(dc->a, text);
	for (i = n = 0; text[i] != '\0'; i++)
		if (!(text[i] == '\r' && text[i + 1] == '\n'))
			lf[n++] = text[i];
	lf[n] = '\0';
	text = lf;
	memset(&c, 0, sizeof(c));
	if (store_course_by_slug(dc->db, dc->a, slug, &c) != STORE_OK ||
	    store_course_files(dc->db, dc->a, c.version_id, 1, &rows, &n) !=
	    STORE_OK)
		return (RES_INTERNAL);
	memset(&files, 0, sizeof(files));
	for (i = 0; i < n; i++)
		pkg_files_put(dc->a, &files, rows[i].path, rows[i].data,
		    rows[i].len, rows[i].hash);
	course_hash_hex(text, strlen(text), hash);
	pkg_files_put(dc->a, &files, al.path, text, strlen(text), hash);
	if ((pkg = pkg_load(dc->a, &files, errs)) == NULL ||
	    course_check_cases(dc, pkg, &files, al.path, errs) > 0)
		return (RES_INVALID);
	return (course_store_version(dc, pkg, &files, arena_printf(dc->a,
	    "edit %s.%s", lesson, lang), version, &changed));
}

enum result
course_lesson_preview(struct dctx *dc, const char *text, const char *lang,
    struct lesson_view *out, const char ***unknown, size_t *nunknown,
    char *err, size_t errlen)
{
	struct course_render	*r;
	struct case_ref_part	*p;
	enum result		 res;
	size_t			 i, len;

	memset(out, 0, sizeof(*out));
	*unknown = NULL;
	*nunknown = 0;
	len = strlen(text);
	if (case_refs_parse(dc->a, text, len, &p, err, errlen) < 0)
		return (RES_INVALID);
	r = arena_alloc(dc->a, sizeof(*r));
	memset(r, 0, sizeof(*r));
	render_text(dc->a, r, text, len);
	if ((res = body(dc, r, lang, out)) != RES_OK)
		return (res);
	*unknown = arena_alloc(dc->a, (out->nparts + 1) * sizeof(**unknown));
	for (i = 0; i < out->nparts; i++)
		if (out->parts[i].card != NULL &&
		    !out->parts[i].card->available)
			(*unknown)[(*nunknown)++] = out->parts[i].card->slug;
	return (RES_OK);
}
