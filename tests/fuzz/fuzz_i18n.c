/*
 * fuzz_i18n.c: libFuzzer target for the time-zone and language values a
 * visitor sends: the tz cookie and the tz form field (after the HTTP
 * layer's %2F decoding, which lives in src/http/h_call.c and cannot be
 * linked here: this fuzzes the domain functions it hands the value to),
 * the lang cookie and form field, the language and country of a profile
 * form, and the Accept-Language header.
 *
 * The first byte picks a UI language and a date; the rest, split at the
 * first newline, is the value and an Accept-Language header. Aborts when:
 *  - i18n_format_date() succeeds with a time zone holding control, space
 *    or non-ASCII bytes, or writes output that is not NUL-terminated
 *    valid UTF-8 within its buffer (checked with a small and a large one);
 *  - i18n_lang_get() finds a language whose code is not the value;
 *    check_language() disagrees with it;
 *  - check_country() accepts anything but an ICU country code, or
 *    i18n_country_name()/i18n_language_name() overflow their buffer;
 *  - i18n_negotiate() returns NULL, or a language other than English
 *    for a header that names none of ours;
 *  - i18n_plural_index() returns an index outside [0, nplurals).
 * Build and run: `make fuzz`; replay in make test: tests/fuzz/replay.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/result.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "web/i18n.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	check_out(const char *, size_t, size_t);

/* out (buffer of cap bytes, canary after it) holds a NUL-terminated
 * valid UTF-8 string. */
static void
check_out(const char *out, size_t cap, size_t canary)
{
	size_t	n;

	n = strnlen(out, cap);
	if (n == cap || !utf8_valid(out, n, 0))
		abort();
	for (; canary > 0; canary--)
		if ((unsigned char)out[cap + canary - 1] != 0xa5)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct i18n_lang	*ui, *l;
	struct form_errors	 fe;
	const char *const	*cc;
	char			*text, *hdr, small[8 + 4], big[256 + 4];
	const char		*p;
	int64_t			 when;
	size_t			 i, n;
	int			 bad, ok, code_ok, np;

	if (len < 1 || len > 2048)
		return (0);
	n = i18n_count();
	ui = i18n_nth((size_t)data[0] % (n > 0 ? n : 1));
	when = ((int64_t)(int8_t)data[0]) * 86400 * 365 * 3;
	text = xmalloc(len);
	memcpy(text, data + 1, len - 1);
	text[len - 1] = '\0';
	hdr = strchr(text, '\n');
	if (hdr != NULL)
		*hdr++ = '\0';

	/* Time zone. */
	bad = 0;
	for (p = text; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			bad = 1;
	for (i = 0; i < 2; i++) {
		memset(small, 0xa5, sizeof(small));
		memset(big, 0xa5, sizeof(big));
		ok = i18n_format_date(ui, when, text, (int)i, small, 8) == 0;
		if (ok && bad)
			abort();
		if (small[0] != '\0' || ok)
			check_out(small, 8, 4);
		ok = i18n_format_date(ui, when, text, (int)i, big, 256) == 0;
		if (ok && bad)
			abort();
		if (ok)
			check_out(big, 256, 4);
	}

	/* Language: lang cookie, profile and language forms. */
	l = i18n_lang_get(text);
	if (l != NULL && strcmp(i18n_code(l), text) != 0)
		abort();
	memset(&fe, 0, sizeof(fe));
	ok = check_language(&fe, "language", text);
	if (ok != (*text == '\0' || l != NULL))
		abort();

	/* Country. */
	code_ok = *text == '\0';
	for (cc = i18n_country_codes(); cc != NULL && *cc != NULL; cc++)
		if (strcmp(*cc, text) == 0)
			code_ok = 1;
	memset(&fe, 0, sizeof(fe));
	if (check_country(&fe, "country", text) != code_ok)
		abort();
	memset(big, 0xa5, sizeof(big));
	if (i18n_country_name(ui, text, big, 256) == 0)
		check_out(big, 256, 4);
	memset(big, 0xa5, sizeof(big));
	if (i18n_language_name(ui, text, big, 256) == 0)
		check_out(big, 256, 4);

	/* Accept-Language. */
	if (hdr != NULL) {
		if ((l = i18n_negotiate(hdr)) == NULL)
			abort();
		if (l != i18n_default()) {
			/* The chosen code (or code-) appears in the header. */
			for (p = hdr; *p != '\0'; p++)
				if (strncasecmp(p, i18n_code(l),
				    strlen(i18n_code(l))) == 0)
					break;
			if (*p == '\0')
				abort();
		}
	}

	/* Plural forms, for every language code the value might be. */
	for (np = 0; np < 8; np++) {
		i = (size_t)i18n_plural_index(text, np, when);
		if (np > 0 && i >= (size_t)np)
			abort();
	}
	free(text);
	return (0);
}
