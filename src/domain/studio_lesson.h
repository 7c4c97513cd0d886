/*
 * studio_lesson.h: the studio's lesson editor (issue 16.3): a lesson's
 * title, minutes and Markdown in one language, checked before saving
 * (case names that match no published case, images without alt text, a
 * malformed case line), a preview rendered by the lesson page's own code,
 * images added to the package's media/ and referenced from the Markdown,
 * and the lesson's video with its WebVTT captions per language. Every
 * save is a new version with a note, through studio_save().
 *
 * Who may: the rule table of studio.c. The default language's text, the
 * minutes, images and the video need STUDIO_TEXT; the title, text and
 * captions of another language need STUDIO_TRANSLATE.
 */
#ifndef ETHICA_STUDIO_LESSON_H
#define ETHICA_STUDIO_LESSON_H

#include <stddef.h>
#include <stdint.h>

#include "domain/course_view.h"
#include "domain/studio.h"

#define STUDIO_TEXT_MAX		100000	/* bytes of a lesson's Markdown in
					   one language: v_text's bound */
#define STUDIO_NOTE_MAX		300	/* characters of a version's note */
#define STUDIO_ALT_MAX		300	/* characters of an image's alt text */

/* A lesson opened in the editor in one language. */
struct studio_lesson {
	struct studio_course	 sc;
	struct pkg_lesson	*l;		/* in sc.pkg */
	const char		*lang;
	const char		*path;		/* its Markdown file */
	const char		*title;		/* in lang */
	const char		*text;		/* Markdown in lang */
	int			 may_text;	/* STUDIO_TEXT: minutes,
						   media, default text */
};

/*
 * Opens lesson of course slug in lang for editing: RES_NOT_FOUND (no
 * such course, lesson or course language; or the user may not open the
 * course), RES_FORBIDDEN (lang is the default language and the user may
 * not STUDIO_TEXT, or another and not STUDIO_TRANSLATE), RES_INTERNAL.
 * Reads only; everything in dc->a.
 */
enum result	 studio_lesson_open(struct dctx *, const char *slug,
		    const char *lesson, const char *lang,
		    struct studio_lesson *);

/* What the editor flags in a text before it is saved. */
struct studio_lesson_flags {
	const char	**unknown;	/* ::case names of no published case */
	size_t		  nunknown;
	int		  alt_line;	/* an image without alt text: its
					   line, else 0 */
	const char	 *directive;	/* a malformed ::case line: "line N:
					   ..." (English), else NULL */
	struct lesson_view preview;	/* the body as the lesson page
					   renders it (parts, toc) */
};

/*
 * Checks text (Markdown of one lesson in lang) and renders it as the
 * lesson page would, into f. RES_OK (look at the flags), RES_INTERNAL.
 * Reads only; the caller opened the lesson (studio_lesson_open).
 */
enum result	 studio_lesson_check(struct dctx *, const char *text,
		    const char *lang, struct studio_lesson_flags *f);

/* The editor's form, as sent. */
struct studio_lesson_edit {
	const char	*title;		/* NULL: unchanged */
	const char	*minutes;	/* NULL: unchanged */
	const char	*text;
	const char	*note;		/* what changed; may be empty */
	const char	*image;		/* an image to add, or NULL */
	size_t		 image_len;
	const char	*alt;		/* its alt text */
};

/*
 * Saves e as a new version of the lesson in lang: the title in lang, the
 * minutes (STUDIO_TEXT, else RES_FORBIDDEN when they change), the text
 * (CRLF made LF) and, when e->image is set, the image stored under
 * media/ by its digest with its reference "![alt](media/...)" added at
 * the end of the text. RES_INVALID with msgids in fe (fields "title",
 * "minutes", "text", "note", "image", "alt"; messages already filled in
 * the user's language when they carry a line) or the package's problems
 * in errs; nothing is stored then. One transaction. RES_NOT_FOUND,
 * RES_FORBIDDEN as studio_lesson_open(), RES_INTERNAL.
 */
enum result	 studio_lesson_save(struct dctx *, const char *slug,
		    const char *lesson, const char *lang,
		    const struct studio_lesson_edit *e,
		    struct form_errors *fe, struct pkg_errors *errs);

/* One uploaded file of the video form. */
struct studio_upload {
	const char	*data;
	size_t		 len;
};

/*
 * Sets the lesson's video (video: a WebM or MP4 file, NULL to keep the
 * one it has) and captions (captions[i] for the course language
 * langs[i], data NULL to keep that language's captions), each checked
 * (upload_media_check, webvtt_check) and stored under media/ by digest.
 * A new video needs captions in every course language. STUDIO_TEXT for
 * the video and the default language's captions, STUDIO_TRANSLATE for
 * the others' (RES_FORBIDDEN). RES_INVALID with fe (fields "video",
 * "captions_LANG") or errs; one transaction; a new version with note.
 */
enum result	 studio_lesson_video(struct dctx *, const char *slug,
		    const char *lesson, const struct studio_upload *video,
		    const struct studio_upload *captions, size_t ncaptions,
		    const char *note, struct form_errors *fe,
		    struct pkg_errors *errs);

/* The number of media files (media/...) of a package. */
size_t		 studio_media_count(const struct pkg_files *);

#endif
