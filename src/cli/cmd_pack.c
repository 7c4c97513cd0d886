/*
 * cmd_pack.c: `ethica course pack SLUG --lang LANG [--out FILE.zip |
 * --dir DIR]`: the offline edition of a course in one language, for a
 * classroom with no network or a learner on a prepaid plan. Static pages
 * (templates/offline/) of the outline, every lesson, every quiz (checked
 * in the browser by static/offline.js, answers never sent; without
 * JavaScript each question shows its answer on request), the course's
 * values, principles and policy areas, a printable version of all
 * lessons, and the course's media. Links between pages are relative, so
 * the edition works opened from a folder, a zip or a USB stick. Without
 * --out or --dir it goes to DATA/offline/SLUG.LANG.zip and is recorded, so
 * that the course page offers it for download; without --lang every
 * language of the course is packed so, and `--all` packs every course.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cli/cli.h"
#include "cli/pack.h"
#include "domain/case_ref.h"
#include "domain/cases.h"
#include "domain/course_offline.h"
#include "domain/course_view.h"
#include "domain/package.h"
#include "domain/quiz.h"
#include "domain/quiz_grade.h"
#include "domain/taxonomy.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "web/i18n.h"
#include "web/markdown.h"
#include "web/tmpl.h"

struct pack {
	struct opts		*o;
	struct dctx		 dc;
	struct tmpl_set		*ts;
	struct pack_out		 out;
	const char		*slug, *lang, *online, *made;
	const struct i18n_lang	*ui;
	struct course_page	 cp;
	struct tv		*print;		/* the printable version's lessons */
};

static struct tv	*page_view(struct pack *, const char *title);
static int		 page_write(struct pack *, struct tv *, const char *body,
			    const char *file);
static int		 add_share_file(struct pack *, const char *path,
			    const char *name);
static int		 write_index(struct pack *);
static int		 write_lesson(struct pack *, size_t);
static void		 lesson_parts(struct pack *, struct tv *,
			    const struct lesson_view *, const char *);
static int		 write_quiz(struct pack *, const char *quiz_id);
static size_t		*shown_order(struct pack *, const struct quiz_question *);
static void		 quiz_question(struct pack *, struct tv *,
			    const struct quiz_question *, size_t);
static int		 write_topics(struct pack *, struct tv *);
static int		 write_media(struct pack *);
static const char	*local_path(struct pack *, const char *);
static const char	*caption_src(struct pack *, const char *);
static int		 pack_run(struct pack *, const char *path, int as_dir);
static int		 pack_one(struct opts *, struct dctx *, const char *,
			    const char *, const char *, int);
static int		 pack_languages(struct opts *, struct dctx *,
			    const char *);
static int		 pack_all(struct opts *, struct dctx *);

/* The view every page starts from: language, course, edition facts. */
static struct tv *
page_view(struct pack *p, const char *title)
{
	struct tv	*v;

	v = tv_map(p->dc.a);
	tv_str(v, "lang", p->lang);
	tv_str(v, "dir", i18n_code_dir(p->lang));
	tv_str(v, "title", title);
	tv_str(v, "course_title", p->cp.o.title);
	tv_str(v, "slug", p->slug);
	tv_str(v, "online", p->online);
	tv_str(v, "made", p->made);
	tv_int(v, "version", p->cp.o.course.version);
	tv_str(v, "licence", p->cp.pkg->licence);
	return (v);
}

/* Renders body in the offline layout into file of the edition. */
static int
page_write(struct pack *p, struct tv *v, const char *body, const char *file)
{
	struct buf	 b;
	char		*copy;
	int		 rc;

	tv_tmpl(v, "page_body", body);
	buf_init(&b);
	rc = tmpl_render(p->ts, "offline/layout", v, p->ui, &b);
	if (rc == 0) {
		copy = arena_alloc(p->dc.a, b.len + 1);
		memcpy(copy, b.data, b.len);
		rc = pack_out_add(&p->out, file, copy, b.len);
	}
	buf_free(&b);
	if (rc == -1)
		return (cli_err("pack: could not write %s", file));
	return (0);
}

/* Copies SHARE/path into the edition as name. */
static int
add_share_file(struct pack *p, const char *path, const char *name)
{
	FILE	*f;
	char	*data;
	long	 len;
	int	 ok;

	path = arena_printf(p->dc.a, "%s/%s", p->o->share, path);
	if ((f = fopen(path, "rb")) == NULL)
		return (cli_err("pack: cannot read %s", path));
	ok = fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    len < 1024 * 1024 && fseek(f, 0, SEEK_SET) == 0;
	if (ok) {
		data = arena_alloc(p->dc.a, (size_t)len + 1);
		ok = fread(data, 1, (size_t)len, f) == (size_t)len;
	}
	(void)fclose(f);
	if (!ok || pack_out_add(&p->out, name, data, (size_t)len) == -1)
		return (cli_err("pack: cannot copy %s", path));
	return (0);
}

static int
write_index(struct pack *p)
{
	const struct course_outline	*o = &p->cp.o;
	struct tv			*v, *mods, *m, *ls, *l;
	size_t				 i, k;

	v = page_view(p, o->title);
	tv_str(v, "summary", p->cp.summary);
	mods = tv_list(v, "modules");
	for (i = 0; i < o->nmodules; i++) {
		m = tv_push_map(mods);
		tv_str(m, "title", o->modules[i].title);
		ls = tv_list(m, "lessons");
		for (k = 0; k < o->modules[i].nlessons; k++) {
			l = tv_push_map(ls);
			tv_str(l, "key", o->lessons[o->modules[i].first + k].key);
			tv_int(l, "id", o->lessons[o->modules[i].first + k].id);
			tv_str(l, "title",
			    o->lessons[o->modules[i].first + k].title);
		}
		if (o->modules[i].quiz_id == NULL)
			continue;
		tv_str(m, "quiz_id", o->modules[i].quiz_id);
		for (k = 0; k < o->nquizzes; k++)
			if (strcmp(o->quizzes[k].id, o->modules[i].quiz_id) == 0)
				tv_str(m, "quiz_title", o->quizzes[k].title);
	}
	if (write_topics(p, v) == -1)
		return (-1);
	return (page_write(p, v, "offline/index", "index.html"));
}

/* The lesson's body: Markdown as rendered online (heading ids prefixed
 * with id_prefix unless NULL), case cards linking to the online case
 * library. */
static void
lesson_parts(struct pack *p, struct tv *v, const struct lesson_view *lv,
    const char *id_prefix)
{
	const struct case_card	*cd;
	struct tv		*list, *it, *card;
	size_t			 i;

	list = tv_list(v, "body");
	for (i = 0; i < lv->nparts; i++) {
		it = tv_push_map(list);
		if ((cd = lv->parts[i].card) == NULL) {
			tv_html(it, "html", id_prefix == NULL ?
			    lv->parts[i].html : markdown_prefix_ids(p->dc.a,
			    lv->parts[i].html, id_prefix));
			continue;
		}
		card = tv_child(it, "card");
		case_card_tv(card, cd);
		tv_str(card, "href", arena_printf(p->dc.a, "%s/cases/%s",
		    p->online, cd->slug));
	}
}

/*
 * The captions at path as a data: URL: a browser fetches no <track> of
 * another origin, and a page opened from a file is its own origin, so a
 * caption file beside it would never load. The file stays in media/ for
 * download too. Falls back to path when it cannot be read.
 */
static const char *
caption_src(struct pack *p, const char *path)
{
	const char	*data, *type, *etag;
	size_t		 len, blen;
	char		*b64;

	if (course_media(&p->dc, p->slug, path, &data, &len, &type, &etag) !=
	    RES_OK)
		return (path);
	blen = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
	b64 = arena_alloc(p->dc.a, blen);
	sodium_bin2base64(b64, blen, (const unsigned char *)data, len,
	    sodium_base64_VARIANT_ORIGINAL);
	return (arena_printf(p->dc.a, "data:text/vtt;base64,%s", b64));
}

/* A path of the package from the lesson view's "/courses/SLUG/media/x". */
static const char *
local_path(struct pack *p, const char *url)
{
	const char	*pre;
	size_t		 n;

	pre = arena_printf(p->dc.a, "/courses/%s/", p->slug);
	n = strlen(pre);
	return (strncmp(url, pre, n) == 0 ? url + n : url);
}

static int
write_lesson(struct pack *p, size_t i)
{
	const struct course_outline_lesson *ol = &p->cp.o.lessons[i];
	struct lesson_view	 lv;
	struct tv		*v, *pr, *vid, *l, *it;
	size_t			 k;

	if (course_lesson_view(&p->dc, p->slug, ol->key, p->lang, &lv) !=
	    RES_OK)
		return (cli_err("pack: cannot read lesson %s", ol->key));
	v = page_view(p, lv.title);
	tv_str(v, "key", ol->key);
	tv_int(v, "lesson_id", ol->id);
	tv_str(v, "module_title", lv.module_title);
	tv_int(v, "index", (int64_t)lv.index);
	tv_int(v, "count", (int64_t)lv.count);
	tv_int(v, "minutes", lv.minutes);
	lesson_parts(p, v, &lv, NULL);
	if (lv.video_url != NULL) {
		vid = tv_child(v, "video");
		tv_bool(vid, "external", lv.video_external);
		tv_str(vid, "url", lv.video_external ? lv.video_url :
		    local_path(p, lv.video_url));
		l = tv_list(vid, "captions");
		for (k = 0; k < lv.ncaptions; k++) {
			it = tv_push_map(l);
			tv_str(it, "src", caption_src(p,
			    local_path(p, lv.captions[k].src)));
			tv_str(it, "lang", lv.captions[k].lang);
			tv_bool(it, "default",
			    strcmp(lv.captions[k].lang, p->lang) == 0);
		}
		l = tv_list(vid, "transcript");
		for (k = 0; k < lv.ntranscript; k++)
			tv_push_str(l, lv.transcript[k]);
	}
	l = tv_list(v, "attachments");
	for (k = 0; k < lv.natt; k++) {
		it = tv_push_map(l);
		tv_str(it, "title", lv.att[k].title);
		tv_str(it, "href", lv.att[k].file);
	}
	if (lv.prev_key != NULL) {
		tv_str(v, "prev_key", lv.prev_key);
		tv_str(v, "prev_title", lv.prev_title);
	}
	if (lv.next_key != NULL) {
		tv_str(v, "next_key", lv.next_key);
		tv_str(v, "next_title", lv.next_title);
	}
	/* The printable version gets the same body. */
	pr = tv_push_map(p->print);
	tv_str(pr, "key", ol->key);
	tv_str(pr, "title", lv.title);
	tv_str(pr, "module_title", lv.module_title);
	lesson_parts(p, pr, &lv, ol->key);
	return (page_write(p, v, "offline/lesson",
	    arena_printf(p->dc.a, "lesson-%s.html", ol->key)));
}

/*
 * The order the options of q are shown in: as listed, except for an
 * ordering question, whose listed order is the answer: shuffled then
 * (the same way on every run, never the answer itself).
 */
static size_t *
shown_order(struct pack *p, const struct quiz_question *q)
{
	size_t		*order, i, j, t;
	uint64_t	 st = 0;
	const char	*c;

	order = arena_alloc(p->dc.a, (q->noptions + 1) * sizeof(*order));
	for (i = 0; i < q->noptions; i++)
		order[i] = i;
	if (q->type != Q_ORDERING || q->noptions < 2)
		return (order);
	for (c = q->id; *c != '\0'; c++)
		st = st * 31 + (unsigned char)*c;
	for (i = q->noptions - 1; i > 0; i--) {
		j = (size_t)quiz_rng_below(&st, (uint64_t)i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < q->noptions && order[i] == i; i++)
		;
	if (i == q->noptions) {
		/* Shuffled into the answer: move the first item last. */
		t = order[0];
		memmove(order, order + 1, (q->noptions - 1) * sizeof(*order));
		order[q->noptions - 1] = t;
	}
	return (order);
}

/* One question of a quiz, with what the page's script needs to check it
 * and what a reader without JavaScript is shown on request. */
static void
quiz_question(struct pack *p, struct tv *list, const struct quiz_question *q,
    size_t pos)
{
	struct tv	*it, *opts, *o, *right, *np;
	struct buf	 b;
	size_t		 i, *order;

	it = tv_push_map(list);
	tv_int(it, "pos", (int64_t)pos);
	tv_str(it, "prompt", q->prompt);
	tv_str(it, "feedback", q->feedback);
	tv_str(it, "type", pkg_question_type_name(q->type));
	tv_bool(it, arena_printf(p->dc.a, "is_%s",
	    pkg_question_type_name(q->type)), 1);
	right = tv_list(it, "right");
	for (i = 0; i < q->noptions; i++)
		if (q->type == Q_ORDERING || q->options[i].correct)
			tv_push_str(right, q->options[i].text);
	order = shown_order(p, q);
	opts = tv_list(it, "options");
	for (i = 0; i < q->noptions; i++) {
		o = tv_push_map(opts);
		tv_str(o, "oid", q->options[order[i]].id);
		tv_str(o, "text", q->options[order[i]].text);
		tv_bool(o, "correct", q->options[order[i]].correct);
		tv_int(o, "position", (int64_t)order[i]);
	}
	if (q->type == Q_ORDERING) {
		np = tv_list(it, "positions");
		for (i = 1; i <= q->noptions; i++)
			tv_int(tv_push_map(np), "n", (int64_t)i);
	}
	if (q->type == Q_TRUEFALSE)
		tv_bool(it, "answer_true", q->answer_bool);
	if (q->type == Q_NUMERIC) {
		tv_str(it, "number", arena_printf(p->dc.a, "%.15g",
		    q->answer_num));
		tv_str(it, "tolerance", arena_printf(p->dc.a, "%.15g",
		    q->tolerance));
	}
	if (q->type == Q_TEXT) {
		buf_init(&b);
		for (i = 0; i < q->naccept; i++) {
			if (i > 0)
				buf_puts(&b, "\n");
			buf_puts(&b, q->accept[i]);
		}
		tv_str(it, "accept", arena_strndup(p->dc.a,
		    b.len > 0 ? b.data : "", b.len));
		buf_free(&b);
		if (q->naccept > 0)
			tv_push_str(right, q->accept[0]);
	}
}

static int
write_quiz(struct pack *p, const char *quiz_id)
{
	struct quiz	*q;
	struct tv	*v, *list, *ph;
	size_t		 i;

	if (course_quiz_load(&p->dc, p->slug, quiz_id, p->lang, &q) != RES_OK)
		return (cli_err("pack: cannot read quiz %s", quiz_id));
	v = page_view(p, q->title);
	tv_str(v, "quiz_id", q->id);
	tv_int(v, "pass_mark", q->pass_mark);
	tv_int(v, "nquestions", (int64_t)q->nquestions);
	/* The score line, its placeholders left for the script to fill. */
	ph = tv_child(v, "ph");
	tv_str(ph, "points", "{points}");
	tv_str(ph, "max", "{max}");
	tv_str(ph, "percent", "{percent}");
	tv_str(ph, "mark", "{mark}");
	list = tv_list(v, "questions");
	for (i = 0; i < q->nquestions; i++)
		quiz_question(p, list, &q->questions[i], i + 1);
	return (page_write(p, v, "offline/quiz",
	    arena_printf(p->dc.a, "quiz-%s.html", q->id)));
}

/* The course's values, principles and policy areas: a page each, listed
 * on the index in v. */
static int
write_topics(struct pack *p, struct tv *v)
{
	static const struct {
		enum tax_kind	 tk;
		const char	*kind;		/* case_topic's kind */
	} kinds[] = {
		{ TAX_VALUE, "value" },
		{ TAX_PRINCIPLE, "principle" },
		{ TAX_POLICY_AREA, "policy_area" },
	};
	const struct pkg_list	*lists[3];
	const struct tax_entry	*e;
	struct case_course_row	*co;
	struct tv		*list, *it, *pv;
	size_t			 k, i, nco;
	char			*md;
	const char		*file;

	lists[0] = &p->cp.pkg->values;
	lists[1] = &p->cp.pkg->principles;
	lists[2] = &p->cp.pkg->policy_areas;
	list = tv_list(v, "topics");
	for (k = 0; k < 3; k++) {
		for (i = 0; i < lists[k]->n; i++) {
			if ((e = taxonomy_find(kinds[k].tk, lists[k]->v[i])) ==
			    NULL)
				continue;
			if (case_topic(&p->dc, p->o->share, kinds[k].kind,
			    e->slug, p->lang, &md, &co, &nco) != RES_OK)
				return (cli_err("pack: cannot read %s %s",
				    kinds[k].kind, e->slug));
			file = arena_printf(p->dc.a, "%s-%s.html",
			    kinds[k].kind, e->slug);
			it = tv_push_map(list);
			tv_str(it, "name", i18n_gettext(p->ui, e->name));
			tv_str(it, "file", file);
			pv = page_view(p, i18n_gettext(p->ui, e->name));
			tv_str(pv, "href", arena_printf(p->dc.a, "%s/%s/%s",
			    p->online, kinds[k].tk == TAX_VALUE ? "values" :
			    kinds[k].tk == TAX_PRINCIPLE ? "principles" :
			    "policy-areas", e->slug));
			if (md != NULL)
				tv_html(pv, "text", markdown_render(p->dc.a,
				    md, strlen(md)));
			if (page_write(p, pv, "offline/topic", file) == -1)
				return (-1);
		}
	}
	return (0);
}

static int
write_media(struct pack *p)
{
	const char	**paths, *data, *type, *etag;
	size_t		  n, i, len;

	if (course_media_list(&p->dc, p->slug, &paths, &n) != RES_OK)
		return (cli_err("pack: cannot list the course's media"));
	for (i = 0; i < n; i++) {
		if (course_media(&p->dc, p->slug, paths[i], &data, &len, &type,
		    &etag) != RES_OK)
			return (cli_err("pack: cannot read %s", paths[i]));
		if (pack_out_add(&p->out, paths[i], data, len) == -1)
			return (cli_err("pack: cannot write %s", paths[i]));
	}
	return (0);
}

static int
pack_run(struct pack *p, const char *path, int as_dir)
{
	struct tv	*v;
	size_t		 i;
	char		 err[256], date[64];
	int		 rc = -1;

	switch (course_page(&p->dc, p->slug, p->lang, &p->cp)) {
	case RES_OK:
		break;
	case RES_NOT_FOUND:
		return (cli_err("pack: no course %s", p->slug));
	default:
		return (cli_err("pack: cannot read course %s", p->slug));
	}
	if (!pkg_has_lang(p->cp.pkg, p->lang))
		return (cli_err("pack: course %s has no text in %s", p->slug,
		    p->lang));
	p->ui = i18n_lang_get(p->lang);
	if (p->ui == NULL)
		p->ui = i18n_default();
	if (i18n_format_date(p->ui, (int64_t)time(NULL), "UTC", 0, date,
	    sizeof(date)) == -1)
		(void)snprintf(date, sizeof(date), "%lld",
		    (long long)time(NULL));
	p->made = arena_strdup(p->dc.a, date);
	if ((p->ts = tmpl_load(arena_printf(p->dc.a, "%s/templates",
	    p->o->share), err, sizeof(err))) == NULL)
		return (cli_err("pack: templates: %s", err));
	if (pack_out_open(&p->out, path, as_dir, arena_printf(p->dc.a,
	    "%s-%s", p->slug, p->lang)) == -1) {
		tmpl_free(p->ts);
		return (cli_err("pack: cannot create %s", path));
	}
	p->print = tv_list(tv_map(p->dc.a), "lessons");
	if (add_share_file(p, "static/ethica.css", "ethica.css") == -1 ||
	    add_share_file(p, "static/offline.js", "offline.js") == -1 ||
	    write_index(p) == -1)
		goto out;
	for (i = 0; i < p->cp.o.nlessons; i++)
		if (write_lesson(p, i) == -1)
			goto out;
	for (i = 0; i < p->cp.o.nmodules; i++)
		if (p->cp.o.modules[i].quiz_id != NULL &&
		    write_quiz(p, p->cp.o.modules[i].quiz_id) == -1)
			goto out;
	v = page_view(p, p->cp.o.title);
	tv_borrow(v, "lessons", p->print);
	if (page_write(p, v, "offline/print", "print.html") == -1 ||
	    write_media(p) == -1)
		goto out;
	rc = 0;
out:
	if (pack_out_close(&p->out, rc == 0) == -1 && rc == 0)
		rc = cli_err("pack: cannot finish %s", path);
	tmpl_free(p->ts);
	return (rc);
}

/*
 * Packs slug in lang with a fresh arena into path (a folder when as_dir),
 * or, when path is NULL, into DATA/offline/ and records it there for the
 * course page. 0, or 1 after an error message.
 */
static int
pack_one(struct opts *o, struct dctx *dc, const char *slug, const char *lang,
    const char *path, int as_dir)
{
	struct pack	 p;
	struct stat	 st;
	const char	*dir, *file;
	int		 rc = 1;

	memset(&p, 0, sizeof(p));
	p.o = o;
	p.dc = *dc;
	p.dc.a = arena_new();
	p.slug = slug;
	p.lang = lang;
	p.online = dc->public_url;
	file = path;
	if (file == NULL) {
		dir = arena_printf(p.dc.a, "%s/offline", o->data);
		if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
			(void)cli_err("pack: cannot create %s", dir);
			goto out;
		}
		if ((file = course_offline_file(p.dc.a, slug, lang)) == NULL) {
			(void)cli_err("pack: %s or %s is not a name for a file",
			    slug, lang);
			goto out;
		}
		file = arena_printf(p.dc.a, "%s/%s", dir, file);
	}
	if (pack_run(&p, file, as_dir) != 0)
		goto out;
	if (path == NULL && (stat(file, &st) == -1 ||
	    course_offline_record(&p.dc, slug, lang, (int64_t)st.st_size) !=
	    RES_OK)) {
		(void)cli_err("pack: %s written but not recorded", file);
		goto out;
	}
	printf("packed %s (%s) into %s\n", slug, lang, file);
	rc = 0;
out:
	arena_free(p.dc.a);
	return (rc);
}

/* Every language of slug into DATA/offline/. 0, or 1. */
static int
pack_languages(struct opts *o, struct dctx *dc, const char *slug)
{
	struct course_page	cp;
	size_t			i;
	int			rc = 0;

	switch (course_page(dc, slug, NULL, &cp)) {
	case RES_OK:
		break;
	case RES_NOT_FOUND:
		return (cli_err("pack: no course %s", slug));
	default:
		return (cli_err("pack: cannot read course %s", slug));
	}
	for (i = 0; i < cp.pkg->languages.n; i++)
		rc |= pack_one(o, dc, slug, cp.pkg->languages.v[i], NULL, 0);
	return (rc);
}

/* Every language of every course of the catalog. 0, or 1. */
static int
pack_all(struct opts *o, struct dctx *dc)
{
	struct catalog_query	q;
	struct catalog		cat;
	size_t			i;
	int			rc = 0;

	memset(&q, 0, sizeof(q));
	for (q.page = 1; ; q.page++) {
		if (course_catalog(dc, &q, "en", &cat) != RES_OK)
			return (cli_err("pack: cannot list the courses"));
		for (i = 0; i < cat.n; i++)
			rc |= pack_languages(o, dc, cat.items[i].slug);
		if (q.page >= cat.pages)
			break;
	}
	return (rc);
}

int
course_pack(struct opts *o, int argc, char **argv)
{
	struct dctx	 dc;
	const char	*slug = NULL, *lang = NULL, *path = NULL;
	int		 as_dir = 0, all = 0, i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
			path = argv[++i];
			as_dir = 1;
		} else if (strcmp(argv[i], "--all") == 0)
			all = 1;
		else if (argv[i][0] != '-' && slug == NULL)
			slug = argv[i];
		else
			break;
	}
	if (i < argc || (all && (slug != NULL || lang != NULL ||
	    path != NULL)) || (!all && slug == NULL) ||
	    (path != NULL && lang == NULL))
		return (cli_err("usage: ethica course pack SLUG [--lang LANG "
		    "[--out FILE.zip | --dir DIR]] | course pack --all"));
	if (cli_open(o, &dc) == -1)
		return (1);
	if (all)
		rc = pack_all(o, &dc);
	else if (lang == NULL)
		rc = pack_languages(o, &dc, slug);
	else
		rc = pack_one(o, &dc, slug, lang, path, as_dir);
	cli_close(&dc);
	return (rc);
}
