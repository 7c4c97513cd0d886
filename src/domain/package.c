/*
 * package.c: reading course manifests and quiz files with libyaml into the
 * structs of package.h. This file only checks shape (types, required and
 * unknown keys); the rules that span files live in package_check.c.
 *
 * libyaml's loader shares nodes between aliases (and may build cycles), so
 * every node access is counted and a document that needs more than
 * YAML_WORK_MAX accesses is refused; walking depth is fixed by the format.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "domain/package.h"
#include "domain/validate.h"
#include "lib/mem.h"

#define YAML_WORK_MAX	2000000

/* The question types by the names quiz files give them. */
static const struct {
	const char		*name;
	enum question_type	 t;
} question_types[] = {
	{ "single", Q_SINGLE }, { "multiple", Q_MULTIPLE },
	{ "truefalse", Q_TRUEFALSE }, { "numeric", Q_NUMERIC },
	{ "text", Q_TEXT }, { "ordering", Q_ORDERING },
};

#define NQUESTION_TYPES	(sizeof(question_types) / sizeof(question_types[0]))

struct yctx {
	struct arena		*a;
	yaml_document_t		 doc;
	const char		*file;
	struct pkg_errors	*errs;
	size_t			 work;
	int			 over;
};

static yaml_node_t	*y_load(struct yctx *, struct arena *, const char *,
			    const char *, size_t, struct pkg_errors *);
static yaml_node_t	*y_node(struct yctx *, int);
static yaml_node_t	*y_item(struct yctx *, yaml_node_t *, size_t);
static int		 y_line(const yaml_node_t *);
static yaml_node_t	*y_get(struct yctx *, yaml_node_t *, const char *);
static int		 y_mapping(struct yctx *, yaml_node_t *,
			    const char *const *, const char *, const char *);
static void		 y_keys(struct yctx *, yaml_node_t *,
			    const char *const *, const char *);
static const char	*y_scalar(struct yctx *, yaml_node_t *);
static const char	*y_str(struct yctx *, yaml_node_t *, const char *,
			    int);
static int		 y_int(struct yctx *, yaml_node_t *, const char *,
			    int, int, int, int);
static int		 y_bool(struct yctx *, yaml_node_t *, const char *,
			    int, int *);
static int		 y_num(struct yctx *, yaml_node_t *, const char *,
			    double *);
static void		 y_i18n(struct yctx *, yaml_node_t *, const char *,
			    int, struct pkg_i18n *);
static void		 y_list_node(struct yctx *, yaml_node_t *,
			    const char *, struct pkg_list *);
static void		 y_list(struct yctx *, yaml_node_t *, const char *,
			    struct pkg_list *);
static yaml_node_t	*y_seq(struct yctx *, yaml_node_t *, const char *,
			    int);
static void		 y_module(struct yctx *, yaml_node_t *,
			    struct pkg_module *);
static void		 y_lesson(struct yctx *, yaml_node_t *,
			    struct pkg_lesson *);
static void		 y_video(struct yctx *, yaml_node_t *,
			    struct pkg_lesson *);
static void		 y_authors(struct yctx *, yaml_node_t *,
			    struct course_pkg *);
static void		 y_completion(struct yctx *, yaml_node_t *,
			    struct course_pkg *);
static void		 y_question(struct yctx *, yaml_node_t *,
			    struct pkg_question *);
static void		 y_accept(struct yctx *, yaml_node_t *,
			    struct pkg_question *);

void
pkg_errors_init(struct pkg_errors *e, struct arena *a, const char *prefix)
{
	memset(e, 0, sizeof(*e));
	e->a = a;
	e->prefix = prefix != NULL ? prefix : "";
}

void
pkg_error(struct pkg_errors *e, const char *file, int line,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*m, **nm;

	if (e->n >= PKG_MAX_ERRORS) {
		e->n++;
		return;
	}
	va_start(ap, fmt);
	m = arena_vprintf(e->a, fmt, ap);
	va_end(ap);
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		nm = arena_alloc(e->a, e->cap * sizeof(*nm));
		if (e->n > 0)
			memcpy(nm, e->msg, e->n * sizeof(*nm));
		e->msg = nm;
	}
	e->msg[e->n++] = arena_printf(e->a, "%s%s:%d: %s", e->prefix, file,
	    line, m);
}

/*
 * Sets up y for file (errors into errs, values in a) and loads text into it.
 * Returns the root mapping, or NULL with the error reported and nothing
 * left to free; otherwise the caller frees with yaml_document_delete.
 */
static yaml_node_t *
y_load(struct yctx *y, struct arena *a, const char *file, const char *text,
    size_t len, struct pkg_errors *errs)
{
	yaml_parser_t	 p;
	yaml_node_t	*root;

	memset(y, 0, sizeof(*y));
	y->a = a;
	y->file = file;
	y->errs = errs;
	if (!yaml_parser_initialize(&p))
		mem_fatal("yaml_parser_initialize");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &y->doc)) {
		pkg_error(y->errs, y->file, (int)p.problem_mark.line + 1,
		    "not valid YAML: %s", p.problem != NULL ? p.problem :
		    "unreadable");
		yaml_parser_delete(&p);
		return (NULL);
	}
	yaml_parser_delete(&p);
	root = yaml_document_get_root_node(&y->doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		pkg_error(y->errs, y->file, root ? y_line(root) : 1,
		    "the file must be a YAML mapping (key: value lines)");
		yaml_document_delete(&y->doc);
		return (NULL);
	}
	return (root);
}

static yaml_node_t *
y_node(struct yctx *y, int idx)
{
	if (++y->work > YAML_WORK_MAX) {
		if (!y->over)
			pkg_error(y->errs, y->file, 1, "the document is too "
			    "complex (aliases?)");
		y->over = 1;
		return (NULL);
	}
	return (yaml_document_get_node(&y->doc, idx));
}

/* Item i of sequence seq; NULL past the work bound (reported by y_node). */
static yaml_node_t *
y_item(struct yctx *y, yaml_node_t *seq, size_t i)
{
	return (y_node(y, seq->data.sequence.items.start[i]));
}

static int
y_line(const yaml_node_t *n)
{
	return ((int)n->start_mark.line + 1);
}

static yaml_node_t *
y_get(struct yctx *y, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return (NULL);
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		if ((k = y_node(y, p->key)) == NULL)
			return (NULL);
		if (k->type == YAML_SCALAR_NODE &&
		    k->data.scalar.length == strlen(key) &&
		    memcmp(k->data.scalar.value, key, strlen(key)) == 0)
			return (y_node(y, p->value));
	}
	return (NULL);
}

/*
 * 1 when n is a mapping, its keys then checked against allowed (what names
 * it in the errors); otherwise reports needs (a whole sentence) at n's line
 * and returns 0.
 */
static int
y_mapping(struct yctx *y, yaml_node_t *n, const char *const *allowed,
    const char *what, const char *needs)
{
	if (n->type != YAML_MAPPING_NODE) {
		pkg_error(y->errs, y->file, y_line(n), "%s", needs);
		return (0);
	}
	y_keys(y, n, allowed, what);
	return (1);
}

static void
y_keys(struct yctx *y, yaml_node_t *map, const char *const *allowed,
    const char *what)
{
	yaml_node_pair_t	*p, *q;
	yaml_node_t		*k, *k2;
	const char		*name;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return;
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		if ((k = y_node(y, p->key)) == NULL)
			return;
		if ((name = y_scalar(y, k)) == NULL) {
			pkg_error(y->errs, y->file, y_line(k), "keys in %s "
			    "must be plain words", what);
			continue;
		}
		if (!str_listed(allowed, name))
			pkg_error(y->errs, y->file, y_line(k), "unknown key "
			    "'%s' in %s", name, what);
		for (q = map->data.mapping.pairs.start; q < p; q++) {
			k2 = y_node(y, q->key);
			if (k2 != NULL && k2->type == YAML_SCALAR_NODE &&
			    k2->data.scalar.length == k->data.scalar.length &&
			    memcmp(k2->data.scalar.value, k->data.scalar.value,
			    k->data.scalar.length) == 0) {
				pkg_error(y->errs, y->file, y_line(k),
				    "key '%s' appears twice in %s", name, what);
				break;
			}
		}
	}
}

static const char *
y_scalar(struct yctx *y, yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return (NULL);
	if (memchr(n->data.scalar.value, '\0', n->data.scalar.length) != NULL)
		return (NULL);
	return (arena_strndup(y->a, (const char *)n->data.scalar.value,
	    n->data.scalar.length));
}

/* A text value under key; required: report when missing. NULL if none. */
static const char *
y_str(struct yctx *y, yaml_node_t *map, const char *key, int required)
{
	yaml_node_t	*n;
	const char	*s;

	if ((n = y_get(y, map, key)) == NULL) {
		if (required && map != NULL)
			pkg_error(y->errs, y->file, y_line(map), "missing "
			    "'%s'", key);
		return (NULL);
	}
	if ((s = y_scalar(y, n)) == NULL) {
		pkg_error(y->errs, y->file, y_line(n), "'%s' must be a single "
		    "text value", key);
		return (NULL);
	}
	return (s);
}

static int
y_int(struct yctx *y, yaml_node_t *map, const char *key, int required,
    int def, int min, int max)
{
	const char	*s;
	char		*end;
	long		 v;

	if ((s = y_str(y, map, key, required)) == NULL)
		return (def);
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max) {
		pkg_error(y->errs, y->file, y_line(y_get(y, map, key)),
		    "'%s' must be a whole number from %d to %d", key, min,
		    max);
		return (def);
	}
	return ((int)v);
}

/* 1 and *out when present and valid; 0 when absent or invalid. */
static int
y_bool(struct yctx *y, yaml_node_t *map, const char *key, int def, int *out)
{
	const char	*s;

	*out = def;
	if ((s = y_str(y, map, key, 0)) == NULL)
		return (0);
	if (strcmp(s, "true") == 0)
		*out = 1;
	else if (strcmp(s, "false") == 0)
		*out = 0;
	else {
		pkg_error(y->errs, y->file, y_line(y_get(y, map, key)),
		    "'%s' must be true or false", key);
		return (0);
	}
	return (1);
}

static int
y_num(struct yctx *y, yaml_node_t *map, const char *key, double *out)
{
	const char	*s;
	char		*end;
	double		 v;

	if ((s = y_str(y, map, key, 0)) == NULL)
		return (0);
	errno = 0;
	v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v) ||
	    isspace((unsigned char)*s)) {
		pkg_error(y->errs, y->file, y_line(y_get(y, map, key)),
		    "'%s' must be a number", key);
		return (0);
	}
	*out = v;
	return (1);
}

/* A map language -> text under key. */
static void
y_i18n(struct yctx *y, yaml_node_t *map, const char *key, int required,
    struct pkg_i18n *out)
{
	yaml_node_t		*n, *k, *v;
	yaml_node_pair_t	*p;
	size_t			 cap;

	memset(out, 0, sizeof(*out));
	out->line = map != NULL ? y_line(map) : 1;
	if ((n = y_get(y, map, key)) == NULL) {
		if (required && map != NULL)
			pkg_error(y->errs, y->file, y_line(map), "missing "
			    "'%s'", key);
		return;
	}
	out->line = y_line(n);
	if (n->type != YAML_MAPPING_NODE) {
		pkg_error(y->errs, y->file, y_line(n), "'%s' must map each "
		    "language to a text, like { en: \"...\" }", key);
		return;
	}
	cap = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	out->v = arena_alloc(y->a, (cap + 1) * sizeof(*out->v));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		k = y_node(y, p->key);
		v = y_node(y, p->value);
		if (k == NULL || v == NULL)
			return;
		out->v[out->n].lang = y_scalar(y, k);
		out->v[out->n].text = y_scalar(y, v);
		if (out->v[out->n].lang == NULL ||
		    out->v[out->n].text == NULL) {
			pkg_error(y->errs, y->file, y_line(v), "'%s' must map "
			    "each language to a text", key);
			continue;
		}
		out->n++;
	}
}

static void
y_list_node(struct yctx *y, yaml_node_t *n, const char *key,
    struct pkg_list *out)
{
	yaml_node_item_t	*it;
	yaml_node_t		*v;
	size_t			 cap;

	memset(out, 0, sizeof(*out));
	if (n == NULL)
		return;
	out->line = y_line(n);
	if (n->type != YAML_SEQUENCE_NODE) {
		pkg_error(y->errs, y->file, y_line(n), "'%s' must be a list, "
		    "like [a, b]", key);
		return;
	}
	cap = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	out->v = arena_alloc(y->a, (cap + 1) * sizeof(*out->v));
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		if ((v = y_node(y, *it)) == NULL)
			return;
		if ((out->v[out->n] = y_scalar(y, v)) == NULL) {
			pkg_error(y->errs, y->file, y_line(v), "items of '%s' "
			    "must be single words or texts", key);
			continue;
		}
		out->n++;
	}
}

static void
y_list(struct yctx *y, yaml_node_t *map, const char *key,
    struct pkg_list *out)
{
	y_list_node(y, y_get(y, map, key), key, out);
	if (out->line == 0)
		out->line = map != NULL ? y_line(map) : 1;
}

/* The sequence under key (reported when missing and required). */
static yaml_node_t *
y_seq(struct yctx *y, yaml_node_t *map, const char *key, int required)
{
	yaml_node_t	*n;

	if ((n = y_get(y, map, key)) == NULL) {
		if (required && map != NULL)
			pkg_error(y->errs, y->file, y_line(map), "missing "
			    "'%s'", key);
		return (NULL);
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		pkg_error(y->errs, y->file, y_line(n), "'%s' must be a list",
		    key);
		return (NULL);
	}
	return (n);
}

#define SEQ_LEN(n)	((size_t)((n)->data.sequence.items.top - \
			    (n)->data.sequence.items.start))

static void
y_video(struct yctx *y, yaml_node_t *n, struct pkg_lesson *l)
{
	static const char *const keys[] = { "url", "captions", NULL };

	if (!y_mapping(y, n, keys, "video",
	    "'video' must have 'url' and 'captions'"))
		return;
	l->video = arena_alloc(y->a, sizeof(*l->video));
	l->video->line = y_line(n);
	l->video->url = y_str(y, n, "url", 1);
	y_i18n(y, n, "captions", 1, &l->video->captions);
}

static void
y_lesson(struct yctx *y, yaml_node_t *n, struct pkg_lesson *l)
{
	static const char *const keys[] = { "id", "file", "title", "minutes",
	    "required", "principles", "policy_areas", "video", "attachments",
	    NULL };
	static const char *const akeys[] = { "file", "title", NULL };
	yaml_node_t		*v, *seq, *it;
	struct pkg_attachment	*at;
	size_t			 i;

	l->line = y_line(n);
	if (!y_mapping(y, n, keys, "a lesson",
	    "a lesson must be a mapping with 'id', 'file' and 'title'"))
		return;
	l->id = y_str(y, n, "id", 1);
	l->file = y_str(y, n, "file", 1);
	y_i18n(y, n, "title", 1, &l->title);
	l->minutes = y_int(y, n, "minutes", 0, 0, 0, 100000);
	(void)y_bool(y, n, "required", 1, &l->required);
	y_list(y, n, "principles", &l->principles);
	y_list(y, n, "policy_areas", &l->policy_areas);
	if ((v = y_get(y, n, "video")) != NULL)
		y_video(y, v, l);
	if ((seq = y_seq(y, n, "attachments", 0)) == NULL)
		return;
	l->att = arena_alloc(y->a, (SEQ_LEN(seq) + 1) * sizeof(*l->att));
	for (i = 0; i < SEQ_LEN(seq); i++) {
		if ((it = y_item(y, seq, i)) == NULL)
			return;
		if (!y_mapping(y, it, akeys, "an attachment",
		    "an attachment needs 'file' and 'title'"))
			continue;
		at = &l->att[l->natt++];
		at->line = y_line(it);
		at->file = y_str(y, it, "file", 1);
		y_i18n(y, it, "title", 1, &at->title);
	}
}

static void
y_module(struct yctx *y, yaml_node_t *n, struct pkg_module *m)
{
	static const char *const keys[] = { "id", "track", "title",
	    "lessons", "quiz", NULL };
	yaml_node_t	*seq, *it;
	size_t		 i;

	m->line = y_line(n);
	if (!y_mapping(y, n, keys, "a module", "a module must be a mapping "
	    "with 'id', 'track', 'title' and 'lessons'"))
		return;
	m->id = y_str(y, n, "id", 1);
	m->track = y_str(y, n, "track", 1);
	y_i18n(y, n, "title", 1, &m->title);
	m->quiz_file = y_str(y, n, "quiz", 0);
	if ((seq = y_seq(y, n, "lessons", 1)) == NULL)
		return;
	m->lessons = arena_alloc(y->a, (SEQ_LEN(seq) + 1) *
	    sizeof(*m->lessons));
	for (i = 0; i < SEQ_LEN(seq); i++) {
		if ((it = y_item(y, seq, i)) == NULL)
			return;
		y_lesson(y, it, &m->lessons[m->nlessons++]);
	}
}

static void
y_authors(struct yctx *y, yaml_node_t *root, struct course_pkg *c)
{
	static const char *const keys[] = { "name", "email", NULL };
	yaml_node_t		*seq, *it;
	struct pkg_author	*au;
	const char		*email;
	char			*lc;
	size_t			 i, j;

	if ((seq = y_seq(y, root, "authors", 1)) == NULL)
		return;
	c->authors = arena_alloc(y->a, (SEQ_LEN(seq) + 1) *
	    sizeof(*c->authors));
	for (j = 0; j < SEQ_LEN(seq); j++) {
		if ((it = y_item(y, seq, j)) == NULL)
			return;
		if (!y_mapping(y, it, keys, "an author",
		    "an author needs 'name' (and may have 'email')"))
			continue;
		au = &c->authors[c->nauthors++];
		au->name = y_str(y, it, "name", 1);
		if (au->name == NULL)
			au->name = "";
		email = y_str(y, it, "email", 0);
		lc = arena_strdup(y->a, email != NULL ? email : "");
		for (i = 0; lc[i] != '\0'; i++)
			lc[i] = (char)tolower((unsigned char)lc[i]);
		if (*lc != '\0' && (strchr(lc, '@') == NULL ||
		    strchr(lc, ' ') != NULL))
			pkg_error(y->errs, y->file, y_line(it), "author email "
			    "'%s' is not an email address", lc);
		au->email = lc;
	}
}

static void
y_completion(struct yctx *y, yaml_node_t *root, struct course_pkg *c)
{
	static const char *const keys[] = { "required_lessons", "quizzes",
	    NULL };
	yaml_node_t	*n;
	const char	*s;

	c->required_all = 1;
	c->quizzes_graded = 1;
	if ((n = y_get(y, root, "completion")) == NULL)
		return;
	if (!y_mapping(y, n, keys, "completion",
	    "'completion' must have 'required_lessons' and 'quizzes'"))
		return;
	if ((s = y_str(y, n, "required_lessons", 0)) != NULL) {
		if (strcmp(s, "listed") == 0)
			c->required_all = 0;
		else if (strcmp(s, "all") != 0)
			pkg_error(y->errs, y->file, y_line(n), "'required_"
			    "lessons' must be all or listed");
	}
	if ((s = y_str(y, n, "quizzes", 0)) != NULL) {
		if (strcmp(s, "none") == 0)
			c->quizzes_graded = 0;
		else if (strcmp(s, "graded") != 0)
			pkg_error(y->errs, y->file, y_line(n), "'quizzes' must "
			    "be graded or none");
	}
}

struct course_pkg *
pkg_parse_manifest(struct arena *a, const char *file, const char *text,
    size_t len, struct pkg_errors *errs)
{
	static const char *const keys[] = { "slug", "default_language",
	    "languages", "title", "summary", "level", "minutes", "licence",
	    "authors", "values", "principles", "policy_areas", "completion",
	    "modules", NULL };
	struct yctx		 y;
	struct course_pkg	*c;
	yaml_node_t		*root, *seq, *it;
	size_t			 i;

	if ((root = y_load(&y, a, file, text, len, errs)) == NULL)
		return (NULL);
	c = arena_alloc(a, sizeof(*c));
	y_keys(&y, root, keys, "the manifest");
	c->slug = y_str(&y, root, "slug", 1);
	c->default_language = y_str(&y, root, "default_language", 1);
	y_list(&y, root, "languages", &c->languages);
	if (y_get(&y, root, "languages") == NULL)
		pkg_error(errs, file, 1, "missing 'languages'");
	y_i18n(&y, root, "title", 1, &c->title);
	y_i18n(&y, root, "summary", 1, &c->summary);
	c->level = y_str(&y, root, "level", 1);
	c->minutes = y_int(&y, root, "minutes", 1, 0, 0, 1000000);
	c->licence = y_str(&y, root, "licence", 1);
	y_authors(&y, root, c);
	y_list(&y, root, "values", &c->values);
	y_list(&y, root, "principles", &c->principles);
	y_list(&y, root, "policy_areas", &c->policy_areas);
	y_completion(&y, root, c);
	if ((seq = y_seq(&y, root, "modules", 1)) != NULL) {
		c->modules = arena_alloc(a, (SEQ_LEN(seq) + 1) *
		    sizeof(*c->modules));
		for (i = 0; i < SEQ_LEN(seq) && !y.over; i++) {
			if ((it = y_item(&y, seq, i)) == NULL)
				break;
			y_module(&y, it, &c->modules[c->nmodules++]);
		}
	}
	yaml_document_delete(&y.doc);
	return (c);
}

static void
y_accept(struct yctx *y, yaml_node_t *n, struct pkg_question *q)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *v;
	struct pkg_accept	*ac;

	if (n->type != YAML_MAPPING_NODE) {
		pkg_error(y->errs, y->file, y_line(n), "'accept' must map each "
		    "language to a list of answers");
		return;
	}
	q->accept = arena_alloc(y->a, ((size_t)(n->data.mapping.pairs.top -
	    n->data.mapping.pairs.start) + 1) * sizeof(*q->accept));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		if ((k = y_node(y, p->key)) == NULL ||
		    (v = y_node(y, p->value)) == NULL)
			return;
		ac = &q->accept[q->naccept];
		if ((ac->lang = y_scalar(y, k)) == NULL) {
			pkg_error(y->errs, y->file, y_line(k), "'accept' keys "
			    "must be languages");
			continue;
		}
		y_list_node(y, v, "accept", &ac->list);
		q->naccept++;
	}
}

static void
y_question(struct yctx *y, yaml_node_t *n, struct pkg_question *q)
{
	static const char *const keys[] = { "id", "type", "prompt",
	    "options", "feedback", "answer", "tolerance", "accept", NULL };
	static const char *const okeys[] = { "id", "text", "correct", NULL };
	yaml_node_t		*seq, *it, *v;
	struct pkg_option	*o;
	size_t			 i;

	q->line = y_line(n);
	if (!y_mapping(y, n, keys, "a question",
	    "a question must be a mapping with 'id', 'type' and 'prompt'"))
		return;
	q->id = y_str(y, n, "id", 1);
	q->type_name = y_str(y, n, "type", 1);
	for (i = 0; q->type_name != NULL && i < NQUESTION_TYPES; i++)
		if (strcmp(question_types[i].name, q->type_name) == 0)
			q->type = question_types[i].t;
	if (q->type_name != NULL && q->type == 0)
		pkg_error(y->errs, y->file, y_line(n), "unknown question type "
		    "'%s' (single, multiple, truefalse, numeric, text, "
		    "ordering)", q->type_name);
	y_i18n(y, n, "prompt", 1, &q->prompt);
	y_i18n(y, n, "feedback", 0, &q->feedback);
	if (q->type == Q_TRUEFALSE)
		q->has_answer = y_bool(y, n, "answer", 0, &q->answer_bool);
	else if (q->type == Q_NUMERIC) {
		q->has_answer = y_num(y, n, "answer", &q->answer_num);
		(void)y_num(y, n, "tolerance", &q->tolerance);
	}
	if ((v = y_get(y, n, "accept")) != NULL)
		y_accept(y, v, q);
	if ((seq = y_seq(y, n, "options", 0)) == NULL)
		return;
	q->options = arena_alloc(y->a, (SEQ_LEN(seq) + 1) *
	    sizeof(*q->options));
	for (i = 0; i < SEQ_LEN(seq); i++) {
		if ((it = y_item(y, seq, i)) == NULL)
			return;
		if (!y_mapping(y, it, okeys, "an option",
		    "an option needs 'id' and 'text'"))
			continue;
		o = &q->options[q->noptions++];
		o->line = y_line(it);
		o->id = y_str(y, it, "id", 1);
		y_i18n(y, it, "text", 1, &o->text);
		(void)y_bool(y, it, "correct", 0, &o->correct);
	}
}

const char *
pkg_question_type_name(enum question_type t)
{
	size_t	i;

	for (i = 0; i < NQUESTION_TYPES; i++)
		if (question_types[i].t == t)
			return (question_types[i].name);
	return ("single");
}

struct pkg_quiz *
pkg_parse_quiz(struct arena *a, const char *file, const char *text,
    size_t len, struct pkg_errors *errs)
{
	static const char *const keys[] = { "id", "title", "pass_mark",
	    "max_attempts", "graded", "questions", NULL };
	struct yctx		 y;
	struct pkg_quiz		*qz;
	yaml_node_t		*root, *seq, *it;
	size_t			 i;

	if ((root = y_load(&y, a, file, text, len, errs)) == NULL)
		return (NULL);
	qz = arena_alloc(a, sizeof(*qz));
	qz->file = arena_strdup(a, file);
	y_keys(&y, root, keys, "the quiz");
	qz->id = y_str(&y, root, "id", 1);
	y_i18n(&y, root, "title", 1, &qz->title);
	qz->pass_mark = y_int(&y, root, "pass_mark", 1, 70, 0, 100);
	qz->max_attempts = y_int(&y, root, "max_attempts", 0, 0, 0, 1000);
	(void)y_bool(&y, root, "graded", 1, &qz->graded);
	if ((seq = y_seq(&y, root, "questions", 1)) != NULL) {
		qz->questions = arena_alloc(a, (SEQ_LEN(seq) + 1) *
		    sizeof(*qz->questions));
		for (i = 0; i < SEQ_LEN(seq) && !y.over; i++) {
			if ((it = y_item(&y, seq, i)) == NULL)
				break;
			y_question(&y, it, &qz->questions[qz->nquestions++]);
		}
	}
	yaml_document_delete(&y.doc);
	return (qz);
}
