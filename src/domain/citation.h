/*
 * citation.h: how to cite a published case: plain text, BibTeX and
 * CSL-JSON, all from the same fields, so they always agree.
 */
#ifndef ETHICA_CITATION_H
#define ETHICA_CITATION_H

#include <stdint.h>

struct arena;

struct cite {
	const char	*slug;
	const char	*title;
	const char	*organisation;	/* the author; "" when unknown */
	int64_t		 year;		/* 0: none */
	const char	*url;		/* the stable /cases/SLUG URL */
	int64_t		 version;
	int64_t		 updated_at;	/* unix seconds */
	const char	*language;
};

/* "Org (2021). Title [version 2, updated 2026-01-05]. Ethica case
 * library. URL. Licence: CC BY 4.0." Arena memory. */
char	*citation_text(struct arena *, const struct cite *);
/* A @misc entry keyed ethica-SLUG, BibTeX specials escaped. */
char	*citation_bibtex(struct arena *, const struct cite *);
/* One CSL-JSON item (an object, "type": "webpage"). */
char	*citation_csl(struct arena *, const struct cite *);
/* Escapes BibTeX specials (\ { } $ & % # _ ^ ~). Arena memory. */
char	*citation_bibtex_escape(struct arena *, const char *);

#endif
