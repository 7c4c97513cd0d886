/*
 * keypager.c: keyset paging at the HTTP edge (see keypager.h): the keys a
 * request asks for and the links a page offers. The paging rule itself is
 * domain/keypage.c.
 */
#include <stdint.h>
#include <string.h>

#include "domain/keypage.h"
#include "http/ctx.h"
#include "http/keypager.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/tmpl.h"

static const char	*link_to(struct ctx *, const char *, const char *const *,
			    const char *, int64_t);

void
keypager_read(struct ctx *c, struct keypage *pg)
{
	memset(pg, 0, sizeof(*pg));
	pg->after = ctx_param_int(c, "after", 1, INT64_MAX, 0);
	pg->before = ctx_param_int(c, "before", 1, INT64_MAX, 0);
}

static const char *
link_to(struct ctx *c, const char *base, const char *const *filter,
    const char *name, int64_t key)
{
	struct buf	 b;
	const char	*out;
	size_t		 i;

	buf_init(&b);
	buf_puts(&b, base);
	buf_putc(&b, '?');
	for (i = 0; filter != NULL && filter[i] != NULL; i += 2) {
		if (filter[i + 1] == NULL || *filter[i + 1] == '\0')
			continue;
		buf_puts(&b, filter[i]);
		buf_putc(&b, '=');
		url_escape_component(&b, filter[i + 1]);
		buf_putc(&b, '&');
	}
	buf_appendf(&b, "%s=%lld", name, (long long)key);
	out = arena_strdup(c->dc.a, b.data);
	buf_free(&b);
	return (out);
}

void
keypager_view(struct ctx *c, const char *base, const char *const *filter,
    const struct keypage *pg)
{
	struct tv	*p;

	if (pg->prev <= 0 && pg->next <= 0)
		return;
	p = tv_child(c->view, "pager");
	if (pg->prev > 0)
		tv_str(p, "prev", link_to(c, base, filter, "before", pg->prev));
	if (pg->next > 0)
		tv_str(p, "next", link_to(c, base, filter, "after", pg->next));
}
