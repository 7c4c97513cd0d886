/*
 * citation.c: citation formats for cases (see citation.h). Pure
 * formatting: the caller decides what is citable (published cases).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/citation.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"

static void	 ymd(int64_t, int *, int *, int *);
static char	*updated_day(struct arena *, const struct cite *);
static const char *author(const struct cite *);

static void
ymd(int64_t t, int *y, int *m, int *d)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	memset(&tm, 0, sizeof(tm));
	(void)gmtime_r(&tt, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

/* The day c was last updated, YYYY-MM-DD (UTC), in a. */
static char *
updated_day(struct arena *a, const struct cite *c)
{
	int	y, m, d;

	ymd(c->updated_at, &y, &m, &d);
	return (arena_printf(a, "%04d-%02d-%02d", y, m, d));
}

/* Who is cited as the author: the organisation, else the library. */
static const char *
author(const struct cite *c)
{
	return (*c->organisation != '\0' ? c->organisation :
	    "Ethica case library");
}

char *
citation_text(struct arena *a, const struct cite *c)
{
	struct buf	 b;

	buf_init(&b);
	buf_puts(&b, author(c));
	if (c->year > 0)
		buf_appendf(&b, " (%" PRId64 ")", c->year);
	buf_appendf(&b, ". %s [version %" PRId64 ", updated %s]. Ethica case "
	    "library. %s. Licence: CC BY 4.0.", c->title, c->version,
	    updated_day(a, c), c->url);
	return (buf_to_arena(&b, a));
}

char *
citation_bibtex_escape(struct arena *a, const char *s)
{
	struct buf	 b;

	buf_init(&b);
	buf_puts(&b, "");
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			buf_puts(&b, "\\textbackslash{}");
			break;
		case '~':
			buf_puts(&b, "\\textasciitilde{}");
			break;
		case '^':
			buf_puts(&b, "\\textasciicircum{}");
			break;
		case '{': case '}': case '$': case '&': case '%': case '#':
		case '_':
			buf_putc(&b, '\\');
			buf_putc(&b, *s);
			break;
		default:
			buf_putc(&b, *s);
			break;
		}
	}
	return (buf_to_arena(&b, a));
}

char *
citation_bibtex(struct arena *a, const struct cite *c)
{
	struct buf	 b;

	buf_init(&b);
	buf_appendf(&b, "@misc{ethica-%s,\n", c->slug);
	buf_appendf(&b, "  author = {{%s}},\n", citation_bibtex_escape(a,
	    author(c)));
	buf_appendf(&b, "  title = {{%s}},\n", citation_bibtex_escape(a,
	    c->title));
	if (c->year > 0)
		buf_appendf(&b, "  year = {%" PRId64 "},\n", c->year);
	buf_appendf(&b, "  howpublished = {Ethica case library},\n");
	buf_appendf(&b, "  url = {%s},\n", c->url);
	buf_appendf(&b, "  urldate = {%s},\n", updated_day(a, c));
	buf_appendf(&b, "  version = {%" PRId64 "},\n", c->version);
	buf_appendf(&b, "  language = {%s},\n", c->language);
	buf_appendf(&b, "  note = {Licence: CC BY 4.0}\n}\n");
	return (buf_to_arena(&b, a));
}

char *
citation_csl(struct arena *a, const struct cite *c)
{
	struct buf	 b;
	struct json	 j;
	char		v[32];
	int		 y, m, d;

	ymd(c->updated_at, &y, &m, &d);
	buf_init(&b);
	json_init(&j, &b);
	json_obj_open(&j);
	json_kv_str(&j, "id", arena_printf(a, "ethica-%s", c->slug));
	json_kv_str(&j, "type", "webpage");
	json_kv_str(&j, "title", c->title);
	json_key(&j, "author");
	json_arr_open(&j);
	json_obj_open(&j);
	json_kv_str(&j, "literal", author(c));
	json_obj_close(&j);
	json_arr_close(&j);
	if (c->year > 0) {
		json_key(&j, "issued");
		json_obj_open(&j);
		json_key(&j, "date-parts");
		json_arr_open(&j);
		json_arr_open(&j);
		json_int(&j, c->year);
		json_arr_close(&j);
		json_arr_close(&j);
		json_obj_close(&j);
	}
	json_key(&j, "accessed");
	json_obj_open(&j);
	json_key(&j, "date-parts");
	json_arr_open(&j);
	json_arr_open(&j);
	json_int(&j, y);
	json_int(&j, m);
	json_int(&j, d);
	json_arr_close(&j);
	json_arr_close(&j);
	json_obj_close(&j);
	json_kv_str(&j, "container-title", "Ethica case library");
	json_kv_str(&j, "publisher", "Ethica");
	json_kv_str(&j, "URL", c->url);
	(void)snprintf(v, sizeof(v), "%" PRId64, c->version);
	json_kv_str(&j, "version", v);
	json_kv_str(&j, "language", c->language);
	json_kv_str(&j, "license", "CC BY 4.0");
	json_obj_close(&j);
	return (buf_to_arena(&b, a));
}
