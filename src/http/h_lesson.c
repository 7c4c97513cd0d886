/*
 * h_lesson.c: a lesson page (/courses/SLUG/lessons/LESSON): the lesson in
 * the learner's language (else the course's default, with a notice), its
 * table of contents, video with captions and transcript, attachments,
 * previous/next, the case cards it embeds (::case[slug]), and the
 * learner's progress: done or the "mark as done" form (handled by the
 * progress pages at .../done) for enrolled learners, who also get the
 * visit recorded for "continue where you left off"; an invitation to
 * enrol or to log in otherwise.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/case_ref.h"
#include "domain/course_view.h"
#include "domain/learning.h"
#include "http/ctx.h"
#include "http/lesson_body.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/markdown.h"
#include "web/tmpl.h"

int	page_lesson(struct http_request *);

static int	lesson_path(struct ctx *, const char *, char **, char **);
static void	lesson_view(struct ctx *, const struct lesson_view *);
static void	lesson_state(struct ctx *,
		    const struct learning_lesson_state *);

/* The template's names for the view's fields (tv_fields()). */
static const struct tv_field lesson_fields[] = {
	TVF(struct lesson_view, "slug", course.slug),
	TVF(struct lesson_view, "course_title", course_title),
	TVF(struct lesson_view, "key", key),
	TVF(struct lesson_view, "lesson_title", title),
	TVF(struct lesson_view, "module_title", module_title),
	TVF(struct lesson_view, "content_lang", lang),
	TVF_FLAG(struct lesson_view, "fallback", fallback),
	TVF(struct lesson_view, "minutes", minutes),
	TVF(struct lesson_view, "index", index),
	TVF(struct lesson_view, "count", count),
	TVF(struct lesson_view, "lesson_id", lesson_id),
	TVF_FLAG(struct lesson_view, "can_edit", can_edit),
	{ NULL, 0, 0 }
};
static const struct tv_field toc_fields[] = {
	TVF(struct md_toc_entry, "id", id),
	TVF(struct md_toc_entry, "text", text),
	TVF(struct md_toc_entry, "level", level),
	{ NULL, 0, 0 }
};
static const struct tv_field attachment_fields[] = {
	TVF(struct lesson_attachment, "title", title),
	TVF(struct lesson_attachment, "href", href),
	{ NULL, 0, 0 }
};
static const struct tv_field progress_fields[] = {
	TVF_FLAG(struct learning_lesson_state, "enrolled", enrolled),
	TVF_FLAG(struct learning_lesson_state, "done", done),
	TVF_FLAG(struct learning_lesson_state, "complete", complete),
	TVF(struct learning_lesson_state, "steps_done", steps_done),
	TVF(struct learning_lesson_state, "steps_total", steps_total),
	TVF(struct learning_lesson_state, "percent", percent),
	{ NULL, 0, 0 }
};

/* Splits /courses/SLUG/lessons/LESSON; 0 when the path has that shape. */
static int
lesson_path(struct ctx *c, const char *path, char **slug, char **lesson)
{
	const char	*s, *e;

	s = path + sizeof("/courses/") - 1;
	if ((e = strchr(s, '/')) == NULL || strncmp(e, "/lessons/", 9) != 0)
		return (-1);
	*slug = arena_strndup(c->dc.a, s, (size_t)(e - s));
	*lesson = arena_strdup(c->dc.a, e + 9);
	return (**slug != '\0' && **lesson != '\0' && strchr(*lesson, '/') ==
	    NULL ? 0 : -1);
}

static void
lesson_state(struct ctx *c, const struct learning_lesson_state *st)
{
	tv_fields(tv_child(c->view, "progress"), st, progress_fields);
}

static void
lesson_view(struct ctx *c, const struct lesson_view *lv)
{
	struct tv	*v, *list, *it, *cap;
	char		 nm[128];
	size_t		 i;

	v = c->view;
	tv_fields(v, lv, lesson_fields);
	tv_str(v, "content_dir", i18n_code_dir(lv->lang));
	if (lv->fallback && i18n_language_name(c->lang, lv->lang, nm,
	    sizeof(nm)) == 0)
		tv_str(v, "fallback_lang", arena_strdup(c->dc.a, nm));
	else
		tv_str(v, "fallback_lang", lv->lang);
	tv_rows(v, "toc", lv->toc != NULL ? lv->toc->entries : NULL,
	    lv->toc != NULL ? lv->toc->n : 0, sizeof(*lv->toc->entries),
	    toc_fields);
	if (lv->video_url != NULL) {
		it = tv_child(v, "video");
		tv_str(it, "url", lv->video_url);
		tv_bool(it, "external", lv->video_external);
		list = tv_list(it, "captions");
		for (i = 0; i < lv->ncaptions; i++) {
			cap = tv_push_map(list);
			tv_str(cap, "lang", lv->captions[i].lang);
			tv_str(cap, "src", lv->captions[i].src);
			if (i18n_language_name(c->lang, lv->captions[i].lang,
			    nm, sizeof(nm)) == 0)
				tv_str(cap, "label", arena_strdup(c->dc.a, nm));
			else
				tv_str(cap, "label", lv->captions[i].lang);
			tv_bool(cap, "default", strcmp(lv->captions[i].lang,
			    lv->lang) == 0);
		}
		list = tv_list(it, "transcript");
		for (i = 0; i < lv->ntranscript; i++)
			tv_push_str(list, lv->transcript[i]);
	}
	tv_rows(v, "attachments", lv->att, lv->natt, sizeof(*lv->att),
	    attachment_fields);
	if (lv->prev_key != NULL) {
		it = tv_child(v, "prev");
		tv_str(it, "key", lv->prev_key);
		tv_str(it, "title", lv->prev_title);
	}
	if (lv->next_key != NULL) {
		it = tv_child(v, "next");
		tv_str(it, "key", lv->next_key);
		tv_str(it, "title", lv->next_title);
	}
}

int
page_lesson(struct http_request *req)
{
	struct ctx		 c;
	struct lesson_view		 lv;
	struct learning_lesson_state	 st;
	char				*slug, *lesson;
	enum result			 r;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET) || ctx_cached(&c))
		goto out;
	if (lesson_path(&c, req->path, &slug, &lesson) == -1) {
		ctx_error(&c, 404);
		goto out;
	}
	r = course_lesson_view(&c.dc, slug, lesson, i18n_code(c.lang), &lv);
	if (r == RES_OK)
		r = learning_lesson_visit(&c.dc, slug, lesson, &st);
	if (!ctx_ok(&c, r))
		goto out;
	tv_str(c.view, "title", arena_printf(c.dc.a, "%s · %s", lv.title,
	    lv.course_title));
	lesson_view(&c, &lv);
	lesson_body_view(&c, &lv);
	lesson_state(&c, &st);
	ctx_render(&c, 200, "lesson");
out:
	return (ctx_end(&c));
}
