/*
 * st_cases.h: the case library tables of migration 0006: cases, their
 * texts per language, links and attachments, versions, facet tags, the
 * full-text index and the lessons that embed a case.
 *
 * case_tags and case_fts hold rows for published cases only; the domain
 * keeps that invariant (store_case_index / store_case_unindex), so every
 * public query here that starts from case_tags or case_fts can only ever
 * see published cases.
 *
 * Return codes and memory as in store.h. Functions that write several
 * rows say so; the caller wraps them in store_begin()/store_commit().
 */
#ifndef ETHICA_ST_CASES_H
#define ETHICA_ST_CASES_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

#define CASE_MAX_FILTERS	9	/* facet filters in one search */
#define CASE_MAX_WORDS		4	/* search words (PG) / short words */

struct case_row {
	int64_t		 id;
	char		*slug;
	int64_t		 submission_id;	/* 0 when none */
	char		*state;		/* published unpublished */
	char		*category;
	char		*organisation;
	char		*sector;
	char		*country;
	char		*region;
	char		*language;	/* the case's own language */
	int64_t		 year;
	char		*title;		/* in language */
	int64_t		 is_example;
	int64_t		 version;
	int64_t		 published_at;
	int64_t		 updated_at;
	int64_t		 unpublished_at;
	char		*unpublish_reason;
	char		*digest;	/* hash of the published content */
};

struct case_text_row {
	char		*lang;
	char		*title;
	char		*summary;
	char		*ai_system;
	char		*actions;
	char		*outcomes;
	char		*lessons;
};

struct case_link_row {
	int64_t		 position;
	char		*kind;		/* source attachment */
	char		*title;
	char		*url;
};

struct case_tag_row {
	char		*kind;
	char		*slug;
};

struct case_version_row {
	int64_t		 version;
	int64_t		 created_at;
	char		*note;
};

int	store_case_by_slug(struct db *, struct arena *, const char *slug,
	    struct case_row *);
/* The slug of the library case made from submission submission_id, once
 * published (kept when unpublished); STORE_NOT_FOUND when none. */
int	store_case_slug_of_sub(struct db *, struct arena *, int64_t submission_id,
	    char **slug);
/* Inserts r (all fields but id); *id is the new row's id. */
int	store_case_insert(struct db *, const struct case_row *, int64_t *id);
/* Rewrites every field of r but id and slug. */
int	store_case_update(struct db *, const struct case_row *);

/* Texts and links: clear both, then add (several rows: one
 * transaction). */
int	store_case_content_clear(struct db *, int64_t case_id);
int	store_case_text_add(struct db *, int64_t case_id,
	    const struct case_text_row *);
int	store_case_link_add(struct db *, int64_t case_id,
	    const struct case_link_row *);
/*
 * For the case page, in one query: its texts (by lang), links (by
 * position), tags (by kind, slug; none unless published) and versions
 * (newest first). Arrays in arena a.
 */
struct case_children {
	struct case_text_row	*texts;
	size_t			 ntexts;
	struct case_link_row	*links;
	size_t			 nlinks;
	struct case_tag_row	*tags;
	size_t			 ntags;
	struct case_version_row	*versions;
	size_t			 nversions;
};
int	store_case_children(struct db *, struct arena *, int64_t case_id,
	    struct case_children *);
int	store_case_version_add(struct db *, int64_t case_id, int64_t version,
	    int64_t now, int64_t by, const char *note);

/*
 * Makes a case findable: replaces its tags (plus the "all" row) and its
 * full-text body. Several rows: call inside a transaction.
 */
int	store_case_index(struct db *, int64_t case_id,
	    const struct case_tag_row *, size_t ntags, const char *body);
/* Removes its tags and full-text body (on unpublish). */
int	store_case_unindex(struct db *, int64_t case_id);

/* ---- searching ---- */
enum case_sort {
	CASE_SORT_RELEVANCE = 0,	/* needs words; else newest */
	CASE_SORT_NEWEST,
	CASE_SORT_TITLE
};

struct case_query {
	size_t		 nfilters;
	const char	*kind[CASE_MAX_FILTERS];
	const char	*slug[CASE_MAX_FILTERS];
	/* Search words: no ASCII punctuation or spaces (the domain splits
	 * on them), at most CASE_MAX_WORDS. The store turns them into FTS5
	 * trigram matches (LIKE for words under 3 characters) on SQLite and
	 * pg_trgm ILIKE patterns on PostgreSQL; every word must match. */
	const char	*words[CASE_MAX_WORDS];
	size_t		 nwords;
	enum case_sort	 sort;
	const char	*ui_lang;	/* texts in this language if present */
};

struct case_list_row {
	struct case_row	 c;
	char		*title;		/* UI language, else the case's */
	char		*summary;
	char		*lang;		/* the language of title and summary */
};

struct case_facet_row {
	char		*kind;
	char		*slug;
	int64_t		 count;
};

/* One page of the published cases matching q, and their total. */
int	store_case_search(struct db *, struct arena *, const struct case_query *,
	    int64_t offset, int64_t limit, struct case_list_row **, size_t *,
	    int64_t *total);
/* Counts per (kind, slug) over the published cases matching q. */
int	store_case_facets(struct db *, struct arena *, const struct case_query *,
	    struct case_facet_row **, size_t *);

/* ---- the in-memory search index (domain/facets_index.c) ---- */
/* Calls fn(arg, id) for every published case, newest first
 * (published_at DESC, id DESC); stops with fn's nonzero return. */
int	store_case_order(struct db *, int (*fn)(void *, int64_t), void *arg);
/* Calls fn(arg, case_id, kind, slug) for every facet tag of the
 * published cases ("all" rows left out); strings valid for the call. */
int	store_case_tag_scan(struct db *, int (*fn)(void *, int64_t,
	    const char *, const char *), void *arg);
/* Calls fn(arg, id) for every published case in title order for lang
 * (ORDER BY lower(title in lang, else own title), id). */
int	store_case_title_order(struct db *, const char *lang,
	    int (*fn)(void *, int64_t), void *arg);
/*
 * The published cases containing every word (rules of case_query.words)
 * with a rank, best first when ascending: SQLite the FTS5 rank of the
 * words of 3+ characters (0 when there are none), PostgreSQL minus the
 * word_similarity of the first word. Arrays in arena a; unordered.
 */
int	store_case_word_hits(struct db *, struct arena *,
	    const char *const *words, size_t nwords, int64_t **ids,
	    double **rank, size_t *n);
/* The list rows of the published cases ids[0..n) in that order (a case
 * without its own-language text is left out); texts in ui_lang if
 * present. *out in arena a. */
int	store_case_rows(struct db *, struct arena *, const int64_t *ids,
	    size_t n, const char *ui_lang, struct case_list_row **out,
	    size_t *nout);

/* ---- open data ---- */
/* Published cases with id > after_id, by id, at most limit, with their
 * own-language texts in texts[i] (same order). For dumps in chunks. */
int	store_case_chunk(struct db *, struct arena *, int64_t after_id,
	    int64_t limit, struct case_row **, struct case_text_row **,
	    size_t *);
/* Tags of the published cases with first <= id <= last, by case id. */
int	store_case_chunk_tags(struct db *, struct arena *, int64_t first,
	    int64_t last, int64_t **case_ids, struct case_tag_row **,
	    size_t *);
/* Published cases by updated_at descending, for the feed. */
int	store_case_recent(struct db *, struct arena *, int64_t limit,
	    struct case_row **, struct case_text_row **, size_t *);
/* A change stamp: newest updated_at and the number of cases. */
int	store_case_stamp(struct db *, int64_t *max_updated, int64_t *count);

/* ---- lessons that embed a case ---- */
struct case_lesson_row {
	char		*course_slug;
	char		*lesson_key;
	char		*module_key;
	char		*course_title;	/* asked language, else default */
	char		*course_lang;	/* the language of course_title */
	char		*lesson_title;	/* asked language, else default */
	char		*lesson_lang;	/* "" when only the key is known */
};

/* Replaces the case references of one lesson (several rows). */
int	store_case_lessons_set(struct db *, int64_t course_id,
	    int64_t lesson_id, const char *const *slugs, size_t n);
int	store_case_lessons(struct db *, struct arena *, const char *case_slug,
	    const char *lang, struct case_lesson_row **, size_t *);

/* Courses tagged kind/slug (for principle pages): slug and title. */
struct case_course_row {
	char		*slug;
	char		*title;
};
int	store_case_courses_tagged(struct db *, struct arena *, const char *kind,
	    const char *slug, const char *lang, struct case_course_row **,
	    size_t *);

#endif
