/*
 * h_studio_zip.c: a course package as a zip in the studio (issue 16.7):
 * /studio/courses/SLUG/package.zip downloads the current version (built
 * off the event loop, offload.h), /studio/import and
 * /studio/courses/SLUG/package take an uploaded zip (a new course, or a
 * new version of one the user may edit). The domain (studio_zip.c)
 * reads the zip with its caps and decides who may.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/course.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_zip.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/offload.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_studio_zip(struct http_request *);
int	page_studio_package(struct http_request *);

static const char	*path_slug(struct ctx *, const char *);
static void		 package_view(struct ctx *,
			    const struct studio_course *);

/* The SLUG of /studio/courses/SLUG/... (arena), or NULL. */
static const char *
path_slug(struct ctx *c, const char *path)
{
	const char	*s, *e;

	if (strncmp(path, "/studio/courses/", 16) != 0)
		return (NULL);
	s = path + 16;
	if ((e = strchr(s, '/')) == NULL)
		return (NULL);
	return (arena_strndup(c->dc.a, s, (size_t)(e - s)));
}

/*
 * GET /studio/courses/SLUG/package.zip: the current version's package,
 * the files `ethica course export` writes, as a zip.
 */
int
page_studio_zip(struct http_request *req)
{
	struct ctx		 c;
	struct course_ref	 ref;
	struct buf		*b;
	const char		*slug;
	enum result		 r;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_USER))
		goto out;
	if ((slug = path_slug(&c, req->path)) == NULL ||
	    !ctx_ok(&c, course_find(&c.dc, slug, &ref)))
		goto out;
	/* Built off the event loop (the domain checks who may), Kore calls
	 * again with it. */
	if ((b = offload_export_done(req, &r)) == NULL) {
		if (offload_export(req, &c.dc, studio_zip_export, ref.id))
			c.parked = 1;
		else
			offload_busy(&c);
		goto out;
	}
	if (!ctx_ok(&c, r))
		goto out;
	http_response_header(req, "content-disposition", arena_printf(c.dc.a,
	    "attachment; filename=\"%s.v%lld.zip\"", slug,
	    (long long)ref.version));
	http_response_header(req, "cache-control", "private, no-store");
	ctx_send(&c, 200, "application/zip", b->data != NULL ? b->data : "",
	    b->len);
out:
	return (ctx_end(&c));
}

/* The upload form (and the course's head and download when sc). */
static void
package_view(struct ctx *c, const struct studio_course *sc)
{
	const char	*code;

	if (sc != NULL) {
		code = i18n_code(c->lang);
		tv_str(c->view, "slug", sc->slug);
		tv_str(c->view, "course_title", pkg_text(&sc->pkg->title,
		    code, sc->pkg->default_language));
		tv_str(c->view, "course_lang", pkg_text_lang(&sc->pkg->title,
		    code, sc->pkg->default_language));
		tv_int(c->view, "version", sc->version);
		tv_bool(c->view, "archived", sc->archived_at > 0);
		tv_str(c->view, "my_role", ctx_tr(c,
		    studio_role_label(sc->role)));
		tv_bool(c->view, "course", 1);
		tv_bool(c->view, "can_upload", studio_role_may(sc->role,
		    STUDIO_OUTLINE));
		tv_str(c->view, "action", arena_printf(c->dc.a,
		    "/studio/courses/%s/package", sc->slug));
		ctx_title(c, N_("Course package"));
	} else {
		tv_bool(c->view, "can_upload", studio_may_create(c->user));
		tv_str(c->view, "action", "/studio/import");
		ctx_title(c, N_("Upload a course package"));
	}
	tv_int(c->view, "upload_mb", STUDIO_ZIP_UPLOAD_MB);
	tv_int(c->view, "entries_max", STUDIO_ZIP_ENTRIES_MAX);
	tv_int(c->view, "file_mb", STUDIO_ZIP_FILE_MB);
	tv_int(c->view, "total_mb", STUDIO_ZIP_TOTAL_MB);
}

/*
 * GET /studio/import and /studio/courses/SLUG/package: the upload form
 * (and, for a course, its download); POST takes the zip: a new course
 * or a new version (for /studio/courses/SLUG/package, of SLUG only).
 */
int
page_studio_package(struct http_request *req)
{
	struct ctx			 c;
	struct studio_course		 sc, *scp = NULL;
	struct studio_zip_problem	 p;
	struct pkg_errors		 errs;
	struct http_file		*file;
	struct tv			*list;
	const char			*slug, *got;
	char				*data = NULL;
	ssize_t				 rd;
	size_t				 len = 0, i;
	enum result			 r;
	int				 changed;

	ctx_begin(&c, req);
	/* The body may carry the zip: the studio's cap plus the form. */
	if (!gate_upload(&c, CTX_GET | CTX_POST, GATE_USER,
	    STUDIO_ZIP_UPLOAD_MAX + CTX_FORM_MAX))
		goto out;
	slug = path_slug(&c, req->path);
	if (slug != NULL) {
		if (!ctx_ok(&c, studio_open(&c.dc, slug, c.is_post ?
		    STUDIO_OUTLINE : STUDIO_OPEN, &sc)))
			goto out;
		scp = &sc;
	}
	if (!c.is_post) {
		package_view(&c, scp);
		ctx_render(&c, 200, "studio_zip");
		goto out;
	}
	memset(&p, 0, sizeof(p));
	if ((file = http_file_lookup(req, "package")) == NULL ||
	    file->length == 0) {
		p.msgid = N_("Choose a zip file to upload.");
		p.name = "";
		r = RES_INVALID;
	} else if (file->length > STUDIO_ZIP_UPLOAD_MAX) {
		p.msgid = N_("The zip is larger than the studio takes.");
		p.name = "";
		r = RES_INVALID;
	} else {
		data = arena_alloc(c.dc.a, file->length + 1);
		http_file_rewind(file);
		while (len < file->length && (rd = http_file_read(file,
		    data + len, file->length - len)) > 0)
			len += (size_t)rd;
		r = RES_OK;
	}
	pkg_errors_init(&errs, c.dc.a, "");
	got = NULL;
	changed = 0;
	if (r == RES_OK)
		r = studio_zip_import(&c.dc, data, len, slug, &p, &errs, &got,
		    &changed);
	if (r == RES_INVALID) {
		if (p.msgid != NULL) {
			tv_str(c.view, "zip_error", ctx_tr(&c, p.msgid));
			tv_str(c.view, "zip_entry", p.name);
		}
		list = tv_list(c.view, "problems");
		for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
			tv_push_str(list, errs.msg[i]);
		package_view(&c, scp);
		ctx_render(&c, 400, "studio_zip");
		goto out;
	}
	ctx_done(&c, r, changed ? FLASH_PACKAGE_IMPORTED :
	    FLASH_PACKAGE_UNCHANGED, arena_printf(c.dc.a,
	    "/studio/courses/%s", got != NULL ? got : ""));
out:
	return (ctx_end(&c));
}
