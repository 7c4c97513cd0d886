/*
 * h_author.c: the old addresses of the lesson editor
 * (/author/courses/SLUG/lessons/LESSON/LANG), kept for bookmarks and
 * old links: the one editor is now the studio's
 * (/studio/courses/SLUG/lessons/LESSON/LANG, h_studio_lesson.c), where
 * both send their visitors; and where a relative media/FILE of an old
 * preview lands, sent on to the lesson's media address.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "http/ctx.h"
#include "lib/mem.h"

int	page_author_lesson(struct http_request *);
int	page_author_media(struct http_request *);

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

/*
 * GET /author/courses/SLUG/lessons/LESSON/media/FILE: where a preview's
 * relative media/FILE link lands (the editor's address is one level
 * deeper than the lesson's); sent on to /courses/SLUG/lessons/media/FILE,
 * which serves the course's files to everyone, as on the lesson page.
 */
int
page_author_media(struct http_request *req)
{
	struct ctx	 c;
	const char	*s, *e, *m;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	s = req->path + sizeof("/author/courses/") - 1;
	if ((e = strchr(s, '/')) == NULL ||
	    (m = strstr(e, "/media/")) == NULL) {
		ctx_error(&c, 404);
		goto out;
	}
	ctx_redirect(&c, arena_printf(c.dc.a, "/courses/%.*s/lessons%s",
	    (int)(e - s), s, m));
out:
	return (ctx_end(&c));
}
