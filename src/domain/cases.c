/*
 * cases.c: publishing, unpublishing and reading cases, and the open data
 * dumps (see cases.h). Publishing indexes a case (facet tags, full text)
 * in the same transaction that makes it public; unpublishing removes the
 * index rows in the same transaction that records the reason, so search,
 * facets, feeds and dumps never disagree with the case page.
 */
#include <ctype.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "domain/audit.h"
#include "domain/call.h"
#include "domain/case_cache.h"
#include "domain/cases.h"
#include "domain/crypto.h"
#include "domain/csv.h"
#include "domain/fairness.h"
#include "domain/policy.h"
#include "domain/submission.h"
#include "domain/taxonomy.h"
#include "domain/workflow.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "store/store.h"

#ifndef N_
#define N_(s)	(s)
#endif

#define DUMP_CHUNK	500

static int	 input_check(const struct case_input *, struct form_errors *);
static int	 url_ok(const char *);
static int	 reason_ok(const char *);
static int	 publish_one(struct dctx *, const struct case_input *,
		    const char **, int *);
static int	 input_prepare(const struct case_input *,
		    struct case_input *, struct form_errors *);
static void	 digest_of(const struct case_input *, const char *region,
		    char out[HASH_HEX_LEN + 1]);
static size_t	 tags_of(struct arena *, const struct case_input *,
		    const char *region, struct case_tag_row **);
static char	*body_of(struct arena *, const struct case_input *);
static int	 write_content(struct dctx *, int64_t id,
		    const struct case_input *, const char *region);
static const struct case_text_row *text_in(const struct case_input *,
		    const char *lang);
typedef void	 dump_fn(struct buf *, int first, const struct case_row *,
		    const struct case_text_row *, const struct case_tag_row *,
		    size_t, const char *);
static enum result dump(struct dctx *, const char *, struct buf *,
		    dump_fn *);
static void	 dump_json_one(struct buf *, int, const struct case_row *,
		    const struct case_text_row *, const struct case_tag_row *,
		    size_t, const char *);
static void	 dump_csv_one(struct buf *, int, const struct case_row *,
		    const struct case_text_row *, const struct case_tag_row *,
		    size_t, const char *);
static char	*read_text(struct arena *, const char *);
static char	*tags_joined(struct arena *, const struct case_tag_row *,
		    size_t, const char *kind);

static const char *const extra_regions[] = { "global", NULL };

const char *
case_region_label(const char *slug)
{
	if (slug != NULL && strcmp(slug, "global") == 0)
		return (N_("Global"));
	return (fairness_region_label(slug));
}

const char *
case_sector_label(const char *slug)
{
	const char	*l;

	l = call_ref_label(call_sectors, slug);
	return (l != NULL ? l : N_("Other or unknown"));
}

/*
 * title in Latin letters, as ICU's "Any-Latin; Latin-ASCII" writes it
 * ("인공지능 윤리" -> "ingongjineung yunli"), or NULL when ICU cannot.
 * Only the first SLUG_SRC_MAX bytes are read: a slug keeps 80 bytes, so
 * the work stays bounded whatever the title. The transliterator is built
 * once per process and only read after.
 */
#define SLUG_SRC_MAX	400
#define SLUG_GROWTH	8	/* Latin letters per source unit, at most */

static char *
slug_latin(struct arena *a, const char *title)
{
	static UTransliterator	*tr;
	static int		 failed;
	UErrorCode		 err = U_ZERO_ERROR;
	UChar			*u, id[32];
	int32_t			 len, cap, limit;
	size_t			 nb;
	char			*out;

	if (failed)
		return (NULL);
	if (tr == NULL) {
		u_uastrcpy(id, "Any-Latin; Latin-ASCII");
		tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
		if (U_FAILURE(err)) {
			tr = NULL;
			failed = 1;
			return (NULL);
		}
	}
	/* Cut on a character boundary. */
	nb = strlen(title);
	if (nb > SLUG_SRC_MAX) {
		nb = SLUG_SRC_MAX;
		while (nb > 0 && ((unsigned char)title[nb] & 0xc0) == 0x80)
			nb--;
	}
	/* UTF-16 needs at most one unit per UTF-8 byte. */
	cap = (int32_t)nb * SLUG_GROWTH + 16;
	u = arena_alloc(a, ((size_t)cap + 1) * sizeof(*u));
	u_strFromUTF8Lenient(u, cap, &len, title, (int32_t)nb, &err);
	if (U_FAILURE(err))
		return (NULL);
	limit = len;
	utrans_transUChars(tr, u, &len, cap, 0, &limit, &err);
	if (U_FAILURE(err) || len > cap)
		return (NULL);
	out = arena_alloc(a, (size_t)len * 3 + 1);
	u_strToUTF8(out, len * 3 + 1, NULL, u, len, &err);
	return (U_FAILURE(err) ? NULL : out);
}

char *
case_slugify(struct arena *a, const char *title)
{
	char	*out, *latin;
	size_t	 n = 0;
	int	 dash = 0;

	if (title != NULL && (latin = slug_latin(a, title)) != NULL)
		title = latin;
	out = arena_alloc(a, 81);
	for (; title != NULL && *title != '\0' && n < 80; title++) {
		if (isalnum((unsigned char)*title) &&
		    ((unsigned char)*title) < 0x80) {
			if (dash && n > 0 && n < 79)
				out[n++] = '-';
			dash = 0;
			out[n++] = (char)tolower((unsigned char)*title);
		} else
			dash = 1;
	}
	out[n] = '\0';
	return (n > 0 ? out : arena_strdup(a, "case"));
}

static int
url_ok(const char *u)
{
	/* Or a path on this site (a published case's attachments). */
	return (u != NULL && (strncmp(u, "https://", 8) == 0 ||
	    strncmp(u, "http://", 7) == 0 || (u[0] == '/' && u[1] != '/' &&
	    u[1] != '\\')) && strlen(u) < 2000 &&
	    strpbrk(u, " \t\r\n\"<>") == NULL);
}

static const struct case_text_row *
text_in(const struct case_input *in, const char *lang)
{
	size_t	i;

	for (i = 0; i < in->ntexts; i++)
		if (strcmp(in->texts[i].lang, lang) == 0)
			return (&in->texts[i]);
	return (NULL);
}

static int
input_check(const struct case_input *in, struct form_errors *fe)
{
	const char	*kind;
	size_t		 i, k;
	int		 ok, before = fe->n;

	if (in->category == NULL ||
	    taxonomy_find(TAX_CASE_CATEGORY, in->category) == NULL)
		form_error(fe, "category", N_("Choose a category."));
	if (in->sector != NULL && *in->sector != '\0' &&
	    call_ref_label(call_sectors, in->sector) == NULL)
		form_error(fe, "sector", N_("Choose a sector from the list."));
	if (in->country != NULL && *in->country != '\0' &&
	    (strlen(in->country) != 2 || !isupper((unsigned char)in->country[0])
	    || !isupper((unsigned char)in->country[1])))
		form_error(fe, "country", N_("Choose a country."));
	if (in->region != NULL && *in->region != '\0') {
		ok = 0;
		for (i = 0; fairness_regions[i] != NULL; i++)
			ok |= strcmp(fairness_regions[i], in->region) == 0;
		for (i = 0; extra_regions[i] != NULL; i++)
			ok |= strcmp(extra_regions[i], in->region) == 0;
		if (!ok)
			form_error(fe, "region", N_("Choose a region."));
	}
	if (in->language == NULL || text_in(in, in->language) == NULL)
		form_error(fe, "language", N_("The case needs a text in its "
		    "own language."));
	if (in->year != 0 && (in->year < 1950 || in->year > 2100))
		form_error(fe, "year", N_("Enter a year between 1950 and "
		    "2100."));
	for (i = 0; i < in->ntexts; i++) {
		if (in->texts[i].title == NULL || *in->texts[i].title == '\0' ||
		    in->texts[i].summary == NULL ||
		    *in->texts[i].summary == '\0')
			form_error(fe, "texts", N_("Every text needs a title "
			    "and a summary."));
		for (k = 0; k < i; k++)
			if (strcmp(in->texts[k].lang, in->texts[i].lang) == 0)
				form_error(fe, "texts", N_("Each language "
				    "may have one text only."));
	}
	for (i = 0; i < in->nlinks; i++)
		if (!url_ok(in->links[i].url) || in->links[i].title == NULL ||
		    *in->links[i].title == '\0')
			form_error(fe, "links", N_("Every link needs a title "
			    "and an http or https address."));
	for (i = 0; i < in->ntags; i++) {
		kind = in->tags[i].kind;
		if (strcmp(kind, "value") == 0)
			ok = taxonomy_find(TAX_VALUE, in->tags[i].slug) != NULL;
		else if (strcmp(kind, "principle") == 0)
			ok = taxonomy_find(TAX_PRINCIPLE, in->tags[i].slug) !=
			    NULL;
		else if (strcmp(kind, "policy_area") == 0)
			ok = taxonomy_find(TAX_POLICY_AREA, in->tags[i].slug)
			    != NULL;
		else
			ok = 0;
		if (!ok)
			form_error(fe, "tags", N_("A tag is not one of the "
			    "Recommendation's values, principles or policy "
			    "areas."));
	}
	return (fe->n == before ? 0 : -1);
}

static void
digest_of(const struct case_input *in, const char *region,
    char out[HASH_HEX_LEN + 1])
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_appendf(&b, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%" PRId64
	    "\x1f%d\x1e", in->category, in->organisation, in->sector,
	    in->country, region, in->language, in->year, in->is_example);
	for (i = 0; i < in->ntexts; i++)
		buf_appendf(&b, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1e",
		    in->texts[i].lang, in->texts[i].title,
		    in->texts[i].summary, in->texts[i].ai_system,
		    in->texts[i].actions, in->texts[i].outcomes,
		    in->texts[i].lessons);
	for (i = 0; i < in->nlinks; i++)
		buf_appendf(&b, "%s\x1f%s\x1f%s\x1e", in->links[i].kind,
		    in->links[i].title, in->links[i].url);
	for (i = 0; i < in->ntags; i++)
		buf_appendf(&b, "%s\x1f%s\x1e", in->tags[i].kind,
		    in->tags[i].slug);
	hash_hex(b.data != NULL ? b.data : "", out);
	buf_free(&b);
}

static size_t
tags_of(struct arena *a, const struct case_input *in, const char *region,
    struct case_tag_row **out)
{
	struct case_tag_row	*t;
	size_t			 n = 0, i;

	t = arena_alloc(a, (in->ntags + in->ntexts + 8) * sizeof(*t));
	t[n].kind = "category";
	t[n++].slug = (char *)in->category;
	if (*in->sector != '\0') {
		t[n].kind = "sector";
		t[n++].slug = (char *)in->sector;
	}
	t[n].kind = "region";
	t[n++].slug = (char *)region;
	if (*in->country != '\0') {
		t[n].kind = "country";
		t[n++].slug = (char *)in->country;
	}
	if (in->year > 0) {
		t[n].kind = "year";
		t[n++].slug = arena_printf(a, "%" PRId64, in->year);
	}
	for (i = 0; i < in->ntexts; i++) {
		t[n].kind = "lang";
		t[n++].slug = in->texts[i].lang;
	}
	for (i = 0; i < in->ntags; i++)
		t[n++] = in->tags[i];
	*out = t;
	return (n);
}

static char *
body_of(struct arena *a, const struct case_input *in)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_appendf(&b, "%s\n%s\n", in->organisation, in->country);
	for (i = 0; i < in->ntexts; i++)
		buf_appendf(&b, "%s\n%s\n%s\n%s\n%s\n%s\n",
		    in->texts[i].title, in->texts[i].summary,
		    in->texts[i].ai_system, in->texts[i].actions,
		    in->texts[i].outcomes, in->texts[i].lessons);
	return (buf_to_arena(&b, a));
}

static int
write_content(struct dctx *dc, int64_t id, const struct case_input *in,
    const char *region)
{
	struct case_tag_row	*tags;
	struct case_link_row	 l;
	size_t			 i, n;

	if (store_case_content_clear(dc->db, id) != STORE_OK)
		return (-1);
	for (i = 0; i < in->ntexts; i++)
		if (store_case_text_add(dc->db, id, &in->texts[i]) != STORE_OK)
			return (-1);
	for (i = 0; i < in->nlinks; i++) {
		l = in->links[i];
		l.position = (int64_t)i + 1;
		if (l.kind == NULL || *l.kind == '\0')
			l.kind = "source";
		if (store_case_link_add(dc->db, id, &l) != STORE_OK)
			return (-1);
	}
	n = tags_of(dc->a, in, region, &tags);
	if (store_case_index(dc->db, id, tags, n, body_of(dc->a, in)) !=
	    STORE_OK)
		return (-1);
	return (0);
}

/*
 * Publishes one validated input inside the caller's transaction. 0 and
 * *changed set, or -1 on a storage error (the caller rolls back).
 */
static int
publish_one(struct dctx *dc, const struct case_input *in, const char **slug,
    int *changed)
{
	struct case_row		 r;
	const char		*region, *want;
	char			 digest[HASH_HEX_LEN + 1];
	int64_t			 id;
	int			 rc, exists;

	*changed = 0;
	region = in->region != NULL && *in->region != '\0' ? in->region :
	    fairness_region(in->country);
	digest_of(in, region, digest);
	want = in->slug != NULL && *in->slug != '\0' ? in->slug :
	    case_slugify(dc->a, text_in(in, in->language)->title);
	memset(&r, 0, sizeof(r));
	rc = store_case_by_slug(dc->db, dc->a, want, &r);
	if (rc == STORE_ERROR)
		return (-1);
	exists = rc == STORE_OK;
	if (exists && strcmp(r.state, "published") == 0 &&
	    strcmp(r.digest, digest) == 0) {
		if (slug != NULL)
			*slug = r.slug;
		return (0);
	}
	if (!exists) {
		r.slug = (char *)want;
		r.version = 1;
		r.published_at = dc->now;
	} else
		r.version++;
	r.submission_id = in->submission_id > 0 ? in->submission_id :
	    r.submission_id;
	r.state = "published";
	r.category = (char *)in->category;
	r.organisation = (char *)in->organisation;
	r.sector = (char *)in->sector;
	r.country = (char *)in->country;
	r.region = (char *)region;
	r.language = (char *)in->language;
	r.year = in->year;
	r.title = text_in(in, in->language)->title;
	r.is_example = in->is_example;
	r.updated_at = dc->now;
	r.unpublished_at = 0;
	r.unpublish_reason = "";
	r.digest = digest;
	if (exists) {
		id = r.id;
		if (store_case_update(dc->db, &r) != STORE_OK)
			return (-1);
	} else if (store_case_insert(dc->db, &r, &id) != STORE_OK)
		return (-1);
	if (write_content(dc, id, in, region) == -1 ||
	    store_case_version_add(dc->db, id, r.version, dc->now,
	    dc->user != NULL ? dc->user->id : 0, in->note) != STORE_OK ||
	    audit_log(dc, 0, exists ? "case.update" : "case.publish", "case",
	    id, r.slug) == -1)
		return (-1);
	*changed = 1;
	if (slug != NULL)
		*slug = arena_strdup(dc->a, r.slug);
	return (0);
}

/* Fills the optional strings of in0 with "" into *in and validates. */
static int
input_prepare(const struct case_input *in0, struct case_input *in,
    struct form_errors *fe)
{
	*in = *in0;
	if (in->organisation == NULL)
		in->organisation = "";
	if (in->sector == NULL)
		in->sector = "";
	if (in->country == NULL)
		in->country = "";
	return (input_check(in, fe));
}

enum result
case_publish_from(struct dctx *dc, const struct case_input *in0, int by_cli,
    struct form_errors *fe, const char **slug, int *changed)
{
	struct case_input	in;

	*changed = 0;
	if (!by_cli && !policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if (input_prepare(in0, &in, fe) == -1)
		return (RES_INVALID);
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if (publish_one(dc, &in, slug, changed) == -1) {
		(void)store_rollback(dc->db);
		*changed = 0;
		return (RES_INTERNAL);
	}
	if (store_commit(dc->db) != STORE_OK) {
		*changed = 0;
		return (RES_INTERNAL);
	}
	return (RES_OK);
}

enum result
case_publish_many(struct dctx *dc, const struct case_input *ins, size_t n,
    struct form_errors *fe, size_t *failed)
{
	struct case_input	in;
	size_t			i;
	int			changed;

	*failed = 0;
	for (i = 0; i < n; i++)
		if (input_prepare(&ins[i], &in, fe) == -1) {
			*failed = i;
			return (RES_INVALID);
		}
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	for (i = 0; i < n; i++) {
		(void)input_prepare(&ins[i], &in, fe);
		if (publish_one(dc, &in, NULL, &changed) == -1) {
			(void)store_rollback(dc->db);
			*failed = i;
			return (RES_INTERNAL);
		}
	}
	return (dctx_commit(dc));
}

int
case_can_unpublish(struct dctx *dc, const struct case_row *r)
{
	if (!policy_can(dc->user, ACT_CALL_CHAIR) ||
	    strcmp(r->state, "published") != 0)
		return (0);
	return (r->submission_id <= 0 || submission_can_move(dc,
	    r->submission_id, "decided"));
}

enum result
case_publish_tx(struct dctx *dc, const struct case_input *in0,
    struct form_errors *fe, const char **slug)
{
	struct case_input	in;
	int			changed;

	if (input_prepare(in0, &in, fe) == -1)
		return (RES_INVALID);
	return (publish_one(dc, &in, slug, &changed) == -1 ? RES_INTERNAL :
	    RES_OK);
}

/* Whether reason can go with an unpublishing: one line of 1 to 1000
 * bytes. */
static int
reason_ok(const char *reason)
{
	return (reason != NULL && *reason != '\0' && strlen(reason) <= 1000 &&
	    strpbrk(reason, "\r\n") == NULL);
}

/* The case slug into *r when reason may be given for taking it out of
 * the library: RES_OK, RES_INVALID, or the store's answer. */
static enum result
unpublish_target(struct dctx *dc, const char *slug, const char *reason,
    struct case_row *r)
{
	if (!reason_ok(reason))
		return (RES_INVALID);
	memset(r, 0, sizeof(*r));
	return (result_from_store(store_case_by_slug(dc->db, dc->a, slug,
	    r)));
}

enum result
case_unpublish_tx(struct dctx *dc, const char *slug, const char *reason)
{
	struct case_row	r;
	enum result	res;

	if ((res = unpublish_target(dc, slug, reason, &r)) != RES_OK)
		return (res);
	if (strcmp(r.state, "published") != 0)
		return (RES_CONFLICT);
	r.state = "unpublished";
	r.unpublished_at = dc->now;
	r.updated_at = dc->now;
	r.unpublish_reason = (char *)reason;
	r.digest = "";
	if (store_case_update(dc->db, &r) != STORE_OK ||
	    store_case_unindex(dc->db, r.id) != STORE_OK ||
	    audit_log(dc, 0, "case.unpublish", "case", r.id, reason) == -1)
		return (RES_INTERNAL);
	return (RES_OK);
}

/*
 * A case that came from the open call leaves the library only through
 * its submission's workflow (src/domain/publish.c): the same table, the
 * same conflict rule, the same transaction for both.
 */
enum result
case_unpublish(struct dctx *dc, const char *slug, const char *reason,
    int by_cli)
{
	struct case_row		r;
	struct form_errors	fe;
	enum result		res;

	if (!by_cli && !policy_can(dc->user, ACT_CALL_CHAIR))
		return (RES_FORBIDDEN);
	if ((res = unpublish_target(dc, slug, reason, &r)) != RES_OK)
		return (res);
	if (!by_cli && r.submission_id > 0) {
		memset(&fe, 0, sizeof(fe));
		return (submission_move(dc, r.submission_id, "decided", reason,
		    &fe, NULL));
	}
	if (store_begin(dc->db) != STORE_OK)
		return (RES_INTERNAL);
	if ((res = case_unpublish_tx(dc, slug, reason)) != RES_OK)
		return (dctx_abort(dc, res));
	/* The operator's unpublish of a case from the open call moves its
	 * submission back too (the table's published -> decided row), in the
	 * same transaction. */
	if (r.submission_id > 0 && workflow_action(WF_PUBLISHED, WF_DECIDED)
	    == WF_UNPUBLISH && (store_sub_set_state(dc->db, r.submission_id,
	    "decided", 0, dc->now) != STORE_OK || audit_log(dc, 0,
	    "submission.unpublish", "submission", r.submission_id,
	    "published -> decided") == -1))
		return (dctx_abort(dc, RES_INTERNAL));
	return (dctx_commit(dc));
}

enum result
case_get(struct dctx *dc, const char *slug, const char *lang,
    struct case_view *out)
{
	size_t	i;
	int	rc;

	memset(out, 0, sizeof(*out));
	/* None of its own when the case was shown in lang at this content
	 * version; else three queries: the case, its rows of four kinds,
	 * its lessons. */
	if (case_cache_get(dc, slug, lang, out))
		goto text;
	rc = store_case_by_slug(dc->db, dc->a, slug, &out->c);
	if (rc != STORE_OK)
		return (result_from_store(rc));
	if (strcmp(out->c.state, "published") != 0)
		return (RES_OK);
	if (store_case_children(dc->db, dc->a, out->c.id, &out->ch) !=
	    STORE_OK || store_case_lessons(dc->db, dc->a, out->c.slug, lang,
	    &out->lessons, &out->nlessons) != STORE_OK)
		return (RES_INTERNAL);
	case_cache_put(dc, slug, lang, out);
text:
	for (i = 0; i < out->ch.ntexts; i++) {
		if (lang != NULL && strcmp(out->ch.texts[i].lang, lang) == 0) {
			out->text = &out->ch.texts[i];
			break;
		}
		if (strcmp(out->ch.texts[i].lang, out->c.language) == 0)
			out->text = &out->ch.texts[i];
	}
	if (out->text == NULL)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
case_stamp(struct dctx *dc, int64_t *last_modified, char *etag,
    size_t etaglen)
{
	int64_t	n;

	if (store_case_stamp(dc->db, last_modified, &n) != STORE_OK)
		return (RES_INTERNAL);
	(void)snprintf(etag, etaglen, "\"c%" PRId64 "-%" PRId64 "\"",
	    *last_modified, n);
	return (RES_OK);
}

/* The text fields of a case, in the order the exports write them. */
static const struct case_field {
	const char	*name;
	int		 text;	/* 1: in case_text_row, 0: in case_row */
	int		 csv;	/* 1: a column of the CSV export too */
	size_t		 off;	/* of the char * in its row */
} case_fields[] = {
	{ "title", 1, 1, offsetof(struct case_text_row, title) },
	{ "summary", 1, 1, offsetof(struct case_text_row, summary) },
	{ "ai_system", 1, 0, offsetof(struct case_text_row, ai_system) },
	{ "actions", 1, 0, offsetof(struct case_text_row, actions) },
	{ "outcomes", 1, 0, offsetof(struct case_text_row, outcomes) },
	{ "lessons", 1, 0, offsetof(struct case_text_row, lessons) },
	{ "language", 0, 1, offsetof(struct case_row, language) },
	{ "category", 0, 1, offsetof(struct case_row, category) },
	{ "organisation", 0, 1, offsetof(struct case_row, organisation) },
	{ "sector", 0, 1, offsetof(struct case_row, sector) },
	{ "country", 0, 1, offsetof(struct case_row, country) },
	{ "region", 0, 1, offsetof(struct case_row, region) },
	{ NULL, 0, 0, 0 }
};

static const char *
field_of(const struct case_row *c, const struct case_text_row *t,
    const struct case_field *f)
{
	const char	*row = f->text ? (const char *)t : (const char *)c;

	return (*(char *const *)(row + f->off));
}

static char *
tags_joined(struct arena *a, const struct case_tag_row *t, size_t n,
    const char *kind)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		if (strcmp(t[i].kind, kind) == 0)
			buf_appendf(&b, "%s%s", b.len ? " " : "", t[i].slug);
	return (buf_to_arena(&b, a));
}

void
case_json(struct buf *out, const struct case_row *c,
    const struct case_text_row *t, const struct case_tag_row *tags,
    size_t ntags, const char *base)
{
	static const char *const kinds[] = { "value", "principle",
	    "policy_area", "lang", NULL };
	static const char *const keys[] = { "values", "principles",
	    "policy_areas", "languages", NULL };
	struct json	 j;
	char		 u[512];
	size_t		 i, k;

	json_init(&j, out);
	json_obj_open(&j);
	json_kv_str(&j, "slug", c->slug);
	(void)snprintf(u, sizeof(u), "%s/cases/%s", base, c->slug);
	json_kv_str(&j, "url", u);
	for (k = 0; case_fields[k].name != NULL; k++)
		json_kv_str(&j, case_fields[k].name,
		    field_of(c, t, &case_fields[k]));
	json_kv_int(&j, "year", c->year);
	for (k = 0; kinds[k] != NULL; k++) {
		json_key(&j, keys[k]);
		json_arr_open(&j);
		for (i = 0; i < ntags; i++)
			if (strcmp(tags[i].kind, kinds[k]) == 0)
				json_str(&j, tags[i].slug);
		json_arr_close(&j);
	}
	json_kv_bool(&j, "example_entry", (int)c->is_example);
	json_kv_int(&j, "version", c->version);
	json_kv_int(&j, "published_at", c->published_at);
	json_kv_int(&j, "updated_at", c->updated_at);
	json_kv_str(&j, "licence", CASE_LICENCE);
	json_obj_close(&j);
}

static void
dump_json_one(struct buf *out, int first, const struct case_row *c,
    const struct case_text_row *t, const struct case_tag_row *tags,
    size_t ntags, const char *base)
{
	if (!first)
		buf_puts(out, ",\n");
	case_json(out, c, t, tags, ntags, base);
}

static void
dump_csv_one(struct buf *out, int first, const struct case_row *c,
    const struct case_text_row *t, const struct case_tag_row *tags,
    size_t ntags, const char *base)
{
	struct arena	*a;
	char		 u[512];
	size_t		 k;

	(void)first;
	a = arena_new();
	(void)snprintf(u, sizeof(u), "%s/cases/%s", base, c->slug);
	csv_cell(out, c->slug, 1);
	csv_cell(out, u, 0);
	for (k = 0; case_fields[k].name != NULL; k++)
		if (case_fields[k].csv)
			csv_cell(out, field_of(c, t, &case_fields[k]), 0);
	csv_int(out, c->year, 0);
	csv_cell(out, tags_joined(a, tags, ntags, "value"), 0);
	csv_cell(out, tags_joined(a, tags, ntags, "principle"), 0);
	csv_cell(out, tags_joined(a, tags, ntags, "policy_area"), 0);
	csv_cell(out, tags_joined(a, tags, ntags, "lang"), 0);
	csv_int(out, c->is_example, 0);
	csv_int(out, c->version, 0);
	csv_int(out, c->updated_at, 0);
	csv_cell(out, CASE_LICENCE, 0);
	csv_end(out);
	arena_free(a);
}

static enum result
dump(struct dctx *dc, const char *base, struct buf *out, dump_fn *fn)
{
	struct arena		*a;
	struct case_row		*rows;
	struct case_text_row	*texts;
	struct case_tag_row	*tags;
	int64_t			*ids, after = 0;
	size_t			 n, nt, i, k, start;
	enum result		 res = RES_OK;
	int			 first = 1;

	for (;;) {
		a = arena_new();
		n = 0;
		if (store_case_chunk(dc->db, a, after, DUMP_CHUNK, &rows,
		    &texts, &n) != STORE_OK) {
			res = RES_INTERNAL;
			goto next;
		}
		if (n == 0)
			goto next;
		if (store_case_chunk_tags(dc->db, a, rows[0].id,
		    rows[n - 1].id, &ids, &tags, &nt) != STORE_OK) {
			res = RES_INTERNAL;
			goto next;
		}
		for (i = 0, k = 0; i < n; i++) {
			while (k < nt && ids[k] < rows[i].id)
				k++;
			start = k;
			while (k < nt && ids[k] == rows[i].id)
				k++;
			fn(out, first, &rows[i], &texts[i], tags + start,
			    k - start, base);
			first = 0;
		}
		after = rows[n - 1].id;
next:
		arena_free(a);
		if (res != RES_OK || n < DUMP_CHUNK)
			break;
	}
	return (res);
}

enum result
case_dump_json(struct dctx *dc, const char *base, struct buf *out)
{
	enum result	res;

	buf_puts(out, "{\"licence\":\"" CASE_LICENCE "\",\"licence_url\":\""
	    CASE_LICENCE_URL "\",\"attribution\":\"Ethica case library\","
	    "\"cases\":[\n");
	res = dump(dc, base, out, dump_json_one);
	buf_puts(out, "\n]}\n");
	return (res);
}

enum result
case_dump_csv(struct dctx *dc, const char *base, struct buf *out)
{
	static const char *const head[] = { "slug", "url", "title",
	    "summary", "language", "category", "organisation", "sector",
	    "country", "region", "year", "values", "principles",
	    "policy_areas", "languages", "example_entry", "version",
	    "updated_at", "licence", NULL };
	size_t	i;

	csv_begin(out);
	for (i = 0; head[i] != NULL; i++)
		csv_cell(out, head[i], i == 0);
	csv_end(out);
	return (dump(dc, base, out, dump_csv_one));
}

static char *
read_text(struct arena *a, const char *path)
{
	FILE	*f;
	char	*out = NULL;
	long	 n;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    n < 65536 && fseek(f, 0, SEEK_SET) == 0) {
		out = arena_alloc(a, (size_t)n + 1);
		if (fread(out, 1, (size_t)n, f) != (size_t)n)
			out = NULL;
		else
			out[n] = '\0';
	}
	(void)fclose(f);
	return (out);
}

enum result
case_topic(struct dctx *dc, const char *share, const char *kind,
    const char *slug, const char *lang, char **md,
    struct case_course_row **courses, size_t *ncourses)
{
	const char	*dir;

	dir = strcmp(kind, "value") == 0 ? "values" :
	    strcmp(kind, "principle") == 0 ? "principles" : "policy-areas";
	*md = NULL;
	if (lang != NULL && strlen(lang) <= 3)
		*md = read_text(dc->a, arena_printf(dc->a,
		    "%s/content/taxonomy/%s/%s.%s.md", share, dir, slug, lang));
	if (*md == NULL)
		*md = read_text(dc->a, arena_printf(dc->a,
		    "%s/content/taxonomy/%s/%s.en.md", share, dir, slug));
	if (store_case_courses_tagged(dc->db, dc->a, kind, slug, lang,
	    courses, ncourses) != STORE_OK)
		return (RES_INTERNAL);
	return (RES_OK);
}

enum result
case_recent(struct dctx *dc, int64_t limit, struct case_row **rows,
    struct case_text_row **texts, size_t *n)
{
	return (store_case_recent(dc->db, dc->a, limit, rows, texts, n) ==
	    STORE_OK ? RES_OK : RES_INTERNAL);
}
