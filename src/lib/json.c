/*
 * json.c: the JSON writer (see json.h). Escaping lives here and only
 * here; callers never write quotes or backslashes themselves.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "lib/utf8.h"

static void	json_sep(struct json *);
static void	json_open(struct json *, char);
static void	json_close(struct json *, char);

void
json_init(struct json *j, struct buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

/* Writes the comma before an item when it is not the first one. */
static void
json_sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0 && j->count[j->depth - 1]++ > 0)
		buf_putc(j->out, ',');
}

/* Opens an object or array with its bracket c, one level deeper. */
static void
json_open(struct json *j, char c)
{
	json_sep(j);
	if (j->depth >= JSON_MAX_DEPTH)
		mem_fatal("json: nesting too deep");
	buf_putc(j->out, c);
	j->count[j->depth++] = 0;
}

static void
json_close(struct json *j, char c)
{
	if (j->depth > 0)
		j->depth--;
	buf_putc(j->out, c);
}

void
json_obj_open(struct json *j)
{
	json_open(j, '{');
}

void
json_obj_close(struct json *j)
{
	json_close(j, '}');
}

void
json_arr_open(struct json *j)
{
	json_open(j, '[');
}

void
json_arr_close(struct json *j)
{
	json_close(j, ']');
}

void
json_key(struct json *j, const char *k)
{
	json_sep(j);
	json_escape(j->out, k);
	buf_putc(j->out, ':');
	j->after_key = 1;
}

void
json_str(struct json *j, const char *s)
{
	json_sep(j);
	if (s == NULL)
		buf_puts(j->out, "null");
	else
		json_escape(j->out, s);
}

void
json_int(struct json *j, int64_t v)
{
	json_sep(j);
	buf_appendf(j->out, "%lld", (long long)v);
}

void
json_bool(struct json *j, int v)
{
	json_sep(j);
	buf_puts(j->out, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	json_sep(j);
	buf_puts(j->out, "null");
}

void
json_kv_str(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_str(j, v);
}

void
json_kv_int(struct json *j, const char *k, int64_t v)
{
	json_key(j, k);
	json_int(j, v);
}

void
json_kv_bool(struct json *j, const char *k, int v)
{
	json_key(j, k);
	json_bool(j, v);
}

void
json_escape(struct buf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *end;
	uint32_t		 cp;
	size_t			 n;

	end = p + strlen(s);
	buf_putc(out, '"');
	while (*p != '\0') {
		/* Printable ASCII that needs no escape is copied in runs. */
		for (n = 0; p[n] >= 0x20 && p[n] < 0x7f && p[n] != '"' &&
		    p[n] != '\\' && p[n] != '<' && p[n] != '>' && p[n] != '&';
		    n++)
			;
		if (n > 0) {
			buf_append(out, p, n);
			p += n;
			continue;
		}
		if ((n = utf8_decode(p, (size_t)(end - p), &cp)) == 0) {
			buf_puts(out, "\\ufffd");
			p++;
			continue;
		}
		switch (cp) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		case '<':
		case '>':
		case '&':
		case 0x2028:
		case 0x2029:
			buf_appendf(out, "\\u%04x", (unsigned int)cp);
			break;
		default:
			if (cp < 0x20 || cp == 0x7f)
				buf_appendf(out, "\\u%04x", (unsigned int)cp);
			else
				buf_append(out, p, n);
			break;
		}
		p += n;
	}
	buf_putc(out, '"');
}
