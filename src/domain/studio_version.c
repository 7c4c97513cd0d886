/*
 * studio_version.c: a course's versions in the studio (studio_version.h):
 * the paged list, the diff of two versions built from textdiff.c's hunks
 * (folded to a few lines of context, capped in files and lines), and the
 * rollback that stores an earlier version's files as a new version
 * through the import's path (pkg_load, the case check,
 * course_store_version_in) in one transaction, with an audit line.
 *
 * Never: SQL (store only), Kore headers, HTML (the page's template shows
 * the lines), or a version row changed or removed: history only grows.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_version.h"
#include "domain/textdiff.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "store/st_studio_version.h"
#include "store/store.h"

#ifndef N_
#define N_(s)	(s)
#endif

/* Building one diff: the lines so far and what is left of the cap. */
struct diff_out {
	struct arena		*a;
	struct studio_diff_line	*v;
	size_t			 n, cap;
	size_t			 budget;	/* lines left to show */
	size_t			 bytes;		/* bytes left to compare */
	int			 cut;
};

static int	path_cmp(const void *, const void *);
static int	version_files(struct dctx *, int64_t, struct course_file_row **,
		    size_t *);
static int	line_put(struct diff_out *, char, int64_t, int64_t,
		    const struct textdiff_line *, int64_t);
static void	file_lines(struct diff_out *, struct studio_diff_file *,
		    const struct course_file_row *,
		    const struct course_file_row *);

enum result
studio_versions(struct dctx *dc, const char *slug, int64_t before,
    struct studio_course *sc, struct version_row **rows, size_t *n,
    int64_t *older)
{
	enum result	r;

	*rows = NULL;
	*n = 0;
	*older = 0;
	if ((r = studio_open(dc, slug, STUDIO_OPEN, sc)) != RES_OK)
		return (r);
	if (before < 0)
		before = 0;
	/* One more than a page says whether there is a next one. */
	if (store_version_list(dc->db, dc->a, sc->id, before,
	    STUDIO_VERSIONS_PAGE + 1, rows, n) != STORE_OK)
		return (RES_INTERNAL);
	if (*n > STUDIO_VERSIONS_PAGE) {
		*n = STUDIO_VERSIONS_PAGE;
		*older = (*rows)[*n - 1].version;
	}
	return (RES_OK);
}

static int
path_cmp(const void *x, const void *y)
{
	const struct course_file_row	*a = x, *b = y;

	return (strcmp(a->path, b->path));
}

/* The files of the version with id, text loaded, sorted by path in
 * byte order (the backends' collations differ). 0, or -1. */
static int
version_files(struct dctx *dc, int64_t id, struct course_file_row **rows,
    size_t *n)
{
	if (store_course_files(dc->db, dc->a, id, 1, rows, n) != STORE_OK)
		return (-1);
	if (*n > 1)
		qsort(*rows, *n, sizeof(**rows), path_cmp);
	return (0);
}

/* Appends one line (or a fold of skip lines); 0 when the cap is hit. */
static int
line_put(struct diff_out *o, char op, int64_t old_no, int64_t new_no,
    const struct textdiff_line *l, int64_t skip)
{
	struct studio_diff_line	*nv;
	size_t			 ncap;

	if (o->budget == 0) {
		o->cut = 1;
		return (0);
	}
	if (o->n == o->cap) {
		ncap = o->cap ? o->cap * 2 : 32;
		nv = arena_alloc(o->a, ncap * sizeof(*nv));
		if (o->n > 0)
			memcpy(nv, o->v, o->n * sizeof(*nv));
		o->v = nv;
		o->cap = ncap;
	}
	o->v[o->n].op = op;
	o->v[o->n].old_no = old_no;
	o->v[o->n].new_no = new_no;
	o->v[o->n].text = l != NULL ? arena_strndup(o->a, l->text, l->len) :
	    "";
	o->v[o->n].skip = skip;
	o->n++;
	o->budget--;
	return (1);
}

/*
 * The line diff of a text file (old or new may be NULL: added, removed)
 * into f, unchanged stretches longer than twice STUDIO_DIFF_CONTEXT
 * folded; none (f->skipped) once the page's line or byte budget is
 * spent.
 */
static void
file_lines(struct diff_out *o, struct studio_diff_file *f,
    const struct course_file_row *old, const struct course_file_row *new)
{
	struct textdiff			 d;
	const struct textdiff_hunk	*h;
	size_t				 i, j, n, ctx = STUDIO_DIFF_CONTEXT;
	size_t				 show_head, show_tail, size;

	o->v = NULL;
	o->n = o->cap = 0;
	if ((old != NULL && old->len > TEXTDIFF_MAX_BYTES) ||
	    (new != NULL && new->len > TEXTDIFF_MAX_BYTES)) {
		f->too_large = 1;
		return;
	}
	size = (old != NULL ? old->len : 0) + (new != NULL ? new->len : 0);
	if (o->budget == 0 || size > o->bytes) {
		f->skipped = 1;
		o->cut = 1;
		return;
	}
	o->bytes -= size;
	if (textdiff_lines(old != NULL ? old->data : NULL, old != NULL ?
	    old->len : 0, new != NULL ? new->data : NULL, new != NULL ?
	    new->len : 0, &d) != TEXTDIFF_OK) {
		f->too_large = 1;
		return;
	}
	f->coarse = d.coarse;
	f->removed = (int64_t)d.removed;
	f->added = (int64_t)d.added;
	for (i = 0; i < d.nhunks; i++) {
		h = &d.hunks[i];
		n = h->n;
		if (h->op != TEXTDIFF_KEEP) {
			for (j = 0; j < n; j++) {
				if (h->op == TEXTDIFF_DEL ? !line_put(o, '-',
				    (int64_t)(h->a + j + 1), 0,
				    &d.old[h->a + j], 0) : !line_put(o, '+', 0,
				    (int64_t)(h->b + j + 1), &d.new[h->b + j],
				    0))
					goto out;
			}
			continue;
		}
		/* Context after the change before, and before the next. */
		show_head = i > 0 ? ctx : 0;
		show_tail = i + 1 < d.nhunks ? ctx : 0;
		if (show_head + show_tail >= n) {
			show_head = n;
			show_tail = 0;
		}
		for (j = 0; j < show_head; j++)
			if (!line_put(o, ' ', (int64_t)(h->a + j + 1),
			    (int64_t)(h->b + j + 1), &d.old[h->a + j], 0))
				goto out;
		if (show_head < n && n - show_head - show_tail > 0 &&
		    !line_put(o, ' ', 0, 0, NULL, (int64_t)(n - show_head -
		    show_tail)))
			goto out;
		for (j = n - show_tail; show_head < n && j < n; j++)
			if (!line_put(o, ' ', (int64_t)(h->a + j + 1),
			    (int64_t)(h->b + j + 1), &d.old[h->a + j], 0))
				goto out;
	}
out:
	f->lines = o->v;
	f->nlines = o->n;
	textdiff_free(&d);
}

enum result
studio_version_diff(struct dctx *dc, const char *slug, int64_t from,
    int64_t to, struct studio_course *sc, struct studio_diff *diff)
{
	struct course_file_row	*fa, *fb;
	struct studio_diff_file	*f;
	struct diff_out		 o;
	size_t			 na, nb, i, j, cap;
	enum result		 r;
	int			 rc, cmp;

	memset(diff, 0, sizeof(*diff));
	if ((r = studio_open(dc, slug, STUDIO_OPEN, sc)) != RES_OK)
		return (r);
	diff->from = arena_alloc(dc->a, sizeof(*diff->from));
	diff->to = arena_alloc(dc->a, sizeof(*diff->to));
	if ((rc = store_version_get(dc->db, dc->a, sc->id, from,
	    diff->from)) != STORE_OK ||
	    (rc = store_version_get(dc->db, dc->a, sc->id, to, diff->to)) !=
	    STORE_OK)
		return (result_from_store(rc));
	if (version_files(dc, diff->from->id, &fa, &na) == -1 ||
	    version_files(dc, diff->to->id, &fb, &nb) == -1)
		return (RES_INTERNAL);
	cap = na + nb < STUDIO_DIFF_FILES_MAX ? na + nb : STUDIO_DIFF_FILES_MAX;
	diff->files = arena_alloc(dc->a, (cap + 1) * sizeof(*diff->files));
	memset(&o, 0, sizeof(o));
	o.a = dc->a;
	o.budget = STUDIO_DIFF_LINES_MAX;
	o.bytes = STUDIO_DIFF_BYTES_MAX;
	i = j = 0;
	while (i < na || j < nb) {
		if (i < na && j < nb)
			cmp = strcmp(fa[i].path, fb[j].path);
		else
			cmp = i < na ? -1 : 1;
		if (cmp == 0 && strcmp(fa[i].hash, fb[j].hash) == 0) {
			i++;
			j++;
			continue;
		}
		if (diff->nfiles == STUDIO_DIFF_FILES_MAX) {
			diff->files_cut = 1;
			break;
		}
		f = &diff->files[diff->nfiles++];
		memset(f, 0, sizeof(*f));
		if (cmp == 0) {
			f->path = fb[j].path;
			f->change = SCHANGE_CHANGED;
			f->text = fa[i].data != NULL && fb[j].data != NULL;
			if (f->text)
				file_lines(&o, f, &fa[i], &fb[j]);
			i++;
			j++;
		} else if (cmp < 0) {
			f->path = fa[i].path;
			f->change = SCHANGE_REMOVED;
			if ((f->text = fa[i].data != NULL))
				file_lines(&o, f, &fa[i], NULL);
			i++;
		} else {
			f->path = fb[j].path;
			f->change = SCHANGE_ADDED;
			if ((f->text = fb[j].data != NULL))
				file_lines(&o, f, NULL, &fb[j]);
			j++;
		}
	}
	diff->lines_cut = o.cut;
	return (RES_OK);
}

enum result
studio_rollback(struct dctx *dc, const char *slug, int64_t version,
    struct form_errors *fe, struct pkg_errors *errs, int64_t *made)
{
	struct studio_course	 sc;
	struct version_row	 v;
	struct course_file_row	*rows;
	struct pkg_files	 files;
	struct course_pkg	*pkg;
	const char		*note;
	size_t			 i, n;
	int64_t			 id;
	enum result		 r;
	int			 rc, changed;

	*made = 0;
	if ((r = studio_open(dc, slug, STUDIO_OUTLINE, &sc)) != RES_OK)
		return (r);
	memset(&v, 0, sizeof(v));
	if ((rc = store_version_get(dc->db, dc->a, sc.id, version, &v)) !=
	    STORE_OK)
		return (result_from_store(rc));
	if (version == sc.version) {
		form_error(fe, "version", N_("This is already the newest "
		    "version."));
		return (RES_INVALID);
	}
	if (store_course_files(dc->db, dc->a, v.id, 1, &rows, &n) != STORE_OK)
		return (RES_INTERNAL);
	memset(&files, 0, sizeof(files));
	for (i = 0; i < n; i++)
		pkg_files_put(dc->a, &files, rows[i].path, rows[i].data,
		    rows[i].len, rows[i].hash);
	if ((pkg = pkg_load(dc->a, &files, errs)) == NULL ||
	    course_check_cases(dc, pkg, &files, NULL, errs) > 0)
		return (RES_INVALID);
	note = arena_printf(dc->a, "rolled back to %lld", (long long)version);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if ((r = course_store_version_in(dc, pkg, &files, note, made,
	    &changed, &id)) != RES_OK)
		return (dctx_abort(dc, r));
	if (!changed) {
		form_error(fe, "version", N_("The newest version already has "
		    "the files of this one."));
		return (dctx_abort(dc, RES_INVALID));
	}
	if (audit_log(dc, 0, "course.rollback", "course", sc.id,
	    arena_printf(dc->a, "%s v%lld to v%lld", sc.slug,
	    (long long)*made, (long long)version)) == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}
