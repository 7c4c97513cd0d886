/*
 * studio_translate.h: translating a course in the studio (issue 16.5).
 * A translator (or an author) writes a lesson's text and title in one of
 * the course's other languages beside the source (the default
 * language's). Each save, and each confirmation, records which source
 * text the translation was made from, by its SHA-256 (table
 * course_translations, migration 0026: the package format has no place
 * for it). When the source changes, the translation is outdated, shown
 * with the source's diff, until a translator saves or confirms it.
 *
 * A lesson translation is missing when its file is empty, up to date
 * when its recorded source is the current one, outdated otherwise (a
 * translation that came in a package, with no record, is outdated too:
 * nobody has said which source it follows). Who may: the studio's rule
 * table (STUDIO_TRANSLATE to write, STUDIO_OPEN to look, STUDIO_OUTLINE
 * to add a language to the course).
 */
#ifndef ETHICA_STUDIO_TRANSLATE_H
#define ETHICA_STUDIO_TRANSLATE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/package.h"
#include "domain/result.h"
#include "domain/studio.h"

struct arena;
struct form_errors;
struct tr_row;

#define STUDIO_TR_TEXT_MAX	100000	/* bytes of one lesson text (v_text) */
#define STUDIO_TR_RECORDS_MAX	(STUDIO_MODULES_MAX * STUDIO_LESSONS_MAX * \
				    STUDIO_LANGS_MAX)

enum studio_tr_state {
	STUDIO_TR_MISSING = 0,
	STUDIO_TR_CURRENT,
	STUDIO_TR_OUTDATED
};

/* The state of a translation of len bytes whose recorded source is
 * recorded (NULL: none) when the source's hash is now source. Pure. */
enum studio_tr_state studio_tr_state(size_t len, const char *recorded,
		    const char *source);
/* "missing", "current", "outdated" (for pages and tests). */
const char	*studio_tr_state_name(enum studio_tr_state);
/* The state's name for people, a msgid. */
const char	*studio_tr_state_label(enum studio_tr_state);

struct studio_tr_row {
	const char		*lesson;	/* lesson id */
	const char		*title;		/* in the table's language */
	const char		*title_lang;
	int			 module;	/* index of its module */
	enum studio_tr_state	*cells;		/* one per language */
};

/* Languages (the course's but the default) × lessons, course order. */
struct studio_tr_table {
	const char		**langs;
	size_t			 nlangs;
	struct studio_tr_row	*rows;
	size_t			 nrows;
};

/* The table of pkg with files (hashes set) and the records, titles in
 * lang. Pure; arena memory. */
void		 studio_tr_table_build(struct arena *,
		    const struct course_pkg *, const struct pkg_files *,
		    const struct tr_row *recs, size_t nrecs, const char *lang,
		    struct studio_tr_table *);
/* The table of course slug (STUDIO_OPEN; studio_open's answers), sc
 * filled as studio_open does. */
enum result	 studio_tr_table(struct dctx *, const char *slug,
		    const char *lang, struct studio_course *sc,
		    struct studio_tr_table *);

/* A line of the source's diff: kept (context), removed, added, or a
 * gap standing for kept lines left out. */
enum studio_tr_op {
	STUDIO_TR_KEEP = 0,
	STUDIO_TR_DEL,
	STUDIO_TR_ADD,
	STUDIO_TR_GAP
};

struct studio_tr_line {
	enum studio_tr_op	 op;
	const char		*text;
};

/* Kept lines shown around each change of the source's diff. */
#define STUDIO_TR_CONTEXT	2

/*
 * The line diff (textdiff.h) of old into new as lines to show: changes
 * with STUDIO_TR_CONTEXT kept lines around them, a gap for the kept
 * lines between. Arena memory; -1 when a text is over textdiff's caps.
 */
int		 studio_tr_diff(struct arena *, const char *old, size_t oldlen,
		    const char *new, size_t newlen,
		    struct studio_tr_line **lines, size_t *n);

/* A lesson's translation as the editor shows it. */
struct studio_tr_lesson {
	const char		*def;		/* the source's language */
	const char		*source_title;
	const char		*title;		/* in lang */
	const char		*source;	/* the source text */
	size_t			 source_len;
	const char		*text;		/* the translation */
	size_t			 text_len;
	enum studio_tr_state	 state;
	const char		*old_source;	/* outdated with a record: the
						   source it was made from */
	size_t			 old_len;
	struct studio_tr_line	*diff;		/* old_source → source */
	size_t			 ndiff;
	int			 diff_too_large;
	int			 may_edit;	/* STUDIO_TRANSLATE */
};

/*
 * The translation of lesson into lang of course slug (STUDIO_OPEN):
 * RES_NOT_FOUND for an unknown lesson, a language not the course's, or
 * the default language (the source is edited elsewhere); studio_open's
 * answers. sc is filled as studio_open does.
 */
enum result	 studio_tr_lesson_get(struct dctx *, const char *slug,
		    const char *lesson, const char *lang,
		    struct studio_course *sc, struct studio_tr_lesson *);

/* A translator's save: the title and text in the language, or only a
 * confirmation that the translation follows the current source. */
struct studio_tr_edit {
	const char	*title;
	const char	*text;
	int		 confirm;
};

/*
 * Saves e for lesson in lang (STUDIO_TRANSLATE): a new version with the
 * file and title of lang changed (the source, the other languages and
 * the outline untouched) and the record of the current source, in one
 * transaction; with e->confirm only the record. RES_INVALID with fe
 * (title, text; confirm of a missing translation) or errs;
 * RES_NOT_FOUND, RES_FORBIDDEN, RES_INTERNAL.
 */
enum result	 studio_tr_lesson_save(struct dctx *, const char *slug,
		    const char *lesson, const char *lang,
		    const struct studio_tr_edit *e, struct form_errors *fe,
		    struct pkg_errors *errs);
/*
 * Adds lang (one of the UI languages) to course slug (STUDIO_OUTLINE):
 * its titles start as copies of the default language's, its lesson
 * files empty (missing translations). RES_INVALID with fe ("lang"): not
 * a UI language, already there, as many languages as a course may have,
 * a course with quizzes (their texts per language are the quiz
 * editor's). One transaction.
 */
enum result	 studio_tr_lang_add(struct dctx *, const char *slug,
		    const char *lang, struct form_errors *fe,
		    struct pkg_errors *errs);

#endif
