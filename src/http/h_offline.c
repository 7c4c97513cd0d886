/*
 * h_offline.c: a course's offline editions on the site (issue 20.4):
 * the download of DATA/offline/SLUG.LANG.zip (made by `ethica course
 * pack`), and /courses/SLUG/offline-read, where a learner back online
 * records the lessons they marked as read in the offline edition (its
 * index page links here with ?lessons=key.key...).
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <string.h>

#include "domain/course_offline.h"
#include "domain/learning.h"
#include "http/app.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/flash.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_course_offline(struct http_request *);
int	page_course_offline_read(struct http_request *);

#define PATH_SEG_MAX	6

/* Splits the path after "/courses/" at '/' into seg (arena copy);
 * returns the number of segments. */
static size_t
segments(struct ctx *c, char **seg, size_t max)
{
	char	*p, *s;
	size_t	 n = 0;

	p = arena_strdup(c->dc.a, c->req->path + sizeof("/courses/") - 1);
	while ((s = strsep(&p, "/")) != NULL && n < max)
		seg[n++] = s;
	return (p != NULL ? max + 1 : n);
}

/* Sends the zip file of the edition (ctx_send_file: not read in the
 * event loop). */
int
page_course_offline(struct http_request *req)
{
	struct ctx		 c;
	struct course_offline	 ed;
	char			*seg[PATH_SEG_MAX], *dot;
	const char		*file, *path;

	ctx_begin(&c, req);
	if (!ctx_method(&c, CTX_GET))
		goto out;
	if (segments(&c, seg, PATH_SEG_MAX) != 3 ||
	    (dot = strrchr(seg[2], '.')) == NULL || strcmp(dot, ".zip") != 0) {
		ctx_error(&c, 404);
		goto out;
	}
	*dot = '\0';
	file = course_offline_file(c.dc.a, seg[0], seg[2]);
	if (file == NULL || course_offline_get(&c.dc, seg[0], seg[2],
	    &ed) != RES_OK) {
		ctx_error(&c, 404);
		goto out;
	}
	path = arena_printf(c.dc.a, "%s/offline/%s", app.data, file);
	http_response_header(req, "cache-control", "public, max-age=300");
	if (ctx_send_file(&c, path, "application/zip", file) == -1)
		ctx_error(&c, 404);
out:
	return (ctx_end(&c));
}

/* The login page, coming back here with the same lessons. */
static void
to_login(struct ctx *c)
{
	struct buf	b;

	buf_init(&b);
	buf_puts(&b, "/login?next=");
	url_escape_component(&b, c->req->path);
	if (c->req->query_string != NULL) {
		url_escape_component(&b, "?");
		url_escape_component(&b, c->req->query_string);
	}
	ctx_redirect(c, arena_strndup(c->dc.a, b.data, b.len));
	buf_free(&b);
}

int
page_course_offline_read(struct http_request *req)
{
	struct ctx		 c;
	struct offline_lesson	*ls;
	const char		**keys;
	char			*seg[PATH_SEG_MAX];
	struct tv		*list;
	size_t			 n, i, done;
	enum result		 r;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_ANYONE))
		goto out;
	if (segments(&c, seg, PATH_SEG_MAX) != 2) {
		ctx_error(&c, 404);
		goto out;
	}
	if (c.user == NULL) {
		to_login(&c);
		goto out;
	}
	r = course_offline_lessons(&c.dc, seg[0], ctx_param(&c, "lessons"),
	    i18n_code(c.lang), &ls, &n);
	if (!ctx_ok(&c, r))
		goto out;
	if (c.is_post) {
		keys = arena_alloc(c.dc.a, (n + 1) * sizeof(*keys));
		for (i = 0; i < n; i++)
			keys[i] = ls[i].key;
		r = learning_lessons_done(&c.dc, seg[0], keys, n,
		    &done);
		ctx_done(&c, r, FLASH_OFFLINE_RECORDED, arena_printf(c.dc.a,
		    "/courses/%s", seg[0]));
		goto out;
	}
	ctx_title(&c, N_("Lessons read offline"));
	tv_str(c.view, "slug", seg[0]);
	tv_str(c.view, "lessons_param", ctx_param(&c, "lessons"));
	list = tv_list(c.view, "lessons");
	for (i = 0; i < n; i++)
		tv_str(tv_push_map(list), "title", ls[i].title);
	ctx_render(&c, 200, "offline_read");
out:
	return (ctx_end(&c));
}
