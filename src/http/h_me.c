/*
 * h_me.c: the learner's dashboard /me: courses in progress with their
 * progress bars and "continue where you left off", completed courses,
 * and certificates. One domain call (learning_dashboard_get).
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stddef.h>
#include <string.h>

#include "domain/certificate.h"
#include "domain/learning.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_me(struct http_request *);

static void	 card_view(struct ctx *, struct tv *,
		    const struct learning_card *);

/* A course card's fields shown as they are (card_view() adds the rest). */
static const struct tv_field card_fields[] = {
	TVF(struct learning_card, "slug", slug),
	TVF(struct learning_card, "title", title),
	TVF(struct learning_card, "percent", percent),
	TVF(struct learning_card, "done", steps_done),
	TVF(struct learning_card, "total", steps_total),
	TVF(struct learning_card, "continue_path", continue_path),
	TVF(struct learning_card, "continue_title", continue_title),
	{ NULL, 0, 0 }
};


static void
card_view(struct ctx *c, struct tv *it, const struct learning_card *k)
{
	const struct learning_progress	*p = k->progress;
	const struct course_outline	*o = &p->outline;
	struct tv			*mods, *m;
	size_t				 i, j;

	tv_fields(it, k, card_fields);
	tv_str(it, "text_lang", o->lang);
	tv_str(it, "text_dir", i18n_code_dir(o->lang));
	tv_str(it, "path", arena_printf(c->dc.a, "/courses/%s", k->slug));
	if (k->completed_at != 0)
		tv_str(it, "completed_on", ctx_date(c, k->completed_at, 0));
	mods = tv_list(it, "modules");
	for (i = 0; i < o->nmodules; i++) {
		m = tv_push_map(mods);
		tv_str(m, "title", o->modules[i].title);
		tv_int(m, "done", (int64_t)p->module_done[i]);
		tv_int(m, "total", (int64_t)o->modules[i].nlessons);
		if (o->modules[i].quiz_id == NULL)
			continue;
		for (j = 0; j < o->nquizzes; j++) {
			if (strcmp(o->quizzes[j].id, o->modules[i].quiz_id))
				continue;
			tv_bool(m, "has_quiz", 1);
			tv_bool(m, "quiz_passed", p->quiz_passed[j]);
			tv_str(m, "quiz_path", learning_quiz_path(&c->dc,
			    k->slug, o->quizzes[j].id));
		}
	}
}

int
page_me(struct http_request *req)
{
	struct ctx			 c;
	struct learning_dashboard	 d;
	struct tv			*going, *done, *certs, *it;
	enum result			 r;
	size_t				 i;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_USER))
		goto out;
	r = learning_dashboard_get(&c.dc, i18n_code(c.lang), &d);
	if (!ctx_ok(&c, r))
		goto out;
	ctx_title(&c, N_("My learning"));
	going = tv_list(c.view, "in_progress");
	done = tv_list(c.view, "completed");
	for (i = 0; i < d.ncards; i++)
		card_view(&c, tv_push_map(d.cards[i].complete ? done : going),
		    &d.cards[i]);
	certs = tv_list(c.view, "certificates");
	for (i = 0; i < d.ncerts; i++) {
		it = tv_push_map(certs);
		tv_str(it, "course_title", d.certs[i].r.course_title);
		tv_str(it, "path", arena_printf(c.dc.a, "/certificates/%s",
		    d.certs[i].r.slug));
		tv_str(it, "issued", ctx_date(&c, d.certs[i].r.issued_at, 0));
		tv_bool(it, "revoked", d.certs[i].r.revoked_at != 0);
	}
	ctx_render(&c, 200, "me");
out:
	return (ctx_end(&c));
}
