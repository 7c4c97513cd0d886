/*
 * h_studio_lesson.c: the studio's lesson editor (issue 16.3):
 * /studio/courses/SLUG/lessons/LESSON/LANG (title, minutes, Markdown,
 * an image to add with its alt text, a note; "preview" renders the
 * unsaved text as the lesson page does, "save" stores a new version),
 * /studio/courses/SLUG/lessons/LESSON/video (the video and its captions
 * per language) and .../LESSON/media/FILE (where a preview's relative
 * media/FILE lands: sent on to the lesson's media address). Every form
 * is a plain multipart POST that works without JavaScript; the domain
 * (studio_lesson.c) checks who may and saves.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_lesson.h"
#include "domain/upload.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/lesson_body.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_studio_lesson(struct http_request *);
int	page_studio_lesson_video(struct http_request *);
int	page_studio_lesson_media(struct http_request *);

static const char *const edit_fields[] = {
	"title", "minutes", "text", "note", "image", "alt", "video", NULL
};

static int	lesson_path(struct ctx *, const char *, char **, char **,
		    char **);
static int	file_get(struct ctx *, const char *, const char **,
		    size_t *);
static int	files_ok(struct ctx *);
static void	editor_view(struct ctx *, const struct studio_lesson *,
		    const char *, const char *, const char *);
static int	flags_view(struct ctx *, const char *, const char *, int);
static void	video_view(struct ctx *, const struct studio_lesson *,
		    const struct form_errors *);

/*
 * Splits /studio/courses/SLUG/lessons/LESSON/LAST into its parts
 * (arena); 0, or -1 when the path is not of that shape.
 */
static int
lesson_path(struct ctx *c, const char *path, char **slug, char **lesson,
    char **last)
{
	const char	*s, *e, *l;

	s = path + sizeof("/studio/courses/") - 1;
	if ((e = strchr(s, '/')) == NULL || strncmp(e, "/lessons/", 9) != 0)
		return (-1);
	*slug = arena_strndup(c->dc.a, s, (size_t)(e - s));
	s = e + 9;
	if ((l = strchr(s, '/')) == NULL)
		return (-1);
	*lesson = arena_strndup(c->dc.a, s, (size_t)(l - s));
	*last = arena_strdup(c->dc.a, l + 1);
	return (**slug && **lesson && **last ? 0 : -1);
}

/*
 * The file of form field name: 1 with its bytes (arena) when one was
 * chosen, 0 when none. A file over UPLOAD_MAX_SIZE is not read: its
 * length alone goes on, for the domain to refuse it by size.
 */
static int
file_get(struct ctx *c, const char *name, const char **data, size_t *len)
{
	struct http_file	*f;
	char			*buf;
	ssize_t			 r;
	size_t			 got;

	*data = NULL;
	*len = 0;
	if ((f = http_file_lookup(c->req, name)) == NULL ||
	    ((f->filename == NULL || *f->filename == '\0') && f->length == 0))
		return (0);
	*len = f->length;
	if (f->length > UPLOAD_MAX_SIZE) {
		*data = "";
		return (1);
	}
	buf = arena_alloc(c->dc.a, f->length + 1);
	http_file_rewind(f);
	got = 0;
	while (got < f->length && (r = http_file_read(f, buf + got,
	    f->length - got)) > 0)
		got += (size_t)r;
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return (1);
}

/*
 * 1 when the form carries at most UPLOAD_MEDIA_FILES_MAX files; else 0
 * with the 413 page sent (none is read).
 */
static int
files_ok(struct ctx *c)
{
	struct http_file	*f;
	size_t			 n = 0;

	TAILQ_FOREACH(f, &c->req->files, list)
		n++;
	if (n <= UPLOAD_MEDIA_FILES_MAX)
		return (1);
	ctx_error(c, 413);
	return (0);
}

/*
 * Flags text in the view ("unknown_cases", "alt_line", "directive") and,
 * with preview, puts its body as the lesson page renders it ("body").
 * 0, or -1 with the error page sent.
 */
static int
flags_view(struct ctx *c, const char *text, const char *lang, int preview)
{
	struct studio_lesson_flags	 f;
	struct tv			*list;
	size_t				 i;

	if (!ctx_ok(c, studio_lesson_check(&c->dc, text, lang, &f)))
		return (-1);
	if (f.directive != NULL)
		tv_str(c->view, "directive", f.directive);
	if (f.alt_line > 0)
		tv_int(c->view, "alt_line", f.alt_line);
	if (f.nunknown > 0) {
		list = tv_list(c->view, "unknown_cases");
		for (i = 0; i < f.nunknown; i++)
			tv_push_str(list, f.unknown[i]);
	}
	tv_bool(c->view, "flagged", f.directive != NULL || f.alt_line > 0 ||
	    f.nunknown > 0);
	if (preview) {
		tv_bool(c->view, "preview", 1);
		lesson_body_view(c, &f.preview);
	}
	return (0);
}

/* The video, its captions and the video form. */
static void
video_view(struct ctx *c, const struct studio_lesson *sl,
    const struct form_errors *fe)
{
	const struct course_pkg	*p = sl->sc.pkg;
	const struct pkg_video	*v = sl->l->video;
	const char		*cap, *m;
	struct tv		*list, *it;
	char			 nm[128];
	size_t			 i;
	int			 may;

	if (v != NULL) {
		tv_str(c->view, "video_url", v->url);
		tv_bool(c->view, "has_video", 1);
	}
	tv_int(c->view, "upload_mb", UPLOAD_MAX_MB);
	list = tv_list(c->view, "captions");
	for (i = 0; i < p->languages.n; i++) {
		may = studio_role_may(sl->sc.role, strcmp(p->languages.v[i],
		    p->default_language) == 0 ? STUDIO_TEXT :
		    STUDIO_TRANSLATE);
		it = tv_push_map(list);
		tv_str(it, "code", p->languages.v[i]);
		tv_str(it, "name", i18n_language_name(c->lang,
		    p->languages.v[i], nm, sizeof(nm)) == 0 ?
		    arena_strdup(c->dc.a, nm) : p->languages.v[i]);
		cap = v != NULL && (cap = pkg_text_lang(&v->captions,
		    p->languages.v[i], NULL)) != NULL && strcmp(cap,
		    p->languages.v[i]) == 0 ? pkg_text(&v->captions, cap,
		    NULL) : NULL;
		if (cap != NULL)
			tv_str(it, "file", cap);
		tv_bool(it, "may", may);
		if (fe != NULL && (m = form_error_for(fe, arena_printf(c->dc.a,
		    "captions_%s", p->languages.v[i]))) != NULL)
			tv_str(it, "error", ctx_tr(c, m));
	}
}

static void
editor_view(struct ctx *c, const struct studio_lesson *sl,
    const char *title, const char *text, const char *minutes)
{
	const struct course_pkg	*p = sl->sc.pkg;
	const char		*code;
	struct tv		*list, *it;
	char			 nm[128];
	size_t			 i, others = 0;
	int			 skip;

	code = i18n_code(c->lang);
	tv_str(c->view, "slug", sl->sc.slug);
	tv_str(c->view, "course_title", pkg_text(&p->title, code,
	    p->default_language));
	tv_str(c->view, "course_lang", pkg_text_lang(&p->title, code,
	    p->default_language));
	tv_int(c->view, "version", sl->sc.version);
	tv_bool(c->view, "archived", sl->sc.archived_at > 0);
	tv_str(c->view, "my_role", ctx_tr(c, studio_role_label(sl->sc.role)));
	tv_bool(c->view, "can_team", studio_role_may(sl->sc.role,
	    STUDIO_TEAM));
	tv_str(c->view, "key", sl->l->id);
	tv_str(c->view, "lesson_title", pkg_text(&sl->l->title, code,
	    p->default_language));
	tv_str(c->view, "content_lang", sl->lang);
	tv_str(c->view, "content_dir", i18n_code_dir(sl->lang));
	tv_str(c->view, "content_lang_name", i18n_language_name(c->lang,
	    sl->lang, nm, sizeof(nm)) == 0 ? arena_strdup(c->dc.a, nm) :
	    sl->lang);
	tv_bool(c->view, "may_text", sl->may_text);
	tv_str(c->view, "edit_title", title);
	tv_str(c->view, "text", text);
	tv_str(c->view, "minutes", minutes != NULL ? minutes :
	    arena_printf(c->dc.a, "%d", sl->l->minutes));
	tv_int(c->view, "minutes_max", STUDIO_MINUTES_MAX);
	tv_int(c->view, "title_max", STUDIO_TITLE_MAX);
	tv_int(c->view, "note_max", STUDIO_NOTE_MAX);
	tv_int(c->view, "alt_max", STUDIO_ALT_MAX);
	tv_int(c->view, "upload_mb", UPLOAD_MAX_MB);
	tv_str(c->view, "action", arena_printf(c->dc.a,
	    "/studio/courses/%s/lessons/%s/%s", sl->sc.slug, sl->l->id,
	    sl->lang));
	list = tv_list(c->view, "langs");
	for (i = 0; i < p->languages.n; i++) {
		it = tv_push_map(list);
		tv_str(it, "code", p->languages.v[i]);
		tv_str(it, "name", i18n_language_name(c->lang,
		    p->languages.v[i], nm, sizeof(nm)) == 0 ?
		    arena_strdup(c->dc.a, nm) : p->languages.v[i]);
		/* "current" hides the link: this one, or one not theirs. */
		skip = strcmp(p->languages.v[i], sl->lang) == 0 ||
		    !studio_role_may(sl->sc.role, strcmp(p->languages.v[i],
		    p->default_language) == 0 ? STUDIO_TEXT :
		    STUDIO_TRANSLATE);
		tv_bool(it, "current", skip);
		others += !skip;
		tv_str(it, "href", arena_printf(c->dc.a,
		    "/studio/courses/%s/lessons/%s/%s", sl->sc.slug, sl->l->id,
		    p->languages.v[i]));
	}
	tv_bool(c->view, "other_langs", others > 0);
	ctx_title(c, N_("Edit lesson"));
}

/*
 * GET /studio/courses/SLUG/lessons/LESSON/LANG: the editor with the
 * saved text, flagged; POST with "preview": the sent text flagged and
 * rendered, nothing saved; POST with "save": a new version, or the form
 * again with what to fix.
 */
int
page_studio_lesson(struct http_request *req)
{
	struct ctx			 c;
	struct studio_lesson		 sl;
	struct studio_lesson_edit	 e;
	struct form_errors		 fe;
	struct pkg_errors		 errs;
	struct tv			*list;
	char				*slug, *lesson, *lang;
	enum result			 r;
	size_t				 i;

	ctx_begin(&c, req);
	memset(&fe, 0, sizeof(fe));
	if (!gate_upload(&c, CTX_GET | CTX_POST, GATE_USER,
	    UPLOAD_REQUEST_MAX))
		goto out;
	if (lesson_path(&c, req->path, &slug, &lesson, &lang) == -1) {
		ctx_error(&c, 404);
		goto out;
	}
	if (!ctx_ok(&c, studio_lesson_open(&c.dc, slug, lesson, lang, &sl)))
		goto out;
	if (!c.is_post) {
		editor_view(&c, &sl, sl.title, sl.text, NULL);
		video_view(&c, &sl, NULL);
		if (flags_view(&c, sl.text, lang, 0) == -1)
			goto out;
		ctx_render(&c, 200, "studio_lesson");
		goto out;
	}
	memset(&e, 0, sizeof(e));
	e.title = ctx_param(&c, "title");
	e.minutes = ctx_param(&c, "minutes");
	e.text = ctx_param(&c, "text");
	e.note = ctx_param(&c, "note");
	e.alt = ctx_param(&c, "alt");
	if (e.text == NULL) {
		/* Dropped by v_text: too long, or not UTF-8 text. */
		form_error(&fe, "text", N_("Write at most 100,000 bytes of "
		    "UTF-8 text."));
		editor_view(&c, &sl, sl.title, sl.text, NULL);
		video_view(&c, &sl, NULL);
		ctx_form(&c, &fe, edit_fields);
		if (flags_view(&c, sl.text, lang, 0) == -1)
			goto out;
		ctx_render(&c, 400, "studio_lesson");
		goto out;
	}
	if (ctx_param(&c, "save") == NULL) {
		editor_view(&c, &sl, e.title != NULL ? e.title : sl.title,
		    e.text, e.minutes);
		video_view(&c, &sl, NULL);
		tv_str(c.view, "note", e.note != NULL ? e.note : "");
		tv_str(c.view, "alt", e.alt != NULL ? e.alt : "");
		if (flags_view(&c, e.text, lang, 1) == -1)
			goto out;
		ctx_render(&c, 200, "studio_lesson");
		goto out;
	}
	if (!files_ok(&c))
		goto out;
	(void)file_get(&c, "image", &e.image, &e.image_len);
	pkg_errors_init(&errs, c.dc.a, "");
	r = studio_lesson_save(&c.dc, slug, lesson, lang, &e, &fe, &errs);
	if (r == RES_INVALID) {
		editor_view(&c, &sl, e.title != NULL ? e.title : sl.title,
		    e.text, e.minutes);
		video_view(&c, &sl, NULL);
		ctx_form(&c, &fe, edit_fields);
		tv_str(c.view, "note", e.note != NULL ? e.note : "");
		tv_str(c.view, "alt", e.alt != NULL ? e.alt : "");
		list = tv_list(c.view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
		if (flags_view(&c, e.text, lang, 0) == -1)
			goto out;
		ctx_render(&c, 400, "studio_lesson");
		goto out;
	}
	ctx_done(&c, r, FLASH_LESSON_SAVED, arena_printf(c.dc.a,
	    "/studio/courses/%s/lessons/%s/%s", slug, lesson, lang));
out:
	return (ctx_end(&c));
}

/*
 * POST /studio/courses/SLUG/lessons/LESSON/video: the video (field
 * "video") and captions ("captions_LANG" per course language); "lang"
 * names the editor to come back to.
 */
int
page_studio_lesson_video(struct http_request *req)
{
	struct ctx		 c;
	struct studio_lesson	 sl;
	struct studio_upload	 video, *caps;
	struct form_errors	 fe;
	struct pkg_errors	 errs;
	struct tv		*list;
	const char		*lang, *note;
	char			*slug, *lesson, *last;
	enum result		 r;
	size_t			 i, n;

	ctx_begin(&c, req);
	memset(&fe, 0, sizeof(fe));
	if (!gate_upload(&c, CTX_POST, GATE_USER, UPLOAD_REQUEST_MAX))
		goto out;
	if (lesson_path(&c, req->path, &slug, &lesson, &last) == -1) {
		ctx_error(&c, 404);
		goto out;
	}
	lang = ctx_param(&c, "lang");
	if (!ctx_ok(&c, studio_lesson_open(&c.dc, slug, lesson, lang, &sl)))
		goto out;
	if (!files_ok(&c))
		goto out;
	note = ctx_param(&c, "note");
	memset(&video, 0, sizeof(video));
	(void)file_get(&c, "video", &video.data, &video.len);
	n = sl.sc.pkg->languages.n;
	caps = arena_alloc(c.dc.a, (n + 1) * sizeof(*caps));
	memset(caps, 0, (n + 1) * sizeof(*caps));
	for (i = 0; i < n; i++)
		(void)file_get(&c, arena_printf(c.dc.a, "captions_%s",
		    sl.sc.pkg->languages.v[i]), &caps[i].data, &caps[i].len);
	pkg_errors_init(&errs, c.dc.a, "");
	r = studio_lesson_video(&c.dc, slug, lesson, &video, caps, n, note,
	    &fe, &errs);
	if (r == RES_INVALID) {
		editor_view(&c, &sl, sl.title, sl.text, NULL);
		video_view(&c, &sl, &fe);
		ctx_form(&c, &fe, edit_fields);
		tv_str(c.view, "video_note", note != NULL ? note : "");
		list = tv_list(c.view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
		if (flags_view(&c, sl.text, lang, 0) == -1)
			goto out;
		ctx_render(&c, 400, "studio_lesson");
		goto out;
	}
	ctx_done(&c, r, FLASH_LESSON_SAVED, arena_printf(c.dc.a,
	    "/studio/courses/%s/lessons/%s/%s#video-h", slug, lesson, lang));
out:
	return (ctx_end(&c));
}

/*
 * GET /studio/courses/SLUG/lessons/LESSON/media/FILE (and the old
 * editor's /author/courses/...): where a preview's relative media/FILE
 * link lands (the editor's address is one level deeper than the
 * lesson's); sent on to /courses/SLUG/lessons/media/FILE, which serves
 * the course's files to everyone, as on the lesson page.
 */
int
page_studio_lesson_media(struct http_request *req)
{
	struct ctx	 c;
	const char	*s, *e, *m;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	/* Both routes (20-courses.conf, 21-studio-lesson.conf) have a
	 * /courses/: the slug follows it. */
	s = strstr(req->path, "/courses/") + sizeof("/courses/") - 1;
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
