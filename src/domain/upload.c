/*
 * upload.c: attachment checks (see upload.h). Pure functions over bytes:
 * no storage, no HTTP. Fuzzed by tests/fuzz/fuzz_upload.c.
 */
#include <stddef.h>
#include <string.h>

#include "domain/upload.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "web/i18n.h"


const char *
upload_check(const void *data, size_t len, const char **msgid)
{
	static const unsigned char png[8] = {
		0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a
	};
	const unsigned char	*p = data;

	*msgid = NULL;
	if (p == NULL || len == 0) {
		*msgid = N_("The file is empty.");
		return (NULL);
	}
	if (len > UPLOAD_MAX_SIZE) {
		*msgid = N_("The file is larger than {mb} MB.");
		return (NULL);
	}
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return ("application/pdf");
	if (len >= sizeof(png) && memcmp(p, png, sizeof(png)) == 0)
		return ("image/png");
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return ("image/jpeg");
	*msgid = N_("Only PDF, PNG and JPEG files are accepted.");
	return (NULL);
}

const char *
upload_media_check(const void *data, size_t len, enum upload_kind kind,
    const char **msgid)
{
	static const unsigned char png[8] = {
		0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a
	};
	static const unsigned char ebml[4] = { 0x1a, 0x45, 0xdf, 0xa3 };
	const unsigned char	*p = data;

	*msgid = NULL;
	if (p == NULL || len == 0) {
		*msgid = N_("The file is empty.");
		return (NULL);
	}
	if (len > UPLOAD_MAX_SIZE) {
		*msgid = N_("The file is larger than {mb} MB.");
		return (NULL);
	}
	if (kind == UPLOAD_IMAGE) {
		if (len >= sizeof(png) && memcmp(p, png, sizeof(png)) == 0)
			return ("image/png");
		if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
			return ("image/jpeg");
		if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
		    memcmp(p + 8, "WEBP", 4) == 0)
			return ("image/webp");
		*msgid = N_("Only PNG, JPEG and WebP images are accepted.");
		return (NULL);
	}
	/* The EBML header is small: its doc type comes in the first 64. */
	if (len >= sizeof(ebml) && memcmp(p, ebml, sizeof(ebml)) == 0 &&
	    memmem(p, len < 64 ? len : 64, "webm", 4) != NULL)
		return ("video/webm");
	if (len >= 12 && memcmp(p + 4, "ftyp", 4) == 0)
		return ("video/mp4");
	*msgid = N_("Only WebM and MP4 videos are accepted.");
	return (NULL);
}

const char *
upload_media_ext(const char *type)
{
	static const char *const map[][2] = {
		{ "image/png", "png" }, { "image/jpeg", "jpg" },
		{ "image/webp", "webp" }, { "video/webm", "webm" },
		{ "video/mp4", "mp4" }
	};
	size_t	i;

	for (i = 0; type != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], type) == 0)
			return (map[i][1]);
	return (NULL);
}

char *
upload_filename(struct arena *a, const char *name)
{
	const unsigned char	*p, *start;
	char			 out[UPLOAD_NAME_MAX + 1];
	size_t			 n, o = 0, k;

	if (name == NULL)
		return (arena_strdup(a, "attachment"));
	start = (const unsigned char *)name;
	for (p = start; *p != '\0'; p++) {
		if (*p == '/' || *p == '\\')
			start = p + 1;
	}
	n = strlen((const char *)start);
	p = start;
	while (n > 0) {
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\'' ||
		    *p == '<' || *p == '>') {
			p++; n--;
			continue;
		}
		if ((k = utf8_decode(p, n, NULL)) == 0) {
			if (o + 1 > UPLOAD_NAME_MAX)
				break;
			out[o++] = '_';
			p++; n--;
			continue;
		}
		if (o + k > UPLOAD_NAME_MAX)
			break;
		memcpy(out + o, p, k);
		o += k; p += k; n -= k;
	}
	out[o] = '\0';
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
		out[--o] = '\0';
	k = 0;
	while (out[k] == ' ' || out[k] == '.')
		k++;
	if (out[k] == '\0')
		return (arena_strdup(a, "attachment"));
	return (arena_strdup(a, out + k));
}
