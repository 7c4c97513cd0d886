/*
 * fairness.h: the fairness report of a call: submissions, selections and
 * selection rates grouped by region, country, sector, category and
 * language, with small cells suppressed ("< 5").
 *
 * Regions are UNESCO's five regions (as in its statistics and regional
 * offices): Africa, Arab States, Asia and the Pacific, Europe and North
 * America, Latin America and the Caribbean. fairness_region() maps an
 * ISO 3166-1 alpha-2 code to one of them from a static table (UNESCO
 * Member States and Associate Members); other territories map to "other".
 */
#ifndef ETHICA_FAIRNESS_H
#define ETHICA_FAIRNESS_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define FAIRNESS_MIN_CELL	5

/* The region slug of country cc ("africa", "arab-states", "asia-pacific",
 * "europe-north-america", "latin-america-caribbean", "other"). */
const char	*fairness_region(const char *cc);
/* English msgid naming a region slug. */
const char	*fairness_region_label(const char *slug);
/* The region slugs, NULL-terminated (without "other"). */
extern const char *const fairness_regions[];

/* One submission as the report sees it. */
struct fairness_item {
	const char	*country;
	const char	*sector;
	const char	*category;
	const char	*language;
	int		 selected;	/* selected as excellent or accepted */
};

struct fairness_group {
	const char	*key;		/* slug or code */
	int64_t		 submitted;
	int64_t		 selected;
};

enum fairness_dim {
	FAIR_REGION = 0, FAIR_COUNTRY, FAIR_SECTOR, FAIR_CATEGORY,
	FAIR_LANGUAGE, FAIR_NDIMS
};

/*
 * Groups items by dim; *groups is an arena array sorted by key, *n its
 * length.
 */
void		 fairness_group(struct arena *, const struct fairness_item *,
		    size_t nitems, enum fairness_dim, struct fairness_group **,
		    size_t *n);
/* A count as shown: "< 5" under FAIRNESS_MIN_CELL (arena string). */
char		*fairness_cell(struct arena *, int64_t);
/* The selection rate as "NN%", or "—" when either count is suppressed. */
char		*fairness_rate(struct arena *, int64_t selected,
		    int64_t submitted);

#endif
