/*
 * case_ref.h: case cards inside lesson Markdown. The directive is a line
 * of its own (spaces around it allowed):
 *
 *	::case[amsterdam-algorithm-register]
 *
 * outside fenced code blocks (``` or ~~~). The slug follows v_slug
 * (^[a-z0-9][a-z0-9-]{0,99}$). A line that starts with "::case" but is
 * not a well-formed directive is an error, so typos never pass silently.
 * Documented in docs/cases-format.md.
 */
#ifndef ETHICA_CASE_REF_H
#define ETHICA_CASE_REF_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"

struct case_ref_part {
	const char	*md;		/* Markdown text (card == NULL) */
	size_t		 len;
	const char	*slug;		/* a directive: the case slug */
	int		 line;
};

/*
 * Splits md into Markdown parts and directives. Returns the number of
 * parts (arena memory in *parts), or -1 with "line N: message" in err for
 * a malformed directive.
 */
int		 case_refs_parse(struct arena *, const char *md, size_t len,
		    struct case_ref_part **parts, char *err, size_t errlen);

/*
 * For course import: 0 when every directive is well formed and names a
 * published case; -1 with "line N: ..." in err otherwise.
 */
int		 case_refs_check(struct dctx *, const char *markdown,
		    size_t len, char *err, size_t errlen);

/*
 * For course import, inside its transaction: records which cases the
 * lesson (course_lessons.id) embeds, so case pages list it. 0 or -1.
 */
int		 case_refs_record(struct dctx *, int64_t course_id,
		    int64_t lesson_id, const char *markdown, size_t len);

/* The card a directive shows: a published case's title and summary. */
struct case_card {
	const char	*slug;
	const char	*title;		/* the slug when not available */
	const char	*summary;
	const char	*organisation;
	const char	*country;
	int64_t		 year;		/* 0: unknown */
	int		 is_example;
	int		 available;	/* 0: no such published case */
};

struct tv;

/*
 * The card of case slug, texts in lang (else the case's own language),
 * strings in dc->a; available 0 when no published case has that slug.
 * Read through case_get, whose cache answers a card shown before without
 * a query. 0, or -1 when the store fails.
 */
int		 case_card_get(struct dctx *, const char *slug,
		    const char *lang, struct case_card *);
/* Sets in map the fields of card c under the names the card templates
 * read (pages/case_card.html, offline/card.html); strings borrowed. */
void		 case_card_tv(struct tv *map, const struct case_card *c);

#endif
