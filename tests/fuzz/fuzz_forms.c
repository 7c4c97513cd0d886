/*
 * fuzz_forms.c: libFuzzer target for form and query values as our code
 * reads them. Kore parses url-encoded and multipart bodies and query
 * strings (its parser, not ours) and then runs our validators
 * (src/http/validators.c, compiled here against the two-line stub
 * headers of tests/fuzz/stub/kore/, since Kore's own cannot be linked in a
 * pure-C target); the handlers then hand the values to the domain's
 * checks (src/domain/validate.c) and case_slugify().
 *
 * The whole input is one value (a NUL ends it, as in Kore). Aborts when a
 * validator accepts a value breaking what its comment promises (v_path:
 * a browser must read it as a path of this site, even after dropping
 * tabs and newlines and reading "\" as "/"), when a domain check accepts
 * what it must refuse (an email with spaces, two "@" or no dot after the
 * "@"; a name over 80 characters or with a control character; a
 * password under 10 characters or over 200 bytes), when str_trim() leaves
 * blanks at either end, or when case_slugify() gives an invalid slug.
 * Build and run: `make fuzz`; replay in make test: tests/fuzz/replay.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/cases.h"
#include "domain/result.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "../../src/http/validators.c"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int	only(const char *, size_t, size_t, const char *);
static void	check_path(const char *);

static int
only(const char *s, size_t min, size_t max, const char *set)
{
	size_t	n = strlen(s);

	return (n >= min && n <= max && strspn(s, set) == n);
}

/* What a browser does with a Location or href: drop tab, CR and LF, read
 * "\" as "/"; the result must start with one "/" only. */
static void
check_path(const char *s)
{
	char	b[8];
	size_t	n;

	for (n = 0; *s != '\0' && n < sizeof(b) - 1; s++) {
		if (*s == '\t' || *s == '\r' || *s == '\n')
			continue;
		b[n++] = *s == '\\' ? '/' : *s;
	}
	b[n] = '\0';
	if (b[0] != '/' || b[1] == '/')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static int		 loaded;
	struct form_errors	 fe;
	struct arena		*a;
	char			*v, *t, *slug;
	const char		*at;
	size_t			 n;

	if (len > 200000)
		return (0);
	if (!loaded) {
		loaded = 1;
		(void)password_list_load("data/common-passwords.txt");
	}
	v = xmalloc(len + 1);
	memcpy(v, data, len);
	v[len] = '\0';
	n = strlen(v);
	a = arena_new();

	if (v_text(NULL, v) && !(n <= 100000 && utf8_valid(v, n, 1)))
		abort();
	if (v_line(NULL, v) && (n > 1000 || !utf8_valid(v, n, 0) ||
	    strpbrk(v, "\r\n") != NULL))
		abort();
	if (v_path(NULL, v))
		check_path(v);
	if (v_id(NULL, v) && !only(v, 1, 18, DIGITS))
		abort();
	if (v_int(NULL, v) && !only(v + (v[0] == '-'), 1, 18, DIGITS))
		abort();
	if (v_page(NULL, v) && !only(v, 1, 6, DIGITS))
		abort();
	if (v_csrf(NULL, v) && !only(v, 64, 64, HEX_LOWER))
		abort();
	if (v_token(NULL, v) && !only(v, 16, 128, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_-"))
		abort();
	if (v_slug(NULL, v) && (v[0] == '-' || !only(v, 1, 100, SLUG_CHARS)))
		abort();
	if (v_lang(NULL, v) && !only(v, 2, 3, "abcdefghijklmnopqrstuvwxyz"))
		abort();
	if (v_cc(NULL, v) && !only(v, 2, 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
		abort();

	memset(&fe, 0, sizeof(fe));
	if (check_email(&fe, "email", v)) {
		at = strchr(v, '@');
		if (at == NULL || at == v || strchr(at + 1, '@') != NULL ||
		    strchr(at, '.') == NULL || n > EMAIL_MAX ||
		    strpbrk(v, " \t\r\n<>\",;\\") != NULL)
			abort();
	}
	memset(&fe, 0, sizeof(fe));
	if (check_display_name(&fe, "display_name", v) &&
	    (n == 0 || utf8_chars(v) > NAME_MAX_LEN || !utf8_valid(v, n, 0)))
		abort();
	memset(&fe, 0, sizeof(fe));
	if (check_password(&fe, "password", v, "a@b.example", "Name") &&
	    (utf8_chars(v) < PASSWORD_MIN || n > PASSWORD_MAX))
		abort();

	t = str_trim(a, v);
	if (t == NULL || (*t != '\0' && (strchr(" \t\r\n", t[0]) != NULL ||
	    strchr(" \t\r\n", t[strlen(t) - 1]) != NULL)))
		abort();
	slug = case_slugify(a, v);
	if (slug == NULL || !slug_valid(slug) || slug[strlen(slug) - 1] == '-')
		abort();

	arena_free(a);
	free(v);
	return (0);
}
