/*
 * escape.c: the escaping helpers for each output context: HTML text and
 * quoted attribute values, URL components, and the check for URLs that
 * start a URL attribute. Everything appends to a struct buf and works on
 * bytes, so invalid UTF-8 passes through (escaped where it must be)
 * without being inspected. This file never decides a context: the
 * template parser does.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "web/tmpl.h"

static int	url_scheme_allowed(const char *, size_t);
static int	url_data_vtt(const char *, size_t, const char *);
static int	url_unreserved(unsigned char);

/* 1 for the bytes a URL component keeps as they are: A-Z a-z 0-9 - . _ ~ */
static int
url_unreserved(unsigned char c)
{
	return ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~');
}

/*
 * Appends s with & < > " ' replaced by entities; safe in HTML text and in
 * quoted attribute values. A NULL s appends nothing.
 */
void
html_escape(struct buf *out, const char *s)
{
	if (s != NULL)
		html_escape_len(out, s, strlen(s));
}

/* The bytes HTML escaping replaces, with their replacements. */
static const char *const html_rep[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
	['\''] = "&#39;",
};

/* As html_escape, for the first len bytes of s (which need no NUL). */
void
html_escape_len(struct buf *out, const char *s, size_t len)
{
	const char	*rep;
	size_t		 i, start;

	start = 0;
	for (i = 0; i < len; i++) {
		if ((rep = html_rep[(unsigned char)s[i]]) == NULL)
			continue;
		if (i > start)
			buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	if (len > start)
		buf_append(out, s + start, len - start);
}

/*
 * Appends s percent-encoded as a URL component: only the unreserved
 * characters A-Z a-z 0-9 - . _ ~ are kept, every other byte becomes %XX
 * (so the output also needs no HTML escaping). NULL appends nothing.
 */
void
url_escape_component(struct buf *out, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p, *run;
	char			 enc[3];

	if (s == NULL)
		return;
	for (p = run = (const unsigned char *)s; *p != '\0'; p++) {
		if (url_unreserved(*p))
			continue;
		if (p > run)
			buf_append(out, run, (size_t)(p - run));
		enc[0] = '%';
		enc[1] = hex[*p >> 4];
		enc[2] = hex[*p & 0x0f];
		buf_append(out, enc, 3);
		run = p + 1;
	}
	if (p > run)
		buf_append(out, run, (size_t)(p - run));
}

/*
 * Returns 1 if s may start a URL attribute: after the leading spaces and
 * control characters a browser strips (and ignoring tabs and newlines,
 * which browsers delete anywhere in a URL), it either has no scheme (no
 * ':' before the first '/', '?' or '#') and is not protocol-relative
 * ("//x", "/\x", "\\x"), or its scheme is http, https or mailto in any
 * case. Empty is fine. NULL returns 0.
 */
int
url_is_safe(const char *s)
{
	const unsigned char	*p;
	char			 scheme[8];
	size_t			 n;
	int			 first;

	if (s == NULL)
		return (0);
	p = (const unsigned char *)s;
	while (*p != '\0' && *p <= 0x20)
		p++;
	n = 0;
	first = -1;
	for (; *p != '\0'; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (first == -1) {
			first = *p;
			if (first == '/' || first == '\\')
				continue;
		} else if (n == 0 && (first == '/' || first == '\\')) {
			/* The second significant character after a slash. */
			return (*p != '/' && *p != '\\');
		}
		if (*p == '/' || *p == '\\' || *p == '?' || *p == '#')
			return (1);
		if (*p == ':')
			return (url_scheme_allowed(scheme, n) ||
			    url_data_vtt(scheme, n, (const char *)p + 1));
		if (n < sizeof(scheme))
			scheme[n] = (char)*p;
		n++;
	}
	return (1);
}

/*
 * A data: URL of captions only ("data:text/vtt;base64," and base64), for
 * pages opened from files (the offline edition), where a browser fetches
 * no <track> file of another origin and every file is one. Text tracks
 * run no script, and nothing but the base64 alphabet may follow.
 */
static int
url_data_vtt(const char *scheme, size_t n, const char *rest)
{
	static const char	prefix[] = "text/vtt;base64,";
	size_t			len;

	if (n != 4 || strncasecmp(scheme, "data", 4) != 0 ||
	    strncmp(rest, prefix, sizeof(prefix) - 1) != 0)
		return (0);
	rest += sizeof(prefix) - 1;
	len = strlen(rest);
	return (strspn(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/=") == len);
}

static int
url_scheme_allowed(const char *scheme, size_t n)
{
	if (n == 4 && strncasecmp(scheme, "http", 4) == 0)
		return (1);
	if (n == 5 && strncasecmp(scheme, "https", 5) == 0)
		return (1);
	if (n == 6 && strncasecmp(scheme, "mailto", 6) == 0)
		return (1);
	return (0);
}
