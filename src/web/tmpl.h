/*
 * tmpl.h: the auto-escaping template engine.
 *
 * Templates are files under templates/ (name = path without ".html", e.g.
 * "pages/home", "layout", "partials/nav"), parsed once by tmpl_load() into
 * a set; rendering never parses. Every value is escaped for the context the
 * parser found it in:
 *   - HTML text and quoted attribute values: & < > " ' escaped;
 *   - URL attributes (href, src, action, formaction, poster, cite): a value
 *     that starts the attribute must be a relative URL ("/x", "#x", "?x"),
 *     http:, https:, mailto:, or captions as data:text/vtt;base64,...
 *     (anything else renders "#blocked"); a value
 *     later in the attribute is percent-encoded as a URL component;
 *   - values inside <script> or <style>, in tag or attribute names, or in
 *     unquoted attributes are refused at parse time.
 * Raw HTML only comes from a struct safe_html, which only the engine and
 * the Markdown renderer make.
 *
 * Syntax:
 *   {{name}} {{a.b.c}} {{.}}           value (dotted lookup, "." = item)
 *   {{#if x}}..{{else}}..{{/if}}        true: non-empty string, non-zero
 *   {{#unless x}}..{{/unless}}          int, true bool, non-empty list/map
 *   {{#each list}}..{{else}}..{{/each}} names resolve in the item first,
 *                                       then outwards; {{@index}} {{@first}}
 *   {{> partials/name}}                 include another template
 *   {{_ "msgid"}}                       translated text, escaped
 *   {{_ "Hello, {name}" name=user.name}} placeholders {x} filled with
 *                                       escaped values
 *   {{_n "one item" "{n} items" n=count}} plural (ICU rules of the language)
 *   {{! comment }}
 * Translated strings are untrusted text: escaped like any value.
 */
#ifndef ETHICA_TMPL_H
#define ETHICA_TMPL_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct buf;
struct i18n_lang;

/* ---- values given to templates ---- */

struct safe_html {
	const char	*html;
};

struct tv;	/* a value: string, html, int, bool, list or map */

/* A new empty map, owned by the arena. */
struct tv	*tv_map(struct arena *);
/* Setters store borrowed strings: they must outlive the render (use
 * arena strings). A NULL string sets nothing (the key reads as empty). */
void		 tv_str(struct tv *map, const char *key, const char *val);
void		 tv_int(struct tv *map, const char *key, int64_t val);
void		 tv_bool(struct tv *map, const char *key, int val);
void		 tv_html(struct tv *map, const char *key, const struct safe_html *);
/* Sets key to the template called name (borrowed): {{key}} in HTML text
 * renders it in place, like a partial, seeing the names seen there (a
 * layout's page body); elsewhere it renders nothing. */
void		 tv_tmpl(struct tv *map, const char *key, const char *name);
/* Sets key to val, borrowed with its children: they must outlive the
 * render and must not be changed through map (a tree built once and
 * shared by many views). */
void		 tv_borrow(struct tv *map, const char *key,
		    const struct tv *val);
/* Returns a new child map / list stored under key. */
struct tv	*tv_child(struct tv *map, const char *key);
struct tv	*tv_list(struct tv *map, const char *key);
/* Appends to a list: a new map item, or a string item. */
struct tv	*tv_push_map(struct tv *list);
void		 tv_push_str(struct tv *list, const char *val);
size_t		 tv_list_len(const struct tv *list);

/*
 * A view struct handed to a template through a table instead of a call
 * per field: each entry names a template key, the member's type and its
 * offsetof() in the struct; the table ends with a NULL key. Strings are
 * borrowed as by tv_str(). Tables live beside the handler that knows the
 * template's names, written with TVF() (TVF_FLAG() for a boolean), which
 * take the type from the member, so that a table cannot misread one (a
 * member of another type does not compile):
 *
 *	static const struct tv_field toc_fields[] = {
 *		TVF(struct md_toc_entry, "id", id),
 *		TVF(struct md_toc_entry, "level", level),
 *		{ NULL, 0, 0 }
 *	};
 *	tv_rows(view, "toc", toc->entries, toc->n, sizeof(*toc->entries),
 *	    toc_fields);
 */
enum tv_ftype {
	TVF_STR,		/* const char * or char * */
	TVF_INT,		/* int */
	TVF_I64,		/* int64_t */
	TVF_SIZE,		/* size_t */
	TVF_BOOL,		/* int, as a boolean */
	TVF_BOOL64		/* int64_t, as a boolean */
};
struct tv_field {
	const char	*key;
	enum tv_ftype	 type;
	size_t		 off;
};
#define TVF(type, key, member)						\
	{ (key), _Generic(&((type *)0)->member, char **: TVF_STR,	\
	    const char **: TVF_STR, int *: TVF_INT, int64_t *: TVF_I64,	\
	    size_t *: TVF_SIZE), offsetof(type, member) }
#define TVF_FLAG(type, key, member)					\
	{ (key), _Generic(&((type *)0)->member, int *: TVF_BOOL,	\
	    int64_t *: TVF_BOOL64), offsetof(type, member) }
/* Sets in map every field of the table from the struct at base. */
void		 tv_fields(struct tv *map, const void *base,
		    const struct tv_field *);
/* Sets key to a list of n maps, one per struct of the array at base
 * (each size bytes), filled by tv_fields(). */
void		 tv_rows(struct tv *map, const char *key, const void *base,
		    size_t n, size_t size, const struct tv_field *);

/* ---- template sets ---- */

struct tmpl_set;

/*
 * Loads and parses every *.html under dir. Returns NULL with a message
 * "file:line: what" in err on the first error.
 */
struct tmpl_set	*tmpl_load(const char *dir, char *err, size_t errlen);
/* Parses one template from memory (tests, fuzzing). */
struct tmpl_set	*tmpl_parse_string(const char *name, const char *text,
		    char *err, size_t errlen);
void		 tmpl_free(struct tmpl_set *);
int		 tmpl_exists(const struct tmpl_set *, const char *name);

/* Room made at once for a rendered page or layout (most pages fit). */
#define TMPL_PAGE_GUESS	(16 * 1024)

/*
 * Renders template name with view into out, translating with lang (NULL:
 * msgids as they are). Returns 0, or -1 when the template, or one a
 * tv_tmpl value names, does not exist, or the render ran away (over 1M
 * nodes or 32 MB): out is then incomplete.
 */
int		 tmpl_render(const struct tmpl_set *, const char *name,
		    const struct tv *view, const struct i18n_lang *lang,
		    struct buf *out);

/* Renders the plain {{_ "..."}} texts of the set for every UI language
 * once (call after i18n_load): pages render faster, byte for byte the
 * same. */
void		 tmpl_translate_ahead(struct tmpl_set *);

/* Calls fn for every msgid (and plural msgid) used by the templates. */
void		 tmpl_foreach_msgid(const struct tmpl_set *,
		    void (*fn)(void *arg, const char *tmpl, int line,
		    const char *msgid, const char *msgid_plural), void *arg);

/* Escaping helpers, also used by the engine (append to out). */
void		 html_escape(struct buf *out, const char *s);
/* html_escape for the first len bytes of s (no NUL needed). */
void		 html_escape_len(struct buf *out, const char *s, size_t len);
void		 url_escape_component(struct buf *out, const char *s);
/* 1 if s is an acceptable URL at the start of a URL attribute: relative,
 * http:, https:, mailto:, or captions as data:text/vtt;base64,... */
int		 url_is_safe(const char *s);

/* ---- additions ---- */

/* The value under key in map (NULL if absent, or map is not a map). */
const struct tv	*tv_get(const struct tv *map, const char *key);
/* The hash maps compare first; tv_get_hashed takes it precomputed (the
 * template parser keeps one per name). */
uint32_t	 tv_key_hash(const char *key);
const struct tv	*tv_get_hashed(const struct tv *map, const char *key,
		    uint32_t hash);

#ifdef TMPL_INTERNAL
/*
 * Internal: shared by tv.c, tmpl_parse.c and tmpl_render.c only. Nothing
 * outside src/web/tmpl_*.c and tv.c may define TMPL_INTERNAL.
 */
enum tv_kind {
	TV_NONE,
	TV_STR,
	TV_HTML,
	TV_TMPL,
	TV_INT,
	TV_BOOL,
	TV_LIST,
	TV_MAP
};

struct tv {
	enum tv_kind	 kind;
	const char	*key;		/* map entries; NULL in lists */
	uint32_t	 khash;		/* key_hash(key), checked first */
	const char	*s;		/* TV_STR, TV_HTML, TV_TMPL */
	int64_t		 i;		/* TV_INT, TV_BOOL */
	struct tv	*head, *tail;	/* TV_LIST, TV_MAP children */
	struct tv	*next;		/* next sibling */
	size_t		 n;		/* number of children */
	struct tv	**idx;		/* TV_MAP of TV_INDEX_AT entries or
					   more: open addressing by khash */
	size_t		 idx_cap;	/* slots in idx, a power of two */
	struct arena	*arena;		/* where children are allocated */
};

/* A map gets a hash index at this many entries (a page's view has ~50;
 * each loop's items a handful, searched in order). */
#define TV_INDEX_AT	8

/* Output contexts of values, decided by the parser. */
enum tmpl_ctx {
	TCTX_TEXT,	/* HTML text: escape; safe_html raw */
	TCTX_ATTR,	/* quoted attribute or comment: escape everything */
	TCTX_URL_START,	/* starts a URL attribute: url_is_safe, escape */
	TCTX_URL_PART	/* later in a URL attribute: percent-encode */
};

enum tnode_kind {
	TN_TEXT,
	TN_VALUE,
	TN_IF,
	TN_UNLESS,
	TN_EACH,
	TN_PARTIAL,
	TN_TRANS
};

enum tpath_kind {
	TP_NAMES,	/* a.b.c */
	TP_DOT,		/* . */
	TP_INDEX,	/* @index */
	TP_FIRST,	/* @first */
	TP_LAST		/* @last */
};

struct tpath {
	enum tpath_kind	  kind;
	size_t		  nseg;
	const char	**seg;
	uint32_t	 *hash;		/* tv_key_hash of each segment */
};

struct targ {
	const char	*name;
	const char	*lit;		/* string literal, or NULL: path */
	struct tpath	 path;
	struct targ	*next;
};

struct tmpl;

struct tnode {
	enum tnode_kind	  kind;
	enum tmpl_ctx	  ctx;
	int		  line;
	const char	 *text;		/* TEXT slice, msgid, partial name */
	size_t		  len;		/* TEXT */
	const char	 *plural;	/* TRANS: plural msgid or NULL */
	struct targ	 *args;		/* TRANS */
	struct tpath	  path;		/* VALUE, IF, UNLESS, EACH */
	struct tnode	 *body, *alt;	/* blocks: body, {{else}} part */
	const struct tmpl *target;	/* PARTIAL, resolved after loading */
	const char	**ahead;	/* TRANS without arguments: the text
					   escaped, by i18n_index, or NULL */
	size_t		 *ahead_len;
	struct tnode	 *next;
};

struct tmpl {
	const char	*name;
	const char	*file;		/* for messages: name + ".html" */
	struct tnode	*root;
};

struct tmpl_set {
	struct arena	*arena;
	struct tmpl	*t;		/* sorted by name */
	size_t		 n, cap;
};

/* The template called name, or NULL. */
const struct tmpl *tmpl_find(const struct tmpl_set *, const char *name);
#endif

#endif
