/*
 * h_author.c: the old addresses of the lesson editor
 * (/author/courses/SLUG/lessons/LESSON/LANG), kept for bookmarks and
 * old links: the one editor is now the studio's
 * (/studio/courses/SLUG/lessons/LESSON/LANG, h_studio_lesson.c), where
 * it sends its visitors. (A relative media/FILE of an old preview is
 * sent on by the studio's page_studio_lesson_media.)
 */
#include <kore/kore.h>
#include <kore/http.h>

#include "http/ctx.h"
#include "lib/mem.h"

int	page_author_lesson(struct http_request *);

/*
 * GET /author/courses/SLUG/lessons/LESSON/LANG: 303 to the studio's
 * editor of the same lesson and language (an old form's POST gets 405:
 * the editor that took it is gone).
 */
int
page_author_lesson(struct http_request *req)
{
	struct ctx	 c;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	ctx_redirect(&c, arena_printf(c.dc.a, "/studio/courses/%s",
	    req->path + sizeof("/author/courses/") - 1));
out:
	return (ctx_end(&c));
}
