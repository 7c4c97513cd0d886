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

/* A case card's fields but its year (set only when known). */
static const struct tv_field card_fields[] = {
	TVF(struct case_card, "slug", slug),
	TVF(struct case_card, "title", title),
	TVF(struct case_card, "summary", summary),
	TVF(struct case_card, "organisation", organisation),
	TVF_FLAG(struct case_card, "is_example", is_example),
	TVF_FLAG(struct case_card, "available", available),
	{ NULL, 0, 0 }
};

void
lesson_body_view(struct ctx *c, const struct lesson_view *lv)
{
	const struct case_card	*cd;
	struct tv		*list, *it, *card;
	size_t			 i;

	list = tv_list(c->view, "body");
	for (i = 0; i < lv->nparts; i++) {
		it = tv_push_map(list);
		if ((cd = lv->parts[i].card) == NULL) {
			tv_html(it, "html", lv->parts[i].html);
			continue;
		}
		card = tv_child(it, "card");
		tv_fields(card, cd, card_fields);
		if (cd->year > 0)
			tv_int(card, "year", cd->year);
	}
}
