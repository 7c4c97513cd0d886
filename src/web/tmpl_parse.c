/*
 * tmpl_parse.c: turns template text into node trees, once, at load time.
 *
 * While it copies literal text it runs a small HTML tokenizer over it, so
 * that every {{value}} gets the output context it sits in: HTML text, a
 * quoted attribute (which one), the start or the rest of a URL attribute.
 * Values where escaping cannot make output safe (script and style raw
 * text, event handler and style attributes, unquoted attributes, tag and
 * attribute names) are refused here, with "file:line: message". Blocks
 * must end in the HTML context they started in (both branches of an
 * {{else}} likewise), so the context of a value never depends on data.
 * This file also owns template sets: loading a folder, lookup, freeing,
 * and walking the msgids. It never renders.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TMPL_INTERNAL
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/tmpl.h"

#define TMPL_MAXDEPTH	64	/* nested blocks in one template */
#define TMPL_MAXDIRS	16	/* folder depth under the template root */

enum hstate {
	HS_TEXT,
	HS_LT,			/* after "<" */
	HS_LT_SLASH,		/* after "</" */
	HS_LT_BANG,		/* after "<!" */
	HS_LT_BANG_DASH,	/* after "<!-" */
	HS_BOGUS,		/* <!DOCTYPE ..>, <?..>, </ ..> */
	HS_COMMENT,		/* <!-- .. --> */
	HS_TAGNAME,
	HS_BEFORE_ATTR,
	HS_ATTR_NAME,
	HS_AFTER_ATTR,
	HS_BEFORE_VAL,
	HS_VAL_DQ,
	HS_VAL_SQ,
	HS_VAL_UQ,
	HS_RAW			/* <script> or <style> contents */
};

/* Where the HTML tokenizer is in the literal text. */
struct hctx {
	enum hstate	 st;
	int		 endtag;
	char		 tag[16];
	size_t		 taglen;
	int		 tagtrunc;
	char		 attr[32];
	size_t		 attrlen;
	int		 attrtrunc;
	int		 attr_unknown;	/* name depends on a block */
	int		 has_content;	/* non-space in the attribute value */
	int		 cdash, cbang, clen;	/* comment end detection */
	size_t		 rawpos;	/* matched part of "</tag" */
	int		 rawend;	/* "</tag" matched, delimiter next */
	size_t		 cmtpos;	/* matched part of "<!--" in script */
};

struct tframe {
	struct tnode	 *node;		/* NULL for the template's root */
	struct tnode	**tail;
	struct hctx	  start;	/* context at the opening tag */
	struct hctx	  first;	/* at {{else}}: end of the body */
	int		  has_else;
	int		  line;
};

struct tparse {
	struct arena	*a;
	const char	*file;
	const char	*p, *end;
	int		 line;
	struct hctx	 h;
	struct tframe	 fr[TMPL_MAXDEPTH + 1];
	size_t		 depth;
	char		*err;
	size_t		 errlen;
};

/* A token inside {{ }}. */
enum tok_kind {
	TOK_END,
	TOK_WORD,
	TOK_STR,
	TOK_EQ
};

struct tok {
	enum tok_kind	 kind;
	const char	*s;
	size_t		 len;
};

struct lex {
	const char	*p, *end;
};

static int	 perr(struct tparse *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	 is_ws(int);
static void	 h_tag_start(struct hctx *, int, int);
static void	 h_tag_end(struct hctx *);
static void	 h_attr_start(struct hctx *, int);
static void	 h_append(char *, size_t, size_t *, int *, int);
static int	 h_char(struct tparse *, int);
static void	 h_raw(struct hctx *, int, int *);
static void	 h_comment(struct hctx *, int);
static int	 h_equal(const struct hctx *, const struct hctx *);
static int	 h_intag(enum hstate);
static int	 h_merge(struct hctx *, const struct hctx *);
static int	 h_is_url_attr(const char *);
static int	 value_ctx(struct tparse *, int, enum tmpl_ctx *);
static int	 scan_text(struct tparse *, const char *, const char *);
static struct tnode *node_add(struct tparse *, enum tnode_kind, int);
static void	 lex_next(struct lex *, struct tok *);
static int	 parse_path(struct tparse *, const struct tok *,
		    struct tpath *);
static char	*parse_string(struct tparse *, const struct tok *);
static int	 parse_tag(struct tparse *, const char *, const char *, int);
static int	 tag_block(struct tparse *, struct lex *, const struct tok *,
		    int);
static int	 tag_else(struct tparse *, struct lex *);
static int	 tag_close(struct tparse *, struct lex *, const struct tok *);
static int	 tag_partial(struct tparse *, struct lex *, const struct tok *,
		    int);
static int	 tag_trans(struct tparse *, struct lex *, int, int);
static int	 trans_check(struct tparse *, const char *,
		    const struct targ *);
static int	 tag_value(struct tparse *, struct lex *, const struct tok *,
		    int);
static const char *find_tag_end(const char *, const char *);
static const char *kind_name(enum tnode_kind);
static int	 parse_into(struct tmpl_set *, const char *, const char *,
		    const char *, size_t, char *, size_t);
static struct tmpl_set *set_new(void);
static int	 set_finish(struct tmpl_set *, int, char *, size_t);
static struct tmpl_set *set_load(const char *, const char *, const char *,
		    char *, size_t);
static int	 resolve(struct tmpl_set *, const struct tmpl *,
		    struct tnode *, int, char *, size_t);
static int	 load_dir(struct tmpl_set *, const char *, const char *, int,
		    char *, size_t);
static int	 load_file(struct tmpl_set *, const char *, const char *,
		    char *, size_t);
static int	 tmpl_cmp(const void *, const void *);
static void	 walk_msgids(const struct tmpl *, const struct tnode *,
		    void (*)(void *, const char *, int, const char *,
		    const char *), void *);

static int
perr(struct tparse *tp, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[256];

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (tp->err != NULL && tp->errlen > 0)
		(void)snprintf(tp->err, tp->errlen, "%s:%d: %s", tp->file,
		    tp->line, msg);
	return (-1);
}

static int
is_ws(int c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f');
}

/* ---- the HTML tokenizer over literal text ---- */

static void
h_append(char *dst, size_t cap, size_t *len, int *trunc, int c)
{
	if (*len + 1 < cap) {
		dst[(*len)++] = (char)tolower((unsigned char)c);
		dst[*len] = '\0';
	} else
		*trunc = 1;
}

static void
h_tag_start(struct hctx *h, int c, int endtag)
{
	h->st = HS_TAGNAME;
	h->endtag = endtag;
	h->taglen = 0;
	h->tagtrunc = 0;
	h->tag[0] = '\0';
	h->attrlen = 0;
	h->attr[0] = '\0';
	h->attr_unknown = 0;
	h_append(h->tag, sizeof(h->tag), &h->taglen, &h->tagtrunc, c);
}

static void
h_attr_start(struct hctx *h, int c)
{
	h->st = HS_ATTR_NAME;
	h->attrlen = 0;
	h->attrtrunc = 0;
	h->attr[0] = '\0';
	h->attr_unknown = 0;
	h->has_content = 0;
	h_append(h->attr, sizeof(h->attr), &h->attrlen, &h->attrtrunc, c);
}

static void
h_tag_end(struct hctx *h)
{
	h->st = HS_TEXT;
	if (!h->endtag && !h->tagtrunc && (strcmp(h->tag, "script") == 0 ||
	    strcmp(h->tag, "style") == 0)) {
		h->st = HS_RAW;
		h->rawpos = 0;
		h->rawend = 0;
		h->cmtpos = 0;
	}
}

static void
h_comment(struct hctx *h, int c)
{
	if (c == '>' && (h->cdash >= 2 || h->cbang ||
	    (h->clen <= 1 && h->clen == h->cdash))) {
		h->st = HS_TEXT;
		return;
	}
	h->clen++;
	if (c == '-') {
		h->cdash++;
		h->cbang = 0;
	} else if (c == '!' && h->cdash >= 2) {
		h->cbang = 1;
		h->cdash = 0;
	} else {
		h->cdash = 0;
		h->cbang = 0;
	}
}

/*
 * Raw text of <script> or <style>: only "</script" (or "</style")
 * followed by space, "/" or ">" ends it. *bad is set on "<!--" inside a
 * script, whose escaped states we do not follow.
 */
static void
h_raw(struct hctx *h, int c, int *bad)
{
	int	 want;
	size_t	 n;

	if (h->rawend) {
		h->rawend = 0;
		h->rawpos = 0;
		if (is_ws(c) || c == '/') {
			h->st = HS_BEFORE_ATTR;
			h->endtag = 1;
			return;
		}
		if (c == '>') {
			h->st = HS_TEXT;
			return;
		}
	}
	n = h->taglen + 2;
	want = h->rawpos == 0 ? '<' : h->rawpos == 1 ? '/' :
	    h->tag[h->rawpos - 2];
	if (tolower(c) == want) {
		if (++h->rawpos == n) {
			h->rawend = 1;
			h->rawpos = 0;
		}
	} else
		h->rawpos = c == '<' ? 1 : 0;
	if (strcmp(h->tag, "script") == 0) {
		if (c == "<!--"[h->cmtpos]) {
			if (++h->cmtpos == 4)
				*bad = 1;
		} else
			h->cmtpos = c == '<' ? 1 : 0;
	}
}

/* Advances the tokenizer by one character of literal text. */
static int
h_char(struct tparse *tp, int c)
{
	struct hctx	*h = &tp->h;
	int		 bad = 0;

	switch (h->st) {
	case HS_TEXT:
		if (c == '<')
			h->st = HS_LT;
		break;
	case HS_LT:
		if (isalpha(c))
			h_tag_start(h, c, 0);
		else if (c == '/')
			h->st = HS_LT_SLASH;
		else if (c == '!')
			h->st = HS_LT_BANG;
		else if (c == '?')
			h->st = HS_BOGUS;
		else if (c != '<')
			h->st = HS_TEXT;
		break;
	case HS_LT_SLASH:
		if (isalpha(c))
			h_tag_start(h, c, 1);
		else
			h->st = c == '>' ? HS_TEXT : HS_BOGUS;
		break;
	case HS_LT_BANG:
		if (c == '-')
			h->st = HS_LT_BANG_DASH;
		else
			h->st = c == '>' ? HS_TEXT : HS_BOGUS;
		break;
	case HS_LT_BANG_DASH:
		if (c == '-') {
			h->st = HS_COMMENT;
			h->cdash = h->cbang = h->clen = 0;
		} else
			h->st = c == '>' ? HS_TEXT : HS_BOGUS;
		break;
	case HS_BOGUS:
		if (c == '>')
			h->st = HS_TEXT;
		break;
	case HS_COMMENT:
		h_comment(h, c);
		break;
	case HS_TAGNAME:
		if (is_ws(c) || c == '/')
			h->st = HS_BEFORE_ATTR;
		else if (c == '>')
			h_tag_end(h);
		else
			h_append(h->tag, sizeof(h->tag), &h->taglen,
			    &h->tagtrunc, c);
		break;
	case HS_BEFORE_ATTR:
		if (c == '>')
			h_tag_end(h);
		else if (!is_ws(c) && c != '/')
			h_attr_start(h, c);
		break;
	case HS_ATTR_NAME:
		if (is_ws(c)) {
			h->st = HS_AFTER_ATTR;
			break;
		}
		if (c != '/' && c != '=' && c != '>') {
			h_append(h->attr, sizeof(h->attr), &h->attrlen,
			    &h->attrtrunc, c);
			break;
		}
		/* The name ends: as after white space. */
		/* FALLTHROUGH */
	case HS_AFTER_ATTR:
		if (c == '/')
			h->st = HS_BEFORE_ATTR;
		else if (c == '=') {
			h->st = HS_BEFORE_VAL;
			h->has_content = 0;
		} else if (c == '>')
			h_tag_end(h);
		else if (!is_ws(c))
			h_attr_start(h, c);
		break;
	case HS_BEFORE_VAL:
		if (c == '"')
			h->st = HS_VAL_DQ;
		else if (c == '\'')
			h->st = HS_VAL_SQ;
		else if (c == '>')
			h_tag_end(h);
		else if (!is_ws(c)) {
			h->st = HS_VAL_UQ;
			h->has_content = 1;
		}
		break;
	case HS_VAL_DQ:
	case HS_VAL_SQ:
		if (c == (h->st == HS_VAL_DQ ? '"' : '\''))
			h->st = HS_BEFORE_ATTR;
		else if ((unsigned char)c > 0x20)
			h->has_content = 1;
		break;
	case HS_VAL_UQ:
		if (is_ws(c))
			h->st = HS_BEFORE_ATTR;
		else if (c == '>')
			h_tag_end(h);
		break;
	case HS_RAW:
		h_raw(h, c, &bad);
		if (bad)
			return (perr(tp, "\"<!--\" inside <script> is not "
			    "supported"));
		break;
	}
	return (0);
}

static int
h_intag(enum hstate st)
{
	return (st == HS_BEFORE_ATTR || st == HS_ATTR_NAME ||
	    st == HS_AFTER_ATTR);
}

/* Whether two contexts behave the same from here on (has_content aside). */
static int
h_equal(const struct hctx *a, const struct hctx *b)
{
	if (a->st != b->st)
		return (0);
	switch (a->st) {
	case HS_COMMENT:
		return (a->cdash == b->cdash && a->cbang == b->cbang &&
		    (a->clen > 1) == (b->clen > 1));
	case HS_TAGNAME:
		return (a->endtag == b->endtag && a->tagtrunc == b->tagtrunc &&
		    strcmp(a->tag, b->tag) == 0);
	case HS_BEFORE_ATTR:
		return (a->endtag == b->endtag && a->tagtrunc == b->tagtrunc &&
		    strcmp(a->tag, b->tag) == 0);
	case HS_ATTR_NAME:
	case HS_AFTER_ATTR:
	case HS_BEFORE_VAL:
	case HS_VAL_DQ:
	case HS_VAL_SQ:
	case HS_VAL_UQ:
		return (a->endtag == b->endtag && a->tagtrunc == b->tagtrunc &&
		    strcmp(a->tag, b->tag) == 0 &&
		    a->attr_unknown == b->attr_unknown &&
		    a->attrtrunc == b->attrtrunc &&
		    strcmp(a->attr, b->attr) == 0);
	case HS_RAW:
		return (strcmp(a->tag, b->tag) == 0 &&
		    a->rawpos == b->rawpos && a->rawend == b->rawend &&
		    a->cmtpos == b->cmtpos);
	default:
		return (1);
	}
}

/*
 * Joins the context b (another way to reach this point) into a. Inside a
 * tag, different attribute-name states join into an attribute whose name
 * is unknown: values in its value are then refused. Returns -1 when the
 * contexts cannot be joined.
 */
static int
h_merge(struct hctx *a, const struct hctx *b)
{
	if (h_equal(a, b)) {
		a->has_content |= b->has_content;
		return (0);
	}
	if (h_intag(a->st) && h_intag(b->st) && a->endtag == b->endtag &&
	    a->tagtrunc == b->tagtrunc && strcmp(a->tag, b->tag) == 0) {
		a->st = HS_ATTR_NAME;
		a->attr_unknown = 1;
		a->has_content = 1;
		return (0);
	}
	return (-1);
}

static int
h_is_url_attr(const char *name)
{
	static const char *const urls[] = {
		"href", "src", "action", "formaction", "poster", "cite",
		"background", "data", "codebase", "longdesc", "manifest",
		"ping", "profile", "usemap", "icon", "classid", "archive",
		"dynsrc", "lowsrc", "xlink:href", "xml:base", NULL
	};
	size_t	 i;

	for (i = 0; urls[i] != NULL; i++)
		if (strcmp(name, urls[i]) == 0)
			return (1);
	return (0);
}

/*
 * The output context for a value (trans: a translation) at the current
 * position, or -1 with the error set when a value may not go here.
 */
static int
value_ctx(struct tparse *tp, int trans, enum tmpl_ctx *ctx)
{
	struct hctx	*h = &tp->h;

	switch (h->st) {
	case HS_TEXT:
		*ctx = TCTX_TEXT;
		return (0);
	case HS_COMMENT:
		*ctx = TCTX_ATTR;
		return (0);
	case HS_RAW:
		return (perr(tp, "value inside <%s>", h->tag));
	case HS_BEFORE_VAL:
	case HS_VAL_UQ:
		return (perr(tp, "value in an unquoted attribute"));
	case HS_BOGUS:
		return (perr(tp, "value inside <! > or <? > markup"));
	case HS_VAL_DQ:
	case HS_VAL_SQ:
		break;
	default:
		return (perr(tp, "value in a tag or attribute name"));
	}
	if (h->attr_unknown)
		return (perr(tp, "value in an attribute whose name depends "
		    "on a block"));
	if (strncmp(h->attr, "on", 2) == 0)
		return (perr(tp, "value in event handler attribute %s",
		    h->attr));
	if (strcmp(h->attr, "style") == 0 || strcmp(h->attr, "srcset") == 0 ||
	    strcmp(h->attr, "srcdoc") == 0)
		return (perr(tp, "value in attribute %s", h->attr));
	if ((strcmp(h->tag, "animate") == 0 || strcmp(h->tag, "set") == 0) &&
	    (strcmp(h->attr, "to") == 0 || strcmp(h->attr, "from") == 0 ||
	    strcmp(h->attr, "values") == 0 || strcmp(h->attr, "by") == 0 ||
	    strcmp(h->attr, "attributename") == 0))
		return (perr(tp, "value in SVG animation attribute %s",
		    h->attr));
	if (h->attrtrunc || !h_is_url_attr(h->attr)) {
		*ctx = TCTX_ATTR;
		h->has_content = 1;
		return (0);
	}
	if (trans)
		return (perr(tp, "translation in URL attribute %s", h->attr));
	*ctx = h->has_content ? TCTX_URL_PART : TCTX_URL_START;
	h->has_content = 1;
	return (0);
}

/* Runs the tokenizer over literal text [p, end), counting lines. */
static int
scan_text(struct tparse *tp, const char *p, const char *end)
{
	for (; p < end; p++) {
		if (h_char(tp, (unsigned char)*p) == -1)
			return (-1);
		if (*p == '\n')
			tp->line++;
	}
	return (0);
}

/* ---- nodes and tags ---- */

static struct tnode *
node_add(struct tparse *tp, enum tnode_kind kind, int line)
{
	struct tnode	*n;
	struct tframe	*f = &tp->fr[tp->depth];

	n = arena_alloc(tp->a, sizeof(*n));
	n->kind = kind;
	n->line = line;
	*f->tail = n;
	f->tail = &n->next;
	return (n);
}

static void
lex_next(struct lex *lx, struct tok *t)
{
	const char	*s;

	while (lx->p < lx->end && is_ws((unsigned char)*lx->p))
		lx->p++;
	t->s = lx->p;
	t->len = 0;
	if (lx->p >= lx->end) {
		t->kind = TOK_END;
		return;
	}
	if (*lx->p == '=') {
		t->kind = TOK_EQ;
		t->len = 1;
		lx->p++;
		return;
	}
	if (*lx->p == '"') {
		/* find_tag_end() saw the closing quote already. */
		for (s = lx->p + 1; s < lx->end && *s != '"'; s++)
			if (*s == '\\' && s + 1 < lx->end)
				s++;
		t->kind = TOK_STR;
		t->s = lx->p + 1;
		t->len = (size_t)(s - t->s);
		lx->p = s < lx->end ? s + 1 : s;
		return;
	}
	for (s = lx->p; s < lx->end && !is_ws((unsigned char)*s) &&
	    *s != '=' && *s != '"'; s++)
		;
	t->kind = TOK_WORD;
	t->len = (size_t)(s - lx->p);
	lx->p = s;
}

/* A string literal's text with \" \\ \n \t undone, in the arena. */
static char *
parse_string(struct tparse *tp, const struct tok *t)
{
	char	*s, *d;
	size_t	 i;

	d = s = arena_alloc(tp->a, t->len + 1);
	for (i = 0; i < t->len; i++) {
		if (t->s[i] == '\\' && i + 1 < t->len) {
			i++;
			switch (t->s[i]) {
			case 'n':
				*d++ = '\n';
				break;
			case 't':
				*d++ = '\t';
				break;
			case '"':
			case '\\':
				*d++ = t->s[i];
				break;
			default:
				*d++ = '\\';
				*d++ = t->s[i];
				break;
			}
		} else
			*d++ = t->s[i];
	}
	*d = '\0';
	return (s);
}

static int
parse_path(struct tparse *tp, const struct tok *t, struct tpath *path)
{
	size_t	 i, start, n;

	memset(path, 0, sizeof(*path));
	if (t->kind != TOK_WORD)
		return (perr(tp, "expected a value name"));
	if (t->len == 1 && t->s[0] == '.') {
		path->kind = TP_DOT;
		return (0);
	}
	if (t->len > 0 && t->s[0] == '@') {
		if (t->len == 6 && memcmp(t->s, "@index", 6) == 0)
			path->kind = TP_INDEX;
		else if (t->len == 6 && memcmp(t->s, "@first", 6) == 0)
			path->kind = TP_FIRST;
		else if (t->len == 5 && memcmp(t->s, "@last", 5) == 0)
			path->kind = TP_LAST;
		else
			return (perr(tp, "unknown variable %.*s",
			    (int)t->len, t->s));
		return (0);
	}
	n = 1;
	for (i = 0; i < t->len; i++) {
		if (t->s[i] == '.')
			n++;
		else if (!isalnum((unsigned char)t->s[i]) && t->s[i] != '_' &&
		    t->s[i] != '-')
			return (perr(tp, "bad value name \"%.*s\"",
			    (int)t->len, t->s));
	}
	path->kind = TP_NAMES;
	path->seg = arena_alloc(tp->a, n * sizeof(*path->seg));
	path->hash = arena_alloc(tp->a, n * sizeof(*path->hash));
	start = 0;
	for (i = 0; i <= t->len; i++) {
		if (i < t->len && t->s[i] != '.')
			continue;
		if (i == start)
			return (perr(tp, "bad value name \"%.*s\"",
			    (int)t->len, t->s));
		path->seg[path->nseg] = arena_strndup(tp->a, t->s + start,
		    i - start);
		path->hash[path->nseg] = tv_key_hash(path->seg[path->nseg]);
		path->nseg++;
		start = i + 1;
	}
	return (0);
}

static const char *
kind_name(enum tnode_kind kind)
{
	switch (kind) {
	case TN_IF:
		return ("if");
	case TN_UNLESS:
		return ("unless");
	case TN_EACH:
		return ("each");
	default:
		return ("?");
	}
}

static int
tag_block(struct tparse *tp, struct lex *lx, const struct tok *kw, int line)
{
	struct tok	 t;
	struct tnode	*n;
	struct tframe	*f;
	enum tnode_kind	 kind;

	if (kw->len == 3 && memcmp(kw->s, "#if", 3) == 0)
		kind = TN_IF;
	else if (kw->len == 7 && memcmp(kw->s, "#unless", 7) == 0)
		kind = TN_UNLESS;
	else if (kw->len == 5 && memcmp(kw->s, "#each", 5) == 0)
		kind = TN_EACH;
	else
		return (perr(tp, "unknown block {{%.*s}}", (int)kw->len,
		    kw->s));
	if (tp->depth == TMPL_MAXDEPTH)
		return (perr(tp, "blocks nested too deeply"));
	lex_next(lx, &t);
	n = node_add(tp, kind, line);
	if (parse_path(tp, &t, &n->path) == -1)
		return (-1);
	lex_next(lx, &t);
	if (t.kind != TOK_END)
		return (perr(tp, "{{%.*s}} takes one value", (int)kw->len,
		    kw->s));
	f = &tp->fr[++tp->depth];
	memset(f, 0, sizeof(*f));
	f->node = n;
	f->tail = &n->body;
	f->start = tp->h;
	f->line = line;
	/* A loop may repeat: what it writes in a URL is never its start. */
	if (kind == TN_EACH && (tp->h.st == HS_VAL_DQ ||
	    tp->h.st == HS_VAL_SQ))
		tp->h.has_content = 1;
	return (0);
}

static int
tag_else(struct tparse *tp, struct lex *lx)
{
	struct tframe	*f;
	struct tok	 t;

	lex_next(lx, &t);
	if (t.kind != TOK_END)
		return (perr(tp, "{{else}} takes nothing"));
	if (tp->depth == 0)
		return (perr(tp, "{{else}} outside a block"));
	f = &tp->fr[tp->depth];
	if (f->has_else)
		return (perr(tp, "second {{else}} in {{#%s}}",
		    kind_name(f->node->kind)));
	f->has_else = 1;
	f->first = tp->h;
	tp->h = f->start;
	f->tail = &f->node->alt;
	return (0);
}

static int
tag_close(struct tparse *tp, struct lex *lx, const struct tok *kw)
{
	struct tframe	*f;
	struct tok	 t;
	struct hctx	 m;
	const char	*want;
	int		 rc;

	lex_next(lx, &t);
	if (t.kind != TOK_END)
		return (perr(tp, "{{%.*s}} takes nothing", (int)kw->len,
		    kw->s));
	if (tp->depth == 0)
		return (perr(tp, "stray {{%.*s}}", (int)kw->len, kw->s));
	f = &tp->fr[tp->depth];
	want = kind_name(f->node->kind);
	if (kw->len != strlen(want) + 1 || memcmp(kw->s + 1, want,
	    kw->len - 1) != 0)
		return (perr(tp, "{{%.*s}} does not close {{#%s}} of line %d",
		    (int)kw->len, kw->s, want, f->line));
	if (f->node->kind == TN_EACH) {
		m = f->start;
		rc = h_merge(&m, f->has_else ? &f->first : &tp->h);
		if (rc == 0 && f->has_else)
			rc = h_merge(&m, &tp->h);
	} else if (f->has_else) {
		m = f->first;
		rc = h_merge(&m, &tp->h);
	} else {
		m = f->start;
		rc = h_merge(&m, &tp->h);
	}
	if (rc == -1)
		return (perr(tp, "{{#%s}} of line %d ends in another HTML "
		    "context than it starts in", want, f->line));
	tp->h = m;
	tp->depth--;
	return (0);
}

static int
tag_partial(struct tparse *tp, struct lex *lx, const struct tok *first,
    int line)
{
	struct tok	 t;
	struct tnode	*n;
	size_t		 i;

	t = *first;
	t.s++;
	t.len--;
	if (t.len == 0)
		lex_next(lx, &t);
	if (t.kind != TOK_WORD || t.len == 0)
		return (perr(tp, "{{>}} needs a template name"));
	for (i = 0; i < t.len; i++)
		if (!isalnum((unsigned char)t.s[i]) && t.s[i] != '_' &&
		    t.s[i] != '-' && t.s[i] != '/' && t.s[i] != '.')
			return (perr(tp, "bad template name \"%.*s\"",
			    (int)t.len, t.s));
	if (tp->h.st != HS_TEXT)
		return (perr(tp, "partial outside HTML text"));
	n = node_add(tp, TN_PARTIAL, line);
	n->text = arena_strndup(tp->a, t.s, t.len);
	lex_next(lx, &t);
	if (t.kind != TOK_END)
		return (perr(tp, "{{> %s}} takes nothing more", n->text));
	return (0);
}

/* Every {name} in msgid must have an argument. */
static int
trans_check(struct tparse *tp, const char *msgid, const struct targ *args)
{
	const struct targ	*a;
	const char		*p, *q;

	for (p = msgid; (p = strchr(p, '{')) != NULL; p++) {
		for (q = p + 1; isalnum((unsigned char)*q) || *q == '_'; q++)
			;
		if (*q != '}' || q == p + 1)
			continue;
		for (a = args; a != NULL; a = a->next)
			if (strlen(a->name) == (size_t)(q - p - 1) &&
			    memcmp(a->name, p + 1, (size_t)(q - p - 1)) == 0)
				break;
		if (a == NULL)
			return (perr(tp, "placeholder %.*s has no argument",
			    (int)(q - p + 1), p));
	}
	return (0);
}

static int
tag_trans(struct tparse *tp, struct lex *lx, int plural, int line)
{
	struct tnode	 *n;
	struct targ	 *a, **tail;
	struct tok	  t, eq, v;
	enum tmpl_ctx	  ctx;
	int		  has_n = 0;

	if (value_ctx(tp, 1, &ctx) == -1)
		return (-1);
	n = node_add(tp, TN_TRANS, line);
	n->ctx = ctx;
	lex_next(lx, &t);
	if (t.kind != TOK_STR || t.len == 0)
		return (perr(tp, "{{_}} needs a non-empty \"msgid\""));
	n->text = parse_string(tp, &t);
	if (plural) {
		lex_next(lx, &t);
		if (t.kind != TOK_STR || t.len == 0)
			return (perr(tp, "{{_n}} needs two \"msgids\""));
		n->plural = parse_string(tp, &t);
	}
	tail = &n->args;
	for (;;) {
		lex_next(lx, &t);
		if (t.kind == TOK_END)
			break;
		lex_next(lx, &eq);
		lex_next(lx, &v);
		if (t.kind != TOK_WORD || eq.kind != TOK_EQ ||
		    (v.kind != TOK_WORD && v.kind != TOK_STR))
			return (perr(tp, "translation arguments are "
			    "name=value"));
		a = arena_alloc(tp->a, sizeof(*a));
		a->name = arena_strndup(tp->a, t.s, t.len);
		if (v.kind == TOK_STR)
			a->lit = parse_string(tp, &v);
		else if (parse_path(tp, &v, &a->path) == -1)
			return (-1);
		if (strcmp(a->name, "n") == 0)
			has_n = 1;
		*tail = a;
		tail = &a->next;
	}
	if (plural && !has_n)
		return (perr(tp, "{{_n}} needs n=count"));
	if (trans_check(tp, n->text, n->args) == -1 ||
	    (n->plural != NULL && trans_check(tp, n->plural, n->args) == -1))
		return (-1);
	return (0);
}

static int
tag_value(struct tparse *tp, struct lex *lx, const struct tok *first,
    int line)
{
	struct tnode	*n;
	struct tok	 t;
	enum tmpl_ctx	 ctx;

	if (value_ctx(tp, 0, &ctx) == -1)
		return (-1);
	n = node_add(tp, TN_VALUE, line);
	n->ctx = ctx;
	if (parse_path(tp, first, &n->path) == -1)
		return (-1);
	lex_next(lx, &t);
	if (t.kind != TOK_END)
		return (perr(tp, "one value per {{ }}"));
	return (0);
}

/* Parses the tag whose contents are [s, e), starting on line. */
static int
parse_tag(struct tparse *tp, const char *s, const char *e, int line)
{
	struct lex	 lx;
	struct tok	 t;

	lx.p = s;
	lx.end = e;
	lex_next(&lx, &t);
	if (t.kind != TOK_WORD)
		return (perr(tp, "empty or malformed {{ }}"));
	if (t.s[0] == '#')
		return (tag_block(tp, &lx, &t, line));
	if (t.s[0] == '/')
		return (tag_close(tp, &lx, &t));
	if (t.s[0] == '>')
		return (tag_partial(tp, &lx, &t, line));
	if (t.len == 4 && memcmp(t.s, "else", 4) == 0)
		return (tag_else(tp, &lx));
	if (t.len == 1 && t.s[0] == '_')
		return (tag_trans(tp, &lx, 0, line));
	if (t.len == 2 && memcmp(t.s, "_n", 2) == 0)
		return (tag_trans(tp, &lx, 1, line));
	return (tag_value(tp, &lx, &t, line));
}

/* The "}}" ending a tag whose contents start at p, skipping strings. */
static const char *
find_tag_end(const char *p, const char *end)
{
	int	 instr = 0;

	for (; p < end; p++) {
		if (instr) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				instr = 0;
		} else if (*p == '"')
			instr = 1;
		else if (*p == '}' && p + 1 < end && p[1] == '}')
			return (p);
	}
	return (NULL);
}

/*
 * Parses text [text, text + len) as template name (messages name file)
 * into the set. Returns 0, or -1 with err set.
 */
static int
parse_into(struct tmpl_set *set, const char *name, const char *file,
    const char *text, size_t len, char *err, size_t errlen)
{
	struct tparse	*tp;
	struct tmpl	*t;
	struct tnode	*n;
	const char	*p, *q, *e, *src;
	int		 rc = -1, line;

	tp = xcalloc(1, sizeof(*tp));
	tp->a = set->arena;
	tp->file = file;
	tp->line = 1;
	tp->err = err;
	tp->errlen = errlen;
	src = arena_strndup(set->arena, text, len);
	p = src;
	tp->end = src + len;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->t = xrealloc(set->t, set->cap * sizeof(*set->t));
	}
	t = &set->t[set->n];
	memset(t, 0, sizeof(*t));
	t->name = arena_strdup(set->arena, name);
	t->file = arena_strdup(set->arena, file);
	tp->file = t->file;
	tp->fr[0].tail = &t->root;
	if (memchr(text, '\0', len) != NULL) {
		(void)perr(tp, "NUL byte in template");
		goto out;
	}
	while (p < tp->end) {
		q = memmem(p, (size_t)(tp->end - p), "{{", 2);
		e = q != NULL ? q : tp->end;
		if (e > p) {
			n = node_add(tp, TN_TEXT, tp->line);
			n->text = p;
			n->len = (size_t)(e - p);
			if (scan_text(tp, p, e) == -1)
				goto out;
		}
		if (q == NULL)
			break;
		line = tp->line;
		if (q[2] == '!') {
			if ((e = memmem(q + 2, (size_t)(tp->end - q - 2), "}}",
			    2)) == NULL) {
				(void)perr(tp, "unterminated {{!");
				goto out;
			}
		} else if ((e = find_tag_end(q + 2, tp->end)) == NULL) {
			(void)perr(tp, "unterminated {{");
			goto out;
		}
		if (q[2] != '!' && parse_tag(tp, q + 2, e, line) == -1)
			goto out;
		for (p = q; p < e; p++)
			if (*p == '\n')
				tp->line++;
		p = e + 2;
	}
	if (tp->depth > 0) {
		tp->line = tp->fr[tp->depth].line;
		(void)perr(tp, "unclosed {{#%s}}",
		    kind_name(tp->fr[tp->depth].node->kind));
		goto out;
	}
	set->n++;
	rc = 0;
out:
	free(tp);
	return (rc);
}

/* ---- template sets ---- */

static struct tmpl_set *
set_new(void)
{
	struct tmpl_set	*set;

	set = xcalloc(1, sizeof(*set));
	set->arena = arena_new();
	return (set);
}

static int
tmpl_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct tmpl *)a)->name,
	    ((const struct tmpl *)b)->name));
}

/* Points every partial node under n at its template. */
static int
resolve(struct tmpl_set *set, const struct tmpl *t, struct tnode *n,
    int strict, char *err, size_t errlen)
{
	for (; n != NULL; n = n->next) {
		if (n->kind == TN_PARTIAL) {
			n->target = tmpl_find(set, n->text);
			if (n->target == NULL && strict) {
				if (err != NULL && errlen > 0)
					(void)snprintf(err, errlen, "%s:%d: "
					    "partial \"%s\" does not exist",
					    t->file, n->line, n->text);
				return (-1);
			}
		}
		if (resolve(set, t, n->body, strict, err, errlen) == -1 ||
		    resolve(set, t, n->alt, strict, err, errlen) == -1)
			return (-1);
	}
	return (0);
}

/* Sorts the set and resolves partials (strict: a missing one fails). */
static int
set_finish(struct tmpl_set *set, int strict, char *err, size_t errlen)
{
	size_t	 i;

	if (set->n > 1)
		qsort(set->t, set->n, sizeof(*set->t), tmpl_cmp);
	for (i = 0; i < set->n; i++)
		if (resolve(set, &set->t[i], set->t[i].root, strict, err,
		    errlen) == -1)
			return (-1);
	return (0);
}

static int
load_file(struct tmpl_set *set, const char *path, const char *rel,
    char *err, size_t errlen)
{
	struct buf	 b;
	FILE		*fp;
	char		 chunk[8192], *name;
	size_t		 n;
	int		 rc = -1;

	buf_init(&b);
	name = NULL;
	if ((fp = fopen(path, "r")) == NULL) {
		(void)snprintf(err, errlen, "%s: cannot open", rel);
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	if (ferror(fp)) {
		(void)snprintf(err, errlen, "%s: read error", rel);
		goto out;
	}
	name = arena_strndup(set->arena, rel, strlen(rel) - 5);
	rc = parse_into(set, name, rel, b.data != NULL ? b.data : "", b.len,
	    err, errlen);
out:
	if (fp != NULL)
		fclose(fp);
	buf_free(&b);
	return (rc);
}

/* Loads every *.html under dir/rel (rel "" at the top), sorted by name. */
static int
load_dir(struct tmpl_set *set, const char *dir, const char *rel, int depth,
    char *err, size_t errlen)
{
	struct dirent	**ents = NULL;
	struct stat	  st;
	char		 *path = NULL, *sub = NULL;
	size_t		  len;
	int		  i, n, rc = -1;

	path = arena_printf(set->arena, "%s/%s", dir, rel);
	if ((n = scandir(path, &ents, NULL, alphasort)) == -1) {
		(void)snprintf(err, errlen, "%s: cannot read folder", path);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] == '.')
			continue;
		sub = arena_printf(set->arena, "%s%s%s", rel, *rel ? "/" : "",
		    ents[i]->d_name);
		path = arena_printf(set->arena, "%s/%s", dir, sub);
		if (lstat(path, &st) == -1)
			continue;
		len = strlen(sub);
		if (S_ISDIR(st.st_mode)) {
			if (depth >= TMPL_MAXDIRS) {
				(void)snprintf(err, errlen, "%s: folders "
				    "nested too deeply", sub);
				goto out;
			}
			if (load_dir(set, dir, sub, depth + 1, err,
			    errlen) == -1)
				goto out;
		} else if (S_ISREG(st.st_mode) && len > 5 &&
		    strcmp(sub + len - 5, ".html") == 0) {
			if (load_file(set, path, sub, err, errlen) == -1)
				goto out;
		}
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return (rc);
}

/*
 * A new set: every template under dir when dir is not NULL (its partials
 * must all be there), else the one template text called name; then
 * finished. Returns it, or NULL with err set (err may be NULL).
 */
static struct tmpl_set *
set_load(const char *dir, const char *name, const char *text, char *err,
    size_t errlen)
{
	struct tmpl_set	*set;
	char		 dummy[1];
	int		 rc;

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	set = set_new();
	if (dir != NULL)
		rc = load_dir(set, dir, "", 0, err, errlen);
	else
		rc = parse_into(set, name, name, text, strlen(text), err,
		    errlen);
	if (rc == -1 || set_finish(set, dir != NULL, err, errlen) == -1) {
		tmpl_free(set);
		return (NULL);
	}
	return (set);
}

/*
 * Loads and parses every *.html file under dir (recursively; names
 * starting with "." and symbolic links are skipped). A template's name is
 * its path under dir without ".html". Every partial must exist in the
 * set. Returns a set owned by the caller (tmpl_free), or NULL with "file:
 * line: message" in err.
 */
struct tmpl_set *
tmpl_load(const char *dir, char *err, size_t errlen)
{
	return (set_load(dir, NULL, NULL, err, errlen));
}

/*
 * Parses one template from the NUL-terminated text as a set of its own,
 * called name (messages say "name:line: ..."). Partials other than name
 * itself render nothing. Returns a set owned by the caller, or NULL with
 * err set.
 */
struct tmpl_set *
tmpl_parse_string(const char *name, const char *text, char *err,
    size_t errlen)
{
	return (set_load(NULL, name, text, err, errlen));
}

/* Frees a set and every template in it; NULL is fine. */
void
tmpl_free(struct tmpl_set *set)
{
	if (set == NULL)
		return;
	arena_free(set->arena);
	free(set->t);
	free(set);
}

/* The template called name in set (borrowed), or NULL. */
const struct tmpl *
tmpl_find(const struct tmpl_set *set, const char *name)
{
	struct tmpl	 key;

	if (set == NULL || name == NULL || set->n == 0)
		return (NULL);
	key.name = name;
	return (bsearch(&key, set->t, set->n, sizeof(*set->t), tmpl_cmp));
}

/* 1 if the set has a template called name, else 0. */
int
tmpl_exists(const struct tmpl_set *set, const char *name)
{
	return (tmpl_find(set, name) != NULL);
}

static void
walk_msgids(const struct tmpl *t, const struct tnode *n,
    void (*fn)(void *, const char *, int, const char *, const char *),
    void *arg)
{
	for (; n != NULL; n = n->next) {
		if (n->kind == TN_TRANS)
			fn(arg, t->file, n->line, n->text, n->plural);
		walk_msgids(t, n->body, fn, arg);
		walk_msgids(t, n->alt, fn, arg);
	}
}

/*
 * Calls fn(arg, file, line, msgid, msgid_plural) for every {{_}} (plural
 * NULL) and {{_n}} in the set, templates in name order, nodes in document
 * order. file is the template's file name ("pages/home.html"); the
 * strings are borrowed from the set.
 */
void
tmpl_foreach_msgid(const struct tmpl_set *set, void (*fn)(void *arg,
    const char *tmpl, int line, const char *msgid, const char *msgid_plural),
    void *arg)
{
	size_t	 i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		walk_msgids(&set->t[i], set->t[i].root, fn, arg);
}
