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

#define UPLOAD_MAX_SIZE		(10 * 1024 * 1024)
#define UPLOAD_MAX_FILES	5
#define UPLOAD_NAME_MAX		120

/*
 * Checks a file of len bytes. Returns the MIME type ("application/pdf",
 * "image/png", "image/jpeg", static strings), or NULL with *msgid set to
 * an English msgid saying why it was refused (empty, too large, type).
 */
const char	*upload_check(const void *data, size_t len, const char **msgid);
/*
 * A display name for a file from the name the browser gave (any bytes,
 * NULL allowed): the part after the last / or \, control characters and
 * quotes dropped, invalid UTF-8 replaced, at most UPLOAD_NAME_MAX bytes
 * cut on a character boundary; "attachment" when nothing is left. The
 * result is an arena string.
 */
char		*upload_filename(struct arena *, const char *name);

#endif
