/*
 * studio_translate.c: translating a course in the studio
 * (studio_translate.h): the state of each lesson translation from the
 * digests, the languages × lessons table, the editor's load and save,
 * the confirmation, and adding a language to a course. Saves go through
 * studio_save() (the import's path) with the translation's record in the
 * same transaction.
 *
 * Never: SQL (store only), Kore headers, a change to the source
 * language's text or to the outline from a translator's save.
 */
#include <string.h>

#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/package.h"
#include "domain/studio.h"
#include "domain/studio_translate.h"
#include "domain/textdiff.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "store/st_courses.h"
#include "store/st_studio_tr.h"
#include "store/store.h"
#include "web/i18n.h"

#ifndef N_
#define N_(s)	(s)
#endif

static const char *const state_names[] = {
	[STUDIO_TR_MISSING] = "missing",
	[STUDIO_TR_CURRENT] = "current",
	[STUDIO_TR_OUTDATED] = "outdated"
};

static const char *const state_labels[] = {
	[STUDIO_TR_MISSING] = N_("Missing"),
	[STUDIO_TR_CURRENT] = N_("Up to date"),
	[STUDIO_TR_OUTDATED] = N_("Outdated")
};

static const char *const ui_langs[] = { I18N_LANGS, NULL };

/* What the save records, inside studio_save's transaction. */
struct record {
	int64_t		 course_id;
	const char	*lesson;
	const char	*lang;
	const char	*hash;
};

static const char	*recorded(const struct tr_row *, size_t,
			    const char *, const char *);
static const struct pkg_file *lesson_file(struct arena *,
			    const struct pkg_files *,
			    const struct pkg_lesson *, const char *);
static int		 record_put(struct dctx *, void *);
static void		 i18n_set(struct arena *, struct pkg_i18n *,
			    const char *, const char *);
static void		 i18n_copy(struct arena *, struct pkg_i18n *,
			    const char *, const char *);

enum studio_tr_state
studio_tr_state(size_t len, const char *rec, const char *source)
{
	if (len == 0)
		return (STUDIO_TR_MISSING);
	if (rec != NULL && source != NULL && strcmp(rec, source) == 0)
		return (STUDIO_TR_CURRENT);
	return (STUDIO_TR_OUTDATED);
}

const char *
studio_tr_state_name(enum studio_tr_state s)
{
	if ((int)s < 0 || s > STUDIO_TR_OUTDATED)
		return ("");
	return (state_names[s]);
}

const char *
studio_tr_state_label(enum studio_tr_state s)
{
	if ((int)s < 0 || s > STUDIO_TR_OUTDATED)
		return ("");
	return (state_labels[s]);
}

/* The recorded source hash of lesson in lang, or NULL. */
static const char *
recorded(const struct tr_row *recs, size_t n, const char *lesson,
    const char *lang)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(recs[i].item, lesson) == 0 &&
		    strcmp(recs[i].lang, lang) == 0)
			return (recs[i].source_hash);
	return (NULL);
}

/* The lesson's file in lang, or NULL. */
static const struct pkg_file *
lesson_file(struct arena *a, const struct pkg_files *files,
    const struct pkg_lesson *l, const char *lang)
{
	return (pkg_files_get(files, arena_printf(a, "%s.%s.md", l->file,
	    lang)));
}

void
studio_tr_table_build(struct arena *a, const struct course_pkg *p,
    const struct pkg_files *files, const struct tr_row *recs, size_t nrecs,
    const char *lang, struct studio_tr_table *t)
{
	const struct pkg_lesson	*l;
	const struct pkg_file	*src, *f;
	struct studio_tr_row	*r;
	size_t			 i, j, k, n = 0;

	memset(t, 0, sizeof(*t));
	t->langs = arena_alloc(a, (p->languages.n + 1) * sizeof(*t->langs));
	for (i = 0; i < p->languages.n; i++)
		if (strcmp(p->languages.v[i], p->default_language) != 0)
			t->langs[t->nlangs++] = p->languages.v[i];
	for (i = 0; i < p->nmodules; i++)
		n += p->modules[i].nlessons;
	t->rows = arena_alloc(a, (n + 1) * sizeof(*t->rows));
	for (i = 0; i < p->nmodules; i++) {
		for (j = 0; j < p->modules[i].nlessons; j++) {
			l = &p->modules[i].lessons[j];
			r = &t->rows[t->nrows++];
			r->lesson = l->id;
			r->title = pkg_text(&l->title, lang,
			    p->default_language);
			r->title_lang = pkg_text_lang(&l->title, lang,
			    p->default_language);
			r->module = (int)i;
			r->cells = arena_alloc(a, (t->nlangs + 1) *
			    sizeof(*r->cells));
			src = lesson_file(a, files, l, p->default_language);
			for (k = 0; k < t->nlangs; k++) {
				f = lesson_file(a, files, l, t->langs[k]);
				r->cells[k] = studio_tr_state(f != NULL ?
				    f->len : 0, recorded(recs, nrecs, l->id,
				    t->langs[k]), src != NULL ? src->hash :
				    NULL);
			}
		}
	}
}

enum result
studio_tr_table(struct dctx *dc, const char *slug, const char *lang,
    struct studio_course *sc, struct studio_tr_table *t)
{
	struct tr_row	*recs;
	size_t		 n;
	enum result	 r;

	memset(t, 0, sizeof(*t));
	if ((r = studio_open(dc, slug, STUDIO_OPEN, sc)) != RES_OK)
		return (r);
	if (store_tr_list(dc->db, dc->a, sc->id, STUDIO_TR_RECORDS_MAX,
	    &recs, &n) != STORE_OK)
		return (RES_INTERNAL);
	studio_tr_table_build(dc->a, sc->pkg, &sc->files, recs, n, lang, t);
	return (RES_OK);
}

enum result
studio_tr_lesson_get(struct dctx *dc, const char *slug, const char *lesson,
    const char *lang, struct studio_course *sc, struct studio_tr_lesson *out)
{
	const struct pkg_lesson	*l;
	const struct pkg_file	*src, *f;
	struct tr_row		*recs;
	const char		*rec;
	char			*old;
	size_t			 n, len;
	enum result		 r;

	memset(out, 0, sizeof(*out));
	if ((r = studio_open(dc, slug, STUDIO_OPEN, sc)) != RES_OK)
		return (r);
	if ((l = pkg_lesson_find(sc->pkg, lesson, NULL)) == NULL ||
	    !pkg_has_lang(sc->pkg, lang) ||
	    strcmp(lang, sc->pkg->default_language) == 0)
		return (RES_NOT_FOUND);
	out->def = sc->pkg->default_language;
	out->source_title = pkg_text(&l->title, out->def, NULL);
	out->title = pkg_text(&l->title, lang, out->def);
	src = lesson_file(dc->a, &sc->files, l, out->def);
	f = lesson_file(dc->a, &sc->files, l, lang);
	out->source = src != NULL && src->data != NULL ? src->data : "";
	out->source_len = src != NULL && src->data != NULL ? src->len : 0;
	out->text = f != NULL && f->data != NULL ? f->data : "";
	out->text_len = f != NULL && f->data != NULL ? f->len : 0;
	out->may_edit = studio_role_may(sc->role, STUDIO_TRANSLATE);
	if (store_tr_list(dc->db, dc->a, sc->id, STUDIO_TR_RECORDS_MAX,
	    &recs, &n) != STORE_OK)
		return (RES_INTERNAL);
	rec = recorded(recs, n, l->id, lang);
	out->state = studio_tr_state(out->text_len, rec, src != NULL ?
	    src->hash : NULL);
	if (out->state == STUDIO_TR_OUTDATED && rec != NULL &&
	    store_course_blob_get(dc->db, dc->a, rec, &old, &len) ==
	    STORE_OK) {
		out->old_source = old;
		out->old_len = len;
		if (studio_tr_diff(dc->a, old, len, out->source,
		    out->source_len, &out->diff, &out->ndiff) == -1)
			out->diff_too_large = 1;
	}
	return (RES_OK);
}

int
studio_tr_diff(struct arena *a, const char *old, size_t oldlen,
    const char *new, size_t newlen, struct studio_tr_line **lines, size_t *n)
{
	struct textdiff			 d;
	const struct textdiff_hunk	*h;
	const struct textdiff_line	*ln;
	struct studio_tr_line		*out;
	size_t				 i, j, cap = 0, from, to;

	*lines = NULL;
	*n = 0;
	memset(&d, 0, sizeof(d));
	if (textdiff_lines(old, oldlen, new, newlen, &d) != TEXTDIFF_OK) {
		textdiff_free(&d);
		return (-1);
	}
	/* At most every line of both texts, and a gap per hunk. */
	cap = d.nold + d.nnew + d.nhunks + 1;
	out = arena_alloc(a, cap * sizeof(*out));
	for (i = 0; i < d.nhunks; i++) {
		h = &d.hunks[i];
		if (h->op != TEXTDIFF_KEEP) {
			for (j = 0; j < h->n; j++) {
				ln = h->op == TEXTDIFF_DEL ?
				    &d.old[h->a + j] : &d.new[h->b + j];
				out[*n].op = h->op == TEXTDIFF_DEL ?
				    STUDIO_TR_DEL : STUDIO_TR_ADD;
				out[(*n)++].text = arena_strndup(a, ln->text,
				    ln->len);
			}
			continue;
		}
		/* Kept: the lines next to a change, a gap for the rest. */
		from = i > 0 ? STUDIO_TR_CONTEXT : 0;
		to = i + 1 < d.nhunks ? STUDIO_TR_CONTEXT : 0;
		for (j = 0; j < h->n; j++) {
			if (j >= from && j + to < h->n) {
				if (j == from) {
					out[*n].op = STUDIO_TR_GAP;
					out[(*n)++].text = "";
				}
				continue;
			}
			ln = &d.new[h->b + j];
			out[*n].op = STUDIO_TR_KEEP;
			out[(*n)++].text = arena_strndup(a, ln->text, ln->len);
		}
	}
	*lines = out;
	textdiff_free(&d);
	return (0);
}

static int
record_put(struct dctx *dc, void *arg)
{
	struct record	*rec = arg;

	return (store_tr_put(dc->db, rec->course_id, rec->lesson, rec->lang,
	    rec->hash, dc->user != NULL ? dc->user->id : 0, dc->now) ==
	    STORE_OK ? 0 : -1);
}

/* Sets the text of lang in t (added when missing). */
static void
i18n_set(struct arena *a, struct pkg_i18n *t, const char *lang,
    const char *text)
{
	struct pkg_str	*nv;
	size_t		 i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].lang, lang) == 0) {
			t->v[i].text = arena_strdup(a, text);
			return;
		}
	nv = arena_alloc(a, (t->n + 1) * sizeof(*nv));
	if (t->n > 0)
		memcpy(nv, t->v, t->n * sizeof(*nv));
	nv[t->n].lang = arena_strdup(a, lang);
	nv[t->n].text = arena_strdup(a, text);
	t->v = nv;
	t->n++;
}

/* Gives lang a copy of def's text in t (when t has any text). */
static void
i18n_copy(struct arena *a, struct pkg_i18n *t, const char *lang,
    const char *def)
{
	if (t->n > 0)
		i18n_set(a, t, lang, pkg_text(t, def, NULL));
}

enum result
studio_tr_lesson_save(struct dctx *dc, const char *slug, const char *lesson,
    const char *lang, const struct studio_tr_edit *e, struct form_errors *fe,
    struct pkg_errors *errs)
{
	struct studio_course	 sc;
	struct pkg_lesson	*l;
	const struct pkg_file	*src, *f;
	struct record		 rec;
	const char		*path;
	char			 hash[65];
	size_t			 mi, li, len;
	enum result		 r;
	int			 found = 0;

	l = NULL;
	if ((r = studio_open(dc, slug, STUDIO_TRANSLATE, &sc)) != RES_OK)
		return (r);
	for (mi = 0; !found && mi < sc.pkg->nmodules; mi++)
		for (li = 0; !found && li < sc.pkg->modules[mi].nlessons;
		    li++)
			if (strcmp(sc.pkg->modules[mi].lessons[li].id,
			    lesson != NULL ? lesson : "") == 0) {
				l = &sc.pkg->modules[mi].lessons[li];
				found = 1;
			}
	if (!found || !pkg_has_lang(sc.pkg, lang) ||
	    strcmp(lang, sc.pkg->default_language) == 0)
		return (RES_NOT_FOUND);
	src = lesson_file(dc->a, &sc.files, l, sc.pkg->default_language);
	rec.course_id = sc.id;
	rec.lesson = l->id;
	rec.lang = lang;
	course_hash_hex("", 0, hash);
	rec.hash = src != NULL && src->hash != NULL ? src->hash :
	    arena_strdup(dc->a, hash);
	path = arena_printf(dc->a, "%s.%s.md", l->file, lang);
	if (e->confirm) {
		f = pkg_files_get(&sc.files, path);
		if (f == NULL || f->len == 0) {
			form_error(fe, "text", N_("There is no translation "
			    "to confirm yet: write it first."));
			return (RES_INVALID);
		}
		if (store_begin(dc->db) != STORE_OK)
			return (RES_INTERNAL);
		if (record_put(dc, &rec) == -1)
			return (dctx_abort(dc, RES_INTERNAL));
		return (dctx_commit(dc));
	}
	if (e->title == NULL || *e->title == '\0')
		form_error(fe, "title", N_("This field is required."));
	else if (!utf8_valid(e->title, strlen(e->title), 0) ||
	    utf8_chars(e->title) > STUDIO_TITLE_MAX)
		form_error(fe, "title", N_("Write one line of at most 160 "
		    "characters."));
	len = e->text != NULL ? strlen(e->text) : 0;
	if (len == 0)
		form_error(fe, "text", N_("This field is required."));
	else if (len > STUDIO_TR_TEXT_MAX || !utf8_valid(e->text, len, 1))
		form_error(fe, "text", N_("The text is too long, or not "
		    "plain text."));
	if (fe->n > 0)
		return (RES_INVALID);
	course_hash_hex(e->text, len, hash);
	pkg_files_put(dc->a, &sc.files, path, e->text, len, hash);
	i18n_set(dc->a, &l->title, lang, e->title);
	return (studio_save(dc, &sc, arena_printf(dc->a,
	    "studio translate %s %s", l->id, lang), errs, record_put, &rec));
}

enum result
studio_tr_lang_add(struct dctx *dc, const char *slug, const char *lang,
    struct form_errors *fe, struct pkg_errors *errs)
{
	struct studio_course	 sc;
	struct course_pkg	*p;
	struct pkg_module	*m;
	struct pkg_lesson	*l;
	const char		**nv;
	char			 hash[65];
	size_t			 i, j, k;
	enum result		 r;

	if ((r = studio_open(dc, slug, STUDIO_OUTLINE, &sc)) != RES_OK)
		return (r);
	p = sc.pkg;
	for (i = 0; ui_langs[i] != NULL; i++)
		if (lang != NULL && strcmp(ui_langs[i], lang) == 0)
			break;
	if (ui_langs[i] == NULL) {
		form_error(fe, "lang", N_("Choose a language from the "
		    "list."));
		return (RES_INVALID);
	}
	if (pkg_has_lang(p, lang)) {
		form_error(fe, "lang", N_("The course has this language "
		    "already."));
		return (RES_INVALID);
	}
	if (p->languages.n >= STUDIO_LANGS_MAX) {
		form_error(fe, "lang", N_("The course has as many languages "
		    "as it may have."));
		return (RES_INVALID);
	}
	for (i = 0; i < p->nmodules; i++)
		if (p->modules[i].quiz_file != NULL) {
			form_error(fe, "lang", N_("This course has quizzes: "
			    "add the language to their texts in the quiz "
			    "files first, then import the package."));
			return (RES_INVALID);
		}
	nv = arena_alloc(dc->a, (p->languages.n + 2) * sizeof(*nv));
	memcpy(nv, p->languages.v, p->languages.n * sizeof(*nv));
	nv[p->languages.n] = arena_strdup(dc->a, lang);
	p->languages.v = nv;
	p->languages.n++;
	i18n_copy(dc->a, &p->title, lang, p->default_language);
	i18n_copy(dc->a, &p->summary, lang, p->default_language);
	course_hash_hex("", 0, hash);
	for (i = 0; i < p->nmodules; i++) {
		m = &p->modules[i];
		i18n_copy(dc->a, &m->title, lang, p->default_language);
		for (j = 0; j < m->nlessons; j++) {
			l = &m->lessons[j];
			i18n_copy(dc->a, &l->title, lang,
			    p->default_language);
			for (k = 0; k < l->natt; k++)
				i18n_copy(dc->a, &l->att[k].title, lang,
				    p->default_language);
			pkg_files_put(dc->a, &sc.files, arena_printf(dc->a,
			    "%s.%s.md", l->file, lang), "", 0, hash);
		}
	}
	return (studio_save(dc, &sc, arena_printf(dc->a,
	    "studio language %s", lang), errs, NULL, NULL));
}
