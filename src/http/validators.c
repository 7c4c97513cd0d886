/*
 * validators.c: the Kore validators named in conf/ethica.conf.in. They
 * guarantee well-formed input (valid UTF-8, bounded size, the expected
 * alphabet); the domain says what is wrong with a value in the user's
 * language. Written in C rather than as regexes: glibc's regexec takes
 * microseconds on bounded repeats such as {0,99}, and some run on every
 * request.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdint.h>
#include <string.h>

#include "domain/numerals.h"
#include "domain/validate.h"
#include "domain/workflow.h"

int	v_text(struct http_request *, const void *);
int	v_line(struct http_request *, const void *);
int	v_path(struct http_request *, const void *);
int	v_id(struct http_request *, const void *);
int	v_int(struct http_request *, const void *);
int	v_page(struct http_request *, const void *);
int	v_csrf(struct http_request *, const void *);
int	v_token(struct http_request *, const void *);
int	v_slug(struct http_request *, const void *);
int	v_lang(struct http_request *, const void *);
int	v_cc(struct http_request *, const void *);
int	v_state(struct http_request *, const void *);

static int
ok(int good)
{
	return (good ? KORE_RESULT_OK : KORE_RESULT_ERROR);
}

/* 1 when s is valid UTF-8 of at most max bytes with no control character
 * but tab, and newlines when newlines is set (utf8_valid()). */
static int
text_of(const char *s, size_t max, int newlines)
{
	size_t	len;

	len = strlen(s);
	return (len <= max && utf8_valid(s, len, newlines));
}

/* Multi-line text: valid UTF-8, at most 100,000 bytes. */
int
v_text(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(text_of(data, 100000, 1)));
}

/* One line: valid UTF-8 without control characters, at most 1,000 bytes;
 * the domain applies the real limit and says what is wrong. */
int
v_line(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(text_of(data, 1000, 0)));
}

/* A local path to come back to after logging in: no tab and no backslash
 * anywhere, since browsers drop the one and read the other as "/" (so
 * "/<tab>/host" would be "//host"); the same rule as ctx_local_path(). */
int
v_path(struct http_request *req, const void *data)
{
	const char	*s = data;

	(void)req;
	return (ok(text_of(s, 500, 0) && s[0] == '/' && s[1] != '/' &&
	    strpbrk(s, "\t\\") == NULL));
}

/* A database id: 1 to 18 digits. */
int
v_id(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(str_of(data, 1, 18, DIGITS)));
}

/* An integer: an optional sign, then 1 to 18 digits of any script
 * (numerals.h); handlers read it with ctx_param_int(). */
int
v_int(struct http_request *req, const void *data)
{
	int64_t		 v;

	(void)req;
	return (ok(numerals_int(data, INT64_MIN + 1, INT64_MAX, &v) == 0));
}

/* A page number: 1 to 6 digits. */
int
v_page(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(str_of(data, 1, 6, DIGITS)));
}

/* A CSRF token: 64 lower-case hex digits. */
int
v_csrf(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(str_of(data, 64, 64, HEX_LOWER)));
}

/* An emailed token (verification, password reset): 16 to 128 of
 * base64url's alphabet. */
int
v_token(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(str_of(data, 16, 128, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_-")));
}

/* A slug: see slug_valid(). */
int
v_slug(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(slug_valid(data)));
}

/* A language code: 2 or 3 lower-case letters. */
int
v_lang(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(str_of(data, 2, 3, "abcdefghijklmnopqrstuvwxyz")));
}

/* A country code: 2 upper-case letters. */
int
v_cc(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(str_of(data, 2, 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")));
}

/* A submission state the workflow table knows ("under_review"). */
int
v_state(struct http_request *req, const void *data)
{
	(void)req;
	return (ok(workflow_parse(data) >= 0));
}
