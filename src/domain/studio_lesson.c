/*
 * studio_lesson.c: the studio's lesson editor and media (studio_lesson.h).
 * It changes the package in memory (the lesson's title, minutes, its
 * Markdown file in one language, files under media/, the video of the
 * manifest) and saves it through studio_save(): one version, one
 * transaction, checked as an import is. The preview is the lesson page's
 * own rendering (course_lesson_preview).
 *
 * Never: SQL, Kore headers, a file stored by a name the uploader chose
 * (media are named by their digest), a check of rights outside
 * studio_open's rule table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/course_int.h"
#include "domain/course_view.h"
#include "domain/mail.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_lesson.h"
#include "domain/upload.h"
#include "domain/validate.h"
#include "domain/webvtt.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/markdown.h"

#ifndef N_
#define N_(s)	(s)
#endif

static const char	*line_msg(struct dctx *, const char *, int);
static enum result	 lesson_find(struct dctx *, const char *,
			    const char *, struct studio_lesson *);
static const char	*media_put(struct dctx *, struct pkg_files *,
			    const char *, const char *, const char *,
			    const char *, size_t);
static char		*lf_text(struct arena *, const char *);
static char		*alt_escape(struct arena *, const char *);
static int		 one_line(struct form_errors *, const char *,
			    const char *, size_t, int);
static void		 i18n_set(struct arena *, struct pkg_i18n *,
			    const char *, const char *);
static const char	*i18n_get(const struct pkg_i18n *, const char *);

/* msgid in the actor's language with {line} and {mb} filled (arena). */
static const char *
line_msg(struct dctx *dc, const char *msgid, int line)
{
	const char	*k[2], *v[2];
	char		 n[16], mb[16];

	(void)snprintf(n, sizeof(n), "%d", line);
	(void)snprintf(mb, sizeof(mb), "%d", UPLOAD_MAX_MB);
	k[0] = "line";
	v[0] = n;
	k[1] = "mb";
	v[1] = mb;
	return (mail_fill(dc, i18n_gettext(dc->lang, msgid), k, v, 2));
}

/* Opens course slug (STUDIO_OPEN) and finds lesson in it. */
static enum result
lesson_find(struct dctx *dc, const char *slug, const char *lesson,
    struct studio_lesson *sl)
{
	enum result	r;
	size_t		i, j;

	memset(sl, 0, sizeof(*sl));
	if ((r = studio_open(dc, slug, STUDIO_OPEN, &sl->sc)) != RES_OK)
		return (r);
	for (i = 0; sl->l == NULL && i < sl->sc.pkg->nmodules; i++)
		for (j = 0; j < sl->sc.pkg->modules[i].nlessons; j++)
			if (strcmp(sl->sc.pkg->modules[i].lessons[j].id,
			    lesson) == 0) {
				sl->l = &sl->sc.pkg->modules[i].lessons[j];
				break;
			}
	if (sl->l == NULL)
		return (RES_NOT_FOUND);
	sl->may_text = studio_role_may(sl->sc.role, STUDIO_TEXT);
	return (RES_OK);
}

size_t
studio_media_count(const struct pkg_files *files)
{
	size_t	i, n = 0;

	for (i = 0; i < files->n; i++)
		if (strncmp(files->v[i].path, "media/", 6) == 0)
			n++;
	return (n);
}

/*
 * Puts data under media/STEM-DIGEST[.LANG].EXT in files: its path, or
 * NULL when the course already has UPLOAD_MEDIA_MAX media files and this
 * one is new.
 */
static const char *
media_put(struct dctx *dc, struct pkg_files *files, const char *stem,
    const char *lang, const char *ext, const char *data, size_t len)
{
	const char	*path;
	char		 hash[65];

	course_hash_hex(data, len, hash);
	path = arena_printf(dc->a, "media/%s-%.12s%s%s.%s", stem, hash,
	    lang != NULL ? "." : "", lang != NULL ? lang : "", ext);
	if (pkg_files_get(files, path) == NULL &&
	    studio_media_count(files) >= UPLOAD_MEDIA_MAX)
		return (NULL);
	pkg_files_put(dc->a, files, path, data, len, hash);
	return (path);
}

/* text with CRLF made LF (browsers send textarea lines as CRLF). */
static char *
lf_text(struct arena *a, const char *text)
{
	char	*lf;
	size_t	 i, n;

	lf = arena_strdup(a, text);
	for (i = n = 0; text[i] != '\0'; i++)
		if (!(text[i] == '\r' && text[i + 1] == '\n'))
			lf[n++] = text[i];
	lf[n] = '\0';
	return (lf);
}

/* Alt text for ![...]: backslash before \ [ ] so that it stays text. */
static char *
alt_escape(struct arena *a, const char *s)
{
	char	*out;
	size_t	 i, n = 0;

	out = arena_alloc(a, 2 * strlen(s) + 1);
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\\' || s[i] == '[' || s[i] == ']')
			out[n++] = '\\';
		out[n++] = s[i];
	}
	out[n] = '\0';
	return (out);
}

/* A one-line text of at most max characters (required unless opt). */
static int
one_line(struct form_errors *fe, const char *field, const char *v,
    size_t max, int opt)
{
	if (v == NULL || *v == '\0') {
		if (opt)
			return (1);
		form_error(fe, field, N_("This field is required."));
		return (0);
	}
	if (!utf8_valid(v, strlen(v), 0) || utf8_chars(v) > max) {
		form_error(fe, field, max == STUDIO_TITLE_MAX ?
		    N_("Write one line of at most 160 characters.") :
		    N_("Write one line of at most 300 characters."));
		return (0);
	}
	return (1);
}

/* The text of lang in t, or NULL (pkg_text falls back). */
static const char *
i18n_get(const struct pkg_i18n *t, const char *lang)
{
	size_t	i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].lang, lang) == 0)
			return (t->v[i].text);
	return (NULL);
}

/* Sets the text of lang in t (adding lang when missing). */
static void
i18n_set(struct arena *a, struct pkg_i18n *t, const char *lang,
    const char *text)
{
	struct pkg_str	*nv;
	size_t		 i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].lang, lang) == 0) {
			t->v[i].text = arena_strdup(a, text);
			return;
		}
	nv = arena_alloc(a, (t->n + 1) * sizeof(*nv));
	if (t->n > 0)
		memcpy(nv, t->v, t->n * sizeof(*nv));
	nv[t->n].lang = arena_strdup(a, lang);
	nv[t->n].text = arena_strdup(a, text);
	t->v = nv;
	t->n++;
}

enum result
studio_lesson_open(struct dctx *dc, const char *slug, const char *lesson,
    const char *lang, struct studio_lesson *sl)
{
	const struct pkg_file	*f;
	enum result		 r;

	if ((r = lesson_find(dc, slug, lesson, sl)) != RES_OK)
		return (r);
	if (lang == NULL || !pkg_has_lang(sl->sc.pkg, lang))
		return (RES_NOT_FOUND);
	if (!studio_role_may(sl->sc.role, strcmp(lang,
	    sl->sc.pkg->default_language) == 0 ? STUDIO_TEXT :
	    STUDIO_TRANSLATE))
		return (RES_FORBIDDEN);
	sl->lang = arena_strdup(dc->a, lang);
	sl->path = arena_printf(dc->a, "%s.%s.md", sl->l->file, lang);
	if ((f = pkg_files_get(&sl->sc.files, sl->path)) == NULL ||
	    f->data == NULL)
		return (RES_INTERNAL);
	sl->text = f->data;
	if ((sl->title = i18n_get(&sl->l->title, lang)) == NULL)
		sl->title = "";
	return (RES_OK);
}

enum result
studio_lesson_check(struct dctx *dc, const char *text, const char *lang,
    struct studio_lesson_flags *f)
{
	char		err[256];
	enum result	r;

	memset(f, 0, sizeof(*f));
	err[0] = '\0';
	if (!markdown_images_have_alt(text, strlen(text), &f->alt_line))
		f->alt_line = f->alt_line > 0 ? f->alt_line : 1;
	else
		f->alt_line = 0;
	r = course_lesson_preview(dc, text, lang, &f->preview, &f->unknown,
	    &f->nunknown, err, sizeof(err));
	if (r == RES_INVALID) {
		f->directive = arena_strdup(dc->a, err);
		return (RES_OK);
	}
	return (r);
}

enum result
studio_lesson_save(struct dctx *dc, const char *slug, const char *lesson,
    const char *lang, const struct studio_lesson_edit *e,
    struct form_errors *fe, struct pkg_errors *errs)
{
	struct studio_lesson		 sl;
	struct studio_lesson_flags	 fl;
	const char			*type, *why, *path, *note, *title;
	char				*text, hash[65];
	int64_t				 minutes;
	enum result			 r;
	size_t				 i;
	int				 ok = 1;

	if ((r = studio_lesson_open(dc, slug, lesson, lang, &sl)) != RES_OK)
		return (r);
	minutes = sl.l->minutes;
	if (e->minutes != NULL && *e->minutes != '\0') {
		if (!str_of(e->minutes, 1, 3, DIGITS) ||
		    (minutes = strtoll(e->minutes, NULL, 10)) < 1 ||
		    minutes > STUDIO_MINUTES_MAX) {
			form_error(fe, "minutes", N_("Write a number of "
			    "minutes from 1 to 600."));
			ok = 0;
		} else if (minutes != sl.l->minutes && !sl.may_text)
			return (RES_FORBIDDEN);
	}
	title = e->title != NULL ? e->title : sl.title;
	ok &= one_line(fe, "title", title, STUDIO_TITLE_MAX, 0);
	ok &= one_line(fe, "note", e->note, STUDIO_NOTE_MAX, 1);
	if (e->text == NULL || strlen(e->text) > STUDIO_TEXT_MAX ||
	    !utf8_valid(e->text, strlen(e->text), 1)) {
		form_error(fe, "text", N_("Write at most 100,000 bytes of "
		    "UTF-8 text."));
		return (RES_INVALID);
	}
	text = lf_text(dc->a, e->text);
	if (e->image != NULL) {
		if (!sl.may_text)
			return (RES_FORBIDDEN);
		if ((type = upload_media_check(e->image, e->image_len,
		    UPLOAD_IMAGE, &why)) == NULL) {
			form_error(fe, "image", line_msg(dc, why, 0));
			ok = 0;
		}
		if (e->alt == NULL || *e->alt == '\0') {
			form_error(fe, "alt", N_("Describe what the image "
			    "shows: people who cannot see it read this "
			    "instead."));
			ok = 0;
		} else
			ok &= one_line(fe, "alt", e->alt, STUDIO_ALT_MAX, 0);
		if (ok) {
			if ((path = media_put(dc, &sl.sc.files, sl.l->id, NULL,
			    upload_media_ext(type), e->image, e->image_len)) ==
			    NULL) {
				form_error(fe, "image", N_("The course has as "
				    "many media files as it may have."));
				return (RES_INVALID);
			}
			i = strlen(text);
			text = arena_printf(dc->a, "%s%s![%s](%s)\n", text,
			    i == 0 ? "" : text[i - 1] == '\n' ? "\n" : "\n\n",
			    alt_escape(dc->a, e->alt), path);
		}
	}
	if (studio_lesson_check(dc, text, lang, &fl) != RES_OK)
		return (RES_INTERNAL);
	if (fl.alt_line > 0) {
		form_error(fe, "text", line_msg(dc, N_("Line {line}: an image "
		    "has no alt text. Write what it shows between the "
		    "brackets: ![what it shows](media/file.png)."),
		    fl.alt_line));
		ok = 0;
	}
	if (fl.directive != NULL) {
		form_error(fe, "text", N_("A case card is written wrongly; "
		    "saving will fail until it is fixed."));
		ok = 0;
	}
	if (fl.nunknown > 0) {
		form_error(fe, "text", N_("Some case names match no "
		    "published case: name a case of the library."));
		ok = 0;
	}
	if (!ok)
		return (RES_INVALID);
	i18n_set(dc->a, &sl.l->title, lang, title);
	sl.l->minutes = (int)minutes;
	course_hash_hex(text, strlen(text), hash);
	pkg_files_put(dc->a, &sl.sc.files, sl.path, text, strlen(text), hash);
	note = e->note != NULL && *e->note != '\0' ? e->note :
	    arena_printf(dc->a, "edit %s.%s", lesson, lang);
	return (studio_save(dc, &sl.sc, note, errs, NULL, NULL));
}

enum result
studio_lesson_video(struct dctx *dc, const char *slug, const char *lesson,
    const struct studio_upload *video, const struct studio_upload *caps,
    size_t ncaps, const char *note, struct form_errors *fe,
    struct pkg_errors *errs)
{
	struct studio_lesson	 sl;
	struct course_pkg	*p;
	struct pkg_video	*v;
	const char		*type, *why, *path, *lang, *field;
	int			 ok = 1, line, cues;
	size_t			 i;
	enum result		 r;

	if ((r = lesson_find(dc, slug, lesson, &sl)) != RES_OK)
		return (r);
	p = sl.sc.pkg;
	if (ncaps != p->languages.n)
		return (RES_INTERNAL);
	if (video != NULL && video->data != NULL && !sl.may_text)
		return (RES_FORBIDDEN);
	if (!one_line(fe, "note", note, STUDIO_NOTE_MAX, 1))
		return (RES_INVALID);
	for (i = 0; i < ncaps; i++)
		if (caps[i].data != NULL && !studio_role_may(sl.sc.role,
		    strcmp(p->languages.v[i], p->default_language) == 0 ?
		    STUDIO_TEXT : STUDIO_TRANSLATE))
			return (RES_FORBIDDEN);
	v = arena_alloc(dc->a, sizeof(*v));
	memset(v, 0, sizeof(*v));
	if (sl.l->video != NULL) {
		*v = *sl.l->video;
		v->captions.v = arena_alloc(dc->a, (p->languages.n + 1) *
		    sizeof(*v->captions.v));
		memcpy(v->captions.v, sl.l->video->captions.v,
		    sl.l->video->captions.n * sizeof(*v->captions.v));
	}
	if (video != NULL && video->data != NULL) {
		if ((type = upload_media_check(video->data, video->len,
		    UPLOAD_VIDEO, &why)) == NULL) {
			form_error(fe, "video", line_msg(dc, why, 0));
			ok = 0;
		} else if ((path = media_put(dc, &sl.sc.files, sl.l->id, NULL,
		    upload_media_ext(type), video->data, video->len)) ==
		    NULL) {
			form_error(fe, "video", N_("The course has as many "
			    "media files as it may have."));
			ok = 0;
		} else {
			v->url = path;
			/* A new video: its captions are all to be given. */
			v->captions.n = 0;
		}
	} else if (sl.l->video == NULL) {
		form_error(fe, "video", N_("Choose the video file."));
		ok = 0;
	}
	for (i = 0; i < ncaps; i++) {
		lang = p->languages.v[i];
		field = arena_printf(dc->a, "captions_%s", lang);
		if (caps[i].data == NULL) {
			if (i18n_get(&v->captions, lang) == NULL && ok) {
				form_error(fe, field, N_("Add the captions in "
				    "this language: a new video needs them "
				    "in every language of the course."));
				ok = 0;
			}
			continue;
		}
		if (caps[i].len > UPLOAD_MAX_SIZE) {
			form_error(fe, field, line_msg(dc, N_("The file is "
			    "larger than {mb} MB."), 0));
			ok = 0;
			continue;
		}
		if ((cues = webvtt_check(caps[i].data, caps[i].len, &line,
		    &why)) < 0) {
			form_error(fe, field, line > 0 ? line_msg(dc, why,
			    line) : why);
			ok = 0;
			continue;
		}
		if (!ok)
			continue;
		if ((path = media_put(dc, &sl.sc.files, sl.l->id, lang, "vtt",
		    caps[i].data, caps[i].len)) == NULL) {
			form_error(fe, field, N_("The course has as many "
			    "media files as it may have."));
			ok = 0;
			continue;
		}
		i18n_set(dc->a, &v->captions, lang, path);
	}
	if (!ok)
		return (RES_INVALID);
	sl.l->video = v;
	return (studio_save(dc, &sl.sc, note != NULL && *note != '\0' ? note :
	    arena_printf(dc->a, "video %s", lesson), errs, NULL, NULL));
}
