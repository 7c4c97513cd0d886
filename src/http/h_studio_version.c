/*
 * h_studio_version.c: a course's versions in the studio (issue 16.6):
 * /studio/courses/SLUG/versions (the list, newest first, a page at a
 * time; its rollback form posts here) and /studio/courses/SLUG/diff
 * (what changed between two versions: the files, and the line diff of
 * text files, shown by templates/pages/studio_diff.html). Both work
 * without JavaScript; the domain (studio_version.c) decides who may do
 * what, and builds the diff.
 */
#include <kore/kore.h>
#include <kore/http.h>

#include <stdio.h>
#include <string.h>

#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_version.h"
#include "http/ctx.h"
#include "http/gate.h"
#include "http/h_studio.h"
#include "lib/mem.h"
#include "store/st_studio_version.h"
#include "web/i18n.h"
#include "web/tmpl.h"

int	page_studio_versions(struct http_request *);
int	page_studio_diff(struct http_request *);

static const char *const rollback_fields[] = { "version", NULL };

static const char	*version_slug(struct ctx *, const char *);
static void		 versions_view(struct ctx *, const char *, int64_t,
			    int);
static void		 diff_view(struct ctx *, const struct studio_course *,
			    const struct studio_diff *);

/* The SLUG of /studio/courses/SLUG/... (arena). */
static const char *
version_slug(struct ctx *c, const char *path)
{
	const char	*s, *e;

	s = path + sizeof("/studio/courses/") - 1;
	e = strchr(s, '/');
	return (arena_strndup(c->dc.a, s, e != NULL ? (size_t)(e - s) :
	    strlen(s)));
}

/* The list page (status 400 after a refused rollback). */
static void
versions_view(struct ctx *c, const char *slug, int64_t before, int status)
{
	struct studio_course	 sc;
	struct version_row	*rows;
	struct tv		*list, *it;
	size_t			 i, n;
	int64_t			 older;
	int			 can_rollback;

	if (!ctx_ok(c, studio_versions(&c->dc, slug, before, &sc, &rows, &n,
	    &older)))
		return;
	studio_page_head(c, &sc);
	can_rollback = studio_role_may(sc.role, STUDIO_OUTLINE);
	list = tv_list(c->view, "versions");
	for (i = 0; i < n; i++) {
		it = tv_push_map(list);
		tv_int(it, "n", rows[i].version);
		tv_str(it, "when", ctx_date(c, rows[i].created_at, 1));
		tv_str(it, "who", rows[i].created_by != 0 ?
		    rows[i].author : ctx_tr(c, N_("Operator tool")));
		tv_str(it, "note", rows[i].note);
		tv_bool(it, "newest", rows[i].version == sc.version);
		tv_bool(it, "has_previous", rows[i].version > 1);
		tv_int(it, "previous", rows[i].version - 1);
		tv_bool(it, "can_rollback", can_rollback &&
		    rows[i].version != sc.version);
	}
	tv_int(c->view, "older", older);
	tv_bool(c->view, "paged", before > 0);
	tv_int(c->view, "newest", sc.version);
	tv_int(c->view, "compare_from", sc.version > 1 ? sc.version - 1 : 1);
	tv_int(c->view, "page_max", STUDIO_VERSIONS_PAGE);
	ctx_title(c, N_("Versions"));
	ctx_render(c, status, "studio_versions");
}

/*
 * GET /studio/courses/SLUG/versions[?before=N]: the versions, newest
 * first; POST (op rollback, version N): makes version N's files the
 * newest version.
 */
int
page_studio_versions(struct http_request *req)
{
	struct ctx		 c;
	struct pkg_errors	 errs;
	struct tv		*list;
	const char		*slug, *op;
	int64_t			 made;
	enum result		 r;
	size_t			 i;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET | CTX_POST, GATE_USER))
		goto out;
	slug = version_slug(&c, req->path);
	if (!c.is_post) {
		versions_view(&c, slug, ctx_param_int(&c, "before", 1,
		    INT64_MAX, 0), 200);
		goto out;
	}
	op = ctx_param(&c, "op");
	if (op == NULL || strcmp(op, "rollback") != 0) {
		ctx_error(&c, 400);
		goto out;
	}
	pkg_errors_init(&errs, c.dc.a, "");
	r = studio_rollback(&c.dc, slug, ctx_param_int(&c, "version", 1,
	    INT64_MAX, 0), &c.fe, &errs, &made);
	if (r != RES_INVALID) {
		ctx_done(&c, r, FLASH_ROLLED_BACK, arena_printf(c.dc.a,
		    "/studio/courses/%s/versions", slug));
		goto out;
	}
	ctx_form(&c, &c.fe, rollback_fields);
	list = tv_list(c.view, "problems");
	for (i = 0; i < errs.n && i < PKG_MAX_ERRORS; i++)
		tv_push_str(list, errs.msg[i]);
	versions_view(&c, slug, 0, 400);
out:
	return (ctx_end(&c));
}

static void
diff_view(struct ctx *c, const struct studio_course *sc,
    const struct studio_diff *d)
{
	static const char *const change_names[] = {
		[SCHANGE_ADDED] = N_("Added"),
		[SCHANGE_REMOVED] = N_("Removed"),
		[SCHANGE_CHANGED] = N_("Changed")
	};
	const struct studio_diff_file	*f;
	const struct studio_diff_line	*l;
	struct tv			*files, *fv, *lines, *lv;
	size_t				 i, j;

	studio_page_head(c, sc);
	tv_int(c->view, "from", d->from->version);
	tv_int(c->view, "to", d->to->version);
	tv_str(c->view, "from_note", d->from->note);
	tv_str(c->view, "to_note", d->to->note);
	tv_bool(c->view, "files_cut", d->files_cut);
	tv_bool(c->view, "lines_cut", d->lines_cut);
	tv_int(c->view, "files_max", STUDIO_DIFF_FILES_MAX);
	tv_int(c->view, "lines_max", STUDIO_DIFF_LINES_MAX);
	files = tv_list(c->view, "files");
	for (i = 0; i < d->nfiles; i++) {
		f = &d->files[i];
		fv = tv_push_map(files);
		tv_str(fv, "path", f->path);
		tv_int(fv, "n", (int64_t)i + 1);
		tv_str(fv, "change", ctx_tr(c, change_names[f->change]));
		tv_bool(fv, "text", f->text);
		tv_bool(fv, "too_large", f->too_large);
		tv_bool(fv, "coarse", f->coarse);
		tv_bool(fv, "skipped", f->skipped);
		tv_int(fv, "removed", f->removed);
		tv_int(fv, "added", f->added);
		lines = tv_list(fv, "lines");
		for (j = 0; j < f->nlines; j++) {
			l = &f->lines[j];
			lv = tv_push_map(lines);
			tv_bool(lv, "fold", l->skip > 0);
			tv_int(lv, "skip", l->skip);
			tv_bool(lv, "del", l->op == '-');
			tv_bool(lv, "add", l->op == '+');
			tv_str(lv, "old_no", l->old_no > 0 ?
			    arena_printf(c->dc.a, "%lld",
			    (long long)l->old_no) : "");
			tv_str(lv, "new_no", l->new_no > 0 ?
			    arena_printf(c->dc.a, "%lld",
			    (long long)l->new_no) : "");
			tv_str(lv, "text", l->text);
		}
	}
	ctx_title(c, N_("Changes between two versions"));
}

/* GET /studio/courses/SLUG/diff?from=N&to=M: what changed. */
int
page_studio_diff(struct http_request *req)
{
	struct ctx		 c;
	struct studio_course	 sc;
	struct studio_diff	 d;
	const char		*slug;
	int64_t			 from, to;

	ctx_begin(&c, req);
	if (!gate(&c, CTX_GET, GATE_USER))
		goto out;
	slug = version_slug(&c, req->path);
	from = ctx_param_int(&c, "from", 1, INT64_MAX, 0);
	to = ctx_param_int(&c, "to", 1, INT64_MAX, 0);
	if (from == 0 || to == 0) {
		ctx_error(&c, 400);
		goto out;
	}
	if (!ctx_ok(&c, studio_version_diff(&c.dc, slug, from, to, &sc, &d)))
		goto out;
	diff_view(&c, &sc, &d);
	ctx_render(&c, 200, "studio_diff");
out:
	return (ctx_end(&c));
}
