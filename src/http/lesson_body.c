/*
 * lesson_body.c: a lesson's body as template values ("body": Markdown parts
 * and case cards, in order), for the lesson page and the author's preview
 * alike, so that an author previews exactly what learners will read.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include "domain/case_ref.h"
#include "domain/course_view.h"
#include "http/ctx.h"
#include "http/lesson_body.h"
#include "web/tmpl.h"

void
lesson_body_view(struct ctx *c, const struct lesson_view *lv)
{
	const struct case_card	*cd;
	struct tv		*list, *it;
	size_t			 i;

	list = tv_list(c->view, "body");
	for (i = 0; i < lv->nparts; i++) {
		it = tv_push_map(list);
		if ((cd = lv->parts[i].card) == NULL) {
			tv_html(it, "html", lv->parts[i].html);
			continue;
		}
		case_card_tv(tv_child(it, "card"), cd);
	}
}
