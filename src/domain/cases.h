/*
 * cases.h: the public library of practice cases: publishing (from a
 * selected submission's public fields, or an example entry), versioned
 * edits, unpublishing with a reason, reading one case, and the open data
 * dumps (JSON, CSV). Searching and facets are in facets.h, citations in
 * citation.h, lesson embeds in case_ref.h.
 *
 * Only published cases are ever visible: case_get() of an unpublished
 * case returns it with state "unpublished" and its reason, no texts, so
 * the page can answer 410 and say why.
 *
 * All returned memory belongs to dc->a.
 */
#ifndef ETHICA_CASES_H
#define ETHICA_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"
#include "store/st_cases.h"

struct buf;

#define CASE_MAX_TEXTS	8
#define CASE_MAX_LINKS	16
#define CASE_MAX_TAGS	32
#define CASE_LICENCE	"CC BY 4.0"
#define CASE_LICENCE_URL "https://creativecommons.org/licenses/by/4.0/"

/* What publishing takes: the public fields only (strings borrowed). */
struct case_input {
	const char		*slug;		/* wanted; NULL: from the title */
	int64_t			 submission_id;	/* 0: not from a submission */
	const char		*category;	/* taxonomy case category */
	const char		*organisation;
	const char		*sector;	/* call_sectors slug or "" */
	const char		*country;	/* ISO alpha-2 or "" */
	const char		*region;	/* "" : from the country */
	const char		*language;	/* the case's own language */
	int64_t			 year;		/* 0: unknown */
	int			 is_example;
	struct case_text_row	 texts[CASE_MAX_TEXTS];
	size_t			 ntexts;
	struct case_link_row	 links[CASE_MAX_LINKS];
	size_t			 nlinks;
	struct case_tag_row	 tags[CASE_MAX_TAGS];	/* value principle
							 * policy_area */
	size_t			 ntags;
	const char		*note;		/* version note */
};

/*
 * Publishes in (a new case, a new version of a case with that slug, or the
 * republication of an unpublished one), in one transaction. Needs the
 * chair role unless by_cli. Nothing is written when the content equals
 * the current published version (*changed 0). RES_INVALID with errors in
 * fe (field names as in struct case_input); RES_FORBIDDEN; RES_INTERNAL.
 * *slug (may be NULL) receives the case's slug.
 */
enum result	 case_publish_from(struct dctx *, const struct case_input *,
		    int by_cli, struct form_errors *fe, const char **slug,
		    int *changed);

/*
 * The operator's bulk form (sample library, generated benchmark data):
 * publishes n inputs in one transaction, all or nothing, without the
 * permission check. RES_INVALID (fe; *failed = index), RES_INTERNAL.
 */
enum result	 case_publish_many(struct dctx *, const struct case_input *,
		    size_t n, struct form_errors *fe, size_t *failed);

/*
 * Unpublishes a case: it leaves search, facets, feeds, dumps and the API
 * at once; its URL answers 410 with the reason (required, one line).
 * Chair only unless by_cli. RES_NOT_FOUND, RES_INVALID, RES_CONFLICT
 * (already unpublished), RES_FORBIDDEN, RES_INTERNAL.
 */
enum result	 case_unpublish(struct dctx *, const char *slug,
		    const char *reason, int by_cli);
/*
 * The library change of a workflow transition (src/domain/publish.c), in
 * the caller's open transaction: nothing is committed or rolled back here
 * and no permission is checked (the transition did). Results as above;
 * on an error the caller rolls back.
 */
/* 1 when the acting user may unpublish case r: a chair, and for a case
 * from the open call one the workflow lets move (not conflicted). */
int		 case_can_unpublish(struct dctx *, const struct case_row *);
enum result	 case_publish_tx(struct dctx *, const struct case_input *,
		    struct form_errors *fe, const char **slug);
enum result	 case_unpublish_tx(struct dctx *, const char *slug,
		    const char *reason);

struct case_view {
	struct case_row		 c;
	struct case_text_row	*text;		/* shown language, in ch */
	struct case_children	 ch;		/* texts links tags versions */
	struct case_lesson_row	*lessons;
	size_t			 nlessons;
};

/*
 * The case slug with its texts (text: lang if the case has it, else its
 * own language), links, tags, versions and citing lessons. Public. For an
 * unpublished case only out->c is filled (state, reason, dates).
 * RES_NOT_FOUND when no case has that slug.
 */
enum result	 case_get(struct dctx *, const char *slug, const char *lang,
		    struct case_view *out);

/* Change stamp of the whole library (for ETag/Last-Modified). */
enum result	 case_stamp(struct dctx *, int64_t *last_modified,
		    char *etag, size_t etaglen);

/* Appends every published case as JSON (with licence) / CSV to out. */
enum result	 case_dump_json(struct dctx *, const char *base_url,
		    struct buf *out);
enum result	 case_dump_csv(struct dctx *, const char *base_url,
		    struct buf *out);
/* Writes one published case as a JSON object (the API's shape). */
void		 case_json(struct buf *, const struct case_row *,
		    const struct case_text_row *, const struct case_tag_row *,
		    size_t ntags, const char *base_url);

/*
 * For the principle, value and policy-area pages: the courses tagged
 * kind/slug (titles in lang), and the short text of the topic read from
 * share/content/taxonomy/KIND/SLUG.LANG.md (English when lang has none;
 * *md NULL when neither exists). RES_INTERNAL.
 */
enum result	 case_topic(struct dctx *, const char *share, const char *kind,
		    const char *slug, const char *lang, char **md,
		    struct case_course_row **courses, size_t *ncourses);

/* The limit newest published or updated cases, own-language texts. */
enum result	 case_recent(struct dctx *, int64_t limit, struct case_row **,
		    struct case_text_row **, size_t *);

/* A slug from a title: the title in Latin letters (ICU "Any-Latin;
 * Latin-ASCII": "인공지능" -> "ingongjineung"), then lower-case ASCII
 * words joined by '-', at most 80 bytes; "case" when nothing is left.
 * Arena memory. */
char		*case_slugify(struct arena *, const char *title);

/* Label msgids for the non-taxonomy facet values. */
const char	*case_region_label(const char *slug);
const char	*case_sector_label(const char *slug);

#endif
