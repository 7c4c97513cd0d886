/*
 * studio.c: the course studio's rules and actions (studio.h): the rule
 * table of who may do what, the new-course package, the outline's
 * operations on a package in memory, the team and the archive mark.
 * Every change of content is saved as a new version through the
 * import's path (pkg_load of the rewritten course.yaml, the case check,
 * course_store_version_in) in one transaction.
 *
 * Never: SQL (store only), Kore headers, a course table written by a
 * side road (only course_store_version_in writes the content tables).
 */
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/course.h"
#include "domain/course_int.h"
#include "domain/package.h"
#include "domain/policy.h"
#include "domain/studio.h"
#include "domain/taxonomy.h"
#include "domain/validate.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "store/st_courses.h"
#include "store/st_studio.h"
#include "store/store.h"
#include "web/i18n.h"

#ifndef N_
#define N_(s)	(s)
#endif

/*
 * The rule table: what each role may do. Reviewers look and approve;
 * translators look and translate; authors edit the outline and the
 * text and submit for review; owners also manage the team, archive and
 * publish; admins may do everything.
 */
static const unsigned char rules[STUDIO_NROLES][STUDIO_NACTS] = {
	/*		   open outline text translate team archive
	 *		   submit approve publish */
	[STUDIO_NONE]	    = { 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	[STUDIO_REVIEWER]   = { 1, 0, 0, 0, 0, 0, 0, 1, 0 },
	[STUDIO_TRANSLATOR] = { 1, 0, 0, 1, 0, 0, 0, 0, 0 },
	[STUDIO_AUTHOR]	    = { 1, 1, 1, 1, 0, 0, 1, 0, 0 },
	[STUDIO_OWNER]	    = { 1, 1, 1, 1, 1, 1, 1, 1, 1 },
	[STUDIO_ADMIN]	    = { 1, 1, 1, 1, 1, 1, 1, 1, 1 }
};

static const char *const role_names[STUDIO_NROLES] = {
	[STUDIO_REVIEWER] = "reviewer",
	[STUDIO_TRANSLATOR] = "translator",
	[STUDIO_AUTHOR] = "author",
	[STUDIO_OWNER] = "owner"
};

static const char *const role_labels[STUDIO_NROLES] = {
	[STUDIO_NONE] = N_("No role"),
	[STUDIO_REVIEWER] = N_("Reviewer"),
	[STUDIO_TRANSLATOR] = N_("Translator"),
	[STUDIO_AUTHOR] = N_("Author"),
	[STUDIO_OWNER] = N_("Owner"),
	[STUDIO_ADMIN] = N_("Administrator")
};

const char *const studio_team_roles[] = {
	"owner", "author", "translator", "reviewer", NULL
};

const char *const studio_licences[] = {
	"CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC0-1.0", NULL
};

static const char *const ui_langs[] = { I18N_LANGS, NULL };

static const struct {
	const char	*name;
	enum studio_op	 op;
} op_names[] = {
	{ "module-add", SOP_MODULE_ADD },
	{ "module-rename", SOP_MODULE_RENAME },
	{ "module-up", SOP_MODULE_UP },
	{ "module-down", SOP_MODULE_DOWN },
	{ "module-remove", SOP_MODULE_REMOVE },
	{ "lesson-add", SOP_LESSON_ADD },
	{ "lesson-rename", SOP_LESSON_RENAME },
	{ "lesson-up", SOP_LESSON_UP },
	{ "lesson-down", SOP_LESSON_DOWN },
	{ "lesson-remove", SOP_LESSON_REMOVE },
	{ "lesson-required", SOP_LESSON_REQUIRED },
	{ "completion", SOP_COMPLETION },
	{ NULL, SOP_NONE }
};

static enum studio_role	 role_of(struct dctx *, int64_t);
static enum studio_role	 role_lookup(struct dctx *, int64_t, int);
static int		 members_build(struct db *);
static int		 maybe_member(struct dctx *, int64_t);
static int		 ui_lang_ok(const char *);
static int		 list_has(const struct pkg_list *, const char *);
static int		 tag_ok(enum tax_kind, const char *);
static int		 value_ok(const char *);
static int		 principle_ok(const char *);
static int		 area_ok(const char *);
static void		 split_list(struct arena *, const char *,
			    struct pkg_list *);
static struct pkg_i18n	 i18n_all(struct arena *, const struct pkg_list *,
			    const char *);
static void		 i18n_rename(struct arena *, struct pkg_i18n *,
			    const char *, const char *, const char *);
static int		 module_find(const struct course_pkg *, const char *);
static int		 lesson_find(const struct course_pkg *, const char *,
			    size_t *, size_t *);
static const char	*lesson_id_new(struct arena *,
			    const struct course_pkg *, const char *);
static const char	*module_id_new(struct arena *,
			    const struct course_pkg *);
static void		 lesson_init(struct arena *, const struct course_pkg *,
			    struct pkg_files *, struct pkg_lesson *,
			    const char *, const char *, const char *);
static void		 lesson_files_drop(struct arena *,
			    const struct course_pkg *, struct pkg_files *,
			    const struct pkg_lesson *);
static int		 lesson_insert(struct arena *, struct pkg_module *,
			    size_t, const struct pkg_lesson *);
static void		 lesson_cut(struct pkg_module *, size_t);
static enum result	 save(struct dctx *, struct studio_course *,
			    const char *, struct pkg_errors *);
static enum result	 fail(struct form_errors *, const char *,
			    const char *);

int
studio_role_may(enum studio_role r, enum studio_act a)
{
	if ((int)r < 0 || r >= STUDIO_NROLES || (int)a < 0 ||
	    a >= STUDIO_NACTS)
		return (0);
	return (rules[r][a]);
}

enum studio_role
studio_role_parse(const char *name)
{
	int	i;

	for (i = 0; name != NULL && i < STUDIO_NROLES; i++)
		if (role_names[i] != NULL && strcmp(role_names[i], name) == 0)
			return ((enum studio_role)i);
	return (STUDIO_NONE);
}

const char *
studio_role_name(enum studio_role r)
{
	if ((int)r < 0 || r >= STUDIO_NROLES)
		return (NULL);
	return (role_names[r]);
}

const char *
studio_role_label(enum studio_role r)
{
	if ((int)r < 0 || r >= STUDIO_NROLES)
		return (role_labels[STUDIO_NONE]);
	return (role_labels[r]);
}

int
studio_may_create(const struct user *u)
{
	return (u != NULL && (policy_can(u, ACT_COURSE_ADMIN) ||
	    policy_can(u, ACT_COURSE_AUTHOR)));
}

enum studio_op
studio_op_parse(const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && op_names[i].name != NULL; i++)
		if (strcmp(op_names[i].name, name) == 0)
			return (op_names[i].op);
	return (SOP_NONE);
}

/*
 * Who is on some course's team, kept until the content version moves
 * (course_team moves it, migration 0024): the lesson page asks each
 * signed-in reader's role, and most are on no team, so most ask nothing.
 */
static struct {
	struct dctx_snapshot	 snap;
	struct arena		*a;
	struct team_member_row	*rows;
	size_t			 n;
} on_teams;

/* Loads the members (dctx_snapshot_sync). 0, or -1. */
static int
members_build(struct db *db)
{
	arena_free(on_teams.a);
	on_teams.a = arena_new();
	on_teams.rows = NULL;
	on_teams.n = 0;
	return (store_team_members(db, on_teams.a, &on_teams.rows,
	    &on_teams.n) == STORE_OK ? 0 : -1);
}

/* 0 when user_id is on no course's team, else 1 (also when unsure). */
static int
maybe_member(struct dctx *dc, int64_t user_id)
{
	size_t	lo, hi, mid;

	if (dctx_snapshot_sync(dc, &on_teams.snap, members_build) == -1)
		return (1);
	lo = 0;
	hi = on_teams.n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (on_teams.rows[mid].user_id < user_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < on_teams.n && on_teams.rows[lo].user_id == user_id);
}

/* The actor's role on course_id: admin, team role, listed author. */
static enum studio_role
role_of(struct dctx *dc, int64_t course_id)
{
	return (role_lookup(dc, course_id, 1));
}

/* role_of, asking the per-worker list of members first when cached. */
static enum studio_role
role_lookup(struct dctx *dc, int64_t course_id, int cached)
{
	char	*role;

	if (dc->user == NULL)
		return (STUDIO_NONE);
	if (policy_can(dc->user, ACT_COURSE_ADMIN))
		return (STUDIO_ADMIN);
	if ((!cached || maybe_member(dc, dc->user->id)) &&
	    store_team_role(dc->db, dc->a, course_id, dc->user->id, &role) ==
	    STORE_OK)
		return (studio_role_parse(role));
	if (policy_can(dc->user, ACT_COURSE_AUTHOR) &&
	    store_course_author_check(dc->db, course_id, dc->user->email) ==
	    STORE_OK)
		return (STUDIO_AUTHOR);
	return (STUDIO_NONE);
}

int
studio_user_may(struct dctx *dc, int64_t course_id, enum studio_act act)
{
	return (studio_role_may(role_of(dc, course_id), act));
}

int
studio_user_may_uncached(struct dctx *dc, int64_t course_id,
    enum studio_act act)
{
	return (studio_role_may(role_lookup(dc, course_id, 0), act));
}

enum result
studio_home(struct dctx *dc, const char *lang,
    struct studio_course_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	if (dc->user == NULL)
		return (RES_FORBIDDEN);
	return (result_from_store(store_studio_courses(dc->db, dc->a,
	    dc->user->id, dc->user->email, policy_can(dc->user,
	    ACT_COURSE_ADMIN), lang, STUDIO_COURSES_MAX, rows, n)));
}

enum result
studio_open(struct dctx *dc, const char *slug, enum studio_act act,
    struct studio_course *sc)
{
	struct course_ref	 c;
	struct course_file_row	*rows;
	struct pkg_errors	 errs;
	enum result		 r;
	size_t			 i, n;

	memset(sc, 0, sizeof(*sc));
	if ((r = course_find(dc, slug, &c)) != RES_OK)
		return (r);
	sc->role = role_of(dc, c.id);
	if (!studio_role_may(sc->role, STUDIO_OPEN))
		return (RES_NOT_FOUND);
	if (!studio_role_may(sc->role, act))
		return (RES_FORBIDDEN);
	sc->id = c.id;
	sc->slug = c.slug;
	sc->version = c.version;
	if (store_course_archived(dc->db, c.id, &sc->archived_at) != STORE_OK ||
	    store_course_files(dc->db, dc->a, c.version_id, 1, &rows, &n) !=
	    STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < n; i++)
		pkg_files_put(dc->a, &sc->files, rows[i].path, rows[i].data,
		    rows[i].len, rows[i].hash);
	pkg_errors_init(&errs, dc->a, "");
	if ((sc->pkg = pkg_load(dc->a, &sc->files, &errs)) == NULL)
		return (RES_INTERNAL);
	return (RES_OK);
}

static int
ui_lang_ok(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && ui_langs[i] != NULL; i++)
		if (strcmp(ui_langs[i], s) == 0)
			return (1);
	return (0);
}

static int
list_has(const struct pkg_list *l, const char *s)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return (1);
	return (0);
}

static int
tag_ok(enum tax_kind k, const char *s)
{
	return (taxonomy_find(k, s) != NULL);
}

static int
value_ok(const char *s)
{
	return (tag_ok(TAX_VALUE, s));
}

static int
principle_ok(const char *s)
{
	return (tag_ok(TAX_PRINCIPLE, s));
}

static int
area_ok(const char *s)
{
	return (tag_ok(TAX_POLICY_AREA, s));
}

static enum result
fail(struct form_errors *fe, const char *field, const char *msgid)
{
	form_error(fe, field, msgid);
	return (RES_INVALID);
}

int
studio_text_ok(struct form_errors *fe, const char *field, const char *v,
    size_t max, int nl)
{
	if (v == NULL || *v == '\0') {
		form_error(fe, field, N_("This field is required."));
		return (0);
	}
	if (!utf8_valid(v, strlen(v), nl) || utf8_chars(v) > max) {
		form_error(fe, field, nl ?
		    N_("Write at most 1000 characters of plain text.") :
		    N_("Write one line of at most 160 characters."));
		return (0);
	}
	return (1);
}

/* The comma-separated list s as a pkg_list (arena copies). */
static void
split_list(struct arena *a, const char *s, struct pkg_list *out)
{
	const char	*p, *e;
	size_t		 n;

	memset(out, 0, sizeof(*out));
	out->v = arena_alloc(a, (list_count(s) + 1) * sizeof(*out->v));
	for (p = s != NULL ? s : ""; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((n = (size_t)(e - p)) > 0)
			out->v[out->n++] = arena_strndup(a, p, n);
	}
}

/* The same text in every language of langs. */
static struct pkg_i18n
i18n_all(struct arena *a, const struct pkg_list *langs, const char *text)
{
	struct pkg_i18n	t;
	size_t		i;

	memset(&t, 0, sizeof(t));
	t.v = arena_alloc(a, (langs->n + 1) * sizeof(*t.v));
	for (i = 0; i < langs->n; i++) {
		t.v[i].lang = langs->v[i];
		t.v[i].text = arena_strdup(a, text);
	}
	t.n = langs->n;
	return (t);
}

/*
 * Sets the text of lang to text; when lang is the default language, the
 * other languages whose text was a copy of it (not translated yet)
 * follow.
 */
static void
i18n_rename(struct arena *a, struct pkg_i18n *t, const char *lang,
    const char *def, const char *text)
{
	const char	*old;
	size_t		 i;

	old = pkg_text(t, def, NULL);
	for (i = 0; i < t->n; i++) {
		if (strcmp(t->v[i].lang, lang) == 0 ||
		    (strcmp(lang, def) == 0 && strcmp(t->v[i].text, old) == 0))
			t->v[i].text = arena_strdup(a, text);
	}
}

struct pkg_i18n
studio_i18n_all(struct arena *a, const struct pkg_list *langs,
    const char *text)
{
	return (i18n_all(a, langs, text));
}

void
studio_i18n_set(struct arena *a, struct pkg_i18n *t, const char *lang,
    const char *def, const char *text)
{
	i18n_rename(a, t, lang, def, text);
}

static int
module_find(const struct course_pkg *p, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < p->nmodules; i++)
		if (strcmp(p->modules[i].id, id) == 0)
			return ((int)i);
	return (-1);
}

static int
lesson_find(const struct course_pkg *p, const char *id, size_t *mi,
    size_t *li)
{
	size_t	i, j;

	for (i = 0; id != NULL && i < p->nmodules; i++)
		for (j = 0; j < p->modules[i].nlessons; j++)
			if (strcmp(p->modules[i].lessons[j].id, id) == 0) {
				*mi = i;
				*li = j;
				return (0);
			}
	return (-1);
}

/* A fresh lesson id from the title's ASCII letters and digits, else
 * "lesson-N". */
static const char *
lesson_id_new(struct arena *a, const struct course_pkg *p,
    const char *title)
{
	char		 id[41];
	const char	*s;
	size_t		 n = 0, mi, li, k;

	for (s = title; *s != '\0' && n < sizeof(id) - 1; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			id[n++] = *s;
		else if (*s >= 'A' && *s <= 'Z')
			id[n++] = (char)(*s - 'A' + 'a');
		else if (n > 0 && id[n - 1] != '-')
			id[n++] = '-';
	}
	while (n > 0 && id[n - 1] == '-')
		n--;
	id[n] = '\0';
	if (n >= 2 && lesson_find(p, id, &mi, &li) == -1)
		return (arena_strdup(a, id));
	for (k = 1;; k++) {
		(void)snprintf(id, sizeof(id), "lesson-%zu", k);
		if (lesson_find(p, id, &mi, &li) == -1)
			return (arena_strdup(a, id));
	}
}

static const char *
module_id_new(struct arena *a, const struct course_pkg *p)
{
	char	id[16];
	size_t	k;

	for (k = p->nmodules + 1;; k++) {
		(void)snprintf(id, sizeof(id), "m%02zu", k);
		if (module_find(p, id) == -1)
			return (arena_strdup(a, id));
	}
}

/* A new lesson of module mid titled title (every language), with an
 * empty file per language. */
static void
lesson_init(struct arena *a, const struct course_pkg *p,
    struct pkg_files *files, struct pkg_lesson *l, const char *mid,
    const char *id, const char *title)
{
	char	hash[65];
	size_t	i;

	memset(l, 0, sizeof(*l));
	l->id = id;
	l->file = arena_printf(a, "%s/%s", mid, id);
	l->title = i18n_all(a, &p->languages, title);
	l->minutes = 10;
	l->required = 1;
	course_hash_hex("", 0, hash);
	for (i = 0; i < p->languages.n; i++)
		pkg_files_put(a, files, arena_printf(a, "%s.%s.md", l->file,
		    p->languages.v[i]), "", 0, hash);
}

/* Drops the lesson's Markdown files from the package. */
static void
lesson_files_drop(struct arena *a, const struct course_pkg *p,
    struct pkg_files *files, const struct pkg_lesson *l)
{
	const char	*path;
	size_t		 i, k;

	for (i = 0; i < p->languages.n; i++) {
		path = arena_printf(a, "%s.%s.md", l->file, p->languages.v[i]);
		for (k = 0; k < files->n; k++)
			if (strcmp(files->v[k].path, path) == 0) {
				files->v[k] = files->v[--files->n];
				break;
			}
	}
}

/* Inserts a copy of l at position at of m; -1 when m is full. */
static int
lesson_insert(struct arena *a, struct pkg_module *m, size_t at,
    const struct pkg_lesson *l)
{
	struct pkg_lesson	*nv;

	if (m->nlessons >= STUDIO_LESSONS_MAX)
		return (-1);
	nv = arena_alloc(a, (m->nlessons + 2) * sizeof(*nv));
	if (at > 0)
		memcpy(nv, m->lessons, at * sizeof(*nv));
	nv[at] = *l;
	if (m->nlessons > at)
		memcpy(nv + at + 1, m->lessons + at, (m->nlessons - at) *
		    sizeof(*nv));
	m->lessons = nv;
	m->nlessons++;
	return (0);
}

static void
lesson_cut(struct pkg_module *m, size_t at)
{
	memmove(m->lessons + at, m->lessons + at + 1, (m->nlessons - at - 1) *
	    sizeof(*m->lessons));
	m->nlessons--;
}

enum result
studio_outline_apply(struct arena *a, struct course_pkg *p,
    struct pkg_files *files, const struct studio_edit *e,
    struct form_errors *fe)
{
	struct pkg_module	*nm, *m, tmpm;
	struct pkg_lesson	 l, tmpl;
	const char		*lang, *mid;
	size_t			 mi = 0, li = 0;
	int			 k;

	lang = e->lang != NULL && *e->lang ? e->lang : p->default_language;
	switch (e->op) {
	case SOP_MODULE_ADD:
		if (p->nmodules >= STUDIO_MODULES_MAX)
			return (fail(fe, "title", N_("The course has as many "
			    "modules as it may have.")));
		if (!studio_text_ok(fe, "title", e->title, STUDIO_TITLE_MAX,
		    0) ||
		    !studio_text_ok(fe, "lesson_title", e->lesson_title,
		    STUDIO_TITLE_MAX, 0))
			return (RES_INVALID);
		if (e->track == NULL || taxonomy_find(TAX_TRACK, e->track) ==
		    NULL)
			return (fail(fe, "track", N_("Choose a track from the "
			    "list.")));
		nm = arena_alloc(a, (p->nmodules + 2) * sizeof(*nm));
		memcpy(nm, p->modules, p->nmodules * sizeof(*nm));
		m = &nm[p->nmodules];
		memset(m, 0, sizeof(*m));
		m->id = mid = module_id_new(a, p);
		m->track = arena_strdup(a, e->track);
		m->title = i18n_all(a, &p->languages, e->title);
		lesson_init(a, p, files, &l, mid, lesson_id_new(a, p,
		    e->lesson_title), e->lesson_title);
		(void)lesson_insert(a, m, 0, &l);
		p->modules = nm;
		p->nmodules++;
		return (RES_OK);
	case SOP_LESSON_ADD:
		if ((k = module_find(p, e->module)) == -1)
			return (RES_NOT_FOUND);
		m = &p->modules[k];
		if (!studio_text_ok(fe, "title", e->title, STUDIO_TITLE_MAX, 0))
			return (RES_INVALID);
		if (m->nlessons >= STUDIO_LESSONS_MAX)
			return (fail(fe, "title", N_("This module has as many "
			    "lessons as it may have.")));
		lesson_init(a, p, files, &l, m->id, lesson_id_new(a, p,
		    e->title), e->title);
		(void)lesson_insert(a, m, m->nlessons, &l);
		return (RES_OK);
	case SOP_MODULE_RENAME:
		if ((k = module_find(p, e->module)) == -1)
			return (RES_NOT_FOUND);
		if (!pkg_has_lang(p, lang))
			return (RES_NOT_FOUND);
		if (!studio_text_ok(fe, "title", e->title, STUDIO_TITLE_MAX, 0))
			return (RES_INVALID);
		i18n_rename(a, &p->modules[k].title, lang,
		    p->default_language, e->title);
		return (RES_OK);
	case SOP_LESSON_RENAME:
		if (lesson_find(p, e->lesson, &mi, &li) == -1 ||
		    !pkg_has_lang(p, lang))
			return (RES_NOT_FOUND);
		if (!studio_text_ok(fe, "title", e->title, STUDIO_TITLE_MAX, 0))
			return (RES_INVALID);
		i18n_rename(a, &p->modules[mi].lessons[li].title, lang,
		    p->default_language, e->title);
		return (RES_OK);
	case SOP_MODULE_UP:
	case SOP_MODULE_DOWN:
		if ((k = module_find(p, e->module)) == -1)
			return (RES_NOT_FOUND);
		if (e->op == SOP_MODULE_UP && k == 0)
			return (fail(fe, "outline", N_("This module is "
			    "already the first.")));
		if (e->op == SOP_MODULE_DOWN && (size_t)k + 1 == p->nmodules)
			return (fail(fe, "outline", N_("This module is "
			    "already the last.")));
		mi = e->op == SOP_MODULE_UP ? (size_t)k - 1 : (size_t)k + 1;
		tmpm = p->modules[k];
		p->modules[k] = p->modules[mi];
		p->modules[mi] = tmpm;
		return (RES_OK);
	case SOP_MODULE_REMOVE:
		if ((k = module_find(p, e->module)) == -1)
			return (RES_NOT_FOUND);
		if (p->nmodules == 1)
			return (fail(fe, "outline", N_("A course needs at "
			    "least one module: add another before removing "
			    "this one.")));
		m = &p->modules[k];
		for (li = 0; li < m->nlessons; li++)
			lesson_files_drop(a, p, files, &m->lessons[li]);
		memmove(p->modules + k, p->modules + k + 1, (p->nmodules -
		    (size_t)k - 1) * sizeof(*p->modules));
		p->nmodules--;
		return (RES_OK);
	case SOP_LESSON_UP:
	case SOP_LESSON_DOWN:
		if (lesson_find(p, e->lesson, &mi, &li) == -1)
			return (RES_NOT_FOUND);
		m = &p->modules[mi];
		if (e->op == SOP_LESSON_UP && li > 0) {
			tmpl = m->lessons[li];
			m->lessons[li] = m->lessons[li - 1];
			m->lessons[li - 1] = tmpl;
			return (RES_OK);
		}
		if (e->op == SOP_LESSON_DOWN && li + 1 < m->nlessons) {
			tmpl = m->lessons[li];
			m->lessons[li] = m->lessons[li + 1];
			m->lessons[li + 1] = tmpl;
			return (RES_OK);
		}
		/* At the edge of its module: into the next one over. */
		if ((e->op == SOP_LESSON_UP && mi == 0) ||
		    (e->op == SOP_LESSON_DOWN && mi + 1 == p->nmodules))
			return (fail(fe, "outline", e->op == SOP_LESSON_UP ?
			    N_("This lesson is already the first.") :
			    N_("This lesson is already the last.")));
		if (m->nlessons == 1)
			return (fail(fe, "outline", N_("A module needs at "
			    "least one lesson: this one cannot leave its "
			    "module.")));
		nm = &p->modules[e->op == SOP_LESSON_UP ? mi - 1 : mi + 1];
		tmpl = m->lessons[li];
		if (lesson_insert(a, nm, e->op == SOP_LESSON_UP ?
		    nm->nlessons : 0, &tmpl) == -1)
			return (fail(fe, "outline", N_("The next module has as "
			    "many lessons as it may have.")));
		lesson_cut(m, li);
		return (RES_OK);
	case SOP_LESSON_REMOVE:
		if (lesson_find(p, e->lesson, &mi, &li) == -1)
			return (RES_NOT_FOUND);
		m = &p->modules[mi];
		if (m->nlessons == 1)
			return (fail(fe, "outline", N_("This is the only "
			    "lesson of its module: add another first, or "
			    "remove the module.")));
		lesson_files_drop(a, p, files, &m->lessons[li]);
		lesson_cut(m, li);
		return (RES_OK);
	case SOP_LESSON_REQUIRED:
		if (lesson_find(p, e->lesson, &mi, &li) == -1)
			return (RES_NOT_FOUND);
		p->modules[mi].lessons[li].required = e->required ? 1 : 0;
		return (RES_OK);
	case SOP_COMPLETION:
		p->required_all = e->required_all ? 1 : 0;
		p->quizzes_graded = e->quizzes_graded ? 1 : 0;
		return (RES_OK);
	case SOP_NONE:
		break;
	}
	return (RES_NOT_FOUND);
}

/*
 * Writes course.yaml from sc->pkg and stores the package as a new
 * version, read back and checked as an import is, in one transaction.
 */
static enum result
save(struct dctx *dc, struct studio_course *sc, const char *note,
    struct pkg_errors *errs)
{
	return (studio_save(dc, sc, note, errs, NULL, NULL));
}

enum result
studio_save(struct dctx *dc, struct studio_course *sc, const char *note,
    struct pkg_errors *errs, int (*also)(struct dctx *, void *), void *arg)
{
	struct course_pkg	*pkg;
	const char		*yaml;
	char			 hash[65];
	int64_t			 version, id;
	enum result		 r;
	int			 changed;

	yaml = studio_manifest(dc->a, sc->pkg);
	course_hash_hex(yaml, strlen(yaml), hash);
	pkg_files_put(dc->a, &sc->files, "course.yaml", yaml, strlen(yaml),
	    hash);
	if ((pkg = pkg_load(dc->a, &sc->files, errs)) == NULL ||
	    course_check_cases(dc, pkg, &sc->files, NULL, errs) > 0)
		return (RES_INVALID);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if ((r = course_store_version_in(dc, pkg, &sc->files, note, &version,
	    &changed, &id)) != RES_OK)
		return (dctx_abort(dc, r));
	if (also != NULL && also(dc, arg) == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
studio_outline_edit(struct dctx *dc, const char *slug,
    const struct studio_edit *e, struct form_errors *fe,
    struct pkg_errors *errs, int64_t *learners)
{
	struct studio_course	 sc;
	const struct pkg_module	*m;
	size_t			 mi, li, from, to, j;
	int64_t			 n;
	enum result		 r;
	int			 k;

	*learners = 0;
	if ((r = studio_open(dc, slug, STUDIO_OUTLINE, &sc)) != RES_OK)
		return (r);
	if (!e->confirm && (e->op == SOP_LESSON_REMOVE ||
	    e->op == SOP_MODULE_REMOVE)) {
		from = to = 0;
		m = NULL;
		if (e->op == SOP_LESSON_REMOVE &&
		    lesson_find(sc.pkg, e->lesson, &mi, &li) == 0) {
			m = &sc.pkg->modules[mi];
			from = li;
			to = li + 1;
		} else if (e->op == SOP_MODULE_REMOVE &&
		    (k = module_find(sc.pkg, e->module)) != -1) {
			m = &sc.pkg->modules[k];
			to = m->nlessons;
		}
		for (j = from; m != NULL && j < to; j++) {
			if (store_lesson_progress_count(dc->db, sc.slug,
			    m->lessons[j].id, &n) != STORE_OK)
				return (RES_INTERNAL);
			*learners += n;
		}
		if (*learners > 0)
			return (RES_CONFLICT);
	}
	if ((r = studio_outline_apply(dc->a, sc.pkg, &sc.files, e, fe)) !=
	    RES_OK)
		return (r);
	for (j = 0; op_names[j].name != NULL; j++)
		if (op_names[j].op == e->op)
			break;
	return (save(dc, &sc, arena_printf(dc->a, "studio %s %s",
	    op_names[j].name != NULL ? op_names[j].name : "",
	    e->lesson != NULL ? e->lesson : e->module != NULL ? e->module :
	    ""), errs));
}

enum result
studio_new_package(struct arena *a, const struct studio_new *in,
    const char *author, struct pkg_files *files, struct form_errors *fe)
{
	struct course_pkg	*p;
	struct pkg_module	*m;
	struct pkg_list		 langs;
	const char		*yaml, *def;
	char			 hash[65];
	size_t			 i;
	int			 ok = 1;

	memset(files, 0, sizeof(*files));
	if (in->slug == NULL || !str_of(in->slug, 2, 64, SLUG_CHARS) ||
	    in->slug[0] == '-') {
		form_error(fe, "slug", N_("Use 2 to 64 lower-case letters, "
		    "digits and hyphens."));
		ok = 0;
	}
	ok &= studio_text_ok(fe, "title", in->title, STUDIO_TITLE_MAX, 0);
	ok &= studio_text_ok(fe, "summary", in->summary, STUDIO_SUMMARY_MAX, 1);
	def = in->default_language;
	if (!ui_lang_ok(def)) {
		form_error(fe, "default_language", N_("Choose a language from "
		    "the list."));
		ok = 0;
	}
	if (in->languages != NULL && *in->languages != '\0' &&
	    !check_choices(fe, "languages", in->languages, STUDIO_LANGS_MAX,
	    ui_lang_ok, N_("Choose languages from the list.")))
		ok = 0;
	if (in->level == NULL || taxonomy_find(TAX_LEVEL, in->level) == NULL) {
		form_error(fe, "level", N_("Choose a level from the list."));
		ok = 0;
	}
	for (i = 0; studio_licences[i] != NULL; i++)
		if (in->licence != NULL && strcmp(in->licence,
		    studio_licences[i]) == 0)
			break;
	if (studio_licences[i] == NULL) {
		form_error(fe, "licence", N_("Choose a licence from the "
		    "list."));
		ok = 0;
	}
	if (in->values != NULL && *in->values != '\0' &&
	    !check_choices(fe, "values", in->values, STUDIO_TAGS_MAX,
	    value_ok, N_("Choose values from the list.")))
		ok = 0;
	if (in->principles != NULL && *in->principles != '\0' &&
	    !check_choices(fe, "principles", in->principles, STUDIO_TAGS_MAX,
	    principle_ok, N_("Choose principles from the list.")))
		ok = 0;
	if (in->policy_areas != NULL && *in->policy_areas != '\0' &&
	    !check_choices(fe, "policy_areas", in->policy_areas,
	    STUDIO_TAGS_MAX, area_ok, N_("Choose policy areas from the "
	    "list.")))
		ok = 0;
	if (in->track == NULL || taxonomy_find(TAX_TRACK, in->track) == NULL) {
		form_error(fe, "track", N_("Choose a track from the list."));
		ok = 0;
	}
	ok &= studio_text_ok(fe, "module_title", in->module_title,
	    STUDIO_TITLE_MAX, 0);
	ok &= studio_text_ok(fe, "lesson_title", in->lesson_title,
	    STUDIO_TITLE_MAX, 0);
	if (!ok)
		return (RES_INVALID);

	/* The languages: the default first, then the others in UI order. */
	split_list(a, in->languages, &langs);
	p = arena_alloc(a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	p->languages.v = arena_alloc(a, (STUDIO_LANGS_MAX + 1) *
	    sizeof(*p->languages.v));
	p->languages.v[p->languages.n++] = arena_strdup(a, def);
	for (i = 0; ui_langs[i] != NULL; i++) {
		if (strcmp(ui_langs[i], def) == 0)
			continue;
		if (list_has(&langs, ui_langs[i]))
			p->languages.v[p->languages.n++] = ui_langs[i];
	}
	p->slug = arena_strdup(a, in->slug);
	p->default_language = p->languages.v[0];
	p->title = i18n_all(a, &p->languages, in->title);
	p->summary = i18n_all(a, &p->languages, in->summary);
	p->level = arena_strdup(a, in->level);
	p->licence = arena_strdup(a, in->licence);
	p->authors = arena_alloc(a, sizeof(*p->authors));
	p->authors[0].name = arena_strdup(a, author != NULL && *author ?
	    author : in->title);
	p->authors[0].email = "";
	p->nauthors = 1;
	split_list(a, in->values, &p->values);
	split_list(a, in->principles, &p->principles);
	split_list(a, in->policy_areas, &p->policy_areas);
	p->required_all = 1;
	p->quizzes_graded = 1;
	p->modules = m = arena_alloc(a, 2 * sizeof(*m));
	memset(m, 0, sizeof(*m));
	m->id = "m01";
	m->track = arena_strdup(a, in->track);
	m->title = i18n_all(a, &p->languages, in->module_title);
	p->nmodules = 1;
	m->lessons = arena_alloc(a, 2 * sizeof(*m->lessons));
	lesson_init(a, p, files, &m->lessons[0], m->id, lesson_id_new(a, p,
	    in->lesson_title), in->lesson_title);
	m->nlessons = 1;
	p->minutes = m->lessons[0].minutes;
	yaml = studio_manifest(a, p);
	course_hash_hex(yaml, strlen(yaml), hash);
	pkg_files_put(a, files, "course.yaml", yaml, strlen(yaml), hash);
	return (RES_OK);
}

enum result
studio_create(struct dctx *dc, const struct studio_new *in,
    struct form_errors *fe, struct pkg_errors *errs)
{
	struct course_row	 c;
	struct pkg_files	 files;
	struct course_pkg	*pkg;
	int64_t			 version, id;
	enum result		 r;
	int			 changed, rc;

	if (!studio_may_create(dc->user))
		return (RES_FORBIDDEN);
	if ((r = studio_new_package(dc->a, in, dc->user->display_name,
	    &files, fe)) != RES_OK)
		return (r);
	memset(&c, 0, sizeof(c));
	if ((rc = store_course_by_slug(dc->db, dc->a, in->slug, &c)) ==
	    STORE_OK)
		return (fail(fe, "slug", N_("A course already has this "
		    "address; choose another.")));
	if (rc != STORE_NOT_FOUND)
		return (RES_INTERNAL);
	if ((pkg = pkg_load(dc->a, &files, errs)) == NULL)
		return (RES_INVALID);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if ((r = course_store_version_in(dc, pkg, &files, "studio create",
	    &version, &changed, &id)) != RES_OK)
		return (dctx_abort(dc, r));
	if (store_team_put(dc->db, id, dc->user->id, "owner", dc->now) !=
	    STORE_OK || audit_log(dc, 0, "course.team", "course", id,
	    arena_printf(dc->a, "%s owner %lld", pkg->slug,
	    (long long)dc->user->id)) == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
studio_team(struct dctx *dc, const char *slug, struct studio_course *sc,
    struct team_row **rows, size_t *n)
{
	enum result	r;

	*rows = NULL;
	*n = 0;
	if ((r = studio_open(dc, slug, STUDIO_OPEN, sc)) != RES_OK)
		return (r);
	return (result_from_store(store_team_list(dc->db, dc->a, sc->id,
	    STUDIO_TEAM_MAX, rows, n)));
}

enum result
studio_team_put(struct dctx *dc, const char *slug, const char *email,
    const char *role, struct form_errors *fe)
{
	struct studio_course	 sc;
	struct user_row		 u;
	char			*lc, *old;
	int64_t			 owners, members;
	enum result		 r;
	int			 rc;

	if ((r = studio_open(dc, slug, STUDIO_TEAM, &sc)) != RES_OK)
		return (r);
	if (studio_role_parse(role) == STUDIO_NONE)
		return (fail(fe, "role", N_("Choose a role from the list.")));
	if (email == NULL || *email == '\0')
		return (fail(fe, "email", N_("This field is required.")));
	lc = arena_strdup(dc->a, email);
	str_lower_ascii(lc);
	memset(&u, 0, sizeof(u));
	rc = store_user_by_email(dc->db, dc->a, lc, &u);
	if (rc == STORE_NOT_FOUND)
		return (fail(fe, "email", N_("No account uses this e-mail "
		    "address. Ask the person to register first, then add "
		    "them.")));
	if (rc != STORE_OK)
		return (RES_INTERNAL);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	rc = store_team_role(dc->db, dc->a, sc.id, u.id, &old);
	if (rc == STORE_NOT_FOUND) {
		if (store_team_count(dc->db, sc.id, NULL, &members) !=
		    STORE_OK)
			return (dctx_abort(dc, RES_INTERNAL));
		if (members >= STUDIO_TEAM_MAX)
			return (dctx_abort(dc, fail(fe, "email",
			    N_("The team has as many members as it may "
			    "have."))));
	} else if (rc != STORE_OK)
		return (dctx_abort(dc, RES_INTERNAL));
	else if (strcmp(old, "owner") == 0 && strcmp(role, "owner") != 0) {
		if (store_team_count(dc->db, sc.id, "owner", &owners) !=
		    STORE_OK)
			return (dctx_abort(dc, RES_INTERNAL));
		if (owners <= 1)
			return (dctx_abort(dc, fail(fe, "role",
			    N_("A course keeps at least one owner: make "
			    "someone else owner first."))));
	}
	if (store_team_put(dc->db, sc.id, u.id, role, dc->now) != STORE_OK ||
	    audit_log(dc, 0, "course.team", "course", sc.id,
	    arena_printf(dc->a, "%s %s %lld", sc.slug, role,
	    (long long)u.id)) == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
studio_team_remove(struct dctx *dc, const char *slug, int64_t user_id,
    struct form_errors *fe)
{
	struct studio_course	 sc;
	char			*old;
	int64_t			 owners;
	enum result		 r;
	int			 rc;

	if ((r = studio_open(dc, slug, STUDIO_TEAM, &sc)) != RES_OK)
		return (r);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	rc = store_team_role(dc->db, dc->a, sc.id, user_id, &old);
	if (rc == STORE_NOT_FOUND)
		return (dctx_abort(dc, RES_NOT_FOUND));
	if (rc != STORE_OK || store_team_count(dc->db, sc.id, "owner",
	    &owners) != STORE_OK)
		return (dctx_abort(dc, RES_INTERNAL));
	if (strcmp(old, "owner") == 0 && owners <= 1)
		return (dctx_abort(dc, fail(fe, "team", N_("A course keeps "
		    "at least one owner: make someone else owner first."))));
	if (store_team_remove(dc->db, sc.id, user_id) != STORE_OK ||
	    audit_log(dc, 0, "course.team", "course", sc.id,
	    arena_printf(dc->a, "%s removed %lld", sc.slug,
	    (long long)user_id)) == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
studio_archive(struct dctx *dc, const char *slug, int archive)
{
	struct studio_course	sc;
	enum result		r;

	if ((r = studio_open(dc, slug, STUDIO_ARCHIVE, &sc)) != RES_OK)
		return (r);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (store_course_archive_set(dc->db, sc.id, archive ? dc->now : 0) !=
	    STORE_OK || audit_log(dc, 0, archive ? "course.archive" :
	    "course.unarchive", "course", sc.id, sc.slug) == -1)
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}
