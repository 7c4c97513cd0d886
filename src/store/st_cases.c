/*
 * st_cases.c: SQL of the case library (see st_cases.h). Search and facet
 * counting start from case_tags (index (kind, slug, case_id)) and probe
 * the other filters by primary key, so counting never loads whole cases.
 * The full-text part differs by backend: SQLite FTS5 with the trigram
 * tokenizer, PostgreSQL pg_trgm with ILIKE; everything else is shared.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "store/db.h"
#include "store/st_cases.h"
#include "store/st_util.h"
#include "store/store.h"

#define CASE_COLS "c.id, c.slug, COALESCE(c.submission_id, 0), c.state," \
	" c.category, c.organisation, c.sector, c.country, c.region," \
	" c.language, c.year, c.title, c.is_example, c.version," \
	" c.published_at, c.updated_at, c.unpublished_at, c.unpublish_reason,"\
	" c.digest"
#define CASE_NCOLS 19
#define TEXT_COLS "x.lang, x.title, x.summary, x.ai_system, x.actions," \
	" x.outcomes, x.lessons"

/* Filter slots 2..6 of a match: each probes the primary key. */
#define SLOT(k, s) " AND ($" #k " = '' OR EXISTS (SELECT 1 FROM case_tags" \
	" x WHERE x.case_id = t.case_id AND x.kind = $" #k \
	" AND x.slug = $" #s "))"
#define SLOTS SLOT(3, 4) SLOT(5, 6) SLOT(7, 8) SLOT(9, 10) SLOT(11, 12) \
	SLOT(13, 14) SLOT(15, 16) SLOT(17, 18)
/* Short words: (body || '') keeps FTS5 out of LIKE, whose trigram
 * path misses non-ASCII patterns under 3 characters in SQLite 3.40. */
#define M_SQLITE "SELECT t.case_id FROM case_tags t WHERE t.kind = $1" \
	" AND t.slug = $2" SLOTS \
	" AND ($19 = '' OR t.case_id IN (SELECT rowid FROM case_fts" \
	" WHERE case_fts MATCH $19))" \
	" AND ($20 = '' OR t.case_id IN (SELECT rowid FROM case_fts" \
	" WHERE (body || '') LIKE $20))" \
	" AND ($21 = '' OR t.case_id IN (SELECT rowid FROM case_fts" \
	" WHERE (body || '') LIKE $21))" \
	" AND ($22 = '' OR t.case_id IN (SELECT rowid FROM case_fts" \
	" WHERE (body || '') LIKE $22))"
#define PGW(n) " AND ($" #n " = '' OR t.case_id IN (SELECT case_id FROM" \
	" case_fts WHERE body ILIKE $" #n "))"
#define M_PG "SELECT t.case_id FROM case_tags t WHERE t.kind = $1" \
	" AND t.slug = $2" SLOTS PGW(19) PGW(20) PGW(21) PGW(22)
/* Listed cases (list_read) with their texts in the language bound as $k,
 * else in the case's own; the WHERE (or a JOIN) goes on. */
#define LIST_SEL(k) "SELECT " CASE_COLS ", COALESCE(u.title, p.title)," \
	" COALESCE(u.summary, p.summary), COALESCE(u.lang, p.lang) FROM cases c" \
	" JOIN case_texts p ON p.case_id = c.id AND p.lang = c.language" \
	" LEFT JOIN case_texts u ON u.case_id = c.id AND u.lang = $" #k
/* The search's (store_case_search: the language after the filters). */
#define LIST_HEAD LIST_SEL(23)

static void	 case_read(struct arena *, struct db_stmt *, int,
		    struct case_row *);
static void	 text_read(struct arena *, struct db_stmt *, int,
		    struct case_text_row *);
static void	 case_rd(struct arena *, struct db_stmt *, void *);
static void	 list_read(struct arena *, struct db_stmt *, void *);
static int	 case_text_pairs(struct arena *, struct db_stmt *,
		    struct case_row **, struct case_text_row **, size_t *);
static void	 bind_query(struct db *, struct arena *, struct db_stmt *,
		    const struct case_query *);
static int	 has_words(struct db *, const struct case_query *);
static int	 is_pg(struct db *);
static void	 bind_words(struct db *, struct arena *, struct db_stmt *,
		    const struct case_query *, int);
static int	 id_scan(struct db_stmt *, int (*)(void *, int64_t), void *);
static void	 child_read(struct arena *, struct db_stmt *,
		    struct case_children *, size_t[4]);

static int
is_pg(struct db *db)
{
	return (db_kind(db) == DB_PG);
}

/* CASE_COLS, in order. */
static const struct st_col case_cols[] = {
	ST_COL(struct case_row, id),
	ST_COL(struct case_row, slug),
	ST_COL(struct case_row, submission_id),
	ST_COL(struct case_row, state),
	ST_COL(struct case_row, category),
	ST_COL(struct case_row, organisation),
	ST_COL(struct case_row, sector),
	ST_COL(struct case_row, country),
	ST_COL(struct case_row, region),
	ST_COL(struct case_row, language),
	ST_COL(struct case_row, year),
	ST_COL(struct case_row, title),
	ST_COL(struct case_row, is_example),
	ST_COL(struct case_row, version),
	ST_COL(struct case_row, published_at),
	ST_COL(struct case_row, updated_at),
	ST_COL(struct case_row, unpublished_at),
	ST_COL(struct case_row, unpublish_reason),
	ST_COL(struct case_row, digest)
};
_Static_assert(ST_NITEMS(case_cols) == CASE_NCOLS, "CASE_COLS and case_cols");

/* What the insert and the update write: case_cols from slug (the
 * insert's $1..$18) and from state (the update's $1..$16) to digest. */
#define CASE_INSERTED	1
#define CASE_UPDATED	3

static void
case_read(struct arena *a, struct db_stmt *s, int o, struct case_row *r)
{
	st_cols_read(a, s, o, case_cols, ST_NITEMS(case_cols), r);
}

/* TEXT_COLS, in order. */
static const struct st_col text_cols[] = {
	ST_COL(struct case_text_row, lang),
	ST_COL(struct case_text_row, title),
	ST_COL(struct case_text_row, summary),
	ST_COL(struct case_text_row, ai_system),
	ST_COL(struct case_text_row, actions),
	ST_COL(struct case_text_row, outcomes),
	ST_COL(struct case_text_row, lessons)
};

static void
text_read(struct arena *a, struct db_stmt *s, int o, struct case_text_row *t)
{
	st_cols_read(a, s, o, text_cols, ST_NITEMS(text_cols), t);
}

/* CASE_COLS into a case_row. */
static void
case_rd(struct arena *a, struct db_stmt *s, void *p)
{
	case_read(a, s, 0, p);
}

/* LIST_SEL into a case_list_row. */
static void
list_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct case_list_row	*r = p;

	case_read(a, s, 0, &r->c);
	r->title = st_text(a, s, CASE_NCOLS);
	r->summary = st_text(a, s, CASE_NCOLS + 1);
	r->lang = st_text(a, s, CASE_NCOLS + 2);
}

static const struct st_col facet_cols[] = {
	ST_COL(struct case_facet_row, kind),
	ST_COL(struct case_facet_row, slug),
	ST_COL(struct case_facet_row, count)
};

static const struct st_col lesson_cols[] = {
	ST_COL(struct case_lesson_row, course_slug),
	ST_COL(struct case_lesson_row, lesson_key),
	ST_COL(struct case_lesson_row, module_key),
	ST_COL(struct case_lesson_row, course_title),
	ST_COL(struct case_lesson_row, course_lang),
	ST_COL(struct case_lesson_row, lesson_title),
	ST_COL(struct case_lesson_row, lesson_lang)
};

static const struct st_col course_cols[] = {
	ST_COL(struct case_course_row, slug),
	ST_COL(struct case_course_row, title)
};

/* Steps s (CASE_COLS, TEXT_COLS) to the end into two arrays side by side;
 * resets s. */
static int
case_text_pairs(struct arena *a, struct db_stmt *s, struct case_row **rows,
    struct case_text_row **texts, size_t *n)
{
	size_t	cap = 0, cap2 = 0;
	int	rc;

	*rows = NULL;
	*texts = NULL;
	*n = 0;
	if (s == NULL)
		return (STORE_ERROR);
	while ((rc = db_step(s)) == DB_ROW && *n < ST_ROWS_MAX) {
		*rows = st_grow(a, *rows, *n, &cap, sizeof(**rows));
		*texts = st_grow(a, *texts, *n, &cap2, sizeof(**texts));
		case_read(a, s, 0, &(*rows)[*n]);
		text_read(a, s, CASE_NCOLS, &(*texts)[*n]);
		(*n)++;
	}
	db_reset(s);
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

int
store_case_by_slug(struct db *db, struct arena *a, const char *slug,
    struct case_row *r)
{
	return (st_row(a, ST_PREP(db, "SELECT " CASE_COLS " FROM cases c WHERE"
	    " c.slug = $1", st_t(slug)), case_rd, r));
}

int
store_case_slug_of_sub(struct db *db, struct arena *a, int64_t submission_id,
    char **slug)
{
	struct db_stmt	*s;

	*slug = NULL;
	s = ST_PREP(db, "SELECT slug FROM cases WHERE submission_id"
	    " = $1 ORDER BY id LIMIT 1", st_i(submission_id));
	return (st_str(a, s, slug));
}

int
store_case_insert(struct db *db, const struct case_row *r, int64_t *id)
{
	struct db_stmt	*s;

	s = st_prep_row(db, "INSERT INTO cases (slug, submission_id,"
	    " state, category, organisation, sector, country, region,"
	    " language, year, title, is_example, version, published_at,"
	    " updated_at, unpublished_at, unpublish_reason, digest) VALUES"
	    " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
	    " $15, $16, $17, $18) RETURNING id", case_cols + CASE_INSERTED,
	    CASE_NCOLS - CASE_INSERTED, r, NULL, 0);
	if (s != NULL && r->submission_id <= 0)
		db_bind_null(s, 2);
	return (st_int(s, id));
}

int
store_case_update(struct db *db, const struct case_row *r)
{
	return (st_run(ST_PREP_ROW(db, "UPDATE cases SET state = $1,"
	    " category = $2, organisation = $3, sector = $4, country = $5,"
	    " region = $6, language = $7, year = $8, title = $9,"
	    " is_example = $10, version = $11, published_at = $12,"
	    " updated_at = $13, unpublished_at = $14, unpublish_reason = $15,"
	    " digest = $16 WHERE id = $17", case_cols + CASE_UPDATED,
	    CASE_NCOLS - CASE_UPDATED, r, st_i(r->id))));
}

int
store_case_content_clear(struct db *db, int64_t case_id)
{
	if (st_run(ST_PREP(db, "DELETE FROM case_texts WHERE case_id = $1",
	    st_i(case_id))) != STORE_OK)
		return (STORE_ERROR);
	return (st_run(ST_PREP(db, "DELETE FROM case_links WHERE case_id = $1",
	    st_i(case_id))));
}

int
store_case_text_add(struct db *db, int64_t case_id,
    const struct case_text_row *t)
{
	return (st_run(ST_PREP(db, "INSERT INTO case_texts (case_id, lang,"
	    " title, summary, ai_system, actions, outcomes, lessons) VALUES"
	    " ($1, $2, $3, $4, $5, $6, $7, $8)", st_i(case_id), st_t(t->lang),
	    st_t(t->title), st_t(t->summary), st_t(t->ai_system),
	    st_t(t->actions), st_t(t->outcomes), st_t(t->lessons))));
}

int
store_case_link_add(struct db *db, int64_t case_id,
    const struct case_link_row *l)
{
	return (st_run(ST_PREP(db, "INSERT INTO case_links (case_id, position,"
	    " kind, title, url) VALUES ($1, $2, $3, $4, $5)", st_i(case_id),
	    st_i(l->position), st_t(l->kind), st_t(l->title), st_t(l->url))));
}

int
store_case_version_add(struct db *db, int64_t case_id, int64_t version,
    int64_t now, int64_t by, const char *note)
{
	return (st_run(ST_PREP(db, "INSERT INTO case_versions (case_id,"
	    " version, created_at, created_by, note) VALUES ($1, $2, $3, $4,"
	    " $5)", st_i(case_id), st_i(version), st_i(now), st_opt(by),
	    st_t(note != NULL ? note : ""))));
}

int
store_case_unindex(struct db *db, int64_t case_id)
{
	int	rc;

	if ((rc = st_run(ST_PREP(db, "DELETE FROM case_tags WHERE case_id = $1",
	    st_i(case_id)))) != STORE_OK)
		return (rc);
	return (st_run(ST_PREP(db, is_pg(db) ?
	    "DELETE FROM case_fts WHERE case_id = $1" :
	    "DELETE FROM case_fts WHERE rowid = $1", st_i(case_id))));
}

int
store_case_index(struct db *db, int64_t case_id,
    const struct case_tag_row *tags, size_t ntags, const char *body)
{
	struct db_stmt	*s;
	size_t		 i;
	int		 rc;

	if ((rc = store_case_unindex(db, case_id)) != STORE_OK)
		return (rc);
	for (i = 0; i <= ntags; i++) {
		s = ST_PREP(db, "INSERT INTO case_tags (case_id, kind,"
		    " slug) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
	    st_i(case_id), st_t(i == ntags ? "all" : tags[i].kind),
	    st_t(i == ntags ? "" : tags[i].slug));
		if ((rc = st_run(s)) != STORE_OK)
			return (rc);
	}
	return (st_run(ST_PREP(db, is_pg(db) ?
	    "INSERT INTO case_fts (case_id, body) VALUES ($1, $2)" :
	    "INSERT INTO case_fts (rowid, body) VALUES ($1, $2)",
	    st_i(case_id), st_t(body))));
}

/* Binds the filters ($1..$18) and the words ($19..$22). */
static void
bind_query(struct db *db, struct arena *a, struct db_stmt *s,
    const struct case_query *q)
{
	size_t	i;

	for (i = 0; i < CASE_MAX_FILTERS; i++) {
		if (i < q->nfilters) {
			db_bind_text(s, 1 + 2 * (int)i, q->kind[i]);
			db_bind_text(s, 2 + 2 * (int)i, q->slug[i]);
		} else if (i == 0) {
			db_bind_text(s, 1, "all");
			db_bind_text(s, 2, "");
		} else {
			db_bind_text(s, 1 + 2 * (int)i, "");
			db_bind_text(s, 2 + 2 * (int)i, "");
		}
	}
	bind_words(db, a, s, q, 19);
}

/*
 * Binds the words of q to $p..$p+3. SQLite: $p is an FTS5 MATCH of the
 * words of 3+ characters, each a quoted phrase (the domain's words hold
 * no ASCII punctuation, so no quote), $p+1..$p+3 LIKE patterns for
 * shorter words; PostgreSQL: one ILIKE pattern per word.
 */
static void
bind_words(struct db *db, struct arena *a, struct db_stmt *s,
    const struct case_query *q, int p)
{
	struct buf	 m;
	const char	*like[CASE_MAX_WORDS];
	size_t		 i, nl = 0;

	for (i = 0; i < CASE_MAX_WORDS; i++)
		like[i] = "";
	buf_init(&m);
	for (i = 0; i < q->nwords && i < CASE_MAX_WORDS; i++) {
		if (is_pg(db)) {
			like[nl++] = arena_printf(a, "%%%s%%", q->words[i]);
		} else if (utf8_chars(q->words[i]) >= 3) {
			buf_appendf(&m, "%s\"%s\"", m.len ? " " : "",
			    q->words[i]);
		} else if (nl < 3) {
			like[nl++] = arena_printf(a, "%%%s%%", q->words[i]);
		}
	}
	if (is_pg(db)) {
		db_bind_text(s, p, like[0]);
		for (i = 0; i < 3; i++)
			db_bind_text(s, p + 1 + (int)i, like[i + 1]);
	} else {
		db_bind_text(s, p, m.data != NULL ? m.data : "");
		for (i = 0; i < 3; i++)
			db_bind_text(s, p + 1 + (int)i, like[i]);
	}
	buf_free(&m);
}

/* 1 when the query has words the relevance order can use (on SQLite:
 * a word for the FTS5 MATCH, of 3 characters or more). */
static int
has_words(struct db *db, const struct case_query *q)
{
	size_t	i;

	for (i = 0; i < q->nwords && i < CASE_MAX_WORDS; i++)
		if (is_pg(db) || utf8_chars(q->words[i]) >= 3)
			return (1);
	return (0);
}

int
store_case_search(struct db *db, struct arena *a, const struct case_query *q,
    int64_t offset, int64_t limit, struct case_list_row **out, size_t *n,
    int64_t *total)
{
	struct db_stmt	*s;
	int		 rc, words;

	*out = NULL;
	*n = 0;
	*total = 0;
	words = has_words(db, q);
	if (is_pg(db))
		s = db_prepare(db, "SELECT count(*) FROM (" M_PG ") m");
	else
		s = db_prepare(db, "SELECT count(*) FROM (" M_SQLITE ") m");
	if (s == NULL)
		return (STORE_ERROR);
	bind_query(db, a, s, q);
	if ((rc = st_int(s, total)) != STORE_OK)
		return (rc);
	if (*total == 0 || offset >= *total)
		return (STORE_OK);
	if (is_pg(db)) {
		if (q->sort == CASE_SORT_TITLE)
			s = db_prepare(db, LIST_HEAD " WHERE c.id IN (" M_PG
			    ") ORDER BY lower(COALESCE(u.title, p.title)), c.id"
			    " LIMIT $24 OFFSET $25");
		else if (q->sort == CASE_SORT_RELEVANCE && words)
			s = db_prepare(db, LIST_HEAD " JOIN case_fts f ON"
			    " f.case_id = c.id WHERE c.id IN (" M_PG ")"
			    " ORDER BY public.word_similarity(trim(both '%' from $19),"
			    " f.body) DESC, c.published_at DESC, c.id DESC"
			    " LIMIT $24 OFFSET $25");
		else
			s = db_prepare(db, LIST_HEAD " WHERE c.id IN (" M_PG
			    ") ORDER BY c.published_at DESC, c.id DESC"
			    " LIMIT $24 OFFSET $25");
	} else {
		if (q->sort == CASE_SORT_TITLE)
			s = db_prepare(db, LIST_HEAD " WHERE c.id IN ("
			    M_SQLITE ") ORDER BY lower(COALESCE(u.title,"
			    " p.title)), c.id LIMIT $24 OFFSET $25");
		else if (q->sort == CASE_SORT_RELEVANCE && words)
			s = db_prepare(db, LIST_HEAD " JOIN (SELECT rowid AS"
			    " fid, rank AS r FROM case_fts WHERE case_fts MATCH"
			    " $19) f ON f.fid = c.id WHERE c.id IN (" M_SQLITE
			    ") ORDER BY f.r, c.published_at DESC, c.id DESC"
			    " LIMIT $24 OFFSET $25");
		else
			s = db_prepare(db, LIST_HEAD " WHERE c.id IN ("
			    M_SQLITE ") ORDER BY c.published_at DESC, c.id DESC"
			    " LIMIT $24 OFFSET $25");
	}
	if (s != NULL) {
		bind_query(db, a, s, q);
		db_bind_text(s, 23, q->ui_lang != NULL ? q->ui_lang : "");
		db_bind_int(s, 24, limit);
		db_bind_int(s, 25, offset);
	}
	return (ST_ROWS(a, s, list_read, out, n));
}

int
store_case_facets(struct db *db, struct arena *a, const struct case_query *q,
    struct case_facet_row **out, size_t *n)
{
	struct db_stmt	*s;

	if (is_pg(db))
		s = db_prepare(db, "SELECT g.kind, g.slug, count(*) FROM"
		    " case_tags g WHERE g.case_id IN (" M_PG ") AND g.kind <>"
		    " 'all' GROUP BY g.kind, g.slug ORDER BY g.kind, g.slug");
	else
		s = db_prepare(db, "SELECT g.kind, g.slug, count(*) FROM"
		    " case_tags g WHERE g.case_id IN (" M_SQLITE ") AND g.kind"
		    " <> 'all' GROUP BY g.kind, g.slug ORDER BY g.kind, g.slug");
	if (s != NULL)
		bind_query(db, a, s, q);
	return (ST_ROWS_COLS(a, s, facet_cols, out, n));
}

int
store_case_chunk(struct db *db, struct arena *a, int64_t after_id,
    int64_t limit, struct case_row **rows, struct case_text_row **texts,
    size_t *n)
{
	return (case_text_pairs(a, ST_PREP(db, "SELECT " CASE_COLS ", "
	    TEXT_COLS " FROM cases c JOIN case_texts x ON x.case_id = c.id AND"
	    " x.lang = c.language WHERE c.state = 'published' AND c.id > $1"
	    " ORDER BY c.id LIMIT $2", st_i(after_id), st_i(limit)), rows,
	    texts, n));
}

int
store_case_chunk_tags(struct db *db, struct arena *a, int64_t first,
    int64_t last, int64_t **ids, struct case_tag_row **tags, size_t *n)
{
	struct db_stmt	*s;
	size_t		 cap = 0, cap2 = 0;
	int		 rc;

	*ids = NULL;
	*tags = NULL;
	*n = 0;
	if ((s = db_prepare(db, "SELECT case_id, kind, slug FROM case_tags"
	    " WHERE case_id >= $1 AND case_id <= $2 AND kind <> 'all'"
	    " ORDER BY case_id, kind, slug")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, first);
	db_bind_int(s, 2, last);
	while ((rc = db_step(s)) == DB_ROW) {
		*ids = st_grow(a, *ids, *n, &cap, sizeof(**ids));
		*tags = st_grow(a, *tags, *n, &cap2, sizeof(**tags));
		(*ids)[*n] = db_col_int(s, 0);
		(*tags)[*n].kind = st_text(a, s, 1);
		(*tags)[*n].slug = st_text(a, s, 2);
		(*n)++;
	}
	db_reset(s);
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

int
store_case_recent(struct db *db, struct arena *a, int64_t limit,
    struct case_row **rows, struct case_text_row **texts, size_t *n)
{
	return (case_text_pairs(a, ST_PREP(db, "SELECT " CASE_COLS ", "
	    TEXT_COLS " FROM cases c JOIN case_texts x ON x.case_id = c.id AND"
	    " x.lang = c.language WHERE c.state = 'published'"
	    " ORDER BY c.updated_at DESC, c.id DESC LIMIT $1", st_i(limit)),
	    rows, texts, n));
}

int
store_case_stamp(struct db *db, int64_t *max_updated, int64_t *count)
{
	struct db_stmt	*s;
	int		 rc, ret;

	if ((s = db_prepare(db, "SELECT COALESCE(max(updated_at), 0),"
	    " count(*) FROM cases")) == NULL)
		return (STORE_ERROR);
	rc = db_step(s);
	if (rc == DB_ROW) {
		*max_updated = db_col_int(s, 0);
		*count = db_col_int(s, 1);
		ret = STORE_OK;
	} else
		ret = st_err(rc);
	db_reset(s);
	return (ret);
}

int
store_case_lessons_set(struct db *db, int64_t course_id, int64_t lesson_id,
    const char *const *slugs, size_t n)
{
	struct db_stmt	*s;
	size_t		 i;
	int		 rc;

	s = ST_PREP(db, "DELETE FROM case_lessons WHERE course_id = $1"
	    " AND lesson_id = $2", st_i(course_id), st_i(lesson_id));
	if ((rc = st_run(s)) != STORE_OK)
		return (rc);
	for (i = 0; i < n; i++) {
		s = ST_PREP(db, "INSERT INTO case_lessons (case_slug,"
		    " course_id, lesson_id) VALUES ($1, $2, $3)"
		    " ON CONFLICT DO NOTHING", st_t(slugs[i]), st_i(course_id),
	    st_i(lesson_id));
		if ((rc = st_run(s)) != STORE_OK)
			return (rc);
	}
	return (STORE_OK);
}

int
store_case_lessons(struct db *db, struct arena *a, const char *case_slug,
    const char *lang, struct case_lesson_row **out, size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT co.slug, l.lesson_key,"
	    " l.module_key, COALESCE(cu.title, cd.title, co.slug),"
	    " COALESCE(cu.lang, cd.lang, ''), COALESCE(lu.title, ld.title,"
	    " l.lesson_key), COALESCE(lu.lang, ld.lang, '')"
	    " FROM case_lessons r JOIN course_lessons l ON l.id = r.lesson_id"
	    " JOIN courses co ON co.id = r.course_id"
	    " LEFT JOIN course_texts cu ON cu.course_id = co.id AND"
	    " cu.lang = $2 LEFT JOIN course_texts cd ON cd.course_id = co.id"
	    " AND cd.lang = co.default_language"
	    " LEFT JOIN lesson_texts lu ON lu.lesson_id = l.id AND"
	    " lu.lang = $2 LEFT JOIN lesson_texts ld ON ld.lesson_id = l.id"
	    " AND ld.lang = co.default_language"
	    " WHERE r.case_slug = $1"
	    " AND l.active = 1 ORDER BY co.slug, l.position", st_t(case_slug),
	    st_t(lang != NULL ? lang : "")), lesson_cols, out, n));
}

int
store_case_courses_tagged(struct db *db, struct arena *a, const char *kind,
    const char *slug, const char *lang, struct case_course_row **out,
    size_t *n)
{
	return (ST_ROWS_COLS(a, ST_PREP(db, "SELECT co.slug, COALESCE(u.title,"
	    " d.title, co.slug) FROM course_tags t JOIN courses co ON co.id ="
	    " t.course_id LEFT JOIN course_texts u ON u.course_id = co.id AND"
	    " u.lang = $3 LEFT JOIN course_texts d ON d.course_id = co.id AND"
	    " d.lang = co.default_language WHERE t.kind = $1 AND t.slug = $2"
	    " AND co.version > 0 ORDER BY co.slug", st_t(kind), st_t(slug),
	    st_t(lang != NULL ? lang : "")), course_cols, out, n));
}

/* Runs s (bound) and calls fn(arg, column 0) per row; a NULL s (a
 * failed prepare) is STORE_ERROR. */
static int
id_scan(struct db_stmt *s, int (*fn)(void *, int64_t), void *arg)
{
	int	rc;

	if (s == NULL)
		return (STORE_ERROR);
	while ((rc = db_step(s)) == DB_ROW)
		if (fn(arg, db_col_int(s, 0)) != 0) {
			rc = DB_DONE;
			break;
		}
	db_reset(s);
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

int
store_case_order(struct db *db, int (*fn)(void *, int64_t), void *arg)
{
	return (id_scan(db_prepare(db, "SELECT id FROM cases WHERE state ="
	    " 'published' ORDER BY published_at DESC, id DESC"), fn, arg));
}

int
store_case_title_order(struct db *db, const char *lang,
    int (*fn)(void *, int64_t), void *arg)
{
	return (id_scan(ST_PREP(db, "SELECT c.id FROM cases c JOIN case_texts"
	    " p ON p.case_id = c.id AND p.lang = c.language LEFT JOIN"
	    " case_texts u ON u.case_id = c.id AND u.lang = $1 WHERE c.state ="
	    " 'published' ORDER BY lower(COALESCE(u.title, p.title)), c.id",
	    st_t(lang != NULL ? lang : "")), fn, arg));
}

int
store_case_tag_scan(struct db *db, int (*fn)(void *, int64_t, const char *,
    const char *), void *arg)
{
	struct db_stmt	*s;
	int		 rc;

	if ((s = db_prepare(db, "SELECT case_id, kind, slug FROM case_tags"
	    " WHERE kind <> 'all'")) == NULL)
		return (STORE_ERROR);
	while ((rc = db_step(s)) == DB_ROW)
		if (fn(arg, db_col_int(s, 0), db_col_text(s, 1),
		    db_col_text(s, 2)) != 0) {
			rc = DB_DONE;
			break;
		}
	db_reset(s);
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

int
store_case_word_hits(struct db *db, struct arena *a,
    const char *const *words, size_t nwords, int64_t **ids, double **rank,
    size_t *n)
{
	struct case_query	 q;
	struct db_stmt		*s;
	size_t			 cap = 0, cap2 = 0, i;
	const char		*r;
	int			 rc;

	*ids = NULL;
	*rank = NULL;
	*n = 0;
	memset(&q, 0, sizeof(q));
	for (i = 0; i < nwords && i < CASE_MAX_WORDS; i++)
		q.words[q.nwords++] = words[i];
	if (is_pg(db))
		s = db_prepare(db, "SELECT case_id, CAST(-public.word_similarity("
		    "trim(both '%' from $1), body) AS TEXT) FROM case_fts"
		    " WHERE ($1 = '' OR body ILIKE $1) AND ($2 = '' OR body"
		    " ILIKE $2) AND ($3 = '' OR body ILIKE $3) AND ($4 = ''"
		    " OR body ILIKE $4)");
	else if (has_words(db, &q))
		s = db_prepare(db, "SELECT rowid, printf('%!.17g', rank) FROM"
		    " case_fts WHERE case_fts MATCH $1"
		    " AND ($2 = '' OR (body || '') LIKE $2)"
		    " AND ($3 = '' OR (body || '') LIKE $3)"
		    " AND ($4 = '' OR (body || '') LIKE $4)");
	else
		s = db_prepare(db, "SELECT rowid, '0' FROM case_fts WHERE"
		    " $1 = '' AND ($2 = '' OR (body || '') LIKE $2)"
		    " AND ($3 = '' OR (body || '') LIKE $3)"
		    " AND ($4 = '' OR (body || '') LIKE $4)");
	if (s == NULL)
		return (STORE_ERROR);
	bind_words(db, a, s, &q, 1);
	while ((rc = db_step(s)) == DB_ROW) {
		*ids = st_grow(a, *ids, *n, &cap, sizeof(**ids));
		*rank = st_grow(a, *rank, *n, &cap2, sizeof(**rank));
		(*ids)[*n] = db_col_int(s, 0);
		r = db_col_text(s, 1);
		(*rank)[*n] = r != NULL ? strtod(r, NULL) : 0;
		(*n)++;
	}
	db_reset(s);
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}

int
store_case_rows(struct db *db, struct arena *a, const int64_t *ids,
    size_t n, const char *ui_lang, struct case_list_row **out, size_t *nout)
{
	struct db_stmt		*s;
	struct case_list_row	 row;
	struct buf		 b;
	size_t			 i;
	int64_t			 id;
	int			 rc;

	*out = arena_alloc(a, (n + 1) * sizeof(**out));
	*nout = 0;
	if (n == 0)
		return (STORE_OK);
	buf_init(&b);
	buf_putc(&b, is_pg(db) ? '{' : '[');
	for (i = 0; i < n; i++)
		buf_appendf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_putc(&b, is_pg(db) ? '}' : ']');
	if (is_pg(db))
		s = db_prepare(db, LIST_SEL(2) " WHERE c.id = ANY(CAST($1 AS"
		    " BIGINT[]))");
	else
		s = db_prepare(db, LIST_SEL(2) " WHERE c.id IN (SELECT value FROM"
		    " json_each($1))");
	if (s == NULL) {
		buf_free(&b);
		return (STORE_ERROR);
	}
	db_bind_text(s, 1, b.data);
	db_bind_text(s, 2, ui_lang != NULL ? ui_lang : "");
	buf_free(&b);
	/* Rows come in any order: place each at its id's position. */
	for (i = 0; i < n; i++)
		(*out)[i].c.id = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		list_read(a, s, &row);
		id = row.c.id;
		for (i = 0; i < n; i++)
			if (ids[i] == id) {
				(*out)[i] = row;
				break;
			}
	}
	db_reset(s);
	if (rc != DB_DONE)
		return (st_err(rc));
	for (i = 0; i < n; i++)
		if ((*out)[i].c.id != 0)
			(*out)[(*nout)++] = (*out)[i];
	return (STORE_OK);
}

/* One row of store_case_children's query into its list. */
static void
child_read(struct arena *a, struct db_stmt *s, struct case_children *ch,
    size_t cap[4])
{
	struct case_link_row	*l;
	struct case_version_row	*v;
	struct case_tag_row	*t;

	switch (db_col_int(s, 0)) {
	case 1:
		ch->texts = st_grow(a, ch->texts, ch->ntexts, &cap[0],
		    sizeof(*ch->texts));
		text_read(a, s, 4, &ch->texts[ch->ntexts++]);
		break;
	case 2:
		ch->links = st_grow(a, ch->links, ch->nlinks, &cap[1],
		    sizeof(*ch->links));
		l = &ch->links[ch->nlinks++];
		l->position = db_col_int(s, 11);
		l->kind = st_text(a, s, 4);
		l->title = st_text(a, s, 5);
		l->url = st_text(a, s, 6);
		break;
	case 3:
		ch->tags = st_grow(a, ch->tags, ch->ntags, &cap[2],
		    sizeof(*ch->tags));
		t = &ch->tags[ch->ntags++];
		t->kind = st_text(a, s, 4);
		t->slug = st_text(a, s, 5);
		break;
	default:
		ch->versions = st_grow(a, ch->versions, ch->nversions, &cap[3],
		    sizeof(*ch->versions));
		v = &ch->versions[ch->nversions++];
		v->version = db_col_int(s, 11);
		v->created_at = db_col_int(s, 12);
		v->note = st_text(a, s, 4);
		break;
	}
}

int
store_case_children(struct db *db, struct arena *a, int64_t case_id,
    struct case_children *ch)
{
	struct db_stmt	*s;
	size_t		 cap[4] = { 0, 0, 0, 0 };
	int		 rc;

	memset(ch, 0, sizeof(*ch));
	/* part, sort keys (int, text, text), 7 texts, 2 ints */
	if ((s = db_prepare(db, "SELECT 1, 0, lang, '', lang, title, summary,"
	    " ai_system, actions, outcomes, lessons, 0, 0 FROM case_texts"
	    " WHERE case_id = $1"
	    " UNION ALL SELECT 2, position, '', '', kind, title, url, '', '',"
	    " '', '', position, 0 FROM case_links WHERE case_id = $1"
	    " UNION ALL SELECT 3, 0, kind, slug, kind, slug, '', '', '', '',"
	    " '', 0, 0 FROM case_tags WHERE case_id = $1 AND kind <> 'all'"
	    " UNION ALL SELECT 4, -version, '', '', note, '', '', '', '', '',"
	    " '', version, created_at FROM case_versions WHERE case_id = $1"
	    " ORDER BY 1, 2, 3, 4")) == NULL)
		return (STORE_ERROR);
	db_bind_int(s, 1, case_id);
	while ((rc = db_step(s)) == DB_ROW)
		child_read(a, s, ch, cap);
	db_reset(s);
	return (rc == DB_DONE ? STORE_OK : st_err(rc));
}
