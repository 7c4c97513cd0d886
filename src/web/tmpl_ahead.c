/*
 * tmpl_ahead.c: translated texts rendered ahead of time. A {{_ "msgid"}}
 * without placeholders' arguments and without a plural comes out the
 * same on every page in a given language: its catalog lookup, its scan
 * for placeholders and its escaping are done here once per UI language,
 * and tmpl_render.c copies the result. Renders come out byte for byte
 * the same with or without this.
 */
#include <stddef.h>
#include <string.h>

#define TMPL_INTERNAL
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

static void	ahead_nodes(struct arena *, struct tnode *);
static void	ahead_node(struct arena *, struct tnode *);

static void
ahead_node(struct arena *a, struct tnode *n)
{
	struct buf	 b;
	size_t		 i, nl = i18n_count();

	n->ahead = arena_alloc(a, sizeof(*n->ahead) * nl);
	n->ahead_len = arena_alloc(a, sizeof(*n->ahead_len) * nl);
	buf_init(&b);
	for (i = 0; i < nl; i++) {
		buf_reset(&b);
		html_escape(&b, i18n_gettext(i18n_nth(i), n->text));
		n->ahead[i] = arena_strndup(a, b.data != NULL ? b.data : "",
		    b.len);
		n->ahead_len[i] = b.len;
	}
	buf_free(&b);
}

static void
ahead_nodes(struct arena *a, struct tnode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->kind == TN_TRANS && n->plural == NULL &&
		    n->args == NULL)
			ahead_node(a, n);
		ahead_nodes(a, n->body);
		ahead_nodes(a, n->alt);
	}
}

/*
 * Renders the set's plain translated texts for every UI language. Call
 * after i18n_load (before it, every language would get the msgids).
 */
void
tmpl_translate_ahead(struct tmpl_set *set)
{
	size_t	i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		ahead_nodes(set->arena, set->t[i].root);
}
