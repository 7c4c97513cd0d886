/*
 * markdown.c: Markdown to safe HTML, written on md4c's parser callbacks.
 *
 * This file is one of the two places (with the template engine) allowed to
 * make a struct safe_html, so everything it writes is escaped here: text
 * and attribute values have & < > " ' escaped, raw HTML is disabled in the
 * parser and any HTML text that still arrives is escaped, entities pass
 * through only when they match the entity syntax. URLs are decoded first
 * (entities), checked against a whitelist of forms (relative, "#", http:,
 * https:, mailto:; images: relative or https:) and written escaped, so the
 * browser sees exactly the string that was checked. It must never emit a
 * tag or attribute built from input other than through these helpers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/mem.h"
#include "web/markdown.h"
#include "web/tmpl.h"

#define MD_FLAGS	(MD_DIALECT_COMMONMARK | MD_FLAG_TABLES |	\
			 MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS | \
			 MD_FLAG_PERMISSIVEWWWAUTOLINKS | MD_FLAG_NOHTML)
#define SLUG_MAX	80
#define MD_PAD		64

struct md_ctx {
	struct arena		*arena;
	struct buf		 out;
	char			*doc;
	size_t			 doclen;

	int			 span_open[16];	/* per MD_SPANTYPE */
	int			 img_depth;	/* > 0 inside an image's alt */
	int			 img_emit;	/* the outer image is an <img> */
	struct buf		 a_stack;	/* per open link: '1' if <a> */

	int			 in_h;		/* capturing an h2-h4 */
	unsigned		 h_level;
	size_t			 h_start;
	struct buf		 h_text;

	size_t			 th_start;	/* where the open <th> begins */
	size_t			 th_body;	/* and where it ends */

	char			**ids;		/* hash set of ids used */
	size_t			 nids;
	size_t			 capids;
	struct md_toc_entry	*toc;
	size_t			 ntoc;

	/* markdown_each_image */
	int			(*img_fn)(void *, const char *, const char *,
				    int);
	void			*img_arg;
	int			 nimages;
	int			 img_line;
	struct buf		 img_src;
	struct buf		 img_alt;
	size_t			 scan_pos;	/* doc offset searched from */
	size_t			 line_pos;	/* doc offset of line_no */
	int			 line_no;
};

static void	esc(struct buf *, const char *, size_t);
static int	entity_valid(const char *, size_t);
static void	entity_decode(struct buf *, const char *, size_t);
static void	attr_decode(struct buf *, const MD_ATTRIBUTE *);
static void	attr_put(struct buf *, const char *, const MD_ATTRIBUTE *);
static void	put_url(struct buf *, const char *, size_t);
static int	url_ok(const char *, size_t, int);
static void	put_text(struct md_ctx *, MD_TEXTTYPE, const char *, size_t);
static void	slugify(struct buf *, const char *, size_t);
static int	id_seen(struct md_ctx *, char *);
static char	*unique_id(struct md_ctx *, const char *);
static void	heading_close(struct md_ctx *);
static void	finish(struct md_ctx *);
static char	*md_input(const char *, size_t, size_t *);
static size_t	clamp(const struct md_ctx *, const char *, size_t);
static int	r_enter_block(MD_BLOCKTYPE, void *, void *);
static int	r_leave_block(MD_BLOCKTYPE, void *, void *);
static int	r_enter_span(MD_SPANTYPE, void *, void *);
static int	r_leave_span(MD_SPANTYPE, void *, void *);
static int	r_text(MD_TEXTTYPE, const MD_CHAR *, MD_SIZE, void *);
static void	span_a(struct md_ctx *, const MD_SPAN_A_DETAIL *);
static void	span_img(struct md_ctx *, const MD_SPAN_IMG_DETAIL *);
static void	td_open(struct md_ctx *, const char *,
		    const MD_BLOCK_TD_DETAIL *);
static int	i_enter_span(MD_SPANTYPE, void *, void *);
static int	i_leave_span(MD_SPANTYPE, void *, void *);
static int	i_block(MD_BLOCKTYPE, void *, void *);
static int	i_text(MD_TEXTTYPE, const MD_CHAR *, MD_SIZE, void *);
static int	line_at(struct md_ctx *, size_t);
static int	alt_check(void *, const char *, const char *, int);

struct named_entity {
	const char	*name;
	uint32_t	 cp;
};

/* Named entities decoded inside URLs and plain text; others stay literal. */
static const struct named_entity named[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xa0 }, { "colon", ':' },
	{ "sol", '/' }, { "Tab", '\t' }, { "NewLine", '\n' },
	{ "lpar", '(' }, { "rpar", ')' }, { "period", '.' },
	{ "copy", 0xa9 }, { "reg", 0xae }, { "trade", 0x2122 },
	{ "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201c },
	{ "rdquo", 0x201d }, { "laquo", 0xab }, { "raquo", 0xbb },
	{ "middot", 0xb7 }, { "bull", 0x2022 }, { "deg", 0xb0 },
	{ "times", 0xd7 }, { "euro", 0x20ac }, { "eacute", 0xe9 },
	{ "egrave", 0xe8 }, { "agrave", 0xe0 }, { "ccedil", 0xe7 },
	{ NULL, 0 }
};

/* Appends s escaped for HTML text and quoted attribute values. */
static void
esc(struct buf *b, const char *s, size_t n)
{
	const char	*rep;
	size_t		 i, start;

	start = 0;
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\0':
			rep = "\xef\xbf\xbd";
			break;
		default:
			continue;
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_append(b, s + start, n - start);
}

/* 1 if s is "&name;", "&#digits;" or "&#xhex;" with sane lengths. */
static int
entity_valid(const char *s, size_t n)
{
	size_t	i, max;
	int	hex;

	if (n < 3 || s[0] != '&' || s[n - 1] != ';')
		return (0);
	if (s[1] != '#') {
		if (n > 50 || !((s[1] >= 'a' && s[1] <= 'z') ||
		    (s[1] >= 'A' && s[1] <= 'Z')))
			return (0);
		for (i = 2; i < n - 1; i++)
			if (!((s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= 'A' && s[i] <= 'Z') ||
			    (s[i] >= '0' && s[i] <= '9')))
				return (0);
		return (1);
	}
	hex = (n > 3 && (s[2] == 'x' || s[2] == 'X'));
	i = hex ? 3 : 2;
	max = hex ? 6 : 7;
	if (n - 1 - i < 1 || n - 1 - i > max)
		return (0);
	for (; i < n - 1; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			continue;
		if (hex && ((s[i] >= 'a' && s[i] <= 'f') ||
		    (s[i] >= 'A' && s[i] <= 'F')))
			continue;
		return (0);
	}
	return (1);
}

/* Appends the entity decoded to UTF-8, or its literal text if unknown. */
static void
entity_decode(struct buf *b, const char *s, size_t n)
{
	uint8_t		 u[4];
	uint32_t	 cp;
	size_t		 i, k;
	int		 hex, found;

	if (!entity_valid(s, n)) {
		buf_append(b, s, n);
		return;
	}
	cp = 0;
	found = 0;
	if (s[1] == '#') {
		hex = (s[2] == 'x' || s[2] == 'X');
		for (i = hex ? 3 : 2; i < n - 1; i++) {
			if (s[i] >= '0' && s[i] <= '9')
				cp = cp * (hex ? 16 : 10) + (uint32_t)(s[i] - '0');
			else
				cp = cp * 16 + (uint32_t)((s[i] | 0x20) - 'a' +
				    10);
		}
		found = 1;
	} else {
		for (k = 0; named[k].name != NULL; k++) {
			if (strlen(named[k].name) == n - 2 &&
			    memcmp(named[k].name, s + 1, n - 2) == 0) {
				cp = named[k].cp;
				found = 1;
				break;
			}
		}
	}
	if (!found) {
		buf_append(b, s, n);
		return;
	}
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	i = 0;
	U8_APPEND_UNSAFE(u, i, cp);
	buf_append(b, u, i);
}

/* Appends an md4c attribute with entities decoded (no escaping). */
static void
attr_decode(struct buf *b, const MD_ATTRIBUTE *a)
{
	unsigned	i;
	size_t		off, end;

	for (i = 0; a->substr_offsets[i] < a->size; i++) {
		off = a->substr_offsets[i];
		end = a->substr_offsets[i + 1];
		switch (a->substr_types[i]) {
		case MD_TEXT_ENTITY:
			entity_decode(b, a->text + off, end - off);
			break;
		case MD_TEXT_NULLCHAR:
			buf_puts(b, "\xef\xbf\xbd");
			break;
		default:
			buf_append(b, a->text + off, end - off);
			break;
		}
	}
}

/* Appends before, a's value decoded and escaped, and a closing quote;
 * nothing when a is empty. */
static void
attr_put(struct buf *out, const char *before, const MD_ATTRIBUTE *a)
{
	struct buf	v;

	if (a->size == 0)
		return;
	buf_init(&v);
	attr_decode(&v, a);
	buf_puts(out, before);
	esc(out, v.data, v.len);
	buf_putc(out, '"');
	buf_free(&v);
}

/*
 * 1 if the decoded URL u may start an href (images: only relative or
 * https:). No control characters or spaces anywhere, no "//" or "\"
 * (protocol-relative), and a scheme only from the whitelist.
 */
static int
url_ok(const char *u, size_t n, int image)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((unsigned char)u[i] <= 0x20 || u[i] == 0x7f)
			return (0);
	if (n == 0)
		return (!image);
	if (n >= 2 && (u[0] == '/' || u[0] == '\\') &&
	    (u[1] == '/' || u[1] == '\\'))
		return (0);
	if (u[0] == '\\')
		return (0);
	if (n >= 6 && strncasecmp(u, "https:", 6) == 0)
		return (1);
	if (!image && ((n >= 5 && strncasecmp(u, "http:", 5) == 0) ||
	    (n >= 7 && strncasecmp(u, "mailto:", 7) == 0)))
		return (1);
	for (i = 0; i < n; i++) {
		if (u[i] == '/' || u[i] == '?' || u[i] == '#')
			return (1);
		if (u[i] == ':')
			return (0);
	}
	return (1);
}

/* Appends a checked URL escaped for a quoted attribute. */
static void
put_url(struct buf *b, const char *u, size_t n)
{
	esc(b, u, n);
}

/* Appends text of the given md4c type to the output. */
static void
put_text(struct md_ctx *c, MD_TEXTTYPE type, const char *s, size_t n)
{
	switch (type) {
	case MD_TEXT_NULLCHAR:
		buf_puts(&c->out, "\xef\xbf\xbd");
		break;
	case MD_TEXT_BR:
		buf_puts(&c->out, c->img_depth > 0 ? " " : "<br>\n");
		break;
	case MD_TEXT_SOFTBR:
		buf_puts(&c->out, c->img_depth > 0 ? " " : "\n");
		break;
	case MD_TEXT_ENTITY:
		if (entity_valid(s, n))
			buf_append(&c->out, s, n);
		else
			esc(&c->out, s, n);
		break;
	default:
		esc(&c->out, s, n);
		break;
	}
	if (!c->in_h)
		return;
	switch (type) {
	case MD_TEXT_NULLCHAR:
		buf_puts(&c->h_text, "\xef\xbf\xbd");
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		buf_putc(&c->h_text, ' ');
		break;
	case MD_TEXT_ENTITY:
		entity_decode(&c->h_text, s, n);
		break;
	default:
		buf_append(&c->h_text, s, n);
		break;
	}
}

/* Appends the slug of UTF-8 text s: letters and digits lowercased, other
 * runs as one '-', no leading or trailing '-', at most SLUG_MAX bytes. */
static void
slugify(struct buf *b, const char *s, size_t n)
{
	uint8_t		u[4];
	size_t		k, start;
	int32_t		len, ii;
	UChar32		cp;
	int		dash;

	start = b->len;
	len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	dash = 0;
	for (ii = 0; ii < len; ) {
		U8_NEXT(s, ii, len, cp);
		if (cp < 0 || !u_isalnum(cp)) {
			dash = 1;
			continue;
		}
		cp = u_tolower(cp);
		k = 0;
		U8_APPEND_UNSAFE(u, k, cp);
		if (b->len - start + k + 1 > SLUG_MAX)
			break;
		if (dash && b->len > start)
			buf_putc(b, '-');
		dash = 0;
		buf_append(b, u, k);
	}
	if (b->len == start)
		buf_puts(b, "section");
}

/* 1 if id is in the set, else adds it (the set is an open-addressing
 * table of arena strings, grown at half full). */
static int
id_seen(struct md_ctx *c, char *id)
{
	char	**old;
	size_t	  i, j, oldcap;

	if ((c->nids + 1) * 2 > c->capids) {
		old = c->ids;
		oldcap = c->capids;
		c->capids = oldcap ? oldcap * 2 : 16;
		c->ids = xcalloc(c->capids, sizeof(*c->ids));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			j = fnv1a(old[i]) & (c->capids - 1);
			while (c->ids[j] != NULL)
				j = (j + 1) & (c->capids - 1);
			c->ids[j] = old[i];
		}
		free(old);
	}
	j = fnv1a(id) & (c->capids - 1);
	while (c->ids[j] != NULL) {
		if (strcmp(c->ids[j], id) == 0)
			return (1);
		j = (j + 1) & (c->capids - 1);
	}
	c->ids[j] = id;
	c->nids++;
	return (0);
}

/* Returns an arena copy of base made unique among the ids seen so far. */
static char *
unique_id(struct md_ctx *c, const char *base)
{
	char	*id;
	int	 n;

	id = arena_strdup(c->arena, base);
	for (n = 2; id_seen(c, id); n++)
		id = arena_printf(c->arena, "%s-%d", base, n);
	return (id);
}

/* Ends a captured h2-h4: rewrites it with its id, records the toc entry.
 * An empty heading first in the document has captured nothing, and the
 * output buffer may not exist yet (no offset from its NULL data). */
static void
heading_close(struct md_ctx *c)
{
	struct buf	 slug;
	const char	*inner;
	char		*id;

	buf_init(&slug);
	slugify(&slug, c->h_text.data ? c->h_text.data : "", c->h_text.len);
	id = unique_id(c, slug.data);
	if (c->out.len > c->h_start)
		inner = arena_strndup(c->arena, c->out.data + c->h_start,
		    c->out.len - c->h_start);
	else
		inner = "";
	c->out.len = c->h_start;
	buf_appendf(&c->out, "<h%u id=\"", c->h_level);
	esc(&c->out, id, strlen(id));
	buf_appendf(&c->out, "\">%s</h%u>\n", inner, c->h_level);
	c->toc = xrealloc(c->toc, (c->ntoc + 1) * sizeof(*c->toc));
	c->toc[c->ntoc].level = (int)c->h_level;
	c->toc[c->ntoc].id = id;
	c->toc[c->ntoc].text = arena_strndup(c->arena,
	    c->h_text.data ? c->h_text.data : "", c->h_text.len);
	c->ntoc++;
	c->in_h = 0;
	buf_free(&slug);
}

/* The blocks and spans that open and close with fixed text; NULL: the
 * switch in r_enter_* or r_leave_* writes it. */
struct tag_pair {
	const char	*open;
	const char	*close;
};

static const struct tag_pair block_tags[] = {
	[MD_BLOCK_QUOTE] = { "<blockquote>\n", "</blockquote>\n" },
	[MD_BLOCK_UL] = { "<ul>\n", "</ul>\n" },
	[MD_BLOCK_OL] = { NULL, "</ol>\n" },
	[MD_BLOCK_LI] = { "<li>", "</li>\n" },
	[MD_BLOCK_HR] = { "<hr>\n", NULL },
	[MD_BLOCK_CODE] = { NULL, "</code></pre>\n" },
	[MD_BLOCK_HTML] = { "<p>", "</p>\n" },
	[MD_BLOCK_P] = { "<p>", "</p>\n" },
	[MD_BLOCK_TABLE] = { "<table>\n", "</table>\n" },
	[MD_BLOCK_THEAD] = { "<thead>\n", "</thead>\n" },
	[MD_BLOCK_TBODY] = { "<tbody>\n", "</tbody>\n" },
	[MD_BLOCK_TR] = { "<tr>", "</tr>\n" },
	[MD_BLOCK_TD] = { NULL, "</td>" },
};

static const struct tag_pair span_tags[] = {
	[MD_SPAN_EM] = { "<em>", "</em>" },
	[MD_SPAN_STRONG] = { "<strong>", "</strong>" },
	[MD_SPAN_CODE] = { "<code>", "</code>" },
	[MD_SPAN_DEL] = { "<del>", "</del>" },
};

#define NTAGS(t)	(sizeof(t) / sizeof((t)[0]))

static void
td_open(struct md_ctx *c, const char *tag, const MD_BLOCK_TD_DETAIL *d)
{
	buf_appendf(&c->out, "<%s", tag);
	switch (d->align) {
	case MD_ALIGN_LEFT:
		buf_puts(&c->out, " class=\"align-left\"");
		break;
	case MD_ALIGN_CENTER:
		buf_puts(&c->out, " class=\"align-center\"");
		break;
	case MD_ALIGN_RIGHT:
		buf_puts(&c->out, " class=\"align-right\"");
		break;
	default:
		break;
	}
	buf_putc(&c->out, '>');
}

static int
r_enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct md_ctx			*c = arg;
	const MD_BLOCK_OL_DETAIL	*ol;
	const MD_BLOCK_H_DETAIL		*h;
	const MD_BLOCK_CODE_DETAIL	*code;

	if ((unsigned)type < NTAGS(block_tags) &&
	    block_tags[type].open != NULL) {
		buf_puts(&c->out, block_tags[type].open);
		return (0);
	}
	switch (type) {
	case MD_BLOCK_OL:
		ol = detail;
		if (ol->start != 1)
			buf_appendf(&c->out, "<ol start=\"%u\">\n", ol->start);
		else
			buf_puts(&c->out, "<ol>\n");
		break;
	case MD_BLOCK_H:
		h = detail;
		if (h->level >= 2 && h->level <= 4) {
			c->in_h = 1;
			c->h_level = h->level;
			c->h_start = c->out.len;
			buf_reset(&c->h_text);
		} else
			buf_appendf(&c->out, "<h%u>", h->level);
		break;
	case MD_BLOCK_CODE:
		code = detail;
		buf_puts(&c->out, "<pre><code");
		attr_put(&c->out, " class=\"language-", &code->lang);
		buf_putc(&c->out, '>');
		break;
	case MD_BLOCK_TH:
		c->th_start = c->out.len;
		td_open(c, "th", detail);
		c->th_body = c->out.len;
		break;
	case MD_BLOCK_TD:
		td_open(c, "td", detail);
		break;
	default:
		break;
	}
	return (0);
}

static int
r_leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct md_ctx		*c = arg;
	const MD_BLOCK_H_DETAIL	*h;

	if ((unsigned)type < NTAGS(block_tags) &&
	    block_tags[type].close != NULL) {
		buf_puts(&c->out, block_tags[type].close);
		return (0);
	}
	switch (type) {
	case MD_BLOCK_H:
		h = detail;
		if (c->in_h)
			heading_close(c);
		else
			buf_appendf(&c->out, "</h%u>\n", h->level);
		break;
	case MD_BLOCK_TH:
		/* An empty header cell heads nothing: a data cell. */
		if (c->out.len == c->th_body) {
			c->out.len = c->th_start;
			buf_puts(&c->out, "<td></td>");
		} else
			buf_puts(&c->out, "</th>");
		break;
	default:
		break;
	}
	return (0);
}

static void
span_a(struct md_ctx *c, const MD_SPAN_A_DETAIL *a)
{
	struct buf	u;

	buf_init(&u);
	attr_decode(&u, &a->href);
	if (!url_ok(u.data ? u.data : "", u.len, 0)) {
		buf_putc(&c->a_stack, '0');
		goto out;
	}
	buf_putc(&c->a_stack, '1');
	buf_puts(&c->out, "<a href=\"");
	put_url(&c->out, u.data ? u.data : "", u.len);
	buf_putc(&c->out, '"');
	attr_put(&c->out, " title=\"", &a->title);
	buf_putc(&c->out, '>');
out:
	buf_free(&u);
}

static void
span_img(struct md_ctx *c, const MD_SPAN_IMG_DETAIL *img)
{
	struct buf	u;

	buf_init(&u);
	attr_decode(&u, &img->src);
	c->img_emit = url_ok(u.data ? u.data : "", u.len, 1);
	if (c->img_emit) {
		buf_puts(&c->out, "<img src=\"");
		put_url(&c->out, u.data, u.len);
		buf_puts(&c->out, "\" alt=\"");
	}
	buf_free(&u);
}

static int
r_enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct md_ctx	*c = arg;

	if ((unsigned)type < 16)
		c->span_open[type]++;
	if (c->img_depth > 0) {
		if (type == MD_SPAN_IMG)
			c->img_depth++;
		return (0);
	}
	if ((unsigned)type < NTAGS(span_tags) && span_tags[type].open != NULL) {
		buf_puts(&c->out, span_tags[type].open);
		return (0);
	}
	switch (type) {
	case MD_SPAN_A:
		span_a(c, detail);
		break;
	case MD_SPAN_IMG:
		c->img_depth = 1;
		span_img(c, detail);
		break;
	default:
		break;
	}
	return (0);
}

static int
r_leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct md_ctx			*c = arg;
	const MD_SPAN_IMG_DETAIL	*img;

	/* md4c 0.4.8 can send a leave without its enter (an "![" inside
	 * a link destination): ignore those. */
	if ((unsigned)type >= 16 || c->span_open[type] == 0)
		return (0);
	c->span_open[type]--;
	if (c->img_depth > 0 && type != MD_SPAN_IMG)
		return (0);
	if (c->img_depth > 1) {
		c->img_depth--;
		return (0);
	}
	if ((unsigned)type < NTAGS(span_tags) && span_tags[type].close != NULL) {
		buf_puts(&c->out, span_tags[type].close);
		return (0);
	}
	switch (type) {
	case MD_SPAN_A:
		if (c->a_stack.len > 0) {
			c->a_stack.len--;
			if (c->a_stack.data[c->a_stack.len] == '1')
				buf_puts(&c->out, "</a>");
		}
		break;
	case MD_SPAN_IMG:
		c->img_depth = 0;
		if (!c->img_emit)
			break;
		buf_putc(&c->out, '"');
		img = detail;
		attr_put(&c->out, " title=\"", &img->title);
		buf_puts(&c->out, " loading=\"lazy\">");
		break;
	default:
		break;
	}
	return (0);
}

static int
r_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *arg)
{
	struct md_ctx	*c = arg;

	put_text(c, type, s, clamp(c, s, n));
	return (0);
}

/*
 * md4c 0.4.8 can read (and report text) a little past the end of its
 * input, so md_input gives it a copy ending in '\n' followed by MD_PAD NUL
 * bytes, and clamp cuts text that runs past the document back to it.
 */
static char *
md_input(const char *text, size_t len, size_t *outlen)
{
	char	*d;
	size_t	 n;

	if (text == NULL)
		len = 0;
	if (len > UINT32_MAX - MD_PAD - 1)
		return (NULL);
	d = xcalloc(1, len + 1 + MD_PAD);
	if (len > 0)
		memcpy(d, text, len);
	n = len;
	if (n > 0 && d[n - 1] != '\n')
		d[n++] = '\n';
	*outlen = n;
	return (d);
}

static size_t
clamp(const struct md_ctx *c, const char *s, size_t n)
{
	const char	*end = c->doc + c->doclen;

	if (s < c->doc || s > end + MD_PAD)
		return (n);
	if (s >= end)
		return (0);
	return ((size_t)(end - s) < n ? (size_t)(end - s) : n);
}

/* Closes whatever md4c left open (defensive: it should leave nothing). */
static void
finish(struct md_ctx *c)
{
	if (c->img_depth > 0 && c->img_emit)
		buf_puts(&c->out, "\" loading=\"lazy\">");
	c->img_depth = 0;
	while (c->a_stack.len > 0)
		if (c->a_stack.data[--c->a_stack.len] == '1')
			buf_puts(&c->out, "</a>");
	if (c->in_h)
		heading_close(c);
}

const struct safe_html *
markdown_render_ex(struct arena *a, const char *text, size_t len,
    struct md_toc *toc)
{
	struct md_ctx		 c;
	struct safe_html	*h;
	MD_PARSER		 p;

	memset(&c, 0, sizeof(c));
	memset(&p, 0, sizeof(p));
	c.arena = a;
	buf_init(&c.out);
	buf_init(&c.a_stack);
	buf_init(&c.h_text);
	p.flags = MD_FLAGS;
	p.enter_block = r_enter_block;
	p.leave_block = r_leave_block;
	p.enter_span = r_enter_span;
	p.leave_span = r_leave_span;
	p.text = r_text;
	c.doc = md_input(text, len, &c.doclen);
	if (c.doc == NULL || md_parse(c.doc, (MD_SIZE)c.doclen, &p, &c) != 0)
		buf_reset(&c.out);
	else
		finish(&c);
	free(c.doc);
	h = arena_alloc(a, sizeof(*h));
	h->html = arena_strndup(a, c.out.data ? c.out.data : "", c.out.len);
	if (toc != NULL) {
		toc->n = c.ntoc;
		toc->entries = arena_alloc(a,
		    (c.ntoc ? c.ntoc : 1) * sizeof(*toc->entries));
		if (c.ntoc > 0)
			memcpy(toc->entries, c.toc,
			    c.ntoc * sizeof(*toc->entries));
	}
	free(c.ids);
	free(c.toc);
	buf_free(&c.out);
	buf_free(&c.a_stack);
	buf_free(&c.h_text);
	return (h);
}

const struct safe_html *
markdown_render(struct arena *a, const char *text, size_t len)
{
	return (markdown_render_ex(a, text, len, NULL));
}

/* ---- image listing ---- */

/* The 1-based line of doc offset pos (pos never moves backwards). */
static int
line_at(struct md_ctx *c, size_t pos)
{
	const char	*nl;

	if (pos < c->line_pos)
		return (c->line_no);
	while ((nl = memchr(c->doc + c->line_pos, '\n',
	    pos - c->line_pos)) != NULL) {
		c->line_no++;
		c->line_pos = (size_t)(nl - c->doc) + 1;
	}
	return (c->line_no);
}

static int
i_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	(void)type;
	(void)detail;
	(void)arg;
	return (0);
}

static int
i_enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct md_ctx			*c = arg;
	const MD_SPAN_IMG_DETAIL	*img;
	const char			*p;
	size_t				 rest;

	if (type != MD_SPAN_IMG)
		return (0);
	if (c->img_depth++ > 0)
		return (0);
	img = detail;
	buf_reset(&c->img_src);
	buf_reset(&c->img_alt);
	attr_decode(&c->img_src, &img->src);
	rest = c->doclen - c->scan_pos;
	p = rest >= 2 ? memmem(c->doc + c->scan_pos, rest, "![", 2) : NULL;
	if (p != NULL) {
		c->img_line = line_at(c, (size_t)(p - c->doc));
		c->scan_pos = (size_t)(p - c->doc) + 2;
	} else
		c->img_line = line_at(c, c->scan_pos);
	return (0);
}

static int
i_leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct md_ctx	*c = arg;

	(void)detail;
	if (type != MD_SPAN_IMG || c->img_depth == 0 || --c->img_depth > 0)
		return (0);
	c->nimages++;
	return (c->img_fn(c->img_arg, c->img_src.data ? c->img_src.data : "",
	    c->img_alt.data ? c->img_alt.data : "", c->img_line) ? 1 : 0);
}

static int
i_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *arg)
{
	struct md_ctx	*c = arg;
	size_t		 end;

	n = (MD_SIZE)clamp(c, s, n);
	if (s >= c->doc && s + n <= c->doc + c->doclen) {
		end = (size_t)(s + n - c->doc);
		if (end > c->scan_pos)
			c->scan_pos = end;
	}
	if (c->img_depth == 0)
		return (0);
	switch (type) {
	case MD_TEXT_ENTITY:
		entity_decode(&c->img_alt, s, n);
		break;
	case MD_TEXT_NULLCHAR:
		buf_puts(&c->img_alt, "\xef\xbf\xbd");
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		buf_putc(&c->img_alt, ' ');
		break;
	default:
		buf_append(&c->img_alt, s, n);
		break;
	}
	return (0);
}

int
markdown_each_image(const char *text, size_t len,
    int (*fn)(void *, const char *, const char *, int), void *arg)
{
	struct md_ctx	c;
	MD_PARSER	p;

	memset(&c, 0, sizeof(c));
	memset(&p, 0, sizeof(p));
	if ((c.doc = md_input(text, len, &c.doclen)) == NULL)
		return (0);
	c.line_no = 1;
	c.img_fn = fn;
	c.img_arg = arg;
	buf_init(&c.img_src);
	buf_init(&c.img_alt);
	p.flags = MD_FLAGS;
	p.enter_block = i_block;
	p.leave_block = i_block;
	p.enter_span = i_enter_span;
	p.leave_span = i_leave_span;
	p.text = i_text;
	(void)md_parse(c.doc, (MD_SIZE)c.doclen, &p, &c);
	free(c.doc);
	buf_free(&c.img_src);
	buf_free(&c.img_alt);
	return (c.nimages);
}

/* Stops at the first image whose alt is blank, storing its line. */
static int
alt_check(void *arg, const char *src, const char *alt, int line)
{
	int	*bad = arg;

	(void)src;
	for (; *alt != '\0'; alt++)
		if (*alt != ' ' && *alt != '\t' && *alt != '\n')
			return (0);
	*bad = line;
	return (1);
}

int
markdown_images_have_alt(const char *text, size_t len, int *line_out)
{
	int	bad;

	bad = 0;
	(void)markdown_each_image(text, len, alt_check, &bad);
	if (bad == 0)
		return (1);
	if (line_out != NULL)
		*line_out = bad;
	return (0);
}

const struct safe_html *
markdown_prefix_ids(struct arena *a, const struct safe_html *html,
    const char *prefix)
{
	struct safe_html	*out;
	struct buf		 b;
	const char		*p, *h;

	if (html == NULL || prefix == NULL || *prefix == '\0' ||
	    strspn(prefix, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
	    strlen(prefix))
		return (html);
	buf_init(&b);
	/* Text is escaped, so "<hN id=\"" only starts a heading made here. */
	for (p = html->html; (h = strstr(p, " id=\"")) != NULL; p = h + 5) {
		buf_append(&b, p, (size_t)(h - p) + 5);
		if (h - html->html >= 3 && h[-3] == '<' && h[-2] == 'h' &&
		    h[-1] >= '2' && h[-1] <= '4') {
			buf_puts(&b, prefix);
			buf_puts(&b, "-");
		}
	}
	buf_puts(&b, p);
	out = arena_alloc(a, sizeof(*out));
	out->html = arena_strndup(a, b.len > 0 ? b.data : "", b.len);
	buf_free(&b);
	return (out);
}
