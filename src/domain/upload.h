/*
 * upload.h: checking attachments of submissions. The type is decided by
 * the first bytes of the content (magic numbers), never by the name or
 * the browser's claim: PDF ("%PDF-"), PNG (its 8-byte signature) and JPEG
 * (FF D8 FF). Sizes are limited; names are reduced to a safe display name.
 */
#ifndef ETHICA_UPLOAD_H
#define ETHICA_UPLOAD_H

#include <stddef.h>

struct arena;

/*
 * The one source of the upload limits: the form's text, the handler, the
 * domain's checks and Kore's http_body_max (ethica serve writes it) are
 * derived from these. A file is at most UPLOAD_MAX_SIZE bytes (said to
 * people as UPLOAD_MAX_MB MB), a case has at most UPLOAD_MAX_FILES, and
 * the text of any form is at most UPLOAD_TEXT_MAX (ctx_post()'s
 * CTX_FORM_MAX). UPLOAD_REQUEST_MAX is the largest request a form with
 * files is answered for with the form itself, refused files named and
 * every other field kept: twice what such a form may carry with its
 * text, so that files a little too large are named, not met with a bare
 * "too large" page. Kore's own limit is above it (UPLOAD_KORE_BODY_MAX),
 * so our page, in the user's language, answers first.
 */
#define UPLOAD_MAX_MB		10
#define UPLOAD_MAX_SIZE		(UPLOAD_MAX_MB * 1024 * 1024)
#define UPLOAD_MAX_FILES	5
#define UPLOAD_TEXT_MAX		(1024 * 1024)
#define UPLOAD_REQUEST_MAX	(2 * (UPLOAD_MAX_FILES * UPLOAD_MAX_SIZE + \
				    UPLOAD_TEXT_MAX))
#define UPLOAD_KORE_BODY_MAX	(UPLOAD_REQUEST_MAX + UPLOAD_TEXT_MAX)
#define UPLOAD_NAME_MAX		120
/*
 * The studio's media (a lesson's images, its video and captions) share
 * UPLOAD_MAX_SIZE per file. One form carries at most
 * UPLOAD_MEDIA_FILES_MAX files (a video and its captions in each of the
 * 7 UI languages); a course keeps at most UPLOAD_MEDIA_MAX media files.
 */
#define UPLOAD_MEDIA_FILES_MAX	8
#define UPLOAD_MEDIA_MAX	200

/* What a studio media upload may be. */
enum upload_kind {
	UPLOAD_IMAGE,		/* PNG, JPEG, WebP */
	UPLOAD_VIDEO		/* WebM, MP4 */
};

/*
 * Checks a file of len bytes. Returns the MIME type ("application/pdf",
 * "image/png", "image/jpeg", static strings), or NULL with *msgid set to
 * an English msgid saying why it was refused (empty, too large, type);
 * the size message has an {mb} placeholder for UPLOAD_MAX_SIZE in MB.
 */
const char	*upload_check(const void *data, size_t len, const char **msgid);
/*
 * upload_check() for the studio's media of kind: "image/png",
 * "image/jpeg", "image/webp" (RIFF....WEBP), "video/webm" (EBML with
 * the webm doc type), "video/mp4" (an ftyp box), by the first bytes
 * only; else NULL with *msgid (empty, too large: {mb}, or the type).
 */
const char	*upload_media_check(const void *data, size_t len,
		    enum upload_kind, const char **msgid);
/* The file name extension of a type upload_media_check() returns
 * ("png"...), or NULL. */
const char	*upload_media_ext(const char *type);
/*
 * A display name for a file from the name the browser gave (any bytes,
 * NULL allowed): the part after the last / or \, control characters and
 * quotes dropped, invalid UTF-8 replaced, at most UPLOAD_NAME_MAX bytes
 * cut on a character boundary; "attachment" when nothing is left. The
 * result is an arena string.
 */
char		*upload_filename(struct arena *, const char *name);

#endif
