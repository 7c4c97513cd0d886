/*
 * tmpl_render.c: walks a parsed template with a view and appends the
 * output to a struct buf. Every value is escaped for the context the
 * parser recorded on its node; literal text is copied as it is. Nothing
 * here parses templates or allocates per node: each loops keep their
 * scope on the C stack. Partials (and templates given as values, a
 * layout's page body) nest at most TMPL_MAXPARTIALS deep (a deeper one
 * renders nothing), which also stops partials that include themselves.
 * A render also stops (and fails) after TMPL_MAXSTEPS nodes or
 * TMPL_MAXOUT bytes, so loops nested in loops or partials included
 * several times by themselves cannot run away.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TMPL_INTERNAL
#include "lib/buf.h"
#include "lib/decimal.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

#define TMPL_MAXPARTIALS	16
#define TMPL_MAXSTEPS		(1024 * 1024)		/* nodes per render */
#define TMPL_MAXOUT		(32 * 1024 * 1024)	/* bytes per render */

/* One scope of name lookup: the view, then each item of each loop. */
struct scope {
	const struct tv		*item;
	size_t			 idx, n;
	int			 loop;
	const struct scope	*up;
};

struct render {
	const struct tmpl_set	*set;
	const struct i18n_lang	*lang;
	struct buf		*out;
	size_t			 start;		/* out->len at the start */
	size_t			 steps;
	int			 depth;
	int			 over;		/* stop: a budget ran out or a
						   named template is missing */
};

static const struct tv *lookup(const struct tpath *, const struct scope *,
		    struct tv *);
static int	 truthy(const struct tv *);
static const char *tv_text(const struct tv *, char *, size_t);
static void	 emit_value(struct render *, const struct tv *,
		    enum tmpl_ctx);
static void	 emit_str(struct render *, const char *, size_t,
		    enum tmpl_ctx);
static void	 render_list(struct render *, const struct tnode *,
		    const struct scope *);
static void	 render_each(struct render *, const struct tnode *,
		    const struct scope *);
static void	 render_partial(struct render *, const struct tnode *,
		    const struct scope *);
static void	 render_tmpl_value(struct render *, const struct tnode *,
		    const struct tv *, const struct scope *);
static void	 render_trans(struct render *, const struct tnode *,
		    const struct scope *);
static const struct targ *find_arg(const struct targ *, const char *,
		    size_t);
static int64_t	 tv_number(const struct tv *);

/*
 * The value of path in scope (borrowed), or NULL. @index, @first and
 * @last are built in tmp.
 */
static const struct tv *
lookup(const struct tpath *path, const struct scope *sc,
    struct tv *tmp)
{
	const struct scope	*s;
	const struct tv		*v;
	size_t			 i;

	switch (path->kind) {
	case TP_DOT:
		return (sc->item);
	case TP_INDEX:
	case TP_FIRST:
	case TP_LAST:
		for (s = sc; s != NULL && !s->loop; s = s->up)
			;
		if (s == NULL)
			return (NULL);
		memset(tmp, 0, sizeof(*tmp));
		tmp->kind = path->kind == TP_INDEX ? TV_INT : TV_BOOL;
		if (path->kind == TP_INDEX)
			tmp->i = (int64_t)s->idx;
		else if (path->kind == TP_FIRST)
			tmp->i = s->idx == 0;
		else
			tmp->i = s->idx + 1 == s->n;
		return (tmp);
	case TP_NAMES:
		break;
	}
	for (v = NULL, s = sc; s != NULL && v == NULL; s = s->up)
		v = tv_get_hashed(s->item, path->seg[0], path->hash[0]);
	for (i = 1; v != NULL && i < path->nseg; i++)
		v = tv_get_hashed(v, path->seg[i], path->hash[i]);
	return (v);
}

static int
truthy(const struct tv *v)
{
	if (v == NULL)
		return (0);
	switch (v->kind) {
	case TV_STR:
	case TV_HTML:
	case TV_TMPL:
		return (v->s != NULL && v->s[0] != '\0');
	case TV_INT:
	case TV_BOOL:
		return (v->i != 0);
	case TV_LIST:
	case TV_MAP:
		return (v->n > 0);
	default:
		return (0);
	}
}

/* A scalar's text (ints written to tmp), or NULL for none/list/map. */
static const char *
tv_text(const struct tv *v, char *tmp, size_t tmplen)
{
	if (v == NULL)
		return (NULL);
	switch (v->kind) {
	case TV_STR:
	case TV_HTML:
		return (v->s);
	case TV_INT:
		return (tmplen >= DECIMAL_MAX ? decimal(v->i, tmp) : NULL);
	case TV_BOOL:
		return (v->i ? "true" : "false");
	default:
		return (NULL);
	}
}

static int64_t
tv_number(const struct tv *v)
{
	if (v == NULL)
		return (0);
	if (v->kind == TV_INT || v->kind == TV_BOOL)
		return (v->i);
	if (v->kind == TV_STR)
		return (strtoll(v->s, NULL, 10));
	return (0);
}

/* Appends s (len bytes, NUL-terminated at len) escaped for ctx. */
static void
emit_str(struct render *r, const char *s, size_t len, enum tmpl_ctx ctx)
{
	switch (ctx) {
	case TCTX_TEXT:
	case TCTX_ATTR:
		html_escape_len(r->out, s, len);
		break;
	case TCTX_URL_START:
		if (url_is_safe(s))
			html_escape_len(r->out, s, len);
		else
			buf_puts(r->out, "#blocked");
		break;
	case TCTX_URL_PART:
		url_escape_component(r->out, s);
		break;
	}
}

static void
emit_value(struct render *r, const struct tv *v, enum tmpl_ctx ctx)
{
	const char	*s;
	char		 tmp[32];

	if ((s = tv_text(v, tmp, sizeof(tmp))) == NULL)
		return;
	if (v->kind == TV_HTML && ctx == TCTX_TEXT)
		buf_puts(r->out, s);
	else
		emit_str(r, s, strlen(s), ctx);
}

static const struct targ *
find_arg(const struct targ *a, const char *name, size_t len)
{
	for (; a != NULL; a = a->next)
		if (strlen(a->name) == len && memcmp(a->name, name, len) == 0)
			return (a);
	return (NULL);
}

/*
 * Translates, then writes the translation escaped for the node's
 * context, each {name} replaced by its argument escaped likewise.
 */
static void
render_trans(struct render *r, const struct tnode *n,
    const struct scope *sc)
{
	const struct targ	*a;
	const struct tv		*v;
	struct tv		 tmp;
	const char		*msg, *p, *q, *lit;
	int64_t			 count;
	size_t			 li;

	if (n->ahead != NULL && r->lang != NULL) {
		li = i18n_index(r->lang);
		buf_append(r->out, n->ahead[li], n->ahead_len[li]);
		return;
	}
	if (n->plural != NULL) {
		a = find_arg(n->args, "n", 1);
		count = a == NULL ? 0 : a->lit != NULL ?
		    strtoll(a->lit, NULL, 10) :
		    tv_number(lookup(&a->path, sc, &tmp));
		if (r->lang != NULL)
			msg = i18n_ngettext(r->lang, n->text, n->plural, count);
		else
			msg = count == 1 ? n->text : n->plural;
	} else
		msg = r->lang != NULL ? i18n_gettext(r->lang, n->text) :
		    n->text;
	if (msg == NULL)
		msg = n->text;
	for (p = lit = msg; (p = strchr(p, '{')) != NULL; ) {
		for (q = p + 1; (*q >= 'a' && *q <= 'z') ||
		    (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
		    *q == '_'; q++)
			;
		if (*q != '}' || (a = find_arg(n->args, p + 1,
		    (size_t)(q - p - 1))) == NULL) {
			p++;
			continue;
		}
		html_escape_len(r->out, lit, (size_t)(p - lit));
		if (a->lit != NULL)
			html_escape(r->out, a->lit);
		else if ((v = lookup(&a->path, sc, &tmp)) != NULL)
			emit_value(r, v, n->ctx);
		p = lit = q + 1;
	}
	html_escape(r->out, lit);
}

static void
render_each(struct render *r, const struct tnode *n, const struct scope *sc)
{
	const struct tv	*list, *item;
	struct tv	 tmp;
	struct scope	 s;

	list = lookup(&n->path, sc, &tmp);
	if (list == NULL || list->kind != TV_LIST || list->n == 0) {
		render_list(r, n->alt, sc);
		return;
	}
	s.up = sc;
	s.loop = 1;
	s.n = list->n;
	s.idx = 0;
	for (item = list->head; item != NULL && !r->over;
	    item = item->next) {
		s.item = item;
		render_list(r, n->body, &s);
		s.idx++;
	}
}

static void
render_partial(struct render *r, const struct tnode *n,
    const struct scope *sc)
{
	if (n->target == NULL || r->depth >= TMPL_MAXPARTIALS)
		return;
	r->depth++;
	render_list(r, n->target->root, sc);
	r->depth--;
}

/*
 * A TV_TMPL value: the template it names, rendered in place in HTML text
 * (nothing elsewhere). A name the set lacks fails the render.
 */
static void
render_tmpl_value(struct render *r, const struct tnode *n,
    const struct tv *v, const struct scope *sc)
{
	const struct tmpl	*t;

	if (n->ctx != TCTX_TEXT || r->depth >= TMPL_MAXPARTIALS)
		return;
	if ((t = tmpl_find(r->set, v->s)) == NULL) {
		r->over = 1;
		return;
	}
	r->depth++;
	render_list(r, t->root, sc);
	r->depth--;
}

static void
render_list(struct render *r, const struct tnode *n, const struct scope *sc)
{
	const struct tv	*v;
	struct tv	 tmp;

	for (; n != NULL && !r->over; n = n->next) {
		if (++r->steps > TMPL_MAXSTEPS ||
		    r->out->len - r->start > TMPL_MAXOUT) {
			r->over = 1;
			return;
		}
		switch (n->kind) {
		case TN_TEXT:
			buf_append(r->out, n->text, n->len);
			break;
		case TN_VALUE:
			v = lookup(&n->path, sc, &tmp);
			if (v != NULL && v->kind == TV_TMPL)
				render_tmpl_value(r, n, v, sc);
			else
				emit_value(r, v, n->ctx);
			break;
		case TN_IF:
		case TN_UNLESS:
			v = lookup(&n->path, sc, &tmp);
			if (truthy(v) == (n->kind == TN_IF))
				render_list(r, n->body, sc);
			else
				render_list(r, n->alt, sc);
			break;
		case TN_EACH:
			render_each(r, n, sc);
			break;
		case TN_PARTIAL:
			render_partial(r, n, sc);
			break;
		case TN_TRANS:
			render_trans(r, n, sc);
			break;
		}
	}
}

/*
 * Renders template name of set with view (borrowed; NULL is an empty
 * view) into out, translating with lang (NULL: msgids as written, English
 * plural rule). Returns 0, or -1 when there is no such template (out
 * untouched) or when the render ran out of its budget (more than
 * TMPL_MAXSTEPS nodes or TMPL_MAXOUT bytes: out holds a partial page).
 */
int
tmpl_render(const struct tmpl_set *set, const char *name,
    const struct tv *view, const struct i18n_lang *lang, struct buf *out)
{
	const struct tmpl	*t;
	struct render		 r;
	struct scope		 root;

	if ((t = tmpl_find(set, name)) == NULL)
		return (-1);
	memset(&r, 0, sizeof(r));
	r.set = set;
	r.lang = lang;
	r.out = out;
	r.start = out->len;
	memset(&root, 0, sizeof(root));
	root.item = view;
	render_list(&r, t->root, &root);
	return (r.over ? -1 : 0);
}
