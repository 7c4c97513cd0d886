/*
 * course_view.h: what the course pages show: the catalog with its filter
 * counts, a course's page, a lesson (rendered Markdown, captions,
 * transcript, attachments, previous/next), media files, and the author's
 * lesson editor. All memory returned is in dc->a unless said otherwise.
 */
#ifndef ETHICA_COURSE_VIEW_H
#define ETHICA_COURSE_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "domain/course.h"
#include "domain/package.h"

struct safe_html;
struct md_toc;

#define CATALOG_PAGE_SIZE	20

enum catalog_kind {
	CAT_PRINCIPLE = 0,
	CAT_POLICY_AREA,
	CAT_TRACK,
	CAT_LANG,
	CAT_LEVEL,
	CAT_NKINDS
};

struct catalog_query {
	const char	*q;
	const char	*f[CAT_NKINDS];	/* selected slug per kind, or NULL */
	int64_t		 page;
};

struct catalog_item {
	const char	*slug;
	const char	*title;
	const char	*summary;
	const char	*text_lang;	/* the language of title and summary */
	const char	*level;		/* msgid */
	const char	*languages;	/* "en ko" */
	int64_t		 minutes;
};

struct catalog_facet {
	const char	*slug;
	const char	*name;		/* msgid, or the language code */
	int64_t		 count;
	int		 selected;
};

struct catalog {
	struct catalog_item	*items;
	size_t			 n;
	int64_t			 total, page, pages;
	struct catalog_facet	*facets[CAT_NKINDS];
	size_t			 nfacets[CAT_NKINDS];
};

/* The URL parameter name of a kind ("principle", ..., "lang", "level"). */
const char	*catalog_param(enum catalog_kind);
/*
 * Courses matching the query, titles in ui_lang (else default), and per
 * kind the values with the number of courses the catalog would show if
 * that value were chosen instead (other filters kept). Facets with no
 * course are left out unless selected.
 */
enum result	 course_catalog(struct dctx *, const struct catalog_query *,
		    const char *ui_lang, struct catalog *out);

struct course_offline;

struct course_page {
	struct course_outline	 o;
	const struct course_pkg	*pkg;	/* borrowed, valid for the request */
	const char		*summary;
	int			 can_edit;
	struct course_offline	*offline;	/* its offline editions */
	size_t			 noffline;
};

/* 1 when the user may edit the course slug (an administrator, or an
 * author listed on it); 0 otherwise, an unknown course too. */
int		 course_user_can_edit(struct dctx *, const char *slug);

/* The course page in lang (else default), with its offline editions
 * (course_offline.h). RES_NOT_FOUND, RES_INTERNAL. */
enum result	 course_page(struct dctx *, const char *slug, const char *lang,
		    struct course_page *out);

struct lesson_caption {
	const char	*lang;
	const char	*src;		/* URL of the .vtt */
};

struct lesson_attachment {
	const char	*title;
	const char	*href;
	const char	*file;
};

struct case_card;

/* The lesson body in order: Markdown (html) or a case card (card). */
struct lesson_part {
	const struct safe_html	*html;		/* owned by the cache */
	struct case_card	*card;		/* case_ref.h, arena */
};

struct lesson_view {
	struct course_ref	 course;
	const char		*course_title;
	const char		*lang;		/* language shown */
	int			 fallback;	/* asked language missing */
	int64_t			 lesson_id;	/* stable id */
	const char		*key;
	const char		*title;
	const char		*module_title;
	int			 minutes;
	size_t			 index, count;	/* 1-based position */
	const struct safe_html	*html;		/* whole body when it embeds
						   no case, else NULL */
	struct lesson_part	*parts;		/* always: the body */
	size_t			 nparts;
	const struct md_toc	*toc;		/* owned by the cache */
	const char		*video_url;
	int			 video_external;	/* on another site: load
							   it only on play */
	struct lesson_caption	*captions;
	size_t			 ncaptions;
	const char		**transcript;
	size_t			 ntranscript;
	struct lesson_attachment *att;
	size_t			 natt;
	const char		*prev_key, *prev_title;
	const char		*next_key, *next_title;
	int			 can_edit;
};

/*
 * One lesson for reading; a card per ::case[slug] (texts in lang when the
 * case has them; available 0 when it was unpublished since). Markdown is
 * rendered once per version (cache); each card costs two queries.
 * RES_NOT_FOUND, RES_INTERNAL.
 */
enum result	 course_lesson_view(struct dctx *, const char *slug,
		    const char *lesson, const char *lang,
		    struct lesson_view *out);

/*
 * The author's preview of text, the Markdown of one lesson in lang: the
 * body exactly as the lesson page would show it (the same renderer, case
 * cards included) into out->parts, out->nparts and out->toc. The slugs of
 * ::case directives that name no published case go to *unknown (arena,
 * *nunknown of them), for the author to fix before saving. RES_INVALID
 * with a "line N: ..." message in err for a malformed directive;
 * RES_INTERNAL. Reads only; the caller has checked the author's rights.
 */
enum result	 course_lesson_preview(struct dctx *, const char *text,
		    const char *lang, struct lesson_view *out,
		    const char ***unknown, size_t *nunknown, char *err,
		    size_t errlen);

/*
 * A file of the current version (e.g. "media/x.png"): data (arena), its
 * content type and an ETag (the content hash). RES_NOT_FOUND.
 */
enum result	 course_media(struct dctx *, const char *slug,
		    const char *path, const char **data, size_t *len,
		    const char **type, const char **etag);

/*
 * The paths of the current version's media files ("media/..."), in the
 * package's order, into *paths (arena; *n of them). RES_NOT_FOUND,
 * RES_INTERNAL.
 */
enum result	 course_media_list(struct dctx *, const char *slug,
		    const char ***paths, size_t *n);

struct author_lesson {
	const char	*course_title;
	const char	*lesson_title;
	const char	*text;		/* current Markdown */
	const char	*path;		/* file in the package */
	const char	**langs;	/* course languages */
	size_t		 nlangs;
};

/*
 * The Markdown of lesson in lang for editing. Only admins and authors
 * listed (by email) on the course: RES_FORBIDDEN otherwise.
 */
enum result	 course_author_lesson(struct dctx *, const char *slug,
		    const char *lesson, const char *lang,
		    struct author_lesson *out);

/*
 * Replaces the lesson's Markdown in lang and stores the package as a new
 * version after validating all of it. RES_INVALID with the problems in
 * errs (nothing stored); RES_FORBIDDEN, RES_NOT_FOUND, RES_INTERNAL.
 */
enum result	 course_author_save(struct dctx *, const char *slug,
		    const char *lesson, const char *lang, const char *text,
		    struct pkg_errors *errs, int64_t *version);

#endif
